"""The stepper's records in words: stage titles, short titles, remarks and ledger cells.

``nnsim.explain`` returns stages and rows as keys, numbers and formulas; the sentences are
chosen here by key and go through Qt translation (contexts ``Stage`` and ``LedgerRow``),
so the window speaks the interface language and nothing parses engine text.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from nnsim.explain.notation import fmt
from nnsim.explain.records import Remark, Row, RowNote, Stage, StageKey


def _stage_tr(text: str) -> str:
    return QCoreApplication.translate("Stage", text)


def _row_tr(text: str) -> str:
    return QCoreApplication.translate("LedgerRow", text)


# ---------------------------------------------------------------------- titles
PREFIX = QT_TRANSLATE_NOOP("Stage", "Sample {s} of {n} (#{index}): ")
SETUP_ONE = QT_TRANSLATE_NOOP("Stage", "Setup: sample #{index}, the current parameters")
SETUP_MANY = QT_TRANSLATE_NOOP("Stage", "Setup: {n} samples, the current parameters")
OUTPUT_H = QT_TRANSLATE_NOOP("Stage", "Forward, output layer {k}: f(x) = o(a^({k}))")
TITLES = {
    StageKey.A: QT_TRANSLATE_NOOP("Stage", "Forward, layer {k}: pre-activation a^({k})"),
    StageKey.H: QT_TRANSLATE_NOOP("Stage", "Forward, layer {k}: activation h^({k})"),
    StageKey.LOSS: QT_TRANSLATE_NOOP("Stage", "Output f(x) and the loss"),
    StageKey.OUTPUT_GRAD: QT_TRANSLATE_NOOP("Stage", "Output gradient grad a^({k})"),
    StageKey.GRAD_W: QT_TRANSLATE_NOOP(
        "Stage", "Backward, layer {k}: weight gradient grad W^({k})"
    ),
    StageKey.GRAD_B: QT_TRANSLATE_NOOP("Stage", "Backward, layer {k}: bias gradient grad b^({k})"),
    StageKey.GRAD_H: QT_TRANSLATE_NOOP(
        "Stage", "Backward, layer {k}: gradient of the layer below, grad h^({j})"
    ),
    StageKey.GRAD_A: QT_TRANSLATE_NOOP(
        "Stage", "Backward, layer {k}: pre-activation gradient grad a^({k})"
    ),
    StageKey.ACCUMULATE: QT_TRANSLATE_NOOP(
        "Stage", "Accumulate the gradients ({s} of {n} samples)"
    ),
    StageKey.MEAN: QT_TRANSLATE_NOOP("Stage", "Mean gradient of the mini-batch (B = {b})"),
    StageKey.UPDATE: QT_TRANSLATE_NOOP(
        "Stage", "Update: old -> new for every weight and bias (alpha = {alpha})"
    ),
    StageKey.AFTER: QT_TRANSLATE_NOOP("Stage", "After the update: the loss before and after"),
}


def _in_batch(stage: Stage) -> bool:
    """A stage of one sample of a mini-batch (its title says which sample)."""
    return stage.sample is not None and stage.fields.get("samples", 1) > 1


def stage_title(stage: Stage) -> str:
    """The stage's title in the interface language."""
    fields = dict(stage.fields)
    if stage.key == StageKey.SETUP:
        template = SETUP_MANY if fields["samples"] > 1 else SETUP_ONE
        return _stage_tr(template).format(n=fields["samples"], index=fields["index"])
    if stage.key == StageKey.H and fields.get("output"):
        template = OUTPUT_H
    else:
        template = TITLES[stage.key]
    if "alpha" in fields:
        fields["alpha"] = fmt(fields["alpha"], stage.digits)
    title = _stage_tr(template).format(**fields)
    if _in_batch(stage):
        prefix = _stage_tr(PREFIX).format(
            s=stage.sample + 1, n=fields["samples"], index=fields["index"]
        )
        title = prefix + title
    return title


# ---------------------------------------------------------------------- short titles
FORWARD = QT_TRANSLATE_NOOP("Stage", "Forward: ")
BACKWARD = QT_TRANSLATE_NOOP("Stage", "Backward: ")
OUTPUT = QT_TRANSLATE_NOOP("Stage", "Output: ")
SHORT = {  # whole short titles of the stage list
    StageKey.SETUP: QT_TRANSLATE_NOOP("Stage", "Setup"),
    StageKey.LOSS: QT_TRANSLATE_NOOP("Stage", "Output and loss"),
    StageKey.ACCUMULATE: QT_TRANSLATE_NOOP("Stage", "Accumulate gradients"),
    StageKey.MEAN: QT_TRANSLATE_NOOP("Stage", "Mean gradient"),
    StageKey.UPDATE: QT_TRANSLATE_NOOP("Stage", "UPDATE θ"),
    StageKey.AFTER: QT_TRANSLATE_NOOP("Stage", "After: loss before/after"),
}


def _short_quantity(stage: Stage) -> tuple[str, str]:
    """(direction word, quantity) of a stage about one quantity: ("Forward: ", "a^(1)")."""
    k = stage.fields.get("k")
    if stage.key == StageKey.A:
        return FORWARD, f"a^({k})"
    if stage.key == StageKey.H:
        return FORWARD, f"f(x) = h^({k})" if stage.fields.get("output") else f"h^({k})"
    if stage.key == StageKey.OUTPUT_GRAD:
        return OUTPUT, f"∇a^({k})"
    names = {StageKey.GRAD_W: "W", StageKey.GRAD_B: "b", StageKey.GRAD_H: "h", StageKey.GRAD_A: "a"}
    layer = stage.fields["j"] if stage.key == StageKey.GRAD_H else k
    return BACKWARD, f"∇{names[stage.key]}^({layer})"


def stage_short(stage: Stage) -> str:
    """The stage's short title for the stage list (``S2 ← ∇W^(1)`` in a mini-batch)."""
    if stage.key in SHORT:
        text = _stage_tr(SHORT[stage.key])
    else:
        word, quantity = _short_quantity(stage)
        if _in_batch(stage) and word != OUTPUT:
            word = "→ " if word == FORWARD else "← "
        else:
            word = _stage_tr(word)
        text = word + quantity
    if _in_batch(stage):
        text = f"S{stage.sample + 1} {text}"
    return text


# ---------------------------------------------------------------------- formulas
REMARKS = {
    Remark.OLD_WEIGHTS: QT_TRANSLATE_NOOP("Stage", "weights from before the update"),
    Remark.SOFTMAX_JACOBIAN: QT_TRANSLATE_NOOP("Stage", "softmax Jacobian"),
    Remark.BIASES_FROZEN: QT_TRANSLATE_NOOP("Stage", "biases frozen"),
}

_SUP = re.compile(r"\^(\([^()]*\)|T|2|-?\w)")
_SUB = re.compile(r"(?<=[\w)])_(\w+|\{[^}]*\})")
_WORDS = [
    ("grad ", "∇"),
    ("theta", "θ"),
    ("alpha", "α"),
    ("beta", "β"),
    ("lambda", "λ"),
    ("<-", "←"),
    ("sum_", "Σ_"),
    (" * ", " ⊙ "),
]


def pretty(text: str) -> str:
    """The lecture's notation as rich text: superscripts, subscripts, Greek letters."""
    s = text
    for a, b in _WORDS:
        s = s.replace(a, b)
    s = html.escape(s)
    s = _SUP.sub(lambda m: f"<sup>{m.group(1)}</sup>", s)
    s = _SUB.sub(lambda m: f"<sub>{m.group(1).strip('{}')}</sub>", s)
    return s


def remarks_text(stage: Stage) -> str:
    """The stage's remarks in words, each in parentheses (empty if it has none)."""
    return "".join(f"   ({_stage_tr(REMARKS[r])})" for r in stage.remarks)


def stage_formula_html(stage: Stage) -> str:
    """The formula as rich text, followed by its remarks."""
    return pretty(stage.formula) + html.escape(remarks_text(stage))


# ---------------------------------------------------------------------- ledger rows
# What a note changes in a row's cells: (column, template); the templates may use the
# row's own {quantity}, {formula} and {value} and the note's fields.
QUANTITY, FORMULA, VALUE = 0, 1, 2
NOTES = {
    RowNote.LEARNING_RATE: ((FORMULA, QT_TRANSLATE_NOOP("LedgerRow", "learning rate {formula}")),),
    RowNote.MOMENTUM: ((FORMULA, QT_TRANSLATE_NOOP("LedgerRow", "momentum")),),
    RowNote.REGULARIZATION: ((FORMULA, QT_TRANSLATE_NOOP("LedgerRow", "{kind} regularization")),),
    RowNote.BATCH_SIZE: ((FORMULA, QT_TRANSLATE_NOOP("LedgerRow", "samples in the mini-batch")),),
    RowNote.BIASES_FROZEN: (
        (QUANTITY, QT_TRANSLATE_NOOP("LedgerRow", "biases")),
        (FORMULA, QT_TRANSLATE_NOOP("LedgerRow", "frozen (train_biases off): not updated")),
    ),
    RowNote.LOSS: ((QUANTITY, QT_TRANSLATE_NOOP("LedgerRow", "loss")),),
    RowNote.OF_SAMPLE: (
        (QUANTITY, QT_TRANSLATE_NOOP("LedgerRow", "{quantity} (sample #{index})")),
    ),
    RowNote.FROZEN: (
        (FORMULA, QT_TRANSLATE_NOOP("LedgerRow", "{formula} (frozen: train_biases off)")),
    ),
    RowNote.L1_CLIPPED: (
        (VALUE, QT_TRANSLATE_NOOP("LedgerRow", "{value}  (L1: crossed zero, set to 0)")),
    ),
    RowNote.LOSS_SAMPLE_BEFORE: (
        (QUANTITY, QT_TRANSLATE_NOOP("LedgerRow", "loss on this sample, before")),
    ),
    RowNote.LOSS_SAMPLE_AFTER: (
        (QUANTITY, QT_TRANSLATE_NOOP("LedgerRow", "loss on this sample, after")),
    ),
    RowNote.LOSS_BATCH_BEFORE: (
        (QUANTITY, QT_TRANSLATE_NOOP("LedgerRow", "loss on the mini-batch, before")),
    ),
    RowNote.LOSS_BATCH_AFTER: (
        (QUANTITY, QT_TRANSLATE_NOOP("LedgerRow", "loss on the mini-batch, after")),
    ),
    RowNote.LOSS_TRAIN_BEFORE: (
        (QUANTITY, QT_TRANSLATE_NOOP("LedgerRow", "training-set loss, before")),
    ),
    RowNote.LOSS_TRAIN_AFTER: (
        (QUANTITY, QT_TRANSLATE_NOOP("LedgerRow", "training-set loss, after")),
    ),
}


def row_cells(row: Row) -> tuple[str, str, str]:
    """(quantity, formula, value) of a ledger row, with its note in words."""
    cells = [row.quantity, row.formula, row.value]
    if row.note is not None:
        own = {"quantity": row.quantity, "formula": row.formula, "value": row.value}
        for column, template in NOTES[row.note]:
            cells[column] = _row_tr(template).format(**own, **row.fields)
    return tuple(cells)


def row_text(row: Row) -> str:
    """``quantity = formula = value`` of a row, as the ledger shows it."""
    return " = ".join(c for c in row_cells(row) if c)
