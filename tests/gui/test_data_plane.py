"""The data plane and its panel, driven through the real widgets with the mouse and keys."""

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest

from nnsim.core.metrics import predicted_class
from nnsim.gui.model.project_model import ProjectModel
from nnsim.gui.model.session import Session
from nnsim.gui.panels import data_edits
from nnsim.gui.panels.data_panel import DataPanel
from nnsim.gui.views.data_plane import GRID_RESOLUTION, DataPlaneView
from nnsim.gui.views.decision_map import decision_rgb
from nnsim.project import new_project

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def plane(qtbot, model, controller):
    view = DataPlaneView(model, controller)
    panel = DataPanel(model, controller, view)
    qtbot.addWidget(view)
    qtbot.addWidget(panel)
    view.resize(520, 520)
    view.show()
    panel.show()
    qtbot.waitExposed(view)
    view.panel = panel  # for the tests only
    return view


@pytest.fixture(autouse=True)
def no_dialogs(monkeypatch):
    """A real message box would block the test: every error fails it unless replaced."""
    monkeypatch.setattr(data_edits, "show_error", lambda parent, t, text: pytest.fail(text))


def vp(view, x, y):
    """Viewport position of the data coordinate (x, y)."""
    scene = view.viewbox.mapViewToScene(QPointF(x, y))
    return view.plot.mapFromScene(scene)


def click(qtbot, view, x, y):
    qtbot.mouseClick(view.plot.viewport(), LEFT, pos=vp(view, x, y))


def drag(view, path):
    """Press at the first data coordinate, move through the others, release at the last."""
    port = view.plot.viewport()
    QTest.mousePress(port, LEFT, pos=vp(view, *path[0]))
    for x, y in path[1:]:
        QTest.mouseMove(port, vp(view, x, y))
    QTest.mouseRelease(port, LEFT, pos=vp(view, *path[-1]))


def pixel(view):
    return max(view.viewbox.viewPixelSize())


def test_click_adds_point_of_key_chosen_class_and_undo_redo(qtbot, plane, model):
    plane.panel.n_classes.setValue(3)  # keys pick only existing classes
    assert model.project.n_classes == 3
    n = model.project.data.n
    plane.setFocus()
    qtbot.keyClick(plane, "3")
    assert plane.current_class == 2
    assert plane.panel.class_buttons[2].isChecked()
    qtbot.keyClick(plane, "5")  # no class 5: ignored
    assert plane.current_class == 2

    click(qtbot, plane, -5.5, 5.5)
    d = model.project.data
    assert d.n == n + 1
    assert d.y[-1] == 2
    np.testing.assert_allclose(d.X[-1], [-5.5, 5.5], atol=2 * pixel(plane))
    assert model.undo_stack.undoText() == "Add point"

    model.undo_stack.undo()
    assert model.project.data.n == n
    model.undo_stack.redo()
    assert model.project.data.n == n + 1
    assert model.project.data.y[-1] == 2


def test_new_point_split_is_deterministic(qtbot, plane, model):
    d = model.project.data
    u = np.random.default_rng(d.split_seed + d.n).random()
    r = d.split_ratios
    expected = 0 if u < r[0] else 1 if u < r[0] + r[1] else 2
    click(qtbot, plane, 5.5, -5.5)
    assert model.project.data.split[-1] == expected


def test_brush_drag_adds_several_points_in_one_undo_step(qtbot, plane, model):
    plane.panel.tool_buttons["brush"].click()
    assert plane.tool == "brush"
    n, steps = model.project.data.n, model.undo_stack.count()
    drag(plane, [(-5.5, -5.5 + 0.25 * i) for i in range(12)])
    added = model.project.data.n - n
    assert added >= 4
    assert model.undo_stack.count() == steps + 1
    assert model.undo_stack.undoText() == f"Brush {added} points"
    assert np.all(model.project.data.y[-added:] == plane.current_class)
    model.undo_stack.undo()
    assert model.project.data.n == n


def test_eraser_removes_points_under_it(qtbot, plane, model):
    plane.panel.tool_buttons["erase"].click()
    d = model.project.data
    target = d.X[0].copy()
    click(qtbot, plane, *target)
    after = model.project.data
    assert after.n < d.n
    # The point at the click is gone, the far ones stay.
    assert not np.any(np.all(np.isclose(after.X, target), axis=1))
    far = np.hypot(*(d.X - target).T) > 40 * pixel(plane)
    assert after.n >= far.sum()
    model.undo_stack.undo()
    assert model.project.data.n == d.n

    # A stroke across the plane removes more, as one step.
    steps = model.undo_stack.index()
    drag(plane, [(x, 0.0) for x in np.linspace(-5, 5, 15)])
    assert model.project.data.n < d.n - 1
    assert model.undo_stack.index() == steps + 1


def test_select_tool_selects_the_clicked_point(qtbot, plane, model):
    button = plane.panel.tool_buttons["select"]
    # Offscreen QTest key clicks do not reach the shortcut map; check the binding instead.
    assert button.shortcut() == QKeySequence("S") and "[S]" in button.toolTip()
    button.click()
    assert plane.tool == "select"
    assert button.isChecked()
    x = model.project.data.X[7]
    with qtbot.waitSignal(model.selected_point_changed) as sig:
        click(qtbot, plane, *x)
    assert sig.args == [7]
    assert len(plane.selection.data) == 1


def test_generator_replaces_data_undoably(qtbot, plane, model):
    panel = plane.panel
    before = model.project.data
    panel.gen_combo.setCurrentIndex(panel.gen_combo.findData("xor"))
    panel.gen_n.setValue(100)
    panel.gen_seed.setValue(3)
    qtbot.mouseClick(panel.generate_button, LEFT)
    d = model.project.data
    assert d.n == 100 and d.generator["name"] == "xor"
    assert plane.scatter.data.size == 100
    model.undo_stack.undo()
    assert model.project.data is before


def test_generating_regression_then_undo_restores_classification(qtbot, plane, model):
    panel = plane.panel
    panel.gen_combo.setCurrentIndex(panel.gen_combo.findData("reg_plane"))
    panel.gen_n.setValue(80)
    panel.generate_button.click()
    assert model.project.task == "regression"
    assert panel.target.isVisible() and not panel.n_classes.isVisible()
    model.undo_stack.undo()
    assert model.project.task == "classification"
    assert model.network.n_outputs == 2


def test_split_ratios_must_sum_to_100(qtbot, plane, model):
    panel = plane.panel
    train, val, test = panel.split_spins
    val.setValue(30)
    assert not panel.apply_split.isEnabled()
    assert panel.split_error.isVisible() and "110" in panel.split_error.text()
    train.setValue(50)
    assert panel.apply_split.isEnabled()
    panel.apply_split.click()
    d = model.project.data
    assert d.split_ratios == pytest.approx((0.5, 0.3, 0.2))
    assert np.bincount(d.split, minlength=3)[1] == round(0.3 * d.n)


def test_bad_csv_shows_error_and_leaves_data(qtbot, plane, model, tmp_path, monkeypatch):
    bad = tmp_path / "bad.csv"
    bad.write_text("x1,x2,label\n1,2,0\n3,abc,1\n", encoding="utf-8")
    errors = []
    monkeypatch.setattr(data_edits, "ask_open_csv", lambda parent: str(bad))
    monkeypatch.setattr(data_edits, "show_error", lambda parent, t, text: errors.append(text))
    before, steps = model.project, model.undo_stack.count()
    plane.panel.import_button.click()
    assert len(errors) == 1
    assert "line 3" in errors[0] and '"x2"' in errors[0]
    assert model.project is before and model.undo_stack.count() == steps


def test_csv_export_import_round_trip(qtbot, plane, model, tmp_path, monkeypatch):
    path = tmp_path / "points.csv"
    monkeypatch.setattr(data_edits, "ask_save_csv", lambda parent: str(path))
    monkeypatch.setattr(data_edits, "ask_open_csv", lambda parent: str(path))
    original = model.project.data
    plane.panel.export_button.click()
    plane.panel.clear_button.click()
    assert model.project.data.n == 0
    plane.panel.import_button.click()
    d = model.project.data
    np.testing.assert_array_equal(d.X, original.X)
    np.testing.assert_array_equal(d.y, original.y)
    np.testing.assert_array_equal(d.split, original.split)


def test_one_dimensional_regression_click_adds_x_y(qtbot):
    model = ProjectModel(new_project("sin1d", n=30, seed=0, hidden=(3,)))
    controller = Session(model)
    try:
        view = DataPlaneView(model, controller)
        qtbot.addWidget(view)
        view.resize(520, 400)
        view.show()
        qtbot.waitExposed(view)
        xs, ys = view.curve.getData()
        assert len(xs) > 100  # the fitted curve f(x)
        click(qtbot, view, 1.0, 0.5)
        d = model.project.data
        assert d.n == 31
        tol = 2 * max(view.viewbox.viewPixelSize())
        assert d.X[-1, 0] == pytest.approx(1.0, abs=tol)
        assert d.y[-1] == pytest.approx(0.5, abs=tol)
        with qtbot.waitSignal(model.weights_changed):
            controller.step("epoch")
        qtbot.waitUntil(lambda: not np.array_equal(view.curve.getData()[1], ys))
    finally:
        controller.shutdown()


def test_decision_image_after_training(qtbot, plane, model, controller):
    for _ in range(3):
        with qtbot.waitSignal(controller.grid_ready):
            controller.step("epoch")
    img = plane.image.image
    assert img.shape[:2] == (GRID_RESOLUTION, GRID_RESOLUTION)
    assert img.std() > 1.0
    # Row i of the grid is ys[i], column j is xs[j]; the image is indexed [x, y].
    grid = controller.latest_grid
    expected = decision_rgb(grid.output)
    np.testing.assert_array_equal(img, expected.swapaxes(0, 1))
    rect = plane.image.mapRectToView(plane.image.boundingRect())
    assert rect.left() < -6 < rect.left() + 0.2 and rect.bottom() > 6


def test_decision_rgb_confidence_and_discretize():
    out = np.array([[[0.5, 0.5], [1.0, 0.0], [0.0, 1.0]]])
    rgb = decision_rgb(out).astype(int)
    assert rgb[0, 0].min() > 230  # unsure: nearly white
    assert rgb[0, 1, 0] < rgb[0, 1, 2]  # class 0 blue
    assert rgb[0, 2, 0] > rgb[0, 2, 2]  # class 1 orange
    flat = decision_rgb(np.array([[[0.6, 0.4], [0.99, 0.01]]]), discretize=True)
    np.testing.assert_array_equal(flat[0, 0], flat[0, 1])
    single = decision_rgb(np.array([[[0.9], [0.1]]]))  # one sigmoid unit: P(class 1)
    np.testing.assert_array_equal(single, decision_rgb(np.array([[[0.1, 0.9], [0.9, 0.1]]])))


def test_view_checkboxes_highlight_and_hide_test(qtbot, plane, model, controller):
    panel = plane.panel
    controller.step("epoch")
    panel.view_checks["highlight_misclassified"].setChecked(True)
    assert model.project.view["highlight_misclassified"] is True
    p = model.project
    train = np.flatnonzero(p.data.split == 0)
    f = model.network.predict(p.inputs()[train])
    wrong = train[predicted_class(f) != p.data.y[train]]
    assert len(plane.highlight.data) == len(wrong) > 0

    panel.view_checks["show_test"].setChecked(False)
    assert len(plane.scatter.data) == int(np.sum(p.data.split != 2))
    panel.view_checks["show_test"].setChecked(True)
    assert len(plane.scatter.data) == p.data.n
    assert model.undo_stack.count() == 0  # view settings are no edits


def test_edit_beyond_the_point_limit_is_refused(qtbot, plane, model, monkeypatch):
    monkeypatch.setattr("nnsim.project.checks.MAX_POINTS", model.project.data.n)
    before = model.project
    with qtbot.waitSignal(plane.edit_refused) as sig:
        click(qtbot, plane, -5.5, 5.5)
    assert "at most" in sig.args[0]
    assert model.project is before and model.undo_stack.count() == 0


def test_live_training_draws_worker_grids(qtbot, plane, model, controller, monkeypatch):
    plane.panel.view_checks["highlight_misclassified"].setChecked(True)
    computed = []
    monkeypatch.setattr(
        "nnsim.gui.views.data_plane.evaluate_grid", lambda *a, **k: computed.append(1) or None
    )
    first = plane.image.image.copy()
    controller.play()
    with qtbot.waitSignal(controller.grid_ready, timeout=5000):
        pass
    qtbot.waitUntil(lambda: not np.array_equal(plane.image.image, first), timeout=5000)
    with qtbot.waitSignal(controller.running_changed, timeout=5000):
        controller.pause()
    assert computed == []  # the GUI thread drew the worker's grids, computed none
    qtbot.waitUntil(lambda: len(plane.highlight.data) == len(plane.misclassified_indices()))
