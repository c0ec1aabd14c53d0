"""The gradient-check tab: backprop beside central differences, per tensor and per entry."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from nnsim.explain.entry_check import entry_gradient_check
from nnsim.explain.notation import fmt
from nnsim.explain.plan import StepPlan

GRADCHECK_AUTO = 2000  # parameters up to which the gradient check runs by itself


class GradientCheckView(QWidget):
    """Checks the gradients of one stage's sample (or the whole mini-batch).

    Signals
    -------
    requested()
        The button was pressed: run the check even for a large network.
    """

    requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._key = None  # what the table shows: (id of the step, samples)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.button = QPushButton(self.tr("Run gradient check"))
        self.button.setToolTip(
            self.tr(
                "Compare backprop with central differences "
                "dJ/dtheta ~ (J(theta + eps) - J(theta - eps)) / (2 eps), eps = 1e-5"
            )
        )
        self.button.clicked.connect(self.requested)
        layout.addWidget(self.button)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("parameter"),
                self.tr("backprop"),
                self.tr("central difference"),
                self.tr("relative error"),
            ]
        )
        self.table.setToolTip(
            self.tr(
                "Per entry: the backprop gradient, the central difference and "
                "|g_bp - g_fd| / (|g_bp| + |g_fd|) (below 1e-7 is a correct gradient)"
            )
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table)

    def forget(self) -> None:
        """The next `check` computes again (the numbers' digits may have changed)."""
        self._key = None

    def check(self, key, plan: StepPlan, samples: list[int], digits: int, force=False) -> None:
        """Check the gradient of ``samples`` (positions in the plan's mini-batch) with the
        weights from before the update; large networks only when ``force``d."""
        if key == self._key:
            return
        if plan.net.theta.size > GRADCHECK_AUTO and not force:
            self.summary.setText(
                self.tr("{n} parameters: press the button to run the check.").format(
                    n=plan.net.theta.size
                )
            )
            self.table.setRowCount(0)
            return
        X = np.array([plan.traces[s].x for s in samples])
        Y = np.array([plan.traces[s].target for s in samples])
        per_tensor, entries = entry_gradient_check(plan.net, X, Y, plan.hp)
        self._key = key
        self._summary(plan, samples, per_tensor)
        t = self.table
        t.setRowCount(len(entries))
        for r, e in enumerate(entries):
            vals = (
                e.name,
                fmt(e.backprop, digits),
                fmt(e.numeric, digits),
                f"{e.relative_error:.2e}",
            )
            for c, text in enumerate(vals):
                t.setItem(r, c, QTableWidgetItem(text))

    def _summary(self, plan: StepPlan, samples: list[int], per_tensor: dict) -> None:
        who = (
            self.tr("sample #{index}").format(index=plan.indices[samples[0]])
            if len(samples) == 1
            else self.tr("the mini-batch of {n}").format(n=len(samples))
        )
        worst = max(per_tensor.values()) if per_tensor else 0.0
        verdict = self.tr("backprop agrees") if worst < 1e-6 else self.tr("CHECK FAILED")
        parts = ", ".join(f"{k}: {v:.1e}" for k, v in per_tensor.items())
        self.summary.setText(
            self.tr(
                "Gradient check on {who} (weights before the update), central differences "
                "eps = 1e-5. Relative error per tensor: {parts}. {verdict}."
            ).format(who=who, parts=parts, verdict=verdict)
        )
