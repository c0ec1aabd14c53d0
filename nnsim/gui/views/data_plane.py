"""The data plane: decision regions behind the data points, edited with the mouse.

Everything drawn is derived from the model on demand: the points from
``model.project.data``, the regions from the newest `GridResult` (sent by the training
worker while it runs, computed here while training is paused), the fitted curve of 1-D
regression from ``model.network``. The view keeps no copy of the data.

Drawing stays cheap for 100000 points: one `ScatterPlotItem` for all points (styles from
`point_styles`), one `ImageItem` for the regions (`decision_map`), and small overlay items
for the misclassified rings, the selected point and the mouse tools (`point_editing`).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from nnsim.core.datasets import TEST, TRAIN
from nnsim.core.grid import PLANE, GridResult, evaluate_grid, evaluate_line
from nnsim.core.metrics import predicted_class
from nnsim.gui.util import style
from nnsim.gui.util.throttle import Throttle
from nnsim.gui.views.decision_map import draw_regions
from nnsim.gui.views.point_editing import PointEditor
from nnsim.gui.views.point_styles import PointStyles
from nnsim.project.enums import Task

TOOLS = ("add", "brush", "erase", "select")
GRID_RESOLUTION = 200
VIEW_DEFAULTS = {"discretize": False, "show_test": True, "highlight_misclassified": False}


class DataPlaneView(QWidget):
    """The plane [-6, 6]^2 with decision regions and the data points (see module doc).

    Parameters
    ----------
    model : ProjectModel
    controller : Session
        Applies every edit (on top of the training so far), and says whether training
        runs (then the worker sends the grids and the view does not compute them).
    """

    current_class_changed = Signal(int)  # 0-based label of the class new points get
    tool_changed = Signal(str)
    edit_refused = Signal(str)  # why a mouse edit was not made (for the status bar)

    def __init__(self, model, controller, parent=None):
        super().__init__(parent)
        self.model, self.controller = model, controller
        self._tool = "add"
        self._current_class = 0
        self.current_target = 0.5  # target of points added to 2-D regression data
        self._grid: GridResult | None = None
        self._layout_key = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._build()
        self.editor = PointEditor(self)
        self._styles = PointStyles()
        self._misclassified = Throttle(200, self._update_misclassified, self)
        self._curve_throttle = Throttle(50, self._update_curve, self)
        self._recompute = QTimer(self, singleShot=True, interval=0)
        self._recompute.timeout.connect(self._refresh_regions)
        controller.grid_ready.connect(self._on_grid)
        model.weights_changed.connect(self._on_weights)
        model.view_changed.connect(self._on_view)
        model.selected_point_changed.connect(self._update_selection)
        for sig in (model.network_changed, model.project_replaced, model.data_changed):
            sig.connect(self._on_structure)
        self._on_structure()
        self._refresh_regions()

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        self.plot = pg.PlotWidget(background="w")
        self.plot.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        pi = self.plot.getPlotItem()
        self.viewbox = pi.getViewBox()
        self.viewbox.setMouseEnabled(False, False)
        self.viewbox.disableAutoRange()
        for side in ("left", "bottom"):
            pi.getAxis(side).setPen("#444444")
            pi.getAxis(side).setTextPen("#222222")
        pi.showGrid(x=False, y=False)
        self.image = pg.ImageItem()
        self.image.setZValue(-10)
        self.curve = pg.PlotDataItem(pen=pg.mkPen("#222222", width=3.5))
        self.curve.setZValue(5)
        self.scatter = pg.ScatterPlotItem(pxMode=True)
        self.highlight = pg.ScatterPlotItem(
            pxMode=True, symbol="o", pen=pg.mkPen("#e00000", width=2.5), brush=None
        )
        self.highlight.setZValue(6)
        self.selection = pg.ScatterPlotItem(
            pxMode=True, symbol="o", pen=pg.mkPen("#000000", width=3.0), brush=None
        )
        self.selection.setZValue(7)
        for item in (self.image, self.curve, self.scatter, self.highlight, self.selection):
            pi.addItem(item)
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.legend.setToolTip(
            self.tr(
                "Filled: training set (gradient descent sees them); ring: validation set; "
                "diamond: test set. Colour: the class y (or the target for regression)."
            )
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.legend)

    # ------------------------------------------------------------------ properties
    @property
    def tool(self) -> str:
        """The mouse tool: "add", "brush", "erase" or "select"."""
        return self._tool

    def set_tool(self, tool: str) -> None:
        if tool not in TOOLS:
            raise ValueError(f"unknown tool {tool!r}; choose one of {', '.join(TOOLS)}")
        if tool != self._tool:
            self._tool = tool
            self.editor.tool_changed()
            self.tool_changed.emit(tool)

    @property
    def current_class(self) -> int:
        """The 0-based label new points get (the key "3" picks label 2)."""
        return self._current_class

    def set_current_class(self, label: int) -> None:
        n = max(self.model.project.n_classes, 1)
        label = int(min(max(label, 0), n - 1))
        if label != self._current_class:
            self._current_class = label
            self.current_class_changed.emit(label)

    @current_class.setter
    def current_class(self, label: int) -> None:
        self.set_current_class(label)

    def view_setting(self, key: str):
        return self.model.project.view.get(key, VIEW_DEFAULTS[key])

    # ------------------------------------------------------------------ geometry
    @property
    def is_line(self) -> bool:
        """1-D regression: x horizontal, the target y vertical, the fitted curve."""
        return self.model.project.data.X.shape[1] == 1

    def point_positions(self) -> tuple[np.ndarray, np.ndarray]:
        """Screen-plane coordinates of every point: (x1, x2), or (x, y) for 1-D data."""
        d = self.model.project.data
        if d.X.shape[1] == 1:
            return d.X[:, 0], d.y.astype(np.float64)
        return d.X[:, 0], d.X[:, 1]

    def visible_mask(self) -> np.ndarray:
        """(n_points,) bool: the points drawn (the test set can be hidden)."""
        split = self.model.project.data.split
        if self.view_setting("show_test"):
            return np.ones(len(split), dtype=bool)
        return split != TEST

    def pixel_size(self) -> tuple[float, float]:
        """The size of a screen pixel in plane units (x, y)."""
        px, py = self.viewbox.viewPixelSize()
        return (px or 1.0), (py or 1.0)

    def point_size(self) -> float:
        """Marker size in pixels: smaller for many points, larger in presentation mode."""
        n = self.model.project.data.n
        return style.line_width(8.0 if n <= 1000 else 6.0 if n <= 10000 else 4.0)

    def _set_ranges(self) -> None:
        p = self.model.project
        pi = self.plot.getPlotItem()
        if self.is_line:
            key = ("line", p.data.n == 0)
            x0, x1 = PLANE
            y = p.data.y
            if len(y):
                x0, x1 = min(x0, float(p.data.X.min())), max(x1, float(p.data.X.max()))
                lo, hi = float(y.min()), float(y.max())
            else:
                lo, hi = -1.0, 1.0
            margin = max(0.25 * (hi - lo), 0.5)
            self.viewbox.setAspectLocked(False)
            self.viewbox.setRange(xRange=(x0, x1), yRange=(lo - margin, hi + margin), padding=0)
            pi.setLabel("bottom", "x")
            pi.setLabel("left", self.tr("y (target)"))
        else:
            key = "plane"
            if key != self._layout_key:
                self.viewbox.setAspectLocked(True, ratio=1.0)
                self.viewbox.setRange(xRange=PLANE, yRange=PLANE, padding=0)
                pi.setLabel("bottom", "x1")
                pi.setLabel("left", "x2")
        self._layout_key = key

    # ------------------------------------------------------------------ model signals
    def _on_structure(self) -> None:
        """Data, topology, weights or the whole project changed."""
        self._set_ranges()
        n = self.model.project.n_classes
        if self._current_class >= max(n, 1):
            self.set_current_class(n - 1)
        self._update_points()
        self._update_legend()
        self._update_selection()
        self._grid = None
        if self.is_line:
            self.image.setVisible(False)
            self.curve.setVisible(True)
            self._update_curve()
        else:
            self.curve.setVisible(False)
            if not self.controller.running:
                self._recompute.start()  # coalesce the signals of one edit
        self._update_misclassified()

    def _on_grid(self, grid: GridResult) -> None:
        if not self.is_line:
            self._draw_regions(grid)

    def _on_weights(self) -> None:
        if self.is_line:
            self._curve_throttle.request()
        if self.view_setting("highlight_misclassified"):
            self._misclassified.request()

    def _on_view(self) -> None:
        self._update_points()
        self._update_legend()
        if self._grid is not None:
            self._draw_regions(self._grid)
        self._update_misclassified()
        self._update_selection()

    # ------------------------------------------------------------------ drawing
    def _refresh_regions(self) -> None:
        """Evaluate the current network on the grid in the GUI thread (training paused)."""
        if self.is_line:
            return
        net = self.model.network
        try:
            grid = evaluate_grid(net, self.model.project.features, GRID_RESOLUTION, neurons=False)
        except ValueError:
            self.image.setVisible(False)
            return
        self._draw_regions(grid)

    def _draw_regions(self, grid: GridResult) -> None:
        self._grid = grid
        classification = self.model.project.task == Task.CLASSIFICATION
        discretize = bool(self.view_setting("discretize"))
        draw_regions(self.image, grid, classification, discretize, self._target_scale())

    def _target_scale(self) -> float:
        y = self.model.project.data.y
        m = float(np.abs(y).max()) if len(y) else 1.0
        return m if m > 1e-9 else 1.0

    def _update_points(self) -> None:
        rows = np.flatnonzero(self.visible_mask())
        xs, ys = self.point_positions()
        table, keys = self._styles.keys(
            self.model.project, rows, self.is_line, self._target_scale()
        )
        self.scatter.setData(
            x=xs[rows],
            y=ys[rows],
            symbol=table.symbols[keys],
            pen=table.pens[keys],
            brush=table.brushes[keys],
            size=self.point_size() * table.scale[keys],
        )

    def _update_legend(self) -> None:
        """The key below the plot: what the three marker shapes and the red ring mean."""
        parts = [
            '<span style="color:#555">&#9679;</span> ' + self.tr("train"),
            '<span style="color:#555">&#9675;</span> ' + self.tr("validation"),
        ]
        if self.view_setting("show_test"):
            parts.append('<span style="color:#555">&#9670;</span> ' + self.tr("test"))
        if self.view_setting("highlight_misclassified") and self.model.project.task == (
            Task.CLASSIFICATION
        ):
            parts.append('<span style="color:#e00000">&#9711;</span> ' + self.tr("misclassified"))
        self.legend.setText("&nbsp;&nbsp; ".join(parts))

    def misclassified_indices(self) -> np.ndarray:
        """Training points the current network puts in the wrong class."""
        p = self.model.project
        if p.task != Task.CLASSIFICATION or p.data.n == 0:
            return np.zeros(0, dtype=np.int64)
        train = np.flatnonzero(p.data.split == TRAIN)
        if len(train) == 0:
            return train
        net = self.model.network
        try:
            f = net.predict(p.inputs(net.dtype)[train])
        except ValueError:
            return np.zeros(0, dtype=np.int64)
        return train[predicted_class(f) != p.data.y[train]]

    def _update_misclassified(self) -> None:
        if not self.view_setting("highlight_misclassified"):
            self.highlight.setData(x=[], y=[])
            return
        rows = self.misclassified_indices()
        xs, ys = self.point_positions()
        self.highlight.setData(x=xs[rows], y=ys[rows], size=self.point_size() + 5)

    def _update_selection(self, *_):
        i = self.model.selected_point
        if 0 <= i < self.model.project.data.n:
            xs, ys = self.point_positions()
            self.selection.setData(x=[xs[i]], y=[ys[i]], size=self.point_size() + 10)
        else:
            self.selection.setData(x=[], y=[])

    def _update_curve(self) -> None:
        if not self.is_line:
            return
        x0, x1 = self.viewbox.viewRange()[0]
        try:
            xs, f = evaluate_line(self.model.network, self.model.project.features, 400, (x0, x1))
        except ValueError:
            self.curve.setData([], [])
            return
        self.curve.setData(xs, f[:, 0])

    # ------------------------------------------------------------------ keys
    def keyPressEvent(self, event) -> None:
        key = event.key()
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_8 and not event.modifiers() & ~(
            Qt.KeyboardModifier.KeypadModifier
        ):
            label = key - Qt.Key.Key_1
            if label < self.model.project.n_classes:
                self.set_current_class(label)
            event.accept()
            return
        super().keyPressEvent(event)
