"""Entry point of the frozen app (PyInstaller): the same as the ``nnsim`` command."""

import multiprocessing
import sys

if __name__ == "__main__":
    # Training runs in a "spawn" child process (nnsim.runtime.training). In a frozen app the
    # child is this executable again; freeze_support() turns it into the worker and exits
    # before any of the command line or the window is set up.
    multiprocessing.freeze_support()

    # nnsim-cli is the console twin; the windowed nnsim shows a dialog naming nnsim-cli when
    # it is given a command and has no console to print to (nnsim.cli.entry).
    from nnsim.cli.entry import frozen_main

    sys.exit(frozen_main())
