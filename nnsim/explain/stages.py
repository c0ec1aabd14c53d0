"""The ordered stages of one update, as a student walks through them.

Setup, forward layer by layer, output and loss, output gradient, the backward pass from
the top layer down, (mini-batch: accumulate after each sample, then the mean), the
update, and the losses after it. Each stage is a record (`nnsim.explain.records.Stage`):
a key, the fields of its title, the lecture's formula, ledger rows with the numbers
substituted, the values for the network diagram and, for small layers, matrices.
"""

from __future__ import annotations

from nnsim.explain import backward, forward, update
from nnsim.explain.plan import StepPlan
from nnsim.explain.records import Stage
from nnsim.explain.writer import StageWriter


def sample_stages(w: StageWriter, s: int) -> list[Stage]:
    """Forward and backward stages of sample ``s`` (position in the mini-batch)."""
    out = []
    for k in range(1, w.L1 + 1):
        out += [forward.forward_a(w, s, k), forward.forward_h(w, s, k)]
    out.append(forward.loss(w, s))
    out.append(backward.output_gradient(w, s))
    for k in range(w.L1, 0, -1):
        out += [backward.grad_W(w, s, k), backward.grad_b(w, s, k)]
        if k > 1:
            out += [backward.grad_h(w, s, k), backward.grad_a(w, s, k)]
    return out


def build_stages(plan: StepPlan, digits: int = 4) -> list[Stage]:
    """The ordered stages of the plan's update, numbers written with ``digits``
    significant digits."""
    w = StageWriter(plan, digits)
    stages = [forward.setup(w)]
    for s in range(len(plan.traces)):
        stages += sample_stages(w, s)
        if plan.batch:
            stages.append(update.accumulate(w, s))
    if plan.batch:
        stages.append(update.mean(w))
    stages.append(update.update(w))
    stages.append(update.after(w))
    return stages
