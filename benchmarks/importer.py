"""Importer quality: import the committed source texts and compare each draft with the reviewed plan.

    python benchmarks/importer.py [--verbose]

For every content/sources/<plan-id>.txt whose reviewed content/plans/<plan-id>.yaml exists, the
importer runs in memory (nothing is written) and each reviewed measure is looked up in the draft
by its printed number. Per plan and overall it prints: measures expected and found, numbers
matched, titles at a difflib ratio ≥ 0.9 (whitespace normalised), the same number of responsible
agencies, the same timeframe text, and "good" — number, title and agency count all right. The
target is ≥ 90% good. The last line is one JSON object with the same figures.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
import time
from pathlib import Path
from typing import Any, Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.content.errors import ContentError  # noqa: E402
from generator.importer import ImporterError, Vocabularies, import_source  # noqa: E402
from generator.content.yamlsafe import decode, parse  # noqa: E402

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
    return squash(number).rstrip(".")


def compare(draft: dict[str, Any], reviewed: dict[str, Any]) -> dict[str, Any]:
    """Figures for one plan, and the measures that fell short."""
    found = list(measures(draft["sections"]))
    by_number = {m["number"]: m for m in found}
    by_key = {number_key(m["number"]): m for m in found}
    row = {"expected": 0, "found": len(found), "numbers": 0, "titles": 0, "agencies": 0, "timeframes": 0, "good": 0}
    misses: list[str] = []
    for expected in measures(reviewed["sections"]):
        row["expected"] += 1
        got = by_number.get(expected["number"]) or by_key.get(number_key(expected["number"]))
        if got is None:
            misses.append(f"{expected['number']}: not found")
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
            misses.append(f"{expected['number']}: title ratio {ratio:.2f}: «{squash(got['title'])[:80]}»")
        if not agencies_ok:
            misses.append(f"{expected['number']}: {len(got['responsible'])} agencies, "
                          f"expected {len(expected['responsible'])}")
        if not timeframe_ok:
            misses.append(f"{expected['number']}: timeframe «{timeframe_text(got['timeframe'])}», "
                          f"expected «{timeframe_text(expected['timeframe'])}»")
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", action="store_true", help="list every measure that falls short")
    args = parser.parse_args(argv)
    vocabularies = Vocabularies.load(CONTENT)
    fields = ("expected", "found", "numbers", "titles", "agencies", "timeframes", "good")
    total = dict.fromkeys(fields, 0)
    plans: dict[str, dict[str, Any]] = {}
    skipped: dict[str, str] = {}
    slowest = 0.0
    for source in sorted((CONTENT / "sources").glob("*.txt")):
        plan_id = source.stem
        reviewed_path = CONTENT / "plans" / f"{plan_id}.yaml"
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
        seconds = time.perf_counter() - started
        slowest = max(slowest, seconds)
        row = compare(result.plan, reviewed)
        row["seconds"] = round(seconds, 3)
        plans[plan_id] = row
        for name in fields:
            total[name] += row[name]

    header = f"{'plan':<16}" + "".join(f"{name:>11}" for name in fields) + f"{'good %':>9}{'ms':>7}"
    print(header)
    print("-" * len(header))
    for plan_id, row in plans.items():
        share = row["good"] / row["expected"] if row["expected"] else 0.0
        print(f"{plan_id:<16}" + "".join(f"{row[name]:>11}" for name in fields)
              + f"{share:>9.1%}{row['seconds'] * 1000:>7.0f}")
    print("-" * len(header))
    share = total["good"] / total["expected"] if total["expected"] else 0.0
    print(f"{'overall':<16}" + "".join(f"{total[name]:>11}" for name in fields) + f"{share:>9.1%}")
    for plan_id, reason in skipped.items():
        print(f"skipped {plan_id}: {reason}")
    if args.verbose:
        for plan_id, row in plans.items():
            for miss in row["misses"]:
                print(f"  {plan_id} {miss}")
    summary = {
        "plans": len(plans), "skipped": skipped, **total, "good_share": round(share, 4), "target": TARGET,
        "met": share >= TARGET and bool(plans), "slowest_seconds": round(slowest, 3),
        "per_plan": {p: {k: v for k, v in r.items() if k != "misses"} for p, r in plans.items()},
    }
    print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
