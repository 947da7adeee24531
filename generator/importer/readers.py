"""Read a source's bytes into rows: dispatch by detected format; plain text is read here.

Text copied out of a document keeps table cells separated by tabs, one table row per line
(or one fragment of a row per line, when the extraction split cells); blank lines and form
feeds mark page breaks.
"""

from __future__ import annotations

from .detect import DOCX, PDF, TXT, detect_format
from .rows import BREAK, CELLS, TEXT, Row, Source


def read_source(data: bytes, name: str = "the source") -> Source:
    """Read `data` (a .docx, a .pdf or UTF-8 text) into a Source; raise ImporterError on bad input."""
    kind = detect_format(data, name)
    if kind == PDF:
        from .pdf_reader import read_pdf

        return read_pdf(data, name)
    if kind == DOCX:
        from .docx_reader import read_docx

        return read_docx(data, name)
    text = data.decode("utf-8-sig")
    return Source(TXT, text, text_rows(text), name)


def text_rows(text: str) -> list[Row]:
    """Rows of a tab-separated text: a cells row per line with tabs, a break per blank line or form feed."""
    rows: list[Row] = []
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, line in enumerate(lines, 1):
        parts = line.split("\f")
        for i, part in enumerate(parts):
            if i:
                rows.append(Row(BREAK, where=f"line {number}"))
            if "\t" in part:
                rows.append(Row(CELLS, [c.strip() for c in part.split("\t")], f"line {number}"))
            elif part.strip():
                rows.append(Row(TEXT, [part.strip()], f"line {number}"))
            else:
                rows.append(Row(BREAK, where=f"line {number}"))
    return rows


def rows_text(rows: list[Row]) -> str:
    """The rows back as text (tabs between cells), kept as the plan's source text for .docx and .pdf."""
    out: list[str] = []
    for row in rows:
        if row.kind == BREAK:
            if out and out[-1] != "":
                out.append("")
        elif row.kind == TEXT:
            out.append(row.cells[0])
        else:
            out.append("\t".join(" ".join(c.split()) for c in row.cells))
    return "\n".join(out).strip("\n") + "\n"
