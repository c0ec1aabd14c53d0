"""One neuron up close: its activation map over the data plane and its maths for one point.

The map shows ``h^(k)_i = g(a^(k)_i)`` for every point of the plane (a curve against x for
1-D data); the text block writes out ``a^(k)_i = b + sum_j w_ij h_j`` with the numbers of
the selected data point (`neuron_math`), so a student can redo the forward pass by hand.

Indices on screen are 1-based as in the lecture (``h^(1)_1`` is the first neuron of the
first hidden layer); in code ``(k, i)`` has ``i`` 0-based, ``k`` = 0 (inputs) .. L+1 (outputs).
"""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from nnsim.core.features import transform
from nnsim.core.grid import PLANE, plane_points
from nnsim.gui.model.project_model import ProjectModel
from nnsim.gui.util.throttle import Throttle
from nnsim.gui.views.colors import diverging_colormap, fixed_range
from nnsim.gui.views.neuron_math import forward_point, layer_output, neuron_math, point_index, sub
from nnsim.project.enums import Split, Task

UPDATE_MS = 200  # at most 5 redraws a second while training
MAP_RESOLUTION = 100
CLASS_SYMBOLS = ("o", "t", "s", "d", "+", "x", "star", "h")
MAP_BUDGET = 4e7  # grid points x weights per map update
MAX_DATA_POINTS = 5000  # training points drawn over the map (context, not data editing)


class NeuronMapView(QWidget):
    """The activation map ``h^(k)_i`` of one neuron over the plane, and its maths.

    Call ``show_neuron(k, i)`` (connected to ``NetworkView.neuron_clicked``); ``k`` = 0..L+1,
    ``i`` 0-based. Redraws at most 5 times a second while training.
    """

    def __init__(self, model: ProjectModel, parent=None):
        super().__init__(parent)
        self.model = model
        self.neuron: tuple[int, int] | None = None
        self.plot = pg.PlotWidget(background="w")
        self.plot.setMinimumSize(220, 200)
        self.plot.setAspectLocked(False)
        item = self.plot.getPlotItem()
        item.setLabel("bottom", "x1")
        item.setLabel("left", "x2")
        item.setMenuEnabled(False)
        for axis in ("bottom", "left"):
            item.getAxis(axis).setPen("#444444")
            item.getAxis(axis).setTextPen("#222222")
            item.getAxis(axis).enableAutoSIPrefix(False)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.colorbar = pg.ColorBarItem(
            values=(-1, 1),
            colorMap=diverging_colormap(),
            interactive=False,
            width=12,
            pen="#888888",
        )
        self.colorbar.setImageItem(self.image, insert_in=item)
        self.colorbar.setToolTip(
            self.tr("Colour scale of h: blue negative, white 0, orange positive")
        )
        self.curve = pg.PlotDataItem(pen=pg.mkPen("#333333", width=2))
        self.point = pg.ScatterPlotItem(
            size=11, pen=pg.mkPen("k", width=2), brush=pg.mkBrush(255, 255, 255, 0), symbol="o"
        )
        self.point.setToolTip(self.tr("The data point the maths below is written for"))
        self.data = pg.ScatterPlotItem(
            size=6, pen=pg.mkPen("w", width=0.8), brush=pg.mkBrush("#222")
        )
        self.data.setOpacity(0.6)
        self.data.setToolTip(self.tr("Training points (one symbol per class)"))
        self.data.setZValue(5)
        item.addItem(self.image)
        item.addItem(self.data)
        item.addItem(self.curve)
        item.addItem(self.point)
        self.plot.setToolTip(
            self.tr("Activation map: the neuron's output h = g(a) at every point of the data plane")
        )
        self.math = QLabel()
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.math.setFont(QFont(mono))
        self.math.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.math.setTextFormat(Qt.TextFormat.PlainText)
        self.math.setWordWrap(False)
        self.math.setToolTip(
            self.tr(
                "The forward pass of this neuron for one data point: a = b + sum_j w_ij h_j, "
                "h = g(a). Select a point on the data plane to change it."
            )
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.math)
        self._data_dirty = True
        # A slow redraw (huge network) is repeated less often: <= ~1/5 of the GUI thread.
        self._throttle = Throttle(UPDATE_MS, self.refresh, self, busy_share=0.2)
        model.weights_changed.connect(self._schedule)
        model.selected_point_changed.connect(self._schedule)
        for sig in (model.network_changed, model.project_replaced, model.data_changed):
            sig.connect(self._structure_changed)
        self.refresh()

    # ------------------------------------------------------------------ slots
    @Slot(int, int)
    def show_neuron(self, k: int, i: int) -> None:
        """Show neuron ``i`` (0-based) of layer ``k`` (0 = inputs, L+1 = outputs)."""
        self.neuron = (int(k), int(i))
        self._data_dirty = True
        self.refresh()

    def _schedule(self, *_) -> None:
        self._throttle.request()

    def _structure_changed(self) -> None:
        if self.neuron is not None:
            k, i = self.neuron
            sizes = self.model.network.sizes
            if k >= len(sizes) or i >= sizes[k]:
                self.neuron = None
        self._data_dirty = True
        self.refresh()

    # ------------------------------------------------------------------ drawing
    def title(self) -> str:
        if self.neuron is None:
            return self.tr("Click a neuron in the network\nto see its activation map")
        k, i = self.neuron
        net = self.model.network
        if k == 0:
            feature = self.model.project.features[i]
            return f"h^(0){sub(i)} = {feature}  " + self.tr("(input feature)")
        g = net.layer_activation_name(k)
        ids = self._neuron_ids(k)
        who = "  " + self.tr("[neuron {id}]").format(id=ids[i]) if ids and i < len(ids) else ""
        return f"h^({k}){sub(i)} = {g}(a^({k}){sub(i)}){who}"

    def _neuron_ids(self, k: int) -> tuple[str, ...]:
        spec = self.model.project.network
        if 1 <= k <= len(spec.hidden):
            return spec.hidden[k - 1].neurons
        if k == len(spec.hidden) + 1:
            return spec.output_neurons
        return ()

    def refresh(self) -> None:
        self._throttle.cancel()  # the newest state is drawn now
        self._redraw()

    def _redraw(self) -> None:
        item = self.plot.getPlotItem()
        item.setTitle(html.escape(self.title()), size="10pt", color="#222222")
        if self.neuron is None:
            self.image.clear()
            self.curve.setData([], [])
            self.point.setData([], [])
            self.data.setData([], [])
            self.math.setText("")
            return
        k, i = self.neuron
        p = self.model.project
        plane = p.data.X.shape[1] == 2
        self.colorbar.setVisible(plane)
        if plane:
            self._draw_plane(k, i)
            if self._data_dirty:
                self._draw_data()
        else:
            self.data.setData([], [])
            self._draw_line(k, i)
        self.math.setText(neuron_math(self.model, k, i))

    def _values_range(self, k: int, values: np.ndarray) -> float:
        bound = None if k == 0 else fixed_range(self.model.network.layer_activation_name(k))
        return bound or max(float(np.abs(values).max(initial=0.0)), 1e-9)

    def _draw_plane(self, k: int, i: int) -> None:
        net, p = self.model.network, self.model.project
        item = self.plot.getPlotItem()
        item.setLabel("left", "x2")
        n = MAP_RESOLUTION
        if k > 0:  # coarser for big networks: only layers 1..k are evaluated
            work = sum(net.W[kk].size for kk in range(1, k + 1))
            n = int(np.clip(np.sqrt(MAP_BUDGET / work), 30, MAP_RESOLUTION))
        xs, ys, P = plane_points(n)
        X = transform(P, p.features)
        values = X[:, i] if k == 0 else layer_output(net, X, k)[:, i]
        values = values.reshape(len(ys), len(xs))
        m = self._values_range(k, values)
        self.curve.setData([], [])
        self.image.setImage(np.asarray(values, np.float64), autoLevels=False)
        self.colorbar.setLevels((-m, m))
        dx, dy = xs[1] - xs[0], ys[1] - ys[0]
        self.image.setRect(xs[0] - dx / 2, ys[0] - dy / 2, xs[-1] - xs[0] + dx, ys[-1] - ys[0] + dy)
        item.setRange(xRange=(xs[0], xs[-1]), yRange=(ys[0], ys[-1]), padding=0)
        index = point_index(self.model)
        if index is None:
            self.point.setData([], [])
        else:
            x = p.data.X[index]
            self.point.setData([x[0]], [x[1]])

    def _draw_data(self) -> None:
        """The training points, faintly, so the map can be read against the data."""
        self._data_dirty = False
        p = self.model.project
        train = np.flatnonzero(p.data.split == Split.TRAIN)[:MAX_DATA_POINTS]
        X = p.data.X[train]
        # Dark symbols, one shape per class: class colours would vanish in the blue/orange map.
        if p.task == Task.CLASSIFICATION:
            symbols = np.array(CLASS_SYMBOLS)[p.data.y[train] % len(CLASS_SYMBOLS)]
        else:
            symbols = "o"
        self.data.setData(X[:, 0], X[:, 1], symbol=symbols)

    def _draw_line(self, k: int, i: int) -> None:
        net, p = self.model.network, self.model.project
        self.image.clear()
        xs = np.linspace(PLANE[0], PLANE[1], 400)
        _, h = net.forward(transform(xs.reshape(-1, 1), p.features).astype(net.dtype))
        self.curve.setData(xs, np.asarray(h[k][:, i], np.float64))
        item = self.plot.getPlotItem()
        item.setLabel("left", f"h^({k}){sub(i)}")
        item.enableAutoRange()
        index = point_index(self.model)
        if index is None:
            self.point.setData([], [])
        else:
            _, hp = forward_point(self.model, index)
            self.point.setData([p.data.X[index, 0]], [float(hp[k][0, i])])
