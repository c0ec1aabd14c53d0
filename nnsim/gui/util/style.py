"""Colours and sizes shared by every view (one place, so presentation mode can scale them)."""

from __future__ import annotations

# Eight distinct classes (Tableau 10 order, distinguishable for most colour-blind viewers).
CLASS_COLORS = [
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
]
# Weights and activations: orange positive, blue negative, as in TensorFlow Playground.
POSITIVE = "#f28e2b"
NEGATIVE = "#4e79a7"


def class_color(index: int) -> str:
    return CLASS_COLORS[index % len(CLASS_COLORS)]


# Presentation mode (a projector): views multiply their line widths by ``scale`` when
# they redraw. 1.0 normally; nnsim.gui.shell.presentation sets 1.5.
scale = 1.0


def set_scale(s: float) -> None:
    """Set the line-width factor that ``line_width`` applies (1.0 = normal)."""
    global scale
    scale = float(s)


def line_width(w: float) -> float:
    """A line width ``w`` scaled for the current mode: ``w * scale``."""
    return w * scale
