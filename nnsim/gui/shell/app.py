"""Starting the desktop app, and the ``--self-test`` that the packaged build is checked with."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from nnsim import __version__

SELF_TEST_MARKER = "nnsim self-test ok"


def _application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        QCoreApplication.setOrganizationName("nnsim")
        QCoreApplication.setApplicationName("nnsim")
        QCoreApplication.setApplicationVersion(__version__)
        app = QApplication(argv or sys.argv[:1])
        from nnsim.gui.util import i18n

        i18n.install(app)  # before any window is built: every text goes through tr()
        app.setWindowIcon(QIcon(str(resources_dir() / "nnsim.png")))
        app.setDesktopFileName("nnsim")
    import pyqtgraph as pg
    from pyqtgraph.util.garbage_collector import GarbageCollector

    # Cyclic garbage is collected on the GUI thread only, once a second: a collection that
    # happens on the training reader's or a search worker's thread can destroy Qt objects
    # there and deadlock with the GUI thread.
    if not hasattr(app, "_nnsim_collector"):
        app._nnsim_collector = GarbageCollector(interval=1.0)

    # Antialiased wide curves cost ~4 ms each to draw in Qt's raster engine: too slow for
    # live plots at 20 frames a second (the network diagram antialiases on its own).
    pg.setConfigOptions(antialias=False)
    # The training thread shares the GIL with the GUI: a short switch interval keeps the
    # event loop responsive (measured with benchmarks/gui_bench.py).
    sys.setswitchinterval(0.001)
    return app


def resources_dir() -> Path:
    """Icons and the .desktop entry: beside the package in a checkout, bundled when frozen."""
    return Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parents[3])) / "resources"


def first_project():
    """What a first launch shows: circle data and a small tanh net, ready to play."""
    from nnsim.project import new_project

    return new_project("circle", hidden=(4, 4), activation="tanh", title="Circle")


def create_window(path: str | Path | None = None):
    from nnsim.gui.model.project_model import ProjectModel
    from nnsim.gui.shell.main_window import MainWindow

    window = MainWindow(ProjectModel(first_project()))
    if path is not None:
        window.files.open_path(Path(path))
    return window


def run(path: str | Path | None = None) -> int:
    """Open the main window (on ``path`` if given) and run the event loop."""
    app = _application()
    window = create_window(path)
    if sys.platform == "darwin":  # Finder's Open and Open With come as QFileOpenEvent
        from nnsim.gui.shell.file_open import install_file_open

        install_file_open(app, window)
    window.show()
    from nnsim.gui.shell.autosave import offer_recovery
    from nnsim.gui.shell.welcome import maybe_show_at_start

    if not offer_recovery(window):  # after a crash, the unsaved work comes first
        maybe_show_at_start(window)
    return app.exec()


def _wait(predicate, timeout_ms: int) -> bool:
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(10)
    elapsed = [0]

    def tick():
        elapsed[0] += 10
        if predicate() or elapsed[0] >= timeout_ms:
            loop.quit()

    timer.timeout.connect(tick)
    timer.start()
    loop.exec()
    timer.stop()
    return predicate()


def _first_openable_example() -> Path | None:
    """The first listed example that loads (read here, so a broken one shows no dialog)."""
    from nnsim.gui.shell.files import examples_dir, list_examples
    from nnsim.project import ProjectError, load

    for entry in list_examples():
        path = examples_dir() / entry["file"]
        try:
            load(path)
        except (ProjectError, OSError):
            continue
        return path
    return None


def self_test(out_dir: str | None = None) -> int:
    """Open an example, train on the worker thread, render, save and reload; exit code 0/1."""
    from dataclasses import replace

    from nnsim.project import load, save
    from nnsim.project.edits import set_hyper

    app = _application()
    example = _first_openable_example()
    if example is None:  # an install without its examples must not pass (issue 16)
        print("self-test: no example could be opened", file=sys.stderr)
        return 1
    window = create_window()
    if not window.files.open_path(example, remember=False):
        print(f"self-test: could not open the example {example.name}", file=sys.stderr)
        return 1
    window.show()
    model = window.model
    start = len(model.history)
    hp = replace(model.project.hyper, max_epochs=model.project.epoch + 5)
    model.set_fields(hyper=set_hyper(model.project, hp).hyper)
    window.controller.play()
    if not _wait(lambda: not window.controller.running, 60_000):
        print("self-test: training did not finish", file=sys.stderr)
        return 1
    if len(model.history) < start + 5:
        print(f"self-test: expected 5 epochs, got {len(model.history) - start}", file=sys.stderr)
        return 1
    folder = Path(out_dir or tempfile.mkdtemp(prefix="nnsim-selftest-"))
    folder.mkdir(parents=True, exist_ok=True)
    app.processEvents()
    png = folder / "self-test.png"
    if not window.grab().save(str(png)):
        print("self-test: could not render the window", file=sys.stderr)
        return 1
    path = folder / "self-test.json"
    save(model.project, path)
    again = load(path)
    if not (again.weights is not None and len(again.history) == len(model.project.history)):
        print("self-test: the saved project did not load back", file=sys.stderr)
        return 1
    model.mark_saved(path)
    window.close()
    print(SELF_TEST_MARKER)
    return 0
