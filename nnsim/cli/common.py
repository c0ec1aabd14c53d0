"""What every command module shares: exit codes, the usage error, option types and output
helpers. It imports no other ``nnsim.cli`` module, so main, commands and search can all
import it without a cycle.
"""

from __future__ import annotations

import argparse
import json
import math
import signal
import threading

import numpy as np

EXIT_OK = 0
EXIT_FAILED = 1  # a check that ran and failed (gradcheck)
EXIT_USAGE = 2  # bad input: one line on stderr, nothing changed
EXIT_DIVERGED = 3  # training diverged; what was kept is saved
EXIT_INTERRUPTED = 130  # Ctrl-C (SIGINT), SIGTERM or SIGHUP; what was done is saved


class UsageError(Exception):
    """A bad command line (argparse's errors end up here instead of exiting)."""


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors raise `UsageError` (one line, exit 2) instead of
    printing the usage and exiting."""

    def error(self, message):
        raise UsageError(message)


# ---------------------------------------------------------------------- option types
def positive_int(text: str) -> int:
    """An argparse type: a whole number >= 1."""
    value = _whole(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be >= 1, got {value}")
    return value


def _shown(text: str) -> str:
    """An option's text for an error line: long input is cut, so the line stays one line."""
    return repr(text if len(text) <= 40 else text[:37] + "...")


def _whole(text: str) -> int:
    try:
        return int(text)
    except ValueError:  # also a number too long to convert (Python refuses > 4300 digits)
        raise argparse.ArgumentTypeError(f"not a whole number: {_shown(text)}") from None


def limited(key: str, low: int | None = None):
    """An argparse type: a whole number within ``nnsim.project.limits.LIMITS[key]``
    (and at least ``low``, for an option stricter than the table)."""
    from nnsim.project.limits import LimitError, check

    def parse(text: str) -> int:
        value = _whole(text)
        if low is not None and value < low:
            raise argparse.ArgumentTypeError(f"must be >= {low}, got {value}")
        try:
            return check(key, value)
        except LimitError as e:
            raise argparse.ArgumentTypeError(str(e)) from None

    parse.__name__ = key.replace("_", " ")  # argparse names the type in some messages
    return parse


def hidden_widths(text: str) -> list[int]:
    """ "8,8" -> [8, 8]; "" or "0" -> [] (no hidden layer); counts and widths in limits."""
    from nnsim.project.limits import LimitError, check_widths

    if text.strip() in ("", "0"):
        return []
    parts = text.split(",")
    try:
        return check_widths([_whole(v) for v in parts])
    except LimitError as e:
        raise argparse.ArgumentTypeError(str(e)) from None
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError(f"expected widths like 8,8, got {_shown(text)}") from None


def finite_float(text: str) -> float:
    """An argparse type: a finite number."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"must be a finite number, got {text!r}")
    return value


def positive_float(text: str) -> float:
    """An argparse type: a finite number > 0 (a step, a tolerance)."""
    value = finite_float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be > 0, got {text}")
    return value


# ---------------------------------------------------------------------- output helpers
def _jsonable(v):
    """Non-finite floats -> None, numpy scalars -> Python, recursively."""
    if isinstance(v, dict):
        return {k: _jsonable(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_jsonable(x) for x in v]
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, float) and not math.isfinite(v):
        return None
    return v


def print_json(obj) -> None:
    """``obj`` as one JSON document on stdout (NaN and infinities as null)."""
    print(json.dumps(_jsonable(obj), indent=1, allow_nan=False, ensure_ascii=False))


def fmt(x, digits: int = 4) -> str:
    """A number for a table: ``digits`` significant digits, ``-`` when missing."""
    return "-" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.{digits}g}"


# ---------------------------------------------------------------------- stop signals
class StopSignals:
    """While active, Ctrl-C (SIGINT), SIGTERM and SIGHUP ask the running command to stop
    at its next checkpoint and save, instead of killing it with its work unsaved.

    ``signum`` is the first signal received (None if none); ``exit_code`` is the shell's
    convention for it, 128 + signal number (130, 143, 129).
    """

    NAMES = ("SIGINT", "SIGTERM", "SIGHUP")

    def __init__(self):
        self.event = threading.Event()
        self.signum: int | None = None
        self._old: dict = {}

    def _handle(self, signum, frame) -> None:
        if self.signum is None:
            self.signum = signum
        self.event.set()

    def __enter__(self) -> StopSignals:
        if threading.current_thread() is threading.main_thread():
            for name in self.NAMES:
                if hasattr(signal, name):
                    sig = getattr(signal, name)
                    self._old[sig] = signal.signal(sig, self._handle)
        return self

    def __exit__(self, *exc) -> None:
        for sig, old in self._old.items():
            signal.signal(sig, old)
        self._old.clear()

    def is_set(self) -> bool:
        return self.event.is_set()

    @property
    def name(self) -> str:
        return "" if self.signum is None else signal.Signals(self.signum).name

    @property
    def exit_code(self) -> int:
        return EXIT_INTERRUPTED if self.signum is None else 128 + self.signum
