"""The training loop's fast paths compute the same bits as the plain code they replace:
in-place activation backprop, the preallocated L2 update, and running metrics computed
from the kept outputs at the end of the epoch."""

import numpy as np
import pytest

from nnsim.core.activations import ACTIVATIONS
from nnsim.core.epoch_metrics import RunningMetrics
from nnsim.core.hyper import Hyperparameters
from nnsim.core.init import initialize
from nnsim.core.network import Network
from nnsim.core.optim import SGD
from nnsim.core.trainer import Trainer, TrainingData


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_backprop_into_equals_backprop_bit_for_bit(name, dtype):
    act = ACTIVATIONS[name]
    rng = np.random.default_rng(4)
    a = rng.normal(0, 3, (7, 5)).astype(dtype)
    a[0, :2] = 0.0  # relu's kink and -0.0 products
    h = act.g(a)
    grad_h = rng.normal(0, 1, (7, 5)).astype(dtype)
    grad_h[1, 0] = -0.0
    expected = act.backprop(a, h, grad_h)
    got = act.backprop_into(a, h, grad_h.copy())
    assert got.dtype == expected.dtype
    np.testing.assert_array_equal(got, expected)
    assert np.array_equal(np.signbit(got), np.signbit(expected))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("momentum,train_biases", [(0.0, True), (0.9, True), (0.5, False)])
def test_fast_l2_step_equals_the_recorded_step(dtype, momentum, train_biases):
    def net_and_opt():
        net = Network([3, 4, 2], ["tanh"], dtype=dtype)
        initialize(net, "glorot", seed=2)
        hp = Hyperparameters(
            momentum=momentum, regularization="l2", reg_lambda=0.01, train_biases=train_biases
        )
        return net, SGD(net, hp)

    fast, fast_opt = net_and_opt()
    slow, slow_opt = net_and_opt()
    rng = np.random.default_rng(5)
    for _ in range(5):
        g = rng.normal(0, 1, fast.grad.shape).astype(dtype)
        fast.grad[:] = g
        slow.grad[:] = g
        assert fast_opt.step(0.3) is None
        slow_opt.step(0.3, record=True)  # the plain path, which records every term
        np.testing.assert_array_equal(fast.theta, slow.theta)
        np.testing.assert_array_equal(fast_opt.velocity, slow_opt.velocity)


@pytest.mark.parametrize("loss", ["cross_entropy", "squared_error"])
def test_running_metrics_sum_each_batch_as_the_loss_does(loss):
    """The epoch's running loss and error equal the per-batch sums of Loss.sum, exactly."""
    rng = np.random.default_rng(6)
    n = 1100
    X = rng.normal(size=(n, 2))
    y = (X[:, 0] > 0).astype(np.int64)
    net = Network([2, 3, 2], ["tanh"], "softmax", loss)
    initialize(net, "glorot", seed=3)
    data = TrainingData.build(net, X, y, "classification")
    trainer = Trainer(net, data, Hyperparameters(batch_size=64, max_epochs=1))
    assert not trainer.exact_metrics
    run = RunningMetrics(net, data, 0)
    perm = np.random.default_rng(0).permutation(n)
    Xs, Ys = data.X_train[perm], data.Y_train[perm]
    loss_sum, sq_sum = 0.0, 0.0
    for c in range(0, n, 64):
        f = net.predict(Xs[c : c + 64])
        loss_sum += net.loss.sum(f, Ys[c : c + 64])
        d = f - Ys[c : c + 64]
        sq_sum += float(np.vdot(d, d)) / 2
        net.grad[:] = 0.0
        run.add(f, c)
    mean_loss, error, _ = run.finish(Ys, y[perm])
    assert mean_loss == loss_sum / n
    assert error == float(np.mean(net.predict(Xs).argmax(1) != y[perm]))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("K", [1, 2, 3, 7, 8, 10])
def test_per_sample_losses_sum_a_row_as_numpy_does(K, dtype):
    """Row sums column by column (fewer than 8 classes) give numpy's sum(axis=1) bits."""
    from nnsim.core.losses import _row_sum

    rng = np.random.default_rng(K)
    M = (rng.normal(size=(300, K)) * rng.choice([1e-8, 1.0, 1e8], (300, K))).astype(dtype)
    got = _row_sum(M)
    assert got.dtype == M.dtype
    np.testing.assert_array_equal(got, M.sum(axis=1))
