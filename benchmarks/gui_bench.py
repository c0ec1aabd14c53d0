#!/usr/bin/env python
"""GUI responsiveness of the real main window while it trains (issue 4's bars).

The real ``MainWindow`` runs offscreen on the spiral data with a 2-8-8-2 tanh net and
every view live (decision regions, network diagram, loss curves). Measured side by side
in one process, alternating rounds:

* lateness of a 10 ms precise timer chain in the GUI thread (p50 / p95 / max), while
  training and while a pause request waits for the child's answer,
* refreshes per second of the decision map and of the curves (paint events of their
  viewports, so only frames that were really drawn count),
* training throughput in the window against the same training headless
  (``Trainer.iter_training`` in a plain loop) for the same number of seconds,
* launch to a usable window from source (a fresh interpreter until the window has been
  painted once), median over runs.

Run:  QT_QPA_PLATFORM=offscreen python benchmarks/gui_bench.py [--rounds 3] [--seconds 4]
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The bench's windows have unsaved work and are never closed by a user: their autosaves go
# to a folder of the bench's own, or the next real launch would offer to restore them.
os.environ["NNSIM_DATA_DIR"] = tempfile.mkdtemp(prefix="nnsim-bench-")
atexit.register(shutil.rmtree, os.environ["NNSIM_DATA_DIR"], ignore_errors=True)

import numpy as np  # noqa: E402
from PySide6.QtCore import QElapsedTimer, QEvent, QEventLoop, QObject, Qt, QTimer  # noqa: E402

from nnsim.core.hyper import Hyperparameters  # noqa: E402
from nnsim.project import new_project  # noqa: E402

LAUNCH_SNIPPET = """
import os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from nnsim.gui.shell.app import _application, create_window
app = _application()
w = create_window()
w.show()
app.processEvents()
w.repaint()
print("usable", flush=True)
"""


def spiral_project():
    hp = Hyperparameters(learning_rate=0.03, batch_size=10, momentum=0.9, max_epochs=10**6)
    return new_project("spiral", n=500, seed=0, hidden=(8, 8), activation="tanh", hyper=hp)


class PaintCounter(QObject):
    """Counts paint events of a widget (a frame that was really drawn)."""

    def __init__(self, widget):
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, obj, event):  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


class LatenessProbe:
    """A chain of single-shot 10 ms precise timers; lateness = fire time - deadline."""

    def __init__(self, interval_ms: int = 10):
        self.interval = interval_ms
        self.clock = QElapsedTimer()
        self.samples: list[float] = []
        self.timer = QTimer()
        self.timer.setSingleShot(True)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self._fire)
        self.running = False

    def start(self):
        self.samples.clear()
        self.clock.start()
        self.running = True
        self._arm()

    def stop(self):
        self.running = False
        self.timer.stop()

    def _arm(self):
        self.deadline = self.clock.nsecsElapsed() / 1e6 + self.interval
        self.timer.start(self.interval)

    def _fire(self):
        self.samples.append(self.clock.nsecsElapsed() / 1e6 - self.deadline)
        if self.running:
            self._arm()


def headless_samples_per_s(seconds: float) -> float:
    project = spiral_project()
    _, trainer = project.make_trainer()
    start_updates = trainer.updates
    t0 = time.perf_counter()
    for _ in trainer.iter_training(max_rate=20.0):
        if time.perf_counter() - t0 >= seconds:
            break
    elapsed = time.perf_counter() - t0
    return (trainer.updates - start_updates) * project.hyper.batch_size / elapsed


def window_round(app, seconds: float) -> dict:
    from nnsim.gui.model.project_model import ProjectModel
    from nnsim.gui.shell.main_window import MainWindow

    window = MainWindow(ProjectModel(spiral_project()))
    window.resize(1400, 900)
    window.show()
    app.processEvents()
    plane_paints = PaintCounter(window.plane.plot.viewport())
    curve_paints = PaintCounter(window.plots.loss_plot.view.viewport())
    probe = LatenessProbe()
    wait(app, 0.5)  # settle: first paints, layout
    plane_paints.count = curve_paints.count = 0
    controller = window.controller
    probe.start()
    t0 = time.perf_counter()
    start_updates = controller.updates
    controller.play()
    wait(app, seconds)
    elapsed = time.perf_counter() - t0
    updates = controller.updates - start_updates  # from the newest snapshot
    probe.stop()
    lateness = list(probe.samples)
    # Lateness while pausing: from the request until the window has the child's answer
    # (the GUI thread must keep serving timers meanwhile), plus 100 ms after.
    pause_probe = LatenessProbe()
    pause_probe.start()
    t_pause = time.perf_counter()
    controller.pause()
    pause_call_s = time.perf_counter() - t_pause  # the GUI thread's own wait, if any
    while controller.running or getattr(controller, "pausing", False):
        wait(app, 0.005)
    pause_s = time.perf_counter() - t_pause
    wait(app, 0.1)
    pause_probe.stop()
    paused = pause_probe.samples
    result = {
        "ticks": len(lateness),
        "p50_ms": float(np.percentile(lateness, 50)),
        "p95_ms": float(np.percentile(lateness, 95)),
        "max_ms": float(max(lateness)),
        "map_fps": plane_paints.count / elapsed,
        "curve_fps": curve_paints.count / elapsed,
        "samples_per_s": updates * window.model.project.hyper.batch_size / elapsed,
        "pause_s": pause_s,
        "pause_call_ms": pause_call_s * 1000,
        "pause_p95_ms": float(np.percentile(paused, 95)),
        "pause_max_ms": float(max(paused)),
    }
    controller.shutdown()
    window.hide()  # not close(): that would ask about the unsaved training
    window.deleteLater()
    app.processEvents()
    return result


def wait(app, seconds: float) -> None:
    """Run the real event loop for ``seconds``."""
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def launch_times(runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-c", LAUNCH_SNIPPET],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        line = proc.stdout.readline()
        times.append(time.perf_counter() - t0)
        proc.wait()
        if "usable" not in line:
            raise RuntimeError("the window did not start")
    return times


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seconds", type=float, default=4.0)
    ap.add_argument("--launch-runs", type=int, default=5)
    ap.add_argument("--json", help="write the results to this file")
    args = ap.parse_args()

    from nnsim.gui.shell.app import _application

    app = _application()
    rounds = []
    for r in range(args.rounds):
        headless = headless_samples_per_s(args.seconds)
        gui = window_round(app, args.seconds)
        gui["headless_samples_per_s"] = headless
        gui["throughput_ratio"] = gui["samples_per_s"] / headless
        rounds.append(gui)
        print(
            f"round {r + 1}: p50 {gui['p50_ms']:.2f} ms  p95 {gui['p95_ms']:.2f} ms  "
            f"max {gui['max_ms']:.1f} ms  map {gui['map_fps']:.1f}/s  "
            f"curves {gui['curve_fps']:.1f}/s  throughput {gui['throughput_ratio']:.2f}x "
            f"headless ({gui['samples_per_s']:,.0f} vs {headless:,.0f} samples/s)  "
            f"pause {gui['pause_s'] * 1000:.0f} ms (call {gui['pause_call_ms']:.1f} ms): "
            f"p95 {gui['pause_p95_ms']:.2f} ms "
            f"max {gui['pause_max_ms']:.1f} ms",
            flush=True,
        )
    launch = launch_times(args.launch_runs)

    def med(key):
        return statistics.median(r[key] for r in rounds)

    summary = {
        "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "rounds": rounds,
        "median": {k: med(k) for k in rounds[0]},
        "launch_s": launch,
        "launch_median_s": statistics.median(launch),
    }
    m = summary["median"]
    print()
    print("median over rounds           value    bar")
    print(f"timer lateness p50        {m['p50_ms']:7.2f} ms")
    print(f"timer lateness p95        {m['p95_ms']:7.2f} ms   <= 15 ms")
    print(f"timer lateness max        {m['max_ms']:7.1f} ms")
    print(f"lateness while pausing p95{m['pause_p95_ms']:7.2f} ms   <= 15 ms")
    print(f"pause answered in         {m['pause_s'] * 1000:7.0f} ms")
    print(f"pause() call returned in  {m['pause_call_ms']:7.1f} ms")
    print(f"decision map refreshes    {m['map_fps']:7.1f} /s   >= 20 /s")
    print(f"curve refreshes           {m['curve_fps']:7.1f} /s   >= 20 /s")
    print(f"throughput vs headless    {m['throughput_ratio']:7.2f} x    >= 0.7 x")
    print(f"launch to usable window   {summary['launch_median_s']:7.2f} s    <= 1.0 s")
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(summary, fh, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
