"""Every message between the window and its child processes, as frozen records.

One module for training and search alike, so both directions of every pipe can be read
in one place. The records are plain picklable data; nothing here is a sentence for the
user (the GUI words them through its translation layer).

parent -> training child: ``Start`` a run, ``Resume`` the run it paused, ``Change`` the
hyperparameters mid-run, ``Pause`` it, ``Quit``.
training child -> parent: ``Snapshot`` at most ``rate`` a second, then exactly one of
``Paused`` (asked to), ``Finished`` (a stop rule fired after the final snapshot) or
``Failed`` (an exception, with its traceback). ``Died`` is made by the parent's reader
when the pipe ends without an answer (the child was killed, or did not answer a pause in
time and was ended).

search: ``Progress`` for every finished trial (the last one carries the outcome), then
``Failed`` if the search raised.
"""

from __future__ import annotations

import traceback as _traceback
from dataclasses import dataclass
from typing import Any

import numpy as np

from nnsim.core.hyper import Hyperparameters
from nnsim.core.trainer import Snapshot as TrainingSnapshot
from nnsim.core.trainer import TrainerState


# ---------------------------------------------------------------------- parent -> child
@dataclass(frozen=True)
class Start:
    """Train ``job`` (a ``nnsim.runtime.training.Job``) from its weights and state."""

    job: Any


@dataclass(frozen=True)
class Resume:
    """Continue the run the child paused last, with these settings."""

    hyper: Hyperparameters
    pace: float = 0.0


@dataclass(frozen=True)
class Change:
    """New hyperparameters, applied before the next update."""

    hyper: Hyperparameters


@dataclass(frozen=True)
class Pause:
    """Stop between two updates and answer ``Paused``."""


@dataclass(frozen=True)
class Quit:
    """End the child process."""


# ---------------------------------------------------------------------- child -> parent
@dataclass(frozen=True, eq=False)
class Snapshot:
    """Training progress: the engine's snapshot, the decision grid the child evaluated
    (None without 2-D data) and the trainer state that goes with ``snap.theta`` (its
    ``history`` left empty: the parent keeps the records it was sent)."""

    snap: TrainingSnapshot
    grid: Any
    state: TrainerState


@dataclass(frozen=True, eq=False)
class Paused:
    """The run stopped on request: final flat weights ``theta`` (P,) and state."""

    theta: np.ndarray
    state: TrainerState


@dataclass(frozen=True, eq=False)
class Finished:
    """The run stopped by itself (a stop rule; the last ``Snapshot`` says which)."""

    theta: np.ndarray
    state: TrainerState


@dataclass(frozen=True)
class Failed:
    """The child raised: the exception's type name, its message and the traceback."""

    type: str
    message: str
    traceback: str = ""

    @classmethod
    def from_exception(cls, exc: BaseException) -> Failed:
        text = "".join(_traceback.format_exception(type(exc), exc, exc.__traceback__))
        return cls(type(exc).__name__, str(exc), text)


@dataclass(frozen=True)
class Died:
    """The child's pipe ended without an answer: killed (``exitcode`` < 0 is the signal),
    crashed, or ended by the parent because it did not answer a pause (``timed_out``)."""

    exitcode: int | None
    timed_out: bool = False


@dataclass(frozen=True)
class Progress:
    """A search's progress record (``nnsim.runtime.search.SearchProgress``)."""

    progress: Any


# A run's last message: after one of these the child waits for the next command.
END_OF_RUN = (Paused, Finished, Failed, Died)
