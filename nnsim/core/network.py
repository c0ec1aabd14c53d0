"""A fully connected network in the lecture's notation.

Layer k = 1..L+1 computes the pre-activation ``a^(k) = b^(k) + W^(k) h^(k-1)`` and the
activation ``h^(k) = g(a^(k))``, with ``h^(0) = x`` and ``f(x) = h^(L+1) = o(a^(L+1))``.
``W^(k)`` has shape (H_k, H_{k-1}) (out x in), so a batch forward is ``A = H @ W.T + b``.

All parameters live in one flat vector ``theta`` (and the gradient in ``grad``); ``W[k]``
and ``b[k]`` are views into it. The optimizer updates the flat vector in a few fused numpy
calls, and the gradient check can walk over it one entry at a time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from nnsim.core.activations import ACTIVATIONS, OUTPUT_ACTIVATIONS
from nnsim.core.losses import LOSSES, SIMPLIFIED_PAIRS, VALID_PAIRS


@dataclass
class Backward:
    """Per-layer gradients of one backward pass, kept for the trace and gradient norms.

    ``grad_a[k]`` is (n, H_k) for k = 1..L+1; ``grad_h[k]`` is (n, H_k) for k = 0..L
    (``grad_h[0]`` is the gradient with respect to the input). Index 0 of ``grad_a`` and
    index L+1 of ``grad_h`` are None.
    """

    grad_a: list
    grad_h: list


class Network:
    """Fully connected network with per-layer activations, an output activation and a loss.

    Parameters
    ----------
    sizes : sequence of int
        ``[H_0, H_1, ..., H_L, H_{L+1}]``: inputs, hidden layer widths, outputs.
    activations : sequence of str
        One hidden activation per hidden layer (``len(sizes) - 2`` names).
    output : str
        Output activation ``o``: softmax, sigmoid, tanh or linear.
    loss : str
        cross_entropy, squared_error or binary_cross_entropy.
    dtype : numpy dtype
        float64 (default, so hand calculations match) or float32.
    """

    def __init__(
        self,
        sizes: Sequence[int],
        activations: Sequence[str],
        output: str = "softmax",
        loss: str = "cross_entropy",
        dtype=np.float64,
    ):
        sizes = [int(s) for s in sizes]
        if len(sizes) < 2 or min(sizes) < 1:
            raise ValueError(f"layer sizes must be >= 1 with an input and an output: {sizes}")
        if len(activations) != len(sizes) - 2:
            raise ValueError(
                f"{len(sizes) - 2} hidden layers need as many activations, got {len(activations)}"
            )
        for name in activations:
            if name not in ACTIVATIONS:
                raise ValueError(f"unknown activation {name!r}; choose from {list(ACTIVATIONS)}")
        if output not in OUTPUT_ACTIVATIONS:
            raise ValueError(f"unknown output activation {output!r}")
        if loss not in LOSSES:
            raise ValueError(f"unknown loss {loss!r}")
        if (output, loss) not in VALID_PAIRS:
            raise ValueError(f"output {output!r} does not pair with loss {loss!r}")
        if output == "softmax" and sizes[-1] < 2:
            raise ValueError("softmax needs at least 2 outputs (one per class)")
        self.sizes = sizes
        self.activations = list(activations)
        self.output_name = output
        self.loss_name = loss
        self.dtype = np.dtype(dtype)
        self.hidden = [ACTIVATIONS[a] for a in self.activations]
        self.output = OUTPUT_ACTIVATIONS[output]
        self.loss = LOSSES[loss]
        self.simplified = (output, loss) in SIMPLIFIED_PAIRS

        total = sum(o * i + o for i, o in zip(sizes[:-1], sizes[1:]))
        self.weight_mask = np.zeros(total, bool)
        self.slices: list = [None]  # (weights slice, bias slice) per layer
        o = 0
        for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
            ws = slice(o, o + fan_in * fan_out)
            bs = slice(ws.stop, ws.stop + fan_out)
            self.weight_mask[ws] = True
            self.slices.append((ws, bs))
            o = bs.stop
        self.bind(np.zeros(total, self.dtype), np.zeros(total, self.dtype))

    def bind(self, theta: np.ndarray, grad: np.ndarray) -> None:
        """Keep the parameters in ``theta`` and the gradient in ``grad``, both (P,) of the
        network's dtype, without copying: ``W[k]``, ``b[k]``, ``gW[k]``, ``gb[k]`` become
        views into them. Trials trained side by side bind to rows of one stack."""
        self.theta, self.grad = theta, grad
        # W[0], b[0] are placeholders so that W[k] is the lecture's W^(k).
        self.W: list = [None]
        self.b: list = [None]
        self.gW: list = [None]
        self.gb: list = [None]
        for k in range(1, self.n_layers + 1):
            ws, bs = self.slices[k]
            shape = (self.sizes[k], self.sizes[k - 1])
            self.W.append(theta[ws].reshape(shape))
            self.b.append(theta[bs])
            self.gW.append(grad[ws].reshape(shape))
            self.gb.append(grad[bs])

    # ------------------------------------------------------------------ structure
    @property
    def n_layers(self) -> int:
        """L + 1: the number of weight layers (hidden layers plus the output layer)."""
        return len(self.sizes) - 1

    @property
    def n_inputs(self) -> int:
        """H_0: the number of inputs (features) the network reads."""
        return self.sizes[0]

    @property
    def n_outputs(self) -> int:
        """H_{L+1} = K: the number of outputs."""
        return self.sizes[-1]

    def layer_activation_name(self, k: int) -> str:
        """Name of layer k's activation (k = 1..L+1; the output activation for k = L+1)."""
        return self.output_name if k == self.n_layers else self.activations[k - 1]

    def copy(self) -> Network:
        """An independent network with the same topology, dtype and ``theta``."""
        net = Network(self.sizes, self.activations, self.output_name, self.loss_name, self.dtype)
        net.theta[:] = self.theta
        return net

    def params(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """Copies of the parameters, layer by layer.

        Returns
        -------
        list of (W, b)
            ``W^(k)`` of shape (H_k, H_{k-1}) and ``b^(k)`` of shape (H_k,), k = 1..L+1.
        """
        return [(self.W[k].copy(), self.b[k].copy()) for k in range(1, self.n_layers + 1)]

    def set_params(self, params: Sequence[tuple[np.ndarray, np.ndarray]]) -> None:
        """Load the parameters, layer by layer.

        Parameters
        ----------
        params : sequence of (W, b)
            ``W^(k)`` of shape (H_k, H_{k-1}) and ``b^(k)`` of shape (H_k,), k = 1..L+1;
            converted to the network's dtype.

        Raises
        ------
        ValueError
            If the number of layers or any shape differs from the topology.
        """
        if len(params) != self.n_layers:
            raise ValueError(f"expected {self.n_layers} layers of parameters, got {len(params)}")
        for k, (W, b) in enumerate(params, start=1):
            W = np.asarray(W, dtype=self.dtype)
            b = np.asarray(b, dtype=self.dtype)
            if W.shape != self.W[k].shape or b.shape != self.b[k].shape:
                raise ValueError(
                    f"layer {k}: expected W {self.W[k].shape} and b {self.b[k].shape}, "
                    f"got {W.shape} and {b.shape}"
                )
            self.W[k][...] = W
            self.b[k][...] = b

    def astype(self, dtype) -> Network:
        """A copy of the network in another dtype (float32 or float64)."""
        net = Network(self.sizes, self.activations, self.output_name, self.loss_name, dtype)
        net.theta[:] = self.theta
        return net

    # ------------------------------------------------------------------ forward
    def forward(self, X: np.ndarray) -> tuple[list, list]:
        """Forward propagation of a batch.

        Parameters
        ----------
        X : (n, H_0) array

        Returns
        -------
        a : list
            ``a[k]`` is the pre-activation (n, H_k) for k = 1..L+1 (``a[0]`` is None).
        h : list
            ``h[k] = g(a[k])`` (n, H_k) for k = 0..L+1, ``h[0] = X``, ``h[L+1] = f(x)``.
        """
        a: list = [None]
        h: list = [X]
        last = self.n_layers
        for k in range(1, last + 1):
            ak = h[-1] @ self.W[k].T
            ak += self.b[k]
            a.append(ak)
            h.append(self.output.o(ak) if k == last else self.hidden[k - 1].g(ak))
        return a, h

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The network output ``f(x) = o(a^(L+1))``.

        Parameters
        ----------
        X : array_like, shape (n, H_0)
            Inputs after the feature transform; converted to the network's dtype.

        Returns
        -------
        ndarray, shape (n, H_{L+1})
        """
        return self.forward(np.asarray(X, self.dtype))[1][-1]

    def data_loss(self, X: np.ndarray, Y: np.ndarray) -> float:
        """The empirical risk ``1/T sum_t l(f(x^(t)), y^(t))`` (no regularizer).

        Parameters
        ----------
        X : ndarray, shape (T, H_0)
        Y : ndarray, shape (T, K)
            Targets (one-hot ``e(y)`` for classes).

        Returns
        -------
        float
        """
        return self.loss.mean(self.predict(X), Y)

    def regularizer(self, kind: str, lam: float) -> float:
        """The regularizer ``lambda Omega(theta)``, on weights only (never biases).

        Parameters
        ----------
        kind : {"none", "l2", "l1"}
            L2: ``Omega = sum_k ||W^(k)||_F^2``; L1: ``Omega = sum_k sum_ij |W^(k)_ij|``.
        lam : float
            ``lambda``.

        Returns
        -------
        float
        """
        if kind == "none" or lam == 0:
            return 0.0
        w = self.theta[self.weight_mask]
        return float(lam * (np.dot(w, w) if kind == "l2" else np.abs(w).sum()))

    # ------------------------------------------------------------------ backward
    def output_gradient(self, a_out: np.ndarray, f: np.ndarray, Y: np.ndarray) -> np.ndarray:
        """The output gradient ``grad a^(L+1)`` of every sample.

        Parameters
        ----------
        a_out : ndarray, shape (n, K)
            Output pre-activations ``a^(L+1)``.
        f : ndarray, shape (n, K)
            Outputs ``f(x)``.
        Y : ndarray, shape (n, K)
            Targets.

        Returns
        -------
        ndarray, shape (n, K)
            ``-(e(y) - f(x)) = f(x) - y`` for softmax + cross-entropy, sigmoid + binary
            cross-entropy and linear + squared error; the general chain rule
            ``J_o(a)^T grad_f l`` for every other pair.
        """
        if self.simplified:
            return f - Y
        return self.output.backprop(a_out, f, self.loss.grad_f(f, Y))

    def backward(self, a: list, h: list, Y: np.ndarray, keep: bool = False) -> Backward | None:
        """Backpropagation; fills ``self.grad`` with the gradient of the mean batch loss.

        Follows the lecture: ``grad a^(L+1) = -(e(y) - f(x))``; for k = L+1..1:
        ``grad W^(k) = grad a^(k) h^(k-1)^T``, ``grad b^(k) = grad a^(k)``,
        ``grad h^(k-1) = W^(k)^T grad a^(k)``, ``grad a^(k-1) = grad h^(k-1) * g'(a^(k-1))``,
        all with the weights as they were in the forward pass (the update comes later).
        Batch rows are summed and divided by n.

        Parameters
        ----------
        a, h : list
            The forward pass's pre-activations and activations (see `forward`).
        Y : ndarray, shape (n, K)
            Targets.
        keep : bool
            Also return the per-sample (undivided) ``grad a`` and ``grad h`` of every layer.

        Returns
        -------
        Backward or None
            The per-layer gradients with ``keep``; the mean gradient is always written
            into ``self.grad`` (``gW[k]`` (H_k, H_{k-1}), ``gb[k]`` (H_k,)).
        """
        n = h[0].shape[0]
        last = self.n_layers
        grad_a = self.output_gradient(a[last], h[last], Y)
        kept = Backward([None] * (last + 1), [None] * (last + 1)) if keep else None
        if keep:
            kept.grad_a[last] = grad_a.copy()
        if n > 1:
            grad_a *= 1.0 / n  # a fresh array (or kept's copy was taken above)
        # ufunc calls without numpy's Python wrappers, temporaries reused: this runs on
        # every update, and for small networks the call overhead is most of its cost
        for k in range(last, 0, -1):
            np.matmul(grad_a.T, h[k - 1], out=self.gW[k])
            np.add.reduce(grad_a, axis=0, out=self.gb[k])
            if k == 1 and not keep:
                break
            grad_h = np.matmul(grad_a, self.W[k])
            if keep:
                kept.grad_h[k - 1] = grad_h * n if n > 1 else grad_h.copy()
            if k == 1:
                break
            grad_a = self.hidden[k - 2].backprop_into(a[k - 1], h[k - 1], grad_h)
            if keep:
                kept.grad_a[k - 1] = grad_a * n if n > 1 else grad_a.copy()
        return kept

    def gradient(self, X: np.ndarray, Y: np.ndarray) -> float:
        """Forward and backward propagation of a batch.

        Parameters
        ----------
        X : ndarray, shape (n, H_0)
        Y : ndarray, shape (n, K)

        Returns
        -------
        float
            The mean data loss ``1/n sum_t l(f(x^(t)), y^(t))``; ``self.grad`` holds its
            gradient.
        """
        a, h = self.forward(X)
        self.backward(a, h, Y)
        return self.loss.mean(h[-1], Y)
