"""Hyperparameter search as the lecture teaches it: grid search and random search, each
trial trained from the same initialization and judged by its validation error.

The test set is used once, for the chosen model only: the trials never see it (the
worker processes get a copy of the data without the test points), and `run_search`
evaluates the single best trial on it at the very end.

`run_search` is a plain generator over plain data (a `TrialSpec` of arrays, a
`SearchSpace`). It runs the trials on a pool of worker processes (the engine is numpy
and holds the GIL, so threads would not use the second core), yields a `SearchProgress`
after each finished trial and can be cancelled between trials. Results are sorted by
trial index, so a seed gives the same search whatever order the workers finish in.
"""

from __future__ import annotations

import concurrent.futures as cf
import math
import multiprocessing
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

import numpy as np

from nnsim.core import metrics
from nnsim.core.hyper import HyperparameterError, Hyperparameters
from nnsim.core.init import initialize
from nnsim.core.network import Network
from nnsim.core.search_space import (
    LABELS,
    PARAMS,
    SHORT,
    SearchError,
    SearchSpace,
    apply_config,
    configurations,
    describe,
    format_value,
)
from nnsim.core.trainer import EpochRecord, Trainer, TrainerState, TrainingData

__all__ = [
    "LABELS", "PARAMS", "SHORT", "SearchError", "SearchOutcome", "SearchProgress",
    "SearchSpace", "TrialResult", "TrialSpec", "apply_config", "configurations", "describe",
    "evaluate_test", "format_value", "run_search", "run_search_to_end", "run_trial",
    "select_best",
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
    """
    start = time.perf_counter()
    hp = apply_config(spec.hyper, config, spec.regularization)
    if seed is not None:
        hp = replace(hp, seed=int(seed))
    net = spec.network(config)
    initialize(net, hp.init, hp.seed, hp.init_constant)
    data = TrainingData.build(net, spec.X, spec.y, spec.task, spec.split)
    trainer = Trainer(net, data, hp)
    trainer.train()
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
        seconds=time.perf_counter() - start,
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


@dataclass(frozen=True, eq=False)
class SearchProgress:
    """What `run_search` yields: after each finished trial, and once more at the end
    with ``outcome`` set."""

    done: int
    total: int
    latest: TrialResult | None
    elapsed: float
    remaining: float | None  # seconds, estimated from the trials so far
    outcome: SearchOutcome | None = None


def select_best(results: Sequence[TrialResult]) -> int | None:
    """Position of the trial with the lowest validation error (ties: validation loss,
    then the earlier trial); None if there are no results."""
    if not results:
        return None
    return min(range(len(results)), key=lambda i: results[i].key)


_WORKER_SPEC: TrialSpec | None = None


def _init_worker(spec: TrialSpec) -> None:
    """Runs once in each worker process: keep the data, so each trial sends only a config."""
    global _WORKER_SPEC
    _WORKER_SPEC = spec


def _trial_in_worker(config: dict, seed: int, index: int) -> TrialResult:
    """The pool's task (module level, plain arguments, so it pickles)."""
    return run_trial(_WORKER_SPEC, config, seed, index)


def _pool_context():
    methods = multiprocessing.get_all_start_methods()
    # Never fork a process that runs Qt threads: forkserver (Linux) or spawn.
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def run_search(
    spec: TrialSpec,
    space: SearchSpace,
    workers: int = 2,
    seed: int | None = None,
    cancel: threading.Event | None = None,
    poll: float = 0.1,
    in_process: bool = True,
) -> Iterator[SearchProgress]:
    """Train every configuration of ``space``; yield progress after each trial.

    Parameters
    ----------
    spec : TrialSpec
        Data (including the test points, which only the final evaluation sees) and the
        fixed part of the network.
    space : SearchSpace
    workers : int
        Worker processes (2 uses both cores of a classroom laptop); 0 or 1 trains the
        trials one after another, in this process if ``in_process``.
    in_process : bool
        False keeps even a single worker in its own process: a window that trains on a
        thread of its own process shares the GIL with it and stutters.
    seed : int, optional
        Initialization and shuffling seed of every trial (default: ``spec.hyper.seed``).
    cancel : threading.Event, optional
        Set it to stop between trials; the outcome then holds the finished trials.
        Closing the generator also stops the pool.

    Yields
    ------
    SearchProgress
        ``done`` of ``total`` trials, the latest result and a time estimate; the last
        one has ``outcome`` (best by validation error, and its test error).
    """
    space = space.validated()
    spec = replace(spec, regularization=space.regularization)
    if not np.any(spec.split == 1):
        raise SearchError(
            "split", "the search selects by validation error: the project has no "
            "validation points (change the split)"
        )  # fmt: skip
    if not np.any(spec.split == 0):
        raise SearchError("split", "there are no training points")
    seed = spec.hyper.seed if seed is None else int(seed)
    configs = configurations(space)
    for config in configs:  # fail now, not in a worker, if the base makes one impossible
        try:
            apply_config(spec.hyper, config, space.regularization)
        except HyperparameterError as e:
            raise SearchError(
                e.field, f"{str(e).split(': ', 1)[-1]} (in {describe(config)})"
            ) from None
    total = len(configs)
    seen = spec.without_test()
    cancel = cancel or threading.Event()
    start = time.perf_counter()
    results: list[TrialResult] = []

    def progress(latest):
        elapsed = time.perf_counter() - start
        done = len(results)
        remaining = elapsed / done * (total - done) if done else None
        return SearchProgress(done, total, latest, elapsed, remaining)

    yield progress(None)
    trials = _pooled if workers > 1 or not in_process else _serial
    for result in trials(seen, configs, seed, cancel, workers, poll):
        results.append(result)
        yield progress(result)
    results.sort(key=lambda r: r.index)
    best = select_best(results)
    test = None
    if best is not None and spec.n_test:
        r = results[best]
        test = evaluate_test(spec, r.config, r.weights)  # the one use of the test set
    outcome = SearchOutcome(space, tuple(results), best, test, len(results) < total, total, seed)
    last = progress(results[-1] if results else None)
    yield replace(last, outcome=outcome)


def _serial(spec, configs, seed, cancel, workers=1, poll=0.1, skip=()):
    """The trials one after another in this process (``skip``: indices already done)."""
    for i, config in enumerate(configs):
        if cancel.is_set():
            return
        if i not in skip:
            yield run_trial(spec, config, seed, i)


def _pooled(spec, configs, seed, cancel, workers, poll):
    """The trials on a process pool, in completion order.

    If the pool cannot work (a frozen app without ``freeze_support``, a main module
    that starts a search on import, a killed worker) the remaining trials run here.
    """
    done = set()
    pool = cf.ProcessPoolExecutor(
        max_workers=min(workers, len(configs)),
        mp_context=_pool_context(),
        initializer=_init_worker,
        initargs=(spec,),
    )
    pending = set()
    try:
        # Only a few trials are queued at a time, so cancelling leaves little to drop.
        todo = iter(enumerate(configs))

        def refill():
            while len(pending) < 2 * workers:
                nxt = next(todo, None)
                if nxt is None:
                    return
                i, config = nxt
                pending.add(pool.submit(_trial_in_worker, config, seed, i))

        refill()
        while pending and not cancel.is_set():
            finished, _ = cf.wait(pending, timeout=poll, return_when=cf.FIRST_COMPLETED)
            for result in sorted((f.result() for f in finished), key=lambda r: r.index):
                done.add(result.index)
                yield result
            pending -= finished
            if not cancel.is_set():
                refill()
    except cf.process.BrokenProcessPool:
        pending.clear()
        yield from _serial(spec, configs, seed, cancel, skip=done)
    finally:
        # Cancelled or closed: drop what has not started; running trials end alone.
        pool.shutdown(wait=not pending, cancel_futures=True)


def run_search_to_end(spec: TrialSpec, space: SearchSpace, **kwargs) -> SearchOutcome:
    """Run `run_search` to its outcome (headless)."""
    outcome = None
    for p in run_search(spec, space, **kwargs):
        outcome = p.outcome or outcome
    return outcome
