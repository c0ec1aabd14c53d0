"""The stop rules of a run, checked at the end of every epoch: early stopping on the
validation error, a target training loss and the epoch limit.

Early stopping keeps the weights of the best epoch so far (lowest validation error,
then validation loss) and restores them when ``patience`` epochs in a row did not
improve on it, as the lecture's model selection does.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from nnsim.core.hyper import Hyperparameters
from nnsim.core.stop import StopKey
from nnsim.core.training_records import EpochRecord, TrainerState


class StopRules:
    """Early-stopping bookkeeping and the end-of-epoch rules of one run.

    Parameters
    ----------
    state : TrainerState
        Where a resumed run takes its best weights, best epoch and bad-epoch count from.
    """

    def __init__(self, state: TrainerState):
        self.best_theta: np.ndarray | None = state.best_theta
        self.best_epoch: int = state.best_epoch
        self.best_val: tuple[float, float] = state.best_val
        self.bad_epochs: int = state.bad_epochs

    def after_epoch(
        self, rec: EpochRecord, theta: np.ndarray, hp: Hyperparameters, has_val: bool
    ) -> StopKey | None:
        """The rule that fires after the epoch of ``rec``, if any.

        Parameters
        ----------
        rec : EpochRecord
            The finished epoch (``rec.epoch`` epochs completed).
        theta : ndarray, shape (P,)
            The weights after it; early stopping writes the best weights back into it.
        hp : Hyperparameters
            ``early_stopping``, ``patience``, ``target_loss``, ``max_epochs``.
        has_val : bool
            Whether there are validation points (early stopping needs them).

        Returns
        -------
        StopKey or None
        """
        if hp.early_stopping and has_val:
            key = (rec.val_error, rec.val_loss)
            if key < self.best_val:
                self.best_val, self.best_epoch, self.bad_epochs = key, rec.epoch, 0
                self.best_theta = theta.copy()
            else:
                self.bad_epochs += 1
                if self.bad_epochs >= hp.patience:
                    theta[:] = self.best_theta
                    return StopKey.EARLY_STOPPING
        if hp.target_loss > 0 and rec.train_loss <= hp.target_loss:
            return StopKey.TARGET_LOSS
        if rec.epoch >= hp.max_epochs:
            return StopKey.MAX_EPOCHS
        return None

    def fill(self, state: TrainerState) -> TrainerState:
        """``state`` with copies of the early-stopping fields (for saving)."""
        state.best_theta = None if self.best_theta is None else self.best_theta.copy()
        state.best_epoch = self.best_epoch
        state.best_val = self.best_val
        state.bad_epochs = self.bad_epochs
        return state


def finite(rec: EpochRecord, theta: np.ndarray) -> bool:
    """Whether an epoch ended with a finite training loss and finite weights."""
    return math.isfinite(rec.train_loss) and bool(np.isfinite(theta).all())


# An epoch whose training loss is above this many times the best loss so far is
# "exploding": a divergence goes back past it, to the last epoch below it.
EXPLODING = 10.0
# Thrashing: over this many epochs the loss swung at least EXPLODING-fold up and down
# without improving on the best loss seen before them.
THRASHING_EPOCHS = 6


@dataclass
class Checkpoint:
    """The last epoch whose loss was finite and not exploding: what a divergence keeps.

    ``theta`` (P,) are its weights; ``epoch``, ``updates`` and ``history`` (the number
    of records) its counters, so that the run after a rollback is the run as it was
    at the end of that epoch; ``rules`` the early-stopping fields then.
    """

    theta: np.ndarray
    epoch: int
    updates: int
    history: int
    rules: tuple


def make_checkpoint(theta, epoch: int, updates: int, history: int, rules: StopRules):
    """A `Checkpoint` with a copy of ``theta`` (P,)."""
    kept = (rules.best_theta, rules.best_epoch, rules.best_val, rules.bad_epochs)
    return Checkpoint(theta.copy(), epoch, updates, history, kept)


def restore_rules(rules: StopRules, checkpoint: Checkpoint) -> None:
    """Put the early-stopping fields back as they were at ``checkpoint``."""
    rules.best_theta, rules.best_epoch, rules.best_val, rules.bad_epochs = checkpoint.rules


def exploding(loss: float, best: float) -> bool:
    """Whether ``loss`` is too far above the ``best`` loss so far to be kept."""
    return not loss <= EXPLODING * best if math.isfinite(best) else not math.isfinite(loss)


def thrashing(losses: list[float]) -> tuple[float, float] | None:
    """(best, high) if the last `THRASHING_EPOCHS` training losses thrash, else None.

    Thrashing: none of them improves on the ``best`` loss of the epochs before them,
    they change direction at least twice (up and down, not a steady climb), and they
    reach ``high`` >= ten times that best loss.
    """
    w = THRASHING_EPOCHS
    if len(losses) <= w:
        return None
    return thrashing_window(losses[-w:], min(losses[:-w]))


def thrashing_window(window, best: float) -> tuple[float, float] | None:
    """`thrashing` of the last epochs' losses ``window`` given the ``best`` loss before
    them (what a trainer keeps, so that it never walks its whole history per epoch)."""
    window = list(window)
    high = max(window)
    if not (best > 0 and math.isfinite(best) and min(window) >= best and high >= EXPLODING * best):
        return None
    steps = [b - a for a, b in zip(window, window[1:])]
    turns = sum(1 for a, b in zip(steps, steps[1:]) if a * b < 0)
    return (best, high) if turns >= 2 else None
