"""The project document: topology with stable neuron ids, data, hyperparameters, weights.

A `Project` is immutable: the edit operations in `nnsim.project.edits` return a new one,
so an undo stack can simply keep the old instances. Its arrays are read-only copies.

Weights are stored in the lecture's layout, one ``(W^(k), b^(k))`` pair per layer
k = 1..L+1 with ``W^(k)`` of shape (H_k, H_{k-1}) and ``b^(k)`` of shape (H_k,), always in
float64 (a float32 network converts to float64 exactly, so nothing is lost on saving).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace

import numpy as np

from nnsim.core.features import transform
from nnsim.core.hyper import Hyperparameters
from nnsim.core.init import initialize
from nnsim.core.network import Network
from nnsim.core.trainer import EpochRecord, Trainer, TrainerState, TrainingData
from nnsim.project.enums import Task

DEFAULT_SPLIT = (0.6, 0.2, 0.2)


def frozen(a, dtype) -> np.ndarray:
    """A read-only array of ``dtype``: ``a`` itself if it already is one, else a copy."""
    if isinstance(a, np.ndarray) and a.dtype == dtype and not a.flags.writeable:
        return a
    out = np.array(a, dtype=dtype)
    out.flags.writeable = False
    return out


def default_output(task: str) -> tuple[str, str]:
    """(output activation, loss): softmax + cross_entropy for classes, linear + squared_error
    for regression."""
    if task == Task.CLASSIFICATION:
        return "softmax", "cross_entropy"
    return "linear", "squared_error"


def n_outputs_for(task: str, n_classes: int, output_activation: str) -> int:
    """H_{L+1}: one output per class with softmax; one output for regression, and for two
    classes with a single sigmoid (or tanh, linear) unit that reads f(x) >= 0.5 as class 1."""
    if task == Task.REGRESSION:
        return 1
    if output_activation == "softmax" or n_classes > 2:
        return n_classes
    return 1


@dataclass(frozen=True)
class LayerSpec:
    """One hidden layer: a stable ``id``, its activation g and its neurons' stable ids."""

    id: str
    activation: str
    neurons: tuple[str, ...]

    @property
    def width(self) -> int:
        """H_k, the number of neurons."""
        return len(self.neurons)


@dataclass(frozen=True)
class NetworkSpec:
    """The topology: hidden layers, the output layer and the counter for new ids."""

    hidden: tuple[LayerSpec, ...]
    output_activation: str
    loss: str
    output_neurons: tuple[str, ...]
    next_id: int = 0

    def ids(self) -> set[str]:
        """Every layer and neuron id in use."""
        used = {n for layer in self.hidden for n in layer.neurons}
        return used | {layer.id for layer in self.hidden} | set(self.output_neurons)

    def fresh_ids(self, count: int, prefix: str = "n") -> tuple[list[str], NetworkSpec]:
        """``count`` unused ids like ``"n12"`` and the spec with ``next_id`` advanced."""
        used, out, i = self.ids(), [], self.next_id
        while len(out) < count:
            name = f"{prefix}{i}"
            if name not in used:
                out.append(name)
            i += 1
        return out, replace(self, next_id=i)


@dataclass(frozen=True, eq=False)
class DataSpec:
    """The data points, their split and where they came from.

    X : (n, d_raw) float64 raw points (d_raw = 2 for the plane, 1 for 1-D regression).
    y : (n,) int64 class labels or (n,) float64 targets.
    split : (n,) int8 codes 0 train, 1 validation, 2 test.
    generator : the generator call that drew the points (``{"name", "n", "noise",
        "seed", ...}``) or None for the user's own points.
    """

    X: np.ndarray
    y: np.ndarray
    split: np.ndarray
    generator: dict | None = None
    split_ratios: tuple[float, float, float] = DEFAULT_SPLIT
    split_seed: int = 0

    def __post_init__(self):
        X = np.asarray(self.X)
        if X.ndim == 1 and X.size == 0:
            X = X.reshape(0, 2)
        y = np.asarray(self.y)
        set_ = object.__setattr__
        set_(self, "X", frozen(X, np.float64))
        set_(self, "y", frozen(y, np.float64 if y.dtype.kind == "f" else np.int64))
        set_(self, "split", frozen(self.split, np.int8))
        set_(self, "split_ratios", tuple(float(r) for r in self.split_ratios))
        set_(self, "generator", copy.deepcopy(self.generator))

    @property
    def n(self) -> int:
        return len(self.X)


def _default_teacher() -> dict:
    return {"locked": [], "hidden": [], "note": ""}


def _frozen_state(state: TrainerState | None) -> TrainerState | None:
    if state is None:
        return None

    def opt(a, dtype):
        return None if a is None else frozen(a, dtype)

    return replace(
        state,
        permutation=opt(state.permutation, np.int64),
        velocity=opt(state.velocity, np.float64),
        best_theta=opt(state.best_theta, np.float64),
        rng_state=copy.deepcopy(state.rng_state),
        best_val=tuple(float(v) for v in state.best_val),
        history=[],
    )


@dataclass(frozen=True, eq=False, kw_only=True)
class Project:
    """Everything the user edits and saves (see the module docstring and the contract).

    ``trainer_state`` keeps no history of its own: ``history`` is the one copy, and
    `make_trainer` hands it to the trainer.
    """

    title: str = ""
    description: str = ""
    task: str
    n_classes: int
    data: DataSpec
    features: tuple[str, ...]
    network: NetworkSpec
    hyper: Hyperparameters = field(default_factory=Hyperparameters)
    weights: tuple | None = None
    trainer_state: TrainerState | None = None
    history: tuple[EpochRecord, ...] = ()
    view: dict = field(default_factory=dict)
    teacher: dict = field(default_factory=_default_teacher)
    # the last hyperparameter search and its results (see nnsim.project.searching)
    search: dict | None = None

    def __post_init__(self):
        set_ = object.__setattr__
        y = self.data.y
        if self.task == Task.CLASSIFICATION and y.dtype.kind == "f":
            if not np.array_equal(y, np.round(y)):
                raise ValueError("class labels must be whole numbers")
            set_(self, "data", replace(self.data, y=y.astype(np.int64)))
        elif self.task == Task.REGRESSION and y.dtype.kind != "f":
            set_(self, "data", replace(self.data, y=y.astype(np.float64)))
        set_(self, "features", tuple(self.features))
        if self.weights is not None:
            w = tuple((frozen(W, np.float64), frozen(b, np.float64)) for W, b in self.weights)
            set_(self, "weights", w)
        set_(self, "trainer_state", _frozen_state(self.trainer_state))
        set_(self, "history", tuple(self.history))
        set_(self, "view", copy.deepcopy(dict(self.view)))
        set_(self, "teacher", {**_default_teacher(), **copy.deepcopy(dict(self.teacher))})
        if self.search is not None:
            set_(self, "search", copy.deepcopy(dict(self.search)))

    # ------------------------------------------------------------------ topology
    @property
    def sizes(self) -> list[int]:
        """``[H_0, H_1, ..., H_L, H_{L+1}]``: features, hidden widths, outputs."""
        hidden = [layer.width for layer in self.network.hidden]
        return [len(self.features), *hidden, len(self.network.output_neurons)]

    @property
    def activations(self) -> list[str]:
        """The hidden activations g, one per hidden layer."""
        return [layer.activation for layer in self.network.hidden]

    @property
    def epoch(self) -> int:
        """Completed training epochs."""
        return 0 if self.trainer_state is None else self.trainer_state.epoch

    def empty_network(self, dtype=None) -> Network:
        """A network of this topology with all parameters 0."""
        dtype = self.hyper.dtype if dtype is None else dtype
        net = self.network
        return Network(self.sizes, self.activations, net.output_activation, net.loss, dtype)

    def build_network(self, dtype=None) -> Network:
        """The network with the stored weights (initialized by hyper.init/seed if None)."""
        net = self.empty_network(dtype)
        if self.weights is None:
            hp = self.hyper
            initialize(net, hp.init, hp.seed, hp.init_constant)
        else:
            net.set_params(self.weights)
        return net

    # ------------------------------------------------------------------ data
    def inputs(self, dtype=np.float64) -> np.ndarray:
        """The feature-transformed inputs of every point, (n, H_0)."""
        if self.data.n == 0:
            return np.zeros((0, len(self.features)), dtype)
        return transform(self.data.X, self.features).astype(dtype, copy=False)

    def training_data(self, net: Network) -> TrainingData:
        """Train and validation sets for ``net`` (features transformed, split applied)."""
        return TrainingData.build(net, self.inputs(), self.data.y, self.task, self.data.split)

    # ------------------------------------------------------------------ training
    def resume_state(self) -> TrainerState:
        """A private, writable copy of the trainer state with the project's history."""
        state = self.trainer_state or TrainerState()

        def copy_(a):
            return None if a is None else a.copy()

        return replace(
            state,
            permutation=copy_(state.permutation),
            velocity=copy_(state.velocity),
            best_theta=copy_(state.best_theta),
            rng_state=copy.deepcopy(state.rng_state),
            history=list(self.history),
        )

    def make_trainer(self) -> tuple[Network, Trainer]:
        """The network and a trainer that continues exactly where the saved one stopped."""
        net = self.build_network()
        return net, Trainer(net, self.training_data(net), self.hyper, self.resume_state())

    def with_training(self, net: Network, trainer: Trainer) -> Project:
        """This project with the weights, trainer state and history of a training run."""
        weights = tuple((W.astype(np.float64), b.astype(np.float64)) for W, b in net.params())
        return replace(
            self,
            weights=weights,
            trainer_state=trainer.state(),
            history=tuple(trainer.history),
            hyper=trainer.hp,
        )

    def reset_weights(self) -> Project:
        """Fresh weights from hyper.init/seed; no trainer state, no history."""
        fresh = replace(self, weights=None, trainer_state=None, history=())
        return replace(fresh, weights=tuple(fresh.build_network(np.float64).params()))
