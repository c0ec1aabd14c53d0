"""Every shipped example: listed, reproducible, and its lecture claim checked numerically.

Each example is trained headless exactly as the student's Play button would train it: with
the hyperparameters saved in the file (no example needs a smaller max_epochs to be fast).
Each project is trained once per test session and shared by the claim tests.
"""

import json
import math
import re
from functools import cache
from pathlib import Path

import numpy as np
import pytest

import nnsim.examples
from nnsim.core import metrics
from nnsim.examples import build, lessons
from nnsim.project import dumps, load
from nnsim.project.edits import set_hyper

EXAMPLES = nnsim.examples.examples_dir()
INDEX = json.loads((EXAMPLES / "index.json").read_text(encoding="utf-8"))["examples"]
FILES = [entry["file"] for entry in INDEX]
ROOT = Path(__file__).resolve().parents[1]


@cache
def trained(name: str):
    """(project, net, trainer) after training ``<name>.json`` with its saved settings."""
    project = load(EXAMPLES / f"{name}.json")
    net, trainer = project.make_trainer()
    trainer.train()
    return project, net, trainer


def column(trainer, key: str) -> np.ndarray:
    return np.array([getattr(rec, key) for rec in trainer.history])


def same_data(*names: str, topology: bool = True) -> bool:
    """The examples compared by one claim share the points and split (and the topology)."""
    projects = [load(EXAMPLES / f"{name}.json") for name in names]
    first = projects[0]
    return all(
        np.array_equal(p.data.X, first.data.X)
        and np.array_equal(p.data.split, first.data.split)
        and (not topology or (p.sizes, p.activations) == (first.sizes, first.activations))
        for p in projects[1:]
    )


# ---------------------------------------------------------------------- the files
def test_index_lists_every_example_file_once():
    on_disk = {p.name for p in EXAMPLES.glob("*.json")} - {"index.json"}
    assert sorted(FILES) == sorted(on_disk)
    assert len(set(FILES)) == len(FILES)
    for entry in INDEX:
        assert set(entry) == {"file", "title", "claim"}
        assert entry["title"].strip() and entry["claim"].strip()


@pytest.mark.parametrize("file", FILES)
def test_example_is_small_untrained_and_described(file):
    path = EXAMPLES / file
    assert path.stat().st_size < 200 * 1024
    p = load(path)
    entry = next(e for e in INDEX if e["file"] == file)
    assert p.title == entry["title"]
    sentences = p.description.count(". ") + 1
    assert p.description.strip() and 2 <= sentences <= 5, p.description
    assert re.search(r"[Pp]ress (Play|Start)", p.description)  # tells what to press
    titles = {e["title"] for e in INDEX}
    for quoted in re.findall(r"(?<!\w)'([^']+)'(?!\w)", p.description):
        assert quoted in titles, quoted  # "Then open 'Another example'."
    assert p.data.n <= 300
    assert p.weights is not None and p.history == () and p.trainer_state is None


def test_build_script_reproduces_the_shipped_files(tmp_path):
    assert [ex.file for ex in build.EXAMPLES] == FILES
    for ex in build.EXAMPLES:
        assert dumps(ex.project()) == (EXAMPLES / ex.file).read_text(encoding="utf-8"), ex.file
    build.build_all(tmp_path)  # the script's own output, index included, byte for byte
    for path in EXAMPLES.glob("*.json"):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


def test_the_examples_live_in_the_package_and_nowhere_else():
    assert EXAMPLES == Path(nnsim.examples.__file__).resolve().parent
    assert (EXAMPLES.parent.name, EXAMPLES.name) == ("nnsim", "examples")
    # examples/ at the top is only a signpost: no second copy that could drift
    if (ROOT / "examples").is_dir():
        assert [p.name for p in (ROOT / "examples").iterdir()] == ["README.md"]
        assert "nnsim/examples" in (ROOT / "examples" / "README.md").read_text()


def test_listing_reads_the_index_and_skips_missing_files(tmp_path, monkeypatch):
    assert nnsim.examples.list_examples() == INDEX
    assert nnsim.examples.find_example("XOR-hidden-layer.json")["file"] == "xor-hidden-layer.json"
    assert nnsim.examples.example_path("init-zero") == EXAMPLES / "init-zero.json"
    assert nnsim.examples.find_example("no-such-example") is None
    with pytest.raises(KeyError):
        nnsim.examples.example_path("no-such-example")
    monkeypatch.setattr(nnsim.examples, "_root", lambda: tmp_path)
    assert nnsim.examples.list_examples() == []  # no index
    (tmp_path / "index.json").write_text("{not json", encoding="utf-8")
    assert nnsim.examples.list_examples() == []
    entries = [{"file": "a.json", "title": "A", "claim": "a"}, {"file": "gone.json"}]
    (tmp_path / "index.json").write_text(json.dumps({"examples": entries}), encoding="utf-8")
    (tmp_path / "a.json").write_text("{}", encoding="utf-8")
    assert nnsim.examples.list_examples() == entries[:1]


@pytest.mark.parametrize("file", FILES)
def test_example_trains_without_diverging(file):
    _, net, trainer = trained(file.removesuffix(".json"))
    assert trainer.stop_reason in ("max_epochs", "target_loss", "early_stopping")
    assert np.isfinite(net.theta).all()


# ---------------------------------------------------------------------- capacity
def test_a_single_neuron_cannot_learn_xor_but_one_hidden_layer_can():
    _, _, single = trained("xor-single-neuron")
    assert column(single, "train_loss").min() > 0.6  # stays near ln 2: no line helps
    assert column(single, "val_error")[-20:].mean() >= 0.25
    assert single.history[-1].train_error >= 0.25
    assert same_data("xor-single-neuron", "xor-hidden-layer", topology=False)
    _, _, hidden = trained("xor-hidden-layer")
    assert hidden.history[-1].train_error <= 0.02
    assert hidden.history[-1].val_error <= 0.02


def test_softmax_separates_five_classes():
    p, net, trainer = trained("softmax-five-classes")
    assert p.n_classes == 5 and net.n_outputs == 5
    assert p.network.output_activation == "softmax" and p.network.loss == "cross_entropy"
    f = net.predict(p.inputs())
    assert np.allclose(f.sum(axis=1), 1.0)
    assert trainer.history[-1].train_error <= 0.1
    assert trainer.history[-1].val_error <= 0.1


def test_one_hidden_layer_approximates_sin():
    p, net, trainer = trained("sine-one-hidden-layer")
    assert len(p.network.hidden) == 1 and p.network.output_activation == "linear"
    assert trainer.stop_reason == "target_loss"
    assert trainer.history[-1].train_error <= 0.01
    x = np.linspace(-5.5, 5.5, 201)[:, None]  # the whole range, between the points too
    assert np.mean((net.predict(x)[:, 0] - np.sin(x[:, 0])) ** 2) <= 0.02


def test_the_spiral_needs_depth_or_better_features():
    assert same_data("spiral-one-layer", "spiral-deep", "spiral-sin-features", topology=False)
    p, _, shallow = trained("spiral-one-layer")
    assert shallow.stop_reason == "max_epochs"  # never near the target loss
    assert shallow.history[-1].train_loss > 3 * p.hyper.target_loss
    assert shallow.history[-1].train_error >= 0.08
    q, _, deep = trained("spiral-deep")
    assert len(q.network.hidden) == 3 and q.features == ("x1", "x2")
    assert q.hyper == p.hyper
    assert deep.stop_reason == "target_loss"
    assert deep.history[-1].train_error <= 0.05
    _, _, featured = trained("spiral-sin-features")
    assert featured.history[-1].train_error <= 0.05
    assert np.argmax(column(featured, "train_error") <= 0.05) < 200


# ---------------------------------------------------------------------- regularization
def _weights_without_regularization(name: str):
    p = load(EXAMPLES / f"{name}.json")
    p = set_hyper(p, p.hyper.with_changes(regularization="none", reg_lambda=0.0))
    net, trainer = p.make_trainer()
    trainer.train()
    return net


def test_l1_gives_exact_zeros_and_l2_only_shrinks():
    free = _weights_without_regularization("l2-shrinks")
    free_norm = math.hypot(*(np.linalg.norm(W) for W in free.W[1:]))
    assert same_data("l2-shrinks", "l1-exact-zeros")
    p2, l2, _ = trained("l2-shrinks")
    p1, l1, _ = trained("l1-exact-zeros")
    assert p2.hyper.regularization == "l2" and p1.hyper.regularization == "l1"
    assert p1.hyper.reg_lambda == p2.hyper.reg_lambda
    l2_weights = np.concatenate([W.ravel() for W in l2.W[1:]])
    l1_weights = np.concatenate([W.ravel() for W in l1.W[1:]])
    assert np.count_nonzero(l2_weights == 0.0) == 0
    assert np.linalg.norm(l2_weights) < 0.7 * free_norm
    assert np.count_nonzero(l1_weights == 0.0) >= 10
    assert np.count_nonzero(np.concatenate([W.ravel() for W in free.W[1:]]) == 0.0) == 0
    # The inputs x1^2 ... sin(x2) are not needed: L1 removes them, L2 keeps a little of them.
    assert np.abs(l1.W[1][:, 2:]).max() < 0.05
    assert np.abs(l2.W[1][:, 2:]).max() > 0.1
    assert np.abs(free.W[1][:, 2:]).max() > 0.3


# ---------------------------------------------------------------------- initialization
def test_zero_weights_with_tanh_never_move():
    p, net, trainer = trained("init-zero")
    assert p.hyper.init == "zero" and p.activations == ["tanh"]
    assert all(not W.any() for W in net.W[1:])
    assert net.b[net.n_layers].any()  # the output biases are the only parameters that learn
    assert all(g == 0.0 for rec in trainer.history for g in rec.grad_norms)
    assert trainer.history[-1].train_error >= 0.3


def test_equal_weights_keep_hidden_units_identical_and_glorot_does_not():
    assert same_data("init-zero", "init-constant", "init-glorot")
    p, net, trainer = trained("init-constant")
    assert p.hyper.init == "constant"
    W1 = net.W[1]
    assert not np.allclose(W1, p.hyper.init_constant)  # the weights did move ...
    assert np.allclose(W1, W1[0], rtol=0, atol=1e-12)  # ... but every row alike
    assert trainer.history[-1].train_error >= 0.25
    _, glorot, trainer = trained("init-glorot")
    W1 = glorot.W[1]
    assert min(np.abs(W1[i] - W1[j]).max() for i in range(4) for j in range(i)) > 0.1
    assert trainer.history[-1].train_error <= 0.05


# ---------------------------------------------------------------------- overfitting
def test_a_large_net_overfits_and_early_stopping_or_l2_prevent_it():
    assert same_data("overfitting", "early-stopping", "l2-against-overfitting")
    _, _, over = trained("overfitting")
    val_loss, train_loss = column(over, "val_loss"), column(over, "train_loss")
    assert val_loss[-1] >= 1.5 * val_loss.min()
    assert np.argmin(val_loss) < len(val_loss) // 4
    assert train_loss[-1] <= 0.05 * val_loss[-1]
    assert column(over, "val_error")[-1] > column(over, "val_error").min()

    p, net, early = trained("early-stopping")
    assert early.stop_reason == "early_stopping"
    assert len(early.history) < p.hyper.max_epochs // 3
    val_error = column(early, "val_error")
    best = early.history[early.best_epoch - 1]
    assert best.val_error == val_error.min()
    restored = metrics.error_rate(net.predict(early.data.X_val), early.data.labels_val)
    assert restored == best.val_error

    _, _, l2 = trained("l2-against-overfitting")
    val_loss = column(l2, "val_loss")
    assert val_loss[-1] <= 1.3 * val_loss.min()
    assert val_loss[-1] <= 0.5 * column(over, "val_loss")[-1]


# ---------------------------------------------------------------------- convergence
def _alpha(hp, epoch: int) -> float:
    """alpha_t of the lecture for 1-based ``epoch``, constant for the first epochs."""
    t = epoch - hp.constant_epochs
    if hp.schedule == "constant" or t <= 0:
        return hp.learning_rate
    if hp.schedule == "inverse":
        return hp.learning_rate / (1 + hp.decay * t)
    return hp.learning_rate / t**hp.decay


@pytest.mark.parametrize("name", ["schedule-constant", "schedule-inverse", "schedule-power"])
def test_recorded_learning_rate_follows_the_schedule(name):
    p, _, trainer = trained(name)
    assert p.hyper.schedule == name.removeprefix("schedule-")
    for rec in trainer.history:
        assert rec.learning_rate == pytest.approx(_alpha(p.hyper, rec.epoch), rel=1e-12)


def test_decreasing_learning_rates_let_sgd_settle():
    assert same_data("schedule-constant", "schedule-inverse", "schedule-power")
    jumps = {}
    for name in ("schedule-constant", "schedule-inverse", "schedule-power"):
        _, _, trainer = trained(name)
        jumps[name] = column(trainer, "train_loss")[-30:].std()
    assert jumps["schedule-inverse"] < 0.1 * jumps["schedule-constant"]
    assert jumps["schedule-power"] < 0.1 * jumps["schedule-constant"]


def _first_to_last_gradient(trainer, epochs: int = 10) -> float:
    """Geometric mean over the first epochs of ||grad W^(1)|| / ||grad W^(L+1)||."""
    g = np.array([rec.grad_norms for rec in trainer.history[:epochs]])
    return float(np.exp(np.mean(np.log(g[:, 0] / g[:, -1]))))


def test_gradients_vanish_with_sigmoid_but_not_with_relu():
    assert same_data("deep-sigmoid", "deep-relu", topology=False)
    p, _, sigmoid = trained("deep-sigmoid")
    q, _, relu = trained("deep-relu")
    assert p.activations == ["sigmoid"] * 6 and q.activations == ["relu"] * 6
    assert _first_to_last_gradient(sigmoid) < 1e-2
    assert _first_to_last_gradient(relu) > 0.1
    assert sigmoid.history[-1].train_error >= 0.3
    assert relu.history[-1].train_error <= 0.05


def test_momentum_reaches_a_lower_loss_than_plain_sgd():
    assert same_data("sgd-plain", "sgd-momentum")
    p, _, plain = trained("sgd-plain")
    q, _, momentum = trained("sgd-momentum")
    assert p.hyper.momentum == 0 and q.hyper.momentum == 0.9
    assert p.hyper.with_changes(momentum=0.9) == q.hyper
    plain_loss, momentum_loss = column(plain, "train_loss"), column(momentum, "train_loss")
    assert len(plain_loss) == len(momentum_loss)
    assert (momentum_loss[9:] < plain_loss[9:]).all()
    assert momentum_loss[-1] < 0.5 * plain_loss[-1]


def test_random_search_beats_grid_search_with_the_same_budget():
    from nnsim.core.search_space import SearchSpace
    from nnsim.project.searching import trial_spec
    from nnsim.runtime.search import run_search_to_end

    # the spaces the example's description tells the student to use
    spec = trial_spec(load(EXAMPLES / "grid-vs-random-search.json"))
    grid = run_search_to_end(spec, SearchSpace("grid", grid=lessons.SEARCH_GRID), workers=1)
    space = SearchSpace("random", ranges=lessons.SEARCH_RANGES, n_trials=9, seed=0)
    rnd = run_search_to_end(spec, space, workers=1)
    assert len(grid.results) == len(rnd.results) == 9  # the same budget
    rates = [{r.config["learning_rate"] for r in s.results} for s in (grid, rnd)]
    assert (len(rates[0]), len(rates[1])) == (3, 9)
    best_grid = grid.results[grid.best].val_error
    best_random = rnd.results[rnd.best].val_error
    assert best_random < best_grid  # measured: 0.0 against 0.05
