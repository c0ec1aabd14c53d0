#!/usr/bin/env bash
# Build the nnsim executables with PyInstaller (see docs/teachers.md).
#
#   packaging/build.sh              # onedir  -> packaging/dist/nnsim/ + compressed archive
#   packaging/build.sh --onefile    # onefile -> packaging/dist/nnsim (one executable)
#   packaging/build.sh --both       # both
#   packaging/build.sh --smoke      # ... then run packaging/smoke_test.py on the result
#   packaging/build.sh --full-icu   # keep all of ICU's locale data; by default Linux builds
#                                   # keep root/en/ru only (-18 MB: the 160 MB bar; needs icupkg
#                                   # from icu-devtools and cc, else falls back to full ICU)
#
# Environment: PYTHON (interpreter for the build venv, default python3), NNSIM_BUILD_VENV
# (default packaging/build/.venv), NNSIM_NO_TRIM=1 / NNSIM_STRIP=libpython|none (see
# packaging/nnsim.spec). Works on Linux and macOS; on Windows run the same pyinstaller
# commands by hand (docs/teachers.md).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PKG="$ROOT/packaging"
VENV="${NNSIM_BUILD_VENV:-$PKG/build/.venv}"
DIST="$PKG/dist"
WORK="$PKG/build/work"
ONEDIR=1 ONEFILE=0 SMOKE=0
export NNSIM_ICU_SUBSET="${NNSIM_ICU_SUBSET:-1}"
for arg in "$@"; do
  case "$arg" in
    --onefile) ONEDIR=0 ONEFILE=1 ;;
    --both) ONEDIR=1 ONEFILE=1 ;;
    --smoke) SMOKE=1 ;;
    --icu-subset) export NNSIM_ICU_SUBSET=1 ;;
    --full-icu) export NNSIM_ICU_SUBSET=0 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

VERSION="$(sed -nE 's/^__version__ *= *"([^"]+)".*/\1/p' "$ROOT/nnsim/__init__.py")"
case "$(uname -s)" in
  Linux) OS=linux ;;
  Darwin) OS=macos ;;
  *) OS="$(uname -s | tr '[:upper:]' '[:lower:]')" ;;
esac
ARCH="$(uname -m)"
NAME="nnsim-$VERSION-$OS-$ARCH"

now() { python3 -c 'import time; print(time.time())' 2>/dev/null || date +%s; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
human() { du -sh "$1" | cut -f1; }

# ---------------------------------------------------------------- build venv
t0=$(now)
if [ ! -x "$VENV/bin/python" ]; then
  echo "== creating build venv $VENV"
  "${PYTHON:-python3}" -m venv "$VENV"
fi
echo "== installing nnsim and PyInstaller into the build venv"
"$VENV/bin/python" -m pip install --quiet --upgrade pip
"$VENV/bin/python" -m pip install --quiet -c "$PKG/constraints.txt" "$ROOT" "pyinstaller>=6.10,<7"
t_venv=$(now)

run_pyinstaller() {
  (cd "$ROOT" && "$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "$WORK/$1" "$PKG/nnsim.spec")
}

report=()
# ---------------------------------------------------------------- onedir
if [ "$ONEDIR" = 1 ]; then
  echo "== PyInstaller onedir (nnsim $VERSION)"
  a=$(now)
  rm -rf "$DIST/nnsim" "$DIST/nnsim.app"
  NNSIM_ONEFILE=0 run_pyinstaller onedir
  b=$(now)
  # the Linux desktop entry helper goes beside the executable
  if [ "$OS" = linux ]; then
    cp "$PKG/install-linux.sh" "$DIST/nnsim/install-linux.sh"
    chmod +x "$DIST/nnsim/install-linux.sh"
  fi
  echo "== compressing"
  if [ "$OS" = macos ] && [ -d "$DIST/nnsim.app" ]; then
    ARCHIVE="$DIST/$NAME.zip"
    rm -f "$ARCHIVE"
    (cd "$DIST" && ditto -c -k --keepParent nnsim.app "$ARCHIVE")
  else
    ARCHIVE="$DIST/$NAME.tar.xz"
    rm -f "$ARCHIVE"
    # -T0: all cores; XZ_LEVEL=9 shaves ~1 MB more but takes ~3x as long
    (cd "$DIST" && tar -cf - nnsim | xz "-${XZ_LEVEL:-6}" -T0 > "$ARCHIVE")
  fi
  c=$(now)
  report+=("onedir      $(human "$DIST/nnsim")  ($DIST/nnsim, built in $(secs "$a" "$b") s)")
  report+=("archive     $(human "$ARCHIVE")  ($ARCHIVE, compressed in $(secs "$b" "$c") s)")
  SMOKE_TARGET="$DIST/nnsim"
fi

# ---------------------------------------------------------------- onefile
if [ "$ONEFILE" = 1 ]; then
  echo "== PyInstaller onefile (nnsim $VERSION)"
  a=$(now)
  mkdir -p "$DIST/onefile"
  rm -f "$DIST/onefile/nnsim"
  (cd "$ROOT" && NNSIM_ONEFILE=1 "$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath "$DIST/onefile" --workpath "$WORK/onefile" "$PKG/nnsim.spec")
  b=$(now)
  report+=("onefile     $(human "$DIST/onefile/nnsim")  ($DIST/onefile/nnsim, built in $(secs "$a" "$b") s)")
  SMOKE_TARGET="${SMOKE_TARGET:-$DIST/onefile/nnsim}"
fi

echo
echo "nnsim $VERSION ($OS-$ARCH), total $(secs "$t0" "$(now)") s (venv/pip $(secs "$t0" "$t_venv") s)"
for line in "${report[@]}"; do echo "  $line"; done

if [ "$SMOKE" = 1 ]; then
  echo
  "$VENV/bin/python" "$PKG/smoke_test.py" "$SMOKE_TARGET"
  if [ "$ONEDIR" = 1 ] && [ "$ONEFILE" = 1 ]; then
    "$VENV/bin/python" "$PKG/smoke_test.py" "$DIST/onefile/nnsim" --mode offscreen
  fi
fi
