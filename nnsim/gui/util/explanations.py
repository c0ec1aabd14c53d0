"""The engine's records in words: stop reasons rendered through Qt translation.

``nnsim.core.stop.StopReason`` carries a key and numbers; the sentence is chosen here by
key and filled with the fields, in the interface language. The English texts are the
translation sources (context ``StopReason``).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from nnsim.core.stop import StopKey, StopReason

CONTEXT = "StopReason"
STOP_TEXTS = {
    StopKey.MAX_EPOCHS: QT_TRANSLATE_NOOP("StopReason", "Reached the epoch limit."),
    StopKey.TARGET_LOSS: QT_TRANSLATE_NOOP("StopReason", "Reached the target loss."),
    StopKey.EARLY_STOPPING: QT_TRANSLATE_NOOP(
        "StopReason",
        "Early stopping: the validation error stopped improving; "
        "the best weights (epoch {best_epoch}) were restored.",
    ),
    StopKey.DIVERGED: QT_TRANSLATE_NOOP(
        "StopReason",
        "Training diverged: the loss became NaN or infinite at epoch {epoch}. "
        "The last finite weights were kept. Try a smaller learning rate than {lr:g}.",
    ),
}


def stop_text(stop: StopReason) -> str:
    """Why training stopped, as a sentence in the interface language."""
    template = QCoreApplication.translate(CONTEXT, STOP_TEXTS[stop.key])
    return template.format(**stop.fields)
