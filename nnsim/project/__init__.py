"""The project document (no Qt): topology with stable ids, data, hyperparameters, weights,
history and view settings; pure edits; JSON files with schema_version and migrations."""

from .build import new_project
from .document import DataSpec, LayerSpec, NetworkSpec, Project
from .errors import ProjectError
from .io import dumps, load, loads, save
from .schema import SCHEMA, SCHEMA_VERSION

__all__ = [
    "DataSpec",
    "LayerSpec",
    "NetworkSpec",
    "Project",
    "ProjectError",
    "SCHEMA",
    "SCHEMA_VERSION",
    "dumps",
    "load",
    "loads",
    "new_project",
    "save",
]
