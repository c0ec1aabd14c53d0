"""The stepper's records: a stage of one backprop update and the rows of its ledger.

A record holds a key, numbers and the formula in the lecture's notation; it never holds a
sentence. Titles, descriptions and remarks are chosen by key and worded by the GUI
(``nnsim.gui.stepper.render``, translated). Neurons are keys ``(k, i)`` (layer k =
0..L+1), links ``(k, i, j)`` for the weight ``W^(k)_ij`` from neuron j of layer k-1 to
neuron i of layer k.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum


class StageKey(StrEnum):
    """The kinds of stage, in the order a student meets them."""

    SETUP = "setup"  # fields: samples, index (the data index of the first sample)
    A = "a"  # a^(k) = b^(k) + W^(k) h^(k-1); fields: k
    H = "h"  # h^(k) = g(a^(k)); fields: k, output (True for f(x) = o(a^(L+1)))
    LOSS = "loss"  # f(x) and l(f(x), y)
    OUTPUT_GRAD = "output_grad"  # grad a^(L+1); fields: k
    GRAD_W = "grad_W"  # fields: k
    GRAD_B = "grad_b"  # fields: k
    GRAD_H = "grad_h"  # grad h^(k-1) = W^(k)^T grad a^(k); fields: k, j = k - 1
    GRAD_A = "grad_a"  # grad a^(k) = grad h^(k) * g'(a^(k)); fields: k
    ACCUMULATE = "accumulate"  # fields: s (1-based), n
    MEAN = "mean"  # fields: b (the mini-batch size B)
    UPDATE = "update"  # fields: alpha
    AFTER = "after"  # the losses before and after the update


class RowNote(StrEnum):
    """What a ledger row is, when its notation alone does not say it."""

    LEARNING_RATE = "learning_rate"  # alpha = alpha_t
    MOMENTUM = "momentum"  # beta
    REGULARIZATION = "regularization"  # lambda; fields: kind ("L1" or "L2")
    BATCH_SIZE = "batch_size"  # B
    BIASES_FROZEN = "biases_frozen"  # train_biases is off: biases are not updated
    LOSS = "loss"  # the loss function l of the network
    OF_SAMPLE = "of_sample"  # an input or target of one sample; fields: index
    FROZEN = "frozen"  # this bias keeps its value (train_biases off)
    L1_CLIPPED = "l1_clipped"  # the L1 step crossed zero: the weight was set to 0
    LOSS_SAMPLE_BEFORE = "loss_sample_before"
    LOSS_SAMPLE_AFTER = "loss_sample_after"
    LOSS_BATCH_BEFORE = "loss_batch_before"
    LOSS_BATCH_AFTER = "loss_batch_after"
    LOSS_TRAIN_BEFORE = "loss_train_before"
    LOSS_TRAIN_AFTER = "loss_train_after"


class Remark(StrEnum):
    """A remark that goes with a stage's formula."""

    OLD_WEIGHTS = "old_weights"  # grad h uses the weights from before the update
    SOFTMAX_JACOBIAN = "softmax_jacobian"  # grad a = J_o(a)^T grad f(x)
    BIASES_FROZEN = "biases_frozen"  # the update leaves the biases alone


@dataclass(frozen=True)
class Row:
    """One ledger line: ``quantity = formula = value`` (formula with numbers substituted).

    ``number`` is the exact value, ``layers`` the layers the row is about (for the
    filter); ``note`` and ``fields`` say what the row is where the notation does not."""

    quantity: str
    formula: str
    value: str
    number: float | None = None
    layers: tuple[int, ...] = ()
    note: RowNote | None = None
    fields: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The row's notation on one line (a renderer adds the words of ``note``)."""
        return " = ".join(p for p in (self.quantity, self.formula, self.value) if p)


@dataclass(frozen=True)
class Stage:
    """One step of the walk-through.

    fields : the numbers its title is made of (see `StageKey`); a stage of one sample of
        a mini-batch also has ``samples`` (B) and ``index`` (the sample's data index)
    formula : the lecture's formula of the stage; ``remarks`` qualify it
    neurons : ``{(k, i): (label, value)}`` written next to neurons (and highlighted)
    links : ``{(k, i, j): (label, value)}`` written on links (and highlighted)
    matrices : ``((name, 2-D array), ...)`` shown as matrices for small layers
    digits : the significant digits the rows were written with
    """

    key: StageKey
    formula: str
    rows: tuple[Row, ...]
    layer: int | None = None
    sample: int | None = None  # position in the mini-batch, None for batch-level stages
    neurons: dict = field(default_factory=dict)
    links: dict = field(default_factory=dict)
    matrices: tuple = ()
    fields: dict = field(default_factory=dict)
    remarks: tuple[Remark, ...] = ()
    digits: int = 4

    @property
    def is_update(self) -> bool:
        return self.key == StageKey.UPDATE


def update_index(stages: list[Stage]) -> int:
    """Position of the update stage (stepping past it applies the update)."""
    return next(i for i, st in enumerate(stages) if st.is_update)


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
