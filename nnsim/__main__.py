"""``python -m nnsim``: the same as the ``nnsim`` command."""

import multiprocessing
import sys

from nnsim.cli.entry import console_main

if __name__ == "__main__":  # the training process re-imports this module: run nothing then
    multiprocessing.freeze_support()  # a frozen build starts its training process through here
    sys.exit(console_main())
