"""Read a pipe table: Markdown's («| № | Наименование | … |» with a «|---|» rule) or plain text with «|» between cells.

Markdown also allows a table without its outer pipes («№ | Наименование | …» over «--- | ---»):
its rows are the lines with pipes from the header above the rule on. `<br>` in a cell is a line
break inside it (one name per line); `**bold**`, `\\|` and Markdown headings are Markdown, not
text. A row with one cell filled, or with one bold text in every cell (a merged cell copied
into each column), is a heading over the table.
"""

from __future__ import annotations

import re

from .rows import BREAK, CELLS, TEXT, Row

_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_BREAK_TAG = re.compile(r"<br\s*/?>", re.I)
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")


def looks_piped(lines: list[str]) -> bool:
    """True when at least three lines are rows between pipes, or rows of a table without outer pipes."""
    return sum(1 for line in lines if _PIPE_ROW.match(line)) >= 3 or len(_bare_rows(lines)) >= 3


def _pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line))


def _bare_rows(lines: list[str]) -> set[int]:
    """Indexes of the lines of tables without outer pipes: a header line over a rule with as many
    pipes, and the lines with pipes after them."""
    found: set[int] = set()
    for index in range(1, len(lines)):
        rule, head = lines[index], lines[index - 1]
        if not (_RULE.match(rule) and "|" in rule) or _PIPE_ROW.match(head) or _pipes(head) != _pipes(rule):
            continue
        found.add(index - 1)
        after = index + 1
        while after < len(lines) and _pipes(lines[after]) and not _PIPE_ROW.match(lines[after]):
            found.add(after)
            after += 1
    return found


def pipe_rows(lines: list[str]) -> list[Row]:
    """Rows of a text with pipe tables; lines outside them are text (Markdown marks removed)."""
    rows: list[Row] = []
    table = 0
    in_table = False
    bare = _bare_rows(lines)
    for number, line in enumerate(lines, 1):
        where = f"line {number}"
        if _RULE.match(line) and "-" in line:
            continue
        if _PIPE_ROW.match(line) or number - 1 in bare:
            if not in_table:
                table += 1
                in_table = True
            raw = _split(line, outer=number - 1 not in bare)
            cells = [_cell(c) for c in raw]
            filled = [i for i, c in enumerate(cells) if c]
            # one cell filled, the first or a bold one: a heading over the table
            heading = len(cells) > 1 and len(filled) == 1 and (filled[0] == 0 or _bold(raw[filled[0]]))
            if len(cells) > 1 and len(filled) == len(cells) and len(set(cells)) == 1 and all(map(_bold, raw)):
                heading, cells = True, [cells[0]] + [""] * (len(cells) - 1)
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


def _split(line: str, outer: bool = True) -> list[str]:
    body = line.strip()[1:-1] if outer else line.strip()
    return [c.replace("\\|", "|") for c in re.split(r"(?<!\\)\|", body)]


def _cell(text: str) -> str:
    lines = [plain(part) for part in _BREAK_TAG.split(text)]
    return "\n".join(line for line in lines if line)


def _bold(cell: str) -> bool:
    return bool(re.fullmatch(r"\s*(\*\*|__).+\1\s*", cell))
