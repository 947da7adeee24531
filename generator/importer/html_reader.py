"""Read an HTML page saved from a region's site: its tables row by row, the text around them as lines.

The standard library's HTML parser reads the markup; cells merged with `colspan` are read once
(the columns they cover stay empty), a cell merged down with `rowspan` holds for the rows below
it too (as Word repeats it) unless their first cell is merged as well (they continue the row),
and `<br>` or a new paragraph inside a cell is a line break there. A row whose one cell spans
the whole table is a heading (a section). A table that holds other tables lays out the page:
its cells are read as text around the tables inside it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from .rows import BREAK, CELLS, TEXT, Row

_BLOCKS = {
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "tr",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "ul",
    "ol",
    "title",
}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_SKIP = {"script", "style", "head", "noscript", "template"}


def looks_like_html(text: str) -> bool:
    """True for an HTML document or fragment with a table."""
    return bool(re.search(r"<table\b", text, re.I)) and bool(re.search(r"</t[dh]>|<t[dh]\b", text, re.I))


def html_rows(text: str) -> list[Row]:
    """The page as rows: text lines, and each table's rows of cells."""
    finder = _LayoutTables()
    finder.feed(text)
    finder.close()
    parser = _Parser(finder.layout)
    parser.feed(text)
    parser.close()
    parser.flush_text()
    return parser.rows


class _LayoutTables(HTMLParser):
    """Which tables (by the order they open) hold other tables: a page's layout, not a plan's table."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.layout: set[int] = set()
        self.stack: list[int] = []
        self.opened = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            if self.stack:
                self.layout.add(self.stack[-1])
            self.opened += 1
            self.stack.append(self.opened)

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self.stack:
            self.stack.pop()


class _Parser(HTMLParser):
    def __init__(self, layout: set[int]) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[Row] = []
        self.text: list[str] = []
        self.skip = 0
        self.tables = 0
        self.layout = layout  # tables that hold tables: their cells are read as text around the tables
        self.opened = 0
        self.stack: list[int] = []
        self.depth = 0  # 1 inside the table being read as rows of cells
        self.table_rows: list[list[tuple[str, int, int]]] = []
        self.row: list[tuple[str, int, int]] | None = None
        self.cell: list[str] | None = None
        self.span = (1, 1)

    def where(self) -> str:
        line, _ = self.getpos()
        return f"line {line}"

    def flush_text(self) -> None:
        line = " ".join("".join(self.text).split())
        self.text = []
        if line:
            self.rows.append(Row(TEXT, [line], self.where()))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
            return
        if tag == "table":
            self.opened += 1
            self.stack.append(self.opened)
            if self.opened in self.layout:
                self.flush_text()
                return
            self.depth += 1
            if self.depth == 1:
                self.flush_text()
                self.tables += 1
                self.table_rows = []
                self.rows.append(Row(BREAK, where=self.where()))
                return
        if self.depth == 1 and self.cell is None:
            if tag == "tr":
                self.row = []
            elif tag in ("td", "th"):
                if self.row is None:
                    self.row = []
                values = dict(attrs)
                self.cell = []
                self.span = (_number(values.get("colspan")), _number(values.get("rowspan")))
            return
        if self.cell is not None:
            if tag == "br" or tag in _BLOCKS:
                self.cell.append("\n")
            return
        if tag == "br" or tag in _BLOCKS or tag in ("td", "th"):
            self.flush_text()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(self.skip - 1, 0)
            return
        if tag == "table" and self.stack and self.stack.pop() in self.layout:
            self.flush_text()
            return
        if tag == "table" and self.depth:
            self.depth -= 1
            if self.depth == 0:
                self.end_cell()
                self.end_row()
                self.rows.extend(_table(self.table_rows, self.tables))
                self.rows.append(Row(BREAK, where=self.where()))
            return
        if self.depth == 1:
            if tag in ("td", "th"):
                self.end_cell()
            elif tag == "tr":
                self.end_cell()
                self.end_row()
            elif self.cell is not None and tag in _BLOCKS:
                self.cell.append("\n")
            return
        if self.depth == 0 and (tag in _BLOCKS or tag in ("td", "th")):
            self.flush_text()
            if tag in _HEADINGS and self.rows and self.rows[-1].kind == TEXT:
                self.rows.append(Row(BREAK, where=self.where()))  # a heading is whole: the next line is not more of it

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.cell is not None:
            self.cell.append(data)
        elif self.depth == 0:
            self.text.append(data)

    def end_cell(self) -> None:
        if self.cell is None:
            return
        lines = (" ".join(line.split()) for line in "".join(self.cell).split("\n"))
        if self.row is not None:
            self.row.append(("\n".join(line for line in lines if line), *self.span))
        self.cell = None

    def end_row(self) -> None:
        if self.row:
            self.table_rows.append(self.row)
        self.row = None


def _number(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 50))
    except ValueError:
        return 1


def _covered(row: list[str], below: dict[tuple[int, int], str], r: int, column: int, continues: bool) -> int:
    """Fill the cells of row `r` from `column` on that a rowspan covers; return the next free column."""
    while (r, column) in below:
        row.append("" if continues else below[(r, column)])
        column += 1
    return column


def _table(raw: list[list[tuple[str, int, int]]], number: int) -> list[Row]:
    """Rows of cells with merges resolved: a merged cell's text once, the cells it covers empty."""
    grid: list[list[str]] = []
    spans: list[bool] = []
    below: dict[tuple[int, int], str] = {}  # (row, column) covered by a rowspan from above: its text
    for r, cells in enumerate(raw):
        row: list[str] = []
        column = 0
        # A row whose first cell is merged with the row above continues it; in any other row a
        # cell merged down («в течение года» for two measures) holds for this row too, as in Word.
        continues = (r, 0) in below
        for text, colspan, rowspan in cells:
            column = _covered(row, below, r, column, continues)
            row.append(text)
            row.extend([""] * (colspan - 1))
            for down in range(1, rowspan):
                for across in range(colspan):
                    below[(r + down, column + across)] = "" if across else text
            column += colspan
        _covered(row, below, r, column, continues)
        grid.append(row)
        spans.append(len(cells) == 1 and cells[0][1] > 1)
    width = max((len(r) for r in grid), default=0)
    return [
        Row(CELLS, row + [""] * (width - len(row)), f"table {number}, row {i}", spans=span and width > 1, table=number)
        for i, (row, span) in enumerate(zip(grid, spans), 1)
    ]
