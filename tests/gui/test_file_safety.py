"""Nothing lost: the window asks before overwriting a file changed on disk, autosaves
unsaved work, and offers it back after a crash (a real process killed with SIGKILL)."""

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from nnsim.gui.shell import autosave
from nnsim.project import load, new_project, save
from nnsim.project.edits import set_hyper

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def window(app_window):
    return app_window


def change_rate(model, rate: float) -> None:
    p = model.project
    assert model.edit(set_hyper(p, p.hyper.with_changes(learning_rate=rate)), "rate")


@pytest.fixture
def opened(window, tmp_path):
    """The window on a saved file, with an unsaved change, and another program's newer
    version of that file on disk."""
    path = tmp_path / "p.json"
    save(new_project("xor", n=30, seed=0, hidden=(2,), title="mine"), path)
    assert window.files.open_path(path)
    change_rate(window.model, 0.25)
    save(new_project("circle", n=30, seed=0, hidden=(3,), title="theirs"), path)
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    return path


@pytest.mark.parametrize("answer", ["cancel", "overwrite", "reload", "save_as"])
def test_saving_over_a_file_changed_on_disk_asks_first(window, opened, monkeypatch, answer):
    from nnsim.gui.shell import files

    asked = []
    monkeypatch.setattr(files, "ask_changed_on_disk", lambda p, name: asked.append(name) or answer)
    other = opened.with_name("copy.json")
    monkeypatch.setattr(files, "ask_save_path", lambda parent, start: str(other))
    window.act_save.trigger()
    assert asked == ["p.json"]
    on_disk = load(opened)
    if answer == "overwrite":
        assert on_disk.title == "mine" and on_disk.hyper.learning_rate == 0.25
        assert not window.model.dirty
        window.act_save.trigger()  # saved here since: no question the second time
        assert asked == ["p.json"]
    else:
        assert on_disk.title == "theirs"  # their version is kept
    if answer == "reload":
        assert window.model.project.title == "theirs" and not window.model.dirty
    if answer == "save_as":
        assert load(other).hyper.learning_rate == 0.25 and window.model.path == other
    if answer == "cancel":
        assert window.model.dirty


def test_an_unchanged_file_is_saved_without_a_question(window, tmp_path, monkeypatch):
    from nnsim.gui.shell import files

    monkeypatch.setattr(files, "ask_changed_on_disk", lambda *a: pytest.fail("asked"))
    path = tmp_path / "p.json"
    save(new_project("xor", n=30, seed=0, hidden=(2,)), path)
    window.files.open_path(path)
    change_rate(window.model, 0.3)
    window.act_save.trigger()
    assert load(path).hyper.learning_rate == 0.3


def test_unsaved_work_is_autosaved_on_pause_and_removed_by_a_clean_exit(window, qtbot):
    auto = window.autosave
    assert auto.path.parent == Path(os.environ["NNSIM_DATA_DIR"]) / "autosave"
    assert not auto.save_now()  # nothing unsaved, nothing written
    assert not auto.path.exists()
    window.act_play.trigger()
    qtbot.waitUntil(lambda: len(window.model.history) >= 2, timeout=20_000)
    window.act_play.trigger()  # the pause writes the autosave
    qtbot.waitUntil(auto.path.exists, timeout=10_000)
    assert load(auto.path).epoch >= 1
    window.close()
    assert not auto.path.exists()


CRASHING_APP = textwrap.dedent(
    """
    from PySide6.QtCore import QTimer
    from nnsim.gui.shell import app
    from nnsim.project.edits import set_hyper

    qt = app._application()
    window = app.create_window()
    window.autosave.timer.setInterval(100)
    p = window.model.project
    window.model.edit(set_hyper(p, p.hyper.with_changes(learning_rate=0.123)), "rate")
    window.show()

    def report():
        if window.autosave.path.exists():
            print("AUTOSAVED", flush=True)
            poll.stop()

    poll = QTimer(interval=50)
    poll.timeout.connect(report)
    poll.start()
    qt.exec()
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
@pytest.mark.parametrize("restore", [True, False])
def test_a_killed_app_offers_its_work_at_the_next_launch(qtbot, tmp_path, monkeypatch, restore):
    data = tmp_path / "data"
    env = {**os.environ, "NNSIM_DATA_DIR": str(data), "QT_QPA_PLATFORM": "offscreen"}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env["HOME"] = str(tmp_path)  # its QSettings stay out of the user's
    proc = subprocess.Popen(
        [sys.executable, "-c", CRASHING_APP], env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout.readline().strip() == "AUTOSAVED"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    left = list((data / "autosave").glob("autosave-*.json"))
    assert [p.name for p in left] == [f"autosave-{proc.pid}.json"]

    from nnsim.gui.shell import files
    from nnsim.gui.shell.app import create_window

    monkeypatch.setattr(files, "ask_unsaved", lambda *a: "discard")
    asked = []
    monkeypatch.setattr(
        autosave, "ask_restore", lambda w, name, when: asked.append(name) or restore
    )
    window = create_window()
    qtbot.addWidget(window)
    try:
        assert autosave.offer_recovery(window) is restore
        assert asked == ["Untitled"]
        rate = window.model.project.hyper.learning_rate
        assert (rate == 0.123) is restore
        assert window.model.dirty is restore  # restored work is unsaved until saved
        assert not left[0].exists()  # offered once, then gone either way
        assert not autosave.offer_recovery(window)
    finally:
        window.controller.shutdown()
