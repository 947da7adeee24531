"""Importer quality: import documents in memory and compare each draft with what a person wrote down.

    python benchmarks/importer.py [--verbose] [--layouts DIR]

For every content/sources/<plan-id>.txt whose reviewed content/plans/<plan-id>.yaml exists, the
importer runs in memory (nothing is written) and each reviewed measure is looked up in the draft
by its printed number. Per plan and overall it prints: measures expected and found, numbers
matched, titles at a difflib ratio ≥ 0.9 (whitespace normalised), the same number of responsible
agencies, the same timeframe text, and "good" — number, title and agency count all right. The
target is ≥ 90% good. The last line is one JSON object with the same figures.

With `--layouts DIR` (a folder of `<plan>/<layout>.<ext>` files, each with `<layout>.expected.yaml`:
title, period, measures with number, title, responsible, timeframe) every layout file is imported
too and scored the same way, its numbers compared without a trailing «.» or «)», a number printed
more than once («а)» in every section) matched in order, and a measure printed without a number
matched by its place in the table. The figures are given per file and per
format (text, word, pdf), with the plan title, the period and whether the draft passes `check`.
A file the importer refuses counts as no measure found, with its one-line reason; anything else
it raises is a crash, which must never happen.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.content import layout  # noqa: E402
from generator.content.errors import ContentError  # noqa: E402
from generator.content.yamlsafe import decode, parse  # noqa: E402
from generator.importer import ImporterError, Vocabularies, import_source  # noqa: E402
from generator.importer.cli import validate  # noqa: E402
from generator.importer.yamlout import dump  # noqa: E402

CONTENT = ROOT / "content"
TITLE_RATIO = 0.9
TARGET = 0.9


def measures(sections: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Every measure of a plan, nested sections included, in printed order."""
    for section in sections:
        yield from section.get("measures", [])
        yield from measures(section.get("sections", []))


def squash(text: str) -> str:
    return " ".join(str(text).split())


def timeframe_text(value: Any) -> str:
    return squash(value["text"] if isinstance(value, dict) else value)


def number_key(number: str) -> str:
    """The printed number without its trailing «.» or «)» and without the «(2)» a draft adds to a repeat."""
    return re.sub(r"\s+\(\d+\)$", "", squash(number)).rstrip(".)")


def compare(draft: dict[str, Any], reviewed: dict[str, Any]) -> dict[str, Any]:
    """Figures for one plan, and the measures that fell short."""
    return score(list(measures(draft["sections"])), list(measures(reviewed["sections"])))


def score(found: list[dict[str, Any]], wanted: list[dict[str, Any]]) -> dict[str, Any]:
    """Figures for the draft's measures against the expected ones; an unnumbered one is matched by its place."""
    by_key: dict[str, list[dict[str, Any]]] = {}
    for m in found:
        by_key.setdefault(number_key(m["number"]), []).append(m)
    seen: dict[str, int] = {}  # a number printed again («а)» in every section) is matched in order
    row = {"expected": 0, "found": len(found), "numbers": 0, "titles": 0, "agencies": 0, "timeframes": 0, "good": 0}
    misses: list[str] = []
    for place, expected in enumerate(wanted):
        row["expected"] += 1
        if expected["number"] is None:
            got = found[place] if place < len(found) else None
            label = f"(row {place + 1})"
        else:
            key = number_key(expected["number"])
            repeat = seen[key] = seen.get(key, -1) + 1
            candidates = by_key.get(key, [])
            got = candidates[repeat] if repeat < len(candidates) else None
            label = expected["number"] if not repeat else f"{expected['number']} ({repeat + 1})"
        if got is None:
            misses.append(f"{label}: not found")
            continue
        row["numbers"] += 1
        ratio = difflib.SequenceMatcher(None, squash(got["title"]), squash(expected["title"])).ratio()
        title_ok = ratio >= TITLE_RATIO
        agencies_ok = len(got["responsible"]) == len(expected["responsible"])
        timeframe_ok = timeframe_text(got["timeframe"]) == timeframe_text(expected["timeframe"])
        row["titles"] += title_ok
        row["agencies"] += agencies_ok
        row["timeframes"] += timeframe_ok
        row["good"] += title_ok and agencies_ok
        if not title_ok:
            misses.append(f"{label}: title ratio {ratio:.2f}: «{squash(got['title'])[:80]}»")
        if not agencies_ok:
            misses.append(
                f"{label}: {len(got['responsible'])} agencies, expected {len(expected['responsible'])}"
                f" «{squash(got.get('responsible_text', ''))[:100]}»"
            )
        if not timeframe_ok:
            misses.append(
                f"{label}: timeframe «{timeframe_text(got['timeframe'])}», "
                f"expected «{timeframe_text(expected['timeframe'])}»"
            )
    row["misses"] = misses
    return row


def load_reviewed(path: Path) -> dict[str, Any] | str:
    try:
        data = parse(str(path), decode(str(path), path.read_bytes())).data
    except (ContentError, OSError) as exc:
        return f"cannot read the reviewed plan: {exc}"
    if not isinstance(data, dict) or not isinstance(data.get("sections"), list):
        return "the reviewed plan has no sections"
    return data


FIELDS = ("expected", "found", "numbers", "titles", "agencies", "timeframes", "good")
FORMATS = {"text": "text", "word": "word", "pdf": "pdf", "page": "html"}  # a layout file's name starts with its format


def seeds(vocabularies: Vocabularies) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    """Figures for every committed source text whose reviewed plan exists, and the plans skipped (why)."""
    plans: dict[str, dict[str, Any]] = {}
    skipped: dict[str, str] = {}
    for source in sorted((CONTENT / layout.SOURCES_DIR).glob("*.txt")):
        plan_id = source.stem
        reviewed_path = CONTENT / layout.plan_file(plan_id)
        if not reviewed_path.is_file():
            skipped[plan_id] = "no reviewed YAML yet"
            continue
        reviewed = load_reviewed(reviewed_path)
        if isinstance(reviewed, str):
            skipped[plan_id] = reviewed
            continue
        region = reviewed.get("region") or plan_id.rsplit("-", 1)[0]
        started = time.perf_counter()
        try:
            result = import_source(source, region, vocabularies)
        except ImporterError as exc:
            skipped[plan_id] = f"import failed: {exc}"
            continue
        row = compare(result.plan, reviewed)
        row["seconds"] = round(time.perf_counter() - started, 3)
        plans[plan_id] = row
    return plans, skipped


def layout_files(folder: Path) -> list[tuple[Path, Path]]:
    """(document, expected YAML) pairs of a layouts folder, in name order."""
    pairs = []
    for expected in sorted(folder.glob("*/*.expected.yaml")):
        stem = expected.name[: -len(".expected.yaml")]
        documents = [p for p in expected.parent.glob(stem + ".*") if not p.name.endswith(".expected.yaml")]
        if documents:
            pairs.append((documents[0], expected))
    return pairs


def score_layout(document: Path, expected_path: Path, region: str, vocabularies: Vocabularies) -> dict[str, Any]:
    """Import one layout file and score it against its expected YAML."""
    expected = parse(str(expected_path), decode(str(expected_path), expected_path.read_bytes())).data
    wanted = expected["measures"]
    started = time.perf_counter()
    try:
        result = import_source(document, region, vocabularies)
    except ImporterError as exc:
        row = score([], wanted)
        row.update(error=str(exc), crash=False, title=False, period=False, check=False)
        return row
    except Exception as exc:  # noqa: BLE001 - a crash is what this counts
        row = score([], wanted)
        row.update(error=f"{type(exc).__name__}: {exc}", crash=True, title=False, period=False, check=False)
        return row
    row = score(list(measures(result.plan["sections"])), wanted)
    row["seconds"] = round(time.perf_counter() - started, 3)
    ratio = difflib.SequenceMatcher(None, squash(result.plan["title"]).lower(), squash(expected["title"]).lower())
    row["title"] = ratio.ratio() >= TITLE_RATIO
    period = result.plan.get("period") or {}
    got_period = {"start": period["start"], "end": period["end"]} if "start" in period else None
    row["period"] = got_period == expected["period"]
    if not row["title"]:
        row["misses"].append(f"plan title «{squash(result.plan['title'])[:90]}»")
    if not row["period"]:
        row["misses"].append(f"period {got_period}, expected {expected['period']}")
    source_bytes = document.read_bytes() if result.source_format == "txt" else result.source_text.encode("utf-8")
    try:
        validate(dump(result.plan, document.name), result.plan_id, source_bytes, CONTENT)
        row["check"] = True
    except ImporterError as exc:
        row["check"] = False
        row["misses"].append(str(exc))
    row.update(error=None, crash=False)
    return row


def layouts(folder: Path, vocabularies: Vocabularies) -> dict[str, dict[str, Any]]:
    """Figures for every layout file of `folder`, keyed «plan/layout file»."""
    region = sorted(vocabularies.regions)[0]
    return {f"{d.parent.name}/{d.name}": score_layout(d, e, region, vocabularies) for d, e in layout_files(folder)}


def add_up(rows: list[dict[str, Any]]) -> dict[str, Any]:
    total: dict[str, Any] = dict.fromkeys(FIELDS, 0)
    for row in rows:
        for name in FIELDS:
            total[name] += row[name]
    for flag in ("title", "period", "check", "crash"):
        if any(flag in r for r in rows):
            total[flag] = sum(bool(r.get(flag)) for r in rows)
    total["files"] = len(rows)
    total["good_share"] = round(total["good"] / total["expected"], 4) if total["expected"] else 0.0
    return total


def print_table(label: str, rows: dict[str, dict[str, Any]], width: int = 16, flags: bool = False) -> None:
    extra = ("title", "period", "check") if flags else ()
    header = (
        f"{label:<{width}}"
        + "".join(f"{name:>11}" for name in FIELDS)
        + "".join(f"{n:>8}" for n in extra)
        + f"{'good %':>9}"
    )
    print(header)
    print("-" * len(header))
    for name, row in rows.items():
        share = row["good"] / row["expected"] if row["expected"] else 0.0
        marks = "".join(f"{('yes' if row[n] is True else 'no' if row[n] is False else row[n]):>8}" for n in extra)
        print(f"{name:<{width}}" + "".join(f"{row[n]:>11}" for n in FIELDS) + marks + f"{share:>9.1%}")
    print("-" * len(header))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", action="store_true", help="list every measure that falls short")
    parser.add_argument(
        "--layouts",
        metavar="DIR",
        type=Path,
        help="also score every <plan>/<layout>.* of DIR against its <layout>.expected.yaml",
    )
    args = parser.parse_args(argv)
    vocabularies = Vocabularies.load(CONTENT)
    plans, skipped = seeds(vocabularies)
    total = add_up(list(plans.values()))
    print_table("plan", {**plans, "overall": total})
    for plan_id, reason in skipped.items():
        print(f"skipped {plan_id}: {reason}")
    if args.verbose:
        for plan_id, row in plans.items():
            for miss in row["misses"]:
                print(f"  {plan_id} {miss}")
    share = total["good_share"]
    summary: dict[str, Any] = {
        "plans": len(plans),
        "skipped": skipped,
        **{k: total[k] for k in FIELDS},
        "good_share": share,
        "target": TARGET,
        "met": share >= TARGET and bool(plans),
        "slowest_seconds": max((r["seconds"] for r in plans.values()), default=0.0),
        "per_plan": {p: {k: v for k, v in r.items() if k != "misses"} for p, r in plans.items()},
    }
    if args.layouts:
        files = layouts(args.layouts, vocabularies)
        print()
        print_table("layout file", files, width=36, flags=True)
        by_layout: dict[str, list[dict[str, Any]]] = {}
        by_format: dict[str, list[dict[str, Any]]] = {}
        for name, row in files.items():
            kind = name.split("/", 1)[1].split(".", 1)[0]
            by_layout.setdefault(kind, []).append(row)
            by_format.setdefault(FORMATS.get(kind.split("-", 1)[0], "other"), []).append(row)
        layout_totals = {k: add_up(v) for k, v in sorted(by_layout.items())}
        format_totals = {k: add_up(v) for k, v in by_format.items()}
        format_totals["all"] = add_up(list(files.values()))
        print()
        print_table("layout", layout_totals, width=20, flags=True)
        print()
        print_table("format", format_totals, width=20, flags=True)
        for name, row in files.items():
            if row["error"]:
                print(f"{'crashed' if row['crash'] else 'refused'} {name}: {row['error']}")
        if args.verbose:
            for name, row in files.items():
                for miss in row["misses"]:
                    print(f"  {name} {miss}")
        summary["layouts"] = {
            "per_format": format_totals,
            "per_layout": layout_totals,
            "met": all(t["good_share"] >= TARGET for t in format_totals.values()) and not format_totals["all"]["crash"],
            "per_file": {n: {k: v for k, v in r.items() if k != "misses"} for n, r in files.items()},
        }
    print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
