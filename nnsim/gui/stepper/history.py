"""The updates stepped through so far, and how many of them the project holds.

The history is a flat list of positions (update, stage). Moving to a position applies or
undoes whole updates so that the project's weights are those of that point: each update
is one undoable edit of the model, undone through the undo stack when it is still on top
(bit for bit), else by writing back the fields stored before it.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject

from nnsim.explain.records import Stage
from nnsim.explain.stages import build_stages
from nnsim.gui.model.project_model import ProjectModel
from nnsim.gui.stepper.steps import (
    Step,
    project_key,
    project_plan,
    same_weights,
    state_after,
    weights_from_theta,
)

STEP_TEXT = QT_TRANSLATE_NOOP("StepHistory", "Backprop step on sample {}")  # undo text
FIELDS = ("weights", "trainer_state")  # what an update edits


class StepHistory(QObject):
    """``steps`` (each a `Step`), ``positions`` ((step, stage) pairs), the current ``pos``
    and ``version``, the number of updates applied to the model's project."""

    def __init__(self, model: ProjectModel, parent=None):
        super().__init__(parent)
        self.model = model
        self.steps: list[Step] = []
        self.positions: list[tuple[int, int]] = []
        self.pos = 0
        self.version = 0
        self.applying = False  # the model's changes now are our own edits

    # ------------------------------------------------------------------ reading
    @property
    def stage(self) -> Stage | None:
        if not self.positions:
            return None
        s, i = self.positions[self.pos]
        return self.steps[s].stages[i]

    @property
    def step(self) -> Step | None:
        return self.steps[self.positions[self.pos][0]] if self.positions else None

    def version_at(self, flat: int) -> int:
        """How many updates are applied at the flat position ``flat``."""
        s, i = self.positions[flat]
        return s + (1 if i > self.steps[s].update_at else 0)

    def matches(self) -> bool:
        """Whether the project is still where the history left it."""
        p = self.model.project
        if not self.steps or self.steps[0].project_key != project_key(p):
            return False
        if self.version < len(self.steps):
            expected = self.steps[self.version].before["weights"]
        else:
            expected = self.steps[-1].after["weights"]
        return same_weights(expected, p.weights)

    # ------------------------------------------------------------------ building
    def new_step(self, indices: list[int], digits: int) -> Step:
        """An update on the data points ``indices`` from the project's current weights."""
        p = self.model.project
        plan = project_plan(p, indices)
        after = {
            "weights": weights_from_theta(p, plan.theta_after),
            "trainer_state": state_after(p, plan.velocity_after),
        }
        before = {"weights": p.weights, "trainer_state": p.trainer_state}
        return Step(plan, build_stages(plan, digits), before, after, project_key(p))

    def clear(self, keep_applied: bool) -> None:
        """Forget the steps (all, or those not applied to the project)."""
        if keep_applied:
            self.steps = self.steps[: self.version]
        else:
            self.steps, self.version = [], 0
        self.positions, self.pos = [], 0

    def append(self, step: Step) -> None:
        self.steps.append(step)
        self.positions = [(s, i) for s, st in enumerate(self.steps) for i in range(len(st.stages))]

    def rewrite(self, digits: int) -> None:
        """Every stage again with ``digits`` significant digits."""
        for st in self.steps:
            st.stages = build_stages(st.plan, digits)

    # ------------------------------------------------------------------ applying
    def set_version(self, target: int) -> None:
        """Apply (or undo) updates until ``target`` of them are applied."""
        self.applying = True
        try:
            while self.version < target:
                self._apply(self.steps[self.version])
                self.version += 1
            while self.version > target:
                self._unapply(self.steps[self.version - 1])
                self.version -= 1
        finally:
            self.applying = False

    def _apply(self, st: Step) -> None:
        model = self.model
        text = self.tr(STEP_TEXT).format(st.label)
        model.edit(replace(model.project, **st.after), text, FIELDS)
        st.undo_index = model.undo_stack.index()

    def _unapply(self, st: Step) -> None:
        model, stack = self.model, self.model.undo_stack
        if st.undo_index is not None and stack.index() == st.undo_index:
            stack.undo()  # restores the fields stored before the edit, exactly
        else:
            p = replace(model.project, **st.before)
            model.edit(p, self.tr("Undo backprop step"), FIELDS)
        st.undo_index = None
