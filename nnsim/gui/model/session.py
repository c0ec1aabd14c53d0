"""The session: the one owner of the document the window shows, and of its live training.

It holds the ``ProjectModel`` and is the only place that pauses training, takes the
training's results into the document and applies edits on top of them. While playing,
training runs in a child process (``nnsim.runtime.training``); the child's weights only
report: every snapshot carries the trainer state that goes with its weights, so the
document can be brought up to the newest snapshot at any moment (``sync``) without
asking the child.

Nothing here waits for the child. Pausing sends a message and enters the *pausing*
state; the child's answer arrives through a reader thread and is handled on the GUI
thread, and only then do the edits, steps and plays requested meanwhile run. A child
that does not answer within ``PAUSE_TIMEOUT`` is ended and the document keeps the newest
snapshot. A change of the document from elsewhere while the child trains (undo, opening a
file, the stepper) wins: the run's answer is then dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from nnsim.core.grid import evaluate_grid
from nnsim.core.hyper import HyperparameterError
from nnsim.core.stop import StopKey, StopReason
from nnsim.core.trainer import Trainer
from nnsim.gui.model.project_model import ProjectModel
from nnsim.gui.model.training import SPEEDS
from nnsim.gui.util.worker import Worker
from nnsim.project import Project
from nnsim.runtime import messages as m
from nnsim.runtime.training import Job, RemoteTrainer

PAUSE_TIMEOUT = 10.0  # seconds; the child answers within one update and one snapshot
IDLE, RUNNING, PAUSING = "idle", "running", "pausing"


def translate(text: str) -> str:
    # The training's texts keep the context they were translated in.
    return QCoreApplication.translate("TrainingController", text)


class Session(QObject):
    """Play / pause / step / reset and every edit of ``model``'s project."""

    running_changed = Signal(bool)  # a run began (True) or its answer arrived (False)
    state_changed = Signal(str)  # IDLE, RUNNING or PAUSING
    stopped = Signal(object)  # the run's nnsim.core.stop.StopReason
    failed = Signal(str)  # a message for the user (bad hyperparameters, no data, ...)
    crashed = Signal(object)  # messages.Failed: the child raised (traceback for a dialog)
    grid_ready = Signal(object)  # GridResult: the decision map of the newest weights

    def __init__(self, model: ProjectModel, parent=None, snapshot_rate: float = 30.0):
        super().__init__(parent)
        self.model = model
        self.snapshot_rate = snapshot_rate
        self.speed = SPEEDS[-1][1]
        self.grid_resolution = 200  # the decision map's pixels per side
        self.updates = 0  # SGD updates so far (the newest snapshot's count while running)
        self.latest_grid = None
        self._remote = RemoteTrainer()
        self._state = IDLE
        self._cache: tuple[Project, Trainer] | None = None  # a trainer for stepping
        self._latest = None  # the TrainerState that goes with model.network's weights
        self._resumable: Project | None = None  # the document the child's paused run has
        self._run_dtype = None
        self._discard = False  # the document changed under the run: drop its answer
        self._waiting: list[Callable[[], object]] = []  # run once the child answered
        self._pending = None  # newest messages.Snapshot not drawn yet
        self._records: list = []
        self._last_stop: StopReason | None = None  # why the run's final snapshot stopped
        self._closed = False
        # The child's reader thread posts here; the GUI thread receives in batches.
        self._mail = Worker("nnsim-trainer-reader", self)
        self._mail.received.connect(self._receive)
        self._pause_timer = QTimer(self)
        self._pause_timer.setSingleShot(True)
        self._pause_timer.setInterval(int(PAUSE_TIMEOUT * 1000))
        self._pause_timer.timeout.connect(self._remote.expire)
        model.hyper_changed.connect(self._hyper_changed)
        for sig in (model.data_changed, model.network_changed, model.project_replaced):
            sig.connect(self._document_changed)
        model.project_replaced.connect(self._project_replaced)

    # ------------------------------------------------------------------ state
    @property
    def state(self) -> str:
        return self._state

    @property
    def running(self) -> bool:
        """True from play until the child's answer arrived (also while pausing)."""
        return self._state != IDLE

    @property
    def pausing(self) -> bool:
        return self._state == PAUSING

    def _set_state(self, state: str) -> None:
        if state != self._state:
            was_running = self.running
            self._state = state
            self.state_changed.emit(state)
            if self.running != was_running:
                self.running_changed.emit(self.running)

    def when_idle(self, action: Callable[[], object]) -> bool:
        """Run ``action`` now if nothing trains (True), else pause and run it once the
        child has answered (False)."""
        if self._state == IDLE:
            action()
            return True
        self.pause()
        self._waiting.append(action)
        return False

    # ------------------------------------------------------------------ the document
    def edit(self, text: str, make: Callable[[Project], Project], on_error=None) -> bool | None:
        """Apply ``make(project)`` as one undo step named ``text``, on top of the training
        done so far. True if applied, False if ``make`` refused (ValueError, handed to
        ``on_error`` or else announced by ``failed``), None if it waits for the pause."""
        if self._state != IDLE:
            self.when_idle(lambda: self.edit(text, make, on_error))
            return None
        try:
            new = make(self.model.project)
        except ValueError as exc:
            if on_error is not None:
                on_error(exc)
            else:
                self.failed.emit(str(exc))
            return False
        self.model.edit(new, text)
        return True

    def sync(self) -> Project:
        """The document with the newest snapshot's weights and trainer state (for saving
        while training continues); returns ``model.project``."""
        if self._state != IDLE:
            self._draw_pending()
            self._take_latest()
        return self.model.project

    def _take_latest(self, theta=None) -> None:
        """The live weights (model.network's, or ``theta`` (P,) if given) and their trainer
        state into the document."""
        if self._latest is None:
            return
        p = self.model.project
        net = self.model.network
        if list(net.sizes) != list(p.sizes) or (
            theta is not None and theta.shape != net.theta.shape
        ):
            return  # the topology changed since: nothing of the run fits
        if theta is not None:
            net = net.copy()
            net.theta[:] = theta
        history = tuple(self.model.history)
        weights = tuple((W.astype(np.float64), b.astype(np.float64)) for W, b in net.params())
        state = replace(self._latest, history=list(history))
        self.model.sync_training(replace(p, weights=weights, trainer_state=state, history=history))

    def _document_changed(self) -> None:
        self._resumable = None
        if self._state != IDLE and not self._discard:
            self._discard = True  # the change wins over the run's results
            self._latest = None
            self._pending, self._records = None, []
            self.pause()

    def _project_replaced(self) -> None:
        self.latest_grid = None
        self._cache = None

    def _hyper_changed(self) -> None:
        hp = self.model.project.hyper
        if self._state == RUNNING:
            if hp.dtype != self._run_dtype:  # a new precision needs a new network
                self.pause()
            else:
                self._remote.send(m.Change(hp))

    def _trainer(self) -> Trainer | None:
        """A trainer on the document's weights and state (rebuilt when they changed)."""
        project = self.model.project
        if self._cache is None or self._cache[0] is not project:
            try:
                _, trainer = project.make_trainer()
            except (ValueError, HyperparameterError) as exc:
                self.failed.emit(translate("Cannot train: {error}").format(error=exc))
                return None
            self._cache = (project, trainer)
        return self._cache[1]

    def _plane_features(self) -> tuple:
        p = self.model.project
        return tuple(p.features) if p.data.X.shape[1] == 2 else ()

    # ------------------------------------------------------------------ commands
    def play(self) -> None:
        if self._state == RUNNING or self._closed:
            return
        if self._state == PAUSING:
            self._waiting.append(self.play)
            return
        project = self.model.project
        resumed = (
            self._resumable is project
            and project.hyper.dtype == self._run_dtype
            and self._remote.resume(project.hyper, self.speed, self._mail.post)
        )
        if not resumed and not self._start(project):
            return
        self._run_dtype = project.hyper.dtype
        self._latest = project.trainer_state
        self._discard = False
        self._last_stop = None
        self._set_state(RUNNING)

    def _start(self, project: Project) -> bool:
        trainer = self._trainer()
        if trainer is None:
            return False
        trainer.set_hyperparameters(project.hyper)
        trainer._apply_pending()
        job = Job.from_trainer(
            trainer,
            self._plane_features(),
            grid_resolution=self.grid_resolution,
            rate=self.snapshot_rate,
            pace=self.speed,
        )
        try:
            self._remote.start(job, self._mail.post)
        except (OSError, ValueError) as exc:
            self.failed.emit(translate("Cannot start training: {error}").format(error=exc))
            return False
        return True

    def pause(self) -> None:
        """Ask the child to stop between two updates; returns at once, the document
        synced to the newest snapshot. The child's answer ends the run
        (``running_changed(False)``) and brings its last updates into the document."""
        if self._state != RUNNING:
            return
        self.sync()  # from now on the document holds what the window shows
        self._remote.pause()
        self._pause_timer.start()
        self._set_state(PAUSING)

    def toggle(self) -> None:
        self.pause() if self._state == RUNNING else self.play()

    def set_speed(self, seconds: float) -> None:
        """Seconds between updates (0: full speed); a run restarts at the new pace."""
        running = self._state == RUNNING
        self.speed = seconds
        if running:
            self.pause()
            self._waiting.append(self.play)

    def step(self, unit: str) -> None:
        """One sample, one mini-batch or one epoch, here (training is paused first)."""
        if self._state != IDLE:
            self.when_idle(lambda: self.step(unit))
            return
        project = self.model.project
        trainer = self._trainer()
        if trainer is None:
            return
        trainer.set_hyperparameters(project.hyper)
        snap = trainer.step(unit)
        self.updates = trainer.updates
        self.model.apply_snapshot(snap, list(snap.new_records))
        features = self._plane_features()
        if features:
            grid = evaluate_grid(trainer.net, features, self.grid_resolution, neurons=False)
            self._show_grid(grid)
        trained = project.with_training(trainer.net, trainer)
        self.model.sync_training(replace(trained, hyper=project.hyper))
        self._cache = (self.model.project, trainer)
        self._resumable = None
        if snap.stopped and snap.stop_reason == StopKey.DIVERGED:
            self.stopped.emit(snap.stop)

    def reset(self) -> None:
        """Re-initialize the weights with the seed and clear the history (undoable)."""
        self.edit(translate("Reset weights"), Project.reset_weights)

    def shutdown(self) -> None:
        """At exit: end the child (waits at most a few seconds, never for an answer)."""
        self._closed = True
        self._pause_timer.stop()
        self._waiting.clear()
        self._remote.close()
        self._state = IDLE

    # ------------------------------------------------------------------ messages
    def _receive(self, batch: list) -> None:
        """GUI thread: handle what arrived, draw the newest snapshot, end the run."""
        end = None
        for msg in batch:
            if isinstance(msg, m.Snapshot):
                if not self._discard:
                    self._pending = msg
                    self._records.extend(msg.snap.new_records)
            elif isinstance(msg, m.END_OF_RUN):
                end = msg
        if self._closed:
            return
        self._draw_pending()
        if end is not None:
            self._end(end)

    def _draw_pending(self) -> None:
        pending, self._pending = self._pending, None
        records, self._records = self._records, []
        if pending is None:
            return
        snap = pending.snap
        self.updates = snap.updates
        self._latest = pending.state
        self.model.apply_snapshot(snap, records)
        if pending.grid is not None:
            self._show_grid(pending.grid)
        if snap.stopped:
            self._last_stop = snap.stop

    def _end(self, msg) -> None:
        """The run's last message: take its results, report, then run what waited."""
        self._pause_timer.stop()
        discard, self._discard = self._discard, False
        if isinstance(msg, (m.Paused, m.Finished)) and not discard:
            self._latest = msg.state
            self.updates = msg.state.updates
            self._take_latest(msg.theta)
        elif not discard:
            self._take_latest()  # Failed or Died: the newest snapshot's results
        self._resumable = self.model.project if isinstance(msg, m.Paused) and not discard else None
        self._latest = None
        self._set_state(IDLE)
        if isinstance(msg, m.Failed):
            self.crashed.emit(msg)
        elif isinstance(msg, m.Died):
            self._cache = None
            self.failed.emit(self._died_text(msg))
        if self._last_stop is not None:
            stop, self._last_stop = self._last_stop, None
            self.stopped.emit(stop)
        waiting, self._waiting = self._waiting, []
        for action in waiting:
            action()

    @staticmethod
    def _died_text(msg: m.Died) -> str:
        if msg.timed_out:
            reason = translate("training did not answer the pause request; it was restarted")
        else:
            reason = translate("the training process ended unexpectedly (exit code {code})")
            reason = reason.format(code=msg.exitcode)
        return translate("Training stopped: {error}").format(error=reason)

    def _show_grid(self, grid) -> None:
        self.latest_grid = grid
        self.grid_ready.emit(grid)
