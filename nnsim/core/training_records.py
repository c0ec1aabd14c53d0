"""The records of a training run: its data, its epoch history, the snapshots a view draws
and the state that makes it resume exactly. Plain data, picklable, no behaviour beyond
conversion to and from JSON-able dicts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from nnsim.core import metrics
from nnsim.core.network import Network
from nnsim.core.stop import StopKey, StopReason, TrainingHint


@dataclass
class TrainingData:
    """Inputs (already feature-transformed) and targets, split into train and validation.

    ``labels_*`` are the integer classes (classification) or None (regression).
    """

    X_train: np.ndarray
    Y_train: np.ndarray
    X_val: np.ndarray
    Y_val: np.ndarray
    labels_train: np.ndarray | None
    labels_val: np.ndarray | None
    task: str

    @classmethod
    def build(cls, net: Network, X, y, task: str, split=None) -> TrainingData:
        """From raw arrays: ``split`` codes 0 train / 1 validation / 2 test (None: all train)."""
        X = np.ascontiguousarray(X, net.dtype)
        y = np.asarray(y)
        split = np.zeros(len(X), np.int8) if split is None else np.asarray(split)
        tr, va = split == 0, split == 1
        Y = metrics.targets_for(y, net.n_outputs, task, net.dtype)
        labels = y.astype(np.int64) if task == "classification" else None
        return cls(
            X[tr],
            Y[tr],
            X[va],
            Y[va],
            None if labels is None else labels[tr],
            None if labels is None else labels[va],
            task,
        )


@dataclass(frozen=True)
class EpochRecord:
    """One point of the training history, measured at the end of an epoch."""

    epoch: int
    train_loss: float
    val_loss: float
    train_error: float  # error rate for classes, mean squared error for regression
    val_error: float
    learning_rate: float
    # ||grad W^(k)||_F, k = 1..L+1: of the full training set's gradient (exact metrics) or
    # the root mean square over the epoch's mini-batches (running metrics)
    grad_norms: tuple[float, ...]
    weight_norms: tuple[float, ...]  # ||W^(k)||_F

    def to_dict(self) -> dict:
        return {
            "epoch": self.epoch,
            "train_loss": self.train_loss,
            "val_loss": self.val_loss,
            "train_error": self.train_error,
            "val_error": self.val_error,
            "learning_rate": self.learning_rate,
            "grad_norms": list(self.grad_norms),
            "weight_norms": list(self.weight_norms),
        }

    @classmethod
    def from_dict(cls, d: dict) -> EpochRecord:
        return cls(
            int(d["epoch"]),
            float(d["train_loss"]),
            float(d["val_loss"]),
            float(d["train_error"]),
            float(d["val_error"]),
            float(d["learning_rate"]),
            tuple(float(v) for v in d["grad_norms"]),
            tuple(float(v) for v in d["weight_norms"]),
        )


@dataclass(frozen=True)
class Snapshot:
    """An immutable copy of the training state for a view to draw."""

    epoch: int  # completed epochs
    updates: int  # SGD updates so far
    theta: np.ndarray  # copy of the flat parameters
    new_records: tuple[EpochRecord, ...]  # history since the previous snapshot
    stopped: bool = False
    stop: StopReason | None = None  # why it stopped (rendered by the GUI and the CLI)
    hints: tuple[TrainingHint, ...] = ()  # advice since the previous snapshot
    # after a divergence: the epoch the run went back to; records after it are void
    rollback_to: int | None = None

    @property
    def stop_reason(self) -> StopKey | None:
        return None if self.stop is None else self.stop.key


@dataclass
class TrainerState:
    """What makes training resume exactly: counters, shuffling, velocity, early stopping."""

    epoch: int = 0
    updates: int = 0
    cursor: int = 0
    permutation: np.ndarray | None = None
    rng_state: dict | None = None
    velocity: np.ndarray | None = None
    best_theta: np.ndarray | None = None
    best_epoch: int = 0
    best_val: tuple[float, float] = (math.inf, math.inf)
    bad_epochs: int = 0
    history: list = field(default_factory=list)
