"""Turn the rows after the measures header into sections and measures.

Extraction cuts rows: a row that runs over a page break continues on the next page in a row
with an empty number cell, a PDF copied as text splits every cell over several lines, and page
headers repeat ("1 2 3 4"). A row with an empty number cell therefore continues the row above,
column by column; in a table without a № column, so does a row whose title goes on in lower case,
or one that closes, after a break, a quote its column left open. A numbered row with neither
responsible nor deadline is a section when the next numbered row is nested in it (3.1 → 3.1.1)
or lettered (1. → а)), else a measure with missing cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import columns
from .errors import ImporterError
from .linebreaks import WRAP
from .log import FIX, GUESS, INFO, SKIPPED, Log
from .numbering import LEADING, LETTER, NUMBER, ROMAN_ONLY, SECTION_TEXT, roman_value
from .rows import BREAK, CELLS, TEXT, Row

_OCR_DIGITS = str.maketrans(
    {
        "З": "3",
        "з": "3",
        "О": "0",
        "о": "0",
        "O": "0",
        "o": "0",
        "l": "1",
        "I": "1",
        "|": "1",
        "б": "6",
        "Б": "6",
        ",": ".",
    }
)
_MONTH_ONLY = re.compile(
    r"^(?:январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр)[а-я]*\.?$", re.I
)
_PUNCTUATION_ONLY = re.compile(r"^[\s·•∙*|_.,;:–—-]+$")
_FIELDS = ("title", "responsible", "timeframe", "result", "document")  # what the draft takes of a row


@dataclass
class EventDraft:
    """A sub-event printed inside a measure with its own month."""

    title: list[str]
    timeframe: str
    where: str


@dataclass
class Item:
    """A section or measure while rows are still being read."""

    kind: str  # "section", "measure", or "candidate" (decided when the next number is known)
    number: str | None
    where: str
    cells: dict[str, list[str]] = field(default_factory=lambda: {f: [] for f in _FIELDS})
    events: list[EventDraft] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    children: list[Item] = field(default_factory=list)  # sections only: measures and subsections

    def text(self, name: str) -> str:
        """A column's text: its fragments from every line and page, joined."""
        return join_fragments(self.cells[name])

    @property
    def subject(self) -> str:
        """How the report names this item: its number, or the section's heading."""
        if self.kind == "section":
            return f"section {self.number or self.text('title')[:30]}"
        return self.number or "(no number)"


@dataclass
class TableDraft:
    """The measures table: header texts, and the sections (top level) with their measures."""

    columns: dict[str, str]
    sections: list[Item]
    header_where: str
    roles: bool = False
    preamble: list[Row] = field(default_factory=list)  # the rows before the header: title, act, period

    def measures(self) -> list[Item]:
        """Every measure in printed order, nested sections included."""
        out: list[Item] = []

        def walk(section: Item) -> None:
            for child in section.children:
                if child.kind == "section":
                    walk(child)
                else:
                    out.append(child)

        for s in self.sections:
            walk(s)
        return out

    def all_sections(self) -> list[Item]:
        """Every section and nested group, in printed order."""
        out: list[Item] = []

        def walk(section: Item) -> None:
            out.append(section)
            for child in section.children:
                if child.kind == "section":
                    walk(child)

        for s in self.sections:
            walk(s)
        return out


def join_fragments(parts: list[str]) -> str:
    """Join a cell's fragments from several lines or pages: a space, or a possible break before a capital."""
    out = ""
    for part in (x.strip() for x in parts):
        if part:
            out += (WRAP if part[0].isupper() else " ") + part if out else part
    return out


def normal_number(number: str | None) -> str:
    """ "3.1." and "3.1" compare equal."""
    return (number or "").strip().rstrip(".)")


def is_descendant(parent: str | None, child: str | None) -> bool:
    """True when `child` is numbered inside `parent` (3.1 → 3.1.2)."""
    p, c = normal_number(parent), normal_number(child)
    return bool(p) and bool(c) and c.startswith(p + ".")


def build(rows: list[Row], log: Log, what: str = "the source") -> TableDraft:
    """Find the measures table in `rows` and read it; raise ImporterError when there is none."""
    first, start, mapping, header_rows = _find_header(rows, log)
    if mapping is None:
        raise ImporterError(
            f"no table of measures found in {what}: no header row names the measure "
            "(Наименование/Мероприятие) and its responsible (Ответственный/Исполнитель) "
            "or deadline (Срок) column, and no numbered rows were found"
        )
    read = Log()
    table = _read(rows[start:], mapping, header_rows, read)
    if not table.measures() and "number" in mapping:
        # A № column left empty in every row: the rows are read as a table without one.
        again = Log()
        unnumbered = _read(rows[start:], {k: v for k, v in mapping.items() if k != "number"}, header_rows, again)
        if unnumbered.measures():
            log.add(GUESS, header_rows[0].where, "the № column is empty in every row; measures are numbered in order")
            table, read = unnumbered, again
    log.entries.extend(read.entries)
    table.preamble = rows[:first]
    if not table.measures():
        raise ImporterError(
            f"no measure rows recognised in {what}: the table under the header "
            f"({header_rows[0].where}) has no numbered rows"
        )
    return table


def _read(rows: list[Row], mapping: dict[str, int], header_rows: list[Row], log: Log) -> TableDraft:
    builder = _Builder(mapping, header_rows, log)
    for row in rows:
        if builder.feed(row) is False:
            break
    return builder.finish()


def _find_header(rows: list[Row], log: Log) -> tuple[int, int, dict[str, int] | None, list[Row]]:
    """Where the header starts, where the table's rows start, the column mapping and the header's rows."""
    for index, row in enumerate(rows):
        if row.kind != CELLS:
            continue
        following = [row]
        for below in rows[index + 1 : index + 3]:
            if below.kind != CELLS or below.table != row.table:
                break
            following.append(below)
        found = columns.recognise_rows([r.cells for r in following])
        if found is not None:
            mapping, count = found
            if count > 1:
                log.add(
                    GUESS,
                    row.where,
                    f"the header takes {count} rows; each column is named by its lowest "
                    "header cell or the merged cell above it",
                )
            return index, index + count, mapping, following[:count]
    # No header: rows of cells that start with a number may still be a table; columns from their cells.
    numbered = [
        i
        for i, r in enumerate(rows)
        if r.kind == CELLS and len(r.cells) >= 3 and any(NUMBER.match(c.strip()) for c in r.cells[:2])
    ]
    if len(numbered) >= 2:
        first = rows[numbered[0]]
        table_rows = [r.cells for r in rows[numbered[0] :] if r.kind == CELLS and r.table == first.table]
        mapping = columns.guess(table_rows)
        if "title" in mapping and len(mapping) >= 3:
            width = max(len(c) for c in table_rows)
            names = {i: n for n, i in mapping.items()}
            log.add(
                GUESS,
                first.where,
                "no header row found; columns guessed from what their cells hold: "
                + ", ".join(f"column {i + 1} = {names.get(i, 'not taken')}" for i in range(width)),
            )
            header = Row(CELLS, [""] * width, first.where, table=first.table)
            start = numbered[0]
            while start and rows[start - 1].kind == TEXT and SECTION_TEXT.match(rows[start - 1].cells[0]):
                start -= 1  # a numbered heading right above the first row opens the table
            return start, start, mapping, [header]
    return _unnumbered_table(rows, log)


def _unnumbered_table(rows: list[Row], log: Log) -> tuple[int, int, dict[str, int] | None, list[Row]]:
    """No header and no numbers: a run of rows of cells is still a table when its cells show a
    title and a deadline column (a reader that set the rows apart marks their headings as spans)."""
    cells = [i for i, r in enumerate(rows) if r.kind == CELLS and len(r.cells) >= 3]
    if not cells:
        return 0, 0, None, []
    first = rows[cells[0]]
    table_rows = [r.cells for r in rows[cells[0] :] if r.kind == CELLS and r.table == first.table and not r.spans]
    if len(table_rows) < 3:
        return 0, 0, None, []
    mapping = columns.guess(table_rows)
    if "title" not in mapping or "timeframe" not in mapping or len(mapping) < 3:
        return 0, 0, None, []
    width = max(len(c) for c in table_rows)
    names = {i: n for n, i in mapping.items()}
    log.add(
        GUESS,
        first.where,
        "no header row and no numbers found; columns guessed from what their cells hold: "
        + ", ".join(f"column {i + 1} = {names.get(i, 'not taken')}" for i in range(width)),
    )
    return cells[0], cells[0], mapping, [Row(CELLS, [""] * width, first.where, table=first.table)]


def _header_row(rows: list[Row], mapping: dict[str, int]) -> Row:
    """One row standing for a header of one or more rows: each column's header cells, top to bottom."""
    cells = [
        " ".join(dict.fromkeys(" ".join(t.split()) for t in texts if t.strip()))
        for texts in columns.stacked([r.cells for r in rows])
    ]
    first = rows[0]
    return Row(CELLS, cells, first.where, table=first.table)


def _key(cells: list[str]) -> tuple[str, ...]:
    return tuple(" ".join(c.split()) for c in cells if c.strip())


class _Builder:
    def __init__(self, mapping: dict[str, int], header_rows: list[Row], log: Log) -> None:
        self.mapping = mapping
        self.header = _header_row(header_rows, mapping)
        self.header_keys = {_key(r.cells) for r in header_rows if any(c.strip() for c in r.cells)}
        self.width = max(max(mapping.values()) + 1, len(self.header.cells))
        self.log = log
        self.items: list[Item] = []
        self.current: Item | None = None
        self.pending_break = False
        self.just_after_header = True
        self.section_numbers: list[str] = []
        self.last_top = 0
        self.last_roman = 0
        self.skipped_tables: set[int] = set()
        self.skipped = 0
        self.unnumbered = 0
        self.after_cells = False  # the last row read was a row of cells (a bare line may go on its last cell)

    # -- reading rows ---------------------------------------------------------------------

    def feed(self, row: Row) -> bool | None:
        """Take one row; return False when the measures table has ended."""
        if row.kind == BREAK:
            self.pending_break = True
            return None
        if row.kind == TEXT:
            self.text_row(row)
            return None
        self.after_cells = False
        if row.table != self.header.table and len(row.cells) != len(self.header.cells):
            if row.table not in self.skipped_tables:
                self.skipped_tables.add(row.table)
                self.log.add(
                    SKIPPED, row.where, "a table with a different number of columns is not part of the measures table"
                )
            return None
        cells = self.normalise(row)
        if not any(cells):
            return None
        if columns.is_column_numbers(cells):
            if not self.just_after_header:
                self.pending_break = True
            return None
        if _key(cells) in self.header_keys:
            self.pending_break = True  # the header repeated on a new page
            return None
        mapping = columns.recognise(cells)
        if mapping is not None:
            if mapping == self.mapping:
                self.pending_break = True  # the header repeated on a new page
                return None
            self.log.add(INFO, row.where, "another table starts here; the measures table ends")
            return False
        self.just_after_header = False
        self.cells_row(row, cells)
        self.pending_break = False
        self.after_cells = True
        return None

    def normalise(self, row: Row) -> list[str]:
        cells = [c.strip() for c in row.cells]
        cells += [""] * (self.width - len(cells))
        extra = [c for c in cells[self.width :] if c]
        cells = cells[: self.width]
        if extra:
            last = max(self.mapping.values())
            cells[last] = join_fragments([cells[last], *extra])
            self.log.add(
                GUESS,
                row.where,
                f"text beyond the header's last column appended to that column: «{_short(' '.join(extra))}»",
            )
        for i, cell in enumerate(cells):
            if cell and _PUNCTUATION_ONLY.match(cell) and not re.match(r"^[–—-]$", cell):
                self.log.add(FIX, row.where, f"stray «{cell}» dropped")
                cells[i] = ""
        return cells

    def field(self, cells: list[str], name: str) -> str:
        index = self.mapping.get(name)
        return cells[index] if index is not None else ""

    def text_row(self, row: Row) -> None:
        text = row.cells[0]
        match = SECTION_TEXT.match(text)
        if match and self.expected_section(match.group(1)):
            self.new_section(match.group(1), match.group(2), row)
            return
        if self.name_below(text):
            self.current.cells["responsible"][-1] += "\n" + text
            self.log.add(
                GUESS,
                row.where,
                f"a line without cells right under a row read as one more name of its responsible cell "
                f"(its last column): «{_short(text)}»",
                self.current.subject,
                self.current,
            )
            return
        self.skipped += 1
        if self.skipped <= 5:
            self.log.add(SKIPPED, row.where, f"text line inside the table skipped: «{_short(text)}»")

    def name_below(self, text: str) -> bool:
        """True for a line without cells right under a measure's row whose last column is the
        responsible one, when it reads as an agency or a person: a word processor copies a cell's
        further lines of the last column as bare lines under the row (a heading names no agency)."""
        item = self.current
        return (
            item is not None
            and item.kind == "measure"
            and self.after_cells
            and not self.pending_break
            and self.mapping.get("responsible") == max(self.mapping.values())
            and bool(item.cells["responsible"])
            and len(text) <= 150
            and columns.agency_like(text)
            and not SECTION_TEXT.match(text)
        )

    def cells_row(self, row: Row, cells: list[str]) -> None:
        number = self.field(cells, "number")
        title = self.field(cells, "title")
        others = [cells[i] for i in range(self.width) if i != self.mapping.get("number")]
        if row.spans:
            text = next((c for c in cells if c), "")
            match = SECTION_TEXT.match(text)
            self.new_section(match.group(1) if match else None, match.group(2) if match else text, row)
            return
        if "number" not in self.mapping:
            # a title going on in lower case is the row above cut (by a page break), not a new measure
            cut = (
                self.current is not None
                and self.current.kind == "measure"
                and ((title[:1].islower() and not LEADING.match(title)) or self.closes_quote(cells))
            )
            if title and not cut and (self.field(cells, "responsible") or self.field(cells, "timeframe")):
                leading = LEADING.match(title)
                if leading:
                    cells = list(cells)
                    cells[self.mapping["title"]] = title[leading.end() :]
                    item = self.new_measure(leading.group(1), cells, row)
                    message = f"the table has no № column; the number {item.number} is taken from the text's start"
                else:
                    self.unnumbered += 1
                    item = self.new_measure(f"{self.unnumbered}.", cells, row)
                    message = f"the table has no № column; this row is numbered {item.number} in order"
                self.log.add(GUESS, row.where, message, item.subject, item)
            else:
                if cut and not self.pending_break:
                    self.log.add(
                        GUESS,
                        row.where,
                        f"a row whose text goes on in lower case joined to {self.current.number}: «{_short(title)}»",
                        self.current.subject,
                        self.current,
                    )
                self.continuation(row, cells)
            return
        if number:
            if NUMBER.match(number):
                self.new_measure(number, cells, row)
                return
            match = SECTION_TEXT.match(number)
            if match and not any(others):
                self.new_section(match.group(1), match.group(2), row)
                return
            fixed = number.translate(_OCR_DIGITS)
            if NUMBER.match(fixed) and re.search(r"\d", number):
                item = self.new_measure(fixed, cells, row)
                self.log.add(GUESS, row.where, f"number printed «{number}» read as «{fixed}»", item.subject, item)
                return
            if not any(others):
                self.new_section(None, number, row)
                return
            item = self.new_measure(number, cells, row)
            self.log.add(GUESS, row.where, f"could not read the number «{number}»; kept as printed", item.subject, item)
            return
        match = SECTION_TEXT.match(title)
        if match and self.expected_section(match.group(1)):
            skip = (self.mapping["title"], self.mapping.get("number"))
            rest = [c for i, c in enumerate(cells) if c and i not in skip]
            section = self.new_section(match.group(1), join_fragments([match.group(2), *rest]), row)
            if rest:
                self.log.add(
                    GUESS,
                    row.where,
                    "section heading split between columns; the pieces are joined: "
                    f"«{_short(' | '.join([title, *rest]))}»",
                    section.subject,
                    section,
                )
            return
        self.continuation(row, cells)

    def closes_quote(self, cells: list[str]) -> bool:
        """True after a break when a cell of this row closes a quote or parenthesis its column left open in
        the row above: the row was cut by a page break («МАУ ДО «Центр …» / «… экскурсий»»)."""
        if not self.pending_break or self.current is None:
            return False
        for name in ("title", "responsible", "timeframe"):
            above = " ".join(self.current.cells[name])
            value = self.field(cells, name)
            for start, end in ("«»", "()"):
                if value and above.count(start) > above.count(end) and value.count(end) > value.count(start):
                    return True
        return False

    def expected_section(self, number: str) -> bool:
        """A numbered heading outside the number column is taken only where the numbering expects it."""
        plain = normal_number(number)
        if plain.isdigit():
            return int(plain) == self.last_top + 1
        if ROMAN_ONLY.match(plain):
            return roman_value(plain) == self.last_roman + 1
        parent = plain.rsplit(".", 1)[0] if "." in plain else ""
        return parent in {normal_number(n) for n in self.section_numbers}

    def new_section(self, number: str | None, title: str, row: Row) -> Item:
        item = Item("section", number.strip() if number else None, row.where)
        item.cells["title"].append(title)
        self.add(item, row)
        plain = normal_number(number)
        if plain.isdigit():
            self.last_top = int(plain)
        elif ROMAN_ONLY.match(plain):
            self.last_roman = roman_value(plain)
        if number:
            self.section_numbers.append(number)
        return item

    def new_measure(self, number: str, cells: list[str], row: Row) -> Item:
        item = Item("measure", number, row.where)
        for name in _FIELDS:
            value = self.field(cells, name)
            if value:
                item.cells[name].append(value)
        if not item.cells["responsible"] and not item.cells["timeframe"]:
            item.kind = "candidate"
        self.add(item, row)
        return item

    def add(self, item: Item, row: Row) -> None:
        self.items.append(item)
        self.current = item
        for note in row.notes:
            self.log.add(GUESS, row.where, note, item.subject, item)

    def continuation(self, row: Row, cells: list[str]) -> None:
        item = self.current
        if item is None:
            self.skipped += 1
            text = " | ".join(c for c in cells if c)
            self.log.add(SKIPPED, row.where, f"row before the first numbered row skipped: «{_short(text)}»")
            return
        values = {name: self.field(cells, name) for name in _FIELDS}
        if item.kind == "section":
            if values["title"]:
                item.cells["title"].append(values["title"])
            lost = [v for k, v in values.items() if v and k != "title"]
            if lost:
                self.log.add(
                    SKIPPED, row.where, f"text next to a section heading skipped: «{_short(' | '.join(lost))}»"
                )
            return
        title, timeframe = values["title"], values["timeframe"]
        if (
            title
            and timeframe
            and title[0].isupper()
            and _MONTH_ONLY.match(timeframe)
            and item.cells["timeframe"]
            and item.kind == "measure"
        ):
            item.events.append(EventDraft([title], timeframe, row.where))
            values["title"] = values["timeframe"] = ""
        elif item.events and title and not timeframe:
            item.events[-1].title.append(title)
            values["title"] = ""
        for name, value in values.items():
            if value:
                item.cells[name].append(value)
        if item.kind == "candidate" and (item.cells["responsible"] or item.cells["timeframe"]):
            item.kind = "measure"
        if self.pending_break:
            joined = " | ".join(c for c in cells if c)
            self.log.add(
                GUESS,
                row.where,
                f"row continued after a page break; joined to {item.number}: «{_short(joined)}»",
                item.subject,
                item,
            )

    # -- after the last row ---------------------------------------------------------------

    def finish(self) -> TableDraft:
        self.resolve_candidates()
        self.move_orphan_starts()
        sections = self.nest()
        header_cells = self.header.cells
        cols = {
            name: " ".join(header_cells[i].split())
            for name, i in self.mapping.items()
            if i < len(header_cells) and header_cells[i].strip() and name not in columns.IGNORED
        }
        roles = bool(re.search(r"соисполнител", cols.get("responsible", ""), re.I))
        return TableDraft(cols, sections, self.header.where, roles)

    def resolve_candidates(self) -> None:
        numbered = [i for i, it in enumerate(self.items) if it.number]
        for pos, index in enumerate(numbered):
            item = self.items[index]
            if item.kind != "candidate":
                continue
            following = self.items[numbered[pos + 1]] if pos + 1 < len(numbered) else None
            if (
                ROMAN_ONLY.match(item.number or "")
                or (following is not None and is_descendant(item.number, following.number))
                or (following is not None and LETTER.match(following.number or "") and not LETTER.match(item.number))
            ):
                item.kind = "section"
                lost = [item.text(n) for n in ("result", "document") if item.cells[n]]
                if lost:
                    text = _short(" | ".join(lost))
                    self.log.add(
                        GUESS,
                        item.where,
                        f"a numbered group row has text in other columns, left out: «{text}»",
                        item.subject,
                        item,
                    )
                self.section_numbers.append(item.number or "")
            else:
                item.kind = "measure"
                self.log.add(
                    GUESS,
                    item.where,
                    "no responsible and no deadline found for this row; read as a measure",
                    item.subject,
                    item,
                )

    def move_orphan_starts(self) -> None:
        """A title starting in lower case with a finished sentence ends the previous measure's title."""
        previous: Item | None = None
        for item in self.items:
            if item.kind != "measure":
                continue
            title = item.text("title")
            match = re.match(r"^([а-яё][^.]{0,80}?\.)\s+(?=[А-ЯЁ«])", title)
            if previous is not None and match:
                head = match.group(1)
                previous.cells["title"].append(head)
                item.cells["title"] = [title[match.end() :]]
                message = (
                    f"«{head}» printed at the start of {item.number} read as the end of the title of {previous.number}"
                )
                self.log.add(GUESS, item.where, message, item.subject, item)
                previous.notes.append(message)
            previous = item

    def nest(self) -> list[Item]:
        """Sections by their numbers; an unnumbered heading right under a heading («Раздел 1.» then
        «Нормативное обеспечение») opens a group inside it, and the unnumbered headings after it
        (right under it too) are that group's siblings: groups never nest in groups."""
        top: list[Item] = []
        stack: list[Item] = []
        holders: set[int] = set()  # sections whose groups are unnumbered headings
        groups: set[int] = set()  # those groups: a heading right under one is its sibling, not nested
        loose: Item | None = None
        previous: Item | None = None
        for item in self.items:
            if item.kind == "section":
                if (
                    item.number is None
                    and previous is not None
                    and previous.kind == "section"
                    and stack
                    and id(stack[-1]) not in groups
                ):
                    holders.add(id(stack[-1]))
                    groups.add(id(item))
                elif item.number is None:
                    while stack and id(stack[-1]) not in holders:
                        stack.pop()
                    if stack:
                        groups.add(id(item))
                else:
                    while stack and not is_descendant(stack[-1].number, item.number):
                        stack.pop()
                (stack[-1].children if stack else top).append(item)
                stack.append(item)
                previous = item
                continue
            previous = item
            parent = next((s for s in reversed(stack) if is_descendant(s.number, item.number)), None)
            if parent is None and stack:
                parent = stack[-1]
            if parent is None:
                if loose is None:
                    loose = Item("section", None, item.where)
                    top.append(loose)
                parent = loose
            parent.children.append(item)
        return [s for s in top if self.keep(s)]

    def keep(self, section: Item) -> bool:
        section.children = [c for c in section.children if c.kind != "section" or self.keep(c)]
        if section.children:
            return True
        self.log.add(SKIPPED, section.where, f"section «{_short(section.text('title'))}» has no measures; left out")
        return False


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
