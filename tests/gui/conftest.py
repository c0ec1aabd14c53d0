"""Fixtures for GUI tests: a small seeded project, its model and the session that owns it
(the ``controller`` fixture, named for the views' parameter)."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from nnsim.project import new_project  # noqa: E402


@pytest.fixture(autouse=True)
def _autosave_in_tmp(tmp_path, monkeypatch):
    """Windows autosave into the test's folder, never into the user's data folder."""
    monkeypatch.setenv("NNSIM_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture
def project():
    return new_project("circle", n=60, seed=0, hidden=(3,))


@pytest.fixture
def model(qtbot, project):
    from nnsim.gui.model.project_model import ProjectModel

    return ProjectModel(project)


@pytest.fixture
def controller(model):
    from nnsim.gui.model.session import Session

    ctl = Session(model)
    yield ctl
    ctl.shutdown()
    # No training process may outlive its test.
    assert not ctl._remote.alive


@pytest.fixture
def qtbot(qtbot):
    """pytest-qt's qtbot, but widgets given to ``addWidget`` stay alive until teardown.

    pytest-qt keeps only weak references: a view created in a test's body is garbage
    collected when the body returns, and the event processing that follows could paint a
    pyqtgraph view whose scene was already gone, crashing the whole run.
    """
    kept = []
    add_widget = qtbot.addWidget

    def keep_and_add(widget, **kwargs):
        kept.append(widget)
        add_widget(widget, **kwargs)

    qtbot.addWidget = keep_and_add
    yield qtbot
    kept.clear()


@pytest.fixture
def app_window(qtbot, tmp_path, monkeypatch):
    """The app's real main window (``create_window``), its settings in the test's folder,
    no question on closing, shown and exposed; its training child ended at teardown."""
    from PySide6.QtCore import QSettings

    from nnsim.gui.shell import files
    from nnsim.gui.shell.app import create_window

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    monkeypatch.setattr(files, "ask_unsaved", lambda *a: "discard")
    w = create_window()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.controller.shutdown()
