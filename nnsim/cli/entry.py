"""The programs' entry points: ``nnsim`` (windowed: pip's gui-script, nnsim.exe, nnsim.app)
and ``nnsim-cli`` (console: pip's console script, nnsim-cli.exe, the Linux build's nnsim).

A windowed program has no console: pythonw and PyInstaller's windowed bootloader set
``sys.stdout`` and ``sys.stderr`` to None, so a command's progress line crashed on
``None.isatty()`` and ``nnsim.exe train x.json`` ended in a traceback dialog. Here:

- the windowed entry runs what the window does itself (nothing, one project file, the
  self-test); any other command with no console gets a dialog naming ``nnsim-cli`` instead
  of running where nobody can read its output;
- both entries put a null stream where a standard stream is None, so nothing writes to None;
- the console entry writes UTF-8: a Windows pipe otherwise gets the ANSI code page, which
  cannot encode Cyrillic or the lecture's Greek letters (the frozen nnsim-cli also runs in
  Python's UTF-8 mode, packaging/nnsim.spec).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from nnsim.cli.common import EXIT_USAGE
from nnsim.cli.main import main


def has_console() -> bool:
    return sys.stdout is not None and sys.stderr is not None


def is_window_request(argv: list[str]) -> bool:
    """What the window does itself: no arguments, one project file, or ``--self-test``."""
    if not argv:
        return True
    if argv[0] == "--self-test":
        return True
    one = argv[0]
    return (
        len(argv) == 1
        and not one.startswith("-")
        and (one.endswith(".json") or os.path.isfile(one))
    )


def _null_streams() -> None:
    """A missing standard stream becomes os.devnull (open for the life of the process)."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115


def _utf8_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(encoding="utf-8", errors="backslashreplace")
            except (ValueError, OSError):  # a stream that cannot change any more: keep it
                pass


def console_main(argv: list[str] | None = None) -> int:
    """``nnsim-cli``: the command line, printing UTF-8."""
    _null_streams()
    _utf8_streams()
    return main(argv)


def gui_main(argv: list[str] | None = None) -> int:
    """``nnsim``: the window; commands too when there is a console to print to."""
    args = sys.argv[1:] if argv is None else [str(a) for a in argv]
    if has_console() or is_window_request(args):
        return console_main(args)
    try:
        from nnsim.gui.util.no_console import show_use_console
    except ImportError:  # no Qt: nothing can be shown, and nothing printed either
        return EXIT_USAGE
    show_use_console(args)
    return EXIT_USAGE


def frozen_main() -> int:
    """packaging/launch.py: ``nnsim-cli(.exe)`` is the console twin of the windowed nnsim."""
    if Path(sys.executable).stem.lower().endswith("-cli"):
        return console_main()
    return gui_main()
