"""Semantic checks of a `Project`, each problem named by the JSON path it is saved at.

The loader turns the first problem into a `ProjectError`; the edits turn it into a
ValueError. Type checks of the raw JSON happen earlier, in `nnsim.project.decode`.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from nnsim.core.activations import ACTIVATIONS, OUTPUT_ACTIVATIONS
from nnsim.core.datasets import MAX_CLASSES, MAX_POINTS, MIN_CLASSES
from nnsim.core.features import FEATURES
from nnsim.core.losses import LOSSES, VALID_PAIRS
from nnsim.project import limits
from nnsim.project.document import Project, n_outputs_for
from nnsim.project.enums import Split, Task
from nnsim.project.limits import MAX_HIDDEN_LAYERS, MAX_NEURONS

__all__ = ["MAX_HIDDEN_LAYERS", "MAX_NEURONS", "check", "find_problem"]


def find_problem(p: Project) -> tuple[str, str] | None:
    """The first problem of ``p`` as ``(json_path, message)``, or None if it is sound."""
    return next(_problems(p), None)


def check(p: Project) -> Project:
    """Return ``p`` or raise ValueError naming the first problem and its JSON path."""
    found = find_problem(p)
    if found:
        raise ValueError(f"{found[0]}: {found[1]}")
    return p


def _first_bad(mask: np.ndarray) -> int | None:
    bad = np.flatnonzero(mask)
    return int(bad[0]) if len(bad) else None


def _problems(p: Project) -> Iterator[tuple[str, str]]:
    if p.task not in (Task.CLASSIFICATION, Task.REGRESSION):
        yield "$.task", f"must be 'classification' or 'regression', not {p.task!r}"
        return
    if p.task == Task.CLASSIFICATION and not MIN_CLASSES <= p.n_classes <= MAX_CLASSES:
        yield "$.n_classes", f"classification needs {MIN_CLASSES} to {MAX_CLASSES} classes"
    if p.task == Task.REGRESSION and p.n_classes != 0:
        yield "$.n_classes", "must be 0 for regression"
    yield from _data_problems(p)
    yield from _feature_problems(p)
    yield from _network_problems(p)
    yield from _weight_problems(p)
    yield from _state_problems(p)
    yield from _memory_problems(p)


def _data_problems(p: Project) -> Iterator[tuple[str, str]]:
    d = p.data
    X, y, split = d.X, d.y, d.split
    if X.ndim != 2 or X.shape[1] not in (1, 2):
        yield "$.data.inputs", "every point needs 1 or 2 coordinates (x1 or x1, x2)"
        return
    if len(X) > MAX_POINTS:
        yield "$.data.inputs", f"at most {limits.human(MAX_POINTS)} points, got {len(X)}"
    if (i := _first_bad(~np.isfinite(X).all(axis=1))) is not None:
        yield f"$.data.inputs[{i}]", "coordinates must be finite numbers"
    key = "labels" if p.task == Task.CLASSIFICATION else "targets"
    if y.shape != (len(X),):
        yield f"$.data.{key}", f"needs one value per point ({len(X)}), got {len(y)}"
    elif p.task == Task.CLASSIFICATION:
        if (i := _first_bad((y < 0) | (y >= max(p.n_classes, 1)))) is not None:
            yield f"$.data.labels[{i}]", f"class {y[i]} is not in 0..{p.n_classes - 1}"
    elif (i := _first_bad(~np.isfinite(y))) is not None:
        yield f"$.data.targets[{i}]", "targets must be finite numbers"
    if split.shape != (len(X),):
        yield "$.data.split", f"needs one split code per point ({len(X)}), got {len(split)}"
    elif (i := _first_bad((split < 0) | (split > 2))) is not None:
        yield f"$.data.split[{i}]", "split codes are 0 (train), 1 (validation), 2 (test)"
    r = d.split_ratios
    if len(r) != 3 or min(r) < 0 or abs(sum(r) - 1) > 1e-9 or r[0] <= 0:
        yield "$.data.split_ratios", "needs (train, validation, test) >= 0 summing to 1, train > 0"


def _feature_problems(p: Project) -> Iterator[tuple[str, str]]:
    if not p.features:
        yield "$.features", "choose at least one input feature"
    d_raw = p.data.X.shape[1] if p.data.X.ndim == 2 else 2
    for j, name in enumerate(p.features):
        feature = FEATURES.get(name)
        if feature is None:
            yield f"$.features[{j}]", f"unknown feature {name!r}; choose from {list(FEATURES)}"
        elif p.data.n and feature.n_inputs > d_raw:
            yield f"$.features[{j}]", f"{name!r} needs x2, but the points have only x1"
        elif name in p.features[:j]:
            yield f"$.features[{j}]", f"{name!r} is listed twice"


def _network_problems(p: Project) -> Iterator[tuple[str, str]]:
    net = p.network
    if len(net.hidden) > MAX_HIDDEN_LAYERS:
        yield "$.network.hidden", f"at most {MAX_HIDDEN_LAYERS} hidden layers"
    seen: set[str] = set()
    for i, layer in enumerate(net.hidden):
        path = f"$.network.hidden[{i}]"
        if layer.activation not in ACTIVATIONS:
            yield (
                f"{path}.activation",
                f"unknown activation {layer.activation!r}; " + (f"choose from {list(ACTIVATIONS)}"),
            )
        if not 1 <= layer.width <= MAX_NEURONS:
            yield f"{path}.neurons", f"a layer needs 1 to {MAX_NEURONS} neurons"
        for name, where in [(layer.id, f"{path}.id")] + [
            (n, f"{path}.neurons[{j}]") for j, n in enumerate(layer.neurons)
        ]:
            if name in seen:
                yield where, f"id {name!r} is used twice"
            seen.add(name)
    out = "$.network.output"
    if net.output_activation not in OUTPUT_ACTIVATIONS:
        yield f"{out}.activation", f"unknown output activation {net.output_activation!r}"
    elif net.loss not in LOSSES:
        yield f"{out}.loss", f"unknown loss {net.loss!r}; choose from {list(LOSSES)}"
    elif (net.output_activation, net.loss) not in VALID_PAIRS:
        yield f"{out}.loss", f"{net.loss!r} does not pair with {net.output_activation!r}"
    elif p.task == Task.REGRESSION and net.output_activation == "softmax":
        yield f"{out}.activation", "softmax is for classes; regression needs linear"
    else:
        want = n_outputs_for(p.task, p.n_classes, net.output_activation)
        if len(net.output_neurons) != want:
            yield f"{out}.neurons", f"needs {want} output neurons, got {len(net.output_neurons)}"
    for j, name in enumerate(net.output_neurons):
        if name in seen:
            yield f"{out}.neurons[{j}]", f"id {name!r} is used twice"
        seen.add(name)


def _weight_problems(p: Project) -> Iterator[tuple[str, str]]:
    if p.weights is None:
        return
    sizes = p.sizes
    if len(p.weights) != len(sizes) - 1:
        yield "$.weights", f"needs {len(sizes) - 1} layers (W, b) for the topology {sizes}"
        return
    for k, (W, b) in enumerate(p.weights, start=1):
        shape = (sizes[k], sizes[k - 1])
        if W.shape != shape:
            yield f"$.weights[{k - 1}].W", f"W^({k}) must have shape {shape}, got {W.shape}"
        elif not np.isfinite(W).all():
            yield f"$.weights[{k - 1}].W", f"W^({k}) has a value that is not finite"
        if b.shape != (sizes[k],):
            yield f"$.weights[{k - 1}].b", f"b^({k}) must have shape ({sizes[k]},), got {b.shape}"
        elif not np.isfinite(b).all():
            yield f"$.weights[{k - 1}].b", f"b^({k}) has a value that is not finite"


def _state_problems(p: Project) -> Iterator[tuple[str, str]]:
    s = p.trainer_state
    if s is None:
        return
    path = "$.trainer_state"
    sizes = p.sizes
    n_params = sum(o * i + o for i, o in zip(sizes[:-1], sizes[1:]))
    for name in ("velocity", "best_theta"):
        v = getattr(s, name)
        if v is not None and v.shape != (n_params,):
            yield f"{path}.{name}", f"needs {n_params} values (one per parameter), got {len(v)}"
        elif v is not None and (i := _first_bad(~np.isfinite(v))) is not None:
            yield f"{path}.{name}[{i}]", "must be a finite number"
    n_train = int(np.count_nonzero(p.data.split == Split.TRAIN)) if p.data.split.ndim == 1 else 0
    perm = s.permutation
    if perm is not None and len(perm) == n_train:
        if not np.array_equal(np.sort(perm), np.arange(n_train)):
            yield f"{path}.permutation", f"must be a permutation of 0..{n_train - 1}"
        elif not 0 <= s.cursor < max(n_train, 1):
            yield f"{path}.cursor", f"must be in 0..{n_train - 1}"
    if s.bad_epochs > 0 and s.best_theta is None:
        yield f"{path}.best_theta", "early stopping counted bad epochs but kept no best weights"


def _memory_problems(p: Project) -> Iterator[tuple[str, str]]:
    """Training (a pass over every training point) and the window's live decision map."""
    sizes = p.sizes
    itemsize = 4 if p.hyper.dtype == "float32" else 8
    n_train = (
        int(np.count_nonzero(p.data.split == Split.TRAIN)) if p.data.split.ndim == 1 else p.data.n
    )
    shape = "-".join(map(str, sizes))
    work = [
        (limits.training_bytes(sizes, n_train, itemsize),
         f"training the {shape} network on {limits.human(n_train)} points"),
        (limits.grid_bytes(limits.LIVE_GRID, sizes),
         f"the decision map of the {shape} network"),
    ]  # fmt: skip
    for needed, what in work:
        try:
            limits.check_memory(needed, what)
        except limits.LimitError as e:
            yield "$.network", str(e)
            return
