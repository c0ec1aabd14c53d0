"""The stepper's bar: which sample, how many per update, how many digits, back and next."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSpinBox, QWidget


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
