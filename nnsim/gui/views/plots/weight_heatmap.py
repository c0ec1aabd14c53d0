"""W^(k) as an image: rows = neurons i of h^(k), columns = inputs j of h^(k-1).

The colours are the network diagram's: orange positive, blue negative, white 0, with
levels symmetric around 0; hovering a cell reads out ``W^(k)[i, j]``.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from nnsim.gui.util.style import NEGATIVE, POSITIVE
from nnsim.gui.util.throttle import Throttle
from nnsim.gui.views.plots.history_plot import HOVER_RATE


def _diverging_map() -> pg.ColorMap:
    """Blue negative, white 0, orange positive (the network view's weight colours)."""
    return pg.ColorMap(
        [0.0, 0.5, 1.0], [pg.mkColor(NEGATIVE), pg.mkColor("#f7f7f7"), pg.mkColor(POSITIVE)]
    )


class WeightHeatmap(QWidget):
    """W^(k) as an image: rows = neurons i of h^(k), columns = inputs j of h^(k-1)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.layer_combo = QComboBox()
        self.layer_combo.setToolTip(
            self.tr(
                "Which weight matrix W^(k) to show: a^(k) = b^(k) + W^(k) h^(k-1), "
                "W^(k) has shape (H_k, H_(k-1))"
            )
        )
        self.readout = QLabel(" ")
        self.readout.setContentsMargins(6, 2, 6, 2)
        top = QHBoxLayout()
        top.setContentsMargins(6, 4, 6, 0)
        top.addWidget(QLabel(self.tr("Weights of")))
        top.addWidget(self.layer_combo)
        top.addStretch(1)
        self.view = pg.GraphicsLayoutWidget()
        self.view.setBackground("w")
        self.plot_item: pg.PlotItem = self.view.addPlot()
        self.plot_item.invertY(True)  # neuron 1 at the top, as the matrix is written
        self.plot_item.setMenuEnabled(False)
        self.plot_item.setMouseEnabled(x=False, y=False)
        self.plot_item.hideButtons()
        self.image = pg.ImageItem(axisOrder="row-major")
        self.plot_item.addItem(self.image)
        self.colorbar = pg.ColorBarItem(
            values=(-1, 1), colorMap=_diverging_map(), interactive=False, width=15
        )
        self.colorbar.setImageItem(self.image, insert_in=self.plot_item)
        bar_axis = self.colorbar.axis
        bar_axis.setPen(pg.mkPen("#444"))
        bar_axis.setTextPen(pg.mkPen("#222"))
        self.image.setToolTip(self.tr("Orange: positive weight, blue: negative, white: 0"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.readout)
        self._hover = Throttle(1000 // HOVER_RATE, self._mouse_moved, self)
        self.plot_item.scene().sigMouseMoved.connect(self._hover.request)
        self._shape = None
        self._k = 1

    def set_matrix(self, k: int, W: np.ndarray, input_names: list[str] | None = None) -> None:
        """Show a copy of ``W`` (H_k, H_(k-1)) with levels symmetric around 0."""
        W = np.array(W, dtype=np.float64)
        finite = W[np.isfinite(W)]
        m = float(np.abs(finite).max()) if finite.size else 1.0
        m = m if m > 0 else 1.0
        self.image.setImage(W, autoLevels=False)
        self.colorbar.setLevels((-m, m))
        if self._shape != W.shape or self._k != k:
            self._shape, self._k = W.shape, k
            self._set_axes(k, W.shape, input_names)

    def _set_axes(self, k, shape, input_names) -> None:
        rows, cols = shape
        self.plot_item.setLabel(
            "bottom",
            self.tr("input j") + (f"  (h<sup>({k - 1})</sup>)" if k > 1 else "  (x)"),
            color="#222",
        )
        self.plot_item.setLabel(
            "left", self.tr("neuron i") + f"  (h<sup>({k})</sup>)", color="#222"
        )
        for name, n, names in (("bottom", cols, input_names), ("left", rows, None)):
            step = max(1, math.ceil(n / 16))
            ticks = [
                (i + 0.5, names[i] if names and k == 1 else str(i + 1)) for i in range(0, n, step)
            ]
            axis = self.plot_item.getAxis(name)
            axis.setTicks([ticks, []])
            axis.setPen(pg.mkPen("#444"))
            axis.setTextPen(pg.mkPen("#222"))
        self.plot_item.setRange(xRange=(0, cols), yRange=(0, rows), padding=0)

    def _mouse_moved(self, pos) -> None:
        W = self.image.image
        vb = self.plot_item.vb
        if W is None or not vb.sceneBoundingRect().contains(pos):
            return
        p = vb.mapSceneToView(pos)
        j, i = int(math.floor(p.x())), int(math.floor(p.y()))
        if 0 <= i < W.shape[0] and 0 <= j < W.shape[1]:
            self.readout.setText(f"W^({self._k})[{i + 1}, {j + 1}] = {W[i, j]:.4g}")
