"""Columns of a PDF table printed without ruling lines, read from where its words start.

pdfplumber finds ruled tables by their lines. Without lines, the header row still tells where
each column starts: a header word that also starts words in several other lines is a column's
left edge. Each printed line then becomes a row of cells (the table builder joins the lines of
one row, as it does for text copied out of a PDF); a number printed in the vertical middle of
its row is moved up to the row's first line.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from . import columns

_LINE_TOLERANCE = 2.0
_EDGE_TOLERANCE = 3.0


def aligned_rows(
    words: list[dict[str, Any]], edges: list[float] | None
) -> tuple[list[str], list[list[str]], list[float] | None]:
    """Text lines above the table, and the table's lines as cells, of one page's words (text, x0, x1, top).

    Column `edges` come from the header on this page, or from an earlier page the table continues from.
    """
    lines = _lines(words)
    header, found = _edges(lines)
    edges = found or edges
    if not edges:
        return [" ".join(w["text"] for w in words) for _, words in lines], [], None
    start = header if header is not None else 0
    text = [" ".join(w["text"] for w in words) for _, words in lines[:start]]
    rows = [(top, _cells(words, edges)) for top, words in lines[start:]]
    rows = [r for r in rows if not _page_number(r[1])]
    return text, [cells for _, cells in _lift_centred_numbers(rows)], edges


def _page_number(cells: list[str]) -> bool:
    values = [c for c in cells if c]
    return len(values) == 1 and values[0].isdigit() and len(values[0]) <= 3 and not cells[0]


def _lines(words: list[dict[str, Any]]) -> list[tuple[float, list[dict[str, Any]]]]:
    lines: list[tuple[float, list[dict[str, Any]]]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0] - word["top"]) <= _LINE_TOLERANCE:
            lines[-1][1].append(word)
        else:
            lines.append((word["top"], [word]))
    return [(top, sorted(ws, key=lambda w: w["x0"])) for top, ws in lines]


def _edges(lines: list[tuple[float, list[dict[str, Any]]]]) -> tuple[int | None, list[float] | None]:
    """The header line's index and the left edges of the columns it names."""
    starts = Counter(round(w["x0"]) for _, ws in lines for w in ws)
    for index, (_, words) in enumerate(lines):
        candidates = sorted({round(w["x0"]) for w in words})
        edges = [x for x in candidates if sum(starts[x + d] for d in (-1, 0, 1)) >= 3]
        if len(edges) < 2:
            continue
        cells = _cells(words, [float(e) for e in edges])
        if columns.recognise(cells) is not None:
            return index, [float(e) for e in edges]
    return None, None


def _cells(words: list[dict[str, Any]], edges: list[float]) -> list[str]:
    cells: list[list[str]] = [[] for _ in edges]
    for word in words:
        index = max((i for i, edge in enumerate(edges) if word["x0"] >= edge - _EDGE_TOLERANCE), default=0)
        cells[index].append(word["text"])
    return [" ".join(c) for c in cells]


def _lift_centred_numbers(rows: list[tuple[float, list[str]]]) -> list[tuple[float, list[str]]]:
    """Put a row's number on its first line when it is printed in the middle of the row."""
    unnumbered = [top for top, cells in rows if not cells[0]]
    gaps = Counter(round(b - a, 1) for a, b in zip(unnumbered, unnumbered[1:]) if b > a)
    if not gaps:
        return rows
    pitch = max(gaps.items(), key=lambda kv: (kv[1], kv[0]))[0]
    out = [list(r) for r in rows]
    previous_number_top = None
    for i, (top, cells) in enumerate(rows):
        if not cells[0]:
            continue
        first = i
        while (
            first > 0
            and not out[first - 1][1][0]
            and top - rows[first - 1][0] < pitch * 0.95
            and (previous_number_top is None or rows[first - 1][0] - previous_number_top > top - rows[first - 1][0])
        ):
            first -= 1
        if first != i:
            number_cells = out[i][1]
            out[first][1] = [number_cells[0], *out[first][1][1:]]
            number_cells[0] = ""
        previous_number_top = top
    return [(top, cells) for top, cells in out]
