"""Metrics a student reads off the plots: loss, error rate, accuracy, confusion, MSE."""

from __future__ import annotations

import numpy as np


def targets_for(y: np.ndarray, n_outputs: int, task: str, dtype=np.float64) -> np.ndarray:
    """The target matrix Y the loss compares ``f(x)`` with.

    Parameters
    ----------
    y : ndarray, shape (n,) or (n, m)
        Class labels 0..K-1 (classification) or real targets (regression).
    n_outputs : int
        K, the network's outputs.
    task : {"classification", "regression"}
    dtype : numpy dtype

    Returns
    -------
    ndarray, shape (n, K)
        One-hot ``e(y)`` for classes (a single 0/1 column when one sigmoid output does
        binary classification), the targets themselves for regression.
    """
    y = np.asarray(y)
    if task == "classification":
        if n_outputs == 1:
            return y.reshape(-1, 1).astype(dtype)
        Y = np.zeros((len(y), n_outputs), dtype)
        Y[np.arange(len(y)), y.astype(np.int64)] = 1.0
        return Y
    return y.reshape(len(y), -1).astype(dtype)


def predicted_class(f: np.ndarray) -> np.ndarray:
    """The predicted class ``argmax_c f(x)_c`` of every sample.

    Parameters
    ----------
    f : ndarray, shape (n, K)
        Network outputs; a single column (K = 1) means class 1 where ``f >= 0.5``.

    Returns
    -------
    ndarray, shape (n,), int64
    """
    if f.shape[1] == 1:
        return (f[:, 0] >= 0.5).astype(np.int64)
    return f.argmax(axis=1)


def error_rate(f: np.ndarray, y: np.ndarray) -> float:
    """The fraction of misclassified samples, ``1/n sum_t 1[argmax f(x^(t)) != y^(t)]``.

    Parameters
    ----------
    f : ndarray, shape (n, K)
    y : ndarray, shape (n,)
        True class labels.

    Returns
    -------
    float
        In [0, 1]; nan for an empty set.
    """
    if len(y) == 0:
        return float("nan")
    # a count divided by n: exactly what np.mean of the booleans gives
    return float(np.count_nonzero(predicted_class(f) != y) / len(y))


def accuracy(f: np.ndarray, y: np.ndarray) -> float:
    """``1 - error_rate(f, y)``: f (n, K), y (n,)."""
    return 1.0 - error_rate(f, y)


def mean_squared_error(f: np.ndarray, Y: np.ndarray) -> float:
    """The mean squared error ``1/(n K) sum_t sum_c (f(x^(t))_c - y^(t)_c)^2``.

    Parameters
    ----------
    f, Y : ndarray, shape (n, K)
        Outputs and targets.

    Returns
    -------
    float
        nan for an empty set.
    """
    if len(Y) == 0:
        return float("nan")
    d = f - Y
    return float(np.mean(d * d))


def confusion_matrix(f: np.ndarray, y: np.ndarray, n_classes: int) -> np.ndarray:
    """The confusion matrix.

    Parameters
    ----------
    f : ndarray, shape (n, K)
    y : ndarray, shape (n,)
        True class labels.
    n_classes : int

    Returns
    -------
    ndarray, shape (n_classes, n_classes), int64
        ``C[i, j]`` = number of samples of true class i predicted as class j.
    """
    C = np.zeros((n_classes, n_classes), np.int64)
    np.add.at(C, (np.asarray(y, np.int64), predicted_class(f)), 1)
    return C
