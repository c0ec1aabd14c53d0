"""Trials side by side against one by one: a 16-trial search on spiral 2-8-8-2.

    PYTHONPATH=. python benchmarks/side_by_side_bench.py [--rounds 5] [--epochs 200]

Both ways train the same 16 configurations (learning rate x momentum, L2) in this
process on one core: ``one by one`` calls `run_trial` for each, ``side by side`` calls
`run_trials`, which stacks them. CPU seconds (``time.process_time``) are measured, so
the other work on a shared machine disturbs the ratio less than wall time would; the
speed-up per core is the median over rounds of time(one by one) / time(side by side).
The results are checked equal (weights to 1e-12) in every round.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time

import numpy as np

from nnsim.core.hyper import Hyperparameters
from nnsim.core.search_space import SearchSpace, configurations
from nnsim.core.trials import run_trial, run_trials
from nnsim.project import new_project
from nnsim.project.searching import trial_spec


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--epochs", type=int, default=200)
    ap.add_argument("--points", type=int, default=500)
    ap.add_argument("--dtype", default="float64", choices=["float64", "float32"])
    a = ap.parse_args(argv)
    hp = Hyperparameters(
        batch_size=10, max_epochs=a.epochs, regularization="l2", reg_lambda=1e-4, dtype=a.dtype
    )
    project = new_project("spiral", n=a.points, seed=0, hidden=(8, 8), hyper=hp)
    spec = trial_spec(project).without_test()
    space = SearchSpace(
        "grid",
        grid={"learning_rate": (0.003, 0.01, 0.03, 0.1), "momentum": (0.0, 0.5, 0.8, 0.9)},
    )
    configs = configurations(space)
    items = list(enumerate(configs))
    print(f"cpu: {cpu_model()}; numpy {np.__version__}; {len(configs)} trials, "
          f"{a.points} points (train {int(np.sum(spec.split == 0))}), 2-8-8-2 tanh, "
          f"batch 10, {a.epochs} epochs, {a.dtype}")  # fmt: skip
    ratios, alone_s, stacked_s = [], [], []
    for r in range(a.rounds):
        t0 = time.process_time()
        alone = [run_trial(spec, c, None, i) for i, c in items]
        t1 = time.process_time()
        together = run_trials(spec, items)
        t2 = time.process_time()
        worst = max(
            float(np.abs(Wa - Wb).max())
            for ra, rb in zip(alone, together)
            for (Wa, _), (Wb, _) in zip(ra.weights, rb.weights)
        )
        same = all(ra.row() | {"seconds": 0} == rb.row() | {"seconds": 0}
                   for ra, rb in zip(alone, together))  # fmt: skip
        alone_s.append(t1 - t0)
        stacked_s.append(t2 - t1)
        ratios.append((t1 - t0) / (t2 - t1))
        print(f"round {r + 1}: one by one {t1 - t0:.2f} s, side by side {t2 - t1:.2f} s, "
              f"x{ratios[-1]:.2f}; rows equal {same}, max |dW| {worst:.1e}")  # fmt: skip
    print(f"median: one by one {statistics.median(alone_s):.2f} s, side by side "
          f"{statistics.median(stacked_s):.2f} s, speed-up per core "
          f"x{statistics.median(ratios):.2f} [{min(ratios):.2f}..{max(ratios):.2f}]")  # fmt: skip


if __name__ == "__main__":
    main()
