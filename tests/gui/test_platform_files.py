"""What differs by operating system, tested on Linux through the real window: Save As
names every OS accepts, macOS file-open events, and the windowed exe's "use nnsim-cli"."""

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QStandardPaths, QTimer, QUrl
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from nnsim.examples import example_path
from nnsim.gui.model.project_model import ProjectModel
from nnsim.gui.shell import files
from nnsim.gui.shell.file_open import install_file_open
from nnsim.gui.shell.main_window import MainWindow
from nnsim.gui.util.no_console import show_use_console, use_console_box
from nnsim.project import load, new_project, save


@pytest.fixture
def window(qtbot, monkeypatch):
    QStandardPaths.setTestModeEnabled(True)
    monkeypatch.setattr(files.QSettings, "value", lambda self, key, default=None: default)
    monkeypatch.setattr(files, "ask_unsaved", lambda parent, name: "discard")
    project = new_project("circle", n=40, seed=1, hidden=(3,), title="Zero weights: a/b")
    win = MainWindow(ProjectModel(project))
    qtbot.addWidget(win)
    win.show()
    yield win
    win.controller.shutdown()


def test_save_as_proposes_a_name_every_system_accepts(window, monkeypatch, tmp_path):
    asked = []
    monkeypatch.setattr(files, "ask_save_path", lambda parent, start: asked.append(start))
    window.act_save_as.trigger()
    assert Path(asked[0]).name == "Zero weights - a-b.json"
    assert Path(asked[0]).parent == Path.home()


def test_a_file_open_event_opens_the_project(qtbot, window, tmp_path):
    path = tmp_path / "lesson.json"
    save(load(example_path("init-zero")), path)
    app = QApplication.instance()
    handler = install_file_open(app, window)
    try:
        QCoreApplication.postEvent(app, QFileOpenEvent(str(path)))
        qtbot.waitUntil(lambda: window.model.path == path, timeout=10000)
        assert window.model.project.title == load(path).title
        assert handler.opened == [str(path)]
        other = tmp_path / "other.json"
        save(new_project("xor", n=40, seed=2, hidden=(2,), title="Other"), other)
        QCoreApplication.postEvent(app, QFileOpenEvent(QUrl.fromLocalFile(str(other))))
        qtbot.waitUntil(lambda: window.model.path == other, timeout=10000)
        assert window.model.project.title == "Other"
    finally:
        app.removeEventFilter(handler)


def test_a_file_open_event_for_a_broken_file_keeps_the_project(
    qtbot, window, monkeypatch, tmp_path
):
    errors = []
    monkeypatch.setattr(files, "show_error", lambda parent, title, text: errors.append(text))
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    app = QApplication.instance()
    handler = install_file_open(app, window)
    try:
        QCoreApplication.postEvent(app, QFileOpenEvent(str(bad)))
        qtbot.waitUntil(lambda: bool(errors), timeout=10000)
        assert window.model.project.title == "Zero weights: a/b"
    finally:
        app.removeEventFilter(handler)


def test_the_no_console_dialog_names_nnsim_cli(qtbot):
    box = use_console_box(["train", "my lesson.json", "--epochs", "5"])
    qtbot.addWidget(box)
    assert box.icon() == QMessageBox.Icon.Information
    assert "cannot print" in box.text()
    assert 'nnsim-cli train "my lesson.json" --epochs 5' in box.informativeText()


def test_showing_the_no_console_dialog_waits_for_ok(qtbot):
    seen = []

    def answer():
        box = QApplication.activeModalWidget()
        seen.append(box.informativeText())
        box.button(QMessageBox.StandardButton.Ok).click()

    QTimer.singleShot(0, answer)
    show_use_console(["--help"])
    assert seen and "nnsim-cli --help" in seen[0]


def test_the_no_console_dialog_speaks_russian(qtbot):
    from nnsim.gui.util import i18n

    app = QApplication.instance()
    try:
        assert i18n.install(app, "ru") == "ru"
        box = use_console_box(["train", "x.json"])
        qtbot.addWidget(box)
        assert box.text().startswith("Эта программа nnsim открывает окно")
        assert "nnsim-cli train x.json" in box.informativeText()
    finally:
        i18n.install(app, "en")
