"""The main window: network and data plane in the middle, panels in docks, plots below."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QGraphicsItem,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nnsim import __version__
from nnsim.core.stop import StopKey, StopReason
from nnsim.gui.model.project_model import ProjectModel
from nnsim.gui.model.training import SPEEDS, TrainingController, speed_label
from nnsim.gui.panels.data_panel import DataPanel
from nnsim.gui.panels.hyper_panel import HyperPanel
from nnsim.gui.panels.network_editor import NetworkEditor
from nnsim.gui.search.dialog import SearchDialog
from nnsim.gui.shell.export import ExportAction
from nnsim.gui.shell.files import FileActions, list_examples
from nnsim.gui.shell.help import formulas_html
from nnsim.gui.shell.presentation import PresentationMode
from nnsim.gui.shell.teacher import TeacherMode
from nnsim.gui.shell.welcome import WelcomeActions
from nnsim.gui.stepper.window import StepperView
from nnsim.gui.util import i18n
from nnsim.gui.util.explanations import stop_text
from nnsim.gui.views.data_plane import DataPlaneView
from nnsim.gui.views.network_view import NetworkView
from nnsim.gui.views.neuron_map import NeuronMapView
from nnsim.gui.views.plots.summary import summary_text
from nnsim.gui.views.plots.training_plots import TrainingPlots


def cache_axes(root: QWidget) -> None:
    """Let every plot axis paint from a cached pixmap: redrawing tick labels on each frame
    of a live plot was the largest cost of the GUI thread while training."""
    for view in root.findChildren(pg.GraphicsView):
        for item in view.scene().items():
            if isinstance(item, pg.AxisItem):
                item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)


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


# The docks' names: keys of ``MainWindow.docks`` and teacher-mode groups (kept in English
# in project files); the titles shown are their translations.
DOCK_TITLES = (
    QT_TRANSLATE_NOOP("MainWindow", "Data"),
    QT_TRANSLATE_NOOP("MainWindow", "Network"),
    QT_TRANSLATE_NOOP("MainWindow", "Training"),
    QT_TRANSLATE_NOOP("MainWindow", "Neuron"),
)


class MainWindow(QMainWindow):
    def __init__(self, model: ProjectModel):
        super().__init__()
        self.model = model
        self.controller = TrainingController(model, self)
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

    def _action(self, text, slot, shortcut=None, tip="", checkable=False) -> QAction:
        act = QAction(text, self)  # text and tip: translated by the caller
        if shortcut:
            act.setShortcut(QKeySequence(shortcut))
        act.setToolTip(tip or text)
        act.setStatusTip(tip or text)
        act.setCheckable(checkable)
        act.triggered.connect(slot)
        return act

    def _build_actions(self) -> None:
        f, c = self.files, self.controller
        self.act_new = self._action(
            self.tr("&New"), f.new, QKeySequence.StandardKey.New, self.tr("New project")
        )
        self.act_open = self._action(
            self.tr("&Open…"),
            lambda: f.open(),
            QKeySequence.StandardKey.Open,
            self.tr("Open a project file"),
        )
        self.act_save = self._action(
            self.tr("&Save"), f.save, QKeySequence.StandardKey.Save, self.tr("Save")
        )
        self.act_save_as = self._action(
            self.tr("Save &As…"),
            f.save_as,
            QKeySequence.StandardKey.SaveAs,
            self.tr("Save under a new name"),
        )
        self.act_export = ExportAction(self.model, c, self).action
        self.act_quit = self._action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        self.act_undo = self.model.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.act_undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.act_redo = self.model.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.act_redo.setShortcut(QKeySequence.StandardKey.Redo)
        self.act_play = self._action(
            self.tr("&Play"),
            c.toggle,
            "Space",
            self.tr("Play / pause training (Space): SGD updates theta <- theta - alpha_t v"),
        )
        self.act_step_sample = self._action(
            self.tr("Step one &sample"),
            lambda: c.step("sample"),
            "Ctrl+1",
            self.tr("One SGD update on the next single training sample (Ctrl+1)"),
        )
        self.act_step_batch = self._action(
            self.tr("Step one &mini-batch"),
            lambda: c.step("batch"),
            "Ctrl+2",
            self.tr(
                "One SGD update on the next mini-batch: the gradient is the batch average (Ctrl+2)"
            ),
        )
        self.act_step_epoch = self._action(
            self.tr("Step one &epoch"),
            lambda: c.step("epoch"),
            "Ctrl+3",
            self.tr(
                "Train to the end of the current epoch: one pass over the training set (Ctrl+3)"
            ),
        )
        self.act_reset = self._action(
            self.tr("&Reset weights"),
            c.reset,
            "Ctrl+R",
            self.tr(
                "Re-initialize the weights with the seed (biases 0) and clear the history (Ctrl+R)"
            ),
        )
        self.act_search = self._action(
            self.tr("Hyperparameter &search…"),
            self.show_search,
            "Ctrl+Shift+H",
            self.tr(
                "Grid or random search over learning rate, hidden sizes, lambda, momentum, "
                "batch size, schedule and epochs, chosen by validation error (the test set is "
                "used once)"
            ),
        )
        self.act_capacity = self._action(
            self.tr("&Capacity sweep…"),
            self._capacity_sweep,
            None,
            self.tr(
                "Train and validation error against the number of hidden units 1..32: "
                "underfitting to overfitting"
            ),
        )
        self.act_backprop = self._action(
            self.tr("&Backprop step by step…"),
            self.show_stepper,
            "Ctrl+B",
            self.tr("Walk through one SGD update on a chosen point, number by number (Ctrl+B)"),
        )
        # The toolbar's shorter label (the menu keeps the full text).
        self.act_backprop.setIconText(self.tr("Backprop step by step"))
        for act in (self.act_play, self.act_step_sample, self.act_step_batch, self.act_step_epoch):
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)

    def _build_menus(self) -> None:
        mb = self.menuBar()
        m = mb.addMenu(self.tr("&File"))
        m.addActions([self.act_new, self.act_open])
        self.recent_menu = m.addMenu(self.tr("Open &Recent"))
        self.examples_menu = m.addMenu(self.tr("&Examples"))
        m.addSeparator()
        m.addActions([self.act_save, self.act_save_as, self.act_export])
        m.addSeparator()
        m.addAction(self.act_quit)
        m = mb.addMenu(self.tr("&Edit"))
        m.addActions([self.act_undo, self.act_redo])
        m = mb.addMenu(self.tr("&Training"))
        m.addActions(
            [
                self.act_play,
                self.act_step_sample,
                self.act_step_batch,
                self.act_step_epoch,
                self.act_reset,
            ]
        )
        m.addSeparator()
        m.addAction(self.act_backprop)
        m.addSeparator()
        m.addActions([self.act_search, self.act_capacity])
        m = self.view_menu = mb.addMenu(self.tr("&View"))
        for dock in self.docks.values():
            m.addAction(dock.toggleViewAction())
        m = self.help_menu = mb.addMenu(self.tr("&Help"))
        m.addAction(self._action(self.tr("Lecture &formulas"), self._show_formulas, "F1"))
        m.addAction(self._action(self.tr("&About nnsim"), self._show_about))
        self._fill_recent()
        self._fill_examples()

    def _build_language_menu(self, view_menu) -> None:
        """View > Language: the languages of ``i18n.LANGUAGES``, applied at the next start."""
        self.language_menu = view_menu.addMenu(self.tr("&Language"))
        self.language_group = QActionGroup(self)
        self.language_group.setExclusive(True)
        current = i18n.chosen_language()
        self.language_actions = {}
        for code, name in i18n.LANGUAGES.items():
            act = self.language_menu.addAction(name)  # each language in its own words
            act.setCheckable(True)
            act.setChecked(code == current)
            act.setData(code)
            act.triggered.connect(lambda _=False, c=code: self.choose_language(c))
            self.language_group.addAction(act)
            self.language_actions[code] = act

    def choose_language(self, code: str) -> None:
        """Remember the language for the next start and say so in the status bar."""
        i18n.set_language(code)
        self.language_actions[code].setChecked(True)
        self.statusBar().showMessage(
            self.tr("The language changes when nnsim starts again."), 10000
        )

    def _build_toolbar(self) -> None:
        tb = QToolBar(self.tr("Training"))
        tb.setObjectName("toolbar_training")
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(tb)
        tb.addActions(
            [
                self.act_play,
                self.act_step_sample,
                self.act_step_batch,
                self.act_step_epoch,
                self.act_reset,
            ]
        )
        tb.addSeparator()
        tb.addAction(self.act_backprop)
        tb.addSeparator()
        tb.addWidget(QLabel(self.tr(" Speed ")))
        self.speed = QComboBox()
        for label, _ in SPEEDS:
            self.speed.addItem(speed_label(label))
        self.speed.setCurrentIndex(len(SPEEDS) - 1)
        self.speed.setToolTip(
            self.tr("How fast training runs: slow speeds let you watch single updates")
        )
        self.speed.currentIndexChanged.connect(self._speed_changed)
        tb.addWidget(self.speed)
        tb.addSeparator()
        self.epoch_label = QLabel()
        self.epoch_label.setToolTip(self.tr("Completed epochs (passes over the training set)"))
        tb.addWidget(self.epoch_label)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.files.recent_files()
        for path in recent:
            self.recent_menu.addAction(path, lambda p=path: self.files.open(p))
        self.recent_menu.setEnabled(bool(recent))

    def _fill_examples(self) -> None:
        self.examples_menu.clear()
        examples = list_examples()
        for ex in examples:
            act = self.examples_menu.addAction(
                ex["title"], lambda f=ex["file"]: self.files.open_example(f)
            )
            act.setToolTip(ex.get("claim", ""))
            act.setStatusTip(ex.get("claim", ""))
        self.examples_menu.setToolTipsVisible(True)
        self.examples_menu.setEnabled(bool(examples))

    # ------------------------------------------------------------------ reactions
    def _project_replaced(self) -> None:
        self._update_title()
        self._update_status()
        description = self.model.project.description
        if description:
            self.banner.show_message(description)
        else:
            self.banner.hide()

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

    def _training_stopped(self, stop: StopReason) -> None:
        self._update_status()
        message = stop_text(stop)
        if stop.key is StopKey.DIVERGED:
            self.banner.show_message("⚠ " + message)
        else:
            self.statusBar().showMessage(message, 8000)

    def _speed_changed(self, index: int) -> None:
        running = self.controller.running
        self.controller.pause()
        self.controller.speed = SPEEDS[index][1]
        if running:
            self.controller.play()

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
        s = QSettings()
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        event.accept()
