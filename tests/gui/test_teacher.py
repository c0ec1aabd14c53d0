"""Teacher mode: lesson settings saved in the project, the student's locked and hidden
view, the note in the banner, and teacher mode showing everything again."""

from dataclasses import replace

import pytest
from PySide6.QtCore import QSettings, Qt

from nnsim.project import load, new_project, save
from nnsim.project.edits import set_teacher

NOTE = "Today: why does one neuron fail on XOR? Press Play and watch the loss."


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    """A real main window with its settings in a temporary folder and no blocking dialogs."""
    from nnsim.gui.shell import files, teacher
    from nnsim.gui.shell.app import create_window

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    monkeypatch.setattr(files, "ask_unsaved", lambda *a: "discard")
    monkeypatch.setattr(teacher, "_confirmed", [False])
    asked = []
    monkeypatch.setattr(teacher, "confirm_teacher_mode", lambda parent: asked.append(1) or True)
    w = create_window()
    w.confirmations = asked
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.presentation.set_enabled(False)


def lesson(**teacher):
    p = new_project("xor", n=40, seed=1, hidden=(2,), title="XOR lesson")
    p = replace(p, description="A single hidden layer.")
    return set_teacher(p, **teacher)


def test_settings_round_trip_through_save_and_load(tmp_path):
    p = lesson(locked=["Network", "Saving"], hidden=["Neuron"], note=NOTE)
    save(p, tmp_path / "lesson.json")
    again = load(tmp_path / "lesson.json")
    assert again.teacher == {"locked": ["Network", "Saving"], "hidden": ["Neuron"], "note": NOTE}


def test_student_sees_locked_and_hidden_groups_and_the_note(window, qtbot):
    window.model.set_project(lesson(locked=["Network"], hidden=["Neuron"], note=NOTE))
    network, neuron = window.docks["Network"], window.docks["Neuron"]
    assert not network.widget().isEnabled()
    assert "Locked by the teacher" in network.widget().toolTip()
    assert not window.network_editor.isEnabled()  # the editor inside is disabled too
    assert network.isVisible()
    assert not neuron.isVisible()
    assert not neuron.toggleViewAction().isEnabled()  # View menu cannot bring it back
    assert window.docks["Data"].widget().isEnabled()
    assert window.docks["Training"].isVisible()
    assert window.banner.isVisible()
    text = window.banner.label.text()
    assert "A single hidden layer." in text  # the description
    assert "Press Play and watch the loss." in text  # and the note
    assert not window.teacher.indicator.isVisible()


def test_teacher_mode_shows_everything_and_off_locks_again(window, qtbot):
    window.model.set_project(lesson(locked=["Network", "Data"], hidden=["Neuron"]))
    assert window.plane.tool == "select"  # a locked Data dock leaves no editing tool
    assert window.confirmations == []
    qtbot.keyClick(
        window,
        Qt.Key.Key_T,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.teacher.enabled and window.teacher.act_mode.isChecked()
    assert window.confirmations == [1]
    assert window.teacher.indicator.isVisible()
    assert all(d.widget().isEnabled() for d in window.docks.values())
    assert all(d.isVisible() for d in window.docks.values())
    assert window.docks["Neuron"].toggleViewAction().isEnabled()
    assert window.teacher.act_lesson.isEnabled()
    window.teacher.act_mode.trigger()  # off: the student's view again
    assert not window.docks["Network"].widget().isEnabled()
    assert not window.docks["Neuron"].isVisible()
    window.teacher.act_mode.trigger()  # on again: confirmed once per session only
    assert window.confirmations == [1]
    assert window.docks["Neuron"].isVisible()
    assert window.plane.tool == "add"  # the tool from before the lock


def test_declining_the_confirmation_keeps_the_student_view(window, monkeypatch):
    from nnsim.gui.shell import teacher

    monkeypatch.setattr(teacher, "confirm_teacher_mode", lambda parent: False)
    window.model.set_project(lesson(locked=["Network"]))
    window.teacher.act_mode.trigger()
    assert not window.teacher.enabled
    assert not window.teacher.act_mode.isChecked()
    assert not window.docks["Network"].widget().isEnabled()


def test_lesson_dialog_saves_settings_as_an_undo_step(window, qtbot):
    window.teacher.set_enabled(True)
    dialog = window.teacher.edit_lesson()
    assert dialog.groups[:4] == ["Data", "Network", "Training", "Neuron"]
    assert "Saving" in dialog.groups
    dialog.locked_boxes["Training"].click()
    dialog.hidden_boxes["Data"].click()
    dialog.locked_boxes["Saving"].click()
    dialog.note.setPlainText(NOTE)
    dialog.accept()
    teacher = window.model.project.teacher
    assert teacher == {"locked": ["Training", "Saving"], "hidden": ["Data"], "note": NOTE}
    assert window.model.undo_stack.undoText() == "Change lesson settings"
    assert "Press Play" in window.banner.label.text()  # the teacher sees the note too
    assert window.docks["Data"].isVisible()  # still teacher mode: nothing hidden
    assert "hidden from students" in window.docks["Data"].windowTitle()
    window.teacher.set_enabled(False)
    assert not window.docks["Data"].isVisible()
    assert not window.docks["Training"].widget().isEnabled()
    assert not window.act_save.isEnabled() and not window.act_save_as.isEnabled()
    window.model.undo_stack.undo()  # the settings go, and with them the locks
    assert window.docks["Data"].isVisible()
    assert window.docks["Training"].widget().isEnabled()
    assert window.act_save.isEnabled()
    assert window.docks["Training"].windowTitle() == "Training"


def test_hidden_backprop_step_removes_its_command(window):
    if not hasattr(window, "act_backprop"):
        pytest.skip("this window has no backprop stepper")
    assert "Backprop step" in window.teacher.groups()
    window.model.set_project(lesson(hidden=["Backprop step"]))
    assert not window.act_backprop.isVisible()
    window.model.set_project(lesson())
    assert window.act_backprop.isVisible() and window.act_backprop.isEnabled()


def test_a_new_project_frees_what_the_lesson_hid(window):
    window.model.set_project(lesson(locked=["Training"], hidden=["Network"]))
    assert not window.docks["Network"].isVisible()
    window.model.set_project(new_project("circle", n=40, seed=0, hidden=(3,)))
    assert window.docks["Network"].isVisible()
    assert window.docks["Training"].widget().isEnabled()
    assert window.docks["Training"].windowTitle() == "Training"
