"""Hyperparameter search on a pool of worker processes: grid search and random search as
the lecture teaches them, each trial trained from the same initialization and judged by
its validation error.

What one trial is (`TrialSpec`, `run_trial`, `TrialResult`, `SearchOutcome`) lives in
`nnsim.core.trials`; this module only orchestrates. The test set is used once, for the
chosen model only: the trials never see it (the worker processes get a copy of the data
without the test points), and `run_search` evaluates the single best trial on it at the
very end.

`run_search` is a plain generator over plain data (a `TrialSpec` of arrays, a
`SearchSpace`). It runs the trials on a pool of worker processes (the engine is numpy
and holds the GIL, so threads would not use the second core), yields a `SearchProgress`
after each finished trial and can be cancelled between trials. Results are sorted by
trial index, so a seed gives the same search whatever order the workers finish in.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace

import numpy as np

from nnsim.core.hyper import HyperparameterError
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
from nnsim.core.trials import (
    SearchOutcome,
    TrialResult,
    TrialSpec,
    evaluate_test,
    run_trial,
    run_trials,
    select_best,
    side_by_side_chunks,
)
from nnsim.runtime import forkserver_guard
from nnsim.runtime.child import die_with, die_with_parent

__all__ = [
    "LABELS", "PARAMS", "SHORT", "SearchError", "SearchOutcome", "SearchProgress",
    "SearchSpace", "TrialResult", "TrialSpec", "apply_config", "configurations", "describe",
    "evaluate_test", "format_value", "run_search", "run_search_to_end", "run_trial",
    "run_trials", "select_best",
]  # fmt: skip


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


_WORKER_SPEC: TrialSpec | None = None


def _init_worker(spec: TrialSpec, owner: int | None = None) -> None:
    """Runs once in each worker process: keep the data, so each trial sends only a config;
    end with the parent (a forkserver that dies with the owner, see forkserver_guard) and
    with ``owner``, the process that owns the pool, should the forkserver not."""
    global _WORKER_SPEC
    die_with_parent()
    if owner is not None:
        die_with(owner)
    _WORKER_SPEC = spec


def _trial_in_worker(config: dict, seed: int, index: int) -> TrialResult:
    """One trial as a pool's task (module level, plain arguments, so it pickles)."""
    return run_trial(_WORKER_SPEC, config, seed, index)


def _trials_in_worker(items: list, seed: int) -> list[TrialResult]:
    """The pool's task: a chunk of (index, config) trained side by side."""
    return run_trials(_WORKER_SPEC, items, seed)


# Trials of one architecture train side by side in chunks of at most this many: large
# enough for the stacked numpy calls to pay (see benchmarks/side_by_side_bench.py),
# small enough that cancelling or a progress bar does not wait for long.
CHUNK = 16


def _chunks(spec: TrialSpec, configs, seed: int, workers: int) -> list[list]:
    """The trials in side-by-side chunks, shared among ``workers``."""
    size = min(CHUNK, max(1, -(-len(configs) // max(1, workers))))
    return side_by_side_chunks(spec, list(enumerate(configs)), seed, size)


def _pool_context():
    methods = multiprocessing.get_all_start_methods()
    # Never fork a process that runs Qt threads: forkserver (Linux) or spawn.
    if "forkserver" not in methods:
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    # A forkserver started from now on dies with this process (see forkserver_guard) and
    # has this module imported, so a worker starts without importing numpy again.
    os.environ[forkserver_guard.OWNER] = str(os.getpid())
    ctx.set_forkserver_preload(["__main__", forkserver_guard.__name__, __name__])
    return ctx


def make_pool(spec: TrialSpec, workers: int) -> cf.Executor:
    """The executor the trials run on: ``workers`` local processes that each keep ``spec``.

    The one place a pool is created, so another executor (a cluster's) can stand in;
    it must accept ``submit(_trials_in_worker, items, seed)`` after running
    ``_init_worker(spec)`` where the trials run.
    """
    return cf.ProcessPoolExecutor(
        max_workers=max(1, min(workers, os.cpu_count() or 1)),  # more only wait for a core
        mp_context=_pool_context(),
        initializer=_init_worker,
        initargs=(spec, os.getpid()),
    )


def run_search(
    spec: TrialSpec,
    space: SearchSpace,
    workers: int = 2,
    seed: int | None = None,
    cancel: threading.Event | None = None,
    poll: float = 0.1,
    in_process: bool = True,
    executor: cf.Executor | None = None,
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
    executor : concurrent.futures.Executor, optional
        Run the trials there instead of on a local pool (a Dask cluster's, see
        `nnsim.runtime.cluster`); ``workers`` is then how many trials it runs at once.
        Its owner shuts it down; a cancelled search only cancels its own trials.

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
    trials = _pooled if workers > 1 or not in_process or executor is not None else _serial
    for result in trials(seen, configs, seed, cancel, workers, poll, executor):
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


def _serial(spec, configs, seed, cancel, workers=1, poll=0.1, executor=None, skip=()):
    """The trials in this process, chunk after chunk (``skip``: indices already done)."""
    for chunk in _chunks(spec, configs, seed, 1):
        chunk = [(i, config) for i, config in chunk if i not in skip]
        if cancel.is_set():
            return
        if not chunk:
            continue
        for result in run_trials(spec, chunk, seed):
            if cancel.is_set():
                return
            yield result


def _pooled(spec, configs, seed, cancel, workers, poll, executor=None):
    """The trials on a process pool (or ``executor``), in completion order.

    If the local pool cannot work (a frozen app without ``freeze_support``, a main
    module that starts a search on import, a killed worker) the remaining trials run here.
    """
    done = set()
    chunks = _chunks(spec, configs, seed, workers)
    own = executor is None
    pool = make_pool(spec, min(workers, len(chunks))) if own else executor
    pending = set()

    def submit(chunk):
        if own:  # the workers already hold the data
            return pool.submit(_trials_in_worker, chunk, seed)
        return pool.submit(run_trials, spec, chunk, seed)

    try:
        # Only a few chunks are queued at a time, so cancelling leaves little to drop.
        todo = iter(chunks)

        def refill():
            while len(pending) < 2 * workers:
                chunk = next(todo, None)
                if chunk is None:
                    return
                pending.add(submit(chunk))

        refill()
        while pending and not cancel.is_set():
            finished, _ = cf.wait(pending, timeout=poll, return_when=cf.FIRST_COMPLETED)
            results = [r for f in finished for r in f.result()]
            for result in sorted(results, key=lambda r: r.index):
                done.add(result.index)
                yield result
            pending -= finished
            if not cancel.is_set():
                refill()
    except cf.process.BrokenProcessPool:
        pending.clear()
        yield from _serial(spec, configs, seed, cancel, skip=done)
    finally:
        # Cancelled or closed: drop what has not started and end our own pool's running
        # trials now, so that no worker outlives a closed window (or keeps its cores).
        if own:
            if pending:
                _end_workers(pool)
            pool.shutdown(wait=not pending, cancel_futures=True)
        for future in pending:
            future.cancel()


def _end_workers(pool) -> None:
    """Terminate a process pool's workers (an executor without processes is left alone)."""
    for proc in list((getattr(pool, "_processes", None) or {}).values()):
        proc.terminate()


def run_search_to_end(spec: TrialSpec, space: SearchSpace, **kwargs) -> SearchOutcome:
    """Run `run_search` to its outcome (headless)."""
    outcome = None
    for p in run_search(spec, space, **kwargs):
        outcome = p.outcome or outcome
    return outcome
