"""One rate limiter for every view that redraws from a stream of signals.

Training sends 20-30 snapshots a second and the mouse sends a move event per pixel; a
view that redrew on each would starve the GUI thread. A `Throttle` lets the first request
after a quiet period through at once, then calls at most once per interval; requests in
between are merged into one call at the end of the interval with the newest arguments, so
the last state is always drawn.

With ``busy_share`` the interval also grows with what the call costs (measured, plus any
cost reported with `report_cost`, e.g. the repaint the call caused), so that a slow redraw
of a big network takes at most that share of the GUI thread.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


class Throttle(QObject):
    """Call ``callback`` at most once per ``interval_ms``; the trailing call is guaranteed.

    Parameters
    ----------
    interval_ms : int
        The shortest time between two calls.
    callback : callable
        Called with the arguments of the newest `request`.
    parent : QObject, optional
        Owner of the throttle (its timer stops with it).
    busy_share : float, optional
        If given (0 < share <= 1), the interval is at least the cost of the last call
        divided by this share: 0.2 keeps the callback under ~1/5 of the GUI thread.
    """

    def __init__(
        self,
        interval_ms: int,
        callback: Callable[..., object],
        parent: QObject | None = None,
        *,
        busy_share: float | None = None,
    ):
        super().__init__(parent)
        if busy_share is not None and not 0 < busy_share <= 1:
            raise ValueError(f"busy_share must be in (0, 1], not {busy_share}")
        self._callback = callback
        self._base_ms = int(interval_ms)
        self._share = busy_share
        self._args: tuple | None = None  # the newest request not yet served
        self._cost = 0.0  # seconds: the last call's own cost
        self._extra = 0.0  # seconds: the newest cost reported with report_cost
        self._interval = self._base_ms
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._cooled_down)

    @property
    def interval_ms(self) -> int:
        """The current interval: the base one, or longer after costly calls."""
        return self._interval

    @property
    def cooling_down(self) -> bool:
        """True while the interval after the last call runs (a request would wait)."""
        return self._timer.isActive()

    @property
    def pending(self) -> bool:
        """True while a request waits for the end of the interval."""
        return self._args is not None

    def request(self, *args) -> None:
        """Ask for a call with ``args``: now if the last one is an interval ago, else later."""
        self._args = args
        if not self._timer.isActive():
            self._call()

    def flush(self) -> None:
        """Make the waiting call now (if any); the next interval starts from here."""
        if self._args is not None:
            self._call()

    def cancel(self) -> None:
        """Forget the waiting call (the caller has just drawn the newest state itself)."""
        self._args = None

    def report_cost(self, seconds: float) -> None:
        """The newest cost of work the calls cause elsewhere (e.g. the repaint they ask
        for); with ``busy_share`` it counts with the call's own cost from the next call."""
        self._extra = max(0.0, seconds)
        self._set_interval()

    def _call(self) -> None:
        args, self._args = self._args, None
        self._timer.start(self._interval)  # cooling down already: a request from inside waits
        start = time.perf_counter()
        try:
            self._callback(*args)
        finally:
            self._cost = time.perf_counter() - start
            self._set_interval()
            self._timer.start(self._interval)  # the interval counts from the end of the call

    def _set_interval(self) -> None:
        self._interval = self._base_ms
        if self._share is not None:
            cost_ms = int(1000 * (self._cost + self._extra) / self._share)
            self._interval = max(self._base_ms, cost_ms)

    def _cooled_down(self) -> None:
        if self._args is not None:
            self._call()
