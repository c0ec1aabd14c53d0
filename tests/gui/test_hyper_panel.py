"""HyperPanel: typed edits become undo steps, impossible values stay out of the project,
live changes reach training, and model changes refresh the form without echoing."""

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from nnsim.gui.panels.hyper_fields import FULL_BATCH
from nnsim.gui.panels.hyper_panel import HyperPanel
from nnsim.project import new_project


@pytest.fixture
def panel(qtbot, model):
    widget = HyperPanel(model)
    qtbot.addWidget(widget)
    widget.resize(420, 900)
    widget.show()
    return widget


def type_into(qtbot, spin, text):
    """Select the spin box's text, type a new value and press Enter, as a user does."""
    edit = spin.lineEdit()
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key_Return)


def test_typing_a_learning_rate_is_one_undoable_edit(panel, model, qtbot):
    spin = panel.widgets["learning_rate"]
    assert model.project.hyper.learning_rate == 0.03
    type_into(qtbot, spin, "0.1")
    assert model.project.hyper.learning_rate == 0.1
    assert model.undo_stack.count() == 1
    assert model.undo_stack.undoText() == "Change learning rate"
    model.undo_stack.undo()
    assert model.project.hyper.learning_rate == 0.03
    assert spin.value() == pytest.approx(0.03)
    assert model.undo_stack.count() == 1  # the refresh did not push an edit


def test_arrows_walk_common_learning_rates(panel, model):
    spin = panel.widgets["learning_rate"]
    spin.stepBy(1)
    assert model.project.hyper.learning_rate == pytest.approx(0.1)
    spin.stepBy(-2)
    assert model.project.hyper.learning_rate == pytest.approx(0.01)
    assert spin.text() == "0.01"


def test_impossible_value_shows_inline_error_and_keeps_the_project(panel, model, qtbot):
    schedule, decay = panel.widgets["schedule"], panel.widgets["decay"]
    assert not decay.isEnabled()  # constant schedule: delta does nothing
    schedule.setCurrentIndex(schedule.findData("power"))
    hp = model.project.hyper
    assert hp.schedule == "power" and 0.5 < hp.decay <= 1  # switched to a valid delta
    assert decay.isEnabled()
    count = model.undo_stack.count()
    before = model.project
    type_into(qtbot, decay, "0.3")
    error = panel.errors["decay"]
    assert error.isVisible()
    assert "(0.5, 1]" in error.text()
    assert "color: #c62828" in error.styleSheet()
    assert model.project is before
    assert model.undo_stack.count() == count
    # a valid value clears the message
    type_into(qtbot, decay, "0.75")
    assert not error.isVisible()
    assert model.project.hyper.decay == 0.75


def test_change_while_training_reaches_the_trainer(panel, model, controller, qtbot):
    type_into(qtbot, panel.widgets["max_epochs"], "1000000")
    assert model.project.hyper.max_epochs == 1_000_000
    controller.play()
    qtbot.waitUntil(lambda: len(model.history) >= 2, timeout=5000)
    assert all(r.learning_rate == 0.03 for r in model.history)
    type_into(qtbot, panel.widgets["learning_rate"], "0.2")
    assert model.project.hyper.learning_rate == 0.2
    qtbot.waitUntil(lambda: model.history[-1].learning_rate == 0.2, timeout=5000)
    assert controller.running  # training went on with the new value
    controller.pause()
    assert model.project.hyper.learning_rate == 0.2


def test_model_changes_refresh_widgets_without_edits(panel, model, monkeypatch):
    echoes = []
    monkeypatch.setattr(panel, "commit", lambda *args: echoes.append(args))
    hp = model.project.hyper.with_changes(
        learning_rate=0.5,
        schedule="inverse",
        decay=0.25,
        batch_size=FULL_BATCH,
        momentum=0.9,
        regularization="l1",
        reg_lambda=0.001,
        init="constant",
        early_stopping=True,
        train_biases=False,
        dtype="float32",
    )
    model.edit(replace(model.project, hyper=hp), "Teacher preset", ("hyper",))
    assert model.undo_stack.count() == 1
    w = panel.widgets
    assert w["learning_rate"].value() == 0.5
    assert w["schedule"].currentData() == "inverse" and w["decay"].value() == 0.25
    assert panel.full_batch.isChecked() and not w["batch_size"].isEnabled()
    assert w["momentum"].value() == 0.9
    assert w["regularization"].currentData() == "l1" and w["reg_lambda"].isEnabled()
    assert w["reg_lambda"].value() == 0.001
    assert w["init"].currentData() == "constant" and w["init_constant"].isEnabled()
    assert w["early_stopping"].isChecked() and w["patience"].isEnabled()
    assert not w["train_biases"].isChecked()
    assert w["dtype"].currentData() == "float32"
    assert model.undo_stack.count() == 1 and model.project.hyper == hp
    model.undo_stack.undo()
    assert w["schedule"].currentData() == "constant" and not w["decay"].isEnabled()
    assert not panel.full_batch.isChecked() and w["batch_size"].value() == 10
    assert model.undo_stack.count() == 1 and model.undo_stack.index() == 0
    # a whole new project
    other = new_project("xor", n=40, seed=1, hidden=(2,))
    other = replace(other, hyper=other.hyper.with_changes(learning_rate=0.003))
    model.set_project(other)
    assert w["learning_rate"].value() == 0.003
    assert model.undo_stack.count() == 0
    assert echoes == []  # the refreshes were not echoed back as edits


def test_full_batch_checkbox(panel, model, qtbot):
    type_into(qtbot, panel.widgets["batch_size"], "25")
    assert model.project.hyper.batch_size == 25
    qtbot.mouseClick(panel.full_batch, Qt.LeftButton)
    assert model.project.hyper.batch_size == FULL_BATCH
    assert not panel.widgets["batch_size"].isEnabled()
    qtbot.mouseClick(panel.full_batch, Qt.LeftButton)
    assert model.project.hyper.batch_size == 25  # the previous mini-batch comes back


def test_combos_and_checkboxes_edit_their_fields(panel, model, qtbot):
    w = panel.widgets
    w["regularization"].setCurrentIndex(w["regularization"].findData("l2"))
    type_into(qtbot, w["reg_lambda"], "0.01")
    qtbot.mouseClick(w["early_stopping"], Qt.LeftButton)
    w["init"].setCurrentIndex(w["init"].findData("zero"))
    hp = model.project.hyper
    assert (hp.regularization, hp.reg_lambda, hp.early_stopping, hp.init) == (
        "l2",
        0.01,
        True,
        "zero",
    )
    assert model.undo_stack.undoText() == "Change initialization"
    assert model.undo_stack.count() == 4


def test_every_control_has_a_tooltip_with_the_formula(panel):
    for name, widget in panel.widgets.items():
        assert widget.toolTip(), name
    assert "v = grad + beta v_prev" in panel.widgets["learning_rate"].toolTip()
    assert "2 lambda W" in panel.widgets["regularization"].toolTip()
    assert "sqrt(6)/sqrt(H_k + H_{k-1})" in panel.widgets["init"].toolTip()
    assert "average over the mini-batch" in panel.widgets["batch_size"].toolTip()
    assert "Reset" in panel.widgets["seed"].toolTip()
