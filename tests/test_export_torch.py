"""``nnsim export --to torch``: the script runs with torch alone and agrees with nnsim.

Each exported script is run by a real Python with torch (torch==2.13.0 CPU, in the test
extra) in a child process that cannot import nnsim; its printed JSON is compared with
``nnsim evaluate --json``, its one SGD step with ``nnsim trace --json`` and its training
with ``nnsim train``. To pay for ``import torch`` only twice, one script runs as a user
runs it (``python circle.py``) and the others in one child that executes them in turn
with `runpy`, exactly as ``python net.py ARGS`` would.
"""

import ast
import contextlib
import dataclasses
import importlib.util
import io
import json
import math
import os
import subprocess
import sys

import numpy as np
import pytest

from nnsim import cli
from nnsim.core.activations import OUTPUT_ACTIVATIONS
from nnsim.core.features import FEATURES
from nnsim.core.hyper import SCHEDULES
from nnsim.core.losses import LOSSES
from nnsim.project import load, save
from nnsim.project.export import torch_script as ts  # the module (the package's is script_text)

needs_torch = pytest.mark.skipif(
    importlib.util.find_spec("torch") is None, reason="torch is not installed"
)

# Runs each (script, args) in turn as `python script args` would; prints their stdouts.
DRIVER = """
import contextlib, io, json, runpy, sys
out = []
for script, args in json.loads(sys.argv[1]):
    sys.argv = [script, *args]
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        runpy.run_path(script, run_name="__main__")
    out.append(buffer.getvalue())
print(json.dumps(out))
"""

CASES = {
    # classes: input features, L1 with its clip, momentum, the inverse schedule
    "circle": ("--dataset", "circle", "--n", 150, "--features", "x1,x2,x1^2", "--hidden",
               "6,4", "--l1", 0.002, "--momentum", 0.9, "--schedule", "inverse", "--decay",
               0.1),
    # regression: sin features, L2, momentum, power schedule after constant epochs
    "sine": ("--dataset", "sin1d", "--n", 120, "--features", "x1,sin(x1)", "--hidden", "5",
             "--activation", "sigmoid", "--l2", 0.01, "--momentum", 0.5, "--schedule",
             "power", "--decay", 0.75, "--constant-epochs", 2),
    # two classes on one sigmoid output with binary cross-entropy, ReLU, float32
    "xor32": ("--dataset", "xor", "--n", 120, "--hidden", "8", "--activation", "relu",
              "--output", "sigmoid", "--loss", "binary_cross_entropy", "--dtype", "float32",
              "--l2", 0.001),
    # softmax over three classes, two hidden activations
    "blobs": ("--dataset", "blobs", "--classes", 3, "--n", 120, "--hidden", "4,4",
              "--activation", "tanh,linear", "--momentum", 0.8),
}  # fmt: skip
STEP_CASE = ("--n", 100, "--features", "x1,x2,x2^2", "--hidden", "5", "--momentum", 0.9,
             "--l1", 0.01, "--schedule", "inverse", "--decay", 0.2)  # fmt: skip
MEASURED = {}  # max |torch - nnsim| per comparison, printed at the end (pytest -s)


def nnsim_json(*argv):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = cli.main([str(a) for a in argv] + ["--json"])
    assert code == 0
    return json.loads(out.getvalue())


def make(folder, name, *options, epochs=4):
    path = folder / f"{name}.json"
    nnsim_json("new", path, *options, "--epochs", epochs)
    nnsim_json("train", path, "--quiet")
    return path


def export(path):
    out = path.with_suffix(".py")
    assert nnsim_json("export", path, "--to", "torch", "-o", out)["files"] == [str(out)]
    return out


def without_nnsim(cwd):
    """Arguments of a child that has torch but cannot import nnsim."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONNOUSERSITE"] = "1"
    return {"cwd": cwd, "env": env, "capture_output": True, "text": True, "timeout": 170}


def max_difference(a, b, where="") -> float:
    """Largest |a - b| over two JSON documents that must have the same structure."""
    if isinstance(a, dict):
        assert isinstance(b, dict) and a.keys() == b.keys(), where
        return max((max_difference(a[k], b[k], f"{where}.{k}") for k in a), default=0.0)
    if isinstance(a, list):
        assert isinstance(b, list) and len(a) == len(b), where
        return max((max_difference(x, y, f"{where}[]") for x, y in zip(a, b)), default=0.0)
    if isinstance(a, bool | str) or a is None:
        assert a == b, f"{where}: {a!r} != {b!r}"
        return 0.0
    assert isinstance(b, int | float) and not isinstance(b, bool), where
    return abs(a - b)


def step_project(folder):
    """A trained project with a weight that L1 carries across zero in the next step on
    point 7 (it sits on the side the data gradient and momentum push it away from)."""
    path = make(folder, "step", *STEP_CASE)
    push = nnsim_json("trace", path, "--sample", 7)["trace"]["update"][0]
    p = load(path)
    W1 = np.array(p.weights[0][0])
    W1[0, 0] = math.copysign(1e-12, push["W_data"][0][0] + push["W_momentum"][0][0])
    save(dataclasses.replace(p, weights=((W1, p.weights[0][1]), *p.weights[1:])), path)
    return path


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Every project, its script and what the script printed, keyed by run."""
    folder = tmp_path_factory.mktemp("torch")
    projects = {name: make(folder, name, *args) for name, args in CASES.items()}
    projects["step"] = step_project(folder)
    # with one batch per epoch the shuffling order cannot matter
    projects["full"] = make(folder, "full", *CASES["sine"], "--batch", 1000)
    scripts = {name: export(path) for name, path in projects.items()}
    todo = {f"evaluate {name}": (scripts[name], []) for name in CASES if name != "circle"}
    todo["step 7"] = (scripts["step"], ["--step", 7])
    todo["step 3"] = (scripts["sine"], ["--step", 3])
    todo["train 30"] = (scripts["full"], ["--train", "--epochs", 30])
    plan = json.dumps([(str(s), [str(a) for a in args]) for s, args in todo.values()])
    child = subprocess.run([sys.executable, "-c", DRIVER, plan], **without_nnsim(folder))
    assert child.returncode == 0, child.stderr
    out = dict(zip(todo, json.loads(child.stdout)))
    direct = subprocess.run([sys.executable, "circle.py"], **without_nnsim(folder))
    assert direct.returncode == 0, direct.stderr
    out["evaluate circle"] = direct.stdout
    yield projects, {key: json.loads(text) for key, text in out.items()}
    for what, difference in MEASURED.items():
        print(f"\n{what}: max |torch - nnsim| = {difference:.3g}", end="")


# --------------------------------------------------------------------- the generator
def test_every_choice_nnsim_offers_has_its_torch_form():
    assert ts.FEATURE_EXPRESSIONS.keys() == FEATURES.keys()
    assert ts.OUTPUTS.keys() == OUTPUT_ACTIVATIONS.keys()
    assert ts.LOSSES.keys() == LOSSES.keys()
    assert ts.SCHEDULES.keys() == set(SCHEDULES)


def test_script_imports_only_the_standard_library_and_torch(tmp_path):
    path = make(tmp_path, "c", "--n", 40, "--hidden", "3", epochs=1)
    tree = ast.parse(export(path).read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add(node.module.split(".")[0])
    assert imported == {"argparse", "json", "math", "sys", "torch"}


def test_script_carries_the_exact_weights_and_data(tmp_path):
    path = make(tmp_path, "c", "--n", 50, "--hidden", "5,3", "--features", "x1,x1*x2")
    p = load(path)
    source = export(path).read_text(encoding="utf-8")
    data = source[source.index("# fmt: off") : source.index("# fmt: on")]
    namespace = {}
    exec(data, {"math": math}, namespace)  # the data section alone needs no torch
    for (W, b), (W_s, b_s) in zip(p.weights, namespace["WEIGHTS"], strict=True):
        assert np.array_equal(W, np.array(W_s)) and np.array_equal(b, np.array(b_s))
    assert np.array_equal(p.data.X, np.array(namespace["X_RAW"]))
    assert np.array_equal(p.data.y, namespace["Y_RAW"])
    assert np.array_equal(p.data.split, namespace["SPLIT"])
    assert namespace["HYPER"] == p.hyper.to_dict()
    assert namespace["EPOCH"] == p.epoch == 4
    assert np.array_equal(
        np.concatenate([np.concatenate([np.ravel(W), b]) for W, b in namespace["VELOCITY"]]),
        p.trainer_state.velocity,
    )


def test_export_refuses_to_overwrite_the_project(tmp_path, capsys):
    path = make(tmp_path, "c", "--n", 40, "--hidden", "3", epochs=1)
    code = cli.main(["export", str(path), "-o", str(path)])
    assert code == 2 and "the project itself" in capsys.readouterr().err
    assert load(path).epoch == 1


# --------------------------------------------------------------------- against nnsim
@needs_torch
@pytest.mark.parametrize("name", list(CASES))
def test_script_prints_the_metrics_of_nnsim_evaluate(runs, name):
    projects, printed = runs
    got = printed[f"evaluate {name}"]
    difference = max_difference(got, nnsim_json("evaluate", projects[name]))
    MEASURED[f"evaluate {name}"] = difference
    assert difference <= 1e-6
    assert got["metrics"]["train"]["n"] > 0 and got["epoch"] == 4


@needs_torch
@pytest.mark.parametrize(("name", "sample"), [("step", 7), ("sine", 3)])
def test_one_step_of_the_script_is_the_step_nnsim_trace_shows(runs, name, sample):
    projects, printed = runs
    got = printed[f"step {sample}"]
    trace = nnsim_json("trace", projects[name], "--sample", sample)["trace"]
    assert got["learning_rate"] == trace["learning_rate"]
    differences = [abs(got[key] - trace[key]) for key in ("loss", "loss_after")]
    for mine, theirs in zip(got["update"], trace["update"], strict=True):
        assert mine["k"] == theirs["k"]
        for key in ("W_data", "b_data", "W_new", "b_new"):
            differences.append(np.max(np.abs(np.subtract(mine[key], theirs[key]))))
    MEASURED[f"one step on {name}"] = max(differences)
    assert max(differences) <= 1e-12
    if name == "step":  # L1 stopped the weight at exactly 0, in nnsim and in torch
        assert trace["update"][0]["W_clipped"][0][0] is True
        assert got["update"][0]["W_new"][0][0] == 0.0


@needs_torch
def test_full_batch_training_in_the_script_follows_nnsim_epoch_by_epoch(runs, tmp_path):
    # 30 more epochs of SGD with momentum, L2 and the power schedule land on nnsim's weights
    projects, printed = runs
    further = tmp_path / "further.json"
    nnsim_json("train", projects["full"], "--epochs", 34, "-o", further, "--quiet")
    difference = max_difference(printed["train 30"], nnsim_json("evaluate", further))
    MEASURED["30 full-batch epochs"] = difference
    assert difference <= 1e-9
