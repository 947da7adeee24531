"""The dataset as downloads: JSON of the loaded model and CSV of measures.

Analysts take the data out; the JSON mirrors the model (with timeframes as understood), the
CSV has one row per measure and a UTF-8 BOM so that Excel opens the Cyrillic text correctly.
"""

from __future__ import annotations

import csv
import io
import json
from operator import itemgetter
from typing import Any, Iterable

from ..content.model import Agency, Catalog, Measure, Plan
from ..content.timeframes import Timeframe

# Column name → (description for the data page, value of a measure).
CSV_COLUMNS: dict[str, str] = {
    "plan_id": "Идентификатор плана (часть адреса страницы плана)",
    "region": "Регион",
    "region_iso": "Код региона по ISO 3166-2",
    "plan_level": "Уровень плана: regional — региональный, municipal — муниципальный",
    "measure_id": "Идентификатор мероприятия внутри плана",
    "number": "Номер мероприятия, как в документе",
    "section": "Раздел (номер и название), как в документе",
    "title": "Наименование мероприятия",
    "responsible": "Ответственные исполнители по порядку, через «; »; «(по согласованию)», где так указано",
    "lead_agency": "Ответственный исполнитель (первый в списке, если документ не выделяет ответственного)",
    "agency_ids": "Идентификаторы исполнителей через пробел",
    "agency_kinds": "Виды исполнителей через пробел",
    "timeframe": "Срок, как в документе",
    "start_year": "Год начала (как понят срок)",
    "end_year": "Год окончания (как понят срок)",
    "years": "Все годы, в которые идёт мероприятие, через пробел",
    "quarters": "Кварталы через пробел",
    "months": "Месяцы (1–12) через пробел",
    "recurrence": "Периодичность: once, annual, semiannual, quarterly, monthly, continuous, as-planned, on-request",
    "result": "Ожидаемый (ключевой, планируемый) результат",
    "document": "Документ, подтверждающий результат",
    "targets": "Целевые показатели: значение, единица, год через «; »",
    "topics": "Темы (идентификаторы) через пробел",
    "audiences": "Аудитории (идентификаторы) через пробел",
    "grades": "Классы, например 6-11",
    "note": "Примечание составителя",
    "url": "Адрес страницы мероприятия на сайте (относительно корня сайта)",
}


def timeframe_dict(tf: Timeframe) -> dict[str, Any]:
    data: dict[str, Any] = {"text": tf.text, "start": tf.start, "end": tf.end, "years": list(tf.all_years),
                            "quarters": list(tf.quarters), "halves": list(tf.halves), "months": list(tf.months),
                            "recurrence": tf.recurrence}
    if tf.phases:
        data["phases"] = [{"label": label, **timeframe_dict(part)} for label, part in tf.phases]
    if tf.note:
        data["note"] = tf.note
    return data


def agency_dict(a: Agency) -> dict[str, Any]:
    return {"id": a.id, "name": a.name, "short_names": list(a.short_names), "kind": a.kind.id,
            "region": a.region.id, "note": a.note}


def measure_dict(m: Measure, url: str) -> dict[str, Any]:
    return {
        "id": m.id, "number": m.number, "title": m.title,
        "section": m.section.heading if m.section and (m.section.number or m.section.title) else None,
        "responsible": [{"agency": r.agency.id, "role": r.role, "by_agreement": r.by_agreement, "note": r.note}
                        for r in m.responsible],
        "responsible_text": m.responsible_text, "timeframe": timeframe_dict(m.timeframe),
        "result": m.result, "document": m.document,
        "events": [{"title": e.title, "timeframe": timeframe_dict(e.timeframe) if e.timeframe else None, "note": e.note}
                   for e in m.events],
        "targets": [{"text": t.text, "value": t.value, "comparator": t.comparator, "unit": t.unit,
                     "population": t.population, "year": t.year, "recurrence": t.recurrence, "note": t.note}
                    for t in m.targets],
        "topics": [t.id for t in m.topics], "audiences": [a.id for a in m.audiences],
        "grades": list(m.grades) if m.grades else None, "note": m.note, "url": url,
    }


def plan_dict(plan: Plan, measure_url) -> dict[str, Any]:
    act = plan.act
    return {
        "id": plan.id, "region": plan.region.id, "level": plan.level, "municipality": plan.municipality,
        "title": plan.title, "period": {"start": plan.period[0], "end": plan.period[1], "text": plan.period_text},
        "act": None if act is None else {
            "issuer": act.issuer, "type": act.type, "date": act.date, "number": act.number, "title": act.title,
            "signatory": {"name": act.signatory_name, "position": act.signatory_position} if act.signatory_name else None,
            "note": act.note},
        "goals": list(plan.goals), "tasks": list(plan.tasks),
        "agencies": [agency_dict(a) for a in plan.responsible_agencies],
        "measures": [measure_dict(m, measure_url(m)) for m in plan.measures],
        "note": plan.note,
    }


def catalog_dict(catalog: Catalog, plans: list[dict[str, Any]]) -> dict[str, Any]:
    """The whole base; `plans` are the plan_dicts, which the per-plan files use as well."""
    return {
        "regions": [{"id": r.id, "name": r.name, "iso": r.iso, "federal_district": r.federal_district}
                    for r in catalog.regions.values()],
        "topics": [{"id": t.id, "title": t.title, "description": t.description} for t in catalog.topics.values()],
        "audiences": [{"id": a.id, "title": a.title, "grades": list(a.grades) if a.grades else None}
                      for a in catalog.audiences.values()],
        "agency_kinds": [{"id": k.id, "title": k.title, "group": k.group} for k in catalog.kinds.values()],
        "agencies": [agency_dict(a) for a in catalog.agencies.values()],
        "plans": plans,
    }


def to_json(data: Any) -> bytes:
    """Compact JSON: without indent, the json module encodes in C (5–10 times faster)."""
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def csv_row(m: Measure, url: str) -> dict[str, str]:
    tf = m.timeframe
    return {
        "plan_id": m.plan.id, "region": m.plan.region.name, "region_iso": m.plan.region.iso, "plan_level": m.plan.level,
        "measure_id": m.id, "number": m.number,
        "section": m.section.heading if m.section and (m.section.number or m.section.title) else "",
        "title": m.title,
        "responsible": "; ".join(r.agency.name + (" (по согласованию)" if r.by_agreement else "") for r in m.responsible),
        "lead_agency": m.lead.name, "agency_ids": " ".join(a.id for a in m.agencies),
        "agency_kinds": " ".join(dict.fromkeys(a.kind.id for a in m.agencies)),
        "timeframe": tf.text, "start_year": "" if tf.start is None else str(tf.start),
        "end_year": "" if tf.end is None else str(tf.end), "years": " ".join(map(str, tf.all_years)),
        "quarters": " ".join(map(str, tf.quarters)), "months": " ".join(map(str, tf.months)),
        "recurrence": tf.recurrence or "", "result": m.result or "", "document": m.document or "",
        "targets": "; ".join(f"{t.value_text} {t.unit or ''}".strip() + (f" ({t.year})" if t.year else "") for t in m.targets),
        "topics": " ".join(t.id for t in m.topics), "audiences": " ".join(a.id for a in m.audiences),
        "grades": f"{m.grades[0]}-{m.grades[1]}" if m.grades else "", "note": m.note or "", "url": url,
    }


def csv_lines(rows: Iterable[dict[str, str]]) -> str:
    """The lines of measures' csv_rows, without the header: a plan's lines go to its own file and the whole base's."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(map(itemgetter(*CSV_COLUMNS), rows))
    return out.getvalue()


def to_csv(lines: Iterable[str]) -> bytes:
    """A CSV file of csv_lines under the header, UTF-8 with BOM, CRLF line ends (what Excel expects)."""
    return b"\xef\xbb\xbf" + (_CSV_HEADER + "".join(lines)).encode("utf-8")


_CSV_HEADER = csv_lines([{name: name for name in CSV_COLUMNS}])
