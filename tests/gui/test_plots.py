"""TrainingPlots and its history columns, driven through the real model and controller."""

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt

from nnsim.core.trainer import EpochRecord
from nnsim.gui.views.plots.columns import HistoryColumns
from nnsim.gui.views.plots.summary import summary_text
from nnsim.gui.views.plots.training_plots import PlotTab, TrainingPlots
from nnsim.project import new_project


@pytest.fixture
def plots(qtbot, model):
    widget = TrainingPlots(model)
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    return widget


def data(curve):
    """What was given to the curve (before clipping/downsampling for drawing)."""
    x, y = curve.getOriginalDataset()
    return (np.empty(0), np.empty(0)) if x is None else (x, y)


def column(model, name):
    return np.array([getattr(r, name) for r in model.history])


def test_loss_curves_hold_the_history(plots, model, controller):
    for _ in range(3):
        controller.step("epoch")
    assert len(model.history) == 3
    for key, name in (("train", "train_loss"), ("val", "val_loss")):
        x, y = data(plots.loss_plot.curves[key])
        np.testing.assert_array_equal(x, [1, 2, 3])
        np.testing.assert_array_equal(y, column(model, name))
    controller.step("epoch")
    x, y = data(plots.loss_plot.curves["train"])
    assert len(x) == 4
    np.testing.assert_array_equal(y, column(model, "train_loss"))


def test_reset_clears_and_undo_restores_the_curves(plots, model, controller):
    for _ in range(3):
        controller.step("epoch")
    before = column(model, "train_loss")
    controller.reset()
    assert len(data(plots.loss_plot.curves["train"])[0]) == 0
    model.undo_stack.undo()
    np.testing.assert_array_equal(data(plots.loss_plot.curves["train"])[1], before)


def test_project_replaced_redraws_from_history(plots, model, controller):
    for _ in range(2):
        controller.step("epoch")
    model.set_project(new_project("xor", n=40, seed=1, hidden=(2, 2)))
    assert len(data(plots.loss_plot.curves["train"])[0]) == 0
    assert plots.heatmap.layer_combo.count() == 3
    assert len(plots.grad_plot.curves) == 3


def test_log_checkbox_sets_the_view_setting_and_log_mode(plots, model, qtbot):
    axis = plots.loss_plot.plot_item.getAxis("left")
    assert not axis.logMode
    qtbot.mouseClick(plots.log_checkbox, Qt.LeftButton)
    assert model.project.view["log_loss"] is True
    assert axis.logMode
    assert model.undo_stack.count() == 0  # a view setting, not an undoable edit
    # and from the model back to the widget
    model.set_fields(view={**model.project.view, "log_loss": False})
    assert not plots.log_checkbox.isChecked()
    assert not axis.logMode


def test_weights_heatmap_shows_W1_and_follows_training(plots, model, controller, qtbot):
    plots.tabs.setCurrentIndex(PlotTab.WEIGHTS)
    image = plots.heatmap.image
    np.testing.assert_array_equal(image.image, model.network.W[1])
    controller.step("epoch")
    qtbot.waitUntil(lambda: np.array_equal(image.image, model.network.W[1]), timeout=2000)
    old = image.image.copy()
    controller.step("epoch")
    qtbot.waitUntil(lambda: np.array_equal(image.image, model.network.W[1]), timeout=2000)
    assert not np.array_equal(image.image, old)
    # rows = neurons of layer 1, columns = inputs; colours symmetric around 0
    assert image.image.shape == (3, len(model.project.features))
    lo, hi = image.getLevels()
    assert lo == pytest.approx(-hi)
    assert hi == pytest.approx(np.abs(model.network.W[1]).max())
    plots.heatmap.layer_combo.setCurrentIndex(1)
    np.testing.assert_array_equal(image.image, model.network.W[2])


def test_weight_norm_history(plots, model, controller):
    for _ in range(3):
        controller.step("epoch")
    plots.tabs.setCurrentIndex(PlotTab.WEIGHTS)
    norms = np.array([r.weight_norms for r in model.history])
    for k in (1, 2):
        np.testing.assert_allclose(data(plots.norm_plot.curves[str(k)])[1], norms[:, k - 1])
    np.testing.assert_allclose(norms[-1, 0], np.linalg.norm(model.network.W[1]))


def test_gradient_plot_has_one_log_curve_per_layer(plots, model, controller):
    for _ in range(3):
        controller.step("epoch")
    plots.tabs.setCurrentIndex(PlotTab.GRADIENTS)
    assert (
        sorted(plots.grad_plot.curves)
        == ["1", "2"]
        == [str(k) for k in range(1, model.network.n_layers + 1)]
    )
    names = [label.text for _, label in plots.grad_plot.legend.items]
    assert names == ["layer 1", "layer 2 (output)"]
    assert plots.grad_plot.plot_item.getAxis("left").logMode
    grads = np.array([r.grad_norms for r in model.history])
    np.testing.assert_allclose(data(plots.grad_plot.curves["1"])[1], grads[:, 0])


def test_error_and_learning_rate_tabs(plots, model, controller):
    for _ in range(3):
        controller.step("epoch")
    plots.tabs.setCurrentIndex(PlotTab.ERROR)
    val = 100 * column(model, "val_error")
    np.testing.assert_allclose(data(plots.error_plot.curves["val"])[1], val)
    np.testing.assert_allclose(data(plots.error_plot.curves["accuracy"])[1], 100 - val)
    plots.tabs.setCurrentIndex(PlotTab.RATE)
    np.testing.assert_array_equal(
        data(plots.lr_plot.curves["lr"])[1], column(model, "learning_rate")
    )
    assert "alpha_t = alpha" in plots.formula_label.text()


def test_hover_readout_shows_the_nearest_epoch(plots, model, controller):
    for _ in range(3):
        controller.step("epoch")
    plots.loss_plot.show_epoch_near(2.2)
    text = plots.loss_plot.readout.text()
    assert text.startswith("epoch 2 ·")
    assert f"{model.history[1].train_loss:.4g}" in text
    assert plots.loss_plot.crosshair.value() == 2


def test_regression_error_plot_shows_mse(qtbot):
    from nnsim.gui.model.project_model import ProjectModel
    from nnsim.gui.model.session import Session

    model = ProjectModel(new_project("sin1d", n=40, seed=0, hidden=(3,)))
    plots = TrainingPlots(model)
    qtbot.addWidget(plots)
    assert summary_text(model) == "Epoch 0 · not trained yet"
    assert plots.error_plot.plot_item.getAxis("left").labelText == "MSE"
    assert not plots.error_plot.curves["accuracy"].isVisible()
    assert [label.text for _, label in plots.error_plot.legend.items] == [
        "training MSE",
        "validation MSE",
    ]
    controller = Session(model)
    try:
        controller.step("epoch")
    finally:
        controller.shutdown()
    plots.tabs.setCurrentIndex(PlotTab.ERROR)
    np.testing.assert_array_equal(
        data(plots.error_plot.curves["val"])[1], column(model, "val_error")
    )
    assert summary_text(model).endswith(f"val MSE {model.history[-1].val_error:.4g}")


def test_summary_text(model, controller):
    for _ in range(2):
        controller.step("epoch")
    r = model.history[-1]
    assert summary_text(model) == (
        f"Epoch 2 · loss {r.train_loss:.4g} / val {r.val_loss:.4g} · "
        f"val error {100 * r.val_error:.1f} %"
    )


def _record(epoch, layers=2):
    return EpochRecord(
        epoch, 1.0 / epoch, 2.0 / epoch, 0.5, 0.25, 0.03,
        tuple(range(1, layers + 1)), tuple(10.0 * k for k in range(1, layers + 1)),
    )  # fmt: skip


def test_history_columns_grow_incrementally_and_rebuild_on_a_new_history():
    cols = HistoryColumns()
    history = [_record(e) for e in range(1, 1001)]
    assert cols.sync(history[:1]) is False
    for end in range(2, 1001, 7):
        assert cols.sync(history[:end]) is False  # appended, not rebuilt
    cols.sync(history)
    assert cols.n == 1000
    np.testing.assert_array_equal(cols.column("epoch"), np.arange(1, 1001))
    assert cols.grad_norms.shape == (1000, 2)
    assert len(cols._s) < 4 * 1000  # capacity doubling, not one row per append
    # a shorter history (reset) or another one (undo/open) is drawn from scratch
    assert cols.sync(history[:10]) is True and cols.n == 10
    other = [_record(e) for e in range(1, 11)]
    other[9] = _record(99)
    assert cols.sync(other) is True
    # a topology change mid-history: more layers, NaN where a record has none
    cols.sync([*other, _record(11, layers=3)])
    assert cols.grad_norms.shape == (11, 3)
    assert np.isnan(cols.grad_norms[0, 2]) and cols.grad_norms[10, 2] == 3


def test_tabs_are_in_the_order_plot_tab_names(plots):
    titles = [plots.tabs.tabText(tab) for tab in PlotTab]
    assert titles == ["Loss", "Error", "Weights", "Gradients", "Learning rate"]
    assert plots.tabs.count() == len(PlotTab)


def test_mouse_moves_over_the_plot_move_the_crosshair(plots, model, controller, qtbot):
    for _ in range(3):
        controller.step("epoch")
    plot = plots.loss_plot
    vb = plot.plot_item.vb
    y = float(np.mean(vb.viewRange()[1]))
    moved = plot.plot_item.scene().sigMouseMoved
    for x in (1.0, 1.2, 2.9):  # a burst: the first is drawn at once, the newest at the end
        moved.emit(vb.mapViewToScene(QPointF(x, y)))
    assert plot.crosshair.value() == 1
    qtbot.waitUntil(lambda: plot.crosshair.value() == 3, timeout=2000)
    assert plot.readout.text().startswith("epoch 3 ·")
