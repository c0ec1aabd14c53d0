"""Loss and error of a project's network on its train, validation and test points."""

from __future__ import annotations

import math

import numpy as np

from nnsim.core import metrics
from nnsim.core.network import Network
from nnsim.project.document import Project
from nnsim.project.enums import Task

SPLITS = ("train", "validation", "test")


def _nan_to_none(x: float) -> float | None:
    return x if math.isfinite(x) else None


def evaluate(p: Project, net: Network | None = None) -> dict[str, dict]:
    """Metrics per split, JSON-able (None where a split is empty).

    Returns
    -------
    dict
        ``{"train": {...}, "validation": {...}, "test": {...}}``, each with ``n``,
        ``loss`` (the mean data loss ``1/T sum_t l(f(x^(t)), y^(t))``) and, for classes,
        ``error`` (fraction misclassified), ``accuracy`` and ``confusion`` (``C[i][j]``:
        true class i predicted as j); for regression ``mse``.
    """
    net = p.build_network() if net is None else net
    X = p.inputs(net.dtype)
    Y = metrics.targets_for(p.data.y, net.n_outputs, p.task, net.dtype)
    out = {}
    for code, name in enumerate(SPLITS):
        rows = p.data.split == code
        n = int(rows.sum())
        entry: dict = {"n": n}
        f = net.predict(X[rows]) if n else np.zeros((0, net.n_outputs), net.dtype)
        with np.errstate(over="ignore", invalid="ignore"):
            entry["loss"] = _nan_to_none(net.loss.mean(f, Y[rows])) if n else None
        if p.task == Task.CLASSIFICATION:
            y = p.data.y[rows]
            err = metrics.error_rate(f, y) if n else math.nan
            entry["error"] = _nan_to_none(err)
            entry["accuracy"] = _nan_to_none(1.0 - err)
            entry["confusion"] = metrics.confusion_matrix(f, y, p.n_classes).tolist()
        else:
            entry["mse"] = _nan_to_none(metrics.mean_squared_error(f, Y[rows]) if n else math.nan)
        out[name] = entry
    return out
