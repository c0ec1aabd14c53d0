"""Hyperparameters of training, validated in one place with messages a student can act on."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields, replace

SCHEDULES = ("constant", "inverse", "power")
REGULARIZATIONS = ("none", "l1", "l2")
INITS = ("glorot", "zero", "constant")
DTYPES = ("float64", "float32")


class HyperparameterError(ValueError):
    """An impossible hyperparameter; ``field`` names it for the form that shows the error."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field


@dataclass(frozen=True)
class Hyperparameters:
    """Everything that controls training (the lecture's hyper-parameters).

    learning_rate : alpha; the schedule turns it into alpha_t per epoch.
    schedule : constant | inverse (``alpha / (1 + delta t)``) | power (``alpha / t^delta``).
    decay : delta of the schedule (power needs 0.5 < delta <= 1).
    constant_epochs : epochs trained with the constant alpha before the schedule starts.
    batch_size : samples per SGD update (1 = the lecture's per-sample SGD).
    momentum : beta in ``v = grad + beta v_prev`` (0 = plain SGD).
    regularization, reg_lambda : ``lambda Omega(theta)``, L2 or L1, on weights only.
    init, init_constant : Glorot-uniform, zero or constant weights (biases always 0).
    seed : seeds initialization and the per-epoch shuffling.
    max_epochs, target_loss : stop rules (target_loss 0 = off).
    early_stopping, patience : stop when the validation error has not improved for
        ``patience`` epochs, and restore the best weights.
    train_biases : False freezes the biases (the classic worked example does this).
    dtype : float64 (hand calculations match) or float32.
    """

    learning_rate: float = 0.03
    schedule: str = "constant"
    decay: float = 0.5
    constant_epochs: int = 0
    batch_size: int = 10
    momentum: float = 0.0
    regularization: str = "none"
    reg_lambda: float = 0.0
    init: str = "glorot"
    init_constant: float = 0.1
    seed: int = 0
    max_epochs: int = 1000
    target_loss: float = 0.0
    early_stopping: bool = False
    patience: int = 20
    train_biases: bool = True
    dtype: str = "float64"

    def validated(self) -> Hyperparameters:
        """Return self, or raise HyperparameterError naming the first impossible field."""
        numbers = {
            "learning_rate": self.learning_rate,
            "decay": self.decay,
            "momentum": self.momentum,
            "reg_lambda": self.reg_lambda,
            "init_constant": self.init_constant,
            "target_loss": self.target_loss,
        }
        for name, value in numbers.items():
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise HyperparameterError(name, f"must be a number, got {value!r}")
            if not math.isfinite(value):
                raise HyperparameterError(name, f"must be finite, got {value}")
        integers = {
            "constant_epochs": self.constant_epochs,
            "batch_size": self.batch_size,
            "seed": self.seed,
            "max_epochs": self.max_epochs,
            "patience": self.patience,
        }
        for name, value in integers.items():
            if isinstance(value, bool) or not isinstance(value, int):
                raise HyperparameterError(name, f"must be a whole number, got {value!r}")
        _check(self.learning_rate > 0, "learning_rate", "must be > 0 (try 0.03)")
        _check(self.learning_rate <= 100, "learning_rate", "must be <= 100")
        _check(self.schedule in SCHEDULES, "schedule", f"must be one of {SCHEDULES}")
        if self.schedule == "inverse":
            _check(self.decay >= 0, "decay", "delta must be >= 0 for alpha/(1 + delta t)")
        if self.schedule == "power":
            _check(0.5 < self.decay <= 1, "decay", "delta must be in (0.5, 1] for alpha/t^delta")
        _check(self.constant_epochs >= 0, "constant_epochs", "must be >= 0")
        _check(1 <= self.batch_size <= 100_000, "batch_size", "must be between 1 and 100000")
        _check(0 <= self.momentum < 1, "momentum", "beta must be in [0, 1)")
        _check(
            self.regularization in REGULARIZATIONS,
            "regularization",
            f"must be one of {REGULARIZATIONS}",
        )
        _check(self.reg_lambda >= 0, "reg_lambda", "lambda must be >= 0")
        _check(self.init in INITS, "init", f"must be one of {INITS}")
        _check(0 <= self.seed < 2**32, "seed", "must be between 0 and 4294967295")
        _check(1 <= self.max_epochs <= 10_000_000, "max_epochs", "must be between 1 and 1e7")
        _check(self.target_loss >= 0, "target_loss", "must be >= 0 (0 turns it off)")
        _check(self.patience >= 1, "patience", "must be >= 1")
        _check(self.dtype in DTYPES, "dtype", f"must be one of {DTYPES}")
        return self

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Hyperparameters:
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise HyperparameterError(sorted(unknown)[0], "unknown hyperparameter")
        return cls(**data).validated()

    def with_changes(self, **changes) -> Hyperparameters:
        return replace(self, **changes).validated()


def _check(ok: bool, field: str, message: str) -> None:
    if not ok:
        raise HyperparameterError(field, message)
