"""The stages of one backprop update, in the lecture's notation, for the step-by-step view.

`make_plan` computes every number of one update with the engine: `trace_sample` for each
sample (forward values, gradients with the old weights, the single-sample update) and, in
mini-batch mode, the engine's own batch gradient and optimizer step for the update.
`build_stages` turns a plan into the ordered stages a student walks through: setup, forward
layer by layer, output and loss, output gradient, the backward pass from the top layer
down, (mini-batch: accumulate, mean), the update, and the losses after it. Each stage has
the lecture's formula, ledger rows with the numbers substituted, the values to write on the
network diagram and, for small layers, matrices. Nothing here imports Qt.

Indices: internally 0-based; every text uses the lecture's 1-based indices
(``W^(2)_13`` is ``W[2][0, 2]``). Neurons are keys ``(k, i)`` (layer k = 0..L+1), links
``(k, i, j)`` for the weight ``W^(k)_ij`` from neuron j of layer k-1 to neuron i of layer k.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import numpy as np

from nnsim.core.activations import ACTIVATIONS, OUTPUT_ACTIVATIONS
from nnsim.core.gradcheck import gradients, relative_errors
from nnsim.core.hyper import Hyperparameters
from nnsim.core.network import Network
from nnsim.core.trace import LayerUpdate, Trace, apply_update, trace_sample

# A sum with more terms than this shows the first ones and "+ ... (n more)".
MAX_TERMS = 8
# Layers up to this size (rows and columns) are also shown as matrices.
MATRIX_MAX = 4

G_NAMES = {"sigmoid": "sigm", "tanh": "tanh", "relu": "reclin", "linear": "g", "softmax": "softmax"}


# ---------------------------------------------------------------------- formatting
def fmt(v: float, digits: int) -> str:
    """``v`` rounded to ``digits`` significant digits (``0.0636``, ``1.2e-05``)."""
    v = float(v)
    if v == 0.0:
        return "0"
    return f"{v:.{digits}g}"


def operand(v: float, digits: int) -> str:
    """A number inside an expression: negative numbers in parentheses."""
    s = fmt(v, digits)
    return f"({s})" if s.startswith("-") else s


def sub(i: int, j: int | None = None) -> str:
    """1-based subscript: ``13`` for (0, 2), ``1,12`` when an index has two digits."""
    if j is None:
        return str(i + 1)
    if i < 9 and j < 9:
        return f"{i + 1}{j + 1}"
    return f"{i + 1},{j + 1}"


def _sum_terms(terms: list[str], first: str | None = None) -> str:
    """``first + t1 + t2 ...`` with at most MAX_TERMS terms shown."""
    shown = terms[:MAX_TERMS]
    parts = ([first] if first is not None else []) + shown
    text = " + ".join(parts)
    if len(terms) > MAX_TERMS:
        text += f" + ... ({len(terms) - MAX_TERMS} more)"
    return text


# ---------------------------------------------------------------------- data
@dataclass(frozen=True)
class Row:
    """One ledger line: ``quantity = formula = value`` (formula with numbers substituted)."""

    quantity: str
    formula: str
    value: str
    number: float | None = None
    layers: tuple[int, ...] = ()

    @property
    def text(self) -> str:
        return " = ".join(p for p in (self.quantity, self.formula, self.value) if p)


@dataclass(frozen=True)
class Stage:
    """One step of the walk-through.

    neurons : ``{(k, i): (label, value)}`` written next to neurons (and highlighted)
    links : ``{(k, i, j): (label, value)}`` written on links (and highlighted)
    matrices : ``((name, 2-D array), ...)`` shown as matrices for small layers
    """

    key: str
    title: str
    formula: str
    rows: tuple[Row, ...]
    layer: int | None = None
    sample: int | None = None  # position in the mini-batch, None for batch-level stages
    neurons: dict = field(default_factory=dict)
    links: dict = field(default_factory=dict)
    matrices: tuple = ()
    short: str = ""  # a short title for the stage list

    @property
    def is_update(self) -> bool:
        return self.key == "update"


@dataclass
class StepPlan:
    """Every number of one update on a sample (or a mini-batch of samples)."""

    indices: tuple[int, ...]  # data indices of the samples
    traces: list[Trace]  # one per sample, with the weights from before the update
    net: Network  # a copy with the weights before the update
    hp: Hyperparameters
    learning_rate: float
    update: list[LayerUpdate]  # the update actually applied (batch: the mean gradient)
    theta_before: np.ndarray
    theta_after: np.ndarray
    velocity_before: np.ndarray
    velocity_after: np.ndarray
    batch_loss_before: float  # mean loss on the samples
    batch_loss_after: float
    train_loss_before: float  # mean loss on the training set
    train_loss_after: float
    task: str = "classification"

    @property
    def batch(self) -> bool:
        return len(self.traces) > 1


def _batch_update(net: Network, X, Y, hp, lr, velocity) -> tuple[list, np.ndarray, np.ndarray]:
    """The engine's mini-batch update (mean gradient + optimizer step) with its terms,
    exactly as `Trainer` performs it; returns (per-layer terms, theta, velocity) after."""
    work = net.copy()
    work.gradient(X, Y)
    return apply_update(work, hp, lr, velocity)


def make_plan(
    net: Network,
    X: np.ndarray,
    Y: np.ndarray,
    hp: Hyperparameters,
    lr: float,
    velocity: np.ndarray | None,
    indices=None,
    X_train: np.ndarray | None = None,
    Y_train: np.ndarray | None = None,
    task: str = "classification",
) -> StepPlan:
    """Plan one update on the samples ``X`` (B, H_0) with targets ``Y`` (B, K).

    One sample: everything is `trace_sample`'s. A mini-batch: per-sample traces for the
    per-sample stages, and the engine's batch gradient and optimizer step for the update.
    ``net`` is not modified.
    """
    X = np.atleast_2d(np.asarray(X, net.dtype))
    Y = np.atleast_2d(np.asarray(Y, net.dtype))
    if velocity is not None and np.shape(velocity) != net.theta.shape:
        velocity = None
    traces = [trace_sample(net, x, y, hp, lr, velocity) for x, y in zip(X, Y)]
    if len(traces) == 1:
        t = traces[0]
        update, theta_after, velocity_after = t.update, t.theta_after, t.velocity_after
    else:
        update, theta_after, velocity_after = _batch_update(net, X, Y, hp, lr, velocity)
    after = net.copy()
    after.theta[:] = theta_after
    if X_train is None:
        X_train, Y_train = X, Y
    v0 = np.zeros_like(net.theta) if velocity is None else np.asarray(velocity, net.dtype)
    return StepPlan(
        indices=tuple(int(i) for i in (indices if indices is not None else range(len(X)))),
        traces=traces,
        net=net.copy(),
        hp=hp,
        learning_rate=float(lr),
        update=update,
        theta_before=net.theta.copy(),
        theta_after=np.array(theta_after, copy=True),
        velocity_before=v0.copy(),
        velocity_after=np.array(velocity_after, copy=True),
        batch_loss_before=net.data_loss(X, Y),
        batch_loss_after=after.data_loss(X, Y),
        train_loss_before=net.data_loss(X_train, Y_train) if len(X_train) else float("nan"),
        train_loss_after=after.data_loss(X_train, Y_train) if len(X_train) else float("nan"),
        task=task,
    )


# ---------------------------------------------------------------------- stages
def build_stages(plan: StepPlan, digits: int = 4) -> list[Stage]:
    """The ordered stages of the plan's update, formatted with ``digits`` significant digits."""
    b = _Builder(plan, digits)
    stages = [b.setup()]
    for s in range(len(plan.traces)):
        stages += b.sample_stages(s)
        if plan.batch:
            stages.append(b.accumulate(s))
    if plan.batch:
        stages.append(b.mean())
    stages.append(b.update())
    stages.append(b.after())
    return [replace(st, short=_short(st, plan)) for st in stages]


def _short(st: Stage, plan: StepPlan) -> str:
    k, L1 = st.layer, plan.net.n_layers
    text = {
        "setup": "Setup",
        "a": f"Forward: a^({k})",
        "h": f"Forward: f(x) = h^({k})" if k == L1 else f"Forward: h^({k})",
        "loss": "Output and loss",
        "output_grad": f"Output: ∇a^({k})",
        "grad_W": f"Backward: ∇W^({k})",
        "grad_b": f"Backward: ∇b^({k})",
        "grad_h": f"Backward: ∇h^({k - 1 if k else 0})",
        "grad_a": f"Backward: ∇a^({k})",
        "accumulate": "Accumulate gradients",
        "mean": "Mean gradient",
        "update": "UPDATE θ",
        "after": "After: loss before/after",
    }[st.key]
    if plan.batch and st.sample is not None:
        text = text.replace("Forward: ", "→ ").replace("Backward: ", "← ")
        text = f"S{st.sample + 1} {text}"
    return text


def update_index(stages: list[Stage]) -> int:
    """Position of the update stage (stepping past it applies the update)."""
    return next(i for i, st in enumerate(stages) if st.is_update)


class _Builder:
    def __init__(self, plan: StepPlan, digits: int):
        self.p = plan
        self.d = max(1, int(digits))
        self.net = plan.net
        self.L1 = plan.net.n_layers

    # helpers
    def f(self, v) -> str:
        return fmt(v, self.d)

    def o(self, v) -> str:
        return operand(v, self.d)

    def prefix(self, s: int) -> str:
        if not self.p.batch:
            return ""
        return f"Sample {s + 1} of {len(self.p.traces)} (#{self.p.indices[s]}): "

    def small(self, k: int) -> bool:
        rows, cols = self.net.W[k].shape
        return rows <= MATRIX_MAX and cols <= MATRIX_MAX

    def target_name(self) -> str:
        return "e(y)" if self.p.task == "classification" and self.net.n_outputs > 1 else "y"

    # stages
    def setup(self) -> Stage:
        p, net, f = self.p, self.net, self.f
        rows = []
        for s, t in enumerate(p.traces):
            tag = f" (sample #{p.indices[s]})" if p.batch else ""
            for j, v in enumerate(t.x):
                rows.append(Row(f"h^(0)_{sub(j)}{tag}", f"x_{sub(j)}", f(v), float(v), (0,)))
            tn = self.target_name()
            for c, v in enumerate(t.target):
                rows.append(Row(f"{tn}_{sub(c)}{tag}", "", f(v), float(v), (self.L1,)))
        rows.append(Row("alpha", "learning rate alpha_t", f(p.learning_rate), p.learning_rate))
        hp = p.hp
        if hp.momentum:
            rows.append(Row("beta", "momentum", f(hp.momentum), hp.momentum))
        if hp.regularization != "none" and hp.reg_lambda:
            rows.append(
                Row(
                    "lambda",
                    f"{hp.regularization.upper()} regularization",
                    f(hp.reg_lambda),
                    hp.reg_lambda,
                )
            )
        if p.batch:
            rows.append(Row("B", "samples in the mini-batch", str(len(p.traces)), len(p.traces)))
        if not hp.train_biases:
            rows.append(Row("biases", "frozen (train_biases off): not updated", ""))
        rows.append(Row("loss", net.loss.formula, ""))
        for k in range(1, self.L1 + 1):
            for i in range(net.W[k].shape[0]):
                for j in range(net.W[k].shape[1]):
                    v = net.W[k][i, j]
                    rows.append(Row(f"W^({k})_{sub(i, j)}", "", f(v), float(v), (k, k - 1)))
            for i, v in enumerate(net.b[k]):
                rows.append(Row(f"b^({k})_{sub(i)}", "", f(v), float(v), (k,)))
        t0 = p.traces[0]
        neurons = {(0, j): ("x", float(v)) for j, v in enumerate(t0.x)}
        links = {
            (k, i, j): ("W", float(net.W[k][i, j]))
            for k in range(1, self.L1 + 1)
            for i in range(net.W[k].shape[0])
            for j in range(net.W[k].shape[1])
        }
        mats = [("x", t0.x[:, None])] if len(t0.x) <= MATRIX_MAX else []
        mats += [(f"W^({k})", net.W[k]) for k in range(1, self.L1 + 1) if self.small(k)]
        params = ", ".join(f"W^({k}), b^({k})" for k in range(1, self.L1 + 1))
        what = f"{len(p.traces)} samples" if p.batch else f"sample #{p.indices[0]}"
        return Stage(
            "setup",
            f"Setup: {what}, the current parameters",
            f"theta = {{{params}}};   {net.loss.formula}",
            tuple(rows),
            neurons=neurons,
            links=links,
            matrices=tuple(mats),
        )

    def sample_stages(self, s: int) -> list[Stage]:
        out = []
        for k in range(1, self.L1 + 1):
            out += [self.forward_a(s, k), self.forward_h(s, k)]
        out.append(self.loss(s))
        out.append(self.output_gradient(s))
        for k in range(self.L1, 0, -1):
            out += [self.grad_W(s, k), self.grad_b(s, k)]
            if k > 1:
                out += [self.grad_h(s, k), self.grad_a(s, k)]
        return out

    def forward_a(self, s: int, k: int) -> Stage:
        t = self.p.traces[s]
        lf = t.forward[k - 1]
        h_in = t.x if k == 1 else t.forward[k - 2].h
        n_in = len(h_in)
        rows = []
        for i in range(len(lf.a)):
            if n_in <= 3:
                sym = f"b^({k})_{sub(i)} + " + " + ".join(
                    f"W^({k})_{sub(i, j)} h^({k - 1})_{sub(j)}" for j in range(n_in)
                )
            else:
                sym = f"b^({k})_{sub(i)} + sum_j W^({k})_{sub(i)}j h^({k - 1})_j"
            terms = [f"{self.o(lf.W[i, j])} * {self.o(h_in[j])}" for j in range(n_in)]
            num = _sum_terms(terms, self.o(lf.b[i]))
            rows.append(
                Row(
                    f"a^({k})_{sub(i)}",
                    f"{sym} = {num}",
                    self.f(lf.a[i]),
                    float(lf.a[i]),
                    (k, k - 1),
                )
            )
        neurons = {(k - 1, j): ("x" if k == 1 else "h", float(v)) for j, v in enumerate(h_in)}
        neurons.update({(k, i): ("a", float(v)) for i, v in enumerate(lf.a)})
        links = {(k, i, j): ("W", float(lf.W[i, j])) for i in range(len(lf.a)) for j in range(n_in)}
        mats = ()
        if self.small(k):
            mats = (
                (f"W^({k})", lf.W),
                (f"h^({k - 1})", h_in[:, None]),
                (f"b^({k})", lf.b[:, None]),
                (f"a^({k})", lf.a[:, None]),
            )
        return Stage(
            "a",
            f"{self.prefix(s)}Forward, layer {k}: pre-activation a^({k})",
            f"a^({k}) = b^({k}) + W^({k}) h^({k - 1})",
            tuple(rows),
            layer=k,
            sample=s,
            neurons=neurons,
            links=links,
            matrices=mats,
        )

    def forward_h(self, s: int, k: int) -> Stage:
        t = self.p.traces[s]
        lf = t.forward[k - 1]
        name = lf.activation
        g = G_NAMES.get(name, name)
        out_layer = k == self.L1
        rows = []
        for i in range(len(lf.h)):
            if name == "softmax":
                K = len(lf.a)
                sym = f"e^(a^({k})_{sub(i)}) / sum_c e^(a^({k})_c)"
                den = _sum_terms([f"e^{self.o(v)}" for v in lf.a])
                num = (
                    f"e^{self.o(lf.a[i])} / ({den})"
                    if K <= MAX_TERMS
                    else f"e^{self.o(lf.a[i])} / (...)"
                )
                formula = f"{sym} = {num}"
            elif name == "linear":
                formula = f"a^({k})_{sub(i)} = {self.f(lf.a[i])}"
            else:
                formula = f"{g}(a^({k})_{sub(i)}) = {g}({self.f(lf.a[i])})"
            q = f"f(x)_{sub(i)} = h^({k})_{sub(i)}" if out_layer else f"h^({k})_{sub(i)}"
            rows.append(Row(q, formula, self.f(lf.h[i]), float(lf.h[i]), (k,)))
        act = ACTIVATIONS.get(name)
        if out_layer:
            o_formula = OUTPUT_ACTIVATIONS[name].formula.replace("g(a)", "o(a)")
            formula = f"f(x) = h^({k}) = o(a^({k})),   {o_formula}"
            title = f"{self.prefix(s)}Forward, output layer {k}: f(x) = o(a^({k}))"
        else:
            formula = f"h^({k}) = g(a^({k})),   {act.formula}"
            title = f"{self.prefix(s)}Forward, layer {k}: activation h^({k})"
        neurons = {(k, i): ("f" if out_layer else "h", float(v)) for i, v in enumerate(lf.h)}
        mats = ()
        if len(lf.h) <= MATRIX_MAX:
            mats = ((f"a^({k})", lf.a[:, None]), (f"h^({k})", lf.h[:, None]))
        return Stage("h", title, formula, tuple(rows), k, s, neurons, {}, mats)

    def loss(self, s: int) -> Stage:
        t = self.p.traces[s]
        net, L1 = self.net, self.L1
        fx, y = t.output, t.target
        tn = self.target_name()
        rows = [Row(f"f(x)_{sub(c)}", "", self.f(v), float(v), (L1,)) for c, v in enumerate(fx)]
        rows += [Row(f"{tn}_{sub(c)}", "", self.f(v), float(v), (L1,)) for c, v in enumerate(y)]
        name = net.loss_name
        if name == "cross_entropy":
            onehot = np.count_nonzero(y) == 1 and np.max(y) == 1.0
            if onehot:
                c = int(np.argmax(y))
                rows.append(
                    Row(
                        "l",
                        f"-ln f(x)_y = -ln f(x)_{sub(c)} = -ln({self.f(fx[c])})",
                        self.f(t.loss),
                        t.loss,
                    )
                )
            else:
                terms = [f"{self.o(yc)} ln({self.f(fc)})" for fc, yc in zip(fx, y)]
                rows.append(
                    Row(
                        "l",
                        f"-sum_c y_c ln f(x)_c = -({_sum_terms(terms)})",
                        self.f(t.loss),
                        t.loss,
                    )
                )
        elif name == "squared_error":
            terms = [f"({self.f(fc)} - {self.o(yc)})^2" for fc, yc in zip(fx, y)]
            rows.append(
                Row(
                    "l",
                    f"1/2 sum_c (f(x)_c - y_c)^2 = 1/2 ({_sum_terms(terms)})",
                    self.f(t.loss),
                    t.loss,
                )
            )
        else:
            terms = [
                f"{self.o(yc)} ln({self.f(fc)}) + (1 - {self.o(yc)}) ln(1 - {self.f(fc)})"
                for fc, yc in zip(fx, y)
            ]
            rows.append(Row("l", f"-[{_sum_terms(terms)}]", self.f(t.loss), t.loss))
        neurons = {(L1, c): ("f", float(v)) for c, v in enumerate(fx)}
        return Stage(
            "loss",
            f"{self.prefix(s)}Output f(x) and the loss",
            net.loss.formula,
            tuple(rows),
            L1,
            s,
            neurons,
        )

    def output_gradient(self, s: int) -> Stage:
        t = self.p.traces[s]
        net, L1 = self.net, self.L1
        lb = t.backward[0]
        fx, y = t.output, t.target
        a_out = t.forward[-1].a
        tn = self.target_name()
        rows = []
        if net.simplified:
            for c in range(len(fx)):
                rows.append(
                    Row(
                        f"grad a^({L1})_{sub(c)}",
                        f"-({tn}_{sub(c)} - f(x)_{sub(c)}) = -({self.f(y[c])} - {self.f(fx[c])})",
                        self.f(lb.grad_a[c]),
                        float(lb.grad_a[c]),
                        (L1,),
                    )
                )
            formula = f"grad a^({L1}) = -({tn} - f(x))"
        else:
            # The general chain rule grad a = J_o(a)^T grad_f l, with the engine's functions.
            gf = net.loss.grad_f(fx[None, :], y[None, :])[0]
            for c in range(len(fx)):
                rows.append(
                    Row(
                        f"grad f(x)_{sub(c)}",
                        self._grad_f_text(c, fx, y),
                        self.f(gf[c]),
                        float(gf[c]),
                        (L1,),
                    )
                )
            el = net.output.elementwise
            if el is not None:
                gp = el.derivative(a_out[None, :], fx[None, :])[0]
                for c in range(len(fx)):
                    rows.append(
                        Row(
                            f"grad a^({L1})_{sub(c)}",
                            f"grad f(x)_{sub(c)} * o'(a^({L1})_{sub(c)}) = "
                            f"{self.o(gf[c])} * {self.o(gp[c])}",
                            self.f(lb.grad_a[c]),
                            float(lb.grad_a[c]),
                            (L1,),
                        )
                    )
                formula = (
                    f"grad a^({L1}) = grad f(x) * o'(a^({L1})),   "
                    f"{el.derivative_formula.replace('g', 'o')}"
                )
            else:  # softmax with a loss other than cross-entropy
                dot = float(np.dot(gf, fx))
                for c in range(len(fx)):
                    rows.append(
                        Row(
                            f"grad a^({L1})_{sub(c)}",
                            f"f(x)_{sub(c)} (grad f(x)_{sub(c)} - sum_j grad f(x)_j f(x)_j) = "
                            f"{self.o(fx[c])} * ({self.o(gf[c])} - {self.o(dot)})",
                            self.f(lb.grad_a[c]),
                            float(lb.grad_a[c]),
                            (L1,),
                        )
                    )
                formula = f"grad a^({L1}) = J_o(a^({L1}))^T grad f(x)   (softmax Jacobian)"
        neurons = {(L1, c): ("∇a", float(v)) for c, v in enumerate(lb.grad_a)}
        mats = ()
        if len(fx) <= MATRIX_MAX:
            mats = (("f(x)", fx[:, None]), (tn, y[:, None]), (f"grad a^({L1})", lb.grad_a[:, None]))
        return Stage(
            "output_grad",
            f"{self.prefix(s)}Output gradient grad a^({L1})",
            formula,
            tuple(rows),
            L1,
            s,
            neurons,
            {},
            mats,
        )

    def _grad_f_text(self, c: int, fx, y) -> str:
        name = self.net.loss_name
        fc, yc = self.f(fx[c]), self.o(y[c])
        if name == "squared_error":
            return f"f(x)_{sub(c)} - y_{sub(c)} = {fc} - {yc}"
        if name == "cross_entropy":
            return f"-y_{sub(c)} / f(x)_{sub(c)} = -{yc} / {fc}"
        fn = f"f(x)_{sub(c)}"
        return f"({fn} - y_{sub(c)}) / ({fn} (1 - {fn})) = ({fc} - {yc}) / ({fc} (1 - {fc}))"

    def _backward(self, s: int, k: int):
        t = self.p.traces[s]
        return t.backward[self.L1 - k]

    def _h_below(self, s: int, k: int) -> np.ndarray:
        t = self.p.traces[s]
        return t.x if k == 1 else t.forward[k - 2].h

    def grad_W(self, s: int, k: int) -> Stage:
        lb = self._backward(s, k)
        h = self._h_below(s, k)
        rows = []
        for i in range(lb.grad_W.shape[0]):
            for j in range(lb.grad_W.shape[1]):
                rows.append(
                    Row(
                        f"grad W^({k})_{sub(i, j)}",
                        f"grad a^({k})_{sub(i)} * h^({k - 1})_{sub(j)} = "
                        f"{self.o(lb.grad_a[i])} * {self.o(h[j])}",
                        self.f(lb.grad_W[i, j]),
                        float(lb.grad_W[i, j]),
                        (k, k - 1),
                    )
                )
        neurons = {(k, i): ("∇a", float(v)) for i, v in enumerate(lb.grad_a)}
        neurons.update({(k - 1, j): ("x" if k == 1 else "h", float(v)) for j, v in enumerate(h)})
        links = {
            (k, i, j): ("∇W", float(lb.grad_W[i, j]))
            for i in range(lb.grad_W.shape[0])
            for j in range(lb.grad_W.shape[1])
        }
        mats = ()
        if self.small(k):
            mats = (
                (f"grad a^({k})", lb.grad_a[:, None]),
                (f"h^({k - 1})^T", h[None, :]),
                (f"grad W^({k})", lb.grad_W),
            )
        return Stage(
            "grad_W",
            f"{self.prefix(s)}Backward, layer {k}: weight gradient grad W^({k})",
            f"grad W^({k}) = grad a^({k}) h^({k - 1})^T",
            tuple(rows),
            k,
            s,
            neurons,
            links,
            mats,
        )

    def grad_b(self, s: int, k: int) -> Stage:
        lb = self._backward(s, k)
        rows = [
            Row(f"grad b^({k})_{sub(i)}", f"grad a^({k})_{sub(i)}", self.f(v), float(v), (k,))
            for i, v in enumerate(lb.grad_b)
        ]
        neurons = {(k, i): ("∇b", float(v)) for i, v in enumerate(lb.grad_b)}
        return Stage(
            "grad_b",
            f"{self.prefix(s)}Backward, layer {k}: bias gradient grad b^({k})",
            f"grad b^({k}) = grad a^({k})",
            tuple(rows),
            k,
            s,
            neurons,
        )

    def grad_h(self, s: int, k: int) -> Stage:
        t = self.p.traces[s]
        lb = self._backward(s, k)
        W = t.forward[k - 1].W  # the weights from before the update
        rows = []
        for j in range(W.shape[1]):
            terms = [f"{self.o(W[i, j])} * {self.o(lb.grad_a[i])}" for i in range(W.shape[0])]
            if W.shape[0] <= 3:
                sym = " + ".join(
                    f"W^({k})_{sub(i, j)} grad a^({k})_{sub(i)}" for i in range(W.shape[0])
                )
            else:
                sym = f"sum_i W^({k})_i{sub(j)} grad a^({k})_i"
            rows.append(
                Row(
                    f"grad h^({k - 1})_{sub(j)}",
                    f"{sym} = {_sum_terms(terms)}",
                    self.f(lb.grad_h_below[j]),
                    float(lb.grad_h_below[j]),
                    (k, k - 1),
                )
            )
        neurons = {(k, i): ("∇a", float(v)) for i, v in enumerate(lb.grad_a)}
        neurons.update({(k - 1, j): ("∇h", float(v)) for j, v in enumerate(lb.grad_h_below)})
        links = {
            (k, i, j): ("W", float(W[i, j])) for i in range(W.shape[0]) for j in range(W.shape[1])
        }
        mats = ()
        if self.small(k):
            mats = (
                (f"W^({k})^T", W.T),
                (f"grad a^({k})", lb.grad_a[:, None]),
                (f"grad h^({k - 1})", lb.grad_h_below[:, None]),
            )
        return Stage(
            "grad_h",
            f"{self.prefix(s)}Backward, layer {k}: gradient of the layer below, grad h^({k - 1})",
            f"grad h^({k - 1}) = W^({k})^T grad a^({k})   (weights from before the update)",
            tuple(rows),
            k,
            s,
            neurons,
            links,
            mats,
        )

    def grad_a(self, s: int, k: int) -> Stage:
        t = self.p.traces[s]
        lb = self._backward(s, k)
        below = self._backward(s, k - 1)
        lf = t.forward[k - 2]
        name = lf.activation
        act = ACTIVATIONS[name]
        gp = lb.gprime_below
        rows = []
        m = k - 1
        for j in range(len(gp)):
            h, a = lf.h[j], lf.a[j]
            hn = f"h^({m})_{sub(j)}"
            if name == "sigmoid":
                d = f"{hn} (1 - {hn}) = {self.o(h)} * (1 - {self.o(h)})"
            elif name == "tanh":
                d = f"1 - ({hn})^2 = 1 - {self.o(h)}^2"
            elif name == "relu":
                d = f"1 if a^({m})_{sub(j)} > 0 else 0, a^({m})_{sub(j)} = {self.f(a)}"
            else:
                d = "1"
            rows.append(Row(f"g'(a^({m})_{sub(j)})", d, self.f(gp[j]), float(gp[j]), (m,)))
        for j in range(len(gp)):
            rows.append(
                Row(
                    f"grad a^({m})_{sub(j)}",
                    f"grad h^({m})_{sub(j)} * g'(a^({m})_{sub(j)}) = "
                    f"{self.o(lb.grad_h_below[j])} * {self.o(gp[j])}",
                    self.f(below.grad_a[j]),
                    float(below.grad_a[j]),
                    (m,),
                )
            )
        neurons = {(m, j): ("∇a", float(v)) for j, v in enumerate(below.grad_a)}
        mats = ()
        if len(gp) <= MATRIX_MAX:
            mats = (
                (f"grad h^({m})", lb.grad_h_below[:, None]),
                (f"g'(a^({m}))", gp[:, None]),
                (f"grad a^({m})", below.grad_a[:, None]),
            )
        return Stage(
            "grad_a",
            f"{self.prefix(s)}Backward, layer {m}: pre-activation gradient grad a^({m})",
            f"grad a^({m}) = grad h^({m}) * g'(a^({m})),   {act.derivative_formula}",
            tuple(rows),
            m,
            s,
            neurons,
            {},
            mats,
        )

    def accumulate(self, s: int) -> Stage:
        p = self.p
        rows = []
        links = {}
        neurons = {}
        for k in range(1, self.L1 + 1):
            prev_W = sum(t.backward[self.L1 - k].grad_W for t in p.traces[:s]) if s else None
            now_W = sum(t.backward[self.L1 - k].grad_W for t in p.traces[: s + 1])
            this_W = p.traces[s].backward[self.L1 - k].grad_W
            for i in range(now_W.shape[0]):
                for j in range(now_W.shape[1]):
                    expr = (
                        f"{self.o(prev_W[i, j])} + {self.o(this_W[i, j])}"
                        if s
                        else self.o(this_W[i, j])
                    )
                    rows.append(
                        Row(
                            f"sum grad W^({k})_{sub(i, j)}",
                            f"sum_t<={s + 1} grad W^({k})_{sub(i, j)}(t) = {expr}",
                            self.f(now_W[i, j]),
                            float(now_W[i, j]),
                            (k, k - 1),
                        )
                    )
                    links[(k, i, j)] = ("Σ∇W", float(now_W[i, j]))
            prev_b = sum(t.backward[self.L1 - k].grad_b for t in p.traces[:s]) if s else None
            now_b = sum(t.backward[self.L1 - k].grad_b for t in p.traces[: s + 1])
            this_b = p.traces[s].backward[self.L1 - k].grad_b
            for i in range(len(now_b)):
                expr = f"{self.o(prev_b[i])} + {self.o(this_b[i])}" if s else self.o(this_b[i])
                rows.append(
                    Row(
                        f"sum grad b^({k})_{sub(i)}",
                        f"sum_t<={s + 1} grad b^({k})_{sub(i)}(t) = {expr}",
                        self.f(now_b[i]),
                        float(now_b[i]),
                        (k,),
                    )
                )
                neurons[(k, i)] = ("Σ∇b", float(now_b[i]))
        return Stage(
            "accumulate",
            f"{self.prefix(s)}Accumulate the gradients ({s + 1} of {len(p.traces)} samples)",
            "sum_t grad theta(t) = sum_t grad_theta l(f(x^(t)), y^(t))",
            tuple(rows),
            None,
            s,
            neurons,
            links,
        )

    def mean(self) -> Stage:
        p = self.p
        B = len(p.traces)
        rows, links, neurons = [], {}, {}
        for u in p.update:
            k = u.k
            total_W = sum(t.backward[self.L1 - k].grad_W for t in p.traces)
            for i in range(u.W_data.shape[0]):
                for j in range(u.W_data.shape[1]):
                    rows.append(
                        Row(
                            f"grad W^({k})_{sub(i, j)}",
                            f"1/{B} sum_t grad W^({k})_{sub(i, j)}(t) = "
                            f"{self.o(total_W[i, j])} / {B}",
                            self.f(u.W_data[i, j]),
                            float(u.W_data[i, j]),
                            (k, k - 1),
                        )
                    )
                    links[(k, i, j)] = ("∇W", float(u.W_data[i, j]))
            total_b = sum(t.backward[self.L1 - k].grad_b for t in p.traces)
            for i in range(len(u.b_data)):
                rows.append(
                    Row(
                        f"grad b^({k})_{sub(i)}",
                        f"1/{B} sum_t grad b^({k})_{sub(i)}(t) = {self.o(total_b[i])} / {B}",
                        self.f(u.b_data[i]),
                        float(u.b_data[i]),
                        (k,),
                    )
                )
                neurons[(k, i)] = ("∇b", float(u.b_data[i]))
        return Stage(
            "mean",
            f"Mean gradient of the mini-batch (B = {B})",
            "grad theta = 1/B sum_t grad_theta l(f(x^(t)), y^(t))",
            tuple(rows),
            None,
            None,
            neurons,
            links,
        )

    def update(self) -> Stage:
        p, hp = self.p, self.p.hp
        alpha = p.learning_rate
        reg = hp.regularization != "none" and hp.reg_lambda > 0
        mom = hp.momentum > 0
        g = "mean grad" if p.batch else "grad"
        parts = [f"{g} {{q}}"]
        if reg:
            parts.append("2 lambda {q}" if hp.regularization == "l2" else "lambda sign({q})")
        if mom:
            parts.append("beta v_prev")
        rows, links, neurons = [], {}, {}

        def line(q, old, terms, new, clipped, layers, parts):
            sym_inner = " + ".join(x.format(q=q) for x in parts)
            sym = f"{q} - alpha ({sym_inner})" if len(parts) > 1 else f"{q} - alpha {sym_inner}"
            nums = [self.o(v) for v in terms]
            num_inner = " + ".join(nums)
            num = (
                f"{self.f(old)} - {self.o(alpha)} * ({num_inner})"
                if len(nums) > 1
                else f"{self.f(old)} - {self.o(alpha)} * {num_inner}"
            )
            value = self.f(new)
            if clipped:
                value += "  (L1: crossed zero, set to 0)"
            rows.append(Row(f"new {q}", f"{sym} = {num}", value, float(new), layers))

        for u in p.update:
            k = u.k
            for i in range(u.W_old.shape[0]):
                for j in range(u.W_old.shape[1]):
                    terms = [u.W_data[i, j]]
                    if reg:
                        terms.append(u.W_regularizer[i, j])
                    if mom:
                        terms.append(u.W_momentum[i, j])
                    line(
                        f"W^({k})_{sub(i, j)}",
                        u.W_old[i, j],
                        terms,
                        u.W_new[i, j],
                        bool(u.W_clipped[i, j]),
                        (k, k - 1),
                        parts,
                    )
                    links[(k, i, j)] = ("W", float(u.W_new[i, j]))
            for i in range(len(u.b_old)):
                q = f"b^({k})_{sub(i)}"
                if not hp.train_biases:
                    rows.append(
                        Row(
                            f"new {q}",
                            f"{q} (frozen: train_biases off)",
                            self.f(u.b_new[i]),
                            float(u.b_new[i]),
                            (k,),
                        )
                    )
                else:
                    terms = [u.b_data[i]] + ([u.b_momentum[i]] if mom else [])
                    b_parts = [x for x in parts if "lambda" not in x]
                    line(q, u.b_old[i], terms, u.b_new[i], False, (k,), b_parts)
                neurons[(k, i)] = ("b", float(u.b_new[i]))
        formula = "theta <- theta - alpha grad theta"
        if reg or mom:
            bits = ["grad theta"]
            if reg:
                bits.append("2 lambda W" if hp.regularization == "l2" else "lambda sign(W)")
            if mom:
                bits.append("beta v_prev")
            formula = f"v = {' + '.join(bits)};   theta <- theta - alpha v"
        if not hp.train_biases:
            formula += "   (biases frozen)"
        mats = []
        for u in p.update:
            if self.small(u.k):
                mats += [(f"W^({u.k}) old", u.W_old), (f"W^({u.k}) new", u.W_new)]
        return Stage(
            "update",
            f"Update: old -> new for every weight and bias (alpha = {self.f(alpha)})",
            formula,
            tuple(rows),
            None,
            None,
            neurons,
            links,
            tuple(mats),
        )

    def after(self) -> Stage:
        p = self.p
        rows = []
        if p.batch:
            rows.append(
                Row(
                    "loss on the mini-batch, before",
                    "1/B sum_t l(f(x^(t)), y^(t))",
                    self.f(p.batch_loss_before),
                    p.batch_loss_before,
                )
            )
            rows.append(
                Row(
                    "loss on the mini-batch, after",
                    "1/B sum_t l(f(x^(t)), y^(t))",
                    self.f(p.batch_loss_after),
                    p.batch_loss_after,
                )
            )
        else:
            t = p.traces[0]
            rows.append(Row("loss on this sample, before", "l(f(x), y)", self.f(t.loss), t.loss))
            rows.append(
                Row("loss on this sample, after", "l(f(x), y)", self.f(t.loss_after), t.loss_after)
            )
        rows.append(
            Row(
                "training-set loss, before",
                "1/T sum_t l(f(x^(t)), y^(t))",
                self.f(p.train_loss_before),
                p.train_loss_before,
            )
        )
        rows.append(
            Row(
                "training-set loss, after",
                "1/T sum_t l(f(x^(t)), y^(t))",
                self.f(p.train_loss_after),
                p.train_loss_after,
            )
        )
        return Stage(
            "after",
            "After the update: the loss before and after",
            "J(theta) = 1/T sum_t l(f(x^(t); theta), y^(t))",
            tuple(rows),
        )


# ---------------------------------------------------------------------- matrices
def _matrix_lines(name: str, M: np.ndarray, digits: int) -> list[str]:
    cells = [[fmt(v, digits) for v in row] for row in np.atleast_2d(M)]
    width = max(len(c) for row in cells for c in row)
    body = ["  ".join(c.rjust(width) for c in row) for row in cells]
    n = len(body)
    if n == 1:
        brackets = [("[ ", " ]")]
    else:
        brackets = [("⎡ ", " ⎤")] + [("⎢ ", " ⎥")] * (n - 2) + [("⎣ ", " ⎦")]
    head = f"{name} = "
    pad = " " * len(head)
    mid = (n - 1) // 2
    return [(head if r == mid else pad) + lb + body[r] + rb for r, (lb, rb) in enumerate(brackets)]


def matrix_text(matrices, digits: int = 4, gap: int = 4, width: int = 100) -> str:
    """Small matrices side by side, bracketed, names on the middle row (monospace text);
    a new band of matrices starts when a line would pass ``width`` characters."""
    blocks = [_matrix_lines(name, M, digits) for name, M in matrices]
    bands: list[list[list[str]]] = []
    used = width + 1
    for b in blocks:
        w = max(len(line) for line in b) + gap
        if used + w > width and (not bands or bands[-1]):
            bands.append([])
            used = 0
        bands[-1].append(b)
        used += w
    texts = []
    for band in bands:
        height = max(len(b) for b in band)
        out = [""] * height
        for b in band:
            w = max(len(line) for line in b)
            top = (height - len(b)) // 2
            for r in range(height):
                i = r - top
                out[r] += (b[i] if 0 <= i < len(b) else "").ljust(w) + " " * gap
        texts.append("\n".join(line.rstrip() for line in out))
    return "\n\n".join(texts)


# ---------------------------------------------------------------------- filtering
_LAYER_QUERY = re.compile(r"^\s*(?:layer\s*)?(\d+)\s*$", re.IGNORECASE)


def row_matches(row: Row, query: str) -> bool:
    """Filter a ledger row: ``"2"`` or ``"layer 2"`` keeps rows about layer 2; any other
    text (``"h^(2)_3"``, ``"W^(1)"``) keeps rows whose quantity or formula mentions it
    (``h^(2)_3`` does not match ``h^(2)_31``)."""
    query = query.strip()
    if not query:
        return True
    m = _LAYER_QUERY.match(query)
    if m:
        return int(m.group(1)) in row.layers
    text = f"{row.quantity} {row.formula}".lower().replace(" ", "")
    q = query.lower().replace(" ", "")
    pattern = re.escape(q) + (r"(?!\d)" if q[-1].isdigit() else "")
    return re.search(pattern, text) is not None


# ---------------------------------------------------------------------- gradient check
@dataclass(frozen=True)
class EntryCheck:
    tensor: str  # "W^(2)"
    name: str  # "W^(2)_13"
    backprop: float
    numeric: float
    relative_error: float


def entry_gradient_check(
    net: Network, X, Y, hp: Hyperparameters | None = None, eps: float = 1e-5
) -> tuple[dict[str, float], list[EntryCheck]]:
    """Per tensor (`gradient_check`) and per entry: the backprop gradient beside the
    central difference ``(J(theta + eps) - J(theta - eps)) / (2 eps)`` with the relative
    error ``|g_bp - g_fd| / (|g_bp| + |g_fd|)`` (0 when both are 0)."""
    net, g_bp, g_fd = gradients(net, X, Y, hp, eps)
    entries = []
    for k in range(1, net.n_layers + 1):
        ws, bs = net.slices[k]
        shape = net.W[k].shape
        names = [f"W^({k})_{sub(i, j)}" for i in range(shape[0]) for j in range(shape[1])]
        names += [f"b^({k})_{sub(i)}" for i in range(shape[0])]
        for offset, name in zip(range(ws.start, bs.stop), names):
            bp, fd = float(g_bp[offset]), float(g_fd[offset])
            denom = abs(bp) + abs(fd)
            entries.append(
                EntryCheck(name.split("_")[0], name, bp, fd, abs(bp - fd) / denom if denom else 0.0)
            )
    per_tensor = relative_errors(net, g_bp, g_fd)
    return per_tensor, entries
