"""Evaluation over the data plane: class probabilities and every neuron's activation.

The decision regions and the per-neuron maps are drawn from this. For 2-D raw inputs the
plane is an n x n grid; for 1-D inputs it is a line (the fitted curve).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from nnsim.core.features import transform
from nnsim.core.network import Network

PLANE = (-6.0, 6.0)


@dataclass(frozen=True)
class GridResult:
    """``output`` (ny, nx, K) and ``hidden[k-1]`` (ny, nx, H_k) for every layer k = 1..L+1;
    row i is ``ys[i]``, column j is ``xs[j]``."""

    xs: np.ndarray
    ys: np.ndarray
    output: np.ndarray
    layers: tuple[np.ndarray, ...]


def plane_points(n: int, extent=(PLANE, PLANE), dtype=np.float64) -> tuple:
    """An n x n grid of raw 2-D points.

    Parameters
    ----------
    n : int
    extent : ((x0, x1), (y0, y1))
    dtype : numpy dtype

    Returns
    -------
    xs : ndarray, shape (n,)
    ys : ndarray, shape (n,)
    points : ndarray, shape (n*n, 2)
        Row-major with y outer: point ``i*n + j`` is ``(xs[j], ys[i])``.
    """
    (x0, x1), (y0, y1) = extent
    xs = np.linspace(x0, x1, n, dtype=dtype)
    ys = np.linspace(y0, y1, n, dtype=dtype)
    xx, yy = np.meshgrid(xs, ys)
    return xs, ys, np.stack([xx.ravel(), yy.ravel()], axis=1)


def evaluate_grid(
    net: Network,
    features: Sequence[str],
    n: int = 100,
    extent=(PLANE, PLANE),
    neurons: bool = True,
) -> GridResult:
    """Evaluate the network on an n x n grid of raw 2-D points.

    Parameters
    ----------
    net : Network
    features : sequence of str
        The input features the network reads (see `nnsim.core.features.transform`).
    n : int
        Points per axis.
    extent : ((x0, x1), (y0, y1))
    neurons : bool
        Keep the activations ``h^(k)`` of every layer (per-neuron maps); without, only
        the output (cheaper, for the live decision regions).

    Returns
    -------
    GridResult
        ``output`` (n, n, K) and, with ``neurons``, ``layers[k-1]`` (n, n, H_k).
    """
    xs, ys, P = plane_points(n, extent, net.dtype)
    _, h = net.forward(transform(P, features).astype(net.dtype, copy=False))
    out = h[-1].reshape(n, n, -1)
    layers = tuple(hk.reshape(n, n, -1) for hk in h[1:]) if neurons else ()
    return GridResult(xs, ys, out, layers)


def evaluate_line(
    net: Network, features: Sequence[str], n: int = 400, span=PLANE
) -> tuple[np.ndarray, np.ndarray]:
    """The fitted curve of a network on 1-D raw inputs.

    Parameters
    ----------
    net : Network
    features : sequence of str
        Features of x1 only.
    n : int
        Points on the line.
    span : (x0, x1)

    Returns
    -------
    xs : ndarray, shape (n,)
    f : ndarray, shape (n, K)
        ``f(x)`` at every point.
    """
    xs = np.linspace(span[0], span[1], n, dtype=net.dtype)
    f = net.predict(transform(xs.reshape(-1, 1), features))
    return xs, f
