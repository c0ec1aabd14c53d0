"""The head of a stage: its title, its formula in the lecture's notation, small matrices."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from nnsim.explain.notation import matrix_text
from nnsim.explain.records import Stage
from nnsim.gui.stepper.render import stage_formula_html, stage_title

FORMULA_PT = 18.0
TITLE_PT = 14.0
MATRIX_PT = 13.0
MATRIX_DIGITS = 5  # matrices show at most this many significant digits (they must fit)


class StagePanel(QWidget):
    """Title, formula and (for layers up to 4 x 4) matrices of the current stage."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._stage: Stage | None = None
        self._digits = 4
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title_label = QLabel()
        tf = QFont(self.font())
        tf.setPointSizeF(TITLE_PT)
        tf.setBold(True)
        self.title_label.setFont(tf)
        self.title_label.setWordWrap(True)
        layout.addWidget(self.title_label)
        self.formula_label = QLabel()
        ff = QFont(self.font())
        ff.setPointSizeF(FORMULA_PT)
        self.formula_label.setFont(ff)
        self.formula_label.setTextFormat(Qt.TextFormat.RichText)
        self.formula_label.setWordWrap(True)
        self.formula_label.setToolTip(
            self.tr("The formula of this stage, as the lecture writes it")
        )
        layout.addWidget(self.formula_label)
        self.matrix_label = QLabel()
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(MATRIX_PT)
        self.matrix_label.setFont(mono)
        self.matrix_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.matrix_scroll = QScrollArea()
        self.matrix_scroll.setWidget(self.matrix_label)
        self.matrix_scroll.setWidgetResizable(True)
        self.matrix_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.matrix_scroll.setToolTip(self.tr("Small layers (up to 4 x 4) as matrices"))
        layout.addWidget(self.matrix_scroll)

    def show_stage(self, stage: Stage | None, digits: int) -> None:
        """Show ``stage`` (None: nothing) with ``digits`` significant digits."""
        self._stage, self._digits = stage, digits
        if stage is None:
            for label in (self.title_label, self.formula_label, self.matrix_label):
                label.setText("")
            return
        self.title_label.setText(stage_title(stage))
        self.formula_label.setText(stage_formula_html(stage))
        self._show_matrices()

    def _show_matrices(self) -> None:
        """Small layers as matrices, in as many bands as the width needs."""
        stage = self._stage
        if stage is None:
            return
        cw = max(self.matrix_label.fontMetrics().horizontalAdvance("0"), 1)
        width = max(40, (self.title_label.width() - 24) // cw)
        digits = min(self._digits, MATRIX_DIGITS)
        text = matrix_text(stage.matrices, digits, gap=3, width=width)
        self.matrix_label.setText(text)
        self.matrix_scroll.setVisible(bool(text))
        if text:
            lines = text.count("\n") + 1
            lh = self.matrix_label.fontMetrics().lineSpacing()
            self.matrix_scroll.setFixedHeight(min(lines, 9) * lh + 12)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._show_matrices()
