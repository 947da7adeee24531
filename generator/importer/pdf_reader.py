"""Read a PDF's text layer with pdfplumber: tables by its table finder, the text around them by position.

A table that runs on over several pages arrives as one table per page; the rows are kept in
order with a break between pages, and the table builder joins a row cut by the page break.
Inside a cell pdfplumber returns one line per printed line; those are visual wraps, so they
become spaces (a hyphen at a line end is kept for the cleanup to decide).
"""

from __future__ import annotations

import io
from typing import Any

from .errors import ImporterError
from .pdf_layout import aligned_rows
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
        if not any(page.chars for page in pdf.pages):
            raise ImporterError(f"{name} has no text layer (a scanned, image-only PDF?); run OCR on it first "
                                "or import the recognised text as .txt")
        rows = _rows(pdf)
        if not any(r.kind == CELLS for r in rows):
            # No ruled table: find the columns from where the header's words start.
            aligned = _aligned_rows(pdf)
            if any(r.kind == CELLS for r in aligned):
                rows = aligned
                notes.append("the PDF's table has no ruling lines; "
                             "columns were read from where the header's words start")
    except ImporterError:
        raise
    except Exception as exc:
        raise ImporterError(_open_error(name, exc)) from None
    finally:
        pdf.close()
    return Source("pdf", rows_text(rows), rows, name, notes)


def _rows(pdf: Any) -> list[Row]:
    rows: list[Row] = []
    for page in pdf.pages:
        rows.append(Row(BREAK, where=f"page {page.page_number}"))
        rows.extend(_page_rows(page))
    return rows


def _aligned_rows(pdf: Any) -> list[Row]:
    rows: list[Row] = []
    edges = None
    for page in pdf.pages:
        rows.append(Row(BREAK, where=f"page {page.page_number}"))
        text, cells, edges = aligned_rows(page, edges)
        rows.extend(Row(TEXT, [line], f"page {page.page_number}") for line in text if line.strip())
        rows.extend(Row(CELLS, c, f"page {page.page_number}, table line {i}", table=1) for i, c in enumerate(cells, 1))
    return rows


def _open_error(name: str, exc: Exception) -> str:
    causes = [exc, *exc.args, exc.__cause__, exc.__context__]
    text = " ".join(f"{type(c).__name__} {c}" for c in causes if c is not None).lower()
    if "password" in text or "encrypt" in text:
        return f"{name} is an encrypted PDF; save an unprotected copy and import that"
    return f"{name}: cannot read the PDF ({type(exc).__name__}: {exc})"


def _page_rows(page: Any) -> list[Row]:
    out: list[Row] = []
    tables = sorted(page.find_tables(), key=lambda t: t.bbox[1])
    top = 0.0
    for index, table in enumerate(tables, 1):
        x0, t_top, x1, t_bottom = table.bbox
        out.extend(_text_rows(page, top, t_top))
        for number, cells in enumerate(table.extract(), 1):
            texts = [_cell(c) for c in cells]
            spans = len(cells) > 1 and cells[0] is not None and all(c is None for c in cells[1:])
            out.append(Row(CELLS, texts, f"page {page.page_number}, table {index}, row {number}",
                           spans=spans, table=1))
        out.append(Row(BREAK, where=f"page {page.page_number}"))
        top = t_bottom
    out.extend(_text_rows(page, top, page.height))
    return out


def _text_rows(page: Any, top: float, bottom: float) -> list[Row]:
    if bottom - top < 1:
        return []
    text = page.crop((0, max(top, 0), page.width, min(bottom, page.height))).extract_text() or ""
    rows = []
    for line in text.split("\n"):
        line = line.strip()
        where = f"page {page.page_number}"
        rows.append(Row(TEXT, [line], where) if line else Row(BREAK, where=where))
    return rows


def _cell(value: str | None) -> str:
    if not value:
        return ""
    # "профориента-" + "ционных" becomes "профориента- ционных": cleanup joins it, or keeps a compound's hyphen.
    return " ".join(line.strip() for line in value.split("\n") if line.strip())
