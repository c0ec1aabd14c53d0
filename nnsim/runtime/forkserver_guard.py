"""Preloaded by the search pool's forkserver: it then dies with the process that owns the
pool, and the workers it forked die with it (each dies with its parent). It also gives
the workers one BLAS thread each (one core per worker), before the forkserver preloads
numpy for them.

Without this, a forkserver lives as long as any of its workers holds its "alive" pipe,
and the workers as long as nobody tells them: after a SIGKILL of the window both kept
running. The kernel's parent-death signal ends the whole chain at once, even while a
worker's trial holds the GIL.
"""

from __future__ import annotations

import os

from nnsim.runtime.child import BLAS_THREADS, die_with_parent

OWNER = "NNSIM_POOL_OWNER"  # the owner's pid, set in its environment before the start

if os.environ.get(OWNER) == str(os.getppid()):  # only in a forkserver the owner started
    die_with_parent()
    os.environ.update({k: "1" for k in BLAS_THREADS})
