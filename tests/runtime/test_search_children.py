"""Search workers never outlive the process that started them: killed with it (even by
SIGKILL), and ended at once when a search is cancelled with trials still running."""

import os
import select
import signal
import subprocess
import sys
import threading
import time

import pytest

from nnsim.core.hyper import Hyperparameters
from nnsim.runtime.search import SearchSpace, run_search

pytestmark = pytest.mark.skipif(not hasattr(os, "pidfd_open"), reason="needs pidfd_open")


def long_search():
    """A search whose trials take minutes, so workers are busy whenever we look."""
    from nnsim.project import new_project
    from nnsim.project.searching import trial_spec

    hp = Hyperparameters(max_epochs=10**6, batch_size=1, seed=0)
    spec = trial_spec(new_project("spiral", n=300, seed=0, hidden=(16,), hyper=hp))
    space = SearchSpace(grid={"learning_rate": (0.01, 0.02, 0.03, 0.04)})
    return spec, space


def descendants(pid: int) -> set[int]:
    """Every process below ``pid`` (read from /proc)."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    stat = fh.read()
            except OSError:
                continue
            parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {p for p, pp in parents.items() if pp in frontier} - found
        found |= frontier
    return found


def workers_of(pid: int, count: int, old=frozenset()) -> set[int]:
    """Wait for ``count`` started pool workers below ``pid`` (children of its forkserver
    whose initializer has run: they have a second thread, the one watching ``pid``),
    leaving out the processes in ``old`` (there before the search started)."""
    event = threading.Event()
    while True:
        below = descendants(pid) - set(old)
        workers = {p for p in below if _is_forkserver(_parent(p)) and _threads(p) >= 2}
        if len(workers) >= count:
            return workers
        event.wait(0.05)  # a poll of /proc, not a wait for a result


def _is_forkserver(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            return b"multiprocessing.forkserver" in fh.read()
    except OSError:
        return False


def _threads(pid: int) -> int:
    try:
        return len(os.listdir(f"/proc/{pid}/task"))
    except OSError:
        return 0


def _parent(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return int(fh.read().rsplit(")", 1)[1].split()[1])
    except OSError:
        return -1


def all_gone_within(pids, seconds: float) -> set[int]:
    """The pids still running after ``seconds`` (waits on pidfds, returns at once when
    every process has ended)."""
    fds = {}
    for pid in pids:
        try:
            fds[os.pidfd_open(pid)] = pid
        except ProcessLookupError:
            pass  # already gone
    try:
        left = dict(fds)
        deadline = seconds
        start = time.monotonic()
        while left and deadline > 0:
            ready, _, _ = select.select(list(left), [], [], deadline)
            for fd in ready:
                left.pop(fd)
            deadline = seconds - (time.monotonic() - start)
        return set(left.values())
    finally:
        for fd in fds:
            os.close(fd)


PARENT = """
import sys, threading
from tests.runtime.test_search_children import long_search
from nnsim.runtime.search import run_search
spec, space = long_search()
trials = run_search(spec, space, workers=2, in_process=False)
next(trials)
threading.Thread(target=lambda: next(trials), daemon=True).start()
print("started", flush=True)
sys.stdin.read()
"""


def test_search_workers_die_within_two_seconds_of_a_killed_parent():
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert parent.stdout.readline().strip() == "started"
        workers = workers_of(parent.pid, 2)
        everything = descendants(parent.pid)  # workers, forkserver, resource tracker
    finally:
        parent.send_signal(signal.SIGKILL)
        parent.wait()
    assert workers <= everything
    assert not all_gone_within(everything, 2.0), "a search process outlived its parent"


def test_cancelling_a_search_ends_its_running_trials_at_once():
    spec, space = long_search()
    cancel = threading.Event()
    old = descendants(os.getpid())
    trials = run_search(spec, space, workers=2, cancel=cancel, in_process=False)
    next(trials)
    outcome = []
    runner = threading.Thread(target=lambda: outcome.extend(trials), daemon=True)
    runner.start()
    workers = workers_of(os.getpid(), 2, old)
    cancel.set()
    runner.join(10)
    assert not runner.is_alive()
    assert outcome[-1].outcome.cancelled and outcome[-1].outcome.results == ()
    assert not all_gone_within(workers, 2.0), "a cancelled trial kept running"
