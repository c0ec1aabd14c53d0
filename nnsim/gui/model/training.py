"""The training's words for the window: its speed levels, translated.

The session (``nnsim.gui.model.session``) drives the training itself.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

# Speed levels: (label, seconds between updates); 0 = as fast as possible.
# The labels are English (shown through ``speed_label``, which translates them).
SPEEDS = (
    (QT_TRANSLATE_NOOP("TrainingController", "Slow: 2 updates/s"), 0.5),
    (QT_TRANSLATE_NOOP("TrainingController", "Medium: 10 updates/s"), 0.1),
    (QT_TRANSLATE_NOOP("TrainingController", "Fast: 50 updates/s"), 0.02),
    (QT_TRANSLATE_NOOP("TrainingController", "Full speed"), 0.0),
)


def _translate(text: str) -> str:
    return QCoreApplication.translate("TrainingController", text)


def speed_label(label: str) -> str:
    """A ``SPEEDS`` label in the interface language."""
    return _translate(label)
