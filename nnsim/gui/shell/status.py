"""What the window tells without asking: the title, the status bar, the epoch counter and
the banner for messages that must not interrupt training."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from nnsim.core.stop import StopKey, StopReason
from nnsim.gui.model.session import PAUSING
from nnsim.gui.util.explanations import stop_text
from nnsim.gui.views.plots.summary import summary_text


class Banner(QWidget):
    """A closable message strip above the plots (never a modal dialog during training)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("banner")
        # its own light colours, readable in dark themes too
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(
            "#banner { background: #fff3cd; border: 1px solid #e0c36a; border-radius: 4px; }"
            " QLabel { color: #5c4400; }"
        )
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 4, 4, 4)
        self.label = QLabel()
        self.label.setWordWrap(True)
        close = QToolButton()
        close.setText("✕")
        close.setToolTip(self.tr("Hide this message"))
        close.clicked.connect(self.hide)
        lay.addWidget(self.label, 1)
        lay.addWidget(close)
        self.hide()

    def show_message(self, text: str) -> None:
        self.label.setText(text)
        self.show()


class WindowStatus:
    """A mixin of ``MainWindow``: keeps its title, status line and epoch label current."""

    def _update_title(self, *_):
        self.setWindowTitle(self.tr("{name}[*] — nnsim").format(name=self.files.display_name()))
        self.setWindowModified(self.model.dirty)

    def _schedule_status(self) -> None:
        if not self._status_timer.isActive():
            self._status_timer.start()

    def _update_status(self) -> None:
        text = summary_text(self.model)
        self.status_label.setText(text)
        epoch = self.model.history[-1].epoch if self.model.history else 0
        self.epoch_label.setText(self.tr(" Epoch {n} ").format(n=epoch))

    def _running_changed(self, running: bool) -> None:
        self.act_play.setText(self.tr("&Pause") if running else self.tr("&Play"))
        if running:
            self.banner.hide()

    def _training_state_changed(self, state: str) -> None:
        if state == PAUSING:  # the child answers within a snapshot; the window goes on
            self.act_play.setText(self.tr("Pausing…"))

    def _training_stopped(self, stop: StopReason) -> None:
        self._update_status()
        message = stop_text(stop)
        if stop.key is StopKey.DIVERGED:
            self.banner.show_message("⚠ " + message)
        else:
            self.statusBar().showMessage(message, 8000)
