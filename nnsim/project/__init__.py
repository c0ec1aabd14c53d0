"""The project document (no Qt): topology with stable ids, data, hyperparameters, weights,
history and view settings; pure edits; JSON files with schema_version and migrations."""

from nnsim.project.build import new_project
from nnsim.project.document import DataSpec, LayerSpec, NetworkSpec, Project
from nnsim.project.errors import ProjectError
from nnsim.project.io import dumps, load, loads, save
from nnsim.project.schema import SCHEMA, SCHEMA_VERSION

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
