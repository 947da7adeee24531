"""The review report printed after an import: counts, then everything a reviewer must check, located."""

from __future__ import annotations

from .log import ABBREVIATION, DEADLINE, FIX, GUESS, INFO, MERGE, SKIPPED
from .pipeline import ImportResult

_SECTIONS = (
    (GUESS, "Guesses (each is also a note in the draft)"),
    (DEADLINE, "Deadlines the timeframe parser cannot read"),
    (FIX, "Extraction artefacts fixed"),
    (MERGE, "Agencies merged from different spellings"),
    (ABBREVIATION, "Abbreviations defined in the text"),
    (SKIPPED, "Skipped"),
    (INFO, "Notes"),
)


def format_report(result: ImportResult, written: str | None = None) -> str:
    """The report as text, one finding per line, each with its place in the source."""
    plan = result.plan
    act = plan.get("act", {})
    lines = [
        f"Imported {result.source_name} ({result.source_format})" + (f" → {written}" if written else ""),
        f"Plan {plan['id']}: {plan['title']}",
        (f"Period {plan['period']['start']}–{plan['period']['end']}" if "period" in plan else "No period")
        + (f"; act: {act.get('type', 'act')} of {act['date']} № {act.get('number', '?')}" if act else "; no act found"),
        "Columns: " + ", ".join(f"{k} = «{v}»" for k, v in plan.get("columns", {}).items()),
        f"Found {result.sections} sections and {result.measures} measures; {len(plan['agencies'])} agencies.",
    ]
    for kind, heading in _SECTIONS:
        entries = result.log.of(kind)
        if not entries:
            continue
        lines.append("")
        lines.append(f"{heading} ({len(entries)}):")
        for e in entries:
            subject = f"{e.subject}: " if e.subject else ""
            lines.append(f"  {e.where}: {subject}{e.message}")
    lines.append("")
    lines.append("Topics, audiences and agency kinds are suggestions; review them.")
    return "\n".join(lines)
