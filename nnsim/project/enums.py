"""The document's kinds: the task (``Task``, a ``StrEnum`` whose values are the words
stored in files) and the split of each point (``Split``, an ``IntEnum`` of the int8 codes).

They are defined once, beside the data sets in ``nnsim.core.datasets`` (the engine reads
them too); the window and the command line take them from here.
"""

from nnsim.core.datasets import SPLIT_NAMES, Split, Task

__all__ = ["SPLIT_NAMES", "Split", "Task"]
