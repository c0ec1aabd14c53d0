"""Activation functions g(a) and their derivatives g'(a), as the lecture defines them.

Each activation is registered by name in ``ACTIVATIONS``. ``derivative`` receives both the
pre-activation ``a`` and the activation ``h = g(a)`` so that sigmoid and tanh can use the
lecture's cheap forms ``g'(a) = g(a)(1 - g(a))`` and ``g'(a) = 1 - g(a)^2``.

``softmax`` is an output activation only: it is not element-wise, so its backward pass is
a Jacobian-vector product (``OutputActivation.backprop``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Activation:
    """An element-wise activation: ``h = g(a)``, ``g'(a)``, and the lecture's formula."""

    name: str
    formula: str
    derivative_formula: str
    g: Callable[[np.ndarray], np.ndarray]
    derivative: Callable[[np.ndarray, np.ndarray], np.ndarray]

    def backprop(self, a: np.ndarray, h: np.ndarray, grad_h: np.ndarray) -> np.ndarray:
        """``grad a = grad h * g'(a)`` (element-wise), shapes (n, H)."""
        return grad_h * self.derivative(a, h)


def _sigmoid(a: np.ndarray) -> np.ndarray:
    # Two branches so that exp never overflows and small outputs keep full precision.
    e = np.exp(-np.abs(a))
    return np.where(a >= 0, 1.0 / (1.0 + e), e / (1.0 + e)).astype(a.dtype, copy=False)


def _linear(a: np.ndarray) -> np.ndarray:
    return a.copy()


def _relu(a: np.ndarray) -> np.ndarray:
    return np.maximum(a, 0)


ACTIVATIONS: dict[str, Activation] = {
    "linear": Activation("linear", "g(a) = a", "g'(a) = 1", _linear, lambda a, h: np.ones_like(a)),
    "sigmoid": Activation(
        "sigmoid",
        "g(a) = sigm(a) = 1 / (1 + e^(-a))",
        "g'(a) = g(a) (1 - g(a))",
        _sigmoid,
        lambda a, h: h * (1.0 - h),
    ),
    "tanh": Activation(
        "tanh",
        "g(a) = tanh(a) = (e^(2a) - 1) / (e^(2a) + 1)",
        "g'(a) = 1 - g(a)^2",
        np.tanh,
        lambda a, h: 1.0 - h * h,
    ),
    "relu": Activation(
        "relu",
        "g(a) = reclin(a) = max(0, a)",
        "g'(a) = 1 if a > 0 else 0",
        _relu,
        lambda a, h: (a > 0).astype(a.dtype),
    ),
}

HIDDEN_ACTIVATIONS = tuple(ACTIVATIONS)


def softmax(a: np.ndarray) -> np.ndarray:
    """``softmax(a)_c = e^(a_c) / sum_c' e^(a_c')`` row-wise, shape (n, K)."""
    z = a - a.max(axis=1, keepdims=True)
    np.exp(z, out=z)
    z /= z.sum(axis=1, keepdims=True)
    return z


@dataclass(frozen=True)
class OutputActivation:
    """The output activation ``f(x) = o(a^(L+1))``; ``backprop`` maps grad f to grad a."""

    name: str
    formula: str
    o: Callable[[np.ndarray], np.ndarray]
    elementwise: Activation | None

    def backprop(self, a: np.ndarray, f: np.ndarray, grad_f: np.ndarray) -> np.ndarray:
        """General chain rule ``grad a = J_o(a)^T grad f``, shapes (n, K)."""
        if self.elementwise is not None:
            return self.elementwise.backprop(a, f, grad_f)
        # softmax: d f_c / d a_j = f_c (1[c=j] - f_j)  =>  grad a = f * (grad f - <grad f, f>)
        return f * (grad_f - (grad_f * f).sum(axis=1, keepdims=True))


OUTPUT_ACTIVATIONS: dict[str, OutputActivation] = {
    "softmax": OutputActivation("softmax", "o(a)_c = e^(a_c) / sum_c' e^(a_c')", softmax, None),
    **{
        name: OutputActivation(name, act.formula, act.g, act)
        for name, act in ACTIVATIONS.items()
        if name != "relu"
    },
}
