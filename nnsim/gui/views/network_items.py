"""The scene items of the network diagram: neurons, and links painted layer by layer.

A link is coloured by the sign of its weight ``W^(k)_ij`` (orange positive, blue negative,
dashed grey for exactly 0) and is as wide as ``|W^(k)_ij|`` (clamped to 0.5..6 px). Widths
are quantized to 1/2 px so a few shared pens serve every link and a training snapshot
sets only the pens that changed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QGraphicsEllipseItem, QGraphicsItem

from nnsim.gui.util import style
from nnsim.gui.util.style import NEGATIVE, POSITIVE

MIN_WIDTH, MAX_WIDTH = 0.5, 6.0  # link width in px
PX_PER_UNIT = 3.0  # link width per unit of |w|
WIDTH_STEP = 2  # widths are quantized to 1/2 px so pens can be cached and compared
ZERO_COLOR = "#b0b0b0"
DENSE_LINKS = 200  # above this many links between two columns they are drawn fainter
DENSE_KEY = 100_000


def link_width(w: np.ndarray) -> np.ndarray:
    """On-screen width (px) of links with weights ``w``: proportional to |w|, in 0.5..6."""
    return np.clip(np.abs(w) * PX_PER_UNIT, MIN_WIDTH, MAX_WIDTH)


def pen_keys(w: np.ndarray, dense: bool = False) -> np.ndarray:
    """One integer per link: sign (0 negative, 1 positive, 2 zero), quantized width and
    whether its layer is dense (drawn fainter)."""
    sign = np.where(w > 0, 1, np.where(w < 0, 0, 2))
    keys = sign * 1000 + np.round(link_width(w) * WIDTH_STEP).astype(np.int64)
    return keys + DENSE_KEY if dense else keys


class PenCache:
    """One shared QPen per pen key (cleared when ``style.scale`` changes)."""

    def __init__(self):
        self._pens: dict[int, QPen] = {}

    def clear(self) -> None:
        self._pens.clear()

    def __getitem__(self, key: int) -> QPen:
        pen = self._pens.get(key)
        if pen is None:
            pen = self._pens[key] = self._make(int(key))
        return pen

    @staticmethod
    def _make(key: int) -> QPen:
        dense, rest = divmod(key, DENSE_KEY)
        sign, width = divmod(rest, 1000)
        color = QColor((NEGATIVE, POSITIVE, ZERO_COLOR)[sign])
        if sign != 2:
            color.setAlpha(110 if dense else 215)
        pen = QPen(color, style.line_width(width / WIDTH_STEP))
        pen.setCosmetic(True)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)  # the ends hide under the nodes; 2x cheaper
        if sign == 2:
            pen.setStyle(Qt.PenStyle.DashLine)
        return pen


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
class LayerLinks:
    """The link items of layer k with their (i, j) indices and current pen keys."""

    items: list = field(default_factory=list)
    layer: LinkLayer | None = None
    i: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    j: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    keys: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))

    def restyle(self, W: np.ndarray, pens: PenCache) -> None:
        """Give each link the pen of its weight in ``W`` (H_k, H_(k-1)); only changed pens
        are set."""
        keys = pen_keys(W[self.i, self.j], dense=len(self.items) > DENSE_LINKS)
        for idx in np.flatnonzero(keys != self.keys):
            self.items[idx].setPen(pens[int(keys[idx])])
        self.keys = keys
