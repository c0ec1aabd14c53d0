"""The stepper's records in words: every stage key, row note and remark, in English and
Russian, from records that hold no words themselves."""

import re

import numpy as np
import pytest

from nnsim.core.hyper import Hyperparameters
from nnsim.core.init import initialize
from nnsim.core.network import Network
from nnsim.explain.plan import make_plan
from nnsim.explain.records import Remark, Row, RowNote, Stage, StageKey
from nnsim.explain.stages import build_stages
from nnsim.gui.stepper import render
from nnsim.gui.util import i18n

CYRILLIC = re.compile("[а-яА-ЯёЁ]")


def worked_stages(digits=4):
    """The classic worked example (tests/core/test_stepping.py): 2-2-2 logistic net."""
    net = Network([2, 2, 2], ["sigmoid"], "sigmoid", "squared_error")
    net.set_params(
        [
            (np.array([[0.15, 0.20], [0.25, 0.30]]), np.array([0.35, 0.35])),
            (np.array([[0.40, 0.45], [0.50, 0.55]]), np.array([0.60, 0.60])),
        ]
    )
    hp = Hyperparameters(learning_rate=0.5, batch_size=1, train_biases=False)
    X, T = np.array([[0.05, 0.10]]), np.array([[0.01, 0.99]])
    return build_stages(make_plan(net, X, T, hp, 0.5, None, task="regression"), digits)


def batch_stages():
    """A mini-batch of 4 through softmax + squared error (the Jacobian remark), with
    momentum and L2 so every row of the setup appears."""
    rng = np.random.default_rng(4)
    net = Network([2, 3, 3], ["tanh"], "softmax", "squared_error")
    initialize(net, "glorot", 4)
    X = rng.normal(0, 1, (4, 2))
    Y = np.eye(3)[rng.integers(0, 3, 4)]
    hp = Hyperparameters(learning_rate=0.3, momentum=0.9, regularization="l2", reg_lambda=0.01)
    return build_stages(make_plan(net, X, Y, hp, 0.3, None, indices=[3, 5, 7, 9]), 4)


WORKED = [
    ("Setup: sample #0, the current parameters", "Setup"),
    ("Forward, layer 1: pre-activation a^(1)", "Forward: a^(1)"),
    ("Forward, layer 1: activation h^(1)", "Forward: h^(1)"),
    ("Forward, layer 2: pre-activation a^(2)", "Forward: a^(2)"),
    ("Forward, output layer 2: f(x) = o(a^(2))", "Forward: f(x) = h^(2)"),
    ("Output f(x) and the loss", "Output and loss"),
    ("Output gradient grad a^(2)", "Output: ∇a^(2)"),
    ("Backward, layer 2: weight gradient grad W^(2)", "Backward: ∇W^(2)"),
    ("Backward, layer 2: bias gradient grad b^(2)", "Backward: ∇b^(2)"),
    ("Backward, layer 2: gradient of the layer below, grad h^(1)", "Backward: ∇h^(1)"),
    ("Backward, layer 1: pre-activation gradient grad a^(1)", "Backward: ∇a^(1)"),
    ("Backward, layer 1: weight gradient grad W^(1)", "Backward: ∇W^(1)"),
    ("Backward, layer 1: bias gradient grad b^(1)", "Backward: ∇b^(1)"),
    ("Update: old -> new for every weight and bias (alpha = 0.5)", "UPDATE θ"),
    ("After the update: the loss before and after", "After: loss before/after"),
]


def test_titles_and_short_titles_of_the_worked_example_in_english():
    stages = worked_stages()
    assert [(render.stage_title(s), render.stage_short(s)) for s in stages] == WORKED


def test_a_mini_batch_names_the_sample_of_each_stage():
    stages = batch_stages()
    first = next(s for s in stages if s.key == StageKey.A)
    assert render.stage_title(first) == (
        "Sample 1 of 4 (#3): Forward, layer 1: pre-activation a^(1)"
    )
    assert render.stage_short(first) == "S1 → a^(1)"
    grad_b = next(s for s in stages if s.key == StageKey.GRAD_B and s.sample == 2)
    assert render.stage_short(grad_b) == "S3 ← ∇b^(2)"
    acc = [s for s in stages if s.key == StageKey.ACCUMULATE][1]
    assert render.stage_title(acc) == (
        "Sample 2 of 4 (#5): Accumulate the gradients (2 of 4 samples)"
    )
    assert render.stage_short(acc) == "S2 Accumulate gradients"
    mean = next(s for s in stages if s.key == StageKey.MEAN)
    assert render.stage_title(mean) == "Mean gradient of the mini-batch (B = 4)"
    assert render.stage_title(stages[0]) == "Setup: 4 samples, the current parameters"
    out = next(s for s in stages if s.key == StageKey.OUTPUT_GRAD)
    assert render.remarks_text(out) == "   (softmax Jacobian)"
    assert out.formula == "grad a^(2) = J_o(a^(2))^T grad f(x)"


def test_ledger_rows_in_words():
    stages = worked_stages(10)
    after = [render.row_text(r) for r in stages[-1].rows]
    assert "loss on this sample, before = l(f(x), y) = 0.2983711088" in after
    assert "loss on this sample, after = l(f(x), y) = 0.2910277737" in after
    update = [render.row_text(r) for r in worked_stages(8)[-2].rows]
    assert "new b^(1)_1 = b^(1)_1 (frozen: train_biases off) = 0.35" in update
    assert render.remarks_text(worked_stages()[-2]) == "   (biases frozen)"
    setup = [render.row_text(r) for r in batch_stages()[0].rows]
    assert "alpha = learning rate alpha_t = 0.3" in setup
    assert "beta = momentum = 0.9" in setup
    assert "lambda = L2 regularization = 0.01" in setup
    assert "B = samples in the mini-batch = 4" in setup
    assert "h^(0)_1 (sample #3) = x_1 = " + setup[0].rsplit(" = ", 1)[1] == setup[0]
    clipped = Row("new W^(1)_11", "W^(1)_11 - ...", "0", 0.0, (1,), RowNote.L1_CLIPPED)
    assert render.row_cells(clipped)[2] == "0  (L1: crossed zero, set to 0)"


def _every_key_stage(key: StageKey) -> Stage:
    fields = {"k": 2, "j": 1, "s": 2, "n": 4, "b": 4, "alpha": 0.25, "samples": 1, "index": 7}
    return Stage(key, "", (), fields=fields, digits=3)


def _every_note_row(note: RowNote) -> Row:
    return Row("q", "f", "1", 1.0, (), note, {"kind": "L1", "index": 7})


@pytest.mark.parametrize("language", ["en", "ru"])
def test_every_key_note_and_remark_has_words(qapp, language):
    try:
        assert i18n.install(qapp, language) == language
        for key in StageKey:
            stage = _every_key_stage(key)
            title, short = render.stage_title(stage), render.stage_short(stage)
            assert title and short and "{" not in title + short, key
            if language == "ru" and key != StageKey.UPDATE:  # "UPDATE θ" -> "ОБНОВЛЕНИЕ θ"
                assert CYRILLIC.search(title), title
        for note in RowNote:
            cells = render.row_cells(_every_note_row(note))
            changed = [c for c, own in zip(cells, ("q", "f", "1")) if c != own]
            assert changed and all("{" not in c for c in cells), note
            words = " ".join(changed)
            assert bool(CYRILLIC.search(words)) == (language == "ru"), (note, words)
        for remark in Remark:
            text = render.remarks_text(Stage(StageKey.UPDATE, "", (), remarks=(remark,)))
            assert text.strip() and bool(CYRILLIC.search(text)) == (language == "ru")
    finally:
        i18n.install(qapp, "en")


def test_the_russian_titles_carry_the_numbers(qapp):
    try:
        i18n.install(qapp, "ru")
        stages = batch_stages()
        acc = [s for s in stages if s.key == StageKey.ACCUMULATE][1]
        assert render.stage_title(acc) == (
            "Пример 2 из 4 (№5): Накопление градиентов (пример 2 из 4)"
        )
        update = next(s for s in stages if s.key == StageKey.UPDATE)
        assert "alpha = 0.3" in render.stage_title(update)
        rows = [render.row_text(r) for r in worked_stages(10)[-1].rows]
        assert rows[0] == "потери на этом примере, до = l(f(x), y) = 0.2983711088"
    finally:
        i18n.install(qapp, "en")
