"""File > Export… in the real window: the files ``nnsim export`` writes, from the weights
the window shows."""

import json

import numpy as np
import pytest
from PySide6.QtCore import QStandardPaths

from nnsim.core.hyper import Hyperparameters
from nnsim.gui.model.project_model import ProjectModel
from nnsim.gui.shell import export as export_action
from nnsim.gui.shell import files
from nnsim.gui.shell.main_window import MainWindow
from nnsim.project import new_project
from nnsim.project.export.torch_script import script_text


@pytest.fixture
def window(qtbot, monkeypatch):
    QStandardPaths.setTestModeEnabled(True)
    monkeypatch.setattr(files.QSettings, "value", lambda self, key, default=None: default)
    monkeypatch.setattr(files, "ask_unsaved", lambda parent, name: "discard")
    errors = []
    monkeypatch.setattr(
        export_action, "show_error", lambda parent, title, text: errors.append(text)
    )
    hp = Hyperparameters(learning_rate=0.1, max_epochs=50)
    win = MainWindow(ProjectModel(new_project("circle", n=60, seed=1, hidden=(4,), hyper=hp)))
    win.errors = errors
    qtbot.addWidget(win)
    win.show()
    yield win
    win.controller.shutdown()


def test_export_is_in_the_file_menu(window):
    file_menu = window.menuBar().actions()[0].menu()
    assert window.act_export in file_menu.actions()
    assert window.act_export.text() == "E&xport…"


@pytest.mark.parametrize("fmt", ["torch", "npz"])
def test_export_writes_the_trained_network(window, monkeypatch, tmp_path, fmt):
    window.act_step_epoch.trigger()
    target = tmp_path / ("net.py" if fmt == "torch" else "net.npz")
    asked = []
    monkeypatch.setattr(
        export_action,
        "ask_export_path",
        lambda parent, start: asked.append(start) or (str(target), fmt),
    )
    window.act_export.trigger()
    assert asked and asked[0].endswith(".py")
    p = window.model.project
    assert p.epoch == 1
    if fmt == "torch":
        assert target.read_text(encoding="utf-8") == script_text(p, "net.py")
    else:
        with np.load(target) as arrays:
            assert np.array_equal(arrays["W1"], window.model.network.W[1])
        assert json.loads((tmp_path / "net.npz.json").read_text())["epoch"] == 1
    assert target.name in window.statusBar().currentMessage()
    assert window.errors == []


def test_a_failed_export_says_why_and_cancel_writes_nothing(window, monkeypatch, tmp_path):
    missing = tmp_path / "no such folder" / "net.py"
    monkeypatch.setattr(
        export_action, "ask_export_path", lambda parent, start: (str(missing), "torch")
    )
    window.act_export.trigger()
    assert len(window.errors) == 1 and "net.py" in window.errors[0]
    monkeypatch.setattr(export_action, "ask_export_path", lambda parent, start: None)
    window.act_export.trigger()
    assert len(window.errors) == 1 and list(tmp_path.iterdir()) == []


def test_export_speaks_russian(qapp, qtbot):
    from nnsim.gui.util import i18n

    try:
        assert i18n.install(qapp, "ru") == "ru"
        assert export_action._tr("E&xport…") == "&Экспорт…"
        assert "PyTorch" in export_action._tr(export_action.FILTERS["torch"])
        assert export_action._tr("Exported {files}").format(files="a.py") == "Экспортировано: a.py"
    finally:
        i18n.install(qapp, "en")
