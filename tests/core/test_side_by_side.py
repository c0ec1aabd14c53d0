"""Trials trained side by side give the results of training each alone: weights, history,
stop reasons, counters and resumable state (to 1e-12 in float64; in fact to the bit)."""

import numpy as np
import pytest

from nnsim.core.datasets import generate
from nnsim.core.hyper import Hyperparameters
from nnsim.core.init import initialize
from nnsim.core.network import Network
from nnsim.core.side_by_side import SideBySide
from nnsim.core.trainer import Trainer, TrainingData
from nnsim.core.trials import run_trial, run_trials, side_by_side_chunks
from nnsim.project import new_project
from nnsim.project.searching import trial_spec


def _varied(n_trials, dtype="float64", batch=10, **base):
    """Hyperparameters that differ in everything a trial may vary."""
    rng = np.random.default_rng(1)
    hps = []
    for i in range(n_trials):
        reg = ("l2", "l1", "none")[i % 3]
        hps.append(
            Hyperparameters(
                learning_rate=float(10 ** rng.uniform(-2.5, 0.5)),
                momentum=(0.0, 0.9, 0.5, 0.8)[i % 4],
                regularization=reg,
                reg_lambda=0.0 if reg == "none" else (1e-3, 1e-2)[i % 2],
                schedule=("constant", "inverse", "power")[i % 3],
                decay=0.75,
                constant_epochs=i % 3,
                train_biases=i % 5 != 0,
                early_stopping=i % 4 == 0,
                patience=4,
                target_loss=0.4 if i % 7 == 3 else 0.0,
                max_epochs=20 + 3 * i,
                batch_size=batch,
                dtype=dtype,
                **base,
            )
        )
    return hps


def _alone_and_together(make_net, X, y, task, split, hps):
    alone = []
    for hp in hps:
        net = make_net()
        tr = Trainer(net, TrainingData.build(net, X, y, task, split), hp)
        with np.errstate(all="ignore"):
            tr.train()
        alone.append(tr)
    nets = [make_net() for _ in hps]
    together = SideBySide(nets, TrainingData.build(nets[0], X, y, task, split), hps).train()
    return alone, together


def _assert_same(alone, together, atol):
    for a, b in zip(alone, together, strict=True):
        assert (a.epoch, a.updates, a.stop) == (b.epoch, b.updates, b.stop)
        np.testing.assert_allclose(b.net.theta, a.net.theta, rtol=atol, atol=atol)
        assert len(a.history) == len(b.history)
        for ra, rb in zip(a.history, b.history):
            da, db = ra.to_dict(), rb.to_dict()
            for key in da:
                np.testing.assert_allclose(db[key], da[key], rtol=atol, atol=atol, err_msg=key)
        sa, sb = a.state(), b.state()
        assert sa.rng_state == sb.rng_state and sa.cursor == sb.cursor
        np.testing.assert_array_equal(sa.permutation, sb.permutation)
        np.testing.assert_allclose(sb.velocity, sa.velocity, rtol=atol, atol=atol)
        assert (sa.best_epoch, sa.bad_epochs) == (sb.best_epoch, sb.bad_epochs)
        assert [h.fields for h in a.hints] == [h.fields for h in b.hints]


def test_sixteen_classifiers_side_by_side_equal_each_alone():
    d = generate("spiral", n=160, seed=0)
    split = np.random.default_rng(0).choice(3, 160, p=(0.6, 0.2, 0.2))

    def make_net():
        net = Network([2, 8, 8, 2], ["tanh", "tanh"])
        initialize(net, "glorot", seed=0)
        return net

    hps = _varied(16)
    alone, together = _alone_and_together(make_net, d.X, d.y, "classification", split, hps)
    reasons = {tr.stop_reason for tr in alone}
    assert {"max_epochs", "early_stopping"} <= reasons  # trials leave the stack at different times
    _assert_same(alone, together, atol=1e-12)


def test_diverging_and_l1_regressions_side_by_side_equal_each_alone():
    """Some trials blow up and roll back while the others go on."""
    rng = np.random.default_rng(11)
    X = rng.uniform(-2, 2, (48, 1))
    y = 4 * np.sin(X[:, 0]) + 1

    def make_net():
        net = Network([1, 5, 1], ["relu"], "linear", "squared_error")
        initialize(net, "glorot", seed=2)
        return net

    hps = [
        hp.with_changes(learning_rate=lr)
        for hp, lr in zip(_varied(6), (0.01, 0.6, 0.03, 2.0, 0.1, 0.3))
    ]
    alone, together = _alone_and_together(make_net, X, y, "regression", None, hps)
    assert "diverged" in {tr.stop_reason for tr in alone}
    _assert_same(alone, together, atol=1e-12)


@pytest.mark.parametrize("dtype,atol", [("float64", 1e-12), ("float32", 1e-6)])
def test_large_sets_with_running_metrics_side_by_side(dtype, atol):
    d = generate("circle", n=1200, seed=3)

    def make_net():
        net = Network([2, 4, 2], ["sigmoid"], dtype=dtype)
        initialize(net, "glorot", seed=1)
        return net

    hps = [hp.with_changes(max_epochs=3) for hp in _varied(4, dtype=dtype, batch=64)]
    alone, together = _alone_and_together(make_net, d.X, d.y, "classification", None, hps)
    assert not together[0].exact_metrics
    _assert_same(alone, together, atol=atol)


def test_run_trials_groups_by_architecture_and_equals_run_trial():
    hp = Hyperparameters(max_epochs=12, batch_size=10)
    spec = trial_spec(new_project("circle", n=80, seed=0, hidden=(3,), hyper=hp)).without_test()
    configs = [
        {"learning_rate": lr, "hidden": hidden, "momentum": m}
        for lr in (0.03, 0.3)
        for hidden in ((2,), (4, 4))
        for m in (0.0, 0.9)
    ] + [{"learning_rate": 0.1, "batch_size": 5}]
    items = list(enumerate(configs))
    chunks = side_by_side_chunks(spec, items, None, 3)
    assert sorted(i for chunk in chunks for i, _ in chunk) == list(range(len(configs)))
    assert max(len(chunk) for chunk in chunks) <= 3
    for chunk in chunks:  # one architecture and batch size per chunk
        assert len({(tuple(c.get("hidden", ())), c.get("batch_size")) for _, c in chunk}) == 1
    together = run_trials(spec, items)
    assert [r.index for r in together] == list(range(len(configs)))
    for (i, config), b in zip(items, together):
        a = run_trial(spec, config, None, i)
        assert a.row() | {"seconds": 0} == b.row() | {"seconds": 0}
        for (Wa, ba), (Wb, bb) in zip(a.weights, b.weights):
            np.testing.assert_allclose(Wb, Wa, rtol=0, atol=1e-12)
            np.testing.assert_allclose(bb, ba, rtol=0, atol=1e-12)


def test_mismatched_trials_are_refused():
    nets = [Network([2, 3, 2], ["tanh"]), Network([2, 4, 2], ["tanh"])]
    data = TrainingData.build(nets[0], np.zeros((4, 2)), np.array([0, 1, 0, 1]), "classification")
    with pytest.raises(ValueError, match="one architecture"):
        SideBySide(nets, data, [Hyperparameters(), Hyperparameters()])
