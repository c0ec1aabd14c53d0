"""The hyperparameter search dialog: set up grid or random search, run it on both cores
without freezing the window, read the results, apply the best.

The window's one worker adapter (`nnsim.gui.util.worker.Worker`) runs
`nnsim.runtime.search.run_search` (a plain generator) on a thread; the generator itself
farms the trials out to worker processes, so the thread only waits. Progress crosses to
the GUI thread as typed messages, at most one per finished trial.
"""

from __future__ import annotations

import os
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from nnsim.gui.model.project_model import ProjectModel
from nnsim.gui.search.cluster import ClusterField, cluster_error_text
from nnsim.gui.search.form import TEST_NOTE_BEFORE, ParamRow, search_note
from nnsim.gui.search.results import ResultsPlot, ResultsTable
from nnsim.gui.util.worker import Worker
from nnsim.project.enums import Task
from nnsim.project.searching import apply_best, search_doc, trial_spec
from nnsim.runtime.cluster import ClusterError, executor_for
from nnsim.runtime.messages import Failed, Progress
from nnsim.runtime.search import (
    PARAMS,
    SearchError,
    SearchSpace,
    run_search,
)


def _search(spec, space: SearchSpace, workers: int, cluster: str, post, cancelled) -> None:
    """The search's thread: ``run_search`` waits on its worker processes (or the Dask
    ``cluster``'s); each progress record crosses to the GUI thread as a
    ``messages.Progress``, a cluster that cannot run it as the `ClusterError` record."""
    try:
        with executor_for(cluster, workers) as (executor, slots):
            trials = run_search(
                spec, space, slots, cancel=cancelled, in_process=False, executor=executor
            )
            for progress in trials:
                post(Progress(progress))
    except ClusterError as e:
        post(e)


class SearchDialog(QDialog):
    """Non-modal: set up a search, watch it run, read the results, apply the best."""

    def __init__(self, model: ProjectModel, controller=None, parent=None):
        super().__init__(parent)
        self.model = model
        self.controller = controller
        self.setWindowTitle(self.tr("Hyperparameter search"))
        self.setModal(False)
        self.runner = Worker("nnsim-search", self)
        self.runner.received.connect(self._received)
        self._outcome = None  # the last finished search of this session (with weights)
        self._abandoned = False  # the project was replaced while a search ran

        self.grid_radio = QRadioButton(self.tr("Grid search"))
        self.grid_radio.setToolTip(self.tr("Train every combination of the listed values"))
        self.random_radio = QRadioButton(self.tr("Random search"))
        self.random_radio.setToolTip(
            self.tr(
                "Train N configurations drawn at random from the ranges (often finds good "
                "values with fewer trials than a grid when only some parameters matter)"
            )
        )
        group = QButtonGroup(self)
        group.addButton(self.grid_radio)
        group.addButton(self.random_radio)
        self.grid_radio.setChecked(True)
        self.trials = QSpinBox(minimum=1, maximum=10_000, value=20)
        self.trials.setToolTip(self.tr("Random search: how many configurations to draw"))
        self.seed = QSpinBox(minimum=0, maximum=2**31 - 1, value=0)
        self.seed.setToolTip(
            self.tr("Random search: the seed of the draws (same seed, same trials)")
        )
        self.workers = QSpinBox(minimum=1, maximum=max(1, os.cpu_count() or 1))
        self.workers.setValue(min(2, self.workers.maximum()))
        self.workers.setToolTip(self.tr("Processes training in parallel (one per core)"))
        self.cluster = ClusterField(self.workers)
        self.rows = {name: ParamRow(name) for name in PARAMS}
        self.penalty = QComboBox()
        self.penalty.addItem("L2", "l2")
        self.penalty.addItem("L1", "l1")
        self.penalty.setToolTip(
            self.tr("Which penalty lambda belongs to: L2 lambda ||W||^2 or L1 lambda sum|W|")
        )
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setWordWrap(True)

        self.start_button = QPushButton(self.tr("Start"))
        self.start_button.setToolTip(self.tr("Train every configuration (on all cores)"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop after the trials that are running now"))
        self.apply_button = QPushButton(self.tr("Apply best"))
        self.apply_button.setToolTip(
            self.tr(
                "Load the chosen configuration and its trained weights into the project (undoable)"
            )
        )
        self.progress = QProgressBar()
        self.progress.setFormat(self.tr("%v of %m trials"))
        self.status = QLabel(" ")
        self.test_note = QLabel(self.tr(TEST_NOTE_BEFORE))
        self.test_note.setWordWrap(True)
        self.test_note.setStyleSheet(
            "QLabel { background: #e8f1fb; border: 1px solid #9ec1e6; border-radius: 4px;"
            " padding: 6px; color: #123; font-weight: bold; }"
        )
        self.test_note.setToolTip(
            self.tr(
                "Choosing by the test error would make it an optimistic estimate: the test "
                "set is kept for one final, honest measurement."
            )
        )
        self.table = ResultsTable()
        self.plot = ResultsPlot()

        self._build_layout()
        self.grid_radio.toggled.connect(self._method_changed)
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.apply_button.clicked.connect(self.apply_best)
        self.rows["learning_rate"].check.setChecked(True)
        self.rows["hidden"].check.setChecked(True)
        model.project_replaced.connect(self._project_replaced)
        self._method_changed()
        self._show_saved()
        self._set_running(False)
        self.resize(1100, 680)

    def _build_layout(self) -> None:
        setup = QGroupBox(self.tr("What to try"))
        grid = QGridLayout(setup)
        grid.addWidget(self.grid_radio, 0, 0)
        grid.addWidget(self.random_radio, 0, 1)
        for i, row in enumerate(self.rows.values(), start=1):
            grid.addWidget(row.check, i, 0)
            grid.addWidget(row.edit, i, 1)
            if row.name == "reg_lambda":
                grid.addWidget(self.penalty, i, 2)
        n = len(self.rows) + 1
        for j, (label, widget) in enumerate(
            (
                (self.tr("Trials"), self.trials),
                (self.tr("Seed"), self.seed),
                (self.tr("Processes"), self.workers),
                (self.tr("Cluster"), self.cluster),
            )
        ):
            grid.addWidget(QLabel(label), n + j, 0)
            grid.addWidget(widget, n + j, 1)
        grid.addWidget(self.error_label, n + 4, 0, 1, 3)
        grid.setColumnStretch(1, 1)
        buttons = QHBoxLayout()
        for b in (self.start_button, self.cancel_button, self.apply_button):
            buttons.addWidget(b)
        left = QWidget()
        lay = QVBoxLayout(left)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(setup)
        lay.addLayout(buttons)
        lay.addWidget(self.progress)
        lay.addWidget(self.status)
        lay.addStretch(1)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.table)
        right.addWidget(self.plot)
        right.setSizes([260, 340])
        results = QWidget()
        rlay = QVBoxLayout(results)
        rlay.setContentsMargins(0, 0, 0, 0)
        rlay.addWidget(self.test_note)
        rlay.addWidget(right, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(results)
        split.setSizes([380, 720])
        outer = QVBoxLayout(self)
        outer.addWidget(split)

    # ------------------------------------------------------------------ setup
    @property
    def method(self) -> str:
        return "grid" if self.grid_radio.isChecked() else "random"

    def _method_changed(self, *_) -> None:
        for row in self.rows.values():
            row.set_method(self.method)
        self.trials.setEnabled(self.method == "random")
        self.seed.setEnabled(self.method == "random")

    def space(self) -> SearchSpace:
        """The search the form describes; raises SearchError naming the parameter."""
        tables = {"grid": {}, "range": {}, "choices": {}}
        for row in self.rows.values():
            if row.check.isChecked():
                kind, values = row.value()
                tables[kind][row.name] = values
        return SearchSpace(
            self.method,
            grid=tables["grid"],
            ranges=tables["range"],
            choices=tables["choices"],
            n_trials=self.trials.value(),
            seed=self.seed.value(),
            regularization=self.penalty.currentData(),
        ).validated()

    def preset_capacity_sweep(self, widths=(1, 2, 4, 8, 16, 32)) -> None:
        """Train and validation error against the number of hidden units (one layer):
        too few underfit, too many overfit."""
        self.grid_radio.setChecked(True)
        for row in self.rows.values():
            row.check.setChecked(row.name == "hidden")
        self.rows["hidden"].edit.setText("; ".join(str(w) for w in widths))

    # ------------------------------------------------------------------ running
    def start(self) -> None:
        if self.runner.running:
            return
        try:
            space = self.space()
            spec = trial_spec(self.model.project)
        except (SearchError, ValueError) as e:
            self.error_label.setText(str(e))
            return
        self.error_label.setText("")
        self._outcome = None
        self._abandoned = False
        self.progress.setRange(0, 0)  # busy until the first trial is counted
        self.status.setText(self.tr("Starting the worker processes…"))
        cluster = self.cluster.address()
        self.runner.run(partial(_search, spec, space, self.workers.value(), cluster))
        self._set_running(True)

    def cancel(self) -> None:
        if self.runner.running:
            self.runner.cancel()
            self.status.setText(self.tr("Cancelling after the running trials…"))

    def _set_running(self, running: bool) -> None:
        self.start_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        has_best = bool(self.model.project.search and self.model.project.search.get("best_weights"))
        self.apply_button.setEnabled(not running and (self._outcome is not None or has_best))

    def _received(self, batch: list) -> None:
        for msg in batch:
            if isinstance(msg, Failed):  # shown to the user, never a silent thread death
                text = self.tr("The search stopped: {error}").format(error=msg.message)
                self._failed(text)
            elif isinstance(msg, ClusterError):
                self._failed(cluster_error_text(msg))
            else:
                self._progressed(msg.progress)

    def _progressed(self, p) -> None:
        if self._abandoned:
            if p.outcome is not None:
                self.runner.join()
                self._set_running(False)
            return
        self.progress.setRange(0, p.total)
        self.progress.setValue(p.done)
        if p.remaining is not None and p.outcome is None:
            left = p.remaining
            if left < 90:
                when = self.tr("about {s} s left").format(s=f"{left:.0f}")
            else:
                when = self.tr("about {m} min left").format(m=f"{left / 60:.0f}")
            self.status.setText(
                self.tr("{done} of {total} trials · {when}").format(
                    done=p.done, total=p.total, when=when
                )
            )
        if p.outcome is not None:
            self._finished(p.outcome, p.elapsed)

    def _finished(self, outcome, elapsed: float) -> None:
        self.runner.join()
        self._outcome = outcome
        if outcome.results:  # a search cancelled before any trial changed nothing
            self.model.set_fields(search=search_doc(outcome))
        stopped = self.tr("Cancelled") if outcome.cancelled else self.tr("Finished")
        self.status.setText(
            self.tr("{stopped}: {done} of {total} trials in {seconds} s").format(
                stopped=stopped,
                done=len(outcome.results),
                total=outcome.total,
                seconds=f"{elapsed:.1f}",
            )
        )
        self._show_saved()
        self._set_running(False)

    def _failed(self, message: str) -> None:
        self.runner.join()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.error_label.setText(message)
        self._set_running(False)

    # ------------------------------------------------------------------ results
    def _show_saved(self) -> None:
        p = self.model.project
        search = p.search
        classification = p.task == Task.CLASSIFICATION
        self.table.show_search(search, classification)
        self.plot.show_search(search, classification)
        self.test_note.setText(search_note(search, classification))

    def apply_best(self) -> None:
        """Load the chosen configuration and its weights into the project (one undo step)."""
        result = self._outcome.best_result if self._outcome is not None else None
        text = self.tr("Apply best search result")

        def refused(e: ValueError) -> None:
            self.error_label.setText(str(e))

        if self.controller is not None:
            self.controller.edit(text, lambda p: apply_best(p, result), refused)
            return
        try:
            self.model.edit(apply_best(self.model.project, result), text)
        except ValueError as e:
            refused(e)

    def _project_replaced(self) -> None:
        if self.runner.running:  # its results belong to the old project
            self._abandoned = True
            self.runner.cancel()
            self.status.setText(self.tr("Search cancelled: another project was opened."))
        self._outcome = None
        self._show_saved()
        self._set_running(self.runner.running)

    def shutdown(self) -> None:
        """Cancel a running search and wait at most 2 s for its thread (window closing,
        tests): cancelling ends the running trials' processes at once."""
        self.runner.cancel()
        self.runner.join(2.0)
