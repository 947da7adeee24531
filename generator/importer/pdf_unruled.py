"""Rows of a PDF table printed without any rules, from where its words lie on the page.

Report generators and fpdf2 often print a table as text in columns, with no cell borders. The
header names the columns: its labels (centred or not, over one to four lines) say roughly where
each column lies, and the body's words say exactly where: between two labels, the column
boundary is the stretch of the page that the body's words cover least. Rows come from the
vertical gaps when the table spaces its rows apart (a row is then one block of lines, whatever
the vertical alignment of its cells), else from the numbering. A line of words running over a
boundary is a heading over the table (a section); a repeated header and page numbers are
dropped; inside a cell, lines are joined as in a ruled PDF (one name per line kept).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from . import columns, linebreaks
from .rows import BREAK, CELLS, TEXT, Row
from .spans import merged_spans

Word = dict[str, Any]
Line = list[Word]

_LINE_TOLERANCE = 2.0
_MAX_HEADER_LINES = 5
PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—]\s*\d{1,4}\s*[-–—]|(?:стр\.?|страница|лист)?\s*\d{1,4}(?:\s*(?:из|/)\s*\d{1,4})?)\s*$",
    re.IGNORECASE,
)


def unruled_rows(pages: list[tuple[int, list[Word]]]) -> list[Row]:
    """Rows of the document whose pages' words are given as (page number, words); no CELLS row when no header."""
    rows: list[Row] = []
    bounds: list[float] | None = None
    header_cells: list[str] | None = None
    for page_number, words in pages:
        where = f"page {page_number}"
        rows.append(Row(BREAK, where=where))
        lines = [line for line in _lines(words) if not PAGE_NUMBER.match(_text(line))]
        found = _header(lines)
        if found is not None and header_cells is not None and not _repeats(lines[found[0] : found[1]], header_cells):
            found = None  # a note under the table («Примечание: сроки … мероприятий …») is no second header
        if found is not None:
            start, end = found
            page_bounds = _boundaries(lines[start:end], lines[end:])
            if page_bounds is not None:
                if bounds is None or len(page_bounds) != len(bounds):
                    bounds = page_bounds
                cells = _header_cells(lines[start:end], bounds)
                rows.extend(Row(TEXT, [_text(line)], where) for line in lines[:start])
                if cells != header_cells:
                    rows.append(Row(CELLS, cells, f"{where}, table header", table=1))
                header_cells = cells
                lines = lines[end:]
        if bounds is None or header_cells is None:
            rows.extend(Row(TEXT, [_text(line)], where) for line in lines)
            continue
        rows.extend(_body(lines, bounds, header_cells, where))
    return rows


def _repeats(header: list[Line], cells: list[str]) -> bool:
    """True when header lines name every column the table's header names (a repeated header)."""
    known = {columns.field_of(c) for c in cells} - {None}
    return known <= {columns.field_of(_text(c)) for line in header for c in _chunks(line)}


def _text(line: Line) -> str:
    return " ".join(w["text"] for w in line)


def _lines(words: list[Word]) -> list[Line]:
    lines: list[Line] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if lines and abs(lines[-1][0]["top"] - word["top"]) <= _LINE_TOLERANCE:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]


def _height(line: Line) -> float:
    return max(w["bottom"] - w["top"] for w in line)


def _chunks(line: Line) -> list[Line]:
    """Runs of words set no further apart than a wide space: one cell's part of the line."""
    out: list[Line] = []
    for word in line:
        if out and word["x0"] - out[-1][-1]["x1"] <= 0.6 * _height(line):
            out[-1].append(word)
        else:
            out.append([word])
    return out


def _header(lines: list[Line]) -> tuple[int, int] | None:
    """The header's first line and the line after it: lines close together naming the title column
    and the responsible or deadline one."""
    for start in range(len(lines)):
        if len(_chunks(lines[start])) < 2 and start + 1 < len(lines) and len(_chunks(lines[start + 1])) < 2:
            continue
        end = start
        fields: set[str | None] = set()
        while end < len(lines) and end - start < _MAX_HEADER_LINES:
            line = lines[end]
            if end > start and line[0]["top"] - lines[end - 1][0]["top"] > 1.6 * _height(line):
                break
            texts = [_text(c) for c in _chunks(line)]
            if any(t[0].isdigit() or len(t) > 40 for t in texts):
                break
            fields |= {columns.field_of(t) for t in texts}
            end += 1
            if "title" in fields and fields & {"responsible", "timeframe"}:
                # take the header's last lines too (a label over two lines)
                while (
                    end < len(lines)
                    and end - start < _MAX_HEADER_LINES
                    and lines[end][0]["top"] - lines[end - 1][0]["top"] <= 1.2 * _height(lines[end])
                    and all(not _text(c)[0].isdigit() and len(_text(c)) <= 40 for c in _chunks(lines[end]))
                ):
                    end += 1
                return start, end
    return None


def _label_spans(header: list[Line]) -> list[tuple[float, float]]:
    return merged_spans((c[0]["x0"], c[-1]["x1"]) for line in header for c in _chunks(line))


def _boundaries(header: list[Line], body: list[Line]) -> list[float] | None:
    """Each column's left edge: between two labels, inside the stretch the body covers least."""
    spans = _label_spans(header)
    if len(spans) < 2:
        return None
    used: Counter[int] = Counter()
    for line in body:
        for word in line:
            for x in range(int(word["x0"]), int(word["x1"]) + 1):
                used[x] += 1
    bounds = [min(spans[0][0], min((w["x0"] for line in body for w in line), default=spans[0][0])) - 1]
    for (_, left_end), (right_start, _) in zip(spans, spans[1:]):
        region = range(int(left_end), int(right_start) + 1)
        if not region:
            bounds.append((left_end + right_start) / 2)
            continue
        lowest = min(used[x] for x in region)
        # the rightmost stretch at the lowest cover: a wider gap further left may be inside the left
        # column (justified or short text), while the right column's text starts just after its gutter
        right = max(x for x in region if used[x] <= lowest)
        left = right
        while left - 1 in region and used[left - 1] <= lowest:
            left -= 1
        bounds.append((left + right) / 2 + 0.5)
    return bounds


def _column(word: Word, bounds: list[float]) -> int:
    middle = (word["x0"] + word["x1"]) / 2
    return max((i for i, b in enumerate(bounds) if middle >= b), default=0)


def _header_cells(header: list[Line], bounds: list[float]) -> list[str]:
    cells: list[list[str]] = [[] for _ in bounds]
    for line in header:
        for word in line:
            cells[_column(word, bounds)].append(word["text"])
    return [" ".join(c) for c in cells]


def _spanning(line: Line, bounds: list[float]) -> bool:
    """One run of words that crosses a column boundary: a heading over the whole table."""
    chunks = _chunks(line)
    if len(chunks) != 1:
        return False
    x0, x1 = chunks[0][0]["x0"], chunks[0][-1]["x1"]
    return any(x0 < b < x1 for b in bounds[1:])


def _blocks(
    lines: list[Line], bounds: list[float], number: int | None, title: int | None, deadline: int | None = None
) -> list[list[Line]]:
    """Lines grouped into rows: at the wider vertical gaps when the rows are spaced apart, else at the
    numbers; in a table without numbers whose cells are centred on their rows, around each deadline."""
    pitches = [round(b[0]["top"] - a[0]["top"], 1) for a, b in zip(lines, lines[1:])]
    heights = [_height(line) for line in lines]
    pitch = min((p for p in pitches if p >= 0.8 * max(heights, default=0)), default=0)
    spaced = sum(1 for p in pitches if p > 1.35 * pitch) >= max(2, len(pitches) // 10)
    numbered = [number is not None and any(_column(w, bounds) == number for w in line) for line in lines]
    if not spaced and number is not None and _centred_numbers(lines, numbered, bounds, title):
        return _centred_blocks(lines, numbered, bounds, number)
    if not spaced and number is None and deadline is not None:
        dated = [any(_column(w, bounds) == deadline for w in line) for line in lines]
        starts = [d and not (i and dated[i - 1]) for i, d in enumerate(dated)]  # a deadline's first line
        if any(starts) and _centred_numbers(lines, starts, bounds, title):
            return _centred_blocks(lines, starts, bounds, deadline)
    blocks: list[list[Line]] = []
    for i, line in enumerate(lines):
        new = i == 0 or pitches[i - 1] > 1.35 * pitch if spaced else not blocks or numbered[i]
        if new or _spanning(line, bounds) or (blocks and _spanning(blocks[-1][-1], bounds)):
            blocks.append([line])
        else:
            blocks[-1].append(line)
    return blocks


def _centred_numbers(lines: list[Line], numbered: list[bool], bounds: list[float], title: int | None) -> bool:
    """True when the numbers sit in the vertical middle of their rows: a top-aligned row starts its title
    on its number's line, a centred one often does not."""
    if title is None:
        return False
    with_title = sum(1 for line, n in zip(lines, numbered) if n and any(_column(w, bounds) == title for w in line))
    return with_title < 0.9 * sum(numbered)


def _centred_blocks(lines: list[Line], numbered: list[bool], bounds: list[float], number: int) -> list[list[Line]]:
    """Rows of a table without gaps between rows whose cells are vertically centred: each row reaches as far
    below its number as it starts above it, ended at the line whose bottom is nearest to that."""
    blocks: list[list[Line]] = []
    group: list[int] = []

    def close_group() -> None:
        anchors = [k for k, i in enumerate(group) if numbered[i]]
        start = 0
        for a, b in zip(anchors, anchors[1:]):
            run = a + 1
            while run < b and any(_column(w, bounds) == number for w in lines[group[run]]):
                run += 1  # a deadline over two lines is centred as a whole
            mark = [w for k in range(a, run) for w in lines[group[k]] if _column(w, bounds) == number]
            centre = (min(w["top"] for w in mark) + max(w["bottom"] for w in mark)) / 2
            want = 2 * centre - lines[group[start]][0]["top"]
            end = min(range(a, b), key=lambda k: abs(max(w["bottom"] for w in lines[group[k]]) - want))
            blocks.append([lines[i] for i in group[start : end + 1]])
            start = end + 1
        if start < len(group):
            blocks.append([lines[i] for i in group[start:]])

    for i, line in enumerate(lines):
        if _spanning(line, bounds):
            close_group()
            group = []
            blocks.append([line])
        else:
            group.append(i)
    close_group()
    return blocks


def _body(lines: list[Line], bounds: list[float], header_cells: list[str], where: str) -> list[Row]:
    mapping = columns.recognise(header_cells) or {}
    number = mapping.get("number")
    rights = [0.0] * len(bounds)
    for line in lines:
        if not _spanning(line, bounds):
            for word in line:
                i = _column(word, bounds)
                rights[i] = max(rights[i], word["x1"])
    words = [w for line in lines for w in line]
    space = 0.5 * sum(w["x1"] - w["x0"] for w in words) / max(sum(len(w["text"]) for w in words), 1)
    rows: list[Row] = []
    blocks = _blocks(lines, bounds, number, mapping.get("title"), mapping.get("timeframe"))
    for index, block in enumerate(blocks, 1):
        if len(block) == 1 and _spanning(block[0], bounds):
            cells = [_text(block[0])] + [""] * (len(bounds) - 1)
            rows.append(Row(CELLS, cells, f"{where}, table line {index}", spans=True, table=1))
            continue
        per_column: list[list[Word]] = [[] for _ in bounds]
        for word in (w for line in block for w in line):
            per_column[_column(word, bounds)].append(word)
        cells = []
        for i, found in enumerate(per_column):
            measured = [(_text(line), line[-1]["x1"], line[0]["x1"] - line[0]["x0"]) for line in _lines(found)]
            cells.append(linebreaks.join_measured(measured, rights[i], space))
        if cells == header_cells:
            continue
        rows.append(Row(CELLS, cells, f"{where}, table line {index}", table=1))
    return rows
