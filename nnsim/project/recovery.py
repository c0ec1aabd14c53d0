"""Where work goes when it cannot be saved where the user asked.

A save that fails after a long training (a full disk, a read-only folder, a file that
another program changed meanwhile) must not throw the training away: the project is
written to a recovery file in the per-user data folder (or the temporary folder when
that cannot be written) and the caller says where.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from nnsim.project.document import Project
from nnsim.project.io import save


def user_data_dir() -> Path:
    """The per-user data folder of nnsim (as the desktop's conventions place it)."""
    if os.name == "nt":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = str(Path.home() / "Library" / "Application Support")
    else:
        base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "nnsim"


def recovery_dir() -> Path:
    return user_data_dir() / "recovered"


def keep(project: Project, original: str | os.PathLike) -> Path:
    """Save ``project`` as a recovery file named after ``original``; returns its path.

    Raises
    ------
    OSError
        Only if neither the data folder nor the temporary folder can be written.
    """
    stem = Path(original).stem or "project"
    name = f"{stem}-recovered-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.json"
    last_error: OSError | None = None
    for folder in (recovery_dir(), Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            save(project, folder / name)
            return folder / name
        except OSError as e:
            last_error = e
    assert last_error is not None
    raise last_error
