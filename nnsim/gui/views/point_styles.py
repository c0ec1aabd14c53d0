"""How the data points look: one shared pen, brush and symbol per (colour, split).

100000 points are drawn by one `ScatterPlotItem`; its pens and brushes come from a small
table of shared objects, so pyqtgraph's symbol atlas renders each style once. A point is
filled (training set), a ring (validation set) or a diamond (test set).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor

from nnsim.gui.util.style import CLASS_COLORS
from nnsim.gui.views.colors import diverging_lut
from nnsim.project.enums import Task

POINT_LUT = diverging_lut(1.0, 21)  # 21 shades for the points of 2-D regression


class StyleTable:
    """Shared pens, brushes and symbols, one per (colour, split) style key."""

    def __init__(self, colors: list[QColor], ring_darker: int = 100):
        dark = pg.mkPen("#222222", width=1.0)
        self.colors = colors
        pens, brushes, symbols = [], [], []
        for c in colors:
            ring = pg.mkPen(c.darker(ring_darker), width=2.0)
            pens += [dark, ring, pg.mkPen(c.darker(160), width=1.0)]
            brushes += [pg.mkBrush(c), pg.mkBrush("#ffffff"), pg.mkBrush(c)]
            symbols += ["o", "o", "d"]
        self.scale = np.array([1.0, 1.0, 1.3] * len(colors))  # a diamond looks smaller
        self.pens = np.array(pens, dtype=object)
        self.brushes = np.array(brushes, dtype=object)
        self.symbols = np.array(symbols, dtype=object)


class PointStyles:
    """The three tables: classes, regression targets (2-D) and plain (1-D regression)."""

    def __init__(self):
        self.classes = StyleTable([QColor(c) for c in CLASS_COLORS])
        self.targets = StyleTable([QColor(*map(int, c)) for c in POINT_LUT], 150)
        self.plain = StyleTable([QColor("#555555")])

    def keys(self, project, rows: np.ndarray, line: bool, scale: float):
        """The table and style keys (len(rows),) of the points ``rows`` of ``project``.

        ``line``: 1-D data (plain points); ``scale``: |target| drawn at full colour.
        """
        d = project.data
        split = d.split[rows].astype(np.int64)
        if project.task == Task.CLASSIFICATION:
            return self.classes, (d.y[rows] % len(CLASS_COLORS)) * 3 + split
        if line:
            return self.plain, split
        n = len(POINT_LUT)
        bins = np.clip(np.round((d.y[rows] / scale + 1) / 2 * (n - 1)), 0, n - 1).astype(np.int64)
        return self.targets, bins * 3 + split
