"""Why training stopped, as a record: a key and the numbers that explain it.

The engine never writes the sentence: the GUI renders a ``StopReason`` through Qt
translation (``nnsim.gui.util.explanations``) and the command line through its own
renderer (``nnsim.cli.render``), so nothing has to parse text back into numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class StopKey(StrEnum):
    """The stop rules of ``Trainer``; a ``str``, so saved search results keep plain keys."""

    MAX_EPOCHS = "max_epochs"  # fields: epoch
    TARGET_LOSS = "target_loss"  # fields: epoch, target_loss
    EARLY_STOPPING = "early_stopping"  # fields: epoch, best_epoch
    DIVERGED = "diverged"  # fields: epoch, lr (the learning rate alpha that diverged)


# The fields each key carries: a renderer may format any of them.
STOP_FIELDS = {
    StopKey.MAX_EPOCHS: ("epoch",),
    StopKey.TARGET_LOSS: ("epoch", "target_loss"),
    StopKey.EARLY_STOPPING: ("epoch", "best_epoch"),
    StopKey.DIVERGED: ("epoch", "lr"),
}


@dataclass(frozen=True)
class StopReason:
    """Why a run stopped: ``key`` and the ``fields`` named by ``STOP_FIELDS[key]``."""

    key: StopKey
    fields: dict = field(default_factory=dict)

    @classmethod
    def make(cls, key: StopKey | str, **fields) -> StopReason:
        """A record of ``key`` with exactly the fields that key carries."""
        key = StopKey(key)
        wanted = STOP_FIELDS[key]
        missing = [name for name in wanted if name not in fields]
        if missing:
            raise ValueError(f"stop reason {key.value} needs {missing}")
        return cls(key, {name: fields[name] for name in wanted})


class HintKey(StrEnum):
    """Advice the engine gives while training goes on (it does not stop the run)."""

    THRASHING = "thrashing"  # fields: epoch, low, high, lr


HINT_FIELDS = {HintKey.THRASHING: ("epoch", "low", "high", "lr")}


@dataclass(frozen=True)
class TrainingHint:
    """A hint as a record: ``key`` and the numbers a renderer words it with.

    ``thrashing``: over the epochs up to ``epoch`` the training loss went up and down,
    as high as ``high`` (at least ten times its best ``low``), without improving on
    ``low``; the learning rate ``lr`` (alpha) is probably too large.
    """

    key: HintKey
    fields: dict = field(default_factory=dict)

    @classmethod
    def make(cls, key: HintKey | str, **fields) -> TrainingHint:
        """A record of ``key`` with exactly the fields that key carries."""
        key = HintKey(key)
        return cls(key, {name: fields[name] for name in HINT_FIELDS[key]})
