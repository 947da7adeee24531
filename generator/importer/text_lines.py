"""Read a table copied from a web page with one cell per line.

The header comes first, one label per line, and says how many cells a row has (a numbered
line, or one naming a column the header already has, is the first heading, not a label); the rows
follow, each starting with its number when the table has a № column first. A line where a row
would start that is not a number is a heading over the table (a section). Blank lines between
rows, where there are any, end a row.
"""

from __future__ import annotations

import re

from . import columns
from .numbering import NUMBER, SECTION_TEXT, starts_numbered
from .rows import BREAK, CELLS, TEXT, Row

_MAX_COLUMNS = 8


def lines_rows(lines: list[str]) -> tuple[list[Row], int] | None:
    """Rows rebuilt from one cell per line, and the number of columns; None when no header is found."""
    found = _header(lines)
    if found is None:
        return None
    start, labels = found
    width = len(labels)
    mapping = columns.recognise(labels) or {}
    numbered_first = mapping.get("number") == 0
    rows = [
        Row(TEXT, [line.strip()], f"line {i}") if line.strip() else Row(BREAK, where=f"line {i}")
        for i, line in enumerate(lines[:start], 1)
    ]
    rows.append(Row(CELLS, labels, f"line {start + 1}", table=1))
    body = [(number, line.strip()) for number, line in enumerate(lines[start + width :], start + width + 1)]
    cells: list[str] | None = None
    first = 0

    def close() -> None:
        nonlocal cells
        if cells is not None:
            rows.append(Row(CELLS, cells + [""] * (width - len(cells)), f"line {first}", table=1))
        cells = None

    for index, (number, text) in enumerate(body):
        if not text:
            close()
            continue
        if _ATTACHED.match(text) and (cells or rows[-1].kind == CELLS and not rows[-1].spans):
            # «(по согласованию)» on its own line qualifies the name above it
            target = cells if cells else rows[-1].cells
            filled = max(i for i, c in enumerate(target) if c) if any(target) else 0
            target[filled] = f"{target[filled]} {text}".strip()
            continue
        if cells is not None and numbered_first and len(cells) >= 2 and NUMBER.match(text):
            close()  # a number alone where a cell was due starts the next row: the row above was a heading
        if cells is None:
            if numbered_first and not NUMBER.match(text):
                rows.append(Row(CELLS, [text] + [""] * (width - 1), f"line {number}", spans=True, table=1))
                continue
            if "number" not in mapping and starts_numbered(text) and _heads_rows(body, index, width):
                rows.append(Row(CELLS, [text] + [""] * (width - 1), f"line {number}", spans=True, table=1))
                continue
            cells, first = [], number
        cells.append(text)
        if len(cells) == width:
            close()
    close()
    return rows, width


# A line that only qualifies the name above it.
_ATTACHED = re.compile(r"^\((?:по согласованию|по согл\.|при участии|по приглашению)\)[,;.]?$", re.I)


def _heads_rows(body: list[tuple[int, str]], index: int, width: int) -> bool:
    """True when the numbered line at `index` is a heading: in a table without a № column, the lines
    up to the next numbered one fill whole rows (a measure numbered in its title would leave one
    cell short)."""
    count = 0
    for _, text in body[index + 1 :]:
        if starts_numbered(text):
            break
        if text and not _ATTACHED.match(text):
            count += 1
    return count % width == 0


def _header(lines: list[str]) -> tuple[int, list[str]] | None:
    for start in range(len(lines)):
        labels: list[str] = []
        for line in lines[start : start + _MAX_COLUMNS]:
            text = " ".join(line.split())
            if not text or len(text) > 60 or text[0].isdigit() or SECTION_TEXT.match(text):
                break
            field = columns.field_of(text)
            if field is None or (field in map(columns.field_of, labels) and columns.recognise(labels)):
                break  # a heading under a complete header («Организационные мероприятия») names no new column
            labels.append(text)
        if len(labels) >= 3 and columns.recognise(labels) is not None:
            return start, labels
    return None
