"""Read a table from plain `pdftotext` output (reading order, no `-layout`).

pdftotext without `-layout` prints each cell as a paragraph, set apart from the next by a blank
line, row after row: the header's labels (the «№» label often glued under the title above it),
the column-number row «1 2 3 4», then each row's number and its cells. A paragraph whose last line
is a bare number starts a row, the lines above it are a heading (a section's merged row). Cells
printed side by side at the same height may come out in one paragraph, their lines interleaved:
a deadline line inside the responsible cell is taken out into the deadline column when the row
has no deadline of its own. The header repeated on a later page, the column-number row and page
numbers («- 2 -», «Страница 2») are not rows.
"""

from __future__ import annotations

import re

from . import columns, linebreaks
from .numbering import NUMBER, SECTION_TEXT
from .rows import BREAK, CELLS, TEXT, Row

_MAX_COLUMNS = 8
_MIN_ROWS = 3
_PAGE_NUMBER = re.compile(r"^(?:[-–—]\s*\d{1,3}\s*[-–—]|(?:[Сс]траница|[Сс]тр\.)\s*\d{1,3}(?:\s+из\s+\d{1,3})?)$")

Paragraph = tuple[int, list[str]]  # (line number of its first line, its lines)


def paragraph_rows(lines: list[str]) -> tuple[list[Row], int] | None:
    """Rows rebuilt from the paragraphs, and the number of columns; None when no header of
    paragraphs is followed by at least a few numbered rows."""
    paragraphs = _paragraphs(lines)
    found = _header(paragraphs)
    if found is None:
        return None
    start, labels, end = found
    width = len(labels)
    mapping = columns.recognise(labels) or {}
    if mapping.get("number") != 0:
        return None
    body = paragraphs[end:]
    if sum(_row_start(p) is not None for p in body) < _MIN_ROWS:
        return None
    rows = _text_rows(lines[: paragraphs[start][0] - 1 + _label_offset(paragraphs[start], labels[0])])
    rows.append(Row(CELLS, labels, f"line {paragraphs[start][0]}", table=1))
    rows.extend(_body(body, labels, mapping))
    return rows, width


def numbers_apart(lines: list[str]) -> str | None:
    """Why plain pdftotext text cannot be read as rows, when its numbers stand apart from their
    cells: the header's labels are lines of their own, and a run of the rows' numbers comes with
    no cell between them (pdftotext read the № column of a page whole before the other cells, so
    which lines make a row is lost). None when the text does not look so."""
    texts = [" ".join(line.replace("\f", " ").split()) for line in lines]
    run: list[tuple[int, str]] = []
    for number, text in enumerate(texts, 1):
        if NUMBER.match(text) and not text.isdigit():
            run.append((number, text))
            if len(run) >= _MIN_ROWS:
                break
        elif text:
            run = []
    if len(run) < _MIN_ROWS:
        return None
    # each field's first label line after the numbers start (pdftotext prints the № column first)
    labels: dict[str, tuple[int, str]] = {}
    for number, text in enumerate(texts[run[0][0] :], run[0][0] + 1):
        field = columns.field_of(text) if 0 < len(text) <= 60 and not NUMBER.match(text) else None
        if field in ("title", "responsible", "timeframe"):
            labels.setdefault(field, (number, text))
    if "title" not in labels or not labels.keys() & {"responsible", "timeframe"}:
        return None
    named = ", ".join(f"line {n} «{t}»" for n, t in sorted(labels.values()))
    numbers = ", ".join(f"«{t}»" for _, t in run)
    return (
        f"the header's labels are lines of their own ({named}), but the rows' numbers stand apart from "
        f"their cells (lines {run[0][0]}–{run[-1][0]}: {numbers}, with nothing between them): this reads as "
        f"plain pdftotext output (without -layout) of a table it read column by column, so which lines make "
        f"a row is lost; convert the PDF again with `pdftotext -layout`, or copy the table from the document"
    )


def _paragraphs(lines: list[str]) -> list[Paragraph]:
    out: list[Paragraph] = []
    current: list[str] = []
    first = 0
    for number, raw in enumerate(lines, 1):
        text = " ".join(raw.replace("\f", " ").split())
        if not text:
            if current:
                out.append((first, current))
            current = []
            continue
        if not current:
            first = number
        current.append(text)
    if current:
        out.append((first, current))
    return out


def _label_offset(paragraph: Paragraph, label: str) -> int:
    """Lines of the header's first paragraph above its label (the title the «№» is glued under)."""
    lines = paragraph[1]
    if len(lines) > 2 and _split_number_label(lines) and " ".join(lines[-2:]) == label:
        return len(lines) - 2
    return len(lines) - 1 if len(lines) > 1 and lines[-1] == label else 0


def _split_number_label(lines: list[str]) -> bool:
    """True when a paragraph ends with the «№» label over two lines («№» / «п/п»)."""
    return lines[-2] == "№" and bool(columns.field_of(" ".join(lines[-2:])) == "number") and len(lines[-1]) <= 5


def _header(paragraphs: list[Paragraph]) -> tuple[int, list[str], int] | None:
    """The first run of paragraphs that reads as a header: where it starts, its labels, and the
    index of the first paragraph after it (the column-number row skipped)."""
    for start in range(len(paragraphs)):
        lines = paragraphs[start][1]
        first = [" ".join(lines)] if len(lines) == 1 else [lines[-1]]
        if len(lines) > 1 and _split_number_label(lines):
            first = [" ".join(lines[-2:])]
        labels = first if _label(first[0]) else []
        if not labels:
            continue
        for _, more in paragraphs[start + 1 : start + _MAX_COLUMNS]:
            text = " ".join(more)
            if not _label(text):
                break
            labels.append(text)
        if len(labels) >= 3 and columns.recognise(labels) is not None:
            end = start + len(labels)
            if _column_numbers(paragraphs[end : end + len(labels)], len(labels)):
                end += len(labels)
            return start, labels, end
    return None


def _label(text: str) -> bool:
    return (
        0 < len(text) <= 60
        and not text[0].isdigit()
        and not SECTION_TEXT.match(text)
        and bool(columns.field_of(text) or text.startswith("№"))
    )


def _column_numbers(paragraphs: list[Paragraph], width: int) -> bool:
    texts = [" ".join(lines) for _, lines in paragraphs]
    return len(texts) == width and texts == [str(i) for i in range(1, width + 1)]


def _row_start(paragraph: Paragraph) -> str | None:
    """The number a paragraph ends with when it starts a row (alone or under a heading)."""
    last = paragraph[1][-1]
    return last if NUMBER.match(last) and not _PAGE_NUMBER.match(last) else None


def _text_rows(lines: list[str]) -> list[Row]:
    return [
        Row(TEXT, [" ".join(line.split())], f"line {i}") if line.strip() else Row(BREAK, where=f"line {i}")
        for i, line in enumerate(lines, 1)
    ]


def _body(body: list[Paragraph], labels: list[str], mapping: dict[str, int]) -> list[Row]:
    width = len(labels)
    rows: list[Row] = []
    found: list[tuple[int, list[list[str]]]] = []
    index = 0
    skip_labels = [" ".join(label.split()) for label in labels]
    body = _regrouped(body, width)
    while index < len(body):
        where, lines = body[index]
        text = " ".join(lines)
        if _PAGE_NUMBER.match(text):
            index += 1
            continue
        if _repeated_header(body, index, skip_labels):
            index += width
            if _column_numbers(body[index : index + width], width):
                index += width
            continue
        number = _row_start(body[index])
        if number is None:
            rows.append(_heading(where, text, width) if rows else Row(TEXT, [text], f"line {where}"))
            index += 1
            continue
        for heading in lines[:-1]:
            rows.append(_heading(where, heading, width))
        cells: list[Paragraph] = []
        index += 1
        while index < len(body) and _row_start(body[index]) is None and len(cells) < width - 1:
            if _PAGE_NUMBER.match(" ".join(body[index][1])) or _repeated_header(body, index, skip_labels):
                break
            if cells and SECTION_TEXT.match(body[index][1][0]) and len(body[index][1]) == 1:
                break  # a numbered heading between rows
            cells.append(body[index])
            index += 1
        found.append((len(rows), [[number], *_spread([c[1] for c in cells], width - 1, mapping)]))
        rows.append(Row(CELLS, [], f"line {where}", table=1))
    _join(rows, found, width)
    return rows


def _regrouped(body: list[Paragraph], width: int) -> list[Paragraph]:
    """The paragraphs with each run of rows printed column by column put back row by row.

    pdftotext reads a block of rows that sit side by side on the page as a whole column before the
    next: the numbers and titles of a few rows one after another, then the other cells of the
    first of them, of the second, and so on. Such a run is k rows of a number and a title each,
    followed by exactly k times as many other cells as a row has (a heading may close it); any
    other count is left as printed."""
    rest = width - 2
    if rest < 1:
        return body
    out: list[Paragraph] = []
    index = 0
    while index < len(body):
        starts = index
        pairs: list[tuple[Paragraph, Paragraph]] = []
        while index + 1 < len(body) and _row_start(body[index]) is not None and _row_start(body[index + 1]) is None:
            pairs.append((body[index], body[index + 1]))  # a number and its title
            index += 2
            if index < len(body) and _row_start(body[index]) is None:
                break  # the other cells follow
        others = index
        while index < len(body) and _row_start(body[index]) is None and not _page_number(body[index]):
            index += 1
        cells = body[others:index]
        extra = len(cells) - len(pairs) * rest
        if len(pairs) < 2 or extra not in (0, 1):
            out.extend(body[starts : max(index, starts + 1)])
            index = max(index, starts + 1)
            continue
        for k, (number, title) in enumerate(pairs):
            out.extend([number, title, *cells[k * rest : (k + 1) * rest]])
        out.extend(cells[len(pairs) * rest :])
    return out


def _page_number(paragraph: Paragraph) -> bool:
    return bool(_PAGE_NUMBER.match(" ".join(paragraph[1])))


def _join(rows: list[Row], found: list[tuple[int, list[list[str]]]], width: int) -> None:
    """Fill the rows' cells: a column's lines run as wide as its longest line, so a line that
    the next one's first word would have fitted after ends where the author broke it."""
    widest = [max((len(line) for _, cells in found for line in cells[i]), default=0) for i in range(width)]
    for index, cells in found:
        rows[index].cells = [linebreaks.join_monospaced(lines, widest[i] + 1) for i, lines in enumerate(cells)]


def _repeated_header(body: list[Paragraph], index: int, labels: list[str]) -> bool:
    texts = [" ".join(lines) for _, lines in body[index : index + len(labels)]]
    return texts == labels


def _heading(where: int, text: str, width: int) -> Row:
    return Row(CELLS, [text] + [""] * (width - 1), f"line {where}", spans=True, table=1)


def _spread(cells: list[list[str]], width: int, mapping: dict[str, int]) -> list[list[str]]:
    """The row's cells after its number: with a deadline column and no paragraph that is only a
    deadline, the deadline lines interleaved into another paragraph are taken out into it."""
    deadline = mapping.get("timeframe")
    out = [list(c) for c in cells]
    if deadline is not None and deadline >= 1 and len(out) < width:
        if not any(all(columns.dated(line) for line in c) for c in out[1:]):
            for cell in out[1:]:
                dated = [line for line in cell if columns.dated(line)]
                rest = [line for line in cell if not columns.dated(line)]
                if dated and rest:
                    cell[:] = rest
                    position = min(deadline - 1, len(out))
                    out.insert(position, dated)
                    break
    out = out[:width]
    return out + [[] for _ in range(width - len(out))]
