"""What every reader produces: the document as a sequence of rows, whatever its format.

A Word file, a PDF and a pasted text all become the same thing: text lines, table rows
(lists of cell texts) and breaks (a page or table boundary, a blank line), each remembering
where in the source it came from so the report can point a reviewer at it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

CELLS, TEXT, BREAK = "cells", "text", "break"


@dataclass
class Row:
    """One line of text, one table row or one break, located in the source."""

    kind: str
    cells: list[str] = field(default_factory=list)
    where: str = ""
    spans: bool = False  # one merged cell across the whole table row (a heading)
    table: int = 0  # which table of the document the row belongs to (0 for text)
    notes: list[str] = field(default_factory=list)  # guesses the reader already made


@dataclass
class Source:
    """A read document: its rows, and the text to keep next to the plan as sources/<id>.txt."""

    format: str
    text: str
    rows: list[Row]
    name: str = "the source"
    notes: list[str] = field(default_factory=list)  # guesses about the whole document


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
