"""Training curves: loss, error, weights, gradient norms and learning rate against epoch.

Each tab is one `HistoryPlot` (the Weights tab adds the live `WeightHeatmap`); the curves
are views of `HistoryColumns`, so a snapshot costs only its new records. Tabs that are
not shown are redrawn when they are opened, and the weight heatmap is redrawn at most
``WEIGHTS_RATE`` times a second.
"""

from __future__ import annotations

import math
from enum import IntEnum

import numpy as np
from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from nnsim.core.schedules import FORMULAS
from nnsim.gui.util.style import CLASS_COLORS
from nnsim.gui.util.throttle import Throttle
from nnsim.gui.views.plots.columns import HistoryColumns
from nnsim.gui.views.plots.history_plot import (
    ACCURACY_COLOR,
    RATE_COLOR,
    TRAIN_COLOR,
    VAL_COLOR,
    HistoryPlot,
)
from nnsim.gui.views.plots.run_overlay import RunOverlay
from nnsim.gui.views.plots.weight_heatmap import WeightHeatmap
from nnsim.project.edits import set_view
from nnsim.project.enums import Task

WEIGHTS_RATE = 10.0  # heatmap redraws per second at most


class PlotTab(IntEnum):
    """The tabs of `TrainingPlots`, in their order."""

    LOSS = 0
    ERROR = 1
    WEIGHTS = 2
    GRADIENTS = 3
    RATE = 4


def layer_color(k: int) -> str:
    """Colour of weight layer k = 1..L+1 (skipping blue/orange, which mean train/validation)."""
    return CLASS_COLORS[(k + 1) % len(CLASS_COLORS)]


def layer_name(k: int, n_layers: int) -> str:
    if k == n_layers:
        return QCoreApplication.translate("TrainingPlots", "layer {k} (output)").format(k=k)
    return QCoreApplication.translate("TrainingPlots", "layer {k}").format(k=k)


def _with_bar(plot: QWidget, extra: QWidget) -> QWidget:
    """``plot`` under a bar holding ``extra`` (a check box, a formula)."""
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


class TrainingPlots(QWidget):
    """The training curves of ``model`` in tabs; redraws incrementally on history_changed."""

    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.model = model
        self.columns = HistoryColumns()
        self.tabs = QTabWidget()
        self._build_loss_tab()
        self._build_error_tab()
        self._build_weights_tab()
        self._build_gradients_tab()
        self._build_rate_tab()
        # earlier runs, overlaid dashed on the Loss and Error plots
        self.run_overlay = RunOverlay(model, {"loss": self.loss_plot, "error": self.error_plot})
        self.runs, self.run_list = self.run_overlay.store, self.run_overlay.list
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.run_list)

        self._stale: set[PlotTab] = set(PlotTab)
        self._weights_throttle = Throttle(int(1000 / WEIGHTS_RATE), self._redraw_weights, self)
        self.tabs.currentChanged.connect(self._tab_changed)

        model.history_changed.connect(self._history_changed)
        model.weights_changed.connect(self._weights_changed)
        model.network_changed.connect(self._network_changed)
        model.view_changed.connect(self._view_changed)
        model.hyper_changed.connect(self._hyper_changed)
        model.data_changed.connect(self._task_changed)
        model.project_replaced.connect(self._project_replaced)
        self._project_replaced()

    # ------------------------------------------------------------------ building
    def _add_tab(self, tab: PlotTab, widget: QWidget, title: str, tooltip: str) -> None:
        self.tabs.insertTab(tab, widget, title)
        self.tabs.setTabToolTip(tab, tooltip)

    def _build_loss_tab(self) -> None:
        self.loss_plot = HistoryPlot(self.tr("loss"))
        self.loss_plot.add_curve("train", self.tr("training loss"), TRAIN_COLOR)
        self.loss_plot.add_curve("val", self.tr("validation loss"), VAL_COLOR)
        self.log_checkbox = QCheckBox(self.tr("log scale"))
        self.log_checkbox.setToolTip(
            self.tr("Show the loss on a logarithmic axis (late progress visible)")
        )
        self.log_checkbox.toggled.connect(self._log_toggled)
        self._add_tab(
            PlotTab.LOSS,
            _with_bar(self.loss_plot, self.log_checkbox),
            self.tr("Loss"),
            self.tr("Mean loss l(f(x), y) on the training and validation sets"),
        )

    def _build_error_tab(self) -> None:
        self.error_plot = HistoryPlot(self.tr("error"))
        self.error_plot.add_curve("train", self.tr("training error"), TRAIN_COLOR)
        self.error_plot.add_curve("val", self.tr("validation error"), VAL_COLOR)
        self.error_plot.add_curve(
            "accuracy", self.tr("validation accuracy"), ACCURACY_COLOR, dash=True
        )
        self._add_tab(
            PlotTab.ERROR,
            self.error_plot,
            self.tr("Error"),
            self.tr("Classification: error rate in % (accuracy = 100 % - error); regression: MSE"),
        )

    def _build_weights_tab(self) -> None:
        """The live heatmap of W^(k) above, ||W^(k)||_F per layer below."""
        self.heatmap = WeightHeatmap()
        self.heatmap.layer_combo.currentIndexChanged.connect(lambda _: self._redraw_weights())
        self.norm_plot = HistoryPlot("‖W<sup>(k)</sup>‖<sub>F</sub>")
        splitter = QSplitter(Qt.Vertical)
        splitter.addWidget(self.heatmap)
        splitter.addWidget(self.norm_plot)
        splitter.setSizes([300, 200])
        self._add_tab(
            PlotTab.WEIGHTS,
            splitter,
            self.tr("Weights"),
            self.tr("W^(k) now, and its Frobenius norm ||W^(k)||_F per epoch"),
        )

    def _build_gradients_tab(self) -> None:
        self.grad_plot = HistoryPlot("‖∇W<sup>(k)</sup>‖<sub>F</sub>  (log)")
        self.grad_plot.set_log_y(True)
        self._add_tab(
            PlotTab.GRADIENTS,
            self.grad_plot,
            self.tr("Gradients"),
            self.tr(
                "Gradient norm ||grad W^(k)||_F per layer on the training set (log axis): "
                "with many layers the first ones get much smaller gradients (vanishing gradient)"
            ),
        )

    def _build_rate_tab(self) -> None:
        self.lr_plot = HistoryPlot("α<sub>t</sub>")
        self.lr_plot.add_curve("lr", self.tr("learning rate αₜ"), RATE_COLOR)
        self.formula_label = QLabel()
        self.formula_label.setToolTip(
            self.tr("SGD converges if sum alpha_t = infinity and sum alpha_t^2 < infinity")
        )
        self._add_tab(
            PlotTab.RATE,
            _with_bar(self.lr_plot, self.formula_label),
            self.tr("Learning rate"),
            self.tr("Learning rate alpha_t of each epoch (the schedule)"),
        )

    # ------------------------------------------------------------------ view -> model
    def _log_toggled(self, checked: bool) -> None:
        """The one write of this widget: a view setting, saved with the project, not undoable."""
        self.model.set_fields(view=set_view(self.model.project, log_loss=bool(checked)).view)

    # ------------------------------------------------------------------ model -> view
    def _project_replaced(self) -> None:
        self.columns.clear()
        self.run_overlay.reset()
        self._network_changed()
        self._task_changed()
        self._view_changed()
        self._hyper_changed()
        self._history_changed()

    def _history_changed(self) -> None:
        self.run_overlay.track(self.columns, self.model.history)
        rebuilt = self.columns.sync(self.model.history)
        if rebuilt or self.columns.n_layers != len(self.grad_plot.curves):
            self._make_layer_curves()
        self._stale.update(PlotTab)
        self._redraw(self.tabs.currentIndex())

    def _make_layer_curves(self) -> None:
        n = self.columns.n_layers or self.model.network.n_layers
        for plot in (self.grad_plot, self.norm_plot):
            plot.remove_curves()
            for k in range(1, n + 1):
                plot.add_curve(str(k), layer_name(k, n), layer_color(k), dash=k > 6)

    def _task_changed(self) -> None:
        classification = self.model.project.task == Task.CLASSIFICATION
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
        self.run_overlay.draw()
        self._stale.add(PlotTab.ERROR)
        self._redraw(self.tabs.currentIndex())

    def _view_changed(self) -> None:
        log = bool(self.model.project.view.get("log_loss", False))
        if self.log_checkbox.isChecked() != log:
            with QSignalBlocker(self.log_checkbox):
                self.log_checkbox.setChecked(log)
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
        with QSignalBlocker(combo):
            combo.clear()
            for k in range(1, net.n_layers + 1):
                shape = f"{net.W[k].shape[0]}×{net.W[k].shape[1]}"
                combo.addItem(f"{layer_name(k, net.n_layers)}: W^({k})  {shape}", k)
            combo.setCurrentIndex(min(max(keep, 0), combo.count() - 1))
        if not self.columns.n:
            self._make_layer_curves()
        self._stale.add(PlotTab.WEIGHTS)
        self._redraw(self.tabs.currentIndex())

    def _weights_changed(self) -> None:
        if self.tabs.currentIndex() != PlotTab.WEIGHTS:
            self._stale.add(PlotTab.WEIGHTS)
            return
        self._weights_throttle.request()

    # ------------------------------------------------------------------ drawing
    def _tab_changed(self, index: int) -> None:
        self._redraw(index)

    def _redraw(self, index: int) -> None:
        if index not in self._stale:
            return
        tab = PlotTab(index)
        self._stale.discard(tab)
        c = self.columns
        x = c.column("epoch")
        if tab == PlotTab.LOSS:
            self.loss_plot.set_data(
                x, {"train": c.column("train_loss"), "val": c.column("val_loss")}
            )
        elif tab == PlotTab.ERROR:
            if self.model.project.task == Task.CLASSIFICATION:
                train, val = 100 * c.column("train_error"), 100 * c.column("val_error")
                ys = {"train": train, "val": val, "accuracy": 100 - val}
            else:
                ys = {"train": c.column("train_error"), "val": c.column("val_error")}
            self.error_plot.set_data(x, ys)
        elif tab == PlotTab.WEIGHTS:
            self._redraw_weights()
            self._set_layer_data(self.norm_plot, x, c.weight_norms)
        elif tab == PlotTab.GRADIENTS:
            # log axis: a zero norm (e.g. zero init) has no logarithm, leave a gap
            g = c.grad_norms
            self._set_layer_data(self.grad_plot, x, np.where(g > 0, g, np.nan))
        elif tab == PlotTab.RATE:
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
        net = self.model.network
        k = self.heatmap.layer_combo.currentData() or 1
        if k > net.n_layers:
            k = net.n_layers
        names = list(self.model.project.features) if k == 1 else None
        self.heatmap.set_matrix(k, net.W[k], names)
