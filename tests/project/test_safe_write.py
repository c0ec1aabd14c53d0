"""Saves that respect the file system and reads that never hang (issue 12, items 3, 6, 9)."""

import errno
import os
import stat
import threading
import time

import pytest

from nnsim.project import load, new_project, save
from nnsim.project import safe_write as sw

posix_only = pytest.mark.skipif(os.name != "posix", reason="symlinks, FIFOs and fork: POSIX")


@pytest.fixture(scope="module")
def projects():
    return new_project("circle", n=30, seed=1), new_project("xor", n=40, seed=2)


@posix_only
def test_a_save_through_a_symlink_writes_the_real_file_and_keeps_the_link(tmp_path, projects):
    a, b = projects
    real = tmp_path / "real.json"
    save(a, real)
    link = tmp_path / "link.json"
    link.symlink_to("real.json")
    save(b, link)
    assert link.is_symlink() and os.readlink(link) == "real.json"
    assert load(real).data.n == 40 and load(link).data.n == 40
    assert sorted(os.listdir(tmp_path)) == ["link.json", "real.json"]


@posix_only
def test_a_hard_linked_file_is_rewritten_in_place(tmp_path, projects):
    a, b = projects
    first = tmp_path / "first.json"
    save(a, first)
    second = tmp_path / "second.json"
    os.link(first, second)
    inode = first.stat().st_ino
    save(b, second)
    assert first.stat().st_ino == second.stat().st_ino == inode
    assert first.stat().st_nlink == 2
    assert load(first).data.n == 40
    assert sorted(os.listdir(tmp_path)) == ["first.json", "second.json"]


@posix_only
@pytest.mark.parametrize("kind", ["directory", "fifo", "device"])
def test_non_regular_targets_are_refused_and_left_alone(tmp_path, projects, kind):
    if kind == "directory":
        target = tmp_path / "d.json"
        target.mkdir()
    elif kind == "fifo":
        target = tmp_path / "f.json"
        os.mkfifo(target)
    else:
        target = tmp_path / "null.json"
        target.symlink_to("/dev/null")  # a device behind a link: still refused
    with pytest.raises(OSError) as err:
        save(projects[0], target)
    assert err.value.filename == str(target)
    real = os.stat(target).st_mode
    assert not stat.S_ISREG(real)  # still a directory, FIFO or device
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temp file left


@posix_only
def test_reading_a_fifo_fails_at_once_instead_of_hanging(tmp_path):
    fifo = tmp_path / "p.json"
    os.mkfifo(fifo)
    outcome = []

    def read():
        try:
            load(fifo)
        except OSError as e:
            outcome.append(e)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(30)  # a hang fails here; a correct reader is done in microseconds
    assert not reader.is_alive(), "load() blocked on a FIFO"
    assert outcome and outcome[0].filename == str(fifo) and "pipe" in outcome[0].strerror
    with pytest.raises(OSError, match="is a directory"):
        load(tmp_path)


@posix_only
def test_stale_temp_files_are_removed_by_the_next_save(tmp_path, projects):
    path = tmp_path / "p.json"
    save(projects[0], path)
    dead = _dead_pid()
    leftovers = {
        f".p.json.{dead}.abc123.tmp": 0,  # its writer died: removed at once
        ".p.json.rg9vw5cj.tmp": 3600,  # old-style name, an hour old: removed
        f".p.json.{os.getppid()}.live.tmp": 0,  # a live writer, fresh: kept
        ".other.json.x1.tmp": 3600,  # another file's temp: not ours to touch
    }
    now = time.time()
    for name, age in leftovers.items():
        (tmp_path / name).write_bytes(b"half a project")
        os.utime(tmp_path / name, (now - age, now - age))
    save(projects[1], path)
    assert sorted(os.listdir(tmp_path)) == sorted(
        ["p.json", f".p.json.{os.getppid()}.live.tmp", ".other.json.x1.tmp"]
    )
    assert load(path).data.n == 40


def _dead_pid() -> int:
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
    return pid


def test_errors_name_the_users_file_not_the_temp_file(tmp_path, projects, monkeypatch):
    path = tmp_path / "p.json"
    save(projects[0], path)
    before = path.read_bytes()

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")  # no file name at all

    monkeypatch.setattr(os, "fsync", full)  # where a full disk shows up on some systems
    with pytest.raises(OSError) as err:
        save(projects[1], path)
    assert err.value.filename == str(path) and err.value.strerror == "No space left on device"
    assert ".tmp" not in str(err.value)
    monkeypatch.undo()
    assert path.read_bytes() == before and os.listdir(tmp_path) == ["p.json"]


@posix_only
def test_a_read_only_folder_is_named_in_the_error(tmp_path, projects):
    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders")
    folder = tmp_path / "ro"
    folder.mkdir()
    save(projects[0], folder / "p.json")
    folder.chmod(0o555)
    try:
        with pytest.raises(PermissionError) as err:
            save(projects[1], folder / "p.json")
        assert err.value.filename == str(folder / "p.json")
    finally:
        folder.chmod(0o755)


def test_remove_stale_temps_ignores_a_missing_folder(tmp_path):
    assert sw.remove_stale_temps(tmp_path / "nowhere" / "p.json") == []
