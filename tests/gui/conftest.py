"""Fixtures for GUI tests: a small seeded project, its model and a training controller."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from nnsim.project import new_project  # noqa: E402


@pytest.fixture
def project():
    return new_project("circle", n=60, seed=0, hidden=(3,))


@pytest.fixture
def model(qtbot, project):
    from nnsim.gui.model import ProjectModel

    return ProjectModel(project)


@pytest.fixture
def controller(model):
    from nnsim.gui.training import TrainingController

    ctl = TrainingController(model)
    yield ctl
    ctl.shutdown()
    # No training process may outlive its test.
    assert not ctl._remote.alive
