"""The one table of limits, and estimates of the memory a piece of work needs.

The loader, the edits, the command line's option types and the window's editors all read
``LIMITS``, so a network the window can build is one a file can hold and the CLI can make.
Every limit is checked before anything of that size is built: a width of 10**9 is
refused as a number, never as a MemoryError. On top of the per-value limits, the
``*_bytes`` estimates refuse a combination (wide layers x many points, a huge decision
grid, a file that would parse into gigabytes) above ``MEMORY_BUDGET``.

Messages quote numbers as people write them (``10,000,000``, ``1.5 GB``).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

from nnsim.core.datasets import MAX_CLASSES, MAX_POINTS, MIN_CLASSES
from nnsim.core.features import FEATURES
from nnsim.core.search_space import MAX_TRIALS


@dataclass(frozen=True)
class Limit:
    """Allowed values ``low..high`` of one quantity; ``what`` names it in messages."""

    low: int
    high: int
    what: str


LIMITS: dict[str, Limit] = {
    "hidden_layers": Limit(0, 16, "hidden layers"),
    "neurons": Limit(1, 256, "neurons in a layer"),
    "points": Limit(0, MAX_POINTS, "data points"),
    "classes": Limit(MIN_CLASSES, MAX_CLASSES, "classes"),
    "outputs": Limit(1, MAX_CLASSES, "output neurons"),
    "features": Limit(1, len(FEATURES), "input features"),
    "epochs": Limit(1, 10_000_000, "epochs"),
    "batch": Limit(1, 100_000, "points in a mini-batch"),
    "parameters": Limit(0, 10_000_000, "parameters"),
    "trials": Limit(1, MAX_TRIALS, "trials"),
    "grid": Limit(2, 1_000, "grid points per side"),
    "digits": Limit(1, 17, "significant digits"),
}

MAX_HIDDEN_LAYERS = LIMITS["hidden_layers"].high
MAX_NEURONS = LIMITS["neurons"].high
MAX_EPOCHS = LIMITS["epochs"].high
MAX_PARAMS = LIMITS["parameters"].high

MEMORY_BUDGET = 2 * 2**30  # bytes one network, data set, grid or file may need
MAX_FILE_BYTES = 200 * 2**20
LIVE_GRID = 200  # the window's decision map: points per side, float32


class LimitError(ValueError):
    """A value outside the limits table or a piece of work above the memory budget."""

    def __init__(self, key: str, message: str):
        super().__init__(message)
        self.key = key


def human(n: float) -> str:
    """A count as people write it: ``10000000`` -> ``"10,000,000"``."""
    return f"{int(n):,}" if float(n).is_integer() else f"{n:,.3g}"


def human_bytes(n: float) -> str:
    """A size: ``1536 * 2**20`` -> ``"1.5 GB"`` (binary units, as memory is sold)."""
    for unit, size in (("GB", 2**30), ("MB", 2**20), ("kB", 2**10)):
        if n >= size:
            return f"{n / size:.3g} {unit}"
    return f"{int(n)} bytes"


def max_workers() -> int:
    """Worker processes worth starting: one per CPU this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # macOS and Windows have no affinity call
        return max(1, os.cpu_count() or 1)


def check(key: str, value: int) -> int:
    """Return ``value`` if ``LIMITS[key]`` allows it, else raise `LimitError`."""
    limit = LIMITS[key]
    if value > limit.high:
        raise LimitError(key, f"at most {human(limit.high)} {limit.what}, got {human(value)}")
    if value < limit.low:
        raise LimitError(key, f"at least {human(limit.low)} {limit.what}, got {human(value)}")
    return value


def check_widths(widths: Sequence[int]) -> list[int]:
    """Hidden layer widths H_1..H_L within the table (count first: it bounds the loop)."""
    check("hidden_layers", len(widths))
    return [check("neurons", int(w)) for w in widths]


# ---------------------------------------------------------------------- memory estimates
def parameter_count(sizes: Sequence[int]) -> int:
    """Weights and biases of a network with layer sizes H_0..H_{L+1}."""
    return sum(o * i + o for i, o in zip(sizes[:-1], sizes[1:]))


def network_bytes(sizes: Sequence[int], itemsize: int = 8) -> int:
    """theta, its gradient, the momentum velocity, the early-stopping copy and snapshots."""
    return 6 * parameter_count(sizes) * itemsize


def forward_bytes(rows: int, sizes: Sequence[int], itemsize: int = 8) -> int:
    """A forward and backward pass over ``rows`` points: a^(k), h^(k) and grad a^(k)."""
    return 3 * rows * sum(sizes) * itemsize


def training_bytes(sizes: Sequence[int], n_points: int, itemsize: int = 8) -> int:
    """Training on ``n_points``: the network plus a pass over every point (each epoch's
    loss and error are computed on the whole training set at once)."""
    return network_bytes(sizes, itemsize) + forward_bytes(n_points, sizes, itemsize)


def grid_bytes(n: int, sizes: Sequence[int], itemsize: int = 4) -> int:
    """An n x n decision grid: every layer's activations at every grid point."""
    return forward_bytes(n * n, sizes, itemsize)


def parse_bytes(data: str | bytes) -> int:
    """What parsing a JSON text costs in Python objects, counted without parsing it.

    Every value costs a pointer and an object (~40 bytes); an array ~64, an object ~250;
    the text is held twice (bytes and str). A 200 MB file of ``[],[],...`` parses into
    about 4 GB, which this refuses before ``json.loads`` starts.
    """

    def count(char: str) -> int:
        return data.count(char.encode() if isinstance(data, bytes) else char)

    values = count(",") + count(":") + 1
    return 2 * len(data) + 40 * values + 64 * count("[") + 250 * count("{")


def check_memory(needed: int, what: str) -> int:
    """Return ``needed`` bytes if within `MEMORY_BUDGET`, else raise `LimitError`."""
    if needed > MEMORY_BUDGET:
        raise LimitError(
            "memory",
            f"{what} needs about {human_bytes(needed)} of memory; "
            f"the limit is {human_bytes(MEMORY_BUDGET)}",
        )
    return needed
