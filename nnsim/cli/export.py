"""``nnsim export PROJECT --to torch|npz -o OUT``: the network for use outside nnsim.

``--to torch`` writes a PyTorch script (its only dependency is torch) that rebuilds the
network with the trained weights and the data, prints the metrics of ``nnsim evaluate
--json`` and trains on with the same SGD; ``--to npz`` writes W1, b1, ... and a JSON
sidecar that describes the network (see `nnsim.project.export`).
"""

from __future__ import annotations

from pathlib import Path

from nnsim.cli.common import UsageError, print_json

FORMATS = ("torch", "npz")


def add_parser(command) -> None:
    """Register ``export`` with `nnsim.cli.main.build_parser`'s ``command`` helper."""
    sp = command("export", cmd_export, "the network as a PyTorch script or numpy arrays")
    sp.add_argument("--to", choices=FORMATS, default="torch", help="torch (default) or npz")
    sp.add_argument("-o", "--output", help="file to write (default: PROJECT with .py/.npz)")


def cmd_export(args) -> int:
    from nnsim.project import load
    from nnsim.project.export import FORMATS as SUFFIX
    from nnsim.project.export import export

    p = load(args.project)
    out = Path(args.output or Path(args.project).with_suffix(SUFFIX[args.to]))
    if out.resolve() == Path(args.project).resolve():
        raise UsageError(f"{out} is the project itself; choose another file with -o")
    written = export(p, args.to, out)
    if args.json:
        print_json({"format": args.to, "files": [str(f) for f in written]})
    else:
        print(f"wrote {', '.join(map(str, written))}")
    return 0
