"""Rows of a PDF table printed without any rules, from where its words lie on the page.

Report generators and fpdf2 often print a table as text in columns, with no cell borders. The
header names the columns: its labels (centred or not, over one to four lines) say roughly where
each column lies, and the body's words say exactly where: between two labels, the column
boundary is the stretch of the page that the body's words cover least. Rows come from the
stretches of the page the cells cover: a cell is a run of lines of one column at the text's line
pitch, the cells of one row overlap whatever their vertical alignment, and those of two rows do
not. Where that cannot tell rows apart (rows printed without any padding), from the vertical
gaps, else from the numbering. A line of words running over a boundary is a heading over the
table (a section) or a note under it; a row with text only in the title column is a heading
too; a repeated header and page numbers are dropped; inside a cell, lines are joined as in a
ruled PDF (one name per line kept).
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
    continued = False  # the table has rows on an earlier page
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
        rows.extend(_body(lines, bounds, header_cells, where, continued))
        continued = True
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
    """Each column's left edge: between two labels, inside the stretch the body covers least, once more
    without the headings printed across the columns (centred over the table, they cover its gutters): bold
    lines over a boundary, and lines running from one label to the next."""
    bounds = _covered_least(header, body)
    if bounds is None:
        return None
    spans = _label_spans(header)
    gaps = list(zip((end for _, end in spans), (start for start, _ in spans[1:])))
    bold_body = sum(_bold(w) for line in body for w in line) > sum(len(line) for line in body) / 2

    def heading(line: Line) -> bool:
        if not bold_body and all(map(_bold, line)) and _spanning(line, bounds):
            return True
        return any(c[0]["x0"] <= end and c[-1]["x1"] >= start for c in _chunks(line) for end, start in gaps)

    cells = [line for line in body if not heading(line)]
    return _covered_least(header, cells) if cells and len(cells) < len(body) else bounds


def _covered_least(header: list[Line], body: list[Line]) -> list[float] | None:
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
    """One run of words that crosses a column boundary, or a word that does (a justified line): text over
    the whole table's width, a heading or a note, not a row of cells."""
    margin = 0.5 * _height(line)  # a column kept from an earlier page may have drifted a little
    if any(w["x0"] + margin < b < w["x1"] - margin for w in line for b in bounds[1:]):
        return True
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


def _cell_lines(lines: list[Line], bounds: list[float], across: set[int]) -> dict[int, dict[int, list[Word]]]:
    """Column → line index → that line's words in the column, for the lines of cells."""
    found: dict[int, dict[int, list[Word]]] = {}
    for i, line in enumerate(lines):
        if i not in across:
            for word in line:
                found.setdefault(_column(word, bounds), {}).setdefault(i, []).append(word)
    return found


def _pitch(lines: list[Line], found: dict[int, dict[int, list[Word]]]) -> float:
    """The step from one line of a cell to the next: the most common step down a column (0 when none)."""
    steps: Counter[float] = Counter()
    for by_line in found.values():
        indices = sorted(by_line)
        steps.update(round(lines[b][0]["top"] - lines[a][0]["top"], 1) for a, b in zip(indices, indices[1:]))
    height = max((_height(line) for line in lines), default=0.0)
    return max(((n, step) for step, n in steps.items() if step >= 0.8 * height), default=(0, 0.0))[1]


def _across(lines: list[Line], bounds: list[float], pitch: float) -> list[list[int]]:
    """Lines printed across the columns (a heading over the table, a note under it), each with the lines
    that go on from it: the next line at the text's pitch, from the same left edge, after a line that ran
    into the last column (it was wrapped there)."""
    groups: list[list[int]] = []
    for i, line in enumerate(lines):
        previous = lines[i - 1] if i else None
        if (
            groups
            and groups[-1][-1] == i - 1
            and previous is not None
            and line[0]["top"] - previous[0]["top"] <= 1.12 * pitch
            and abs(line[0]["x0"] - lines[groups[-1][0]][0]["x0"]) <= 0.5 * _height(line)
            and previous[-1]["x1"] > bounds[-1]
        ):
            groups[-1].append(i)
        elif _spanning(line, bounds):
            groups.append([i])
    return groups


def _stacked_blocks(
    lines: list[Line], bounds: list[float], title: int | None = None
) -> list[tuple[list[Line], bool]] | None:
    """Lines grouped into rows by the stretch of the page each row's cells cover, each with whether it is
    printed across the columns; None when that does not tell the rows apart.

    Whatever a row's vertical alignment (top, middle, bottom), its cells share a line (their top, middle
    or bottom), so their stretches overlap; the cells of two rows never do. A cell is a run of lines of
    one column at the text's line pitch: a wider step in a column, or bold type after regular (or back),
    starts another cell. Two runs of one column in one stretch mean that the rows are not spaced apart
    there (no padding): they are told apart by the alignment of their cells if they can be, else None.
    """
    pitch = _pitch(lines, _cell_lines(lines, bounds, set()))
    if not pitch:
        return None
    across = _across(lines, bounds, pitch)
    found = _cell_lines(lines, bounds, {i for group in across for i in group})
    runs: list[tuple[float, float, int, list[int]]] = []  # top, bottom, column (-1: across), line indices
    words = [w for by_line in found.values() for ws in by_line.values() for w in ws]
    plain = sum(map(_bold, words)) <= len(words) / 2  # then bold text is a heading of its own
    for column, by_line in found.items():
        run: list[int] = []
        for i in sorted(by_line):
            bold = plain and all(map(_bold, by_line[i]))
            if run and (
                lines[i][0]["top"] - lines[run[-1]][0]["top"] > 1.12 * pitch
                or bold != (plain and all(map(_bold, by_line[run[-1]])))
            ):
                runs.append(_run(lines, run, column))
                run = []
            run.append(i)
        if run:
            runs.append(_run(lines, run, column))
    runs.extend(_run(lines, group, -1) for group in across)
    stretches: list[tuple[float, list[tuple[float, float, int, list[int]]]]] = []
    for run in sorted(runs, key=lambda r: (r[0], r[2])):
        if stretches and run[0] < stretches[-1][0] and run[2] >= 0 and stretches[-1][1][0][2] >= 0:
            bottom, members = stretches[-1]
            stretches[-1] = (max(bottom, run[1]), [*members, run])
        else:
            stretches.append((run[1], [run]))
    votes: Counter[str] = Counter()
    for _, members in stretches:
        if len({m[2] for m in members}) == len(members) and members[0][2] >= 0:
            tops = [(lines[m[3][0]][0]["top"], lines[m[3][-1]][0]["top"]) for m in members]
            start, end = min(t for t, _ in tops), max(b for _, b in tops)
            ways = _alignments(tops, 0.15 * pitch, start, end)
            if len(ways) == 1:
                votes.update(ways)
    aligns = sorted(("middle", "top", "bottom"), key=lambda a: -votes[a])  # the most voted first
    blocks: list[tuple[list[Line], bool]] = []
    for _, members in stretches:
        if len({m[2] for m in members}) == len(members):
            blocks.append(([lines[i] for i in sorted({i for m in members for i in m[3]})], members[0][2] < 0))
            continue
        options = [
            (r[0], n, r[1])
            for n, a in enumerate(aligns)
            if (r := _split_touching(lines, members, pitch, found, title, a))
        ]
        rows = min(options)[2] if options else None  # the alignment that fits best, the most voted first
        if rows is None:
            return None
        blocks.extend(([lines[i] for i in row], False) for row in rows)
    return blocks


Run = tuple[float, float, int, list[int]]


def _split_touching(
    lines: list[Line],
    members: list[Run],
    pitch: float,
    found: dict[int, dict[int, list[Word]]],
    title: int | None,
    align: str,
) -> tuple[int, list[list[int]]] | None:
    """The rows of a stretch where rows touch (no padding): the lines cut into bands in each of which every
    column's lines are one run, aligned alike (top, middle or bottom) and the tallest filling the band. Of
    the cuts that do that, the one that cuts fewest cells where they go on (a cell ending on a preposition
    or inside quotes, a title going on in lower case), makes fewest headings in regular type and fewest
    rows with a column left empty, then the one with most rows, with what it costs; None when there is
    none. `found` holds each column's words by line, `align` how the table aligns its cells."""
    titles = found.get(title, {}) if title is not None else {}
    order = sorted({i for m in members for i in m[3]}, key=lambda i: lines[i][0]["top"])
    by_column: dict[int, list[Run]] = {}
    for m in members:
        by_column.setdefault(m[2], []).append(m)
    best: list[tuple[int, int, list[list[int]]] | None] = [None] * (len(order) + 1)
    best[0] = (0, 0, [])
    for end in range(1, len(order) + 1):
        for start in range(end):
            before = best[start]
            band = order[start:end]
            if before is None or not _aligned_row(
                lines, by_column, lines[band[0]][0]["top"], lines[band[-1]][0]["top"], band, pitch, align
            ):
                continue
            if titles and not any(titles.get(i) for i in band):
                continue  # every row has a title, or is a heading in the title column
            alone = all(len(lines[i]) == len(titles.get(i, [])) for i in band)  # a heading, if a row
            plain_heading = alone and not all(_bold(w) for i in band for w in titles[i])
            cut = bool(before[2]) and _cuts_cell(before[2][-1], band, found, titles)
            short = not alone and any(not any(i in by_line for i in band) for by_line in found.values())
            cost = before[0] + cut + plain_heading + short
            option = (cost, before[1] - 1, [*before[2], band])
            if best[end] is None or option[:2] < best[end][:2]:  # type: ignore[index]
                best[end] = option
    result = best[len(order)]
    return (result[0], result[2]) if result is not None and len(result[2]) > 1 else None


def _cuts_cell(
    above: list[int], below: list[int], found: dict[int, dict[int, list[Word]]], titles: dict[int, list[Word]]
) -> bool:
    """True when a cut between the bands `above` and `below` falls inside a cell that goes on: a title
    going on in lower case, or a cell of the band above ending where its text cannot end."""
    first = [i for i in below if titles.get(i)]
    if first and titles[first[0]][0]["text"][:1].islower():
        return True
    for by_line in found.values():
        text = " ".join(_text(by_line[i]) for i in above if i in by_line)
        if text and any(i in by_line for i in below) and linebreaks.goes_on(text):
            return True
    return False


def _aligned_row(
    lines: list[Line],
    by_column: dict[int, list[Run]],
    start: float,
    end: float,
    inside: list[int],
    pitch: float,
    align: str,
) -> bool:
    """True when each column's lines in the row are one run, all of them aligned in the row as `align`
    says (top, middle, bottom), and one of them fills the row (the tallest cell of a row without padding)."""
    if not inside:
        return False
    chosen = set(inside)
    spans: list[tuple[float, float]] = []
    for runs in by_column.values():
        tops = sorted(lines[i][0]["top"] for r in runs for i in r[3] if i in chosen)
        if tops:
            if any(b - a > 1.12 * pitch for a, b in zip(tops, tops[1:])):
                return False
            spans.append((tops[0], tops[-1]))
    near = 0.15 * pitch
    if not any(abs(first - start) <= near and abs(last - end) <= near for first, last in spans):
        return False
    return align in _alignments(spans, near, start, end)


def _alignments(spans: list[tuple[float, float]], near: float, start: float, end: float) -> set[str]:
    """How cells spanning (first line, last line) sit in a row from `start` to `end`: top, middle, bottom."""
    found = set()
    if all(abs(first - start) <= near for first, _ in spans):
        found.add("top")
    if all(abs((first + last) / 2 - (start + end) / 2) <= near for first, last in spans):
        found.add("middle")
    if all(abs(last - end) <= near for _, last in spans):
        found.add("bottom")
    return found


def _run(lines: list[Line], indices: list[int], column: int) -> tuple[float, float, int, list[int]]:
    top = min(w["top"] for i in indices for w in lines[i])
    bottom = max(w["bottom"] for i in indices for w in lines[i])
    return top, bottom, column, indices


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


def _body(
    lines: list[Line], bounds: list[float], header_cells: list[str], where: str, continued: bool = False
) -> list[Row]:
    """The table's rows on one page; `continued` when the table comes over from the page before (its first
    row may be the end of a row cut by the page break)."""
    mapping = columns.recognise(header_cells) or {}
    number = mapping.get("number")
    title = mapping.get("title")
    stacked = _stacked_blocks(lines, bounds, title)
    if stacked is not None:
        blocks = stacked
    else:
        blocks = [
            (b, len(b) == 1 and _spanning(b[0], bounds))
            for b in _blocks(lines, bounds, number, title, mapping.get("timeframe"))
        ]
    cell_lines = [line for block, across in blocks if not across for line in block]
    rights = [0.0] * len(bounds)
    for word in (w for line in cell_lines for w in line):
        i = _column(word, bounds)
        rights[i] = max(rights[i], word["x1"])
    words = [w for line in lines for w in line]
    space = 0.5 * sum(w["x1"] - w["x0"] for w in words) / max(sum(len(w["text"]) for w in words), 1)
    titles = [w for line in cell_lines for w in line if _column(w, bounds) == title]
    bold_body = sum(map(_bold, titles)) > len(titles) / 2
    rows: list[Row] = []
    for index, (block, across) in enumerate(blocks, 1):
        if across:
            cells = [" ".join(_text(line) for line in block)] + [""] * (len(bounds) - 1)
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
        row = Row(CELLS, cells, f"{where}, table line {index}", table=1)
        filled = [i for i, found in enumerate(per_column) if found]
        alone = title is not None and filled == [title]
        bold = len(filled) == 1 and all(map(_bold, per_column[filled[0]])) and not bold_body
        if stacked is not None and filled != [number] and (alone or (bold and len(block) == 1)):
            # a bold line alone in another column is a short heading centred over the table
            if bold or not (continued and index == 1):
                row.cells = [cells[filled[0]]] + [""] * (len(cells) - 1)
                row.spans = True
                if not bold:
                    row.notes.append(HEADING_NOTE)
        rows.append(row)
    return rows


HEADING_NOTE = (
    "a table row with text only in the title column (no number, deadline or responsible) read as a section heading"
)


def _bold(word: Word) -> bool:
    return bool(_BOLD.search(word.get("fontname", "")))


_BOLD = re.compile(r"bold|black|heavy|demi|semibold", re.IGNORECASE)
