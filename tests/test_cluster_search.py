"""Searches on a Dask cluster (a local one on 127.0.0.1): the same results as the local
process pool with the same seeds, progress per finished trial, cancelling, and one line
when the scheduler cannot be reached."""

import json
import socket
import sys
import threading

import numpy as np
import pytest

from nnsim import cli
from nnsim.core.hyper import Hyperparameters
from nnsim.project import new_project, save
from nnsim.project.searching import trial_spec
from nnsim.runtime import cluster as cluster_module
from nnsim.runtime.cluster import ClusterError, dask_executor
from nnsim.runtime.search import SearchSpace, run_search, run_search_to_end

GRID = SearchSpace(
    "grid", grid={"learning_rate": (0.01, 0.1), "hidden": ((3,), (6,)), "momentum": (0.0, 0.9)}
)


@pytest.fixture(scope="module")
def spec():
    hp = Hyperparameters(max_epochs=12, batch_size=10, seed=4)
    return trial_spec(new_project("spiral", n=90, seed=2, hidden=(4,), hyper=hp))


def same_trials(a, b):
    """Every row (but the seconds) and every trained weight equal, bit for bit."""
    assert len(a.results) == len(b.results)
    for x, y in zip(a.results, b.results):
        assert {**x.row(), "seconds": 0} == {**y.row(), "seconds": 0}
        for (W1, b1), (W2, b2) in zip(x.weights, y.weights, strict=True):
            assert np.array_equal(W1, W2) and np.array_equal(b1, b2)
    assert (a.best, a.test, a.cancelled) == (b.best, b.test, b.cancelled)


def test_a_cluster_search_equals_the_local_search(spec, dask_cluster):
    local = run_search_to_end(spec, GRID, workers=2)
    progress = []
    with dask_executor(dask_cluster) as (executor, slots):
        assert slots == 2
        for p in run_search(spec, GRID, slots, executor=executor):
            progress.append(p)
    remote = progress[-1].outcome
    same_trials(local, remote)
    assert not remote.cancelled and len(remote.results) == 8
    # progress as trials finish: 0, 1, ..., 8, then the outcome
    assert [p.done for p in progress] == [*range(9), 8]
    assert all(p.latest is not None for p in progress[1:])


def test_cancelling_a_cluster_search_keeps_the_finished_trials(spec, dask_cluster):
    # 64 trials of one architecture train side by side in 4 chunks of 16; each single-
    # threaded worker runs one chunk at a time, so the last chunks start only after the
    # first ones have finished and the search has seen the cancel (with 2 chunks both
    # could finish in one wait, before the cancel is looked at).
    space = SearchSpace("random", ranges={"learning_rate": (0.001, 0.3)}, n_trials=64, seed=1)
    cancel = threading.Event()
    with dask_executor(dask_cluster) as (executor, slots):
        for p in run_search(spec, space, slots, cancel=cancel, executor=executor):
            if p.done:
                cancel.set()
            outcome = p.outcome
        assert outcome.cancelled and 1 <= len(outcome.results) < 64
        # the cluster is free again: a search right after runs to its end
        again = run_search_to_end(spec, GRID, workers=slots, executor=executor)
    assert len(again.results) == 8
    local = run_search_to_end(spec, space, workers=1)
    kept = {r.index: r for r in local.results}
    for r in outcome.results:  # the trials that finished are the trials of the full search
        assert r.val_loss == kept[r.index].val_loss


def test_cli_cluster_search_prints_the_local_result(tmp_path, capsys, dask_cluster):
    path = tmp_path / "p.json"
    hp = Hyperparameters(max_epochs=10, batch_size=10)
    save(new_project("xor", n=80, seed=3, hidden=(3,), hyper=hp), path)
    args = ["search", str(path), "--random", "--trials", 4, "--lr-range", "0.01:1",
            "--seed", 5, "--no-save", "--json"]  # fmt: skip
    docs = []
    for extra in ([], ["--cluster", dask_cluster]):
        assert cli.main([str(a) for a in args + extra]) == 0
        doc = json.loads(capsys.readouterr().out)
        for row in doc["trials"]:
            row.pop("seconds")
        docs.append(doc)
    assert docs[0] == docs[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_unreachable_scheduler_is_one_line_and_exit_2(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(cluster_module, "CONNECT_TIMEOUT", 0.5)
    path = tmp_path / "p.json"
    save(new_project("xor", n=40, seed=3, hidden=(3,)), path)
    address = f"tcp://127.0.0.1:{free_port()}"
    code = cli.main(["search", str(path), "--lr", "0.1", "--cluster", address, "--no-save"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1
    assert err.startswith(f"nnsim: error: cannot reach the Dask scheduler at {address}")


def test_without_dask_the_error_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed fails
    with pytest.raises(ClusterError) as caught, dask_executor("tcp://127.0.0.1:8786"):
        pass
    assert caught.value.reason == "not_installed"
    assert "pip install nnsim[cluster]" in str(caught.value)


def test_no_automatic_collection_while_the_client_runs(spec, dask_cluster):
    import gc

    gc.enable()  # the suite itself collects only between tests (tests/conftest.py)
    try:
        with dask_executor(dask_cluster) as (executor, slots):
            assert not gc.isenabled()
        assert gc.isenabled()
    finally:
        gc.disable()
    assert not [t for t in threading.enumerate() if t.name == "IO loop"]


def test_an_address_without_a_port_says_what_is_expected(tmp_path, capsys):
    path = tmp_path / "p.json"
    save(new_project("xor", n=40, seed=3, hidden=(3,)), path)
    code = cli.main(["search", str(path), "--lr", "0.1", "--cluster", "lab-server", "--no-save"])
    assert code == 2
    assert capsys.readouterr().err == (
        "nnsim: error: cannot reach the Dask scheduler at lab-server (expected tcp://HOST:PORT)\n"
    )
