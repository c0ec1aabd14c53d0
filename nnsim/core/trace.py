"""The per-sample backprop trace: every number of one SGD update, as plain data.

The step-by-step view shows exactly this. It is computed by the engine's own forward,
backward and update code (on a copy of the network), so what a student reads is what
training does.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnsim.core.hyper import Hyperparameters
from nnsim.core.network import Network
from nnsim.core.optim import SGD


@dataclass
class LayerForward:
    k: int
    activation: str
    W: np.ndarray  # (H_k, H_{k-1}) before the update
    b: np.ndarray  # (H_k,)
    a: np.ndarray  # a^(k) = b^(k) + W^(k) h^(k-1)
    h: np.ndarray  # h^(k) = g(a^(k))


@dataclass
class LayerBackward:
    """Gradients at layer k, computed with the weights from before the update."""

    k: int
    grad_a: np.ndarray  # grad a^(k), (H_k,)
    grad_W: np.ndarray  # grad a^(k) h^(k-1)^T, (H_k, H_{k-1})
    grad_b: np.ndarray  # grad a^(k)
    grad_h_below: np.ndarray  # W^(k)^T grad a^(k) = grad h^(k-1), (H_{k-1},)
    gprime_below: np.ndarray | None  # g'(a^(k-1)) (None below layer 1: that is the input)


@dataclass
class LayerUpdate:
    """``new = old - alpha (data + regularizer + momentum)`` for W^(k) and b^(k)."""

    k: int
    W_old: np.ndarray
    W_data: np.ndarray
    W_regularizer: np.ndarray
    W_momentum: np.ndarray
    W_step: np.ndarray
    W_new: np.ndarray
    W_clipped: np.ndarray
    b_old: np.ndarray
    b_data: np.ndarray
    b_momentum: np.ndarray
    b_step: np.ndarray
    b_new: np.ndarray


@dataclass
class Trace:
    x: np.ndarray  # h^(0)
    target: np.ndarray  # e(y) for classes, the target for regression
    forward: list[LayerForward]  # k = 1..L+1
    output: np.ndarray  # f(x)
    loss: float  # l(f(x), y) on this sample, before the update
    output_gradient_rule: str
    backward: list[LayerBackward]  # k = L+1 down to 1
    update: list[LayerUpdate]  # k = 1..L+1
    learning_rate: float
    momentum: float
    regularization: str
    reg_lambda: float
    train_biases: bool
    loss_after: float  # on this sample, after the update
    theta_after: np.ndarray  # flat parameters after the update (to apply it)
    velocity_after: np.ndarray

    def to_dict(self) -> dict:
        """JSON-able: arrays become nested lists."""

        def conv(v):
            if isinstance(v, np.ndarray):
                return v.tolist()
            if isinstance(v, list):
                return [conv(i) for i in v]
            if hasattr(v, "__dataclass_fields__"):
                return {f: conv(getattr(v, f)) for f in v.__dataclass_fields__}
            if isinstance(v, np.generic):
                return v.item()
            return v

        d = conv(self)
        del d["theta_after"], d["velocity_after"]
        return d

    def format_text(self, digits: int = 6) -> str:
        """A plain-text ledger in the lecture's notation."""
        fmt = np.array2string
        opts = dict(precision=digits, suppress_small=False, floatmode="maxprec", max_line_width=100)
        lines = [f"h^(0) = x = {fmt(self.x, **opts)}", f"target = {fmt(self.target, **opts)}", ""]
        lines.append("Forward:")
        for lf in self.forward:
            lines.append(
                f"  a^({lf.k}) = b^({lf.k}) + W^({lf.k}) h^({lf.k - 1}) = {fmt(lf.a, **opts)}"
            )
            lines.append(f"  h^({lf.k}) = {lf.activation}(a^({lf.k})) = {fmt(lf.h, **opts)}")
        lines.append(f"  f(x) = {fmt(self.output, **opts)}")
        lines.append(f"  loss = {self.loss:.{digits}g}")
        lines.append("")
        lines.append(f"Backward ({self.output_gradient_rule}):")
        for lb in self.backward:
            k = lb.k
            lines.append(f"  grad a^({k}) = {fmt(lb.grad_a, **opts)}")
            lines.append(f"  grad W^({k}) = grad a^({k}) h^({k - 1})^T =")
            lines.append("    " + fmt(lb.grad_W, **opts).replace("\n", "\n    "))
            lines.append(f"  grad b^({k}) = grad a^({k}) = {fmt(lb.grad_b, **opts)}")
            lines.append(
                f"  grad h^({k - 1}) = W^({k})^T grad a^({k}) = {fmt(lb.grad_h_below, **opts)}"
            )
            if lb.gprime_below is not None:
                lines.append(f"  g'(a^({k - 1})) = {fmt(lb.gprime_below, **opts)}")
        lines.append("")
        lines.append(
            f"Update (alpha = {self.learning_rate:g}, beta = {self.momentum:g}, "
            f"{self.regularization} lambda = {self.reg_lambda:g}):"
        )
        for lu in self.update:
            lines.append(f"  W^({lu.k}): old -> new")
            lines.append("    " + fmt(lu.W_old, **opts).replace("\n", "\n    "))
            lines.append("    " + fmt(lu.W_new, **opts).replace("\n", "\n    "))
            lines.append(f"  b^({lu.k}): {fmt(lu.b_old, **opts)} -> {fmt(lu.b_new, **opts)}")
        lines.append("")
        lines.append(f"loss on this sample: {self.loss:.{digits}g} -> {self.loss_after:.{digits}g}")
        return "\n".join(lines)


def apply_update(
    net: Network, hp: Hyperparameters, lr: float, velocity: np.ndarray | None
) -> tuple[list[LayerUpdate], np.ndarray, np.ndarray]:
    """One optimizer step on ``net`` (its ``grad`` already holds the mean data gradient),
    recording every term; returns (per-layer terms, theta after, velocity after)."""
    opt = SGD(net, hp)
    if velocity is not None:
        opt.velocity[:] = velocity
    terms = opt.step(lr, record=True)
    update = []
    for k in range(1, net.n_layers + 1):
        ws, bs = net.slices[k]
        shape = net.W[k].shape
        W = {n: getattr(terms, n)[ws].reshape(shape) for n in _W_TERMS}
        b = {n: getattr(terms, n)[bs] for n in _B_TERMS}
        update.append(
            LayerUpdate(
                k,
                W["old"],
                W["data"],
                W["regularizer"],
                W["momentum"],
                W["step"],
                W["new"],
                W["clipped"],
                b["old"],
                b["data"],
                b["momentum"],
                b["step"],
                b["new"],
            )  # fmt: skip
        )
    return update, net.theta.copy(), opt.velocity.copy()


_W_TERMS = ("old", "data", "regularizer", "momentum", "step", "new", "clipped")
_B_TERMS = ("old", "data", "momentum", "step", "new")


def trace_sample(
    net: Network,
    x: np.ndarray,
    target: np.ndarray,
    hp: Hyperparameters,
    lr: float | None = None,
    velocity: np.ndarray | None = None,
) -> Trace:
    """Trace one SGD update on the single sample ``(x, target)``.

    Parameters
    ----------
    net : the network; it is not modified (the trace works on a copy).
    x : (H_0,) input after the feature transform.
    target : (K,) row of the target matrix (``e(y)`` for classes).
    hp : hyperparameters (momentum, regularization, train_biases).
    lr : alpha_t to use (default ``hp.learning_rate``).
    velocity : the optimizer's current velocity (flat), for momentum.
    """
    work = net.copy()
    X = np.asarray(x, work.dtype).reshape(1, -1)
    Y = np.asarray(target, work.dtype).reshape(1, -1)
    lr = hp.learning_rate if lr is None else lr
    a, h = work.forward(X)
    loss = work.loss.mean(h[-1], Y)
    kept = work.backward(a, h, Y, keep=True)
    L1 = work.n_layers
    forward = [
        LayerForward(
            k,
            work.layer_activation_name(k),
            work.W[k].copy(),
            work.b[k].copy(),
            a[k][0].copy(),
            h[k][0].copy(),
        )
        for k in range(1, L1 + 1)
    ]
    backward = []
    for k in range(L1, 0, -1):
        gprime = None
        if k > 1:
            gprime = work.hidden[k - 2].derivative(a[k - 1], h[k - 1])[0].copy()
        backward.append(
            LayerBackward(
                k,
                kept.grad_a[k][0].copy(),
                work.gW[k].copy(),
                work.gb[k].copy(),
                kept.grad_h[k - 1][0].copy(),
                gprime,
            )
        )
    update, theta_after, velocity_after = apply_update(work, hp, lr, velocity)
    rule = (
        "grad a^(L+1) = -(e(y) - f(x))"
        if work.simplified
        else "grad a^(L+1) = J_o(a)^T grad_f l  (general chain rule)"
    )
    return Trace(
        x=X[0].copy(),
        target=Y[0].copy(),
        forward=forward,
        output=h[-1][0].copy(),
        loss=loss,
        output_gradient_rule=rule,
        backward=backward,
        update=update,
        learning_rate=lr,
        momentum=hp.momentum,
        regularization=hp.regularization,
        reg_lambda=hp.reg_lambda,
        train_biases=hp.train_biases,
        loss_after=work.data_loss(X, Y),
        theta_after=theta_after,
        velocity_after=velocity_after,
    )
