"""Help > Keyboard shortcuts: a table built from the window's own actions and buttons, so it
never lists a shortcut that does not exist."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").replace("…", "")


def shortcut_rows(window) -> list[tuple[str, str, str]]:
    """(command, shortcut, description) for every action and button of the window that
    has a keyboard shortcut, sorted by command."""
    rows, seen = [], set()
    fmt = QKeySequence.SequenceFormat.NativeText
    for obj in [*window.findChildren(QAction), *window.findChildren(QAbstractButton)]:
        keys = obj.shortcuts() if isinstance(obj, QAction) else [obj.shortcut()]
        keys = [k.toString(fmt) for k in keys if not k.isEmpty()]
        if not keys or not obj.text() or (isinstance(obj, QAction) and not obj.isVisible()):
            continue
        name = _plain(obj.text()).strip()
        tip = obj.toolTip()
        row = (name, ", ".join(keys), "" if _plain(tip) == name else tip)
        if (row[0], row[1]) not in seen:
            seen.add((row[0], row[1]))
            rows.append(row)
    return sorted(rows, key=lambda r: r[0].lower())


class ShortcutsDialog(QDialog):
    def __init__(self, window):
        super().__init__(window)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = shortcut_rows(window)
        self.table = QTableWidget(len(rows), 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Command"), self.tr("Shortcut"), self.tr("What it does")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        lay = QVBoxLayout(self)
        lay.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.resize(820, 560)

    def texts(self) -> list[list[str]]:
        return [
            [self.table.item(r, c).text() for c in range(self.table.columnCount())]
            for r in range(self.table.rowCount())
        ]
