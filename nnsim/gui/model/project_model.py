"""The document the window edits, wrapped for Qt: one source of truth that announces changes.

Views never keep a second copy of the project: they read ``model.project`` (and
``model.network`` for the live weights) and redraw when a signal says their part changed.
The session (``nnsim.gui.model.session``) owns this model: user edits go through
``Session.edit``, which ends up in ``ProjectModel.edit``; that records an undo step that
restores only the fields the edit changed (``nnsim.project.edits.changed_fields``), so
undoing a point added before training does not throw away the trained weights.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from nnsim.core.network import Network
from nnsim.core.trainer import EpochRecord, Snapshot
from nnsim.project import Project
from nnsim.project.edits import changed_fields

# Which signal announces a change of which Project field.
_FIELD_SIGNALS = {
    "data": "data_changed",
    "task": "data_changed",
    "n_classes": "data_changed",
    "features": "network_changed",
    "network": "network_changed",
    "weights": "network_changed",
    "trainer_state": "trainer_state_changed",
    "history": "history_changed",
    "hyper": "hyper_changed",
    "view": "view_changed",
    "teacher": "view_changed",
    "title": "meta_changed",
    "description": "meta_changed",
}


class ProjectModel(QObject):
    """Holds the current ``Project``, its file path, dirty state, undo stack and the live
    ``Network`` whose weights the views draw."""

    project_replaced = Signal()  # New/Open: every view rebuilds
    data_changed = Signal()  # points, labels, split, task or classes
    network_changed = Signal()  # topology, features or weights replaced by an edit/reset
    weights_changed = Signal()  # weights moved by training (frequent)
    hyper_changed = Signal()
    history_changed = Signal()
    trainer_state_changed = Signal()  # optimizer state, epoch and updates (a sync or edit)
    view_changed = Signal()
    meta_changed = Signal()
    dirty_changed = Signal(bool)
    path_changed = Signal(object)  # Path | None
    selected_point_changed = Signal(int)  # index into data, -1 for none

    def __init__(self, project: Project, path: Path | None = None, parent=None):
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self._project = project
        self._path = path
        self._network = project.build_network()
        self._history: list[EpochRecord] = list(project.history)
        self._weights_dirty = False  # weights moved by training since the last sync
        self._extra_dirty = False
        self.selected_point = -1
        # The lesson lock's check (nnsim.gui.shell.lesson_lock): given the fields an edit
        # changes, False refuses it. Every user edit passes here, whichever widget asked.
        self.edit_guard: Callable[[frozenset[str]], bool] | None = None

    def _clean_changed(self, clean: bool) -> None:
        self.dirty_changed.emit(self.dirty)

    # ------------------------------------------------------------------ reading
    @property
    def project(self) -> Project:
        """The current project (weights may lag behind training: call ``sync`` first)."""
        return self._project

    @property
    def network(self) -> Network:
        """The live network with the newest weights (GUI thread only)."""
        return self._network

    @property
    def history(self) -> list[EpochRecord]:
        return self._history

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def dirty(self) -> bool:
        return not self.undo_stack.isClean() or self._weights_dirty or self._extra_dirty

    # ------------------------------------------------------------------ writing
    def set_project(self, project: Project, path: Path | None = None) -> None:
        """Replace the whole document (New, Open, Examples)."""
        self._project = project
        self._path = path
        self._network = project.build_network()
        self._history = list(project.history)
        self._weights_dirty = self._extra_dirty = False
        self.selected_point = -1
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.project_replaced.emit()
        self.path_changed.emit(path)
        self.dirty_changed.emit(False)

    def edit(self, new_project: Project, text: str, fields=None) -> bool:
        """Apply a user edit as one undo step restoring only the fields it changed
        (``fields`` names them when the caller knows better). False if nothing changed."""
        if fields is None:
            fields = changed_fields(self._project, new_project)
        if not fields:
            return False
        if self.edit_guard is not None and not self.edit_guard(frozenset(fields)):
            return False
        before = {f: getattr(self._project, f) for f in fields}
        after = {f: getattr(new_project, f) for f in fields}
        self.undo_stack.push(_EditCommand(self, text, before, after))
        return True

    def set_fields(self, **values) -> None:
        """Change fields without an undo step (training results, view settings)."""
        self._apply(values)
        self._extra_dirty = True
        self.dirty_changed.emit(True)

    def _apply(self, values: dict) -> None:
        self._project = replace(self._project, **values)
        if "weights" in values or "network" in values or "features" in values:
            self._network = self._project.build_network()
            self._weights_dirty = False
        if "history" in values:
            self._history = list(self._project.history)
        if "data" in values and self.selected_point >= len(self._project.data.y):
            self.set_selected_point(-1)
        emitted = set()
        for name in values:
            sig = _FIELD_SIGNALS.get(name)
            if sig and sig not in emitted:
                emitted.add(sig)
                getattr(self, sig).emit()

    def apply_snapshot(self, snap: Snapshot, records: list[EpochRecord]) -> None:
        """Show a training snapshot: new weights and the epochs finished since the last."""
        if snap.theta.shape == self._network.theta.shape:
            self._network.theta[:] = snap.theta
            self._weights_dirty = True
            self.weights_changed.emit()
        rollback = snap.rollback_to
        if records or rollback is not None:
            self._history.extend(records)
            if rollback is not None:  # diverged: the epochs after it are void
                self._history = [r for r in self._history if r.epoch <= rollback]
            self.history_changed.emit()
        self.dirty_changed.emit(True)

    def sync_training(self, project: Project) -> None:
        """Take the training's results (weights, optimizer state, history) into the
        project (the session's job: the views already show these weights)."""
        theta = project.build_network().theta
        moved = not np.array_equal(theta, self._network.theta)
        self._project = project
        self._network.theta[:] = theta
        self._history = list(project.history)
        self._extra_dirty = self._extra_dirty or self._weights_dirty
        self._weights_dirty = False
        if moved:  # the child's last updates after the newest snapshot
            self.weights_changed.emit()
        self.trainer_state_changed.emit()

    def mark_saved(self, path: Path) -> None:
        self._path = path
        self._weights_dirty = self._extra_dirty = False
        self.undo_stack.setClean()
        self.path_changed.emit(path)
        self.dirty_changed.emit(False)

    def set_selected_point(self, index: int) -> None:
        if index != self.selected_point:
            self.selected_point = index
            self.selected_point_changed.emit(index)


class _EditCommand(QUndoCommand):
    def __init__(self, model: ProjectModel, text: str, before: dict, after: dict):
        super().__init__(text)
        self._model, self._before, self._after = model, before, after
        self.fields = frozenset(before)  # what undo and redo change (the lesson lock asks)

    def redo(self):
        self._model._apply(self._after)

    def undo(self):
        self._model._apply(self._before)
