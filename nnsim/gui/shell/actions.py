"""The window's actions, menus and training toolbar (texts, shortcuts and tooltips).

A mixin of ``MainWindow``: the actions stay attributes of the window (``act_play``, ...)
because the teacher mode, the tour, the shortcuts table and the tests reach them there.
Texts are translated in the context "MainWindow" (``tr`` looks the class up first).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QComboBox, QLabel, QToolBar

from nnsim.gui.model.training import SPEEDS, speed_label
from nnsim.gui.shell.export import ExportAction
from nnsim.gui.shell.files import list_examples
from nnsim.gui.util import i18n


class WindowActions:
    """Builds ``act_*``, the menu bar and the toolbar of a ``MainWindow``."""

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
        # Undo and Redo are the window's own actions, not the stack's: the lesson lock
        # (lesson_lock.py) enables them only for a command that changes nothing locked.
        stack = self.model.undo_stack
        self.act_undo = self._action(self.tr("&Undo"), stack.undo, QKeySequence.StandardKey.Undo)
        self.act_redo = self._action(self.tr("&Redo"), stack.redo, QKeySequence.StandardKey.Redo)
        # bound methods, not lambdas: Qt disconnects them when the window goes
        stack.undoTextChanged.connect(self._undo_text_changed)
        stack.redoTextChanged.connect(self._redo_text_changed)
        self.act_undo.setEnabled(False)
        self.act_redo.setEnabled(False)
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

    def _undo_text_changed(self, text: str) -> None:
        self.act_undo.setText(f"{self.tr('&Undo')} {text}" if text else self.tr("&Undo"))

    def _redo_text_changed(self, text: str) -> None:
        self.act_redo.setText(f"{self.tr('&Redo')} {text}" if text else self.tr("&Redo"))

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
        self.act_formulas = self._action(self.tr("Lecture &formulas"), self._show_formulas, "F1")
        self.act_about = self._action(self.tr("&About nnsim"), self._show_about)
        m.addActions([self.act_formulas, self.act_about])
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

    def _speed_changed(self, index: int) -> None:
        self.controller.set_speed(SPEEDS[index][1])
