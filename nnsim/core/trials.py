"""One trial of a hyperparameter search, as plain data: no processes, no threads, no Qt.

A `TrialSpec` holds the data and the fixed part of the network as picklable arrays;
`run_trial` trains one configuration from the same kind of initial weights and measures
it on the validation set (the lecture's model selection); `TrialResult` and
`SearchOutcome` are the records a search produces. The test set is used once, for the
chosen model only: `evaluate_test` is that one use. `nnsim.runtime.search` runs many
trials on a process pool; everything here also runs in the caller's own process.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from nnsim.core import metrics
from nnsim.core.hyper import Hyperparameters
from nnsim.core.init import initialize
from nnsim.core.network import Network
from nnsim.core.search_space import SearchSpace, apply_config
from nnsim.core.side_by_side import SideBySide, group_key
from nnsim.core.trainer import EpochRecord, Trainer, TrainerState, TrainingData

__all__ = [
    "SearchOutcome", "TrialResult", "TrialSpec", "evaluate_test", "run_trial", "run_trials",
    "select_best", "side_by_side_chunks",
]  # fmt: skip


# ---------------------------------------------------------------------- one trial
@dataclass(frozen=True, eq=False)
class TrialSpec:
    """The data and the fixed part of the network, as plain picklable arrays.

    X : (n, H_0) feature-transformed inputs.  y : (n,) labels or targets.
    split : (n,) codes 0 train / 1 validation / 2 test.
    hidden, activations : the project's hidden widths and activations g (a trial that
        changes the number of layers gives every layer the first layer's g).
    output, loss, n_outputs : the output layer.  hyper : the base hyperparameters.
    """

    X: np.ndarray
    y: np.ndarray
    split: np.ndarray
    task: str
    hidden: tuple[int, ...]
    activations: tuple[str, ...]
    output: str
    loss: str
    n_outputs: int
    hyper: Hyperparameters
    regularization: str = "l2"

    def without_test(self) -> TrialSpec:
        """The same spec with the test points removed (what the trials get to see)."""
        keep = self.split != 2
        return replace(self, X=self.X[keep], y=self.y[keep], split=self.split[keep])

    @property
    def n_test(self) -> int:
        return int(np.count_nonzero(self.split == 2))

    def network(self, config: dict) -> Network:
        """A network with the configuration's hidden sizes, all parameters 0."""
        widths = tuple(config.get("hidden", self.hidden))
        if len(widths) == len(self.activations):
            acts = list(self.activations)
        else:
            acts = [self.activations[0] if self.activations else "tanh"] * len(widths)
        sizes = [self.X.shape[1], *widths, self.n_outputs]
        return Network(sizes, acts, self.output, self.loss, self.hyper.dtype)


@dataclass(frozen=True, eq=False)
class TrialResult:
    """One trained configuration.

    val_error, val_loss, train_error, train_loss : of the final weights (error rate for
        classes, MSE for regression). epochs : epochs trained. weights : ((W^(k), b^(k)),
        ...) float64. history, state : the run's epoch records and trainer state (so
        "apply" can continue training exactly).
    """

    index: int
    config: dict
    val_error: float
    val_loss: float
    train_error: float
    train_loss: float
    epochs: int
    seconds: float
    stop_reason: str | None
    weights: tuple = ()
    history: tuple[EpochRecord, ...] = ()
    state: TrainerState | None = None

    @property
    def key(self) -> tuple:
        """Selection order: validation error, then validation loss, then trial index."""
        return (_inf_if_nan(self.val_error), _inf_if_nan(self.val_loss), self.index)

    def row(self) -> dict:
        """The JSON-able table row (no weights)."""
        return {
            "index": self.index,
            "config": {k: list(v) if k == "hidden" else v for k, v in self.config.items()},
            "val_error": _finite_or_none(self.val_error),
            "val_loss": _finite_or_none(self.val_loss),
            "train_error": _finite_or_none(self.train_error),
            "train_loss": _finite_or_none(self.train_loss),
            "epochs": self.epochs,
            "seconds": round(self.seconds, 4),
            "stop_reason": self.stop_reason,
        }


def _inf_if_nan(x: float) -> float:
    return math.inf if x is None or not math.isfinite(x) else x


def _finite_or_none(x: float) -> float | None:
    return float(x) if x is not None and math.isfinite(x) else None


def _errors(net: Network, X, y, task: str) -> tuple[float, float]:
    """(error, mean loss) of ``net`` on (X, y): error rate for classes, MSE for regression."""
    if len(X) == 0:
        return math.nan, math.nan
    Y = metrics.targets_for(y, net.n_outputs, task, net.dtype)
    with np.errstate(over="ignore", invalid="ignore"):
        f = net.predict(np.asarray(X, net.dtype))
        loss = float(net.loss.mean(f, Y))
    if task == "classification":
        return metrics.error_rate(f, np.asarray(y, np.int64)), loss
    return metrics.mean_squared_error(f, Y), loss


def run_trial(spec: TrialSpec, config: dict, seed: int | None = None, index: int = 0):
    """Train a fresh network with ``config`` and measure it on the validation set.

    The network is initialized by ``hyper.init`` with ``seed`` (the project's seed by
    default), so every trial starts from the same kind of weights and a configuration
    always gives the same result. Test points in ``spec`` are ignored.

    Parameters
    ----------
    spec : TrialSpec
        Data ``X`` (n, H_0), ``y`` (n,), ``split`` (n,) and the fixed network part.
    config : dict
        The trial's values, e.g. ``{"learning_rate": 0.1, "hidden": (8, 8)}``.
    seed : int, optional
        Initialization and shuffling seed (default ``spec.hyper.seed``).
    index : int
        The trial's position in the search, kept in the result.

    Returns
    -------
    TrialResult
        Validation and training error and loss of the final weights, the weights
        ``((W^(k) (H_k, H_{k-1}), b^(k) (H_k,)), ...)`` in float64, history and state.
    """
    start = time.perf_counter()
    net, hp = _prepare(spec, config, seed)
    data = TrainingData.build(net, spec.X, spec.y, spec.task, spec.split)
    trainer = Trainer(net, data, hp)
    trainer.train()
    return _result(spec, config, index, trainer, time.perf_counter() - start)


def run_trials(spec: TrialSpec, items, seed: int | None = None) -> list[TrialResult]:
    """Train several trials, side by side where they can: the same results as
    `run_trial` on each (`nnsim.core.side_by_side`), in the order given.

    Parameters
    ----------
    spec : TrialSpec
    items : sequence of (index, config)
        The trials' positions in the search and their configurations.
    seed : int, optional
        As for `run_trial`.

    Returns
    -------
    list of TrialResult
        ``seconds`` of a trial trained side by side is its share of its group's time.
    """
    groups: dict = {}
    for index, config in items:
        net, hp = _prepare(spec, config, seed)
        groups.setdefault(group_key(net, hp), []).append((index, config, net, hp))
    results = {}
    for group in groups.values():
        start = time.perf_counter()
        nets = [net for _, _, net, _ in group]
        data = TrainingData.build(nets[0], spec.X, spec.y, spec.task, spec.split)
        if len(group) == 1:
            trainers = [Trainer(nets[0], data, group[0][3])]
            trainers[0].train()
        else:
            trainers = SideBySide(nets, data, [hp for *_, hp in group]).train()
        share = (time.perf_counter() - start) / len(group)
        for (index, config, _, _), trainer in zip(group, trainers):
            results[index] = _result(spec, config, index, trainer, share)
    return [results[index] for index, _ in items]


def side_by_side_chunks(spec: TrialSpec, items, seed: int | None, size: int) -> list[list]:
    """Split ``items`` ((index, config) pairs) into chunks that `run_trials` trains side
    by side: each chunk shares one architecture, batch size and seed, and holds at most
    ``size`` trials (so that several workers each get a share). Chunks keep the items'
    order within them and come in the order of their first trial."""
    groups: dict = {}
    for index, config in items:
        net, hp = _prepare(spec, config, seed, initialized=False)
        groups.setdefault(group_key(net, hp), []).append((index, config))
    chunks = []
    for group in groups.values():
        count = math.ceil(len(group) / max(1, size))
        step = math.ceil(len(group) / count)
        chunks += [group[i : i + step] for i in range(0, len(group), step)]
    return sorted(chunks, key=lambda chunk: chunk[0][0])


def _prepare(spec: TrialSpec, config: dict, seed: int | None, initialized: bool = True):
    """The trial's network (initialized unless told not to) and its hyperparameters."""
    hp = apply_config(spec.hyper, config, spec.regularization)
    if seed is not None:
        hp = replace(hp, seed=int(seed))
    net = spec.network(config)
    if initialized:
        initialize(net, hp.init, hp.seed, hp.init_constant)
    return net, hp


def _result(spec: TrialSpec, config: dict, index: int, trainer: Trainer, seconds: float):
    """The `TrialResult` of a trained trial: its metrics on the validation and training
    points, its weights in float64, history and state."""
    net = trainer.net
    rows_val = spec.split == 1
    rows_train = spec.split == 0
    val_error, val_loss = _errors(net, spec.X[rows_val], spec.y[rows_val], spec.task)
    train_error, train_loss = _errors(net, spec.X[rows_train], spec.y[rows_train], spec.task)
    weights = tuple((W.astype(np.float64), b.astype(np.float64)) for W, b in net.params())
    return TrialResult(
        index=index,
        config=dict(config),
        val_error=val_error,
        val_loss=val_loss,
        train_error=train_error,
        train_loss=train_loss,
        epochs=trainer.epoch,
        seconds=seconds,
        stop_reason=trainer.stop_reason,
        weights=weights,
        history=tuple(trainer.history),
        state=trainer.state(),
    )


def evaluate_test(spec: TrialSpec, config: dict, weights) -> dict:
    """Error and loss of one trained model on the test points: ``{"error", "loss", "n"}``."""
    net = spec.network(config)
    net.set_params(weights)
    rows = spec.split == 2
    error, loss = _errors(net, spec.X[rows], spec.y[rows], spec.task)
    return {"error": _finite_or_none(error), "loss": _finite_or_none(loss), "n": int(rows.sum())}


# ---------------------------------------------------------------------- the search
@dataclass(frozen=True, eq=False)
class SearchOutcome:
    """The finished (or cancelled) search: every trial, the best, its test error."""

    space: SearchSpace
    results: tuple[TrialResult, ...]  # sorted by trial index
    best: int | None  # position in ``results`` of the chosen trial
    test: dict | None  # {"error", "loss", "n"} of the best trial only
    cancelled: bool
    total: int
    seed: int

    @property
    def best_result(self) -> TrialResult | None:
        return None if self.best is None else self.results[self.best]

    def to_dict(self, with_weights: bool = True) -> dict:
        """JSON-able: the space, the table, the best trial, its test metrics and weights."""
        best = self.best_result
        weights = None
        if with_weights and best is not None:
            weights = [{"W": W.tolist(), "b": b.tolist()} for W, b in best.weights]
        return {
            "space": self.space.to_dict(),
            "seed": self.seed,
            "total": self.total,
            "cancelled": self.cancelled,
            "trials": [r.row() for r in self.results],
            "best": self.best,
            "test": None if self.test is None else dict(self.test),
            "best_weights": weights,
        }


def select_best(results: Sequence[TrialResult]) -> int | None:
    """Position of the trial with the lowest validation error (ties: validation loss,
    then the earlier trial); None if there are no results."""
    if not results:
        return None
    return min(range(len(results)), key=lambda i: results[i].key)
