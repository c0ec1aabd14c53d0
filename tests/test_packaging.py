"""Fast checks of the packaging files (nothing is built here).

The full build and smoke test is a separate command (docs/teachers.md):
    packaging/build.sh --smoke
"""

import ast
import configparser
import importlib.util
import re
import struct
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "packaging"
RES = ROOT / "resources"
SPEC = PKG / "nnsim.spec"


def _spec_tree() -> ast.Module:
    return ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC))


def _string_constants(tree) -> list[str]:
    return [
        n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    ]


def _excludes(tree) -> list[str]:
    """Every module name the spec excludes (expanding the "PySide6." + name list)."""
    names = []
    for s in _string_constants(tree):
        names += s.split()
    qt = [n for n in names if n.startswith("Qt")]
    return [n for n in names if not n.startswith("Qt")] + [f"PySide6.{n}" for n in qt]


def test_spec_parses_and_bundles_examples_and_resources():
    tree = _spec_tree()
    strings = _string_constants(tree)
    assert "nnsim/examples" in strings and "resources" in strings
    calls = {
        n.func.id
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
    }
    assert {"Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE"} <= calls
    assert "launch.py" in SPEC.read_text()
    assert (ROOT / "nnsim" / "examples" / "index.json").is_file()


def test_spec_bundles_the_same_package_data_as_the_wheel():
    """The frozen build and the wheel carry the same data files (examples, translations)."""
    import tomllib

    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    wheel = {
        f"{package.replace('.', '/')}/{pattern}"
        for package, patterns in setuptools["package-data"].items()
        for pattern in patterns
    }
    tree = _spec_tree()
    assign = next(
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", None) == "PACKAGE_DATA"
    )
    spec = {f"{k}/{v}" for k, v in ast.literal_eval(assign.value).items()}
    assert spec == wheel
    for pattern in wheel:
        assert list(ROOT.glob(pattern)), pattern


def test_spec_keeps_the_qt_modules_pyqtgraph_needs():
    excluded = set(_excludes(_spec_tree()))
    for needed in ("QtCore", "QtGui", "QtWidgets", "QtOpenGL", "QtOpenGLWidgets", "QtSvg"):
        assert f"PySide6.{needed}" not in excluded, needed
    assert "PySide6.QtNetwork" in excluded  # the list is really read
    text = SPEC.read_text()
    assert "collect_submodules" not in text and "collect_all" not in text
    strips = [
        k.value.value
        for k in ast.walk(_spec_tree())
        if isinstance(k, ast.keyword) and k.arg == "strip" and isinstance(k.value, ast.Constant)
    ]
    assert strips and not any(strips), "strip=True breaks numpy's OpenBLAS"


def test_spec_version_comes_from_the_package():
    text = SPEC.read_text()
    assert "__version__" in text
    init = (ROOT / "nnsim" / "__init__.py").read_text()
    assert re.search(r'^__version__\s*=\s*"[^"]+"', init, re.M)


def test_launcher_calls_the_cli_and_supports_frozen_multiprocessing():
    tree = ast.parse((PKG / "launch.py").read_text())
    text = ast.unparse(tree)
    assert "from nnsim.cli.main import main" in text
    assert "freeze_support()" in text
    assert text.index("freeze_support()") < text.index("from nnsim.cli.main import main")


def test_desktop_entry_has_the_required_keys():
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(RES / "nnsim.desktop", encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Name"] == "nnsim"
    assert entry["Comment"]
    assert entry["Exec"] == "nnsim %f"
    assert entry["Icon"] == "nnsim"
    cats = entry["Categories"]
    assert cats.endswith(";") and {"Education", "Science"} <= set(cats.strip(";").split(";"))


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("size", [16, 32, 48, 64, 128, 256, 512])
def test_png_icons_exist_with_their_size(size):
    assert _png_size(RES / "icons" / f"nnsim-{size}.png") == (size, size)


def test_main_png_icon():
    assert _png_size(RES / "nnsim.png") == (256, 256)


def test_ico_holds_the_windows_sizes():
    data = (RES / "nnsim.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1) and count >= 4
    sizes = set()
    for i in range(count):
        w, h, _, _, _, _, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * i : 22 + 16 * i]
        )
        sizes.add(w or 256)
        assert offset + length <= len(data)
    assert {16, 32, 48, 256} <= sizes


def test_icns_is_an_icns_file():
    data = (RES / "nnsim.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)


def test_smoke_test_stderr_allow_list():
    spec = importlib.util.spec_from_file_location("smoke_test", PKG / "smoke_test.py")
    smoke = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(smoke)
    harmless = "This plugin does not support propagateSizeHints()\n\n"
    assert smoke.unexpected_stderr(harmless) == []
    bad = "Traceback (most recent call last):\nqt.qpa.plugin: Could not load the Qt platform plugin"
    assert len(smoke.unexpected_stderr(bad)) == 2
    assert smoke.MARKER == "nnsim self-test ok"


def test_marker_matches_the_app():
    app = (ROOT / "nnsim" / "gui" / "shell" / "app.py").read_text()
    assert 'SELF_TEST_MARKER = "nnsim self-test ok"' in app


def test_icu_subset_keeps_structure_and_chosen_locales():
    spec = importlib.util.spec_from_file_location("icu_subset", PKG / "icu_subset.py")
    icu = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(icu)
    keep = (
        "root.res pool.res res_index.res coll/res_index.res ru.res coll/en_GB.res "
        "supplementalData.res zoneinfo64.res ucadata.icu brkitr/word.brk "
        "brkitr/thaidict.dict ibm-5347_P100-1998.cnv metadata.res units.res"
    ).split()
    for item in keep:
        assert icu.keep_item(item), item
    for dropped in ("de.res", "coll/de_.res", "curr/fr_CA.res", "unit/sr_Latn.res", "yue.res"):
        assert not icu.keep_item(dropped), dropped
