"""The stepper's history entries, and the Qt-free glue between a project and a plan."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from nnsim.core.metrics import targets_for
from nnsim.core.schedules import learning_rate
from nnsim.core.trainer import TrainerState
from nnsim.explain.plan import StepPlan, make_plan
from nnsim.explain.records import Stage, update_index
from nnsim.project import Project
from nnsim.project.enums import Split


def project_plan(p: Project, indices) -> StepPlan:
    """The plan of one update on the project's points ``indices``, with exactly the inputs
    ``nnsim trace`` uses: the stored weights, alpha_t of the next epoch, the saved velocity."""
    net = p.build_network()
    X = p.inputs()
    Y = targets_for(p.data.y, net.n_outputs, p.task, np.float64)
    idx = np.asarray(indices, np.int64)
    train = p.data.split == Split.TRAIN
    lr = learning_rate(p.hyper, p.epoch + 1)
    velocity = None if p.trainer_state is None else p.trainer_state.velocity
    return make_plan(
        net, X[idx], Y[idx], p.hyper, lr, velocity, idx, X[train], Y[train], task=p.task
    )


def weights_from_theta(p: Project, theta: np.ndarray) -> tuple:
    """The project's ``weights`` field for the flat parameters ``theta``."""
    net = p.empty_network()
    net.theta[:] = theta
    return tuple((W.astype(np.float64), b.astype(np.float64)) for W, b in net.params())


def state_after(p: Project, velocity: np.ndarray) -> TrainerState:
    """The trainer state after a manual update: the new velocity, one more update."""
    state = p.trainer_state or TrainerState()
    return replace(state, velocity=np.asarray(velocity, np.float64), updates=state.updates + 1)


def same_weights(a, b) -> bool:
    """Whether two ``weights`` fields hold exactly the same numbers."""
    if a is None or b is None:
        return a is b
    return len(a) == len(b) and all(
        np.array_equal(Wa, Wb) and np.array_equal(ba, bb) for (Wa, ba), (Wb, bb) in zip(a, b)
    )


def batch_of(train: np.ndarray, sample: int, size: int) -> list[int]:
    """The mini-batch of an update on ``sample``: it and the training points after it in
    data order (wrapping around), ``size`` of them at most; empty if ``sample`` is not
    a training point."""
    train = [int(i) for i in train]
    if sample not in train:
        return []
    start = train.index(sample)
    B = min(size, len(train))
    return [train[(start + n) % len(train)] for n in range(B)]


def nearest_training(train: np.ndarray, value: int, forward: bool) -> int:
    """The training point next to ``value`` in the direction the user moved (the other
    way when there is none)."""
    after, before = train[train > value], train[train < value][::-1]
    ahead, behind = (after, before) if forward else (before, after)
    return int(ahead[0] if len(ahead) else behind[0])


def project_key(p: Project) -> tuple:
    """What else must stay unchanged for a step of the history to stay valid."""
    return (id(p.data), p.features, p.network, p.hyper, p.task)


@dataclass
class Step:
    """One update of the history: its plan, stages and the project fields around it."""

    plan: StepPlan
    stages: list[Stage]
    before: dict  # weights, trainer_state of the project before the update
    after: dict
    project_key: tuple  # see `project_key`
    undo_index: int | None = None  # undo stack index after our edit (to undo it)

    @property
    def update_at(self) -> int:
        return update_index(self.stages)

    @property
    def label(self) -> str:
        ids = self.plan.indices
        return f"#{ids[0]}" if len(ids) == 1 else f"#{ids[0]} (+{len(ids) - 1})"
