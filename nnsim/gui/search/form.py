"""The search form's parts: one row per searched parameter (a checkbox and its values or
range), the defaults of grid and random search, and the note on the test set's one use."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QCheckBox, QLineEdit

from nnsim.core.search_space import LINEAR_RANGES, LOG_RANGES, parse_range, parse_values
from nnsim.gui.search.results import error_text, param_label
from nnsim.project.searching import config_from_row
from nnsim.runtime.search import describe

# Starting values of the form: grid lists and random ranges (or lists to pick from).
GRID_DEFAULTS = {
    "learning_rate": "0.01, 0.03, 0.1, 0.3",
    "hidden": "2; 4; 8; 8,8",
    "reg_lambda": "0, 0.0001, 0.001, 0.01",
    "momentum": "0, 0.5, 0.9",
    "batch_size": "1, 10, 32",
    "schedule": "constant, inverse",
    "max_epochs": "50, 200",
}
RANDOM_DEFAULTS = {
    "learning_rate": "0.0001 : 1",
    "hidden": "2; 4; 8; 8,8",
    "reg_lambda": "0.00001 : 0.1",
    "momentum": "0 : 0.95",
    "batch_size": "1 : 64",
    "schedule": "constant, inverse",
    "max_epochs": "20 : 500",
}
# Marked for translation here (context SearchDialog), translated where shown.
TIPS = {
    "learning_rate": QT_TRANSLATE_NOOP(
        "SearchDialog",
        "Learning rate alpha in theta <- theta - alpha grad. "
        "Random search draws it log-uniformly (the lecture: search it on a log scale).",
    ),
    "hidden": QT_TRANSLATE_NOOP(
        "SearchDialog",
        "Hidden layer widths H_1..H_L: layers separated by ';', "
        "widths within a network by ',' (\"4; 8; 8,8\": one layer of 4, one of 8, two of 8).",
    ),
    "reg_lambda": QT_TRANSLATE_NOOP(
        "SearchDialog",
        "lambda of the penalty lambda Omega(theta) on the weights: "
        "L2 lambda ||W||^2 or L1 lambda sum|W|. Random search draws it log-uniformly.",
    ),
    "momentum": QT_TRANSLATE_NOOP(
        "SearchDialog", "beta in v = grad + beta v_prev (0 = plain SGD)."
    ),
    "batch_size": QT_TRANSLATE_NOOP("SearchDialog", "Samples per SGD update (1 = per-sample SGD)."),
    "schedule": QT_TRANSLATE_NOOP(
        "SearchDialog",
        "Learning-rate schedule: constant alpha, alpha/(1 + delta t) "
        "or alpha/t^delta (delta from the Training panel).",
    ),
    "max_epochs": QT_TRANSLATE_NOOP("SearchDialog", "How many epochs each configuration trains."),
}
TEST_NOTE_BEFORE = QT_TRANSLATE_NOOP(
    "SearchDialog",
    "Every configuration is trained on the training set and judged by its validation "
    "error. The test set is not used while searching: only the chosen model is tested, once.",
)


class ParamRow:
    """A checkbox and a text field for one searched parameter."""

    def __init__(self, name: str):
        self.name = name
        self.check = QCheckBox(param_label(name))
        self.edit = QLineEdit()
        self.texts = {"grid": GRID_DEFAULTS[name], "random": RANDOM_DEFAULTS[name]}
        self.method = "grid"
        self.edit.setText(self.texts["grid"])
        for w in (self.check, self.edit):
            w.setToolTip(QCoreApplication.translate("SearchDialog", TIPS[name]))
        self.check.toggled.connect(self.edit.setEnabled)
        self.edit.setEnabled(False)

    def set_method(self, method: str) -> None:
        self.texts[self.method] = self.edit.text()
        self.method = method
        self.edit.setText(self.texts[method])
        ranged = method == "random" and self.name in LOG_RANGES + LINEAR_RANGES
        if method == "grid":
            hint = QCoreApplication.translate("SearchDialog", "values separated by commas")
        elif ranged:
            if self.name in LOG_RANGES:
                scale = QCoreApplication.translate("SearchDialog", "log-uniform")
            else:
                scale = QCoreApplication.translate("SearchDialog", "uniform")
            hint = QCoreApplication.translate(
                "SearchDialog", "a range LOW : HIGH ({scale}), or a list to pick from"
            )
            hint = hint.format(scale=scale)
        else:
            hint = QCoreApplication.translate("SearchDialog", "a list to pick from")
        self.edit.setPlaceholderText(hint)

    def value(self):
        """('grid' | 'range' | 'choices', values); raises SearchError."""
        text = self.edit.text()
        if self.method == "random" and ":" in text:
            return "range", parse_range(self.name, text)
        return ("grid" if self.method == "grid" else "choices"), parse_values(self.name, text)


def search_note(search, classification: bool) -> str:
    """The note above the results: how the test set is used, and its one result."""
    if not search or search.get("best") is None:
        return QCoreApplication.translate("SearchDialog", TEST_NOTE_BEFORE)
    best = search["trials"][search["best"]]
    chosen = QCoreApplication.translate(
        "SearchDialog", "Chosen by validation error: {config}."
    ).format(config=describe(config_from_row(best)))
    test = search.get("test")
    if test is None or not test.get("n"):
        return (
            chosen
            + " "
            + QCoreApplication.translate(
                "SearchDialog", "The project has no test points, so there is no test error."
            )
        )
    err = error_text(test["error"], classification)
    return (
        chosen
        + "\n"
        + QCoreApplication.translate(
            "SearchDialog",
            "The test set was used once, for the chosen model: test error {err} ({n} points).",
        ).format(err=err, n=test["n"])
    )
