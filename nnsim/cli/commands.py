"""The commands behind ``nnsim new|train|evaluate|gradcheck|trace|schema`` (see `nnsim.cli.main`).

Each ``cmd_*`` takes the parsed arguments, prints its report (``--json``: one JSON
document on stdout) and returns the exit code. Bad input raises `UsageError`, a
`ProjectError` or a ValueError, which `nnsim.cli.main.main` turns into one error line.
"""

from __future__ import annotations

import errno
import json
import math
import os
import sys
import time

import numpy as np

from nnsim.cli.common import EXIT_DIVERGED, EXIT_OK, StopSignals, UsageError
from nnsim.cli.common import fmt as _fmt
from nnsim.cli.common import print_json as _print_json
from nnsim.project.enums import Split, Task

# Hyperparameters fields -> the `new` option that sets them (for error messages).
OPTION_OF = {
    "learning_rate": "--lr", "batch_size": "--batch", "momentum": "--momentum",
    "reg_lambda": "--l1/--l2", "init": "--init", "init_constant": "--init-constant",
    "max_epochs": "--epochs", "schedule": "--schedule", "decay": "--decay",
    "constant_epochs": "--constant-epochs", "target_loss": "--target-loss",
    "patience": "--early-stopping", "seed": "--seed", "dtype": "--dtype",
}  # fmt: skip


def _metrics_table(p, results: dict) -> list[str]:
    classes = p.task == Task.CLASSIFICATION
    head = "error" if classes else "mse"
    lines = [f"{'':<11}{'n':>6}  {'loss':>10}  {head:>10}" + ("  accuracy" if classes else "")]
    for name, r in results.items():
        value = r["error"] if classes else r["mse"]
        line = f"{name:<11}{r['n']:>6}  {_fmt(r['loss']):>10}  {_fmt(value):>10}"
        lines.append(line + (f"  {_fmt(r['accuracy']):>8}" if classes else ""))
    return lines


# ---------------------------------------------------------------------- commands
def cmd_new(args) -> int:
    from nnsim.core.hyper import HyperparameterError, Hyperparameters
    from nnsim.project import new_project, save

    if os.path.exists(args.out) and not args.force:
        raise UsageError(f"{args.out} exists; use --force to overwrite it")
    changes = {
        "learning_rate": args.lr, "batch_size": args.batch, "momentum": args.momentum,
        "init": args.init, "init_constant": args.init_constant, "max_epochs": args.epochs,
        "schedule": args.schedule, "decay": args.decay, "target_loss": args.target_loss,
        "constant_epochs": args.constant_epochs, "dtype": args.dtype, "seed": args.seed,
    }  # fmt: skip
    changes = {k: v for k, v in changes.items() if v is not None}
    for kind in ("l1", "l2"):
        if getattr(args, kind) is not None:
            changes.update(regularization=kind, reg_lambda=getattr(args, kind))
    if args.early_stopping is not None:
        changes.update(early_stopping=True, patience=args.early_stopping)
    try:
        hp = Hyperparameters(**changes).validated()
    except HyperparameterError as e:
        option = OPTION_OF.get(e.field, e.field)
        raise UsageError(f"{option}: {str(e).split(': ', 1)[-1]}") from None
    activation = args.activation
    p = new_project(
        args.dataset, n=args.n, noise=args.noise, seed=args.seed, hidden=args.hidden,
        activation=activation[0] if len(activation) == 1 else activation,
        features=args.features or None, hyper=hp,
        n_classes=args.classes, title=args.title or "", output=args.output, loss=args.loss,
        split_ratios=args.split, description=args.description or "",
    )  # fmt: skip
    save(p, args.out)
    info = {
        "path": args.out, "dataset": args.dataset, "n": p.data.n, "task": p.task,
        "n_classes": p.n_classes, "features": list(p.features), "sizes": p.sizes,
        "activations": p.activations, "output": p.network.output_activation,
        "loss": p.network.loss, "hyperparameters": p.hyper.to_dict(),
    }  # fmt: skip
    if args.json:
        _print_json(info)
    else:
        sizes = "-".join(map(str, p.sizes))
        acts = ",".join(p.activations) or "no hidden layer"
        print(f"created {args.out}: {args.dataset}, {p.data.n} points, network {sizes} "
              f"({acts}; {p.network.output_activation} + {p.network.loss})")  # fmt: skip
    return 0


class _Progress:
    """A bar on a terminal (at most 10 redraws a second), else a line every ~10%."""

    def __init__(self, stream, start: int, end: int, quiet: bool):
        self.stream, self.start, self.end = stream, start, max(end, start + 1)
        self.quiet = quiet
        self.tty = stream.isatty()
        self.last_draw = 0.0
        self.tenth = 0
        self.loss = math.nan

    def update(self, snap) -> None:
        if snap.new_records:
            self.loss = snap.new_records[-1].train_loss
        if self.quiet:
            return
        frac = min(1.0, (snap.epoch - self.start) / (self.end - self.start))
        text = f"epoch {snap.epoch}/{self.end}  loss {_fmt(self.loss)}"
        if self.tty:
            now = time.monotonic()
            if now - self.last_draw >= 0.1 or snap.stopped:
                bar = "#" * int(30 * frac) + "-" * (30 - int(30 * frac))
                self.stream.write(f"\r[{bar}] {text} ")
                self.stream.flush()
                self.last_draw = now
        elif int(10 * frac) > self.tenth:
            self.tenth = int(10 * frac)
            print(f"{int(100 * frac):3d}%  {text}", file=self.stream)

    def close(self) -> None:
        if self.tty and not self.quiet and self.last_draw:
            self.stream.write("\n")


def _train_until_stop(trainer, progress: _Progress, stop: StopSignals) -> bool:
    """Exhaust the trainer; a stop signal stops between two snapshots. True if stopped."""
    try:
        gen = trainer.iter_training(max_rate=10.0)
        for snap in gen:
            progress.update(snap)
            if stop.is_set():
                gen.close()
                break
    finally:
        progress.close()
    return stop.is_set()


def file_state(path) -> tuple | None:
    """What identifies a file's version on disk (None if it does not exist)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    return info.st_ino, info.st_size, info.st_mtime_ns


def save_result(p, out, before: tuple | None, what: str) -> None:
    """Save the result of a long run to ``out``; never lose it.

    If ``out`` changed on disk since it was read (``before``: its `file_state` then) or
    the save fails, the project goes to a recovery file and the error says where.
    """
    from nnsim.project import recovery, save

    changed = file_state(out) != before
    try:
        if changed:
            raise OSError(
                errno.EEXIST, "changed on disk while this ran (another program saved it)", out
            )
        save(p, out)
        return
    except OSError as e:
        problem = f"{e.filename or out}: {e.strerror or e}"
    try:
        kept = recovery.keep(p, out)
    except OSError as e:
        raise UsageError(f"{problem}; {what} could not be kept either ({e.strerror})") from None
    raise UsageError(f"{problem}; {what} was kept in {kept}")


def cmd_train(args) -> int:
    with StopSignals() as stop:
        return _train(args, stop)


def _train(args, stop: StopSignals) -> int:
    from dataclasses import replace

    from nnsim.cli import render
    from nnsim.core.stop import StopKey
    from nnsim.project import load
    from nnsim.project.evaluation import evaluate
    from nnsim.project.lock import project_lock
    from nnsim.project.safe_write import real_target

    out = args.output or args.project
    real_target(out)  # a directory, device or FIFO is refused before any work
    with project_lock(out, wait=args.wait, cancelled=stop.is_set):
        before = file_state(out)
        p = load(args.project)
        if args.epochs is not None:
            p = replace(p, hyper=p.hyper.with_changes(max_epochs=args.epochs))
        start = p.epoch
        interrupted, message, reason, code = False, "", None, EXIT_OK
        hints: list[str] = []  # the engine's advice, worded
        if start >= p.hyper.max_epochs:
            net = p.build_network()
            message = render.already_trained_text(start, p.hyper.max_epochs)
        else:
            net, trainer = p.make_trainer()
            if not args.quiet:
                print(f"training {args.project}: epoch {start} to {p.hyper.max_epochs}",
                      file=sys.stderr, flush=True)  # fmt: skip
            progress = _Progress(sys.stderr, start, p.hyper.max_epochs, args.quiet)
            interrupted = _train_until_stop(trainer, progress, stop)
            p = p.with_training(net, trainer)
            hints = [render.hint_text(h) for h in trainer.hints]
            if interrupted:
                reason, code = "interrupted", stop.exit_code
                message = (
                    render.interrupted_text(p.epoch)
                    if stop.name == "SIGINT"
                    else render.signal_text(stop.name, p.epoch)
                )
            else:
                reason, message = trainer.stop.key.value, render.stop_text(trainer.stop)
                code = EXIT_DIVERGED if trainer.stop.key is StopKey.DIVERGED else EXIT_OK
        save_result(p, out, before, f"the project trained to epoch {p.epoch}")
    results = evaluate(p, net)
    if args.json:
        _print_json({"path": str(out), "epoch": p.epoch, "stop_reason": reason,
                     "message": message, "hints": hints, "metrics": results})  # fmt: skip
    else:
        print(f"epoch {p.epoch}: {message}")
        for hint in hints:
            print(hint)
        print("\n".join(_metrics_table(p, results)))
        print(f"saved to {out}")
    if code == EXIT_DIVERGED:
        print(f"nnsim: training diverged (exit code {EXIT_DIVERGED})", file=sys.stderr)
    return code


def cmd_evaluate(args) -> int:
    from nnsim.project import load
    from nnsim.project.evaluation import evaluate

    p = load(args.project)
    results = evaluate(p)
    if args.json:
        _print_json({"task": p.task, "epoch": p.epoch, "metrics": results})
        return 0
    print(f"{args.project}: {p.task}, epoch {p.epoch}, network {'-'.join(map(str, p.sizes))}")
    print("\n".join(_metrics_table(p, results)))
    if p.task == Task.CLASSIFICATION:
        for name, r in results.items():
            if r["n"]:
                print(f"\nconfusion matrix ({name}; row = true class, column = predicted):")
                for i, row in enumerate(r["confusion"]):
                    print(f"  {i}: " + " ".join(f"{c:>5}" for c in row))
    return 0


def _targets(p, net):
    from nnsim.core.metrics import targets_for

    return targets_for(p.data.y, net.n_outputs, p.task, np.float64)


def cmd_gradcheck(args) -> int:
    from nnsim.core.gradcheck import gradient_check
    from nnsim.project import load

    p = load(args.project)
    net = p.build_network(np.float64)
    rows = np.flatnonzero(p.data.split == Split.TRAIN)
    rows = (rows if len(rows) else np.arange(p.data.n))[: args.samples]
    if len(rows) == 0:
        raise UsageError("the project has no data points to check the gradient on")
    X, Y = p.inputs()[rows], _targets(p, net)[rows]
    errors = gradient_check(net, X, Y, hp=p.hyper, eps=args.eps)
    worst = max(errors.values())
    passed = worst <= args.tolerance
    if args.json:
        _print_json({"samples": len(rows), "eps": args.eps, "tolerance": args.tolerance,
                     "relative_errors": errors, "max": worst, "passed": passed})  # fmt: skip
    else:
        print(f"gradient check on {len(rows)} samples, central differences, eps = {args.eps:g}")
        for name, err in errors.items():
            verdict = "ok" if err <= args.tolerance else "TOO LARGE"
            print(f"  {name:<8} relative error {err:.3e}  {verdict}")
        print(("passed" if passed else "FAILED") + f" (tolerance {args.tolerance:g})")
    return 0 if passed else 1


def cmd_trace(args) -> int:
    from nnsim.core.schedules import learning_rate
    from nnsim.core.trace import trace_sample
    from nnsim.project import load

    p = load(args.project)
    if not 0 <= args.sample < p.data.n:
        raise UsageError(f"--sample must be in 0..{p.data.n - 1}, got {args.sample}")
    net = p.build_network()
    i = args.sample
    lr = learning_rate(p.hyper, p.epoch + 1)
    velocity = None if p.trainer_state is None else p.trainer_state.velocity
    if velocity is not None and velocity.shape != net.theta.shape:
        velocity = None
    trace = trace_sample(net, p.inputs()[i], _targets(p, net)[i], p.hyper, lr, velocity)
    split = ("train", "validation", "test")[int(p.data.split[i])]
    y = p.data.y[i].item()
    if args.json:
        _print_json({"sample": i, "split": split, "y": y, "trace": trace.to_dict()})
    else:
        kind = "class" if p.task == Task.CLASSIFICATION else "target"
        print(f"sample {i} ({split}), {kind} y = {y}, raw point {p.data.X[i].tolist()}")
        print(f"features: {', '.join(p.features)}\n")
        print(trace.format_text(digits=args.digits))
    return 0


def cmd_schema(args) -> int:
    from nnsim.project import SCHEMA

    print(json.dumps(SCHEMA, indent=1))
    return 0
