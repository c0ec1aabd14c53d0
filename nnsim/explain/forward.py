"""The stages before the backward pass: setup, forward layer by layer, output and loss.

Each builder takes a `StageWriter` and returns one `Stage` whose rows substitute the
trace's numbers into the lecture's formulas: ``a^(k) = b^(k) + W^(k) h^(k-1)``,
``h^(k) = g(a^(k))``, ``f(x) = o(a^(L+1))`` and the loss ``l(f(x), y)``.
"""

from __future__ import annotations

import numpy as np

from nnsim.core.activations import ACTIVATIONS, OUTPUT_ACTIVATIONS
from nnsim.explain.notation import G_NAMES, MATRIX_MAX, MAX_TERMS, sub, sum_terms
from nnsim.explain.records import Row, RowNote, Stage, StageKey
from nnsim.explain.writer import StageWriter


def _sample_rows(w: StageWriter) -> list[Row]:
    """Every sample's inputs h^(0) = x and targets."""
    p, f, rows = w.p, w.f, []
    tn = w.target_name()
    for s, t in enumerate(p.traces):
        tag = {"note": RowNote.OF_SAMPLE, "fields": {"index": p.indices[s]}} if p.batch else {}
        for j, v in enumerate(t.x):
            rows.append(Row(f"h^(0)_{sub(j)}", f"x_{sub(j)}", f(v), float(v), (0,), **tag))
        for c, v in enumerate(t.target):
            rows.append(Row(f"{tn}_{sub(c)}", "", f(v), float(v), (w.L1,), **tag))
    return rows


def _hyper_rows(w: StageWriter) -> list[Row]:
    """alpha_t and whatever else shapes the update: beta, lambda, B, frozen biases."""
    p, f, hp = w.p, w.f, w.p.hp
    rows = [Row("alpha", "alpha_t", f(p.learning_rate), p.learning_rate, (), RowNote.LEARNING_RATE)]
    if hp.momentum:
        rows.append(Row("beta", "", f(hp.momentum), hp.momentum, (), RowNote.MOMENTUM))
    if hp.regularization != "none" and hp.reg_lambda:
        kind = {"kind": hp.regularization.upper()}
        rows.append(
            Row("lambda", "", f(hp.reg_lambda), hp.reg_lambda, (), RowNote.REGULARIZATION, kind)
        )
    if p.batch:
        B = len(p.traces)
        rows.append(Row("B", "", str(B), B, (), RowNote.BATCH_SIZE))
    if not hp.train_biases:
        rows.append(Row("b", "", "", None, (), RowNote.BIASES_FROZEN))
    return rows


def setup(w: StageWriter) -> Stage:
    """The sample(s), the hyperparameters and every current weight and bias."""
    p, net, f = w.p, w.net, w.f
    rows = _sample_rows(w) + _hyper_rows(w)
    rows.append(Row("", net.loss.formula, "", None, (), RowNote.LOSS))
    for k in range(1, w.L1 + 1):
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
        for k in range(1, w.L1 + 1)
        for i in range(net.W[k].shape[0])
        for j in range(net.W[k].shape[1])
    }
    mats = [("x", t0.x[:, None])] if len(t0.x) <= MATRIX_MAX else []
    mats += [(f"W^({k})", net.W[k]) for k in range(1, w.L1 + 1) if w.small(k)]
    params = ", ".join(f"W^({k}), b^({k})" for k in range(1, w.L1 + 1))
    return w.stage(
        StageKey.SETUP,
        f"theta = {{{params}}};   {net.loss.formula}",
        rows,
        neurons=neurons,
        links=links,
        matrices=mats,
        samples=len(p.traces),
        index=p.indices[0],
    )


def forward_a(w: StageWriter, s: int, k: int) -> Stage:
    """``a^(k) = b^(k) + W^(k) h^(k-1)`` for sample ``s``, neuron by neuron."""
    lf = w.p.traces[s].forward[k - 1]
    h_in = w.h_below(s, k)
    n_in = len(h_in)
    rows = []
    for i in range(len(lf.a)):
        if n_in <= 3:
            sym = f"b^({k})_{sub(i)} + " + " + ".join(
                f"W^({k})_{sub(i, j)} h^({k - 1})_{sub(j)}" for j in range(n_in)
            )
        else:
            sym = f"b^({k})_{sub(i)} + sum_j W^({k})_{sub(i)}j h^({k - 1})_j"
        terms = [f"{w.o(lf.W[i, j])} * {w.o(h_in[j])}" for j in range(n_in)]
        num = sum_terms(terms, w.o(lf.b[i]))
        a = float(lf.a[i])
        rows.append(Row(f"a^({k})_{sub(i)}", f"{sym} = {num}", w.f(a), a, (k, k - 1)))
    neurons = {(k - 1, j): ("x" if k == 1 else "h", float(v)) for j, v in enumerate(h_in)}
    neurons.update({(k, i): ("a", float(v)) for i, v in enumerate(lf.a)})
    links = {(k, i, j): ("W", float(lf.W[i, j])) for i in range(len(lf.a)) for j in range(n_in)}
    mats = ()
    if w.small(k):
        mats = (
            (f"W^({k})", lf.W),
            (f"h^({k - 1})", h_in[:, None]),
            (f"b^({k})", lf.b[:, None]),
            (f"a^({k})", lf.a[:, None]),
        )
    formula = f"a^({k}) = b^({k}) + W^({k}) h^({k - 1})"
    return w.stage(StageKey.A, formula, rows, k, s, neurons, links, mats, k=k)


def _activation_formula(w: StageWriter, name: str, k: int, i: int, a: np.ndarray) -> str:
    """``h^(k)_i`` written out: softmax as its quotient, g(a) with its value."""
    if name == "softmax":
        sym = f"e^(a^({k})_{sub(i)}) / sum_c e^(a^({k})_c)"
        den = sum_terms([f"e^{w.o(v)}" for v in a])
        num = f"e^{w.o(a[i])} / ({den})" if len(a) <= MAX_TERMS else f"e^{w.o(a[i])} / (...)"
        return f"{sym} = {num}"
    if name == "linear":
        return f"a^({k})_{sub(i)} = {w.f(a[i])}"
    g = G_NAMES.get(name, name)
    return f"{g}(a^({k})_{sub(i)}) = {g}({w.f(a[i])})"


def forward_h(w: StageWriter, s: int, k: int) -> Stage:
    """``h^(k) = g(a^(k))`` (or ``f(x) = o(a^(L+1))`` at the output) for sample ``s``."""
    lf = w.p.traces[s].forward[k - 1]
    name = lf.activation
    out_layer = k == w.L1
    rows = []
    for i in range(len(lf.h)):
        q = f"f(x)_{sub(i)} = h^({k})_{sub(i)}" if out_layer else f"h^({k})_{sub(i)}"
        formula = _activation_formula(w, name, k, i, lf.a)
        rows.append(Row(q, formula, w.f(lf.h[i]), float(lf.h[i]), (k,)))
    if out_layer:
        o_formula = OUTPUT_ACTIVATIONS[name].formula.replace("g(a)", "o(a)")
        formula = f"f(x) = h^({k}) = o(a^({k})),   {o_formula}"
    else:
        formula = f"h^({k}) = g(a^({k})),   {ACTIVATIONS[name].formula}"
    neurons = {(k, i): ("f" if out_layer else "h", float(v)) for i, v in enumerate(lf.h)}
    mats = ()
    if len(lf.h) <= MATRIX_MAX:
        mats = ((f"a^({k})", lf.a[:, None]), (f"h^({k})", lf.h[:, None]))
    return w.stage(StageKey.H, formula, rows, k, s, neurons, {}, mats, k=k, output=out_layer)


def _loss_formula(w: StageWriter, fx: np.ndarray, y: np.ndarray) -> str:
    """``l`` with the numbers of this sample, in the form of the network's loss."""
    name = w.net.loss_name
    if name == "cross_entropy":
        if np.count_nonzero(y) == 1 and np.max(y) == 1.0:  # one-hot: -ln f(x)_y
            c = int(np.argmax(y))
            return f"-ln f(x)_y = -ln f(x)_{sub(c)} = -ln({w.f(fx[c])})"
        terms = [f"{w.o(yc)} ln({w.f(fc)})" for fc, yc in zip(fx, y)]
        return f"-sum_c y_c ln f(x)_c = -({sum_terms(terms)})"
    if name == "squared_error":
        terms = [f"({w.f(fc)} - {w.o(yc)})^2" for fc, yc in zip(fx, y)]
        return f"1/2 sum_c (f(x)_c - y_c)^2 = 1/2 ({sum_terms(terms)})"
    terms = [
        f"{w.o(yc)} ln({w.f(fc)}) + (1 - {w.o(yc)}) ln(1 - {w.f(fc)})" for fc, yc in zip(fx, y)
    ]
    return f"-[{sum_terms(terms)}]"


def loss(w: StageWriter, s: int) -> Stage:
    """The output f(x), the target and the loss ``l(f(x), y)`` of sample ``s``."""
    t = w.p.traces[s]
    L1 = w.L1
    fx, y = t.output, t.target
    tn = w.target_name()
    rows = [Row(f"f(x)_{sub(c)}", "", w.f(v), float(v), (L1,)) for c, v in enumerate(fx)]
    rows += [Row(f"{tn}_{sub(c)}", "", w.f(v), float(v), (L1,)) for c, v in enumerate(y)]
    rows.append(Row("l", _loss_formula(w, fx, y), w.f(t.loss), t.loss))
    neurons = {(L1, c): ("f", float(v)) for c, v in enumerate(fx)}
    return w.stage(StageKey.LOSS, w.net.loss.formula, rows, L1, s, neurons)
