"""Play / pause / step / reset: the engine's training generator run for the window.

While playing, training runs in a child process (``nnsim.runtime.training``): a thread in
this process would share the GIL with every Python-drawn plot item, and the window
stuttered (measured in benchmarks/gui_bench.py). The child sends snapshots, with the
decision grid it evaluated itself, at most 25 a second; a timer here takes the newest
and drops older ones (their epoch records are kept). Pausing asks the child for its
trainer state and rebuilds the same trainer here, so stepping, editing and saving work on
exactly the weights and optimizer state that training reached.
"""

from __future__ import annotations

import queue
import threading
from dataclasses import replace

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Signal

from nnsim.core.grid import evaluate_grid
from nnsim.core.hyper import HyperparameterError
from nnsim.core.stop import StopKey, StopReason
from nnsim.core.trainer import Trainer, TrainerState
from nnsim.gui.model.project_model import ProjectModel
from nnsim.runtime.training import Job, RemoteTrainer

# Speed levels: (label, seconds between updates); 0 = as fast as possible.
# The labels are English (shown through ``speed_label``, which translates them).
SPEEDS = (
    (QT_TRANSLATE_NOOP("TrainingController", "Slow: 2 updates/s"), 0.5),
    (QT_TRANSLATE_NOOP("TrainingController", "Medium: 10 updates/s"), 0.1),
    (QT_TRANSLATE_NOOP("TrainingController", "Fast: 50 updates/s"), 0.02),
    (QT_TRANSLATE_NOOP("TrainingController", "Full speed"), 0.0),
)
PAUSE_TIMEOUT = 10.0  # seconds; the child answers within one update and one snapshot


def _translate(text: str) -> str:
    return QCoreApplication.translate("TrainingController", text)


def speed_label(label: str) -> str:
    """A ``SPEEDS`` label in the interface language."""
    return _translate(label)


class TrainingController(QObject):
    """Play / pause / step / reset for the model's project."""

    running_changed = Signal(bool)
    stopped = Signal(object)  # the run's nnsim.core.stop.StopReason
    failed = Signal(str)  # a message for the user (bad hyperparameters, no data, ...)
    _mail = Signal()  # reader thread -> GUI thread: messages are waiting

    def __init__(self, model: ProjectModel, parent=None, snapshot_rate: float = 30.0):
        super().__init__(parent)
        self.model = model
        self.snapshot_rate = snapshot_rate
        self.speed = SPEEDS[-1][1]
        self.grid_resolution = 200  # the decision map's pixels per side
        self.updates = 0  # SGD updates so far (the newest snapshot's count while running)
        self._trainer: Trainer | None = None  # the paused trainer, here in this process
        self._remote = RemoteTrainer()
        self._running = False
        self._pending = None  # newest (snapshot, grid) not drawn yet
        self._records: list = []
        self._last_stop: StopReason | None = None  # why the run's final snapshot stopped
        self._inbox: queue.SimpleQueue = queue.SimpleQueue()  # filled by the reader thread
        self._mail_posted = threading.Event()  # one _mail signal in flight at a time
        self._mail.connect(self._receive)
        model.hyper_changed.connect(self._hyper_changed)
        for sig in (model.data_changed, model.network_changed, model.project_replaced):
            sig.connect(self._invalidate)

    # ------------------------------------------------------------------ state
    @property
    def running(self) -> bool:
        return self._running

    def _ensure_trainer(self) -> Trainer | None:
        if self._trainer is None:
            try:
                _, self._trainer = self.model.project.make_trainer()
            except (ValueError, HyperparameterError) as exc:
                self.failed.emit(self.tr("Cannot train: {error}").format(error=exc))
                return None
        return self._trainer

    def _invalidate(self) -> None:
        # Topology, data or the whole project changed: the trainer is rebuilt on demand.
        self.pause()
        self._trainer = None

    def _hyper_changed(self) -> None:
        hp = self.model.project.hyper
        if self._trainer is None:
            return
        if hp.dtype != self._trainer.hp.dtype:  # a new precision needs a new network
            self.pause()
            self._trainer = None
        elif self._running:
            self._remote.send("hyper", hp)
        else:
            self._trainer.set_hyperparameters(hp)

    def _plane_features(self) -> tuple:
        p = self.model.project
        return tuple(p.features) if p.data.X.shape[1] == 2 else ()

    # ------------------------------------------------------------------ commands
    def play(self) -> None:
        if self._running:
            return
        trainer = self._ensure_trainer()
        if trainer is None:
            return
        trainer.set_hyperparameters(self.model.project.hyper)
        trainer._apply_pending()
        job = Job.from_trainer(
            trainer,
            self._plane_features(),
            grid_resolution=self.grid_resolution,
            rate=self.snapshot_rate,
            pace=self.speed,
        )
        try:
            self._remote.start(job, self._post)
        except (OSError, ValueError) as exc:
            self.failed.emit(self.tr("Cannot start training: {error}").format(error=exc))
            return
        self._running = True
        self._last_stop = None
        self.running_changed.emit(True)

    def pause(self) -> None:
        """Stop training between two updates and take its results into the project."""
        if not self._running:
            return
        self._remote.send("pause")
        if not self._drain(PAUSE_TIMEOUT):
            self._fail(self.tr("training did not answer the pause request; it was restarted"))
            self._finish()

    def toggle(self) -> None:
        self.pause() if self._running else self.play()

    def step(self, unit: str) -> None:
        """One sample, one mini-batch or one epoch, here (training is paused first)."""
        self.pause()
        trainer = self._ensure_trainer()
        if trainer is None:
            return
        trainer.set_hyperparameters(self.model.project.hyper)
        snap = trainer.step(unit)
        self.updates = trainer.updates
        self.model.apply_snapshot(snap, list(snap.new_records))
        features = self._plane_features()
        if features:
            grid = evaluate_grid(trainer.net, features, self.grid_resolution, neurons=False)
            self._show_grid(grid)
        self._sync()
        if snap.stopped and snap.stop_reason == StopKey.DIVERGED:
            self.stopped.emit(snap.stop)

    def reset(self) -> None:
        """Re-initialize the weights with the seed and clear the history (undoable)."""
        self.pause()
        project = self.model.project.reset_weights()
        self.model.edit(project, self.tr("Reset weights"), ("weights", "trainer_state", "history"))

    def shutdown(self) -> None:
        self.pause()
        self._remote.close()

    # ------------------------------------------------------------------ messages
    def _post(self, msg) -> None:
        """Reader thread: queue a message and wake the GUI thread (once per batch)."""
        self._inbox.put(msg)
        if not self._mail_posted.is_set():
            self._mail_posted.set()
            self._mail.emit()

    def _receive(self) -> None:
        """GUI thread: handle what arrived and draw the newest snapshot."""
        self._mail_posted.clear()
        self._drain(None)

    def _drain(self, timeout: float | None) -> bool:
        """Handle queued messages; with a timeout, wait for the run's end. True if the
        run ended (and was finished here), or if nothing more was asked for."""
        while self._running:
            try:
                msg = self._inbox.get(timeout=timeout) if timeout else self._inbox.get_nowait()
            except queue.Empty:
                break
            self._handle(msg)
            if msg[0] in ("paused", "error"):
                self._remote.join_reader()
                self._finish()
                return True
        if timeout:
            return False
        self._draw_pending()
        return True

    def _handle(self, msg) -> None:
        kind = msg[0]
        if kind == "snapshot":
            _, snap, grid = msg
            self._pending = (snap, grid)
            self._records.extend(snap.new_records)
        elif kind == "paused":
            _, theta, state = msg
            self._adopt(theta, state)
        elif kind == "error":
            self._fail(msg[1])

    def _draw_pending(self) -> None:
        pending, self._pending = self._pending, None
        records, self._records = self._records, []
        if pending is None:
            return
        snap, grid = pending
        self.updates = snap.updates
        self.model.apply_snapshot(snap, records)
        if grid is not None:
            self._show_grid(grid)
        if snap.stopped:
            self._last_stop = snap.stop

    def _adopt(self, theta, state: TrainerState) -> None:
        """Continue here exactly where the child stopped."""
        trainer = self._trainer
        trainer.net.theta[:] = theta
        self._trainer = Trainer(trainer.net, trainer.data, self.model.project.hyper, state)

    def _finish(self) -> None:
        self._draw_pending()
        self._running = False
        self._sync()
        self.running_changed.emit(False)
        if self._last_stop is not None:
            stop, self._last_stop = self._last_stop, None
            self.stopped.emit(stop)

    def _fail(self, text: str) -> None:
        self._remote.close()
        self._trainer = None
        self.failed.emit(self.tr("Training stopped: {error}").format(error=text))

    def _show_grid(self, grid) -> None:
        self.model.latest_grid = grid
        self.model.grid_ready.emit(grid)

    def _sync(self) -> None:
        if self._trainer is not None:
            project = self.model.project
            # Keep the project's hyperparameters: the newest edit may not have reached
            # the trainer yet.
            trained = project.with_training(self._trainer.net, self._trainer)
            self.model.sync_training(replace(trained, hyper=project.hyper))
