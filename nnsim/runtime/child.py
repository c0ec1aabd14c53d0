"""What every child process of the window shares: it dies with the process that started
it, and it leaves the second core's BLAS threads to the window."""

from __future__ import annotations

import contextlib
import ctypes
import os
import select
import signal
import sys
import threading

BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
_PR_SET_PDEATHSIG = 1


class ParentGone(Exception):
    """The pipe to the parent ended: the child returns quietly."""


def die_with_parent(parent: int | None = None, poll: float = 0.5) -> None:
    """Make this process end when its parent does, by any signal (even SIGKILL).

    On Linux the kernel sends SIGKILL when the parent dies (prctl PR_SET_PDEATHSIG);
    elsewhere a daemon thread notices that the parent changed within ``poll`` seconds.
    Either way the child is gone within 2 s. ``parent`` is the pid the parent had when
    it started us: if it died while we were starting, we end at once.
    """
    parent = os.getppid() if parent is None else parent
    if os.getppid() != parent:
        os._exit(1)
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
                if os.getppid() != parent:  # it died before the call
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass
    watcher = threading.Thread(target=_watch, args=(parent, poll), daemon=True)
    watcher.start()


def _watch(parent: int, poll: float) -> None:
    event = threading.Event()
    while not event.wait(poll):
        if os.getppid() != parent:
            os._exit(1)


def die_with(pid: int, poll: float = 0.5) -> None:
    """Make this process end when process ``pid`` does, though ``pid`` is not its parent
    (a pool worker forked by a forkserver: the forkserver lives as long as its workers).

    A daemon thread waits on a pid file descriptor (Linux), else polls every ``poll`` s.
    """
    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:
        os._exit(1)  # it is already gone
    except (AttributeError, OSError):
        fd = None
    threading.Thread(target=_wait_for, args=(pid, fd, poll), daemon=True).start()


def _wait_for(pid: int, fd: int | None, poll: float) -> None:
    if fd is not None:
        select.select([fd], [], [])  # readable once the process has ended
        os._exit(1)
    event = threading.Event()
    while not event.wait(poll):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            os._exit(1)
        except PermissionError:
            pass


@contextlib.contextmanager
def single_blas_thread():
    """Children started inside this block use one BLAS thread each."""
    saved = {k: os.environ.get(k) for k in BLAS_THREADS}
    os.environ.update({k: "1" for k in BLAS_THREADS})
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
