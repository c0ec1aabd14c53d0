"""The engine against the numpy floor in CPU seconds, for a machine too busy for wall time.

    PYTHONPATH=. python benchmarks/engine_cpu.py spiral float32 [rounds]

(the bench kit is ``benchmarks/kit``, or where ``NNSIM_BENCH_KIT`` says)

The same work as ``benchmarks/kit/mlp_peers.py`` (refmlp's case, initial weights,
batches, momentum and L2) for two backends only: refmlp's NumpyMLP (the floor) and
nnsim's ``Trainer.iter_training``, alternating, timed with ``time.process_time`` so
that other processes on the machine count less. Prints the median ratio
time(floor) / time(nnsim) over the rounds (> 1: nnsim is faster).
"""

from __future__ import annotations

import os
import statistics
import sys
import time

import numpy as np

_KIT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "kit")
sys.path.insert(0, os.environ.get("NNSIM_BENCH_KIT", _KIT))
import refmlp  # noqa: E402

from nnsim.core.hyper import Hyperparameters  # noqa: E402
from nnsim.core.network import Network  # noqa: E402
from nnsim.core.trainer import Trainer, TrainingData  # noqa: E402


def main(case: str, dtype: str, rounds: int = 5) -> None:
    dt = np.dtype(dtype).type
    spec, X, y = refmlp.load_case(case, dtype=dt)
    init = refmlp.glorot_init(spec.sizes, 0, dt)

    def nnsim():
        net = Network(spec.sizes, [spec.activation] * (len(spec.sizes) - 2), dtype=dt)
        net.set_params([(np.ascontiguousarray(W.T), b) for W, b in init])
        hp = Hyperparameters(
            learning_rate=spec.lr, batch_size=spec.batch, momentum=spec.momentum,
            regularization="l2", reg_lambda=spec.l2 / 2, max_epochs=spec.epochs, dtype=dtype,
        )  # fmt: skip
        trainer = Trainer(net, TrainingData.build(net, X, y, "classification"), hp)
        for _ in trainer.iter_training():
            pass

    def floor():
        m = refmlp.NumpyMLP(spec, init, dt)
        m.train_epochs(X, y, spec.epochs, np.random.default_rng(0))

    times = {"floor": [], "nnsim": []}
    for _ in range(rounds):
        for name, run in (("floor", floor), ("nnsim", nnsim)):
            t = time.process_time()
            run()
            times[name].append(time.process_time() - t)
    ratio = statistics.median(a / b for a, b in zip(times["floor"], times["nnsim"]))
    print(f"{case} {dtype}: floor {statistics.median(times['floor']):.3f} s, nnsim "
          f"{statistics.median(times['nnsim']):.3f} s CPU, x{ratio:.2f} the floor")  # fmt: skip


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 5)
