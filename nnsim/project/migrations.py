"""Upgrading project documents written by older versions of nnsim.

Each migration is a small pure function from the document of one schema_version to the
next; ``migrate`` applies them in order. Add one for every change of the file format and
a test that loads a file of the old version.

Version history
---------------
1 : the first format.
2 : adds ``teacher`` (settings a teacher locks or hides for the class, and a note).
3 : adds ``search`` (the last hyperparameter search and its results; null for none).
"""

from __future__ import annotations

from collections.abc import Callable

from nnsim.project.errors import ProjectError
from nnsim.project.schema import FORMAT, SCHEMA_VERSION


def _v1_to_v2(doc: dict) -> dict:
    """Version 2 adds the teacher settings, empty by default."""
    out = dict(doc)
    out["teacher"] = {"locked": [], "hidden": [], "note": ""}
    out["schema_version"] = 2
    return out


def _v2_to_v3(doc: dict) -> dict:
    """Version 3 adds the hyperparameter search, none by default."""
    out = dict(doc)
    out["search"] = None
    out["schema_version"] = 3
    return out


MIGRATIONS: dict[int, Callable[[dict], dict]] = {1: _v1_to_v2, 2: _v2_to_v3}


def migrate(doc) -> dict:
    """Return ``doc`` upgraded to `SCHEMA_VERSION` (``doc`` itself is not changed).

    Raises
    ------
    ProjectError
        If ``doc`` is not an nnsim project, or was made by a newer nnsim.
    """
    if not isinstance(doc, dict):
        raise ProjectError(f"must be a JSON object (an nnsim project), got {type(doc).__name__}")
    if doc.get("format") != FORMAT:
        raise ProjectError(f"not an nnsim project: 'format' must be {FORMAT!r}", "$.format")
    version = doc.get("schema_version")
    if type(version) is not int:
        raise ProjectError(f"must be a whole number, got {version!r}", "$.schema_version")
    if version > SCHEMA_VERSION:
        raise ProjectError(
            f"this file was made by a newer nnsim (schema_version {version}; this version "
            f"reads up to {SCHEMA_VERSION}); please update nnsim",
            "$.schema_version",
        )
    if version < min(MIGRATIONS, default=SCHEMA_VERSION):
        raise ProjectError(f"unknown schema_version {version}", "$.schema_version")
    while version < SCHEMA_VERSION:
        doc = MIGRATIONS[version](doc)
        version = doc["schema_version"]
    return doc
