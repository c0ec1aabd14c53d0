"""A neuron's forward pass written out with the numbers of one data point.

``a^(k)_i = b + sum_j w_ij h_j = <b> + (<w_1>)(<h_1>) + ... = <a>`` and ``h^(k)_i = g(a)``,
the lecture's pre-activation and activation, as plain text aligned for a monospaced font:
the neuron map shows it under the map and the network view as a neuron's tooltip.

Indices on screen are 1-based as in the lecture (``h^(1)_1`` is the first neuron of the
first hidden layer); in code ``(k, i)`` has ``i`` 0-based, ``k`` = 0 (inputs) .. L+1 (outputs).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from nnsim.core.features import transform
from nnsim.project.enums import Split, Task

if TYPE_CHECKING:
    from nnsim.gui.model.project_model import ProjectModel

# How g is written in the maths text (the lecture's names).
G_TEXT = {"linear": "{}", "sigmoid": "sigm({})", "tanh": "tanh({})", "relu": "max(0, {})"}
MAX_TERMS = 8  # terms of sum_j w_ij h_j written out before "+ ..."
SPLIT_TEXT = (  # translated where shown
    QT_TRANSLATE_NOOP("NeuronMapView", "train"),
    QT_TRANSLATE_NOOP("NeuronMapView", "validation"),
    QT_TRANSLATE_NOOP("NeuronMapView", "test"),
)


def fmt(v: float) -> str:
    """4 significant digits, the precision every maths text uses."""
    return f"{float(v):.4g}"


def sub(i: int, j: int | None = None) -> str:
    """Lecture subscripts, 1-based: ``_3`` or ``_23``; ``_12,3`` when an index has 2 digits."""
    if j is None:
        return f"_{i + 1}"
    sep = "," if i >= 9 or j >= 9 else ""
    return f"_{i + 1}{sep}{j + 1}"


def neuron_name(k: int, i: int) -> str:
    """``h^(k)_i`` (1-based i)."""
    return f"h^({k}){sub(i)}"


def point_index(model: ProjectModel) -> int | None:
    """The point the maths is written for: the selected one, else the first training point."""
    data = model.project.data
    if data.n == 0:
        return None
    if 0 <= model.selected_point < data.n:
        return int(model.selected_point)
    train = np.flatnonzero(data.split == Split.TRAIN)
    return int(train[0]) if len(train) else 0


def forward_point(model: ProjectModel, index: int) -> tuple[list, list]:
    """The live network's forward pass ``(a, h)`` for one data point (batch of 1)."""
    p, net = model.project, model.network
    x = transform(p.data.X[index : index + 1], p.features).astype(net.dtype, copy=False)
    return net.forward(x)


def _point_header(model: ProjectModel, index: int) -> str:
    p = model.project
    x = ", ".join(fmt(v) for v in p.data.X[index])
    target = p.data.y[index]
    if p.task == Task.CLASSIFICATION:
        y = QCoreApplication.translate("NeuronMapView", "class {c}").format(c=int(target) + 1)
    else:
        y = fmt(target)
    if index == model.selected_point:
        chosen = QCoreApplication.translate("NeuronMapView", "selected point")
    else:
        chosen = QCoreApplication.translate("NeuronMapView", "first training point")
    split = QCoreApplication.translate("NeuronMapView", SPLIT_TEXT[p.data.split[index]])
    return f"{chosen} #{index} ({split}): x = ({x}), y = {y}"


def neuron_math(model: ProjectModel, k: int, i: int) -> str:
    """The forward pass of neuron (k, i) written out with the numbers of one data point.

    ``a^(k)_i = b + sum_j w_ij h_j = <b> + (<w_1>)(<h_1>) + ... = <a>`` and
    ``h^(k)_i = g(a) = <h>`` (the lecture's pre-activation and activation). Plain text,
    lines aligned for a monospaced font.
    """
    net = model.network
    index = point_index(model)
    if index is None:
        return f"{neuron_name(k, i)}: " + QCoreApplication.translate(
            "NeuronMapView", "no data points to evaluate"
        )
    a, h = forward_point(model, index)
    lines = [_point_header(model, index)]
    if k == 0:
        feature = model.project.features[i]
        lines.append(f"h^(0){sub(i)} = {feature} = {fmt(h[0][0, i])}")
        return "\n".join(lines)
    W, b = net.W[k], net.b[k]
    n_in = W.shape[1]
    terms = [f"({fmt(W[i, j])})({fmt(h[k - 1][0, j])})" for j in range(min(n_in, MAX_TERMS))]
    if n_in > MAX_TERMS:
        terms.append("...")
    lhs = f"a^({k}){sub(i)}"
    pad = " " * (len(lhs) + 1)
    lines.append(f"{lhs} = b + sum_j w_{i + 1}j h^({k - 1})_j")
    chunk = [fmt(b[i]), *terms]
    for start in range(0, len(chunk), 4):
        lead = "= " if start == 0 else "  + "
        lines.append(pad + lead + " + ".join(chunk[start : start + 4]))
    lines.append(pad + f"= {fmt(a[k][0, i])}")
    name = net.layer_activation_name(k)
    out = f"h^({k}){sub(i)}"
    if k == net.n_layers:
        out = f"f(x){sub(i)} = {out}"
    if name == "softmax":
        expr = f"e^(a{sub(i)}) / sum_c e^(a_c)"
        lines.append(f"{out} = softmax(a)_{i + 1} = {expr} = {fmt(h[k][0, i])}")
    elif name == "linear":
        lines.append(f"{out} = a = {fmt(h[k][0, i])}")
    else:
        g = G_TEXT.get(name, name + "({})")
        value = g.format(fmt(a[k][0, i]))
        lines.append(f"{out} = {g.format('a')} = {value} = {fmt(h[k][0, i])}")
    return "\n".join(lines)


def as_tooltip(text: str) -> str:
    """Plain maths text as a monospaced rich-text tooltip (keeps the alignment)."""
    return f"<pre style='margin:0'>{html.escape(text)}</pre>"


def layer_output(net, X: np.ndarray, k: int) -> np.ndarray:
    """``h^(k)`` (n, H_k) for inputs X (n, H_0), evaluating layers 1..k only."""
    h = np.asarray(X, net.dtype)
    for layer in range(1, k + 1):
        a = h @ net.W[layer].T
        a += net.b[layer]
        h = net.output.o(a) if layer == net.n_layers else net.hidden[layer - 1].g(a)
    return h
