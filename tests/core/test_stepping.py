"""The stages of the step-by-step view show the engine's numbers, in the lecture's notation."""

import re

import numpy as np
import pytest

from nnsim.core.hyper import Hyperparameters
from nnsim.core.init import initialize
from nnsim.core.losses import VALID_PAIRS
from nnsim.core.network import Network
from nnsim.core.optim import SGD
from nnsim.core.trace import trace_sample
from nnsim.explain.entry_check import entry_gradient_check
from nnsim.explain.notation import fmt, matrix_text
from nnsim.explain.plan import make_plan
from nnsim.explain.records import Row, RowNote, StageKey, row_matches, update_index
from nnsim.explain.stages import build_stages

X0 = np.array([0.05, 0.10])
T0 = np.array([0.01, 0.99])
HP = Hyperparameters(learning_rate=0.5, batch_size=1, train_biases=False)


def worked_net():
    """The classic worked example: 2-2-2 logistic net, squared error."""
    net = Network([2, 2, 2], ["sigmoid"], "sigmoid", "squared_error")
    net.set_params(
        [
            (np.array([[0.15, 0.20], [0.25, 0.30]]), np.array([0.35, 0.35])),
            (np.array([[0.40, 0.45], [0.50, 0.55]]), np.array([0.60, 0.60])),
        ]
    )
    return net


def worked_stages(digits):
    plan = make_plan(worked_net(), X0[None], T0[None], HP, 0.5, None, task="regression")
    return plan, build_stages(plan, digits)


def by_key(stages, key, layer=None):
    return [s for s in stages if s.key == key and (layer is None or s.layer == layer)]


def texts(stages):
    return [r.text for s in stages for r in s.rows]


def test_stage_order_of_one_update():
    _, stages = worked_stages(4)
    keys = [(s.key, s.layer) for s in stages]
    assert keys == [
        ("setup", None),
        ("a", 1),
        ("h", 1),
        ("a", 2),
        ("h", 2),
        ("loss", 2),
        ("output_grad", 2),
        ("grad_W", 2),
        ("grad_b", 2),
        ("grad_h", 2),
        ("grad_a", 1),
        ("grad_W", 1),
        ("grad_b", 1),
        ("update", None),
        ("after", None),
    ]
    assert update_index(stages) == 13
    assert all(s.formula and s.rows for s in stages)
    assert all(isinstance(s.key, StageKey) and s.digits == 4 for s in stages)
    assert by_key(stages, "a", 2)[0].formula == "a^(2) = b^(2) + W^(2) h^(1)"


def test_stage_numbers_are_the_trace():
    plan, stages = worked_stages(6)
    d = trace_sample(worked_net(), X0, T0, HP).to_dict()  # what `nnsim trace --json` prints
    for k in (1, 2):
        a = [r.number for r in by_key(stages, "a", k)[0].rows]
        h = [r.number for r in by_key(stages, "h", k)[0].rows]
        assert a == d["forward"][k - 1]["a"]
        assert h == d["forward"][k - 1]["h"]
        back = next(b for b in d["backward"] if b["k"] == k)
        gW = [r.number for r in by_key(stages, "grad_W", k)[0].rows]
        assert gW == [v for row in back["grad_W"] for v in row]
        assert [r.number for r in by_key(stages, "grad_b", k)[0].rows] == back["grad_b"]
    grad_h = [r.number for r in by_key(stages, "grad_h", 2)[0].rows]
    assert grad_h == d["backward"][0]["grad_h_below"]
    grad_a1 = [r for r in by_key(stages, "grad_a", 1)[0].rows if r.quantity.startswith("grad")]
    assert [r.number for r in grad_a1] == d["backward"][1]["grad_a"]
    loss = by_key(stages, "loss")[0].rows[-1]
    assert loss.number == d["loss"]
    new = [r.number for r in by_key(stages, "update")[0].rows if r.quantity.startswith("new W")]
    W_new = [v for u in d["update"] for row in u["W_new"] for v in row]
    assert new == W_new
    assert np.array_equal(plan.theta_after, trace_sample(worked_net(), X0, T0, HP).theta_after)


def test_worked_example_ledger_rows():
    _, stages = worked_stages(3)
    row = by_key(stages, "grad_W", 2)[0].rows[0]
    assert row.text == "grad W^(2)_11 = grad a^(2)_1 * h^(1)_1 = 0.138 * 0.593 = 0.0822"
    _, stages = worked_stages(10)
    after = {r.note: (r.formula, r.value) for r in by_key(stages, "after")[0].rows}
    # the words ("loss on this sample, before") are the GUI's: tests/gui/test_stepper_render.py
    assert after[RowNote.LOSS_SAMPLE_BEFORE] == ("l(f(x), y)", "0.2983711088")
    assert after[RowNote.LOSS_SAMPLE_AFTER] == ("l(f(x), y)", "0.2910277737")
    _, stages = worked_stages(8)
    update = texts(by_key(stages, "update"))
    assert (
        "new W^(2)_11 = W^(2)_11 - alpha grad W^(2)_11 = 0.4 - 0.5 * 0.082167041 = 0.35891648"
        in update
    )
    frozen = next(r for r in by_key(stages, "update")[0].rows if r.quantity == "new b^(1)_1")
    assert (frozen.formula, frozen.value, frozen.note) == ("b^(1)_1", "0.35", RowNote.FROZEN)


def test_hidden_gradients_use_the_weights_from_before_the_update():
    _, stages = worked_stages(4)
    rows = by_key(stages, "grad_h", 2)[0].rows
    assert rows[0].text == (
        "grad h^(1)_1 = W^(2)_11 grad a^(2)_1 + W^(2)_21 grad a^(2)_2 "
        "= 0.4 * 0.1385 + 0.5 * (-0.0381) = 0.03635"
    )
    assert all("0.3589" not in r.text for r in rows)


def _batch():
    rng = np.random.default_rng(4)
    net = Network([2, 3, 3], ["tanh"], "softmax", "cross_entropy")
    initialize(net, "glorot", 4)
    X = rng.normal(0, 1, (4, 2))
    Y = np.eye(3)[rng.integers(0, 3, 4)]
    hp = Hyperparameters(learning_rate=0.3, momentum=0.9, regularization="l2", reg_lambda=0.01)
    v = rng.normal(0, 0.1, net.theta.size)
    return net, X, Y, hp, v


def test_mini_batch_accumulates_and_updates_once():
    net, X, Y, hp, v = _batch()
    plan = make_plan(net, X, Y, hp, 0.3, v, indices=[3, 5, 7, 9])
    stages = build_stages(plan, 6)
    assert [s.key for s in stages].count("update") == 1
    assert [s.key for s in stages].count("accumulate") == 4
    assert [s.sample for s in stages if s.key == "loss"] == [0, 1, 2, 3]
    # Each sample's stages are that sample's trace.
    for s, x in enumerate(X):
        t = trace_sample(net, x, Y[s], hp, 0.3, v)
        st = next(st for st in stages if st.key == "grad_W" and st.layer == 2 and st.sample == s)
        assert [r.number for r in st.rows] == t.backward[0].grad_W.ravel().tolist()
        assert st.fields["samples"] == 4 and st.fields["index"] == [3, 5, 7, 9][s]
    per_sample = [trace_sample(net, x, y, hp, 0.3, v) for x, y in zip(X, Y)]
    last_acc = [st for st in stages if st.key == "accumulate"][-1]
    total = sum(t.backward[0].grad_W for t in per_sample)
    sums = [r.number for r in last_acc.rows if r.quantity.startswith("sum grad W^(2)")]
    assert sums == pytest.approx(total.ravel(), rel=1e-13)
    mean = next(st for st in stages if st.key == "mean")
    means = [r.number for r in mean.rows if r.quantity.startswith("grad W^(2)")]
    assert means == pytest.approx((total / 4).ravel(), rel=1e-12, abs=1e-15)
    # The update is the engine's own mini-batch step.
    work = net.copy()
    work.gradient(X, Y)
    opt = SGD(work, hp)
    opt.velocity[:] = v
    opt.step(0.3)
    assert np.array_equal(plan.theta_after, work.theta)
    assert np.array_equal(plan.velocity_after, opt.velocity)
    assert means == work.gW[2].ravel().tolist()
    assert plan.batch_loss_after < plan.batch_loss_before


def test_update_rows_show_every_term():
    net, X, Y, hp, v = _batch()
    plan = make_plan(net, X[:1], Y[:1], hp, 0.3, v)
    st = next(s for s in build_stages(plan, 4) if s.key == "update")
    row = st.rows[0]
    u = plan.update[0]
    assert row.formula.startswith(
        "W^(1)_11 - alpha (grad W^(1)_11 + 2 lambda W^(1)_11 + beta v_prev) = "
    )
    assert f"{fmt(u.W_regularizer[0, 0], 4)}" in row.formula
    assert row.number == u.W_new[0, 0]
    assert st.formula == "v = grad theta + 2 lambda W + beta v_prev;   theta <- theta - alpha v"
    bias = next(r for r in st.rows if r.quantity == "new b^(1)_1")
    assert "lambda" not in bias.formula and "beta v_prev" in bias.formula


@pytest.mark.parametrize("output,loss", sorted(VALID_PAIRS))
def test_every_output_and_loss_pair(output, loss):
    K = 1 if output in ("sigmoid", "tanh", "linear") and loss != "cross_entropy" else 3
    net = Network([2, 3, K], ["relu"], output, loss)
    initialize(net, "glorot", 1)
    y = np.eye(K)[0] if K > 1 else np.array([1.0])
    plan = make_plan(net, np.array([[0.3, -0.7]]), y[None], Hyperparameters(), 0.1, None)
    stages = build_stages(plan, 5)
    t = plan.traces[0]
    og = next(s for s in stages if s.key == "output_grad")
    grad = [r.number for r in og.rows if r.quantity.startswith("grad a")]
    assert grad == t.backward[0].grad_a.tolist()
    assert by_key(stages, "loss")[0].rows[-1].number == t.loss


def test_fmt_and_matrices():
    assert fmt(0.0636123, 3) == "0.0636"
    assert fmt(0.0, 4) == "0"
    assert fmt(-1.5e-7, 2) == "-1.5e-07"
    text = matrix_text([("W^(1)", np.array([[1.0, -2.0], [0.5, 4.0]])), ("x", np.array([[3.0]]))])
    lines = text.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("W^(1) = ⎡") and "x = [ 3 ]" in lines[0]
    narrow = matrix_text([("A", np.eye(2)), ("B", np.eye(2))], width=20)
    assert narrow.count("\n\n") == 1  # two bands


def test_row_filter():
    row = Row("grad h^(2)_3", "W^(3)_13 grad a^(3)_1", "0.1", 0.1, (3, 2))
    assert row_matches(row, "")
    assert row_matches(row, "h^(2)_3")
    assert row_matches(row, "H^(2)_3 ")
    assert not row_matches(Row("h^(2)_31", "", "1", 1.0, (2,)), "h^(2)_3")
    assert row_matches(row, "layer 2") and row_matches(row, "3")
    assert not row_matches(row, "layer 1")
    assert row_matches(row, "W^(3)") and not row_matches(row, "W^(1)")


def test_entry_gradient_check():
    net, X, Y, hp, _ = _batch()
    per_tensor, entries = entry_gradient_check(net, X[:1], Y[:1], hp)
    assert set(per_tensor) == {"W^(1)", "b^(1)", "W^(2)", "b^(2)"}
    assert len(entries) == net.theta.size
    assert entries[0].name == "W^(1)_11" and entries[-1].name == "b^(2)_3"
    assert max(e.relative_error for e in entries) < 1e-6
    assert max(per_tensor.values()) < 1e-7
    nz = [e for e in entries if abs(e.backprop) > 1e-3]
    assert nz and all(abs(e.backprop - e.numeric) < 1e-7 for e in nz)


# The words the lecture's notation uses; anything else would be prose for the GUI to word.
NOTATION = {"alpha", "beta", "else", "grad", "if", "lambda", "ln", "max", "mean", "new", "old"}
NOTATION |= {"prev", "reclin", "sigm", "sign", "softmax", "sum", "tanh", "theta"}


@pytest.mark.parametrize("output,loss", sorted(VALID_PAIRS))
def test_stages_hold_notation_and_numbers_never_prose(output, loss):
    K = 1 if output in ("sigmoid", "tanh", "linear") and loss != "cross_entropy" else 3
    rng = np.random.default_rng(0)
    cases = [("relu", 1, "l1", 0.9, False), ("sigmoid", 3, "l2", 0.0, True)]
    for act, B, reg, beta, biases in cases:
        net = Network([2, 3, K], [act], output, loss)
        initialize(net, "glorot", 1)
        Y = np.eye(K)[rng.integers(0, K, B)] if K > 1 else rng.random((B, 1))
        hp = Hyperparameters(
            momentum=beta, regularization=reg, reg_lambda=0.01, train_biases=biases
        )
        plan = make_plan(net, rng.normal(size=(B, 2)), Y, hp, 0.1, None)
        for st in build_stages(plan, 3):
            texts = [st.formula] + [n for n, _ in st.matrices]
            texts += [x for r in st.rows for x in (r.quantity, r.formula, r.value)]
            texts += [label for label, _ in (*st.neurons.values(), *st.links.values())]
            words = {w for t in texts for w in re.findall(r"[A-Za-z]{2,}", t)}
            assert words <= NOTATION, (st.key, words - NOTATION)
            for value in st.fields.values():
                assert isinstance(value, (int, float, bool)), (st.key, st.fields)
            for r in st.rows:
                assert all(isinstance(v, (int, str)) for v in r.fields.values())
