"""Starting the window from the command line: ``nnsim``, ``nnsim FILE`` and ``nnsim
--self-test``. Everything that can be known before Qt starts is checked here, so a
missing display or a wrong path is one line and exit code 2, never Qt's abort.
"""

from __future__ import annotations

import argparse
import os
import shutil
import stat
import sys
import tempfile

from nnsim.cli.common import Parser, UsageError

HEADLESS_HINT = (
    "use the command-line tools (nnsim --help), or set QT_QPA_PLATFORM=offscreen "
    "to run the window without a screen"
)


def display_problem(env=None, platform: str | None = None) -> str | None:
    """Why the window cannot open here, or None. Only X11/Wayland systems are checked:
    macOS and Windows always have a display when a user is logged in."""
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if env.get("QT_QPA_PLATFORM") or platform in ("darwin", "win32", "cygwin"):
        return None
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return None
    missing = "no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set)"
    return f"{missing}; {HEADLESS_HINT}"


def _window_app():
    problem = display_problem()
    if problem:
        raise UsageError(problem)
    try:
        from nnsim.gui.shell import app
    except ImportError as e:
        raise UsageError(
            f"the desktop window is not available ({e}); "
            "the command-line tools still work (nnsim --help)"
        ) from None
    return app


def file_problem(path: str) -> str | None:
    """Why ``path`` cannot be opened as a project, in the words of one error line."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return f"{path}: No such file"
    except OSError as e:
        return f"{path}: {e.strerror}"
    if stat.S_ISDIR(info.st_mode):
        return f"{path}: is a directory, not a project file"
    if not stat.S_ISREG(info.st_mode):
        return f"{path}: is not a regular file (a device, pipe or socket)"
    return None


def open_window(path: str | None) -> int:
    """``nnsim`` and ``nnsim FILE``: the window, on ``path`` if given."""
    if path is not None and (problem := file_problem(path)):
        raise UsageError(problem)
    return int(_window_app().run(path) or 0)


def _self_test_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="nnsim --self-test",
        description="Open the first example in the window, train 5 epochs, render, save "
        "and reload; prints 'nnsim self-test ok'. Without FOLDER its files go to a "
        "temporary folder that is removed afterwards (kept, and named, if the test fails "
        "after writing some).",
    )
    parser.add_argument("folder", nargs="?", metavar="FOLDER", help="keep the files here")
    return parser


def self_test(argv: list[str]) -> int:
    """``nnsim --self-test [FOLDER]``; ``argv`` follows ``--self-test``."""
    args = _self_test_parser().parse_args(argv)
    app = _window_app()
    if args.folder is not None:
        if os.path.exists(args.folder) and not os.path.isdir(args.folder):
            raise UsageError(f"{args.folder}: exists and is not a folder")
        return app.self_test(args.folder)  # the user's folder: kept, as asked
    folder = tempfile.mkdtemp(prefix="nnsim-selftest-")
    code = 1
    try:
        code = app.self_test(folder)
    finally:
        if code == 0 or not os.listdir(folder):
            shutil.rmtree(folder, ignore_errors=True)
        else:  # what a failed run left is evidence: keep it and say where
            print(f"self-test files kept in {folder}", file=sys.stderr)
    return code
