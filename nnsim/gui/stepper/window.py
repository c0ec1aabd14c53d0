"""Step-by-step backpropagation on the student's own network and data.

`StepperView(model, controller)` walks through one SGD update on a training point (or a
mini-batch): setup, forward layer by layer, output and loss, output gradient, the backward
pass from the top layer down, the update, and the losses after it. Every number is the
engine's (`nnsim.explain`, built on `trace_sample`: what ``nnsim trace --json`` prints);
the words are `nnsim.gui.stepper.render`'s. Stepping past the update applies it to the
project as one undoable edit; going back past it restores the earlier weights bit for
bit. The stage list is a history: click any earlier stage to return to it, across
several updates.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QSplitter, QTabWidget, QVBoxLayout, QWidget

from nnsim.explain.records import Stage
from nnsim.gui.model.project_model import ProjectModel
from nnsim.gui.stepper.controls import StepperBar
from nnsim.gui.stepper.diagram import StepDiagram
from nnsim.gui.stepper.gradcheck_view import GradientCheckView
from nnsim.gui.stepper.history import StepHistory
from nnsim.gui.stepper.ledger_view import LedgerView
from nnsim.gui.stepper.stage_list import StageList
from nnsim.gui.stepper.stage_panel import StagePanel
from nnsim.gui.stepper.steps import Step, batch_of, nearest_training
from nnsim.project.enums import Split

LEDGER_PT = 12.0
GRADCHECK_TAB = 1


class StepperView(QWidget):
    """Step through one backprop update; see the module docstring.

    Signals
    -------
    stage_changed(int)
        The position in the stage history changed (flat index).
    """

    stage_changed = Signal(int)

    def __init__(self, model: ProjectModel, controller=None, parent=None):
        super().__init__(parent)
        self.model = model
        self.controller = controller
        self.history = StepHistory(model, self)
        self.sample = -1
        self._stale = False
        self._digits = 4
        self._build_ui()
        for sig in (model.data_changed, model.network_changed, model.hyper_changed):
            sig.connect(self._project_changed)
        model.project_replaced.connect(self._project_changed)
        model.weights_changed.connect(self._training_moved)
        model.selected_point_changed.connect(self._selected_point)
        self._restart(self._initial_sample())

    # ------------------------------------------------------------------ UI
    def _build_ui(self) -> None:
        self.setWindowTitle(self.tr("Backpropagation step by step"))
        big = QFont(self.font())
        big.setPointSizeF(LEDGER_PT)
        self.setFont(big)
        root = QVBoxLayout(self)
        self.bar = StepperBar(self._digits)
        root.addWidget(self.bar)
        self._connect_bar()
        self.note = QLabel()
        self.note.setStyleSheet("color: #a0522d;")
        self.note.setWordWrap(True)
        self.note.hide()
        root.addWidget(self.note)
        split = QSplitter(Qt.Orientation.Horizontal)
        root.addWidget(split, 1)
        self.stage_list = StageList()
        self.stage_list.stage_clicked.connect(self._list_clicked)
        split.addWidget(self.stage_list)
        right = QWidget()
        split.addWidget(right)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        self.panel = StagePanel()
        rl.addWidget(self.panel)
        lower = QSplitter(Qt.Orientation.Horizontal)
        rl.addWidget(lower, 1)
        self.diagram = StepDiagram()
        lower.addWidget(self.diagram)
        self.tabs = QTabWidget()
        lower.addWidget(self.tabs)
        self.ledger_view = LedgerView()
        self.ledger_view.table.horizontalHeader().setFont(big)
        self.tabs.addTab(self.ledger_view, self.tr("Ledger"))
        self.gradcheck = GradientCheckView()
        self.gradcheck.requested.connect(lambda: self._gradient_check(force=True))
        self.tabs.addTab(self.gradcheck, self.tr("Gradient check"))
        self.tabs.currentChanged.connect(lambda _i: self._gradient_check())
        split.setSizes([215, 1045])
        lower.setSizes([560, 485])
        # The widgets a student (and a test) works with, by their role.
        self.formula_label = self.panel.formula_label
        self.matrix_label = self.panel.matrix_label
        self.ledger = self.ledger_view.table
        self.filter_edit = self.ledger_view.filter_edit
        self.gc_table, self.gc_summary = self.gradcheck.table, self.gradcheck.summary

    def _connect_bar(self) -> None:
        bar = self.bar
        self.sample_spin, self.batch_spin = bar.sample_spin, bar.batch_spin
        self.digits_spin, self.class_label = bar.digits_spin, bar.class_label
        self.back_button, self.next_button = bar.back_button, bar.next_button
        self.sample_spin.valueChanged.connect(self._spin_sample)
        self.batch_spin.valueChanged.connect(lambda _v: self._restart(self.sample))
        self.digits_spin.valueChanged.connect(self._set_digits)
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        for keys, slot in (
            ((Qt.Key.Key_Right, Qt.Key.Key_N), self.next),
            ((Qt.Key.Key_Left, Qt.Key.Key_B), self.back),
        ):
            for key in keys:
                sc = QShortcut(QKeySequence(key), self)
                sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                sc.activated.connect(slot)

    # ------------------------------------------------------------------ reading
    @property
    def steps(self) -> list[Step]:
        return self.history.steps

    @property
    def positions(self) -> list[tuple[int, int]]:
        """The flat history: (step, stage) pairs."""
        return self.history.positions

    @property
    def pos(self) -> int:
        return self.history.pos

    @property
    def version(self) -> int:
        """The number of updates of the history applied to the project."""
        return self.history.version

    @property
    def stage(self) -> Stage | None:
        return self.history.stage

    @property
    def step(self) -> Step | None:
        return self.history.step

    def training_indices(self) -> np.ndarray:
        return np.flatnonzero(self.model.project.data.split == Split.TRAIN)

    def ledger_texts(self) -> list[str]:
        """``quantity = formula = value`` of the visible ledger rows (what Copy copies)."""
        return self.ledger_view.texts()

    # ------------------------------------------------------------------ sample
    def _initial_sample(self) -> int:
        train = self.training_indices()
        sel = self.model.selected_point
        if sel in set(train.tolist()):
            return int(sel)
        return int(train[0]) if len(train) else -1

    def _spin_sample(self, value: int) -> None:
        train = self.training_indices()
        if not len(train):
            return
        if value not in set(train.tolist()):
            value = nearest_training(train, value, forward=value > self.sample)
            with QSignalBlocker(self.sample_spin):
                self.sample_spin.setValue(value)
        if value != self.sample:
            self.set_sample(value)

    def _selected_point(self, index: int) -> None:
        if index < 0 or index == self.sample:
            return
        if index not in set(self.training_indices().tolist()):
            split = int(self.model.project.data.split[index])
            text = (
                self.tr(
                    "Point #{index} is a training point: the stepper uses training points only."
                ),
                self.tr(
                    "Point #{index} is a validation point: the stepper uses training points only."
                ),
                self.tr("Point #{index} is a test point: the stepper uses training points only."),
            )[split]
            self._show_note(text.format(index=index))
            return
        self.set_sample(index)

    def set_sample(self, index: int) -> None:
        """Step through an update on the training point ``index`` (from the current
        weights; the history before the current point is kept)."""
        self._restart(index)

    # ------------------------------------------------------------------ history
    def _new_step(self, sample: int) -> Step | None:
        train = self.training_indices()
        indices = batch_of(train, sample, self.batch_spin.value())
        return self.history.new_step(indices, self._digits) if indices else None

    def _restart(self, sample: int) -> None:
        """Keep the history up to the current version, then a new step on ``sample``."""
        self._pause()
        h = self.history
        h.clear(keep_applied=bool(h.positions) and not self._stale)
        self._stale = False
        self.sample = sample
        with QSignalBlocker(self.sample_spin):
            self.sample_spin.setRange(0, max(self.model.project.data.n - 1, 0))
            if sample >= 0:
                self.sample_spin.setValue(sample)
        with QSignalBlocker(self.batch_spin):
            self.batch_spin.setMaximum(max(1, min(64, len(self.training_indices()))))
        step = self._new_step(sample)
        if step is None:
            h.clear(keep_applied=False)
            self._show_note(
                self.tr("There are no training points: add points or change the split.")
            )
            self._refresh()
            return
        h.append(step)
        h.version = len(h.steps) - 1
        h.pos = next(n for n, (s, _) in enumerate(h.positions) if s == len(h.steps) - 1)
        if sample != self.model.selected_point:
            self.model.set_selected_point(sample)
        self._refresh()

    def _set_digits(self, digits: int) -> None:
        self._digits = digits
        self.history.rewrite(digits)
        self._refresh()

    # ------------------------------------------------------------------ navigation
    def next(self) -> None:
        if not self.positions or not self._fresh():
            return
        if self.pos + 1 < len(self.positions):
            self.go_to(self.pos + 1)
            return
        # Past the last stage: a new update on the same sample, from the new weights.
        step = self._new_step(self.sample)
        if step is None:
            return
        self.history.append(step)
        self.go_to(self.pos + 1)

    def back(self) -> None:
        if self.positions and self.pos > 0 and self._fresh():
            self.go_to(self.pos - 1)

    def go_to(self, flat: int) -> None:
        """Show the stage at ``flat`` in the history, applying or undoing updates so the
        project's weights are the ones of that point."""
        if not 0 <= flat < len(self.positions):
            return
        target = self.history.version_at(flat)
        if target != self.version:
            self._pause()
            self.history.set_version(target)
        self.history.pos = flat
        self._refresh()
        self.stage_changed.emit(flat)

    def _list_clicked(self, flat: int) -> None:
        if flat != self.pos and self._fresh():
            self.go_to(flat)

    # ------------------------------------------------------------------ outside changes
    def _pause(self) -> None:
        if self.controller is not None:
            self.controller.pause()

    def _fresh(self) -> bool:
        """Before a move: the project must still be where the history left it; else the
        history restarts from the current project (and False is returned)."""
        self._pause()
        p = self.model.project
        ok = not self._stale and self.history.matches()
        if not ok:
            self._stale = True
            sample = self.sample if self.sample < p.data.n else self._initial_sample()
            if sample not in set(self.training_indices().tolist()):
                sample = self._initial_sample()
            self._restart(sample)
            self._show_note(
                self.tr("The project changed: the step restarted from the current weights.")
            )
        return ok

    def _project_changed(self) -> None:
        if self.history.applying:
            return
        if self.controller is not None and self.controller.running:
            self._training_moved()
            return
        self._stale = True
        self._fresh()

    def _training_moved(self) -> None:
        if self.history.applying or self._stale:
            return
        self._stale = True
        self._show_note(
            self.tr("Training moved the weights: press Next to restart the step from them.")
        )

    def _show_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))

    # ------------------------------------------------------------------ display
    def _refresh(self) -> None:
        stage = self.stage
        self.stage_list.show_history(self.steps, self.positions, self.pos)
        self.next_button.setEnabled(stage is not None)
        self.back_button.setEnabled(stage is not None and self.pos > 0)
        self.panel.show_stage(stage, self._digits)
        self.ledger_view.show_stage(stage)
        if stage is None:
            self.class_label.setText("")
            self.diagram.show_stage([], None, self._digits)
            return
        if not self._stale:
            self._show_note("")
        self.bar.show_sample(self.model.project, self.sample, self._digits)
        step = self.step
        s, i = self.positions[self.pos]
        self.bar.show_position(s, i, len(step.stages), applied=self.version > s)
        self.diagram.show_stage(step.plan.net.sizes, stage, self._digits)
        self.gradcheck.forget()
        self._gradient_check()

    def _gradient_check(self, force: bool = False) -> None:
        if self.tabs.currentIndex() != GRADCHECK_TAB and not force:
            return
        step, stage = self.step, self.stage
        if step is None:
            return
        plan = step.plan
        samples = [stage.sample] if stage.sample is not None else list(range(len(plan.traces)))
        key = (id(step), tuple(samples))
        self.gradcheck.check(key, plan, samples, self._digits, force)
