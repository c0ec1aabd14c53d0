"""Parameter initialization as the lecture gives it: biases 0, weights broken in symmetry."""

from __future__ import annotations

import math

import numpy as np

from nnsim.core.network import Network


def glorot_bound(fan_in: int, fan_out: int) -> float:
    """``b = sqrt(6) / sqrt(H_k + H_{k-1})`` for ``W^(k)`` sampled from U[-b, b]."""
    return math.sqrt(6.0) / math.sqrt(fan_in + fan_out)


def initialize(net: Network, method: str = "glorot", seed: int = 0, constant: float = 0.1):
    """Set every bias to 0 and the weights by ``method``; reproducible for a seed.

    glorot : ``W_ij ~ U[-b, b]``, ``b = sqrt(6)/sqrt(H_k + H_{k-1})``.
    zero : all weights 0 (with tanh every gradient stays 0: the symmetry problem).
    constant : all weights equal ``constant`` (hidden units of a layer stay identical).
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
