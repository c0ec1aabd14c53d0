"""Training in a child process, so that the window's thread never waits for the GIL.

A training thread in the GUI process shares the GIL with every Python-drawn plot item:
measured with the real window (benchmarks/gui_bench.py), each repaint then waited for the
trainer and the 10 ms timer was late by 35 ms at p95. A separate process trains with no
such contention. The messages over its ``multiprocessing`` pipe are the records of
``nnsim.runtime.messages``; the parent never waits for an answer: a reader thread hands
each one to a callback the moment it arrives.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import threading
from dataclasses import dataclass, replace

import numpy as np

from nnsim.core.grid import evaluate_grid
from nnsim.core.hyper import Hyperparameters
from nnsim.core.network import Network
from nnsim.core.trainer import Trainer, TrainerState, TrainingData
from nnsim.runtime import messages as m
from nnsim.runtime.child import ParentGone, die_with_parent, single_blas_thread


@dataclass
class Job:
    """Everything the child needs to continue training exactly where the parent stopped."""

    sizes: list
    activations: list
    output: str
    loss: str
    dtype: str
    theta: np.ndarray
    data: TrainingData
    hyper: Hyperparameters
    state: TrainerState
    features: tuple  # for the decision grid; () = no grid (not 2-D data)
    grid_resolution: int = 200
    rate: float = 25.0  # snapshots a second at most
    pace: float = 0.0  # seconds between updates (slow speeds); 0 = full speed

    @classmethod
    def from_trainer(cls, trainer: Trainer, features=(), **options) -> Job:
        net = trainer.net
        # The parent keeps the history; the child reports only the new records.
        state = replace(trainer.state(), history=[])
        return cls(
            net.sizes, net.activations, net.output_name, net.loss_name, net.dtype.name,
            net.theta.copy(), trainer.data, trainer.hp, state, tuple(features),
            **options,
        )  # fmt: skip

    def trainer(self) -> Trainer:
        net = Network(self.sizes, self.activations, self.output, self.loss, self.dtype)
        net.theta[:] = self.theta
        return Trainer(net, self.data, self.hyper, self.state)


def _state(trainer: Trainer) -> TrainerState:
    return replace(trainer.state(), history=[])


def _run(job: Job, trainer: Trainer, conn) -> None:
    """One run: snapshots until a ``Pause`` or a stop rule, then ``Paused``/``Finished``."""
    paused = False

    def read_messages() -> None:
        nonlocal paused
        while conn.poll():
            try:
                msg = conn.recv()
            except (EOFError, OSError) as exc:
                raise ParentGone from exc
            if isinstance(msg, m.Change):
                trainer.set_hyperparameters(msg.hyper)
            elif isinstance(msg, m.Pause):
                paused = True
            elif isinstance(msg, m.Quit):
                raise ParentGone

    def publish(snap) -> None:
        grid = None
        if job.features:
            # float32 is exact enough for colours and ~30 % cheaper on a 200 x 200 grid;
            # float16 halves what crosses the pipe (3 digits are plenty for a colour)
            grid = evaluate_grid(
                trainer.net.astype(np.float32), job.features, job.grid_resolution, neurons=False
            )
            grid = replace(grid, output=grid.output.astype(np.float16))
        conn.send(m.Snapshot(snap, grid, _state(trainer)))

    stopped = False
    if job.pace > 0:  # slow speeds: one mini-batch, then wait (a message wakes us early)
        while not paused:
            snap = trainer.step("batch")
            publish(snap)
            read_messages()
            if snap.stopped:
                stopped = True
                break
            if conn.poll(job.pace):
                read_messages()
    else:
        snaps = trainer.iter_training(job.rate)
        for snap in snaps:
            publish(snap)
            read_messages()
            if snap.stopped:
                stopped = True
            if paused or snap.stopped:
                break
        snaps.close()
    end = m.Finished if stopped and not paused else m.Paused
    conn.send(end(trainer.net.theta.copy(), _state(trainer)))


def serve(conn, parent: int | None = None) -> None:
    """The child's main loop: run jobs until told to quit or the parent (``parent``, its
    pid) goes away."""
    die_with_parent(parent)
    job = trainer = None
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if isinstance(msg, m.Quit):
            return
        try:
            if isinstance(msg, m.Start):
                job, trainer = msg.job, None
                trainer = job.trainer()
            elif isinstance(msg, m.Resume):
                if trainer is None:
                    raise RuntimeError("nothing to resume")
                trainer.set_hyperparameters(msg.hyper)
                job = replace(job, pace=msg.pace)
            else:
                continue  # a stray Pause or Change between runs needs no answer
            _run(job, trainer, conn)
        except ParentGone:
            return
        except Exception as exc:  # report, never die silently: the parent waits
            trainer = None
            conn.send(m.Failed.from_exception(exc))


class RemoteTrainer:
    """The parent's handle on the child process (started on first use).

    During a run a reader thread receives the child's messages as soon as they are sent
    and hands them to ``on_message``: a snapshot with its 200 x 200 grid is larger than a
    pipe's buffer, so a child whose messages are read only now and then would wait.
    Nothing here waits for the child except ``close``, with a bound.
    """

    def __init__(self):
        self._proc = None
        self._conn = None
        self._reader: threading.Thread | None = None
        self._timed_out = False

    @property
    def pid(self) -> int | None:
        return None if self._proc is None else self._proc.pid

    @property
    def alive(self) -> bool:
        """True while the child process runs (the parent restarts a dead one on ``start``)."""
        return self._proc is not None and self._proc.is_alive()

    def _ensure(self) -> None:
        if self.alive:
            return
        self._drop()
        ctx = mp.get_context("spawn")  # never fork a process that runs Qt
        parent, child = ctx.Pipe()
        self._proc = ctx.Process(
            target=serve, args=(child, os.getpid()), name="nnsim-trainer", daemon=True
        )
        with single_blas_thread():  # the other core belongs to the window
            self._proc.start()
        child.close()
        self._conn = parent

    def start(self, job: Job, on_message) -> None:
        """Start a run; ``on_message(msg)`` is called from a reader thread for every message
        up to and including the run's last (one of ``messages.END_OF_RUN``)."""
        self._ensure()
        self._begin(m.Start(job), on_message)

    def resume(self, hyper: Hyperparameters, pace: float, on_message) -> bool:
        """Continue the child's paused run (False if the child is gone: start instead)."""
        if not self.alive or self._reader is not None:
            return False
        self._begin(m.Resume(hyper, pace), on_message)
        return True

    def _begin(self, msg, on_message) -> None:
        self._timed_out = False
        self._conn.send(msg)
        self._reader = threading.Thread(
            target=self._read, args=(self._conn, on_message), name="nnsim-trainer-reader",
            daemon=True,
        )  # fmt: skip
        self._reader.start()

    def _read(self, conn, on_message) -> None:
        while True:
            try:
                msg = conn.recv()
            except (EOFError, OSError, ValueError):
                proc = self._proc
                if proc is not None:
                    proc.join(1.0)  # it has closed its pipe: its exit code follows at once
                code = None if proc is None else proc.exitcode
                msg = m.Died(code, self._timed_out)
            if isinstance(msg, m.END_OF_RUN):
                self._reader = None  # before the callback: it may start the next run
            on_message(msg)
            if isinstance(msg, m.END_OF_RUN):
                return

    @property
    def in_run(self) -> bool:
        """True from ``start``/``resume`` until the run's last message was handed over."""
        return self._reader is not None

    def send(self, msg) -> None:
        """Send a message; a child that has gone away is reported by the reader."""
        if self._conn is not None:
            try:
                self._conn.send(msg)
            except (OSError, ValueError):
                pass

    def pause(self) -> None:
        """Ask the run to stop; the answer comes through ``on_message``."""
        self.send(m.Pause())

    def expire(self) -> None:
        """The pause was not answered in time: end the child. The reader then reports
        ``Died(timed_out=True)`` and the next ``start`` spawns a fresh child."""
        if self._proc is not None and self._proc.is_alive():
            self._timed_out = True
            self._proc.kill()

    def _drop(self) -> None:
        if self._conn is not None:
            self._conn.close()
        self._proc = self._conn = None

    def close(self, timeout: float = 2.0) -> None:
        """End the child (at exit): ask, wait at most ``timeout`` s, then kill it."""
        if self._proc is None:
            return
        self.send(m.Pause())
        self.send(m.Quit())
        self._proc.join(timeout)
        if self._proc.is_alive():
            self._proc.kill()
            self._proc.join(timeout)
        reader = self._reader
        self._drop()
        if reader is not None:
            reader.join(timeout)
