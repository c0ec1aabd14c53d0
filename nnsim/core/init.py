"""Parameter initialization as the lecture gives it: biases 0, weights broken in symmetry."""

from __future__ import annotations

import math

import numpy as np

from nnsim.core.network import Network


def glorot_bound(fan_in: int, fan_out: int) -> float:
    """The bound ``b = sqrt(6) / sqrt(H_k + H_{k-1})`` of ``W^(k) ~ U[-b, b]``.

    Parameters
    ----------
    fan_in : int
        H_{k-1}, the inputs of layer k.
    fan_out : int
        H_k, the units of layer k.

    Returns
    -------
    float
    """
    return math.sqrt(6.0) / math.sqrt(fan_in + fan_out)


def initialize(net: Network, method: str = "glorot", seed: int = 0, constant: float = 0.1):
    """Set every bias ``b^(k)`` (H_k,) to 0 and every ``W^(k)`` (H_k, H_{k-1}) by ``method``.

    Parameters
    ----------
    net : Network
        Initialized in place.
    method : {"glorot", "zero", "constant"}
        glorot: ``W_ij ~ U[-b, b]``, ``b = sqrt(6)/sqrt(H_k + H_{k-1})``; zero: all
        weights 0 (with tanh every gradient stays 0: the symmetry problem); constant: all
        weights equal ``constant`` (the hidden units of a layer stay identical).
    seed : int
        Seed of ``np.random.default_rng``: the same seed gives the same weights.
    constant : float
        The value for ``method="constant"``.

    Raises
    ------
    ValueError
        For an unknown method.
    """
    rng = np.random.default_rng(seed)
    for k in range(1, net.n_layers + 1):
        W = net.W[k]
        if method == "glorot":
            bound = glorot_bound(W.shape[1], W.shape[0])
            W[...] = rng.uniform(-bound, bound, W.shape)
        elif method == "zero":
            W[...] = 0.0
        elif method == "constant":
            W[...] = constant
        else:
            raise ValueError(f"unknown initialization {method!r}")
        net.b[k][...] = 0.0
