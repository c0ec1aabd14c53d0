"""The hyperparameter form's fields: value lists, tooltips and labels (context
"HyperPanel", with the lecture's formulas) and the spin boxes and combo boxes it is
built from."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QSpinBox

from nnsim.core.schedules import FORMULAS

FULL_BATCH = 100_000  # the largest batch_size: every training point in one update
LEARNING_RATES = (1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
LAMBDAS = (0.0, 1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1.0)
RESET_HINT = QT_TRANSLATE_NOOP("HyperPanel", "applies on Reset")

# Tooltips and labels (context HyperPanel); ``tip`` and ``label`` translate them.
TIPS = {
    "learning_rate": QT_TRANSLATE_NOOP(
        "HyperPanel",
        "Learning rate alpha: the step size of gradient descent.\n"
        "SGD update: theta <- theta - alpha_t v,  v = grad + beta v_prev"
        "\nToo large: the loss jumps or diverges; too small: training crawls."
        "\nArrows step through 1e-5, 3e-5, ..., 3, 10; type any value.",
    ),
    "schedule": QT_TRANSLATE_NOOP(
        "HyperPanel",
        "Learning-rate schedule alpha_t (t = epoch after the constant epochs):\n"
        "{formulas}"
        "\nSGD converges when sum alpha_t = infinity and sum alpha_t^2 < infinity.",
    ),
    "decay": QT_TRANSLATE_NOOP(
        "HyperPanel",
        "delta of the schedule: alpha/(1 + delta t) needs delta >= 0,\n"
        "alpha/t^delta needs 0.5 < delta <= 1.",
    ),
    "constant_epochs": QT_TRANSLATE_NOOP(
        "HyperPanel",
        "Train this many epochs with the constant alpha before the schedule "
        "starts\n(the lecture advises a constant rate for the first epochs).",
    ),
    "batch_size": QT_TRANSLATE_NOOP(
        "HyperPanel",
        "Samples per SGD update; the gradient is the average over the mini-batch.\n"
        "1 = the lecture's per-sample SGD. Full batch = every training point in one update.",
    ),
    "momentum": QT_TRANSLATE_NOOP(
        "HyperPanel",
        "Momentum beta: v = grad + beta v_prev, theta <- theta - alpha_t v\n"
        "(an exponential average of previous gradients; 0 = plain SGD).",
    ),
    "regularization": QT_TRANSLATE_NOOP(
        "HyperPanel",
        "Regularizer lambda Omega(theta), on weights only (never biases):\n"
        "  L2: lambda sum ||W||^2, gradient 2 lambda W (weights only)\n"
        "  L1: lambda sum |W|, gradient lambda sign(W); weights crossing 0 are set to exactly 0",
    ),
    "reg_lambda": QT_TRANSLATE_NOOP(
        "HyperPanel",
        "lambda, the strength of the regularizer: larger lambda = smaller weights,\n"
        "less variance, more bias.",
    ),
    "init": QT_TRANSLATE_NOOP(
        "HyperPanel",
        "Weight initialization (biases are always 0):\n"
        "  glorot: W ~ U[-b, b], b = sqrt(6)/sqrt(H_k + H_{k-1}), biases 0\n"
        "  zero: every weight 0 (with tanh all gradients stay 0)\n"
        "  constant: every weight the same value (symmetry: a layer's neurons stay identical)\n"
        "Changing it only matters on the next Reset.",
    ),
    "init_constant": QT_TRANSLATE_NOOP(
        "HyperPanel",
        "The value of every weight for constant initialization.\n"
        "Changing it only matters on the next Reset.",
    ),
    "seed": QT_TRANSLATE_NOOP(
        "HyperPanel",
        "Random seed of the initialization and of the shuffling of each epoch.\n"
        "Changing it only matters on the next Reset.",
    ),
    "max_epochs": QT_TRANSLATE_NOOP("HyperPanel", "Training stops after this many epochs."),
    "target_loss": QT_TRANSLATE_NOOP(
        "HyperPanel", "Training stops when the training loss falls below this value (0 = off)."
    ),
    "early_stopping": QT_TRANSLATE_NOOP(
        "HyperPanel",
        "Stop when the validation error has not improved for 'patience' epochs,\n"
        "and restore the weights of the best epoch.",
    ),
    "patience": QT_TRANSLATE_NOOP(
        "HyperPanel", "Epochs without a better validation error before early stopping."
    ),
    "train_biases": QT_TRANSLATE_NOOP(
        "HyperPanel", "Unchecked: the biases b^(k) stay fixed (only the weights W^(k) learn)."
    ),
    "dtype": QT_TRANSLATE_NOOP(
        "HyperPanel",
        "Number precision: float64 (hand calculations match exactly) or float32 (faster).\n"
        "The network is rebuilt in this precision when training continues; Reset for a fresh "
        "start.",
    ),
}
LABELS = {
    "learning_rate": QT_TRANSLATE_NOOP("HyperPanel", "learning rate"),
    "schedule": QT_TRANSLATE_NOOP("HyperPanel", "schedule"),
    "decay": QT_TRANSLATE_NOOP("HyperPanel", "decay"),
    "constant_epochs": QT_TRANSLATE_NOOP("HyperPanel", "constant epochs"),
    "batch_size": QT_TRANSLATE_NOOP("HyperPanel", "batch size"),
    "momentum": QT_TRANSLATE_NOOP("HyperPanel", "momentum"),
    "regularization": QT_TRANSLATE_NOOP("HyperPanel", "regularization"),
    "reg_lambda": QT_TRANSLATE_NOOP("HyperPanel", "lambda"),
    "init": QT_TRANSLATE_NOOP("HyperPanel", "initialization"),
    "init_constant": QT_TRANSLATE_NOOP("HyperPanel", "initial constant"),
    "seed": QT_TRANSLATE_NOOP("HyperPanel", "seed"),
    "max_epochs": QT_TRANSLATE_NOOP("HyperPanel", "max epochs"),
    "target_loss": QT_TRANSLATE_NOOP("HyperPanel", "target loss"),
    "early_stopping": QT_TRANSLATE_NOOP("HyperPanel", "early stopping"),
    "patience": QT_TRANSLATE_NOOP("HyperPanel", "patience"),
    "train_biases": QT_TRANSLATE_NOOP("HyperPanel", "train biases"),
    "dtype": QT_TRANSLATE_NOOP("HyperPanel", "precision"),
}


def tip(name: str) -> str:
    """The translated tooltip of field ``name`` (formulas stay as written)."""
    text = QCoreApplication.translate("HyperPanel", TIPS[name])
    if name == "schedule":
        text = text.replace("{formulas}", "\n".join(f"  {k}: {v}" for k, v in FORMULAS.items()))
    return text


def label(name: str) -> str:
    """The translated lower-case label of field ``name``."""
    return QCoreApplication.translate("HyperPanel", LABELS[name])


class StepListSpinBox(QDoubleSpinBox):
    """A spin box whose arrows walk a list of common values (log-like steps); any value
    in range can still be typed."""

    def __init__(self, values: tuple[float, ...], decimals: int = 5, parent=None):
        super().__init__(parent)
        self._values = values
        self.setDecimals(decimals)
        self.setRange(values[0], values[-1])
        self.setKeyboardTracking(False)  # one edit per Enter / focus loss, not per keystroke

    def textFromValue(self, value: float) -> str:
        # 0.03 rather than 0.03000; the locale's decimal point is kept
        text = self.locale().toString(value, "f", self.decimals())
        point = self.locale().decimalPoint()
        return text.rstrip("0").rstrip(point) if point in text else text

    def stepBy(self, steps: int) -> None:
        v = self.value()
        eps = 1e-12
        for _ in range(abs(steps)):
            if steps > 0:
                nxt = [x for x in self._values if x > v + eps]
                v = nxt[0] if nxt else self._values[-1]
            else:
                prv = [x for x in self._values if x < v - eps]
                v = prv[-1] if prv else self._values[0]
        self.setValue(v)


def spin_box(lo, hi, decimals=None, step=1, special=None) -> QSpinBox | QDoubleSpinBox:
    box = QSpinBox() if decimals is None else QDoubleSpinBox()
    if decimals is not None:
        box.setDecimals(decimals)
    box.setRange(lo, hi)
    box.setSingleStep(step)
    box.setKeyboardTracking(False)
    if special:
        box.setSpecialValueText(special)
    return box


def combo_box(items: list[tuple[str, str]]) -> QComboBox:
    box = QComboBox()
    for text, key in items:
        box.addItem(text, key)
    return box
