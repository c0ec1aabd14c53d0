"""The data panel's edits: every change of the project goes through ``_commit`` (one undo
step, made by the session on top of the training so far); view options through
``_set_view`` (no undo step). File dialogs and message boxes go through the module-level
functions below so tests can replace them.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QSignalBlocker
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from nnsim.core.csvio import CsvError, read_csv, write_csv
from nnsim.core.datasets import GENERATORS, DataSet, generate, split
from nnsim.core.features import default_features
from nnsim.gui.panels.data_texts import CSV_FILTER, data_tr
from nnsim.project.edits import set_data, set_features, set_n_classes, set_view
from nnsim.project.enums import Task


# ---------------------------------------------------------------------- dialogs (tests patch)
def ask_open_csv(parent: QWidget) -> str | None:
    path, _ = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("DataPanel", "Import data from CSV"),
        "",
        data_tr(CSV_FILTER),
    )
    return path or None


def ask_save_csv(parent: QWidget) -> str | None:
    path, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("DataPanel", "Export data to CSV"),
        "data.csv",
        data_tr(CSV_FILTER),
    )
    return path or None


def show_error(parent: QWidget, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


class DataEdits:
    """A mixin of ``DataPanel``: the slots that turn its widgets into project edits."""

    def _commit(self, make, text: str, on_error=None) -> None:
        """The one place this panel edits the project: one undo step, ``make(project)``."""
        self.controller.edit(text, make, on_error)

    def _set_view(self, key: str, value) -> None:
        self.model.set_fields(view=set_view(self.model.project, **{key: value}).view)

    def _set_target(self, value: float) -> None:
        self.plane.current_target = float(value)

    def _set_n_classes(self, k: int) -> None:
        p = self.model.project
        if p.task != Task.CLASSIFICATION or k == p.n_classes:
            return

        def refused(exc) -> None:
            self.class_error.setText(str(exc))
            self.class_error.show()
            with QSignalBlocker(self.n_classes):
                self.n_classes.setValue(self.model.project.n_classes)

        self.class_error.hide()
        text = self.tr("Set {k} classes").format(k=k)
        self._commit(lambda q: set_n_classes(q, k), text, refused)

    def _generator_chosen(self, *_):
        gen = GENERATORS[self.gen_combo.currentData()]
        self.gen_n.setValue(gen.default_n)
        self.gen_noise.setValue(gen.default_noise)
        self._update_generator_options()

    def _update_generator_options(self) -> None:
        name = self.gen_combo.currentData()
        self.gen_combo.setToolTip(data_tr(GENERATORS[name].description))
        blobs = "n_classes" in GENERATORS[name].options
        self.gen_classes.setEnabled(blobs)
        self.gen_classes_label.setEnabled(blobs)

    def _replace_data(self, ds: DataSet, codes, text: str, generator=None, on_error=None):
        """Replace every point by ``ds`` (task, classes and inputs may change)."""

        def make(p):
            n_classes = ds.n_classes
            if ds.task == p.task == Task.CLASSIFICATION:
                n_classes = max(ds.n_classes, p.n_classes)
            d = p.data
            q = set_data(
                p, ds.X, ds.y, codes, task=ds.task, n_classes=n_classes, generator=generator,
                split_ratios=d.split_ratios, split_seed=d.split_seed,
            )  # fmt: skip
            if p.data.X.shape[1] == 1 and ds.X.shape[1] == 2 and len(q.features) == 1:
                q = set_features(q, default_features(2))  # the points gained x2: use it
            return q

        self._commit(make, text, on_error)

    def generate(self) -> None:
        """Replace the data by the chosen generator's points (one undo step)."""
        name = self.gen_combo.currentData()
        options = {}
        if "n_classes" in GENERATORS[name].options:
            options["n_classes"] = self.gen_classes.value()
        n, noise, seed = self.gen_n.value(), round(self.gen_noise.value(), 4), self.gen_seed.value()
        try:
            ds = generate(name, n=n, noise=noise, seed=seed, **options)
            d = self.model.project.data
            codes = split(len(ds.X), d.split_ratios, d.split_seed)
            info = {"name": name, "n": n, "noise": noise, "seed": seed, **options}
            text = self.tr("Generate {name} ({n} points)").format(name=name, n=n)
            self._replace_data(ds, codes, text, generator=info, on_error=self._cannot_generate)
        except ValueError as exc:
            self._cannot_generate(exc)

    def _cannot_generate(self, exc: ValueError) -> None:
        show_error(self, self.tr("Cannot generate the data"), str(exc))

    def _ratios(self) -> tuple[float, float, float]:
        return tuple(s.value() / 100 for s in self.split_spins)

    def _check_ratios(self, *_) -> bool:
        values = [s.value() for s in self.split_spins]
        problem = ""
        if sum(values) != 100:
            problem = self.tr("The ratios add up to {sum} %; they must add up to 100 %.").format(
                sum=sum(values)
            )
        elif values[0] == 0:
            problem = self.tr("The training set needs some points (train > 0 %).")
        self.split_error.setText(problem)
        self.split_error.setVisible(bool(problem))
        self.apply_split.setEnabled(not problem)
        self.resplit_button.setEnabled(not problem)
        return not problem

    def resplit(self, new_seed: bool = False) -> None:
        """Assign the points to train/validation/test with the spin boxes' ratios."""
        if not self._check_ratios():
            return
        ratios = self._ratios()

        def make(p):
            d = p.data
            seed = d.split_seed + 1 if new_seed else d.split_seed
            codes = split(d.n, ratios, seed)
            return set_data(
                p, d.X, d.y, codes, generator=d.generator, split_ratios=ratios, split_seed=seed
            )

        self._shown_ratios = None
        text = self.tr("Re-split the data") if new_seed else self.tr("Change the split")
        self._commit(make, text)

    def clear(self) -> None:
        """Remove every point (one undo step)."""

        def make(p):
            d = p.data
            return set_data(
                p, np.zeros((0, d.X.shape[1])), np.zeros(0, d.y.dtype), np.zeros(0, np.int8),
                split_ratios=d.split_ratios, split_seed=d.split_seed,
            )  # fmt: skip

        self._commit(make, self.tr("Clear the data"))

    def import_csv(self) -> None:
        """Replace the data by a CSV file's; on any error the project stays untouched."""
        path = ask_open_csv(self)
        if not path:
            return
        try:
            ds = read_csv(path)
            if ds.X.shape[1] > 2:
                raise ValueError(
                    self.tr(
                        "{path}: the file has {n} input columns; the plane shows "
                        "1 (x, y curve) or 2 (x1, x2)"
                    ).format(path=path, n=ds.X.shape[1])
                )
            codes = ds.split
            if codes is None:
                d = self.model.project.data
                codes = split(len(ds.X), d.split_ratios, d.split_seed)
            text = self.tr("Import {name}.csv").format(name=ds.name)
            self._replace_data(ds, codes, text, on_error=self._cannot_import)
        except (CsvError, OSError, ValueError) as exc:  # CsvError names line and column
            self._cannot_import(exc)

    def _cannot_import(self, exc: Exception) -> None:
        show_error(self, self.tr("Cannot import the CSV file"), str(exc))

    def export_csv(self) -> None:
        """Write the points, labels or targets and split codes to a CSV file."""
        path = ask_save_csv(self)
        if not path:
            return
        p = self.model.project
        d = p.data
        try:
            ds = DataSet(d.X, d.y, p.task, p.n_classes, p.title or "data", d.split)
            write_csv(path, ds)
        except (OSError, ValueError) as exc:
            show_error(self, self.tr("Cannot export the CSV file"), str(exc))
