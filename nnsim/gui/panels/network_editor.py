"""The topology panel: hidden layers, neurons per layer, activations, output + loss, inputs.

Every change is one undoable edit of the project (``nnsim.project.edits``); training is
paused first so the worker and the edit never share a network. A refused edit shows its
message inline in red (never a dialog).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nnsim.core.activations import ACTIVATIONS, OUTPUT_ACTIVATIONS
from nnsim.core.features import FEATURES, available_features
from nnsim.core.losses import LOSSES, VALID_PAIRS
from nnsim.gui.model.project_model import ProjectModel
from nnsim.project import edits
from nnsim.project.enums import Task
from nnsim.project.limits import MAX_HIDDEN_LAYERS, MAX_NEURONS

MAX_LAYERS = MAX_HIDDEN_LAYERS  # the limits table: files, the CLI and this editor agree

LOSS_TEXT = {  # marked for translation, translated in pair_label
    "cross_entropy": QT_TRANSLATE_NOOP("NetworkEditor", "cross-entropy (-ln f(x)_y)"),
    "binary_cross_entropy": QT_TRANSLATE_NOOP("NetworkEditor", "binary cross-entropy"),
    "squared_error": QT_TRANSLATE_NOOP("NetworkEditor", "squared error (1/2 (f(x) - y)^2)"),
}
# The output + loss pairs offered per task, default first.
CLASSIFICATION_PAIRS = [("softmax", "cross_entropy"), ("softmax", "squared_error")]
BINARY_PAIRS = [("sigmoid", "binary_cross_entropy"), ("sigmoid", "squared_error")]
REGRESSION_PAIRS = [("linear", "squared_error"), ("tanh", "squared_error")]


def pair_key(output: str, loss: str) -> str:
    """The combo item data of an output + loss pair (a string: Qt compares it reliably)."""
    return f"{output}|{loss}"


def pair_label(output: str, loss: str) -> str:
    return f"{output} + {QCoreApplication.translate('NetworkEditor', LOSS_TEXT.get(loss, loss))}"


def pair_tooltip(output: str, loss: str) -> str:
    o = OUTPUT_ACTIVATIONS[output].formula if output in OUTPUT_ACTIVATIONS else output
    l_ = LOSSES[loss].formula if loss in LOSSES else loss
    return QCoreApplication.translate(
        "NetworkEditor", "Output f(x) = o(a^(L+1)) with {o}\nLoss {loss}"
    ).format(o=o, loss=l_)


def activation_tooltip(name: str) -> str:
    act = ACTIVATIONS[name]
    return f"{name}: {act.formula}\n{act.derivative_formula}"


def _button(text: str, tooltip: str) -> QToolButton:
    b = QToolButton()
    b.setText(text)
    b.setToolTip(tooltip)
    b.setAutoRaise(False)
    b.setFixedWidth(26)
    return b


class _LayerRow:
    """The widgets of one hidden layer row: "Layer k", - count +, activation combo."""

    def __init__(self, editor: NetworkEditor, index: int):
        self.index = index
        self.editor = editor
        self.label = QLabel(
            QCoreApplication.translate("NetworkEditor", "Layer {k}").format(k=index + 1)
        )
        self.minus = _button("−", "")
        self.count = QLabel()
        self.count.setMinimumWidth(72)
        self.count.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.plus = _button("+", "")
        self.combo = QComboBox()
        for name in ACTIVATIONS:
            self.combo.addItem(name, name)
            self.combo.setItemData(
                self.combo.count() - 1, activation_tooltip(name), Qt.ItemDataRole.ToolTipRole
            )
        self.widgets = (self.label, self.minus, self.count, self.plus, self.combo)
        self.minus.clicked.connect(lambda: editor.remove_neuron(self.index))
        self.plus.clicked.connect(lambda: editor.add_neuron(self.index))
        self.combo.currentIndexChanged.connect(
            lambda _i: editor.set_activation(self.index, self.combo.currentData())
        )

    def show(self, width: int, activation: str) -> None:
        k = self.index + 1
        self.count.setText(self.editor.neuron_count_text(width))
        self.count.setToolTip(
            QCoreApplication.translate(
                "NetworkEditor", "H_{k} = {width}: the rows of W^({k}) and the columns of W^({k1})"
            ).format(k=k, width=width, k1=k + 1)
        )
        self.minus.setEnabled(width > 1)
        self.minus.setToolTip(
            QCoreApplication.translate(
                "NetworkEditor",
                "Remove the last neuron of layer {k} (its row of W^({k}) and column of W^({k1}))",
            ).format(k=k, k1=k + 1)
            if width > 1
            else QCoreApplication.translate(
                "NetworkEditor", "A layer needs at least one neuron; remove the layer instead"
            )
        )
        self.plus.setEnabled(width < MAX_NEURONS)
        self.plus.setToolTip(
            QCoreApplication.translate(
                "NetworkEditor",
                "Add a neuron to layer {k}: a fresh row of W^({k}), a zero column of W^({k1}) "
                "(the network's output does not change)",
            ).format(k=k, k1=k + 1)
            if width < MAX_NEURONS
            else QCoreApplication.translate(
                "NetworkEditor", "A layer holds at most {max} neurons"
            ).format(max=MAX_NEURONS)
        )
        with QSignalBlocker(self.combo):
            self.combo.setCurrentIndex(max(self.combo.findData(activation), 0))
        self.combo.setToolTip(
            QCoreApplication.translate(
                "NetworkEditor", "Activation of layer {k}: h^({k}) = g(a^({k}))"
            ).format(k=k)
            + "\n"
            + activation_tooltip(activation)
        )


class NetworkEditor(QWidget):
    """Edits the topology of ``model.project``. Constructed ``NetworkEditor(model, controller)``."""

    def __init__(self, model: ProjectModel, controller=None, parent=None):
        super().__init__(parent)
        self.model = model
        self.controller = controller
        self.rows: list[_LayerRow] = []
        self.feature_boxes: dict[str, QCheckBox] = {}

        self.layers_label = QLabel()
        self.layers_minus = _button("−", "")
        self.layers_plus = _button("+", "")
        self.layers_minus.clicked.connect(self.remove_layer)
        self.layers_plus.clicked.connect(self.add_layer)
        top = QHBoxLayout()
        top.addWidget(self.layers_label, 1)
        top.addWidget(self.layers_minus)
        top.addWidget(self.layers_plus)

        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(4)
        self.grid.setColumnStretch(4, 1)

        self.output_combo = QComboBox()
        self.output_combo.currentIndexChanged.connect(self._output_chosen)
        out = QHBoxLayout()
        out.addWidget(QLabel(self.tr("Output")))
        out.addWidget(self.output_combo, 1)

        self.features_box = QGroupBox(self.tr("Input features h^(0)"))
        self.features_box.setToolTip(
            self.tr("What the network sees of each point: x is fed in as h^(0)")
        )
        self.features_grid = QGridLayout(self.features_box)

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c0392b;")
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.setToolTip(self.tr("Why the last network edit was refused"))
        self.error_label.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addLayout(self.grid)
        layout.addLayout(out)
        layout.addWidget(self.features_box)
        layout.addWidget(self.error_label)
        layout.addStretch(1)

        for sig in (model.network_changed, model.project_replaced, model.data_changed):
            sig.connect(self.refresh)
        self.refresh()

    def neuron_count_text(self, width: int) -> str:
        """ "1 neuron", "4 neurons"."""
        return self.tr("1 neuron") if width == 1 else self.tr("{n} neurons").format(n=width)

    # ------------------------------------------------------------------ model -> widgets
    def refresh(self) -> None:
        """Show the current topology (rows are reused; no signal feeds back to the model)."""
        p = self.model.project
        hidden = p.network.hidden
        n = len(hidden)
        self.layers_label.setText(self.tr("Hidden layers: {n}").format(n=n))
        self.layers_label.setToolTip(
            self.tr("L, the number of hidden layers (0 = no hidden layer)")
        )
        self.layers_minus.setEnabled(n > 0)
        self.layers_minus.setToolTip(
            self.tr("Remove hidden layer {n} (the last one)").format(n=n)
            if n
            else self.tr("There is no hidden layer to remove")
        )
        self.layers_plus.setEnabled(n < MAX_LAYERS)
        self.layers_plus.setToolTip(
            self.tr("Add hidden layer {n} at the end (4 neurons, fresh weights)").format(n=n + 1)
            if n < MAX_LAYERS
            else self.tr("At most {max} hidden layers").format(max=MAX_LAYERS)
        )
        while len(self.rows) > n:
            row = self.rows.pop()
            for w in row.widgets:
                self.grid.removeWidget(w)
                w.deleteLater()
        while len(self.rows) < n:
            row = _LayerRow(self, len(self.rows))
            for col, w in enumerate(row.widgets):
                self.grid.addWidget(w, row.index, col)
            self.rows.append(row)
        for row, layer in zip(self.rows, hidden):
            row.show(layer.width, layer.activation)
        self._refresh_output()
        self._refresh_features()

    def output_pairs(self) -> list[tuple[str, str]]:
        """The output activation + loss pairs offered for the project's task."""
        p = self.model.project
        if p.task == Task.CLASSIFICATION:
            pairs = CLASSIFICATION_PAIRS + (BINARY_PAIRS if p.n_classes == 2 else [])
        else:
            pairs = list(REGRESSION_PAIRS)
        pairs = [pair for pair in pairs if pair in VALID_PAIRS]
        current = (p.network.output_activation, p.network.loss)
        if current not in pairs:
            pairs.append(current)
        return pairs

    def _refresh_output(self) -> None:
        p = self.model.project
        combo = self.output_combo
        current = (p.network.output_activation, p.network.loss)
        with QSignalBlocker(combo):
            combo.clear()
            for pair in self.output_pairs():
                combo.addItem(pair_label(*pair), pair_key(*pair))
                combo.setItemData(
                    combo.count() - 1, pair_tooltip(*pair), Qt.ItemDataRole.ToolTipRole
                )
            combo.setCurrentIndex(max(combo.findData(pair_key(*current)), 0))
        combo.setToolTip(self.tr("Output activation and loss") + "\n" + pair_tooltip(*current))

    def _refresh_features(self) -> None:
        p = self.model.project
        names = available_features(p.data.X.shape[1]) if p.data.X.shape[1] in (1, 2) else []
        if list(self.feature_boxes) != names:
            for box in self.feature_boxes.values():
                self.features_grid.removeWidget(box)
                box.deleteLater()
            self.feature_boxes = {}
            for n, name in enumerate(names):
                box = QCheckBox(FEATURES[name].label)
                box.toggled.connect(lambda on, name=name: self.toggle_feature(name, on))
                self.features_grid.addWidget(box, n // 3, n % 3)
                self.feature_boxes[name] = box
        chosen = set(p.features)
        for name, box in self.feature_boxes.items():
            only = name in chosen and len(chosen) == 1
            with QSignalBlocker(box):
                box.setChecked(name in chosen)
            box.setEnabled(not only)
            box.setToolTip(
                self.tr("At least one input feature must stay checked")
                if only
                else self.tr(
                    "Feed {name} to the network as an input (W^(1) is re-initialized)"
                ).format(name=name)
            )

    # ------------------------------------------------------------------ widgets -> model
    def _edit(self, make: Callable, text: str) -> bool | None:
        """The one place edits are made (by the session, on top of the training so far):
        True if made, False if refused (the reason is shown), None while training pauses."""
        self.show_error("")
        return self.controller.edit(text, make, self._refused)

    def _refused(self, exc: ValueError) -> None:
        self.show_error(str(exc))
        self.refresh()

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def add_layer(self) -> None:
        hidden = self.model.project.network.hidden
        g = hidden[-1].activation if hidden else "tanh"
        n = len(hidden)
        text = self.tr("Add hidden layer {n}").format(n=n + 1)
        self._edit(lambda p: edits.add_layer(p, n, 4, g), text)

    def remove_layer(self) -> None:
        n = len(self.model.project.network.hidden)
        text = self.tr("Remove hidden layer {n}").format(n=n)
        self._edit(lambda p: edits.remove_layer(p, n - 1), text)

    def add_neuron(self, index: int) -> None:
        text = self.tr("Add neuron to layer {k}").format(k=index + 1)
        self._edit(lambda p: edits.add_neuron(p, index), text)

    def remove_neuron(self, index: int) -> None:
        text = self.tr("Remove neuron from layer {k}").format(k=index + 1)
        self._edit(lambda p: edits.remove_neuron(p, index), text)

    def set_activation(self, index: int, name: str) -> None:
        if self.model.project.network.hidden[index].activation == name:
            return
        self._edit(
            lambda p: edits.set_activation(p, index, name),
            self.tr("Change activation of layer {k} to {name}").format(k=index + 1, name=name),
        )

    def _output_chosen(self, _index: int) -> None:
        key = self.output_combo.currentData()
        net = self.model.project.network
        if not key or key == pair_key(net.output_activation, net.loss):
            return
        pair = tuple(key.split("|"))
        text = self.tr("Use {output}").format(output=pair_label(*pair))
        self._edit(lambda p: edits.set_output(p, *pair), text)

    def toggle_feature(self, name: str, on: bool) -> None:
        p = self.model.project
        chosen = set(p.features) | {name} if on else set(p.features) - {name}
        features = [n for n in self.feature_boxes if n in chosen]
        if not features:
            self.show_error(self.tr("At least one input feature must stay checked."))
            self.refresh()
            return
        text = (
            self.tr("Add input feature {name}") if on else self.tr("Remove input feature {name}")
        ).format(name=name)
        self._edit(lambda p: edits.set_features(p, features), text)
