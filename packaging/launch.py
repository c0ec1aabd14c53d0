"""Entry point of the frozen app (PyInstaller): the same as the ``nnsim`` command."""

import multiprocessing
import sys

if __name__ == "__main__":
    # Training runs in a "spawn" child process (nnsim.runtime.training). In a frozen app the
    # child is this executable again; freeze_support() turns it into the worker and exits
    # before any of the command line or the window is set up.
    multiprocessing.freeze_support()

    from nnsim.cli.main import main

    sys.exit(main())
