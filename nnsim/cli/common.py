"""What every command module shares: exit codes, the usage error, option types and output
helpers. It imports no other ``nnsim.cli`` module, so main, commands and search can all
import it without a cycle.
"""

from __future__ import annotations

import argparse
import json
import math

import numpy as np

EXIT_OK = 0
EXIT_FAILED = 1  # a check that ran and failed (gradcheck)
EXIT_USAGE = 2  # bad input: one line on stderr, nothing changed
EXIT_DIVERGED = 3  # training diverged; what was kept is saved
EXIT_INTERRUPTED = 130  # Ctrl-C (SIGINT), SIGTERM or SIGHUP; what was done is saved


class UsageError(Exception):
    """A bad command line (argparse's errors end up here instead of exiting)."""


# ---------------------------------------------------------------------- option types
def positive_int(text: str) -> int:
    """An argparse type: a whole number >= 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be >= 1, got {value}")
    return value


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
