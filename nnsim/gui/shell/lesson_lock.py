"""The lesson lock without side doors: what each locked group protects, and every command
of the main window with the groups that, locked, switch it off.

Teacher mode (``nnsim.gui.shell.teacher``) disables a locked dock's widgets. That alone
left other ways in: the search's Apply best, the capacity sweep, Undo of an edit made
before the lock, opening another file, the stepper's update. So the lock is kept in two
places:

- every edit of the document passes ``ProjectModel.edit``; its guard (``allows``) refuses
  an edit that changes a field a locked group protects (``GROUP_FIELDS``), whichever
  widget, shortcut or dialog asked for it;
- every command of the window is listed in ``ACTION_LOCKS`` (or is one of the families
  ``groups_for`` names); a command whose groups are locked is disabled, so neither its
  menu entry nor its shortcut runs. A test walks every QAction and menu entry of the
  window and fails on one this table does not know.

Training (Play, the steps) changes weights through the session, not through edits: it is
what a lesson is for and stays free. Reset and the stepper's update are hand changes of
the weights and follow the Network lock. The threat model is teacher mode's: this guides
a class, it is not security.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QGraphicsScene, QMenu, QToolBar, QWidgetAction

from nnsim.gui.shell.teacher import BACKPROP, SAVING

DATA, NETWORK, TRAINING = "Data", "Network", "Training"
# The document fields that a locked group protects from edits.
GROUP_FIELDS = {
    DATA: frozenset({"data", "task", "n_classes"}),
    NETWORK: frozenset({"network", "features", "weights"}),
    TRAINING: frozenset({"hyper"}),
}
DOCUMENT = frozenset({DATA, NETWORK, TRAINING})  # replacing the project touches them all
FREE = frozenset()
UNDO = "undo"  # Undo / Redo: decided by the fields of the command they would run

# Every command of the main window (attribute of the window, or "owner.attribute" of a
# part that builds its own) and the groups that, locked, disable it.
ACTION_LOCKS: dict[str, frozenset[str] | str] = {
    "act_new": DOCUMENT,
    "act_open": DOCUMENT,
    "act_save": frozenset({SAVING}),
    "act_save_as": frozenset({SAVING}),
    "act_export": FREE,  # writes another file; the project stays as it is
    "act_quit": FREE,
    "act_undo": UNDO,
    "act_redo": UNDO,
    "act_play": FREE,
    "act_step_sample": FREE,
    "act_step_batch": FREE,
    "act_step_epoch": FREE,
    "act_reset": frozenset({NETWORK}),
    "act_search": frozenset({NETWORK, TRAINING}),  # Apply best sets both
    "act_capacity": frozenset({NETWORK, TRAINING}),
    "act_backprop": frozenset({BACKPROP, NETWORK}),  # its update moves the weights
    "act_formulas": FREE,
    "act_about": FREE,
    "teacher.act_mode": FREE,  # the documented switch (see the threat model)
    "teacher.act_lesson": FREE,  # enabled in teacher mode only, by teacher.py
    "teacher.act_note": FREE,
    "presentation.action": FREE,
    "welcome.act_welcome": FREE,  # its example cards open files: refused by FileActions
    "welcome.act_examples": DOCUMENT,
    "welcome.act_tour": FREE,
    "welcome.act_shortcuts": FREE,
}
# Groups whose commands teacher.py switches itself (its ACTION_GROUPS): this module only
# switches them off further.
_TEACHER_GROUPS = frozenset({BACKPROP, SAVING})


def _named_actions(window) -> dict[int, str]:
    """id(action) -> its key in ACTION_LOCKS, for the actions the window has."""
    names = {}
    for key in ACTION_LOCKS:
        owner, _, attr = key.rpartition(".")
        holder = getattr(window, owner, None) if owner else window
        act = getattr(holder, attr, None) if holder is not None else None
        if isinstance(act, QAction):
            names[id(act)] = key
    return names


def groups_for(window, action: QAction) -> frozenset[str] | str:
    """The groups that lock ``action`` (``UNDO`` for Undo/Redo); KeyError if unknown."""
    key = _named_actions(window).get(id(action))
    if key is not None:
        return ACTION_LOCKS[key]
    if action.isSeparator():
        return FREE
    menus = {getattr(window, n, None) for n in ("recent_menu", "examples_menu")}
    if action.menu() in menus or any(m in menus for m in action.associatedObjects()):
        return DOCUMENT  # Open Recent and Examples: their entries and the submenus
    if isinstance(action.menu(), QMenu):
        return FREE  # a menu title; its entries are checked one by one
    if action in {dock.toggleViewAction() for dock in window.docks.values()}:
        return FREE  # showing a dock (teacher.py handles hidden ones)
    if action in getattr(window, "language_actions", {}).values():
        return FREE
    if isinstance(action, QWidgetAction) or isinstance(action.parent(), QGraphicsScene):
        return FREE  # a toolbar's widget; a plot's context menu (image export)
    toolbars = window.findChildren(QToolBar)
    if action in {bar.toggleViewAction() for bar in toolbars}:
        return FREE
    raise KeyError(f"no lesson lock for the command {action.text()!r}")


class LessonLock(QObject):
    """Applies the lesson's locks to one main window while teacher mode is off."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.model = window.model
        self.model.edit_guard = self.allows
        window.files.may_replace = self.may_replace
        stack = self.model.undo_stack
        for sig in (stack.indexChanged, stack.cleanChanged):
            sig.connect(self.apply)
        self.model.project_replaced.connect(self.apply)
        self.model.view_changed.connect(self.apply)
        window.files.recent_changed.connect(self.apply)  # after the menu is refilled
        self.apply()

    # ------------------------------------------------------------------ the rules
    def locked(self) -> frozenset[str]:
        """The groups locked now: the lesson's, unless teacher mode is on."""
        teacher = getattr(self.window, "teacher", None)
        if teacher is not None and teacher.enabled:
            return FREE
        return frozenset(self.model.project.teacher.get("locked", []))

    def protected(self) -> frozenset[str]:
        """The document fields no edit may change now."""
        locked = self.locked()
        out = {"teacher"} if locked else set()  # undoing the lesson's settings frees it
        for group in locked:
            out |= GROUP_FIELDS.get(group, FREE)
        return frozenset(out)

    def allows(self, fields) -> bool:
        """The edit guard: False for an edit that changes a protected field."""
        refused = self.protected() & set(fields)
        if refused:
            self.window.statusBar().showMessage(
                QCoreApplication.translate(
                    "LessonLock", "Locked by the teacher for this lesson: nothing was changed."
                ),
                8000,
            )
        return not refused

    def may_replace(self) -> bool:
        """Whether New, Open, Recent and Examples may replace the lesson's project."""
        return self.allows(GROUP_FIELDS[DATA] | GROUP_FIELDS[NETWORK] | GROUP_FIELDS[TRAINING])

    def _undo_allowed(self, offset: int) -> bool:
        stack = self.model.undo_stack
        command = stack.command(stack.index() + offset)
        fields = getattr(command, "fields", None)
        return command is not None and not (self.protected() & set(fields or ()))

    # ------------------------------------------------------------------ the commands
    def apply(self, *_) -> None:
        """Enable or disable every command of ACTION_LOCKS for the current locks."""
        stack = self.model.undo_stack
        if not (shiboken6.isValid(stack) and shiboken6.isValid(self.window)):
            return  # the model is being destroyed: its stack's last signals
        locked = self.locked()
        w = self.window
        for key in _named_actions(w).values():
            act = _find(w, key)
            groups = ACTION_LOCKS[key]
            if groups == UNDO:
                undo = key == "act_undo"
                can = stack.canUndo() if undo else stack.canRedo()
                act.setEnabled(can and self._undo_allowed(-1 if undo else 0))
            elif key.startswith("teacher.") or not groups:
                continue
            elif groups & _TEACHER_GROUPS:
                if groups & locked:  # teacher.py enables or disables it first
                    act.setEnabled(False)
            else:
                act.setEnabled(not (groups & locked))
        for name in ("recent_menu", "examples_menu"):
            menu = getattr(w, name, None)
            if menu is not None:
                free = not (DOCUMENT & locked)
                menu.setEnabled(bool(menu.actions()) and free)
                for entry in menu.actions():
                    entry.setEnabled(free)
        off = bool({NETWORK, TRAINING} & locked)
        search = getattr(w, "_search", None)
        if search is not None:
            search.setEnabled(not off)
        stepper = getattr(w, "stepper", None)
        if stepper is not None and NETWORK in locked:
            stepper.setEnabled(False)  # its update would move the weights


def _find(window, key: str) -> QAction:
    owner, _, attr = key.rpartition(".")
    return getattr(getattr(window, owner) if owner else window, attr)
