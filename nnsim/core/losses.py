"""Loss functions l(f(x), y) for one sample, with their gradient with respect to f(x).

Targets are always a matrix ``Y`` of shape (n, K): the one-hot ``e(y)`` for classes, the
0/1 target for binary cross-entropy, the real target for regression. A batch loss is the
mean of the per-sample losses (the lecture's empirical risk).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np


def _floor(f: np.ndarray) -> np.ndarray:
    """``max(f, tiny)``: guards log(0) and x/0 for a saturated output. The smallest normal
    number of f's own dtype, so that float32 does not round the guard itself to 0."""
    return np.maximum(f, _TINY[f.dtype.char])


_TINY = {c: np.finfo(c).tiny for c in "efdg"}


def _row_sum(M: np.ndarray) -> np.ndarray:
    """``M.sum(axis=-1)``, (n, K) -> (n,). With fewer than 8 columns numpy adds a row
    left to right, so adding the columns in that order gives the same bits in K - 1
    whole-array calls instead of one reduction call per row."""
    K = M.shape[-1]
    if K >= 8 or K < 2:
        return M.sum(axis=-1)
    total = M[..., 0] + M[..., 1]
    for c in range(2, K):
        total += M[..., c]
    return total


@dataclass(frozen=True)
class Loss:
    """A per-sample loss ``l(f(x), y)`` and its gradient with respect to ``f(x)``.

    Attributes
    ----------
    name : str
        Registry key in `LOSSES`.
    formula : str
        ``l`` in the lecture's notation.
    per_sample : callable
        ``(f, Y)`` both (n, K) -> (n,): the loss of every sample.
    grad_f : callable
        ``(f, Y)`` both (n, K) -> (n, K): ``grad_f l`` of every sample.
    total : callable, optional
        ``(f, Y)`` -> float: the sum over the batch in one call (faster than summing
        ``per_sample``).
    """

    name: str
    formula: str
    per_sample: Callable[[np.ndarray, np.ndarray], np.ndarray]
    grad_f: Callable[[np.ndarray, np.ndarray], np.ndarray]
    total: Callable[[np.ndarray, np.ndarray], float] | None = None  # fast sum over a batch

    def mean(self, f: np.ndarray, Y: np.ndarray) -> float:
        """The empirical risk ``1/T sum_t l(f(x^(t)), y^(t))``.

        Parameters
        ----------
        f : ndarray, shape (T, K)
            Network outputs.
        Y : ndarray, shape (T, K)
            Targets (one-hot ``e(y)`` for classes).

        Returns
        -------
        float
            The mean loss (nan for T = 0).
        """
        per_sample = self.per_sample(f, Y)
        if len(per_sample) == 0:
            return float(np.mean(per_sample))  # nan, as numpy says it
        # np.mean's own sum and division, without its Python layers (the same bits)
        return float(np.add.reduce(per_sample) / len(per_sample))

    def sum(self, f: np.ndarray, Y: np.ndarray) -> float:
        """``sum_t l(f(x^(t)), y^(t))``; the training loop's running loss uses this.

        Parameters
        ----------
        f, Y : ndarray, shape (T, K)
            Network outputs and targets.

        Returns
        -------
        float
        """
        if self.total is not None:
            return float(self.total(f, Y))
        return float(self.per_sample(f, Y).sum())


def _ce(f, Y):
    return -_row_sum(Y * np.log(_floor(f)))


def _ce_grad(f, Y):
    return -Y / _floor(f)


def _se(f, Y):
    d = f - Y
    return 0.5 * _row_sum(d * d)


def _bce(f, Y):
    return -_row_sum(Y * np.log(_floor(f)) + (1 - Y) * np.log(_floor(1 - f)))


def _bce_grad(f, Y):
    return (f - Y) / _floor(f * (1 - f))


LOSSES: dict[str, Loss] = {
    "cross_entropy": Loss(
        "cross_entropy",
        "l = -ln f(x)_y",
        _ce,
        _ce_grad,
        lambda f, Y: -np.vdot(Y, np.log(_floor(f))),
    ),
    "squared_error": Loss(
        "squared_error",
        "l = 1/2 sum_c (f(x)_c - y_c)^2",
        _se,
        lambda f, Y: f - Y,
        lambda f, Y: 0.5 * np.vdot(f - Y, f - Y),
    ),
    "binary_cross_entropy": Loss(
        "binary_cross_entropy",
        "l = -sum_c [y_c ln f(x)_c + (1 - y_c) ln(1 - f(x)_c)]",
        _bce,
        _bce_grad,
    ),
}

# Output activation + loss pairs whose output gradient simplifies to the lecture's
# grad a^(L+1) = -(e(y) - f(x)) = f(x) - y. Every other pair uses the general chain rule
# grad a = J_o(a)^T grad_f l.
SIMPLIFIED_PAIRS = frozenset(
    {("softmax", "cross_entropy"), ("sigmoid", "binary_cross_entropy"), ("linear", "squared_error")}
)

# Which losses fit which output activations (softmax needs K >= 2 classes).
VALID_PAIRS = frozenset(
    {
        ("softmax", "cross_entropy"),
        ("sigmoid", "binary_cross_entropy"),
        ("linear", "squared_error"),
        ("sigmoid", "squared_error"),
        ("tanh", "squared_error"),
        ("softmax", "squared_error"),
    }
)
