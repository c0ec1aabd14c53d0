"""The per-sample trace shows exactly what one training step does."""

import json

import numpy as np
import pytest

from nnsim.core.hyper import Hyperparameters
from nnsim.core.init import initialize
from nnsim.core.network import Network
from nnsim.core.trace import trace_sample
from nnsim.core.trainer import Trainer, TrainingData

X1 = np.array([[0.4, -1.2]])
Y1 = np.array([2])
HP = Hyperparameters(
    learning_rate=0.3, batch_size=1, momentum=0.8, regularization="l2", reg_lambda=0.01
)


def small_net(seed=0, output="softmax", loss="cross_entropy", K=3):
    net = Network([2, 4, 3, K], ["tanh", "sigmoid"], output=output, loss=loss)
    initialize(net, seed=seed)
    net.theta[~net.weight_mask] = np.random.default_rng(seed).uniform(
        -0.2, 0.2, (~net.weight_mask).sum()
    )
    return net


def test_to_dict_is_json_serialisable():
    net = small_net()
    t = trace_sample(net, X1[0], np.eye(3)[2], HP)
    d = t.to_dict()
    back = json.loads(json.dumps(d))
    assert back["loss"] == pytest.approx(t.loss)
    assert back["forward"][0]["W"] == net.W[1].tolist()
    assert [b["k"] for b in back["backward"]] == [3, 2, 1]
    assert back["backward"][-1]["gprime_below"] is None
    assert "theta_after" not in back
    assert isinstance(t.format_text(), str) and "grad W^(1)" in t.format_text()


def test_trace_equals_the_trainer_step_with_momentum():
    net = small_net(1)
    trainer = Trainer(net, TrainingData.build(net, X1, Y1, "classification"), HP)
    target = trainer.data.Y_train[0]
    for step in range(3):  # velocity is non-zero from the second step on
        before = net.theta.copy()
        t = trace_sample(
            net,
            X1[0],
            target,
            HP,
            lr=trainer.learning_rate,
            velocity=trainer.optimizer.velocity.copy(),
        )
        assert np.array_equal(net.theta, before)  # the trace does not modify the net
        trainer.step("sample")
        assert np.array_equal(t.theta_after, net.theta), step
        assert np.array_equal(t.velocity_after, trainer.optimizer.velocity)
        assert t.loss_after == pytest.approx(net.data_loss(X1, trainer.data.Y_train), rel=1e-14)
    assert np.abs(trainer.optimizer.velocity).max() > 0


def test_trace_is_the_batch_one_update_of_a_larger_data_set():
    rng = np.random.default_rng(2)
    X = rng.normal(0, 1, (9, 2))
    y = rng.integers(0, 3, 9)
    net = small_net(2)
    hp = HP.with_changes(momentum=0.0)
    trainer = Trainer(net, TrainingData.build(net, X, y, "classification"), hp)
    start = net.copy()
    trainer.step("sample")
    # The sample the trainer drew first is the first of its epoch order.
    i = int(trainer._perm[0])
    t = trace_sample(start, X[i], np.eye(3)[y[i]], hp)
    assert np.array_equal(t.theta_after, net.theta)


@pytest.mark.parametrize(
    "reg,lam,momentum", [("l2", 0.01, 0.8), ("l1", 0.05, 0.5), ("none", 0.0, 0.0)]
)
def test_update_terms_add_up(reg, lam, momentum):
    net = small_net(3)
    hp = HP.with_changes(regularization=reg, reg_lambda=lam, momentum=momentum)
    velocity = np.random.default_rng(3).normal(0, 0.05, net.theta.size)
    t = trace_sample(net, X1[0], np.eye(3)[1], hp, lr=0.25, velocity=velocity)
    assert t.learning_rate == 0.25
    for u in t.update:
        k = u.k
        ws, bs = net.slices[k]
        assert np.array_equal(u.W_old, net.W[k]) and np.array_equal(u.b_old, net.b[k])
        clipped = u.W_clipped
        assert np.array_equal(u.W_new[~clipped], (u.W_old - u.W_step)[~clipped])
        assert np.all(u.W_new[clipped] == 0.0)
        assert np.array_equal(u.b_new, u.b_old - u.b_step)
        assert u.W_step == pytest.approx(
            0.25 * (u.W_data + u.W_regularizer + u.W_momentum), rel=1e-12, abs=1e-16
        )
        assert u.b_step == pytest.approx(0.25 * (u.b_data + u.b_momentum), rel=1e-12, abs=1e-16)
        assert u.W_momentum == pytest.approx(momentum * velocity[ws].reshape(u.W_old.shape))
        assert u.b_momentum == pytest.approx(momentum * velocity[bs])
        if reg == "l2":
            assert u.W_regularizer == pytest.approx(2 * lam * u.W_old)
        elif reg == "l1":
            assert u.W_regularizer == pytest.approx(lam * np.sign(u.W_old))
        else:
            assert not np.any(u.W_regularizer)
        back = next(b for b in t.backward if b.k == k)
        assert np.array_equal(u.W_data, back.grad_W)
        assert np.array_equal(u.b_data, back.grad_b)


def test_l1_clipping_is_visible_in_the_trace():
    net = small_net(4)
    net.W[1][0, 0] = 1e-4  # one L1 step of 0.3 * 0.05 crosses zero
    hp = HP.with_changes(regularization="l1", reg_lambda=0.05, momentum=0.0)
    t = trace_sample(net, X1[0], np.eye(3)[0], hp)
    u1 = t.update[0]
    assert u1.W_clipped[0, 0] and u1.W_new[0, 0] == 0.0
    assert t.theta_after[net.slices[1][0]][0] == 0.0


def test_frozen_biases_and_the_general_output_rule():
    net = small_net(5, output="tanh", loss="squared_error", K=2)
    hp = HP.with_changes(train_biases=False)
    t = trace_sample(net, X1[0], np.array([0.5, -0.5]), hp)
    assert "general chain rule" in t.output_gradient_rule
    for u in t.update:
        assert np.array_equal(u.b_new, u.b_old)
        assert not np.any(u.b_step)
    assert not t.train_biases
    soft = trace_sample(small_net(5), X1[0], np.eye(3)[0], HP)
    assert soft.output_gradient_rule == "grad a^(L+1) = -(e(y) - f(x))"
    assert soft.backward[0].grad_a == pytest.approx(soft.output - np.eye(3)[0])
