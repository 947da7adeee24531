"""Read the quoting Excel and LibreOffice put into tab-separated text copied out of a sheet.

A cell that holds a line break, a tab or a quote mark is copied as `"…"` with its quotes
doubled, so one table row may cover several lines. A quoted cell is taken as such only when
its text needs the quotes (it holds `""`, a line break or a tab) and the closing quote ends the
cell; otherwise the quotes are the plan's own («"Интернет"» written with straight quotes).
"""

from __future__ import annotations

import re

_QUOTED = re.compile(r'"((?:[^"]|"")*)"(?=\t|\n|$)')
_PLAIN = re.compile(r"[^\t\n]*")
_MAX_LINES = 40  # a quoted cell longer than this is a stray quote mark, not a cell


def quoted_record(lines: list[str], start: int) -> tuple[list[str], int] | None:
    """The cells of the row starting at `lines[start]` and how many lines it covers.

    None when the row has no cell that needs quoting (read it line by line as before).
    """
    if '"' not in lines[start]:
        return None
    chunk = "\n".join(lines[start : start + _MAX_LINES])
    cells: list[str] = []
    quoted = False
    pos = 0
    while True:
        match = _QUOTED.match(chunk, pos)
        if match is not None and re.search(r'""|[\n\t]', match.group(1)):
            cells.append(match.group(1).replace('""', '"'))
            quoted = True
        else:
            match = _PLAIN.match(chunk, pos)
            cells.append(match.group())
        pos = match.end()
        if pos >= len(chunk) or chunk[pos] == "\n":
            break
        pos += 1
    if not quoted or len(cells) < 2:
        return None
    return cells, chunk.count("\n", 0, pos) + 1
