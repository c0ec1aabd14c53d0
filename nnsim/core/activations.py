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
    """An element-wise activation ``h = g(a)`` of a hidden layer, with its derivative.

    Attributes
    ----------
    name : str
        Registry key in `ACTIVATIONS`.
    formula, derivative_formula : str
        ``g(a)`` and ``g'(a)`` in the lecture's notation, for tooltips and the stepper.
    g : callable
        ``g(a)``: (n, H) -> (n, H), element-wise, in ``a``'s dtype.
    derivative : callable
        ``g'(a)`` from ``(a, h)``, both (n, H): sigmoid and tanh use the cheap forms
        ``g(a)(1 - g(a))`` and ``1 - g(a)^2`` of the already computed ``h``.
    """

    name: str
    formula: str
    derivative_formula: str
    g: Callable[[np.ndarray], np.ndarray]
    derivative: Callable[[np.ndarray, np.ndarray], np.ndarray]
    # The same product computed in grad_h's own memory (the training loop's fast path):
    # the same operations in the same order, so the same bits as ``backprop``.
    multiply_into: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray] | None = None

    def backprop(self, a: np.ndarray, h: np.ndarray, grad_h: np.ndarray) -> np.ndarray:
        """Backpropagate through the activation: ``grad a^(k) = grad h^(k) * g'(a^(k))``.

        Parameters
        ----------
        a : ndarray, shape (n, H_k)
            Pre-activations ``a^(k)`` of the forward pass.
        h : ndarray, shape (n, H_k)
            Activations ``h^(k) = g(a^(k))``.
        grad_h : ndarray, shape (n, H_k)
            Gradient of the loss with respect to ``h^(k)``.

        Returns
        -------
        ndarray, shape (n, H_k)
            Gradient with respect to ``a^(k)`` (element-wise product).
        """
        return grad_h * self.derivative(a, h)

    def backprop_into(self, a: np.ndarray, h: np.ndarray, grad_h: np.ndarray) -> np.ndarray:
        """`backprop` written into ``grad_h`` (n, H_k), which the caller gives up; returns it.

        Bit for bit the values of `backprop`, with fewer temporary arrays.
        """
        if self.multiply_into is None:
            return self.backprop(a, h, grad_h)
        return self.multiply_into(a, h, grad_h)


def _sigmoid_into(a, h, grad_h):
    t = np.subtract(1.0, h)
    np.multiply(h, t, out=t)  # h (1 - h), as the derivative computes it
    grad_h *= t
    return grad_h


def _tanh_into(a, h, grad_h):
    t = np.multiply(h, h)
    np.subtract(1.0, t, out=t)  # 1 - h^2
    grad_h *= t
    return grad_h


def _relu_into(a, h, grad_h):
    # multiplying by the bool mask casts it to 0.0/1.0 in grad_h's dtype, as astype does
    np.multiply(grad_h, np.greater(a, 0), out=grad_h)
    return grad_h


def _linear_into(a, h, grad_h):
    grad_h *= np.ones_like(a)  # keeps -0.0 and nan exactly as grad_h * 1 does
    return grad_h


def _sigmoid(a: np.ndarray) -> np.ndarray:
    # Two branches so that exp never overflows and small outputs keep full precision.
    e = np.exp(-np.abs(a))
    return np.where(a >= 0, 1.0 / (1.0 + e), e / (1.0 + e)).astype(a.dtype, copy=False)


def _linear(a: np.ndarray) -> np.ndarray:
    return a.copy()


def _relu(a: np.ndarray) -> np.ndarray:
    return np.maximum(a, 0)


ACTIVATIONS: dict[str, Activation] = {
    "linear": Activation(
        "linear", "g(a) = a", "g'(a) = 1", _linear, lambda a, h: np.ones_like(a), _linear_into
    ),
    "sigmoid": Activation(
        "sigmoid",
        "g(a) = sigm(a) = 1 / (1 + e^(-a))",
        "g'(a) = g(a) (1 - g(a))",
        _sigmoid,
        lambda a, h: h * (1.0 - h),
        _sigmoid_into,
    ),
    "tanh": Activation(
        "tanh",
        "g(a) = tanh(a) = (e^(2a) - 1) / (e^(2a) + 1)",
        "g'(a) = 1 - g(a)^2",
        np.tanh,
        lambda a, h: 1.0 - h * h,
        _tanh_into,
    ),
    "relu": Activation(
        "relu",
        "g(a) = reclin(a) = max(0, a)",
        "g'(a) = 1 if a > 0 else 0",
        _relu,
        lambda a, h: (a > 0).astype(a.dtype),
        _relu_into,
    ),
}

HIDDEN_ACTIVATIONS = tuple(ACTIVATIONS)


def softmax(a: np.ndarray) -> np.ndarray:
    """The softmax output ``o(a)_c = e^(a_c) / sum_c' e^(a_c')``, row by row.

    The row maximum is subtracted first, which leaves the result unchanged and keeps
    ``exp`` from overflowing.

    Parameters
    ----------
    a : ndarray, shape (n, K)
        Output pre-activations ``a^(L+1)``.

    Returns
    -------
    ndarray, shape (n, K)
        Class probabilities ``f(x)``, each row summing to 1.
    """
    K = a.shape[-1]
    if K >= 8:
        z = a - np.maximum.reduce(a, axis=-1, keepdims=True)
        np.exp(z, out=z)
        z /= np.add.reduce(z, axis=-1, keepdims=True)
        return z
    # A reduction over a short last axis costs a call per row. With fewer than 8 classes
    # numpy's sum is a plain left-to-right sum, so column by column gives the same bits
    # in a few whole-array calls.
    m = a[..., 0:1]
    for c in range(1, K):
        m = np.maximum(m, a[..., c : c + 1])
    z = a - m
    np.exp(z, out=z)
    total = z[..., 0:1] + z[..., 1:2]
    for c in range(2, K):
        total += z[..., c : c + 1]
    z /= total
    return z


@dataclass(frozen=True)
class OutputActivation:
    """The output activation ``f(x) = o(a^(L+1))``.

    Attributes
    ----------
    name : str
        Registry key in `OUTPUT_ACTIVATIONS`.
    formula : str
        ``o(a)`` in the lecture's notation.
    o : callable
        (n, K) -> (n, K).
    elementwise : Activation or None
        The element-wise activation it is (sigmoid, tanh, linear); None for softmax,
        whose Jacobian couples the outputs of a row.
    """

    name: str
    formula: str
    o: Callable[[np.ndarray], np.ndarray]
    elementwise: Activation | None

    def backprop(self, a: np.ndarray, f: np.ndarray, grad_f: np.ndarray) -> np.ndarray:
        """General chain rule ``grad a^(L+1) = J_o(a)^T grad_f l`` per sample.

        Parameters
        ----------
        a : ndarray, shape (n, K)
            Output pre-activations ``a^(L+1)``.
        f : ndarray, shape (n, K)
            Outputs ``f(x) = o(a)``.
        grad_f : ndarray, shape (n, K)
            Gradient of the loss with respect to ``f(x)``.

        Returns
        -------
        ndarray, shape (n, K)
            For softmax ``f * (grad_f - <grad_f, f>)`` (from
            ``d f_c / d a_j = f_c (1[c=j] - f_j)``); element-wise otherwise.
        """
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
