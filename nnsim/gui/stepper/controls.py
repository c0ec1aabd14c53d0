"""The stepper's bar: which sample, how many per update, how many digits, back and next."""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSpinBox, QWidget

from nnsim.explain.notation import fmt
from nnsim.gui.util.style import class_color
from nnsim.project import Project
from nnsim.project.enums import Task


class StepperBar(QWidget):
    """The controls above the stages; `StepperView` connects them."""

    def __init__(self, digits: int, parent=None):
        super().__init__(parent)
        bar = QHBoxLayout(self)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(QLabel(self.tr("Sample #")))
        self.sample_spin = QSpinBox()
        self.sample_spin.setToolTip(
            self.tr(
                "The training point x^(t) to step through (its index in the data; "
                "clicking a point on the data plane selects it too). Only training points."
            )
        )
        bar.addWidget(self.sample_spin)
        self.class_label = QLabel()
        self.class_label.setToolTip(self.tr("The class y (or target) of the chosen sample"))
        bar.addWidget(self.class_label)
        bar.addSpacing(12)
        bar.addWidget(QLabel(self.tr("Mini-batch")))
        self.batch_spin = QSpinBox()
        self.batch_spin.setRange(1, 64)
        self.batch_spin.setToolTip(
            self.tr(
                "Samples per update B: 1 = one sample; more = the stages per sample with the "
                "gradients accumulated, then theta <- theta - alpha 1/B sum_t grad l(t)"
            )
        )
        bar.addWidget(self.batch_spin)
        bar.addSpacing(12)
        bar.addWidget(QLabel(self.tr("Digits")))
        self.digits_spin = QSpinBox()
        self.digits_spin.setRange(2, 12)
        self.digits_spin.setValue(digits)
        self.digits_spin.setToolTip(self.tr("Significant digits of every number shown"))
        bar.addWidget(self.digits_spin)
        bar.addStretch(1)
        self.position_label = QLabel()
        bar.addWidget(self.position_label)
        self.back_button = QPushButton(self.tr("◀ Back"))
        self.back_button.setToolTip(
            self.tr(
                "Previous stage (Left or B). Going back past the update restores the "
                "weights from before it exactly."
            )
        )
        bar.addWidget(self.back_button)
        self.next_button = QPushButton(self.tr("Next ▶"))
        self.next_button.setToolTip(
            self.tr(
                "Next stage (Right or N). Stepping past the update applies "
                "theta <- theta - alpha grad theta to the network."
            )
        )
        bar.addWidget(self.next_button)

    def show_sample(self, p: Project, i: int, digits: int) -> None:
        """The class (coloured as on the plane) or the targets of the data point ``i``."""
        if not 0 <= i < p.data.n:
            self.class_label.setText("")
        elif p.task == Task.CLASSIFICATION:
            c = int(p.data.y[i])
            text = self.tr("● class {c}").format(c=c + 1)  # 1-based, as on the plane
            self.class_label.setText(f"<b><span style='color:{class_color(c)}'>{text}</span></b>")
        else:
            values = ", ".join(fmt(v, digits) for v in np.atleast_1d(p.data.y[i]))
            self.class_label.setText(self.tr("target y = {values}").format(values=values))

    def show_position(self, update: int, stage: int, stages: int, applied: bool) -> None:
        """Where the history is: stage ``stage`` of ``stages`` of update ``update``
        (0-based), and whether that update is applied to the project."""
        self.position_label.setText(
            self.tr("Update {u}: stage {i}/{n}").format(u=update + 1, i=stage + 1, n=stages)
        )
        self.position_label.setToolTip(
            self.tr("The update of this step is applied")
            if applied
            else self.tr("The update of this step is not applied yet")
        )
