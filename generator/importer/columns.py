"""Recognise the measures table by its header, and which column holds what.

A column is known by the meaning of its header words, in any order. A header may take
several rows, with a merged cell over the ones below it («Исполнение» over «Срок» and
«Ответственные»): each column is then named by its own lowest header cell, or by the merged
one above it. A table printed without a header gets its columns from what its cells hold.
"""

from __future__ import annotations

import re
from collections import Counter

from .numbering import NUMBER

FIELDS = ("number", "title", "responsible", "timeframe", "result", "document", "place", "mark", "funding")
# Fields a column can hold that the draft does not take (kept out of the title and the others).
IGNORED = ("place", "mark", "funding")

# Order matters: a header cell takes the first field whose pattern it matches
# ("Документ, закрепляющий результат" is the document, not the result).
_RULES = (
    ("number", re.compile(r"^(?:№|n\s*п/п|п/п|номер)", re.I)),
    ("document", re.compile(r"документ", re.I)),
    ("mark", re.compile(r"отметк|примечани|информация\s+об?\s+(?:исполнени|выполнени)", re.I)),
    ("responsible", re.compile(r"ответствен|исполнител|^кто\b", re.I)),
    (
        "timeframe",
        re.compile(
            r"срок|^дата|дата\s+(?:и\s+мест|проведени|исполнени)|^период|период\s+(?:проведени|реал"
            r"изаци|исполнени)|^время|время\s+проведени|^когда",
            re.I,
        ),
    ),
    ("result", re.compile(r"результат|показател|ожидаем", re.I)),
    ("place", re.compile(r"^место|место\s+проведени|^площадк", re.I)),
    ("funding", re.compile(r"финансировани|^источник\w*\s+(?:средств|финанс)", re.I)),
    ("title", re.compile(r"наименовани|мероприяти|направлени|содержани|название|^(?:вид|форм)\w*\s+работ|^тема", re.I)),
)
_MAX_HEADER_CELL = 80
_MAX_HEADER_ROWS = 3


def field_of(text: str) -> str | None:
    """The field a header cell names, or None."""
    text = " ".join(text.split())
    return next((name for name, pattern in _RULES if pattern.search(text)), None)


def _header_cell(text: str) -> bool:
    text = " ".join(text.split())
    return len(text) <= _MAX_HEADER_CELL and not re.match(r"^\d", text)


def _mapping(columns: list[list[str]]) -> dict[str, int]:
    """Fields to column indexes, each column named by its lowest header cell that means something."""
    mapping: dict[str, int] = {}
    for index, texts in enumerate(columns):
        for text in reversed(texts):
            name = field_of(text) if text else None
            if name is not None:
                if name not in mapping:
                    mapping[name] = index
                break
    return mapping


def _complete(mapping: dict[str, int]) -> bool:
    return "title" in mapping and ("responsible" in mapping or "timeframe" in mapping)


def recognise(cells: list[str]) -> dict[str, int] | None:
    """Map fields to column indexes when `cells` is a one-row measures-table header, else None.

    A header names at least the title column and the responsible or the deadline column.
    """
    if not all(_header_cell(c) for c in cells if c.strip()):
        return None
    mapping = _mapping([[c] for c in cells])
    return mapping if _complete(mapping) else None


def recognise_rows(rows: list[list[str]]) -> tuple[dict[str, int], int] | None:
    """The mapping of a header that takes the first one to three of `rows`, and how many rows it takes.

    A cell left empty under or beside a merged header cell takes that cell's text, so
    «Дата и место проведения» over «Дата» | «Место» names both columns below it.
    """
    if not rows or sum(1 for c in rows[0] if c.strip()) < 2:
        return None  # a header's first row names at least two columns (one filled cell is a title or a heading)
    best: tuple[dict[str, int], int] | None = None
    for count in range(1, min(_MAX_HEADER_ROWS, len(rows)) + 1):
        part = rows[:count]
        if not all(_header_cell(c) for row in part for c in row if c.strip()):
            break
        if count > 1 and (is_column_numbers(part[-1]) or not any(field_of(c) for c in part[-1] if c.strip())):
            break
        mapping = _mapping(stacked(part))
        if _complete(mapping) and (best is None or len(mapping) > len(best[0])):
            best = (mapping, count)
    return best


def stacked(rows: list[list[str]]) -> list[list[str]]:
    """Each column's header cells, top to bottom; a cell merged from the left lends its text to those it covers."""
    width = max(len(r) for r in rows)
    columns: list[list[str]] = [[] for _ in range(width)]
    for depth, row in enumerate(rows):
        cells = row + [""] * (width - len(row))
        for i, cell in enumerate(cells):
            if (
                not cell.strip()
                and depth < len(rows) - 1
                and i
                and columns[i - 1][-1].strip()
                and _below(rows, depth, i)
            ):
                cell = columns[i - 1][-1]  # a merged cell spanning to the right
            columns[i].append(cell)
    return columns


def _below(rows: list[list[str]], depth: int, index: int) -> bool:
    """True when a row under `depth` has text in column `index` (the cell above it is merged from the left)."""
    return any(index < len(r) and r[index].strip() for r in rows[depth + 1 :])


def is_column_numbers(cells: list[str]) -> bool:
    """True for the row of column numbers ("1 2 3 4") that tables repeat under the header on every page."""
    values = [c.strip() for c in cells if c.strip()]
    return (
        len(values) >= 3
        and all(v.isdigit() for v in values)
        and [int(v) for v in values] == list(range(1, len(values) + 1))
    )


# What cells hold, for a table without a header.
_DATE_WORDS = re.compile(
    r"(?:19|20)\d\d|\d\d\.\d\d\.\d\d|январ|феврал|март|апрел|\bма[йя]\b|июн|июл|август|сентябр"
    r"|октябр|ноябр|декабр|квартал|полугоди|ежегодно|ежемесячно|ежеквартально|постоянно"
    r"|в течение|по мере|до \d|\b[IV]{1,3}\s*(?:[–—-]\s*[IV]{1,3}\s*)?кв\.",
    re.I,
)
_AGENCY_WORDS = re.compile(
    r"(?i:министерств|департамент|управлени|комитет|администраци|отдел|центр|организаци|"
    r"учреждени|служб|совет|комисси|институт|колледж|школ)|[А-ЯЁ]{2,}|[А-ЯЁ]\.\s?[А-ЯЁ]\.|"
    r"(?i:\b(?:руководител|директор|начальник|специалист|заместител|инспектор|педагог|председател|секретар"
    r"|учител)[иьяы]?\b)"
)


def dated(text: str) -> bool:
    """True when a short cell reads like a deadline («до 01.02.2025», «ежегодно, март»)."""
    return bool(_DATE_WORDS.search(text)) and len(text) < 80


def agency_like(text: str) -> bool:
    """True when a cell reads like an agency or a person («Отдел культуры …», «МКУ …», «Лаптева Е.С.»)."""
    return bool(_AGENCY_WORDS.search(text))


def guess(rows: list[list[str]]) -> dict[str, int]:
    """Columns of a headerless table from its cells: numbering, dates, the longest text, agency-like names."""
    width = max(len(r) for r in rows)
    scores: dict[str, Counter[int]] = {name: Counter() for name in ("number", "timeframe", "responsible")}
    lengths: Counter[int] = Counter()
    for row in rows:
        for i, cell in enumerate(row):
            text = " ".join(cell.split())
            if not text:
                continue
            lengths[i] += len(text)
            if NUMBER.match(text):
                scores["number"][i] += 1
            elif dated(text):
                scores["timeframe"][i] += 1
            elif _AGENCY_WORDS.search(text):
                scores["responsible"][i] += 1
    mapping: dict[str, int] = {}

    def free() -> list[int]:
        return [i for i in range(width) if i not in mapping.values()]

    for name in ("number", "timeframe"):
        ranked = [(scores[name][i], -i) for i in free() if scores[name][i] * 3 >= len(rows)]
        if ranked:
            mapping[name] = -max(ranked)[1]
    if free():
        mapping["title"] = max(free(), key=lambda i: (lengths[i], -i))
    if free():
        mapping["responsible"] = max(free(), key=lambda i: (scores["responsible"][i], lengths[i] > 0, -i))
    return mapping
