"""A project's network as numpy arrays plus a JSON sidecar (``nnsim export --to npz``).

``net.npz`` holds ``W1, b1, W2, b2, ...``: W^(k) of shape (H_k, H_{k-1}) and b^(k) of
shape (H_k,) for k = 1..L+1, in float64. ``net.npz.json`` beside it says everything else a
tool needs to compute f(x) from a raw point without nnsim: the input features (with
formulas), the layer sizes, each layer's activation, the output activation, the loss,
the task and how an output row becomes a class.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import numpy as np

from nnsim.core.activations import ACTIVATIONS, OUTPUT_ACTIVATIONS
from nnsim.core.losses import LOSSES
from nnsim.project.document import Project
from nnsim.project.enums import Task
from nnsim.project.io import atomic_write

FORMAT = "nnsim-npz"
FORMAT_VERSION = 1

FEATURE_FORMULAS = {
    "x1": "x1",
    "x2": "x2",
    "x1^2": "x1 ** 2",
    "x2^2": "x2 ** 2",
    "x1*x2": "x1 * x2",
    "sin(x1)": "sin(x1)",
    "sin(x2)": "sin(x2)",
}


def sidecar_path(npz_path: str | os.PathLike) -> Path:
    """``net.npz`` -> ``net.npz.json`` (never ``net.json``: that may be the project)."""
    path = Path(npz_path)
    return path.with_name(path.name + ".json")


def arrays(p: Project) -> dict[str, np.ndarray]:
    """``{"W1": W^(1), "b1": b^(1), ...}`` in float64 (the seeded initialization if the
    project has no weights yet)."""
    net = p.build_network(np.float64)
    out = {}
    for k, (W, b) in enumerate(net.params(), start=1):
        out[f"W{k}"], out[f"b{k}"] = W, b
    return out


def sidecar(p: Project) -> dict:
    """The JSON-able description of the network that goes beside the arrays."""
    sizes = p.sizes
    n_layers = len(sizes) - 1
    layers = []
    for k in range(1, n_layers + 1):
        g = p.network.output_activation if k == n_layers else p.activations[k - 1]
        formulas = OUTPUT_ACTIVATIONS if k == n_layers else ACTIVATIONS
        layers.append(
            {
                "k": k,
                "W": f"W{k}",
                "b": f"b{k}",
                "shape": [sizes[k], sizes[k - 1]],
                "activation": g,
                "formula": formulas[g].formula,
            }
        )
    classes = p.task == Task.CLASSIFICATION
    doc = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "title": p.title,
        "task": p.task,
        "raw_inputs": int(p.data.X.shape[1]),
        "features": [{"name": f, "formula": FEATURE_FORMULAS[f]} for f in p.features],
        "sizes": sizes,
        "hidden_activations": p.activations,
        "output_activation": p.network.output_activation,
        "loss": p.network.loss,
        "loss_formula": LOSSES[p.network.loss].formula,
        "layers": layers,
        "forward": "a^(k) = b^(k) + W^(k) h^(k-1); h^(k) = g(a^(k)); h^(0) = features(x); "
        "f(x) = h^(L+1). For rows of points: A = H @ W.T + b.",
        "dtype": p.hyper.dtype,
        "epoch": p.epoch,
        "hyperparameters": p.hyper.to_dict(),
    }
    if classes:
        doc["classes"] = {
            "n_classes": p.n_classes,
            "labels": list(range(p.n_classes)),
            "decision": "argmax_c f(x)_c"
            if sizes[-1] > 1
            else "class 1 if f(x) >= 0.5 else class 0",
        }
    else:
        doc["classes"] = None
    return doc


def write_npz(p: Project, path: str | os.PathLike) -> list[Path]:
    """Write the arrays to ``path`` and the sidecar beside it; returns both paths."""
    path = Path(path)
    side = sidecar_path(path)
    buffer = io.BytesIO()
    np.savez(buffer, **arrays(p))
    atomic_write(path, buffer.getvalue())
    atomic_write(side, (json.dumps(sidecar(p), indent=1) + "\n").encode("utf-8"))
    return [path, side]
