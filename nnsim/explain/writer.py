"""What every stage builder shares: the plan, the digits and the way a stage is made."""

from __future__ import annotations

import numpy as np

from nnsim.explain.notation import MATRIX_MAX, fmt, operand
from nnsim.explain.plan import StepPlan
from nnsim.explain.records import Remark, Row, Stage, StageKey


class StageWriter:
    """Writes the stages of ``plan`` with ``digits`` significant digits.

    The builders in `nnsim.explain.forward`, `.backward` and `.update` take one and ask it
    for numbers (``f``, ``o``), the values of a sample's trace and a finished `Stage`.
    """

    def __init__(self, plan: StepPlan, digits: int):
        self.p = plan
        self.d = max(1, int(digits))
        self.net = plan.net
        self.L1 = plan.net.n_layers

    def f(self, v) -> str:
        """A value, as a ledger writes it."""
        return fmt(v, self.d)

    def o(self, v) -> str:
        """A value inside an expression (negative numbers in parentheses)."""
        return operand(v, self.d)

    def small(self, k: int) -> bool:
        """Whether ``W^(k)`` is small enough to be shown as a matrix."""
        rows, cols = self.net.W[k].shape
        return rows <= MATRIX_MAX and cols <= MATRIX_MAX

    def target_name(self) -> str:
        """``e(y)`` for one-hot classes, else ``y``."""
        return "e(y)" if self.p.task == "classification" and self.net.n_outputs > 1 else "y"

    def backward(self, s: int, k: int):
        """The backward values of layer ``k`` for sample ``s``."""
        return self.p.traces[s].backward[self.L1 - k]

    def h_below(self, s: int, k: int) -> np.ndarray:
        """``h^(k-1)`` of sample ``s`` (the input x for k = 1)."""
        t = self.p.traces[s]
        return t.x if k == 1 else t.forward[k - 2].h

    def stage(
        self,
        key: StageKey,
        formula: str,
        rows: list[Row],
        layer: int | None = None,
        sample: int | None = None,
        neurons: dict | None = None,
        links: dict | None = None,
        matrices=(),
        remarks: tuple[Remark, ...] = (),
        **fields,
    ) -> Stage:
        """A finished stage; one sample's stage of a mini-batch also records which sample
        it is (``samples`` = B and its data ``index``) for its title."""
        if sample is not None and self.p.batch:
            fields.update(samples=len(self.p.traces), index=self.p.indices[sample])
        return Stage(
            key,
            formula,
            tuple(rows),
            layer,
            sample,
            neurons or {},
            links or {},
            tuple(matrices),
            fields,
            tuple(remarks),
            self.d,
        )
