"""Toy data sets for the plane [-6, 6]^2, and the train/validation/test split.

``circle``, ``xor``, ``gauss``, ``spiral``, ``reg_plane`` and ``reg_gauss`` follow
TensorFlow Playground's generators (``shared/spec/datasets.md``) so that teachers see the
pictures they know; labels are classes 0/1 instead of -1/+1. ``moons``, ``blobs``,
``checkerboard`` and ``sin1d`` are the sets users asked for beyond those.

Every generator draws the point positions first and the noise afterwards, always with the
same number of draws. So for a fixed seed, moving the noise slider moves the points (or
flips their labels) continuously instead of drawing a new cloud. Points come back in a
random order, as the web tool shuffles them, so any prefix is a fair sample.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import IntEnum, StrEnum

import numpy as np


class Task(StrEnum):
    """What the network learns; the value is the word stored in project and CSV files."""

    CLASSIFICATION = "classification"
    REGRESSION = "regression"


class Split(IntEnum):
    """Split codes stored per point (int8), in the order of ``split``'s ratios."""

    TRAIN = 0
    VALIDATION = 1
    TEST = 2


CLASSIFICATION, REGRESSION = Task.CLASSIFICATION, Task.REGRESSION
TASKS = tuple(t.value for t in Task)  # plain words, for messages

MAX_POINTS = 100_000
MAX_NOISE = 0.5
MIN_CLASSES, MAX_CLASSES = 2, 8

TRAIN, VALIDATION, TEST = Split
SPLIT_NAMES = tuple(s.name.lower() for s in Split)  # the words of CSV files


@dataclass(frozen=True, eq=False)
class DataSet:
    """Raw inputs and labels or targets of one data set.

    ``eq=False`` because arrays have no single truth value: two data sets compare by
    identity; compare their arrays with ``np.array_equal``.

    Attributes
    ----------
    X : ndarray, shape (n, d), float64
        Raw inputs (d = 2 for the plane, 1 for ``sin1d``).
    y : ndarray, shape (n,) int64, or shape (n,) or (n, m) float64
        Class labels 0 .. n_classes-1 for classification, real targets for regression.
    task : {"classification", "regression"}
    n_classes : int
        Number of classes K (at least 2); 0 for regression.
    name : str
        Generator name or file stem, shown to the user.
    split : ndarray, shape (n,), int8, optional
        Split codes (0 train, 1 validation, 2 test) when the source carried them (a CSV
        file with a ``split`` column); None otherwise.
    """

    X: np.ndarray
    y: np.ndarray
    task: str
    n_classes: int
    name: str
    split: np.ndarray | None = field(default=None)

    def __post_init__(self) -> None:
        if self.task not in TASKS:
            raise ValueError(f"task must be one of {TASKS}, got {self.task!r}")
        if self.X.ndim != 2 or self.X.shape[1] < 1:
            raise ValueError(f"X must have shape (n, d), got {self.X.shape}")
        if self.y.shape[:1] != self.X.shape[:1]:
            raise ValueError(f"y has {self.y.shape[:1]} rows, X has {self.X.shape[0]}")
        if self.task == REGRESSION and self.n_classes != 0:
            raise ValueError("n_classes must be 0 for regression")
        if self.task == CLASSIFICATION and self.n_classes < MIN_CLASSES:
            raise ValueError(f"n_classes must be at least {MIN_CLASSES} for classification")
        if self.split is not None and self.split.shape != self.X.shape[:1]:
            raise ValueError(f"split must have shape ({self.X.shape[0]},)")

    @property
    def n_inputs(self) -> int:
        """Number of raw input columns d."""
        return self.X.shape[1]


@dataclass(frozen=True)
class Generator:
    """A registry entry: what the GUI shows and the function that draws the points.

    ``fn(n, noise, rng, **options)`` returns a `DataSet`; ``options`` maps the extra
    keyword arguments a generator accepts to their defaults.
    """

    name: str
    task: str
    description: str
    default_n: int
    default_noise: float
    fn: Callable[..., DataSet]
    n_inputs: int = 2
    options: dict[str, int] = field(default_factory=dict)


def _finish(name, X, y, n_classes, rng) -> DataSet:
    order = rng.permutation(len(X))
    task = CLASSIFICATION if n_classes else REGRESSION
    y = y.astype(np.int64) if n_classes else y.astype(np.float64)
    return DataSet(X[order].astype(np.float64), y[order], task, n_classes, name)


def _halves(n: int) -> tuple[int, int]:
    """Point counts (class 1, class 0); class 1 takes the odd point."""
    return n - n // 2, n // 2


def circle(n: int, noise: float, rng: np.random.Generator) -> DataSet:
    """Disc of radius 0.5R (class 1) inside a ring 0.7R..R (class 0), R = 5."""
    R = 5.0
    n_in, n_out = _halves(n)
    r = np.concatenate([rng.uniform(0, 0.5 * R, n_in), rng.uniform(0.7 * R, R, n_out)])
    t = rng.uniform(0, 2 * np.pi, n)
    X = np.column_stack([r * np.sin(t), r * np.cos(t)])
    # The label is read at a jittered position but the point is drawn where it was:
    # noise flips labels near the boundary, as in the web tool.
    jitter = rng.uniform(-R, R, (n, 2)) * noise
    y = np.hypot(*(X + jitter).T) < 0.5 * R
    return _finish("circle", X, y, 2, rng)


def xor(n: int, noise: float, rng: np.random.Generator) -> DataSet:
    """Quadrants: class 1 where x1 x2 >= 0; points kept 0.3 away from the axes."""
    X = rng.uniform(-5, 5, (n, 2))
    X += np.where(X > 0, 0.3, -0.3)
    jitter = rng.uniform(-5, 5, (n, 2)) * noise
    y = np.prod(X + jitter, axis=1) >= 0
    return _finish("xor", X, y, 2, rng)


def gauss(n: int, noise: float, rng: np.random.Generator) -> DataSet:
    """Two Gaussian blobs at (2, 2) (class 1) and (-2, -2) (class 0)."""
    n1, n0 = _halves(n)
    centres = np.repeat([[2.0, 2.0], [-2.0, -2.0]], [n1, n0], axis=0)
    variance = 0.5 + noise * (4.0 - 0.5) / MAX_NOISE  # noise [0, 0.5] -> [0.5, 4]
    X = centres + math.sqrt(variance) * rng.standard_normal((n, 2))
    y = np.repeat([1, 0], [n1, n0])
    return _finish("gauss", X, y, 2, rng)


def spiral(n: int, noise: float, rng: np.random.Generator) -> DataSet:
    """Two interleaved spiral arms of 1.75 turns, radius 0 to 5."""
    n1, n0 = _halves(n)
    parts = []
    for label, m, delta in ((1, n1, 0.0), (0, n0, np.pi)):
        i = np.arange(m)
        r = 5.0 * i / max(m, 1)
        t = 1.75 * 2 * np.pi * i / max(m, 1) + delta
        parts.append((np.column_stack([r * np.sin(t), r * np.cos(t)]), np.full(m, label)))
    X = np.concatenate([p[0] for p in parts])
    y = np.concatenate([p[1] for p in parts])
    X = X + rng.uniform(-1, 1, (n, 2)) * noise
    return _finish("spiral", X, y, 2, rng)


def moons(n: int, noise: float, rng: np.random.Generator) -> DataSet:
    """Two interleaving half circles (class 0 upper, class 1 lower), x in about [-5, 5]."""
    n_upper, n_lower = _halves(n)
    t = rng.uniform(0, np.pi, n)
    upper = np.column_stack([np.cos(t[:n_upper]), np.sin(t[:n_upper])])
    lower = np.column_stack([1 - np.cos(t[n_upper:]), 0.5 - np.sin(t[n_upper:])])
    unit = np.concatenate([upper, lower])
    # Noise is a standard deviation in unit-moon coordinates, as in scikit-learn's
    # make_moons; the scale 10/3 maps x in [-1, 2] onto [-5, 5] and y onto [-2.5, 2.5].
    unit = unit + noise * rng.standard_normal((n, 2))
    X = (unit - [0.5, 0.25]) * (10.0 / 3.0)
    y = np.repeat([0, 1], [n_upper, n_lower])
    return _finish("moons", X, y, 2, rng)


def blobs(n: int, noise: float, rng: np.random.Generator, n_classes: int = 3) -> DataSet:
    """K Gaussian blobs centred on a circle of radius 3.5, class k at angle 90 + 360 k/K."""
    y = np.arange(n) % n_classes  # balanced to within one point
    angle = np.pi / 2 + 2 * np.pi * y / n_classes
    centres = 3.5 * np.column_stack([np.cos(angle), np.sin(angle)])
    # std 0.4 at noise 0 keeps 8 classes (centres 2.7 apart) visibly separate.
    std = 0.4 + noise * 3.2
    X = centres + std * rng.standard_normal((n, 2))
    return _finish("blobs", X, y, n_classes, rng)


def checkerboard(n: int, noise: float, rng: np.random.Generator) -> DataSet:
    """4 x 4 squares of side 3 over [-6, 6]^2; class = parity of the square's row + column."""
    X = rng.uniform(-6, 6, (n, 2))
    # As in xor, the label is read at a jittered position; the jitter's scale is one
    # square, as xor's is one quadrant.
    jitter = rng.uniform(-3, 3, (n, 2)) * noise
    cells = np.floor((X + jitter + 6.0) / 3.0).astype(np.int64)
    y = cells.sum(axis=1) % 2
    return _finish("checkerboard", X, y, 2, rng)


def reg_plane(n: int, noise: float, rng: np.random.Generator) -> DataSet:
    """Target (x1' + x2') / 10, x' = x + U(-6, 6) * noise: a tilted plane in [-1.2, 1.2]."""
    X = rng.uniform(-6, 6, (n, 2))
    jitter = rng.uniform(-6, 6, (n, 2)) * noise
    y = (X + jitter).sum(axis=1) / 10.0
    return _finish("reg_plane", X, y, 0, rng)


_GAUSS_CENTRES = np.array([[-4, 2.5], [0, 2.5], [4, 2.5], [-4, -2.5], [0, -2.5], [4, -2.5]])
_GAUSS_SIGNS = np.array([1.0, -1.0, 1.0, -1.0, 1.0, -1.0])


def reg_gauss(n: int, noise: float, rng: np.random.Generator) -> DataSet:
    """Six bumps of height +-1, radius 2; the target is the bump of largest magnitude."""
    X = rng.uniform(-6, 6, (n, 2))
    jitter = rng.uniform(-6, 6, (n, 2)) * noise
    d = np.linalg.norm((X + jitter)[:, None, :] - _GAUSS_CENTRES, axis=2)  # (n, 6)
    values = _GAUSS_SIGNS * np.clip(1.0 - d / 2.0, 0.0, 1.0)
    y = values[np.arange(n), np.abs(values).argmax(axis=1)]
    return _finish("reg_gauss", X, y, 0, rng)


def sin1d(n: int, noise: float, rng: np.random.Generator) -> DataSet:
    """One input x ~ U(-6, 6), target sin(x) + N(0, noise^2)."""
    X = rng.uniform(-6, 6, (n, 1))
    y = np.sin(X[:, 0]) + noise * rng.standard_normal(n)
    return _finish("sin1d", X, y, 0, rng)


def _entry(fn, task, description, default_n=500, default_noise=0.0, **extra) -> Generator:
    return Generator(fn.__name__, task, description, default_n, default_noise, fn, **extra)


GENERATORS: dict[str, Generator] = {
    g.name: g
    for g in (
        _entry(circle, CLASSIFICATION, "A disc of one class inside a ring of the other."),
        _entry(xor, CLASSIFICATION, "Opposite quadrants share a class (exclusive or)."),
        _entry(gauss, CLASSIFICATION, "Two Gaussian clouds; noise widens them."),
        _entry(spiral, CLASSIFICATION, "Two interleaved spiral arms: needs a deep network."),
        _entry(moons, CLASSIFICATION, "Two interleaving half circles.", default_noise=0.1),
        _entry(
            blobs,
            CLASSIFICATION,
            "K Gaussian clouds on a circle, one class each (2 to 8 classes).",
            default_noise=0.1,
            options={"n_classes": 3},
        ),
        _entry(checkerboard, CLASSIFICATION, "A 4 x 4 board of alternating classes."),
        _entry(reg_plane, REGRESSION, "A tilted plane: target (x1 + x2) / 10.", 1200),
        _entry(reg_gauss, REGRESSION, "Six bumps of height +1 or -1.", 1200),
        _entry(sin1d, REGRESSION, "One input: fit sin(x) on [-6, 6].", 200, n_inputs=1),
    )
}


def _check_int(name: str, value, low: int, high: int) -> int:
    try:
        if isinstance(value, bool):
            raise TypeError
        value = operator.index(value)
    except TypeError:
        raise ValueError(f"{name} must be an integer in {low}..{high}, got {value!r}") from None
    if not low <= value <= high:
        raise ValueError(f"{name} must be in {low}..{high}, got {value}")
    return value


def generate(
    name: str, n: int | None = None, noise: float | None = None, seed: int = 0, **kw
) -> DataSet:
    """Draw a named data set; the same arguments always give the same arrays.

    Parameters
    ----------
    name : str
        A key of `GENERATORS`.
    n : int, optional
        Number of points, 1..100000; the generator's default if None.
    noise : float, optional
        Noise level in [0, 0.5]; the generator's default if None.
    seed : int
        Seed for ``np.random.default_rng``.
    **kw
        Generator options, e.g. ``n_classes`` (2..8) for ``blobs``.

    Returns
    -------
    DataSet
        X of shape (n, 2) (``sin1d``: (n, 1)), y of shape (n,).

    Raises
    ------
    ValueError
        For an unknown name or option, or a parameter outside its range.
    """
    gen = GENERATORS.get(name)
    if gen is None:
        raise ValueError(f"unknown data set {name!r}; choose one of {', '.join(GENERATORS)}")
    n = _check_int("n", gen.default_n if n is None else n, 1, MAX_POINTS)
    noise = gen.default_noise if noise is None else noise
    try:
        noise = float(noise)
    except (TypeError, ValueError):
        raise ValueError(f"noise must be a number in [0, {MAX_NOISE}], got {noise!r}") from None
    if not 0.0 <= noise <= MAX_NOISE:  # also rejects NaN
        raise ValueError(f"noise must be in [0, {MAX_NOISE}], got {noise}")
    for key in kw:
        if key not in gen.options:
            raise ValueError(f"data set {name!r} has no option {key!r}")
    if "n_classes" in kw:
        kw["n_classes"] = _check_int("n_classes", kw["n_classes"], MIN_CLASSES, MAX_CLASSES)
    return gen.fn(n, noise, np.random.default_rng(seed), **kw)


def split(n: int, ratios: Sequence[float] = (0.6, 0.2, 0.2), seed: int = 0) -> np.ndarray:
    """Assign each of n points to train (0), validation (1) or test (2) at random.

    Validation and test get exactly ``round(n * ratio)`` points (Python's round, halves
    to even); train gets the rest, and at least one point whenever n >= 1 because a
    network cannot be trained on nothing.

    Parameters
    ----------
    n : int
        Number of points, >= 0.
    ratios : sequence of 3 floats
        (train, validation, test) fractions: non-negative, summing to 1, train > 0.
    seed : int
        Seed of the permutation.

    Returns
    -------
    codes : ndarray, shape (n,), int8
    """
    n = _check_int("n", n, 0, 2**62)
    r = [float(v) for v in ratios]
    if len(r) != 3:
        raise ValueError(f"ratios must be (train, validation, test), got {len(r)} values")
    if not all(v >= 0 for v in r):  # also rejects NaN
        raise ValueError(f"ratios must be non-negative, got {tuple(r)}")
    if abs(sum(r) - 1.0) > 1e-9:
        raise ValueError(f"ratios must sum to 1, got {sum(r)!r}")
    if r[0] <= 0:
        raise ValueError("the train ratio must be greater than 0")
    n_val, n_test = round(n * r[1]), round(n * r[2])
    while n >= 1 and n - n_val - n_test < 1:
        # Take the missing train point from the larger of the other two sets.
        if n_test >= n_val:
            n_test -= 1
        else:
            n_val -= 1
    codes = np.full(n, TRAIN, dtype=np.int8)
    perm = np.random.default_rng(seed).permutation(n)
    codes[perm[n - n_val - n_test : n - n_test]] = VALIDATION
    codes[perm[n - n_test :]] = TEST
    return codes
