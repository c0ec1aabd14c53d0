"""Editing the data plane with the mouse: add, brush, erase and select points.

`PointEditor` watches the plot's viewport: a click adds a point of the current class (or
selects the point under it), a brush drag drops a point every ``BRUSH_SPACING_PX`` screen
pixels, an eraser drag collects the points under its circle; each gesture is one undo
step, made when the button is released. New points get split codes drawn from the
project's ratios with a seed per point, so the same edit always gives the same split.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPointF, QRectF, Qt
from PySide6.QtWidgets import QGraphicsEllipseItem

from nnsim.core.datasets import TEST, TRAIN, VALIDATION
from nnsim.gui.util.style import CLASS_COLORS
from nnsim.project.edits import set_data
from nnsim.project.enums import Task

BRUSH_SPACING_PX = 12.0  # the brush drops a point every this many screen pixels
ERASER_RADIUS_PX = 16.0
PICK_RADIUS_PX = 6.0  # a click this close to a point hits the point
CLICK_SLOP_PX = 4.0  # a press that moves less than this is a click, not a drag


def _tr(text: str) -> str:
    return QCoreApplication.translate("DataPlaneView", text)


def new_split_codes(data, count: int) -> np.ndarray:
    """Split codes (count,) int8 for ``count`` new points of ``data``, drawn from its ratios
    with ``default_rng(split_seed + n_points)`` per point, so an edit is reproducible."""
    r = data.split_ratios
    codes = np.empty(count, dtype=np.int8)
    for i in range(count):
        u = np.random.default_rng(data.split_seed + data.n + i).random()
        codes[i] = TRAIN if u < r[0] else VALIDATION if u < r[0] + r[1] else TEST
    return codes


def with_data(project, X, y, split):
    """The project with new points, labels and split (task, classes and ratios kept)."""
    d = project.data
    return set_data(project, X, y, split, split_ratios=d.split_ratios, split_seed=d.split_seed)


class PointEditor(QObject):
    """The mouse tools of a `DataPlaneView` (``view.tool``) and the edits they make."""

    def __init__(self, view):
        # A child of the viewport it watches: the two go away together.
        super().__init__(view.plot.viewport())
        self.view = view
        self._gesture = None  # the mouse gesture in progress
        self.preview = pg.ScatterPlotItem(pxMode=True)
        self.preview.setZValue(8)
        self.eraser = QGraphicsEllipseItem()
        self.eraser.setPen(pg.mkPen("#444444", width=1.5, style=Qt.PenStyle.DashLine))
        self.eraser.setZValue(9)
        self.eraser.setVisible(False)
        pi = view.plot.getPlotItem()
        pi.addItem(self.preview)
        pi.addItem(self.eraser, ignoreBounds=True)
        self._port = view.plot.viewport()
        self._port.setMouseTracking(True)
        self._port.installEventFilter(self)

    # ------------------------------------------------------------------ edits
    def add_points(self, positions: np.ndarray, text: str | None = None) -> None:
        """Add points at plane ``positions`` (m, 2): (x1, x2), or (x, y) for 1-D data,
        labelled with the current class (or ``current_target`` for 2-D regression)."""
        positions = np.asarray(positions, dtype=np.float64).reshape(-1, 2)
        m = len(positions)
        if m == 0:
            return
        view = self.view
        p = view.model.project
        d = p.data
        if view.is_line:
            newX, newy = positions[:, :1], positions[:, 1]
        else:
            newX = positions
            if p.task == Task.CLASSIFICATION:
                newy = np.full(m, view.current_class, dtype=np.int64)
            else:
                newy = np.full(m, float(view.current_target))
        X = np.concatenate([d.X, newX]) if d.n else newX
        y = np.concatenate([d.y, newy.astype(d.y.dtype)]) if d.n else newy
        split = np.concatenate([d.split, new_split_codes(d, m)])
        if text is None:
            text = _tr("Add point") if m == 1 else _tr("Brush {n} points").format(n=m)
        self._edit_data(X, y, split, text)

    def remove_points(self, indices) -> None:
        """Remove the points at ``indices`` as one undo step."""
        indices = np.unique(np.asarray(indices, dtype=np.int64))
        if len(indices) == 0:
            return
        d = self.view.model.project.data
        keep = np.ones(d.n, dtype=bool)
        keep[indices] = False
        m = len(indices)
        text = _tr("Erase 1 point") if m == 1 else _tr("Erase {n} points").format(n=m)
        self._edit_data(d.X[keep], d.y[keep], d.split[keep], text)

    def _edit_data(self, X, y, split, text: str) -> None:
        view = self.view
        view.controller.edit(
            text,
            lambda p: with_data(p, X, y, split),
            # e.g. more than MAX_POINTS points
            on_error=lambda exc: view.edit_refused.emit(f"{text}: {exc}"),
        )

    # ------------------------------------------------------------------ picking
    def points_near(self, x: float, y: float, radius_px: float) -> np.ndarray:
        """Indices of the visible points within ``radius_px`` screen pixels of (x, y)."""
        px, py = self.view.pixel_size()
        xs, ys = self.view.point_positions()
        d2 = ((xs - x) / px) ** 2 + ((ys - y) / py) ** 2
        return np.flatnonzero((d2 <= radius_px**2) & self.view.visible_mask())

    def nearest_point(self, x: float, y: float, radius_px: float) -> int:
        near = self.points_near(x, y, radius_px)
        if len(near) == 0:
            return -1
        px, py = self.view.pixel_size()
        xs, ys = self.view.point_positions()
        d2 = ((xs[near] - x) / px) ** 2 + ((ys[near] - y) / py) ** 2
        return int(near[np.argmin(d2)])

    # ------------------------------------------------------------------ mouse
    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt's name)
        if obj is not self._port:
            return False
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
            self.view.setFocus(Qt.FocusReason.MouseFocusReason)
            return self._press(event.position())
        if kind == QEvent.Type.MouseMove:
            return self._move(event.position(), bool(event.buttons() & Qt.MouseButton.LeftButton))
        if kind == QEvent.Type.MouseButtonRelease and event.button() == Qt.MouseButton.LeftButton:
            return self._release(event.position())
        if kind == QEvent.Type.Leave:
            self.eraser.setVisible(False)
        return False

    def tool_changed(self) -> None:
        self.eraser.setVisible(False)

    def _to_view(self, vpos: QPointF) -> QPointF | None:
        """Viewport position -> data coordinates, None outside the plot area."""
        scene = self.view.plot.mapToScene(vpos.toPoint())
        viewbox = self.view.viewbox
        if not viewbox.sceneBoundingRect().contains(scene):
            return None
        return viewbox.mapSceneToView(scene)

    def _press(self, vpos: QPointF) -> bool:
        pos = self._to_view(vpos)
        if pos is None:
            return False
        tool = self.view.tool
        self._gesture = {"start": QPointF(vpos), "last": QPointF(vpos), "drag": False}
        self._gesture["points"] = [(pos.x(), pos.y())] if tool == "brush" else []
        self._gesture["erase"] = set()
        if tool == "erase":
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
        tool = self.view.tool
        if tool == "brush":
            step = vpos - g["last"]
            if (step.x() ** 2 + step.y() ** 2) ** 0.5 >= BRUSH_SPACING_PX:
                g["points"].append((pos.x(), pos.y()))
                g["last"] = QPointF(vpos)
                self._update_preview()
        elif tool == "erase":
            self._erase_at(pos)
            self._update_preview()
        return True

    def _release(self, vpos: QPointF) -> bool:
        g, self._gesture = self._gesture, None
        if g is None:
            return False
        self.preview.setData(x=[], y=[])
        pos = self._to_view(vpos)
        tool, model = self.view.tool, self.view.model
        if tool == "brush":
            self.add_points(np.array(g["points"]))
        elif tool == "erase":
            self.remove_points(sorted(g["erase"]))
        elif pos is not None and tool == "add":
            hit = -1 if g["drag"] else self.nearest_point(pos.x(), pos.y(), PICK_RADIUS_PX)
            if hit >= 0:
                model.set_selected_point(hit)
            else:
                self.add_points(np.array([[pos.x(), pos.y()]]))
        elif pos is not None and tool == "select":
            model.set_selected_point(self.nearest_point(pos.x(), pos.y(), PICK_RADIUS_PX))
        return True

    def _erase_at(self, pos: QPointF) -> None:
        self._gesture["erase"].update(self.points_near(pos.x(), pos.y(), ERASER_RADIUS_PX))

    def _update_preview(self) -> None:
        g, view = self._gesture, self.view
        if g is None:
            return
        size = view.point_size()
        if view.tool == "brush" and g["points"]:
            pts = np.array(g["points"])
            color = "#555555" if view.is_line else CLASS_COLORS[view.current_class]
            self.preview.setData(
                x=pts[:, 0], y=pts[:, 1], symbol="o", size=size,
                pen=pg.mkPen("#222222"), brush=pg.mkBrush(color),
            )  # fmt: skip
        elif view.tool == "erase" and g["erase"]:
            rows = np.fromiter(g["erase"], dtype=np.int64)
            xs, ys = view.point_positions()
            self.preview.setData(
                x=xs[rows], y=ys[rows], symbol="x", size=size + 4,
                pen=pg.mkPen("#000000", width=1.5), brush=pg.mkBrush("#000000"),
            )  # fmt: skip

    def _show_eraser(self, pos: QPointF | None) -> None:
        if self.view.tool != "erase" or pos is None:
            self.eraser.setVisible(False)
            return
        px, py = self.view.pixel_size()
        rx, ry = ERASER_RADIUS_PX * px, ERASER_RADIUS_PX * py
        self.eraser.setRect(QRectF(pos.x() - rx, pos.y() - ry, 2 * rx, 2 * ry))
        self.eraser.setVisible(True)
