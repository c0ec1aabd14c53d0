"""First run: the welcome dialog (examples as cards, start from scratch, a tour of the
window) and the Help menu's Welcome, Examples, Tour and Keyboard shortcuts entries.

`nnsim.gui.shell.app.run` calls `maybe_show_at_start` after the window is shown; tests and
the self-test build the window with `create_window`, which never shows it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QRect, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from nnsim.gui.shell.files import list_examples

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


# ---------------------------------------------------------------------------- tour
def tour_steps(window) -> list[tuple[str, str, list]]:
    """(title, text, widgets to highlight) for each step of the tour; a step whose
    widgets are all missing or hidden highlights nothing."""
    docks = window.docks

    def dock(name):
        return [docks[name]] if name in docks else []

    toolbar = window.findChild(QToolBar, "toolbar_training")
    act = getattr(window, "act_backprop", None)
    backprop = toolbar.widgetForAction(act) if toolbar is not None and act else None
    return [
        (
            QCoreApplication.translate("Welcome", "1. Draw data"),
            QCoreApplication.translate(
                "Welcome",
                "Click on the plane to add a point of the current class; pick the class, "
                "the brush or the eraser, a generator or a CSV file in the Data panel.",
            ),
            [window.plane, *dock("Data")],
        ),
        (
            QCoreApplication.translate("Welcome", "2. Build the network"),
            QCoreApplication.translate(
                "Welcome",
                "Add or remove layers and neurons and choose the activation g in the "
                "Network panel. In the diagram, links are weights: orange positive, blue "
                "negative, thicker for larger |w|.",
            ),
            [window.network_view, *dock("Network")],
        ),
        (
            QCoreApplication.translate("Welcome", "3. Press Play (Space)"),
            QCoreApplication.translate(
                "Welcome",
                "Play trains with SGD: theta <- theta - alpha_t v. Ctrl+1, Ctrl+2 and "
                "Ctrl+3 step one sample, one mini-batch or one epoch. The Training panel "
                "sets the learning rate alpha, the batch size and regularization.",
            ),
            [w for w in (toolbar, *dock("Training")) if w is not None],
        ),
        (
            QCoreApplication.translate("Welcome", "4. Step through backprop"),
            QCoreApplication.translate(
                "Welcome",
                "Backprop step by step (Ctrl+B) follows one SGD update on a point you "
                "choose, number by number: forward a(k) = b(k) + W(k) h(k-1), then the "
                "gradients backwards from the output. Click a neuron in the diagram to see "
                "its activation over the plane in the Neuron panel.",
            ),
            [w for w in (backprop, *dock("Neuron")) if w is not None] or [window.network_view],
        ),
        (
            QCoreApplication.translate("Welcome", "5. Watch the plots"),
            QCoreApplication.translate(
                "Welcome",
                "Loss and error rate per epoch on the training and validation sets: when "
                "validation error rises while training error falls, the net overfits.",
            ),
            [window.plots],
        ),
    ]


class TourOverlay(QWidget):
    """A see-through layer over the main window: it dims everything but the step's
    widgets and shows the step's text with Back / Next / Close."""

    finished = Signal()

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.steps = tour_steps(window)
        self.index = 0
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.card = QFrame(self)
        self.card.setObjectName("tourCard")
        self.card.setStyleSheet(
            "#tourCard { background: white; border: 2px solid #f28e2b; border-radius: 6px; }"
        )
        lay = QVBoxLayout(self.card)
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.title.setFont(font)
        self.text = QLabel()
        self.text.setWordWrap(True)
        lay.addWidget(self.title)
        lay.addWidget(self.text)
        row = QHBoxLayout()
        self.counter = QLabel()
        self.back = QPushButton(self.tr("Back"))
        self.next = QPushButton(self.tr("Next"))
        close = QPushButton(self.tr("Close"))
        self.back.setToolTip(self.tr("The previous step of the tour"))
        self.next.setToolTip(self.tr("The next step of the tour"))
        close.setToolTip(self.tr("End the tour (Esc)"))
        self.back.clicked.connect(lambda: self.go(self.index - 1))
        self.next.clicked.connect(self._next)
        close.clicked.connect(self.close)
        row.addWidget(self.counter, 1)
        row.addWidget(self.back)
        row.addWidget(self.next)
        row.addWidget(close)
        lay.addLayout(row)
        self.card.setFixedWidth(420)
        window.installEventFilter(self)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setGeometry(window.rect())
        self.go(0)

    def start(self) -> None:
        self.show()
        self.raise_()
        self.setFocus()

    def _next(self) -> None:
        if self.index + 1 >= len(self.steps):
            self.close()
        else:
            self.go(self.index + 1)

    def go(self, index: int) -> None:
        self.index = max(0, min(index, len(self.steps) - 1))
        title, text, _ = self.steps[self.index]
        self.title.setText(title)
        self.text.setText(text)
        self.counter.setText(self.tr("Step {0} of {1}").format(self.index + 1, len(self.steps)))
        self.back.setEnabled(self.index > 0)
        last = self.index + 1 == len(self.steps)
        self.next.setText(self.tr("Finish") if last else self.tr("Next"))
        self._place_card()
        self.update()

    def highlights(self) -> list[QRect]:
        """The current step's visible widgets, each a rectangle in overlay coordinates."""
        rects = []
        for w in self.steps[self.index][2]:
            if w is not None and w.isVisible():
                top_left = w.mapTo(self.window, w.rect().topLeft())
                rects.append(QRect(top_left, w.size()).adjusted(-3, -3, 3, 3))
        return rects

    def highlight(self) -> QRect:
        """The bounding rectangle of the highlighted widgets (null if none)."""
        rect = QRect()
        for r in self.highlights():
            rect = rect.united(r)
        return rect

    def _place_card(self) -> None:
        """Put the text card where it covers none of the highlighted widgets, if it can."""
        self.card.adjustSize()
        size, area, rects = self.card.size(), self.rect(), self.highlights()
        union = self.highlight()
        w, h, gap = size.width(), size.height(), 12
        if union.isNull():
            candidates = [QPoint((area.width() - w) // 2, (area.height() - h) // 2)]
        else:
            middle_y = union.top() + gap
            candidates = [
                QPoint(union.right() + gap, middle_y),
                QPoint(union.left() - w - gap, middle_y),
                QPoint(union.left(), union.bottom() + gap),
                QPoint(union.left(), union.top() - h - gap),
            ]
            for r in rects:  # beside one of the widgets, when they are far apart
                candidates += [
                    QPoint(r.right() + gap, r.top() + gap),
                    QPoint(r.left() - w - gap, r.top() + gap),
                    QPoint(r.left() + gap, r.bottom() + gap),
                    QPoint(r.left() + gap, r.top() - h - gap),
                ]
        inside = area.adjusted(8, 8, -8, -8)
        for pos in candidates:
            box = QRect(pos, size)
            if inside.contains(box) and not any(box.intersects(r) for r in rects):
                self.card.move(pos)
                return
        pos = candidates[0]
        x = max(8, min(pos.x(), area.width() - w - 8))
        y = max(8, min(pos.y(), area.height() - h - 8))
        self.card.move(x, y)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        shade = QPainterPath()
        shade.addRect(self.rect())
        holes = QPainterPath()
        for rect in self.highlights():
            holes.addRoundedRect(rect, 6, 6)
        shade = shade.subtracted(holes.simplified())
        painter.fillPath(shade, QColor(0, 0, 0, 140))
        painter.setPen(QPen(QColor("#f28e2b"), 3))
        painter.drawPath(holes.simplified())

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt's name)
        if obj is self.window and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.window.rect())
            self._place_card()
        return False

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.close()
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._next()
        elif key == Qt.Key.Key_Left:
            self.go(self.index - 1)
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        event.accept()  # the window underneath stays untouched during the tour

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.window.removeEventFilter(self)
        self.finished.emit()
        super().closeEvent(event)


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


# ---------------------------------------------------------------------------- shortcuts
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
