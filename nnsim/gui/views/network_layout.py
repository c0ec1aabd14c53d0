"""Where the network diagram puts things: columns, neurons shown, captions and names.

Layer k is column k, left to right; its neurons are centred vertically. A layer wider than
``MAX_SHOWN`` shows its neurons with the strongest outgoing weights (the rest are
summarized as "+N more"). The texts are the lecture's: ``Hidden 1 · tanh · 8``, output
names "class 1".. or "y".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QCoreApplication, QPointF

from nnsim.gui.views.neuron_math import sub
from nnsim.project.enums import Task

MAX_SHOWN = 32  # neurons drawn per layer; the rest are summarized as "+N more"
COLUMN_HEIGHT = 430.0  # scene units available for one column of nodes


def _tr(text: str) -> str:
    return QCoreApplication.translate("NetworkView", text)


def choose_shown(net, k: int) -> np.ndarray:
    """The neurons of layer ``k`` to draw (sorted): all, or the ``MAX_SHOWN`` whose
    outgoing weights |W^(k+1)| sum highest."""
    size = net.sizes[k]
    if size <= MAX_SHOWN:
        return np.arange(size)
    if k < net.n_layers:
        strength = np.abs(net.W[k + 1]).sum(axis=0)
        return np.sort(np.argsort(-strength, kind="stable")[:MAX_SHOWN])
    return np.arange(MAX_SHOWN)


@dataclass
class Column:
    """The geometry of one layer's column: node centres and diameter (scene units)."""

    centers: list[QPointF]
    diameter: float

    @property
    def bottom(self) -> float:
        """The lowest point of the lowest node."""
        return self.centers[-1].y() + self.diameter / 2 if self.centers else 0.0


def column_spacing(n_columns: int) -> float:
    """Horizontal distance between columns: the diagram is ~760 units wide."""
    return float(np.clip(760.0 / max(n_columns - 1, 1), 110.0, 190.0))


def column(k: int, n: int, dx: float) -> Column:
    """The column of layer ``k`` with ``n`` nodes shown, at x = k * dx."""
    spacing = min(70.0, COLUMN_HEIGHT / max(n, 1))
    diameter = min(42.0, 0.78 * spacing)
    x = k * dx
    centers = [QPointF(x, (row - (n - 1) / 2) * spacing) for row in range(n)]
    return Column(centers, diameter)


def caption(net, k: int) -> str:
    """The caption under column ``k``: "Input", "Hidden k · g · H_k", "Output · o"."""
    if k == 0:
        return _tr("Input")
    if k == net.n_layers:
        return _tr("Output · {name}").format(name=net.output_name)
    return _tr("Hidden {k} · {activation} · {size}").format(
        k=k, activation=net.activations[k - 1], size=net.sizes[k]
    )


def output_names(project, net) -> list[str]:
    """Labels of the output neurons: "class 1".. for classes, "y" for regression."""
    k_out = net.n_outputs
    if project.task != Task.CLASSIFICATION:
        return ["y"] if k_out == 1 else [f"y{sub(c)}" for c in range(k_out)]
    if k_out == 1:
        return [_tr("P(class 2)")]
    return [_tr("class {c}").format(c=c + 1) for c in range(k_out)]
