"""Training as a plain generator: mini-batch SGD, stop rules, snapshots at a bounded rate.

The GUI runs ``Trainer.iter_training()`` in a child process and draws only the newest
snapshot; the command line simply exhausts it. Between two yields nothing else touches
the trainer, so pausing is just not asking for the next snapshot. Hyperparameter changes
arrive through ``set_hyperparameters`` (thread-safe) and apply before the next update.

The records live in `nnsim.core.training_records`, what an epoch measures in
`nnsim.core.epoch_metrics`, the stop rules in `nnsim.core.stop_rules`.
"""

from __future__ import annotations

import math
import queue
import time
from collections import deque
from collections.abc import Iterator

import numpy as np

from nnsim.core.epoch_metrics import (
    EXACT_METRICS_MAX,
    RunningMetrics,
    epoch_record,
    exact_metrics,
    no_metrics,
)
from nnsim.core.hyper import Hyperparameters
from nnsim.core.network import Network
from nnsim.core.optim import SGD
from nnsim.core.schedules import learning_rate
from nnsim.core.stop import HintKey, StopKey, StopReason, TrainingHint
from nnsim.core.stop_rules import (
    THRASHING_EPOCHS,
    StopRules,
    exploding,
    finite,
    make_checkpoint,
    restore_rules,
    thrashing_window,
)
from nnsim.core.training_records import EpochRecord, Snapshot, TrainerState, TrainingData

__all__ = [
    "EXACT_METRICS_MAX", "EpochRecord", "Snapshot", "Trainer", "TrainerState", "TrainingData",
]  # fmt: skip


class Trainer:
    """Mini-batch SGD on a network, resumable from a ``TrainerState``.

    Parameters
    ----------
    net : Network
        Trained in place: its ``theta`` (P,) is the run's weights.
    data : TrainingData
        ``X_train`` (n, H_0) with n >= 1, ``Y_train`` (n, K), and the validation set.
    hp : Hyperparameters
    state : TrainerState, optional
        Counters, shuffling, velocity and early-stopping state to resume from.

    Raises
    ------
    ValueError
        If there are no training points.
    """

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
        self.rules = StopRules(state)
        self._watch_history()
        self._checkpoint = make_checkpoint(
            net.theta, self.epoch, self.updates, len(self.history), self.rules
        )
        self.hints: list[TrainingHint] = []  # this run's advice, oldest first
        self._new_hints: list[TrainingHint] = []  # not yet in a snapshot
        self._hinted = False  # thrashing was pointed out since the last improvement
        self._rollback_to: int | None = None
        self._shuffled: tuple | None = None
        self.exact_metrics = n <= EXACT_METRICS_MAX
        self._running: RunningMetrics | None = None
        self._epoch_targets = None
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
        return self.rules.fill(
            TrainerState(
                epoch=self.epoch,
                updates=self.updates,
                cursor=self.cursor,
                permutation=None if self._perm is None else self._perm.copy(),
                rng_state=self.rng.bit_generator.state,
                velocity=self.optimizer.velocity.copy(),
                history=list(self.history),
            )
        )

    @property
    def learning_rate(self) -> float:
        """alpha_t of the epoch being trained."""
        return self._lr

    @property
    def best_epoch(self) -> int:
        """The epoch early stopping judged best so far (0 before any)."""
        return self.rules.best_epoch

    @property
    def stop_reason(self) -> StopKey | None:
        """The key of the rule that stopped the last run (None while it goes on)."""
        return None if self.stop is None else self.stop.key

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
            if self._running is None:
                self._running = RunningMetrics(self.net, self.data, self.cursor)
            self._running.add(h[-1], self.cursor)
        self.optimizer.step(self._lr)
        self.updates += 1
        self.cursor += len(X)
        if self.cursor >= len(self.data.X_train):
            return self._end_epoch()
        return None

    def step(self, unit: str = "batch") -> Snapshot:
        """Advance by one ``sample``, one mini-``batch`` or to the end of the ``epoch``."""
        if unit not in ("sample", "batch", "epoch"):
            raise ValueError(f"unknown step unit {unit!r}")
        self._apply_pending()
        self.stop = None
        self._rollback_to = None
        records = []
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            while True:
                rec = self._update(1 if unit == "sample" else self.hp.batch_size)
                if rec is not None:
                    records.append(rec)
                if unit != "epoch" or rec is not None or self.stop_reason:
                    break
            if self.stop_reason is None and not np.isfinite(self.net.theta).all():
                self._diverged(self.epoch + 1)
        return self._snapshot(records)

    def iter_training(self, max_rate: float = 25.0) -> Iterator[Snapshot]:
        """Train until a stop rule fires, yielding at most ``max_rate`` snapshots a second.

        The final snapshot has ``stopped=True`` and the reason. Closing the generator
        (or simply not resuming it) pauses training; a new call continues from here.
        """
        interval = 1.0 / max_rate
        self.stop = None
        self._rollback_to = None
        records: list[EpochRecord] = []
        last = time.perf_counter()
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
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
                        self._diverged(self.epoch + 1)
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
        if self._rollback_to is not None:  # records past the rollback are void
            records = [r for r in records if r.epoch <= self._rollback_to]
        hints, self._new_hints = tuple(self._new_hints), []
        return Snapshot(
            epoch=self.epoch,
            updates=self.updates,
            theta=self.net.theta.copy(),
            new_records=tuple(records),
            stopped=self.stop is not None,
            stop=self.stop,
            hints=hints,
            rollback_to=self._rollback_to,
        )

    # ------------------------------------------------------------------ epochs
    def evaluate(self) -> EpochRecord:
        """Loss, error and per-layer norms on the full training and validation sets."""
        return epoch_record(
            self.net, self.data, self.epoch, self._lr, *exact_metrics(self.net, self.data)
        )

    def _running_record(self) -> EpochRecord:
        """The epoch's record from the running sums (large training sets): mean loss and
        error over the epoch's mini-batches, and the norms of the epoch's mean gradient."""
        run, self._running = self._running, None
        if run is None or run.updates == 0:
            measured = no_metrics(self.net)
        else:
            measured = run.finish(*self._epoch_targets)
        return epoch_record(self.net, self.data, self.epoch, self._lr, *measured)

    def _end_epoch(self, measure=None) -> EpochRecord | None:
        """Close an epoch: its record, then divergence, hints and the stop rules.

        ``measure``, if given, makes the record instead of `evaluate` (trials trained
        side by side measure all their networks in the same numpy calls).
        """
        self.epoch += 1
        self.cursor = 0
        if not self.exact_metrics:
            self._epoch_targets = self._shuffled[1:] if self._shuffled else (None, None)
        self._shuffled = None
        if measure is not None:
            rec = measure()
        else:
            rec = self.evaluate() if self.exact_metrics else self._running_record()
        if not finite(rec, self.net.theta):
            self._diverged(self.epoch)
            return None
        self.history.append(rec)
        self._watch_loss(rec)
        key = self.rules.after_epoch(rec, self.net.theta, self.hp, len(self.data.X_val) > 0)
        if key is not None:
            self._stop(key)
        return rec

    def _watch_history(self) -> None:
        """What `_watch_loss` keeps, from the history as it is (at the start, after a
        rollback): the best loss, and the last epochs' losses with the best before them."""
        losses = [r.train_loss for r in self.history]
        self._best_loss = min(losses, default=math.inf)
        w = THRASHING_EPOCHS
        self._loss_window = deque(losses[-w:], maxlen=w)
        self._best_before = min(losses[:-w], default=math.inf)

    def _watch_loss(self, rec: EpochRecord) -> None:
        """Keep the checkpoint a divergence goes back to, and point out thrashing."""
        if not exploding(rec.train_loss, self._best_loss):
            self._checkpoint = make_checkpoint(
                self.net.theta, self.epoch, self.updates, len(self.history), self.rules
            )
        if rec.train_loss < self._best_loss:
            self._best_loss = rec.train_loss
            self._hinted = False
        window = self._loss_window
        if len(window) == window.maxlen:  # the oldest loss leaves the window
            self._best_before = min(self._best_before, window[0])
        window.append(rec.train_loss)
        full = len(window) == window.maxlen
        swing = None if self._hinted or not full else thrashing_window(window, self._best_before)
        if swing is not None:
            self._hinted = True
            hint = TrainingHint.make(
                HintKey.THRASHING, epoch=self.epoch, low=swing[0], high=swing[1], lr=self._lr
            )
            self.hints.append(hint)
            self._new_hints.append(hint)

    def _diverged(self, at: int) -> None:
        """Go back to the checkpoint: its weights, epoch, updates and history.

        ``at`` is the epoch in which the loss or the weights stopped being finite. The
        velocity is cleared, so that training resumed from here (with a smaller
        learning rate) does not carry the momentum that blew it up.
        """
        ck = self._checkpoint
        self.net.theta[:] = ck.theta
        self.optimizer.velocity[:] = 0.0
        self.epoch, self.updates = ck.epoch, ck.updates
        del self.history[ck.history :]
        restore_rules(self.rules, ck)
        self._watch_history()
        self.cursor = 0
        self._shuffled = None
        self._running = None
        self._lr = learning_rate(self.hp, self.epoch + 1)
        self._rollback_to = ck.epoch
        self._stop(StopKey.DIVERGED)

    def _stop(self, key: StopKey) -> None:
        hp = self.hp
        self.stop = StopReason.make(
            key,
            epoch=self.epoch,
            best_epoch=self.rules.best_epoch,
            target_loss=hp.target_loss,
            lr=hp.learning_rate,
        )
