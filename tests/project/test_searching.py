"""A search saved in the project: round trip, applying the best trial, bad files."""

import json
from dataclasses import replace

import numpy as np
import pytest

from nnsim.project import ProjectError, dumps, loads
from nnsim.project.searching import apply_best, search_doc, trial_spec
from nnsim.runtime.search import SearchSpace, run_search_to_end

from .helpers import small_project

SPACE = SearchSpace("grid", grid={"learning_rate": (0.05, 0.5), "hidden": ((2,), (5, 4))})


@pytest.fixture(scope="module")
def searched():
    p = small_project(max_epochs=10)
    outcome = run_search_to_end(trial_spec(p), SPACE, workers=1)
    return replace(p, search=search_doc(outcome)), outcome


def test_search_survives_save_and_load_byte_for_byte(searched):
    p, outcome = searched
    text = dumps(p)
    q = loads(text)
    assert q.search == json.loads(text)["search"]
    assert dumps(q) == text
    assert q.search["best"] == outcome.best
    assert q.search["test"] == outcome.test
    assert len(q.search["trials"]) == 4


def test_apply_best_from_memory_continues_the_trial_exactly(searched):
    p, outcome = searched
    best = outcome.best_result
    q = apply_best(p, best)
    assert q.hyper.learning_rate == best.config["learning_rate"]
    assert [layer.width for layer in q.network.hidden] == list(best.config["hidden"])
    assert q.epoch == best.epochs and len(q.history) == best.epochs
    for (W, b), (W2, b2) in zip(q.weights, best.weights):
        assert np.array_equal(W, W2) and np.array_equal(b, b2)
    # continuing = training the configuration longer from scratch
    longer = replace(q, hyper=q.hyper.with_changes(max_epochs=12))
    net, trainer = longer.make_trainer()
    trainer.train()
    fresh = replace(longer, weights=None, trainer_state=None, history=())
    net2, trainer2 = fresh.make_trainer()
    trainer2.train()
    np.testing.assert_allclose(net.theta, net2.theta, rtol=0, atol=1e-12)


def test_apply_best_from_a_loaded_file_uses_the_saved_weights(searched):
    p, outcome = searched
    q = apply_best(loads(dumps(p)))
    assert q.history == () and q.trainer_state is None
    for (W, _), (W2, _) in zip(q.weights, outcome.best_result.weights):
        assert np.array_equal(W, W2)
    with pytest.raises(ValueError, match="no search"):
        apply_best(replace(p, search=None))


@pytest.mark.parametrize(
    "change, path",
    [
        (lambda s: s.update(best=9), "$.search.best"),
        (lambda s: s["trials"][0].update(val_error="low"), "$.search.trials[0].val_error"),
        (lambda s: s["trials"][1]["config"].update(colour=1), "$.search.trials[1].config.colour"),
        (lambda s: s["space"].update(method="guess"), "$.search.space"),
        (lambda s: s.update(extra=1), "$.search.extra"),
    ],
)
def test_a_broken_search_names_its_path(searched, change, path):
    doc = json.loads(dumps(searched[0]))
    change(doc["search"])
    with pytest.raises(ProjectError) as err:
        loads(json.dumps(doc))
    assert err.value.path == path


def test_a_saved_search_matches_the_json_schema(searched):
    import jsonschema

    from nnsim.project import SCHEMA

    jsonschema.validate(json.loads(dumps(searched[0])), SCHEMA)
