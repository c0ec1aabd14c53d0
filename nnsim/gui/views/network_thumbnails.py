"""The activation thumbnails inside the diagram's nodes (TensorFlow Playground style).

For 2-D data each node shows ``h^(k)_i`` over the plane [-6, 6]^2; for 1-D data a colour
stripe of ``h^(k)_i`` over x. The grid is up to ``THUMB_N`` x ``THUMB_N`` and coarser for
big networks, so one refresh stays within ``THUMB_BUDGET`` multiply-adds.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from PySide6.QtGui import QImage

from nnsim.core.features import transform
from nnsim.core.grid import PLANE, evaluate_grid, plane_points
from nnsim.gui.views.colors import diverging_rgb, fixed_range

THUMB_N = 24  # thumbnail grid resolution (at most)
THUMB_BUDGET = 2e7  # grid points x parameters per thumbnail update


def layer_values(project, net) -> list[np.ndarray]:
    """``h^(k)`` for k = 0..L+1 on the thumbnail grid, each (rows, n, H_k).

    2-D data: rows = n, row 0 the top of the plane (largest x2); 1-D data: one row.
    """
    if project.data.X.shape[1] == 2:
        n = int(np.clip(np.sqrt(THUMB_BUDGET / net.theta.size), 8, THUMB_N))
        _, _, P = plane_points(n)
        layers = [transform(P, project.features).reshape(n, n, -1)]
        layers += list(evaluate_grid(net, project.features, n, neurons=True).layers)
        return [values[::-1] for values in layers]  # row 0 drawn at the top: largest x2
    x = np.linspace(PLANE[0], PLANE[1], THUMB_N).reshape(-1, 1)
    _, h = net.forward(transform(x, project.features).astype(net.dtype))
    return [hk.reshape(1, THUMB_N, -1) for hk in h]


def thumbnails(project, net, shown: list[np.ndarray]) -> Iterator[tuple[int, int, QImage]]:
    """``(k, i, image)`` for every drawn neuron ``i`` in ``shown[k]``; blue - white - orange,
    full colour at the bound of g (tanh, sigmoid, softmax) or at the layer's largest |h|."""
    layers = layer_values(project, net)
    for k, shown_k in enumerate(shown):
        values = layers[k][:, :, shown_k]
        bound = None if k == 0 else fixed_range(net.layer_activation_name(k))
        vmax = bound or np.maximum(np.abs(values).max(axis=(0, 1)), 1e-9)
        rgb = diverging_rgb(values, vmax)  # (rows, n, shown, 3)
        rows, n = rgb.shape[:2]
        for c, i in enumerate(shown_k):
            buf = np.ascontiguousarray(rgb[:, :, c, :])
            image = QImage(buf.data, n, rows, 3 * n, QImage.Format.Format_RGB888)
            yield k, int(i), image.copy()  # own the pixels: buf is freed after this step
