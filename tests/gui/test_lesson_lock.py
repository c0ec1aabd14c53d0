"""The lesson lock has no side door: with Network and Training locked, every command, menu
entry, shortcut and dialog that would change them is off or refused."""

from dataclasses import replace

import pytest
from PySide6.QtGui import QAction, QFileOpenEvent, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from nnsim.gui.shell.file_open import install_file_open
from nnsim.gui.shell.lesson_lock import UNDO, groups_for
from nnsim.project import new_project
from nnsim.project.edits import set_data, set_hyper, set_teacher

LOCKED = ["Network", "Training"]


@pytest.fixture
def window(app_window, monkeypatch):
    from nnsim.gui.shell import files, teacher

    monkeypatch.setattr(files, "ask_open_path", lambda *a: pytest.fail("no file dialog"))
    monkeypatch.setattr(teacher, "_confirmed", [True])
    return app_window


def lesson():
    p = new_project("xor", n=40, seed=1, hidden=(), title="XOR lesson")
    return set_teacher(p, locked=LOCKED, note="Do not change the network yet.")


def every_entry(window) -> list[QAction]:
    """Every QAction of the window and every entry of its menus, submenus included."""
    found = {id(a): a for a in window.findChildren(QAction)}
    menus = [a.menu() for a in window.menuBar().actions() if a.menu()]
    while menus:
        menu = menus.pop()
        for a in menu.actions():
            found.setdefault(id(a), a)
            if isinstance(a.menu(), QMenu):
                menus.append(a.menu())
    return list(found.values())


def test_every_command_is_in_the_lock_table_and_follows_it(window):
    window.model.set_project(lesson())
    entries = every_entry(window)
    assert len(entries) > 40  # menus, toolbar, examples, docks, languages, ...
    unknown = []
    for act in entries:
        try:
            groups = groups_for(window, act)
        except KeyError:
            unknown.append(act.text())
            continue
        if groups == UNDO or not groups:
            continue
        if set(groups) & set(LOCKED):
            assert not act.isEnabled(), f"{act.text()!r} is locked by {sorted(groups)}"
    assert not unknown, f"commands missing from the lock table: {unknown}"
    for name in ("act_search", "act_capacity", "act_new", "act_open", "act_reset"):
        assert not getattr(window, name).isEnabled(), name
    assert not window.welcome.act_examples.isEnabled()
    assert not window.recent_menu.isEnabled() and not window.examples_menu.isEnabled()
    for name in ("act_play", "act_step_epoch", "act_save", "act_export"):
        assert getattr(window, name).isEnabled(), name  # training and saving stay free
    # teacher mode frees every command again, and switching it off locks them again
    window.teacher.set_enabled(True)
    assert window.act_search.isEnabled() and window.act_open.isEnabled()
    window.teacher.set_enabled(False)
    assert not window.act_search.isEnabled()


def test_shortcuts_of_locked_commands_do_nothing(window, qtbot):
    window.model.set_project(lesson())
    before = window.model.project
    window.activateWindow()
    for keys in ("Ctrl+Shift+H", "Ctrl+N", "Ctrl+O", "Ctrl+R", "Ctrl+B"):
        QTest.keySequence(window, keys)
    assert window._search is None or not window._search.isVisible()
    assert window.stepper is None or not window.stepper.isVisible()
    assert window.model.project is before


def test_hand_edits_apply_best_and_the_stepper_update_are_refused(window):
    window.model.set_project(lesson())
    model = window.model
    before = model.project
    hp = before.hyper.with_changes(learning_rate=0.5)
    assert not model.edit(set_hyper(before, hp), "Change learning rate")
    assert not window.hyper_panel.commit("learning_rate", 0.5) or model.project is before
    wider = replace(before, weights=tuple((W * 2, b) for W, b in before.weights))
    assert not model.edit(wider, "Backprop step")  # the stepper's update is an edit
    assert model.project is before
    assert not model.dirty
    assert "Locked by the teacher" in window.statusBar().currentMessage()
    d = before.data  # a data edit is not locked by this lesson
    fewer = set_data(
        before, d.X[:-1], d.y[:-1], d.split[:-1], split_ratios=d.split_ratios, split_seed=1
    )
    assert model.edit(fewer, "Erase a point")


def test_undo_of_a_locked_part_is_disabled_but_other_undo_works(window):
    model = window.model
    model.set_project(set_teacher(lesson(), locked=[]))
    window.teacher.set_enabled(True)
    window.teacher.set_lesson(locked=LOCKED)
    p = model.project
    model.edit(set_hyper(p, p.hyper.with_changes(learning_rate=0.5)), "Change learning rate")
    window.teacher.set_enabled(False)  # a student now: the last edit touched Training
    assert not window.act_undo.isEnabled()
    window.activateWindow()
    QTest.keySequence(window, QKeySequence(QKeySequence.StandardKey.Undo))
    assert model.project.hyper.learning_rate == 0.5
    d = model.project.data
    fewer = set_data(
        model.project, d.X[:-1], d.y[:-1], d.split[:-1], split_ratios=d.split_ratios, split_seed=1
    )
    assert model.edit(fewer, "Erase a point")  # Data is not locked
    assert window.act_undo.isEnabled()
    window.act_undo.trigger()
    assert model.project.data.n == d.n
    assert not window.act_undo.isEnabled()  # next: the learning rate again
    assert window.act_redo.isEnabled()
    window.teacher.set_enabled(True)
    assert window.act_undo.isEnabled()  # the teacher may undo anything


def test_opening_files_is_refused_while_locked(window, tmp_path, qtbot):
    from nnsim.project import save

    window.model.set_project(lesson())
    before = window.model.project
    other = tmp_path / "other.json"
    save(new_project("circle", n=20, seed=0, hidden=(8,)), other)
    assert not window.files.open_path(other)
    assert not window.files.open_example("xor_single_neuron.json")
    window.files.new()
    # a file dropped on the app's icon (macOS) arrives as a QFileOpenEvent
    handler = install_file_open(QApplication.instance(), window)
    try:
        handler.eventFilter(window, QFileOpenEvent(str(other)))
        qtbot.waitUntil(lambda: handler.opened == [str(other)])
        QApplication.processEvents()
    finally:
        QApplication.instance().removeEventFilter(handler)
    assert window.model.project is before


def test_a_search_that_changes_nothing_leaves_the_file_unmodified(window):
    from nnsim.core.trials import SearchOutcome

    window.model.set_project(new_project("xor", n=40, seed=1, hidden=(2,)))
    dialog = window.search_dialog()
    outcome = SearchOutcome(dialog.space(), (), None, None, cancelled=True, total=4, seed=0)
    dialog._finished(outcome, 0.1)  # cancelled before any trial ended
    assert not window.model.dirty and window.model.project.search is None
    assert "Cancelled" in dialog.status.text()
