"""The main window: network and data plane in the middle, panels in docks, plots below."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QGraphicsItem,
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from nnsim import __version__
from nnsim.gui.model.project_model import ProjectModel
from nnsim.gui.model.session import Session
from nnsim.gui.panels.data_panel import DataPanel
from nnsim.gui.panels.hyper_panel import HyperPanel
from nnsim.gui.panels.network_editor import NetworkEditor
from nnsim.gui.search.dialog import SearchDialog
from nnsim.gui.shell.actions import WindowActions
from nnsim.gui.shell.autosave import Autosave
from nnsim.gui.shell.files import FileActions
from nnsim.gui.shell.help import formulas_html
from nnsim.gui.shell.lesson_lock import LessonLock
from nnsim.gui.shell.presentation import PresentationMode
from nnsim.gui.shell.status import Banner, WindowStatus
from nnsim.gui.shell.teacher import TeacherMode
from nnsim.gui.shell.welcome import WelcomeActions
from nnsim.gui.stepper.window import StepperView
from nnsim.gui.util.errors import show_failure
from nnsim.gui.views.data_plane import DataPlaneView
from nnsim.gui.views.network_view import NetworkView
from nnsim.gui.views.neuron_map import NeuronMapView
from nnsim.gui.views.plots.training_plots import TrainingPlots


def cache_axes(root: QWidget) -> None:
    """Let every plot axis paint from a cached pixmap: redrawing tick labels on each frame
    of a live plot was the largest cost of the GUI thread while training."""
    for view in root.findChildren(pg.GraphicsView):
        for item in view.scene().items():
            if isinstance(item, pg.AxisItem):
                item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)


# The docks' names: keys of ``MainWindow.docks`` and teacher-mode groups (kept in English
# in project files); the titles shown are their translations.
DOCK_TITLES = (
    QT_TRANSLATE_NOOP("MainWindow", "Data"),
    QT_TRANSLATE_NOOP("MainWindow", "Network"),
    QT_TRANSLATE_NOOP("MainWindow", "Training"),
    QT_TRANSLATE_NOOP("MainWindow", "Neuron"),
)


class MainWindow(WindowActions, WindowStatus, QMainWindow):
    """Network and data plane in the middle, panels in docks, plots below."""

    def __init__(self, model: ProjectModel):
        super().__init__()
        self.model = model
        self.controller = Session(model, self)
        self.files = FileActions(model, self.controller, self)
        self.stepper: StepperView | None = None
        self._search: SearchDialog | None = None
        self.setWindowTitle("nnsim")
        self._default_size()

        self.network_view = NetworkView(model, self.controller)
        self.plane = DataPlaneView(model, self.controller)
        self.plots = TrainingPlots(model)
        self.banner = Banner()

        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.network_view)
        top.addWidget(self.plane)
        top.setStretchFactor(0, 1)
        top.setStretchFactor(1, 1)
        vsplit = QSplitter(Qt.Orientation.Vertical)
        vsplit.addWidget(top)
        vsplit.addWidget(self.plots)
        vsplit.setStretchFactor(0, 3)
        vsplit.setStretchFactor(1, 2)
        vsplit.setSizes([560, 380])
        central = QWidget()
        lay = QVBoxLayout(central)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.banner)
        lay.addWidget(vsplit, 1)
        self.setCentralWidget(central)

        self.data_panel = DataPanel(model, self.controller, self.plane)
        self.network_editor = NetworkEditor(model, self.controller)
        self.hyper_panel = HyperPanel(model)
        self.neuron_map = NeuronMapView(model)
        self.network_view.neuron_clicked.connect(self.neuron_map.show_neuron)
        self.docks = {}
        self._add_dock("Data", self.data_panel, Qt.DockWidgetArea.LeftDockWidgetArea)
        self._add_dock("Network", self.network_editor, Qt.DockWidgetArea.LeftDockWidgetArea)
        self._add_dock("Training", self.hyper_panel, Qt.DockWidgetArea.RightDockWidgetArea)
        self._add_dock("Neuron", self.neuron_map, Qt.DockWidgetArea.RightDockWidgetArea)
        self.resizeDocks(
            [self.docks["Data"], self.docks["Training"]], [290, 390], Qt.Orientation.Horizontal
        )
        self.resizeDocks(
            [self.docks["Training"], self.docks["Neuron"]], [560, 400], Qt.Orientation.Vertical
        )

        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)

        model.dirty_changed.connect(self._update_title)
        model.path_changed.connect(self._update_title)
        model.project_replaced.connect(self._project_replaced)
        model.history_changed.connect(self._schedule_status)
        model.network_changed.connect(self._schedule_status)
        self.controller.running_changed.connect(self._running_changed)
        self.controller.stopped.connect(self._training_stopped)
        self.controller.failed.connect(self.banner.show_message)
        self.controller.state_changed.connect(self._training_state_changed)
        self.controller.crashed.connect(lambda failure: show_failure(self, failure))
        self.files.recent_changed.connect(self._fill_recent)
        self._status_timer = QTimer(self, singleShot=True, interval=200)
        self._status_timer.timeout.connect(self._update_status)
        self._restore_layout()
        self._project_replaced()
        self.teacher = TeacherMode(self)
        self.presentation = PresentationMode(self)
        self.welcome = WelcomeActions(self)
        self.view_menu.addSeparator()
        self._build_language_menu(self.view_menu)
        self.lesson_lock = LessonLock(self)  # last: it switches every command built above
        self.autosave = Autosave(self)
        cache_axes(self)

    # ------------------------------------------------------------------ building
    def _default_size(self) -> None:
        """1600 x 1000, or 90 % of a smaller screen (a saved layout overrides this)."""
        screen = QGuiApplication.primaryScreen()
        avail = screen.availableGeometry() if screen else None
        width, height = 1600, 1000
        if avail is not None:
            width = min(width, int(avail.width() * 0.9))
            height = min(height, int(avail.height() * 0.9))
        self.resize(width, height)

    def _add_dock(self, title: str, widget: QWidget, area) -> None:
        from PySide6.QtWidgets import QDockWidget

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(widget)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        # Panels scroll vertically only: never cut a field off at the side.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        bar = scroll.verticalScrollBar().sizeHint().width()
        needed = widget.minimumSizeHint().width()
        for inner in widget.findChildren(QScrollArea):  # a panel that scrolls by itself
            if inner.widget() is not None:
                inner.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
                needed = max(needed, inner.widget().minimumSizeHint().width() + bar)
        scroll.setMinimumWidth(min(needed + bar + 4, 440))
        dock = QDockWidget(self.tr(title), self)
        dock.setObjectName(f"dock_{title}")
        dock.setWidget(scroll)
        self.addDockWidget(area, dock)
        self.docks[title] = dock

    # ------------------------------------------------------------------ reactions
    def _project_replaced(self) -> None:
        self._update_title()
        self._update_status()
        description = self.model.project.description
        if description:
            self.banner.show_message(description)
        else:
            self.banner.hide()

    def show_stepper(self) -> StepperView:
        """The step-by-step backprop window (one per main window, created on first use)."""
        if self.stepper is None:
            self.stepper = StepperView(self.model, self.controller)
            self.stepper.setParent(self, Qt.WindowType.Window)
            self.stepper.setWindowTitle(self.tr("Backpropagation step by step — nnsim"))
            self.stepper.resize(1280, 800)
        self.controller.pause()
        self.stepper.show()
        self.stepper.raise_()
        self.stepper.activateWindow()
        return self.stepper

    def search_dialog(self) -> SearchDialog:
        if self._search is None:
            self._search = SearchDialog(self.model, self.controller, self)
            self.lesson_lock.apply()
        return self._search

    def show_search(self) -> SearchDialog:
        dialog = self.search_dialog()
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def _capacity_sweep(self) -> None:
        dialog = self.show_search()
        dialog.preset_capacity_sweep()
        dialog.start()

    def _show_formulas(self) -> None:
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("Lecture formulas"))
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(formulas_html())
        box.open()

    def _show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About nnsim"),
            self.tr(
                "<b>nnsim {version}</b><br>A neural-network simulator for the classroom."
            ).format(version=__version__),
        )

    # ------------------------------------------------------------------ layout and closing
    def _restore_layout(self) -> None:
        s = QSettings()
        geometry = s.value("window/geometry")
        state = s.value("window/state")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            self.restoreState(state)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if not self.files.maybe_save():
            event.ignore()
            return
        if self._search is not None:
            self._search.shutdown()
        self.controller.shutdown()
        self.autosave.stop()  # a clean exit leaves nothing to recover
        s = QSettings()
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        event.accept()
