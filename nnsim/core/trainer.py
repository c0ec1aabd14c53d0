"""Training as a plain generator: mini-batch SGD, stop rules, snapshots at a bounded rate.

The GUI runs ``Trainer.iter_training()`` on a worker thread and draws only the newest
snapshot; the command line simply exhausts it. Between two yields nothing else touches
the trainer, so pausing is just not asking for the next snapshot. Hyperparameter changes
arrive through ``set_hyperparameters`` (thread-safe) and apply before the next update.
"""

from __future__ import annotations

import math
import queue
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np

from nnsim.core import metrics
from nnsim.core.hyper import Hyperparameters
from nnsim.core.network import Network
from nnsim.core.optim import SGD
from nnsim.core.schedules import learning_rate
from nnsim.core.stop import StopKey, StopReason

# Training sets up to this size get exact metrics: the loss, error and gradient norms of
# the whole training set, recomputed with the weights at the end of each epoch. Above it
# a full pass would cost about as much as the epoch itself, so the record holds running
# values instead: the mean over the epoch's mini-batches, as Keras and scikit-learn report.
EXACT_METRICS_MAX = 1024


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


class Trainer:
    """Mini-batch SGD on a network, resumable from a ``TrainerState``."""

    def __init__(
        self,
        net: Network,
        data: TrainingData,
        hp: Hyperparameters,
        state: TrainerState | None = None,
    ):
        if len(data.X_train) == 0:
            raise ValueError("there are no training points: add points or change the split")
        self.net = net
        self.data = data
        self.hp = hp.validated()
        self.optimizer = SGD(net, self.hp)
        self._pending: queue.SimpleQueue = queue.SimpleQueue()
        state = state or TrainerState()
        self.epoch = state.epoch
        self.updates = state.updates
        self.history: list[EpochRecord] = list(state.history)
        self.rng = np.random.default_rng(self.hp.seed)
        if state.rng_state is not None:
            self.rng.bit_generator.state = state.rng_state
        n = len(data.X_train)
        self._perm = state.permutation if state.permutation is not None else None
        if self._perm is not None and len(self._perm) != n:
            self._perm = None  # the data changed: start a fresh epoch order
        self.cursor = state.cursor if self._perm is not None else 0
        if state.velocity is not None and state.velocity.shape == net.theta.shape:
            self.optimizer.velocity[:] = state.velocity
        self.best_theta = state.best_theta
        self.best_epoch = state.best_epoch
        self.best_val = state.best_val
        self.bad_epochs = state.bad_epochs
        self._last_good = net.theta.copy()
        self._shuffled: tuple | None = None
        self.exact_metrics = n <= EXACT_METRICS_MAX
        # [loss sum, error sum, predicted classes, gradient sum, updates, start] of this epoch
        self._running = None
        self._shuffled_labels = None
        self._lr = learning_rate(self.hp, self.epoch + 1)
        self.stop: StopReason | None = None

    # ------------------------------------------------------------------ control
    def set_hyperparameters(self, hp: Hyperparameters) -> None:
        """Thread-safe: the new values apply before the next update."""
        self._pending.put(hp.validated())

    def _apply_pending(self) -> None:
        while not self._pending.empty():
            self.hp = self._pending.get()
            self.optimizer.configure(self.hp)
            self._lr = learning_rate(self.hp, self.epoch + 1)

    def state(self) -> TrainerState:
        """A copy of everything needed to resume exactly (for saving)."""
        return TrainerState(
            epoch=self.epoch,
            updates=self.updates,
            cursor=self.cursor,
            permutation=None if self._perm is None else self._perm.copy(),
            rng_state=self.rng.bit_generator.state,
            velocity=self.optimizer.velocity.copy(),
            best_theta=None if self.best_theta is None else self.best_theta.copy(),
            best_epoch=self.best_epoch,
            best_val=self.best_val,
            bad_epochs=self.bad_epochs,
            history=list(self.history),
        )

    @property
    def learning_rate(self) -> float:
        """alpha_t of the epoch being trained."""
        return self._lr

    # ------------------------------------------------------------------ stepping
    def _batch(self, size: int) -> tuple[np.ndarray, np.ndarray]:
        """The next ``size`` samples of this epoch's shuffled order (starting one if needed)."""
        if self.cursor == 0 or self._shuffled is None:
            if self.cursor == 0 or self._perm is None:
                self._perm = self.rng.permutation(len(self.data.X_train))
                self.cursor = 0
            d, perm = self.data, self._perm
            labels = None if d.labels_train is None else d.labels_train[perm]
            self._shuffled = (d.X_train[perm], d.Y_train[perm], labels)
            self._lr = learning_rate(self.hp, self.epoch + 1)
        Xs, Ys, _ = self._shuffled
        c = self.cursor
        return Xs[c : c + size], Ys[c : c + size]

    def _update(self, size: int) -> EpochRecord | None:
        """One SGD update on the next ``size`` samples; returns a record if an epoch ended."""
        X, Y = self._batch(size)
        # forward + backward without net.gradient's batch loss: nothing reads it, and on
        # small batches it costs ~10% of a step (the epoch record measures the loss).
        a, h = self.net.forward(X)
        self.net.backward(a, h, Y)
        if not self.exact_metrics:
            self._accumulate(h[-1], Y)
        self.optimizer.step(self._lr)
        self.updates += 1
        self.cursor += len(X)
        if self.cursor >= len(self.data.X_train):
            return self._end_epoch()
        return None

    def _accumulate(self, f: np.ndarray, Y: np.ndarray) -> None:
        """Running metrics: add this mini-batch's loss, predictions and gradient.

        Kept to a handful of numpy calls: it runs on every update of a large data set.
        """
        run = self._running
        if run is None:
            n = len(self.data.X_train)
            pred = np.empty(n, np.int64) if self.data.task == "classification" else None
            # the start cursor: an epoch resumed from a saved state is only partly seen
            run = self._running = [0.0, 0.0, pred, np.zeros_like(self.net.grad), 0, self.cursor]
        run[0] += self.net.loss.sum(f, Y)
        c = self.cursor
        if run[2] is not None:
            run[2][c : c + len(f)] = f.argmax(axis=1) if f.shape[1] > 1 else f[:, 0] >= 0.5
        else:
            d = f - Y
            run[1] += float(np.vdot(d, d)) / f.shape[1]
        run[3] += self.net.grad
        run[4] += 1

    def step(self, unit: str = "batch") -> Snapshot:
        """Advance by one ``sample``, one mini-``batch`` or to the end of the ``epoch``."""
        if unit not in ("sample", "batch", "epoch"):
            raise ValueError(f"unknown step unit {unit!r}")
        self._apply_pending()
        self.stop = None
        records = []
        with np.errstate(over="ignore", invalid="ignore"):
            while True:
                rec = self._update(1 if unit == "sample" else self.hp.batch_size)
                if rec is not None:
                    records.append(rec)
                if unit != "epoch" or rec is not None or self.stop_reason:
                    break
            if self.stop_reason is None and not np.isfinite(self.net.theta).all():
                self._diverged()
        return self._snapshot(records)

    def iter_training(self, max_rate: float = 25.0) -> Iterator[Snapshot]:
        """Train until a stop rule fires, yielding at most ``max_rate`` snapshots a second.

        The final snapshot has ``stopped=True`` and the reason. Closing the generator
        (or simply not resuming it) pauses training; a new call continues from here.
        """
        interval = 1.0 / max_rate
        self.stop = None
        records: list[EpochRecord] = []
        last = time.perf_counter()
        with np.errstate(over="ignore", invalid="ignore"):
            while True:
                self._apply_pending()
                rec = self._update(self.hp.batch_size)
                if rec is not None:
                    records.append(rec)
                if self.stop_reason:
                    yield self._snapshot(records)
                    return
                now = time.perf_counter()
                if now - last >= interval:
                    if not np.isfinite(self.net.theta).all():
                        self._diverged()
                        yield self._snapshot(records)
                        return
                    yield self._snapshot(records)
                    records = []
                    last = time.perf_counter()

    def train(self) -> list[EpochRecord]:
        """Run to a stop rule (headless); returns the whole history."""
        for _ in self.iter_training(max_rate=1.0):
            pass
        return self.history

    def _snapshot(self, records: list) -> Snapshot:
        return Snapshot(
            epoch=self.epoch,
            updates=self.updates,
            theta=self.net.theta.copy(),
            new_records=tuple(records),
            stopped=self.stop is not None,
            stop=self.stop,
        )

    # ------------------------------------------------------------------ epochs
    def evaluate(self) -> EpochRecord:
        """Loss, error and per-layer norms on the full training and validation sets."""
        net, d = self.net, self.data
        a, h = net.forward(d.X_train)
        net.backward(a, h, d.Y_train)
        f = h[-1]
        train_loss = net.loss.mean(f, d.Y_train)
        layers = range(1, net.n_layers + 1)
        grad_norms = tuple(float(np.linalg.norm(net.gW[k])) for k in layers)
        return self._record(train_loss, self._train_error(f), grad_norms)

    def _train_error(self, f: np.ndarray) -> float:
        d = self.data
        if d.task == "classification":
            return metrics.error_rate(f, d.labels_train)
        return metrics.mean_squared_error(f, d.Y_train)

    def _running_record(self) -> EpochRecord:
        """The epoch's record from the running sums (large training sets): mean loss and
        error over the epoch's mini-batches, and the norms of the epoch's mean gradient."""
        net, run = self.net, self._running
        self._running = None
        if run is None or run[4] == 0:
            nan = math.nan
            return self._record(nan, nan, (nan,) * net.n_layers)
        start = run[5]
        n = len(self.data.X_train) - start
        if run[2] is not None:
            labels = self._shuffled_labels
            run[1] = float(np.count_nonzero(run[2][start:] != labels[start:]))
        mean_grad = run[3] / run[4]
        grad_norms = tuple(
            float(np.linalg.norm(mean_grad[net.slices[k][0]])) for k in range(1, net.n_layers + 1)
        )
        return self._record(run[0] / n, run[1] / n, grad_norms)

    def _record(self, train_loss: float, train_err: float, grad_norms: tuple) -> EpochRecord:
        """Complete a record with the validation metrics and the weight norms."""
        net, d = self.net, self.data
        if len(d.X_val):
            fv = net.predict(d.X_val)
            val_loss = net.loss.mean(fv, d.Y_val)
        else:
            fv, val_loss = None, math.nan
        if fv is None:
            val_err = math.nan
        elif d.task == "classification":
            val_err = metrics.error_rate(fv, d.labels_val)
        else:
            val_err = metrics.mean_squared_error(fv, d.Y_val)
        layers = range(1, net.n_layers + 1)
        return EpochRecord(
            epoch=self.epoch,
            train_loss=train_loss,
            val_loss=val_loss,
            train_error=train_err,
            val_error=val_err,
            learning_rate=self._lr,
            grad_norms=grad_norms,
            weight_norms=tuple(float(np.linalg.norm(net.W[k])) for k in layers),
        )

    def _end_epoch(self) -> EpochRecord | None:
        self.epoch += 1
        self.cursor = 0
        if not self.exact_metrics:
            self._shuffled_labels = self._shuffled[2] if self._shuffled else None
        self._shuffled = None
        rec = self.evaluate() if self.exact_metrics else self._running_record()
        if not (math.isfinite(rec.train_loss) and np.isfinite(self.net.theta).all()):
            self._diverged()
            return None
        self.history.append(rec)
        self._last_good = self.net.theta.copy()
        hp = self.hp
        if hp.early_stopping and len(self.data.X_val):
            key = (rec.val_error, rec.val_loss)
            if key < self.best_val:
                self.best_val, self.best_epoch, self.bad_epochs = key, rec.epoch, 0
                self.best_theta = self.net.theta.copy()
            else:
                self.bad_epochs += 1
                if self.bad_epochs >= hp.patience:
                    self.net.theta[:] = self.best_theta
                    self._stop(StopKey.EARLY_STOPPING)
                    return rec
        if hp.target_loss > 0 and rec.train_loss <= hp.target_loss:
            self._stop(StopKey.TARGET_LOSS)
        elif self.epoch >= hp.max_epochs:
            self._stop(StopKey.MAX_EPOCHS)
        return rec

    def _diverged(self) -> None:
        self.net.theta[:] = self._last_good
        self.optimizer.velocity[:] = 0.0
        self.cursor = 0
        self._shuffled = None
        self._running = None
        self._stop(StopKey.DIVERGED)

    @property
    def stop_reason(self) -> StopKey | None:
        """The key of the rule that stopped the last run (None while it goes on)."""
        return None if self.stop is None else self.stop.key

    def _stop(self, key: StopKey) -> None:
        hp = self.hp
        self.stop = StopReason.make(
            key,
            epoch=self.epoch,
            best_epoch=self.best_epoch,
            target_loss=hp.target_loss,
            lr=hp.learning_rate,
        )
