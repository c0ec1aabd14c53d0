"""Fixtures shared by every test folder."""

import gc
import importlib.util
import subprocess
import sys

import pytest

# A Dask scheduler and two single-threaded worker processes, on 127.0.0.1 only and with
# no dashboard; it prints its address and runs until its standard input closes.
LOCAL_CLUSTER = """
import sys
from distributed import LocalCluster
with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1",
                  dashboard_address=None) as cluster:
    print(cluster.scheduler_address, flush=True)
    sys.stdin.read()
"""


@pytest.fixture(scope="session")
def dask_cluster():
    """The address of a local Dask cluster (the lab cluster of ``nnsim search --cluster``
    shrunk to this machine). It runs in a child process: the scheduler's event-loop
    thread must not live in the test process, where it would collect Qt garbage off the
    GUI thread (see `nnsim.runtime.cluster`)."""
    if importlib.util.find_spec("distributed") is None:
        pytest.skip("distributed is not installed (pip install nnsim[cluster])")
    child = subprocess.Popen(
        [sys.executable, "-c", LOCAL_CLUSTER],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,  # Dask's INFO log
        text=True,
    )
    try:
        address = child.stdout.readline().strip()
        assert address.startswith("tcp://127.0.0.1:"), "the local Dask cluster did not start"
        yield address
    finally:
        child.stdin.close()  # the cluster shuts down and the child exits
        try:
            child.wait(timeout=60)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


@pytest.fixture(autouse=True, scope="session")
def collect_garbage_on_the_main_thread_only():
    """No automatic cyclic garbage collection during the suite: Python collects in
    whichever thread happens to allocate, and a collection on a reader or worker thread
    can destroy Qt objects off the GUI thread and deadlock with it (the whole run then
    hangs where pytest-timeout cannot fire). The window does the same with pyqtgraph's
    GarbageCollector (`nnsim.gui.shell.app`)."""
    gc.disable()
    yield
    gc.enable()


@pytest.fixture(autouse=True)
def collect_after_each_test():
    yield
    gc.collect()
