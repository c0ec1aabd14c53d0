"""Training curves: loss, error, weights, gradient norms and learning rate against epoch.

The history can reach 100000 epochs, so the records are kept as numpy columns grown by
capacity doubling (`HistoryColumns`): a new snapshot appends only its few records and the
curves get views of the columns; pyqtgraph clips to the visible range and downsamples
('peak', so spikes stay visible) when drawing. Tabs that are not shown are redrawn when
they are opened, and the weight heatmap is redrawn at most ``WEIGHTS_RATE`` times a second.
"""

from __future__ import annotations

import math
import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from nnsim.core.schedules import FORMULAS
from nnsim.core.trainer import EpochRecord
from nnsim.gui.model.project_model import ProjectModel
from nnsim.gui.util.style import CLASS_COLORS, NEGATIVE, POSITIVE
from nnsim.gui.views.runs import RunList, RunStore, run_series

TRAIN_COLOR = "#1f77b4"  # blue, the same in every plot
VAL_COLOR = "#ff7f0e"  # orange
ACCURACY_COLOR = "#2ca02c"
RATE_COLOR = "#9467bd"
WEIGHTS_RATE = 10.0  # heatmap redraws per second at most
HOVER_RATE = 30  # crosshair updates per second at most


def layer_color(k: int) -> str:
    """Colour of weight layer k = 1..L+1 (skipping blue/orange, which mean train/validation)."""
    return CLASS_COLORS[(k + 1) % len(CLASS_COLORS)]


def layer_name(k: int, n_layers: int) -> str:
    if k == n_layers:
        return QCoreApplication.translate("TrainingPlots", "layer {k} (output)").format(k=k)
    return QCoreApplication.translate("TrainingPlots", "layer {k}").format(k=k)


def _fmt(v: float) -> str:
    return "–" if v is None or not math.isfinite(v) else f"{v:.4g}"


def summary_text(model: ProjectModel) -> str:
    """One line for the status bar, e.g. 'Epoch 120 · loss 0.123 / val 0.145 · val error 4.2 %'."""
    if not model.history:
        return QCoreApplication.translate("TrainingPlots", "Epoch 0 · not trained yet")
    r = model.history[-1]
    text = QCoreApplication.translate(
        "TrainingPlots", "Epoch {epoch} · loss {loss} / val {val}"
    ).format(epoch=r.epoch, loss=_fmt(r.train_loss), val=_fmt(r.val_loss))
    if model.project.task == "classification":
        err = "–" if not math.isfinite(r.val_error) else f"{100 * r.val_error:.1f} %"
        return text + QCoreApplication.translate("TrainingPlots", " · val error {err}").format(
            err=err
        )
    return text + QCoreApplication.translate("TrainingPlots", " · val MSE {mse}").format(
        mse=_fmt(r.val_error)
    )


class HistoryColumns:
    """Epoch records as numpy columns; appending is amortised O(1) (capacity doubling).

    ``column(name)`` is a view of the first ``n`` rows; ``grad_norms``/``weight_norms`` are
    (n, n_layers) with NaN where a record had fewer layers (the topology changed).
    """

    SCALARS = ("epoch", "train_loss", "val_loss", "train_error", "val_error", "learning_rate")

    def __init__(self):
        self.clear()

    def clear(self) -> None:
        self.n = 0
        self.last: EpochRecord | None = None
        self._s = np.empty((0, len(self.SCALARS)))
        self._g = np.empty((0, 0))
        self._w = np.empty((0, 0))

    @property
    def n_layers(self) -> int:
        return self._g.shape[1]

    def column(self, name: str) -> np.ndarray:
        return self._s[: self.n, self.SCALARS.index(name)]

    @property
    def grad_norms(self) -> np.ndarray:
        return self._g[: self.n]

    @property
    def weight_norms(self) -> np.ndarray:
        return self._w[: self.n]

    def _grow(self, rows: int, layers: int) -> None:
        s = np.full((rows, len(self.SCALARS)), np.nan)
        g = np.full((rows, layers), np.nan)
        w = np.full((rows, layers), np.nan)
        s[: self.n] = self._s[: self.n]
        g[: self.n, : self.n_layers] = self._g[: self.n]
        w[: self.n, : self.n_layers] = self._w[: self.n]
        self._s, self._g, self._w = s, g, w

    def extend(self, records) -> None:
        m = len(records)
        if not m:
            return
        width = max(max(len(r.grad_norms), len(r.weight_norms)) for r in records)
        need = self.n + m
        if need > len(self._s) or width > self.n_layers:
            self._grow(max(need, 2 * len(self._s), 64), max(width, self.n_layers))
        rows = slice(self.n, need)
        self._s[rows] = [[getattr(r, f) for f in self.SCALARS] for r in records]
        if all(len(r.grad_norms) == len(r.weight_norms) == width for r in records):
            self._g[rows, :width] = [r.grad_norms for r in records]
            self._w[rows, :width] = [r.weight_norms for r in records]
        else:
            self._g[rows] = self._w[rows] = np.nan
            for i, r in enumerate(records, self.n):
                self._g[i, : len(r.grad_norms)] = r.grad_norms
                self._w[i, : len(r.weight_norms)] = r.weight_norms
        self.n = need
        self.last = records[-1]

    def sync(self, history) -> bool:
        """Append what ``history`` has beyond our rows; rebuild if it is another history.

        Returns True if the columns were rebuilt from scratch.
        """
        rebuilt = False
        if self.n and (len(history) < self.n or not _same(history[self.n - 1], self.last)):
            self.clear()
            rebuilt = True
        self.extend(history[self.n :])
        return rebuilt


def _same(a: EpochRecord, b: EpochRecord | None) -> bool:
    if a is b:
        return True
    return b is not None and repr((a.epoch, a.train_loss, a.val_loss)) == repr(
        (b.epoch, b.train_loss, b.val_loss)
    )


def _style(plot_item: pg.PlotItem, left: str, bottom: str | None = None) -> None:
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
        _style(self.plot_item, y_label)
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
        self._proxy = pg.SignalProxy(
            self.plot_item.scene().sigMouseMoved, rateLimit=HOVER_RATE, slot=self._mouse_moved
        )

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
        x_range = (0.0, _nice_ceiling(float(np.nanmax(self._x))))
        if (x_range, y_range) != self._range:
            self._range = (x_range, y_range)
            self.plot_item.setRange(xRange=x_range, yRange=y_range, padding=0)

    def _mouse_moved(self, event) -> None:
        pos = event[0]
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
            fmt = self.formatters.get(key, _fmt)
            parts.append(f"{self._names[key]} {fmt(float(y[i]))}")
        self.readout.setText(" · ".join(parts))


def _nice_ceiling(x: float) -> float:
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
        self._proxy = pg.SignalProxy(
            self.plot_item.scene().sigMouseMoved, rateLimit=HOVER_RATE, slot=self._mouse_moved
        )
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

    def _mouse_moved(self, event) -> None:
        pos = event[0]
        W = self.image.image
        vb = self.plot_item.vb
        if W is None or not vb.sceneBoundingRect().contains(pos):
            return
        p = vb.mapSceneToView(pos)
        j, i = int(math.floor(p.x())), int(math.floor(p.y()))
        if 0 <= i < W.shape[0] and 0 <= j < W.shape[1]:
            self.readout.setText(f"W^({self._k})[{i + 1}, {j + 1}] = {W[i, j]:.4g}")


class TrainingPlots(QWidget):
    """The training curves of ``model`` in tabs; redraws incrementally on history_changed."""

    def __init__(self, model: ProjectModel, parent=None):
        super().__init__(parent)
        self.model = model
        self.columns = HistoryColumns()
        self.tabs = QTabWidget()
        # earlier runs, overlaid dashed on the Loss and Error plots (see runs.py)
        self.runs = RunStore()
        self.run_list = RunList(self.runs)
        self.run_list.visibility_changed.connect(self._draw_runs)
        self.run_list.cleared.connect(self._draw_runs)
        self._run_items: list = []
        self._run_settings = None  # (hyper, sizes) the current run was trained with
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.run_list)

        # Loss
        self.loss_plot = HistoryPlot(self.tr("loss"))
        self.loss_plot.add_curve("train", self.tr("training loss"), TRAIN_COLOR)
        self.loss_plot.add_curve("val", self.tr("validation loss"), VAL_COLOR)
        self.log_checkbox = QCheckBox(self.tr("log scale"))
        self.log_checkbox.setToolTip(
            self.tr("Show the loss on a logarithmic axis (late progress visible)")
        )
        self.log_checkbox.toggled.connect(self._log_toggled)
        self.tabs.addTab(self._with_bar(self.loss_plot, self.log_checkbox), self.tr("Loss"))
        self.tabs.setTabToolTip(
            0, self.tr("Mean loss l(f(x), y) on the training and validation sets")
        )

        # Error
        self.error_plot = HistoryPlot(self.tr("error"))
        self.error_plot.add_curve("train", self.tr("training error"), TRAIN_COLOR)
        self.error_plot.add_curve("val", self.tr("validation error"), VAL_COLOR)
        self.error_plot.add_curve(
            "accuracy", self.tr("validation accuracy"), ACCURACY_COLOR, dash=True
        )
        self.tabs.addTab(self.error_plot, self.tr("Error"))
        self.tabs.setTabToolTip(
            1,
            self.tr("Classification: error rate in % (accuracy = 100 % - error); regression: MSE"),
        )

        # Weights: live heatmap above, ||W^(k)||_F per layer below
        self.heatmap = WeightHeatmap()
        self.heatmap.layer_combo.currentIndexChanged.connect(lambda _: self._redraw_weights())
        self.norm_plot = HistoryPlot("‖W<sup>(k)</sup>‖<sub>F</sub>")
        splitter = QSplitter(Qt.Vertical)
        splitter.addWidget(self.heatmap)
        splitter.addWidget(self.norm_plot)
        splitter.setSizes([300, 200])
        self.tabs.addTab(splitter, self.tr("Weights"))
        self.tabs.setTabToolTip(
            2, self.tr("W^(k) now, and its Frobenius norm ||W^(k)||_F per epoch")
        )

        # Gradients
        self.grad_plot = HistoryPlot("‖∇W<sup>(k)</sup>‖<sub>F</sub>  (log)")
        self.grad_plot.set_log_y(True)
        self.tabs.addTab(self.grad_plot, self.tr("Gradients"))
        self.tabs.setTabToolTip(
            3,
            self.tr(
                "Gradient norm ||grad W^(k)||_F per layer on the training set (log axis): "
                "with many layers the first ones get much smaller gradients (vanishing gradient)"
            ),
        )

        # Learning rate
        self.lr_plot = HistoryPlot("α<sub>t</sub>")
        self.lr_plot.add_curve("lr", self.tr("learning rate αₜ"), RATE_COLOR)
        self.formula_label = QLabel()
        self.formula_label.setToolTip(
            self.tr("SGD converges if sum alpha_t = infinity and sum alpha_t^2 < infinity")
        )
        self.tabs.addTab(self._with_bar(self.lr_plot, self.formula_label), self.tr("Learning rate"))
        self.tabs.setTabToolTip(4, self.tr("Learning rate alpha_t of each epoch (the schedule)"))

        self._stale: set[int] = set(range(self.tabs.count()))
        self._last_weights = 0.0
        self._weights_timer = QTimer(self, singleShot=True)
        self._weights_timer.timeout.connect(self._redraw_weights)
        self.tabs.currentChanged.connect(self._tab_changed)

        model.history_changed.connect(self._history_changed)
        model.weights_changed.connect(self._weights_changed)
        model.network_changed.connect(self._network_changed)
        model.view_changed.connect(self._view_changed)
        model.hyper_changed.connect(self._hyper_changed)
        model.data_changed.connect(self._task_changed)
        model.project_replaced.connect(self._project_replaced)
        self._project_replaced()

    @staticmethod
    def _with_bar(plot: QWidget, extra: QWidget) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 4, 6, 0)
        bar.addWidget(extra)
        bar.addStretch(1)
        layout.addLayout(bar)
        layout.addWidget(plot, 1)
        return box

    # ------------------------------------------------------------------ view -> model
    def _log_toggled(self, checked: bool) -> None:
        """The one write of this widget: a view setting, saved with the project, not undoable."""
        view = dict(self.model.project.view)
        view["log_loss"] = bool(checked)
        self.model.set_fields(view=view)

    # ------------------------------------------------------------------ model -> view
    def _project_replaced(self) -> None:
        self.columns.clear()
        self.runs.clear()
        p = self.model.project
        self._run_settings = (p.hyper, tuple(p.sizes))
        self.run_list.refresh()
        self._draw_runs()
        self._network_changed()
        self._task_changed()
        self._view_changed()
        self._hyper_changed()
        self._history_changed()

    def _history_changed(self) -> None:
        self._track_runs(self.model.history)
        rebuilt = self.columns.sync(self.model.history)
        if rebuilt or self.columns.n_layers != len(self.grad_plot.curves):
            self._make_layer_curves()
        self._stale.update((0, 1, 2, 3, 4))
        self._redraw(self.tabs.currentIndex())

    def _track_runs(self, history) -> None:
        """Archive the current curves when the history is replaced; name earlier runs by
        what changed once the next run has its first epoch."""
        c, changed = self.columns, False
        if c.n and (len(history) < c.n or not _same(history[c.n - 1], c.last)):
            if self._run_settings is not None:
                changed = self.runs.archive(c, *self._run_settings) is not None
        if not c.n:  # the whole history arrived at once: perhaps an Undo of a Reset
            changed = self.runs.forget_live(history) or changed
        if len(history) > (0 if changed else c.n):
            p = self.model.project
            self._run_settings = (p.hyper, tuple(p.sizes))
            changed = self.runs.name_pending(p.hyper, p.sizes) or changed
        if changed:
            self.run_list.refresh()
            self._draw_runs()

    def _draw_runs(self) -> None:
        for plot_item, item in self._run_items:
            plot_item.removeItem(item)
        self._run_items = []
        classification = self.model.project.task == "classification"
        for run in self.runs.runs:
            if not run.visible:
                continue
            for plot, kind in ((self.loss_plot, "loss"), (self.error_plot, "error")):
                ys = run_series(run, kind, classification)
                for key, style in (("val", Qt.DashLine), ("train", Qt.DotLine)):
                    item = plot.plot_item.plot(
                        run.data["epoch"],
                        ys[key],
                        pen=pg.mkPen(run.color, width=2, style=style),
                        connect="finite",
                    )
                    item.setZValue(-1)  # under the current run
                    self._run_items.append((plot.plot_item, item))

    def _make_layer_curves(self) -> None:
        n = self.columns.n_layers or self.model.network.n_layers
        for plot in (self.grad_plot, self.norm_plot):
            plot.remove_curves()
            for k in range(1, n + 1):
                plot.add_curve(str(k), layer_name(k, n), layer_color(k), dash=k > 6)

    def _task_changed(self) -> None:
        classification = self.model.project.task == "classification"
        plot = self.error_plot
        plot.plot_item.setLabel(
            "left", self.tr("error rate, accuracy (%)") if classification else "MSE"
        )
        plot.curves["accuracy"].setVisible(classification)
        if classification:
            plot.rename({"train": self.tr("training error"), "val": self.tr("validation error")})
            pct = lambda v: "–" if not math.isfinite(v) else f"{v:.1f} %"  # noqa: E731
            plot.formatters = {"train": pct, "val": pct, "accuracy": pct}
        else:
            plot.rename({"train": self.tr("training MSE"), "val": self.tr("validation MSE")})
            plot.formatters = {}
        self._draw_runs()
        self._stale.add(1)
        self._redraw(self.tabs.currentIndex())

    def _view_changed(self) -> None:
        log = bool(self.model.project.view.get("log_loss", False))
        if self.log_checkbox.isChecked() != log:
            blocker = QSignalBlocker(self.log_checkbox)
            self.log_checkbox.setChecked(log)
            del blocker
        self.loss_plot.set_log_y(log)

    def _hyper_changed(self) -> None:
        hp = self.model.project.hyper
        text = self.tr("Schedule: {formula}").format(formula=FORMULAS.get(hp.schedule, hp.schedule))
        text += f"    (alpha = {hp.learning_rate:g}"
        if hp.schedule != "constant":
            text += f", delta = {hp.decay:g}"
            if hp.constant_epochs:
                text += self.tr(", constant for the first {n} epochs").format(n=hp.constant_epochs)
        self.formula_label.setText(text + ")")

    def _network_changed(self) -> None:
        net = self.model.network
        combo = self.heatmap.layer_combo
        keep = combo.currentIndex()
        blocker = QSignalBlocker(combo)
        combo.clear()
        for k in range(1, net.n_layers + 1):
            combo.addItem(
                f"{layer_name(k, net.n_layers)}: W^({k})  {net.W[k].shape[0]}×{net.W[k].shape[1]}",
                k,
            )
        combo.setCurrentIndex(min(max(keep, 0), combo.count() - 1))
        del blocker
        if not self.columns.n:
            self._make_layer_curves()
        self._stale.add(2)
        self._redraw(self.tabs.currentIndex())

    def _weights_changed(self) -> None:
        if self.tabs.currentIndex() != 2:
            self._stale.add(2)
            return
        wait = 1.0 / WEIGHTS_RATE - (time.monotonic() - self._last_weights)
        if wait <= 0 and not self._weights_timer.isActive():
            self._redraw_weights()
        elif not self._weights_timer.isActive():
            self._weights_timer.start(max(1, int(wait * 1000)))

    # ------------------------------------------------------------------ drawing
    def _tab_changed(self, index: int) -> None:
        self._redraw(index)

    def _redraw(self, index: int) -> None:
        if index not in self._stale:
            return
        self._stale.discard(index)
        c = self.columns
        x = c.column("epoch")
        if index == 0:
            self.loss_plot.set_data(
                x, {"train": c.column("train_loss"), "val": c.column("val_loss")}
            )
        elif index == 1:
            if self.model.project.task == "classification":
                train, val = 100 * c.column("train_error"), 100 * c.column("val_error")
                ys = {"train": train, "val": val, "accuracy": 100 - val}
            else:
                ys = {"train": c.column("train_error"), "val": c.column("val_error")}
            self.error_plot.set_data(x, ys)
        elif index == 2:
            self._redraw_weights()
            self._set_layer_data(self.norm_plot, x, c.weight_norms)
        elif index == 3:
            # log axis: a zero norm (e.g. zero init) has no logarithm, leave a gap
            g = c.grad_norms
            self._set_layer_data(self.grad_plot, x, np.where(g > 0, g, np.nan))
        elif index == 4:
            self.lr_plot.set_data(x, {"lr": c.column("learning_rate")})

    @staticmethod
    def _set_layer_data(plot: HistoryPlot, x, table) -> None:
        plot.set_data(
            x,
            {
                str(k): table[:, k - 1]
                for k in range(1, table.shape[1] + 1)
                if str(k) in plot.curves
            },
        )

    def _redraw_weights(self) -> None:
        self._last_weights = time.monotonic()
        net = self.model.network
        k = self.heatmap.layer_combo.currentData() or 1
        if k > net.n_layers:
            k = net.n_layers
        names = list(self.model.project.features) if k == 1 else None
        self.heatmap.set_matrix(k, net.W[k], names)
