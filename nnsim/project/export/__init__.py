"""Exports of a project for use outside nnsim: a PyTorch script and numpy arrays.

Both are plain functions over a `Project` (no Qt), shared by ``nnsim export`` and the
window's File > Export.
"""

from __future__ import annotations

import os
from pathlib import Path

from nnsim.project.document import Project
from nnsim.project.export.npz import write_npz
from nnsim.project.export.torch_script import script_text
from nnsim.project.io import atomic_write

FORMATS = {"torch": ".py", "npz": ".npz"}  # format -> the file suffix it is saved with


def export(p: Project, fmt: str, path: str | os.PathLike) -> list[Path]:
    """Write ``p`` as ``fmt`` ("torch" or "npz") to ``path``; returns the files written."""
    path = Path(path)
    if fmt == "torch":
        atomic_write(path, script_text(p, path.name).encode("utf-8"))
        return [path]
    if fmt == "npz":
        return write_npz(p, path)
    raise ValueError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")


__all__ = ["FORMATS", "export", "script_text", "write_npz"]
