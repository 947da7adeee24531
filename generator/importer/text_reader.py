"""Read plain text into rows, whatever shape its table has.

Text reaches the importer in the shapes people have: copied out of a document with tabs
between cells (one row per line, or a row's fragments over several lines), aligned with spaces
(`pdftotext -layout`, a PDF viewer), a Markdown or other pipe table, one cell per line (a web
page), or a saved HTML page. Each shape's reader is tried in that order and the first that
finds the measures table's header wins; blank lines and form feeds mark breaks.
"""

from __future__ import annotations

import re

from . import columns
from .detect import TXT
from .encoding import decode_text
from .errors import ImporterError
from .html_reader import html_rows, looks_like_html
from .rows import BREAK, CELLS, TEXT, Row, Source
from .text_aligned import aligned_rows, looks_aligned
from .text_lines import lines_rows
from .text_paragraphs import numbers_apart, paragraph_rows
from .text_pipe import looks_piped, pipe_rows
from .text_quoted import quoted_record


def read_text(data: bytes, name: str) -> Source:
    """Read text (UTF-8, or the encoding it declares or its letters suggest) into a Source."""
    text, _, encoding_note = decode_text(data)
    if text is None:
        raise ImporterError(f"{name} is not text in any encoding the importer knows; save the text as UTF-8")
    notes = [encoding_note] if encoding_note else []
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
        notes.append("control characters (NUL, ESC and the like) removed from the text")
    rows, note = shaped_rows(text)
    if not any(row.kind == CELLS for row in rows):
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        apart = numbers_apart(lines)
        if apart is not None:
            raise ImporterError(f"no table of measures found in {name}: {apart}")
    return Source(TXT, text, rows, name, notes + ([note] if note else []))


# No plan's text holds these; they come from a broken extraction or a terminal. Tabs, line ends
# and form feeds (page breaks) stay: they carry the table's shape.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


def shaped_rows(text: str) -> tuple[list[Row], str | None]:
    """The text's rows, from the first reader whose shape finds a header; and what the reader guessed."""
    if looks_like_html(text):
        rows = html_rows(text)
        if has_header(rows):
            return rows, None
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if looks_piped(lines):
        rows = pipe_rows(lines)
        if has_header(rows):
            return rows, None
    tabbed = text_rows(text)
    if has_header(tabbed):
        return tabbed, None
    if looks_aligned(lines):
        rows = aligned_rows(lines)
        if rows is not None and has_header(rows):
            return rows, (
                "the text has no tabs; its columns were read from where the words line up, a line "
                "inside a cell starts a new name only where its first word would have fitted on the line "
                "before, and in a table without a № column a row starts where a title starts with a number "
                "(or, when none does, with a capital letter beside other cells)"
            )
    paragraphs = paragraph_rows(lines)
    if paragraphs is not None and has_header(paragraphs[0]):
        return paragraphs[0], (
            f"the text reads as plain pdftotext output, one cell a paragraph; rows were rebuilt from the "
            f"header's {paragraphs[1]} columns and the numbering, and a deadline printed among another "
            f"cell's lines was taken out into its column"
        )
    found = lines_rows(lines)
    if found is not None:
        rows, width, headerless = found
        if headerless:
            return rows, (
                f"the text has one cell per line and no header; rows were rebuilt from the numbering, "
                f"{width} lines a row, as the shorter rows have (longer ones list names one per line)"
            )
        return rows, (
            f"the text has one cell per line; rows were rebuilt from the header's {width} columns and the numbering"
        )
    return tabbed, None


def has_header(rows: list[Row]) -> bool:
    """True when some rows of cells are a measures-table header."""
    for index, row in enumerate(rows):
        if (
            row.kind == CELLS
            and columns.recognise_rows([r.cells for r in rows[index : index + 3] if r.kind == CELLS]) is not None
        ):
            return True
    return False


def text_rows(text: str) -> list[Row]:
    """Rows of a tab-separated text: a cells row per line with tabs (a row over several lines where
    a quoted cell holds line breaks), a break per blank line or form feed."""
    rows: list[Row] = []
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    index = 0
    quoted = False  # a cell over several lines is quoted: every record is a whole row
    while index < len(lines):
        line, number = lines[index], index + 1
        record = quoted_record(lines, index) if "\f" not in line else None
        if record is not None:
            cells, covered = record
            rows.append(Row(CELLS, [c.strip() for c in cells], f"line {number}"))
            quoted = quoted or covered > 1
            index += covered
            continue
        index += 1
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
    if quoted:
        _mark_headings(rows)
    return rows


def _mark_headings(rows: list[Row]) -> None:
    """Mark as headings the rows below the header that hold nothing but a number or a title cell.
    In a sheet's copy whose cells keep their line breaks inside quotes, such a row is not the
    rest of the row above (that would have been in its cells): it is a section's merged row."""
    for index, row in enumerate(rows):
        mapping = columns.recognise(row.cells) if row.kind == CELLS else None
        if mapping is None:
            continue
        heads = {mapping.get("number"), mapping.get("title")} - {None}
        for later in rows[index + 1 :]:
            filled = [i for i, cell in enumerate(later.cells) if cell]
            if later.kind == CELLS and len(filled) == 1 and filled[0] in heads and len(later.cells) > 2:
                later.spans = True
        return
