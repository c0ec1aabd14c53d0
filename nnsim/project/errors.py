"""The one exception a damaged or impossible project file raises."""

from __future__ import annotations


class ProjectError(ValueError):
    """A project document that cannot be loaded, with the JSON path of the problem.

    Parameters
    ----------
    problem : str
        What is wrong, in words a student can act on.
    path : str
        JSON path of the offending value, e.g. ``"$.network.hidden[2].activation"``.
    file : str, optional
        The file being read; ``str(err)`` is ``"FILE: $.path: problem"``.
    """

    def __init__(self, problem: str, path: str = "$", file: str | None = None):
        self.problem = problem
        self.path = path
        self.file = file
        super().__init__(self._text())

    def _text(self) -> str:
        where = f"{self.path}: {self.problem}"
        return f"{self.file}: {where}" if self.file else where

    def with_file(self, file: str) -> ProjectError:
        """The same error, naming ``file``."""
        return ProjectError(self.problem, self.path, str(file))
