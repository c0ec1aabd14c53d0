"""The engine's records as the command line's English text.

The engine returns records (``nnsim.core.stop.StopReason``); the command line, which has
no Qt translation, words them here. The GUI words the same records through
``nnsim.gui.util.explanations``.
"""

from __future__ import annotations

from nnsim.core.stop import HintKey, StopKey, StopReason, TrainingHint

STOP_TEXTS = {
    StopKey.MAX_EPOCHS: "Reached the epoch limit.",
    StopKey.TARGET_LOSS: "Reached the target loss.",
    StopKey.EARLY_STOPPING: "Early stopping: the validation error stopped improving; "
    "the best weights (epoch {best_epoch}) were restored.",
    StopKey.DIVERGED: "Training diverged: the loss became NaN or infinite at epoch {epoch}. "
    "The last finite weights were kept. Try a smaller learning rate than {lr:g}.",
}


HINT_TEXTS = {
    HintKey.THRASHING: "Hint: up to epoch {epoch} the training loss swung up and down as high as "
    "{high:.4g}, at least ten times its best {low:.4g}, without improving. The learning rate "
    "{lr:g} is probably too large.",
}


def hint_text(hint: TrainingHint) -> str:
    """Advice the engine gave while training went on, in English."""
    return HINT_TEXTS[hint.key].format(**hint.fields)


def stop_text(stop: StopReason) -> str:
    """Why training stopped, in English."""
    return STOP_TEXTS[stop.key].format(**stop.fields)


def interrupted_text(epoch: int) -> str:
    """The run was stopped by Ctrl+C."""
    return f"Interrupted at epoch {epoch}."


def signal_text(signal_name: str, epoch: int) -> str:
    """The run was stopped by a signal other than Ctrl+C (SIGTERM, SIGHUP)."""
    return f"Stopped by {signal_name} at epoch {epoch}."


def already_trained_text(epoch: int, max_epochs: int) -> str:
    """Nothing to do: the project has reached its epoch limit."""
    return f"Already trained for {epoch} epochs (the limit is {max_epochs})."
