"""Every number of one backprop update, computed by the engine, for the stepper.

`make_plan` runs `trace_sample` for each sample (forward values, gradients with the old
weights, the single-sample update) and, in mini-batch mode, the engine's own batch
gradient and optimizer step for the update, so the stepper shows exactly what `Trainer`
does. The stages (`nnsim.explain.stages`) are built from a plan.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnsim.core.hyper import Hyperparameters
from nnsim.core.network import Network
from nnsim.core.trace import LayerUpdate, Trace, apply_update, trace_sample


@dataclass
class StepPlan:
    """Every number of one update on a sample (or a mini-batch of samples)."""

    indices: tuple[int, ...]  # data indices of the samples
    traces: list[Trace]  # one per sample, with the weights from before the update
    net: Network  # a copy with the weights before the update
    hp: Hyperparameters
    learning_rate: float
    update: list[LayerUpdate]  # the update actually applied (batch: the mean gradient)
    theta_before: np.ndarray
    theta_after: np.ndarray
    velocity_before: np.ndarray
    velocity_after: np.ndarray
    batch_loss_before: float  # mean loss on the samples
    batch_loss_after: float
    train_loss_before: float  # mean loss on the training set
    train_loss_after: float
    task: str = "classification"

    @property
    def batch(self) -> bool:
        return len(self.traces) > 1


def _batch_update(net: Network, X, Y, hp, lr, velocity) -> tuple[list, np.ndarray, np.ndarray]:
    """The engine's mini-batch update (mean gradient + optimizer step) with its terms,
    exactly as `Trainer` performs it; returns (per-layer terms, theta, velocity) after."""
    work = net.copy()
    work.gradient(X, Y)
    return apply_update(work, hp, lr, velocity)


def make_plan(
    net: Network,
    X: np.ndarray,
    Y: np.ndarray,
    hp: Hyperparameters,
    lr: float,
    velocity: np.ndarray | None,
    indices=None,
    X_train: np.ndarray | None = None,
    Y_train: np.ndarray | None = None,
    task: str = "classification",
) -> StepPlan:
    """Plan one update on the samples ``X`` (B, H_0) with targets ``Y`` (B, K).

    One sample: everything is `trace_sample`'s. A mini-batch: per-sample traces for the
    per-sample stages, and the engine's batch gradient and optimizer step for the update.
    ``net`` is not modified.
    """
    X = np.atleast_2d(np.asarray(X, net.dtype))
    Y = np.atleast_2d(np.asarray(Y, net.dtype))
    if velocity is not None and np.shape(velocity) != net.theta.shape:
        velocity = None
    traces = [trace_sample(net, x, y, hp, lr, velocity) for x, y in zip(X, Y)]
    if len(traces) == 1:
        t = traces[0]
        update, theta_after, velocity_after = t.update, t.theta_after, t.velocity_after
    else:
        update, theta_after, velocity_after = _batch_update(net, X, Y, hp, lr, velocity)
    after = net.copy()
    after.theta[:] = theta_after
    if X_train is None:
        X_train, Y_train = X, Y
    v0 = np.zeros_like(net.theta) if velocity is None else np.asarray(velocity, net.dtype)
    return StepPlan(
        indices=tuple(int(i) for i in (indices if indices is not None else range(len(X)))),
        traces=traces,
        net=net.copy(),
        hp=hp,
        learning_rate=float(lr),
        update=update,
        theta_before=net.theta.copy(),
        theta_after=np.array(theta_after, copy=True),
        velocity_before=v0.copy(),
        velocity_after=np.array(velocity_after, copy=True),
        batch_loss_before=net.data_loss(X, Y),
        batch_loss_after=after.data_loss(X, Y),
        train_loss_before=net.data_loss(X_train, Y_train) if len(X_train) else float("nan"),
        train_loss_after=after.data_loss(X_train, Y_train) if len(X_train) else float("nan"),
        task=task,
    )
