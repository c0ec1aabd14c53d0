"""The status bar's line about training, e.g. 'Epoch 120 · loss 0.123 / val 0.145 · ...'."""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication

from nnsim.gui.views.plots.history_plot import fmt_value
from nnsim.project.enums import Task


def summary_text(model) -> str:
    """One line for the status bar, e.g. 'Epoch 120 · loss 0.123 / val 0.145 · val error 4.2 %'."""
    if not model.history:
        return QCoreApplication.translate("TrainingPlots", "Epoch 0 · not trained yet")
    r = model.history[-1]
    text = QCoreApplication.translate(
        "TrainingPlots", "Epoch {epoch} · loss {loss} / val {val}"
    ).format(epoch=r.epoch, loss=fmt_value(r.train_loss), val=fmt_value(r.val_loss))
    if model.project.task == Task.CLASSIFICATION:
        err = "–" if not math.isfinite(r.val_error) else f"{100 * r.val_error:.1f} %"
        return text + QCoreApplication.translate("TrainingPlots", " · val error {err}").format(
            err=err
        )
    return text + QCoreApplication.translate("TrainingPlots", " · val MSE {mse}").format(
        mse=fmt_value(r.val_error)
    )
