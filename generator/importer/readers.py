"""Read a source's bytes into rows: dispatch by detected format to the reader of that format."""

from __future__ import annotations

from .detect import DOCX, PDF, detect_format
from .docx_reader import read_docx
from .pdf_reader import read_pdf
from .rows import Source
from .text_reader import read_text


def read_source(data: bytes, name: str = "the source") -> Source:
    """Read `data` (a .docx, a .pdf or text) into a Source; raise ImporterError on bad input."""
    kind = detect_format(data, name)
    if kind == PDF:
        return read_pdf(data, name)
    if kind == DOCX:
        return read_docx(data, name)
    return read_text(data, name)
