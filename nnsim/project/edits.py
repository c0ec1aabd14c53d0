"""Pure edit operations on a `Project`: each returns a new project and never mutates its
argument, so an undo stack can keep the old ones.

Every weight an edit does not touch is kept bit for bit. Hidden layer ``i`` (0-based) is
the lecture's layer k = i + 1: its neurons are the rows of ``W^(k)`` (and entries of
``b^(k)``) and the columns of ``W^(k+1)``. A neuron keeps its bias; a connection keeps its
weight while both its ends survive and stay adjacent. Fresh weights follow
``hyper.init`` with an rng seeded from ``hyper.seed`` and the id counter, so an edit is
reproducible. Edits that change the network drop the optimizer's velocity, the epoch
order and the early-stopping memory (they no longer fit), and keep epoch and history.
"""

from __future__ import annotations

import math
from dataclasses import fields, replace

import numpy as np

from nnsim.core.activations import ACTIVATIONS
from nnsim.core.features import FEATURES, default_features
from nnsim.core.hyper import Hyperparameters
from nnsim.core.init import glorot_bound
from nnsim.project.checks import check
from nnsim.project.document import (
    DataSpec,
    LayerSpec,
    Project,
    default_output,
    n_outputs_for,
)
from nnsim.project.enums import Task
from nnsim.project.limits import MAX_HIDDEN_LAYERS, MAX_NEURONS


# ---------------------------------------------------------------------- helpers
def _weights(p: Project) -> list[list[np.ndarray]]:
    """Writable ``[W^(k), b^(k)]`` copies for k = 1..L+1 (initialized if p has none)."""
    params = p.weights if p.weights is not None else p.build_network(np.float64).params()
    return [[W.copy(), b.copy()] for W, b in params]


def _fresh(p: Project, shape: tuple[int, int], layer_shape: tuple[int, int] | None = None):
    """New weights of ``shape`` by ``hyper.init``; Glorot's bound uses ``layer_shape``
    (the whole W^(k) the rows or columns belong to)."""
    hp = p.hyper
    rng = np.random.default_rng([hp.seed, p.network.next_id])
    if hp.init == "glorot":
        fan_out, fan_in = layer_shape or shape
        bound = glorot_bound(fan_in, fan_out)
        return rng.uniform(-bound, bound, shape)
    return np.full(shape, 0.0 if hp.init == "zero" else float(hp.init_constant))


def _reset_training(p: Project, keep_velocity: bool = False):
    """The trainer state after an edit: same epoch, updates and rng; a fresh epoch order,
    no early-stopping memory, no velocity (unless ``keep_velocity``)."""
    s = p.trainer_state
    if s is None:
        return None
    return replace(
        s,
        cursor=0,
        permutation=None,
        velocity=s.velocity if keep_velocity else None,
        best_theta=None,
        best_epoch=0,
        best_val=(math.inf, math.inf),
        bad_epochs=0,
    )


def _done(p: Project, **changes) -> Project:
    """Apply ``changes`` (weights as lists of [W, b]) and check the result."""
    if "weights" in changes:
        changes["weights"] = tuple((W, b) for W, b in changes["weights"])
    if "trainer_state" not in changes:
        changes["trainer_state"] = _reset_training(p)
    return check(replace(p, **changes))


def _hidden_index(p: Project, index: int, allow_end: bool = False) -> int:
    n = len(p.network.hidden)
    top = n if allow_end else n - 1
    if not isinstance(index, int) or not 0 <= index <= top:
        raise ValueError(f"hidden layer index must be in 0..{top}, got {index!r}")
    return index


def _check_activation(name: str) -> None:
    if name not in ACTIVATIONS:
        raise ValueError(f"unknown activation {name!r}; choose from {list(ACTIVATIONS)}")


def _check_width(neurons) -> int:
    if isinstance(neurons, bool) or not isinstance(neurons, int):
        raise ValueError(f"the number of neurons must be a whole number, got {neurons!r}")
    if not 1 <= neurons <= MAX_NEURONS:
        raise ValueError(f"a layer needs 1 to {MAX_NEURONS} neurons, got {neurons}")
    return neurons


# ---------------------------------------------------------------------- layers
def add_layer(p: Project, index: int, neurons: int = 4, activation: str = "tanh") -> Project:
    """Insert a hidden layer at position ``index`` (0..L) among the hidden layers.

    The weights into and out of the new layer are fresh; the next layer's biases stay.
    """
    _hidden_index(p, index, allow_end=True)
    _check_width(neurons)
    _check_activation(activation)
    if len(p.network.hidden) >= MAX_HIDDEN_LAYERS:
        raise ValueError(f"at most {MAX_HIDDEN_LAYERS} hidden layers")
    (layer_id,), spec = p.network.fresh_ids(1, "l")
    ids, spec = spec.fresh_ids(neurons)
    hidden = list(spec.hidden)
    hidden.insert(index, LayerSpec(layer_id, activation, tuple(ids)))
    W = _weights(p)
    h_prev, h_next = p.sizes[index], p.sizes[index + 1]
    W_in = _fresh(p, (neurons, h_prev))
    W_out = _fresh(replace(p, network=spec), (h_next, neurons))
    W[index : index + 1] = [[W_in, np.zeros(neurons)], [W_out, W[index][1]]]
    return _done(p, network=replace(spec, hidden=tuple(hidden)), weights=W)


def remove_layer(p: Project, index: int) -> Project:
    """Remove hidden layer ``index``; the layers around it are joined by fresh weights."""
    _hidden_index(p, index)
    hidden = list(p.network.hidden)
    del hidden[index]
    W = _weights(p)
    h_prev, h_next = p.sizes[index], p.sizes[index + 2]
    W[index : index + 2] = [[_fresh(p, (h_next, h_prev)), W[index + 1][1]]]
    spec = replace(p.network, next_id=p.network.next_id + 1)  # the next fresh rng differs
    return _done(p, network=replace(spec, hidden=tuple(hidden)), weights=W)


def set_activation(p: Project, layer_index: int, name: str) -> Project:
    """Change the activation g of hidden layer ``layer_index``; the weights stay."""
    _hidden_index(p, layer_index)
    _check_activation(name)
    hidden = list(p.network.hidden)
    hidden[layer_index] = replace(hidden[layer_index], activation=name)
    return _done(p, network=replace(p.network, hidden=tuple(hidden)))


# ---------------------------------------------------------------------- neurons
def add_neuron(p: Project, layer_index: int) -> Project:
    """Add a neuron to hidden layer ``layer_index`` without changing the network's output.

    Its row of ``W^(k)`` is fresh and its bias 0; its column of ``W^(k+1)`` is 0, so
    f(x) stays the same until training moves that column.
    """
    _hidden_index(p, layer_index)
    layer = p.network.hidden[layer_index]
    if layer.width >= MAX_NEURONS:
        raise ValueError(f"a layer holds at most {MAX_NEURONS} neurons")
    (nid,), spec = p.network.fresh_ids(1)
    hidden = list(spec.hidden)
    hidden[layer_index] = replace(layer, neurons=(*layer.neurons, nid))
    W = _weights(p)
    k = layer_index
    W_in, b_in = W[k]
    row = _fresh(p, (1, W_in.shape[1]), (W_in.shape[0] + 1, W_in.shape[1]))
    W[k] = [np.vstack([W_in, row]), np.append(b_in, 0.0)]
    W_out = W[k + 1][0]
    W[k + 1][0] = np.hstack([W_out, np.zeros((W_out.shape[0], 1))])
    return _done(p, network=replace(spec, hidden=tuple(hidden)), weights=W)


def remove_neuron(p: Project, layer_index: int, neuron_id: str | None = None) -> Project:
    """Remove a neuron (the last one if ``neuron_id`` is None): its row and bias in
    ``W^(k)``, ``b^(k)`` and its column of ``W^(k+1)``. A layer keeps at least one."""
    _hidden_index(p, layer_index)
    layer = p.network.hidden[layer_index]
    if layer.width <= 1:
        raise ValueError("a layer needs at least one neuron; remove the layer instead")
    if neuron_id is None:
        j = layer.width - 1
    elif neuron_id in layer.neurons:
        j = layer.neurons.index(neuron_id)
    else:
        raise ValueError(f"hidden layer {layer_index} has no neuron {neuron_id!r}")
    hidden = list(p.network.hidden)
    hidden[layer_index] = replace(layer, neurons=layer.neurons[:j] + layer.neurons[j + 1 :])
    W = _weights(p)
    k = layer_index
    W[k] = [np.delete(W[k][0], j, axis=0), np.delete(W[k][1], j)]
    W[k + 1][0] = np.delete(W[k + 1][0], j, axis=1)
    return _done(p, network=replace(p.network, hidden=tuple(hidden)), weights=W)


# ---------------------------------------------------------------------- output, inputs
def _with_output_layer(p: Project, q: Project, activation: str, loss: str, reinit: bool, W):
    """The topology of ``q`` (p with task/classes changed) with output ``activation`` and
    ``loss``; the output layer of ``W`` is made fresh if the number of outputs changes
    or ``reinit``."""
    count = n_outputs_for(q.task, q.n_classes, activation)
    spec = replace(q.network, output_activation=activation, loss=loss)
    if count != len(spec.output_neurons) or reinit:
        ids = spec.output_neurons[:count]
        if count > len(ids):
            extra, spec = spec.fresh_ids(count - len(ids))
            ids = (*ids, *extra)
        spec = replace(spec, output_neurons=tuple(ids))
        h_last = W[-1][0].shape[1]
        W[-1] = [_fresh(p, (count, h_last)), np.zeros(count)]
    return spec


def set_output(p: Project, output_activation: str, loss: str) -> Project:
    """Choose the output activation o and the loss (e.g. sigmoid + binary_cross_entropy).

    The output layer is reinitialized only if the number of outputs changes.
    """
    W = _weights(p)
    spec = _with_output_layer(p, p, output_activation, loss, False, W)
    return _done(p, network=spec, weights=W)


def set_n_classes(p: Project, k: int) -> Project:
    """Change the number of classes K (classification); the output layer is reinitialized."""
    if p.task != Task.CLASSIFICATION:
        raise ValueError("only a classification project has classes")
    if isinstance(k, bool) or not isinstance(k, int) or not 2 <= k <= 8:
        raise ValueError(f"the number of classes must be 2..8, got {k!r}")
    if p.data.n and int(p.data.y.max()) >= k:
        raise ValueError(f"the data have class {int(p.data.y.max())}; remove those points first")
    q = replace(p, n_classes=k)
    W = _weights(p)
    spec = _with_output_layer(p, q, p.network.output_activation, p.network.loss, True, W)
    return _done(q, network=spec, weights=W)


def set_features(p: Project, features) -> Project:
    """Choose the input features; W^(1) is reinitialized (its biases stay)."""
    features = tuple(features)
    W = _weights(p)
    W[0][0] = _fresh(p, (W[0][0].shape[0], len(features)))
    spec = replace(p.network, next_id=p.network.next_id + 1)
    return _done(p, features=features, network=spec, weights=W)


# ---------------------------------------------------------------------- data, settings
def set_data(
    p: Project,
    X,
    y,
    split,
    task: str | None = None,
    n_classes: int | None = None,
    *,
    generator: dict | None = None,
    split_ratios=None,
    split_seed: int | None = None,
) -> Project:
    """Replace the data points (drawn, loaded or generated).

    If the task or number of classes changes, the output layer follows (default output
    and loss for a new task); if the points lose x2, the features fall back to x1.
    """
    task = task or p.task
    y = np.asarray(y)
    if n_classes is None:
        if task != Task.CLASSIFICATION:
            n_classes = 0
        elif p.task == Task.CLASSIFICATION:
            n_classes = p.n_classes
        else:
            n_classes = max(2, int(y.max()) + 1 if len(y) else 2)
    d = p.data
    data = DataSpec(
        X,
        y,
        split,
        generator,
        d.split_ratios if split_ratios is None else tuple(split_ratios),
        d.split_seed if split_seed is None else int(split_seed),
    )
    q = replace(p, task=task, n_classes=n_classes, data=data)
    W, spec, features = _weights(p), p.network, p.features
    one_input = data.X.ndim == 2 and data.X.shape[1] == 1
    if one_input and any(FEATURES[f].n_inputs > 1 for f in features if f in FEATURES):
        features = tuple(default_features(1))
        W[0][0] = _fresh(p, (W[0][0].shape[0], 1))
    if task != p.task or n_classes != p.n_classes:
        same_task = task == p.task
        act, loss = (spec.output_activation, spec.loss) if same_task else default_output(task)
        spec = _with_output_layer(p, q, act, loss, not same_task, W)
    same_shape = [w.shape for w, _ in W] == [w.shape for w, _ in _weights(p)]
    state = _reset_training(p, keep_velocity=same_shape and features == p.features)
    return _done(q, features=features, network=spec, weights=W, trainer_state=state)


def set_hyper(p: Project, hp: Hyperparameters) -> Project:
    """New hyperparameters; weights and trainer state stay (training continues with them)."""
    return check(replace(p, hyper=hp.validated()))


def set_view(p: Project, **changes) -> Project:
    """View settings (grid_resolution, show_test, ...): JSON-able values."""
    return replace(p, view={**p.view, **changes})


def set_teacher(p: Project, **changes) -> Project:
    """Teacher settings: ``locked``, ``hidden`` (lists of names) and ``note``."""
    unknown = set(changes) - {"locked", "hidden", "note"}
    if unknown:
        raise ValueError(f"unknown teacher setting {sorted(unknown)[0]!r}")
    return replace(p, teacher={**p.teacher, **changes})


# ---------------------------------------------------------------------- what changed
def changed_fields(before: Project, after: Project) -> frozenset[str]:
    """The names of the fields an edit changed from ``before`` to ``after``: what its undo
    step must restore and which views must redraw.

    Weights are compared by value; the trainer state counts only together with weights,
    topology or features, so undoing a point edit never throws away training done after
    it. Any other field counts when it differs.
    """
    out = set()
    for f in fields(Project):
        name = f.name
        a, b = getattr(before, name), getattr(after, name)
        if name == "trainer_state" or a is b:
            continue
        if name == "weights":
            same = _same_weights(a, b)
        elif name == "data":
            same = False
        else:
            try:
                same = bool(a == b)
            except (ValueError, TypeError):  # values holding arrays
                same = False
        if not same:
            out.add(name)
    if before.trainer_state is not after.trainer_state and out & {"weights", "network", "features"}:
        out.add("trainer_state")
    return frozenset(out)


def _same_weights(a, b) -> bool:
    if a is None or b is None or len(a) != len(b):
        return a is b
    return all(
        np.array_equal(W0, W1) and np.array_equal(b0, b1)
        for (W0, b0), (W1, b1) in zip(a, b, strict=True)
    )
