"""Workbooks for people: the export tables as XLSX sheets, written with XlsxWriter.

Every text is written as a text cell in the text number format ("@"), so that no spreadsheet
reads «3.1.1» as a date or «4.10» as the number 4.1; numbers are numbers, links are links.
Each sheet has its header row frozen and filters on. The same tables and properties give the
same bytes: XlsxWriter dates the parts of the file 1980-01-01 and takes the creation date given.
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

import xlsxwriter

from . import export
from .elsewhere import Started
from .export import Table, spreadsheet_text

# Column widths in characters: wide enough for most values, never wider than a screen.
MIN_WIDTH, MAX_WIDTH = 6, 60
# Excel's limit on the text of one cell.
MAX_CELL = 32767
# A row's height in points per line of text, and the most lines a row is given.
LINE_HEIGHT, MAX_LINES = 15, 20


Rows = tuple[tuple[Any, ...], ...]
# A workbook to write: (the name of an export table, its rows for people) for each sheet.
Sheets = tuple[tuple[str, Rows], ...]
Properties = tuple[tuple[str, str], ...]


def written_elsewhere(books: dict[str, Sheets], properties: Properties, created: datetime) -> Started[dict[str, bytes]]:
    """Begin writing `books` (path: sheets) in a process of its own; its result is path: bytes.

    XlsxWriter is pure Python and the workbooks are one of the generator's largest costs, so they
    are written on another core while this process renders the pages."""
    return Started(write_all, books, properties, created)


def write_all(books: dict[str, Sheets], properties: Properties, created: datetime) -> dict[str, bytes]:
    # The tables themselves hold functions that do not cross processes: their names do.
    tables = {t.name: t for t in (*export.TABLES, export.DICTIONARY, export.ABOUT)}
    return {
        path: workbook(tuple((tables[name], rows) for name, rows in sheets), properties, created)
        for path, sheets in books.items()
    }


def workbook(sheets: tuple[tuple[Table, Rows], ...], properties: Properties, created: datetime) -> bytes:
    """An XLSX file with a sheet for each (table, rows of values for people), in order."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(
        out, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}
    )
    book.set_properties({**dict(properties), "created": created})
    formats = {
        "header": book.add_format(
            {"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#E8EAF6", "bottom": 1, "num_format": "@"}
        ),
        "text": book.add_format({"num_format": "@", "valign": "top"}),
        "wrapped": book.add_format({"num_format": "@", "valign": "top", "text_wrap": True}),
        "number": book.add_format({"valign": "top"}),
        "url": book.add_format({"valign": "top", "font_color": "blue", "underline": 1}),
    }
    for table, rows in sheets:
        _sheet(book, formats, table, rows)
    book.close()
    return out.getvalue()


def _sheet(book: Any, formats: dict[str, Any], table: Table, rows: Rows) -> None:
    sheet = book.add_worksheet(table.title)
    kinds, widths = [], []
    for col, column in enumerate(table.columns):
        longest = max((len(str(row[col])) for row in rows if row[col] is not None), default=0)
        # Room for the header's filter button, and no wider than a screen: longer texts wrap.
        widths.append(min(max(longest, len(column.header) + 3, MIN_WIDTH), MAX_WIDTH) + 1)
        kinds.append(
            "wrapped"
            if longest > MAX_WIDTH
            else "number"
            if column.type in ("integer", "number")
            else "url"
            if column.type == "url"
            else "text"
        )
        sheet.set_column(col, col, widths[col], formats[kinds[col]])
        sheet.write_string(0, col, column.header, formats["header"])
    sheet.set_row(0, LINE_HEIGHT * max(_lines(c.header, w) for c, w in zip(table.columns, widths)))
    for r, row in enumerate(rows, 1):
        # Spreadsheets do not fit a row to wrapped text on opening: the height is given.
        lines = max((_lines(str(v), widths[c]) for c, v in enumerate(row) if v and kinds[c] == "wrapped"), default=1)
        if lines > 1:
            sheet.set_row(r, LINE_HEIGHT * min(lines, MAX_LINES))
        for col, (column, value) in enumerate(zip(table.columns, row)):
            if value is None or value == "":
                continue
            if column.type in ("integer", "number"):
                sheet.write_number(r, col, value, formats[kinds[col]])
            elif column.type == "url" and "://" in value:  # relative when the site has no site_url
                sheet.write_url(r, col, value, formats[kinds[col]], string=value)
            else:
                sheet.write_string(r, col, spreadsheet_text(str(value))[:MAX_CELL], formats[kinds[col]])
    sheet.freeze_panes(1, 0)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.repeat_rows(0)  # the header on every printed page
    sheet.autofilter(0, 0, max(len(rows), 1), len(table.columns) - 1)


def _lines(text: str, width: int) -> int:
    """About how many lines a text takes in a wrapped column `width` characters wide."""
    return sum(-(-len(part) * 11 // (10 * (width - 1))) or 1 for part in text.split("\n"))
