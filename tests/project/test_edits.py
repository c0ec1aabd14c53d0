"""Edits return new projects and keep every weight they do not touch, bit for bit."""

import numpy as np
import pytest

from nnsim.core.hyper import Hyperparameters
from nnsim.project import dumps, new_project
from nnsim.project import edits as E

from .helpers import trained


@pytest.fixture
def p():
    base = new_project(
        "circle",
        n=40,
        seed=2,
        hidden=(3, 4, 2),
        hyper=Hyperparameters(batch_size=8, max_epochs=2, momentum=0.9),
    )
    return trained(base)


def same(a, b):
    return a.shape == b.shape and np.array_equal(a, b)


def test_edits_do_not_mutate_their_argument(p):
    before = dumps(p)
    for edit in (
        lambda q: E.add_layer(q, 1),
        lambda q: E.remove_layer(q, 0),
        lambda q: E.add_neuron(q, 1),
        lambda q: E.remove_neuron(q, 1),
        lambda q: E.set_activation(q, 0, "relu"),
        lambda q: E.set_output(q, "softmax", "squared_error"),
        lambda q: E.set_features(q, ["x1", "x2", "x1*x2"]),
        lambda q: E.set_n_classes(q, 3),
        lambda q: E.set_hyper(q, q.hyper.with_changes(learning_rate=0.1)),
        lambda q: E.set_view(q, show_test=True),
        lambda q: E.set_teacher(q, note="hi"),
    ):
        edit(p)
        assert dumps(p) == before
    with pytest.raises(ValueError):
        p.weights[0][0][0, 0] = 1.0  # arrays are read-only


def test_add_neuron_keeps_weights_and_output(p):
    q = E.add_neuron(p, 1)
    assert q.sizes == [2, 3, 5, 2, 2]
    (W1, b1), (W2, b2), (W3, b3), (W4, b4) = p.weights
    (V1, c1), (V2, c2), (V3, c3), (V4, c4) = q.weights
    assert same(V1, W1) and same(c1, b1) and same(V4, W4) and same(c4, b4)
    assert same(V2[:4], W2) and same(c2[:4], b2) and c2[4] == 0
    assert same(V3[:, :4], W3) and same(c3, b3) and not V3[:, 4].any()
    assert V2[4].any()  # a fresh row, not zeros
    X = p.inputs()
    np.testing.assert_allclose(
        q.build_network().predict(X), p.build_network().predict(X), rtol=1e-13, atol=1e-15
    )
    assert q.network.hidden[1].neurons[-1] not in p.network.ids()
    assert q.trainer_state.velocity is None and q.trainer_state.epoch == p.trainer_state.epoch
    assert q.history == p.history


def test_remove_neuron_deletes_its_row_and_column(p):
    victim = p.network.hidden[1].neurons[1]
    q = E.remove_neuron(p, 1, victim)
    assert victim not in q.network.ids()
    (W1, b1), (W2, b2), (W3, b3), (W4, b4) = p.weights
    (V1, c1), (V2, c2), (V3, c3), (V4, c4) = q.weights
    assert same(V1, W1) and same(c1, b1) and same(V4, W4) and same(c4, b4)
    assert same(V2, np.delete(W2, 1, 0)) and same(c2, np.delete(b2, 1))
    assert same(V3, np.delete(W3, 1, 1)) and same(c3, b3)
    # removing the neuron just added gives back the same network
    r = E.remove_neuron(E.add_neuron(p, 0), 0)
    for (W, b), (V, c) in zip(p.weights, r.weights, strict=True):
        assert same(W, V) and same(b, c)


def test_add_and_remove_layer_keep_the_other_layers(p):
    q = E.add_layer(p, 1, neurons=5, activation="relu")
    assert q.sizes == [2, 3, 5, 4, 2, 2] and q.activations[1] == "relu"
    W, V = p.weights, q.weights
    assert same(V[0][0], W[0][0]) and same(V[0][1], W[0][1])
    assert V[1][0].shape == (5, 3) and not V[1][1].any()
    assert V[2][0].shape == (4, 5) and same(V[2][1], W[1][1])  # next layer keeps biases
    assert same(V[3][0], W[2][0]) and same(V[4][0], W[3][0])
    r = E.remove_layer(p, 1)
    assert r.sizes == [2, 3, 2, 2]
    assert same(r.weights[0][0], W[0][0]) and same(r.weights[2][0], W[3][0])
    assert r.weights[1][0].shape == (2, 3) and same(r.weights[1][1], W[2][1])
    appended = E.add_layer(p, 3)
    assert appended.sizes == [2, 3, 4, 2, 4, 2]
    assert E.remove_layer(E.remove_layer(E.remove_layer(p, 0), 0), 0).sizes == [2, 2]


def test_output_features_and_classes(p):
    q = E.set_activation(p, 2, "sigmoid")
    for (W, b), (V, c) in zip(p.weights, q.weights, strict=True):
        assert same(W, V) and same(b, c)
    q = E.set_output(p, "softmax", "squared_error")  # same outputs: weights stay
    assert same(q.weights[-1][0], p.weights[-1][0])
    q = E.set_output(p, "sigmoid", "binary_cross_entropy")  # two classes, one output
    assert q.sizes[-1] == 1 and same(q.weights[2][0], p.weights[2][0])
    q = E.set_features(p, ["x1", "x2", "x1^2", "x2^2"])
    assert q.weights[0][0].shape == (3, 4) and same(q.weights[0][1], p.weights[0][1])
    assert same(q.weights[1][0], p.weights[1][0])
    q = E.set_n_classes(p, 4)
    assert q.sizes[-1] == 4 and same(q.weights[2][0], p.weights[2][0])
    assert len(set(q.network.output_neurons)) == 4


def test_set_data_switches_task_and_keeps_hidden_weights(p):
    X = np.linspace(-6, 6, 10).reshape(-1, 1)
    q = E.set_data(p, X, np.sin(X[:, 0]), np.zeros(10, np.int8), task="regression")
    assert q.task == "regression" and q.n_classes == 0 and q.features == ("x1",)
    assert q.sizes == [1, 3, 4, 2, 1]
    assert same(q.weights[1][0], p.weights[1][0])
    assert q.network.output_activation == "linear" and q.network.loss == "squared_error"
    q.make_trainer()[1].step("epoch")


@pytest.mark.parametrize(
    "edit, message",
    [
        (lambda q: E.add_layer(q, 9), "index"),
        (lambda q: E.add_layer(q, 0, neurons=0), "1 to 256"),
        (lambda q: E.add_layer(q, 0, activation="swish"), "unknown activation"),
        (lambda q: E.remove_neuron(E.remove_neuron(q, 2), 2), "at least one"),
        (lambda q: E.remove_neuron(q, 0, "nope"), "no neuron"),
        (lambda q: E.set_output(q, "softmax", "binary_cross_entropy"), "pair"),
        (lambda q: E.set_features(q, ["x3"]), "unknown feature"),
        (lambda q: E.set_features(q, []), "at least one"),
        (lambda q: E.set_n_classes(q, 9), "2..8"),
        (lambda q: E.set_data(q, [[0.0, 0.0]], [5], [0]), "class 5"),
        (lambda q: E.set_data(q, [[0.0, np.nan]], [1], [0]), "finite"),
        (lambda q: E.set_teacher(q, colour="red"), "unknown teacher"),
    ],
)
def test_impossible_edits_raise_value_error(p, edit, message):
    with pytest.raises(ValueError, match=message):
        edit(p)
