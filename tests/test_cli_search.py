"""``nnsim search``: grid and random search from the command line, in-process."""

import json

import numpy as np
import pytest

from nnsim import cli
from nnsim.project import load


def run(capsys, *argv):
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def project(tmp_path, capsys):
    path = tmp_path / "p.json"
    code, _, err = run(capsys, "new", path, "--n", 80, "--hidden", 3, "--epochs", 8, "--seed", 2)
    assert code == 0, err
    return path


def test_grid_search_prints_the_table_best_and_test_error_and_saves(project, capsys):
    before = load(project)
    code, out, err = run(
        capsys, "search", project, "--lr", "0.01,0.3", "--hidden", "2;6", "--workers", 1
    )
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "grid search: 4 of 4 trials"
    assert lines[1].split() == ["#", "lr", "hidden", "val", "error", "val", "loss", "train",
                                "err", "epochs"]  # fmt: skip
    assert sum("*" in line.split()[0] for line in lines[2:6]) == 1
    assert "test error" in out and "used once, for this model only" in out
    assert "trial 4/4" in err  # progress on stderr
    p = load(project)
    assert len(p.search["trials"]) == 4 and p.search["best"] is not None
    assert p.hyper == before.hyper  # not applied
    assert all(np.array_equal(W, W0) for (W, _), (W0, _) in zip(p.weights, before.weights))


def test_random_search_json_and_apply(project, tmp_path, capsys):
    out_path = tmp_path / "best.json"
    code, out, err = run(
        capsys, "search", project, "--random", "--lr-range", "1e-3:1", "--hidden", "2;5",
        "--momentum-range", "0:0.9", "--trials", 5, "--seed", 4, "--apply",
        "-o", out_path, "--json", "--workers", 2,
    )  # fmt: skip
    assert code == 0, err
    doc = json.loads(out)
    assert doc["space"]["method"] == "random" and len(doc["trials"]) == 5
    assert doc["applied"] and doc["path"] == str(out_path)
    assert err == ""  # --json: no progress bar
    rates = [t["config"]["learning_rate"] for t in doc["trials"]]
    assert all(1e-3 <= r <= 1 for r in rates)
    best = doc["trials"][doc["best"]]
    assert doc["best_config"] == best["config"]
    assert best["val_error"] == min(t["val_error"] for t in doc["trials"])
    p = load(out_path)
    assert p.hyper.learning_rate == best["config"]["learning_rate"]
    assert [layer.width for layer in p.network.hidden] == best["config"]["hidden"]
    assert p.epoch == best["epochs"]
    # the same seed draws the same configurations
    code, out2, _ = run(
        capsys, "search", project, "--random", "--lr-range", "1e-3:1", "--hidden", "2;5",
        "--momentum-range", "0:0.9", "--trials", 5, "--seed", 4, "--no-save", "--json",
        "--workers", 1,
    )  # fmt: skip
    assert [t["config"] for t in json.loads(out2)["trials"]] == [t["config"] for t in doc["trials"]]


@pytest.mark.parametrize(
    "args, message",
    [
        ([], "choose at least one parameter"),
        (["--lr-range", "1e-3:1"], "--lr-range is for --random"),
        (["--lr", "0.1,-2"], "--lr: must be > 0"),
        (["--random", "--lr-range", "0:1"], "--lr-range: is drawn on a log scale"),
        (["--random", "--lr-range", "abc"], "expected a range LOW:HIGH"),
        (["--hidden", "4;x"], "expected layer widths"),
        (["--grid", "--random", "--lr", "0.1"], "not allowed with argument"),
        (["--lr", "0.1", "--workers", "0"], "--workers: must be >= 1"),
        (["--schedule", "constant,power"], "delta must be in (0.5, 1]"),
    ],
)
def test_bad_input_exits_2_with_one_line(project, capsys, args, message):
    code, out, err = run(capsys, "search", project, *args)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("nnsim: error: ")
    assert message in err
