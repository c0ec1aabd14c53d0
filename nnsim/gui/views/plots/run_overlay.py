"""Earlier runs drawn under the current one on the Loss and Error plots (see runs.py).

The overlay watches the history as the plots receive it: when the history is replaced
(Reset, Apply best, a fresh start) the current curves are archived as a run, and the
waiting runs are named by what changed once the next run has its first epoch.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt

from nnsim.gui.views.plots.columns import HistoryColumns
from nnsim.gui.views.plots.history_plot import HistoryPlot
from nnsim.gui.views.plots.runs import RunList, RunStore, run_series
from nnsim.project.enums import Task


class RunOverlay:
    """The earlier runs of ``model``'s project, their list and their curves on ``plots``.

    Parameters
    ----------
    model : ProjectModel
        Read for the task and the settings the current run is trained with.
    plots : dict
        ``{"loss": HistoryPlot, "error": HistoryPlot}``: where the runs are drawn.
    """

    def __init__(self, model, plots: dict[str, HistoryPlot]):
        self.model = model
        self.plots = plots
        self.store = RunStore()
        self.list = RunList(self.store)
        self.list.visibility_changed.connect(self.draw)
        self.list.cleared.connect(self.draw)
        self.items: list = []  # (plot item, curve item) of every drawn run curve
        self._settings = None  # (hyper, sizes) the current run was trained with

    def _current_settings(self) -> tuple:
        p = self.model.project
        return (p.hyper, tuple(p.sizes))

    def reset(self) -> None:
        """Another project: no earlier runs."""
        self.store.clear()
        self._settings = self._current_settings()
        self.list.refresh()
        self.draw()

    def track(self, columns: HistoryColumns, history) -> None:
        """Archive ``columns`` if ``history`` replaces them; name the waiting runs.

        Called before ``columns`` take the new history.
        """
        changed = False
        if not columns.continues(history) and self._settings is not None:
            changed = self.store.archive(columns, *self._settings) is not None
        if not columns.n:  # the whole history arrived at once: perhaps an Undo of a Reset
            changed = self.store.forget_live(history) or changed
        if len(history) > (0 if changed else columns.n):
            self._settings = self._current_settings()
            changed = self.store.name_pending(*self._settings) or changed
        if changed:
            self.list.refresh()
            self.draw()

    def draw(self) -> None:
        """Draw the visible runs, dashed (validation) and dotted (training), under the rest."""
        for plot_item, item in self.items:
            plot_item.removeItem(item)
        self.items = []
        classification = self.model.project.task == Task.CLASSIFICATION
        for run in self.store.runs:
            if not run.visible:
                continue
            for kind, plot in self.plots.items():
                ys = run_series(run, kind, classification)
                for key, style in (("val", Qt.DashLine), ("train", Qt.DotLine)):
                    item = plot.plot_item.plot(
                        run.data["epoch"],
                        ys[key],
                        pen=pg.mkPen(run.color, width=2, style=style),
                        connect="finite",
                    )
                    item.setZValue(-1)  # under the current run
                    self.items.append((plot.plot_item, item))
