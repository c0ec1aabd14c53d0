"""nnsim: a desktop neural-network simulator for the classroom."""

__version__ = "0.1.0"
