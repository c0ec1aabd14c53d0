"""The backprop stepper, driven through its real widgets."""

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from nnsim.core.hyper import Hyperparameters
from nnsim.core.metrics import targets_for
from nnsim.core.schedules import learning_rate
from nnsim.core.trace import trace_sample
from nnsim.explain.notation import fmt
from nnsim.gui.model.project_model import ProjectModel
from nnsim.gui.model.session import Session
from nnsim.gui.stepper.diagram import overlaps
from nnsim.gui.stepper.window import StepperView
from nnsim.project import DataSpec, Project, new_project
from nnsim.project.build import make_network_spec

W1 = np.array([[0.15, 0.20], [0.25, 0.30]])
W2 = np.array([[0.40, 0.45], [0.50, 0.55]])


def worked_project():
    """The classic worked example: one point x = (0.05, 0.10) with the two targets
    (0.01, 0.99), a 2-2-2 logistic net, squared error, alpha = 0.5, biases frozen. The
    targets are not one-hot, so it is a (two-target) regression project, built in memory."""
    spec = make_network_spec([2], ["sigmoid"], "sigmoid", "squared_error", 2)
    data = DataSpec(np.array([[0.05, 0.10]]), np.array([[0.01, 0.99]]), np.array([0]))
    hp = Hyperparameters(learning_rate=0.5, batch_size=1, train_biases=False)
    weights = ((W1, np.array([0.35, 0.35])), (W2, np.array([0.60, 0.60])))
    return Project(
        task="regression",
        n_classes=0,
        data=data,
        features=("x1", "x2"),
        network=spec,
        hyper=hp,
        weights=weights,
    )


@pytest.fixture
def worked(qtbot):
    model = ProjectModel(worked_project())
    ctl = Session(model)
    view = StepperView(model, ctl)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    yield model, view
    ctl.shutdown()


def click_next(qtbot, view, times=1):
    for _ in range(times):
        qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)


def click_back(qtbot, view, times=1):
    for _ in range(times):
        qtbot.mouseClick(view.back_button, Qt.MouseButton.LeftButton)


def next_to(qtbot, view, key, layer=None, limit=200):
    for _ in range(limit):
        st = view.stage
        if st.key == key and (layer is None or st.layer == layer):
            return st
        click_next(qtbot, view)
    raise AssertionError(f"no stage {key} {layer}")


def test_walk_through_the_worked_example(qtbot, worked):
    model, view = worked
    theta0 = model.network.theta.copy()
    weights0 = model.project.weights
    assert view.stage.key == "setup"
    assert "W^(2)_11 = 0.4" in view.ledger_texts()
    click_next(qtbot, view)
    assert view.stage.key == "a"
    assert view.ledger_texts()[0] == (
        "a^(1)_1 = b^(1)_1 + W^(1)_11 h^(0)_1 + W^(1)_12 h^(0)_2 = 0.35 + 0.15 * 0.05 "
        "+ 0.2 * 0.1 = 0.3775"
    )
    next_to(qtbot, view, "grad_W", 2)
    assert view.ledger_texts()[0] == (
        "grad W^(2)_11 = grad a^(2)_1 * h^(1)_1 = 0.1385 * 0.5933 = 0.08217"
    )
    assert (
        view.formula_label.text()
        == "∇W<sup>(2)</sup> = ∇a<sup>(2)</sup> h<sup>(1)</sup><sup>T</sup>"
    )
    assert "0.08217" in view.matrix_label.text()  # 2 x 2: shown as a matrix too
    click_next(qtbot, view, 2)
    assert view.stage.key == "grad_h"  # hidden gradients use the old weights
    assert view.ledger_texts()[0].endswith("= 0.4 * 0.1385 + 0.5 * (-0.0381) = 0.03635")
    view.digits_spin.setValue(8)
    st = next_to(qtbot, view, "update")
    assert view.ledger_texts()[6] == (
        "new W^(2)_11 = W^(2)_11 - alpha grad W^(2)_11 = 0.4 - 0.5 * 0.082167041 = 0.35891648"
    )
    assert st.is_update
    assert np.array_equal(model.network.theta, theta0)  # not applied yet
    click_next(qtbot, view)  # past the update: applied
    assert view.stage.key == "after"
    assert model.network.W[2][0, 0] == pytest.approx(0.35891648, abs=5e-9)
    assert model.project.weights[1][0][0, 0] == pytest.approx(0.35891648, abs=5e-9)
    assert model.project.weights[0][1][0] == 0.35  # biases frozen
    assert model.undo_stack.text(model.undo_stack.index() - 1) == "Backprop step on sample #0"
    view.digits_spin.setValue(10)
    after = view.ledger_texts()
    assert "loss on this sample, before = l(f(x), y) = 0.2983711088" in after
    assert "loss on this sample, after = l(f(x), y) = 0.2910277737" in after
    click_back(qtbot, view)  # back past the update: the old weights, bit for bit
    assert view.stage.key == "update"
    assert np.array_equal(model.network.theta, theta0)
    assert all(
        np.array_equal(W, W0) and np.array_equal(b, b0)
        for (W, b), (W0, b0) in zip(model.project.weights, weights0)
    )
    assert model.undo_stack.index() == 0


def test_keys_history_and_a_second_update(qtbot, worked):
    model, view = worked
    theta0 = model.network.theta.copy()
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.stage.key == "a"
    qtbot.keyClick(view, Qt.Key.Key_N)
    assert view.stage.key == "h"
    qtbot.keyClick(view, Qt.Key.Key_B)
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert view.stage.key == "setup"
    n = len(view.steps[0].stages)
    click_next(qtbot, view, n)  # past "after": a second update from the new weights
    assert len(view.steps) == 2 and view.stage.key == "setup"
    theta1 = model.network.theta.copy()
    assert not np.array_equal(theta1, theta0)
    assert view.ledger_texts().count("W^(2)_11 = 0.3589") == 1
    click_next(qtbot, view, n - 1)  # through the second update
    theta2 = model.network.theta.copy()
    assert view.version == 2 and not np.array_equal(theta2, theta1)
    # Click an early stage of the first update in the history list: both updates undone.
    item = view.stage_list.item(2)
    rect = view.stage_list.visualItemRect(item)
    view.stage_list.scrollToItem(item)
    rect = view.stage_list.visualItemRect(item)
    qtbot.mouseClick(view.stage_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.pos == 2 and view.version == 0
    assert np.array_equal(model.network.theta, theta0)
    # ... and forward again re-applies exactly the same updates.
    view.go_to(len(view.positions) - 1)
    assert np.array_equal(model.network.theta, theta2)


def cli_trace(p, i):
    """What `nnsim trace PROJECT --sample i --json` prints under "trace"."""
    net = p.build_network()
    lr = learning_rate(p.hyper, p.epoch + 1)
    velocity = None if p.trainer_state is None else p.trainer_state.velocity
    Y = targets_for(p.data.y, net.n_outputs, p.task, np.float64)
    return trace_sample(net, p.inputs()[i], Y[i], p.hyper, lr, velocity).to_dict()


def values(view):
    return [view.ledger.item(r, 2).text() for r in range(view.ledger.rowCount())]


def test_selected_point_and_numbers_equal_the_cli_trace(qtbot, model, controller, project):
    view = StepperView(model, controller)
    qtbot.addWidget(view)
    train = np.flatnonzero(project.data.split == 0)
    other = np.flatnonzero(project.data.split != 0)
    i = int(train[5])
    model.set_selected_point(i)
    assert view.sample == i and view.sample_spin.value() == i
    color_word = f"class {int(project.data.y[i]) + 1}"  # 1-based, as on the plane
    assert color_word in view.class_label.text()
    model.set_selected_point(int(other[0]))  # not a training point: kept, with a note
    assert view.sample == i and "training points only" in view.note.text()
    view.digits_spin.setValue(12)
    d = cli_trace(model.project, i)
    assert values(view)[:2] == [fmt(v, 12) for v in d["x"]]
    click_next(qtbot, view)
    assert values(view) == [fmt(v, 12) for v in d["forward"][0]["a"]]
    st = next_to(qtbot, view, "grad_W", 1)
    back = next(b for b in d["backward"] if b["k"] == 1)
    assert values(view) == [fmt(v, 12) for row in back["grad_W"] for v in row]
    assert [r.number for r in st.rows] == [v for row in back["grad_W"] for v in row]
    next_to(qtbot, view, "update")
    click_next(qtbot, view)
    new = np.concatenate([np.r_[np.ravel(u["W_new"]), u["b_new"]] for u in d["update"]])
    assert np.array_equal(model.network.theta, new)
    # The spin box skips non-training points.
    view.sample_spin.setValue(int(other[0]))
    assert view.sample in set(train.tolist())


def test_mini_batch_and_gradient_check(qtbot, model, controller):
    view = StepperView(model, controller)
    qtbot.addWidget(view)
    theta0 = model.network.theta.copy()
    view.batch_spin.setValue(3)
    plan = view.step.plan
    assert len(plan.indices) == 3
    keys = [s.key for s in view.step.stages]
    assert keys.count("accumulate") == 3 and keys.count("update") == 1
    next_to(qtbot, view, "mean")
    assert view.panel.title_label.text() == "Mean gradient of the mini-batch (B = 3)"
    next_to(qtbot, view, "update")
    click_next(qtbot, view)
    p = model.project
    net = p.build_network()
    net.theta[:] = theta0
    X = p.inputs()[list(plan.indices)]
    Y = targets_for(p.data.y, net.n_outputs, p.task, np.float64)[list(plan.indices)]
    from nnsim.core.optim import SGD

    net.gradient(X, Y)
    SGD(net, p.hyper).step(p.hyper.learning_rate)
    assert np.array_equal(model.network.theta, net.theta)
    # Gradient check of the whole batch (a batch-level stage).
    view.tabs.setCurrentIndex(1)
    assert view.gc_table.rowCount() == net.theta.size
    errs = [float(view.gc_table.item(r, 3).text()) for r in range(view.gc_table.rowCount())]
    assert max(errs) < 1e-6
    assert "backprop agrees" in view.gc_summary.text()


def test_filter_and_the_diagram_labels_do_not_overlap(qtbot):
    hp = Hyperparameters(learning_rate=0.1, batch_size=1)
    p = new_project("circle", n=40, seed=2, hidden=(8, 8, 8), activation="tanh", hyper=hp)
    model = ProjectModel(p)
    view = StepperView(model, None)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    qtbot.waitExposed(view)
    for _ in range(len(view.step.stages) - 1):
        click_next(qtbot, view)
        rects = view.diagram.label_rects
        assert overlaps(rects) == 0, view.panel.title_label.text()
    st = next(s for s in view.step.stages if s.key == "grad_W" and s.layer == 2)
    view.go_to(view.step.stages.index(st))
    assert len(view.diagram.label_rects) >= 8  # neuron values written
    qtbot.keyClicks(view.filter_edit, "h^(1)_3")
    shown = view.ledger_texts()
    assert len(shown) == 8 and all("h^(1)_3" in t for t in shown)
    view.filter_edit.setText("layer 1")
    assert len(view.ledger_texts()) == 64  # every row of grad W^(2) touches layer 1
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(view.ledger_view.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text().splitlines()
    assert copied == view.ledger_texts() and copied[0].startswith("grad W^(2)_11 = ")


def test_training_moves_the_weights_then_next_restarts(qtbot, model, controller):
    view = StepperView(model, controller)
    qtbot.addWidget(view)
    click_next(qtbot, view, 3)
    controller.step("batch")  # training moves the weights outside the stepper
    assert "press Next" in view.note.text() or view.stage.key == "setup"
    click_next(qtbot, view)
    assert view.stage.key == "setup" and len(view.steps) == 1
    assert view.steps[0].before["weights"] is model.project.weights


def test_the_mini_batch_and_the_spin_box_pick_training_points():
    from nnsim.gui.stepper.steps import batch_of, nearest_training

    train = np.array([1, 2, 4, 7])
    assert batch_of(train, 4, 3) == [4, 7, 1]  # wraps around in data order
    assert batch_of(train, 7, 10) == [7, 1, 2, 4]  # never more than the training set
    assert batch_of(train, 3, 2) == [] and batch_of(train, -1, 2) == []
    assert nearest_training(train, 5, forward=True) == 7
    assert nearest_training(train, 5, forward=False) == 4
    assert nearest_training(train, 8, forward=True) == 7  # none ahead: the other way
    assert nearest_training(train, 0, forward=False) == 1
