"""Reading and writing project files: JSON, UTF-8, atomic, byte-stable.

Saving writes the keys in a fixed order and floats as their shortest repr (which reads
back as the same float), so save -> load -> save gives identical bytes. Arrays of numbers
go on one line each (a matrix one row per line) to keep files short and diffs readable.
Writes go through `nnsim.project.safe_write` (a temporary file in the same folder that
then replaces the target, so a crash never leaves half a project; symlinks followed,
non-regular files refused). Loading reads only regular files, estimates what parsing
will cost before parsing, and only parses JSON: nothing is executed.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from nnsim.project.checks import find_problem
from nnsim.project.decode import from_doc
from nnsim.project.document import Project
from nnsim.project.encode import to_doc
from nnsim.project.errors import ProjectError
from nnsim.project.limits import MAX_FILE_BYTES, LimitError, check_memory, human_bytes, parse_bytes
from nnsim.project.migrations import migrate
from nnsim.project.safe_write import read_regular, safe_write

__all__ = ["ProjectError", "dumps", "loads", "save", "load", "atomic_write", "MAX_FILE_BYTES"]

# Raised from inside the parser for bad input that is not a ProjectError yet.
_UNEXPECTED = (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError)


def _scalar(v) -> str:
    return json.dumps(v, ensure_ascii=False, allow_nan=False)


def _is_scalar(v) -> bool:
    return not isinstance(v, dict | list)


def render(v, level: int = 0) -> str:
    """JSON text with one space of indent per level; scalar arrays on one line."""
    pad, inner = " " * level, " " * (level + 1)
    if isinstance(v, dict):
        if not v:
            return "{}"
        items = [f"{inner}{_scalar(str(k))}: {render(x, level + 1)}" for k, x in v.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(v, list):
        if all(_is_scalar(x) for x in v):
            return json.dumps(v, ensure_ascii=False, allow_nan=False, separators=(", ", ": "))
        items = [inner + render(x, level + 1) for x in v]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    return _scalar(v)


def dumps(project: Project) -> str:
    """The file text of ``project`` (ends with a newline).

    Raises
    ------
    ProjectError
        If the project could not be loaded back (so a broken project is never saved).
    """
    problem = find_problem(project)
    if problem:
        raise ProjectError(f"cannot save: {problem[1]}", problem[0])
    return render(to_doc(project)) + "\n"


def _reject_constant(name: str):
    raise ValueError(f"{name} is not allowed in a project file")


def loads(text: str | bytes) -> Project:
    """Parse, migrate and check a project document.

    Raises
    ------
    ProjectError
        For anything that is not a valid project, with the JSON path of the problem.
    """
    if len(text) > MAX_FILE_BYTES:
        raise ProjectError(f"the file is larger than {human_bytes(MAX_FILE_BYTES)}")
    try:
        check_memory(parse_bytes(text), "reading it")
    except LimitError as e:
        raise ProjectError(str(e)) from None
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            problem = f"the file is not UTF-8 text ({e.reason} at byte {e.start})"
            raise ProjectError(problem) from None
    try:
        doc = json.loads(text, parse_constant=_reject_constant)
    except RecursionError:
        raise ProjectError("not valid JSON: nested too deeply") from None
    except ValueError as e:
        raise ProjectError(f"not valid JSON: {e}") from None
    try:
        return from_doc(migrate(doc))
    except ProjectError:
        raise
    except (*_UNEXPECTED, RecursionError) as e:  # a gap in the checks: still a clean error
        raise ProjectError(f"unexpected problem while reading: {type(e).__name__}: {e}") from e


def load(path: str | os.PathLike) -> Project:
    """Read a project file; never writes to it.

    Raises
    ------
    ProjectError
        Naming the file and the JSON path of the problem.
    OSError
        If the file cannot be read (missing, no permission).
    """
    path = Path(path)
    try:
        data = read_regular(path, MAX_FILE_BYTES)
        if len(data) > MAX_FILE_BYTES:
            raise ProjectError(f"the file is larger than {human_bytes(MAX_FILE_BYTES)}")
        return loads(data)
    except ProjectError as e:
        raise e.with_file(str(path)) from None


def atomic_write(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` safely (see `nnsim.project.safe_write.safe_write`)."""
    safe_write(path, data)


def save(project: Project, path: str | os.PathLike) -> None:
    """Save ``project`` to ``path`` atomically (UTF-8 JSON).

    Raises
    ------
    ProjectError
        If the project could not be loaded back.
    OSError
        Naming ``path``: a directory, device or FIFO there, no permission, a full disk.
    """
    atomic_write(path, dumps(project).encode("utf-8"))
