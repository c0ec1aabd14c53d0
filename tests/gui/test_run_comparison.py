"""Run comparison: earlier runs stay on the Loss and Error plots, named by what changed."""

from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import Qt

from nnsim.gui.views.plots.runs import diff_name
from nnsim.gui.views.plots.training_plots import TrainingPlots


@pytest.fixture
def plots(qtbot, model):
    widget = TrainingPlots(model)
    qtbot.addWidget(widget)
    widget.resize(900, 500)
    widget.show()
    return widget


def run_items(plots, plot):
    return [item for p, item in plots.run_overlay.items if p is plot.plot_item]


def train(controller, epochs):
    for _ in range(epochs):
        controller.step("epoch")


def set_lr(model, lr):
    p = model.project
    model.edit(replace(p, hyper=p.hyper.with_changes(learning_rate=lr)), "lr", ("hyper",))


def test_reset_and_a_new_learning_rate_keep_the_old_run_named_by_the_change(
    plots, model, controller
):
    assert plots.run_list.isHidden()
    train(controller, 3)
    old_val = np.array([r.val_loss for r in model.history])
    controller.reset()
    set_lr(model, 0.1)
    assert plots.run_list.list.count() == 1
    train(controller, 2)
    item = plots.run_list.list.item(0)
    assert item.text() == "run 1 · lr 0.03 → 0.1"
    assert not plots.run_list.isHidden()
    # dashed validation and dotted training curves on the Loss and Error plots
    loss_items = run_items(plots, plots.loss_plot)
    assert len(loss_items) == 2 and len(run_items(plots, plots.error_plot)) == 2
    x, y = loss_items[0].getOriginalDataset()
    np.testing.assert_array_equal(x, [1, 2, 3])
    np.testing.assert_array_equal(y, old_val)
    assert loss_items[0].opts["pen"].style() == Qt.PenStyle.DashLine
    # the current run is drawn as before
    x, _ = plots.loss_plot.curves["val"].getOriginalDataset()
    np.testing.assert_array_equal(x, [1, 2])


def test_hide_and_clear_runs(plots, model, controller):
    train(controller, 2)
    controller.reset()
    train(controller, 1)
    controller.reset()
    train(controller, 3)
    assert plots.run_list.list.count() == 2
    plots.run_list.list.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert len(run_items(plots, plots.loss_plot)) == 2  # only the second run
    assert plots.run_list.list.item(1).text() == "run 2 · same settings"
    plots.run_list.clear_button.click()
    assert plots.runs.runs == [] and plots.run_overlay.items == []
    assert plots.run_list.isHidden()


def test_undo_of_a_reset_takes_the_run_back(plots, model, controller):
    train(controller, 3)
    controller.reset()
    assert plots.run_list.list.count() == 1
    model.undo_stack.undo()
    assert len(model.history) == 3
    assert plots.run_list.list.count() == 0


def test_opening_another_project_clears_the_runs(plots, model, controller, project):
    train(controller, 2)
    controller.reset()
    assert plots.runs.runs
    model.set_project(project)
    assert plots.runs.runs == [] and plots.run_list.isHidden()


def test_diff_names_topology_and_hyperparameters():
    from nnsim.core.hyper import Hyperparameters

    a, b = Hyperparameters(), Hyperparameters(momentum=0.9, batch_size=1)
    assert diff_name(a, b, (2, 3, 2), (2, 8, 2)) == "hidden 3 → 8 · β 0 → 0.9 · batch 10 → 1"


def test_undo_of_a_reset_after_playing_takes_the_run_back(plots, model, controller, qtbot):
    p = model.project
    model.edit(replace(p, hyper=p.hyper.with_changes(max_epochs=15)), "epochs", ("hyper",))
    controller.play()
    qtbot.waitUntil(lambda: not controller.running and len(model.history) == 15, timeout=20_000)
    controller.reset()
    assert plots.run_list.list.count() == 1
    model.undo_stack.undo()
    assert len(model.history) == 15
    assert plots.run_list.list.count() == 0
