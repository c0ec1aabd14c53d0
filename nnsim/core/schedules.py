"""Learning-rate schedules alpha_t of the lecture, one value per epoch."""

from __future__ import annotations

from nnsim.core.hyper import Hyperparameters

FORMULAS = {
    "constant": "alpha_t = alpha",
    "inverse": "alpha_t = alpha / (1 + delta t)",
    "power": "alpha_t = alpha / t^delta,  0.5 < delta <= 1",
}


def learning_rate(hp: Hyperparameters, epoch: int) -> float:
    """The learning rate ``alpha_t`` of the epoch being trained.

    The first ``constant_epochs`` epochs use alpha (the lecture advises a constant rate at
    first); after them ``t = epoch - constant_epochs`` counts the decaying epochs from 1:
    constant ``alpha_t = alpha``, inverse ``alpha_t = alpha / (1 + delta t)``, power
    ``alpha_t = alpha / t^delta`` (0.5 < delta <= 1).

    Parameters
    ----------
    hp : Hyperparameters
        ``learning_rate`` (alpha), ``schedule``, ``decay`` (delta), ``constant_epochs``.
    epoch : int
        The 1-based epoch being trained.

    Returns
    -------
    float
    """
    alpha = hp.learning_rate
    t = epoch - hp.constant_epochs
    if hp.schedule == "constant" or t <= 0:
        return alpha
    if hp.schedule == "inverse":
        return alpha / (1.0 + hp.decay * t)
    return alpha / t**hp.decay
