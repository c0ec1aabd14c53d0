"""An advisory lock on a project file, held while a program trains or searches it.

Two writers of one file lose work: the second save throws the first run's training
away. The lock is a hidden file beside the project (``.NAME.lock``, holding the owner's
pid), locked with ``fcntl.flock`` on Linux and macOS and ``msvcrt.locking`` on Windows;
the operating system releases it when its owner dies, so a killed run never leaves the
project locked. Programs that do not take the lock are not stopped by it.
"""

from __future__ import annotations

import errno
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

if os.name == "nt":
    import msvcrt
else:
    import fcntl

_WIN_OFFSET = 1 << 20  # Windows locks a byte range: lock one far from the pid text


class ProjectLocked(OSError):
    """Another program holds the project's lock; ``holder`` is its pid when known."""

    def __init__(self, path: str, holder: int | None):
        who = f"another nnsim (pid {holder})" if holder else "another nnsim"
        super().__init__(
            errno.EWOULDBLOCK,
            f"{who} is training or searching this project; wait for it to finish, "
            "or run again with --wait",
            path,
        )
        self.holder = holder


def lock_path(path: str | os.PathLike) -> Path:
    """The lock file of ``path``: beside the real file behind any symlink."""
    real = Path(os.path.realpath(path))
    return real.with_name(f".{real.name}.lock")


def _try_lock(fd: int) -> bool:
    try:
        if os.name == "nt":
            os.lseek(fd, _WIN_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except (BlockingIOError, PermissionError):
        return False
    except OSError as e:
        if e.errno in (errno.EACCES, errno.EAGAIN, errno.EDEADLK):
            return False
        raise
    return True


def _unlock(fd: int) -> None:
    if os.name == "nt":
        os.lseek(fd, _WIN_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)


def _holder(fd: int) -> int | None:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        text = os.read(fd, 32).decode("ascii", "replace").strip()
        return int(text) if text.isdigit() else None
    except OSError:
        return None


def _acquire(lock: Path, path: str, wait: bool, cancelled: Callable[[], bool]) -> int | None:
    """A locked descriptor of ``lock``; None where no lock file can be made."""
    while True:
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as e:
            if e.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
                return None  # no one can write beside the project: nothing to guard
            raise
        if not _try_lock(fd):
            holder = _holder(fd)
            os.close(fd)
            if not wait or cancelled():
                raise ProjectLocked(path, holder)
            time.sleep(0.1)  # polling keeps Ctrl-C, SIGTERM and --wait's cancel working
            continue
        try:  # the previous owner may have removed the file between our open and lock
            if os.path.samestat(os.fstat(fd), os.stat(lock)):
                return fd
        except FileNotFoundError:
            pass
        _unlock(fd)
        os.close(fd)


@contextmanager
def project_lock(
    path: str | os.PathLike, wait: bool = False, cancelled: Callable[[], bool] = lambda: False
) -> Iterator[Path]:
    """Hold the lock of ``path`` for the ``with`` block.

    Parameters
    ----------
    path : path of the project file (it need not exist yet).
    wait : wait for the holder to finish instead of raising `ProjectLocked`.
    cancelled : polled while waiting; True gives up (raising `ProjectLocked`).
    """
    lock = lock_path(path)
    fd = _acquire(lock, str(path), wait, cancelled)
    if fd is None:
        yield lock
        return
    try:
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield lock
    finally:
        try:
            os.unlink(lock)  # while still locked: a waiter then finds a fresh file
        except OSError:
            pass  # Windows cannot remove an open file: it stays, unlocked
        _unlock(fd)
        os.close(fd)
