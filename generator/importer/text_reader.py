"""Read plain text into rows.

Text copied out of a document keeps table cells separated by tabs, one table row per line
(or one fragment of a row per line, when the extraction split cells); blank lines and form
feeds mark page breaks.
"""

from __future__ import annotations

from .detect import TXT
from .rows import BREAK, CELLS, TEXT, Row, Source


def read_text(data: bytes, name: str) -> Source:
    """Read UTF-8 text (with or without a byte-order mark) into a Source."""
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
