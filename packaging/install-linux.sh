#!/bin/sh
# Add nnsim to the desktop's application menu (current user only, no root needed).
#
#   ./install-linux.sh            # run from the unpacked nnsim folder
#   ./install-linux.sh --remove   # take it out again
#
# The folder stays where it is: the menu entry points at this folder's nnsim, and
# ~/.local/bin/nnsim links to it so `nnsim` also works in a terminal.
set -eu

HERE="$(cd "$(dirname "$0")" && pwd)"
DATA="${XDG_DATA_HOME:-$HOME/.local/share}"
BIN="$HOME/.local/bin"
RES="$HERE/_internal/resources"

if [ "${1:-}" = "--remove" ]; then
  rm -f "$DATA/applications/nnsim.desktop" "$BIN/nnsim"
  for size in 16 32 48 64 128 256 512; do
    rm -f "$DATA/icons/hicolor/${size}x${size}/apps/nnsim.png"
  done
  echo "nnsim removed from the application menu (the folder $HERE is untouched)"
  exit 0
fi

[ -x "$HERE/nnsim" ] || { echo "install-linux.sh: no $HERE/nnsim" >&2; exit 1; }
mkdir -p "$DATA/applications" "$BIN"
for size in 16 32 48 64 128 256 512; do
  if [ -f "$RES/icons/nnsim-$size.png" ]; then
    mkdir -p "$DATA/icons/hicolor/${size}x${size}/apps"
    cp "$RES/icons/nnsim-$size.png" "$DATA/icons/hicolor/${size}x${size}/apps/nnsim.png"
  fi
done
# absolute paths: ~/.local/bin is not always on the PATH of a desktop session
sed -e "s|^Exec=.*|Exec=\"$HERE/nnsim\" %f|" -e "s|^TryExec=.*|TryExec=$HERE/nnsim|" \
  "$RES/nnsim.desktop" > "$DATA/applications/nnsim.desktop"
ln -sf "$HERE/nnsim" "$BIN/nnsim"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$DATA/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$DATA/icons/hicolor" || true
echo "nnsim added to the application menu; in a terminal: $BIN/nnsim"
