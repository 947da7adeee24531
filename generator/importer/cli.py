"""`python -m generator import SOURCE --region ID [--out FILE] [--force]`: write a draft plan and its source text.

Bad input is one line on stderr and exit code 1, with nothing written. The draft is validated
(schema and loader, in a scratch content folder) before anything is written, and each file is
written to a temporary name and renamed, so a half-written file never appears.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

from ..content import layout, loader
from ..content.errors import ContentErrors
from .errors import ImporterError
from .pipeline import ImportResult, Vocabularies, import_source
from .report import format_report
from .yamlout import dump

_PLAN_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the `import` subcommand to an argparse subparsers object."""
    parser = subparsers.add_parser(
        "import",
        help="make a draft plan YAML from a plan's .docx, .pdf or extracted text, with a review report",
        description="Read a plan document and write a draft content/plans/<region>-<year>.yaml that passes "
        "`check`, plus content/sources/<plan-id>.txt; print what a reviewer must check.",
    )
    parser.add_argument(
        "source",
        metavar="SOURCE",
        help="a .docx, a .pdf with a text layer, or text (UTF-8, windows-1251, KOI8-R, UTF-16; HTML as it declares)",
    )
    parser.add_argument("--region", required=True, help="region id from content/regions.yaml")
    parser.add_argument(
        "--out", metavar="FILE", help="plan file to write (default: CONTENT/plans/<region>-<year>.yaml)"
    )
    parser.add_argument("--force", action="store_true", help="overwrite an existing plan file (and source text)")
    parser.add_argument("--content", default="content", help="content folder (default: content)")
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """Run the import; print the report, or one error line. Return the exit code."""
    try:
        result, written = execute(
            Path(args.source), args.region, Path(args.content), Path(args.out) if args.out else None, bool(args.force)
        )
    except ImporterError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # a damaged file can break a reader anywhere; never a traceback
        print(f"error: cannot import {args.source}: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    print(format_report(result, written.as_posix()))
    print(f"\nNext: review the notes, then run: python -m generator check {written.as_posix()}")
    return 0


def execute(source: Path, region: str, content: Path, out: Path | None, force: bool) -> tuple[ImportResult, Path]:
    """Import `source` and write the draft and its source text; return the result and the plan path."""
    plan_id = None
    if out is not None:
        if out.suffix != ".yaml" or not _PLAN_ID.match(out.stem):
            raise ImporterError(f"--out must name a file <plan-id>.yaml with a lowercase id such as {region}-2021.yaml")
        plan_id = out.stem
        if out.parent.name == layout.PLANS_DIR:
            content = out.parent.parent
    if not content.is_dir():
        raise ImporterError(f"content folder {content} not found (use --content)")
    if out is not None and out.exists() and not force:
        raise ImporterError(f"{out} already exists; use --force to overwrite it")
    vocabularies = Vocabularies.load(content, exclude=out)
    result = import_source(source, region, vocabularies, plan_id)
    if out is None:
        out = content / layout.PLANS_DIR / f"{result.plan_id}.yaml"
        if out.exists():
            if not force:
                raise ImporterError(f"{out} already exists; use --force to overwrite it (or --out another file)")
            result = import_source(source, region, vocabularies.without(out), result.plan_id)
    source_bytes = result.source_text.encode("utf-8")
    if result.source_format == "txt":
        original = source.read_bytes()
        if _is_utf8(original):
            source_bytes = original  # kept byte for byte; other encodings are kept as UTF-8
    source_path = content / layout.SOURCES_DIR / f"{result.plan_id}.txt"
    write_source = True
    if source_path.exists():
        if source_path.read_bytes() == source_bytes:
            write_source = False
        elif not force:
            raise ImporterError(f"{source_path} already exists with a different text; use --force to overwrite it")
    text = dump(result.plan, source.name)
    validate(text, result.plan_id, source_bytes, content)
    created = None
    if write_source:
        created = None if source_path.exists() else source_path
        write_atomically(source_path, source_bytes)
    try:
        write_atomically(out, text.encode("utf-8"))
    except BaseException:
        if created is not None:
            created.unlink(missing_ok=True)
        raise
    return result, out


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def validate(text: str, plan_id: str, source_bytes: bytes, content: Path) -> None:
    """Load the draft with the project's own loader in a scratch content folder; raise if it does not pass."""
    with tempfile.TemporaryDirectory(prefix="import-check-") as scratch:
        root = Path(scratch)
        for name in layout.VOCABULARY_FILES:
            if (content / name).is_file():
                shutil.copyfile(content / name, root / name)
        (root / layout.PLANS_DIR).mkdir()
        (root / layout.SOURCES_DIR).mkdir()
        (root / layout.PLANS_DIR / f"{plan_id}.yaml").write_text(text, encoding="utf-8")
        (root / layout.SOURCES_DIR / f"{plan_id}.txt").write_bytes(source_bytes)
        try:
            loader.load(root)
        except ContentErrors as exc:
            first = exc.errors[0]
            raise ImporterError(
                f"the draft does not pass check ({len(exc.errors)} errors; first: line {first.line}: "
                f"{first.message}); please report this as an importer bug"
            ) from None


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, then rename it over `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
