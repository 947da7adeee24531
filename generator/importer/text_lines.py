"""Read a table copied from a web page with one cell per line.

The header comes first, one label per line, and says how many cells a row has (a numbered
line, or one naming a column the header already has, is the first heading, not a label); the rows
follow. A row ends at a blank line where blank lines set rows apart, else at the next number
when the table has a № column first, else after as many cells as the header has labels. A row
with more lines than cells lists one name per line in its responsible cell (the lines before it
fill the columns before it, the lines after it the columns after it); a line alone between rows,
or one where a row would start whose row would put no deadline under «Срок», is a heading over
the table (a section). Without a header, numbered rows set apart by blank lines or numbers still
make a table: its width is the length of its shorter rows, and the table builder guesses its columns.
"""

from __future__ import annotations

import re
from collections import Counter

from . import columns
from .numbering import NUMBER, SECTION_TEXT, starts_numbered
from .rows import BREAK, CELLS, TEXT, Row

_MAX_COLUMNS = 8
_MIN_ROWS = 3  # numbered rows a table without a header needs

Line = tuple[int, str]  # (line number, text)


def lines_rows(lines: list[str]) -> tuple[list[Row], int, bool] | None:
    """Rows rebuilt from one cell per line, the number of columns, and whether the header was
    missing (its columns then left for the table builder to guess); None when no table is found."""
    found = _header(lines)
    if found is None:
        return _headerless(lines)
    start, labels = found
    labels = _unnamed_labels(lines, start, labels)
    width = len(labels)
    mapping = columns.recognise(labels) or {}
    rows = _text_rows(lines[:start])
    rows.append(Row(CELLS, labels, f"line {start + 1}", table=1))
    body = [(number, line.strip()) for number, line in enumerate(lines[start + width :], start + width + 1)]
    rows.extend(_body(body, width, mapping))
    return rows, width, False


def _unnamed_labels(lines: list[str], start: int, labels: list[str]) -> list[str]:
    """The header's labels with those after it that name no known column («Форма отчётности»):
    in a numbered table every row then has more lines than the known labels count."""
    if columns.recognise(labels).get("number") != 0:
        return labels
    body = [(number, line.strip()) for number, line in enumerate(lines[start + len(labels) :])]
    lengths = [len(b) for b in _blocks(_attached(body), True) if NUMBER.match(b[0][1])]
    if len(lengths) < _MIN_ROWS or min(lengths) <= len(labels):
        return labels
    extra = [" ".join(line.split()) for line in lines[start + len(labels) : start + min(lengths)]]
    if not all(0 < len(text) <= 60 and not NUMBER.match(text) and not SECTION_TEXT.match(text) for text in extra):
        return labels
    return labels + extra


def _text_rows(lines: list[str]) -> list[Row]:
    return [
        Row(TEXT, [line.strip()], f"line {i}") if line.strip() else Row(BREAK, where=f"line {i}")
        for i, line in enumerate(lines, 1)
    ]


def _headerless(lines: list[str]) -> tuple[list[Row], int, bool] | None:
    """A table without a header: numbered rows, each as long as the shorter of them are."""
    numbered = [i for i, line in enumerate(lines) if NUMBER.match(line.strip())]
    if len(numbered) < _MIN_ROWS:
        return _unnumbered(lines)
    start = numbered[0]
    above = start - 1
    while above >= 0 and not lines[above].strip():
        above -= 1
    if above >= 0 and SECTION_TEXT.match(lines[above].strip()):
        start = above  # a numbered heading right above the first row opens the table
    body = [(number, line.strip()) for number, line in enumerate(lines[start:], start + 1)]
    blocks = _blocks(_attached(body), True)
    lengths = Counter(len(block) for block in blocks if NUMBER.match(block[0][1]))
    # the shortest length that a quarter of the rows have: longer rows list names one per line
    total = sum(lengths.values())
    width = min(n for n, count in lengths.items() if count * 4 >= total)
    width = _names_apart(blocks, lengths, width)
    if width < 3:
        return None
    sample = [[t for _, t in block] for block in blocks if len(block) == width]
    mapping = columns.guess(sample)
    if mapping.get("number") != 0 or "title" not in mapping:
        return None
    return _text_rows(lines[:start]) + _body(body, width, mapping), width, True


def _unnumbered(lines: list[str]) -> tuple[list[Row], int, bool] | None:
    """A table with neither header nor numbers, its rows set apart by blank lines: a row is a run
    of as many lines as most runs have, a line alone is a section's heading. The table starts at
    its first row, or at the heading right above it when text (the plan's title) comes first."""
    body = _attached([(number, line.strip()) for number, line in enumerate(lines, 1)])
    runs = _blocks(body, False)
    lengths = Counter(len(run) for run in runs if len(run) > 1)
    if not lengths:
        return None
    width, count = max(lengths.items(), key=lambda item: (item[1], -item[0]))
    if width < 3 or width > _MAX_COLUMNS or count < _MIN_ROWS or count * 2 < sum(lengths.values()):
        return None
    sample = [[t for _, t in run] for run in runs if len(run) == width]
    mapping = columns.guess(sample)
    if "number" in mapping or "title" not in mapping or "timeframe" not in mapping:
        return None
    first = next(i for i, run in enumerate(runs) if len(run) == width)
    if first >= 2 and len(runs[first - 1]) == 1:
        first -= 1
    if first == 0:
        return None
    start = runs[first][0][0] - 1
    table = [(number, line.strip()) for number, line in enumerate(lines[start:], start + 1)]
    return _text_rows(lines[:start]) + _body(table, width, mapping), width, True


def _names_apart(blocks: list[list[Line]], lengths: Counter[int], width: int) -> int:
    """A shorter row length than `width` when, in every row of `width` lines, the lines from
    that length's last one on all name agencies or people: most rows then list two names one per
    line in their last (responsible) cell, and the shorter rows have one."""
    for shorter in sorted(n for n, count in lengths.items() if 3 <= n < width and count >= 2):
        long = [[t for _, t in b] for b in blocks if len(b) == width and NUMBER.match(b[0][1])]
        if long and all(
            columns.agency_like(t) and not columns.dated(t) for cells in long for t in cells[shorter - 1 :]
        ):
            return shorter
    return width


def _attached(body: list[Line]) -> list[Line]:
    """The lines with «(по согласованию)» on its own line put after the name above it."""
    out: list[Line] = []
    for number, text in body:
        previous = next((i for i in range(len(out) - 1, -1, -1) if out[i][1]), None)
        if _ATTACHED.match(text) and previous is not None:
            out[previous] = (out[previous][0], f"{out[previous][1]} {text}")
        else:
            out.append((number, text))
    return out


def _blocks(body: list[Line], numbered: bool) -> list[list[Line]]:
    """The runs of lines between blank lines, each cut again before every number when the table
    is numbered."""
    blocks: list[list[Line]] = [[]]
    for number, text in body:
        if not text:
            if blocks[-1]:
                blocks.append([])
            continue
        if numbered and NUMBER.match(text) and blocks[-1]:
            blocks.append([])
        blocks[-1].append((number, text))
    return [b for b in blocks if b]


def _blank_apart(body: list[Line], width: int) -> bool:
    """True when blank lines set the rows apart: most runs between them are no longer than a row
    with a few names one per line (not only the table and the signature under it)."""
    runs = _blocks(body, False)
    return len(runs) >= _MIN_ROWS and sum(len(run) <= 2 * width for run in runs) * 2 >= len(runs)


def _body(body: list[Line], width: int, mapping: dict[str, int]) -> list[Row]:
    body = _attached(body)
    numbered = mapping.get("number") == 0
    apart = _blank_apart(body, width)
    rows: list[Row] = []
    blocks = _blocks(body, numbered)
    tail = blocks.pop() if not numbered and len(blocks) > 1 and _signature(blocks[-1], width) else []
    for block in blocks:
        if numbered or apart:
            rows.extend(_block_rows(block, width, mapping, numbered))
        else:
            rows.extend(_stream_rows(block, width, mapping))
    if tail:
        rows.append(Row(BREAK, where=f"line {tail[0][0] - 1}"))  # the blank line above the signature
    rows.extend(Row(TEXT, [text], f"line {number}") for number, text in tail)
    return rows


def _signature(block: list[Line], width: int) -> bool:
    """True for the last lines, after a blank one, of a table without numbers when they are fewer
    than a row has cells and none reads as a deadline: the signature under the table
    («Председатель комитета», «Д.Б. Цыренов»), not a row."""
    return len(block) < width and not any(columns.dated(text) for _, text in block)


def _heading(line: Line, width: int) -> Row:
    return Row(CELLS, [line[1]] + [""] * (width - 1), f"line {line[0]}", spans=True, table=1)


def _row(cells: list[str], line: int) -> Row:
    return Row(CELLS, cells, f"line {line}", table=1)


def _block_rows(block: list[Line], width: int, mapping: dict[str, int], numbered: bool) -> list[Row]:
    """One row from a block (a heading when it is one line, or lines before the row's number)."""
    rows: list[Row] = []
    if numbered:
        while block and not NUMBER.match(block[0][1]):
            rows.append(_heading(block[0], width))
            block = block[1:]
        if not block:
            return rows
        cells, tail = _trailing_headings([t for _, t in block[1:]], width - 1, _shifted(mapping, 1))
        rows.append(_row([block[0][1], *_spread(cells, width - 1, _shifted(mapping, 1))], block[0][0]))
        rows.extend(_heading((block[0][0], text), width) for text in tail)
        return rows
    if len(block) == 1:
        return [_heading(block[0], width)]
    return [_row(_spread([t for _, t in block], width, mapping), block[0][0])]


def _shifted(mapping: dict[str, int], by: int) -> dict[str, int]:
    return {name: index - by for name, index in mapping.items() if index >= by}


def _spread(cells: list[str], width: int, mapping: dict[str, int]) -> list[str]:
    """A row's lines as its cells: extra lines are the responsible cell's names, one per line."""
    if len(cells) <= width:
        return cells + [""] * (width - len(cells))
    responsible = mapping.get("responsible", width - 1)
    after = width - responsible - 1
    names = cells[responsible : len(cells) - after]
    return [*cells[:responsible], "\n".join(names), *cells[len(cells) - after :]]


def _trailing_headings(cells: list[str], width: int, mapping: dict[str, int]) -> tuple[list[str], list[str]]:
    """A numbered row's lines less the headings after its last cell: numbered headings («1.2. Учёт
    …», «Раздел 2. …»); where columns follow the responsible one, a last line that reads like no
    agency when the line that would then be the responsible's last name does not either; where
    the deadline is the last column, lines after the last one that reads as a deadline."""
    tail: list[str] = []
    while len(cells) > width and SECTION_TEXT.match(cells[-1]):
        cells, tail = cells[:-1], [cells[-1], *tail]
    responsible = mapping.get("responsible")
    if responsible is not None and responsible < width - 1:
        after = width - responsible - 1  # a heading would pass as the last cell, that cell as a name
        while (
            len(cells) > width
            and not columns.dated(cells[-1])
            and not any(map(columns.agency_like, cells[-after - 1 :]))
        ):
            cells, tail = cells[:-1], [cells[-1], *tail]
    if tail:
        return cells, tail
    deadline = mapping.get("timeframe")
    if len(cells) <= width or deadline != width - 1:
        return cells, []
    last = max((i for i, text in enumerate(cells) if columns.dated(text)), default=None)
    if last is None or last < deadline or last == len(cells) - 1:
        return cells, []
    return cells[: last + 1], cells[last + 1 :]


def _stream_rows(block: list[Line], width: int, mapping: dict[str, int]) -> list[Row]:
    """Rows of a table without numbers or blank lines: as many lines a row as there are columns,
    a line being a heading where the row it would start puts no deadline under «Срок» and the
    row after it would."""
    rows: list[Row] = []
    deadline = mapping.get("timeframe")
    index = 0
    while index < len(block):
        number, text = block[index]
        rest = [t for _, t in block[index:]]
        if deadline is not None and len(rest) > deadline + 1:
            if not columns.dated(rest[deadline]) and columns.dated(rest[deadline + 1]):
                rows.append(_heading(block[index], width))
                index += 1
                continue
        if "number" not in mapping and starts_numbered(text) and _heads_rows(rest, width):
            rows.append(_heading(block[index], width))
            index += 1
            continue
        cells = rest[:width]
        rows.append(_row(cells + [""] * (width - len(cells)), number))
        index += width
    return rows


# A line that only qualifies the name above it.
_ATTACHED = re.compile(r"^\((?:по согласованию|по согл\.|при участии|по приглашению)\)[,;.]?$", re.I)


def _heads_rows(rest: list[str], width: int) -> bool:
    """True when the numbered first line is a heading: in a table without a № column, the lines up
    to the next numbered one fill whole rows (a measure numbered in its title would leave one
    cell short)."""
    count = 0
    for text in rest[1:]:
        if starts_numbered(text):
            break
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
