"""Check that no Mach-O file in a macOS bundle needs a newer macOS than the app promises.

    python packaging/check_macos_min.py dist/nnsim.app --max 13.0

Every executable, library and Python extension records the oldest macOS it runs on (the
``minos`` of its LC_BUILD_VERSION load command, or LC_VERSION_MIN_MACOSX in older files).
One file built for macOS 14 - numpy's Accelerate wheel is - makes the whole app crash on
macOS 13 with missing symbols although Info.plist says 13.0. Prints the newest minimum
found and every file above ``--max``; exit code 1 if there is one. Standard library only,
so it runs anywhere (tests/test_packaging.py feeds it made-up Mach-O files).
"""

from __future__ import annotations

import argparse
import struct
import sys
from pathlib import Path

MH_MAGIC, MH_MAGIC_64 = 0xFEEDFACE, 0xFEEDFACF
FAT_MAGIC, FAT_MAGIC_64 = 0xCAFEBABE, 0xCAFEBABF
LC_VERSION_MIN_MACOSX, LC_BUILD_VERSION = 0x24, 0x32
PLATFORM_MACOS = 1


def _version(packed: int) -> tuple[int, int, int]:
    """xxxx.yy.zz nibbles, as Mach-O stores versions."""
    return packed >> 16, (packed >> 8) & 0xFF, packed & 0xFF


def _thin_minimum(data: bytes, offset: int = 0) -> tuple[int, int, int] | None:
    magic = struct.unpack_from("<I", data, offset)[0]
    if magic not in (MH_MAGIC, MH_MAGIC_64):
        return None
    ncmds = struct.unpack_from("<I", data, offset + 16)[0]
    at = offset + (32 if magic == MH_MAGIC_64 else 28)
    for _ in range(ncmds):
        if at + 8 > len(data):
            break
        cmd, size = struct.unpack_from("<II", data, at)
        if cmd == LC_BUILD_VERSION:
            platform, minos = struct.unpack_from("<II", data, at + 8)
            if platform == PLATFORM_MACOS:
                return _version(minos)
        elif cmd == LC_VERSION_MIN_MACOSX:
            return _version(struct.unpack_from("<I", data, at + 8)[0])
        if size < 8:
            break
        at += size
    return None


def macos_minimums(data: bytes) -> list[tuple[int, int, int]]:
    """The minimum macOS of each architecture in a thin or universal Mach-O file."""
    if len(data) < 32:
        return []
    (magic,) = struct.unpack_from(">I", data, 0)
    if magic in (FAT_MAGIC, FAT_MAGIC_64):
        (count,) = struct.unpack_from(">I", data, 4)
        if count > 30:  # a Java class file starts with CAFEBABE too
            return []
        entry, fmt = (32, ">iiQQI") if magic == FAT_MAGIC_64 else (20, ">iiIII")
        found = []
        for i in range(count):
            offset = struct.unpack_from(fmt, data, 8 + i * entry)[2]
            if offset + 32 <= len(data):
                found.append(_thin_minimum(data, offset))
        return [v for v in found if v]
    found = _thin_minimum(data)
    return [found] if found else []


def _looks_like_mach_o(head: bytes) -> bool:
    return (
        struct.unpack(">I", head)[0] in (FAT_MAGIC, FAT_MAGIC_64)
        or struct.unpack("<I", head)[0] in (MH_MAGIC, MH_MAGIC_64)
    )


def scan(bundle: Path) -> dict[Path, tuple[int, int, int]]:
    """Every Mach-O file under ``bundle`` with its highest minimum macOS."""
    result = {}
    for path in sorted(bundle.rglob("*")):
        if not path.is_file() or path.is_symlink():
            continue
        with path.open("rb") as f:
            head = f.read(4)
            if len(head) < 4 or not _looks_like_mach_o(head):
                continue
            data = head + f.read()
        versions = macos_minimums(data)
        if versions:
            result[path] = max(versions)
    return result


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("bundle", type=Path, help="the .app (or any folder)")
    ap.add_argument("--max", required=True, help="newest allowed minimum, e.g. 13.0")
    args = ap.parse_args(argv)
    limit = tuple(int(x) for x in (args.max.split(".") + ["0", "0"])[:3])
    found = scan(args.bundle)
    if not found:
        print(f"check_macos_min: no Mach-O files under {args.bundle}", file=sys.stderr)
        return 1
    too_new = {p: v for p, v in found.items() if v > limit}
    newest = max(found.values())
    print(f"{len(found)} Mach-O files; newest minimum macOS {'.'.join(map(str, newest))}")
    for path, v in too_new.items():
        print(f"  needs macOS {'.'.join(map(str, v))}: {path}", file=sys.stderr)
    return 1 if too_new else 0


if __name__ == "__main__":
    sys.exit(main())
