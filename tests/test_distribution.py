"""The sdist and the wheel: built the standard way, complete, and working when installed.

One `python -m build` per test session (about 5 s; --no-isolation, so no network: the test
extra brings build, setuptools and twine). .ci/run builds again in an isolated environment
and installs the wheel with its dependencies into a fresh venv.
"""

import json
import os
import re
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

import nnsim
from nnsim.examples import list_examples

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(
    not (ROOT / "pyproject.toml").is_file(), reason="needs the project's source tree"
)


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    (wheel,) = out.glob("nnsim-*.whl")
    (sdist,) = out.glob("nnsim-*.tar.gz")
    return wheel, sdist


def _wheel_names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as z:
        return set(z.namelist())


def test_the_version_is_written_in_one_place(dist):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert "version" not in project and "version" in project["dynamic"]
    wheel, sdist = dist
    assert wheel.name.startswith(f"nnsim-{nnsim.__version__}-py3-none-any")
    assert sdist.name == f"nnsim-{nnsim.__version__}.tar.gz"
    with zipfile.ZipFile(wheel) as z:
        meta = z.read(f"nnsim-{nnsim.__version__}.dist-info/METADATA").decode()
    assert re.search(rf"^Version: {re.escape(nnsim.__version__)}$", meta, re.M)


def test_the_wheel_carries_code_examples_translations_and_entry_points(dist):
    wheel, _ = dist
    names = _wheel_names(wheel)
    for path in (ROOT / "nnsim").rglob("*.py"):
        assert path.relative_to(ROOT).as_posix() in names, path
    for entry in list_examples():
        assert f"nnsim/examples/{entry['file']}" in names
    assert "nnsim/examples/index.json" in names
    qm = sorted((ROOT / "nnsim" / "gui" / "translations").glob("*.qm"))
    assert qm and all(p.relative_to(ROOT).as_posix() in names for p in qm)
    assert not any(n.endswith(".ts") or n.startswith("tests/") for n in names)
    with zipfile.ZipFile(wheel) as z:
        entry_points = z.read(f"nnsim-{nnsim.__version__}.dist-info/entry_points.txt").decode()
    assert "[console_scripts]\nnnsim-cli = nnsim.cli.entry:console_main" in entry_points
    assert "[gui_scripts]\nnnsim = nnsim.cli.entry:gui_main" in entry_points


def test_the_sdist_holds_every_tracked_file(dist):
    _, sdist = dist
    tracked = subprocess.run(["git", "-C", str(ROOT), "ls-files"], capture_output=True, text=True)
    if tracked.returncode != 0:
        pytest.skip("not a git checkout")
    with tarfile.open(sdist) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    wanted = [p for p in tracked.stdout.splitlines() if not p.startswith(".git")]
    wanted = [p for p in wanted if (ROOT / p).is_file()]  # not files deleted but unstaged
    missing = [p for p in wanted if p not in names]
    assert not missing, f"not in the sdist (MANIFEST.in grafts folders): {missing}"
    assert "tests/test_examples.py" in names and "nnsim/examples/index.json" in names


def test_twine_check_passes(dist):
    done = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *map(str, dist)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("PASSED") == 2


@pytest.fixture(scope="module")
def installed(dist, tmp_path_factory):
    """The wheel installed (not editable) into a folder of its own; dependencies come from
    this interpreter, so no network is needed."""
    target = tmp_path_factory.mktemp("site")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
         "--target", str(target), str(dist[0])],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return target


def _run_installed(target: Path, cwd: Path, *argv: str) -> subprocess.CompletedProcess:
    runtime = cwd / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = {
        **os.environ, "PYTHONPATH": str(target), "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(cwd / "config"), "XDG_RUNTIME_DIR": str(runtime),
    }  # fmt: skip
    code = "import sys, nnsim; print(nnsim.__file__); from nnsim.cli.main import main; "
    code += "sys.exit(main(sys.argv[1:]))"
    return subprocess.run(
        [sys.executable, "-c", code, *argv], cwd=cwd, env=env, capture_output=True,
        text=True, timeout=300,
    )  # fmt: skip


def test_installed_wheel_lists_every_example(installed, tmp_path):
    done = _run_installed(installed, tmp_path, "examples", "--json")
    assert done.returncode == 0, done.stderr
    where, _, doc = done.stdout.partition("\n")
    assert Path(where).is_relative_to(installed)  # the installed copy, not the checkout
    rows = json.loads(doc)["examples"]
    assert [r["file"] for r in rows] == [e["file"] for e in list_examples()]
    assert all(Path(r["path"]).is_relative_to(installed) for r in rows)


def test_installed_wheel_passes_the_self_test(installed, tmp_path):
    done = _run_installed(installed, tmp_path, "--self-test", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    assert Path(done.stdout.splitlines()[0]).is_relative_to(installed)
    assert done.stdout.splitlines()[-1] == "nnsim self-test ok"
    assert (tmp_path / "out" / "self-test.png").stat().st_size > 0


def test_readme_and_ci_install_from_the_wheel_as_a_user_would():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "pip install -e ." in readme  # the checkout's way stays
    assert "python3 -m build" in readme and "pip install dist/nnsim-*.whl" in readme
    assert "nnsim-cli examples" in readme
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    steps = ["-m build", "twine check", "-m venv", "pip install -q \"$WHEEL_TMP\"/dist/nnsim-*.whl",
             "venv/bin/nnsim --self-test", "venv/bin/nnsim-cli examples"]  # fmt: skip
    positions = [ci.index(s, ci.index("== wheel")) for s in steps]
    assert positions == sorted(positions)
    assert ci.index("== tests") < ci.index("== wheel")
    assert "-e" not in ci[ci.index("== wheel") : ci.index("== packaged build")].split()
