"""The hyperparameter form: one widget per field of ``Hyperparameters``.

Every change goes through `HyperPanel.commit`: it builds new hyperparameters with
``with_changes`` (which validates); an impossible value is shown in red under its field and
the project is left alone, a valid one becomes one undo step. Training picks the new values
up live (the controller forwards ``hyper_changed`` to the trainer). Model-to-widget
refreshes block the widgets' signals, so they never echo back as edits.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSignalBlocker
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from nnsim.core.hyper import HyperparameterError, Hyperparameters
from nnsim.core.schedules import FORMULAS
from nnsim.gui.model.project_model import ProjectModel
from nnsim.project.edits import set_hyper

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


def _spin(lo, hi, decimals=None, step=1, special=None) -> QSpinBox | QDoubleSpinBox:
    box = QSpinBox() if decimals is None else QDoubleSpinBox()
    if decimals is not None:
        box.setDecimals(decimals)
    box.setRange(lo, hi)
    box.setSingleStep(step)
    box.setKeyboardTracking(False)
    if special:
        box.setSpecialValueText(special)
    return box


def _combo(items: list[tuple[str, str]]) -> QComboBox:
    box = QComboBox()
    for text, key in items:
        box.addItem(text, key)
    return box


class HyperPanel(QWidget):
    """Edits ``model.project.hyper``; ``widgets[field]`` and ``errors[field]`` per field."""

    def __init__(self, model: ProjectModel, parent=None):
        super().__init__(parent)
        self.model = model
        self.widgets: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self._last_batch = 10
        w = self.widgets
        w["learning_rate"] = StepListSpinBox(LEARNING_RATES)
        w["schedule"] = _combo(
            [
                (self.tr("constant: α"), "constant"),
                (self.tr("inverse: α / (1 + δ t)"), "inverse"),
                (self.tr("power: α / t^δ"), "power"),
            ]
        )
        w["decay"] = _spin(0.0, 10.0, decimals=3, step=0.05)
        w["constant_epochs"] = _spin(0, 1_000_000)
        w["batch_size"] = _spin(1, FULL_BATCH)
        self.full_batch = QCheckBox(self.tr("full batch"))
        self.full_batch.setToolTip(
            self.tr("Every training point in one update (batch gradient descent)")
        )
        w["momentum"] = _spin(0.0, 0.99, decimals=3, step=0.05)
        w["regularization"] = _combo(
            [(self.tr("none"), "none"), ("L1: λ Σ|W|", "l1"), ("L2: λ Σ‖W‖²", "l2")]
        )
        w["reg_lambda"] = StepListSpinBox(LAMBDAS)
        w["init"] = _combo(
            [
                (self.tr("Glorot uniform"), "glorot"),
                (self.tr("zero"), "zero"),
                (self.tr("constant"), "constant"),
            ]
        )
        w["init_constant"] = _spin(-10.0, 10.0, decimals=4, step=0.05)
        w["seed"] = _spin(0, 2**31 - 1)
        w["max_epochs"] = _spin(1, 10_000_000, step=100)
        w["target_loss"] = _spin(0.0, 1000.0, decimals=5, step=0.01, special=self.tr("off"))
        w["early_stopping"] = QCheckBox(self.tr("stop when validation error stalls"))
        w["patience"] = _spin(1, 1_000_000)
        w["train_biases"] = QCheckBox(self.tr("biases b^(k) learn"))
        w["dtype"] = _combo([("float64", "float64"), ("float32", "float32")])

        groups = [
            (
                self.tr("Gradient descent"),
                [
                    "learning_rate",
                    "schedule",
                    "decay",
                    "constant_epochs",
                    "batch_size",
                    "momentum",
                    "train_biases",
                ],
            ),
            (self.tr("Regularization"), ["regularization", "reg_lambda"]),
            (self.tr("Initialization"), ["init", "init_constant", "seed", "dtype"]),
            (self.tr("Stopping"), ["max_epochs", "target_loss", "early_stopping", "patience"]),
        ]
        titles = {
            "learning_rate": self.tr("Learning rate α"),
            "decay": self.tr("Decay δ"),
            "momentum": self.tr("Momentum β"),
            "reg_lambda": "λ",
            "init_constant": self.tr("Constant value"),
            "dtype": self.tr("Precision"),
            "train_biases": self.tr("Biases"),
        }
        content = QWidget()
        column = QVBoxLayout(content)
        for title, names in groups:
            box = QGroupBox(title)
            form = QFormLayout(box)
            form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
            for name in names:
                field_widget = w[name]
                field_widget.setToolTip(tip(name))
                if name == "batch_size":
                    field_widget = self._row(w[name], self.full_batch)
                elif name in ("init", "init_constant", "seed"):
                    field_widget = self._row(w[name], self._hint())
                title_label = QLabel(titles.get(name, label(name).capitalize()))
                title_label.setToolTip(tip(name))
                form.addRow(title_label, field_widget)
                err = QLabel()
                err.setStyleSheet("color: #c62828;")
                err.setWordWrap(True)
                err.setVisible(False)
                self.errors[name] = err
                form.addRow(err)
            column.addWidget(box)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

        self._connect()
        model.hyper_changed.connect(self.refresh)
        model.project_replaced.connect(self.refresh)
        self.refresh()

    @staticmethod
    def _row(*widgets: QWidget) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        for i, widget in enumerate(widgets):
            row.addWidget(widget, 1 if i == 0 else 0)
        return box

    def _hint(self) -> QLabel:
        hint = QLabel(self.tr(RESET_HINT))
        hint.setStyleSheet("color: #777; font-size: small;")
        hint.setToolTip(
            self.tr("The weights are initialized when you press Reset (or make a new network)")
        )
        return hint

    # ------------------------------------------------------------------ widget -> model
    def _connect(self) -> None:
        w = self.widgets
        for name in (
            "learning_rate",
            "decay",
            "constant_epochs",
            "momentum",
            "reg_lambda",
            "init_constant",
            "seed",
            "max_epochs",
            "target_loss",
            "patience",
        ):
            w[name].valueChanged.connect(lambda v, n=name: self.commit(n, v))
        w["batch_size"].valueChanged.connect(lambda v: self.commit("batch_size", int(v)))
        for name in ("schedule", "regularization", "init", "dtype"):
            w[name].currentIndexChanged.connect(
                lambda _, n=name: self.commit(n, self.widgets[n].currentData())
            )
        for name in ("early_stopping", "train_biases"):
            w[name].toggled.connect(lambda v, n=name: self.commit(n, bool(v)))
        self.full_batch.toggled.connect(self._full_batch_toggled)

    def _full_batch_toggled(self, checked: bool) -> None:
        self.commit("batch_size", FULL_BATCH if checked else self._last_batch)

    def commit(self, field: str, value) -> bool:
        """The one place where this panel writes: validate, then one undo step.

        Returns False (and shows the message under the field) for an impossible value.
        """
        old = self.model.project.hyper
        changes = {field: value}
        if field == "schedule" and value == "power" and not 0.5 < old.decay <= 1:
            changes["decay"] = 1.0  # alpha/t^delta needs delta in (0.5, 1]: a valid start
        try:
            hp = old.with_changes(**changes)
        except HyperparameterError as exc:
            self._show_error(exc.field if exc.field in self.errors else field, exc)
            self._enable(replace(old, **changes))
            return False
        for err in self.errors.values():
            err.setVisible(False)
        if hp != old:
            # No pause: the session forwards new hyperparameters to a running child.
            text = self.tr("Change {what}").format(what=label(field))
            self.model.edit(set_hyper(self.model.project, hp), text)
        return True

    def _show_error(self, field: str, exc: HyperparameterError) -> None:
        message = str(exc)
        prefix = f"{exc.field}: "
        if message.startswith(prefix):
            message = message[len(prefix) :]
        name = exc.field if exc.field in LABELS else field
        kept = getattr(self.model.project.hyper, name, None)
        shown = self.errors[field]
        shown.setText(
            self.tr("{what}: {message} (the project keeps {kept})").format(
                what=label(name).capitalize(), message=message, kept=repr(kept)
            )
        )
        shown.setVisible(True)

    # ------------------------------------------------------------------ model -> widget
    def refresh(self) -> None:
        """Show the project's hyperparameters (without emitting edits); clear the errors."""
        hp = self.model.project.hyper
        w = self.widgets
        blockers = [QSignalBlocker(x) for x in (*w.values(), self.full_batch)]
        for name in (
            "learning_rate",
            "decay",
            "momentum",
            "reg_lambda",
            "init_constant",
            "target_loss",
            "constant_epochs",
            "seed",
            "max_epochs",
            "patience",
        ):
            w[name].setValue(getattr(hp, name))
        full = hp.batch_size >= FULL_BATCH
        self.full_batch.setChecked(full)
        if not full:
            self._last_batch = hp.batch_size
        w["batch_size"].setValue(hp.batch_size)
        for name in ("schedule", "regularization", "init", "dtype"):
            box = w[name]
            box.setCurrentIndex(max(0, box.findData(getattr(hp, name))))
        w["early_stopping"].setChecked(hp.early_stopping)
        w["train_biases"].setChecked(hp.train_biases)
        del blockers
        for err in self.errors.values():
            err.setVisible(False)
        self._enable(hp)

    def _enable(self, hp: Hyperparameters) -> None:
        """Fields that do nothing with the current choices are disabled."""
        w = self.widgets
        scheduled = hp.schedule != "constant"
        w["decay"].setEnabled(scheduled)
        w["constant_epochs"].setEnabled(scheduled)
        w["batch_size"].setEnabled(hp.batch_size < FULL_BATCH)
        w["reg_lambda"].setEnabled(hp.regularization != "none")
        w["init_constant"].setEnabled(hp.init == "constant")
        w["patience"].setEnabled(hp.early_stopping)
