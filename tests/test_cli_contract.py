"""The command line's promise, failure by failure (issue 12): limits before allocation,
saves that respect the file system, one writer at a time, SIGTERM/SIGHUP save like
Ctrl-C, every failure one line and exit 2, no display, --help and --version only print."""

import os
import signal
import subprocess
import sys
import threading
import types

import pytest

import nnsim.gui.shell
from nnsim import __version__, cli
from nnsim.cli import commands as cli_commands
from nnsim.cli.common import EXIT_DIVERGED
from nnsim.project import limits, load
from nnsim.project import lock as lock_module
from nnsim.project.lock import project_lock

posix_only = pytest.mark.skipif(os.name != "posix", reason="signals and FIFOs: POSIX")


def run(capsys, *argv):
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def one_error_line(err: str) -> bool:
    return err.startswith("nnsim: error: ") and err.count("\n") == 1


@pytest.fixture
def project(tmp_path, capsys):
    path = tmp_path / "p.json"
    code, _, err = run(capsys, "new", path, "--n", 60, "--hidden", 4, "--epochs", 3, "--seed", 3)
    assert code == 0, err
    return path


def _subprocess_env(**changes) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in changes or changes[k] is not None}
    env.update({k: v for k, v in changes.items() if v is not None})
    env["PYTHONPATH"] = os.pathsep.join(sys.path)
    return env


# ---------------------------------------------------------------------- 1: limits
def test_a_billion_neurons_is_refused_before_anything_is_built(tmp_path, capsys, monkeypatch):
    from nnsim.core import network
    from nnsim.project import build

    def refuse(*args, **kwargs):
        raise AssertionError("a network or its ids were built for an impossible width")

    monkeypatch.setattr(network.Network, "__init__", refuse)
    monkeypatch.setattr(build, "make_network_spec", refuse)
    monkeypatch.setattr(build, "generate", refuse)
    code, out, err = run(capsys, "new", tmp_path / "x.json", "--hidden", 1_000_000_000)
    assert code == 2 and one_error_line(err), err
    assert "at most 256 neurons in a layer, got 1,000,000,000" in err
    assert not (tmp_path / "x.json").exists()


@pytest.mark.parametrize(
    "argv, fragment",
    [
        (["new", "{tmp}/x.json", "--hidden", ",".join(["2"] * 17)], "at most 16 hidden layers"),
        (["new", "{tmp}/x.json", "--n", "1000000"], "at most 100,000 data points"),
        (["new", "{tmp}/x.json", "--classes", "9"], "at most 8 classes"),
        (["new", "{tmp}/x.json", "--hidden", "9" * 5000], "expected widths like 8,8"),
        (["train", "{tmp}/p.json", "--epochs", "99999999999"], "at most 10,000,000 epochs"),
        (["search", "{tmp}/p.json", "--hidden", "4;2000"], "at most 256 neurons"),
        (["search", "{tmp}/p.json", "--random", "--trials", "20000"], "at most 10,000 trials"),
        (["trace", "{tmp}/p.json", "--sample", "0", "--digits", "400"], "at most 17"),
    ],
)
def test_limits_are_quoted_in_human_numbers(argv, fragment, project, tmp_path, capsys):
    code, out, err = run(capsys, *[a.format(tmp=tmp_path) for a in argv])
    assert code == 2 and one_error_line(err), err
    assert fragment in err and "9223372036854775807" not in err and len(err) < 200


def test_workers_are_capped_at_the_cpu_count(project, capsys, monkeypatch):
    monkeypatch.setattr(limits, "max_workers", lambda: 1)
    code, out, err = run(capsys, "search", project, "--lr", "0.1", "--workers", 24, "--no-save")
    assert code == 0, err
    assert "using 1 worker processes, one per CPU, instead of 24" in err


# ---------------------------------------------------------------------- 3: file system
@posix_only
def test_new_refuses_a_fifo_even_with_force(tmp_path, capsys):
    fifo = tmp_path / "f.json"
    os.mkfifo(fifo)
    code, out, err = run(capsys, "new", fifo, "--force")
    assert code == 2 and one_error_line(err) and f"{fifo}: is a named pipe" in err
    assert not fifo.is_file() and fifo.exists()


@posix_only
def test_training_through_a_symlink_keeps_the_link(project, tmp_path, capsys):
    link = tmp_path / "link.json"
    link.symlink_to(project.name)
    code, out, err = run(capsys, "train", link, "-q")
    assert code == 0, err
    assert link.is_symlink() and load(project).epoch == 3


@posix_only
def test_evaluate_on_a_fifo_does_not_hang(tmp_path):
    fifo = tmp_path / "p.json"
    os.mkfifo(fifo)
    done = subprocess.run(
        [sys.executable, "-m", "nnsim", "evaluate", str(fifo)],
        capture_output=True,
        text=True,
        timeout=120,  # the old reader waited for a writer forever
        env=_subprocess_env(),
    )
    assert done.returncode == 2 and one_error_line(done.stderr), done.stderr
    assert "named pipe" in done.stderr


def test_a_directory_is_named_as_one(tmp_path, capsys):
    folder = tmp_path / "some-dir.json"
    folder.mkdir()
    for argv in ([folder], ["evaluate", folder], ["train", folder]):
        code, out, err = run(capsys, *argv)
        assert code == 2 and one_error_line(err), err
        assert "is a directory" in err and "No such file" not in err


def test_a_failed_save_after_training_keeps_a_recovery_file(project, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "data"))
    before = project.read_bytes()
    fsync, calls = os.fsync, []

    def full_once(fd):
        calls.append(fd)
        if len(calls) == 1:  # the save to the project; the recovery file is written next
            raise OSError(28, "No space left on device")
        fsync(fd)

    monkeypatch.setattr(os, "fsync", full_once)
    code, out, err = run(capsys, "train", project, "--epochs", 5, "-q")
    assert code == 2 and one_error_line(err), err
    assert f"{project}: No space left on device" in err and ".tmp" not in err
    kept = err.split(" was kept in ")[1].strip()
    assert load(kept).epoch == 5 and str(tmp_path / "data") in kept
    assert project.read_bytes() == before  # the old file is intact


def test_a_file_changed_on_disk_during_training_is_not_overwritten(
    project, tmp_path, capsys, monkeypatch
):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "data"))
    update = cli_commands._Progress.update
    other = b'{"saved by": "another program"}\n'

    def other_program_saves(self, snap):
        update(self, snap)
        if not project.read_bytes() == other:
            project.write_bytes(other)

    monkeypatch.setattr(cli_commands._Progress, "update", other_program_saves)
    code, out, err = run(capsys, "train", project, "--epochs", 4, "-q")
    assert code == 2 and one_error_line(err) and "changed on disk" in err, err
    assert project.read_bytes() == other
    assert load(err.split(" was kept in ")[1].strip()).epoch == 4


# ---------------------------------------------------------------------- 4: one writer
def test_a_second_writer_refuses_with_a_clear_message(project, capsys):
    with project_lock(project):
        code, out, err = run(capsys, "train", project)
        assert code == 2 and one_error_line(err), err
        assert f"another nnsim (pid {os.getpid()}) is training or searching" in err
        assert "--wait" in err
        code, out, err = run(capsys, "search", project, "--lr", "0.1", "--workers", 1)
        assert code == 2 and "another nnsim" in err
    assert load(project).epoch == 0 and load(project).search is None
    assert not lock_module.lock_path(project).exists()  # released and removed
    assert run(capsys, "train", project, "-q")[0] == 0


def test_wait_waits_for_the_lock(project, capsys, monkeypatch):
    polled = threading.Event()
    sleep = lock_module.time.sleep

    def note_poll(seconds):
        polled.set()
        sleep(seconds)

    monkeypatch.setattr(lock_module.time, "sleep", note_poll)
    codes = []
    with project_lock(project):
        waiter = threading.Thread(
            target=lambda: codes.append(cli.main(["train", str(project), "--wait", "-q"]))
        )
        waiter.start()
        assert polled.wait(60), "train --wait did not wait on the lock"
        assert load(project).epoch == 0
    waiter.join(120)
    assert codes == [0] and load(project).epoch == 3


# ---------------------------------------------------------------------- 2: signals
@posix_only
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_and_sighup_save_like_ctrl_c(tmp_path, capsys, signum):
    path = tmp_path / "p.json"
    assert run(capsys, "new", path, "--dataset", "spiral", "--epochs", 10_000_000)[0] == 0
    proc = subprocess.Popen(
        [sys.executable, "-m", "nnsim", "train", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_subprocess_env(),
    )
    try:
        first = proc.stderr.readline()  # printed once the handlers are in place
        assert first.startswith(f"training {path}: epoch 0 to 10000000"), first
        proc.send_signal(signum)
        out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    name = signal.Signals(signum).name
    assert proc.returncode == 128 + signum, err
    assert f"Stopped by {name} at epoch" in out and "saved to" in out
    epoch = int(out.split(f"Stopped by {name} at epoch ")[1].split(".")[0])
    p = load(path)
    assert p.epoch == epoch and p.trainer_state.updates > 0
    assert "Traceback" not in err and not lock_module.lock_path(path).exists()


def test_signals_are_restored_after_a_run(project, capsys):
    before = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    assert run(capsys, "train", project, "-q")[0] == 0
    assert {s: signal.getsignal(s) for s in before} == before


# ---------------------------------------------------------------------- 7: the contract
@pytest.mark.parametrize(
    "option, value",
    [("--eps", "0"), ("--eps", "-1"), ("--tolerance", "-1"), ("--tolerance", "0")],
)
def test_gradcheck_steps_and_tolerances_must_be_positive(project, capsys, option, value):
    code, out, err = run(capsys, "gradcheck", project, option, value)
    assert code == 2 and one_error_line(err), err
    assert f"argument {option}: must be > 0" in err and "Traceback" not in err


def test_version(capsys):
    code, out, err = run(capsys, "--version")
    assert code == 0 and out.strip() == f"nnsim {__version__}"


def _fake_app(monkeypatch, self_test):
    calls = []
    fake = types.ModuleType("nnsim.gui.shell.app")
    fake.run = lambda path: calls.append(("run", path)) or 0
    fake.self_test = lambda folder: calls.append(("self_test", folder)) or self_test(folder)
    monkeypatch.setitem(sys.modules, "nnsim.gui.shell.app", fake)
    monkeypatch.setattr(nnsim.gui.shell, "app", fake, raising=False)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    return calls


def test_help_never_runs_anything(tmp_path, capsys, monkeypatch):
    calls = _fake_app(monkeypatch, lambda folder: 0)
    monkeypatch.chdir(tmp_path)
    for argv in (["--self-test", "--help"], ["--help"], ["train", "--help"], ["-h"]):
        code, out, err = run(capsys, *argv)
        assert code == 0 and "usage: nnsim" in out, (argv, err)
    assert calls == [] and os.listdir(tmp_path) == []


def test_the_self_test_removes_its_temporary_folder(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr("tempfile.tempdir", None)

    def passes(folder):
        (tmp_path / folder / "self-test.png").write_bytes(b"png")
        return 0

    calls = _fake_app(monkeypatch, passes)
    code, out, err = run(capsys, "--self-test")
    assert code == 0 and calls[0][0] == "self_test"
    assert str(tmp_path) in calls[0][1] and os.listdir(tmp_path) == []


def test_a_failed_self_test_says_where_it_kept_its_files(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr("tempfile.tempdir", None)

    def fails_after_writing(folder):
        os.makedirs(folder, exist_ok=True)  # as the window's self-test does
        (tmp_path / folder / "self-test.png").write_bytes(b"half")
        return 1

    calls = _fake_app(monkeypatch, fails_after_writing)
    code, out, err = run(capsys, "--self-test")
    assert code == 1 and err == f"self-test files kept in {calls[0][1]}\n"
    assert os.listdir(calls[0][1]) == ["self-test.png"]
    code, out, err = run(capsys, "--self-test", tmp_path / "mine")  # the user's folder
    assert calls[1] == ("self_test", str(tmp_path / "mine")) and err == ""
    assert os.listdir(tmp_path / "mine") == ["self-test.png"]


def test_a_self_test_that_wrote_nothing_leaves_no_folder(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr("tempfile.tempdir", None)
    _fake_app(monkeypatch, lambda folder: 1)
    assert run(capsys, "--self-test") == (1, "", "")
    assert os.listdir(tmp_path) == []


def test_a_divergence_has_its_own_exit_code(tmp_path, capsys):
    path = tmp_path / "d.json"
    argv = ["new", path, "--dataset", "sin1d", "--lr", 100, "--hidden", 8, "--epochs", 300]
    assert run(capsys, *argv)[0] == 0
    code, out, err = run(capsys, "train", path, "-q")
    assert code == EXIT_DIVERGED == 3
    assert "diverged" in out and f"training diverged (exit code {EXIT_DIVERGED})" in err
    assert load(path).epoch < 300  # saved where it stopped


# ---------------------------------------------------------------------- 6: no display
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland systems only")
@pytest.mark.parametrize("argv", [[], ["{project}"], ["--self-test"]])
def test_without_a_display_the_window_commands_say_so_in_one_line(argv, project, tmp_path):
    (tmp_path / "tmp").mkdir()
    env = _subprocess_env(
        DISPLAY=None, WAYLAND_DISPLAY=None, QT_QPA_PLATFORM=None, TMPDIR=str(tmp_path / "tmp")
    )
    done = subprocess.run(
        [sys.executable, "-m", "nnsim", *[a.format(project=project) for a in argv]],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert done.returncode == 2 and one_error_line(done.stderr), done.stderr
    assert "no display" in done.stderr and "QT_QPA_PLATFORM=offscreen" in done.stderr
    assert "nnsim --help" in done.stderr and "libxcb" not in done.stderr
    assert os.listdir(tmp_path / "tmp") == []  # the self-test made no folder


def test_a_folder_named_like_a_command_does_not_hide_the_command(tmp_path, capsys, monkeypatch):
    calls = _fake_app(monkeypatch, lambda folder: 0)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "schema").mkdir()
    code, out, err = run(capsys, "schema")
    assert code == 0 and '"nnsim project"' in out and calls == []
