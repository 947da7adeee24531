"""Assemble the draft plan as data the schema accepts, with every guess as a `note`.

The draft must pass `python -m generator check` as it is, so wherever the source leaves a
required field empty the draft puts a visible placeholder and says so in the note.
"""

from __future__ import annotations

import re
from typing import Any

from ..content import timeframes
from . import agencies, linebreaks, slug, suggest
from .agencies import AgencyDraft, Definition, Registry
from .log import DEADLINE, GUESS, INFO, Log
from .metadata import Metadata
from .table import Item, TableDraft

SUGGESTED = "Topics and audiences suggested by the importer; review them."
NO_TITLE = "(наименование не распознано)"
NO_TIMEFRAME = "не указан"
NO_RESPONSIBLE = "Исполнитель не указан в источнике"


def build_plan(
    measures_table: TableDraft,
    meta: Metadata,
    definitions: list[Definition],
    source_format: str,
    region: str,
    vocabularies: Any,
    log: Log,
    plan_id: str | None = None,
) -> dict[str, Any]:
    """The plan as data (the shape of content/plans/*.yaml)."""
    registry = Registry(definitions, vocabularies.glossary, log)
    measures = measures_table.measures()
    responsible = {id(m): _responsible(m, registry, log) for m in measures}
    period, period_note = _period(meta, measures, log)
    plan_id = plan_id or f"{region}-{period[0] if period else 'undated'}"
    _assign_ids(registry, region, vocabularies, log)
    registry.report_merges()
    taken_ids: set[str] = set()
    taken_numbers: set[str] = set()

    def measure_data(m: Item) -> dict[str, Any]:
        return _measure(
            m,
            responsible[id(m)],
            period,
            measures_table.roles,
            vocabularies,
            region,
            registry,
            log,
            taken_ids,
            taken_numbers,
        )

    def section_data(s: Item) -> dict[str, Any]:
        data: dict[str, Any] = {}
        if s.number:
            data["number"] = s.number
        title = s.text("title")
        if title:
            data["title"] = title
        own = [measure_data(c) for c in s.children if c.kind != "section"]
        subs = [section_data(c) for c in s.children if c.kind == "section"]
        if own:
            data["measures"] = own
        if subs:
            data["sections"] = subs
        if s.notes:
            data["note"] = _sentences(s.notes)
        return data

    sections = [section_data(s) for s in measures_table.sections]
    document_guesses = [e.message for e in log.of(GUESS) if e.subject is None and not e.message.startswith("period:")]
    plan: dict[str, Any] = {
        "id": plan_id,
        "region": region,
        "level": meta.level,
        "title": meta.title,
        "note": _sentences(
            [
                "Draft made by `python -m generator import`; "
                "every measure's note says what the importer guessed or fixed",
                "check each against the source before publishing",
                *document_guesses,
            ]
        ),
        "source": {"file": f"sources/{plan_id}.txt", "format": source_format},
    }
    if meta.act.get("date"):
        plan["act"] = dict(meta.act)
    if period is not None:
        plan["period"] = {"start": period[0], "end": period[1]}
        if meta.period_text:
            plan["period"]["text"] = meta.period_text
        if period_note:
            plan["period"]["note"] = period_note
    if measures_table.columns:
        plan["columns"] = dict(measures_table.columns)
    plan["agencies"] = [_agency_data(a) for a in registry.agencies.values()]
    plan["sections"] = sections
    return plan


def _responsible(measure: Item, registry: Registry, log: Log) -> list[tuple[AgencyDraft, bool]]:
    text = measure.text("responsible")
    out: list[tuple[AgencyDraft, bool]] = []
    for mention in agencies.split_cell(text, registry.shorts):
        agency = registry.resolve(mention, measure.where, measure.subject)
        for i, (known, agreed) in enumerate(out):
            if known is agency:
                out[i] = (known, agreed or mention.by_agreement)
                log.add(
                    GUESS,
                    measure.where,
                    f"«{mention.text}» names an agency already listed in this cell; listed once",
                    measure.subject,
                    measure,
                )
                break
        else:
            out.append((agency, mention.by_agreement))
    return out


def _years(text: str) -> list[int]:
    parsed = timeframes.parse(text)
    parts = [parsed, *(p for _, p in parsed.phases)]
    years = [y for p in parts for y in (p.start, p.end, *p.years) if y is not None]
    return years


def _period(meta: Metadata, measures: list[Item], log: Log) -> tuple[tuple[int, int] | None, str | None]:
    """The plan's years: the title's, else the act's and the deadlines'; None when the document names no year."""
    years = sorted({y for m in measures for y in _years(m.text("timeframe"))})
    notes: list[str] = []
    if meta.period_start and meta.period_end:
        start, end = meta.period_start, meta.period_end
    elif meta.period_end:
        end = meta.period_end
        if meta.act_year and meta.act_year <= end:
            start = meta.act_year
            notes.append(f"the title gives only the end year; the start is the year of the act ({start})")
        else:
            start = min([*years, end])
            notes.append(f"the title gives only the end year; the start is the earliest deadline year ({start})")
    else:
        pool = years + ([meta.act_year] if meta.act_year else [])
        if pool:
            start, end = min(pool), max(pool)
            notes.append("the title names no period; it is taken from the act's year and the deadlines' years")
        else:
            log.add(
                GUESS,
                meta.title_where,
                "no year found anywhere in the document; the draft has no period (add one if the plan has it)",
            )
            return None, None
    if years and years[-1] > end:
        notes.append(f"a deadline runs to {years[-1]}, after the printed end ({end}); the end is moved to {years[-1]}")
        end = years[-1]
    start, end = max(1990, min(start, 2100)), max(1990, min(end, 2100))
    start = min(start, end)
    note = _sentences(n[0].upper() + n[1:] for n in notes) if notes else None
    for n in notes:
        log.add(GUESS, meta.title_where, f"period: {n}")
    return (start, end), note


def _assign_ids(registry: Registry, region: str, vocabularies: Any, log: Log) -> None:
    region_name = vocabularies.regions.get(region, "")
    stem = region_name.split()[0][:5].lower() if region_name else region[:5]
    drop = (stem, "област", "края", "край", "республик", "кузбасс")
    taken = set(vocabularies.known_agencies)
    known_names: dict[str, str] = {}
    for agency_id, (name, shorts) in vocabularies.known_agencies.items():
        if agency_id.startswith(region + "-"):
            for form in [name, *shorts]:
                known_names.setdefault(agencies.without_region(agencies.normalise(form)), agency_id)
    for agency in registry.agencies.values():
        base = slug.slugify(_id_source(agency), drop=drop)
        agency.id = slug.unique(f"{region}-{base or 'agency'}", taken)
        forms = [agency.name, *agency.short_names]
        same = next(
            (
                known_names[k]
                for k in (agencies.without_region(agencies.normalise(f)) for f in forms)
                if k in known_names
            ),
            None,
        )
        if same:
            message = (
                f"another plan already defines agency {same} with this name; if it is the same organisation, "
                f"refer to {same} and delete this entry"
            )
            agency.notes.append(message)
            log.add(INFO, agency.where, message, f"agency {agency.id}")
        name_for_kind = " ".join([agency.name, registry.expansion(agency)])
        agency.kind, defaulted = suggest.kind(name_for_kind, vocabularies.kinds)
        if defaulted:
            agency.notes.append(f"kind not recognised from the name; «{agency.kind}» is a placeholder, check it")
            log.add(
                GUESS,
                agency.where,
                f"kind of «{_short(agency.name)}» not recognised; {agency.kind} put as a placeholder",
                f"agency {agency.id}",
            )
        else:
            agency.notes.append(f"kind «{agency.kind}» suggested by the importer from the name")
        spellings = list(dict.fromkeys(agency.spellings))
        if len({agencies.normalise(s) for s in spellings}) > 1:
            agency.notes.append("spellings in the source merged: " + "; ".join(f"«{s}»" for s in spellings))


def _id_source(agency: AgencyDraft) -> str:
    """What an agency id is made from: a short name, the quoted name of an institution, or the name's head."""
    if agency.shorts:
        return agency.shorts[0]
    quoted = re.search(r"«([^«»]+)", agency.name)
    if quoted and (
        re.match(r"^[А-ЯЁ]{3,}\b", agency.name)
        or re.match(r"^\w*(?:государствен|муниципальн|областн|краев|автономн|бюджетн|казенн)", agency.name.lower())
    ):
        return quoted.group(1)
    return re.split(r"[,(]", agency.name)[0]


def _agency_data(agency: AgencyDraft) -> dict[str, Any]:
    data: dict[str, Any] = {"id": agency.id, "name": agency.name}
    if agency.short_names:
        data["short_names"] = agency.short_names
    data["kind"] = agency.kind
    if agency.notes:
        data["note"] = _sentences(agency.notes)
    return data


def _measure(
    m: Item,
    responsible: list[tuple[AgencyDraft, bool]],
    period: tuple[int, int],
    roles: bool,
    vocabularies: Any,
    region: str,
    registry: Registry,
    log: Log,
    taken_ids: set[str],
    taken_numbers: set[str],
) -> dict[str, Any]:
    number = m.number or "?"
    if number in taken_numbers:
        repeat = 2
        while f"{number} ({repeat})" in taken_numbers:
            repeat += 1
        log.add(
            GUESS, m.where, f"number {number} is printed twice; this one is kept as «{number} ({repeat})»", m.subject, m
        )
        number = f"{number} ({repeat})"
    taken_numbers.add(number)
    measure_id = slug.unique(slug.number_slug(number) or "measure", taken_ids)
    title = m.text("title")
    if not title:
        title = NO_TITLE
        log.add(GUESS, m.where, "no title found in this row; a placeholder was put", m.subject, m)
    data: dict[str, Any] = {"id": measure_id, "number": number, "title": title}
    responsible_text = linebreaks.as_spaces(m.text("responsible"))
    if responsible_text:
        data["responsible_text"] = responsible_text
    if not responsible:
        placeholder = registry.resolve(agencies.Mention(NO_RESPONSIBLE), m.where, m.subject)
        if not placeholder.id:
            placeholder.id = slug.unique(f"{region}-unknown-responsible", set(vocabularies.known_agencies))
            kinds = vocabularies.kinds
            placeholder.kind = suggest.DEFAULT_KIND if suggest.DEFAULT_KIND in kinds else kinds[0]
            placeholder.notes.append("placeholder for measures whose responsible cell is empty or unreadable")
        responsible = [(placeholder, False)]
        log.add(GUESS, m.where, "no responsible agency found; a placeholder agency was put", m.subject, m)
    entries = []
    for i, (agency, agreed) in enumerate(responsible):
        entry: dict[str, Any] = {"agency": agency.id}
        if roles:
            entry["role"] = "lead" if i == 0 else "co-executor"
        if agreed:
            entry["by_agreement"] = True
        entries.append(entry)
    data["responsible"] = entries
    timeframe = m.text("timeframe")
    if not timeframe:
        timeframe = NO_TIMEFRAME
        log.add(GUESS, m.where, "no deadline found in this row; «не указан» was put", m.subject, m)
    elif not _understood(timeframe):
        log.add(
            DEADLINE,
            m.where,
            f"deadline «{timeframe}» has no years, months, quarters or recurrence the parser can read",
            m.subject,
            m,
        )
    data["timeframe"] = timeframe
    for name in ("result", "document"):
        value = m.text(name)
        if value:
            data[name] = value
    if m.events:
        data["events"] = [{"title": " ".join(e.title) or NO_TITLE, "timeframe": e.timeframe} for e in m.events]
        log.add(GUESS, m.where, f"{len(m.events)} lines with their own month read as sub-events", m.subject, m)
    described = " ".join([title, *(" ".join(e.title) for e in m.events)])
    topics, fallback = suggest.topics(described, vocabularies.topics, m.text("result"))
    if fallback:
        m.notes.append(f"no topic keyword found; «{topics[0]}» is a placeholder")
    audiences, grades = suggest.audiences(described, vocabularies.audiences)
    if grades:
        data["grades"] = {"from": grades[0], "to": grades[1]}
    data["topics"] = topics
    data["audiences"] = audiences
    data["note"] = _sentences([*m.notes, SUGGESTED])
    return data


def _understood(text: str) -> bool:
    parsed = timeframes.parse(text)
    return bool(
        parsed.start is not None
        or parsed.recurrence
        or parsed.months
        or parsed.quarters
        or parsed.halves
        or parsed.phases
    )


def _sentences(parts: Any) -> str:
    out = []
    for part in parts:
        part = " ".join(str(part).split())
        if part and part[-1] not in ".!?":
            part += "."
        out.append(part[0].upper() + part[1:] if part else part)
    return " ".join(p for p in out if p)


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
