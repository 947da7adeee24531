"""Files the hostile cases make at run time (their make.py): a small Word plan, one part of a
.docx rewritten, a PDF of many pages or of no text."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from typing import Any

ROWS = [
    ["№ п/п", "Наименование мероприятия", "Ответственный исполнитель", "Срок исполнения"],
    ["1.", "Проведение профессиональных проб", "Департамент образования", "2021 год"],
    ["2.", "Экскурсии на предприятия", "Департамент образования", "2022 год"],
]


def document(rows: list[list[str]]) -> tuple[Any, Any]:
    """A Word document with a plan title and a table of `rows`: (document, table)."""
    import docx

    d = docx.Document()
    d.add_paragraph("План мероприятий по профориентации на 2021-2024 годы")
    table = d.add_table(rows=0, cols=4)
    for row in rows:
        for cell, value in zip(table.add_row().cells, row):
            cell.text = value
    return d, table


def docx_bytes(d: Any) -> bytes:
    buffer = io.BytesIO()
    d.save(buffer)
    return buffer.getvalue()


def rewrite(data: bytes, name: str, change: Callable[[bytes], bytes]) -> bytes:
    """The .docx `data` with its part `name` replaced by `change(part)` (added when missing)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            body = source.read(info.filename)
            archive.writestr(info.filename, change(body) if info.filename == name else body)
        if name not in source.namelist():
            archive.writestr(name, change(b""))
    return out.getvalue()


def pdf(path: Any, pages: int, text: bool = True) -> None:
    """A PDF of `pages` pages, each with a line of text or, with `text=False`, only a drawing."""
    from fpdf import FPDF

    doc = FPDF()
    doc.set_font("helvetica", size=10)
    for i in range(pages):
        doc.add_page()
        if text:
            doc.cell(text=f"Plan page {i} 2021")
        else:
            doc.rect(20, 20, 100, 60, style="F")
    doc.output(str(path))
