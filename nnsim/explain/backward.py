"""The backward pass as stages, exactly as the lecture writes it.

``grad a^(L+1) = -(e(y) - f(x))`` (or the general chain rule through o and l),
``grad W^(k) = grad a^(k) h^(k-1)^T``, ``grad b^(k) = grad a^(k)``,
``grad h^(k-1) = W^(k)^T grad a^(k)`` (weights from before the update) and
``grad a^(k-1) = grad h^(k-1) * g'(a^(k-1))``; each builder takes a `StageWriter`.
"""

from __future__ import annotations

import numpy as np

from nnsim.core.activations import ACTIVATIONS
from nnsim.explain.notation import MATRIX_MAX, sub, sum_terms
from nnsim.explain.records import Remark, Row, Stage, StageKey
from nnsim.explain.writer import StageWriter


def _grad_f_formula(w: StageWriter, c: int, fx, y) -> str:
    """``grad f(x)_c`` of the network's loss with the numbers substituted."""
    name = w.net.loss_name
    fc, yc = w.f(fx[c]), w.o(y[c])
    if name == "squared_error":
        return f"f(x)_{sub(c)} - y_{sub(c)} = {fc} - {yc}"
    if name == "cross_entropy":
        return f"-y_{sub(c)} / f(x)_{sub(c)} = -{yc} / {fc}"
    fn = f"f(x)_{sub(c)}"
    return f"({fn} - y_{sub(c)}) / ({fn} (1 - {fn})) = ({fc} - {yc}) / ({fc} (1 - {fc}))"


def _chain_rows(w: StageWriter, t, lb) -> tuple[list[Row], str, tuple[Remark, ...]]:
    """grad a^(L+1) by the general chain rule ``grad a = J_o(a)^T grad_f l``, with the
    engine's own functions: element-wise o' or the softmax Jacobian."""
    net, L1 = w.net, w.L1
    fx, y = t.output, t.target
    gf = net.loss.grad_f(fx[None, :], y[None, :])[0]
    rows = [
        Row(f"grad f(x)_{sub(c)}", _grad_f_formula(w, c, fx, y), w.f(gf[c]), float(gf[c]), (L1,))
        for c in range(len(fx))
    ]
    el = net.output.elementwise
    if el is not None:
        gp = el.derivative(t.forward[-1].a[None, :], fx[None, :])[0]
        for c in range(len(fx)):
            rows.append(
                Row(
                    f"grad a^({L1})_{sub(c)}",
                    f"grad f(x)_{sub(c)} * o'(a^({L1})_{sub(c)}) = {w.o(gf[c])} * {w.o(gp[c])}",
                    w.f(lb.grad_a[c]),
                    float(lb.grad_a[c]),
                    (L1,),
                )
            )
        o_prime = el.derivative_formula.replace("g", "o")
        return rows, f"grad a^({L1}) = grad f(x) * o'(a^({L1})),   {o_prime}", ()
    dot = float(np.dot(gf, fx))  # softmax with a loss other than cross-entropy
    for c in range(len(fx)):
        rows.append(
            Row(
                f"grad a^({L1})_{sub(c)}",
                f"f(x)_{sub(c)} (grad f(x)_{sub(c)} - sum_j grad f(x)_j f(x)_j) = "
                f"{w.o(fx[c])} * ({w.o(gf[c])} - {w.o(dot)})",
                w.f(lb.grad_a[c]),
                float(lb.grad_a[c]),
                (L1,),
            )
        )
    return rows, f"grad a^({L1}) = J_o(a^({L1}))^T grad f(x)", (Remark.SOFTMAX_JACOBIAN,)


def output_gradient(w: StageWriter, s: int) -> Stage:
    """``grad a^(L+1)``: the lecture's ``-(e(y) - f(x))`` where the output and loss
    simplify to it, else the chain rule through o and l."""
    t = w.p.traces[s]
    L1 = w.L1
    lb = t.backward[0]
    fx, y = t.output, t.target
    tn = w.target_name()
    remarks = ()
    if w.net.simplified:
        rows = [
            Row(
                f"grad a^({L1})_{sub(c)}",
                f"-({tn}_{sub(c)} - f(x)_{sub(c)}) = -({w.f(y[c])} - {w.f(fx[c])})",
                w.f(lb.grad_a[c]),
                float(lb.grad_a[c]),
                (L1,),
            )
            for c in range(len(fx))
        ]
        formula = f"grad a^({L1}) = -({tn} - f(x))"
    else:
        rows, formula, remarks = _chain_rows(w, t, lb)
    neurons = {(L1, c): ("∇a", float(v)) for c, v in enumerate(lb.grad_a)}
    mats = ()
    if len(fx) <= MATRIX_MAX:
        mats = (("f(x)", fx[:, None]), (tn, y[:, None]), (f"grad a^({L1})", lb.grad_a[:, None]))
    return w.stage(StageKey.OUTPUT_GRAD, formula, rows, L1, s, neurons, {}, mats, remarks, k=L1)


def grad_W(w: StageWriter, s: int, k: int) -> Stage:
    """``grad W^(k) = grad a^(k) h^(k-1)^T``, entry by entry."""
    lb = w.backward(s, k)
    h = w.h_below(s, k)
    gW = lb.grad_W
    rows = [
        Row(
            f"grad W^({k})_{sub(i, j)}",
            f"grad a^({k})_{sub(i)} * h^({k - 1})_{sub(j)} = {w.o(lb.grad_a[i])} * {w.o(h[j])}",
            w.f(gW[i, j]),
            float(gW[i, j]),
            (k, k - 1),
        )
        for i in range(gW.shape[0])
        for j in range(gW.shape[1])
    ]
    neurons = {(k, i): ("∇a", float(v)) for i, v in enumerate(lb.grad_a)}
    neurons.update({(k - 1, j): ("x" if k == 1 else "h", float(v)) for j, v in enumerate(h)})
    links = {
        (k, i, j): ("∇W", float(gW[i, j])) for i in range(gW.shape[0]) for j in range(gW.shape[1])
    }
    mats = ()
    if w.small(k):
        mats = (
            (f"grad a^({k})", lb.grad_a[:, None]),
            (f"h^({k - 1})^T", h[None, :]),
            (f"grad W^({k})", gW),
        )
    formula = f"grad W^({k}) = grad a^({k}) h^({k - 1})^T"
    return w.stage(StageKey.GRAD_W, formula, rows, k, s, neurons, links, mats, k=k)


def grad_b(w: StageWriter, s: int, k: int) -> Stage:
    """``grad b^(k) = grad a^(k)``."""
    lb = w.backward(s, k)
    rows = [
        Row(f"grad b^({k})_{sub(i)}", f"grad a^({k})_{sub(i)}", w.f(v), float(v), (k,))
        for i, v in enumerate(lb.grad_b)
    ]
    neurons = {(k, i): ("∇b", float(v)) for i, v in enumerate(lb.grad_b)}
    return w.stage(StageKey.GRAD_B, f"grad b^({k}) = grad a^({k})", rows, k, s, neurons, k=k)


def grad_h(w: StageWriter, s: int, k: int) -> Stage:
    """``grad h^(k-1) = W^(k)^T grad a^(k)`` with the weights from before the update."""
    lb = w.backward(s, k)
    W = w.p.traces[s].forward[k - 1].W  # the weights from before the update
    rows = []
    for j in range(W.shape[1]):
        terms = [f"{w.o(W[i, j])} * {w.o(lb.grad_a[i])}" for i in range(W.shape[0])]
        if W.shape[0] <= 3:
            sym = " + ".join(
                f"W^({k})_{sub(i, j)} grad a^({k})_{sub(i)}" for i in range(W.shape[0])
            )
        else:
            sym = f"sum_i W^({k})_i{sub(j)} grad a^({k})_i"
        g = float(lb.grad_h_below[j])
        rows.append(
            Row(f"grad h^({k - 1})_{sub(j)}", f"{sym} = {sum_terms(terms)}", w.f(g), g, (k, k - 1))
        )
    neurons = {(k, i): ("∇a", float(v)) for i, v in enumerate(lb.grad_a)}
    neurons.update({(k - 1, j): ("∇h", float(v)) for j, v in enumerate(lb.grad_h_below)})
    links = {(k, i, j): ("W", float(W[i, j])) for i in range(W.shape[0]) for j in range(W.shape[1])}
    mats = ()
    if w.small(k):
        mats = (
            (f"W^({k})^T", W.T),
            (f"grad a^({k})", lb.grad_a[:, None]),
            (f"grad h^({k - 1})", lb.grad_h_below[:, None]),
        )
    formula = f"grad h^({k - 1}) = W^({k})^T grad a^({k})"
    return w.stage(
        StageKey.GRAD_H, formula, rows, k, s, neurons, links, mats, (Remark.OLD_WEIGHTS,),
        k=k, j=k - 1,
    )  # fmt: skip


def _g_prime(w: StageWriter, name: str, m: int, j: int, h: float, a: float) -> str:
    """``g'(a^(m)_j)`` written out for the activation ``name``."""
    hn = f"h^({m})_{sub(j)}"
    if name == "sigmoid":
        return f"{hn} (1 - {hn}) = {w.o(h)} * (1 - {w.o(h)})"
    if name == "tanh":
        return f"1 - ({hn})^2 = 1 - {w.o(h)}^2"
    if name == "relu":
        return f"1 if a^({m})_{sub(j)} > 0 else 0, a^({m})_{sub(j)} = {w.f(a)}"
    return "1"


def grad_a(w: StageWriter, s: int, k: int) -> Stage:
    """``grad a^(k-1) = grad h^(k-1) * g'(a^(k-1))``: the stage of layer m = k - 1."""
    lb, below = w.backward(s, k), w.backward(s, k - 1)
    lf = w.p.traces[s].forward[k - 2]
    gp = lb.gprime_below
    m = k - 1
    rows = [
        Row(
            f"g'(a^({m})_{sub(j)})",
            _g_prime(w, lf.activation, m, j, lf.h[j], lf.a[j]),
            w.f(gp[j]),
            float(gp[j]),
            (m,),
        )
        for j in range(len(gp))
    ]
    for j in range(len(gp)):
        rows.append(
            Row(
                f"grad a^({m})_{sub(j)}",
                f"grad h^({m})_{sub(j)} * g'(a^({m})_{sub(j)}) = "
                f"{w.o(lb.grad_h_below[j])} * {w.o(gp[j])}",
                w.f(below.grad_a[j]),
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
    act = ACTIVATIONS[lf.activation]
    formula = f"grad a^({m}) = grad h^({m}) * g'(a^({m})),   {act.derivative_formula}"
    return w.stage(StageKey.GRAD_A, formula, rows, m, s, neurons, {}, mats, k=m)
