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
    assert "from nnsim.cli.entry import frozen_main" in text
    assert "freeze_support()" in text
    assert text.index("freeze_support()") < text.index("from nnsim.cli.entry import frozen_main")


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


# ---------------------------------------------------------------------- issue 15: builds
def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, PKG / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _assigned(tree, name: str) -> ast.AST:
    return next(
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", None) == name
    )


def test_constraints_pin_the_build_within_pyproject_and_below_numpy_2_4():
    import tomllib

    from packaging.requirements import Requirement
    from packaging.version import Version

    pins = {}
    for line in (PKG / "constraints.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            req = Requirement(line)
            (spec,) = req.specifier
            assert spec.operator == "==", line
            pins[req.name.lower()] = Version(spec.version)
    assert {"numpy", "pyside6-essentials", "shiboken6", "pyqtgraph", "pyinstaller"} <= set(pins)
    assert pins["numpy"] < Version("2.4")  # 2.4 needs x86-64-v2
    assert pins["pyside6-essentials"] == pins["shiboken6"]
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    for dep in map(Requirement, project["dependencies"]):
        assert pins[dep.name.lower()] in dep.specifier, dep
    assert '-c "$PKG/constraints.txt"' in (PKG / "build.sh").read_text()


def test_every_executable_runs_in_utf8_mode():
    tree = _spec_tree()
    assert ast.literal_eval(_assigned(tree, "UTF8_MODE")) == [("X utf8=1", None, "OPTION")]
    exes = [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and getattr(n.func, "id", None) == "EXE"
    ]
    assert len(exes) == 4  # onedir and onefile, nnsim and nnsim-cli
    for call in exes:
        assert any(getattr(a, "id", None) == "UTF8_MODE" for a in call.args), ast.unparse(call)


def test_macos_minimum_is_13_and_comes_from_the_deployment_target():
    tree = _spec_tree()
    assert "13.0" in ast.unparse(_assigned(tree, "MACOS_MIN"))
    assert "MACOSX_DEPLOYMENT_TARGET" in ast.unparse(_assigned(tree, "MACOS_MIN"))
    plists = [n for n in ast.walk(tree) if isinstance(n, ast.Dict)]
    entries = {
        k.value: v for d in plists for k, v in zip(d.keys, d.values) if isinstance(k, ast.Constant)
    }
    assert getattr(entries["LSMinimumSystemVersion"], "id", None) == "MACOS_MIN"
    assert "NNSIM_TARGET_ARCH" in SPEC.read_text()


@pytest.mark.parametrize(
    ("path", "dropped"),
    [
        ("PySide6/Qt/lib/libQt6Network.so.6", True),
        ("PySide6/Qt6Network.dll", True),
        ("PySide6/Qt/lib/QtNetwork.framework/Versions/A/QtNetwork", True),
        ("PySide6/Qt/lib/QtQml.framework/Resources/Info.plist", True),
        ("PySide6/Qt/lib/libQt6QmlModels.so.6", True),
        ("PySide6/Qt/lib/QtQuick.framework/Versions/A/QtQuick", True),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", False),
        ("PySide6/Qt/lib/QtWidgets.framework/Versions/A/QtWidgets", False),
        ("PySide6/Qt/lib/QtOpenGL.framework/Versions/A/QtOpenGL", False),
        ("PySide6/Qt6Gui.dll", False),
        ("PySide6/Qt/lib/QtSvg.framework/Versions/A/QtSvg", False),
    ],
)
def test_unused_qt_libraries_are_dropped_on_every_os(path, dropped):
    call = _assigned(_spec_tree(), "DROP_QT_LIBS")
    pattern = re.compile(ast.literal_eval(call.args[0]))
    assert bool(pattern.search(path)) == dropped


def test_smoke_test_runs_what_students_run(monkeypatch, tmp_path):
    smoke = _load("smoke_test")
    monkeypatch.setattr(smoke.sys, "platform", "win32")
    monkeypatch.delenv("QT_QPA_FONTDIR", raising=False)
    env = smoke.base_env()
    assert env["QT_FORCE_STDERR_LOGGING"] == "1" and env["QT_QPA_FONTDIR"].endswith("Fonts")
    folder = tmp_path / "nnsim"
    folder.mkdir()
    for name in ("nnsim.exe", "nnsim-cli.exe"):
        (folder / name).write_bytes(b"MZ")
    assert smoke.default_executable(tmp_path).name == "nnsim-cli.exe"  # it can print
    assert smoke.default_executable(tmp_path, windowed=True).name == "nnsim.exe"
    text = (PKG / "smoke_test.py").read_text()
    assert '"windowed", "search"]' in text  # in the default modes everywhere
    assert '"--workers", "2"' in text and '"--self-test", str(out)' in text


def _mach_o(minos: tuple[int, int, int], old_style: bool = False) -> bytes:
    packed = (minos[0] << 16) | (minos[1] << 8) | minos[2]
    if old_style:
        command = struct.pack("<IIII", 0x24, 16, packed, packed)
    else:
        command = struct.pack("<IIIIII", 0x32, 24, 1, packed, packed, 0)
    noise = struct.pack("<II", 0x19, 8)  # another load command first (LC_SEGMENT_64-like)
    header = struct.pack("<IiiIIIII", 0xFEEDFACF, 0x0100000C, 0, 2, 2, 32, 0, 0)
    return header + noise + command + b"\0" * 64


def _fat(*slices: bytes) -> bytes:
    head = struct.pack(">II", 0xCAFEBABE, len(slices))
    offset, table, body = 4096, b"", b""
    for data in slices:
        table += struct.pack(">iiIII", 0x0100000C, 0, offset + len(body), len(data), 12)
        body += data
    return head + table + b"\0" * (4096 - len(head) - len(table)) + body


def test_check_macos_min_reads_mach_o_minimums(tmp_path, capsys):
    check = _load("check_macos_min")
    assert check.macos_minimums(_mach_o((13, 0, 0))) == [(13, 0, 0)]
    assert check.macos_minimums(_mach_o((10, 13, 0), old_style=True)) == [(10, 13, 0)]
    assert check.macos_minimums(_fat(_mach_o((11, 0, 0)), _mach_o((14, 0, 0)))) == [
        (11, 0, 0),
        (14, 0, 0),
    ]
    java = struct.pack(">II", 0xCAFEBABE, 0x00000034) + b"\0" * 64  # a class file
    assert check.macos_minimums(java) == [] and check.macos_minimums(b"\x7fELF" * 20) == []
    app = tmp_path / "nnsim.app" / "Contents"
    (app / "MacOS").mkdir(parents=True)
    (app / "MacOS" / "nnsim").write_bytes(_mach_o((13, 0, 0)))
    (app / "Info.plist").write_text("<plist/>")
    assert check.main([str(tmp_path / "nnsim.app"), "--max", "13.0"]) == 0
    (app / "numpy.so").write_bytes(_fat(_mach_o((11, 0, 0)), _mach_o((14, 0, 0))))
    capsys.readouterr()
    assert check.main([str(tmp_path / "nnsim.app"), "--max", "13.0"]) == 1
    err = capsys.readouterr().err
    assert "needs macOS 14.0.0" in err and "numpy.so" in err and "MacOS/nnsim" not in err


def test_the_workflow_builds_what_the_issue_asks():
    yaml = pytest.importorskip("yaml")
    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "build.yml").read_text())
    job = flow["jobs"]["build"]
    assert flow["defaults"]["run"]["shell"] == "bash"  # bash -eo pipefail: any failure fails
    labels = {m["label"] for m in job["strategy"]["matrix"]["include"]}
    assert {"linux-x86_64", "windows-x64", "macos-arm64", "macos-x86_64"} <= labels
    env = job["env"]
    assert env["PIP_CONSTRAINT"] == "packaging/constraints.txt"
    assert env["MACOSX_DEPLOYMENT_TARGET"] == "13.0" and env["QT_FORCE_STDERR_LOGGING"] == "1"
    steps = job["steps"]
    runs = "\n".join(s.get("run", "") for s in steps)
    for step in steps:
        if step.get("shell") == "pwsh":  # pwsh reports only the last command's exit code
            lines = step["run"].splitlines()
            assert lines[:2] == [
                "$ErrorActionPreference = 'Stop'",
                "$PSNativeCommandUseErrorActionPreference = $true",
            ], step["name"]
    assert "codesign --verify --deep --strict" in runs
    assert "check_macos_min.py dist/nnsim.app" in runs
    assert "--mode offscreen,windowed,search" in runs
    assert "--platform" in runs and "--only-binary=:all:" in runs  # numpy for macOS 13
    signing = [s for s in steps if "Sign" in s.get("name", "")]
    assert len(signing) == 2 and all("HAS_" in s["if"] for s in signing)


def test_teachers_guide_covers_the_2026_hand_out():
    text = (ROOT / "docs" / "teachers.md").read_text(encoding="utf-8")
    for needed in (
        "Extract All",  # a zip run in place loses _internal
        "ditto",  # a copied .app loses its links
        "Open Anyway",  # Gatekeeper on macOS 15+
        "Smart App Control",
        "SmartScreen",
        "nnsim-cli.exe train",  # the console twin, not the windowed exe
        "macOS 13",
        "x86-64-v2",
        "WINDOWS_CERT_PFX",
        "MACOS_SIGN_IDENTITY",
        "codesign --verify --deep --strict",
    ):
        assert needed in text, needed
    assert "http" not in text  # no links outside the repository
    for link in re.findall(r"\]\(([^)]+)\)", text):
        assert (ROOT / "docs" / link.split("#")[0]).exists(), link
