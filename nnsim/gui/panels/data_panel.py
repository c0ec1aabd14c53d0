"""The data panel beside the plane: tools, classes, generator, split, CSV files, view options.

This module builds the widgets and shows the model's state in them; refreshes block the
widgets' own signals, so they never echo back as edits. The edits themselves are in
``data_edits`` (one undo step each), the translated texts in ``data_texts``.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nnsim.core.datasets import GENERATORS, MAX_NOISE, MAX_POINTS
from nnsim.gui.panels.data_edits import DataEdits
from nnsim.gui.panels.data_texts import GENERATOR_TEXT, TOOL_INFO, data_tr
from nnsim.gui.util.style import CLASS_COLORS
from nnsim.gui.views.data_plane import VIEW_DEFAULTS, DataPlaneView
from nnsim.project.enums import Task


class DataPanel(DataEdits, QWidget):
    """Controls for the data of the project shown in ``plane`` (see the module doc)."""

    def __init__(self, model, controller, plane: DataPlaneView, parent=None):
        super().__init__(parent)
        self.model, self.controller, self.plane = model, controller, plane
        self._shown_ratios = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(6)
        layout.addLayout(self._build_tools())
        layout.addLayout(self._build_classes())
        layout.addWidget(self._build_generator())
        layout.addWidget(self._build_split())
        layout.addLayout(self._build_files())
        layout.addLayout(self._build_view())
        layout.addStretch(1)
        self.setMaximumWidth(320)
        plane.tool_changed.connect(self._show_tool)
        plane.current_class_changed.connect(self._show_class)
        for sig in (model.data_changed, model.network_changed, model.view_changed):
            sig.connect(self.refresh)
        model.project_replaced.connect(self._on_replaced)
        self._on_replaced()

    # ------------------------------------------------------------------ building
    def _build_tools(self):
        row = QHBoxLayout()
        row.setSpacing(2)
        self.tool_group = QButtonGroup(self)
        self.tool_buttons = {}
        for name, text, key, tip in TOOL_INFO:
            b = QToolButton(text=data_tr(text), checkable=True)
            b.setShortcut(QKeySequence(key))
            b.setToolTip(f"{data_tr(tip)}  [{key}]")
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self.tool_group.addButton(b)
            self.tool_buttons[name] = b
            b.clicked.connect(lambda _=False, n=name: self.plane.set_tool(n))
            row.addWidget(b)
        self._show_tool(self.plane.tool)
        return row

    def _build_classes(self):
        box = QVBoxLayout()
        box.setSpacing(2)
        top = QHBoxLayout()
        self.class_label = QLabel(self.tr("Class"))
        self.class_label.setToolTip(
            self.tr("The class y that new points get (keys 1-8 on the plane)")
        )
        top.addWidget(self.class_label)
        self.class_row = QHBoxLayout()
        self.class_row.setSpacing(2)
        top.addLayout(self.class_row)
        top.addStretch(1)
        self.class_group = QButtonGroup(self)
        self.class_group.idClicked.connect(self.plane.set_current_class)
        self.class_buttons: list[QToolButton] = []
        box.addLayout(top)
        form = QHBoxLayout()
        self.n_classes_label = QLabel(self.tr("Classes K"))
        form.addWidget(self.n_classes_label)
        self.n_classes = QSpinBox(minimum=2, maximum=8)
        self.n_classes.setToolTip(
            self.tr(
                "Number of classes K (2..8): the softmax output f(x) has one unit per class; "
                "the output layer is reinitialized"
            )
        )
        self.n_classes.valueChanged.connect(self._set_n_classes)
        form.addWidget(self.n_classes)
        self.target_label = QLabel(self.tr("Target y"))
        form.addWidget(self.target_label)
        self.target = QDoubleSpinBox(minimum=-10.0, maximum=10.0, singleStep=0.1, value=0.5)
        self.target.setToolTip(self.tr("Target value y of points added by clicking (regression)"))
        self.target.valueChanged.connect(self._set_target)
        form.addWidget(self.target)
        form.addStretch(1)
        box.addLayout(form)
        self.class_error = QLabel(wordWrap=True)
        self.class_error.setStyleSheet("color: #c00000;")
        self.class_error.hide()
        box.addWidget(self.class_error)
        return box

    def _build_generator(self):
        group = QGroupBox(self.tr("Generate data"))
        group.setToolTip(
            self.tr("Draw a toy data set; the same settings always give the same points")
        )
        form = QFormLayout(group)
        form.setContentsMargins(6, 4, 6, 4)
        form.setVerticalSpacing(3)
        self.gen_combo = QComboBox()
        for name, gen in GENERATORS.items():
            self.gen_combo.addItem(data_tr(GENERATOR_TEXT.get(name, name)), name)
            self.gen_combo.setItemData(
                self.gen_combo.count() - 1, data_tr(gen.description), Qt.ItemDataRole.ToolTipRole
            )
        self.gen_combo.currentIndexChanged.connect(self._generator_chosen)
        form.addRow(self.tr("Data set"), self.gen_combo)
        self.gen_n = QSpinBox(minimum=1, maximum=MAX_POINTS, singleStep=50)
        self.gen_n.setToolTip(self.tr("Number of points n (1..{max})").format(max=MAX_POINTS))
        form.addRow(self.tr("Points"), self.gen_n)
        noise_row = QHBoxLayout()
        self.gen_noise_slider = QSlider(Qt.Orientation.Horizontal, minimum=0, maximum=50)
        self.gen_noise = QDoubleSpinBox(minimum=0.0, maximum=MAX_NOISE, singleStep=0.05)
        self.gen_noise.setDecimals(2)
        for w in (self.gen_noise_slider, self.gen_noise):
            w.setToolTip(
                self.tr("Noise level 0..0.5: jitter of the points (label flips for some sets)")
            )
        self.gen_noise_slider.valueChanged.connect(lambda v: self.gen_noise.setValue(v / 100))
        self.gen_noise.valueChanged.connect(
            lambda v: self.gen_noise_slider.setValue(round(v * 100))
        )
        noise_row.addWidget(self.gen_noise_slider, 1)
        noise_row.addWidget(self.gen_noise)
        form.addRow(self.tr("Noise"), noise_row)
        seed_row = QHBoxLayout()
        self.gen_seed = QSpinBox(minimum=0, maximum=2**31 - 1)
        self.gen_seed.setToolTip(self.tr("Random seed: the same seed draws the same points"))
        seed_row.addWidget(self.gen_seed, 1)
        self.gen_classes_label = QLabel("  " + self.tr("Classes"))
        seed_row.addWidget(self.gen_classes_label)
        self.gen_classes = QSpinBox(minimum=2, maximum=8, value=3)
        self.gen_classes.setToolTip(self.tr("Number of classes K for 'blobs' (2..8)"))
        seed_row.addWidget(self.gen_classes)
        form.addRow(self.tr("Seed"), seed_row)
        self.generate_button = QPushButton(self.tr("Generate"))
        self.generate_button.setToolTip(self.tr("Replace all points by this data set (undoable)"))
        self.generate_button.clicked.connect(self.generate)
        form.addRow(self.generate_button)
        return group

    def _build_split(self):
        group = QGroupBox(self.tr("Split"))
        group.setToolTip(self.tr("Share of the points used for training, validation and testing"))
        grid = QGridLayout(group)
        grid.setContentsMargins(6, 4, 6, 4)
        grid.setVerticalSpacing(3)
        self.split_spins = []
        tips = (
            self.tr("Training set: the points the gradient descent sees"),
            self.tr("Validation set: for early stopping and choosing hyperparameters"),
            self.tr("Test set: held out, for the final error estimate"),
        )
        names = (self.tr("Train"), self.tr("Val"), self.tr("Test"))
        for j, (name, tip) in enumerate(zip(names, tips, strict=True)):
            spin = QSpinBox(minimum=0, maximum=100, suffix=" %")
            spin.setToolTip(tip)
            spin.valueChanged.connect(self._check_ratios)
            grid.addWidget(QLabel(name), 0, j)
            grid.addWidget(spin, 1, j)
            self.split_spins.append(spin)
        self.split_error = QLabel(wordWrap=True)
        self.split_error.setStyleSheet("color: #c00000;")
        self.split_error.hide()
        grid.addWidget(self.split_error, 2, 0, 1, 3)
        self.apply_split = QPushButton(self.tr("Apply"))
        self.apply_split.setToolTip(
            self.tr("Assign the points to the sets with these ratios (undoable)")
        )
        self.apply_split.clicked.connect(lambda: self.resplit(new_seed=False))
        self.resplit_button = QPushButton(self.tr("Re-split"))
        self.resplit_button.setToolTip(
            self.tr("Draw a new random assignment with a new seed (undoable)")
        )
        self.resplit_button.clicked.connect(lambda: self.resplit(new_seed=True))
        grid.addWidget(self.apply_split, 3, 0, 1, 2)
        grid.addWidget(self.resplit_button, 3, 2)
        self.info = QLabel()
        self.info.setToolTip(self.tr("Number of points in the training, validation and test sets"))
        grid.addWidget(self.info, 4, 0, 1, 3)
        return group

    def _build_files(self):
        row = QHBoxLayout()
        row.setSpacing(2)
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.setToolTip(self.tr("Remove all points (undoable)"))
        self.clear_button.clicked.connect(self.clear)
        self.import_button = QPushButton(self.tr("Import CSV…"))
        self.import_button.setToolTip(
            self.tr("Load points from a CSV file: columns x1[,x2], label or target[, split]")
        )
        self.import_button.clicked.connect(self.import_csv)
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.export_button.setToolTip(self.tr("Save the points, labels and split as a CSV file"))
        self.export_button.clicked.connect(self.export_csv)
        for b in (self.clear_button, self.import_button, self.export_button):
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            row.addWidget(b)
        return row

    def _build_view(self):
        box = QVBoxLayout()
        box.setSpacing(1)
        self.view_checks = {}
        for key, text, tip in (
            ("discretize", self.tr("Discretize regions"), self.tr("Flat class colours instead "
             "of shading by the confidence max_k f_k(x)")),
            ("show_test", self.tr("Show test points"), self.tr("Draw the test set (diamonds)")),
            ("highlight_misclassified", self.tr("Highlight misclassified"),
             self.tr("Ring the training points whose predicted class argmax_k f_k(x) is not y")),
        ):  # fmt: skip
            cb = QCheckBox(text)
            cb.setToolTip(tip)
            cb.toggled.connect(lambda on, k=key: self._set_view(k, on))
            box.addWidget(cb)
            self.view_checks[key] = cb
        return box

    # ------------------------------------------------------------------ model -> widgets
    def _on_replaced(self) -> None:
        self._shown_ratios = None
        gen = self.model.project.data.generator
        if gen and gen.get("name") in GENERATORS:
            with QSignalBlocker(self.gen_combo):
                self.gen_combo.setCurrentIndex(self.gen_combo.findData(gen["name"]))
            self.gen_n.setValue(int(gen.get("n", GENERATORS[gen["name"]].default_n)))
            self.gen_noise.setValue(float(gen.get("noise", 0.0)))
            self.gen_seed.setValue(int(gen.get("seed", 0)))
            if "n_classes" in gen:
                self.gen_classes.setValue(int(gen["n_classes"]))
        elif self.gen_n.value() <= 1:
            self._generator_chosen()
        self._update_generator_options()
        self.refresh()

    def refresh(self) -> None:
        """Show the model's state (classes, split, counts, view options)."""
        p = self.model.project
        classification = p.task == Task.CLASSIFICATION
        self._rebuild_class_buttons(p.n_classes if classification else 0)
        with QSignalBlocker(self.n_classes):
            self.n_classes.setValue(max(p.n_classes, 2))
        for w in (self.class_label, self.n_classes_label, self.n_classes):
            w.setVisible(classification)
        plane_regression = not classification and p.data.X.shape[1] == 2
        self.target_label.setVisible(plane_regression)
        self.target.setVisible(plane_regression)
        ratios = tuple(round(r * 100) for r in p.data.split_ratios)
        if ratios != self._shown_ratios:
            self._shown_ratios = ratios
            for spin, r in zip(self.split_spins, ratios, strict=True):
                with QSignalBlocker(spin):
                    spin.setValue(r)
            self._check_ratios()
        counts = np.bincount(p.data.split.astype(np.int64), minlength=3)
        self.info.setText(
            self.tr("{n} points: {train} train, {val} val, {test} test").format(
                n=p.data.n, train=counts[0], val=counts[1], test=counts[2]
            )
        )
        for key, cb in self.view_checks.items():
            with QSignalBlocker(cb):
                cb.setChecked(bool(p.view.get(key, VIEW_DEFAULTS[key])))
        self.view_checks["highlight_misclassified"].setEnabled(classification)
        self.view_checks["discretize"].setEnabled(classification)

    def _rebuild_class_buttons(self, n: int) -> None:
        if len(self.class_buttons) != n:
            for b in self.class_buttons:
                self.class_group.removeButton(b)
                b.deleteLater()
            self.class_buttons = []
            for k in range(n):
                b = QToolButton(text=str(k + 1), checkable=True)
                b.setToolTip(
                    self.tr("Class {k} (label y = {y}) for new points  [key {k}]").format(
                        k=k + 1, y=k
                    )
                )
                b.setFixedSize(24, 22)
                b.setStyleSheet(
                    f"QToolButton {{ background: {CLASS_COLORS[k]}; color: white;"
                    " font-weight: bold; border: 1px solid #555; border-radius: 3px; }"
                    " QToolButton:checked { border: 3px solid #000; }"
                )
                self.class_group.addButton(b, k)
                self.class_row.addWidget(b)
                self.class_buttons.append(b)
        self._show_class(self.plane.current_class)

    def _show_class(self, label: int) -> None:
        if 0 <= label < len(self.class_buttons):
            with QSignalBlocker(self.class_group):
                self.class_buttons[label].setChecked(True)

    def _show_tool(self, tool: str) -> None:
        self.tool_buttons[tool].setChecked(True)
