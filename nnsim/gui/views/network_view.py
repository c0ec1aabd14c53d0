"""The network drawn left to right: inputs, hidden layers, outputs, and every weight.

A link is coloured by the sign of its weight ``W^(k)_ij`` (orange positive, blue negative)
and is as wide as ``|W^(k)_ij|`` (clamped to 0.5..6 px); training only changes the pens of
the existing items, the scene is rebuilt only when the topology changes. For 2-D data each
node shows a thumbnail of its activation ``h^(k)_i`` over the plane (TensorFlow
Playground style), refreshed at most 5 times a second.

Signals
-------
neuron_clicked(k, i)
    A neuron was clicked: layer ``k`` (0 = inputs .. L+1 = outputs), ``i`` 0-based.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QEvent, QLineF, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QImage,
    QPainter,
    QPen,
)
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QToolTip,
)

from nnsim.core.features import transform
from nnsim.core.grid import PLANE, evaluate_grid, plane_points
from nnsim.gui.model.project_model import ProjectModel
from nnsim.gui.util import style
from nnsim.gui.util.style import NEGATIVE, POSITIVE, class_color
from nnsim.gui.views.neuron_map import as_tooltip, diverging_rgb, fixed_range, neuron_math, sub

MAX_SHOWN = 32  # neurons drawn per layer; the rest are summarized as "+N more"
THUMB_N = 24  # thumbnail grid resolution (at most)
THUMB_BUDGET = 2e7  # grid points x parameters per thumbnail update
THUMB_MS = 200  # at most 5 thumbnail updates a second
MIN_WIDTH, MAX_WIDTH = 0.5, 6.0  # link width in px
PX_PER_UNIT = 3.0  # link width per unit of |w|
WIDTH_STEP = 2  # widths are quantized to 1/2 px so pens can be cached and compared
ZERO_COLOR = "#b0b0b0"
DENSE_LINKS = 200  # above this many links between two columns they are drawn fainter
DENSE_KEY = 100_000
COLUMN_HEIGHT = 430.0  # scene units available for one column of nodes
NODE_TEXT = QColor("#222222")


def link_width(w: np.ndarray) -> np.ndarray:
    """On-screen width (px) of links with weights ``w``: proportional to |w|, in 0.5..6."""
    return np.clip(np.abs(w) * PX_PER_UNIT, MIN_WIDTH, MAX_WIDTH)


def _pen_keys(w: np.ndarray) -> np.ndarray:
    """One integer per link: sign (0 negative, 1 positive, 2 zero) and quantized width."""
    sign = np.where(w > 0, 1, np.where(w < 0, 0, 2))
    return sign * 1000 + np.round(link_width(w) * WIDTH_STEP).astype(np.int64)


class NeuronItem(QGraphicsEllipseItem):
    """A node; draws its activation thumbnail, cut to a circle, when it has one."""

    MASKED_PX = 64  # the thumbnail is cut to a circle once, at this size, not on every paint

    def __init__(self, k: int, i: int, rect: QRectF):
        super().__init__(rect)
        self.k, self.i = k, i
        self.image: QImage | None = None
        self.setZValue(1)
        # Painted from a cached pixmap: redrawn only when its thumbnail or pen changes.
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def set_image(self, image: QImage) -> None:
        """Take a new thumbnail: scale it up and cut it to a circle (antialiased edge)."""
        px = self.MASKED_PX
        masked = QImage(px, px, QImage.Format.Format_ARGB32_Premultiplied)
        masked.fill(Qt.GlobalColor.transparent)
        p = QPainter(masked)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QBrush(image.scaled(px, px)))
        p.drawEllipse(QRectF(0, 0, px, px))
        p.end()
        self.image = masked
        self.update()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        rect = self.rect()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.brush())
        if self.image is None:
            painter.drawEllipse(rect)
        else:
            painter.drawImage(rect, self.image)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(self.pen())
        painter.drawEllipse(rect)


class LinkItem:
    """Weight ``W^(k)_ij`` drawn as a line from h^(k-1)_j to h^(k)_i.

    Not a scene item of its own: a layer's links are painted together by ``LinkLayer``
    (one item per link made every repaint cost ~90 us a link in QGraphicsView).
    """

    def __init__(self, k: int, i: int, j: int, a: QPointF, b: QPointF, layer: LinkLayer):
        self.k, self.i, self.j = k, i, j
        self._line = QLineF(a, b)
        self._layer = layer
        self._pen = QPen()

    def line(self) -> QLineF:
        return self._line

    def pen(self) -> QPen:
        return self._pen

    def setPen(self, pen: QPen) -> None:  # noqa: N802 (the QGraphicsLineItem name)
        self._pen = pen
        self._layer.update()


class LinkLayer(QGraphicsItem):
    """Paints all links between two columns, grouped by pen (a few drawLines calls)."""

    def __init__(self):
        super().__init__()
        self.links: list[LinkItem] = []
        self._rect = QRectF()

    def add(self, link: LinkItem) -> None:
        self.prepareGeometryChange()
        self.links.append(link)
        self._rect = self._rect.united(QRectF(link.line().p1(), link.line().p2()).normalized())

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's name)
        return self._rect.adjusted(-MAX_WIDTH, -MAX_WIDTH, MAX_WIDTH, MAX_WIDTH)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        groups: dict[int, tuple[QPen, list]] = {}
        for link in self.links:
            pen = link.pen()
            groups.setdefault(id(pen), (pen, []))[1].append(link.line())
        for pen, lines in groups.values():
            painter.setPen(pen)
            painter.drawLines(lines)

    def link_near(self, point: QPointF, tolerance: float) -> LinkItem | None:
        """The link closest to ``point`` (scene units) within ``tolerance``, or None."""
        best, best_d = None, tolerance
        px, py = point.x(), point.y()
        for link in self.links:
            line = link.line()
            ax, ay, bx, by = line.x1(), line.y1(), line.x2(), line.y2()
            dx, dy = bx - ax, by - ay
            t = ((px - ax) * dx + (py - ay) * dy) / max(dx * dx + dy * dy, 1e-12)
            t = min(1.0, max(0.0, t))
            d = math.hypot(px - ax - t * dx, py - ay - t * dy)
            if d <= best_d:
                best, best_d = link, d
        return best


@dataclass
class _Links:
    """The link items of layer k with their (i, j) indices and current pen keys."""

    items: list = field(default_factory=list)
    layer: LinkLayer | None = None
    i: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    j: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    keys: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))


class NetworkView(QGraphicsView):
    """The network diagram. Constructed ``NetworkView(model, controller)``.

    Emits ``neuron_clicked(k, i)`` when a neuron is clicked (and highlights it).
    """

    neuron_clicked = Signal(int, int)

    def __init__(self, model: ProjectModel, controller=None, parent=None):
        super().__init__(parent)
        self.model = model
        self.controller = controller
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setBackgroundBrush(QBrush(QColor("white")))
        self.setMouseTracking(True)
        self.setMinimumSize(240, 180)
        self.setToolTip("")
        self.selected: tuple[int, int] | None = None
        self.shown: list[np.ndarray] = []  # per layer k: the neuron indices drawn
        self.neurons: dict[tuple[int, int], NeuronItem] = {}
        self.links: list[_Links] = []  # index k = 1..L+1 (0 unused)
        self.captions: list[QGraphicsSimpleTextItem] = []
        self._ring: QGraphicsEllipseItem | None = None
        self._pens: dict[int, QPen] = {}
        self._thumb_timer = QTimer(self, singleShot=True, interval=THUMB_MS)
        self._thumb_timer.timeout.connect(self.update_thumbnails)
        self._pen_timer = QTimer(self, singleShot=True)
        self._pen_timer.timeout.connect(self._weights_changed)
        self._paint_cost = 0.0
        self._last_pens = 0.0
        # Text is drawn in scene units; this factor keeps it near its point size on screen
        # when the diagram is shrunk to fit a small view.
        self._text_scale = 1.0
        self._refitting = False
        model.weights_changed.connect(self._weights_changed)
        for sig in (model.network_changed, model.project_replaced, model.data_changed):
            sig.connect(self.rebuild)
        self.rebuild()

    # ------------------------------------------------------------------ building
    def rebuild(self) -> None:
        """Recreate the scene for the current topology (never on a training snapshot)."""
        scene = self.scene()
        scene.clear()
        self._pens.clear()  # their widths follow style.scale (presentation mode)
        self.neurons.clear()
        self.captions.clear()
        self._ring = None
        net = self.model.network
        sizes = net.sizes
        self.shown = [self._choose_shown(k) for k in range(len(sizes))]
        n_cols = len(sizes)
        dx = float(np.clip(760.0 / max(n_cols - 1, 1), 110.0, 190.0))
        cramped = dx < 160
        positions: list[list[QPointF]] = []
        bottom = 0.0
        for k, shown in enumerate(self.shown):
            n = len(shown)
            spacing = min(70.0, COLUMN_HEIGHT / max(n, 1))
            diameter = min(42.0, 0.78 * spacing)
            x = k * dx
            col = []
            for row, i in enumerate(shown):
                y = (row - (n - 1) / 2) * spacing
                col.append(QPointF(x, y))
                self._add_neuron(k, int(i), QPointF(x, y), diameter)
            positions.append(col)
            bottom = max(bottom, (n - 1) / 2 * spacing + diameter / 2)
            hidden_more = sizes[k] - n
            if hidden_more > 0:
                more = self._text(self.tr("+{n} more").format(n=hidden_more), 9, QColor("#666666"))
                more.setPos(x - more.boundingRect().width() / 2, col[-1].y() + diameter / 2 + 2)
                bottom = max(bottom, col[-1].y() + diameter / 2 + 16)
        self._add_node_labels(positions)
        self.links = [_Links()]
        for k in range(1, n_cols):
            self.links.append(self._add_links(k, positions))
        for k in range(n_cols):
            text = self._caption(k)
            if cramped:
                text = text.replace(" · ", "\n", 1)
            cap = self._text(text, 10, NODE_TEXT, bold=True)
            if cap.boundingRect().width() > 0.95 * dx:  # one line per part: no overlap
                cap.setText(self._caption(k).replace(" · ", "\n"))
            if cap.boundingRect().width() > 0.95 * dx:  # still too wide: a smaller font
                font = cap.font()
                font.setPointSizeF(font.pointSizeF() * 0.95 * dx / cap.boundingRect().width())
                cap.setFont(font)
            w = cap.boundingRect().width()
            cap.setPos(k * dx - w / 2, bottom + 14)
            self.captions.append(cap)
        if self.selected is not None and self.selected not in self.neurons:
            self.selected = None
        self._place_ring()
        self.update_pens()
        self.update_thumbnails()
        rect = scene.itemsBoundingRect().adjusted(-12, -12, 12, 12)
        scene.setSceneRect(rect)
        self._fit()

    def _choose_shown(self, k: int) -> np.ndarray:
        net = self.model.network
        size = net.sizes[k]
        if size <= MAX_SHOWN:
            return np.arange(size)
        if k < net.n_layers:
            strength = np.abs(net.W[k + 1]).sum(axis=0)
            return np.sort(np.argsort(-strength, kind="stable")[:MAX_SHOWN])
        return np.arange(MAX_SHOWN)

    def _add_neuron(self, k: int, i: int, center: QPointF, d: float) -> None:
        item = NeuronItem(k, i, QRectF(center.x() - d / 2, center.y() - d / 2, d, d))
        n_out = self.model.network.n_outputs
        color = QColor("#555555")
        if k == len(self.shown) - 1 and self.model.project.task == "classification" and n_out > 1:
            color = QColor(class_color(i))
        pen = QPen(color, style.line_width(2.0 if d > 16 else 1.2))
        pen.setCosmetic(True)
        item.setPen(pen)
        item.setBrush(QBrush(QColor("white")))
        item.setCursor(Qt.CursorShape.PointingHandCursor)
        self.scene().addItem(item)
        self.neurons[(k, i)] = item

    def _add_links(self, k: int, positions) -> _Links:
        out = _Links()
        layer = LinkLayer()
        layer.setZValue(0)
        self.scene().addItem(layer)
        out.layer = layer
        src, dst = self.shown[k - 1], self.shown[k]
        ii, jj = [], []
        for a, i in enumerate(dst):
            for b, j in enumerate(src):
                item = LinkItem(k, int(i), int(j), positions[k - 1][b], positions[k][a], layer)
                layer.add(item)
                out.items.append(item)
                ii.append(int(i))
                jj.append(int(j))
        out.i = np.array(ii, np.int64)
        out.j = np.array(jj, np.int64)
        out.keys = np.full(len(ii), -1, np.int64)
        return out

    def _text(self, text: str, size: float, color: QColor, bold=False) -> QGraphicsSimpleTextItem:
        item = QGraphicsSimpleTextItem(text)
        font = QFont(self.font())
        font.setPointSizeF(size * self._text_scale * style.scale)
        font.setBold(bold)
        item.setFont(font)
        item.setBrush(QBrush(color))
        item.setZValue(2)
        item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.scene().addItem(item)
        return item

    def _add_node_labels(self, positions) -> None:
        p = self.model.project
        last = len(self.shown) - 1
        for row, i in enumerate(self.shown[0]):
            label = self._text(p.features[i], 10, NODE_TEXT)
            r = self.neurons[(0, int(i))].rect().width() / 2
            box = label.boundingRect()
            c = positions[0][row]
            label.setPos(c.x() - r - 6 - box.width(), c.y() - box.height() / 2)
        names = self.output_names()
        for row, i in enumerate(self.shown[last]):
            color = NODE_TEXT
            if p.task == "classification" and len(names) > 1:
                color = QColor(class_color(int(i)))
            label = self._text(names[i], 10, color, bold=True)
            r = self.neurons[(last, int(i))].rect().width() / 2
            c = positions[last][row]
            label.setPos(c.x() + r + 6, c.y() - label.boundingRect().height() / 2)

    def output_names(self) -> list[str]:
        """Labels of the output neurons: "class 1".. for classes, "y" for regression."""
        p, k_out = self.model.project, self.model.network.n_outputs
        if p.task != "classification":
            return ["y"] if k_out == 1 else [f"y{sub(c)}" for c in range(k_out)]
        if k_out == 1:
            return [self.tr("P(class 2)")]
        return [self.tr("class {c}").format(c=c + 1) for c in range(k_out)]

    def _caption(self, k: int) -> str:
        net = self.model.network
        if k == 0:
            return self.tr("Input")
        if k == net.n_layers:
            return self.tr("Output · {name}").format(name=net.output_name)
        return self.tr("Hidden {k} · {activation} · {size}").format(
            k=k, activation=net.activations[k - 1], size=net.sizes[k]
        )

    # ------------------------------------------------------------------ live updates
    def _weights_changed(self) -> None:
        # Repainting the links is the expensive part: keep pen updates at most every
        # 100 ms, and spaced by 5x the last paint time so the GUI stays responsive.
        wait = max(0.1, 5 * self._paint_cost) - (time.perf_counter() - self._last_pens)
        if wait <= 0:
            self._pen_timer.stop()
            self.update_pens()
            self._last_pens = time.perf_counter()
        elif not self._pen_timer.isActive():
            self._pen_timer.start(int(wait * 1000) + 1)
        if not self._thumb_timer.isActive():
            self._thumb_timer.start()

    def _pen(self, key: int) -> QPen:
        pen = self._pens.get(key)
        if pen is None:
            dense, rest = divmod(int(key), DENSE_KEY)
            sign, width = divmod(rest, 1000)
            color = QColor((NEGATIVE, POSITIVE, ZERO_COLOR)[sign])
            if sign != 2:
                color.setAlpha(110 if dense else 215)
            pen = QPen(color, style.line_width(width / WIDTH_STEP))
            pen.setCosmetic(True)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)  # the ends hide under the nodes; 2x cheaper
            if sign == 2:
                pen.setStyle(Qt.PenStyle.DashLine)
            self._pens[key] = pen
        return pen

    def update_pens(self) -> None:
        """Restyle the links from the live weights; only pens that changed are set."""
        net = self.model.network
        for k in range(1, len(self.links)):
            links = self.links[k]
            if not links.items or k >= len(net.W):
                continue
            keys = _pen_keys(net.W[k][links.i, links.j])
            if len(links.items) > DENSE_LINKS:
                keys += DENSE_KEY
            for idx in np.flatnonzero(keys != links.keys):
                links.items[idx].setPen(self._pen(int(keys[idx])))
            links.keys = keys

    def update_thumbnails(self) -> None:
        """Activation maps inside the nodes: h over the plane (2-D data) or over x (1-D).

        The grid is up to 24 x 24, coarser for big networks; the refresh interval grows
        with the measured cost so thumbnails never take more than ~1/5 of the GUI thread.
        """
        self._thumb_timer.stop()
        start = time.perf_counter()
        p, net = self.model.project, self.model.network
        if not self.neurons:
            return
        n = int(np.clip(np.sqrt(THUMB_BUDGET / net.theta.size), 8, THUMB_N))
        if p.data.X.shape[1] == 2:
            xs, ys, P = plane_points(n)
            layers = [transform(P, p.features).reshape(n, n, -1)]
            layers += list(evaluate_grid(net, p.features, n, neurons=True).layers)
            layers = [values[::-1] for values in layers]  # row 0 drawn at the top: largest x2
        else:  # 1-D data: a colour stripe of h over x, left to right
            n = THUMB_N
            x = np.linspace(PLANE[0], PLANE[1], n).reshape(-1, 1)
            _, h = net.forward(transform(x, p.features).astype(net.dtype))
            layers = [hk.reshape(1, n, -1) for hk in h]
        for k, shown in enumerate(self.shown):
            values = layers[k][:, :, shown]
            bound = None if k == 0 else fixed_range(net.layer_activation_name(k))
            vmax = bound or np.maximum(np.abs(values).max(axis=(0, 1)), 1e-9)
            rgb = diverging_rgb(values, vmax)  # (n, n, shown, 3)
            for c, i in enumerate(shown):
                item = self.neurons.get((k, int(i)))
                if item is None:
                    continue
                buf = np.ascontiguousarray(rgb[:, :, c, :])
                rows = buf.shape[0]
                item.set_image(QImage(buf.data, n, rows, 3 * n, QImage.Format.Format_RGB888))
        cost = time.perf_counter() - start
        self._thumb_timer.setInterval(max(THUMB_MS, int(5000 * cost)))

    # ------------------------------------------------------------------ selection
    def select_neuron(self, k: int, i: int) -> None:
        """Highlight neuron (k, i) and emit ``neuron_clicked(k, i)``."""
        if (k, i) not in self.neurons:
            return
        self.selected = (k, i)
        self._place_ring()
        self.neuron_clicked.emit(k, i)

    def _place_ring(self) -> None:
        if self._ring is not None:
            self.scene().removeItem(self._ring)
            self._ring = None
        if self.selected is None:
            return
        rect = self.neurons[self.selected].rect().adjusted(-5, -5, 5, 5)
        ring = QGraphicsEllipseItem(rect)
        pen = QPen(QColor("#222222"), 3)
        pen.setCosmetic(True)
        ring.setPen(pen)
        ring.setZValue(3)
        ring.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.scene().addItem(ring)
        self._ring = ring

    # ------------------------------------------------------------------ tooltips
    def link_tooltip(self, k: int, i: int, j: int) -> str:
        """``W^(k)_ij = 0.1234 (from h^(k-1)_j to h^(k)_i)`` with the live weight."""
        w = float(self.model.network.W[k][i, j])
        src = f"h^({k - 1}){sub(j)}"
        if k == 1:
            src += f" = {self.model.project.features[j]}"
        return f"W^({k}){sub(i, j)} = {w:.4f} " + self.tr("(from {src} to {dst})").format(
            src=src, dst=f"h^({k}){sub(i)}"
        )

    def neuron_tooltip(self, k: int, i: int) -> str:
        """The neuron's forward pass for the selected data point (plain text)."""
        return neuron_math(self.model, k, i)

    def item_at(self, pos) -> NeuronItem | LinkItem | None:
        """The neuron (preferred) or link under a viewport position."""
        for item in self.items(pos):
            if isinstance(item, NeuronItem):
                return item
        point = self.mapToScene(pos)
        tolerance = 3.0 / max(self.transform().m11(), 1e-9)  # 3 px on screen
        for links in self.links[1:]:
            if links.layer is not None and links.layer.sceneBoundingRect().contains(point):
                link = links.layer.link_near(point, tolerance)
                if link is not None:
                    return link
        return None

    def tooltip_at(self, pos) -> str:
        item = self.item_at(pos)
        if isinstance(item, NeuronItem):
            return self.neuron_tooltip(item.k, item.i)
        if isinstance(item, LinkItem):
            return self.link_tooltip(item.k, item.i, item.j)
        return ""

    def viewportEvent(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            text = self.tooltip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), as_tooltip(text), self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def mousePressEvent(self, event) -> None:
        item = self.item_at(event.position().toPoint())
        if isinstance(item, NeuronItem) and event.button() == Qt.MouseButton.LeftButton:
            self.select_neuron(item.k, item.i)
            event.accept()
            return
        super().mousePressEvent(event)

    # ------------------------------------------------------------------ geometry
    def _fit(self) -> None:
        rect = self.sceneRect()
        if rect.isEmpty():
            return
        view = self.viewport().rect()
        s = min(view.width() / rect.width(), view.height() / rect.height(), 2.0)
        wanted = float(np.clip(1.0 / s, 1.0, 2.2))
        if abs(wanted - self._text_scale) > 0.15 * self._text_scale and not self._refitting:
            self._text_scale = wanted
            self._refitting = True
            try:
                self.rebuild()  # lays the text out again at the new size, then fits
            finally:
                self._refitting = False
            return
        self.resetTransform()
        self.scale(s, s)
        self.centerOn(rect.center())

    def paintEvent(self, event) -> None:
        start = time.perf_counter()
        super().paintEvent(event)
        self._paint_cost = time.perf_counter() - start

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._fit()
