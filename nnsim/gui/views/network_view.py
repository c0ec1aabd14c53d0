"""The network drawn left to right: inputs, hidden layers, outputs, and every weight.

Links follow their weights (`network_items`), the scene is laid out by `network_layout`
and rebuilt only when the topology changes: training only changes the pens of the
existing links. For 2-D data each node shows a thumbnail of its activation ``h^(k)_i``
over the plane (`network_thumbnails`), refreshed at most 5 times a second.

Signals
-------
neuron_clicked(k, i)
    A neuron was clicked: layer ``k`` (0 = inputs .. L+1 = outputs), ``i`` 0-based.
"""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QToolTip,
)

from nnsim.gui.util import style
from nnsim.gui.util.style import class_color
from nnsim.gui.util.throttle import Throttle
from nnsim.gui.views import network_layout as layout
from nnsim.gui.views.network_items import LayerLinks, LinkItem, LinkLayer, NeuronItem, PenCache
from nnsim.gui.views.network_thumbnails import thumbnails
from nnsim.gui.views.neuron_math import as_tooltip, neuron_math, sub
from nnsim.project.enums import Task

THUMB_MS = 200  # at most 5 thumbnail updates a second
PENS_MS = 100  # at most 10 link restylings a second
BUSY_SHARE = 0.2  # of the GUI thread, at most, for each of the two
NODE_TEXT = QColor("#222222")


class NetworkView(QGraphicsView):
    """The network diagram. Constructed ``NetworkView(model, controller)``.

    Emits ``neuron_clicked(k, i)`` when a neuron is clicked (and highlights it).
    """

    neuron_clicked = Signal(int, int)

    def __init__(self, model, controller=None, parent=None):
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
        self.links: list[LayerLinks] = []  # index k = 1..L+1 (0 unused)
        self.captions: list[QGraphicsSimpleTextItem] = []
        self._ring: QGraphicsEllipseItem | None = None
        self._pens = PenCache()
        # Repainting the links is the expensive part of a pen update: the repaint's cost
        # counts against the pens' share of the GUI thread (see paintEvent).
        self._pens_throttle = Throttle(PENS_MS, self.update_pens, self, busy_share=BUSY_SHARE)
        self._thumbs_throttle = Throttle(
            THUMB_MS, self.update_thumbnails, self, busy_share=BUSY_SHARE
        )
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
        self.scene().clear()
        self._pens.clear()  # their widths follow style.scale (presentation mode)
        self.neurons.clear()
        self.captions.clear()
        self._ring = None
        net = self.model.network
        self.shown = [layout.choose_shown(net, k) for k in range(len(net.sizes))]
        dx = layout.column_spacing(len(net.sizes))
        columns = [layout.column(k, len(shown), dx) for k, shown in enumerate(self.shown)]
        bottom = 0.0
        for k, (shown, col) in enumerate(zip(self.shown, columns)):
            for center, i in zip(col.centers, shown):
                self._add_neuron(k, int(i), center, col.diameter)
            bottom = max(bottom, col.bottom)
            hidden_more = net.sizes[k] - len(shown)
            if hidden_more > 0:
                more = self._text(self.tr("+{n} more").format(n=hidden_more), 9, QColor("#666666"))
                more.setPos(k * dx - more.boundingRect().width() / 2, col.bottom + 2)
                bottom = max(bottom, col.bottom + 16)
        self._add_node_labels(columns)
        self.links = [LayerLinks()]
        for k in range(1, len(columns)):
            self.links.append(self._add_links(k, columns))
        self._add_captions(dx, bottom)
        if self.selected is not None and self.selected not in self.neurons:
            self.selected = None
        self._place_ring()
        self.update_pens()
        self.update_thumbnails()
        rect = self.scene().itemsBoundingRect().adjusted(-12, -12, 12, 12)
        self.scene().setSceneRect(rect)
        self._fit()

    def _add_neuron(self, k: int, i: int, center: QPointF, d: float) -> None:
        item = NeuronItem(k, i, QRectF(center.x() - d / 2, center.y() - d / 2, d, d))
        n_out = self.model.network.n_outputs
        color = QColor("#555555")
        if (
            k == len(self.shown) - 1
            and self.model.project.task == Task.CLASSIFICATION
            and n_out > 1
        ):
            color = QColor(class_color(i))
        pen = QPen(color, style.line_width(2.0 if d > 16 else 1.2))
        pen.setCosmetic(True)
        item.setPen(pen)
        item.setBrush(QBrush(QColor("white")))
        item.setCursor(Qt.CursorShape.PointingHandCursor)
        self.scene().addItem(item)
        self.neurons[(k, i)] = item

    def _add_links(self, k: int, columns: list[layout.Column]) -> LayerLinks:
        out = LayerLinks()
        out.layer = LinkLayer()
        out.layer.setZValue(0)
        self.scene().addItem(out.layer)
        src, dst = self.shown[k - 1], self.shown[k]
        ii, jj = [], []
        for a, i in enumerate(dst):
            for b, j in enumerate(src):
                a_pos, b_pos = columns[k - 1].centers[b], columns[k].centers[a]
                item = LinkItem(k, int(i), int(j), a_pos, b_pos, out.layer)
                out.layer.add(item)
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

    def _add_node_labels(self, columns: list[layout.Column]) -> None:
        p = self.model.project
        last = len(self.shown) - 1
        for row, i in enumerate(self.shown[0]):
            label = self._text(p.features[i], 10, NODE_TEXT)
            r = self.neurons[(0, int(i))].rect().width() / 2
            box = label.boundingRect()
            c = columns[0].centers[row]
            label.setPos(c.x() - r - 6 - box.width(), c.y() - box.height() / 2)
        names = self.output_names()
        for row, i in enumerate(self.shown[last]):
            color = NODE_TEXT
            if p.task == Task.CLASSIFICATION and len(names) > 1:
                color = QColor(class_color(int(i)))
            label = self._text(names[i], 10, color, bold=True)
            r = self.neurons[(last, int(i))].rect().width() / 2
            c = columns[last].centers[row]
            label.setPos(c.x() + r + 6, c.y() - label.boundingRect().height() / 2)

    def _add_captions(self, dx: float, bottom: float) -> None:
        """A caption under each column, broken into lines (then shrunk) to fit its width."""
        net = self.model.network
        for k in range(len(self.shown)):
            full = layout.caption(net, k)
            text = full.replace(" · ", "\n", 1) if dx < 160 else full
            cap = self._text(text, 10, NODE_TEXT, bold=True)
            if cap.boundingRect().width() > 0.95 * dx:  # one line per part: no overlap
                cap.setText(full.replace(" · ", "\n"))
            if cap.boundingRect().width() > 0.95 * dx:  # still too wide: a smaller font
                font = cap.font()
                font.setPointSizeF(font.pointSizeF() * 0.95 * dx / cap.boundingRect().width())
                cap.setFont(font)
            w = cap.boundingRect().width()
            cap.setPos(k * dx - w / 2, bottom + 14)
            self.captions.append(cap)

    def output_names(self) -> list[str]:
        """Labels of the output neurons: "class 1".. for classes, "y" for regression."""
        return layout.output_names(self.model.project, self.model.network)

    # ------------------------------------------------------------------ live updates
    def _weights_changed(self) -> None:
        self._pens_throttle.request()
        self._thumbs_throttle.request()

    @property
    def redraw_pending(self) -> bool:
        """True while new weights wait to be drawn (pens or thumbnails, rate-limited)."""
        return self._pens_throttle.pending or self._thumbs_throttle.pending

    def flush_redraws(self) -> None:
        """Draw the waiting pens and thumbnails now (benchmarks, screenshots)."""
        self._pens_throttle.flush()
        self._thumbs_throttle.flush()

    def update_pens(self) -> None:
        """Restyle the links from the live weights; only pens that changed are set."""
        net = self.model.network
        for k in range(1, len(self.links)):
            if self.links[k].items and k < len(net.W):
                self.links[k].restyle(net.W[k], self._pens)

    def update_thumbnails(self) -> None:
        """Activation maps inside the nodes: h over the plane (2-D data) or over x (1-D)."""
        self._thumbs_throttle.cancel()  # the newest weights are drawn now
        if not self.neurons:
            return
        for k, i, image in thumbnails(self.model.project, self.model.network, self.shown):
            item = self.neurons.get((k, i))
            if item is not None:
                item.set_image(image)

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
        self._pens_throttle.report_cost(time.perf_counter() - start)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._fit()
