"""Read a PDF's text layer with pdfplumber: tables by its table finder, the text around them by position.

How tables are found depends on what the document draws: ruled tables by their lines, tables
ruled only between rows by those rules and the text's columns, tables without rules by where the
header's words start (`pdf_layout`). A table that runs on over several pages arrives as one
table per page; the rows are kept in order with a break between pages, and the table builder
joins a row cut by the page break. A ruled row of real cells with text in one of them only is a
heading typed into the title cell (a section), except at the top of a later page. Inside a
cell, a printed line that ends where the next line's first word would still have fitted was
ended by its author: it stays a line of its own (one name per line); the other lines are wraps
and become spaces (a hyphen at a line end is kept for the cleanup to decide).
"""

from __future__ import annotations

import io
from typing import Any

from . import columns, limits, linebreaks, ocr
from .errors import ImporterError
from .numbering import NUMBER
from .pdf_layout import aligned_rows
from .pdf_unruled import HEADING_NOTE, unruled_rows
from .rows import BREAK, CELLS, TEXT, Row, Source, rows_text


def read_pdf(data: bytes, name: str = "the source") -> Source:
    """Read a PDF with a text layer into rows; raise ImporterError for encrypted or image-only files."""
    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:
        raise ImporterError(_open_error(name, exc)) from None
    notes: list[str] = []
    try:
        limits.check_pages(len(pdf.pages), name)
        if not any(page.chars for page in pdf.pages):
            return _scanned(pdf, name)
        settings = table_settings(pdf)
        rows = _rows(pdf, settings) if settings is not None else []
        if not any(r.kind == CELLS for r in rows):
            # No ruled table: columns from the header's labels and the body's alignment, rows from
            # the gaps between them; else from where the header's words start.
            unruled = unruled_rows(
                [(page.page_number, page.extract_words(extra_attrs=["fontname"])) for page in pdf.pages]
            )
            aligned = unruled if any(r.kind == CELLS for r in unruled) else _aligned_rows(pdf)
            if any(r.kind == CELLS for r in aligned):
                rows = aligned
                notes.append(
                    "the PDF's table has no ruling lines; its columns were read from the header's labels and "
                    "where the words line up"
                )
            elif not rows:
                rows = _rows(pdf, _RULED)
        elif settings is not _RULED:
            notes.append("the PDF's table is ruled only between rows; its columns were read from the text")
    except ImporterError:
        raise
    except Exception as exc:
        raise ImporterError(_open_error(name, exc)) from None
    finally:
        pdf.close()
    return Source("pdf", rows_text(rows), rows, name, notes)


_RULED = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
_ROWS_RULED = {"vertical_strategy": "text", "horizontal_strategy": "lines"}
_LINE_TOLERANCE = 2.5


def table_settings(pdf: Any) -> dict[str, str] | None:
    """pdfplumber's table settings for this document, from the rules it draws; None when it draws none."""
    vertical = horizontal = 0
    for page in pdf.pages:
        for edge in page.edges:
            if edge["orientation"] == "v":
                vertical += 1
            else:
                horizontal += 1
    if vertical >= 4 and horizontal >= 4:
        return _RULED
    if horizontal >= 4:
        return _ROWS_RULED
    return None


def _rows(pdf: Any, settings: dict[str, str]) -> list[Row]:
    rows: list[Row] = []
    for page in pdf.pages:
        rows.append(Row(BREAK, where=f"page {page.page_number}"))
        rows.extend(_page_rows(page, settings))
    return rows


def _aligned_rows(pdf: Any, words: Any = None, notes: list[str] | None = None) -> list[Row]:
    """Rows of a table without rules: its columns from where the header's words start (`words(page)` gives them)."""
    rows: list[Row] = []
    edges = None
    for page in pdf.pages:
        rows.append(Row(BREAK, where=f"page {page.page_number}"))
        found = words(page) if words else page.extract_words(keep_blank_chars=False)
        text, cells, edges = aligned_rows(found, edges)
        rows.extend(Row(TEXT, [line], f"page {page.page_number}") for line in text if line.strip())
        rows.extend(
            Row(CELLS, c, f"page {page.page_number}, table line {i}", table=1, notes=list(notes or []))
            for i, c in enumerate(cells, 1)
        )
    return rows


OCR_NOTE = "read by OCR from a scanned page: check every value against the scan"


def _scanned(pdf: Any, name: str) -> Source:
    """A PDF without a text layer: read by OCR when tesseract is installed, else refused with how to read it."""
    why = ocr.unavailable()
    if why is not None:
        raise ImporterError(
            f"{name} has no text layer (a scanned, image-only PDF) and cannot be read by OCR here: "
            f"{why}; or import the recognised text as .txt"
        )
    if len(pdf.pages) > ocr.MAX_PAGES:
        raise ImporterError(
            f"{name} is a scan of {len(pdf.pages)} pages; OCR reads at most {ocr.MAX_PAGES} "
            "(split the file, or import the recognised text as .txt)"
        )
    rows = _aligned_rows(pdf, lambda page: ocr.page_words(page, name), [OCR_NOTE])
    if not any(r.kind == CELLS for r in rows):
        raise ImporterError(
            f"{name} has no text layer (a scanned PDF); OCR read its text but found no table of "
            "measures under a header (a poor scan?); import the recognised text as .txt instead"
        )
    note = (
        "the PDF has no text layer: its text was recognised by OCR (tesseract, Russian) and every value "
        "is flagged for review"
    )
    return Source("pdf", rows_text(rows), rows, name, [note])


def _open_error(name: str, exc: Exception) -> str:
    causes = [exc, *exc.args, exc.__cause__, exc.__context__]
    text = " ".join(f"{type(c).__name__} {c}" for c in causes if c is not None).lower()
    if "password" in text or "encrypt" in text:
        return f"{name} is an encrypted PDF; save an unprotected copy and import that"
    return f"{name}: cannot read the PDF ({type(exc).__name__}: {exc})"


def _page_rows(page: Any, settings: dict[str, str]) -> list[Row]:
    out: list[Row] = []
    tables = sorted(page.find_tables(settings), key=lambda t: t.bbox[1])
    words = page.extract_words() if tables else []
    top = 0.0
    for index, table in enumerate(tables, 1):
        _, t_top, _, t_bottom = table.bbox
        out.extend(_text_rows(page, top, t_top))
        body = page.page_number == 1  # on a later page, the first row under the header may end a cut row
        for number, cells in enumerate(_cell_texts(table, words), 1):
            spans = len(cells) > 1 and cells[0] is not None and all(c is None for c in cells[1:])
            notes = []
            if not spans and body and _heading_row(cells):
                spans = True
                notes.append(HEADING_NOTE)
            texts = [c.strip() for c in cells if c and c.strip()]
            if len(texts) > 1 and not columns.is_column_numbers(texts):
                body = (
                    body
                    or not all(len(t) <= 80 and not t[0].isdigit() for t in texts)
                    or not any(map(columns.field_of, texts))
                )
            out.append(
                Row(
                    CELLS,
                    [c or "" for c in cells],
                    f"page {page.page_number}, table {index}, row {number}",
                    spans=spans,
                    table=1,
                    notes=notes,
                )
            )
        out.append(Row(BREAK, where=f"page {page.page_number}"))
        top = t_bottom
    out.extend(_text_rows(page, top, page.height))
    return out


def _heading_row(cells: list[str | None]) -> bool:
    """A row of real cells (none merged into the row above) with text in one of them only, and not a
    number: a section heading typed into the title cell."""
    texts = [c for c in cells if c and c.strip()]
    return len(cells) > 2 and None not in cells and len(texts) == 1 and not NUMBER.match(texts[0].strip())


def _cell_texts(table: Any, words: list[dict[str, Any]]) -> list[list[str | None]]:
    """Each cell's text with its author's line breaks kept (None for a cell merged into another)."""
    boxes = [list(row.cells) for row in table.rows]
    inside = [[_words_in(words, box) if box else [] for box in row] for row in boxes]
    widths = [w["x1"] - w["x0"] for w in words]
    letters = sum(len(w["text"]) for w in words) or 1
    space = 0.5 * sum(widths) / letters
    columns = max((len(r) for r in boxes), default=0)
    padding = []
    for column in range(columns):
        gaps = [
            min(w["x0"] for w in inside[r][column]) - boxes[r][column][0]
            for r in range(len(boxes))
            if column < len(boxes[r]) and boxes[r][column] and inside[r][column]
        ]
        padding.append(max(min(gaps, default=2.0), 0.0))
    texts: list[list[str | None]] = []
    for r, row in enumerate(boxes):
        out: list[str | None] = []
        for column, box in enumerate(row):
            if box is None:
                out.append(None)
                continue
            lines = _lines(inside[r][column])
            measured = [
                (" ".join(w["text"] for w in line), line[-1]["x1"], line[0]["x1"] - line[0]["x0"]) for line in lines
            ]
            out.append(linebreaks.join_measured(measured, box[2] - padding[column], space))
        texts.append(out)
    return texts


def _words_in(words: list[dict[str, Any]], box: tuple[float, float, float, float]) -> list[dict[str, Any]]:
    x0, top, x1, bottom = box
    return [w for w in words if x0 <= (w["x0"] + w["x1"]) / 2 <= x1 and top <= (w["top"] + w["bottom"]) / 2 <= bottom]


def _lines(words: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    lines: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if lines and abs(word["top"] - lines[-1][0]["top"]) <= _LINE_TOLERANCE:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]


def _text_rows(page: Any, top: float, bottom: float) -> list[Row]:
    if bottom - top < 1:
        return []
    text = page.within_bbox((0, max(top, 0), page.width, min(bottom, page.height))).extract_text() or ""
    rows = []
    for line in text.split("\n"):
        line = line.strip()
        where = f"page {page.page_number}"
        rows.append(Row(TEXT, [line], where) if line else Row(BREAK, where=where))
    return rows
