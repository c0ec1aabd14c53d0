"""Rebuild Qt's libicudata with the locale data of a few languages only (Linux, opt-in).

libQt6Core needs ICU, and libicudata.so.NN is one 31 MB blob: the CLDR data of ~800
locales. nnsim's interface is English and Russian, and Qt takes its own locale data
(number and date formats) from its own tables; ICU is used for collation, case mapping,
time zones, text codecs and IDNA. This keeps everything that is not per-locale (all
converters, normalisation, break rules and dictionaries, time zones, supplemental data)
plus root and the locales of KEEP (default en, ru), and drops the other locales' names,
currencies, units, collation tailorings and spell-out rules: 31 MB -> ~13 MB.

Used by packaging/nnsim.spec when NNSIM_ICU_SUBSET=1 (build.sh --icu-subset). Needs
`icupkg` (Debian/Ubuntu: icu-devtools; any ICU version reads the package format) and a C
compiler (cc) for the one-symbol shared library. Any failure returns None and the build
keeps the full ICU. Checked by hand (see benchmarks/RESULTS-packaging.md): collation of
ru/en, Russian upper-casing, Europe/Moscow, windows-1251 and Shift-JIS decoders, IDNA
give the same results as with the full data.

    python packaging/icu_subset.py LIBICUDATA OUT_DIR   # try it by hand
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

KEEP = ("en", "ru")
LOCALE = re.compile(r"^([a-z]{2,3})(_[A-Za-z0-9]*)*\.res$")  # af.res, en_GB.res, sr_Latn.res


def _out(cmd: list[str]) -> str:
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def _symbol(lib: Path) -> tuple[str, int, int]:
    """(name, file offset, size) of the icudtNN_dat object."""
    syms = _out(["readelf", "-sW", str(lib)])
    m = re.search(
        r"^\s*\d+:\s+([0-9a-f]+)\s+(\S+)\s+OBJECT\s+GLOBAL\s+\S+\s+(\d+)\s+(icudt\d+_dat)",
        syms,
        re.M,
    )
    if not m:
        raise RuntimeError("no icudtNN_dat symbol")
    value, size, section, name = int(m[1], 16), int(m[2], 0), int(m[3]), m[4]
    secs = _out(["readelf", "-SW", str(lib)])
    s = re.search(rf"^\s*\[\s*{section}\]\s+\S+\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)", secs, re.M)
    addr, offset = int(s[1], 16), int(s[2], 16)
    return name, value - addr + offset, size


def keep_item(item: str, keep=KEEP) -> bool:
    name = item.rsplit("/", 1)[-1]
    m = LOCALE.match(name)
    # res_index.res (the list of locales in a tree) looks like a locale name; keep it: a
    # listed locale that is gone falls back to root, as for any locale ICU does not have
    return not m or m.group(1) in keep or name == "res_index.res"


def make_subset(lib: Path, out_dir: Path, keep=KEEP) -> Path | None:
    """Write out_dir/<soname> with the subset; None (and a message) if it cannot."""
    lib, out_dir = Path(lib), Path(out_dir)
    for tool in ("icupkg", "readelf", "cc"):
        if not shutil.which(tool):
            print(f"icu_subset: {tool} not found; keeping the full ICU data", file=sys.stderr)
            return None
    try:
        name, offset, size = _symbol(lib)  # e.g. icudt73_dat
        pkg = name[: -len("_dat")] + "l"  # icudt73l: the package name icupkg expects
        out_dir.mkdir(parents=True, exist_ok=True)
        full = out_dir / "full" / f"{pkg}.dat"
        full.parent.mkdir(exist_ok=True)
        with open(lib, "rb") as f:
            f.seek(offset)
            full.write_bytes(f.read(size))
        items = _out(["icupkg", "-l", str(full)]).split()
        drop = [i for i in items if not keep_item(i, keep)]
        (out_dir / "drop.txt").write_text("\n".join(drop) + "\n")
        sub = out_dir / f"{pkg}.dat"
        sub.unlink(missing_ok=True)
        _out(["icupkg", "-r", str(out_dir / "drop.txt"), str(full), str(sub)])
        asm = out_dir / "icudata.S"
        asm.write_text(
            f"    .section .rodata\n    .globl {name}\n    .type {name}, @object\n"
            f'    .balign 16\n{name}:\n    .incbin "{sub}"\n'
            f"    .size {name}, . - {name}\n"
            '    .section .note.GNU-stack,"",@progbits\n'
        )
        out = out_dir / lib.name
        _out(["cc", "-shared", "-nostdlib", "-o", str(out), str(asm), f"-Wl,-soname,{lib.name}"])
        print(
            f"icu_subset: {lib.name} {lib.stat().st_size / 1e6:.1f} MB -> "
            f"{out.stat().st_size / 1e6:.1f} MB ({len(items) - len(drop)} of {len(items)} "
            f"items, locales {', '.join(keep)})"
        )
        return out
    except (subprocess.CalledProcessError, RuntimeError, OSError, AttributeError) as e:
        detail = getattr(e, "stderr", "") or e
        print(f"icu_subset: failed ({detail}); keeping the full ICU data", file=sys.stderr)
        return None


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[-1].strip())
    sys.exit(0 if make_subset(Path(sys.argv[1]), Path(sys.argv[2])) else 1)
