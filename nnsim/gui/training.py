"""Play / pause / step / reset: the engine's training generator run for the window.

While playing, training runs in a child process (``nnsim.core.remote``): a thread in
this process would share the GIL with every Python-drawn plot item, and the window
stuttered (measured in benchmarks/gui_bench.py). The child sends snapshots, with the
decision grid it evaluated itself, at most 25 a second; a timer here takes the newest
and drops older ones (their epoch records are kept). Pausing asks the child for its
trainer state and rebuilds the same trainer here, so stepping, editing and saving work on
exactly the weights and optimizer state that training reached.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject, QTimer, Signal

from nnsim.core.grid import evaluate_grid
from nnsim.core.hyper import HyperparameterError
from nnsim.core.remote import Job, RemoteTrainer, wait_for
from nnsim.core.trainer import Trainer, TrainerState

from .model import ProjectModel

# Speed levels: (label, seconds between updates); 0 = as fast as possible.
SPEEDS = (
    ("Slow: 2 updates/s", 0.5),
    ("Medium: 10 updates/s", 0.1),
    ("Fast: 50 updates/s", 0.02),
    ("Full speed", 0.0),
)
PAUSE_TIMEOUT = 10.0  # seconds; the child answers within one update and one snapshot


class TrainingController(QObject):
    """Play / pause / step / reset for the model's project."""

    running_changed = Signal(bool)
    # reason (max_epochs, target_loss, early_stopping, diverged) and a message
    stopped = Signal(str, str)
    failed = Signal(str)  # a message for the user (bad hyperparameters, no data, ...)

    def __init__(self, model: ProjectModel, parent=None, snapshot_rate: float = 25.0):
        super().__init__(parent)
        self.model = model
        self.snapshot_rate = snapshot_rate
        self.speed = SPEEDS[-1][1]
        self.grid_resolution = 100
        self.updates = 0  # SGD updates so far (the newest snapshot's count while running)
        self._trainer: Trainer | None = None  # the paused trainer, here in this process
        self._remote = RemoteTrainer()
        self._running = False
        self._pending = None  # newest (snapshot, grid) not drawn yet
        self._records: list = []
        self._last_stop: tuple | None = None  # (reason, message) of the run's final snapshot
        self._poll = QTimer(self, interval=10)
        self._poll.timeout.connect(self._receive)
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
                self.failed.emit(f"Cannot train: {exc}")
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
            self._remote.start(job)
        except (OSError, ValueError) as exc:
            self.failed.emit(f"Cannot start training: {exc}")
            return
        self._running = True
        self._last_stop = None
        self._poll.start()
        self.running_changed.emit(True)

    def pause(self) -> None:
        """Stop training between two updates and take its results into the project."""
        if not self._running:
            return
        self._remote.send("pause")
        reply = wait_for(self._remote, {"paused", "error"}, PAUSE_TIMEOUT, self._handle)
        if reply is None:
            self._fail("training did not answer the pause request; it was restarted")
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
        if snap.stopped and snap.stop_reason == "diverged":
            self.stopped.emit(snap.stop_reason, snap.message)

    def reset(self) -> None:
        """Re-initialize the weights with the seed and clear the history (undoable)."""
        self.pause()
        project = self.model.project.reset_weights()
        self.model.edit(project, "Reset weights", ("weights", "trainer_state", "history"))

    def shutdown(self) -> None:
        self.pause()
        self._remote.close()

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """For the self-test: process messages until training has stopped by itself."""
        if self._running:
            wait_for(self._remote, {"paused", "error"}, timeout, self._handle)
            self._finish()
        return not self._running

    # ------------------------------------------------------------------ messages
    def _receive(self) -> None:
        while self._running and self._remote.poll():
            msg = self._remote.recv()
            self._handle(msg)
            if msg[0] in ("paused", "error"):
                self._finish()
                return
        self._draw_pending()

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
            self._last_stop = (snap.stop_reason, snap.message)

    def _adopt(self, theta, state: TrainerState) -> None:
        """Continue here exactly where the child stopped."""
        trainer = self._trainer
        trainer.net.theta[:] = theta
        self._trainer = Trainer(trainer.net, trainer.data, self.model.project.hyper, state)

    def _finish(self) -> None:
        self._poll.stop()
        self._draw_pending()
        self._running = False
        self._sync()
        self.running_changed.emit(False)
        if self._last_stop is not None and self._last_stop[0] is not None:
            reason, message = self._last_stop
            self._last_stop = None
            self.stopped.emit(reason, message)

    def _fail(self, text: str) -> None:
        self._remote.close()
        self._trainer = None
        self.failed.emit(f"Training stopped: {text}")

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
