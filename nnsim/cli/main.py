"""Command line: ``nnsim`` opens the window; ``nnsim new|train|evaluate|gradcheck|trace|
schema`` work headless on project files (``nnsim COMMAND --help`` for the options).

Every reporting command takes ``--json`` for machine-readable output on stdout. Bad input
gives exit code 2 and one line ``nnsim: error: ...`` on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys

from nnsim.cli.commands import (
    cmd_evaluate,
    cmd_gradcheck,
    cmd_new,
    cmd_schema,
    cmd_trace,
    cmd_train,
)
from nnsim.cli.common import EXIT_INTERRUPTED, EXIT_USAGE, UsageError
from nnsim.cli.common import finite_float as _finite_float
from nnsim.cli.common import positive_int as _positive_int


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise UsageError(message)


# ---------------------------------------------------------------------- option types
def _int_list(text: str) -> list[int]:
    """ "8,8" -> [8, 8]; "" or "0" -> [] (no hidden layer)."""
    if text.strip() in ("", "0"):
        return []
    try:
        values = [int(v) for v in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected widths like 8,8, got {text!r}") from None
    if min(values) < 1:
        raise argparse.ArgumentTypeError(f"layer widths must be >= 1, got {text!r}")
    return values


def _float_list(text: str) -> list[float]:
    try:
        return [float(v) for v in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected numbers like 0.6,0.2,0.2: {text!r}") from None


def _names(text: str) -> list[str]:
    return [v.strip() for v in text.split(",") if v.strip()]


# ---------------------------------------------------------------------- parser
def build_parser() -> argparse.ArgumentParser:
    from nnsim.core.activations import OUTPUT_ACTIVATIONS
    from nnsim.core.datasets import GENERATORS
    from nnsim.core.hyper import DTYPES, INITS, SCHEDULES
    from nnsim.core.losses import LOSSES

    parser = _Parser(
        prog="nnsim",
        description="Neural-network simulator. With no command (or a project file) it "
        "opens the window.",
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
    sp.add_argument("--n", type=_positive_int, help="number of points")
    sp.add_argument("--noise", type=_finite_float, help="noise level 0..0.5")
    sp.add_argument("--seed", type=int, default=0, help="seeds data, split and weights")
    sp.add_argument("--hidden", type=_int_list, default=[4, 4], help='widths, e.g. 8,8 ("" none)')
    sp.add_argument(
        "--activation", type=_names, default="tanh", help="g for all layers, or a comma list"
    )
    sp.add_argument("--output", choices=list(OUTPUT_ACTIVATIONS), help="output activation o")
    sp.add_argument("--loss", choices=list(LOSSES))
    sp.add_argument("--features", type=_names, help="input features, e.g. x1,x2,x1^2")
    sp.add_argument("--classes", type=_positive_int, help="number of classes K (blobs)")
    sp.add_argument("--lr", type=_finite_float, help="learning rate alpha")
    sp.add_argument("--batch", type=_positive_int, help="mini-batch size")
    sp.add_argument("--momentum", type=_finite_float, help="beta in v = grad + beta v_prev")
    reg = sp.add_mutually_exclusive_group()
    reg.add_argument("--l1", type=_finite_float, metavar="LAMBDA", help="L1 lambda sum|W|")
    reg.add_argument("--l2", type=_finite_float, metavar="LAMBDA", help="L2 lambda ||W||^2")
    sp.add_argument("--init", choices=list(INITS))
    sp.add_argument("--init-constant", type=_finite_float)
    sp.add_argument("--epochs", type=_positive_int, help="maximum number of epochs")
    sp.add_argument("--schedule", choices=list(SCHEDULES))
    sp.add_argument("--decay", type=_finite_float, help="delta of the schedule")
    sp.add_argument("--constant-epochs", type=int)
    sp.add_argument("--target-loss", type=_finite_float)
    sp.add_argument("--early-stopping", type=_positive_int, metavar="PATIENCE")
    sp.add_argument("--split", type=_float_list, default=[0.6, 0.2, 0.2], help="train,val,test")
    sp.add_argument("--dtype", choices=list(DTYPES))
    sp.add_argument("--title")
    sp.add_argument("--description")
    sp.add_argument("--force", action="store_true", help="overwrite OUT.json")

    sp = command("train", cmd_train, "train a project and save it")
    sp.add_argument("--epochs", type=_positive_int, help="epoch limit (overrides the max)")
    sp.add_argument("-o", "--output", help="save here instead of overwriting PROJECT")
    sp.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")

    command("evaluate", cmd_evaluate, "loss, error and confusion matrix per split")

    sp = command("gradcheck", cmd_gradcheck, "check backprop against central differences")
    sp.add_argument("--samples", type=_positive_int, default=10)
    sp.add_argument("--tolerance", type=_finite_float, default=1e-6)
    sp.add_argument("--eps", type=_finite_float, default=1e-5)

    sp = command("trace", cmd_trace, "every number of one SGD step on one sample")
    sp.add_argument("--sample", type=int, required=True, metavar="I", help="point index")
    sp.add_argument("--digits", type=_positive_int, default=6)

    command("schema", cmd_schema, "print the JSON Schema of project files", project=False)

    from nnsim.cli.examples import add_parser as add_examples
    from nnsim.cli.search import add_parser as add_search

    add_search(command)
    add_examples(command, sub.choices["new"])

    from nnsim.cli.export import add_parser as add_export

    add_export(command)
    return parser


def _run_gui(path: str | None) -> int:
    try:
        from nnsim.gui.shell import app
    except ImportError as e:
        print(f"nnsim: error: the desktop window is not available ({e}); "
              "the command-line tools still work (nnsim --help)", file=sys.stderr)  # fmt: skip
        return EXIT_USAGE
    return int(app.run(path) or 0)


def _self_test(out_dir: str | None) -> int:
    """Open an example in the window, train, render, save and reload (see gui.app)."""
    try:
        from nnsim.gui.shell import app
    except ImportError as e:
        print(f"nnsim: error: the desktop window is not available ({e})", file=sys.stderr)
        return EXIT_USAGE
    return app.self_test(out_dir)


def _one_line(e: BaseException) -> str:
    if isinstance(e, OSError) and e.strerror:
        text = f"{e.filename}: {e.strerror}" if e.filename else e.strerror
    else:
        text = str(e) or type(e).__name__
    return " ".join(text.split())


def main(argv=None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 check failed, 2 bad input)."""
    from nnsim.core.hyper import HyperparameterError
    from nnsim.project import ProjectError

    argv = sys.argv[1:] if argv is None else [str(a) for a in argv]
    if not argv:
        return _run_gui(None)
    if argv[0] == "--self-test":
        return _self_test(argv[1] if len(argv) > 1 else None)
    if len(argv) == 1 and argv[0].endswith(".json"):
        if os.path.isfile(argv[0]):
            return _run_gui(argv[0])
        print(f"nnsim: error: {argv[0]}: No such file", file=sys.stderr)
        return EXIT_USAGE
    try:
        args = build_parser().parse_args(argv)
        if args.command is None:
            raise UsageError("choose a command (nnsim --help lists them)")
        return args.func(args)
    except SystemExit as e:  # --help
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
