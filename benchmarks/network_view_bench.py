#!/usr/bin/env python
"""Network diagram cost for wide layers (what tests/gui/test_network_view.py used to time).

Two 256-neuron hidden layers are added to the circle project's 2-3-2 network, one edit at
a time (each rebuilds the scene with the top 32 neurons of a wide layer drawn), then a
training snapshot is simulated (all weights x 1.5, ``weights_changed``) and the pens and
thumbnails are drawn (the throttles flushed). Medians over ``--rounds``.

Run:  QT_QPA_PLATFORM=offscreen python benchmarks/network_view_bench.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from nnsim.project import edits, new_project  # noqa: E402

BARS = {"two wide layers added": 3.0, "snapshot drawn": 1.0}  # seconds


def one_round(app) -> dict[str, float]:
    from nnsim.gui.model.project_model import ProjectModel
    from nnsim.gui.views.network_view import NetworkView

    model = ProjectModel(new_project("circle", n=60, seed=0, hidden=(3,)))
    view = NetworkView(model)
    view.resize(800, 500)
    view.show()
    app.processEvents()
    t0 = time.perf_counter()
    model.edit(edits.add_layer(model.project, 1, 256), "Add layer", ("network", "weights"))
    model.edit(edits.add_layer(model.project, 2, 256), "Add layer", ("network", "weights"))
    app.processEvents()
    t1 = time.perf_counter()
    model.network.theta[:] *= 1.5
    model.weights_changed.emit()
    view.flush_redraws()
    view.viewport().repaint()
    t2 = time.perf_counter()
    view.close()
    view.deleteLater()
    app.processEvents()
    return {"two wide layers added": t1 - t0, "snapshot drawn": t2 - t1}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv)
    rounds = [one_round(app) for _ in range(args.rounds)]
    print("median over rounds          seconds   bar")
    for key, bar in BARS.items():
        m = statistics.median(r[key] for r in rounds)
        print(f"{key:<26} {m:8.3f}   < {bar:g} s  {'met' if m < bar else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
