"""The stage list: every stage of the history so far, the current one selected."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem

from nnsim.gui.stepper.render import stage_short, stage_title
from nnsim.gui.stepper.steps import Step


class StageList(QListWidget):
    """One line per stage of every update so far; stages ahead of the current one grey.

    Signals
    -------
    stage_clicked(int)
        The user clicked the stage at this flat position of the history.
    """

    stage_clicked = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setToolTip(self.tr("Every stage so far: click one to return to it"))
        self.itemClicked.connect(lambda item: self.stage_clicked.emit(self.row(item)))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)

    def show_history(self, steps: list[Step], positions: list[tuple[int, int]], pos: int) -> None:
        """The stages at ``positions`` ((step, stage) pairs), ``pos`` the current one."""
        blocker = QSignalBlocker(self)
        self.clear()
        many = len(steps) > 1
        for n, (s, i) in enumerate(positions):
            self.addItem(self._item(steps[s], s, i, many, ahead=n > pos))
        if positions:
            self.setCurrentRow(pos)
            self.scrollToItem(self.item(pos), QAbstractItemView.ScrollHint.PositionAtCenter)
        blocker.unblock()

    def _item(self, step: Step, s: int, i: int, many: bool, ahead: bool) -> QListWidgetItem:
        stage = step.stages[i]
        text = f"{i + 1}. {stage_short(stage)}"
        if many:
            text = f"U{s + 1} · {text}"
        item = QListWidgetItem(text)
        item.setToolTip(
            self.tr("Update {u} on sample {sample}: {title}").format(
                u=s + 1, sample=step.label, title=stage_title(stage)
            )
        )
        if ahead:
            item.setForeground(QBrush(QColor("#888888")))
        if stage.is_update:
            f = QFont(self.font())
            f.setBold(True)
            item.setFont(f)
        return item
