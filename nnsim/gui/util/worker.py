"""The one adapter between plain worker code and the GUI thread.

Training and search run as plain code (a child process read by a thread, a generator over
a process pool) that knows nothing of Qt. ``Worker`` carries what they produce to the GUI
thread: ``post`` may be called from any thread; the GUI thread gets every message, in
order, as one batch per wake-up, so a fast producer never floods the event loop and the
newest snapshot can be picked out of a batch. ``run`` also gives the work a thread of its
own, with a cancel event, and turns an exception into ``messages.Failed``.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from nnsim.runtime.messages import Failed

Post = Callable[[object], None]


class Worker(QObject):
    """Delivers messages posted from worker threads to the GUI thread, in batches."""

    received = Signal(list)  # the messages posted since the last delivery (GUI thread)
    _wake = Signal()

    def __init__(self, name: str = "nnsim-worker", parent=None):
        super().__init__(parent)
        self.name = name
        self.cancelled = threading.Event()
        self._inbox: queue.SimpleQueue = queue.SimpleQueue()
        self._posted = threading.Event()  # one wake-up in flight at a time
        self._thread: threading.Thread | None = None
        self._wake.connect(self._deliver)

    # ------------------------------------------------------------------ any thread
    def post(self, msg) -> None:
        """Queue ``msg`` for the GUI thread (callable from any thread)."""
        self._inbox.put(msg)
        if not self._posted.is_set():
            self._posted.set()
            self._wake.emit()

    # ------------------------------------------------------------------ GUI thread
    def take(self) -> list:
        """Everything posted so far, now (the GUI thread reads ahead of the signal)."""
        self._posted.clear()
        batch = []
        while True:
            try:
                batch.append(self._inbox.get_nowait())
            except queue.Empty:
                return batch

    def _deliver(self) -> None:
        batch = self.take()
        if batch:
            self.received.emit(batch)

    @property
    def running(self) -> bool:
        """True while the thread started by ``run`` works."""
        return self._thread is not None and self._thread.is_alive()

    def run(self, work: Callable[[Post, threading.Event], None]) -> None:
        """Call ``work(post, cancelled)`` on a daemon thread; an exception it raises is
        posted as ``messages.Failed`` (with its traceback) instead of dying silently."""
        self.join()
        self.cancelled = threading.Event()
        self._thread = threading.Thread(
            target=self._work, args=(work, self.cancelled), name=self.name, daemon=True
        )
        self._thread.start()

    def _work(self, work, cancelled) -> None:
        try:
            work(self.post, cancelled)
        except Exception as exc:  # noqa: BLE001 (reported to the GUI thread)
            self.post(Failed.from_exception(exc))

    def cancel(self) -> None:
        """Ask the work to stop at its next check of ``cancelled``."""
        self.cancelled.set()

    def join(self, timeout: float = 10.0) -> bool:
        """Wait at most ``timeout`` s for the thread; True if it has ended."""
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                return False
            self._thread = None
        return True
