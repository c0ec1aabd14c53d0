"""Smoke test of a frozen nnsim: run its ``--self-test`` and check what comes out.

    python packaging/smoke_test.py                       # packaging/dist/nnsim, all modes
    python packaging/smoke_test.py dist/nnsim --runs 5   # median launch time of 5 runs
    python packaging/smoke_test.py --mode offscreen --json

The self-test (nnsim/gui/shell/app.py) opens the first example, trains 5 epochs on the worker
thread, renders the window to a PNG, saves and reloads the project, then prints
"nnsim self-test ok". A run fails on a non-zero exit, a missing marker line, a missing
PNG, or any stderr line not in ALLOWED_STDERR (known harmless Qt chatter).

Modes: "offscreen" (QT_QPA_PLATFORM=offscreen; everywhere), "xvfb" (a real X11 window in
a private Xvfb server; Linux, needs the xvfb package - skipped when it is missing unless
--require-xvfb) and "native" (the platform's own window system; Windows/macOS CI). Two
more checks of what students run:
- "windowed": the windowed executable (nnsim.exe, nnsim.app; on Linux the one nnsim with
  its stdout and stderr closed, as a windowed program has them) runs --self-test OUT; it
  cannot print, so the exit code and the files it writes are checked;
- "search": the console executable makes a project from an example and runs a two-worker
  search on it (the frozen process pool, spawn on Windows and macOS).
Qt's messages are forced onto stderr (QT_FORCE_STDERR_LOGGING: on Windows and macOS Qt
otherwise logs to the system log when there is no terminal, and the stderr check saw
nothing); offscreen on Windows gets the system's font folder (QT_QPA_FONTDIR).
Default: offscreen, xvfb, windowed and search on Linux; offscreen, windowed and search
elsewhere. Exit code 0 when every run passed, 1 otherwise. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

MARKER = "nnsim self-test ok"
ROOT = Path(__file__).resolve().parents[1]

# stderr lines that are expected and harmless (regular expressions, matched in full)
ALLOWED_STDERR = [
    # offscreen/minimal platform plugins do not implement window size hints
    r"This plugin does not support propagateSizeHints\(\)",
    r"This plugin does not support raise\(\)",
    r"This plugin does not support grabbing the keyboard",
    # a root or container session without a per-user runtime dir: Qt picks /tmp/runtime-*
    r"QStandardPaths: XDG_RUNTIME_DIR not set, defaulting to .*",
    r"QStandardPaths: runtime directory .* is not owned by UID .*",
    r"QStandardPaths: wrong permissions on runtime directory .*",
    # LANG/LC_ALL unset or "C" (containers, `env -i`): Qt switches to C.UTF-8 by itself
    r'Detected locale "C" with character encoding ".*", which is not UTF-8\.',
    r'Qt depends on a UTF-8 locale, and has switched to "C\.UTF-8" instead\.',
    r"If this causes problems, reconfigure your locale\. See the locale\(1\) manual",
    r"for more information\.",
    r"",
]
_ALLOWED = [re.compile(p) for p in ALLOWED_STDERR]


def default_executable(target: Path | None, windowed: bool = False) -> Path:
    """The bundle's executable: the console one on Windows (it can print), or with
    ``windowed`` the one a student double-clicks."""
    base = target or ROOT / "packaging" / "dist"
    if base.is_file():
        return base
    names = ["nnsim-cli.exe", "nnsim.exe"] if sys.platform.startswith("win") else ["nnsim"]
    if windowed:
        names = names[-1:]
    candidates = []
    for folder in (base, base / "nnsim", base / "nnsim.app" / "Contents" / "MacOS"):
        candidates += [folder / n for n in names]
    if sys.platform == "darwin":  # prefer the .app when both exist
        candidates.sort(key=lambda p: "nnsim.app" not in str(p))
    for c in candidates:
        if c.is_file():
            return c
    raise SystemExit(f"smoke test: no nnsim executable under {base}")


def unexpected_stderr(text: str) -> list[str]:
    return [
        line for line in text.splitlines() if not any(p.fullmatch(line.strip()) for p in _ALLOWED)
    ]


class Xvfb:
    """A private Xvfb server for the duration of the test (display picked by Xvfb)."""

    def __init__(self):
        self.proc = None
        self.display = None

    def __enter__(self):
        read, write = os.pipe()
        self.proc = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x1024x24", "-nolisten",
             "tcp", "-noreset"],
            pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        os.close(write)
        with os.fdopen(read) as f:
            number = f.readline().strip()
        if not number:
            self.proc.kill()
            raise RuntimeError("Xvfb did not start")
        self.display = ":" + number
        return self

    def __exit__(self, *exc):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def run_once(exe: Path, env: dict, timeout: float) -> dict:
    """One `--self-test`; times from spawn to the marker line and to exit."""
    with tempfile.TemporaryDirectory(prefix="nnsim-smoke-") as tmp:
        env = dict(env)
        # keep the self-test's files and QSettings out of the user's home
        env.update(TMPDIR=tmp, TEMP=tmp, TMP=tmp, XDG_CONFIG_HOME=str(Path(tmp) / "config"))
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            # a named folder keeps the picture (a temporary one is removed on success)
            [str(exe), "--self-test", str(Path(tmp) / "out")], env=env, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True, errors="replace",
        )  # fmt: skip
        marker_at = [None]
        out_lines: list[str] = []

        def read_stdout():
            for line in proc.stdout:
                out_lines.append(line.rstrip("\n"))
                if line.strip() == MARKER and marker_at[0] is None:
                    marker_at[0] = time.perf_counter() - t0

        reader = threading.Thread(target=read_stdout, daemon=True)
        reader.start()
        try:
            err = proc.stderr.read()
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            err = proc.stderr.read() if proc.stderr else ""
        exit_s = time.perf_counter() - t0
        reader.join(5)
        pngs = list(Path(tmp).rglob("self-test.png"))
        problems = []
        if proc.returncode != 0:
            problems.append(f"exit code {proc.returncode}")
        if marker_at[0] is None:
            problems.append(f"no line {MARKER!r} on stdout")
        if not pngs or pngs[0].stat().st_size == 0:
            problems.append("no self-test.png written")
        bad = unexpected_stderr(err)
        if bad:
            problems.append("unexpected stderr: " + " | ".join(bad[:10]))
        return {
            "ok": not problems,
            "problems": problems,
            "returncode": proc.returncode,
            "marker_s": marker_at[0],
            "exit_s": exit_s,
            "stdout": "\n".join(out_lines),
            "stderr": err,
        }


def base_env() -> dict:
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)
    env["QT_FORCE_STDERR_LOGGING"] = "1"
    if sys.platform.startswith("win") and "QT_QPA_FONTDIR" not in env:
        # the offscreen platform reads fonts from a folder, not from Windows' font service
        env["QT_QPA_FONTDIR"] = str(Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts")
    return env


def _no_std_streams() -> None:  # pragma: no cover (runs in the child before exec)
    """A windowed program has no stdout/stderr: Python then sets sys.stdout to None."""
    os.close(1)
    os.close(2)


def run_windowed(exe: Path, timeout: float) -> dict:
    """``--self-test OUT`` of the windowed executable: exit code and files, no output."""
    with tempfile.TemporaryDirectory(prefix="nnsim-smoke-") as tmp:
        env = base_env()
        env.update(TMPDIR=tmp, TEMP=tmp, TMP=tmp, XDG_CONFIG_HOME=str(Path(tmp) / "config"))
        env["QT_QPA_PLATFORM"] = "offscreen"
        out = Path(tmp) / "out"
        t0 = time.perf_counter()
        closed = {"preexec_fn": _no_std_streams} if os.name == "posix" else {}
        try:
            proc = subprocess.run(
                [str(exe), "--self-test", str(out)], env=env, stdin=subprocess.DEVNULL,
                timeout=timeout, **closed,
            )  # fmt: skip
            code = proc.returncode
        except subprocess.TimeoutExpired:
            code = None
        problems = [] if code == 0 else [f"exit code {code}"]
        png, saved = out / "self-test.png", out / "self-test.json"
        if not png.is_file() or png.stat().st_size == 0:
            problems.append("no self-test.png written")
        try:
            epochs = len(json.loads(saved.read_text(encoding="utf-8"))["history"])
        except (OSError, ValueError, KeyError):
            epochs = 0
        if epochs < 5:
            problems.append(f"self-test.json missing or with {epochs} epochs")
        return _one_run_result(problems, code, time.perf_counter() - t0)


def run_search(exe: Path, timeout: float) -> dict:
    """The console executable: a project from an example, then a two-worker search."""
    with tempfile.TemporaryDirectory(prefix="nnsim-smoke-") as tmp:
        env = base_env()
        env.update(TMPDIR=tmp, TEMP=tmp, TMP=tmp)
        project = str(Path(tmp) / "search.json")
        t0 = time.perf_counter()
        problems, code = [], None
        steps = [
            ["new", project, "--example", "xor-hidden-layer"],
            ["search", project, "--lr", "0.05,0.1,0.3", "--epochs", "10", "--workers", "2",
             "--json", "--no-save", "--quiet"],
        ]  # fmt: skip
        for args in steps:
            try:
                proc = subprocess.run(
                    [str(exe), *args], env=env, capture_output=True, text=True,
                    encoding="utf-8", errors="replace", timeout=timeout,
                )  # fmt: skip
            except subprocess.TimeoutExpired:
                problems.append(f"{args[0]}: timed out")
                break
            code = proc.returncode
            if code != 0:
                problems.append(f"{args[0]}: exit code {code}: {proc.stderr.strip()[-500:]}")
                break
        else:
            try:
                doc = json.loads(proc.stdout)
                trials = len(doc["trials"])
            except (ValueError, KeyError):
                trials = 0
            if trials != 3:
                problems.append(f"search reported {trials} trials instead of 3")
        return _one_run_result(problems, code, time.perf_counter() - t0)


def _one_run_result(problems: list[str], code, seconds: float) -> dict:
    return {
        "ok": not problems, "problems": problems, "returncode": code, "marker_s": None,
        "exit_s": seconds, "stdout": "", "stderr": "",
    }  # fmt: skip


def run_mode(exe: Path, mode: str, runs: int, timeout: float) -> dict:
    env = base_env()
    xvfb = None
    if mode == "offscreen":
        env["QT_QPA_PLATFORM"] = "offscreen"
    elif mode == "xvfb":
        xvfb = Xvfb().__enter__()
        env["DISPLAY"] = xvfb.display
        env["QT_QPA_PLATFORM"] = "xcb"
        env.pop("WAYLAND_DISPLAY", None)
    try:
        if mode == "windowed":
            windowed = default_executable(exe.parent if exe.is_file() else exe, windowed=True)
            results = [run_windowed(windowed, timeout) for _ in range(runs)]
        elif mode == "search":
            results = [run_search(exe, timeout)]
        else:
            results = [run_once(exe, env, timeout) for _ in range(runs)]
    finally:
        if xvfb:
            xvfb.__exit__(None, None, None)
    marker_times = [r["marker_s"] for r in results if r["marker_s"] is not None]
    return {
        "mode": mode,
        "ok": all(r["ok"] for r in results),
        "runs": len(results),
        "median_marker_s": statistics.median(marker_times) if marker_times else None,
        "median_exit_s": statistics.median(r["exit_s"] for r in results),
        "marker_s": [round(t, 3) for t in marker_times],
        "failures": [
            {"problems": r["problems"], "stderr": r["stderr"][-4000:], "stdout": r["stdout"]}
            for r in results
            if not r["ok"]
        ],
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Run the frozen nnsim's --self-test.")
    ap.add_argument("target", nargs="?", type=Path, help="dist folder or executable")
    ap.add_argument(
        "--mode", default=None, help="comma list of offscreen,xvfb,native,windowed,search"
    )
    ap.add_argument("--runs", type=int, default=1, help="runs per mode (median is reported)")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds per run")
    ap.add_argument("--require-xvfb", action="store_true", help="fail if Xvfb is missing")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    args = ap.parse_args(argv)

    exe = default_executable(args.target)
    if args.mode:
        modes = [m.strip() for m in args.mode.split(",") if m.strip()]
    elif sys.platform.startswith("linux"):
        modes = ["offscreen", "xvfb", "windowed", "search"]
    else:
        modes = ["offscreen", "windowed", "search"]  # native: a separate, informational step
    results = []
    for mode in modes:
        if mode == "xvfb" and not shutil.which("Xvfb"):
            if args.require_xvfb:
                results.append({"mode": mode, "ok": False, "failures": ["Xvfb not installed"]})
            else:
                print("smoke test: Xvfb not installed, skipping xvfb mode", file=sys.stderr)
            continue
        results.append(run_mode(exe, mode, args.runs, args.timeout))

    ok = bool(results) and all(r["ok"] for r in results)
    if args.json:
        print(json.dumps({"executable": str(exe), "ok": ok, "modes": results}, indent=2))
    else:
        print(f"smoke test of {exe}")
        for r in results:
            status = "ok  " if r["ok"] else "FAIL"
            timing = ""
            if r.get("median_marker_s") is not None:
                timing = (
                    f"launch->marker median {r['median_marker_s']:.3f} s "
                    f"(runs {r['marker_s']}), exit median {r['median_exit_s']:.3f} s"
                )
            if not timing and r.get("median_exit_s") is not None:
                timing = f"done in {r['median_exit_s']:.3f} s (median)"
            print(f"  {status} {r['mode']:<9} {timing}")
            for f in r.get("failures", []):
                if isinstance(f, str):
                    print(f"       {f}")
                    continue
                print("       " + "; ".join(f["problems"]))
                for line in f["stderr"].splitlines()[-20:]:
                    print(f"       stderr: {line}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
