"""Hyperparameter search on a project: its data as a `TrialSpec`, applying a trial's
configuration and weights, and the saved search (``Project.search``).

``Project.search`` is a JSON-able dict (or None)::

    {"space": {...SearchSpace.to_dict()}, "seed": int, "total": int, "cancelled": bool,
     "trials": [{"index", "config", "val_error", "val_loss", "train_error", "train_loss",
                 "epochs", "seconds", "stop_reason"}, ...],
     "best": int | None,            # position in "trials" of the chosen configuration
     "test": {"error", "loss", "n"} | None,   # the best configuration's only test result
     "best_weights": [{"W", "b"}, ...] | None}
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from nnsim.core.search_space import PARAMS, SearchError, SearchSpace, apply_config, normalize
from nnsim.core.trainer import TrainerState
from nnsim.core.trials import SearchOutcome, TrialResult, TrialSpec
from nnsim.project import schema as s
from nnsim.project.build import make_network_spec
from nnsim.project.checks import check
from nnsim.project.document import Project
from nnsim.project.limits import MAX_NEURONS

SEARCH_KEYS = ("space", "seed", "total", "cancelled", "trials", "best", "test", "best_weights")
TRIAL_KEYS = (
    "index", "config", "val_error", "val_loss", "train_error", "train_loss", "epochs",
    "seconds", "stop_reason",
)  # fmt: skip


def trial_spec(p: Project) -> TrialSpec:
    """The project's data and fixed network part as plain arrays for `run_search`."""
    return TrialSpec(
        X=p.inputs(np.float64),
        y=np.asarray(p.data.y),
        split=np.asarray(p.data.split),
        task=p.task,
        hidden=tuple(layer.width for layer in p.network.hidden),
        activations=tuple(p.activations),
        output=p.network.output_activation,
        loss=p.network.loss,
        n_outputs=len(p.network.output_neurons),
        hyper=p.hyper,
    )


def apply_trial(
    p: Project,
    config: dict,
    weights,
    regularization: str = "l2",
    state: TrainerState | None = None,
    history=(),
) -> Project:
    """``p`` with a configuration's hyperparameters, hidden sizes and trained weights.

    With the trial's ``state`` and ``history`` training continues exactly where the
    trial stopped; without them (a search loaded from a file) the weights come with a
    fresh trainer state and an empty history.
    """
    hp = apply_config(p.hyper, config, regularization)
    network = p.network
    widths = tuple(config.get("hidden", tuple(layer.width for layer in network.hidden)))
    if widths != tuple(layer.width for layer in network.hidden):
        acts = p.activations
        if len(acts) != len(widths):
            acts = [acts[0] if acts else "tanh"] * len(widths)
        network = make_network_spec(
            widths, acts, network.output_activation, network.loss, len(network.output_neurons)
        )
    if state is None:
        history = ()
    weights = tuple((np.asarray(W, np.float64), np.asarray(b, np.float64)) for W, b in weights)
    return check(
        replace(
            p,
            hyper=hp,
            network=network,
            weights=weights,
            trainer_state=state,
            history=tuple(history),
        )
    )


def apply_best(p: Project, result: TrialResult | None = None) -> Project:
    """Apply the best trial: ``result`` (in memory, with its trainer state) or the one
    saved in ``p.search``.

    Raises
    ------
    ValueError
        If there is no search with a best trial.
    """
    search = p.search
    reg = (search or {}).get("space", {}).get("regularization", "l2")
    if result is not None:
        return apply_trial(p, result.config, result.weights, reg, result.state, result.history)
    if not search or search.get("best") is None or not search.get("best_weights"):
        raise ValueError("there is no search result to apply")
    row = search["trials"][search["best"]]
    weights = [(layer["W"], layer["b"]) for layer in search["best_weights"]]
    return apply_trial(p, config_from_row(row), weights, reg)


def config_from_row(row: dict) -> dict:
    """A saved table row's configuration (hidden sizes back as tuples)."""
    return {k: normalize(k, v) for k, v in row["config"].items()}


def search_doc(outcome: SearchOutcome) -> dict:
    """What ``Project.search`` stores for a finished search."""
    return outcome.to_dict(with_weights=True)


# ---------------------------------------------------------------------- reading a file
def read_search(v, path: str = "$.search") -> dict | None:
    """Check a saved search (decode): types of every value, weights, a sound best index."""
    if v is None:
        return None
    s.obj(v, path, SEARCH_KEYS)
    try:
        space = SearchSpace.from_dict(s.obj(v["space"], f"{path}.space", (), _SPACE_KEYS))
    except (SearchError, TypeError, ValueError) as e:
        s.fail(f"{path}.space", str(e))
    trials = s.array(v["trials"], f"{path}.trials", 10_000)
    rows = [_row(r, f"{path}.trials[{i}]") for i, r in enumerate(trials)]
    best = v["best"]
    if best is not None:
        s.integer(best, f"{path}.best", 0, max(len(rows) - 1, 0))
        if not rows:
            s.fail(f"{path}.best", "there are no trials")
    test = v["test"]
    if test is not None:
        s.obj(test, f"{path}.test", ("error", "loss", "n"))
        test = {
            "error": _opt_number(test["error"], f"{path}.test.error"),
            "loss": _opt_number(test["loss"], f"{path}.test.loss"),
            "n": s.integer(test["n"], f"{path}.test.n"),
        }
    weights = v["best_weights"]
    if weights is not None:
        layers = []
        for k, layer in enumerate(s.array(weights, f"{path}.best_weights", 17)):
            p = f"{path}.best_weights[{k}]"
            s.obj(layer, p, ("W", "b"))
            W = s.matrix(layer["W"], f"{p}.W", MAX_NEURONS, MAX_NEURONS)
            b = s.vector(layer["b"], f"{p}.b", MAX_NEURONS)
            if W.shape[0] != len(b):
                s.fail(f"{p}.b", f"needs {W.shape[0]} biases (one per row of W)")
            layers.append({"W": W.tolist(), "b": b.tolist()})
        weights = layers
    return {
        "space": space.to_dict(),
        "seed": s.integer(v["seed"], f"{path}.seed", 0, 2**32 - 1),
        "total": s.integer(v["total"], f"{path}.total", 0, 10_000),
        "cancelled": s.boolean(v["cancelled"], f"{path}.cancelled"),
        "trials": rows,
        "best": best,
        "test": test,
        "best_weights": weights,
    }


_SPACE_KEYS = ("method", "grid", "ranges", "choices", "n_trials", "seed", "regularization")


def _opt_number(v, path: str) -> float | None:
    return None if v is None else s.number(v, path)


def _row(r, path: str) -> dict:
    s.obj(r, path, TRIAL_KEYS)
    config = s.obj(r["config"], f"{path}.config", (), PARAMS)
    for name, value in config.items():
        p = f"{path}.config.{name}"
        if name == "hidden":
            s.vector(value, p, 16, whole=True)
        elif name == "schedule":
            s.string(value, p, 100)
        else:
            s.number(value, p)
    reason = r["stop_reason"]
    return {
        "index": s.integer(r["index"], f"{path}.index", 0, 10_000),
        "config": dict(config),
        **{
            k: _opt_number(r[k], f"{path}.{k}")
            for k in ("val_error", "val_loss", "train_error", "train_loss")
        },
        "epochs": s.integer(r["epochs"], f"{path}.epochs"),
        "seconds": s.number(r["seconds"], f"{path}.seconds", 0),
        "stop_reason": None if reason is None else s.string(reason, f"{path}.stop_reason", 100),
    }
