"""Autosave and crash recovery: unsaved work is never more than a minute old.

While the project has unsaved changes, the window writes it every ``INTERVAL_MS`` and
whenever training pauses into the per-user data folder
(``QStandardPaths.AppDataLocation``/autosave, or ``$NNSIM_DATA_DIR``/autosave), as
``autosave-PID.json`` with ``autosave-PID.path`` naming the file it belongs to. A clean
exit removes both. A file whose process is gone was left by a crash: the next launch
offers to restore it (``ask_restore``, which tests replace).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QStandardPaths, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from nnsim.project import ProjectError, load, save

INTERVAL_MS = 60_000
PAUSE_DELAY_MS = 1_000
ENV_DIR = "NNSIM_DATA_DIR"  # overrides the data folder (tests, portable installs)


def data_dir() -> Path:
    """This user's data folder for nnsim."""
    override = os.environ.get(ENV_DIR)
    if override:
        return Path(override)
    location = QStandardPaths.StandardLocation.AppDataLocation
    return Path(QStandardPaths.writableLocation(location))


def autosave_dir() -> Path:
    return data_dir() / "autosave"


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process with that number
        return True
    return True


def orphans() -> list[Path]:
    """Autosaves whose process has ended without removing them (a crash), newest first."""
    found = []
    for path in autosave_dir().glob("autosave-*.json"):
        try:
            pid = int(path.stem.split("-", 1)[1])
        except ValueError:
            continue
        if not _alive(pid):
            found.append(path)
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def original_path(autosave: Path) -> Path | None:
    """The project file the autosave belongs to (None for an untitled project)."""
    try:
        text = autosave.with_suffix(".path").read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return Path(text) if text else None


def remove(autosave: Path) -> None:
    for path in (autosave, autosave.with_suffix(".path")):
        path.unlink(missing_ok=True)


def ask_restore(parent: QWidget, name: str, when: str) -> bool:
    """Ask whether to restore the autosave of ``name`` from ``when`` (tests replace this)."""
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("Autosave", "Restore unsaved work"),
        QCoreApplication.translate(
            "Autosave",
            "nnsim did not close properly. Unsaved work on “{name}” was kept at {when}.\n\n"
            "Restore it?",
        ).format(name=name, when=when),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


class Autosave(QObject):
    """Keeps an autosave of one window's unsaved work (see the module doc)."""

    def __init__(self, window, interval_ms: int = INTERVAL_MS):
        super().__init__(window)
        self.window = window
        self.model = window.model
        self.session = window.controller
        self.path = autosave_dir() / f"autosave-{os.getpid()}.json"
        self.timer = QTimer(self, interval=interval_ms)
        self.timer.timeout.connect(self.save_now)
        self.timer.start()
        self._writer: threading.Thread | None = None
        self._lock = threading.Lock()
        self._generation = 0  # bumped by discard(): a write begun before it is removed
        self.session.running_changed.connect(self._running_changed)
        self.model.dirty_changed.connect(self._dirty_changed)

    def _running_changed(self, running: bool) -> None:
        if not running:  # a moment after the pause, when the window has drawn its answer
            QTimer.singleShot(PAUSE_DELAY_MS, self, self.save_now)

    def _dirty_changed(self, dirty: bool) -> None:
        if not dirty:
            self.discard()  # saved (or replaced): nothing left to recover

    def save_now(self) -> bool:
        """Start writing the unsaved work; True if a write was started.

        Encoding a project with a long history takes about 100 ms, so the file is written
        on a thread of its own: a pause (which autosaves) stays as smooth as training. The
        project is the session's immutable document at this moment."""
        if not self.model.dirty or self.writing:
            return False
        project = self.session.sync()
        where = str(self.model.path) if self.model.path else ""
        self._writer = threading.Thread(
            target=self._write, args=(project, where, self._generation), name="autosave"
        )
        self._writer.daemon = True
        self._writer.start()
        return True

    @property
    def writing(self) -> bool:
        return self._writer is not None and self._writer.is_alive()

    def _write(self, project, where: str, generation: int) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            save(project, self.path)
            self.path.with_suffix(".path").write_text(where, encoding="utf-8")
        except (OSError, ValueError):
            return  # the next tick tries again; the user's own file is untouched
        with self._lock:
            if generation != self._generation:  # saved or closed meanwhile
                remove(self.path)

    def discard(self) -> None:
        """Remove this window's autosave (a save, a clean exit)."""
        with self._lock:
            self._generation += 1
            remove(self.path)

    def stop(self) -> None:
        self.timer.stop()
        if self._writer is not None:
            self._writer.join(timeout=10)  # a clean exit leaves no autosave behind
        self.discard()


def offer_recovery(window) -> bool:
    """After a crash: offer the newest orphaned autosave and load it if the user agrees.

    The restored project keeps its file name and counts as unsaved. Orphans are removed
    either way (they are kept only until this answer).
    """
    found = orphans()
    if not found:
        return False
    newest = found[0]
    original = original_path(newest)
    name = original.name if original else QCoreApplication.translate("Autosave", "Untitled")
    from datetime import datetime

    when = datetime.fromtimestamp(newest.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    restored = False
    if ask_restore(window, name, when):
        try:
            project = load(newest)
        except (ProjectError, OSError):
            project = None
        if project is not None:
            window.model.set_project(project, original)
            window.model.set_fields(title=project.title)  # unsaved until the user saves
            restored = True
    for path in found:
        remove(path)
    return restored
