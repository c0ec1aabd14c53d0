"""The search space of a hyperparameter search: which values grid search combines and
from which ranges random search draws (log-uniform for the learning rate and lambda, as
the lecture advises), and how a configuration changes the hyperparameters."""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field

import numpy as np

from nnsim.core.hyper import HyperparameterError, Hyperparameters

# The searchable parameters, in the order a configuration lists them.
PARAMS = (
    "learning_rate",
    "hidden",
    "reg_lambda",
    "momentum",
    "batch_size",
    "schedule",
    "max_epochs",
)
LABELS = {
    "learning_rate": "learning rate α",
    "hidden": "hidden sizes",
    "reg_lambda": "λ",
    "momentum": "momentum β",
    "batch_size": "batch size",
    "schedule": "schedule",
    "max_epochs": "epochs",
}
SHORT = {
    "learning_rate": "lr",
    "hidden": "hidden",
    "reg_lambda": "λ",
    "momentum": "β",
    "batch_size": "batch",
    "schedule": "schedule",
    "max_epochs": "epochs",
}
# Random search draws these from a range: log-uniform where the scale matters (the
# lecture: search the learning rate and lambda on a log scale), else uniform.
LOG_RANGES = ("learning_rate", "reg_lambda", "batch_size")
LINEAR_RANGES = ("momentum", "max_epochs")
INTEGER = ("batch_size", "max_epochs")
MAX_TRIALS = 10_000


class SearchError(ValueError):
    """An impossible search space; ``field`` names the parameter."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field


# ---------------------------------------------------------------------- the space
@dataclass(frozen=True)
class SearchSpace:
    """What to try.

    method : "grid" (every combination of ``grid``) or "random" (``n_trials`` draws).
    grid : parameter -> the values to try (grid search), e.g.
        ``{"learning_rate": (0.01, 0.1), "hidden": ((4,), (8, 8))}``.
    ranges : parameter -> (low, high) for random search; learning_rate, reg_lambda and
        batch_size are drawn log-uniformly, momentum and max_epochs uniformly.
    choices : parameter -> values random search picks from uniformly (hidden, schedule,
        or any parameter given as a list).
    n_trials, seed : random search draws ``n_trials`` configurations with this seed.
    regularization : "l2" or "l1": the penalty a searched ``reg_lambda`` belongs to.
    """

    method: str = "grid"
    grid: dict = field(default_factory=dict)
    ranges: dict = field(default_factory=dict)
    choices: dict = field(default_factory=dict)
    n_trials: int = 10
    seed: int = 0
    regularization: str = "l2"

    @property
    def params(self) -> tuple[str, ...]:
        """The searched parameters, in `PARAMS` order."""
        used = set(self.grid) if self.method == "grid" else set(self.ranges) | set(self.choices)
        return tuple(p for p in PARAMS if p in used)

    def to_dict(self) -> dict:
        """JSON-able (tuples become lists)."""

        def plain(v):
            return [plain(x) for x in v] if isinstance(v, list | tuple) else v

        return {
            "method": self.method,
            "grid": {k: plain(v) for k, v in self.grid.items()},
            "ranges": {k: plain(v) for k, v in self.ranges.items()},
            "choices": {k: plain(v) for k, v in self.choices.items()},
            "n_trials": self.n_trials,
            "seed": self.seed,
            "regularization": self.regularization,
        }

    @classmethod
    def from_dict(cls, d: dict) -> SearchSpace:
        def values(table):
            return {k: tuple(normalize(k, x) for x in v) for k, v in dict(table).items()}

        return cls(
            method=d.get("method", "grid"),
            grid=values(d.get("grid", {})),
            ranges={k: tuple(v) for k, v in dict(d.get("ranges", {})).items()},
            choices=values(d.get("choices", {})),
            n_trials=int(d.get("n_trials", 10)),
            seed=int(d.get("seed", 0)),
            regularization=d.get("regularization", "l2"),
        ).validated()

    def validated(self) -> SearchSpace:
        """Return self, or raise `SearchError` naming the first impossible entry."""
        if self.method not in ("grid", "random"):
            raise SearchError("method", f"must be 'grid' or 'random', got {self.method!r}")
        if self.regularization not in ("l1", "l2"):
            raise SearchError("regularization", "must be 'l1' or 'l2'")
        for table in (self.grid, self.ranges, self.choices):
            for name in table:
                if name not in PARAMS:
                    raise SearchError(name, f"cannot be searched; choose from {list(PARAMS)}")
        if self.method == "grid":
            if not self.grid:
                raise SearchError("grid", "choose at least one parameter to search")
            for name, vals in self.grid.items():
                if len(vals) == 0:
                    raise SearchError(name, "needs at least one value")
                for v in vals:
                    check_value(name, v)
            if math.prod(len(v) for v in self.grid.values()) > MAX_TRIALS:
                raise SearchError("grid", f"more than {MAX_TRIALS} combinations")
            return self
        if not self.ranges and not self.choices:
            raise SearchError("ranges", "choose at least one parameter to search")
        both = set(self.ranges) & set(self.choices)
        if both:
            raise SearchError(sorted(both)[0], "give either a range or a list, not both")
        if isinstance(self.n_trials, bool) or not isinstance(self.n_trials, int):
            raise SearchError("n_trials", "must be a whole number")
        if not 1 <= self.n_trials <= MAX_TRIALS:
            raise SearchError("n_trials", f"must be between 1 and {MAX_TRIALS}")
        for name, r in self.ranges.items():
            if name not in LOG_RANGES + LINEAR_RANGES:
                raise SearchError(name, "has no range; give a list of choices")
            if len(r) != 2 or not all(_is_number(x) for x in r):
                raise SearchError(name, f"a range needs two numbers low:high, got {r!r}")
            lo, hi = float(r[0]), float(r[1])
            if not lo <= hi:
                raise SearchError(name, f"low must be <= high, got {lo:g}:{hi:g}")
            if name in LOG_RANGES and lo <= 0:
                raise SearchError(name, "is drawn on a log scale: low must be > 0")
            check_value(name, int(round(lo)) if name in INTEGER else lo)
            check_value(name, int(round(hi)) if name in INTEGER else hi)
        for name, vals in self.choices.items():
            if len(vals) == 0:
                raise SearchError(name, "needs at least one value")
            for v in vals:
                check_value(name, v)
        return self


def _is_number(v) -> bool:
    return not isinstance(v, bool) and isinstance(v, int | float) and math.isfinite(v)


def normalize(name: str, v):
    """A value as configurations hold it: hidden sizes as a tuple of ints."""
    if name == "hidden":
        return tuple(int(h) for h in v)
    return v


def check_value(name: str, v) -> None:
    """Raise `SearchError` if ``v`` is not a possible value of parameter ``name``."""
    if name == "hidden":
        if not isinstance(v, list | tuple) or any(
            isinstance(h, bool) or not isinstance(h, int) or not 1 <= h <= 256 for h in v
        ):
            raise SearchError(name, f"layer widths must be whole numbers 1..256, got {v!r}")
        if len(v) > 16:
            raise SearchError(name, "at most 16 hidden layers")
        return
    try:
        apply_config(Hyperparameters(decay=1.0), {name: v}, "l2")  # a delta every schedule takes
    except HyperparameterError as e:
        raise SearchError(name, str(e).split(": ", 1)[-1]) from None
    except TypeError:
        raise SearchError(name, f"impossible value {v!r}") from None


def configurations(space: SearchSpace) -> list[dict]:
    """Every configuration the search trains, in trial order.

    Grid: the Cartesian product of the value lists (the first parameter varies slowest).
    Random: ``n_trials`` independent draws, reproducible for ``space.seed``.
    """
    params = space.params
    if space.method == "grid":
        lists = [[normalize(p, v) for v in space.grid[p]] for p in params]
        return [dict(zip(params, combo)) for combo in itertools.product(*lists)]
    rng = np.random.default_rng(space.seed)
    out = []
    for _ in range(space.n_trials):
        config = {}
        for p in params:
            if p in space.choices:
                vals = space.choices[p]
                config[p] = normalize(p, vals[int(rng.integers(len(vals)))])
                continue
            lo, hi = (float(x) for x in space.ranges[p])
            if p in LOG_RANGES:
                x = math.exp(rng.uniform(math.log(lo), math.log(hi)))
            else:
                x = rng.uniform(lo, hi)
            if p in INTEGER:
                x = int(min(max(round(x), math.ceil(lo)), math.floor(hi)))
            elif p == "momentum":
                x = min(x, 0.999)
            else:
                x = float(f"{x:.4g}")  # 4 significant digits: readable in a table
            config[p] = x
        out.append(config)
    return out


def apply_config(hp: Hyperparameters, config: dict, regularization: str) -> Hyperparameters:
    """``hp`` with a configuration's values (everything but the hidden sizes)."""
    changes = {k: v for k, v in config.items() if k != "hidden"}
    if "reg_lambda" in changes:
        changes["regularization"] = regularization if changes["reg_lambda"] > 0 else "none"
    return hp.with_changes(**changes)


def describe(config: dict) -> str:
    """A short label, e.g. ``lr 0.03 · hidden 8,8``."""
    return " · ".join(f"{SHORT[p]} {format_value(p, config[p])}" for p in PARAMS if p in config)


def format_value(name: str, v) -> str:
    if name == "hidden":
        return ",".join(map(str, v)) or "none"
    if isinstance(v, float):
        return f"{v:.4g}"
    return str(v)


def parse_values(name: str, text: str) -> tuple:
    """A typed list of values from text: ``"0.01, 0.1"``; hidden sizes ``"4; 8; 8,8"``;
    schedules ``"constant, inverse"``. Raises `SearchError` naming ``name``."""
    if name == "hidden":
        parts = [part.strip() for part in text.split(";")]
        try:
            values = tuple(
                () if part in ("", "0") else tuple(int(v) for v in part.split(","))
                for part in parts
            )
        except ValueError:
            raise SearchError(name, f'expected widths like "4; 8; 8,8", got {text!r}') from None
    elif name == "schedule":
        values = tuple(v.strip() for v in text.split(",") if v.strip())
    else:
        kind = int if name in INTEGER else float
        try:
            values = tuple(kind(v) for v in text.replace(";", ",").split(",") if v.strip())
        except ValueError:
            what = "whole numbers" if kind is int else "numbers"
            raise SearchError(name, f"expected {what} separated by commas, got {text!r}") from None
    if not values:
        raise SearchError(name, "needs at least one value")
    for v in values:
        check_value(name, v)
    return values


def parse_range(name: str, text: str) -> tuple[float, float]:
    """``"1e-4 : 1"`` -> (0.0001, 1.0). Raises `SearchError` naming ``name``."""
    lo, sep, hi = text.partition(":")
    try:
        values = (float(lo), float(hi))
    except ValueError:
        values = ()
    if not sep or not values or not all(math.isfinite(v) for v in values):
        raise SearchError(name, f"expected a range LOW : HIGH like 1e-4 : 1, got {text!r}")
    return values
