"""The dataset as downloads: JSON of the loaded model, and tables of measures, plans, agencies and targets.

Each table's columns are declared once here (name, Russian header and description, value,
type): the CSV files (for machines: codes and dot-separated numbers), the XLSX workbooks (for
people: Russian headers, words instead of codes), the column documentation on the data page
and the Data Package's table schemas are all made from these declarations.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from ..content.model import Agency, Catalog, Measure, Plan, Target
from ..content.timeframes import RECURRENCE_TITLES, Timeframe
from . import urls

T = TypeVar("T")
Value = str | int | float | None

LEVELS = {"regional": "региональный", "municipal": "муниципальный"}
COMPARATORS = {"at-least": "не менее", "exactly": "ровно", "at-most": "не более"}
# How the data page and the workbook's column sheet name each type (Table Schema types, and links).
TYPE_TITLES = {
    "string": "текст",
    "integer": "целое число",
    "number": "число",
    "date": "дата (ГГГГ-ММ-ДД)",
    "url": "ссылка",
}


@dataclass(frozen=True)
class Column(Generic[T]):
    """One column of a table.

    `get` gives the value for machines (CSV, table schema); `show`, where set, the value for
    people (XLSX) — words where `get` gives a code. A "url" column's value is a page of the
    site (a source path), made absolute when written.
    """

    name: str
    header: str
    description: str
    get: Callable[[T], Value]
    type: str = "string"
    show: Callable[[T], Value] | None = None
    required: bool = False


@dataclass(frozen=True)
class Table(Generic[T]):
    """A table of the dataset: a CSV file, a sheet of the workbook, a resource of the data package."""

    name: str
    title: str
    description: str
    columns: tuple[Column[T], ...]
    rows: Callable[[Plan], Iterable[T]] = lambda plan: ()
    """The rows one plan gives; the whole base's table is every plan's rows in turn."""
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = ()
    """(fields, table name, fields there)."""

    def values(self, row: T, absolute: Callable[[str], str]) -> list[Value]:
        """The row for machines; `absolute` turns a page of the site into its address."""
        return [_address(c, c.get(row), absolute) for c in self.columns]

    def shown(self, row: T, absolute: Callable[[str], str]) -> list[Value]:
        """The row for people."""
        return [_address(c, (c.show or c.get)(row), absolute) for c in self.columns]


def _address(column: Column, value: Value, absolute: Callable[[str], str]) -> Value:
    return absolute(value) if column.type == "url" and value else value


def _joined(values: Iterable[Any], sep: str = " ") -> str:
    return sep.join(map(str, values))


def _section(m: Measure) -> str:
    return m.section.heading if m.section and (m.section.number or m.section.title) else ""


def _target_text(t: Target) -> str:
    return f"{t.value_text} {t.unit or ''}".strip() + (f" ({t.year})" if t.year else "")


def _recurrence(code: str | None) -> str | None:
    return RECURRENCE_TITLES.get(code, code) if code else None


MEASURES: Table[Measure] = Table(
    "measures",
    "Мероприятия",
    "Все мероприятия, по строке на мероприятие",
    (
        Column(
            "plan_id", "План", "Идентификатор плана (часть адреса страницы плана)", lambda m: m.plan.id, required=True
        ),
        Column("region", "Регион", "Регион", lambda m: m.plan.region.name),
        Column("region_iso", "Код региона", "Код региона по ISO 3166-2", lambda m: m.plan.region.iso),
        Column(
            "plan_level",
            "Уровень плана",
            "Уровень плана: regional — региональный, municipal — муниципальный (в XLSX словами)",
            lambda m: m.plan.level,
            show=lambda m: LEVELS[m.plan.level],
        ),
        Column("measure_id", "Идентификатор", "Идентификатор мероприятия внутри плана", lambda m: m.id, required=True),
        Column("number", "№", "Номер мероприятия, как в документе (текст: «4.10» — не «4.1»)", lambda m: m.number),
        Column("section", "Раздел", "Раздел (номер и название), как в документе", _section),
        Column("title", "Мероприятие", "Наименование мероприятия", lambda m: m.title),
        Column(
            "responsible",
            "Исполнители",
            "Ответственные исполнители по порядку, через «; »; «(по согласованию)», где так указано",
            lambda m: _joined(
                (r.agency.name + (" (по согласованию)" if r.by_agreement else "") for r in m.responsible), "; "
            ),
        ),
        Column(
            "lead_agency",
            "Ответственный исполнитель",
            "Ответственный исполнитель (первый в списке, если документ не выделяет ответственного)",
            lambda m: m.lead.name,
        ),
        Column(
            "agency_ids",
            "Идентификаторы исполнителей",
            "Идентификаторы исполнителей через пробел",
            lambda m: _joined(a.id for a in m.agencies),
        ),
        Column(
            "agency_kinds",
            "Виды исполнителей",
            "Виды исполнителей: идентификаторы через пробел (в XLSX — названия через «; »)",
            lambda m: _joined(dict.fromkeys(a.kind.id for a in m.agencies)),
            show=lambda m: _joined(dict.fromkeys(a.kind.title for a in m.agencies), "; "),
        ),
        Column("timeframe", "Срок", "Срок, как в документе", lambda m: m.timeframe.text),
        Column("start_year", "Год начала", "Год начала (как понят срок)", lambda m: m.timeframe.start, "integer"),
        Column("end_year", "Год окончания", "Год окончания (как понят срок)", lambda m: m.timeframe.end, "integer"),
        Column(
            "years",
            "Годы",
            "Все годы, в которые идёт мероприятие, через пробел",
            lambda m: _joined(m.timeframe.all_years),
        ),
        Column("quarters", "Кварталы", "Кварталы через пробел", lambda m: _joined(m.timeframe.quarters)),
        Column("months", "Месяцы", "Месяцы (1–12) через пробел", lambda m: _joined(m.timeframe.months)),
        Column(
            "recurrence",
            "Периодичность",
            "Периодичность: once, annual, semiannual, quarterly, monthly, "
            "continuous, as-planned, on-request (в XLSX словами: однократно, ежегодно …)",
            lambda m: m.timeframe.recurrence,
            show=lambda m: _recurrence(m.timeframe.recurrence),
        ),
        Column("result", "Результат", "Ожидаемый (ключевой, планируемый) результат", lambda m: m.result),
        Column("document", "Документ", "Документ, подтверждающий результат", lambda m: m.document),
        Column(
            "targets",
            "Целевые показатели",
            "Целевые показатели: значение, единица, год через «; » (подробно — в таблице показателей)",
            lambda m: _joined(map(_target_text, m.targets), "; "),
        ),
        Column(
            "topics",
            "Темы",
            "Темы: идентификаторы через пробел (в XLSX — названия через «; »)",
            lambda m: _joined(t.id for t in m.topics),
            show=lambda m: _joined((t.title for t in m.topics), "; "),
        ),
        Column(
            "audiences",
            "Аудитории",
            "Аудитории: идентификаторы через пробел (в XLSX — названия через «; »)",
            lambda m: _joined(a.id for a in m.audiences),
            show=lambda m: _joined((a.title for a in m.audiences), "; "),
        ),
        Column(
            "grades", "Классы", "Классы, например 6-11", lambda m: f"{m.grades[0]}-{m.grades[1]}" if m.grades else None
        ),
        Column("note", "Примечание", "Примечание составителя", lambda m: m.note),
        Column("url", "Страница", "Адрес страницы мероприятия на сайте", urls.measure, "url"),
    ),
    lambda plan: plan.measures,
    ("plan_id", "measure_id"),
    ((("plan_id",), "plans", ("plan_id",)),),
)


PLANS: Table[Plan] = Table(
    "plans",
    "Планы",
    "Планы, по строке на план",
    (
        Column("plan_id", "План", "Идентификатор плана (часть адреса страницы плана)", lambda p: p.id, required=True),
        Column("region", "Регион", "Регион", lambda p: p.region.name),
        Column("region_iso", "Код региона", "Код региона по ISO 3166-2", lambda p: p.region.iso),
        Column("federal_district", "Федеральный округ", "Федеральный округ", lambda p: p.region.federal_district),
        Column(
            "plan_level",
            "Уровень плана",
            "Уровень плана: regional — региональный, municipal — муниципальный (в XLSX словами)",
            lambda p: p.level,
            show=lambda p: LEVELS[p.level],
        ),
        Column(
            "municipality",
            "Муниципалитет",
            "Муниципальное образование (для муниципального плана)",
            lambda p: p.municipality,
        ),
        Column("title", "Название", "Название плана, как в документе", lambda p: p.title),
        Column(
            "period_start",
            "Начало периода",
            "Первый год периода плана (пусто, если в документе нет лет)",
            lambda p: p.period and p.period[0],
            "integer",
        ),
        Column(
            "period_end", "Конец периода", "Последний год периода плана", lambda p: p.period and p.period[1], "integer"
        ),
        Column("period_text", "Период в документе", "Период, как он напечатан", lambda p: p.period_text),
        Column(
            "act_type", "Вид акта", "Вид утвердившего акта (распоряжение, приказ …)", lambda p: p.act and p.act.type
        ),
        Column("act_issuer", "Кем утверждён", "Кто издал акт", lambda p: p.act and p.act.issuer),
        Column("act_date", "Дата акта", "Дата акта", lambda p: p.act and p.act.date, "date"),
        Column("act_number", "Номер акта", "Номер акта, как напечатан", lambda p: p.act and p.act.number),
        Column("measures", "Мероприятий", "Число мероприятий плана", lambda p: len(p.measures), "integer"),
        Column(
            "agencies",
            "Исполнителей",
            "Число исполнителей, названных в мероприятиях",
            lambda p: len(p.responsible_agencies),
            "integer",
        ),
        Column(
            "source_url", "Документ в сети", "Адрес документа-источника, где он опубликован", lambda p: p.source_url
        ),
        Column(
            "source_text",
            "Текст документа",
            "Адрес текста документа-источника на сайте",
            lambda p: urls.asset(f"sources/{p.id}.txt"),
            "url",
        ),
        Column("note", "Примечание", "Примечание составителя", lambda p: p.note),
        Column("url", "Страница", "Адрес страницы плана на сайте", urls.plan, "url"),
    ),
    lambda plan: (plan,),
    ("plan_id",),
)


AGENCIES: Table[Agency] = Table(
    "agencies",
    "Исполнители",
    "Исполнители, по строке на исполнителя плана",
    (
        Column(
            "agency_id",
            "Идентификатор",
            "Идентификатор исполнителя (часть адреса его страницы)",
            lambda a: a.id,
            required=True,
        ),
        Column("name", "Наименование", "Наименование, как в документе", lambda a: a.name),
        Column(
            "short_names",
            "Сокращения",
            "Краткие наименования из документа через «; »",
            lambda a: _joined(a.short_names, "; "),
        ),
        Column(
            "kind",
            "Вид",
            "Вид исполнителя: идентификатор (в XLSX — название)",
            lambda a: a.kind.id,
            show=lambda a: a.kind.title,
        ),
        Column("region", "Регион", "Регион", lambda a: a.region.name),
        Column("plan_id", "План", "Идентификатор плана, который называет исполнителя", lambda a: a.plan_id),
        Column("note", "Примечание", "Примечание составителя", lambda a: a.note),
        Column("url", "Страница", "Адрес страницы исполнителя на сайте", urls.agency, "url"),
    ),
    lambda plan: plan.agencies,
    ("agency_id",),
    ((("plan_id",), "plans", ("plan_id",)),),
)


def _targets(plan: Plan) -> Iterator[tuple[Measure, Target]]:
    return ((m, t) for m in plan.measures for t in m.targets)


TargetRow = tuple[Measure, Target]
TARGETS: Table[TargetRow] = Table(
    "targets",
    "Показатели",
    "Целевые показатели мероприятий, по строке на показатель",
    (
        Column("plan_id", "План", "Идентификатор плана", lambda r: r[0].plan.id, required=True),
        Column("measure_id", "Мероприятие", "Идентификатор мероприятия внутри плана", lambda r: r[0].id, required=True),
        Column("number", "№", "Номер мероприятия, как в документе", lambda r: r[0].number),
        Column("text", "Как в документе", "Показатель, как он напечатан", lambda r: r[1].text),
        Column(
            "comparator",
            "Сравнение",
            "at-least — не менее, exactly — ровно, at-most — не более (в XLSX словами)",
            lambda r: r[1].comparator,
            show=lambda r: COMPARATORS.get(r[1].comparator or ""),
        ),
        Column("value", "Значение", "Значение (число)", lambda r: r[1].value, "number"),
        Column("unit", "Единица", "Единица измерения", lambda r: r[1].unit),
        Column("population", "Кого касается", "Кого касается показатель", lambda r: r[1].population),
        Column("year", "Год", "Год, к которому относится значение", lambda r: r[1].year, "integer"),
        Column(
            "recurrence",
            "Периодичность",
            "Периодичность (annual — ежегодно; в XLSX словами)",
            lambda r: r[1].recurrence,
            show=lambda r: _recurrence(r[1].recurrence),
        ),
        Column("note", "Примечание", "Примечание составителя", lambda r: r[1].note),
        Column("url", "Страница", "Адрес страницы мероприятия на сайте", lambda r: urls.measure(r[0]), "url"),
    ),
    _targets,
    (),
    ((("plan_id", "measure_id"), "measures", ("plan_id", "measure_id")),),
)

TABLES: tuple[Table, ...] = (MEASURES, PLANS, AGENCIES, TARGETS)

# The workbook's last two sheets: what each column means, and what the data are.
DICTIONARY: Table[tuple[Table, Column]] = Table(
    "columns",
    "Столбцы",
    "Что значит каждый столбец",
    (
        Column("sheet", "Лист", "Лист книги", lambda r: r[0].title),
        Column("header", "Столбец", "Заголовок столбца в XLSX", lambda r: r[1].header),
        Column("name", "Столбец в CSV", "Имя столбца в CSV и в схеме таблицы", lambda r: r[1].name),
        Column("type", "Тип", "Тип значения", lambda r: TYPE_TITLES[r[1].type]),
        Column("description", "Что в нём", "Что значит столбец", lambda r: r[1].description),
    ),
)
ABOUT: Table[tuple[str, str]] = Table(
    "about",
    "О данных",
    "Версия, лицензия, как цитировать",
    (
        Column("field", "Что", "", lambda r: r[0]),
        Column("value", "Значение", "", lambda r: r[1]),
    ),
)


def dictionary_rows() -> list[tuple[Table, Column]]:
    return [(table, column) for table in TABLES for column in table.columns]


# What makes a spreadsheet read a cell as a formula (or a DDE call): its first character, after
# any spaces, in ASCII or full width; a tab or a line break first can hide one.
_FORMULA_START = frozenset("=+-@\t\r\n＝＋－＠")


def spreadsheet_text(value: str) -> str:
    """Text a spreadsheet shows as text: a cell that starts like a formula ("=HYPERLINK(…)", "+7",
    "-1", "@SUM", also after spaces or in full width) gets a leading apostrophe, so that opening
    the file runs nothing."""
    if value and (value[0] in _FORMULA_START or value.lstrip()[:1] in _FORMULA_START):
        return "'" + value
    return value


# --- CSV -----------------------------------------------------------------------------------------


def csv_lines(table: Table[T], rows: Iterable[T], absolute: Callable[[str], str]) -> str:
    """A table's lines without the header: a plan's lines go to its own file and to the whole base's."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow(
            ["" if v is None else spreadsheet_text(v) if isinstance(v, str) else v for v in table.values(row, absolute)]
        )
    return out.getvalue()


def to_csv(table: Table, lines: Iterable[str]) -> bytes:
    """A CSV file of csv_lines under the header, UTF-8 with BOM, CRLF line ends (what Excel expects)."""
    header = ",".join(c.name for c in table.columns) + "\r\n"
    return b"\xef\xbb\xbf" + (header + "".join(lines)).encode("utf-8")


# --- JSON ----------------------------------------------------------------------------------------


def timeframe_dict(tf: Timeframe) -> dict[str, Any]:
    data: dict[str, Any] = {
        "text": tf.text,
        "start": tf.start,
        "end": tf.end,
        "years": list(tf.all_years),
        "quarters": list(tf.quarters),
        "halves": list(tf.halves),
        "months": list(tf.months),
        "recurrence": tf.recurrence,
    }
    if tf.phases:
        data["phases"] = [{"label": label, **timeframe_dict(part)} for label, part in tf.phases]
    if tf.note:
        data["note"] = tf.note
    return data


def agency_dict(a: Agency, absolute: Callable[[str], str]) -> dict[str, Any]:
    return {
        "id": a.id,
        "name": a.name,
        "short_names": list(a.short_names),
        "kind": a.kind.id,
        "region": a.region.id,
        "plan": a.plan_id,
        "note": a.note,
        "url": absolute(urls.agency(a)),
    }


def measure_dict(m: Measure, absolute: Callable[[str], str]) -> dict[str, Any]:
    return {
        "id": m.id,
        "number": m.number,
        "title": m.title,
        "section": _section(m) or None,
        "section_id": m.section.anchor if m.section else None,
        "responsible": [
            {"agency": r.agency.id, "role": r.role, "by_agreement": r.by_agreement, "note": r.note}
            for r in m.responsible
        ],
        "responsible_text": m.responsible_text,
        "timeframe": timeframe_dict(m.timeframe),
        "result": m.result,
        "document": m.document,
        "events": [
            {"title": e.title, "timeframe": timeframe_dict(e.timeframe) if e.timeframe else None, "note": e.note}
            for e in m.events
        ],
        "targets": [
            {
                "text": t.text,
                "value": t.value,
                "comparator": t.comparator,
                "unit": t.unit,
                "population": t.population,
                "year": t.year,
                "recurrence": t.recurrence,
                "note": t.note,
            }
            for t in m.targets
        ],
        "topics": [t.id for t in m.topics],
        "audiences": [a.id for a in m.audiences],
        "grades": list(m.grades) if m.grades else None,
        "note": m.note,
        "url": absolute(urls.measure(m)),
    }


def plan_dict(plan: Plan, absolute: Callable[[str], str]) -> dict[str, Any]:
    """Everything the plan's file holds that its pages show, with timeframes as understood."""
    act = plan.act
    return {
        "id": plan.id,
        "region": plan.region.id,
        "level": plan.level,
        "municipality": plan.municipality,
        "title": plan.title,
        "period": {"start": plan.period[0], "end": plan.period[1], "text": plan.period_text, "note": plan.period_note}
        if plan.period
        else None,
        "source": {
            "file": plan.source_file,
            "format": plan.source_format,
            "url": plan.source_url,
            "text": absolute(urls.asset(f"sources/{plan.id}.txt")),
        },
        "act": None
        if act is None
        else {
            "issuer": act.issuer,
            "type": act.type,
            "date": act.date,
            "number": act.number,
            "title": act.title,
            "signatory": {"name": act.signatory_name, "position": act.signatory_position}
            if act.signatory_name
            else None,
            "note": act.note,
        },
        "columns": dict(plan.columns),
        "goals": list(plan.goals),
        "tasks": list(plan.tasks),
        "narrative": [{"id": n.id, "title": n.title, "text": n.text, "note": n.note} for n in plan.narrative],
        "stages": [
            {"title": s.title, "start": s.start, "end": s.end, "text": s.text, "note": s.note} for s in plan.stages
        ],
        "indicators": [
            {
                "criterion": g.criterion,
                "note": g.note,
                "items": [{"number": i.number, "text": i.text, "unit": i.unit, "note": i.note} for i in g.items],
            }
            for g in plan.indicators
        ],
        "sections": [
            {
                "id": s.anchor,
                "number": s.number,
                "title": s.title,
                "note": s.note,
                "parent": s.parent.anchor if s.parent else None,
            }
            for s in plan.all_sections
        ],
        "agencies": [agency_dict(a, absolute) for a in plan.agencies],
        "measures": [measure_dict(m, absolute) for m in plan.measures],
        "note": plan.note,
        "url": absolute(urls.plan(plan)),
    }


def catalog_dict(catalog: Catalog, plans: list[dict[str, Any]], about: dict[str, Any]) -> dict[str, Any]:
    """The whole base; `plans` are the plan_dicts, which the per-plan files use as well."""
    return {
        "about": about,
        "regions": [
            {"id": r.id, "name": r.name, "iso": r.iso, "federal_district": r.federal_district, "note": r.note}
            for r in catalog.regions.values()
        ],
        "topics": [
            {"id": t.id, "title": t.title, "description": t.description, "note": t.note}
            for t in catalog.topics.values()
        ],
        "audiences": [
            {
                "id": a.id,
                "title": a.title,
                "description": a.description,
                "grades": list(a.grades) if a.grades else None,
                "note": a.note,
            }
            for a in catalog.audiences.values()
        ],
        "agency_kinds": [
            {"id": k.id, "title": k.title, "description": k.description, "group": k.group, "note": k.note}
            for k in catalog.kinds.values()
        ],
        "plans": plans,
    }


def to_json(data: Any) -> bytes:
    """Compact JSON: without indent, the json module encodes in C."""
    return (json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":")) + "\n").encode("utf-8")
