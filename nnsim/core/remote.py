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
import time
from dataclasses import dataclass

import numpy as np

from .grid import evaluate_grid
from .hyper import Hyperparameters
from .network import Network
from .trainer import Trainer, TrainerState, TrainingData


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
    grid_resolution: int = 100
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
            grid = evaluate_grid(trainer.net, job.features, job.grid_resolution, neurons=False)
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
    """The parent's handle on the child process (started on first use)."""

    def __init__(self):
        self._proc = None
        self._conn = None

    def _ensure(self) -> None:
        if self._proc is not None and self._proc.is_alive():
            return
        ctx = mp.get_context("spawn")  # never fork a process that runs Qt
        parent, child = ctx.Pipe()
        self._proc = ctx.Process(target=serve, args=(child,), name="nnsim-trainer", daemon=True)
        self._proc.start()
        child.close()
        self._conn = parent

    def start(self, job: Job) -> None:
        self._ensure()
        self._conn.send(("train", job))

    def send(self, *msg) -> None:
        """Send a message; a child that has gone away is noticed by the next ``recv``."""
        if self._conn is not None:
            try:
                self._conn.send(msg)
            except (OSError, ValueError):
                pass

    def poll(self, timeout: float = 0.0) -> bool:
        """True when a message (or the news that the child is gone) is waiting."""
        if self._conn is None:
            return False
        try:
            return self._conn.poll(timeout)
        except (OSError, ValueError):
            return True

    def recv(self):
        """The next message; ``("error", ...)`` if the child died."""
        try:
            return self._conn.recv()
        except (EOFError, OSError, ValueError):
            return ("error", "the training process ended unexpectedly")

    @property
    def alive(self) -> bool:
        return self._proc is not None and self._proc.is_alive()

    def close(self, timeout: float = 5.0) -> None:
        if self._proc is None:
            return
        try:
            self._conn.send(("quit",))
        except (OSError, ValueError):
            pass
        self._proc.join(timeout)
        if self._proc.is_alive():
            self._proc.kill()
            self._proc.join()
        self._conn.close()
        self._proc = self._conn = None


def wait_for(remote: RemoteTrainer, kinds: set, timeout: float, on_message) -> tuple | None:
    """Receive messages (each passed to ``on_message``) until one of ``kinds`` arrives."""
    end = time.monotonic() + timeout
    while True:
        left = end - time.monotonic()
        if left <= 0 or not remote.poll(left):
            return None
        msg = remote.recv()
        on_message(msg)
        if msg[0] in kinds:
            return msg
