"""Input features computed from the raw inputs, as TensorFlow Playground offers them.

A network sees ``transform(X, features)`` instead of the raw X. Hand-made features such
as ``x1^2`` let a network with no hidden layer separate the circle, which is the
lesson: a good representation can replace depth.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Feature:
    """One input feature: a function of the raw inputs X (n, d) returning (n,).

    ``n_inputs`` is the number of raw input columns the feature needs (1 when it uses
    x1 only, 2 when it uses x2).
    """

    name: str
    label: str
    fn: Callable[[np.ndarray], np.ndarray]
    n_inputs: int


_FEATURE_LIST = (
    Feature("x1", "x₁", lambda X: X[:, 0], 1),
    Feature("x2", "x₂", lambda X: X[:, 1], 2),
    Feature("x1^2", "x₁²", lambda X: X[:, 0] ** 2, 1),
    Feature("x2^2", "x₂²", lambda X: X[:, 1] ** 2, 2),
    Feature("x1*x2", "x₁x₂", lambda X: X[:, 0] * X[:, 1], 2),
    Feature("sin(x1)", "sin(x₁)", lambda X: np.sin(X[:, 0]), 1),
    Feature("sin(x2)", "sin(x₂)", lambda X: np.sin(X[:, 1]), 2),
)

# Insertion order is the order the GUI lists them in.
FEATURES: dict[str, Feature] = {f.name: f for f in _FEATURE_LIST}


def available_features(n_inputs: int) -> list[str]:
    """Names of the features defined for ``n_inputs`` raw input columns (1 or 2)."""
    _check_n_inputs(n_inputs)
    return [f.name for f in _FEATURE_LIST if f.n_inputs <= n_inputs]


def default_features(n_inputs: int) -> list[str]:
    """The raw inputs themselves: ``["x1", "x2"]`` for the plane, ``["x1"]`` for 1-D."""
    _check_n_inputs(n_inputs)
    return ["x1", "x2"][:n_inputs]


def transform(X: np.ndarray, features: Sequence[str]) -> np.ndarray:
    """Compute the chosen features of every point.

    Parameters
    ----------
    X : ndarray, shape (n, d), d = 1 or 2
        Raw inputs.
    features : sequence of str
        Names from `FEATURES`, in the column order wanted; for d = 1 only ``x1``,
        ``x1^2`` and ``sin(x1)``.

    Returns
    -------
    ndarray, shape (n, len(features))
        float32 if X is float32, float64 otherwise.

    Raises
    ------
    ValueError
        For an empty list, an unknown or repeated name, or a feature needing x2 when X has
        one column.
    """
    if isinstance(features, str):
        # A bare string is a Sequence[str] of characters: almost surely a mistake.
        raise TypeError(f"features must be a list of names, got the string {features!r}")
    X = np.asarray(X)
    if X.ndim != 2:
        raise ValueError(f"X must have shape (n, 1) or (n, 2), got {X.shape}")
    n_inputs = X.shape[1]
    _check_n_inputs(n_inputs)
    if len(features) == 0:
        raise ValueError("choose at least one input feature")
    dtype = np.float32 if X.dtype == np.float32 else np.float64
    X = X.astype(dtype, copy=False)
    out = np.empty((X.shape[0], len(features)), dtype=dtype)
    seen = set()
    for j, name in enumerate(features):
        feature = FEATURES.get(name)
        if feature is None:
            raise ValueError(f"unknown feature {name!r}; choose from {', '.join(FEATURES)}")
        if feature.n_inputs > n_inputs:
            raise ValueError(f"feature {name!r} needs x2, but the data have one input x1")
        if name in seen:
            raise ValueError(f"feature {name!r} is listed twice")
        seen.add(name)
        out[:, j] = feature.fn(X)
    return out


def _check_n_inputs(n_inputs: int) -> None:
    if n_inputs not in (1, 2):
        raise ValueError(f"features are defined for 1 or 2 raw inputs, got {n_inputs}")
