"""Presentation mode: larger fonts and thicker lines for a projector, toggled with F5.

The application font grows by ``FACTOR`` and ``nnsim.gui.util.style.scale`` is set to it, so
views that build their pens with ``style.line_width(w)`` draw thicker lines when they
redraw. Curves that pyqtgraph keeps (loss curves, the regression curve) are thickened
here directly, and plot axes get the larger font. The toggle is remembered in QSettings.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QObject, QSettings, QSignalBlocker, Qt
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import QApplication, QScrollArea

from nnsim.gui.util import style

FACTOR = 1.5
SETTINGS_KEY = "view/presentation"
_BASE = "_nnsim_presentation_base"  # kept on a curve, axis or legend: its unscaled style


def scaled_font(font: QFont, factor: float) -> QFont:
    out = QFont(font)
    if font.pointSizeF() > 0:
        out.setPointSizeF(font.pointSizeF() * factor)
    elif font.pixelSize() > 0:
        out.setPixelSize(round(font.pixelSize() * factor))
    return out


class PresentationMode(QObject):
    """The View > Presentation mode action (F5) for one main window."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.enabled = False
        self._base_font: QFont | None = None
        self._dock_base: dict[str, tuple] = {}  # dock -> (minimum width, scroll bar policy)
        self.action = QAction(self.tr("&Presentation mode"), window)
        self.action.setCheckable(True)
        self.action.setShortcut(QKeySequence("F5"))
        tip = self.tr("Larger fonts and thicker lines for a projector (F5)")
        self.action.setToolTip(tip)
        self.action.setStatusTip(tip)
        self.action.toggled.connect(self.set_enabled)
        window.addAction(self.action)  # the shortcut works even if the menu is missing
        view_menu = getattr(window, "view_menu", None)
        if view_menu is not None:
            view_menu.addSeparator()
            view_menu.addAction(self.action)
        if _as_bool(QSettings().value(SETTINGS_KEY, False)):
            self.set_enabled(True)

    def set_enabled(self, on: bool) -> None:
        on = bool(on)
        with QSignalBlocker(self.action):
            self.action.setChecked(on)
        QSettings().setValue(SETTINGS_KEY, on)
        if on == self.enabled:
            return
        self.enabled = on
        app = QApplication.instance()
        if on:
            self._base_font = QFont(app.font())
            app.setFont(scaled_font(self._base_font, FACTOR))
            style.set_scale(FACTOR)
        else:
            if self._base_font is not None:
                app.setFont(self._base_font)
            self._base_font = None
            style.set_scale(1.0)
        self._restyle_plots()
        self._widen_docks()
        self._redraw_views()

    def toggle(self) -> None:
        self.set_enabled(not self.enabled)

    # ------------------------------------------------------------------ redrawing
    def _restyle_plots(self) -> None:
        """Thicken pyqtgraph curves and enlarge axis fonts in every plot of the window."""
        font = QApplication.instance().font() if self.enabled else None
        for view in self.window.findChildren(pg.GraphicsView):
            for item in view.scene().items():
                if isinstance(item, pg.AxisItem):
                    _scale_axis_label(item, style.scale)
                    item.setTickFont(font)  # after the label: resizes the axis
                elif isinstance(item, pg.LegendItem):
                    _scale_legend(item, style.scale)
                elif isinstance(item, pg.PlotDataItem) or (
                    isinstance(item, pg.PlotCurveItem)
                    and not isinstance(item.parentItem(), pg.PlotDataItem)
                ):
                    _scale_pen(item, style.scale)

    def _widen_docks(self) -> None:
        """Give the panels room for the larger text (at most a quarter of the window
        each); what still does not fit scrolls sideways instead of being cut off."""
        for name, dock in self.window.docks.items():
            outer = dock.widget()
            if not isinstance(outer, QScrollArea):
                continue
            scrolls = [outer, *outer.findChildren(QScrollArea)]
            if name not in self._dock_base:
                self._dock_base[name] = (
                    outer.minimumWidth(),
                    [s.horizontalScrollBarPolicy() for s in scrolls],
                )
            base, policies = self._dock_base[name]
            if self.enabled:
                cap = int(self.window.width() * 0.25)
                outer.setMinimumWidth(min(round(base * FACTOR), max(cap, base)))
                for s in scrolls:
                    s.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
            else:
                outer.setMinimumWidth(base)
                for s, policy in zip(scrolls, policies):
                    s.setHorizontalScrollBarPolicy(policy)

    def _redraw_views(self) -> None:
        """Ask the views to redraw with the new ``style.scale``."""
        w = self.window
        view = getattr(w, "network_view", None)
        if view is not None and hasattr(view, "rebuild"):
            view.rebuild()
        w.model.view_changed.emit()


def _scale_pen(item, factor: float) -> None:
    """Set a curve's pen width to its original width times ``factor``."""
    if item.opts.get("pen") is None:
        return
    pen = pg.mkPen(item.opts["pen"])
    if pen.style() == Qt.PenStyle.NoPen:
        return
    base = getattr(item, _BASE, None)
    if base is None:
        base = pen.widthF()
        setattr(item, _BASE, base)
    if base <= 0:  # a cosmetic 1-pixel pen
        base = 1.0 if factor != 1.0 else 0.0
    pen.setWidthF(base * factor)
    item.setPen(pen)


def _points(size, factor: float) -> str | None:
    """ "9pt" times ``factor`` as "13.5pt" (None if ``size`` is not in points)."""
    if isinstance(size, str) and size.endswith("pt"):
        try:
            return f"{float(size[:-2]) * factor:g}pt"
        except ValueError:
            return None
    return None


def _scale_axis_label(axis: pg.AxisItem, factor: float) -> None:
    """Redraw an axis title with its font size times ``factor`` (kept style otherwise)."""
    if not (axis.labelText or axis.labelUnits) or not axis.label.isVisible():
        return
    base = getattr(axis, _BASE, None)
    if base is None:
        base = dict(axis.labelStyle)
        setattr(axis, _BASE, base)
    style_ = dict(base)
    point = QApplication.instance().font().pointSizeF() / factor
    size = _points(base.get("font-size") or f"{point:g}pt", factor)
    if size is not None and factor != 1.0:
        style_["font-size"] = size
    axis.labelStyle = style_
    axis.label.setHtml(axis.labelString())
    axis.update()


def _scale_legend(legend: pg.LegendItem, factor: float) -> None:
    base = getattr(legend, _BASE, None)
    if base is None:
        base = legend.opts.get("labelTextSize", "9pt")
        setattr(legend, _BASE, base)
    legend.setLabelTextSize(_points(base, factor) or base)
    for _, label in legend.items:
        label.setText(label.text)  # render again at the new size
    legend.updateSize()


def _as_bool(value) -> bool:
    if isinstance(value, str):
        return value.lower() in ("1", "true", "yes")
    return bool(value)
