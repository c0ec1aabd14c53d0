"""The command line, in-process through cli.main (plus one real `python -m nnsim`)."""

import json
import signal
import subprocess
import sys
import types

import numpy as np
import pytest

import nnsim.gui.shell
from nnsim import cli
from nnsim.cli import commands as cli_commands
from nnsim.project import SCHEMA, load


def run(capsys, *argv):
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, *argv):
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    return json.loads(out)


@pytest.fixture
def project(tmp_path, capsys):
    path = tmp_path / "p.json"
    code, _, err = run(
        capsys,
        "new",
        path,
        "--n",
        60,
        "--hidden",
        "4",
        "--epochs",
        3,
        "--batch",
        8,
        "--momentum",
        0.9,
        "--seed",
        3,
    )
    assert code == 0, err
    return path


def test_new_with_options(tmp_path, capsys):
    path = tmp_path / "blobs.json"
    info = run_json(
        capsys,
        "new",
        path,
        "--dataset",
        "blobs",
        "--classes",
        4,
        "--n",
        80,
        "--hidden",
        "5,3",
        "--activation",
        "relu,tanh",
        "--l2",
        0.01,
        "--early-stopping",
        7,
        "--split",
        "0.5,0.25,0.25",
        "--features",
        "x1,x2,x1*x2",
        "--title",
        "Vier Klassen",
        "--schedule",
        "inverse",
        "--lr",
        0.1,
    )
    assert info["sizes"] == [3, 5, 3, 4] and info["activations"] == ["relu", "tanh"]
    p = load(path)
    assert p.title == "Vier Klassen" and p.n_classes == 4 and p.data.n == 80
    assert p.hyper.regularization == "l2" and p.hyper.reg_lambda == 0.01
    assert p.hyper.early_stopping and p.hyper.patience == 7
    assert p.data.split_ratios == (0.5, 0.25, 0.25)
    path2 = tmp_path / "reg.json"
    info = run_json(capsys, "new", path2, "--dataset", "sin1d", "--hidden", "", "--n", 20)
    assert info["sizes"] == [1, 1] and info["loss"] == "squared_error"


def test_new_refuses_to_overwrite(project, capsys):
    before = project.read_bytes()
    code, out, err = run(capsys, "new", project)
    assert code == 2 and err.count("\n") == 1 and "--force" in err
    assert project.read_bytes() == before
    assert run(capsys, "new", project, "--force", "--n", 30)[0] == 0
    assert load(project).data.n == 30


def test_train_resumes_exactly(project, tmp_path, capsys):
    straight = tmp_path / "straight.json"
    result = run_json(capsys, "train", project, "--epochs", 6, "-o", straight)
    assert result["epoch"] == 6 and result["stop_reason"] == "max_epochs"
    assert set(result["metrics"]) == {"train", "validation", "test"}
    assert load(project).epoch == 0  # -o left the project alone
    assert run_json(capsys, "train", project)["epoch"] == 3
    assert run_json(capsys, "train", project, "--epochs", 6)["epoch"] == 6
    a, b = load(project), load(straight)
    for (W, c), (V, d) in zip(a.weights, b.weights, strict=True):
        np.testing.assert_array_equal(W, V)
        np.testing.assert_array_equal(c, d)
    code, out, err = run(capsys, "train", project)
    assert code == 0 and "Already trained for 6 epochs" in out


def test_train_text_output_and_progress(project, capsys):
    code, out, err = run(capsys, "train", project, "--epochs", 40)
    assert code == 0
    assert "epoch 40: Reached the epoch limit." in out and "validation" in out
    assert "100%  epoch 40/40" in err  # not a terminal: plain lines


def test_ctrl_c_stops_cleanly_and_saves(project, capsys, monkeypatch):
    update = cli_commands._Progress.update

    def interrupt(self, snap):
        update(self, snap)
        signal.raise_signal(signal.SIGINT)

    monkeypatch.setattr(cli_commands._Progress, "update", interrupt)
    before = signal.getsignal(signal.SIGINT)  # whatever an earlier test or library left
    code, out, err = run(capsys, "train", project, "--epochs", 100_000)
    assert code == 130 and "Interrupted at epoch" in out
    p = load(project)
    assert 0 < p.trainer_state.updates and p.epoch < 100_000
    assert signal.getsignal(signal.SIGINT) is before  # the run put back what it found


def test_evaluate(project, tmp_path, capsys):
    result = run_json(capsys, "evaluate", project)
    train = result["metrics"]["train"]
    assert train["n"] == 36 and 0 <= train["error"] <= 1
    assert np.sum(train["confusion"]) == 36
    code, out, _ = run(capsys, "evaluate", project)
    assert code == 0 and "confusion matrix (test" in out
    reg = tmp_path / "reg.json"
    run(capsys, "new", reg, "--dataset", "reg_plane", "--n", 30)
    metrics = run_json(capsys, "evaluate", reg)["metrics"]
    assert "confusion" not in metrics["test"]
    # The reported mse is the mean of (f(x) - y)^2 over the test points, recomputed here from
    # the saved weights; the squared-error loss is half of it (1/2 (f(x) - y)^2).
    p = load(reg)
    test = p.data.split == 2
    f = p.build_network().predict(p.inputs()[test])[:, 0]
    mse = float(np.mean((f - p.data.y[test]) ** 2))
    assert metrics["test"]["n"] == int(test.sum()) > 0
    assert metrics["test"]["mse"] == pytest.approx(mse, rel=1e-12) and mse > 0
    assert metrics["test"]["loss"] == pytest.approx(mse / 2, rel=1e-12)


def test_gradcheck(project, capsys):
    result = run_json(capsys, "gradcheck", project, "--samples", 5)
    assert result["passed"] and set(result["relative_errors"]) == {
        "W^(1)",
        "b^(1)",
        "W^(2)",
        "b^(2)",
    }
    assert max(result["relative_errors"].values()) < 1e-6
    code, out, _ = run(capsys, "gradcheck", project, "--tolerance", 1e-300)
    assert code == 1 and "TOO LARGE" in out and "FAILED" in out


def test_trace(project, capsys):
    result = run_json(capsys, "trace", project, "--sample", 4)
    assert result["sample"] == 4 and result["split"] in ("train", "validation", "test")
    trace = result["trace"]
    assert len(trace["forward"]) == 2 and len(trace["x"]) == 2
    code, out, _ = run(capsys, "trace", project, "--sample", 4, "--digits", 3)
    assert code == 0 and "grad W^(1) = grad a^(1) h^(0)^T" in out


def test_schema_subprocess():
    done = subprocess.run(
        [sys.executable, "-m", "nnsim", "schema"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert json.loads(done.stdout) == json.loads(json.dumps(SCHEMA))


@pytest.mark.parametrize(
    "argv, fragment",
    [
        (["train", "{tmp}/missing.json"], "No such file"),
        (["evaluate", "{tmp}/broken.json"], "not valid JSON"),
        (["new", "{tmp}/x.json", "--lr", "-1"], "--lr"),
        (["new", "{tmp}/x.json", "--lr", "nan"], "finite"),
        (["new", "{tmp}/x.json", "--hidden", "8,x"], "--hidden"),
        (["new", "{tmp}/x.json", "--dataset", "moon"], "invalid choice"),
        (["new", "{tmp}/x.json", "--classes", "3"], "option"),
        (["new", "{tmp}/x.json", "--split", "0.5,0.1,0.1"], "sum to 1"),
        (["new", "{tmp}/x.json", "--activation", "swish"], "swish"),
        (["new", "{tmp}/x.json", "--l1", "0.1", "--l2", "0.1"], "not allowed with"),
        (["new", "{tmp}/x.json", "--hidden", "300"], "256"),
        (["trace", "{tmp}/p.json"], "--sample"),
        (["trace", "{tmp}/p.json", "--sample", "999"], "--sample"),
        (["gradcheck", "{tmp}/p.json", "--samples", "0"], ">= 1"),
        (["frobnicate"], "invalid choice"),
        (["--json"], "unrecognized arguments"),
        (["{tmp}/missing.json"], "No such file"),
    ],
)
def test_bad_input_gives_exit_2_and_one_line(argv, fragment, project, tmp_path, capsys):
    (tmp_path / "broken.json").write_text('{"format": ')
    code, out, err = run(capsys, *[a.format(tmp=tmp_path) for a in argv])
    assert code == 2
    assert err.startswith("nnsim: error: ") and err.count("\n") == 1, err
    assert fragment in err
    assert not (tmp_path / "x.json").exists()


def test_no_command_opens_the_window(project, capsys, monkeypatch):
    calls = []
    fake = types.ModuleType("nnsim.gui.shell.app")
    fake.run = lambda path: calls.append(path) or 0
    monkeypatch.setitem(sys.modules, "nnsim.gui.shell.app", fake)
    monkeypatch.setattr(nnsim.gui.shell, "app", fake, raising=False)
    assert cli.main([]) == 0 and cli.main([str(project)]) == 0
    assert calls == [None, str(project)]


def test_window_without_gui_libraries(capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "nnsim.gui.shell.app", None)
    monkeypatch.delattr(nnsim.gui.shell, "app", raising=False)
    code, out, err = run(capsys)
    assert code == 2 and err.startswith("nnsim: error: the desktop window is not available")
    assert err.count("\n") == 1


def test_train_words_the_engines_thrashing_hint(tmp_path, capsys):
    from nnsim.core.hyper import Hyperparameters
    from nnsim.project import new_project, save

    hp = Hyperparameters(learning_rate=10.0, batch_size=10, max_epochs=40)
    project = new_project("circle", n=200, seed=0, hidden=(), hyper=hp)
    plain, as_json = tmp_path / "plain.json", tmp_path / "json.json"
    save(project, plain)
    save(project, as_json)
    code, out, err = run(capsys, "train", plain, "--quiet")
    assert code == 0
    hints = [line for line in out.splitlines() if line.startswith("Hint:")]
    assert len(hints) == 1 and "learning rate 10 is probably too large" in hints[0], out
    code, out, err = run(capsys, "train", as_json, "--json", "--quiet")
    assert code == 0 and json.loads(out)["hints"] == hints
