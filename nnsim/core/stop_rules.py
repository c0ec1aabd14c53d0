"""The stop rules of a run, checked at the end of every epoch: early stopping on the
validation error, a target training loss and the epoch limit.

Early stopping keeps the weights of the best epoch so far (lowest validation error,
then validation loss) and restores them when ``patience`` epochs in a row did not
improve on it, as the lecture's model selection does.
"""

from __future__ import annotations

import math

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
