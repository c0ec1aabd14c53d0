"""File > Export…: the network as a PyTorch script or as numpy arrays with a description.

The files are written by `nnsim.project.export`, the same code as ``nnsim export``; this
module only asks where, in which format, and says what was written. The dialog goes
through `ask_export_path` and `show_error` so tests can replace them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QWidget

from nnsim.gui.model.project_model import ProjectModel
from nnsim.gui.model.session import Session
from nnsim.project.export import FORMATS, export

CONTEXT = "ExportAction"
FILTERS = {
    "torch": QT_TRANSLATE_NOOP("ExportAction", "PyTorch script (*.py)"),
    "npz": QT_TRANSLATE_NOOP("ExportAction", "NumPy arrays with a JSON description (*.npz)"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def ask_export_path(parent: QWidget, start: str) -> tuple[str, str] | None:
    """``(path, format)`` chosen in a save dialog, the suffix added if missing; or None."""
    filters = {fmt: _tr(text) for fmt, text in FILTERS.items()}
    path, chosen = QFileDialog.getSaveFileName(
        parent, _tr("Export the network"), start, ";;".join(filters.values())
    )
    if not path:
        return None
    by_filter = [fmt for fmt, text in filters.items() if text == chosen]
    fmt = by_filter[0] if by_filter else ("npz" if path.endswith(".npz") else "torch")
    if not path.endswith(FORMATS[fmt]):
        path += FORMATS[fmt]
    return path, fmt


def show_error(parent: QWidget, title: str, text: str) -> None:
    QMessageBox.critical(parent, title, text)


class ExportAction(QObject):
    """The File menu's Export… command for one window."""

    def __init__(self, model: ProjectModel, controller: Session, window: QMainWindow):
        super().__init__(window)
        self.model, self.controller, self.window = model, controller, window
        self.action = QAction(_tr("E&xport…"), window)
        tip = _tr(
            "Save the trained network as a PyTorch script (with its data and the same "
            "training) or as numpy arrays with a JSON description, for use outside nnsim"
        )
        self.action.setToolTip(tip)
        self.action.setStatusTip(tip)
        self.action.triggered.connect(self.run)

    def run(self) -> list[Path]:
        """Ask where, write the files; returns what was written ([] if cancelled)."""
        self.controller.pause()  # the weights the window shows, not a moving target
        path = self.model.path
        stem = path.with_suffix("") if path else Path.home() / (self.model.project.title or "net")
        chosen = ask_export_path(self.window, str(stem) + FORMATS["torch"])
        if chosen is None:
            return []
        target, fmt = chosen
        try:
            written = export(self.model.project, fmt, target)
        except (OSError, ValueError) as exc:
            show_error(self.window, _tr("Cannot export"), f"{target}: {exc}")
            return []
        names = ", ".join(p.name for p in written)
        self.window.statusBar().showMessage(_tr("Exported {files}").format(files=names), 8000)
        return written
