"""Teacher mode: a teacher locks or hides parts of the window for a lesson and writes a note.

The settings live in the project (``Project.teacher``: ``{"locked": [...], "hidden":
[...], "note": str}``), so a student who opens the lesson file sees it as the teacher set
it. Groups are named after the window's docks (``window.docks``: "Data", "Network",
"Training", "Neuron", and any dock added later such as "Backprop step") plus
``SAVING`` for the Save / Save As commands.

Threat model: this guides a class, it is not security. Teacher mode is a password-free
switch (Teacher > Teacher mode, Ctrl+Shift+T, confirmed once per session), and a student
can also edit the project's JSON file. It keeps a lesson focused; it cannot enforce it.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QObject, QSettings, QSignalBlocker, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from nnsim.project.edits import set_teacher

SAVING = "Saving"  # the group of the Save / Save As commands (lockable, not hideable)
BACKPROP = "Backprop step"  # the step-by-step window (a command, not a dock)
# Groups of the window's commands (attribute names of its QActions), beside the docks.
ACTION_GROUPS = {BACKPROP: ("act_backprop",), SAVING: ("act_save", "act_save_as")}
ACTION_WINDOWS = {BACKPROP: "stepper"}  # the window a command group opens, if open
SETTINGS_KEY = "teacher/hidden_docks"  # docks this module hid, to show again next launch
_confirmed = [False]  # teacher mode was confirmed once in this session (process)


def threat_model() -> str:
    return QCoreApplication.translate(
        "TeacherMode",
        "Teacher mode guides a class; it is not security: a student can switch it on "
        "or edit the project's JSON file.",
    )


def confirm_teacher_mode(parent: QWidget) -> bool:
    """Ask before teacher mode turns on (tests replace this function)."""
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("TeacherMode", "Teacher mode"),
        QCoreApplication.translate(
            "TeacherMode",
            "Switch on teacher mode?\n\nIn teacher mode every panel is shown and unlocked, "
            "and Teacher > Lesson settings chooses what students may change.\n\n",
        )
        + threat_model(),
    )
    return answer == QMessageBox.StandardButton.Yes


def group_label(name: str) -> str:
    """The shown name of a group (a dock title, or Saving)."""
    if name == SAVING:
        return QCoreApplication.translate("TeacherMode", "File saving (Save, Save As)")
    if name == BACKPROP:
        return QCoreApplication.translate("TeacherMode", "Backprop step by step")
    return QCoreApplication.translate("MainWindow", name)


class LessonDialog(QDialog):
    """Choose which groups students may not change (locked) or not see (hidden), and the
    note they read when the lesson opens."""

    def __init__(self, groups: list[str], teacher: dict, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Lesson settings"))
        self.groups = list(groups)
        locked, hidden = set(teacher.get("locked", [])), set(teacher.get("hidden", []))
        lay = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Choose what students may change in this project. The settings are saved "
                "in the project file; they apply whenever teacher mode is off."
            )
        )
        intro.setWordWrap(True)
        lay.addWidget(intro)
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("<b>Part of the window</b>")), 0, 0)
        grid.addWidget(QLabel(self.tr("<b>Locked</b>")), 0, 1)
        grid.addWidget(QLabel(self.tr("<b>Hidden</b>")), 0, 2)
        self.locked_boxes: dict[str, QCheckBox] = {}
        self.hidden_boxes: dict[str, QCheckBox] = {}
        for row, name in enumerate(self.groups, start=1):
            grid.addWidget(QLabel(group_label(name)), row, 0)
            lock = QCheckBox()
            lock.setChecked(name in locked)
            lock.setToolTip(
                self.tr("Students see “{0}” but cannot change it").format(group_label(name))
            )
            lock.setAccessibleName(self.tr("Lock {0}").format(group_label(name)))
            grid.addWidget(lock, row, 1, Qt.AlignmentFlag.AlignCenter)
            self.locked_boxes[name] = lock
            if name != SAVING:
                hide = QCheckBox()
                hide.setChecked(name in hidden)
                hide.setToolTip(self.tr("Students do not see “{0}”").format(group_label(name)))
                hide.setAccessibleName(self.tr("Hide {0}").format(group_label(name)))
                grid.addWidget(hide, row, 2, Qt.AlignmentFlag.AlignCenter)
                self.hidden_boxes[name] = hide
        lay.addLayout(grid)
        lay.addWidget(QLabel(self.tr("Note shown when the project opens:")))
        self.note = QPlainTextEdit(teacher.get("note", ""))
        self.note.setPlaceholderText(
            self.tr("For example: Today: why does one neuron fail on XOR? Press Play.")
        )
        self.note.setToolTip(self.tr("Students read this note above the plots"))
        lay.addWidget(self.note, 1)
        caveat = QLabel(threat_model())
        caveat.setWordWrap(True)
        caveat.setStyleSheet("color: #666;")
        lay.addWidget(caveat)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.resize(480, 460)

    def settings(self) -> dict:
        """The chosen settings, in the project's teacher format."""
        return {
            "locked": [n for n in self.groups if self.locked_boxes[n].isChecked()],
            "hidden": [n for n, box in self.hidden_boxes.items() if box.isChecked()],
            "note": self.note.toPlainText().strip(),
        }


class TeacherMode(QObject):
    """The Teacher menu and the student view of a lesson for one main window."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.model = window.model
        self.enabled = False
        self._titles: dict[str, str] = {}  # dock name -> its own title
        self._hidden_by_us: set[str] = set(self._stored_hidden())
        self._shown_teacher: dict | None = None  # teacher settings last shown in the banner
        self._dialog: LessonDialog | None = None
        self._plane_tool: str | None = None  # the plane's tool before Data was locked
        self._build_menu()
        self.indicator = QLabel(self.tr(" Teacher mode "))
        self.indicator.setStyleSheet(
            "background: #2e7d32; color: white; font-weight: bold; border-radius: 3px;"
        )
        self.indicator.setToolTip(threat_model())
        window.statusBar().addPermanentWidget(self.indicator)
        self.indicator.hide()
        self.model.project_replaced.connect(self._project_replaced)
        self.model.view_changed.connect(self._teacher_changed)
        self._project_replaced()

    # ------------------------------------------------------------------ menu
    def _build_menu(self) -> None:
        w = self.window
        self.menu = menu = w.menuBar().addMenu(self.tr("T&eacher"))
        help_menu = getattr(w, "help_menu", None)
        if help_menu is not None:  # keep Help last
            w.menuBar().insertMenu(help_menu.menuAction(), menu)
        menu.setToolTipsVisible(True)
        self.act_mode = QAction(self.tr("&Teacher mode"), w)
        self.act_mode.setCheckable(True)
        self.act_mode.setShortcut(QKeySequence("Ctrl+Shift+T"))
        tip = (
            self.tr("Show and unlock everything and edit the lesson settings (Ctrl+Shift+T). ")
            + threat_model()
        )
        self.act_mode.setToolTip(tip)
        self.act_mode.setStatusTip(tip)
        self.act_mode.toggled.connect(self._mode_toggled)
        self.act_lesson = QAction(self.tr("&Lesson settings…"), w)
        tip = self.tr("Lock or hide panels for students and write the lesson's note")
        self.act_lesson.setToolTip(tip)
        self.act_lesson.setStatusTip(tip)
        self.act_lesson.triggered.connect(self.edit_lesson)
        self.act_note = QAction(self.tr("Show the lesson &note"), w)
        tip = self.tr("Show the teacher's note for this project again")
        self.act_note.setToolTip(tip)
        self.act_note.setStatusTip(tip)
        self.act_note.triggered.connect(self.show_note)
        menu.addActions([self.act_mode, self.act_lesson, self.act_note])
        self._update_actions()

    def _update_actions(self) -> None:
        self.act_lesson.setEnabled(self.enabled)
        self.act_note.setEnabled(bool(self.model.project.teacher.get("note")))

    # ------------------------------------------------------------------ switching
    def set_enabled(self, on: bool, confirm: bool = True) -> bool:
        """Switch teacher mode; turning it on asks once per session. True if it is on."""
        if on and not self.enabled and confirm and not _confirmed[0]:
            if not confirm_teacher_mode(self.window):
                with QSignalBlocker(self.act_mode):
                    self.act_mode.setChecked(False)
                return False
            _confirmed[0] = True
        self.enabled = bool(on)
        with QSignalBlocker(self.act_mode):
            self.act_mode.setChecked(self.enabled)
        self.indicator.setVisible(self.enabled)
        self.apply()
        return self.enabled

    def _mode_toggled(self, on: bool) -> None:
        self.set_enabled(on)

    # ------------------------------------------------------------------ lesson settings
    def groups(self) -> list[str]:
        """Every group a teacher can lock: the docks by name, then the command groups
        (Backprop step, Saving) whose actions the window has."""
        docks = list(self.window.docks)
        extra = [
            name
            for name, attrs in ACTION_GROUPS.items()
            if name not in docks and any(hasattr(self.window, a) for a in attrs)
        ]
        return docks + extra

    def edit_lesson(self) -> LessonDialog:
        """Open the lesson settings dialog (teacher mode); OK saves into the project."""
        dialog = LessonDialog(self.groups(), self.model.project.teacher, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.set_lesson(**dialog.settings()))
        self._dialog = dialog
        dialog.open()
        return dialog

    def set_lesson(self, **changes) -> None:
        """Store teacher settings (``locked``, ``hidden``, ``note``) as one undo step."""
        p = self.model.project
        new = set_teacher(p, **changes)
        if new.teacher != p.teacher:
            self.model.edit(new, self.tr("Change lesson settings"))

    # ------------------------------------------------------------------ applying
    def _project_replaced(self) -> None:
        self._shown_teacher = None
        self.apply()

    def _teacher_changed(self) -> None:
        if self.model.project.teacher != self._shown_teacher:
            self.apply()

    def apply(self) -> None:
        """Lock, hide or free every group for the current mode and show the note."""
        teacher = self.model.project.teacher
        locked, hidden = set(teacher.get("locked", [])), set(teacher.get("hidden", []))
        for name, dock in self.window.docks.items():
            self._apply_dock(name, dock, name in locked, name in hidden)
        self._store_hidden()
        for name, attrs in ACTION_GROUPS.items():
            self._apply_actions(name, attrs, name in locked, name in hidden)
        if teacher != self._shown_teacher:
            self._shown_teacher = {**teacher}
            if teacher.get("note"):
                self.show_note()
        self._update_actions()
        lock = getattr(self.window, "lesson_lock", None)
        if lock is not None:  # the commands beyond the docks (lesson_lock.py)
            lock.apply()

    def _locked_tip(self) -> str:
        return self.tr("Locked by the teacher for this lesson")

    def _apply_dock(self, name: str, dock, locked: bool, hidden: bool) -> None:
        title = self._titles.setdefault(name, dock.windowTitle())
        toggle = dock.toggleViewAction()
        body = dock.widget()
        student = not self.enabled
        if student and hidden:
            if dock.isVisible() or not dock.isHidden():
                dock.hide()
            self._hidden_by_us.add(name)
            toggle.setEnabled(False)
        else:
            toggle.setEnabled(True)
            if name in self._hidden_by_us:
                self._hidden_by_us.discard(name)
                dock.show()
        lock_now = student and locked and not hidden
        if body is not None:
            body.setEnabled(not lock_now)
            body.setToolTip(self._locked_tip() if lock_now else "")
        dock.setToolTip(self._locked_tip() if lock_now else "")
        if lock_now:
            dock.setWindowTitle(self.tr("{0} — locked").format(title))
        elif self.enabled and hidden:
            dock.setWindowTitle(self.tr("{0} — hidden from students").format(title))
        elif self.enabled and locked:
            dock.setWindowTitle(self.tr("{0} — locked for students").format(title))
        else:
            dock.setWindowTitle(title)
        if name == "Data":
            self._free_plane(not (lock_now or (student and hidden)))

    def _free_plane(self, free: bool) -> None:
        """The plane's mouse tools edit the data too: a locked or hidden Data group
        leaves only selecting points, and unlocking gives the earlier tool back."""
        plane = getattr(self.window, "plane", None)
        if plane is None:
            return
        if not free and self._plane_tool is None:
            self._plane_tool = plane.tool
            plane.set_tool("select")
        elif free and self._plane_tool is not None:
            plane.set_tool(self._plane_tool)
            self._plane_tool = None

    def _apply_actions(self, name: str, attrs: tuple[str, ...], locked, hidden) -> None:
        """A group of commands: locked disables them, hidden removes them from the menus."""
        if name in self.window.docks:
            return
        hidden = hidden and name != SAVING
        off = not self.enabled and (locked or hidden)
        for attr in attrs:
            act = getattr(self.window, attr, None)
            if act is None:
                continue
            act.setEnabled(not off)
            act.setVisible(not (hidden and not self.enabled))
            act.setToolTip(self._locked_tip() if off else act.statusTip())
        window = getattr(self.window, ACTION_WINDOWS.get(name, ""), None)
        if isinstance(window, QWidget):
            window.setEnabled(not off)
            if off and hidden:
                window.close()

    def show_note(self) -> None:
        """Show the project's description and the teacher's note in the window's banner."""
        p = self.model.project
        parts = []
        if p.description:
            parts.append(html.escape(p.description).replace("\n", "<br>"))
        note = p.teacher.get("note", "")
        if note:
            parts.append(
                "<b>"
                + html.escape(self.tr("Teacher's note:"))
                + "</b> "
                + html.escape(note).replace("\n", "<br>")
            )
        if parts:
            self.window.banner.show_message("<br><br>".join(parts))

    # ------------------------------------------------------------------ next launch
    def _stored_hidden(self) -> list[str]:
        value = QSettings().value(SETTINGS_KEY, [])
        if isinstance(value, str):
            value = [value]
        return [v for v in (value or []) if isinstance(v, str)]

    def _store_hidden(self) -> None:
        QSettings().setValue(SETTINGS_KEY, sorted(self._hidden_by_us))
