"""Texts of the data panel marked for translation (context "DataPanel"): the tools, the
generators' names and descriptions, the CSV file filter. Translated where they are shown."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CSV_FILTER = QT_TRANSLATE_NOOP("DataPanel", "CSV files (*.csv);;All files (*)")
# Texts are marked for translation here and translated where they are shown.
TOOL_INFO = (
    ("add", QT_TRANSLATE_NOOP("DataPanel", "Add"), "A", QT_TRANSLATE_NOOP("DataPanel",
     "Add: click an empty spot to add a point of the current class; "
     "click a point to select it")),
    ("brush", QT_TRANSLATE_NOOP("DataPanel", "Brush"), "B", QT_TRANSLATE_NOOP("DataPanel",
     "Brush: drag to paint points of the current class (one undo step per stroke)")),
    ("erase", QT_TRANSLATE_NOOP("DataPanel", "Erase"), "E", QT_TRANSLATE_NOOP("DataPanel",
     "Erase: click or drag to remove the points under the circle "
     "(one undo step per stroke)")),
    ("select", QT_TRANSLATE_NOOP("DataPanel", "Select"), "S", QT_TRANSLATE_NOOP("DataPanel",
     "Select: click a point to follow it through the network "
     "(forward and backprop step by step)")),
)  # fmt: skip
# What the generator combo shows (the item data stays the generator key) and the
# descriptions of nnsim.core.datasets, for translation (English: shown unchanged).
GENERATOR_TEXT = {
    "circle": QT_TRANSLATE_NOOP("DataPanel", "circle"),
    "xor": QT_TRANSLATE_NOOP("DataPanel", "xor"),
    "gauss": QT_TRANSLATE_NOOP("DataPanel", "gauss"),
    "spiral": QT_TRANSLATE_NOOP("DataPanel", "spiral"),
    "moons": QT_TRANSLATE_NOOP("DataPanel", "moons"),
    "blobs": QT_TRANSLATE_NOOP("DataPanel", "blobs"),
    "checkerboard": QT_TRANSLATE_NOOP("DataPanel", "checkerboard"),
    "reg_plane": QT_TRANSLATE_NOOP("DataPanel", "reg_plane"),
    "reg_gauss": QT_TRANSLATE_NOOP("DataPanel", "reg_gauss"),
    "sin1d": QT_TRANSLATE_NOOP("DataPanel", "sin1d"),
}
GENERATOR_DESCRIPTIONS = (
    QT_TRANSLATE_NOOP("DataPanel", "A disc of one class inside a ring of the other."),
    QT_TRANSLATE_NOOP("DataPanel", "Opposite quadrants share a class (exclusive or)."),
    QT_TRANSLATE_NOOP("DataPanel", "Two Gaussian clouds; noise widens them."),
    QT_TRANSLATE_NOOP("DataPanel", "Two interleaved spiral arms: needs a deep network."),
    QT_TRANSLATE_NOOP("DataPanel", "Two interleaving half circles."),
    QT_TRANSLATE_NOOP(
        "DataPanel", "K Gaussian clouds on a circle, one class each (2 to 8 classes)."
    ),
    QT_TRANSLATE_NOOP("DataPanel", "A 4 x 4 board of alternating classes."),
    QT_TRANSLATE_NOOP("DataPanel", "A tilted plane: target (x1 + x2) / 10."),
    QT_TRANSLATE_NOOP("DataPanel", "Six bumps of height +1 or -1."),
    QT_TRANSLATE_NOOP("DataPanel", "One input: fit sin(x) on [-6, 6]."),
)


def data_tr(text: str) -> str:
    """Translate a text marked above (context DataPanel)."""
    return QCoreApplication.translate("DataPanel", text)
