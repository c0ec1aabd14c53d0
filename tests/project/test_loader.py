"""The loader refuses every damaged document with a ProjectError naming the JSON path,
and never writes to the file it reads."""

import copy
import json

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nnsim.project import ProjectError, dumps, load, loads

from .helpers import small_project, trained

GOOD = dumps(trained(small_project(early_stopping=True, patience=50), epochs=2))
DOC = json.loads(GOOD)


def mutated(path, value=None, delete=False):
    doc = copy.deepcopy(DOC)
    target = doc
    for key in path[:-1]:
        target = target[key]
    if delete:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return json.dumps(doc)


@pytest.mark.parametrize(
    "path, value, expected",
    [
        (("network", "hidden", 0, "activation"), "swish", "$.network.hidden[0].activation"),
        (("network", "output", "loss"), "hinge", "$.network.output.loss"),
        (("network", "output", "neurons"), ["a", "b", "c"], "$.network.output.neurons"),
        (
            ("network", "hidden", 0, "neurons"),
            [f"m{i}" for i in range(257)],
            "$.network.hidden[0].neurons",
        ),
        (
            ("network", "hidden"),
            [{"id": f"l{i}", "activation": "tanh", "neurons": [f"q{i}"]} for i in range(17)],
            "$.network.hidden",
        ),
        (("features", 1), "x3", "$.features[1]"),
        (("n_classes",), 9, "$.n_classes"),
        (("n_classes",), "2", "$.n_classes"),
        (("data", "labels", 5), 2, "$.data.labels[5]"),
        (("data", "labels", 5), -1, "$.data.labels[5]"),
        (("data", "split", 3), 3, "$.data.split[3]"),
        (("data", "split"), [0, 1], "$.data.split"),
        (("data", "inputs", 7, 1), "NaN", "$.data.inputs[7][1]"),
        (("data", "inputs", 7), [1.0], "$.data.inputs[7]"),
        (("data", "inputs"), [[0.0, 0.0]] * 100_001, "$.data.inputs"),
        (("weights", 1, "W", 0), [0.5], "$.weights[1].W[1]"),  # ragged
        (("weights", 1, "W"), [[0.5, 0.5]], "$.weights[1].W"),  # wrong shape
        (("weights", 0, "b"), [0.0, 0.0], "$.weights[0].b"),
        (("weights", 0, "W", 0, 0), 10**400, "$.weights[0].W[0][0]"),
        (("weights",), [], "$.weights"),
        (("hyperparameters", "learning_rate"), -1.0, "$.hyperparameters.learning_rate"),
        (("hyperparameters", "batch_size"), 2.5, "$.hyperparameters.batch_size"),
        (("hyperparameters", "early_stopping"), "yes", "$.hyperparameters.early_stopping"),
        (("hyperparameters", "colour"), "red", "$.hyperparameters.colour"),
        (("trainer_state", "velocity"), [0.0], "$.trainer_state.velocity"),
        (("trainer_state", "permutation", 0), 10**6, "$.trainer_state.permutation"),
        (
            ("trainer_state", "rng_state", "bit_generator"),
            "MT19937",
            "$.trainer_state.rng_state.bit_generator",
        ),
        (("history", 0, "train_loss"), "0.5", "$.history[0].train_loss"),
        (("teacher", "locked"), "all", "$.teacher.locked"),
        (("view",), [], "$.view"),
        (("title",), 5, "$.title"),
        (("format",), "zip", "$.format"),
    ],
)
def test_errors_name_the_json_path(path, value, expected):
    with pytest.raises(ProjectError) as err:
        loads(mutated(path, value))
    assert err.value.path == expected, str(err.value)
    assert str(err.value).startswith(expected + ": ")


@pytest.mark.parametrize(
    "path, expected",
    [
        (("network",), "$"),
        (("data", "split_seed"), "$.data"),
        (("trainer_state", "rng_state", "state", "inc"), "$.trainer_state.rng_state.state"),
    ],
)
def test_missing_keys_name_their_parent(path, expected):
    with pytest.raises(ProjectError, match="is missing") as err:
        loads(mutated(path, delete=True))
    assert err.value.path == expected


@pytest.mark.parametrize(
    "text, match",
    [
        ("", "not valid JSON"),
        (GOOD[: len(GOOD) // 2], "not valid JSON"),
        (GOOD.replace('"epoch": 1,', '"epoch": NaN,', 1), "NaN is not allowed"),
        (GOOD.replace('"epoch": 1,', '"epoch": Infinity,', 1), "Infinity is not allowed"),
        ("[" * 100_000, "not valid JSON"),
        ("1" * 5000, "not valid JSON"),
        ("[1, 2]", "JSON object"),
        (b"\xff\xfe{}", "UTF-8"),
    ],
)
def test_not_a_project(text, match):
    with pytest.raises(ProjectError, match=match):
        loads(text)


def test_huge_file_is_refused_without_reading(tmp_path):
    path = tmp_path / "big.json"
    with open(path, "wb") as f:
        f.truncate(201 * 1024 * 1024)  # sparse: no disk space used
    with pytest.raises(ProjectError, match="larger than 200 MB"):
        load(path)


# ---------------------------------------------------------------------- property-based
def _paths(value, prefix=()):
    """Every path into the document, sampling long arrays (first, second, last)."""
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(value, list):
        idx = sorted({0, 1, len(value) - 1} & set(range(len(value))))
        for i in idx:
            yield from _paths(value[i], (*prefix, i))


PATHS = [p for p in _paths(DOC) if p]
BAD_VALUES = st.one_of(
    st.sampled_from(
        [
            "NaN",
            "Infinity",
            "-1",
            "",
            "x" * 300,
            None,
            True,
            False,
            [],
            {},
            [[]],
            -1,
            0,
            -(2**70),
            2**70,
            10**400,
            1e308,
            -1e308,
            0.5,
            257,
            100_001,
            "\ud800",
        ]
    ),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=5),
)


@st.composite
def damaged(draw):
    doc = copy.deepcopy(DOC)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(PATHS))
        target = doc
        try:
            for key in path[:-1]:
                target = target[key]
            if draw(st.booleans()) and isinstance(target, dict):
                del target[path[-1]]
            else:
                target[path[-1]] = draw(BAD_VALUES)
        except (KeyError, IndexError, TypeError):
            pass  # an earlier mutation removed this path
    return json.dumps(doc)


FAST = settings(
    max_examples=100, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)


def _load_or_project_error(text):
    try:
        p = loads(text)
    except ProjectError as e:
        assert "unexpected problem" not in str(e)  # every refusal is a checked one
        assert e.path.startswith("$")
        return
    # what loads must also work: build, predict, save, and train if there is data
    with np.errstate(all="ignore"):
        p.build_network().predict(p.inputs())
        if (p.data.split == 0).any():
            p.make_trainer()[1].step("batch")
    dumps(p)


@FAST
@given(damaged())
def test_damaged_documents_give_project_error(text):
    _load_or_project_error(text)


@FAST
@given(st.integers(0, len(GOOD.rstrip()) - 1))
def test_truncated_files_give_project_error(cut):
    with pytest.raises(ProjectError):
        loads(GOOD[:cut])


@FAST
@given(st.integers(0, len(GOOD) - 1), st.sampled_from(['"', "}", "]", ",", "0", "-", "e9"]))
def test_corrupted_characters_give_project_error_or_load(pos, char):
    _load_or_project_error(GOOD[:pos] + char + GOOD[pos + 1 :])


def test_loading_never_writes_the_file(tmp_path):
    path = tmp_path / "bad.json"
    text = mutated(("network", "hidden", 0, "activation"), "swish")
    path.write_text(text)
    stat = path.stat()
    with pytest.raises(ProjectError):
        load(path)
    assert path.read_text() == text
    assert path.stat().st_mtime_ns == stat.st_mtime_ns
    good = tmp_path / "good.json"
    good.write_text(GOOD)
    stat = good.stat()
    load(good)
    assert good.read_text() == GOOD and good.stat().st_mtime_ns == stat.st_mtime_ns
