"""Read a pipe table: Markdown's («| № | Наименование | … |» with a «|---|» rule) or plain text with «|» between cells.

`<br>` in a cell is a line break inside it (one name per line); `**bold**`, `\\|` and Markdown
headings are Markdown, not text. A row with one cell filled is a heading over the table.
"""

from __future__ import annotations

import re

from .rows import BREAK, CELLS, TEXT, Row

_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_BREAK_TAG = re.compile(r"<br\s*/?>", re.I)
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")


def looks_piped(lines: list[str]) -> bool:
    """True when at least three lines are rows between pipes."""
    return sum(1 for line in lines if _PIPE_ROW.match(line)) >= 3


def pipe_rows(lines: list[str]) -> list[Row]:
    """Rows of a text with pipe tables; lines outside them are text (Markdown marks removed)."""
    rows: list[Row] = []
    table = 0
    in_table = False
    for number, line in enumerate(lines, 1):
        where = f"line {number}"
        if _RULE.match(line) and "-" in line:
            continue
        if _PIPE_ROW.match(line):
            if not in_table:
                table += 1
                in_table = True
            cells = [_cell(c) for c in _split(line)]
            filled = [i for i, c in enumerate(cells) if c]
            # one cell filled, the first or a bold one: a heading over the table
            heading = len(cells) > 1 and len(filled) == 1 and (filled[0] == 0 or _bold(_split(line)[filled[0]]))
            rows.append(Row(CELLS, cells, where, spans=heading, table=table))
            continue
        in_table = False
        text = plain(line)
        rows.append(Row(TEXT, [text], where) if text else Row(BREAK, where=where))
    return rows


def plain(line: str) -> str:
    """A Markdown line as text: no heading marks, no emphasis, no trailing hard-break spaces."""
    text = re.sub(r"^\s{0,3}#{1,6}\s+", "", line.strip())
    return " ".join(_EMPHASIS.sub(r"\2", text).split())


def _split(line: str) -> list[str]:
    body = line.strip()[1:-1]
    return [c.replace("\\|", "|") for c in re.split(r"(?<!\\)\|", body)]


def _cell(text: str) -> str:
    lines = [plain(part) for part in _BREAK_TAG.split(text)]
    return "\n".join(line for line in lines if line)


def _bold(cell: str) -> bool:
    return bool(re.fullmatch(r"\s*(\*\*|__).+\1\s*", cell))
