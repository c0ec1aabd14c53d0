"""The views' diverging colours for signed values: blue negative, white 0, orange positive.

The same scale colours the weights (links, heatmap), the activations (neuron map,
thumbnails) and regression targets, so orange always means "positive".
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor

from nnsim.gui.util.style import NEGATIVE, POSITIVE


def rgb(hex_color: str) -> np.ndarray:
    """A colour as (3,) float64 RGB in 0..255."""
    c = QColor(hex_color)
    return np.array([c.red(), c.green(), c.blue()], dtype=np.float64)


_NEG, _WHITE, _POS = rgb(NEGATIVE), np.full(3, 255.0), rgb(POSITIVE)


def diverging_lut(strength: float = 1.0, n: int = 256) -> np.ndarray:
    """A (n, 3) uint8 lookup table from -1 to 1: blue -> white -> orange, ``strength``
    of the full colour at the ends."""
    t = np.linspace(-1.0, 1.0, n)[:, None]
    ends = np.where(t < 0, _NEG, _POS)
    return np.round(_WHITE - (_WHITE - ends) * np.abs(t) * strength).astype(np.uint8)


def diverging_rgb(values: np.ndarray, vmax: float | np.ndarray) -> np.ndarray:
    """Blue (negative) - white (0) - orange (positive), as uint8 RGB of shape values.shape + (3,).

    ``vmax`` (scalar or broadcastable) is the magnitude drawn at full colour.
    """
    t = np.clip(np.asarray(values, np.float64) / np.maximum(vmax, 1e-12), -1.0, 1.0)[..., None]
    rgb = np.where(t >= 0, _WHITE + t * (_POS - _WHITE), _WHITE - t * (_NEG - _WHITE))
    return np.ascontiguousarray(rgb.round().astype(np.uint8))


def diverging_colormap() -> pg.ColorMap:
    return pg.ColorMap([0.0, 0.5, 1.0], [QColor(NEGATIVE), QColor("white"), QColor(POSITIVE)])


def fixed_range(activation: str) -> float | None:
    """The magnitude of g's range when it is bounded (tanh, sigmoid, softmax), else None."""
    return 1.0 if activation in ("tanh", "sigmoid", "softmax") else None
