"""Project -> JSON document (plain dicts and lists in the file's fixed key order).

Floats that are not available (a NaN validation loss when there is no validation set,
an infinite "best so far" before early stopping has seen an epoch) are written as null,
because the file format admits no NaN or Infinity literals.
"""

from __future__ import annotations

import math
from dataclasses import fields

from nnsim.core.hyper import Hyperparameters
from nnsim.core.trainer import EpochRecord, TrainerState
from nnsim.project.document import Project
from nnsim.project.enums import Task
from nnsim.project.schema import FORMAT, SCHEMA_VERSION


def finite_or_null(x: float) -> float | None:
    x = float(x)
    return x if math.isfinite(x) else None


def canonical(value):
    """A JSON value with object keys sorted, so a view dict always saves the same bytes."""
    if isinstance(value, dict):
        return {str(k): canonical(value[k]) for k in sorted(value, key=str)}
    if isinstance(value, list | tuple):
        return [canonical(v) for v in value]
    return value


def record_doc(rec: EpochRecord) -> dict:
    d = rec.to_dict()
    for key in ("train_loss", "val_loss", "train_error", "val_error", "learning_rate"):
        d[key] = finite_or_null(d[key])
    for key in ("grad_norms", "weight_norms"):
        d[key] = [finite_or_null(v) for v in d[key]]
    return d


def state_doc(s: TrainerState) -> dict:
    def listed(a):
        return None if a is None else a.tolist()

    rng = None
    if s.rng_state is not None:
        r = s.rng_state
        rng = {
            "bit_generator": r["bit_generator"],
            "state": {"state": int(r["state"]["state"]), "inc": int(r["state"]["inc"])},
            "has_uint32": int(r["has_uint32"]),
            "uinteger": int(r["uinteger"]),
        }
    return {
        "epoch": int(s.epoch),
        "updates": int(s.updates),
        "cursor": int(s.cursor),
        "permutation": listed(s.permutation),
        "rng_state": rng,
        "velocity": listed(s.velocity),
        "best_theta": listed(s.best_theta),
        "best_epoch": int(s.best_epoch),
        "best_val": [finite_or_null(v) for v in s.best_val],
        "bad_epochs": int(s.bad_epochs),
    }


def hyper_doc(hp: Hyperparameters) -> dict:
    """``hp.to_dict()`` with float fields as floats (``1`` and ``1.0`` save alike)."""
    d = hp.to_dict()
    for f in fields(Hyperparameters):
        if f.type == "float":
            d[f.name] = float(d[f.name])
    return d


def to_doc(p: Project) -> dict:
    """The JSON document of ``p`` (schema_version `SCHEMA_VERSION`)."""
    net, d = p.network, p.data
    generator = None
    if d.generator is not None:
        first = [k for k in ("name", "n", "noise", "seed") if k in d.generator]
        rest = sorted(k for k in d.generator if k not in first)
        generator = {k: canonical(d.generator[k]) for k in first + rest}
    key = "labels" if p.task == Task.CLASSIFICATION else "targets"
    return {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "title": p.title,
        "description": p.description,
        "task": p.task,
        "n_classes": int(p.n_classes),
        "features": list(p.features),
        "network": {
            "hidden": [
                {"id": layer.id, "activation": layer.activation, "neurons": list(layer.neurons)}
                for layer in net.hidden
            ],
            "output": {
                "activation": net.output_activation,
                "loss": net.loss,
                "neurons": list(net.output_neurons),
            },
            "next_id": int(net.next_id),
        },
        "data": {
            "inputs": d.X.tolist(),
            key: d.y.tolist(),
            "split": d.split.tolist(),
            "generator": generator,
            "split_ratios": list(d.split_ratios),
            "split_seed": int(d.split_seed),
        },
        "hyperparameters": hyper_doc(p.hyper),
        "weights": None
        if p.weights is None
        else [{"W": W.tolist(), "b": b.tolist()} for W, b in p.weights],
        "trainer_state": None if p.trainer_state is None else state_doc(p.trainer_state),
        "history": [record_doc(r) for r in p.history],
        "view": canonical(p.view),
        "teacher": {
            "locked": list(p.teacher.get("locked", [])),
            "hidden": list(p.teacher.get("hidden", [])),
            "note": p.teacher.get("note", ""),
        },
        "search": None if p.search is None else canonical_search(p.search),
    }


def canonical_search(search: dict) -> dict:
    """The saved search with its top-level keys in the file's fixed order."""
    from nnsim.project.searching import SEARCH_KEYS

    return {k: search.get(k) for k in SEARCH_KEYS}
