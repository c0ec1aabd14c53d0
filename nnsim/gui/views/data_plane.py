"""The data plane: decision regions behind the data points, edited with the mouse.

Everything drawn is derived from the model on demand: the points from
``model.project.data``, the regions from the newest `GridResult` (sent by the training
worker while it runs, computed here while training is paused), the fitted curve of 1-D
regression from ``model.network``. The view keeps no copy of the data.

Drawing stays cheap for 100000 points: one `ScatterPlotItem` for all points (its pens and
brushes come from a small table of shared objects, one per class and split, so pyqtgraph's
symbol atlas renders each style once), one `ImageItem` for the regions, and small overlay
items for the misclassified rings, the selected point and the brush preview.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsEllipseItem, QLabel, QVBoxLayout, QWidget

from nnsim.core.grid import PLANE, GridResult, evaluate_grid, evaluate_line
from nnsim.core.metrics import predicted_class
from nnsim.gui.util import style
from nnsim.gui.util.style import CLASS_COLORS, NEGATIVE, POSITIVE
from nnsim.project.edits import set_data

TOOLS = ("add", "brush", "erase", "select")
GRID_RESOLUTION = 200
BRUSH_SPACING_PX = 12.0  # the brush drops a point every this many screen pixels
ERASER_RADIUS_PX = 16.0
PICK_RADIUS_PX = 6.0  # a click this close to a point hits the point
CLICK_SLOP_PX = 4.0  # a press that moves less than this is a click, not a drag
REGION_STRENGTH = (0.08, 0.6)  # colour strength of the regions at confidence 0 and 1
FLAT_STRENGTH = 0.42  # colour strength of the discretized regions
TRAIN, VALIDATION, TEST = 0, 1, 2
VIEW_DEFAULTS = {"discretize": False, "show_test": True, "highlight_misclassified": False}


def _rgb(hex_color: str) -> np.ndarray:
    c = QColor(hex_color)
    return np.array([c.red(), c.green(), c.blue()], dtype=np.float64)


_PALETTE = np.array([_rgb(c) for c in CLASS_COLORS])  # (8, 3)


def _diverging(strength: float = 1.0, n: int = 256) -> np.ndarray:
    """A (n, 3) uint8 lookup table: NEGATIVE blue -> white -> POSITIVE orange."""
    t = np.linspace(-1.0, 1.0, n)[:, None]
    white = np.full(3, 255.0)
    ends = np.where(t < 0, _rgb(NEGATIVE), _rgb(POSITIVE))
    return np.round(white - (white - ends) * np.abs(t) * strength).astype(np.uint8)


REGRESSION_LUT = _diverging(0.75)
POINT_LUT = _diverging(1.0, 21)  # 21 shades for the points of 2-D regression


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
    rgb = 255.0 - (255.0 - color) * strength[..., None]
    return np.round(rgb).astype(np.uint8)


class _Throttle(QObject):
    """Call ``fn`` at most once per ``interval_ms``: the first request runs at once, the
    requests during the cool-down coalesce into one call at its end."""

    def __init__(self, interval_ms: int, fn, parent=None):
        super().__init__(parent)
        self._fn, self._pending = fn, False
        self._timer = QTimer(self, singleShot=True, interval=interval_ms)
        self._timer.timeout.connect(self._fire)

    def request(self) -> None:
        if self._timer.isActive():
            self._pending = True
        else:
            self._fn()
            self._timer.start()

    def _fire(self) -> None:
        if self._pending:
            self._pending = False
            self._fn()
            self._timer.start()


class _StyleTable:
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


class DataPlaneView(QWidget):
    """The plane [-6, 6]^2 with decision regions and the data points (see module doc).

    Parameters
    ----------
    model : ProjectModel
    controller : TrainingController
        Paused before every edit, and asked whether training runs (then the worker sends
        the grids and the view does not compute them).
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
        self._gesture = None  # the mouse gesture in progress
        self._layout_key = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._build()
        self._styles = {
            "class": _StyleTable([QColor(c) for c in CLASS_COLORS]),
            "target": _StyleTable([QColor(*map(int, rgb)) for rgb in POINT_LUT], 150),
            "plain": _StyleTable([QColor("#555555")]),
        }
        self._misclassified = _Throttle(200, self._update_misclassified, self)
        self._curve_throttle = _Throttle(50, self._update_curve, self)
        self._recompute = QTimer(self, singleShot=True, interval=0)
        self._recompute.timeout.connect(self._refresh_regions)
        model.grid_ready.connect(self._on_grid)
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
        self.preview = pg.ScatterPlotItem(pxMode=True)
        self.preview.setZValue(8)
        self.eraser = QGraphicsEllipseItem()
        self.eraser.setPen(pg.mkPen("#444444", width=1.5, style=Qt.PenStyle.DashLine))
        self.eraser.setZValue(9)
        self.eraser.setVisible(False)
        for item in (self.image, self.curve, self.scatter, self.highlight, self.selection):
            pi.addItem(item)
        pi.addItem(self.preview)
        pi.addItem(self.eraser, ignoreBounds=True)
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
        vp = self.plot.viewport()
        vp.setMouseTracking(True)
        vp.installEventFilter(self)

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
            self.eraser.setVisible(False)
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

    def _visible_mask(self) -> np.ndarray:
        split = self.model.project.data.split
        if self.view_setting("show_test"):
            return np.ones(len(split), dtype=bool)
        return split != TEST

    def _pixel_size(self) -> tuple[float, float]:
        px, py = self.viewbox.viewPixelSize()
        return (px or 1.0), (py or 1.0)

    def _points_near(self, x: float, y: float, radius_px: float) -> np.ndarray:
        """Indices of the visible points within ``radius_px`` screen pixels of (x, y)."""
        px, py = self._pixel_size()
        xs, ys = self.point_positions()
        d2 = ((xs - x) / px) ** 2 + ((ys - y) / py) ** 2
        return np.flatnonzero((d2 <= radius_px**2) & self._visible_mask())

    def _nearest_point(self, x: float, y: float, radius_px: float) -> int:
        near = self._points_near(x, y, radius_px)
        if len(near) == 0:
            return -1
        px, py = self._pixel_size()
        xs, ys = self.point_positions()
        d2 = ((xs[near] - x) / px) ** 2 + ((ys[near] - y) / py) ** 2
        return int(near[np.argmin(d2)])

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
        p = self.model.project
        out = np.asarray(grid.output, dtype=np.float64)
        if p.task == "classification":
            img = decision_rgb(out, bool(self.view_setting("discretize")))
            self.image.setImage(img.swapaxes(0, 1), autoLevels=False, levels=(0, 255), lut=None)
        else:
            m = self._target_scale()
            self.image.setImage(out[..., 0].T, autoLevels=False, levels=(-m, m), lut=REGRESSION_LUT)
        xs, ys = grid.xs, grid.ys
        dx = (xs[-1] - xs[0]) / max(len(xs) - 1, 1)
        dy = (ys[-1] - ys[0]) / max(len(ys) - 1, 1)
        self.image.setRect(QRectF(xs[0] - dx / 2, ys[0] - dy / 2, dx * len(xs), dy * len(ys)))
        self.image.setVisible(True)

    def _target_scale(self) -> float:
        y = self.model.project.data.y
        m = float(np.abs(y).max()) if len(y) else 1.0
        return m if m > 1e-9 else 1.0

    def _point_size(self) -> float:
        n = self.model.project.data.n
        return style.line_width(8.0 if n <= 1000 else 6.0 if n <= 10000 else 4.0)

    def _style_keys(self, rows: np.ndarray) -> tuple[_StyleTable, np.ndarray]:
        p = self.model.project
        d = p.data
        split = d.split[rows].astype(np.int64)
        if p.task == "classification":
            return self._styles["class"], (d.y[rows] % len(CLASS_COLORS)) * 3 + split
        if self.is_line:
            return self._styles["plain"], split
        m = self._target_scale()
        n = len(POINT_LUT)
        bins = np.clip(np.round((d.y[rows] / m + 1) / 2 * (n - 1)), 0, n - 1).astype(np.int64)
        return self._styles["target"], bins * 3 + split

    def _update_points(self) -> None:
        rows = np.flatnonzero(self._visible_mask())
        xs, ys = self.point_positions()
        table, keys = self._style_keys(rows)
        self.scatter.setData(
            x=xs[rows],
            y=ys[rows],
            symbol=table.symbols[keys],
            pen=table.pens[keys],
            brush=table.brushes[keys],
            size=self._point_size() * table.scale[keys],
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
            "classification"
        ):
            parts.append('<span style="color:#e00000">&#9711;</span> ' + self.tr("misclassified"))
        self.legend.setText("&nbsp;&nbsp; ".join(parts))

    def misclassified_indices(self) -> np.ndarray:
        """Training points the current network puts in the wrong class."""
        p = self.model.project
        if p.task != "classification" or p.data.n == 0:
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
        self.highlight.setData(x=xs[rows], y=ys[rows], size=self._point_size() + 5)

    def _update_selection(self, *_):
        i = self.model.selected_point
        if 0 <= i < self.model.project.data.n:
            xs, ys = self.point_positions()
            self.selection.setData(x=[xs[i]], y=[ys[i]], size=self._point_size() + 10)
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

    # ------------------------------------------------------------------ editing
    def _new_split_codes(self, count: int) -> np.ndarray:
        """Split codes for ``count`` new points, drawn from the project's ratios with
        ``default_rng(split_seed + n_points)`` per point, so an edit is reproducible."""
        d = self.model.project.data
        r = d.split_ratios
        codes = np.empty(count, dtype=np.int8)
        for i in range(count):
            u = np.random.default_rng(d.split_seed + d.n + i).random()
            codes[i] = TRAIN if u < r[0] else VALIDATION if u < r[0] + r[1] else TEST
        return codes

    def _edit_data(self, X, y, split, text: str) -> None:
        self.controller.pause()
        p = self.model.project
        try:
            new = _with_data(p, X, y, split)
        except ValueError as exc:  # e.g. more than MAX_POINTS points
            self.edit_refused.emit(f"{text}: {exc}")
            return
        self.model.edit(new, text, ("data",))

    def add_points(self, positions: np.ndarray, text: str | None = None) -> None:
        """Add points at plane ``positions`` (m, 2): (x1, x2), or (x, y) for 1-D data,
        labelled with the current class (or ``current_target`` for 2-D regression)."""
        positions = np.asarray(positions, dtype=np.float64).reshape(-1, 2)
        m = len(positions)
        if m == 0:
            return
        self.controller.pause()
        p = self.model.project
        d = p.data
        if self.is_line:
            newX, newy = positions[:, :1], positions[:, 1]
        else:
            newX = positions
            if p.task == "classification":
                newy = np.full(m, self._current_class, dtype=np.int64)
            else:
                newy = np.full(m, float(self.current_target))
        X = np.concatenate([d.X, newX]) if d.n else newX
        y = np.concatenate([d.y, newy.astype(d.y.dtype)]) if d.n else newy
        split = np.concatenate([d.split, self._new_split_codes(m)])
        if text is None:
            text = self.tr("Add point") if m == 1 else self.tr("Brush {n} points").format(n=m)
        self._edit_data(X, y, split, text)

    def remove_points(self, indices) -> None:
        """Remove the points at ``indices`` as one undo step."""
        indices = np.unique(np.asarray(indices, dtype=np.int64))
        if len(indices) == 0:
            return
        d = self.model.project.data
        keep = np.ones(d.n, dtype=bool)
        keep[indices] = False
        m = len(indices)
        text = self.tr("Erase 1 point") if m == 1 else self.tr("Erase {n} points").format(n=m)
        self._edit_data(d.X[keep], d.y[keep], d.split[keep], text)

    # ------------------------------------------------------------------ mouse
    def eventFilter(self, obj, event) -> bool:
        if obj is not self.plot.viewport():
            return False
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            return self._press(event.position())
        if kind == QEvent.Type.MouseMove:
            return self._move(event.position(), bool(event.buttons() & Qt.MouseButton.LeftButton))
        if kind == QEvent.Type.MouseButtonRelease and event.button() == Qt.MouseButton.LeftButton:
            return self._release(event.position())
        if kind == QEvent.Type.Leave:
            self.eraser.setVisible(False)
        return False

    def _to_view(self, vpos: QPointF) -> QPointF | None:
        """Viewport position -> data coordinates, None outside the plot area."""
        scene = self.plot.mapToScene(vpos.toPoint())
        if not self.viewbox.sceneBoundingRect().contains(scene):
            return None
        return self.viewbox.mapSceneToView(scene)

    def _press(self, vpos: QPointF) -> bool:
        pos = self._to_view(vpos)
        if pos is None:
            return False
        self._gesture = {"start": QPointF(vpos), "last": QPointF(vpos), "drag": False}
        self._gesture["points"] = [(pos.x(), pos.y())] if self._tool == "brush" else []
        self._gesture["erase"] = set()
        if self._tool == "erase":
            self._erase_at(pos)
        self._update_preview()
        return True

    def _move(self, vpos: QPointF, left_down: bool) -> bool:
        pos = self._to_view(vpos)
        self._show_eraser(pos)
        g = self._gesture
        if g is None or not left_down:
            return False
        if (vpos - g["start"]).manhattanLength() > CLICK_SLOP_PX:
            g["drag"] = True
        if pos is None:
            return True
        if self._tool == "brush":
            step = vpos - g["last"]
            if (step.x() ** 2 + step.y() ** 2) ** 0.5 >= BRUSH_SPACING_PX:
                g["points"].append((pos.x(), pos.y()))
                g["last"] = QPointF(vpos)
                self._update_preview()
        elif self._tool == "erase":
            self._erase_at(pos)
            self._update_preview()
        return True

    def _release(self, vpos: QPointF) -> bool:
        g, self._gesture = self._gesture, None
        if g is None:
            return False
        self.preview.setData(x=[], y=[])
        pos = self._to_view(vpos)
        if self._tool == "brush":
            self.add_points(np.array(g["points"]))
        elif self._tool == "erase":
            self.remove_points(sorted(g["erase"]))
        elif pos is not None and self._tool == "add":
            hit = -1 if g["drag"] else self._nearest_point(pos.x(), pos.y(), PICK_RADIUS_PX)
            if hit >= 0:
                self.model.set_selected_point(hit)
            else:
                self.add_points(np.array([[pos.x(), pos.y()]]))
        elif pos is not None and self._tool == "select":
            self.model.set_selected_point(self._nearest_point(pos.x(), pos.y(), PICK_RADIUS_PX))
        return True

    def _erase_at(self, pos: QPointF) -> None:
        self._gesture["erase"].update(self._points_near(pos.x(), pos.y(), ERASER_RADIUS_PX))

    def _update_preview(self) -> None:
        g = self._gesture
        if g is None:
            return
        if self._tool == "brush" and g["points"]:
            pts = np.array(g["points"])
            color = "#555555" if self.is_line else CLASS_COLORS[self._current_class]
            self.preview.setData(
                x=pts[:, 0], y=pts[:, 1], symbol="o", size=self._point_size(),
                pen=pg.mkPen("#222222"), brush=pg.mkBrush(color),
            )  # fmt: skip
        elif self._tool == "erase" and g["erase"]:
            rows = np.fromiter(g["erase"], dtype=np.int64)
            xs, ys = self.point_positions()
            self.preview.setData(
                x=xs[rows], y=ys[rows], symbol="x", size=self._point_size() + 4,
                pen=pg.mkPen("#000000", width=1.5), brush=pg.mkBrush("#000000"),
            )  # fmt: skip

    def _show_eraser(self, pos: QPointF | None) -> None:
        if self._tool != "erase" or pos is None:
            self.eraser.setVisible(False)
            return
        px, py = self._pixel_size()
        rx, ry = ERASER_RADIUS_PX * px, ERASER_RADIUS_PX * py
        self.eraser.setRect(QRectF(pos.x() - rx, pos.y() - ry, 2 * rx, 2 * ry))
        self.eraser.setVisible(True)

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


def _with_data(project, X, y, split):
    """The project with new points, labels and split (task, classes and ratios kept)."""
    d = project.data
    return set_data(project, X, y, split, split_ratios=d.split_ratios, split_seed=d.split_seed)
