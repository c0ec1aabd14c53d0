"""Metrics a student reads off the plots: loss, error rate, accuracy, confusion, MSE."""

from __future__ import annotations

import numpy as np


def targets_for(y: np.ndarray, n_outputs: int, task: str, dtype=np.float64) -> np.ndarray:
    """The target matrix Y (n, K): one-hot ``e(y)`` for classes (a single 0/1 column when
    one sigmoid output does binary classification), the targets themselves for regression."""
    y = np.asarray(y)
    if task == "classification":
        if n_outputs == 1:
            return y.reshape(-1, 1).astype(dtype)
        Y = np.zeros((len(y), n_outputs), dtype)
        Y[np.arange(len(y)), y.astype(np.int64)] = 1.0
        return Y
    return y.reshape(len(y), -1).astype(dtype)


def predicted_class(f: np.ndarray) -> np.ndarray:
    """The class with the highest probability; a single output means class 1 if f >= 0.5."""
    if f.shape[1] == 1:
        return (f[:, 0] >= 0.5).astype(np.int64)
    return f.argmax(axis=1)


def error_rate(f: np.ndarray, y: np.ndarray) -> float:
    """Fraction of misclassified samples (nan for an empty set)."""
    if len(y) == 0:
        return float("nan")
    return float(np.mean(predicted_class(f) != y))


def accuracy(f: np.ndarray, y: np.ndarray) -> float:
    return 1.0 - error_rate(f, y)


def mean_squared_error(f: np.ndarray, Y: np.ndarray) -> float:
    """``1/(n K) sum (f - y)^2`` (nan for an empty set)."""
    if len(Y) == 0:
        return float("nan")
    d = f - Y
    return float(np.mean(d * d))


def confusion_matrix(f: np.ndarray, y: np.ndarray, n_classes: int) -> np.ndarray:
    """``C[i, j]`` = number of samples of true class i predicted as class j."""
    C = np.zeros((n_classes, n_classes), np.int64)
    np.add.at(C, (np.asarray(y, np.int64), predicted_class(f)), 1)
    return C
