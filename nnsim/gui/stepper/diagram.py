"""The stepper's own small network diagram: the current stage's values next to neurons and
on links, the ones of the stage highlighted.

The scene is laid out in view pixels (rebuilt on resize), so the value font stays at its
point size however large the window is. Labels never overlap: each label is placed at the
first free spot among a few candidates, or left off (its value stays in the tooltip and in
the ledger). Layers wider than ``MAX_NEURONS`` show the neurons with the largest |value| of
the stage and a "+N" node for the rest.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView

from nnsim.explain.notation import fmt, sub
from nnsim.explain.records import Stage
from nnsim.gui.util.style import NEGATIVE, POSITIVE

MAX_NEURONS = 8  # neurons drawn per layer; the rest become "+N"
MAX_LINK_LABELS = 8  # the largest |value| links get a label (the ledger has them all)
VALUE_PT = 11.0  # value labels (readable on a projector)
HEADER_PT = 12.0
RADIUS = 13.0
LINK_T = (0.5, 0.38, 0.62, 0.3, 0.7, 0.44, 0.56, 0.22, 0.78, 0.15, 0.85)
FAINT = QColor("#cfcfcf")
TEXT = QColor("#111111")
HIGHLIGHT = QColor("#d62728")


def shown_neurons(size: int, values: dict[int, float], limit: int = MAX_NEURONS) -> list[int]:
    """The neuron indices drawn for a layer of ``size``: all of them, or the ``limit``
    largest |value| (the first ones when the stage has no values there), in index order."""
    if size <= limit:
        return list(range(size))
    if values:
        order = sorted(values, key=lambda i: -abs(values[i]))[:limit]
        rest = [i for i in range(size) if i not in values][: limit - len(order)]
        return sorted(order + rest)
    return list(range(limit))


def layer_name(k: int, last: int) -> str:
    if k == 0:
        return "x"
    if k == last:
        return "f(x)"
    return f"h^({k})"


class StepDiagram(QGraphicsView):
    """Draws ``sizes`` = [H_0, ..., H_{L+1}] with the values of one `Stage`."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumSize(320, 240)
        self.setToolTip(
            self.tr(
                "The network of this step: values of the current stage next to the neurons "
                "and on the links (highlighted). Hover a link or neuron for its exact value."
            )
        )
        self._sizes: list[int] = []
        self._stage: Stage | None = None
        self._digits = 4
        self.value_font = QFont(self.font())
        self.value_font.setPointSizeF(VALUE_PT)
        self.header_font = QFont(self.font())
        self.header_font.setPointSizeF(HEADER_PT)
        self.header_font.setBold(True)
        self.bold_font = QFont(self.value_font)
        self.bold_font.setBold(True)
        self.label_rects: list[QRectF] = []  # for tests: every placed label

    def show_stage(self, sizes, stage: Stage | None, digits: int) -> None:
        self._sizes, self._stage, self._digits = list(sizes), stage, digits
        self._layout()

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._layout()

    # ------------------------------------------------------------------ drawing
    def _layout(self) -> None:
        scene = self.scene()
        scene.clear()
        self.label_rects = []
        sizes, stage = self._sizes, self._stage
        if not sizes:
            return
        vw, vh = max(self.viewport().width(), 320), max(self.viewport().height(), 240)
        scene.setSceneRect(0, 0, vw, vh)
        neurons = stage.neurons if stage else {}
        links = stage.links if stage else {}
        fm = QFontMetricsF(self.value_font)
        label_h = fm.height() + 2
        last = len(sizes) - 1
        # Columns: room on the right of the last column for its labels.
        half_label = QFontMetricsF(self.bold_font).horizontalAdvance("∇a -0.0000") / 2
        left, right, top, bottom = half_label, half_label + 4, 34.0, 12.0
        span = max(vw - left - right, 50.0)
        xs = [left + RADIUS + span * k / max(last, 1) for k in range(len(sizes))]
        pos: dict[tuple[int, int], QPointF] = {}
        extra: dict[int, int] = {}
        rows_max = max(min(s, MAX_NEURONS) + (1 if s > MAX_NEURONS else 0) for s in sizes)
        step = min((vh - top - bottom) / max(rows_max, 1), 90.0)
        for k, size in enumerate(sizes):
            vals = {i: v for (kk, i), (_, v) in neurons.items() if kk == k}
            shown = shown_neurons(size, vals)
            n_rows = len(shown) + (1 if size > len(shown) else 0)
            y0 = top + (vh - top - bottom - step * n_rows) / 2 + step / 2
            for r, i in enumerate(shown):
                pos[(k, i)] = QPointF(xs[k], y0 + r * step)
            if size > len(shown):
                extra[k] = size - len(shown)
                pos[(k, -1)] = QPointF(xs[k], y0 + len(shown) * step)
        occupied: list[QRectF] = []
        # Layer headers.
        for k in range(len(sizes)):
            item = scene.addSimpleText(layer_name(k, last), self.header_font)
            w = item.boundingRect().width()
            x = min(max(xs[k] - w / 2, 2), vw - w - 2)
            item.setPos(x, 4)
            item.setBrush(QBrush(TEXT))
            occupied.append(item.sceneBoundingRect())
        # Links: faint first, highlighted on top.
        highlighted = []
        for k in range(1, len(sizes)):
            for (kk, i), p in pos.items():
                if kk != k or i < 0:
                    continue
                for (kj, j), q in pos.items():
                    if kj != k - 1 or j < 0:
                        continue
                    key = (k, i, j)
                    if key in links:
                        highlighted.append((key, p, q))
                    else:
                        line = scene.addLine(q.x(), q.y(), p.x(), p.y(), QPen(FAINT, 1.0))
                        line.setZValue(0)
        lines = {}
        for (k, i, j), p, q in highlighted:
            label, v = links[(k, i, j)]
            color = QColor(POSITIVE if v > 0 else NEGATIVE if v < 0 else "#888888")
            line = scene.addLine(q.x(), q.y(), p.x(), p.y(), QPen(color, 2.0))
            line.setZValue(1)
            line.setToolTip(f"{label} W^({k})_{sub(i, j)}: {fmt(v, self._digits)}")
            lines[(k, i, j)] = (line, color)
        # Neurons.
        for (k, i), p in pos.items():
            r = QRectF(p.x() - RADIUS, p.y() - RADIUS, 2 * RADIUS, 2 * RADIUS)
            if i < 0:
                t = scene.addSimpleText(f"+{extra[k]}", self.value_font)
                t.setBrush(QBrush(TEXT))
                br = t.boundingRect()
                t.setPos(p.x() - br.width() / 2, p.y() - br.height() / 2)
                t.setToolTip(
                    self.tr("{n} more neurons in this layer (see the ledger)").format(n=extra[k])
                )
                occupied.append(t.sceneBoundingRect())
                continue
            hit = (k, i) in neurons
            pen = QPen(HIGHLIGHT if hit else QColor("#666666"), 3.0 if hit else 1.2)
            fill = QColor("#fff3cd") if hit else QColor("white")
            circle = scene.addEllipse(r, pen, QBrush(fill))
            circle.setZValue(3)
            idx = scene.addSimpleText(str(i + 1), self.value_font)
            idx.setBrush(QBrush(TEXT))
            br = idx.boundingRect()
            idx.setPos(p.x() - br.width() / 2, p.y() - br.height() / 2)
            idx.setZValue(4)
            occupied.append(r)
            if hit:
                label, v = neurons[(k, i)]
                circle.setToolTip(f"{label}: {fmt(v, self._digits)}")
        # Neuron labels (right of the circle, else left, above, below), then link labels.
        for (k, i), (label, v) in neurons.items():
            p = pos.get((k, i))
            if p is None:
                continue
            text = f"{label} {fmt(v, self._digits)}"
            w = QFontMetricsF(self.bold_font).horizontalAdvance(text) + 8
            cands = [
                QRectF(p.x() - w / 2, p.y() - RADIUS - label_h - 1, w, label_h),
                QRectF(p.x() - w / 2, p.y() + RADIUS + 1, w, label_h),
                QRectF(p.x() + RADIUS + 3, p.y() - label_h / 2, w, label_h),
                QRectF(p.x() - RADIUS - 3 - w, p.y() - label_h / 2, w, label_h),
            ]
            self._place(scene, text, cands, occupied, vw, vh, bold=True)
        ranked = sorted(highlighted, key=lambda e: -abs(links[e[0]][1]))
        for n, (key, p, q) in enumerate(ranked):
            if n >= MAX_LINK_LABELS:
                break
            label, v = links[key]
            text = fmt(v, self._digits)
            w = fm.horizontalAdvance(text) + 8
            cands = []
            for t in LINK_T:
                c = q + (p - q) * t
                cands.append(QRectF(c.x() - w / 2, c.y() - label_h / 2, w, label_h))
            line, color = lines[key]
            if self._place(scene, text, cands, occupied, vw, vh, bold=False, border=color):
                line.setPen(QPen(color, 4.0))
                line.setZValue(2)

    def _place(self, scene, text, cands, occupied, vw, vh, bold, border=None) -> bool:
        for rect in cands:
            if rect.left() < 0 or rect.top() < 0 or rect.right() > vw or rect.bottom() > vh:
                continue
            if any(rect.intersects(o) for o in occupied):
                continue
            pen = QPen(border, 2.0) if border is not None else QPen(QColor("#999999"), 0.8)
            bg = scene.addRect(rect, pen, QBrush(QColor(255, 255, 255, 235)))
            bg.setZValue(5)
            item = scene.addSimpleText(text, self.bold_font if bold else self.value_font)
            item.setBrush(QBrush(TEXT))
            br = item.boundingRect()
            item.setPos(rect.center().x() - br.width() / 2, rect.center().y() - br.height() / 2)
            item.setZValue(6)
            occupied.append(rect)
            self.label_rects.append(QRectF(rect))
            return True
        return False


def overlaps(rects: list[QRectF]) -> int:
    """How many pairs of ``rects`` intersect (tests: 0 means no label overlaps another)."""
    n = 0
    arr = list(rects)
    for a in range(len(arr)):
        for b in range(a + 1, len(arr)):
            if arr[a].intersects(arr[b]):
                n += 1
    return n
