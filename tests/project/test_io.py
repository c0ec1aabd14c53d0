"""Saving and loading: byte-stable round trips, exact resumption, migrations, schema."""

import dataclasses
import json
import os

import jsonschema
import numpy as np
import pytest

from nnsim.core.hyper import Hyperparameters
from nnsim.project import (
    SCHEMA,
    SCHEMA_VERSION,
    ProjectError,
    dumps,
    load,
    loads,
    new_project,
    save,
)
from nnsim.project.migrations import MIGRATIONS, migrate

from .helpers import small_project, trained


def _variants():
    base = small_project()
    mid = base
    net, trainer = mid.make_trainer()
    for _ in range(3):
        trainer.step("batch")
    mid = mid.with_training(net, trainer)
    early = trained(
        small_project(early_stopping=True, patience=50, regularization="l1", reg_lambda=1e-3),
        epochs=2,
    )
    regression = trained(
        new_project(
            "sin1d",
            n=30,
            hidden=(5,),
            activation="relu",
            hyper=Hyperparameters(batch_size=4, max_epochs=2),
        ),
    )
    f32 = trained(small_project(dtype="float32"), epochs=2)
    no_val = new_project("xor", n=20, hidden=(), split_ratios=(1.0, 0.0, 0.0))
    no_val = trained(no_val, epochs=1)  # val_loss is NaN: saved as null
    fancy = dataclasses.replace(
        base,
        title="Kreis – Übung ✓",
        description='line one\nline two "quoted"',
        view={"show_test": True, "grid_resolution": 100, "range": [-6.0, 6.0], "z": None},
        teacher={"locked": ["learning_rate"], "hidden": ["test"], "note": "Nur für die Klasse"},
    )
    blobs = new_project("blobs", n=40, n_classes=5, hidden=(4, 3), activation=["relu", "tanh"])
    return {
        "fresh": base,
        "mid_epoch": mid,
        "early_l1": early,
        "regression": regression,
        "float32": f32,
        "no_validation": no_val,
        "fancy": fancy,
        "blobs": blobs,
    }


VARIANTS = _variants()


@pytest.mark.parametrize("name", VARIANTS)
def test_save_load_save_is_byte_identical(name, tmp_path):
    path = tmp_path / "p.json"
    save(VARIANTS[name], path)
    first = path.read_bytes()
    save(load(path), path)
    assert path.read_bytes() == first
    assert dumps(loads(first)) == first.decode("utf-8")


@pytest.mark.parametrize("name", VARIANTS)
def test_schema_accepts_saved_projects(name):
    jsonschema.validate(json.loads(dumps(VARIANTS[name])), SCHEMA)


def test_schema_rejects_bad_documents():
    doc = json.loads(dumps(VARIANTS["fresh"]))
    for path, value in [
        (("network", "hidden", 0, "activation"), "swish"),
        (("hyperparameters", "batch_size"), 0),
        (("data", "split", 0), 7),
        (("n_classes",), "2"),
    ]:
        bad = json.loads(json.dumps(doc))
        target = bad
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, SCHEMA)
        with pytest.raises(ProjectError):
            loads(json.dumps(bad))


def test_loaded_project_keeps_everything():
    p = VARIANTS["early_l1"]
    q = loads(dumps(p))
    for (W, b), (W2, b2) in zip(p.weights, q.weights, strict=True):
        np.testing.assert_array_equal(W, W2)
        np.testing.assert_array_equal(b, b2)
    np.testing.assert_array_equal(p.data.X, q.data.X)
    np.testing.assert_array_equal(p.data.y, q.data.y)
    assert q.data.y.dtype == np.int64 and q.data.split.dtype == np.int8
    assert q.history == p.history
    assert q.hyper == p.hyper
    s, t = p.trainer_state, q.trainer_state
    assert s.rng_state == t.rng_state
    np.testing.assert_array_equal(s.velocity, t.velocity)
    np.testing.assert_array_equal(s.best_theta, t.best_theta)
    assert (s.epoch, s.updates, s.cursor, s.best_epoch, s.best_val, s.bad_epochs) == (
        t.epoch,
        t.updates,
        t.cursor,
        t.best_epoch,
        t.best_val,
        t.bad_epochs,
    )


def _final_theta(project):
    net, trainer = project.make_trainer()
    trainer.train()
    return net.theta.copy(), trainer.history


@pytest.mark.parametrize(
    "hyper",
    [
        {"momentum": 0.9},
        {"momentum": 0.5, "regularization": "l1", "reg_lambda": 1e-3, "schedule": "inverse"},
        {"early_stopping": True, "patience": 50, "dtype": "float32"},
    ],
)
def test_resume_after_save_load_is_exact(hyper, tmp_path):
    base = small_project(**hyper)
    straight, history = _final_theta(
        dataclasses.replace(base, hyper=base.hyper.with_changes(max_epochs=6))
    )
    path = tmp_path / "p.json"
    save(trained(base, epochs=3), path)
    resumed = load(path)
    resumed = dataclasses.replace(resumed, hyper=resumed.hyper.with_changes(max_epochs=6))
    theta, history2 = _final_theta(resumed)
    np.testing.assert_array_equal(theta, straight)
    assert history2 == history


def test_resume_in_the_middle_of_an_epoch_is_exact():
    p = small_project()
    net, trainer = p.make_trainer()
    for _ in range(11):
        trainer.step("batch")
    straight = net.theta.copy()
    net, trainer = p.make_trainer()
    for _ in range(4):
        trainer.step("batch")
    q = loads(dumps(p.with_training(net, trainer)))
    assert q.trainer_state.cursor not in (0, None)
    net, trainer = q.make_trainer()
    for _ in range(7):
        trainer.step("batch")
    np.testing.assert_array_equal(net.theta, straight)


def test_save_is_atomic_and_keeps_permissions(tmp_path):
    path = tmp_path / "p.json"
    save(VARIANTS["fresh"], path)
    os.chmod(path, 0o600)
    save(VARIANTS["mid_epoch"], path)
    assert os.listdir(tmp_path) == ["p.json"]
    assert path.stat().st_mode & 0o777 == 0o600


def test_failed_save_leaves_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "p.json"
    save(VARIANTS["fresh"], path)
    before = path.read_bytes()

    def boom(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        save(VARIANTS["mid_epoch"], path)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["p.json"]


def test_migration_1_to_2_adds_teacher_defaults():
    doc = json.loads(dumps(VARIANTS["fresh"]))
    del doc["teacher"], doc["search"]
    doc["schema_version"] = 1
    frozen_copy = json.dumps(doc)
    migrated = MIGRATIONS[1](doc)
    assert migrated["teacher"] == {"locked": [], "hidden": [], "note": ""}
    assert migrated["schema_version"] == 2
    assert json.dumps(doc) == frozen_copy  # the input is not changed
    assert migrate(doc)["schema_version"] == SCHEMA_VERSION
    p = loads(json.dumps(doc))
    assert p.teacher == {"locked": [], "hidden": [], "note": ""}
    assert dumps(p) == dumps(VARIANTS["fresh"])


def test_migration_2_to_3_adds_an_empty_search():
    doc = json.loads(dumps(VARIANTS["fresh"]))
    del doc["search"]
    doc["schema_version"] = 2
    frozen_copy = json.dumps(doc)
    migrated = MIGRATIONS[2](doc)
    assert migrated["search"] is None
    assert migrated["schema_version"] == 3
    assert json.dumps(doc) == frozen_copy  # the input is not changed
    p = loads(json.dumps(doc))
    assert p.search is None
    assert dumps(p) == dumps(VARIANTS["fresh"])


def test_newer_schema_version_is_refused():
    doc = json.loads(dumps(VARIANTS["fresh"]))
    doc["schema_version"] = SCHEMA_VERSION + 1
    with pytest.raises(ProjectError, match="newer nnsim") as err:
        loads(json.dumps(doc))
    assert err.value.path == "$.schema_version"


def test_error_names_the_file(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{")
    with pytest.raises(ProjectError) as err:
        load(path)
    assert str(err.value).startswith(f"{path}: $: not valid JSON")
