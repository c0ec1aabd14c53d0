"""Run comparison, as SNNS/JavaNNS did it: the curves of earlier training runs stay on the
Loss and Error plots (dashed) so a change of learning rate, momentum or topology can be
judged against the run before it.

A run ends when the history is replaced (Reset, Apply best, a new topology with a fresh
start). It is named by what changed for the run after it, e.g. ``lr 0.03 → 0.1``. Runs
live in memory for the open project (opening another project clears them).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from nnsim.core.hyper import Hyperparameters

# Not blue/orange/green: those are the current run's training, validation and accuracy.
RUN_COLORS = ["#9467bd", "#8c564b", "#e377c2", "#17becf", "#d62728", "#7f7f7f", "#bcbd22"]
MAX_RUNS = 7
COLUMNS = ("epoch", "train_loss", "val_loss", "train_error", "val_error")
# Short names in the run labels, marked for translation (context RunList).
NAMES = {
    "learning_rate": QT_TRANSLATE_NOOP("RunList", "lr"),
    "momentum": "β",
    "batch_size": QT_TRANSLATE_NOOP("RunList", "batch"),
    "reg_lambda": "λ",
    "regularization": QT_TRANSLATE_NOOP("RunList", "penalty"),
    "schedule": QT_TRANSLATE_NOOP("RunList", "schedule"),
    "decay": "δ",
    "init": QT_TRANSLATE_NOOP("RunList", "init"),
    "seed": QT_TRANSLATE_NOOP("RunList", "seed"),
    "max_epochs": QT_TRANSLATE_NOOP("RunList", "epochs"),
    "early_stopping": QT_TRANSLATE_NOOP("RunList", "early stopping"),
    "dtype": "dtype",
    "constant_epochs": QT_TRANSLATE_NOOP("RunList", "constant epochs"),
    "train_biases": QT_TRANSLATE_NOOP("RunList", "train biases"),
    "init_constant": QT_TRANSLATE_NOOP("RunList", "init constant"),
    "patience": QT_TRANSLATE_NOOP("RunList", "patience"),
    "target_loss": QT_TRANSLATE_NOOP("RunList", "target loss"),
}


def _show(v) -> str:
    return f"{v:g}" if isinstance(v, float) else str(v)


def diff_name(before: Hyperparameters, after: Hyperparameters, sizes_a, sizes_b) -> str:
    """What changed from one run to the next, e.g. ``lr 0.03 → 0.1 · hidden 3 → 8``."""
    parts = []
    if list(sizes_a[1:-1]) != list(sizes_b[1:-1]):
        none = QCoreApplication.translate("RunList", "none")
        a = ",".join(map(str, sizes_a[1:-1])) or none
        b = ",".join(map(str, sizes_b[1:-1])) or none
        parts.append(QCoreApplication.translate("RunList", "hidden {a} → {b}").format(a=a, b=b))
    if sizes_a[0] != sizes_b[0]:
        parts.append(
            QCoreApplication.translate("RunList", "inputs {a} → {b}").format(
                a=sizes_a[0], b=sizes_b[0]
            )
        )
    for name, short in NAMES.items():
        a, b = getattr(before, name), getattr(after, name)
        if a != b:
            short = QCoreApplication.translate("RunList", short)
            parts.append(f"{short} {_show(a)} → {_show(b)}")
    return " · ".join(parts) or QCoreApplication.translate("RunList", "same settings")


@dataclass
class Run:
    """One earlier run: its curves and the settings it was trained with."""

    number: int
    data: dict  # column name -> (n,) array
    hyper: Hyperparameters
    sizes: tuple
    color: str
    name: str = ""  # set when the next run starts (what changed)
    visible: bool = True

    @property
    def label(self) -> str:
        name = self.name or QCoreApplication.translate(
            "RunList", "settings of the next run not known yet"
        )
        return QCoreApplication.translate("RunList", "run {n}").format(n=self.number) + f" · {name}"


class RunStore:
    """The earlier runs of the open project (plain Python; the widget draws them)."""

    def __init__(self):
        self.runs: list[Run] = []
        self._count = 0

    def archive(self, columns, hyper: Hyperparameters, sizes) -> Run | None:
        """Keep a copy of ``columns`` (a `HistoryColumns`) as a finished run."""
        if columns.n < 1:
            return None
        self._count += 1
        data = {name: columns.column(name).copy() for name in COLUMNS}
        used = {r.color for r in self.runs}
        color = next((c for c in RUN_COLORS if c not in used), RUN_COLORS[0])
        run = Run(self._count, data, hyper, tuple(sizes), color)
        self.runs.append(run)
        del self.runs[:-MAX_RUNS]
        return run

    def name_pending(self, hyper: Hyperparameters, sizes) -> bool:
        """Name the runs that wait for the next run's settings; True if any was named."""
        named = False
        for run in self.runs:
            if not run.name:
                run.name = diff_name(run.hyper, hyper, run.sizes, sizes)
                named = True
        return named

    def forget_live(self, history) -> bool:
        """Drop a run that is the current history again (Undo of a Reset).

        Only a run still waiting for its successor, and only when its whole history came
        back at once (the caller checks that the history was empty before). Compared by
        value: the records may come back as copies from the training process. A retrain
        that delivers an identical run in one go is dropped too; its curves would lie
        exactly under the current ones.
        """
        if len(history) < 2:
            return False
        n = len(history)
        same_length = [r for r in self.runs if not r.name and len(r.data["epoch"]) == n]
        if not same_length:
            return False
        losses = np.array([(r.train_loss, r.val_loss) for r in history], float)
        keep = [
            r
            for r in self.runs
            if r not in same_length
            or not np.array_equal(
                np.column_stack([r.data["train_loss"], r.data["val_loss"]]),
                losses,
                equal_nan=True,
            )
        ]
        changed = len(keep) != len(self.runs)
        self.runs = keep
        return changed

    def clear(self) -> None:
        self.runs.clear()


class RunList(QWidget):
    """A checkbox per earlier run (hide/show) and a Clear button."""

    visibility_changed = Signal()
    cleared = Signal()

    def __init__(self, store: RunStore, parent=None):
        super().__init__(parent)
        self.store = store
        title = QLabel("<b>" + self.tr("Earlier runs") + "</b>")
        title.setToolTip(
            self.tr(
                "Curves of earlier runs of this project, dashed (validation) and dotted "
                "(training), named by what changed for the next run"
            )
        )
        self.list = QListWidget()
        self.list.setToolTip(self.tr("Uncheck a run to hide its curves"))
        self.list.itemChanged.connect(self._item_changed)
        hint = QLabel(self.tr("dashed: validation\ndotted: training"))
        hint.setStyleSheet("color: #555;")
        self.clear_button = QPushButton(self.tr("Clear runs"))
        self.clear_button.setToolTip(self.tr("Forget the earlier runs (the current run stays)"))
        self.clear_button.clicked.connect(self._clear)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(title)
        layout.addWidget(self.list, 1)
        layout.addWidget(hint)
        layout.addWidget(self.clear_button)
        self.setMinimumWidth(190)
        self.setMaximumWidth(280)

    def refresh(self) -> None:
        # no itemChanged for the items made here: they are not the user's clicks
        with QSignalBlocker(self.list):
            self.list.clear()
            for run in self.store.runs:
                self.list.addItem(self._item(run))
        self.setVisible(bool(self.store.runs))

    def _item(self, run: Run) -> QListWidgetItem:
        item = QListWidgetItem(run.label)
        pix = QPixmap(14, 14)
        pix.fill(QColor(run.color))
        item.setIcon(QIcon(pix))
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if run.visible else Qt.CheckState.Unchecked)
        item.setData(Qt.ItemDataRole.UserRole, run.number)
        item.setToolTip(
            self.tr("Run {n}: {epochs} epochs, network {sizes}; {name}").format(
                n=run.number,
                epochs=len(run.data["epoch"]),
                sizes="-".join(map(str, run.sizes)),
                name=run.name or "",
            )
        )
        return item

    def _item_changed(self, item: QListWidgetItem) -> None:
        number = item.data(Qt.ItemDataRole.UserRole)
        for run in self.store.runs:
            if run.number == number:
                run.visible = item.checkState() == Qt.CheckState.Checked
        self.visibility_changed.emit()

    def _clear(self) -> None:
        self.store.clear()
        self.refresh()
        self.cleared.emit()


def run_series(run: Run, kind: str, classification: bool) -> dict[str, np.ndarray]:
    """The run's training and validation curves for the Loss or Error plot."""
    d = run.data
    if kind == "loss":
        return {"train": d["train_loss"], "val": d["val_loss"]}
    scale = 100.0 if classification else 1.0
    return {"train": scale * d["train_error"], "val": scale * d["val_error"]}
