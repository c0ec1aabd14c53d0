"""Training in a child process, so that the window's thread never waits for the GIL.

A training thread in the GUI process shares the GIL with every Python-drawn plot item:
measured with the real window (benchmarks/gui_bench.py), each repaint then waited for the
trainer and the 10 ms timer was late by 35 ms at p95. A separate process trains with no
such contention. The protocol over a ``multiprocessing`` pipe is plain data:

parent -> child: ``("train", Job)``, ``("hyper", Hyperparameters)``, ``("pause",)``,
                 ``("quit",)``
child -> parent: ``("snapshot", Snapshot, GridResult | None)`` at most ``rate`` a second,
                 then ``("paused", theta, TrainerState)`` when the run ends (by a pause,
                 or by a stop rule after the final snapshot), or ``("error", text)``.
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

_BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


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
        return cls(
            net.sizes, net.activations, net.output_name, net.loss_name, net.dtype.name,
            net.theta.copy(), trainer.data, trainer.hp, trainer.state(), tuple(features),
            **options,
        )  # fmt: skip

    def trainer(self) -> Trainer:
        net = Network(self.sizes, self.activations, self.output, self.loss, self.dtype)
        net.theta[:] = self.theta
        return Trainer(net, self.data, self.hyper, self.state)


def _run(job: Job, conn) -> None:
    trainer = job.trainer()
    paused = False

    def read_messages() -> None:
        nonlocal paused
        while conn.poll():
            msg = conn.recv()
            if msg[0] == "hyper":
                trainer.set_hyperparameters(msg[1])
            elif msg[0] == "pause":
                paused = True

    def publish(snap) -> None:
        grid = None
        if job.features:
            # float32 is exact enough for colours and ~30 % cheaper on a 200 x 200 grid;
            # float16 halves what crosses the pipe (3 digits are plenty for a colour)
            grid = evaluate_grid(
                trainer.net.astype(np.float32), job.features, job.grid_resolution, neurons=False
            )
            grid = replace(grid, output=grid.output.astype(np.float16))
        conn.send(("snapshot", snap, grid))

    if job.pace > 0:  # slow speeds: one mini-batch, then wait (a message wakes us early)
        while not paused:
            snap = trainer.step("batch")
            publish(snap)
            read_messages()
            if snap.stopped:
                break
            if conn.poll(job.pace):
                read_messages()
    else:
        snaps = trainer.iter_training(job.rate)
        for snap in snaps:
            publish(snap)
            read_messages()
            if paused or snap.stopped:
                break
        snaps.close()
    conn.send(("paused", trainer.net.theta.copy(), trainer.state()))


def serve(conn) -> None:
    """The child's main loop: run jobs until told to quit or the parent goes away."""
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg[0] == "quit":
            return
        if msg[0] == "train":
            try:
                _run(msg[1], conn)
            except Exception as exc:  # report, never die silently: the parent waits
                conn.send(("error", f"{type(exc).__name__}: {exc}"))
        # a stray "pause" or "hyper" between runs needs no answer


class RemoteTrainer:
    """The parent's handle on the child process (started on first use).

    During a run a reader thread receives the child's messages as soon as they are sent
    and hands them to ``on_message``: a snapshot with its 200 x 200 grid is larger than a
    pipe's buffer, so a child whose messages are read only now and then would wait.
    """

    def __init__(self):
        self._proc = None
        self._conn = None
        self._reader: threading.Thread | None = None

    def _ensure(self) -> None:
        if self._proc is not None and self._proc.is_alive():
            return
        ctx = mp.get_context("spawn")  # never fork a process that runs Qt
        parent, child = ctx.Pipe()
        self._proc = ctx.Process(target=serve, args=(child,), name="nnsim-trainer", daemon=True)
        # One BLAS thread in the child: the other core belongs to the window.
        saved = {k: os.environ.get(k) for k in _BLAS_THREADS}
        os.environ.update({k: "1" for k in _BLAS_THREADS})
        try:
            self._proc.start()
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
        child.close()
        self._conn = parent

    def start(self, job: Job, on_message) -> None:
        """Start a run; ``on_message(msg)`` is called from a reader thread for every message
        up to and including the run's last, ``("paused", ...)`` or ``("error", ...)``."""
        self._ensure()
        self._conn.send(("train", job))
        self._reader = threading.Thread(
            target=self._read, args=(on_message,), name="nnsim-trainer-reader", daemon=True
        )
        self._reader.start()

    def _read(self, on_message) -> None:
        while True:
            try:
                msg = self._conn.recv()
            except (EOFError, OSError, ValueError):
                msg = ("error", "the training process ended unexpectedly")
            on_message(msg)
            if msg[0] in ("paused", "error"):
                return

    def send(self, *msg) -> None:
        """Send a message; a child that has gone away is reported by the reader."""
        if self._conn is not None:
            try:
                self._conn.send(msg)
            except (OSError, ValueError):
                pass

    def join_reader(self, timeout: float | None = None) -> None:
        if self._reader is not None:
            self._reader.join(timeout)
            if not self._reader.is_alive():
                self._reader = None

    @property
    def alive(self) -> bool:
        return self._proc is not None and self._proc.is_alive()

    def close(self, timeout: float = 5.0) -> None:
        if self._proc is None:
            return
        self.send("quit")
        self._proc.join(timeout)
        if self._proc.is_alive():
            self._proc.kill()
            self._proc.join()
        self._conn.close()
        self.join_reader(timeout)
        self._proc = self._conn = None
