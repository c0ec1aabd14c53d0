"""Tests of the input features x1, x2, x1^2, ... computed from the raw inputs."""

import re

import numpy as np
import pytest

from nnsim.core.datasets import generate
from nnsim.core.features import FEATURES, available_features, default_features, transform

X = np.array([[1.0, 2.0], [0.5, -3.0]])


def test_registry_order_and_labels():
    assert list(FEATURES) == ["x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)"]
    assert all(f.label for f in FEATURES.values())


def test_worked_example_in_the_requested_order():
    out = transform(X, ["sin(x2)", "x1*x2", "x2^2", "x1^2", "x2", "x1", "sin(x1)"])
    expected = [
        [np.sin(2.0), 2.0, 4.0, 1.0, 2.0, 1.0, np.sin(1.0)],
        [np.sin(-3.0), -1.5, 9.0, 0.25, -3.0, 0.5, np.sin(0.5)],
    ]
    assert out.shape == (2, 7)
    assert np.array_equal(out, expected)


def test_one_input_features():
    x = np.array([[2.0], [-1.0], [0.0]])
    assert available_features(1) == ["x1", "x1^2", "sin(x1)"]
    assert np.array_equal(transform(x, ["x1^2", "x1"]), [[4.0, 2.0], [1.0, -1.0], [0.0, 0.0]])
    for name in ("x2", "x2^2", "x1*x2", "sin(x2)"):
        with pytest.raises(ValueError, match=re.escape(f"feature {name!r} needs x2")):
            transform(x, [name])


def test_defaults():
    assert default_features(2) == ["x1", "x2"]
    assert default_features(1) == ["x1"]
    assert available_features(2) == list(FEATURES)
    with pytest.raises(ValueError, match="1 or 2"):
        default_features(3)


@pytest.mark.parametrize(
    "features, message",
    [
        (["x1", "x3"], "unknown feature 'x3'"),
        (["x1", "X1"], "unknown feature 'X1'"),
        ([], "at least one"),
        (["x1", "x1"], "feature 'x1' is listed twice"),
    ],
)
def test_bad_feature_lists(features, message):
    with pytest.raises(ValueError, match=message):
        transform(X, features)


def test_a_bare_string_is_not_a_list():
    with pytest.raises(TypeError, match="list of names"):
        transform(X, "x1")


def test_raw_inputs_must_be_one_or_two_columns():
    with pytest.raises(ValueError, match="1 or 2"):
        transform(np.zeros((4, 3)), ["x1"])
    with pytest.raises(ValueError, match=r"\(n, 1\) or \(n, 2\)"):
        transform(np.zeros(4), ["x1"])


def test_dtypes():
    assert transform(X.astype(np.float32), ["x1^2"]).dtype == np.float32
    assert transform(X, ["x1^2"]).dtype == np.float64
    assert transform(X.astype(np.int64), ["x1*x2"]).dtype == np.float64


def test_squares_make_the_circle_linearly_separable():
    # The lesson of the features: with x1^2 and x2^2 a line separates the circle.
    ds = generate("circle", n=400, noise=0.0, seed=1)
    F = transform(ds.X, ["x1^2", "x2^2"])
    assert np.array_equal(F.sum(axis=1) < 2.5**2, ds.y == 1)
