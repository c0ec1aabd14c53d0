"""The project file format: a JSON Schema (``SCHEMA``, printed by ``nnsim schema``) and the
small path-aware readers the loader checks every value with.

The loader does not use a JSON Schema library: it checks by hand so that every error
names the JSON path of the offending value (``$.network.hidden[2].activation``) and
also checks what a schema cannot say (weight shapes that fit the topology, labels in
range). ``SCHEMA`` documents the same structure for other tools.
"""

from __future__ import annotations

import math

import numpy as np

from nnsim.core.activations import ACTIVATIONS, OUTPUT_ACTIVATIONS
from nnsim.core.features import FEATURES
from nnsim.core.hyper import DTYPES, INITS, REGULARIZATIONS, SCHEDULES
from nnsim.core.losses import LOSSES
from nnsim.project.enums import Task
from nnsim.project.errors import ProjectError
from nnsim.project.limits import LIMITS

FORMAT = "nnsim-project"
SCHEMA_VERSION = 3

_NUM = {"type": "number"}
_INT = {"type": "integer", "minimum": 0}
_NUM_OR_NULL = {"type": ["number", "null"]}
_STRINGS = {"type": "array", "items": {"type": "string"}}
_VECTOR = {"type": "array", "items": _NUM}


def _obj(properties: dict, required: list | None = None, **extra) -> dict:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
        "additionalProperties": False,
        **extra,
    }


_HYPER = _obj(
    {
        "learning_rate": {"type": "number", "exclusiveMinimum": 0, "maximum": 100},
        "schedule": {"enum": list(SCHEDULES)},
        "decay": _NUM,
        "constant_epochs": _INT,
        "batch_size": {"type": "integer", "minimum": 1, "maximum": LIMITS["batch"].high},
        "momentum": {"type": "number", "minimum": 0, "exclusiveMaximum": 1},
        "regularization": {"enum": list(REGULARIZATIONS)},
        "reg_lambda": {"type": "number", "minimum": 0},
        "init": {"enum": list(INITS)},
        "init_constant": _NUM,
        "seed": {"type": "integer", "minimum": 0, "maximum": 2**32 - 1},
        "max_epochs": {"type": "integer", "minimum": 1, "maximum": LIMITS["epochs"].high},
        "target_loss": {"type": "number", "minimum": 0},
        "early_stopping": {"type": "boolean"},
        "patience": {"type": "integer", "minimum": 1},
        "train_biases": {"type": "boolean"},
        "dtype": {"enum": list(DTYPES)},
    },
    required=[],
)

_RECORD = _obj(
    {
        "epoch": _INT,
        "train_loss": _NUM_OR_NULL,
        "val_loss": _NUM_OR_NULL,
        "train_error": _NUM_OR_NULL,
        "val_error": _NUM_OR_NULL,
        "learning_rate": _NUM_OR_NULL,
        "grad_norms": {"type": "array", "items": _NUM_OR_NULL},
        "weight_norms": {"type": "array", "items": _NUM_OR_NULL},
    }
)

_RNG = _obj(
    {
        "bit_generator": {"const": "PCG64"},
        "state": _obj({"state": _INT, "inc": _INT}),
        "has_uint32": {"enum": [0, 1]},
        "uinteger": _INT,
    }
)

_STATE = _obj(
    {
        "epoch": _INT,
        "updates": _INT,
        "cursor": _INT,
        "permutation": {"type": ["array", "null"], "items": _INT},
        "rng_state": {"oneOf": [_RNG, {"type": "null"}]},
        "velocity": {"type": ["array", "null"], "items": _NUM},
        "best_theta": {"type": ["array", "null"], "items": _NUM},
        "best_epoch": _INT,
        "best_val": {"type": "array", "items": _NUM_OR_NULL, "minItems": 2, "maxItems": 2},
        "bad_epochs": _INT,
    }
)

_NEURONS = {
    "type": "array",
    "items": {"type": "string"},
    "minItems": 1,
    "maxItems": LIMITS["neurons"].high,
}
_LAYER = _obj(
    {"id": {"type": "string"}, "activation": {"enum": list(ACTIVATIONS)}, "neurons": _NEURONS}
)

_DATA = {
    "type": "object",
    "properties": {
        "inputs": {
            "type": "array",
            "maxItems": LIMITS["points"].high,
            "items": {"type": "array", "items": _NUM, "minItems": 1, "maxItems": 2},
        },
        "labels": {"type": "array", "items": {"type": "integer", "minimum": 0, "maximum": 7}},
        "targets": _VECTOR,
        "split": {"type": "array", "items": {"enum": [0, 1, 2]}},
        "generator": {"type": ["object", "null"]},
        "split_ratios": {
            "type": "array",
            "items": {"type": "number", "minimum": 0},
            "minItems": 3,
            "maxItems": 3,
        },
        "split_seed": _INT,
    },
    "required": ["inputs", "split", "generator", "split_ratios", "split_seed"],
    "oneOf": [{"required": ["labels"]}, {"required": ["targets"]}],
    "additionalProperties": False,
}

# The last hyperparameter search (nnsim.project.searching checks its contents).
_SEARCH = {
    "oneOf": [
        {"type": "null"},
        _obj(
            {
                "space": {"type": "object"},
                "seed": _INT,
                "total": _INT,
                "cancelled": {"type": "boolean"},
                "trials": {"type": "array", "items": {"type": "object"}},
                "best": {"type": ["integer", "null"], "minimum": 0},
                "test": {"type": ["object", "null"]},
                "best_weights": {"type": ["array", "null"]},
            }
        ),
    ]
}

SCHEMA: dict = _obj(
    {
        "format": {"const": FORMAT},
        "schema_version": {"const": SCHEMA_VERSION},
        "title": {"type": "string"},
        "description": {"type": "string"},
        "task": {"enum": [t.value for t in Task]},
        "n_classes": {"type": "integer", "minimum": 0, "maximum": 8},
        "features": {"type": "array", "items": {"enum": list(FEATURES)}, "minItems": 1},
        "network": _obj(
            {
                "hidden": {
                    "type": "array",
                    "items": _LAYER,
                    "maxItems": LIMITS["hidden_layers"].high,
                },
                "output": _obj(
                    {
                        "activation": {"enum": list(OUTPUT_ACTIVATIONS)},
                        "loss": {"enum": list(LOSSES)},
                        "neurons": _NEURONS,
                    }
                ),
                "next_id": _INT,
            }
        ),
        "data": _DATA,
        "hyperparameters": _HYPER,
        "weights": {
            "type": ["array", "null"],
            "items": _obj({"W": {"type": "array", "items": _VECTOR}, "b": _VECTOR}),
        },
        "trainer_state": {"oneOf": [_STATE, {"type": "null"}]},
        "history": {"type": "array", "items": _RECORD},
        "view": {"type": "object"},
        "teacher": _obj({"locked": _STRINGS, "hidden": _STRINGS, "note": {"type": "string"}}),
        "search": _SEARCH,
    },
    **{
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://nnsim.example/project.schema.json",
        "title": "nnsim project",
    },
)


# ---------------------------------------------------------------------- readers
def fail(path: str, problem: str):
    raise ProjectError(problem, path)


def _show(v) -> str:
    text = repr(v)
    return text if len(text) <= 40 else text[:37] + "..."


def obj(v, path: str, required=(), optional=()) -> dict:
    """``v`` as a JSON object that has every ``required`` key and no key outside both."""
    if not isinstance(v, dict):
        fail(path, f"must be an object, got {_show(v)}")
    for key in required:
        if key not in v:
            fail(path, f"the key {key!r} is missing")
    allowed = set(required) | set(optional)
    for key in v:
        if key not in allowed:
            fail(f"{path}.{key}", "unknown key")
    return v


def string(v, path: str, max_len: int = 100_000) -> str:
    if not isinstance(v, str):
        fail(path, f"must be a string, got {_show(v)}")
    if len(v) > max_len:
        fail(path, f"is longer than {max_len} characters")
    try:
        v.encode("utf-8")
    except UnicodeEncodeError:
        fail(path, "is not valid Unicode text")
    return v


def choice(v, path: str, options) -> str:
    if not isinstance(v, str) or v not in options:
        fail(path, f"must be one of {list(options)}, got {_show(v)}")
    return v


def integer(v, path: str, lo: int = 0, hi: int = 2**63 - 1) -> int:
    if type(v) is not int:
        fail(path, f"must be a whole number, got {_show(v)}")
    if not lo <= v <= hi:
        fail(path, f"must be between {_count(lo)} and {_count(hi)}, got {_show_count(v)}")
    return v


def _count(n: int) -> str:
    """A bound as people write it; the 64-bit extremes as words, not 19 digits."""
    if abs(n) >= 2**62:
        return "the largest number" if n > 0 else "the smallest number"
    return f"{n:,}"


def _show_count(v: int) -> str:
    return _count(v) if abs(v) < 10**30 else "a number with more than 30 digits"


def number(v, path: str, lo: float = -math.inf, hi: float = math.inf) -> float:
    if type(v) not in (int, float):
        fail(path, f"must be a number, got {_show(v)}")
    try:
        x = float(v)
    except OverflowError:
        fail(path, "is too large")
    if not math.isfinite(x):
        fail(path, "must be a finite number")
    if not lo <= x <= hi:
        fail(path, f"must be between {lo} and {hi}, got {_show(v)}")
    return x


def number_or_null(v, path: str) -> float:
    """A float that the file stores as null when it is not available (NaN)."""
    return math.nan if v is None else number(v, path)


def boolean(v, path: str) -> bool:
    if type(v) is not bool:
        fail(path, f"must be true or false, got {_show(v)}")
    return v


def array(v, path: str, max_len: int) -> list:
    if not isinstance(v, list):
        fail(path, f"must be an array, got {_show(v)}")
    if len(v) > max_len:
        fail(path, f"has {len(v)} items; at most {max_len} are allowed")
    return v


def vector(v, path: str, max_len: int, whole: bool = False) -> np.ndarray:
    """A JSON array of numbers as a float64 (``whole``: int64) array."""
    array(v, path, max_len)
    allowed = (int,) if whole else (int, float)
    if any(type(x) not in allowed for x in v):
        i = next(i for i, x in enumerate(v) if type(x) not in allowed)
        kind = "a whole number" if whole else "a number"
        fail(f"{path}[{i}]", f"must be {kind}, got {_show(v[i])}")
    if whole:
        i = next((i for i, x in enumerate(v) if not -(2**62) < x < 2**62), None)
        if i is not None:
            fail(f"{path}[{i}]", "is too large")
        return np.array(v, dtype=np.int64).reshape(len(v))
    try:
        out = np.array(v, dtype=np.float64).reshape(len(v))
    except OverflowError:
        out = np.array([number(x, f"{path}[{i}]") for i, x in enumerate(v)])
    bad = np.flatnonzero(~np.isfinite(out))
    if len(bad):
        fail(f"{path}[{bad[0]}]", "must be a finite number")
    return out


def matrix(v, path: str, max_rows: int, max_cols: int, cols: int | None = None) -> np.ndarray:
    """A JSON array of equally long number arrays as a float64 (rows, cols) array."""
    array(v, path, max_rows)
    for i, row in enumerate(v):
        array(row, f"{path}[{i}]", max_cols)
        want = len(v[0]) if cols is None else cols
        if len(row) != want:
            fail(f"{path}[{i}]", f"needs {want} numbers like the others, got {len(row)}")
    if not v:
        return np.zeros((0, 0 if cols is None else cols))
    flat = [x for row in v for x in row]
    try:
        out = vector(flat, path, len(flat))
    except ProjectError:
        for i, row in enumerate(v):  # find the row, to name the right path
            vector(row, f"{path}[{i}]", max_cols)
        raise
    return out.reshape(len(v), len(v[0]))
