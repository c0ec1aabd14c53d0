"""A project as a self-contained PyTorch script (``nnsim export PROJECT --to torch``).

The script's text is `nnsim.project.export.torch_template.TEMPLATE`; this module fills its
slots. What varies with the project (which features, which output activation and loss,
which schedule) is written as the one expression that applies, so a student reads the
formula of their own network rather than a table of every choice nnsim offers.
"""

from __future__ import annotations

import json
import math
import re
import textwrap

import numpy as np

from nnsim.project.document import Project
from nnsim.project.enums import Task
from nnsim.project.export.torch_template import TEMPLATE

# Each input feature of nnsim.core.features as a torch expression of the raw points X.
FEATURE_EXPRESSIONS = {
    "x1": "X[:, 0]",
    "x2": "X[:, 1]",
    "x1^2": "X[:, 0] ** 2",
    "x2^2": "X[:, 1] ** 2",
    "x1*x2": "X[:, 0] * X[:, 1]",
    "sin(x1)": "torch.sin(X[:, 0])",
    "sin(x2)": "torch.sin(X[:, 1])",
}

# output activation o: (docstring formula, torch expression of a)
OUTPUTS = {
    "softmax": ("softmax: o(a)_c = e^(a_c) / sum_c' e^(a_c')", "torch.softmax(a, dim=1)"),
    "sigmoid": ("sigmoid: o(a) = 1 / (1 + e^(-a))", "torch.sigmoid(a)"),
    "tanh": ("tanh: o(a) = (e^(2a) - 1) / (e^(2a) + 1)", "torch.tanh(a)"),
    "linear": ("linear: o(a) = a", "a"),
}

# loss l(f(x), y): (docstring formula, function body)
LOSSES = {
    "cross_entropy": (
        "l(f(x), y) = -ln f(x)_y = -sum_c e(y)_c ln f(x)_c",
        "return -(Y * torch.log(f.clamp_min(TINY))).sum(dim=1)",
    ),
    "squared_error": (
        "l(f(x), y) = 1/2 sum_c (f(x)_c - y_c)^2",
        "d = f - Y\nreturn 0.5 * (d * d).sum(dim=1)",
    ),
    "binary_cross_entropy": (
        "l(f(x), y) = -sum_c [y_c ln f(x)_c + (1 - y_c) ln(1 - f(x)_c)]",
        "ln_f = torch.log(f.clamp_min(TINY))\n"
        "ln_1_minus_f = torch.log((1 - f).clamp_min(TINY))\n"
        "return -(Y * ln_f + (1 - Y) * ln_1_minus_f).sum(dim=1)",
    ),
}

# schedule: (docstring formula, torch expression of alpha and t)
SCHEDULES = {
    "constant": ("alpha_t = alpha (constant)", "alpha"),
    "inverse": ("alpha_t = alpha / (1 + delta t)", 'alpha / (1.0 + HYPER["decay"] * t)'),
    "power": ("alpha_t = alpha / t^delta", 'alpha / t ** HYPER["decay"]'),
}


def script_text(p: Project, file_name: str = "net.py") -> str:
    """The text of a PyTorch script that rebuilds, evaluates and trains ``p``'s network.

    Parameters
    ----------
    p : Project
        Its weights (or the seeded initialization when it has none), data, split,
        features, hyperparameters and optimizer velocity are written into the script.
    file_name : str
        The name the script is saved under, for its usage text.

    Returns
    -------
    str
        Python source whose only import beyond the standard library is torch.
    """
    net = p.build_network(np.float64)
    classes = p.task == Task.CLASSIFICATION
    schedule_doc, schedule_expr = SCHEDULES[p.hyper.schedule]
    output_doc, output_expr = OUTPUTS[p.network.output_activation]
    loss_doc, loss_code = LOSSES[p.network.loss]
    target_doc, target_code = _targets(classes, net.n_outputs)
    slots = {
        "TITLE": _plain(p.title or "Untitled network"),
        "FILE": _plain(file_name),
        "DTYPE": p.hyper.dtype,
        "N_RAW": str(p.data.X.shape[1]),
        "FEATURE_LINES": "\n".join(
            f"        {FEATURE_EXPRESSIONS[name]},  # {name}" for name in p.features
        ),
        "TARGET_DOC": target_doc,
        "TARGET_CODE": textwrap.indent(target_code, "    "),
        "OUTPUT_DOC": output_doc,
        "OUTPUT_EXPR": output_expr,
        "LOSS_DOC": loss_doc,
        "LOSS_CODE": textwrap.indent(loss_code, "    "),
        "SCHEDULE_DOC": schedule_doc,
        "SCHEDULE_EXPR": schedule_expr,
        "Y_DTYPE": "torch.long" if classes else "torch.float64",
        "TASK": p.task,
        "N_CLASSES": str(p.n_classes),
        "SIZES": repr(list(p.sizes)),
        "ACTIVATIONS": json.dumps(list(p.activations)),
        "HYPER": "\n".join(f"    {k!r}: {_value(v)}," for k, v in p.hyper.to_dict().items()),
        "EPOCH": str(p.epoch),
        "WEIGHTS": _layers(net.params(), "trained"),
        "VELOCITY": _velocity(p, net),
        "Y_WHAT": "classes" if classes else "targets",
        "X_RAW": "\n".join(f"    {_row(x)}," for x in p.data.X),
        "Y_RAW": _wrapped(p.data.y.tolist(), "    "),
        "SPLIT": _wrapped(p.data.split.tolist(), "    "),
    }
    return re.sub(r"@@([A-Z_0-9]+)@@", lambda m: slots[m.group(1)], TEMPLATE)


def _targets(classes: bool, n_outputs: int) -> tuple[str, str]:
    if classes and n_outputs > 1:
        return (
            "the one-hot e(y) of the class y",
            "return nn.functional.one_hot(y, N_CLASSES).to(DTYPE)",
        )
    what = "the class y, 0 or 1, for the single output" if classes else "the target y"
    return what, "return y.reshape(-1, 1).to(DTYPE)"


def _velocity(p: Project, net) -> str:
    """The optimizer's velocity split into layers, or None before any training."""
    state = p.trainer_state
    if state is None or state.velocity is None or state.velocity.shape != net.theta.shape:
        return "None"
    layers = [
        (state.velocity[ws].reshape(net.W[k].shape), state.velocity[bs])
        for k, (ws, bs) in enumerate(net.slices[1:], start=1)
    ]
    return "[\n" + _layers(layers, "velocity") + "\n]"


def _layers(pairs, what: str) -> str:
    """``(W, b)`` pairs as a readable literal, one weight row per line."""
    parts = []
    for k, (W, b) in enumerate(pairs, start=1):
        shape = f"W^({k}) {W.shape}, b^({k}) ({len(b)},)"
        rows = "\n".join(_wrapped_row(row, "            ") + "," for row in W)
        parts.append(
            f"    (  # layer {k}, {what}: {shape}\n        [\n{rows}\n        ],\n"
            f"{_wrapped_row(b, '        ')},\n    ),"
        )
    return "\n".join(parts)


def _num(x) -> str:
    """A float literal that reads back to exactly the same float64."""
    x = float(x)
    if math.isfinite(x):
        return repr(x)
    return "math.nan" if math.isnan(x) else ("math.inf" if x > 0 else "-math.inf")


def _row(values) -> str:
    return "[" + ", ".join(_num(v) for v in values) + "]"


def _wrapped_row(values, indent: str) -> str:
    """``[a, b, ...]`` on one line, or wrapped at 100 columns for a wide layer."""
    line = indent + _row(values)
    if len(line) <= 100:
        return line
    body = _wrapped([_num(v) for v in values], indent + "    ", literal=True)
    return f"{indent}[\n{body}\n{indent}]"


def _wrapped(values, indent: str, literal: bool = False) -> str:
    """Comma-separated values filling lines of at most 100 columns."""
    items = [v if literal else (_num(v) if isinstance(v, float) else repr(v)) for v in values]
    text = ", ".join(items) + ("," if items else "")
    return textwrap.fill(
        text,
        100,
        initial_indent=indent,
        subsequent_indent=indent,
        break_on_hyphens=False,  # never split "1e-05" or "-0.5"
        break_long_words=False,
    )


def _value(v) -> str:
    """A Python literal in the style of the rest of the script (double quotes)."""
    if isinstance(v, str):
        return json.dumps(v)
    return _num(v) if isinstance(v, float) else repr(v)


def _plain(text: str) -> str:
    """One line that is safe inside the script's docstring."""
    return " ".join(str(text).replace("\\", "/").replace('"', "'").split())
