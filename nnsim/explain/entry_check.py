"""The gradient check of one step, entry by entry: backprop beside central differences."""

from __future__ import annotations

from dataclasses import dataclass

from nnsim.core.gradcheck import gradients, relative_errors
from nnsim.core.hyper import Hyperparameters
from nnsim.core.network import Network
from nnsim.explain.notation import sub


@dataclass(frozen=True)
class EntryCheck:
    """One parameter's two gradients and their relative error."""

    tensor: str  # "W^(2)"
    name: str  # "W^(2)_13"
    backprop: float
    numeric: float
    relative_error: float


def entry_gradient_check(
    net: Network, X, Y, hp: Hyperparameters | None = None, eps: float = 1e-5
) -> tuple[dict[str, float], list[EntryCheck]]:
    """Per tensor (`gradient_check`) and per entry: the backprop gradient beside the
    central difference ``(J(theta + eps) - J(theta - eps)) / (2 eps)`` with the relative
    error ``|g_bp - g_fd| / (|g_bp| + |g_fd|)`` (0 when both are 0)."""
    net, g_bp, g_fd = gradients(net, X, Y, hp, eps)
    entries = []
    for k in range(1, net.n_layers + 1):
        ws, bs = net.slices[k]
        shape = net.W[k].shape
        names = [f"W^({k})_{sub(i, j)}" for i in range(shape[0]) for j in range(shape[1])]
        names += [f"b^({k})_{sub(i)}" for i in range(shape[0])]
        for offset, name in zip(range(ws.start, bs.stop), names):
            bp, fd = float(g_bp[offset]), float(g_fd[offset])
            denom = abs(bp) + abs(fd)
            entries.append(
                EntryCheck(name.split("_")[0], name, bp, fd, abs(bp - fd) / denom if denom else 0.0)
            )
    per_tensor = relative_errors(net, g_bp, g_fd)
    return per_tensor, entries
