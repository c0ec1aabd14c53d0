"""Writing and reading files so that the file system is respected.

- A symlink is followed: the real file is written and the link stays a link.
- Only regular files are written or read: a directory, device, FIFO or socket at the path
  is refused (a FIFO is never opened, so nothing hangs on it).
- A file with several hard links is rewritten in place, so every name keeps seeing the
  same file (replacing it would split the links: the other names would keep the old
  text). The new text is first written completely to a temporary file, so a full disk
  is found before the file is touched; only a kill during the rewrite itself (a few
  milliseconds) can leave such a file half-written: the price of keeping its links.
- Otherwise the text goes to a temporary file beside the target that then replaces it,
  so a crash never leaves half a file. Temporary files are named ``.NAME.PID.XXXX.tmp``;
  the next save removes the ones whose writer has died or that are over a minute old.
- Every error names the user's file, never the temporary one.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
import time
from pathlib import Path

STALE_SECONDS = 60.0


def _kind(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a directory"
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO), not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a file"
    return "is not a regular file"


def _refuse(path, what: str) -> OSError:
    code = errno.EISDIR if what == "is a directory" else errno.EINVAL
    return OSError(code, what, str(path))


def real_target(path: str | os.PathLike) -> Path:
    """The file a save to ``path`` writes: symlinks resolved; refused if not regular."""
    path = Path(path)
    real = Path(os.path.realpath(path))
    try:
        info = os.stat(real)
    except FileNotFoundError:
        return real  # a new file (or a dangling link: its target is created)
    what = _kind(info.st_mode)
    if what:
        raise _refuse(path, what)
    return real


def read_regular(path: str | os.PathLike, max_bytes: int) -> bytes:
    """The bytes of a regular file, at most ``max_bytes`` (None if it is larger).

    Raises OSError naming ``path`` for a directory, FIFO, device or socket, checked by
    ``os.stat`` before opening; the file is opened non-blocking, so a FIFO swapped in
    between the check and the open cannot hang the reader either.
    """
    what = _kind(os.stat(path).st_mode)
    if what:
        raise _refuse(path, what)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as f:
        what = _kind(os.fstat(fd).st_mode)
        if what:
            raise _refuse(path, what)
        data = f.read(max_bytes + 1)
    return data


# ---------------------------------------------------------------------- temp files
def _temp_pattern(name: str) -> re.Pattern:
    return re.compile(rf"^\.{re.escape(name)}\.(?:(\d+)\.)?[^.]+\.tmp$")


def _alive(pid: int) -> bool:
    if pid == os.getpid() or os.name == "nt":  # (os.kill(pid, 0) on Windows sends Ctrl-C)
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process, or no way to tell: assume it writes
    return True


def remove_stale_temps(target: Path, now: float | None = None) -> list[Path]:
    """Remove ``.NAME.*.tmp`` left beside ``target`` by writers that died or stalled."""
    now = time.time() if now is None else now
    pattern = _temp_pattern(target.name)
    removed = []
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return removed
    for entry in entries:
        m = pattern.match(entry.name)
        if not m:
            continue
        try:
            old = now - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS
            dead = m.group(1) is not None and not _alive(int(m.group(1)))
            if (old or dead) and entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue  # another process removed it, or we may not: not ours to fight over
    return removed


def _write_temp(target: Path, data: bytes, mode: int) -> str:
    fd, tmp = tempfile.mkstemp(
        prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=target.parent
    )
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
    except BaseException:
        _unlink(tmp)
        raise
    return tmp


def _unlink(path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def _rewrite_in_place(target: Path, data: bytes) -> None:
    with open(target, "r+b") as f:
        f.truncate(0)
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


def safe_write(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` as the module docstring describes.

    Raises
    ------
    OSError
        With ``filename`` the user's ``path`` (not the temporary file).
    """
    try:
        target = real_target(path)
        try:
            info = os.stat(target)
            mode, links = info.st_mode & 0o7777, info.st_nlink
        except FileNotFoundError:
            mode, links = 0o644, 1  # (reading the umask is not thread-safe)
        remove_stale_temps(target)
        tmp = _write_temp(target, data, mode)
        if links > 1:
            _rewrite_in_place(target, data)  # the temp file is the copy until this ends
            _unlink(tmp)
        else:
            try:
                os.replace(tmp, target)
            except BaseException:
                _unlink(tmp)
                raise
    except OSError as e:
        if e.filename == str(path) and e.filename2 is None:
            raise
        raise OSError(e.errno, e.strerror or str(e), str(path)) from None
