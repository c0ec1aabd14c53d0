"""JSON document -> Project, checking the type and range of every value on the way.

Every problem raises a `ProjectError` naming its JSON path. The document must already be
migrated to the current schema_version (`nnsim.project.migrations.migrate`).
"""

from __future__ import annotations

import math
from dataclasses import fields

import numpy as np

from nnsim.core.datasets import MAX_POINTS
from nnsim.core.hyper import HyperparameterError, Hyperparameters
from nnsim.core.trainer import EpochRecord, TrainerState
from nnsim.project import limits
from nnsim.project import schema as s
from nnsim.project.checks import find_problem
from nnsim.project.document import DataSpec, LayerSpec, NetworkSpec, Project
from nnsim.project.enums import Task
from nnsim.project.searching import read_search

TOP_KEYS = (
    "format", "schema_version", "title", "description", "task", "n_classes", "features",
    "network", "data", "hyperparameters", "weights", "trainer_state", "history", "view",
    "teacher", "search",
)  # fmt: skip
MAX_HIDDEN_LAYERS = limits.MAX_HIDDEN_LAYERS
MAX_NEURONS = limits.MAX_NEURONS
MAX_PARAMS = limits.MAX_PARAMS
MAX_EPOCHS = limits.MAX_EPOCHS
MAX_LAYERS = MAX_HIDDEN_LAYERS + 1
# The whole-number hyperparameters' ranges, in the limits table's terms.
HYPER_INTEGERS = {
    "constant_epochs": (0, MAX_EPOCHS),
    "batch_size": (1, limits.LIMITS["batch"].high),
    "seed": (0, 2**32 - 1),
    "max_epochs": (1, MAX_EPOCHS),
    "patience": (1, MAX_EPOCHS),
}


def from_doc(doc) -> Project:
    """Build and check the Project a (migrated) document describes."""
    s.obj(doc, "$", TOP_KEYS)
    task = Task(s.choice(doc["task"], "$.task", [t.value for t in Task]))
    features = s.array(doc["features"], "$.features", limits.LIMITS["features"].high)
    project = Project(
        title=s.string(doc["title"], "$.title", 1000),
        description=s.string(doc["description"], "$.description"),
        task=task,
        n_classes=s.integer(doc["n_classes"], "$.n_classes", 0, limits.LIMITS["classes"].high),
        features=tuple(s.string(f, f"$.features[{i}]", 100) for i, f in enumerate(features)),
        network=_network(doc["network"], "$.network"),
        data=_data(doc["data"], "$.data", task),
        hyper=_hyper(doc["hyperparameters"], "$.hyperparameters"),
        weights=_weights(doc["weights"], "$.weights"),
        trainer_state=_state(doc["trainer_state"], "$.trainer_state"),
        history=_history(doc["history"], "$.history"),
        view=_view(doc["view"], "$.view"),
        teacher=_teacher(doc["teacher"], "$.teacher"),
        search=read_search(doc["search"], "$.search"),
    )
    problem = find_problem(project)
    if problem:
        s.fail(*problem)
    return project


def _network(v, path: str) -> NetworkSpec:
    s.obj(v, path, ("hidden", "output", "next_id"))
    hidden = []
    for i, layer in enumerate(s.array(v["hidden"], f"{path}.hidden", MAX_HIDDEN_LAYERS)):
        p = f"{path}.hidden[{i}]"
        s.obj(layer, p, ("id", "activation", "neurons"))
        neurons = s.array(layer["neurons"], f"{p}.neurons", MAX_NEURONS)
        hidden.append(
            LayerSpec(
                s.string(layer["id"], f"{p}.id", 100),
                s.string(layer["activation"], f"{p}.activation", 100),
                tuple(s.string(n, f"{p}.neurons[{j}]", 100) for j, n in enumerate(neurons)),
            )
        )
    out = s.obj(v["output"], f"{path}.output", ("activation", "loss", "neurons"))
    neurons = s.array(out["neurons"], f"{path}.output.neurons", limits.LIMITS["outputs"].high)
    return NetworkSpec(
        tuple(hidden),
        s.string(out["activation"], f"{path}.output.activation", 100),
        s.string(out["loss"], f"{path}.output.loss", 100),
        tuple(s.string(n, f"{path}.output.neurons[{j}]", 100) for j, n in enumerate(neurons)),
        s.integer(v["next_id"], f"{path}.next_id", 0, 2**31),
    )


def _data(v, path: str, task: str) -> DataSpec:
    key = "labels" if task == Task.CLASSIFICATION else "targets"
    s.obj(v, path, ("inputs", key, "split", "generator", "split_ratios", "split_seed"))
    X = s.matrix(v["inputs"], f"{path}.inputs", MAX_POINTS, 2)
    if X.shape[1] == 0:
        X = X.reshape(0, 2)
    whole = task == Task.CLASSIFICATION
    y = s.vector(v[key], f"{path}.{key}", MAX_POINTS, whole=whole)
    split = s.vector(v["split"], f"{path}.split", MAX_POINTS, whole=True)
    generator = v["generator"]
    if generator is not None:
        keys = generator.keys() if isinstance(generator, dict) else ()
        s.obj(generator, f"{path}.generator", ("name",), optional=keys)
        s.string(generator["name"], f"{path}.generator.name", 100)
        _json_value(generator, f"{path}.generator", 2)
    ratios = s.array(v["split_ratios"], f"{path}.split_ratios", 3)
    if len(ratios) != 3:
        s.fail(f"{path}.split_ratios", "needs three fractions (train, validation, test)")
    return DataSpec(
        X,
        y,
        np.clip(split, -1, 3),  # out-of-range codes stay out of range for the check
        generator,
        tuple(s.number(r, f"{path}.split_ratios[{i}]", 0, 1) for i, r in enumerate(ratios)),
        s.integer(v["split_seed"], f"{path}.split_seed", 0, 2**63 - 1),
    )


def _hyper(v, path: str) -> Hyperparameters:
    kinds = {f.name: f.type for f in fields(Hyperparameters)}
    s.obj(v, path, (), optional=kinds)
    values = {}
    for name, value in v.items():
        p, kind = f"{path}.{name}", kinds[name]
        if kind == "float":
            values[name] = s.number(value, p)
        elif kind == "int":
            values[name] = s.integer(value, p, *HYPER_INTEGERS.get(name, (0, 2**63 - 1)))
        elif kind == "bool":
            values[name] = s.boolean(value, p)
        else:
            values[name] = s.string(value, p, 100)
    try:
        return Hyperparameters(**values).validated()
    except HyperparameterError as e:
        s.fail(f"{path}.{e.field}", str(e).split(": ", 1)[-1])


def _weights(v, path: str):
    if v is None:
        return None
    layers = []
    for k, layer in enumerate(s.array(v, path, MAX_LAYERS)):
        p = f"{path}[{k}]"
        s.obj(layer, p, ("W", "b"))
        W = s.matrix(layer["W"], f"{p}.W", MAX_NEURONS, MAX_NEURONS)
        layers.append((W, s.vector(layer["b"], f"{p}.b", MAX_NEURONS)))
    return tuple(layers)


def _state(v, path: str) -> TrainerState | None:
    if v is None:
        return None
    keys = (
        "epoch", "updates", "cursor", "permutation", "rng_state", "velocity", "best_theta",
        "best_epoch", "best_val", "bad_epochs",
    )  # fmt: skip
    s.obj(v, path, keys)

    def opt_vector(key, whole=False, limit=MAX_PARAMS):
        value = v[key]
        return None if value is None else s.vector(value, f"{path}.{key}", limit, whole)

    best_val = s.array(v["best_val"], f"{path}.best_val", 2)
    if len(best_val) != 2:
        s.fail(f"{path}.best_val", "needs two numbers (validation error, loss) or nulls")
    return TrainerState(
        epoch=s.integer(v["epoch"], f"{path}.epoch", 0, MAX_EPOCHS),
        updates=s.integer(v["updates"], f"{path}.updates"),
        cursor=s.integer(v["cursor"], f"{path}.cursor", 0, MAX_POINTS),
        permutation=opt_vector("permutation", True, MAX_POINTS),
        rng_state=_rng(v["rng_state"], f"{path}.rng_state"),
        velocity=opt_vector("velocity"),
        best_theta=opt_vector("best_theta"),
        best_epoch=s.integer(v["best_epoch"], f"{path}.best_epoch", 0, MAX_EPOCHS),
        best_val=tuple(
            math.inf if x is None else s.number(x, f"{path}.best_val[{i}]")
            for i, x in enumerate(best_val)
        ),
        bad_epochs=s.integer(v["bad_epochs"], f"{path}.bad_epochs", 0, MAX_EPOCHS),
    )


def _rng(v, path: str) -> dict | None:
    if v is None:
        return None
    s.obj(v, path, ("bit_generator", "state", "has_uint32", "uinteger"))
    s.choice(v["bit_generator"], f"{path}.bit_generator", ("PCG64",))
    inner = s.obj(v["state"], f"{path}.state", ("state", "inc"))
    state = {
        "bit_generator": "PCG64",
        "state": {
            "state": s.integer(inner["state"], f"{path}.state.state", 0, 2**128 - 1),
            "inc": s.integer(inner["inc"], f"{path}.state.inc", 0, 2**128 - 1),
        },
        "has_uint32": s.integer(v["has_uint32"], f"{path}.has_uint32", 0, 1),
        "uinteger": s.integer(v["uinteger"], f"{path}.uinteger", 0, 2**32 - 1),
    }
    try:
        np.random.PCG64().state = state
    except (ValueError, TypeError, OverflowError) as e:
        s.fail(path, f"is not a valid PCG64 state ({e})")
    return state


def _history(v, path: str) -> tuple[EpochRecord, ...]:
    records = []
    keys = (
        "epoch", "train_loss", "val_loss", "train_error", "val_error", "learning_rate",
        "grad_norms", "weight_norms",
    )  # fmt: skip
    for i, r in enumerate(s.array(v, path, MAX_EPOCHS)):
        p = f"{path}[{i}]"
        s.obj(r, p, keys)
        numbers = [s.number_or_null(r[k], f"{p}.{k}") for k in keys[1:6]]
        norms = [
            tuple(
                s.number_or_null(x, f"{p}.{k}[{j}]")
                for j, x in enumerate(s.array(r[k], f"{p}.{k}", MAX_LAYERS))
            )
            for k in keys[6:]
        ]
        records.append(EpochRecord(s.integer(r["epoch"], f"{p}.epoch"), *numbers, *norms))
    return tuple(records)


def _view(v, path: str) -> dict:
    s.obj(v, path, (), optional=v.keys() if isinstance(v, dict) else ())
    _json_value(v, path, 8)
    return v


def _teacher(v, path: str) -> dict:
    s.obj(v, path, ("locked", "hidden", "note"))
    out = {"note": s.string(v["note"], f"{path}.note")}
    for key in ("locked", "hidden"):
        items = s.array(v[key], f"{path}.{key}", 10_000)
        out[key] = [s.string(x, f"{path}.{key}[{i}]", 200) for i, x in enumerate(items)]
    return {"locked": out["locked"], "hidden": out["hidden"], "note": out["note"]}


def _json_value(v, path: str, depth: int) -> None:
    """A free-form JSON value: finite numbers, valid text, nested at most ``depth`` deep."""
    if isinstance(v, dict):
        if depth == 0:
            s.fail(path, "is nested too deeply")
        for key, item in v.items():
            s.string(key, path, 200)
            _json_value(item, f"{path}.{key}", depth - 1)
    elif isinstance(v, list):
        if depth == 0:
            s.fail(path, "is nested too deeply")
        s.array(v, path, 100_000)
        for i, item in enumerate(v):
            _json_value(item, f"{path}[{i}]", depth - 1)
    elif isinstance(v, str):
        s.string(v, path)
    elif type(v) is float:
        s.number(v, path)
    elif v is not None and type(v) not in (int, bool):
        s.fail(path, f"is not a JSON value: {v!r}")
