"""Command line: ``nnsim`` opens the window; ``nnsim new|train|evaluate|gradcheck|trace|
schema|search`` work headless on project files (``nnsim COMMAND --help`` for the options).

Every reporting command takes ``--json`` for machine-readable output on stdout. Bad input
gives exit code 2 and one line ``nnsim: error: ...`` on stderr, never a traceback; the
other codes are in `nnsim.cli.common` and ``nnsim --help``. ``--help`` and ``--version``
only print.
"""

from __future__ import annotations

import argparse
import os
import sys

from nnsim import __version__
from nnsim.cli import launch
from nnsim.cli.commands import (
    cmd_evaluate,
    cmd_gradcheck,
    cmd_new,
    cmd_schema,
    cmd_trace,
    cmd_train,
)
from nnsim.cli.common import (
    EXIT_INTERRUPTED,
    EXIT_USAGE,
    Parser,
    UsageError,
    finite_float,
    hidden_widths,
    limited,
    positive_float,
    positive_int,
)


# ---------------------------------------------------------------------- option types
def _float_list(text: str) -> list[float]:
    try:
        return [finite_float(v) for v in text.split(",")]
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError(f"expected numbers like 0.6,0.2,0.2: {text!r}") from None


def _names(text: str) -> list[str]:
    return [v.strip() for v in text.split(",") if v.strip()]


# ---------------------------------------------------------------------- parser
def build_parser() -> argparse.ArgumentParser:
    from nnsim.core.activations import OUTPUT_ACTIVATIONS
    from nnsim.core.datasets import GENERATORS
    from nnsim.core.hyper import DTYPES, INITS, SCHEDULES
    from nnsim.core.losses import LOSSES

    parser = Parser(
        prog="nnsim",
        description="Neural-network simulator. With no command (or a project file) it "
        "opens the window; nnsim-cli is the same program as a console command.",
        epilog="Exit codes: 0 done, 1 a check failed, 2 bad input or a file problem, "
        "3 training diverged, 130/143/129 stopped by Ctrl-C/SIGTERM/SIGHUP (work saved).",
    )
    parser.add_argument("--version", action="version", version=f"nnsim {__version__}")
    parser.add_argument(
        "--self-test",
        metavar="FOLDER",
        nargs="?",
        help="open an example in the window, train, render, save and reload "
        "(nnsim --self-test --help for details)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name, func, help_, project=True):
        sp = sub.add_parser(name, help=help_, description=help_)
        if project:
            sp.add_argument("project", help="project file (.json)")
        sp.add_argument("--json", action="store_true", help="machine-readable output")
        sp.set_defaults(func=func)
        return sp

    sp = command("new", cmd_new, "create a project on a generated data set", project=False)
    sp.add_argument("out", metavar="OUT.json")
    sp.add_argument("--dataset", default="circle", choices=list(GENERATORS))
    sp.add_argument("--n", type=limited("points", low=1), help="number of points")
    sp.add_argument("--noise", type=finite_float, help="noise level 0..0.5")
    sp.add_argument("--seed", type=int, default=0, help="seeds data, split and weights")
    sp.add_argument(
        "--hidden", type=hidden_widths, default=[4, 4], help='widths, e.g. 8,8 ("" none)'
    )
    sp.add_argument(
        "--activation", type=_names, default="tanh", help="g for all layers, or a comma list"
    )
    sp.add_argument("--output", choices=list(OUTPUT_ACTIVATIONS), help="output activation o")
    sp.add_argument("--loss", choices=list(LOSSES))
    sp.add_argument("--features", type=_names, help="input features, e.g. x1,x2,x1^2")
    sp.add_argument("--classes", type=limited("classes"), help="number of classes K (blobs)")
    sp.add_argument("--lr", type=finite_float, help="learning rate alpha")
    sp.add_argument("--batch", type=limited("batch"), help="mini-batch size")
    sp.add_argument("--momentum", type=finite_float, help="beta in v = grad + beta v_prev")
    reg = sp.add_mutually_exclusive_group()
    reg.add_argument("--l1", type=finite_float, metavar="LAMBDA", help="L1 lambda sum|W|")
    reg.add_argument("--l2", type=finite_float, metavar="LAMBDA", help="L2 lambda ||W||^2")
    sp.add_argument("--init", choices=list(INITS))
    sp.add_argument("--init-constant", type=finite_float)
    sp.add_argument("--epochs", type=limited("epochs"), help="maximum number of epochs")
    sp.add_argument("--schedule", choices=list(SCHEDULES))
    sp.add_argument("--decay", type=finite_float, help="delta of the schedule")
    sp.add_argument("--constant-epochs", type=int)
    sp.add_argument("--target-loss", type=finite_float)
    sp.add_argument("--early-stopping", type=limited("epochs"), metavar="PATIENCE")
    sp.add_argument("--split", type=_float_list, default=[0.6, 0.2, 0.2], help="train,val,test")
    sp.add_argument("--dtype", choices=list(DTYPES))
    sp.add_argument("--title")
    sp.add_argument("--description")
    sp.add_argument("--force", action="store_true", help="overwrite OUT.json")

    sp = command("train", cmd_train, "train a project and save it")
    sp.add_argument("--epochs", type=limited("epochs"), help="epoch limit (overrides the max)")
    sp.add_argument("-o", "--output", help="save here instead of overwriting PROJECT")
    sp.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    sp.add_argument("--wait", action="store_true", help="wait while another nnsim writes it")

    command("evaluate", cmd_evaluate, "loss, error and confusion matrix per split")

    sp = command("gradcheck", cmd_gradcheck, "check backprop against central differences")
    sp.add_argument("--samples", type=positive_int, default=10, help="training points used")
    sp.add_argument("--tolerance", type=positive_float, default=1e-6, help="largest relative error")
    sp.add_argument("--eps", type=positive_float, default=1e-5, help="step of the differences")

    sp = command("trace", cmd_trace, "every number of one SGD step on one sample")
    sp.add_argument("--sample", type=int, required=True, metavar="I", help="point index")
    sp.add_argument("--digits", type=limited("digits"), default=6)

    command("schema", cmd_schema, "print the JSON Schema of project files", project=False)

    from nnsim.cli.examples import add_parser as add_examples
    from nnsim.cli.search import add_parser as add_search

    add_search(command)
    add_examples(command, sub.choices["new"])

    from nnsim.cli.export import add_parser as add_export

    add_export(command)
    return parser


def _one_line(e: BaseException) -> str:
    if isinstance(e, OSError) and e.strerror:
        text = f"{e.filename}: {e.strerror}" if e.filename else e.strerror
    else:
        text = str(e) or type(e).__name__
    return " ".join(text.split())


def _commands(parser: argparse.ArgumentParser) -> set[str]:
    return {
        name
        for action in parser._actions
        if isinstance(action, argparse._SubParsersAction)
        for name in action.choices
    }


def _opens_a_file(argv: list[str], commands: set[str]) -> bool:
    """``nnsim FILE``: one argument that names a path rather than a command (a folder
    named like a command, e.g. ``examples``, is still the command)."""
    if len(argv) != 1 or argv[0].startswith("-") or argv[0] in commands:
        return False
    return argv[0].endswith(".json") or os.path.lexists(argv[0])


def _dispatch(argv: list[str]) -> int:
    if not argv:
        return launch.open_window(None)
    if argv[0] == "--self-test":
        return launch.self_test(argv[1:])
    parser = build_parser()
    if _opens_a_file(argv, _commands(parser)):
        return launch.open_window(argv[0])
    args = parser.parse_args(argv)
    if args.self_test is not None:
        raise UsageError("--self-test comes first: nnsim --self-test [FOLDER]")
    if args.command is None:
        raise UsageError("choose a command (nnsim --help lists them)")
    return args.func(args)


def main(argv=None) -> int:
    """Run the command line; returns the exit code (see ``nnsim --help``)."""
    from nnsim.core.hyper import HyperparameterError
    from nnsim.project import ProjectError

    argv = sys.argv[1:] if argv is None else [str(a) for a in argv]
    try:
        return _dispatch(argv)
    except SystemExit as e:  # --help, --version
        return e.code if isinstance(e.code, int) else 0
    except BrokenPipeError:  # e.g. `nnsim trace ... | head`
        try:  # keep Python from complaining again when it flushes stdout at exit
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 1
    except (UsageError, ProjectError, HyperparameterError, ValueError, OSError) as e:
        print(f"nnsim: error: {_one_line(e)}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("nnsim: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except MemoryError:
        print("nnsim: error: out of memory", file=sys.stderr)
        return EXIT_USAGE
