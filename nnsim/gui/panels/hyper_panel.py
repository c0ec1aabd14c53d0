"""The hyperparameter form: one widget per field of ``Hyperparameters``.

Every change goes through `HyperPanel.commit`: it builds new hyperparameters with
``with_changes`` (which validates); an impossible value is shown in red under its field and
the project is left alone, a valid one becomes one undo step. Training picks the new values
up live (the controller forwards ``hyper_changed`` to the trainer). Model-to-widget
refreshes block the widgets' signals, so they never echo back as edits.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from nnsim.core.hyper import HyperparameterError, Hyperparameters
from nnsim.gui.model.project_model import ProjectModel
from nnsim.gui.panels.hyper_fields import (
    FULL_BATCH,
    LABELS,
    LAMBDAS,
    LEARNING_RATES,
    RESET_HINT,
    StepListSpinBox,
    combo_box,
    label,
    spin_box,
    tip,
)
from nnsim.project.edits import set_hyper


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
        w["schedule"] = combo_box(
            [
                (self.tr("constant: α"), "constant"),
                (self.tr("inverse: α / (1 + δ t)"), "inverse"),
                (self.tr("power: α / t^δ"), "power"),
            ]
        )
        w["decay"] = spin_box(0.0, 10.0, decimals=3, step=0.05)
        w["constant_epochs"] = spin_box(0, 1_000_000)
        w["batch_size"] = spin_box(1, FULL_BATCH)
        self.full_batch = QCheckBox(self.tr("full batch"))
        self.full_batch.setToolTip(
            self.tr("Every training point in one update (batch gradient descent)")
        )
        w["momentum"] = spin_box(0.0, 0.99, decimals=3, step=0.05)
        w["regularization"] = combo_box(
            [(self.tr("none"), "none"), ("L1: λ Σ|W|", "l1"), ("L2: λ Σ‖W‖²", "l2")]
        )
        w["reg_lambda"] = StepListSpinBox(LAMBDAS)
        w["init"] = combo_box(
            [
                (self.tr("Glorot uniform"), "glorot"),
                (self.tr("zero"), "zero"),
                (self.tr("constant"), "constant"),
            ]
        )
        w["init_constant"] = spin_box(-10.0, 10.0, decimals=4, step=0.05)
        w["seed"] = spin_box(0, 2**31 - 1)
        w["max_epochs"] = spin_box(1, 10_000_000, step=100)
        w["target_loss"] = spin_box(0.0, 1000.0, decimals=5, step=0.01, special=self.tr("off"))
        w["early_stopping"] = QCheckBox(self.tr("stop when validation error stalls"))
        w["patience"] = spin_box(1, 1_000_000)
        w["train_biases"] = QCheckBox(self.tr("biases b^(k) learn"))
        w["dtype"] = combo_box([("float64", "float64"), ("float32", "float32")])

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
