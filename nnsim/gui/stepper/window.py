"""Step-by-step backpropagation on the student's own network and data.

`StepperView(model, controller)` walks through one SGD update on a training point (or a
mini-batch): setup, forward layer by layer, output and loss, output gradient, the backward
pass from the top layer down, the update, and the losses after it. Every number is the
engine's (`nnsim.explain.stepping`, built on `trace_sample`: what ``nnsim trace --json``
prints). Stepping past the update applies it to the project as one undoable edit; going
back past it restores the earlier weights bit for bit. The stage list is a history: click
any earlier stage to return to it, across several updates.
"""

from __future__ import annotations

import html
import re
import string
from dataclasses import dataclass, replace

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontDatabase, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from nnsim.core.metrics import targets_for
from nnsim.core.schedules import learning_rate
from nnsim.core.trainer import TrainerState
from nnsim.explain.stepping import (
    Stage,
    StepPlan,
    build_stages,
    entry_gradient_check,
    fmt,
    make_plan,
    matrix_text,
    row_matches,
    update_index,
)
from nnsim.gui.model.project_model import ProjectModel
from nnsim.gui.stepper.diagram import StepDiagram
from nnsim.gui.util.style import class_color
from nnsim.project import Project

FORMULA_PT = 18.0
TITLE_PT = 14.0
LEDGER_PT = 12.0
MATRIX_PT = 13.0
GRADCHECK_AUTO = 2000  # parameters up to which the gradient check runs by itself
STEP_TEXT = QT_TRANSLATE_NOOP("StepperView", "Backprop step on sample {}")  # undo text


# ---------------------------------------------------------------------- stage texts
# The engine (nnsim.explain.stepping, no Qt) writes the stages' titles in English; these are
# its templates, for translation. A title that matches none of them is shown as it is.
_PREFIX = QT_TRANSLATE_NOOP("Stage", "Sample {s} of {n} (#{index}): ")
_TITLES = (
    QT_TRANSLATE_NOOP("Stage", "Setup: sample #{index}, the current parameters"),
    QT_TRANSLATE_NOOP("Stage", "Setup: {n} samples, the current parameters"),
    QT_TRANSLATE_NOOP("Stage", "Forward, layer {k}: pre-activation a^({k})"),
    QT_TRANSLATE_NOOP("Stage", "Forward, output layer {k}: f(x) = o(a^({k}))"),
    QT_TRANSLATE_NOOP("Stage", "Forward, layer {k}: activation h^({k})"),
    QT_TRANSLATE_NOOP("Stage", "Output f(x) and the loss"),
    QT_TRANSLATE_NOOP("Stage", "Output gradient grad a^({k})"),
    QT_TRANSLATE_NOOP("Stage", "Backward, layer {k}: weight gradient grad W^({k})"),
    QT_TRANSLATE_NOOP("Stage", "Backward, layer {k}: bias gradient grad b^({k})"),
    QT_TRANSLATE_NOOP("Stage", "Backward, layer {k}: gradient of the layer below, grad h^({j})"),
    QT_TRANSLATE_NOOP("Stage", "Backward, layer {k}: pre-activation gradient grad a^({k})"),
    QT_TRANSLATE_NOOP("Stage", "Accumulate the gradients ({s} of {n} samples)"),
    QT_TRANSLATE_NOOP("Stage", "Mean gradient of the mini-batch (B = {b})"),
    QT_TRANSLATE_NOOP("Stage", "Update: old -> new for every weight and bias (alpha = {alpha})"),
    QT_TRANSLATE_NOOP("Stage", "After the update: the loss before and after"),
)
_SHORT = (  # whole short titles of the stage list
    QT_TRANSLATE_NOOP("Stage", "Setup"),
    QT_TRANSLATE_NOOP("Stage", "Output and loss"),
    QT_TRANSLATE_NOOP("Stage", "Accumulate gradients"),
    QT_TRANSLATE_NOOP("Stage", "Mean gradient"),
    QT_TRANSLATE_NOOP("Stage", "UPDATE θ"),
    QT_TRANSLATE_NOOP("Stage", "After: loss before/after"),
)
_SHORT_PREFIXES = (  # the words before a quantity: "Forward: a^(1)"
    QT_TRANSLATE_NOOP("Stage", "Forward: "),
    QT_TRANSLATE_NOOP("Stage", "Backward: "),
    QT_TRANSLATE_NOOP("Stage", "Output: "),
)


def _stage_tr(text: str) -> str:
    return QCoreApplication.translate("Stage", text)


def fields_of(template: str, text: str) -> dict | None:
    """The values of ``template``'s {fields} in ``text`` (None if it does not match).

    Only until the stages are records: then the titles are built from their fields."""
    pattern, names = "", {}
    for literal, name, spec, _ in string.Formatter().parse(template):
        pattern += re.escape(literal)
        if name is None:
            continue
        if name in names:
            pattern += f"(?P={name})"
        else:
            pattern += f"(?P<{name}>.+?)"
            names[name] = spec
    m = re.fullmatch(pattern, text, flags=re.S)
    return None if m is None else {name: m.group(name) for name in names}


def _fill(template: str, text: str) -> str | None:
    fields = fields_of(template, text)
    if fields is None:
        return None
    translated = _stage_tr(template)
    try:
        return translated.format(**fields)
    except (KeyError, IndexError, ValueError):
        return None


def stage_title(text: str) -> str:
    """An engine stage title in the interface language (unchanged in English)."""
    prefix, rest = "", text
    m = re.match(r"Sample \d+ of \d+ \(#\d+\): ", text)
    if m:
        prefix = _fill(_PREFIX, m.group(0)) or m.group(0)
        rest = text[m.end() :]
    for template in _TITLES:
        done = _fill(template, rest)
        if done is not None:
            return prefix + done
    return text


def stage_short(text: str) -> str:
    """An engine short stage title (the stage list) in the interface language."""
    m = re.match(r"(S\d+ )?(.*)", text, flags=re.S)
    head, rest = m.group(1) or "", m.group(2)
    if rest in _SHORT:
        return head + _stage_tr(rest)
    for prefix in _SHORT_PREFIXES:
        if rest.startswith(prefix):
            return head + _stage_tr(prefix) + rest[len(prefix) :]
    return text


# ---------------------------------------------------------------------- Qt-free glue
def project_plan(p: Project, indices) -> StepPlan:
    """The plan of one update on the project's points ``indices``, with exactly the inputs
    ``nnsim trace`` uses: the stored weights, alpha_t of the next epoch, the saved velocity."""
    net = p.build_network()
    X = p.inputs()
    Y = targets_for(p.data.y, net.n_outputs, p.task, np.float64)
    idx = np.asarray(indices, np.int64)
    train = p.data.split == 0
    lr = learning_rate(p.hyper, p.epoch + 1)
    velocity = None if p.trainer_state is None else p.trainer_state.velocity
    return make_plan(
        net, X[idx], Y[idx], p.hyper, lr, velocity, idx, X[train], Y[train], task=p.task
    )


def weights_from_theta(p: Project, theta: np.ndarray) -> tuple:
    net = p.empty_network()
    net.theta[:] = theta
    return tuple((W.astype(np.float64), b.astype(np.float64)) for W, b in net.params())


def state_after(p: Project, velocity: np.ndarray) -> TrainerState:
    """The trainer state after a manual update: the new velocity, one more update."""
    state = p.trainer_state or TrainerState()
    return replace(state, velocity=np.asarray(velocity, np.float64), updates=state.updates + 1)


def same_weights(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return len(a) == len(b) and all(
        np.array_equal(Wa, Wb) and np.array_equal(ba, bb) for (Wa, ba), (Wb, bb) in zip(a, b)
    )


_SUP = re.compile(r"\^(\([^()]*\)|T|2|-?\w)")
_SUB = re.compile(r"(?<=[\w)])_(\w+|\{[^}]*\})")
_WORDS = [
    ("grad ", "∇"),
    ("theta", "θ"),
    ("alpha", "α"),
    ("beta", "β"),
    ("lambda", "λ"),
    ("<-", "←"),
    ("sum_", "Σ_"),
    (" * ", " ⊙ "),
]


def pretty(text: str) -> str:
    """The lecture's notation as rich text: superscripts, subscripts, Greek letters."""
    s = text
    for a, b in _WORDS:
        s = s.replace(a, b)
    s = html.escape(s)
    s = _SUP.sub(lambda m: f"<sup>{m.group(1)}</sup>", s)
    s = _SUB.sub(lambda m: f"<sub>{m.group(1).strip('{}')}</sub>", s)
    return s


@dataclass
class _Step:
    """One update of the history: its plan, stages and the project fields around it."""

    plan: StepPlan
    stages: list
    before: dict  # weights, trainer_state of the project before the update
    after: dict
    project_key: tuple  # what else must be unchanged for the step to stay valid
    undo_index: int | None = None  # undo stack index after our edit (to undo it)

    @property
    def update_at(self) -> int:
        return update_index(self.stages)

    @property
    def label(self) -> str:
        ids = self.plan.indices
        return f"#{ids[0]}" if len(ids) == 1 else f"#{ids[0]} (+{len(ids) - 1})"


def _key(p: Project) -> tuple:
    return (id(p.data), p.features, p.network, p.hyper, p.task)


# ---------------------------------------------------------------------- the view
class StepperView(QWidget):
    """Step through one backprop update; see the module docstring.

    Signals
    -------
    stage_changed(int)
        The position in the stage history changed (flat index).
    """

    stage_changed = Signal(int)

    def __init__(self, model: ProjectModel, controller=None, parent=None):
        super().__init__(parent)
        self.model = model
        self.controller = controller
        self.steps: list[_Step] = []
        self.positions: list[tuple[int, int]] = []  # flat history: (step, stage)
        self.pos = 0
        self.version = 0  # number of updates of the history applied to the project
        self.sample = -1
        self._applying = False
        self._stale = False
        self._digits = 4
        self._gc_key = None
        self._build_ui()
        for sig in (model.data_changed, model.network_changed, model.hyper_changed):
            sig.connect(self._project_changed)
        model.project_replaced.connect(self._project_changed)
        model.weights_changed.connect(self._training_moved)
        model.selected_point_changed.connect(self._selected_point)
        self._restart(self._initial_sample())

    # ------------------------------------------------------------------ UI
    def _build_ui(self) -> None:
        self.setWindowTitle(self.tr("Backpropagation step by step"))
        root = QVBoxLayout(self)
        bar = QHBoxLayout()
        root.addLayout(bar)
        big = QFont(self.font())
        big.setPointSizeF(LEDGER_PT)
        self.setFont(big)

        bar.addWidget(QLabel(self.tr("Sample #")))
        self.sample_spin = QSpinBox()
        self.sample_spin.setToolTip(
            self.tr(
                "The training point x^(t) to step through (its index in the data; "
                "clicking a point on the data plane selects it too). Only training points."
            )
        )
        self.sample_spin.valueChanged.connect(self._spin_sample)
        bar.addWidget(self.sample_spin)
        self.class_label = QLabel()
        self.class_label.setToolTip(self.tr("The class y (or target) of the chosen sample"))
        bar.addWidget(self.class_label)
        bar.addSpacing(12)
        bar.addWidget(QLabel(self.tr("Mini-batch")))
        self.batch_spin = QSpinBox()
        self.batch_spin.setRange(1, 64)
        self.batch_spin.setToolTip(
            self.tr(
                "Samples per update B: 1 = one sample; more = the stages per sample with the "
                "gradients accumulated, then theta <- theta - alpha 1/B sum_t grad l(t)"
            )
        )
        self.batch_spin.valueChanged.connect(lambda _v: self._restart(self.sample))
        bar.addWidget(self.batch_spin)
        bar.addSpacing(12)
        bar.addWidget(QLabel(self.tr("Digits")))
        self.digits_spin = QSpinBox()
        self.digits_spin.setRange(2, 12)
        self.digits_spin.setValue(self._digits)
        self.digits_spin.setToolTip(self.tr("Significant digits of every number shown"))
        self.digits_spin.valueChanged.connect(self._set_digits)
        bar.addWidget(self.digits_spin)
        bar.addStretch(1)
        self.position_label = QLabel()
        bar.addWidget(self.position_label)
        self.back_button = QPushButton(self.tr("◀ Back"))
        self.back_button.setToolTip(
            self.tr(
                "Previous stage (Left or B). Going back past the update restores the "
                "weights from before it exactly."
            )
        )
        self.back_button.clicked.connect(self.back)
        bar.addWidget(self.back_button)
        self.next_button = QPushButton(self.tr("Next ▶"))
        self.next_button.setToolTip(
            self.tr(
                "Next stage (Right or N). Stepping past the update applies "
                "theta <- theta - alpha grad theta to the network."
            )
        )
        self.next_button.clicked.connect(self.next)
        bar.addWidget(self.next_button)
        for keys, slot in (
            ((Qt.Key.Key_Right, Qt.Key.Key_N), self.next),
            ((Qt.Key.Key_Left, Qt.Key.Key_B), self.back),
        ):
            for key in keys:
                sc = QShortcut(QKeySequence(key), self)
                sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                sc.activated.connect(slot)

        self.note = QLabel()
        self.note.setStyleSheet("color: #a0522d;")
        self.note.setWordWrap(True)
        self.note.hide()
        root.addWidget(self.note)

        split = QSplitter(Qt.Orientation.Horizontal)
        root.addWidget(split, 1)
        self.stage_list = QListWidget()
        self.stage_list.setToolTip(self.tr("Every stage so far: click one to return to it"))
        self.stage_list.itemClicked.connect(self._list_clicked)
        self.stage_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stage_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        split.addWidget(self.stage_list)

        right = QWidget()
        split.addWidget(right)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        self.title_label = QLabel()
        tf = QFont(self.font())
        tf.setPointSizeF(TITLE_PT)
        tf.setBold(True)
        self.title_label.setFont(tf)
        self.title_label.setWordWrap(True)
        rl.addWidget(self.title_label)
        self.formula_label = QLabel()
        ff = QFont(self.font())
        ff.setPointSizeF(FORMULA_PT)
        self.formula_label.setFont(ff)
        self.formula_label.setTextFormat(Qt.TextFormat.RichText)
        self.formula_label.setWordWrap(True)
        self.formula_label.setToolTip(
            self.tr("The formula of this stage, as the lecture writes it")
        )
        rl.addWidget(self.formula_label)
        self.matrix_label = QLabel()
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(MATRIX_PT)
        self.matrix_label.setFont(mono)
        self.matrix_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.matrix_scroll = QScrollArea()
        self.matrix_scroll.setWidget(self.matrix_label)
        self.matrix_scroll.setWidgetResizable(True)
        self.matrix_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.matrix_scroll.setToolTip(self.tr("Small layers (up to 4 x 4) as matrices"))
        rl.addWidget(self.matrix_scroll)

        lower = QSplitter(Qt.Orientation.Horizontal)
        rl.addWidget(lower, 1)
        self.diagram = StepDiagram()
        lower.addWidget(self.diagram)
        self.tabs = QTabWidget()
        lower.addWidget(self.tabs)
        ledger_page = QWidget()
        ll = QVBoxLayout(ledger_page)
        ll.setContentsMargins(0, 0, 0, 0)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter: h^(2)_3, W^(1), layer 2 ..."))
        self.filter_edit.setToolTip(
            self.tr(
                "Show only the rows about a neuron or quantity (h^(2)_3, grad W^(1)_12) "
                "or a layer (2 or 'layer 2')"
            )
        )
        self.filter_edit.textChanged.connect(self._apply_filter)
        ll.addWidget(self.filter_edit)
        self.ledger = QTableWidget(0, 3)
        self.ledger.setHorizontalHeaderLabels(
            [self.tr("quantity"), self.tr("formula"), self.tr("value")]
        )
        self.ledger.setToolTip(self.tr("Every number of this stage with the formula substituted"))
        self.ledger.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.ledger.setWordWrap(True)
        self.ledger.setTextElideMode(Qt.TextElideMode.ElideNone)
        # a fixed scroll bar keeps the column widths (and so the wrapped row heights) stable
        self.ledger.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.ledger.verticalHeader().hide()
        hh = self.ledger.horizontalHeader()
        hh.setFont(big)
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        hh.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        hh.sectionResized.connect(lambda *_: self._fit_rows())
        ll.addWidget(self.ledger)
        self.tabs.addTab(ledger_page, self.tr("Ledger"))
        gc_page = QWidget()
        gl = QVBoxLayout(gc_page)
        gl.setContentsMargins(0, 0, 0, 0)
        self.gc_summary = QLabel()
        self.gc_summary.setWordWrap(True)
        gl.addWidget(self.gc_summary)
        self.gc_button = QPushButton(self.tr("Run gradient check"))
        self.gc_button.setToolTip(
            self.tr(
                "Compare backprop with central differences "
                "dJ/dtheta ~ (J(theta + eps) - J(theta - eps)) / (2 eps), eps = 1e-5"
            )
        )
        self.gc_button.clicked.connect(lambda: self._gradient_check(force=True))
        gl.addWidget(self.gc_button)
        self.gc_table = QTableWidget(0, 4)
        self.gc_table.setHorizontalHeaderLabels(
            [
                self.tr("parameter"),
                self.tr("backprop"),
                self.tr("central difference"),
                self.tr("relative error"),
            ]
        )
        self.gc_table.setToolTip(
            self.tr(
                "Per entry: the backprop gradient, the central difference and "
                "|g_bp - g_fd| / (|g_bp| + |g_fd|) (below 1e-7 is a correct gradient)"
            )
        )
        self.gc_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.gc_table.verticalHeader().hide()
        self.gc_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        gl.addWidget(self.gc_table)
        self.tabs.addTab(gc_page, self.tr("Gradient check"))
        self.tabs.currentChanged.connect(lambda _i: self._gradient_check())
        split.setSizes([215, 1045])
        lower.setSizes([560, 485])

    # ------------------------------------------------------------------ reading
    @property
    def stage(self) -> Stage | None:
        if not self.positions:
            return None
        s, i = self.positions[self.pos]
        return self.steps[s].stages[i]

    @property
    def step(self) -> _Step | None:
        return self.steps[self.positions[self.pos][0]] if self.positions else None

    def training_indices(self) -> np.ndarray:
        p = self.model.project
        return np.flatnonzero(p.data.split == 0)

    def ledger_texts(self) -> list[str]:
        """``quantity = formula = value`` of the visible ledger rows (tests, copying)."""
        out = []
        for r in range(self.ledger.rowCount()):
            if not self.ledger.isRowHidden(r):
                cells = [self.ledger.item(r, c).text() for c in range(3)]
                out.append(" = ".join(c for c in cells if c))
        return out

    def _version_at(self, flat: int) -> int:
        s, i = self.positions[flat]
        return s + (1 if i > self.steps[s].update_at else 0)

    # ------------------------------------------------------------------ sample
    def _initial_sample(self) -> int:
        train = self.training_indices()
        sel = self.model.selected_point
        if sel in set(train.tolist()):
            return int(sel)
        return int(train[0]) if len(train) else -1

    def _spin_sample(self, value: int) -> None:
        train = self.training_indices()
        if not len(train):
            return
        if value not in set(train.tolist()):
            forward = value > self.sample
            cand = train[train > value] if forward else train[train < value][::-1]
            if not len(cand):
                cand = train[train < value][::-1] if forward else train[train > value]
            value = int(cand[0])
            with _Blocked(self.sample_spin):
                self.sample_spin.setValue(value)
        if value != self.sample:
            self.set_sample(value)

    def _selected_point(self, index: int) -> None:
        if index < 0 or index == self.sample:
            return
        if index not in set(self.training_indices().tolist()):
            split = int(self.model.project.data.split[index])
            text = (
                self.tr(
                    "Point #{index} is a training point: the stepper uses training points only."
                ),
                self.tr(
                    "Point #{index} is a validation point: the stepper uses training points only."
                ),
                self.tr("Point #{index} is a test point: the stepper uses training points only."),
            )[split]
            self._show_note(text.format(index=index))
            return
        self.set_sample(index)

    def set_sample(self, index: int) -> None:
        """Step through an update on the training point ``index`` (from the current
        weights; the history before the current point is kept)."""
        self._restart(index)

    # ------------------------------------------------------------------ history
    def _batch_indices(self, sample: int) -> list[int]:
        train = self.training_indices().tolist()
        if sample not in train:
            return []
        start = train.index(sample)
        B = min(self.batch_spin.value(), len(train))
        return [train[(start + n) % len(train)] for n in range(B)]

    def _new_step(self, sample: int) -> _Step | None:
        p = self.model.project
        indices = self._batch_indices(sample)
        if not indices:
            return None
        plan = project_plan(p, indices)
        after = {
            "weights": weights_from_theta(p, plan.theta_after),
            "trainer_state": state_after(p, plan.velocity_after),
        }
        before = {"weights": p.weights, "trainer_state": p.trainer_state}
        return _Step(plan, build_stages(plan, self._digits), before, after, _key(p))

    def _restart(self, sample: int) -> None:
        """Keep the history up to the current version, then a new step on ``sample``."""
        self._pause()
        if self.positions and not self._stale:
            keep = self.version
            self.steps = self.steps[:keep]
        else:
            self.steps, self.version = [], 0
        self._stale = False
        self.sample = sample
        train = self.training_indices()
        with _Blocked(self.sample_spin):
            self.sample_spin.setRange(0, max(self.model.project.data.n - 1, 0))
            if sample >= 0:
                self.sample_spin.setValue(sample)
        with _Blocked(self.batch_spin):
            self.batch_spin.setMaximum(max(1, min(64, len(train))))
        step = self._new_step(sample) if sample >= 0 else None
        if step is None:
            self.steps, self.positions, self.version = [], [], 0
            self._show_note(
                self.tr("There are no training points: add points or change the split.")
            )
            self._refresh()
            return
        self.steps.append(step)
        self.version = len(self.steps) - 1
        self._rebuild_positions()
        self.pos = next(n for n, (s, _) in enumerate(self.positions) if s == len(self.steps) - 1)
        if sample != self.model.selected_point:
            self.model.set_selected_point(sample)
        self._refresh()

    def _rebuild_positions(self) -> None:
        self.positions = [(s, i) for s, st in enumerate(self.steps) for i in range(len(st.stages))]

    def _set_digits(self, digits: int) -> None:
        self._digits = digits
        for st in self.steps:
            st.stages = build_stages(st.plan, digits)
        self._refresh()

    # ------------------------------------------------------------------ navigation
    def next(self) -> None:
        if not self.positions:
            return
        if not self._fresh():
            return
        if self.pos + 1 < len(self.positions):
            self.go_to(self.pos + 1)
            return
        # Past the last stage: a new update on the same sample, from the new weights.
        step = self._new_step(self.sample)
        if step is None:
            return
        self.steps.append(step)
        self._rebuild_positions()
        self.go_to(self.pos + 1)

    def back(self) -> None:
        if self.positions and self.pos > 0 and self._fresh():
            self.go_to(self.pos - 1)

    def go_to(self, flat: int) -> None:
        """Show the stage at ``flat`` in the history, applying or undoing updates so the
        project's weights are the ones of that point."""
        if not 0 <= flat < len(self.positions):
            return
        self._set_version(self._version_at(flat))
        self.pos = flat
        self._refresh()
        self.stage_changed.emit(flat)

    def _list_clicked(self, item: QListWidgetItem) -> None:
        flat = self.stage_list.row(item)
        if flat != self.pos and self._fresh():
            self.go_to(flat)

    def _set_version(self, target: int) -> None:
        if target == self.version:
            return
        self._pause()
        model = self.model
        stack = model.undo_stack
        self._applying = True
        try:
            while self.version < target:
                st = self.steps[self.version]
                p = replace(model.project, **st.after)
                text = self.tr(STEP_TEXT).format(st.label)
                model.edit(p, text, ("weights", "trainer_state"))
                st.undo_index = stack.index()
                self.version += 1
            while self.version > target:
                st = self.steps[self.version - 1]
                if st.undo_index is not None and stack.index() == st.undo_index:
                    stack.undo()  # restores the fields stored before the edit, exactly
                else:
                    p = replace(model.project, **st.before)
                    model.edit(p, self.tr("Undo backprop step"), ("weights", "trainer_state"))
                st.undo_index = None
                self.version -= 1
        finally:
            self._applying = False

    # ------------------------------------------------------------------ outside changes
    def _pause(self) -> None:
        if self.controller is not None:
            self.controller.pause()

    def _expected_weights(self):
        if self.version < len(self.steps):
            return self.steps[self.version].before["weights"]
        return self.steps[-1].after["weights"] if self.steps else None

    def _fresh(self) -> bool:
        """Before a move: the project must still be where the history left it; else the
        history restarts from the current project (and False is returned)."""
        self._pause()
        p = self.model.project
        ok = (
            not self._stale
            and bool(self.steps)
            and self.steps[0].project_key == _key(p)
            and same_weights(self._expected_weights(), p.weights)
        )
        if not ok:
            self._stale = True
            sample = self.sample if self.sample < p.data.n else self._initial_sample()
            if sample not in set(self.training_indices().tolist()):
                sample = self._initial_sample()
            self._restart(sample)
            self._show_note(
                self.tr("The project changed: the step restarted from the current weights.")
            )
        return ok

    def _project_changed(self) -> None:
        if self._applying:
            return
        if self.controller is not None and self.controller.running:
            self._training_moved()
            return
        self._stale = True
        self._fresh()

    def _training_moved(self) -> None:
        if self._applying or self._stale:
            return
        self._stale = True
        self._show_note(
            self.tr("Training moved the weights: press Next to restart the step from them.")
        )

    def _show_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))

    # ------------------------------------------------------------------ display
    def _refresh(self) -> None:
        stage = self.stage
        self._fill_list()
        has = stage is not None
        self.next_button.setEnabled(has)
        self.back_button.setEnabled(has and self.pos > 0)
        if not has:
            for w in (self.title_label, self.formula_label, self.matrix_label, self.class_label):
                w.setText("")
            self.ledger.setRowCount(0)
            self.diagram.show_stage([], None, self._digits)
            return
        if not self._stale:
            self._show_note("")
        self._class_text()
        step = self.step
        s, i = self.positions[self.pos]
        self.position_label.setText(
            self.tr("Update {u}: stage {i}/{n}").format(u=s + 1, i=i + 1, n=len(step.stages))
        )
        self.position_label.setToolTip(
            self.tr("The update of this step is applied")
            if self.version > s
            else self.tr("The update of this step is not applied yet")
        )
        self.title_label.setText(stage_title(stage.title))
        self.formula_label.setText(pretty(stage.formula))
        self._show_matrices()
        self._fill_ledger(stage)
        self.diagram.show_stage(step.plan.net.sizes, stage, self._digits)
        self._gc_key = None
        self._gradient_check()

    def _show_matrices(self) -> None:
        """Small layers as matrices, in as many bands as the width needs."""
        stage = self.stage
        if stage is None:
            return
        cw = max(self.matrix_label.fontMetrics().horizontalAdvance("0"), 1)
        width = max(40, (self.title_label.width() - 24) // cw)
        text = matrix_text(stage.matrices, min(self._digits, 5), gap=3, width=width)
        self.matrix_label.setText(text)
        self.matrix_scroll.setVisible(bool(text))
        if text:
            lines = text.count("\n") + 1
            lh = self.matrix_label.fontMetrics().lineSpacing()
            self.matrix_scroll.setFixedHeight(min(lines, 9) * lh + 12)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._show_matrices()

    def _class_text(self) -> None:
        p = self.model.project
        i = self.sample
        if not 0 <= i < p.data.n:
            self.class_label.setText("")
            return
        if p.task == "classification":
            c = int(p.data.y[i])
            color = class_color(c)
            text = self.tr("● class {c}").format(c=c + 1)  # 1-based, as on the plane
            self.class_label.setText(f"<b><span style='color:{color}'>{text}</span></b>")
        else:
            y = np.atleast_1d(p.data.y[i])
            values = ", ".join(fmt(v, self._digits) for v in y)
            self.class_label.setText(self.tr("target y = {values}").format(values=values))

    def _fill_list(self) -> None:
        lw = self.stage_list
        with _Blocked(lw):
            lw.clear()
            many = len(self.steps) > 1
            for n, (s, i) in enumerate(self.positions):
                st = self.steps[s]
                title = stage_title(st.stages[i].title)
                text = f"{i + 1}. {stage_short(st.stages[i].short)}"
                if many:
                    text = f"U{s + 1} · {text}"
                item = QListWidgetItem(text)
                item.setToolTip(
                    self.tr("Update {u} on sample {sample}: {title}").format(
                        u=s + 1, sample=st.label, title=title
                    )
                )
                if n > self.pos:
                    item.setForeground(QBrush(QColor("#888888")))
                if st.stages[i].is_update:
                    f = QFont(lw.font())
                    f.setBold(True)
                    item.setFont(f)
                lw.addItem(item)
            if self.positions:
                lw.setCurrentRow(self.pos)
                lw.scrollToItem(lw.item(self.pos), QAbstractItemView.ScrollHint.PositionAtCenter)

    def _fill_ledger(self, stage: Stage) -> None:
        t = self.ledger
        t.setUpdatesEnabled(False)
        t.setRowCount(len(stage.rows))
        for r, row in enumerate(stage.rows):
            for c, text in enumerate((row.quantity, row.formula, row.value)):
                item = QTableWidgetItem(text)
                item.setToolTip(row.text)
                if c == 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                t.setItem(r, c, item)
        self._apply_filter()
        self._fit_rows()
        t.setUpdatesEnabled(True)

    def _fit_rows(self) -> None:
        """Row heights for the wrapped formulas (again whenever the columns resize)."""
        if self.ledger.rowCount() <= 300:
            self.ledger.resizeRowsToContents()

    def _apply_filter(self) -> None:
        stage = self.stage
        if stage is None:
            return
        q = self.filter_edit.text()
        for r, row in enumerate(stage.rows):
            self.ledger.setRowHidden(r, not row_matches(row, q))

    def _gradient_check(self, force: bool = False) -> None:
        if self.tabs.currentIndex() != 1 and not force:
            return
        step, stage = self.step, self.stage
        if step is None:
            return
        plan = step.plan
        samples = [stage.sample] if stage.sample is not None else list(range(len(plan.traces)))
        key = (id(step), tuple(samples))
        if key == self._gc_key:
            return
        if plan.net.theta.size > GRADCHECK_AUTO and not force:
            self.gc_summary.setText(
                self.tr("{n} parameters: press the button to run the check.").format(
                    n=plan.net.theta.size
                )
            )
            self.gc_table.setRowCount(0)
            return
        X = np.array([plan.traces[s].x for s in samples])
        Y = np.array([plan.traces[s].target for s in samples])
        per_tensor, entries = entry_gradient_check(plan.net, X, Y, plan.hp)
        self._gc_key = key
        who = (
            self.tr("sample #{index}").format(index=plan.indices[samples[0]])
            if len(samples) == 1
            else self.tr("the mini-batch of {n}").format(n=len(samples))
        )
        worst = max(per_tensor.values()) if per_tensor else 0.0
        verdict = self.tr("backprop agrees") if worst < 1e-6 else self.tr("CHECK FAILED")
        parts = ", ".join(f"{k}: {v:.1e}" for k, v in per_tensor.items())
        self.gc_summary.setText(
            self.tr(
                "Gradient check on {who} (weights before the update), central differences "
                "eps = 1e-5. Relative error per tensor: {parts}. {verdict}."
            ).format(who=who, parts=parts, verdict=verdict)
        )
        d = self._digits
        t = self.gc_table
        t.setRowCount(len(entries))
        for r, e in enumerate(entries):
            vals = (e.name, fmt(e.backprop, d), fmt(e.numeric, d), f"{e.relative_error:.2e}")
            for c, text in enumerate(vals):
                t.setItem(r, c, QTableWidgetItem(text))


class _Blocked:
    """``with _Blocked(widget):`` no signals (model-to-widget updates without feedback)."""

    def __init__(self, widget):
        self.widget = widget

    def __enter__(self):
        self._old = self.widget.blockSignals(True)

    def __exit__(self, *exc):
        self.widget.blockSignals(self._old)
