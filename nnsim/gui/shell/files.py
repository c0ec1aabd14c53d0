"""File menu logic: New, Open, Save, Save As, Recent files, Examples; unsaved-work prompts.

Dialogs go through the small module-level functions at the top so tests can replace them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QSettings, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

# the examples are the package's data (nnsim.examples); the menu and welcome read them here
from nnsim.examples import examples_dir
from nnsim.examples import list_examples as list_examples
from nnsim.gui.model.project_model import ProjectModel
from nnsim.gui.model.session import Session
from nnsim.project import ProjectError, load, new_project, save
from nnsim.project.filenames import file_stem

MAX_RECENT = 8
FILTER = QT_TRANSLATE_NOOP("FileActions", "nnsim projects (*.json);;All files (*)")


def _tr(text: str) -> str:
    return QCoreApplication.translate("FileActions", text)


def ask_open_path(parent: QWidget, start: str) -> str | None:
    path, _ = QFileDialog.getOpenFileName(
        parent, QCoreApplication.translate("FileActions", "Open project"), start, _tr(FILTER)
    )
    return path or None


def ask_save_path(parent: QWidget, start: str) -> str | None:
    path, _ = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("FileActions", "Save project as"), start, _tr(FILTER)
    )
    if path and not path.endswith(".json"):
        path += ".json"
    return path or None


def ask_unsaved(parent: QWidget, name: str) -> str:
    """'save', 'discard' or 'cancel'."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("FileActions", "Unsaved changes"))
    box.setText(
        QCoreApplication.translate("FileActions", "“{name}” has unsaved changes.").format(name=name)
    )
    box.setInformativeText(QCoreApplication.translate("FileActions", "Save them before closing?"))
    box.setStandardButtons(
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    return {
        QMessageBox.StandardButton.Save: "save",
        QMessageBox.StandardButton.Discard: "discard",
    }.get(QMessageBox.StandardButton(answer), "cancel")


def ask_changed_on_disk(parent: QWidget, name: str) -> str:
    """The file changed on disk since it was opened or saved here: 'reload', 'save_as',
    'overwrite' or 'cancel' (tests replace this function)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("FileActions", "File changed on disk"))
    box.setText(
        QCoreApplication.translate(
            "FileActions", "“{name}” was changed by another program since you opened it."
        ).format(name=name)
    )
    box.setInformativeText(
        QCoreApplication.translate("FileActions", "Saving now would overwrite those changes.")
    )
    reload = box.addButton(
        QCoreApplication.translate("FileActions", "Reload"), QMessageBox.ButtonRole.DestructiveRole
    )
    save_as = box.addButton(
        QCoreApplication.translate("FileActions", "Save As…"), QMessageBox.ButtonRole.AcceptRole
    )
    overwrite = box.addButton(
        QCoreApplication.translate("FileActions", "Overwrite"), QMessageBox.ButtonRole.ApplyRole
    )
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(save_as)
    box.exec()
    clicked = box.clickedButton()
    return {id(reload): "reload", id(save_as): "save_as", id(overwrite): "overwrite"}.get(
        id(clicked), "cancel"
    )


def disk_stamp(path: Path) -> tuple | None:
    """What identifies one version of a file on disk (None if it is not there)."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def show_error(parent: QWidget, title: str, text: str) -> None:
    QMessageBox.critical(parent, title, text)


class FileActions(QObject):
    """Owns the project's file life cycle for one window."""

    recent_changed = Signal()

    def __init__(self, model: ProjectModel, controller: Session, parent: QWidget):
        super().__init__(parent)
        self.model = model
        self.controller = controller
        self.window = parent
        self.settings = QSettings()
        self.may_replace = lambda: True  # the lesson lock refuses New/Open while locked
        self._stamp: tuple | None = None  # the file on disk as last opened or saved

    # ------------------------------------------------------------------ recent files
    def recent_files(self) -> list[str]:
        value = self.settings.value("recent_files", [])
        if isinstance(value, str):
            value = [value]
        return [p for p in (value or []) if Path(p).exists()]

    def _remember(self, path: Path) -> None:
        items = [str(path)] + [p for p in self.recent_files() if p != str(path)]
        self.settings.setValue("recent_files", items[:MAX_RECENT])
        self.recent_changed.emit()

    # ------------------------------------------------------------------ actions
    def display_name(self) -> str:
        return self.model.path.name if self.model.path else self.tr("Untitled")

    def maybe_save(self) -> bool:
        """Ask about unsaved work; True if it is fine to throw the current project away."""
        self.controller.pause()
        if not self.model.dirty:
            return True
        answer = ask_unsaved(self.window, self.display_name())
        if answer == "save":
            return self.save()
        return answer == "discard"

    def new(self) -> None:
        if self.may_replace() and self.maybe_save():
            self._stamp = None
            self.model.set_project(new_project("circle", hidden=(4, 4), activation="tanh"))

    def open(self, path: str | None = None) -> bool:
        if not self.may_replace() or not self.maybe_save():
            return False
        if path is None:
            start = str(self.model.path.parent) if self.model.path else str(Path.home())
            path = ask_open_path(self.window, start)
            if path is None:
                return False
        return self.open_path(Path(path))

    def open_path(self, path: Path, remember: bool = True) -> bool:
        """Load without asking; on error show it and keep the current project."""
        if not self.may_replace():
            return False
        try:
            project = load(path)
        except (ProjectError, OSError) as exc:
            show_error(self.window, self.tr("Cannot open project"), str(exc))
            return False
        self.controller.pause()
        self.model.set_project(project, path if remember else None)
        self._stamp = disk_stamp(path) if remember else None
        if remember:
            self._remember(path)
        return True

    def open_example(self, file: str) -> bool:
        if not self.may_replace() or not self.maybe_save():
            return False
        return self.open_path(examples_dir() / file, remember=False)

    def save(self) -> bool:
        if self.model.path is None:
            return self.save_as()
        path = self.model.path
        stamp = disk_stamp(path)
        if self._stamp is not None and stamp is not None and stamp != self._stamp:
            answer = ask_changed_on_disk(self.window, path.name)
            if answer == "reload":
                self.open_path(path)  # the user chose the file's version over theirs
                return False
            if answer == "save_as":
                return self.save_as()
            if answer != "overwrite":
                return False
        return self._write(path)

    def save_as(self) -> bool:
        # the title is a sentence ("Zero weights: ..."): make it a name every OS accepts
        start = str(self.model.path or Path.home() / f"{file_stem(self.model.project.title)}.json")
        path = ask_save_path(self.window, start)
        return self._write(Path(path)) if path else False

    def _write(self, path: Path) -> bool:
        self.controller.pause()
        try:
            save(self.model.project, path)
        except (OSError, ValueError) as exc:
            show_error(self.window, self.tr("Cannot save project"), f"{path}: {exc}")
            return False
        self.model.mark_saved(path)
        self._stamp = disk_stamp(path)
        self._remember(path)
        return True
