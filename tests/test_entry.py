"""The entry points with no console (sys.stdout/sys.stderr None, as under pythonw or a
windowed exe) and with a non-UTF-8 pipe (a Windows code page)."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from nnsim.cli import entry, launch
from nnsim.project import load

ROOT = Path(__file__).resolve().parents[1]


def _no_console(monkeypatch):
    """In the test's body: pytest puts its capture streams back between setup and call."""
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)


@pytest.fixture
def project(tmp_path):
    path = tmp_path / "p.json"
    assert entry.console_main(["new", path, "--n", "40", "--hidden", "3", "--seed", "1"]) == 0
    return path


def test_console_commands_run_without_standard_streams(project, monkeypatch, tmp_path):
    _no_console(monkeypatch)
    assert entry.console_main(["train", str(project), "--epochs", "3"]) == 0  # progress bar
    assert len(load(project).history) == 3
    out = tmp_path / "s.json"
    search = ["search", str(project), "--lr", "0.1,0.3", "--workers", "1", "-o", str(out)]
    assert entry.console_main(search) == 0
    assert load(out).epoch > 0
    assert entry.console_main(["evaluate", str(project)]) == 0
    assert entry.console_main(["examples", "--json"]) == 0
    assert entry.console_main(["--help"]) == 0
    assert entry.console_main(["train", str(tmp_path / "missing.json")]) == 2
    assert entry.console_main(["no-such-command"]) == 2


def test_windowed_entry_names_nnsim_cli_for_a_command_without_console(project, monkeypatch):
    from nnsim.gui.util import no_console as dialog

    shown = []
    monkeypatch.setattr(dialog, "show_use_console", shown.append)
    _no_console(monkeypatch)
    before = project.read_bytes()
    assert entry.gui_main(["train", str(project), "--epochs", "3"]) == 2
    assert entry.gui_main(["--help"]) == 2
    assert shown == [["train", str(project), "--epochs", "3"], ["--help"]]
    assert project.read_bytes() == before  # nothing ran where nobody could see it


def test_windowed_entry_opens_the_window_and_runs_the_self_test(monkeypatch):
    _no_console(monkeypatch)
    calls = []
    monkeypatch.setattr(launch, "open_window", lambda path: calls.append(path) or 0)
    monkeypatch.setattr(launch, "self_test", lambda args: calls.append(("t", *args)) or 0)
    example = str(ROOT / "nnsim" / "examples" / "init-zero.json")
    assert entry.gui_main([]) == 0
    assert entry.gui_main([example]) == 0
    assert entry.gui_main(["--self-test", "out"]) == 0
    assert calls == [None, example, ("t", "out")]


def test_windowed_entry_with_a_console_runs_commands(capsys, project):
    capsys.readouterr()  # what `new` printed while making the project
    assert entry.gui_main(["evaluate", str(project), "--json"]) == 0
    assert "train" in json.loads(capsys.readouterr().out)["metrics"]


def test_frozen_entry_picks_the_console_twin_by_name(monkeypatch):
    calls = []
    monkeypatch.setattr(entry, "console_main", lambda: calls.append("console") or 0)
    monkeypatch.setattr(entry, "gui_main", lambda: calls.append("gui") or 0)
    for exe in ("/x/nnsim-cli", "C:/x/nnsim-cli.exe", "/x/nnsim", "C:/x/NNSIM.EXE"):
        monkeypatch.setattr(sys, "executable", exe)
        entry.frozen_main()
    assert calls == ["console", "console", "gui", "gui"]


def test_console_output_is_utf8_on_a_code_page_pipe(monkeypatch, tmp_path):
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding="cp1252"))
    out = tmp_path / "ru.json"
    assert (
        entry.console_main(
            ["new", str(out), "--example", "init-zero", "--title", "Урок α", "--json"]
        )
        == 0
    )
    sys.stdout.flush()
    assert json.loads(raw.getvalue().decode("utf-8"))["title"] == "Урок α"


def test_console_script_writes_utf8_through_a_cp1252_pipe(tmp_path):
    """A real process whose pipe encoding is Windows-1252, as on a Western Windows."""
    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "PYTHONUTF8": "0"}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    code = "import sys; from nnsim.cli.entry import console_main; sys.exit(console_main())"
    done = subprocess.run(
        [sys.executable, "-c", code, "examples"], env=env, capture_output=True, timeout=120
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert "α/(1 + δt)" in done.stdout.decode("utf-8")


def test_console_script_survives_closed_standard_streams(tmp_path, project):
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    code = (
        "import sys; sys.stdout = sys.stderr = None; from nnsim.cli.entry import console_main; "
        "sys.exit(console_main())"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, "train", str(project), "--epochs", "2"],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0 and done.stderr == ""
    assert len(load(project).history) == 2
