"""The stages of the update itself: accumulate and average a mini-batch's gradients, apply
``theta <- theta - alpha v`` entry by entry, and compare the losses before and after.

Each builder takes a `StageWriter`; the update rows are the terms the engine applied
(`nnsim.core.trace.LayerUpdate`): data gradient, regularizer and momentum.
"""

from __future__ import annotations

from nnsim.explain.notation import sub
from nnsim.explain.records import Remark, Row, RowNote, Stage, StageKey
from nnsim.explain.writer import StageWriter


def _running_sum(w: StageWriter, s: int, k: int, what: str):
    """(sum over samples before s, sample s's own, sum up to s) of grad W or grad b."""
    traces = w.p.traces
    of = [getattr(t.backward[w.L1 - k], what) for t in traces[: s + 1]]
    return (sum(of[:-1]) if s else None), of[-1], sum(of)


def accumulate(w: StageWriter, s: int) -> Stage:
    """The gradients summed over the samples 1..s of the mini-batch."""
    rows, links, neurons = [], {}, {}

    def expr(prev, this) -> str:
        return f"{w.o(prev)} + {w.o(this)}" if s else w.o(this)

    for k in range(1, w.L1 + 1):
        prev_W, this_W, now_W = _running_sum(w, s, k, "grad_W")
        for i in range(now_W.shape[0]):
            for j in range(now_W.shape[1]):
                e = expr(None if prev_W is None else prev_W[i, j], this_W[i, j])
                q = f"grad W^({k})_{sub(i, j)}"
                v = float(now_W[i, j])
                rows.append(Row(f"sum {q}", f"sum_t<={s + 1} {q}(t) = {e}", w.f(v), v, (k, k - 1)))
                links[(k, i, j)] = ("Σ∇W", v)
        prev_b, this_b, now_b = _running_sum(w, s, k, "grad_b")
        for i in range(len(now_b)):
            e = expr(None if prev_b is None else prev_b[i], this_b[i])
            q = f"grad b^({k})_{sub(i)}"
            v = float(now_b[i])
            rows.append(Row(f"sum {q}", f"sum_t<={s + 1} {q}(t) = {e}", w.f(v), v, (k,)))
            neurons[(k, i)] = ("Σ∇b", v)
    formula = "sum_t grad theta(t) = sum_t grad_theta l(f(x^(t)), y^(t))"
    n = len(w.p.traces)
    return w.stage(StageKey.ACCUMULATE, formula, rows, None, s, neurons, links, s=s + 1, n=n)


def mean(w: StageWriter) -> Stage:
    """The mean gradient of the mini-batch: the sums divided by B."""
    p = w.p
    B = len(p.traces)
    rows, links, neurons = [], {}, {}
    for u in p.update:
        k = u.k
        total_W = sum(t.backward[w.L1 - k].grad_W for t in p.traces)
        for i in range(u.W_data.shape[0]):
            for j in range(u.W_data.shape[1]):
                q, v = f"grad W^({k})_{sub(i, j)}", float(u.W_data[i, j])
                formula = f"1/{B} sum_t {q}(t) = {w.o(total_W[i, j])} / {B}"
                rows.append(Row(q, formula, w.f(v), v, (k, k - 1)))
                links[(k, i, j)] = ("∇W", v)
        total_b = sum(t.backward[w.L1 - k].grad_b for t in p.traces)
        for i in range(len(u.b_data)):
            q, v = f"grad b^({k})_{sub(i)}", float(u.b_data[i])
            rows.append(Row(q, f"1/{B} sum_t {q}(t) = {w.o(total_b[i])} / {B}", w.f(v), v, (k,)))
            neurons[(k, i)] = ("∇b", v)
    formula = "grad theta = 1/B sum_t grad_theta l(f(x^(t)), y^(t))"
    return w.stage(StageKey.MEAN, formula, rows, None, None, neurons, links, b=B)


class _UpdateRows:
    """The rows ``new q = q - alpha (grad q + regularizer + beta v_prev) = ...``."""

    def __init__(self, w: StageWriter):
        hp = w.p.hp
        self.w = w
        self.reg = hp.regularization != "none" and hp.reg_lambda > 0
        self.mom = hp.momentum > 0
        self.parts = ["mean grad {q}" if w.p.batch else "grad {q}"]
        if self.reg:
            self.parts.append("2 lambda {q}" if hp.regularization == "l2" else "lambda sign({q})")
        if self.mom:
            self.parts.append("beta v_prev")
        self.rows: list[Row] = []

    def line(self, q, old, terms, new, clipped, layers, parts) -> None:
        w, alpha = self.w, self.w.p.learning_rate
        inner = " + ".join(x.format(q=q) for x in parts)
        sym = f"{q} - alpha ({inner})" if len(parts) > 1 else f"{q} - alpha {inner}"
        nums = " + ".join(w.o(v) for v in terms)
        times = f"({nums})" if len(terms) > 1 else nums
        num = f"{w.f(old)} - {w.o(alpha)} * {times}"
        note = RowNote.L1_CLIPPED if clipped else None
        self.rows.append(Row(f"new {q}", f"{sym} = {num}", w.f(new), float(new), layers, note))

    def weights(self, u, links: dict) -> None:
        k = u.k
        for i in range(u.W_old.shape[0]):
            for j in range(u.W_old.shape[1]):
                terms = [u.W_data[i, j]]
                if self.reg:
                    terms.append(u.W_regularizer[i, j])
                if self.mom:
                    terms.append(u.W_momentum[i, j])
                q = f"W^({k})_{sub(i, j)}"
                clipped = bool(u.W_clipped[i, j])
                self.line(q, u.W_old[i, j], terms, u.W_new[i, j], clipped, (k, k - 1), self.parts)
                links[(k, i, j)] = ("W", float(u.W_new[i, j]))

    def biases(self, u, neurons: dict) -> None:
        k, w = u.k, self.w
        for i in range(len(u.b_old)):
            q = f"b^({k})_{sub(i)}"
            if not w.p.hp.train_biases:
                v = float(u.b_new[i])
                self.rows.append(Row(f"new {q}", q, w.f(v), v, (k,), RowNote.FROZEN))
            else:
                terms = [u.b_data[i]] + ([u.b_momentum[i]] if self.mom else [])
                parts = [x for x in self.parts if "lambda" not in x]  # weights only
                self.line(q, u.b_old[i], terms, u.b_new[i], False, (k,), parts)
            neurons[(k, i)] = ("b", float(u.b_new[i]))


def _update_formula(w: StageWriter) -> str:
    hp = w.p.hp
    reg = hp.regularization != "none" and hp.reg_lambda > 0
    if not (reg or hp.momentum > 0):
        return "theta <- theta - alpha grad theta"
    bits = ["grad theta"]
    if reg:
        bits.append("2 lambda W" if hp.regularization == "l2" else "lambda sign(W)")
    if hp.momentum > 0:
        bits.append("beta v_prev")
    return f"v = {' + '.join(bits)};   theta <- theta - alpha v"


def update(w: StageWriter) -> Stage:
    """Old -> new for every weight and bias, with every term of the step."""
    p = w.p
    rows = _UpdateRows(w)
    links, neurons = {}, {}
    for u in p.update:
        rows.weights(u, links)
        rows.biases(u, neurons)
    mats = []
    for u in p.update:
        if w.small(u.k):
            mats += [(f"W^({u.k}) old", u.W_old), (f"W^({u.k}) new", u.W_new)]
    remarks = () if p.hp.train_biases else (Remark.BIASES_FROZEN,)
    return w.stage(
        StageKey.UPDATE, _update_formula(w), rows.rows, None, None, neurons, links, mats,
        remarks, alpha=p.learning_rate,
    )  # fmt: skip


def after(w: StageWriter) -> Stage:
    """The loss of the sample (or mini-batch) and of the training set, before and after."""
    p = w.p
    if p.batch:
        own = "1/B sum_t l(f(x^(t)), y^(t))"
        before, after_ = p.batch_loss_before, p.batch_loss_after
        notes = (RowNote.LOSS_BATCH_BEFORE, RowNote.LOSS_BATCH_AFTER)
    else:
        t = p.traces[0]
        own, before, after_ = "l(f(x), y)", t.loss, t.loss_after
        notes = (RowNote.LOSS_SAMPLE_BEFORE, RowNote.LOSS_SAMPLE_AFTER)
    train = "1/T sum_t l(f(x^(t)), y^(t))"
    rows = [
        Row("", own, w.f(before), before, (), notes[0]),
        Row("", own, w.f(after_), after_, (), notes[1]),
        Row(
            "", train, w.f(p.train_loss_before), p.train_loss_before, (), RowNote.LOSS_TRAIN_BEFORE
        ),
        Row("", train, w.f(p.train_loss_after), p.train_loss_after, (), RowNote.LOSS_TRAIN_AFTER),
    ]
    return w.stage(StageKey.AFTER, "J(theta) = 1/T sum_t l(f(x^(t); theta), y^(t))", rows)
