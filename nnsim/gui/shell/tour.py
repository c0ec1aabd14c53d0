"""The tour of the window: five steps, each dimming everything but the part it explains."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolBar,
    QVBoxLayout,
    QWidget,
)


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
