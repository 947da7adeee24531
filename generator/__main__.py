"""Command line: `python -m generator check [PATH ...]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import loader
from .errors import ContentErrors


def check(paths: list[str]) -> int:
    """Validate each content folder named (or the folder holding each file named)."""
    roots: list[Path] = []
    for name in paths or ["content"]:
        path = Path(name)
        root = path.parent.parent if path.suffix == ".yaml" and path.parent.name == loader.PLANS_DIR else (
            path.parent if path.suffix == ".yaml" else path)
        if root not in roots:
            roots.append(root)
    failed = False
    for root in roots:
        try:
            catalog = loader.load(root)
        except ContentErrors as exc:
            failed = True
            for error in exc.errors:
                print(error)
            print(f"{len(exc.errors)} error{'s' if len(exc.errors) != 1 else ''} in {root}", file=sys.stderr)
        else:
            print(f"{root}: ok: {catalog.summary()}")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description="Career-guidance plans knowledge base.")
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser("check", help="validate content files and print every error as path:line:col: message")
    check_parser.add_argument("paths", nargs="*", metavar="PATH", help="content folder or plan file (default: content)")
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.paths)
    return 2


if __name__ == "__main__":
    sys.exit(main())
