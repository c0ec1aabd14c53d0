"""``nnsim export --to npz``: W1, b1, ... exactly as trained, and a sidecar from which
another tool can compute f(x) without nnsim."""

import json

import numpy as np
import pytest

from nnsim import cli
from nnsim.core.features import FEATURES
from nnsim.project import load, new_project
from nnsim.project.export import export
from nnsim.project.export.npz import FEATURE_FORMULAS, sidecar_path
from tests.project.helpers import trained

# What a tool outside nnsim would write from the sidecar's names and formulas alone.
G = {
    "linear": lambda a: a,
    "tanh": np.tanh,
    "relu": lambda a: np.maximum(a, 0),
    "sigmoid": lambda a: 1 / (1 + np.exp(-a)),
    "softmax": lambda a: (
        np.exp(a - a.max(1, keepdims=True))
        / np.exp(a - a.max(1, keepdims=True)).sum(1, keepdims=True)
    ),
}


def outside_forward(arrays, doc, X):
    """f(x) of raw points X (n, d) from the npz arrays and the sidecar only."""
    x1, x2 = X[:, 0], X[:, 1] if X.shape[1] > 1 else None
    columns = [eval(f["formula"], {"sin": np.sin}, {"x1": x1, "x2": x2}) for f in doc["features"]]
    h = np.stack(columns, axis=1)
    for layer in doc["layers"]:
        W, b = arrays[layer["W"]], arrays[layer["b"]]
        assert list(W.shape) == layer["shape"] and b.shape == (layer["shape"][0],)
        h = G[layer["activation"]](h @ W.T + b)
    return h


@pytest.mark.parametrize(
    ("dataset", "options"),
    [
        ("spiral", {"hidden": (6, 5), "activation": ["relu", "tanh"],
                    "features": ["x1", "x2", "x1*x2", "sin(x1)", "x2^2"]}),
        ("xor", {"hidden": (4,), "output": "sigmoid", "loss": "binary_cross_entropy"}),
        ("sin1d", {"hidden": (5,), "activation": "sigmoid", "features": ["x1", "x1^2"]}),
    ],
)  # fmt: skip
def test_arrays_round_trip_and_the_sidecar_describes_the_network(tmp_path, dataset, options):
    p = trained(new_project(dataset, n=80, seed=2, **options), epochs=3)
    files = export(p, "npz", tmp_path / "net.npz")
    assert files == [tmp_path / "net.npz", tmp_path / "net.npz.json"]
    with np.load(files[0]) as npz:
        arrays = dict(npz)
    L1 = len(p.sizes) - 1
    names = [f"{what}{k}" for k in range(1, L1 + 1) for what in "Wb"]
    assert sorted(arrays) == sorted(names)
    for k, (W, b) in enumerate(p.weights, start=1):
        assert arrays[f"W{k}"].dtype == np.float64
        assert np.array_equal(arrays[f"W{k}"], W) and np.array_equal(arrays[f"b{k}"], b)
    doc = json.loads(files[1].read_text(encoding="utf-8"))
    assert doc["format"] == "nnsim-npz" and doc["format_version"] == 1
    assert doc["sizes"] == p.sizes and doc["task"] == p.task and doc["loss"] == p.network.loss
    assert [f["name"] for f in doc["features"]] == list(p.features)
    activations = [layer["activation"] for layer in doc["layers"]]
    assert activations == [*p.activations, p.network.output_activation]
    f = outside_forward(arrays, doc, np.asarray(p.data.X))
    net = p.build_network(np.float64)
    assert np.allclose(f, net.predict(p.inputs()), rtol=0, atol=1e-12)
    if p.task == "classification":
        assert doc["classes"]["n_classes"] == p.n_classes
        single = doc["classes"]["decision"].startswith("class 1 if")
        assert single == (p.sizes[-1] == 1)
    else:
        assert doc["classes"] is None


def test_every_feature_has_a_formula():
    assert FEATURE_FORMULAS.keys() == FEATURES.keys()
    x1, x2 = np.array([0.3, -1.2]), np.array([2.0, 0.7])
    for name, feature in FEATURES.items():
        value = eval(FEATURE_FORMULAS[name], {"sin": np.sin}, {"x1": x1, "x2": x2})
        assert np.array_equal(value, feature.fn(np.stack([x1, x2], axis=1)))


def test_cli_export_npz_beside_the_project_never_over_it(tmp_path, capsys):
    path = tmp_path / "p.json"
    assert cli.main(["new", str(path), "--n", "30", "--hidden", "3", "--epochs", "1"]) == 0
    capsys.readouterr()
    assert cli.main(["export", str(path), "--to", "npz", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    files = [str(tmp_path / "p.npz"), str(tmp_path / "p.npz.json")]
    assert doc == {"format": "npz", "files": files}
    assert sidecar_path(tmp_path / "p.npz") == tmp_path / "p.npz.json"
    load(path)  # the project is untouched
    assert cli.main(["export", str(path), "--to", "torch"]) == 0
    assert "wrote " in capsys.readouterr().out and (tmp_path / "p.py").exists()
