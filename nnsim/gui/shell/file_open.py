"""macOS: a project double-clicked in Finder or opened with "Open With → nnsim" arrives as
a QFileOpenEvent sent to the application (not as a command-line argument); open it in the
window, asking about unsaved work first as File → Open does.

Installed only on macOS (nnsim.gui.shell.app.run): an application-wide event filter sees
every event of every object, a cost the other systems, which never send this event, need not
pay.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer


class FileOpenHandler(QObject):
    """Opens the file of each QFileOpenEvent in ``window`` (a MainWindow)."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.opened: list[str] = []  # what was asked for, in order (tests, diagnostics)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() != QEvent.Type.FileOpen:
            return False
        path = event.file() or event.url().toLocalFile()
        if path:
            self.opened.append(path)
            # Not inside the event: opening may ask about unsaved work in a modal dialog.
            QTimer.singleShot(0, self.window, lambda: self.window.files.open(path))
        return True


def install_file_open(app, window) -> FileOpenHandler:
    handler = FileOpenHandler(window)
    app.installEventFilter(handler)
    return handler
