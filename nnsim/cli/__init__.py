"""The ``nnsim`` command line: headless commands on the project document and the engine."""

from nnsim.cli.main import main

__all__ = ["main"]
