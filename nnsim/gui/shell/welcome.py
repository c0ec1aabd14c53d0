"""First run: the welcome dialog (examples as cards, start from scratch, the tour) and the
Help menu's Welcome, Examples, Tour and Keyboard shortcuts entries (the tour and the
shortcuts table live in ``tour`` and ``shortcuts``).

`nnsim.gui.shell.app.run` calls `maybe_show_at_start` after the window is shown; tests and
the self-test build the window with `create_window`, which never shows it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from nnsim.gui.shell.files import list_examples
from nnsim.gui.shell.shortcuts import ShortcutsDialog
from nnsim.gui.shell.tour import TourOverlay, tour_steps

SHOW_AT_START = "welcome/show_at_start"


def show_at_start() -> bool:
    value = QSettings().value(SHOW_AT_START, True)
    if isinstance(value, str):
        return value.lower() in ("1", "true", "yes")
    return bool(value)


def set_show_at_start(on: bool) -> None:
    QSettings().setValue(SHOW_AT_START, bool(on))


def maybe_show_at_start(window) -> WelcomeDialog | None:
    """Show the welcome dialog (non-modal) unless the user unticked "Show at start"."""
    if not show_at_start():
        return None
    return window.welcome.show_welcome()


# ---------------------------------------------------------------------------- welcome
class ExampleCard(QPushButton):
    """One example: its title in bold and the lecture's claim it shows."""

    def __init__(self, entry: dict, parent=None):
        super().__init__(parent)
        self.entry = entry
        self.setObjectName("exampleCard")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(self.tr("Open the example “{0}”").format(entry["title"]))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumHeight(72)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 8, 10, 8)
        title = QLabel(entry["title"])
        title.setWordWrap(True)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        claim = QLabel(entry.get("claim", ""))
        claim.setWordWrap(True)
        claim.setStyleSheet("color: #444;")
        for label in (title, claim):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        lay.setSpacing(4)
        lay.addWidget(title)
        lay.addWidget(claim)
        lay.addStretch(1)
        self.setStyleSheet(
            "#exampleCard { text-align: left; background: #fafafa; border: 1px solid #ccc;"
            " border-radius: 6px; }"
            " #exampleCard:hover { background: #fff4e8; border-color: #f28e2b; }"
        )

    def sizeHint(self):  # noqa: N802 (Qt's name)
        return self.layout().sizeHint()


class WelcomeDialog(QDialog):
    """Examples as cards, "Start from scratch", and the tour."""

    EXAMPLES, TOUR = 0, 1

    def __init__(self, window, page: int = 0):
        super().__init__(window)
        self.window = window
        self.setWindowTitle(self.tr("Welcome to nnsim"))
        lay = QVBoxLayout(self)
        head = QLabel(
            self.tr(
                "<h2>Welcome to nnsim</h2>"
                "<p>Train small neural networks on points in the plane and watch every "
                "weight, activation and gradient. Open an example that shows one claim of "
                "the lecture, or start from scratch with the circle data set.</p>"
            )
        )
        head.setWordWrap(True)
        lay.addWidget(head)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._examples_page(), self.tr("Examples"))
        self.tabs.addTab(self._tour_page(), self.tr("Tour of the window"))
        self.tabs.setCurrentIndex(page)
        lay.addWidget(self.tabs, 1)
        bottom = QHBoxLayout()
        self.show_box = QCheckBox(self.tr("Show at start"))
        self.show_box.setChecked(show_at_start())
        self.show_box.setToolTip(self.tr("Show this window whenever nnsim starts"))
        self.show_box.toggled.connect(set_show_at_start)
        bottom.addWidget(self.show_box, 1)
        self.tour_button = QPushButton(self.tr("Take the tour"))
        self.tour_button.setToolTip(self.tr("Five steps that point at the parts of the window"))
        self.tour_button.clicked.connect(self.take_tour)
        self.scratch_button = QPushButton(self.tr("Start from scratch"))
        self.scratch_button.setToolTip(
            self.tr("Close this window and play with the circle data set and a small net")
        )
        self.scratch_button.setDefault(True)
        self.scratch_button.clicked.connect(self.accept)
        bottom.addWidget(self.tour_button)
        bottom.addWidget(self.scratch_button)
        lay.addLayout(bottom)
        self.resize(900, 640)

    def _examples_page(self) -> QWidget:
        inner = QWidget()
        grid = QGridLayout(inner)
        grid.setSpacing(8)
        self.cards: list[ExampleCard] = []
        for i, entry in enumerate(list_examples()):
            card = ExampleCard(entry)
            card.clicked.connect(lambda _=False, f=entry["file"]: self.open_example(f))
            grid.addWidget(card, i // 2, i % 2)
            self.cards.append(card)
        if not self.cards:
            grid.addWidget(QLabel(self.tr("No examples were found.")), 0, 0)
        grid.setRowStretch(grid.rowCount(), 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        return scroll

    def _tour_page(self) -> QWidget:
        page = QWidget()
        lay = QVBoxLayout(page)
        for title, text, _ in tour_steps(self.window):
            label = QLabel(f"<b>{title}</b><br>{text}")
            label.setWordWrap(True)
            lay.addWidget(label)
        start = QPushButton(self.tr("Show me in the window"))
        start.setToolTip(self.tr("Highlight each part of the window in turn"))
        start.clicked.connect(self.take_tour)
        row = QHBoxLayout()
        row.addWidget(start)
        row.addStretch(1)
        lay.addLayout(row)
        lay.addStretch(1)
        return page

    def open_example(self, file: str) -> bool:
        if self.window.files.open_example(file):
            self.accept()
            return True
        return False

    def take_tour(self) -> None:
        self.accept()
        self.window.welcome.start_tour()


# ---------------------------------------------------------------------------- menu
class WelcomeActions(QObject):
    """Help > Welcome, Examples, Tour of the window and Keyboard shortcuts."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.dialog: WelcomeDialog | None = None
        self.tour: TourOverlay | None = None
        self.shortcuts: ShortcutsDialog | None = None

        def action(text, slot, tip, shortcut=None):
            act = QAction(text, window)
            act.setToolTip(tip)
            act.setStatusTip(tip)
            if shortcut:
                act.setShortcut(QKeySequence(shortcut))
            act.triggered.connect(slot)
            return act

        self.act_welcome = action(
            self.tr("&Welcome…"), self.show_welcome, self.tr("The welcome window")
        )
        self.act_examples = action(
            self.tr("&Examples…"),
            self.show_examples,
            self.tr("Example projects, one per claim of the lecture"),
        )
        self.act_tour = action(
            self.tr("&Tour of the window"),
            self.start_tour,
            self.tr("Five steps that point at the parts of the window"),
        )
        self.act_shortcuts = action(
            self.tr("&Keyboard shortcuts"),
            self.show_shortcuts,
            self.tr("Every command with a keyboard shortcut"),
            "Ctrl+/",
        )
        menu = getattr(window, "help_menu", None)
        if menu is not None:
            first = menu.actions()[0] if menu.actions() else None
            menu.insertActions(first, [self.act_welcome, self.act_examples, self.act_tour])
            menu.insertSeparator(first)
            menu.insertAction(menu.actions()[-1] if menu.actions() else None, self.act_shortcuts)

    def show_welcome(self, page: int = WelcomeDialog.EXAMPLES) -> WelcomeDialog:
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = WelcomeDialog(self.window, page)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.destroyed.connect(self._dialog_gone)
        self.dialog.open()
        return self.dialog

    def _dialog_gone(self, *_) -> None:
        self.dialog = None

    def show_examples(self) -> WelcomeDialog:
        return self.show_welcome(WelcomeDialog.EXAMPLES)

    def start_tour(self) -> TourOverlay:
        if self.tour is not None:
            self.tour.close()
        self.tour = TourOverlay(self.window)
        self.tour.finished.connect(self._tour_gone)
        self.tour.start()
        return self.tour

    def _tour_gone(self) -> None:
        self.tour = None

    def show_shortcuts(self) -> ShortcutsDialog:
        self.shortcuts = ShortcutsDialog(self.window)
        self.shortcuts.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.shortcuts.open()
        return self.shortcuts
