"""NetworkView, NetworkEditor and NeuronMapView driven through the real widgets."""

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QToolTip

from nnsim.core.features import transform
from nnsim.core.grid import evaluate_grid
from nnsim.gui.panels.network_editor import NetworkEditor
from nnsim.gui.views.network_items import LinkItem, link_width
from nnsim.gui.views.network_view import NetworkView
from nnsim.gui.views.neuron_map import NeuronMapView
from nnsim.gui.views.neuron_math import fmt
from nnsim.project import edits, new_project


@pytest.fixture
def widgets(qtbot, model, controller):
    view = NetworkView(model, controller)
    editor = NetworkEditor(model, controller)
    neuron_map = NeuronMapView(model)
    view.neuron_clicked.connect(neuron_map.show_neuron)
    for w in (view, editor, neuron_map):
        qtbot.addWidget(w)
    view.resize(800, 500)
    view.show()
    editor.show()
    qtbot.waitExposed(view)
    return view, editor, neuron_map


def weights(model):
    return [model.network.W[k].copy() for k in range(1, model.network.n_layers + 1)]


def column(view, k):
    return sorted(i for (kk, i) in view.neurons if kk == k)


def view_pos(view, scene_point):
    return view.mapFromScene(scene_point)


def click_box(qtbot, box):
    """Click a check box on its indicator (the right part of a wide box is not clickable)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def show_tooltip(view, pos: QPoint) -> str:
    QToolTip.hideText()
    event = QHelpEvent(QEvent.Type.ToolTip, pos, view.viewport().mapToGlobal(pos))
    QApplication.sendEvent(view.viewport(), event)
    return QToolTip.text()


def test_plus_adds_neuron_keeps_other_weights_and_undo_restores(qtbot, model, widgets):
    view, editor, _ = widgets
    qtbot.mouseClick(editor.layers_plus, Qt.MouseButton.LeftButton)  # 2-3-4-2
    assert model.network.sizes == [2, 3, 4, 2]
    before = weights(model)
    b_before = model.network.b[1].copy()
    nodes = len(view.neurons)

    qtbot.mouseClick(editor.rows[0].plus, Qt.MouseButton.LeftButton)

    assert model.network.sizes == [2, 4, 4, 2]
    assert len(view.neurons) == nodes + 1
    assert column(view, 1) == [0, 1, 2, 3]
    after = weights(model)
    assert np.array_equal(after[2], before[2])  # W^(3) untouched, bit for bit
    assert np.array_equal(after[0][:3], before[0])  # old rows of W^(1) kept
    assert np.array_equal(after[1][:, :3], before[1])  # old columns of W^(2) kept
    assert np.all(after[1][:, 3] == 0)  # the new neuron does not change f(x) yet
    assert np.array_equal(model.network.b[1][:3], b_before)
    assert editor.rows[0].count.text() == "4 neurons"
    assert model.undo_stack.undoText() == "Add neuron to layer 1"

    model.undo_stack.undo()
    assert model.network.sizes == [2, 3, 4, 2]
    assert len(view.neurons) == nodes
    for w_now, w_then in zip(weights(model), before):
        assert np.array_equal(w_now, w_then)
    assert editor.rows[0].count.text() == "3 neurons"


def test_add_and_remove_layers(qtbot, model, widgets):
    view, editor, _ = widgets
    qtbot.mouseClick(editor.layers_plus, Qt.MouseButton.LeftButton)
    assert len(model.project.network.hidden) == 2
    assert len(editor.rows) == 2
    assert editor.layers_label.text() == "Hidden layers: 2"
    assert [c.text() for c in view.captions] == [
        "Input",
        "Hidden 1 · tanh · 3",
        "Hidden 2 · tanh · 4",
        "Output · softmax",
    ]
    qtbot.mouseClick(editor.layers_minus, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.layers_minus, Qt.MouseButton.LeftButton)
    assert model.network.sizes == [2, 2]
    assert not editor.layers_minus.isEnabled()
    assert "no hidden layer" in editor.layers_minus.toolTip()
    assert editor.rows == []
    assert [c.text() for c in view.captions] == ["Input", "Output · softmax"]
    # Inputs connect straight to the outputs: 2 x 2 links.
    assert len(view.links[1].items) == 4
    model.undo_stack.undo()
    assert model.network.sizes == [2, 3, 2]


def test_activation_combo_changes_layer(qtbot, model, widgets):
    view, editor, _ = widgets
    combo = editor.rows[0].combo
    combo.setCurrentIndex(combo.findData("relu"))
    assert model.project.network.hidden[0].activation == "relu"
    assert model.network.activations == ["relu"]
    assert view.captions[1].text() == "Hidden 1 · relu · 3"
    assert "max(0, a)" in combo.toolTip()
    model.undo_stack.undo()
    assert model.network.activations == ["tanh"]
    assert combo.currentData() == "tanh"  # the widget follows the model, no feedback edit
    assert model.undo_stack.count() == 1


def test_output_combo_offers_valid_pairs(qtbot, model, widgets):
    _, editor, _ = widgets
    combo = editor.output_combo
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert labels[0] == "softmax + cross-entropy (-ln f(x)_y)"
    assert combo.currentIndex() == 0
    index = combo.findData("sigmoid|binary_cross_entropy")
    assert index >= 0  # two classes
    combo.setCurrentIndex(index)
    assert model.project.network.output_activation == "sigmoid"
    assert model.network.sizes[-1] == 1


def test_feature_checkbox_adds_input_node(qtbot, model, widgets):
    view, editor, _ = widgets
    click_box(qtbot, editor.feature_boxes["x1^2"])
    assert model.project.features == ("x1", "x2", "x1^2")
    assert column(view, 0) == [0, 1, 2]
    assert model.network.sizes[0] == 3
    assert model.undo_stack.undoText() == "Add input feature x1^2"
    model.undo_stack.undo()
    assert column(view, 0) == [0, 1]
    assert not editor.feature_boxes["x1^2"].isChecked()


def test_last_feature_cannot_be_unchecked(qtbot, model, widgets):
    _, editor, _ = widgets
    click_box(qtbot, editor.feature_boxes["x2"])
    assert model.project.features == ("x1",)
    assert not editor.feature_boxes["x1"].isEnabled()
    assert "at least one" in editor.feature_boxes["x1"].toolTip().lower()


def test_refused_edit_shows_inline_message(qtbot, model, widgets, monkeypatch):
    _, editor, _ = widgets
    monkeypatch.setattr(QMessageBox, "exec", lambda *a: pytest.fail("no dialog"))
    for _ in range(2):
        qtbot.mouseClick(editor.rows[0].minus, Qt.MouseButton.LeftButton)
    assert model.network.sizes == [2, 1, 2]
    assert not editor.rows[0].minus.isEnabled()
    editor.remove_neuron(0)  # what a click would do if the button were enabled
    assert editor.error_label.isVisibleTo(editor)
    assert "at least one neuron" in editor.error_label.text()
    assert model.network.sizes == [2, 1, 2]
    qtbot.mouseClick(editor.rows[0].plus, Qt.MouseButton.LeftButton)
    assert not editor.error_label.isVisibleTo(editor)


def test_edit_while_training_pauses_and_training_resumes(qtbot, model, controller, widgets):
    view, editor, _ = widgets
    # 60 points train thousands of epochs a second: no epoch limit may end the run first
    model.set_fields(hyper=model.project.hyper.with_changes(max_epochs=10**7))
    with qtbot.waitSignal(model.history_changed, timeout=10000):
        controller.play()
    assert controller.running
    with qtbot.waitSignal(controller.running_changed, timeout=10000):
        qtbot.mouseClick(editor.rows[0].plus, Qt.MouseButton.LeftButton)
        assert controller.pausing  # the edit waits for the child's answer
        assert model.network.sizes == [2, 3, 2]
    assert not controller.running
    assert model.network.sizes == [2, 4, 2]
    assert column(view, 1) == [0, 1, 2, 3]
    epochs = len(model.history)
    assert epochs > 0  # the edit kept the history
    with qtbot.waitSignal(model.history_changed, timeout=10000):
        controller.play()
    controller.pause()
    assert len(model.history) > epochs
    assert model.project.sizes == [2, 4, 2]
    assert model.network.W[2].shape == (2, 4)


def test_link_tooltip_shows_weight(qtbot, model, widgets):
    view, _, _ = widgets
    link = view.links[2].items[0]
    pos = view_pos(view, link.line().center())
    item = view.item_at(pos)
    assert isinstance(item, LinkItem)
    text = show_tooltip(view, pos)
    w = model.network.W[item.k][item.i, item.j]
    assert f"W^({item.k})_{item.i + 1}{item.j + 1} = {w:.4f}" in text
    assert f"from h^({item.k - 1})_{item.j + 1} to h^({item.k})_{item.i + 1}" in text


def test_neuron_click_and_hover_show_forward_maths(qtbot, model, widgets):
    view, _, neuron_map = widgets
    model.set_selected_point(7)
    node = view.neurons[(1, 2)]
    pos = view_pos(view, node.sceneBoundingRect().center())
    with qtbot.waitSignal(view.neuron_clicked) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert blocker.args == [1, 2]
    assert view.selected == (1, 2)
    assert neuron_map.neuron == (1, 2)

    p, net = model.project, model.network
    a, h = net.forward(transform(p.data.X[7:8], p.features))
    text = neuron_map.math.text()
    assert "a^(1)_3" in text
    assert "#7" in text
    assert fmt(a[1][0, 2]) in text
    assert fmt(h[1][0, 2]) in text
    assert fmt(net.b[1][2]) in text
    assert f"({fmt(net.W[1][2, 0])})({fmt(p.data.X[7, 0])})" in text
    assert "h^(1)_3 = tanh(a)" in text
    assert "h^(1)_3" in neuron_map.plot.getPlotItem().titleLabel.text

    tip = show_tooltip(view, pos)
    assert "a^(1)_3" in tip
    assert fmt(a[1][0, 2]) in tip

    out = view.neurons[(2, 1)]
    tip = show_tooltip(view, view_pos(view, out.sceneBoundingRect().center()))
    assert "softmax" in tip
    assert fmt(h[2][0, 1]) in tip


def test_maths_defaults_to_first_training_point(qtbot, model, widgets):
    view, _, _ = widgets
    first = int(np.flatnonzero(model.project.data.split == 0)[0])
    assert f"first training point #{first}" in view.neuron_tooltip(1, 0)


def test_link_pens_follow_training(qtbot, model, controller, widgets):
    view, _, _ = widgets
    items = view.links[1].items + view.links[2].items
    widths = [it.pen().widthF() for it in items]
    scene_items = len(view.scene().items())
    model.edit(
        edits.set_hyper(model.project, model.project.hyper.with_changes(learning_rate=0.5)),
        "Change learning rate",
        ("hyper",),
    )
    with qtbot.waitSignal(model.weights_changed):
        controller.step("epoch")
    # Pens follow at most every 100 ms: wait for the (possibly deferred) update.
    qtbot.waitUntil(lambda: [it.pen().widthF() for it in items] != widths, timeout=2000)
    qtbot.waitUntil(lambda: not view.redraw_pending, timeout=2000)
    assert len(view.scene().items()) == scene_items  # pens updated, scene not rebuilt
    for it in items:
        w = model.network.W[it.k][it.i, it.j]
        assert it.pen().widthF() == pytest.approx(link_width(w), abs=0.26)  # 1/2 px steps
        expected = "#f28e2b" if w > 0 else "#4e79a7"
        assert it.pen().color().name() == expected


def test_wide_layer_draws_top_32(qtbot, model, widgets):
    # How long this takes is measured by benchmarks/network_view_bench.py, not here.
    view, _, _ = widgets
    model.edit(edits.add_layer(model.project, 1, 256), "Add layer", ("network", "weights"))
    model.edit(edits.add_layer(model.project, 2, 256), "Add layer", ("network", "weights"))
    assert len(column(view, 2)) == 32
    W = model.network.W[3]
    strongest = np.argsort(-np.abs(W).sum(axis=0))[:32]
    assert set(column(view, 2)) == set(strongest.tolist())
    texts = [it.text() for it in view.scene().items() if hasattr(it, "text")]
    assert "+224 more" in texts
    assert len(view.links[3].items) == 32 * 32
    model.network.theta[:] *= 20  # |w| ~ 0.1 -> 2: wider links (0.5 px is the minimum)
    model.weights_changed.emit()
    qtbot.waitUntil(lambda: not view.redraw_pending, timeout=5000)
    for it in view.links[3].items[::97]:  # the 32 x 32 links follow the new weights
        w = model.network.W[3][it.i, it.j]
        assert it.pen().widthF() == pytest.approx(link_width(w), abs=0.26)


def test_regression_1d(qtbot, model, widgets):
    view, editor, neuron_map = widgets
    model.set_project(new_project("sin1d", n=40, seed=0, hidden=(3,)))
    assert column(view, 0) == [0]
    assert view.output_names() == ["y"]
    assert list(editor.feature_boxes) == ["x1", "x1^2", "sin(x1)"]
    pairs = [editor.output_combo.itemData(i) for i in range(editor.output_combo.count())]
    assert pairs[0] == "linear|squared_error"
    neuron_map.show_neuron(1, 0)
    xs, ys = neuron_map.curve.getData()
    assert len(xs) == 400
    assert "h^(1)_1" in neuron_map.math.text()


def test_neuron_map_image_matches_engine(qtbot, model, widgets):
    _, _, neuron_map = widgets
    neuron_map.show_neuron(2, 1)
    image = neuron_map.image.image
    grid = evaluate_grid(model.network, model.project.features, image.shape[0], neurons=True)
    assert np.allclose(image, grid.layers[1][:, :, 1])
    assert neuron_map.colorbar.levels() == (-1.0, 1.0)  # softmax output: h in [0, 1]
