"""Recognise the measures table by its header row, and which column holds what."""

from __future__ import annotations

import re

FIELDS = ("number", "title", "responsible", "timeframe", "result", "document")

# Order matters: a header cell takes the first field whose pattern it matches
# ("Документ, закрепляющий результат" is the document, not the result).
_RULES = (
    ("number", re.compile(r"^(?:№|n\s*п/п|п/п|номер)", re.I)),
    ("document", re.compile(r"документ", re.I)),
    ("responsible", re.compile(r"ответствен|исполнител", re.I)),
    ("timeframe", re.compile(r"срок|дата\s+(?:проведения|исполнения)|период\s+(?:проведения|реализации)", re.I)),
    ("result", re.compile(r"результат|показател|ожидаем", re.I)),
    ("title", re.compile(r"наименовани|мероприяти|направлени|содержани|название", re.I)),
)
_MAX_HEADER_CELL = 80


def recognise(cells: list[str]) -> dict[str, int] | None:
    """Map fields to column indexes when `cells` is a measures-table header, else None.

    A header names at least the title column and the responsible or the deadline column.
    """
    mapping: dict[str, int] = {}
    for index, cell in enumerate(cells):
        text = " ".join(cell.split())
        if not text:
            continue
        if len(text) > _MAX_HEADER_CELL or re.match(r"^\d", text):
            return None
        for name, pattern in _RULES:
            if name not in mapping and pattern.search(text):
                mapping[name] = index
                break
    if "title" in mapping and ("responsible" in mapping or "timeframe" in mapping):
        return mapping
    return None


def is_column_numbers(cells: list[str]) -> bool:
    """True for the row of column numbers ("1 2 3 4") that tables repeat under the header on every page."""
    values = [c.strip() for c in cells if c.strip()]
    return len(values) >= 3 and all(v.isdigit() for v in values) and [int(v) for v in values] == list(
        range(1, len(values) + 1))
