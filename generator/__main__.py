"""Command line: `check [PATH ...]`, `new-plan --region ID`, `import SOURCE --region ID`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import skeleton
from .content import layout, loader
from .content.errors import ContentErrors
from .importer import cli as importer_cli
from .site.urls import RESERVED_IDS


def _github(error) -> str:
    """A GitHub Actions workflow command: the error becomes an annotation on the changed line."""
    message = error.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::error file={error.path},line={error.line},col={error.column}::{message}"


def check(paths: list[str], output_format: str = "text") -> int:
    """Validate each content folder named (or the folder holding each file named)."""
    roots: list[Path] = []
    for name in paths or ["content"]:
        path = Path(name)
        root = (
            path.parent.parent
            if path.suffix == ".yaml" and path.parent.name == layout.PLANS_DIR
            else (path.parent if path.suffix == ".yaml" else path)
        )
        if root not in roots:
            roots.append(root)
    failed = False
    for root in roots:
        try:
            catalog = loader.load(root, RESERVED_IDS)
        except ContentErrors as exc:
            failed = True
            for error in exc.errors:
                print(_github(error) if output_format == "github" else error)
            print(f"{len(exc.errors)} error{'s' if len(exc.errors) != 1 else ''} in {root}", file=sys.stderr)
        else:
            print(f"{root}: ok: {catalog.summary()}")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description="Career-guidance plans knowledge base.")
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser(
        "check", help="validate content files and print every error as path:line:col: message"
    )
    check_parser.add_argument("paths", nargs="*", metavar="PATH", help="content folder or plan file (default: content)")
    check_parser.add_argument(
        "--format",
        choices=["text", "github"],
        default="text",
        dest="output_format",
        help="text: path:line:col: message; github: workflow annotations",
    )
    new_parser = commands.add_parser("new-plan", help="write a valid skeleton plan file for a region")
    new_parser.add_argument("--region", required=True, help="region id from content/regions.yaml")
    new_parser.add_argument("--year", type=int, help="first year of the plan (default: this year)")
    new_parser.add_argument("--level", choices=["regional", "municipal"], default="regional")
    new_parser.add_argument("--content", default="content", help="content folder (default: content)")
    new_parser.add_argument("--force", action="store_true", help="overwrite an existing file")
    importer_cli.add_parser(commands)
    args = parser.parse_args(argv)
    if args.command == "import":
        return importer_cli.run(args)
    if args.command == "check":
        return check(args.paths, args.output_format)
    if args.command == "new-plan":
        return new_plan(args)
    return 2


def new_plan(args: argparse.Namespace) -> int:
    try:
        path = skeleton.write_skeleton(Path(args.content), args.region, args.year, args.level, args.force)
    except skeleton.SkeletonError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {path}; fill it in, then run: python -m generator check {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
