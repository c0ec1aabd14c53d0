"""Gradient check by central differences, as the lecture gives it:
``dJ/dtheta ~ (J(theta + eps) - J(theta - eps)) / (2 eps)``."""

from __future__ import annotations

import numpy as np

from nnsim.core.hyper import Hyperparameters
from nnsim.core.network import Network
from nnsim.core.optim import SGD


def objective(net: Network, X: np.ndarray, Y: np.ndarray, hp: Hyperparameters | None) -> float:
    """The objective ``J = 1/T sum_t l(f(x^(t)), y^(t)) + lambda Omega(theta)``.

    Parameters
    ----------
    net : Network
    X : ndarray, shape (T, H_0)
    Y : ndarray, shape (T, K)
    hp : Hyperparameters or None
        Regularization and ``lambda``; None for the data loss alone.

    Returns
    -------
    float
    """
    reg = net.regularizer(hp.regularization, hp.reg_lambda) if hp else 0.0
    return net.data_loss(X, Y) + reg


def backprop_gradient(net: Network, X, Y, hp: Hyperparameters | None) -> np.ndarray:
    """The gradient of `objective` as the engine computes it for an update.

    Parameters
    ----------
    net : Network
    X : ndarray, shape (T, H_0)
    Y : ndarray, shape (T, K)
    hp : Hyperparameters or None

    Returns
    -------
    ndarray, shape (P,)
        The network's backprop plus the optimizer's own regularizer term, flat like
        ``theta``.
    """
    net.gradient(X, Y)
    g = net.grad.copy()
    reg = SGD(net, hp).regularizer_gradient() if hp else None
    return g if reg is None else g + reg


def gradients(
    net: Network,
    X: np.ndarray,
    Y: np.ndarray,
    hp: Hyperparameters | None = None,
    eps: float = 1e-5,
) -> tuple[Network, np.ndarray, np.ndarray]:
    """Backprop and central differences ``(J(theta + eps) - J(theta - eps)) / (2 eps)``.

    Parameters
    ----------
    net : Network
        Not modified: the check runs on a float64 copy, so it measures the mathematics,
        not float32 rounding.
    X : array_like, shape (T, H_0)
    Y : array_like, shape (T, K)
    hp : Hyperparameters, optional
    eps : float
        The step, > 0.

    Returns
    -------
    net : Network
        The float64 copy.
    g_bp : ndarray, shape (P,)
        Backprop gradient.
    g_fd : ndarray, shape (P,)
        Central differences, entry by entry.
    """
    net = net.astype(np.float64)
    X = np.atleast_2d(np.asarray(X, np.float64))
    Y = np.atleast_2d(np.asarray(Y, np.float64))
    g_bp = backprop_gradient(net, X, Y, hp)
    g_fd = np.empty_like(g_bp)
    theta = net.theta
    for i in range(theta.size):
        old = theta[i]
        theta[i] = old + eps
        plus = objective(net, X, Y, hp)
        theta[i] = old - eps
        minus = objective(net, X, Y, hp)
        theta[i] = old
        g_fd[i] = (plus - minus) / (2.0 * eps)
    return net, g_bp, g_fd


def relative_errors(net: Network, g_bp: np.ndarray, g_fd: np.ndarray) -> dict[str, float]:
    """Relative error ``||g_bp - g_fd|| / (||g_bp|| + ||g_fd||)`` per tensor.

    Parameters
    ----------
    net : Network
        Gives the slices of ``W^(k)`` and ``b^(k)`` in theta.
    g_bp, g_fd : ndarray, shape (P,)

    Returns
    -------
    dict
        ``{"W^(k)": float, "b^(k)": float}`` for k = 1..L+1 (0 where both are 0).
    """
    result = {}
    for k in range(1, net.n_layers + 1):
        for name, sl in zip(("W", "b"), net.slices[k]):
            a, b = g_bp[sl], g_fd[sl]
            denom = np.linalg.norm(a) + np.linalg.norm(b)
            result[f"{name}^({k})"] = float(np.linalg.norm(a - b) / denom) if denom else 0.0
    return result


def gradient_check(
    net: Network,
    X: np.ndarray,
    Y: np.ndarray,
    hp: Hyperparameters | None = None,
    eps: float = 1e-5,
) -> dict[str, float]:
    """Relative error of backprop against central differences per tensor.

    Parameters
    ----------
    net : Network
    X : array_like, shape (T, H_0)
    Y : array_like, shape (T, K)
    hp : Hyperparameters, optional
    eps : float

    Returns
    -------
    dict
        ``{"W^(1)": ..., "b^(1)": ..., ...}``, see `relative_errors`.
    """
    return relative_errors(*gradients(net, X, Y, hp, eps))
