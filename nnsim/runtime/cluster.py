"""Searches on a Dask distributed cluster: the trials go to its workers through the
client's concurrent.futures executor instead of the local process pool.

``distributed`` is optional (``pip install nnsim[cluster]``) and imported only here, when
a cluster is asked for. Every worker needs the same nnsim installed: a trial is sent as
`nnsim.core.trials.run_trial` with its data and configuration, and the result comes
back as a `TrialResult`, so a cluster gives exactly the results of a local search.
"""

from __future__ import annotations

import concurrent.futures as cf
import gc
import socket
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext

# Seconds to wait for the scheduler (and for a first worker) before giving up: a wrong
# address should fail in a moment, not after the default half minute.
CONNECT_TIMEOUT = 5.0

NOT_INSTALLED, UNREACHABLE, NO_WORKERS = "not_installed", "unreachable", "no_workers"


class ClusterError(Exception):
    """The cluster cannot run the search.

    ``reason`` is `NOT_INSTALLED`, `UNREACHABLE` or `NO_WORKERS`; ``address`` the
    scheduler's; ``detail`` what the client reported (for the log, not for parsing).
    """

    def __init__(self, reason: str, address: str, detail: str = ""):
        self.reason, self.address, self.detail = reason, address, detail
        super().__init__(_english(reason, address, detail))


def _english(reason: str, address: str, detail: str) -> str:
    """The command line's one-line wording (the window words the reason itself)."""
    if reason == NOT_INSTALLED:
        return "searching on a cluster needs Dask: pip install nnsim[cluster]"
    if reason == NO_WORKERS:
        return f"the Dask scheduler at {address} has no workers (start: dask worker {address})"
    return f"cannot reach the Dask scheduler at {address}" + (f" ({detail})" if detail else "")


@contextmanager
def dask_executor(address: str, timeout: float | None = None) -> Iterator[tuple[cf.Executor, int]]:
    """Connect to the scheduler at ``address`` (``tcp://HOST:PORT``) for the ``with`` block.

    Yields
    ------
    (executor, slots)
        A concurrent.futures executor whose tasks run on the cluster's workers, and the
        number of worker threads (how many trials run at once).

    Raises
    ------
    ClusterError
        When distributed is not installed, the scheduler does not answer within
        ``timeout`` seconds (default `CONNECT_TIMEOUT`) or no worker joins it in that time.
    """
    timeout = CONNECT_TIMEOUT if timeout is None else timeout
    # from the import on: importing distributed allocates enough to trigger a collection
    with _no_collection_on_other_threads():
        try:
            from distributed import Client
        except ImportError:
            raise ClusterError(NOT_INSTALLED, address) from None
        _check_reachable(address, timeout)
        try:
            client = Client(address, timeout=timeout, set_as_default=False)
        except (OSError, ValueError, TypeError) as e:  # refused, timed out, malformed
            raise ClusterError(UNREACHABLE, address, " ".join(str(e).split())) from None
        try:
            try:
                client.wait_for_workers(1, timeout=timeout)
            except (TimeoutError, OSError):
                raise ClusterError(NO_WORKERS, address) from None
            slots = sum(client.nthreads().values())
            # pure=False: two trials are never merged into one task, whatever their arguments
            yield client.get_executor(pure=False), max(1, slots)
        finally:
            client.close()  # also ends the client's IO-loop thread


def _check_reachable(address: str, timeout: float) -> None:
    """Raise ClusterError unless a TCP connection to the scheduler opens in ``timeout`` s.

    Checked before a Client is made: a Client that fails to connect leaves its IO-loop
    thread running for the rest of the process.
    """
    scheme, sep, rest = address.partition("://")
    if not sep:
        scheme, rest = "tcp", address
    if scheme != "tcp":
        return  # tls://, ws://, ...: the Client itself reports what goes wrong
    host, _, port = rest.rpartition(":")
    if not (host and port.isdigit()):
        raise ClusterError(UNREACHABLE, address, "expected tcp://HOST:PORT")
    try:
        with socket.create_connection((host.strip("[]"), int(port)), timeout=timeout):
            pass
    except (OSError, ValueError) as e:  # refused, unreachable, timed out, bad port
        raise ClusterError(UNREACHABLE, address, " ".join(str(e).split())) from None


@contextmanager
def _no_collection_on_other_threads() -> Iterator[None]:
    """No automatic cyclic garbage collection while distributed is imported and while the
    Dask client's IO-loop thread runs.

    Python collects in whichever thread happens to allocate: the search's own thread
    while it imports distributed, then the client's thread, which allocates all the time.
    In the window's process a collection there can destroy Qt objects off the GUI thread
    and deadlock with it (seen in the test suite: the IO loop, and the search thread
    importing distributed, in QObject::~QObject waiting for the GIL while the GUI thread
    waited for a Qt lock). Garbage made meanwhile is collected at the next automatic
    collection after the search, as before.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def executor_for(
    cluster: str | None, workers: int
) -> AbstractContextManager[tuple[cf.Executor | None, int]]:
    """``with executor_for(cluster, workers) as (executor, slots)``: the Dask cluster's
    executor and its worker threads, or ``(None, workers)`` (the local pool) when
    ``cluster`` is empty; pass both to `nnsim.runtime.search.run_search`."""
    return dask_executor(cluster) if cluster else nullcontext((None, workers))
