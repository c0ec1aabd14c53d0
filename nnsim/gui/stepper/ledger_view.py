"""The ledger: every number of a stage with its formula substituted, filterable, copyable."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from nnsim.explain.records import Stage, row_matches
from nnsim.gui.stepper.render import row_cells, row_text


class LedgerView(QWidget):
    """A stage's rows as ``quantity | formula | value``, with a filter and a copy button."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._stage: Stage | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        layout.addLayout(bar)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter: h^(2)_3, W^(1), layer 2 ..."))
        self.filter_edit.setToolTip(
            self.tr(
                "Show only the rows about a neuron or quantity (h^(2)_3, grad W^(1)_12) "
                "or a layer (2 or 'layer 2')"
            )
        )
        self.filter_edit.textChanged.connect(self.apply_filter)
        bar.addWidget(self.filter_edit, 1)
        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.setToolTip(
            self.tr("Copy the rows shown, one 'quantity = formula = value' per line")
        )
        self.copy_button.clicked.connect(self.copy)
        bar.addWidget(self.copy_button)
        self.table = self._make_table()
        layout.addWidget(self.table)

    def _make_table(self) -> QTableWidget:
        t = QTableWidget(0, 3)
        t.setHorizontalHeaderLabels([self.tr("quantity"), self.tr("formula"), self.tr("value")])
        t.setToolTip(self.tr("Every number of this stage with the formula substituted"))
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.setWordWrap(True)
        t.setTextElideMode(Qt.TextElideMode.ElideNone)
        # a fixed scroll bar keeps the column widths (and so the wrapped row heights) stable
        t.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        t.verticalHeader().hide()
        hh = t.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        hh.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        hh.sectionResized.connect(lambda *_: self._fit_rows())
        return t

    def show_stage(self, stage: Stage | None) -> None:
        """Fill the table with ``stage``'s rows (empty for None), keeping the filter."""
        self._stage = stage
        t = self.table
        rows = stage.rows if stage is not None else ()
        t.setUpdatesEnabled(False)
        t.setRowCount(len(rows))
        for r, row in enumerate(rows):
            tip = row_text(row)
            for c, text in enumerate(row_cells(row)):
                item = QTableWidgetItem(text)
                item.setToolTip(tip)
                if c == 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                t.setItem(r, c, item)
        self.apply_filter()
        self._fit_rows()
        t.setUpdatesEnabled(True)

    def _fit_rows(self) -> None:
        """Row heights for the wrapped formulas (again whenever the columns resize)."""
        if self.table.rowCount() <= 300:
            self.table.resizeRowsToContents()

    def apply_filter(self) -> None:
        if self._stage is None:
            return
        q = self.filter_edit.text()
        for r, row in enumerate(self._stage.rows):
            self.table.setRowHidden(r, not row_matches(row, q))

    def texts(self) -> list[str]:
        """``quantity = formula = value`` of the visible rows, as shown."""
        t, out = self.table, []
        for r in range(t.rowCount()):
            if not t.isRowHidden(r):
                cells = [t.item(r, c).text() for c in range(3)]
                out.append(" = ".join(c for c in cells if c))
        return out

    def copy(self) -> None:
        """The visible rows to the clipboard, one per line (for notes and exercises)."""
        QGuiApplication.clipboard().setText("\n".join(self.texts()))
