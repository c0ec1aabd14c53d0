"""Tests of the toy data set generators and the train/validation/test split."""

import math

import numpy as np
import pytest

from nnsim.core.datasets import GENERATORS, DataSet, generate, split

ALL = sorted(GENERATORS)
CLASSIFIERS = [k for k in ALL if GENERATORS[k].task == "classification"]


@pytest.mark.parametrize("name", ALL)
def test_shapes_dtypes_and_metadata(name):
    gen = GENERATORS[name]
    ds = generate(name, n=101, noise=0.5, seed=3)
    assert isinstance(ds, DataSet)
    assert ds.name == name and ds.task == gen.task
    assert ds.X.shape == (101, gen.n_inputs) and ds.X.dtype == np.float64
    assert ds.y.shape == (101,)
    assert np.isfinite(ds.X).all() and np.isfinite(ds.y).all()
    if gen.task == "classification":
        assert ds.y.dtype == np.int64
        assert set(np.unique(ds.y)) <= set(range(ds.n_classes))
    else:
        assert ds.y.dtype == np.float64 and ds.n_classes == 0
    assert gen.description and 0.0 <= gen.default_noise <= 0.5


@pytest.mark.parametrize("name", ALL)
def test_single_point_and_defaults(name):
    assert generate(name, n=1).X.shape[0] == 1
    assert generate(name).X.shape[0] == GENERATORS[name].default_n


@pytest.mark.parametrize("name", ALL)
def test_same_seed_same_arrays_other_seed_other_arrays(name):
    a, b = generate(name, n=60, noise=0.2, seed=7), generate(name, n=60, noise=0.2, seed=7)
    c = generate(name, n=60, noise=0.2, seed=8)
    assert np.array_equal(a.X, b.X) and np.array_equal(a.y, b.y)
    assert not np.array_equal(a.X, c.X)


@pytest.mark.parametrize("name", ["circle", "xor", "checkerboard", "reg_plane", "reg_gauss"])
def test_noise_moves_labels_not_points(name):
    # The noise slider must not redraw the cloud: these sets draw points un-noised.
    quiet, noisy = generate(name, n=300, noise=0.0), generate(name, n=300, noise=0.5)
    assert np.array_equal(quiet.X, noisy.X)
    assert not np.array_equal(quiet.y, noisy.y)


@pytest.mark.parametrize("name", CLASSIFIERS)
def test_two_class_sets_are_balanced(name):
    ds = generate(name, n=400, noise=0.0, seed=1)
    counts = np.bincount(ds.y, minlength=ds.n_classes)
    assert counts.min() >= 0.4 * 400 / ds.n_classes


def test_circle_label_is_the_radius_rule_without_noise():
    ds = generate("circle", n=501, noise=0.0, seed=2)
    r = np.hypot(ds.X[:, 0], ds.X[:, 1])
    assert np.array_equal(ds.y, (r < 2.5).astype(np.int64))
    assert ds.y.sum() == 251  # class 1 (the disc) takes the odd point
    assert r.max() <= 5.0 and r[ds.y == 0].min() >= 3.5


def test_circle_noise_flips_labels_near_the_boundary():
    ds = generate("circle", n=2000, noise=0.5, seed=2)
    r = np.hypot(ds.X[:, 0], ds.X[:, 1])
    flipped = ds.y != (r < 2.5)
    assert 0 < flipped.sum() < 1000


def test_xor_label_rule_and_padding():
    ds = generate("xor", n=500, noise=0.0, seed=4)
    assert np.array_equal(ds.y, (ds.X[:, 0] * ds.X[:, 1] >= 0).astype(np.int64))
    assert np.abs(ds.X).min() >= 0.3 and np.abs(ds.X).max() <= 5.3


def test_gauss_centres_and_variance_follow_noise():
    for noise, variance in ((0.0, 0.5), (0.5, 4.0)):
        ds = generate("gauss", n=4000, noise=noise, seed=5)
        for label, centre in ((1, 2.0), (0, -2.0)):
            pts = ds.X[ds.y == label]
            assert np.allclose(pts.mean(axis=0), centre, atol=0.15)
            assert np.allclose(pts.var(axis=0), variance, rtol=0.1)


def test_spiral_radii_in_0_5_and_arms_are_point_reflections():
    ds = generate("spiral", n=400, noise=0.0, seed=6)
    r = np.hypot(ds.X[:, 0], ds.X[:, 1])
    assert r.min() >= 0.0 and r.max() <= 5.0
    # Arm 0 is arm 1 turned by pi: the same radii, opposite points.
    arm1, arm0 = ds.X[ds.y == 1], ds.X[ds.y == 0]
    key = np.lexsort
    a, b = arm1[key(arm1.T)], (-arm0)[key((-arm0).T)]
    assert np.allclose(a, b, atol=1e-12)


def test_spiral_noise_stays_within_one_unit():
    quiet = generate("spiral", n=200, noise=0.0, seed=6)
    noisy = generate("spiral", n=200, noise=0.5, seed=6)
    # Same seed gives the same order, so the jitter of each point is visible.
    assert np.abs(noisy.X - quiet.X).max() <= 0.5


def test_moons_lie_on_their_half_circles_without_noise():
    ds = generate("moons", n=300, noise=0.0, seed=7)
    unit = ds.X * 0.3 + [0.5, 0.25]  # undo the scaling to the plane
    upper, lower = unit[ds.y == 0], unit[ds.y == 1]
    assert np.allclose(np.hypot(*upper.T), 1.0)
    assert np.allclose(np.hypot(*(lower - [1.0, 0.5]).T), 1.0)
    assert (upper[:, 1] >= 0).all() and (lower[:, 1] <= 0.5).all()
    assert np.abs(ds.X[:, 0]).max() <= 5.0 + 1e-12


@pytest.mark.parametrize("k", range(2, 9))
def test_blobs_k_classes_balanced_around_radius_3_5(k):
    ds = generate("blobs", n=80 * k + 3, noise=0.0, seed=8, n_classes=k)
    assert ds.n_classes == k
    counts = np.bincount(ds.y, minlength=k)
    assert counts.max() - counts.min() <= 1
    means = np.array([ds.X[ds.y == c].mean(axis=0) for c in range(k)])
    assert np.allclose(np.hypot(*means.T), 3.5, atol=0.2)


def test_blobs_spread_grows_with_noise():
    stds = [generate("blobs", n=900, noise=v, seed=9).X.std() for v in (0.0, 0.5)]
    assert stds[1] > stds[0] + 0.5


def test_checkerboard_parity_rule_without_noise():
    ds = generate("checkerboard", n=1000, noise=0.0, seed=10)
    cells = np.floor((ds.X + 6) / 3).astype(int)
    assert np.array_equal(ds.y, cells.sum(axis=1) % 2)
    assert np.abs(ds.X).max() <= 6.0


def test_reg_plane_is_the_formula_without_noise():
    ds = generate("reg_plane", n=200, noise=0.0, seed=11)
    assert np.allclose(ds.y, (ds.X[:, 0] + ds.X[:, 1]) / 10)


def test_reg_gauss_matches_a_loop_over_the_centres():
    ds = generate("reg_gauss", n=300, noise=0.0, seed=12)
    centres = [(-4, 2.5, 1), (0, 2.5, -1), (4, 2.5, 1), (-4, -2.5, -1), (0, -2.5, 1), (4, -2.5, -1)]
    for (x, y), target in zip(ds.X, ds.y, strict=True):
        label = 0.0
        for cx, cy, sign in centres:  # the web tool's loop, as written there
            value = sign * min(max(1 - math.hypot(x - cx, y - cy) / 2, 0.0), 1.0)
            if abs(value) > abs(label):
                label = value
        assert target == pytest.approx(label, abs=1e-12)
    assert (ds.y > 0.5).any() and (ds.y < -0.5).any()


def test_sin1d_is_sine_of_one_input():
    ds = generate("sin1d", n=150, noise=0.0, seed=13)
    assert ds.X.shape == (150, 1) and np.abs(ds.X).max() <= 6.0
    assert np.allclose(ds.y, np.sin(ds.X[:, 0]))
    noisy = generate("sin1d", n=3000, noise=0.3, seed=13)
    assert np.std(noisy.y - np.sin(noisy.X[:, 0])) == pytest.approx(0.3, rel=0.1)


@pytest.mark.parametrize(
    "args, kw, message",
    [
        (("nope",), {}, "unknown data set 'nope'"),
        (("circle", 0), {}, r"n must be in 1\.\.100000"),
        (("circle", 100_001), {}, r"n must be in 1\.\.100000"),
        (("circle", 2.5), {}, r"n must be an integer in 1\.\.100000"),
        (("circle", True), {}, "n must be an integer"),
        (("circle", 10, -0.01), {}, r"noise must be in \[0, 0.5\]"),
        (("circle", 10, 0.51), {}, r"noise must be in \[0, 0.5\]"),
        (("circle", 10, float("nan")), {}, r"noise must be in \[0, 0.5\]"),
        (("circle", 10, "lots"), {}, "noise must be a number"),
        (("blobs", 10), {"n_classes": 1}, r"n_classes must be in 2\.\.8"),
        (("blobs", 10), {"n_classes": 9}, r"n_classes must be in 2\.\.8"),
        (("circle", 10), {"n_classes": 3}, "'circle' has no option 'n_classes'"),
    ],
)
def test_generate_rejects_bad_parameters(args, kw, message):
    with pytest.raises(ValueError, match=message):
        generate(*args, **kw)


def test_dataset_checks_its_arrays():
    with pytest.raises(ValueError, match="rows"):
        DataSet(np.zeros((3, 2)), np.zeros(2, np.int64), "classification", 2, "bad")
    with pytest.raises(ValueError, match="task"):
        DataSet(np.zeros((3, 2)), np.zeros(3), "clustering", 0, "bad")


@pytest.mark.parametrize("n", [1, 2, 3, 7, 10, 99, 1000])
@pytest.mark.parametrize("ratios", [(0.6, 0.2, 0.2), (0.5, 0.5, 0.0), (0.7, 0.15, 0.15), (1, 0, 0)])
def test_split_counts_are_rounded_and_train_takes_the_rest(n, ratios):
    codes = split(n, ratios, seed=1)
    assert codes.dtype == np.int8 and codes.shape == (n,)
    counts = np.bincount(codes, minlength=3)
    assert counts.sum() == n and counts[0] >= 1
    if n >= 10:
        assert counts[1] == round(n * ratios[1]) and counts[2] == round(n * ratios[2])


def test_split_gives_a_tiny_set_a_train_point():
    assert list(np.bincount(split(2, (0.2, 0.4, 0.4)), minlength=3)) == [1, 1, 0]
    assert list(split(1, (0.1, 0.45, 0.45))) == [0]
    assert split(0).shape == (0,)


def test_split_is_seeded_and_shuffled():
    a, b, c = split(200, seed=3), split(200, seed=3), split(200, seed=4)
    assert np.array_equal(a, b) and not np.array_equal(a, c)
    # The test points are spread over the set, not a block at its end.
    test_idx = np.flatnonzero(a == 2)
    assert test_idx.min() < 50 and test_idx.max() > 150


@pytest.mark.parametrize(
    "ratios, message",
    [
        ((0.6, 0.3, 0.2), "sum to 1"),
        ((0.6, 0.5, -0.1), "non-negative"),
        ((0.0, 0.5, 0.5), "train ratio"),
        ((0.5, 0.5), "train, validation, test"),
    ],
)
def test_split_rejects_bad_ratios(ratios, message):
    with pytest.raises(ValueError, match=message):
        split(10, ratios)
