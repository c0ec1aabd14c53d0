"""The results of a hyperparameter search: a sortable table and a plot of the validation
error against one parameter (a heatmap for two).

Both read the saved search (``Project.search``, plain JSON rows), so a search loaded from
a file shows exactly like one that just finished.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QSignalBlocker,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from nnsim.gui.views.plots.history_plot import TRAIN_COLOR, VAL_COLOR
from nnsim.runtime.search import LABELS, SHORT, format_value

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
LOG_PARAMS = ("learning_rate", "reg_lambda", "batch_size")
HEATMAP_MAX = 12  # distinct values per axis for a heatmap; more: a coloured scatter
# The words of nnsim.runtime.search's LABELS and SHORT, for translation (context ResultsPlot).
_PARAM_WORDS = (
    QT_TRANSLATE_NOOP("ResultsPlot", "learning rate α"),
    QT_TRANSLATE_NOOP("ResultsPlot", "hidden sizes"),
    QT_TRANSLATE_NOOP("ResultsPlot", "momentum β"),
    QT_TRANSLATE_NOOP("ResultsPlot", "batch size"),
    QT_TRANSLATE_NOOP("ResultsPlot", "schedule"),
    QT_TRANSLATE_NOOP("ResultsPlot", "epochs"),
    QT_TRANSLATE_NOOP("ResultsPlot", "lr"),
    QT_TRANSLATE_NOOP("ResultsPlot", "hidden"),
    QT_TRANSLATE_NOOP("ResultsPlot", "batch"),
)


def param_label(name: str) -> str:
    """The translated long label of search parameter ``name`` ("learning rate α")."""
    return QCoreApplication.translate("ResultsPlot", LABELS[name])


def param_short(name: str) -> str:
    """The translated short label of search parameter ``name`` ("lr")."""
    return QCoreApplication.translate("ResultsPlot", SHORT[name])


def searched_params(search: dict) -> list[str]:
    """The parameters the saved search varied, in the table's column order."""
    from nnsim.runtime.search import PARAMS

    used = {k for row in search.get("trials", []) for k in row["config"]}
    return [p for p in PARAMS if p in used]


def sort_key(name: str, value):
    """Numbers sort as numbers; hidden sizes by total units, then depth."""
    if name == "hidden":
        return float(sum(value)) + len(value) / 100
    if name == "schedule":
        return {"constant": 0, "inverse": 1, "power": 2}.get(value, 3)
    return float(value)


def error_text(x, classification: bool) -> str:
    if x is None or not math.isfinite(x):
        return "–"
    return f"{100 * x:.1f} %" if classification else f"{x:.4g}"


class ResultsTable(QTableView):
    """One row per trial; sorting by any column (numerically); the chosen trial in bold."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.source = QStandardItemModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.source)
        self.proxy.setSortRole(SORT_ROLE)
        self.setModel(self.proxy)
        self.setSortingEnabled(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)
        self.setToolTip(
            self.tr(
                "Every configuration tried; click a column header to sort. The chosen one "
                "(lowest validation error, ties by validation loss) is bold."
            )
        )
        self.columns: list[str] = []

    def show_search(self, search: dict | None, classification: bool) -> None:
        self.source.clear()
        self.columns = []
        if not search:
            return
        params = searched_params(search)
        self.columns = ["trial", *params, "val_error", "val_loss", "train_error", "epochs"]
        headers = [self.tr("trial"), *(param_short(p) for p in params)]
        headers += [
            self.tr("validation error"),
            self.tr("validation loss"),
            self.tr("training error"),
            self.tr("epochs"),
        ]
        self.source.setHorizontalHeaderLabels(headers)
        bold = QFont()
        bold.setBold(True)
        for pos, row in enumerate(search["trials"]):
            items = [_item(str(row["index"] + 1), row["index"])]
            for p in params:
                v = row["config"].get(p)
                shown = v if p != "hidden" or v is None else tuple(v)
                text = "–" if v is None else format_value(p, shown)
                items.append(_item(text, -1 if v is None else sort_key(p, shown)))
            for key in ("val_error", "val_loss", "train_error"):
                v = row[key]
                text = error_text(v, classification) if "error" in key else _num(v)
                items.append(_item(text, math.inf if v is None else v))
            items.append(_item(str(row["epochs"]), row["epochs"]))
            if pos == search.get("best"):
                for it in items:
                    it.setFont(bold)
                items[0].setText(items[0].text() + " ★")
            self.source.appendRow(items)
        self.sortByColumn(0, Qt.SortOrder.AscendingOrder)


def _item(text: str, key) -> QStandardItem:
    item = QStandardItem(text)
    item.setData(key, SORT_ROLE)
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def _num(v) -> str:
    return "–" if v is None or not math.isfinite(v) else f"{v:.4g}"


class ResultsPlot(QWidget):
    """Validation (and training) error against one parameter, or a heatmap of the best
    validation error over two parameters."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.x_combo = QComboBox()
        self.x_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.x_combo.setToolTip(self.tr("The parameter on the horizontal axis"))
        self.y_combo = QComboBox()
        self.y_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.y_combo.setToolTip(
            self.tr("A second parameter: a heatmap of the lowest validation error for each pair")
        )
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(QLabel(self.tr("Plot against")))
        bar.addWidget(self.x_combo)
        bar.addWidget(QLabel(self.tr("and")))
        bar.addWidget(self.y_combo)
        bar.addStretch(1)
        self.view = pg.GraphicsLayoutWidget()
        self.view.setBackground("w")
        self.legend = pg.LegendItem(labelTextColor="#222", colCount=3, frame=False)
        self.view.addItem(self.legend, row=0, col=0)
        self.plot_item: pg.PlotItem = self.view.addPlot(row=1, col=0)
        self.plot_item.showGrid(x=True, y=True, alpha=0.15)
        self.plot_item.setMenuEnabled(False)
        for name in ("left", "bottom"):
            axis = self.plot_item.getAxis(name)
            axis.enableAutoSIPrefix(False)
            axis.setPen(pg.mkPen("#444"))
            axis.setTextPen(pg.mkPen("#222"))
        self.colorbar = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self._search: dict | None = None
        self._classification = True
        self.x_combo.currentIndexChanged.connect(self._redraw)
        self.y_combo.currentIndexChanged.connect(self._redraw)

    def show_search(self, search: dict | None, classification: bool) -> None:
        self._search, self._classification = search, classification
        params = searched_params(search) if search else []
        keep_x, keep_y = self.x_combo.currentData(), self.y_combo.currentData()
        with QSignalBlocker(self.x_combo), QSignalBlocker(self.y_combo):
            self.x_combo.clear()
            self.y_combo.clear()
            self.y_combo.addItem("—", None)
            for p in params:
                self.x_combo.addItem(param_label(p), p)
                self.y_combo.addItem(param_label(p), p)
            if keep_x in params:
                self.x_combo.setCurrentIndex(params.index(keep_x))
            if keep_y in params and keep_y != self.x_combo.currentData():
                self.y_combo.setCurrentIndex(params.index(keep_y) + 1)
        self._redraw()

    def _clear(self) -> None:
        self.plot_item.clear()
        self.legend.clear()
        if self.colorbar is not None:
            self.view.removeItem(self.colorbar)
            self.colorbar = None
        self.plot_item.enableAutoRange()
        for name in ("bottom", "left"):
            self.plot_item.getAxis(name).setTicks(None)

    def _redraw(self, *_) -> None:
        self._clear()
        search = self._search
        x_name = self.x_combo.currentData()
        if not search or not search.get("trials") or x_name is None:
            return
        y_name = self.y_combo.currentData()
        if y_name is not None and y_name != x_name:
            self._draw_two(search, x_name, y_name)
        else:
            self._draw_one(search, x_name)

    def _scale(self, v):
        if v is None or not math.isfinite(v):
            return np.nan
        return 100 * v if self._classification else v

    def _axis_values(self, search, name):
        """x positions of every trial and, for categories, the tick labels."""
        values = [r["config"].get(name) for r in search["trials"]]
        if name in ("hidden", "schedule"):
            values = [tuple(v) if isinstance(v, list) else v for v in values]
            distinct = sorted(set(values), key=lambda v: sort_key(name, v))
            ticks = [(i, format_value(name, v)) for i, v in enumerate(distinct)]
            return np.array([distinct.index(v) for v in values], float), ticks, False
        xs = np.array(values, float)
        log = name in LOG_PARAMS and bool(np.all(xs > 0)) and bool(xs.max() / xs.min() >= 10)
        return xs, None, log

    def _draw_one(self, search, name) -> None:
        trials = search["trials"]
        xs, ticks, log = self._axis_values(search, name)
        val = np.array([self._scale(r["val_error"]) for r in trials])
        train = np.array([self._scale(r["train_error"]) for r in trials])
        px = np.log10(xs) if log else xs
        unit = self.tr("error (%)") if self._classification else "MSE"
        self.plot_item.setLabel("left", unit, color="#222")
        self.plot_item.setLabel(
            "bottom", param_label(name) + (" (log)" if log else ""), color="#222"
        )
        # every trial a faint point; per value, the trial with the lowest validation error
        # (its training and validation error) joined by a line
        order = np.unique(px)
        keys = [(np.inf if np.isnan(v) else v, i) for i, v in enumerate(val)]
        chosen = [min(k for k in keys if px[k[1]] == x)[1] for x in order]
        for ys, color, label in (
            (train, TRAIN_COLOR, self.tr("training error")),
            (val, VAL_COLOR, self.tr("validation error")),
        ):
            line = self.plot_item.plot(
                order, ys[chosen], pen=pg.mkPen(color, width=2), symbol="o", symbolSize=7,
                symbolBrush=color, symbolPen=None, connect="finite",
            )  # fmt: skip
            self.legend.addItem(line, label)
            if len(order) < len(px):
                scatter = pg.ScatterPlotItem(
                    px, ys, size=5, brush=pg.mkBrush(color + "66"), pen=None
                )
                self.plot_item.addItem(scatter)
        best_pos = search.get("best")
        if best_pos is not None:
            star = pg.ScatterPlotItem(
                [px[best_pos]], [val[best_pos]], symbol="star", size=18,
                brush=pg.mkBrush("#d62728"), pen=pg.mkPen("#222"),
            )  # fmt: skip
            self.plot_item.addItem(star)
            self.legend.addItem(star, self.tr("chosen"))
        if ticks is not None:
            self.plot_item.getAxis("bottom").setTicks([ticks, []])
            self.plot_item.setXRange(-0.5, len(ticks) - 0.5)
        elif log:
            self.plot_item.getAxis("bottom").setTicks([_log_ticks(name, xs), []])

    def _draw_two(self, search, x_name, y_name) -> None:
        trials = search["trials"]
        val = np.array([self._scale(r["val_error"]) for r in trials])
        xs, xticks, xlog = self._axis_values(search, x_name)
        ys, yticks, ylog = self._axis_values(search, y_name)
        self.plot_item.setLabel("bottom", param_label(x_name), color="#222")
        self.plot_item.setLabel("left", param_label(y_name), color="#222")
        ux, uy = np.unique(xs), np.unique(ys)
        finite = val[np.isfinite(val)]
        lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
        hi = hi if hi > lo else lo + 1.0
        cmap = pg.colormap.get("viridis")
        cmap.reverse()  # bright yellow = low error, dark purple = high
        if len(ux) <= HEATMAP_MAX and len(uy) <= HEATMAP_MAX:
            grid = np.full((len(ux), len(uy)), np.nan)
            for x, y, v in zip(xs, ys, val):
                i, j = np.searchsorted(ux, x), np.searchsorted(uy, y)
                grid[i, j] = np.nanmin([grid[i, j], v])
            image = pg.ImageItem(np.nan_to_num(grid, nan=hi))
            image.setRect(-0.5, -0.5, len(ux), len(uy))
            image.setLookupTable(cmap.getLookupTable(nPts=256))
            image.setLevels((lo, hi))
            self.plot_item.addItem(image)
            for i in range(len(ux)):
                for j in range(len(uy)):
                    if np.isfinite(grid[i, j]):
                        bright = (grid[i, j] - lo) / (hi - lo) < 0.5
                        text = pg.TextItem(
                            error_text(grid[i, j] / (100 if self._classification else 1),
                                       self._classification),
                            color="#111" if bright else "w", anchor=(0.5, 0.5),
                        )  # fmt: skip
                        text.setPos(i, j)
                        self.plot_item.addItem(text)
            self.plot_item.getAxis("bottom").setTicks(
                [[(i, _label(x_name, x, xticks)) for i, x in enumerate(ux)], []]
            )
            self.plot_item.getAxis("left").setTicks(
                [[(j, _label(y_name, y, yticks)) for j, y in enumerate(uy)], []]
            )
            self.plot_item.setRange(
                xRange=(-0.5, len(ux) - 0.5), yRange=(-0.5, len(uy) - 0.5), padding=0
            )
            self.colorbar = pg.ColorBarItem(
                values=(lo, hi), colorMap=cmap, interactive=False, width=12
            )  # fmt: skip
            self.colorbar.setImageItem(image)
            self.colorbar.axis.setPen(pg.mkPen("#444"))
            self.colorbar.axis.setTextPen(pg.mkPen("#222"))
            unit = (
                self.tr("validation error (%)")
                if self._classification
                else self.tr("validation MSE")
            )
            self.colorbar.axis.setLabel(unit, color="#222")
            self.view.addItem(self.colorbar, row=1, col=1)
            best = search.get("best")
            if best is not None:  # the chosen configuration's cell
                i, j = np.searchsorted(ux, xs[best]), np.searchsorted(uy, ys[best])
                frame = pg.QtWidgets.QGraphicsRectItem(i - 0.5, j - 0.5, 1, 1)
                frame.setPen(pg.mkPen("#d62728", width=3))
                self.plot_item.addItem(frame)
            return
        # many distinct values (random search): each trial a point coloured by its error
        px = np.log10(xs) if xlog else xs
        py = np.log10(ys) if ylog else ys
        colors = cmap.map((np.nan_to_num(val, nan=hi) - lo) / (hi - lo), mode="qcolor")
        scatter = pg.ScatterPlotItem(px, py, size=10, brush=colors, pen=pg.mkPen("#444"))
        self.plot_item.addItem(scatter)
        for axis, name, values, ticks, log in (
            ("bottom", x_name, xs, xticks, xlog),
            ("left", y_name, ys, yticks, ylog),
        ):
            if ticks is not None:
                self.plot_item.getAxis(axis).setTicks([ticks, []])
            elif log:
                self.plot_item.getAxis(axis).setTicks([_log_ticks(name, values), []])


def _log_ticks(name: str, values: np.ndarray) -> list:
    """Ticks of a log10 axis labelled with the values themselves: each distinct value
    when there are few (a grid), else the powers of ten in range."""
    distinct = np.unique(values)
    if len(distinct) <= 8:
        return [(float(np.log10(v)), format_value(name, _typed(name, v))) for v in distinct]
    lo, hi = np.floor(np.log10(distinct[0])), np.ceil(np.log10(distinct[-1]))
    return [(float(e), f"{10.0**e:g}") for e in np.arange(lo, hi + 1)]


def _typed(name: str, v):
    return int(v) if name in ("batch_size", "max_epochs") else float(v)


def _label(name, value, ticks) -> str:
    if ticks is not None:
        return dict(ticks)[int(value)]
    return format_value(
        name, float(value) if name not in ("batch_size", "max_epochs") else int(value)
    )
