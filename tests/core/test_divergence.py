"""Divergence keeps weights a student can use, and thrashing gets a hint: as records, with
no RuntimeWarning on the way."""

import warnings

import numpy as np
import pytest

from nnsim.core.datasets import generate
from nnsim.core.hyper import Hyperparameters
from nnsim.core.init import initialize
from nnsim.core.network import Network
from nnsim.core.stop import HintKey, TrainingHint
from nnsim.core.stop_rules import thrashing
from nnsim.core.trainer import Trainer, TrainingData


def _softmax_only(lr, name="circle", epochs=40):
    d = generate(name, n=200, seed=0)
    net = Network([2, d.n_classes], [], "softmax", "cross_entropy")
    initialize(net, "glorot", seed=0)
    hp = Hyperparameters(learning_rate=lr, batch_size=10, max_epochs=epochs)
    return Trainer(net, TrainingData.build(net, d.X, d.y, "classification"), hp)


def test_thrashing_rule_by_hand():
    calm = [1.0, 0.8, 0.7, 0.6, 0.55, 0.5, 0.45, 0.4]
    assert thrashing(calm) is None
    swinging = [5.0, 1.0, 12.0, 3.0, 15.0, 2.0, 11.0, 4.0]  # best 1.0 before the window
    assert thrashing(swinging) == (1.0, 15.0)
    assert thrashing(swinging[:6]) is None  # too few epochs to judge
    improving = [5.0, 1.0, 12.0, 3.0, 15.0, 0.5, 11.0, 4.0]
    assert thrashing(improving) is None  # a new best inside the window
    climbing = [5.0, 1.0, 2.0, 3.0, 5.0, 8.0, 11.0, 14.0]
    assert thrashing(climbing) is None  # growth without turning is divergence's business
    small = [5.0, 1.0, 2.0, 1.5, 2.5, 1.2, 2.2, 1.1]
    assert thrashing(small) is None  # less than tenfold


def test_a_softmax_net_at_learning_rate_10_gets_a_thrashing_hint_once():
    tr = _softmax_only(10.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no RuntimeWarning may reach the console
        snaps = list(tr.iter_training(max_rate=1e9))
    assert snaps[-1].stop_reason == "max_epochs"  # a hint, not a stop
    assert len(tr.hints) == 1
    hint = tr.hints[0]
    assert isinstance(hint, TrainingHint) and hint.key is HintKey.THRASHING
    assert set(hint.fields) == {"epoch", "low", "high", "lr"}
    assert hint.fields["lr"] == 10.0 and hint.fields["high"] >= 10 * hint.fields["low"]
    losses = [r.train_loss for r in tr.history]
    e = hint.fields["epoch"]
    assert hint.fields["low"] == min(losses[: e - 6])
    assert [h for s in snaps for h in s.hints] == [hint]  # each hint sent once


def test_a_good_learning_rate_gets_no_hint():
    tr = _softmax_only(0.1)
    tr.train()
    assert tr.hints == [] and tr.stop_reason == "max_epochs"


def test_divergence_goes_back_to_a_usable_epoch_without_warnings():
    """Linear regression whose error grows by a constant factor per update: the weights
    kept have a loss below ten times the best one, and the counters, history and saved
    state agree with them; no RuntimeWarning on the way (no np.errstate here)."""
    rng = np.random.default_rng(11)
    X = rng.uniform(-5, 5, (40, 1))
    y = 20 * X[:, 0] + 3
    net = Network([1, 1], [], "linear", "squared_error")
    initialize(net, "glorot", seed=0)
    hp = Hyperparameters(learning_rate=0.4, batch_size=4, max_epochs=1000)
    data = TrainingData.build(net, X, y, "regression")
    tr = Trainer(net, data, hp)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        snaps = list(tr.iter_training(max_rate=1e9))
    assert tr.stop_reason == "diverged"
    losses = [r.train_loss for r in tr.history]
    assert tr.epoch == len(tr.history) == snaps[-1].rollback_to >= 1
    assert np.isfinite(net.theta).all() and np.abs(net.theta).max() < 1e6
    current = net.data_loss(data.X_train, data.Y_train)
    assert current == pytest.approx(losses[-1], rel=1e-12)  # the weights of that epoch
    assert losses[-1] <= 10 * min(losses)
    state = tr.state()
    assert state.epoch == tr.epoch and len(state.history) == tr.epoch
    assert state.updates == tr.updates == tr.epoch * 10  # 40 points in batches of 4
    assert not state.velocity.any()
