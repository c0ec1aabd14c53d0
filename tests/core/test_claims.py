"""The lecture's claims as tests, the metrics on hand-made inputs, and the grid evaluation."""

import math

import numpy as np
import pytest

from nnsim.core import metrics
from nnsim.core.grid import evaluate_grid, evaluate_line, plane_points
from nnsim.core.hyper import Hyperparameters
from nnsim.core.init import initialize
from nnsim.core.network import Network
from nnsim.core.trainer import Trainer, TrainingData

XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_Y = np.array([0, 1, 1, 0])


def noisy_xor(n=200, seed=0):
    """Points in the four quadrants (kept 0.1 away from the axes), class = x1 x2 < 0."""
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1, 1, (n, 2))
    X += np.sign(X) * 0.1
    return X, (X[:, 0] * X[:, 1] < 0).astype(np.int64)


def train(sizes, hidden, output, loss, X, y, epochs, batch):
    net = Network(sizes, hidden, output=output, loss=loss)
    initialize(net, seed=0)
    hp = Hyperparameters(learning_rate=0.3, batch_size=batch, max_epochs=epochs, seed=0)
    return Trainer(net, TrainingData.build(net, X, y, "classification"), hp).train()[-1]


SINGLE_NEURON = [([2, 1], "sigmoid", "binary_cross_entropy"), ([2, 2], "softmax", "cross_entropy")]


@pytest.mark.parametrize("sizes,output,loss", SINGLE_NEURON)
def test_a_single_neuron_cannot_separate_xor(sizes, output, loss):
    rec = train(sizes, [], output, loss, XOR_X, XOR_Y, epochs=1500, batch=4)
    assert rec.train_error >= 0.25
    assert rec.train_loss > 0.6  # it stays near ln 2: no line does better than chance
    X, y = noisy_xor()
    rec = train(sizes, [], output, loss, X, y, epochs=200, batch=10)
    assert rec.train_error >= 0.25


def test_one_hidden_layer_of_four_tanh_units_separates_xor():
    rec = train([2, 4, 2], ["tanh"], "softmax", "cross_entropy", XOR_X, XOR_Y, 1500, 4)
    assert rec.train_error == 0.0
    X, y = noisy_xor()
    rec = train([2, 4, 2], ["tanh"], "softmax", "cross_entropy", X, y, epochs=200, batch=10)
    assert rec.train_error <= 0.02


# ---------------------------------------------------------------- metrics
F3 = np.array([[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.3, 0.3, 0.4], [0.5, 0.4, 0.1], [0.2, 0.2, 0.6]])
Y3 = np.array([0, 1, 1, 1, 2])


def test_confusion_matrix_error_rate_and_accuracy():
    C = metrics.confusion_matrix(F3, Y3, 3)
    assert C.tolist() == [[1, 0, 0], [1, 1, 1], [0, 0, 1]]
    assert C.sum() == 5
    assert metrics.error_rate(F3, Y3) == pytest.approx(0.4)
    assert metrics.accuracy(F3, Y3) == pytest.approx(0.6)
    assert math.isnan(metrics.error_rate(F3[:0], Y3[:0]))


def test_single_output_means_class_one_at_one_half():
    f = np.array([[0.2], [0.5], [0.9], [0.49]])
    assert metrics.predicted_class(f).tolist() == [0, 1, 1, 0]
    assert metrics.error_rate(f, np.array([0, 0, 1, 1])) == pytest.approx(0.5)
    assert metrics.confusion_matrix(f, np.array([0, 0, 1, 1]), 2).tolist() == [[1, 1], [1, 1]]


def test_mean_squared_error_and_targets():
    f = np.array([[1.0, 2.0], [0.0, -1.0]])
    Y = np.array([[0.0, 2.0], [2.0, 0.0]])
    assert metrics.mean_squared_error(f, Y) == pytest.approx((1 + 0 + 4 + 1) / 4)
    assert math.isnan(metrics.mean_squared_error(f[:0], Y[:0]))
    assert metrics.targets_for(np.array([2, 0]), 3, "classification").tolist() == [
        [0, 0, 1],
        [1, 0, 0],
    ]
    assert metrics.targets_for(np.array([1, 0]), 1, "classification").tolist() == [[1], [0]]
    assert metrics.targets_for(np.array([0.5, 2.0]), 1, "regression").tolist() == [[0.5], [2.0]]


# ---------------------------------------------------------------- grid
def test_plane_points_are_row_major_with_y_outer():
    xs, ys, P = plane_points(4, extent=((0.0, 3.0), (-6.0, 6.0)))
    assert xs.tolist() == [0, 1, 2, 3] and ys.tolist() == [-6, -2, 2, 6]
    assert P.shape == (16, 2)
    for i in range(4):
        for j in range(4):
            assert P[i * 4 + j].tolist() == [xs[j], ys[i]]


def test_grid_rows_follow_ys():
    net = Network([2, 3, 2], ["tanh"], output="softmax", loss="cross_entropy")
    initialize(net, seed=1)
    net.W[1][:, 0] = 0.0  # the hidden layer sees only x2: the output varies along ys only
    extent = ((0.0, 1.0), (-6.0, 6.0))
    res = evaluate_grid(net, ("x1", "x2"), n=7, extent=extent)
    assert res.output.shape == (7, 7, 2)
    assert [layer.shape for layer in res.layers] == [(7, 7, 3), (7, 7, 2)]
    assert np.array_equal(res.layers[-1], res.output)
    for i, y in enumerate(res.ys):
        row = res.output[i]
        assert np.allclose(row, row[0])  # constant along x
        assert row[0] == pytest.approx(net.predict(np.array([[0.5, y]]))[0])
    assert np.abs(res.output[0] - res.output[-1]).max() > 1e-3
    cheap = evaluate_grid(net, ("x1", "x2"), n=7, extent=extent, neurons=False)
    assert cheap.layers == () and np.array_equal(cheap.output, res.output)


def test_grid_uses_the_features_and_the_line():
    net = Network([1, 1], [], output="linear", loss="squared_error")
    net.theta[:] = [2.0, 1.0]  # f = 2 * x1^2 + 1
    res = evaluate_grid(net, ("x1^2",), n=5)
    assert res.output[:, :, 0] == pytest.approx(np.tile(2 * res.xs**2 + 1, (5, 1)))
    xs, f = evaluate_line(net, ("x1^2",), n=9)
    assert f.shape == (9, 1) and f[:, 0] == pytest.approx(2 * xs**2 + 1)
