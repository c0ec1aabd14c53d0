"""``nnsim --self-test``: passes on a real example, fails with one line when none opens."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Point nnsim.examples at another folder, then run the command line as `nnsim` would.
WITH_EXAMPLES_IN = (
    "import sys; from pathlib import Path; import nnsim.examples as e; "
    "e._root = lambda: Path(sys.argv[1]); from nnsim.cli.main import main; "
    "sys.exit(main(sys.argv[2:]))"
)


def _run(tmp_path: Path, *argv: str) -> subprocess.CompletedProcess:
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = {
        **os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
        "XDG_RUNTIME_DIR": str(runtime),
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }  # fmt: skip
    return subprocess.run(
        [sys.executable, *argv], env=env, cwd=tmp_path, capture_output=True, text=True,
        timeout=170,
    )  # fmt: skip


def test_self_test_opens_an_example_trains_renders_and_saves(tmp_path):
    done = _run(tmp_path, "-m", "nnsim", "--self-test", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "nnsim self-test ok"
    assert (tmp_path / "out" / "self-test.png").stat().st_size > 0
    saved = json.loads((tmp_path / "out" / "self-test.json").read_text(encoding="utf-8"))
    assert saved["title"] == "A single neuron fails on XOR"  # the first example, trained
    assert len(saved["history"]) >= 5


def test_self_test_fails_when_no_example_is_installed(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    done = _run(tmp_path, "-c", WITH_EXAMPLES_IN, str(empty), "--self-test")
    assert done.returncode == 1
    assert "nnsim self-test ok" not in done.stdout
    assert done.stderr.splitlines() == ["self-test: no example could be opened"]


def test_self_test_fails_when_no_listed_example_loads(tmp_path):
    broken = tmp_path / "broken"
    broken.mkdir()
    index = {"examples": [{"file": "bad.json", "title": "Bad", "claim": "none"}]}
    (broken / "index.json").write_text(json.dumps(index), encoding="utf-8")
    (broken / "bad.json").write_text('{"format": "nnsim-project"', encoding="utf-8")
    done = _run(tmp_path, "-c", WITH_EXAMPLES_IN, str(broken), "--self-test")
    assert done.returncode == 1
    assert done.stderr.splitlines() == ["self-test: no example could be opened"]
