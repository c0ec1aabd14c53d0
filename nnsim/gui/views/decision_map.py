"""The decision regions behind the data points: colours from the network's output.

Classification paints each point of the plane in its predicted class's colour, blended
towards white where the network is unsure; regression paints ``f(x)`` on a blue - white -
orange scale. The image is computed from a `GridResult` (the training worker's newest, or
one evaluated in the GUI thread while training is paused).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF

from nnsim.core.grid import GridResult
from nnsim.gui.util.style import CLASS_COLORS
from nnsim.gui.views.colors import diverging_lut, rgb

REGION_STRENGTH = (0.08, 0.6)  # colour strength of the regions at confidence 0 and 1
FLAT_STRENGTH = 0.42  # colour strength of the discretized regions


_PALETTE = np.array([rgb(c) for c in CLASS_COLORS])  # (8, 3)


REGRESSION_LUT = diverging_lut(0.75)


def class_confidence(output: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    """Predicted class, its probability and K from a network output ``f(x)`` (..., K).

    A single output is a sigmoid-style unit read as P(class 1) (class 1 if f >= 0.5).
    """
    if output.shape[-1] == 1:
        p1 = np.clip(output[..., 0], 0.0, 1.0)
        cls = (p1 >= 0.5).astype(np.int64)
        return cls, np.where(cls == 1, p1, 1.0 - p1), 2
    return output.argmax(axis=-1), output.max(axis=-1), output.shape[-1]


def decision_rgb(output: np.ndarray, discretize: bool = False) -> np.ndarray:
    """The decision regions as an RGB image (ny, nx, 3) uint8 from ``f(x)`` (ny, nx, K).

    Each pixel takes its predicted class's colour, blended towards white where the network
    is unsure: confidence max_k f_k(x) = 1/K gives (nearly) white, 1 the full strength.
    With ``discretize`` every pixel gets the flat class colour.
    """
    cls, conf, k = class_confidence(output)
    if discretize:
        strength = np.full(cls.shape, FLAT_STRENGTH)
    else:
        t = np.clip((conf - 1.0 / k) / (1.0 - 1.0 / k), 0.0, 1.0)
        lo, hi = REGION_STRENGTH
        strength = lo + (hi - lo) * t
    color = _PALETTE[cls % len(_PALETTE)]
    out = 255.0 - (255.0 - color) * strength[..., None]
    return np.round(out).astype(np.uint8)


def draw_regions(
    image: pg.ImageItem,
    grid: GridResult,
    classification: bool,
    discretize: bool = False,
    target_scale: float = 1.0,
) -> None:
    """Show ``grid`` in ``image``: class regions, or f(x) in [-target_scale, target_scale].

    The image covers the grid's cells: pixel (j, i) is centred on (xs[j], ys[i]).
    """
    out = np.asarray(grid.output, dtype=np.float64)
    if classification:
        img = decision_rgb(out, discretize)
        image.setImage(img.swapaxes(0, 1), autoLevels=False, levels=(0, 255), lut=None)
    else:
        m = target_scale
        image.setImage(out[..., 0].T, autoLevels=False, levels=(-m, m), lut=REGRESSION_LUT)
    xs, ys = grid.xs, grid.ys
    dx = (xs[-1] - xs[0]) / max(len(xs) - 1, 1)
    dy = (ys[-1] - ys[0]) / max(len(ys) - 1, 1)
    image.setRect(QRectF(xs[0] - dx / 2, ys[0] - dy / 2, dx * len(xs), dy * len(ys)))
    image.setVisible(True)
