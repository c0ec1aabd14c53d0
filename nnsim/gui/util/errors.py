"""The dialog for an exception raised in a child process (training or search)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from nnsim.runtime.messages import Failed


def _tr(text: str) -> str:
    return QCoreApplication.translate("ChildFailure", text)


def show_failure(parent: QWidget | None, failure: Failed) -> QMessageBox:
    """Show the child's exception: its type and message, the traceback under "Show
    Details…". Window-modal and opened without waiting, so the window keeps running."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(_tr("Training stopped"))
    box.setText(_tr("The computation stopped with an error: {type}").format(type=failure.type))
    box.setInformativeText(failure.message)
    if failure.traceback:
        box.setDetailedText(failure.traceback)
    box.open()
    return box
