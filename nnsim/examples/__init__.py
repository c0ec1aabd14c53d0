"""The shipped examples: one project file per claim of the lecture, and their index.

The files are this package's data (``nnsim/examples/*.json``), so a checkout, an editable
install, an installed wheel and the frozen build all find them the same way, through
`importlib.resources`; there is no second copy. ``index.json`` lists them in teaching order
as ``{"file", "title", "claim"}``. `nnsim.examples.build` writes them; this module only
reads, and imports nothing from the rest of nnsim.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

INDEX = "index.json"


def _root():
    """This package's data as an `importlib.resources` Traversable."""
    return resources.files(__name__)


def examples_dir() -> Path:
    """The folder holding the example files (inside the installed or frozen package)."""
    root = _root()
    # A package installed from a wheel or a checkout, and PyInstaller's bundle, are plain
    # folders; resources hands those out as pathlib.Path already.
    return root if isinstance(root, Path) else Path(str(root))


def list_examples() -> list[dict]:
    """Entries of ``index.json`` whose file is present: ``{"file", "title", "claim"}``.

    An empty list when the index is missing or damaged: callers say "no examples" rather
    than crash (the self-test treats that as a failure).
    """
    root = _root()
    try:
        entries = json.loads(root.joinpath(INDEX).read_text(encoding="utf-8"))["examples"]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    if not isinstance(entries, list):
        return []
    return [
        e
        for e in entries
        if isinstance(e, dict)
        and isinstance(e.get("file"), str)
        and root.joinpath(e["file"]).is_file()
    ]


def find_example(name: str) -> dict | None:
    """The index entry called ``name`` (the file name, with or without ``.json``)."""
    stem = name.strip().removesuffix(".json").lower()
    for entry in list_examples():
        if entry["file"].removesuffix(".json").lower() == stem:
            return entry
    return None


def example_path(name: str) -> Path:
    """The file of the example ``name``; KeyError when there is no such example."""
    entry = find_example(name)
    if entry is None:
        raise KeyError(name)
    return examples_dir() / entry["file"]
