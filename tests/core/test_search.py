"""Grid and random search: the configurations, selection by validation error, the test set
used once, cancelling, and a process pool that gives the serial result."""

import itertools
import math
import threading

import numpy as np
import pytest

from nnsim.core.hyper import Hyperparameters
from nnsim.project import new_project
from nnsim.project.searching import trial_spec
from nnsim.runtime import search
from nnsim.runtime.search import (
    SearchError,
    SearchSpace,
    TrialResult,
    configurations,
    run_search,
    run_search_to_end,
    run_trial,
    select_best,
)


@pytest.fixture(scope="module")
def spec():
    hp = Hyperparameters(max_epochs=15, batch_size=10)
    return trial_spec(new_project("circle", n=60, seed=0, hidden=(3,), hyper=hp))


GRID = SearchSpace(
    "grid", grid={"learning_rate": (0.01, 0.3), "hidden": ((2,), (6,)), "momentum": (0.0, 0.9)}
)


def test_grid_enumerates_the_product_first_parameter_slowest():
    configs = configurations(GRID)
    assert len(configs) == 8
    expected = itertools.product((0.01, 0.3), ((2,), (6,)), (0.0, 0.9))
    keys = ("learning_rate", "hidden", "momentum")
    assert configs == [dict(zip(keys, combo)) for combo in expected]


def test_random_is_reproducible_by_seed_and_within_ranges():
    space = SearchSpace(
        "random",
        ranges={"learning_rate": (1e-4, 1.0), "momentum": (0.0, 0.9), "batch_size": (1, 64)},
        choices={"hidden": ((4,), (8, 8))},
        n_trials=200,
        seed=7,
    )
    a, b = configurations(space), configurations(space)
    assert a == b
    assert a != configurations(SearchSpace(**{**space.__dict__, "seed": 8}))
    lr = np.array([c["learning_rate"] for c in a])
    assert lr.min() >= 1e-4 and lr.max() <= 1.0
    # log-uniform: about half of the draws below the geometric middle 0.01
    assert 0.35 < np.mean(lr < 0.01) < 0.65
    assert all(0.0 <= c["momentum"] <= 0.9 for c in a)
    assert all(isinstance(c["batch_size"], int) and 1 <= c["batch_size"] <= 64 for c in a)
    assert {c["hidden"] for c in a} == {(4,), (8, 8)}


@pytest.mark.parametrize(
    "space, field",
    [
        (SearchSpace("grid", grid={"learning_rate": (0.1, -1.0)}), "learning_rate"),
        (SearchSpace("grid", grid={"hidden": ((0,),)}), "hidden"),
        (SearchSpace("grid", grid={}), "grid"),
        (SearchSpace("grid", grid={"colour": (1,)}), "colour"),
        (SearchSpace("random", ranges={"learning_rate": (0.0, 1.0)}), "learning_rate"),
        (SearchSpace("random", ranges={"momentum": (0.5, 0.1)}), "momentum"),
        (SearchSpace("random", ranges={"hidden": (1, 4)}), "hidden"),
        (SearchSpace("random", ranges={"momentum": (0, 0.5)}, n_trials=0), "n_trials"),
    ],
)
def test_impossible_spaces_name_the_parameter(space, field):
    with pytest.raises(SearchError) as err:
        space.validated()
    assert err.value.field == field


def test_space_round_trips_through_a_dict():
    assert SearchSpace.from_dict(GRID.to_dict()) == GRID


def test_a_trial_is_deterministic_and_reports_its_validation_error(spec):
    config = {"learning_rate": 0.3, "hidden": (6,)}
    a, b = run_trial(spec, config), run_trial(spec, config)
    assert a.val_error == b.val_error and a.val_loss == b.val_loss
    assert all(np.array_equal(x[0], y[0]) for x, y in zip(a.weights, b.weights))
    assert a.epochs == 15 and len(a.history) == 15
    assert a.weights[0][0].shape == (6, 2)
    # the reported validation error is that of the returned weights
    net = spec.network(config)
    net.set_params(a.weights)
    val = spec.split == 1
    f = net.predict(spec.X[val])
    assert a.val_error == pytest.approx(np.mean(f.argmax(axis=1) != spec.y[val]))


def _result(index, val_error, val_loss):
    return TrialResult(index, {}, val_error, val_loss, 0.0, 0.0, 1, 0.0, None)


def test_selection_by_validation_error_then_loss_then_index():
    results = [_result(0, 0.2, 0.1), _result(1, 0.1, 0.5), _result(2, 0.1, 0.4)]
    assert select_best(results) == 2
    assert select_best([_result(0, math.nan, 0.1), _result(1, 0.3, 0.9)]) == 1
    assert select_best([_result(0, 0.1, 0.4), _result(1, 0.1, 0.4)]) == 0
    assert select_best([]) is None


def test_search_picks_the_lowest_validation_error_and_tests_only_it(spec, monkeypatch):
    seen_splits = []
    real_trials = search.run_trials

    def spy_trials(s, items, *args):  # the trials train side by side, in chunks
        seen_splits.extend(set(np.unique(s.split).tolist()) for _ in items)
        return real_trials(s, items, *args)

    tested = []
    real_test = search.evaluate_test

    def spy_test(s, config, weights):
        tested.append(config)
        return real_test(s, config, weights)

    monkeypatch.setattr(search, "run_trials", spy_trials)
    monkeypatch.setattr(search, "evaluate_test", spy_test)
    outcome = run_search_to_end(spec, GRID, workers=1)
    assert [r.index for r in outcome.results] == list(range(8))
    best = outcome.best_result
    assert best.key == min(r.key for r in outcome.results)
    # the trials never saw a test point; the test set was evaluated once, for the best
    assert all(2 not in s for s in seen_splits) and len(seen_splits) == 8
    assert tested == [best.config]
    assert outcome.test["n"] == int(np.sum(spec.split == 2))
    assert 0.0 <= outcome.test["error"] <= 1.0
    assert not outcome.cancelled


def test_progress_counts_up_with_a_time_estimate(spec):
    steps = list(run_search(spec, GRID, workers=1))
    assert [p.done for p in steps] == [0, 1, 2, 3, 4, 5, 6, 7, 8, 8]
    assert all(p.total == 8 for p in steps)
    assert steps[0].remaining is None and steps[4].remaining > 0
    assert steps[-1].outcome is not None and steps[-2].outcome is None
    assert steps[-1].remaining == 0


def test_cancel_stops_between_trials(spec):
    cancel = threading.Event()
    done = []
    for p in run_search(spec, GRID, workers=1, cancel=cancel):
        done.append(p.done)
        if p.done == 3:
            cancel.set()
    outcome = p.outcome
    assert outcome.cancelled and len(outcome.results) == 3 and outcome.total == 8
    assert outcome.best is not None and outcome.test is not None


def test_no_validation_points_is_refused(spec):
    from dataclasses import replace

    no_val = replace(spec, split=np.where(spec.split == 1, 0, spec.split))
    with pytest.raises(SearchError, match="validation"):
        next(run_search(no_val, GRID, workers=1))


def test_a_base_that_makes_a_configuration_impossible_is_refused_up_front(spec):
    space = SearchSpace("grid", grid={"schedule": ("constant", "power")})
    with pytest.raises(SearchError, match="delta"):  # power needs 0.5 < delta; base is 0.5
        next(run_search(spec, space, workers=1))


def test_two_worker_pool_equals_a_serial_run(spec):
    space = SearchSpace(
        "random",
        ranges={"learning_rate": (0.01, 1.0)},
        choices={"hidden": ((2,), (5,))},
        n_trials=6,
        seed=3,
    )
    serial = run_search_to_end(spec, space, workers=1)
    pooled = run_search_to_end(spec, space, workers=2)
    assert [r.row() | {"seconds": 0} for r in pooled.results] == [
        r.row() | {"seconds": 0} for r in serial.results
    ]
    assert pooled.best == serial.best and pooled.test == serial.test
    for a, b in zip(pooled.best_result.weights, serial.best_result.weights):
        np.testing.assert_allclose(a[0], b[0], rtol=0, atol=1e-12)


def test_cancelling_a_pool_returns_early(spec):
    space = SearchSpace("grid", grid={"learning_rate": tuple(0.01 * (i + 1) for i in range(40))})
    cancel = threading.Event()
    for p in run_search(spec, space, workers=2, cancel=cancel):
        if p.done >= 1:
            cancel.set()
    assert p.outcome.cancelled
    assert 1 <= len(p.outcome.results) < 40


def test_a_huge_grid_is_refused_without_enumerating_it():
    values = tuple(0.001 * (i + 1) for i in range(100))
    space = SearchSpace("grid", grid={"learning_rate": values, "batch_size": tuple(range(1, 102))})
    with pytest.raises(SearchError, match="more than 10000 combinations"):
        space.validated()
