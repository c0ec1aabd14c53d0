"""The dialog the windowed ``nnsim`` shows when it is given a command and has no console.

A windowed program (nnsim.exe, nnsim.app, pip's gui-script under pythonw) cannot print, so
rather than run ``nnsim.exe train lesson.json`` where nobody sees the result it says which
program does: ``nnsim-cli``, the console twin in the same folder (see nnsim.cli.entry).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox


def _tr(text: str) -> str:
    return QCoreApplication.translate("NoConsole", text)


def _quoted(arg: str) -> str:
    """Double quotes around an argument with spaces: the one quoting every shell reads."""
    return f'"{arg}"' if not arg or any(c.isspace() for c in arg) else arg


def use_console_box(argv: list[str]) -> QMessageBox:
    """The message box, not yet shown (tests look at it)."""
    command = " ".join(["nnsim-cli", *(_quoted(a) for a in argv)])
    box = QMessageBox()
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle("nnsim")
    box.setText(_tr("This nnsim opens the window and cannot print to a console."))
    box.setInformativeText(
        _tr(
            "For the command-line tools run nnsim-cli, from the same folder, in a terminal "
            "(Command Prompt or PowerShell on Windows, Terminal on macOS):\n\n{command}"
        ).format(command=command)
    )
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    return box


def show_use_console(argv: list[str]) -> None:
    """Show the dialog and wait until it is closed."""
    app = QApplication.instance()
    if app is None:
        QCoreApplication.setOrganizationName("nnsim")  # where i18n finds the language
        QCoreApplication.setApplicationName("nnsim")
        app = QApplication(sys.argv[:1])
        from nnsim.gui.util import i18n

        i18n.install(app)
    use_console_box(argv).exec()
