"""``nnsim search PROJECT``: grid or random search over hyperparameters, selected by
validation error; the test set is used once, for the chosen configuration only.

Grid search takes value lists (``--lr 0.01,0.03,0.1 --hidden "4;8;8,8"``); random search
takes ranges (``--lr-range 1e-4:1``, drawn log-uniformly) or lists to pick from, and
``--trials N``. The search and its results are saved in the project (``-o OUT`` to save
elsewhere); ``--apply`` also loads the best configuration and its weights.
``--cluster tcp://HOST:PORT`` trains the trials on a Dask cluster's workers instead of
local processes (``pip install nnsim[cluster]``), with the same results.
"""

from __future__ import annotations

import argparse
import math
import sys
import time

from nnsim.cli.commands import file_state, save_result
from nnsim.cli.common import StopSignals, UsageError, hidden_widths, limited, positive_int
from nnsim.cli.common import fmt as _fmt
from nnsim.cli.common import print_json as _print_json
from nnsim.project.enums import Task

# option name -> search parameter; --l1/--l2 both set reg_lambda (and the penalty)
LIST_OPTIONS = {
    "lr": "learning_rate",
    "hidden": "hidden",
    "l2": "reg_lambda",
    "l1": "reg_lambda",
    "momentum": "momentum",
    "batch": "batch_size",
    "schedule": "schedule",
    "epochs": "max_epochs",
}
RANGE_OPTIONS = {
    "lr_range": "learning_rate",
    "l2_range": "reg_lambda",
    "l1_range": "reg_lambda",
    "momentum_range": "momentum",
    "batch_range": "batch_size",
    "epochs_range": "max_epochs",
}


# ---------------------------------------------------------------------- option types
def _numbers(kind):
    def parse(text: str) -> list:
        try:
            values = [kind(v) for v in text.split(",") if v.strip()]
        except ValueError:
            what = "whole numbers" if kind is int else "numbers"
            raise argparse.ArgumentTypeError(f"expected {what} like 1,2,3: {text!r}") from None
        if not values or not all(math.isfinite(v) for v in values):
            raise argparse.ArgumentTypeError(f"expected finite numbers: {text!r}")
        return values

    return parse


def _hidden_lists(text: str) -> list[tuple[int, ...]]:
    """ "4;8;8,8" -> [(4,), (8,), (8, 8)]; "0" or "" between semicolons: no hidden layer."""
    out = []
    for part in text.split(";"):
        part = part.strip()
        if part in ("", "0"):
            out.append(())
            continue
        try:
            out.append(tuple(hidden_widths(part)))
        except argparse.ArgumentTypeError as e:
            if "expected" not in str(e):  # a limit: say which one
                raise
            raise argparse.ArgumentTypeError(
                f'expected layer widths like "4;8;8,8", got {text!r}'
            ) from None
    return out


def _schedules(text: str) -> list[str]:
    return [v.strip() for v in text.split(",") if v.strip()]


def _range(text: str) -> tuple[float, float]:
    lo, sep, hi = text.partition(":")
    try:
        values = (float(lo), float(hi))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a range LOW:HIGH like 1e-4:1, got {text!r}"
        ) from None
    if not sep or not all(math.isfinite(v) for v in values):
        raise argparse.ArgumentTypeError(f"expected a range LOW:HIGH like 1e-4:1, got {text!r}")
    return values


def add_parser(command) -> None:
    """Register ``search`` with `nnsim.cli.main.build_parser`'s ``command`` helper."""
    sp = command("search", cmd_search, "grid or random search over hyperparameters")
    how = sp.add_mutually_exclusive_group()
    how.add_argument("--grid", action="store_true", help="every combination (default)")
    how.add_argument("--random", action="store_true", help="--trials random draws")
    sp.add_argument("--lr", type=_numbers(float), help="learning rates alpha, e.g. 0.01,0.1")
    sp.add_argument("--lr-range", type=_range, help="random: LOW:HIGH, log-uniform")
    sp.add_argument("--hidden", type=_hidden_lists, help='hidden widths, e.g. "4;8;8,8"')
    reg = sp.add_mutually_exclusive_group()
    reg.add_argument("--l2", type=_numbers(float), help="L2 lambdas of lambda ||W||^2")
    reg.add_argument("--l1", type=_numbers(float), help="L1 lambdas of lambda sum|W|")
    reg.add_argument("--l2-range", type=_range, help="random: LOW:HIGH, log-uniform")
    reg.add_argument("--l1-range", type=_range, help="random: LOW:HIGH, log-uniform")
    sp.add_argument("--momentum", type=_numbers(float), help="beta values, e.g. 0,0.9")
    sp.add_argument("--momentum-range", type=_range, help="random: LOW:HIGH")
    sp.add_argument("--batch", type=_numbers(int), help="mini-batch sizes, e.g. 1,10,32")
    sp.add_argument("--batch-range", type=_range, help="random: LOW:HIGH, log-uniform")
    sp.add_argument("--schedule", type=_schedules, help="e.g. constant,inverse")
    sp.add_argument("--epochs", type=_numbers(int), help="epoch limits, e.g. 50,200")
    sp.add_argument("--epochs-range", type=_range, help="random: LOW:HIGH")
    sp.add_argument("--trials", type=limited("trials"), default=10, help="random: draws")
    sp.add_argument("--seed", type=int, default=0, help="random: seed of the draws")
    sp.add_argument(
        "--workers", type=positive_int, default=2, help="processes (1: no pool; at most 1 a CPU)"
    )
    sp.add_argument(
        "--cluster", metavar="tcp://HOST:PORT", help="train on a Dask scheduler's workers"
    )
    sp.add_argument("--apply", action="store_true", help="load the best config and weights")
    sp.add_argument("-o", "--output", help="save here instead of overwriting PROJECT")
    sp.add_argument("--no-save", action="store_true", help="only report; write nothing")
    sp.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    sp.add_argument("--wait", action="store_true", help="wait while another nnsim writes it")


def space_from_args(args):
    """The `SearchSpace` the options describe (raises UsageError for a bad mix)."""
    from nnsim.runtime.search import SearchError, SearchSpace

    method = "random" if args.random else "grid"
    lists = {p: getattr(args, o) for o, p in LIST_OPTIONS.items() if getattr(args, o)}
    ranges = {p: getattr(args, o) for o, p in RANGE_OPTIONS.items() if getattr(args, o)}
    regularization = "l1" if (args.l1 or args.l1_range) else "l2"
    if method == "grid" and ranges:
        option = next(o for o in RANGE_OPTIONS if getattr(args, o))
        raise UsageError(f"--{option.replace('_', '-')} is for --random; give a list for --grid")
    if method == "grid":
        space = SearchSpace("grid", grid=lists, regularization=regularization)
    else:
        space = SearchSpace(
            "random",
            ranges=ranges,
            choices=lists,
            n_trials=args.trials,
            seed=args.seed,
            regularization=regularization,
        )
    try:
        return space.validated()
    except SearchError as e:
        raise UsageError(f"{_option_of(e.field, args)}: {str(e).split(': ', 1)[-1]}") from None


def _option_of(field: str, args) -> str:
    for table in (LIST_OPTIONS, RANGE_OPTIONS):
        for option, param in table.items():
            if param == field and getattr(args, option):
                return "--" + option.replace("_", "-")
    return {"grid": "search", "ranges": "search", "n_trials": "--trials"}.get(field, field)


def _workers(asked: int, quiet: bool) -> int:
    """``--workers`` capped at the CPUs: more processes than cores only cost memory."""
    from nnsim.project.limits import max_workers

    cpus = max_workers()
    if asked <= cpus:
        return asked
    if not quiet:
        print(f"nnsim: using {cpus} worker processes, one per CPU, instead of {asked}",
              file=sys.stderr)  # fmt: skip
    return cpus


# ---------------------------------------------------------------------- progress, report
class _Bar:
    """A progress bar on a terminal (at most 10 redraws a second), else a line per ~10%."""

    def __init__(self, stream, quiet: bool):
        self.stream, self.quiet, self.tty = stream, quiet, stream.isatty()
        self.last, self.tenth, self.drawn = 0.0, 0, False

    def update(self, p) -> None:
        if self.quiet or p.total == 0:
            return
        frac = p.done / p.total
        left = "" if p.remaining is None else f"  ~{_duration(p.remaining)} left"
        text = f"trial {p.done}/{p.total}{left}"
        if self.tty:
            now = time.monotonic()
            if now - self.last >= 0.1 or p.done == p.total:
                bar = "#" * int(30 * frac) + "-" * (30 - int(30 * frac))
                self.stream.write(f"\r[{bar}] {text}   ")
                self.stream.flush()
                self.last, self.drawn = now, True
        elif int(10 * frac) > self.tenth:
            self.tenth = int(10 * frac)
            print(f"{int(100 * frac):3d}%  {text}", file=self.stream)

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\n")


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.0f} s"
    return f"{seconds / 60:.0f} min"


def _error_text(x, classification: bool) -> str:
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return "-"
    return f"{100 * x:.1f} %" if classification else _fmt(x)


def results_table(outcome, classification: bool) -> list[str]:
    """One line per trial; the chosen one marked with '*'."""
    from nnsim.runtime.search import SHORT, format_value

    params = outcome.space.params
    head = ["#"] + [SHORT[p] for p in params] + ["val error", "val loss", "train err", "epochs"]
    rows = []
    for pos, r in enumerate(outcome.results):
        mark = "*" if pos == outcome.best else " "
        rows.append(
            [f"{r.index + 1}{mark}"]
            + [format_value(p, r.config[p]) for p in params]
            + [
                _error_text(r.val_error, classification),
                _fmt(r.val_loss),
                _error_text(r.train_error, classification),
                str(r.epochs),
            ]
        )
    widths = [max(len(row[i]) for row in [head, *rows]) for i in range(len(head))]
    return ["  ".join(c.rjust(w) for c, w in zip(row, widths)) for row in [head, *rows]]


def _run(spec, space, workers: int, bar: _Bar, stop: StopSignals, cluster: str | None = None):
    """Run the search (on the Dask ``cluster`` if given); a stop signal cancels between
    trials. Returns (outcome, stopped)."""
    from nnsim.runtime.cluster import executor_for
    from nnsim.runtime.search import run_search

    outcome = None
    try:
        with executor_for(cluster, workers) as (executor, slots):
            for p in run_search(spec, space, slots, cancel=stop.event, executor=executor):
                bar.update(p)
                outcome = p.outcome or outcome
    finally:
        bar.close()
    return outcome, stop.is_set()


def cmd_search(args) -> int:
    with StopSignals() as stop:
        return _search(args, stop)


def _search(args, stop: StopSignals) -> int:
    from contextlib import nullcontext
    from dataclasses import replace

    from nnsim.project import load
    from nnsim.project.lock import project_lock
    from nnsim.project.safe_write import real_target
    from nnsim.project.searching import apply_best, search_doc, trial_spec
    from nnsim.runtime.cluster import ClusterError
    from nnsim.runtime.search import SearchError, describe

    space = space_from_args(args)
    workers = _workers(args.workers, quiet=args.quiet or args.json)
    out = args.output or args.project
    if not args.no_save:
        real_target(out)  # a directory, device or FIFO is refused before any work
    locked = nullcontext() if args.no_save else project_lock(out, args.wait, stop.is_set)
    with locked:
        before = file_state(out)
        p = load(args.project)
        try:
            outcome, interrupted = _run(
                trial_spec(p), space, workers, _Bar(sys.stderr, args.quiet or args.json), stop,
                args.cluster,
            )  # fmt: skip
        except ClusterError as e:
            raise UsageError(str(e)) from None
        except SearchError as e:
            option = _option_of(e.field, args)
            raise UsageError(f"{option}: {str(e).split(': ', 1)[-1]}") from None
        p = replace(p, search=search_doc(outcome))
        best = outcome.best_result
        if args.apply and best is not None:
            p = apply_best(p, best)
        if not args.no_save:
            save_result(p, out, before, f"the search's {len(outcome.results)} trials")
    classification = p.task == Task.CLASSIFICATION
    if args.json:
        doc = outcome.to_dict(with_weights=False)
        doc.update(
            path=None if args.no_save else str(out),
            applied=bool(args.apply and best is not None),
            best_config=None if best is None else doc["trials"][outcome.best]["config"],
            note="The test set was used once, for the chosen model only.",
        )
        _print_json(doc)
    else:
        print(f"{space.method} search: {len(outcome.results)} of {outcome.total} trials"
              + (" (interrupted)" if interrupted else ""))  # fmt: skip
        print("\n".join(results_table(outcome, classification)))
        if best is not None:
            print(f"\nbest (lowest validation error): {describe(best.config)}  "
                  f"validation error {_error_text(best.val_error, classification)}")  # fmt: skip
            test = outcome.test
            if test is None:
                print("the project has no test points: no test error")
            else:
                print(f"test error {_error_text(test['error'], classification)} on "
                      f"{test['n']} test points (the test set was used once, for this "
                      "model only)")  # fmt: skip
        if args.apply and best is not None:
            print("applied the best configuration and its weights")
        if not args.no_save:
            print(f"saved to {out}")
    return stop.exit_code if interrupted else 0
