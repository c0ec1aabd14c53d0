"""``nnsim examples`` lists the bundled examples; ``nnsim new OUT.json --example NAME`` starts
a project from one.

The examples are the package's data (`nnsim.examples`), so these work the same from a
checkout, an installed wheel and the frozen build. A listing that finds no example exits
with 1: an installation without its examples is broken, and CI runs this to notice.
"""

from __future__ import annotations

import os
import sys
from dataclasses import replace

from nnsim.cli.common import UsageError, print_json

# `new` options that still mean something when the project comes from an example
_KEPT_BY_EXAMPLE = {"command", "func", "out", "example", "force", "json", "title", "description"}


def add_parser(command, new_parser) -> None:
    """Register ``examples`` and give ``new`` its ``--example NAME`` option."""
    command("examples", cmd_examples, "list the bundled example projects", project=False)
    new_parser.add_argument(
        "--example", metavar="NAME", help="copy a bundled example (nnsim examples lists them)"
    )
    plain_new = new_parser.get_default("func")

    def new(args) -> int:
        if args.example is None:
            return plain_new(args)
        return cmd_new_from_example(args, new_parser)

    new_parser.set_defaults(func=new)


def _rows() -> list[dict]:
    from nnsim.examples import examples_dir, list_examples

    folder = examples_dir()
    return [
        {
            "name": e["file"].removesuffix(".json"),
            "file": e["file"],
            "path": str(folder / e["file"]),
            "title": e.get("title", ""),
            "claim": e.get("claim", ""),
        }
        for e in list_examples()
    ]


def cmd_examples(args) -> int:
    from nnsim.examples import examples_dir

    rows = _rows()
    if args.json:
        print_json({"folder": str(examples_dir()), "examples": rows})
    else:
        width = max((len(r["name"]) for r in rows), default=0)
        for r in rows:
            print(f"{r['name']:<{width}}  {r['title']}")
            print(f"{'':<{width}}  {r['claim']}")
        if rows:
            print(f"\n{len(rows)} examples in {examples_dir()}")
            print("start from one: nnsim new OUT.json --example NAME")
    if not rows:
        print(f"nnsim: error: no examples found in {examples_dir()}", file=sys.stderr)
        return 1
    return 0


def cmd_new_from_example(args, new_parser) -> int:
    """Save a copy of the example ``args.example`` as ``args.out`` (title/description kept
    unless --title/--description are given)."""
    from nnsim.examples import example_path, find_example
    from nnsim.project import load, save

    defaults = vars(new_parser.parse_args([args.out]))
    clashes = [
        k for k, v in vars(args).items() if k not in _KEPT_BY_EXAMPLE and defaults.get(k) != v
    ]
    if clashes:
        options = ", ".join("--" + k.replace("_", "-") for k in sorted(clashes))
        raise UsageError(f"--example takes the example's settings; drop {options}")
    entry = find_example(args.example)
    if entry is None:
        raise UsageError(f"no example {args.example!r} (nnsim examples lists them)")
    if os.path.exists(args.out) and not args.force:
        raise UsageError(f"{args.out} exists; use --force to overwrite it")
    p = load(example_path(entry["file"]))
    if args.title is not None:
        p = replace(p, title=args.title)
    if args.description is not None:
        p = replace(p, description=args.description)
    save(p, args.out)
    name = entry["file"].removesuffix(".json")
    if args.json:
        print_json(
            {
                "path": args.out,
                "example": name,
                "title": p.title,
                "claim": entry["claim"],
                "n": p.data.n,
                "task": p.task,
                "sizes": p.sizes,
                "activations": p.activations,
                "hyperparameters": p.hyper.to_dict(),
            }  # fmt: skip
        )
    else:
        sizes = "-".join(map(str, p.sizes))
        print(f"created {args.out} from the example {name}: {p.title} (network {sizes})")
    return 0
