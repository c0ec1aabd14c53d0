"""One plot of curves against epoch: legend above, hover readout below, stepped range.

pyqtgraph clips the curves to the visible range and downsamples them ('peak', so spikes
stay visible) when drawing; the view range moves in steps rather than on every epoch.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from nnsim.gui.util.throttle import Throttle

TRAIN_COLOR = "#1f77b4"  # blue, the same in every plot
VAL_COLOR = "#ff7f0e"  # orange
ACCURACY_COLOR = "#2ca02c"
RATE_COLOR = "#9467bd"
HOVER_RATE = 30  # crosshair updates per second at most


def fmt_value(v: float) -> str:
    """A value as the readouts show it (4 significant digits, a dash for none)."""
    return "–" if v is None or not math.isfinite(v) else f"{v:.4g}"


def style_axes(plot_item: pg.PlotItem, left: str, bottom: str | None = None) -> None:
    """Dark text on white (readable on a projector); labels in the lecture's notation."""
    for name in ("left", "bottom"):
        axis = plot_item.getAxis(name)
        axis.enableAutoSIPrefix(False)  # "loss (x0.001)" confuses students
        axis.setPen(pg.mkPen("#444"))
        axis.setTextPen(pg.mkPen("#222"))
    plot_item.setLabel("left", left, color="#222")
    if bottom is None:
        bottom = QCoreApplication.translate("TrainingPlots", "epoch")
    plot_item.setLabel("bottom", bottom, color="#222")


class HistoryPlot(QWidget):
    """A PlotWidget of curves against epoch, its legend above the data (never over it) and
    a hover readout: a vertical crosshair at the nearest epoch and its values below."""

    def __init__(self, y_label: str, parent=None):
        super().__init__(parent)
        self.view = pg.GraphicsLayoutWidget()
        self.view.setBackground("w")
        self.legend = pg.LegendItem(
            labelTextColor="#222", labelTextSize="10pt", colCount=4, frame=False
        )
        self.view.addItem(self.legend, row=0, col=0)
        self.plot_item: pg.PlotItem = self.view.addPlot(row=1, col=0)
        style_axes(self.plot_item, y_label)
        self.plot_item.showGrid(x=True, y=True, alpha=0.15)
        self.plot_item.setDownsampling(auto=True, mode="peak")
        self.plot_item.setClipToView(True)
        # The view range moves in steps, not on every new epoch: a changed range repaints
        # the axes and grid, which cost more than the curves (measured while training).
        self.plot_item.disableAutoRange()
        self._range: tuple | None = None
        self._user_range = False
        self.plot_item.vb.sigRangeChangedManually.connect(self._range_changed_by_user)
        self.plot_item.autoBtn.clicked.connect(self._range_released)
        self.plot_item.setMenuEnabled(True)
        self.crosshair = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen("#888", width=1))
        self.crosshair.setVisible(False)
        self.plot_item.addItem(self.crosshair, ignoreBounds=True)
        self.readout = QLabel(" ")
        self.readout.setContentsMargins(6, 2, 6, 2)
        self.readout.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.readout)
        self.curves: dict[str, pg.PlotDataItem] = {}
        self._names: dict[str, str] = {}
        self._x = np.empty(0)
        self._ys: dict[str, np.ndarray] = {}
        self.formatters: dict[str, callable] = {}
        self._hover = Throttle(1000 // HOVER_RATE, self._mouse_moved, self)
        self.plot_item.scene().sigMouseMoved.connect(self._hover.request)

    def add_curve(self, key: str, name: str, color: str, dash: bool = False) -> pg.PlotDataItem:
        style = Qt.DashLine if dash else Qt.SolidLine
        curve = self.plot_item.plot(
            [], [], pen=pg.mkPen(color, width=2, style=style), connect="finite"
        )
        self.legend.addItem(curve, name)
        self.curves[key] = curve
        self._names[key] = name
        return curve

    def remove_curves(self) -> None:
        for curve in self.curves.values():
            self.legend.removeItem(curve)
            self.plot_item.removeItem(curve)
        self.curves.clear()
        self._names.clear()
        self._ys.clear()

    def rename(self, names: dict[str, str]) -> None:
        """New legend names (the legend is rebuilt so the order stays)."""
        self._names.update(names)
        self.legend.clear()
        for key, curve in self.curves.items():
            if curve.isVisible():
                self.legend.addItem(curve, self._names[key])

    def set_data(self, x: np.ndarray, ys: dict[str, np.ndarray]) -> None:
        self._x = x
        self._ys = ys
        for key, y in ys.items():
            self.curves[key].setData(x, y, connect="finite")
        self.fit_range()

    def set_log_y(self, log: bool) -> None:
        self.plot_item.setLogMode(y=log)
        self._range = None
        self.fit_range()

    def _range_changed_by_user(self, *_) -> None:
        self._user_range = True

    def _range_released(self) -> None:
        # pyqtgraph's "A" button: back to the automatic (stepped) range
        self._user_range = False
        self.plot_item.disableAutoRange()
        self._range = None
        self.fit_range()

    def fit_range(self) -> None:
        """Show all data with a range that changes in steps (unless the user zoomed)."""
        if self._user_range or not len(self._x):
            return
        log_y = self.plot_item.vb.state["logMode"][1]
        lo, hi = math.inf, -math.inf
        for key, y in self._ys.items():
            if not self.curves[key].isVisible():
                continue
            v = y[np.isfinite(y) & (y > 0)] if log_y else y[np.isfinite(y)]
            if len(v):
                lo, hi = min(lo, float(v.min())), max(hi, float(v.max()))
        if not math.isfinite(lo):
            return
        if log_y:
            lo, hi = math.log10(lo), math.log10(hi)
        y_range = stepped_range(lo, hi, self._range[1] if self._range else None)
        x_range = (0.0, nice_ceiling(float(np.nanmax(self._x))))
        if (x_range, y_range) != self._range:
            self._range = (x_range, y_range)
            self.plot_item.setRange(xRange=x_range, yRange=y_range, padding=0)

    def _mouse_moved(self, pos) -> None:
        vb = self.plot_item.vb
        if not len(self._x) or not vb.sceneBoundingRect().contains(pos):
            self.crosshair.setVisible(False)
            return
        x = vb.mapSceneToView(pos).x()
        self.show_epoch_near(x)

    def show_epoch_near(self, x: float) -> None:
        """Put the crosshair on the epoch nearest to ``x`` and show its values."""
        xs = self._x
        if not len(xs):
            return
        i = int(np.clip(np.searchsorted(xs, x), 0, len(xs) - 1))
        if i > 0 and abs(xs[i - 1] - x) < abs(xs[i] - x):
            i -= 1
        self.crosshair.setPos(xs[i])
        self.crosshair.setVisible(True)
        parts = [self.tr("epoch {n}").format(n=int(xs[i]))]
        for key, y in self._ys.items():
            fmt = self.formatters.get(key, fmt_value)
            parts.append(f"{self._names[key]} {fmt(float(y[i]))}")
        self.readout.setText(" · ".join(parts))


def nice_ceiling(x: float) -> float:
    """The smallest of 10, 20, 50, 100, 200, 500, ... that is >= x."""
    step = 10.0
    while True:
        for m in (1, 2, 5):
            if m * step >= x:
                return m * step
        step *= 10


def stepped_range(lo: float, hi: float, current: tuple[float, float] | None) -> tuple:
    """A y range that moves in steps: keep ``current`` while it holds the data and the
    data fill at least 40 % of it, else fit the data with 10 % padding."""
    span = max(hi - lo, 1e-12 * max(1.0, abs(hi)))
    if current is not None:
        c0, c1 = current
        if c0 <= lo and hi <= c1 and span >= 0.4 * (c1 - c0):
            return current
    pad = 0.1 * span
    return (lo - pad, hi + pad)
