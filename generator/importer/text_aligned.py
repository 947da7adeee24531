"""Read a table whose columns are aligned with spaces, as `pdftotext -layout` or a PDF viewer's copy gives it.

The header names the columns: its labels (centred or not, over one or more lines) say roughly
where each column lies, and the table's own alignment says exactly where: between two labels,
the column boundary is the run of positions that the lines below leave blank. Each cell wraps
inside its column, so a row runs from a line with a number (or after a blank line) to the next;
a line whose text runs across a boundary is a heading over the whole table (a section), and so
is, in a numbered table, a line after a blank one centred over the whole table.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from . import columns, linebreaks
from .numbering import NUMBER, SECTION_TEXT, starts_numbered
from .pdf_unruled import PAGE_NUMBER
from .rows import BREAK, CELLS, TEXT, Row
from .spans import merged_spans
from .text_blocks import cut_rows
from .text_drift import cut_cost as _cost
from .text_drift import fitted, year_mark_at

_CHUNK = re.compile(r"\S+(?: \S+)*")
_GAP = re.compile(r"\S {2,}\S")
_MAX_HEADER_LINES = 4
_WIDTH_SHARE = 0.9  # the share of a column's lines that its width must hold


def looks_aligned(lines: list[str]) -> bool:
    """True when many lines have words set apart by runs of spaces (columns)."""
    return sum(1 for line in lines if _GAP.search(line.strip())) >= 3


def aligned_rows(lines: list[str]) -> list[Row] | None:
    """Rows of a space-aligned table (text lines before it kept as text); None when no header is found."""
    found = _header(lines)
    if found is None:
        return None
    start, end = found
    header = lines[start:end]
    bounds = _boundaries(header, lines[end:])
    if bounds is None:
        return None
    bounds = _number_column_end(header, lines[end:], bounds)
    rows: list[Row] = []
    for number, line in enumerate(lines[:start], 1):
        rows.append(Row(TEXT, [line.strip()], f"line {number}") if line.strip() else Row(BREAK, where=f"line {number}"))
    rows.append(Row(CELLS, _header_cells(header, bounds), f"line {start + 1}", table=1))
    rows.extend(_body(lines, end, header, bounds))
    return rows


def _chunks(line: str) -> list[tuple[int, int, str]]:
    """Runs of words separated by single spaces: (start, end, text)."""
    return [(m.start(), m.end(), m.group(0)) for m in _CHUNK.finditer(line)]


def _header(lines: list[str]) -> tuple[int, int] | None:
    """The header's first line and the line after it."""
    for start, line in enumerate(lines):
        if len(_chunks(line)) < 2:
            continue
        block: list[str] = []
        for candidate in lines[start : start + _MAX_HEADER_LINES]:
            if not candidate.strip() or "\f" in candidate:
                break
            chunks = _chunks(candidate)
            if block and not all(len(c) <= 40 and not c[0].isdigit() for _, _, c in chunks):
                break
            if (
                block
                and _complete(block)
                and not all(_continues(c, block) or _new_label(c[2], block) or _sub_label(c[2], block) for c in chunks)
            ):
                break  # a full header is followed by the first row, not by more of its labels
            block.append(candidate)
        if _complete(block):
            above, below = start, start + len(block)
            while above > max(0, start - 2) and _label_above(lines[above - 1], line, block):
                above -= 1  # a label wrapped upwards («Срок» over «исполнения»)
            if above > 0 and below < len(lines) and _split_label(lines[above - 1], lines[below], lines[above:below]):
                above, below = above - 1, below + 1
            return above, below
    return None


def _split_label(upper: str, lower: str, header: list[str]) -> bool:
    """True when the lines right above and right below the header hold a label of two lines
    centred on the header's middle («Источник» / «финансирования» beside one-line labels): every
    run of words below goes on in lower case under a run above that starts with a capital, and
    neither touches a label of the header's lines."""
    tops, bottoms = _chunks(upper), _chunks(lower)
    labels = [(s, e) for line in header for s, e, _ in _chunks(line)]
    if not tops or not bottoms or "\f" in upper + lower:
        return False

    def clear(s: int, e: int) -> bool:
        return not any(s < e2 and s2 < e for s2, e2 in labels)

    return all(len(t) <= 30 and t[0].isupper() and clear(s, e) for s, e, t in tops) and all(
        len(t) <= 40 and t[0].islower() and clear(s, e) and any(s < e2 and s2 < e for s2, e2, _ in tops)
        for s, e, t in bottoms
    )


def _complete(block: list[str]) -> bool:
    fields = {columns.field_of(c) for b in block for _, _, c in _chunks(b)}
    return "title" in fields and bool(fields & {"responsible", "timeframe"})


def _new_label(chunk: str, block: list[str]) -> bool:
    """A label for a column the header lines so far do not name («Срок проведения» set on the
    middle line of a header whose other labels are set higher)."""
    field = columns.field_of(chunk)
    return field is not None and field not in {columns.field_of(c) for b in block for _, _, c in _chunks(b)}


def _sub_label(chunk: str, block: list[str]) -> bool:
    """A label of a column under a group's label that names it («Дата» and «Место» under «Дата и
    место проведения»): its words are some of a longer label's above."""
    words = chunk.lower().split()
    return (
        any(
            len(label.split()) > len(words) and all(w in label.lower().split() for w in words)
            for line in block
            for _, _, label in _chunks(line)
        )
        and columns.field_of(chunk) is not None
    )


def _continues(chunk: tuple[int, int, str], block: list[str]) -> bool:
    """A header label's next line: it goes on in lower case («исполнения», «(тыс. руб.)», «п/п»)
    under a label it is not much wider than (a row's «министерство образования» under
    «Исполнители» is the first row)."""
    start, end, text = chunk
    if text[0].isupper():
        return False
    above = [e - s for line in block for s, e, _ in _chunks(line) if s < end and start < e]
    return bool(above) and end - start <= 1.5 * max(above) + 4


def _label_above(line: str, header: str, block: list[str]) -> bool:
    """A line right above the header that holds the first line of a label or two: fewer and short
    runs of words than the header's first line, each over a label of the header's lines (the one
    below, or a lower one: «Ответственные» over «исполнители» set a line lower than «Срок») and
    none in lower case (a label starts with a capital; «нового учебного года» above it is the end
    of the document's title)."""
    chunks, below = _chunks(line), [c for b in block for c in _chunks(b)]
    return (
        0 < len(chunks) < len(_chunks(header))
        and "\f" not in line
        and all(len(c) <= 30 and not c[0].isdigit() and not c[0].islower() for _, _, c in chunks)
        and all(any(s < e2 and s2 < e for s2, e2, _ in below) for s, e, _ in chunks)
    )


def _label_spans(header: list[str]) -> list[tuple[int, int]]:
    """Where the header's labels lie: the chunks of all its lines, overlapping ones merged, less
    a group's label over two or more columns («Исполнение» over «Ответственные» and «Срок»)."""
    lines = [_chunks(line) for line in header]
    kept = [(s, e) for at, chunks in enumerate(lines) for s, e, _ in chunks if not _group(s, e, lines[at + 1 :])]
    return [(int(s), int(e)) for s, e in merged_spans(kept)]


def _group(start: int, end: int, below: list[list[tuple[int, int, str]]]) -> bool:
    """True when a label is a group's over labels of the lines below: none of them lies under its
    middle, and on one line it reaches into the label on one side of its middle, by less than half
    its length, with another label on the other side («Организация исполнения» over «Исполнитель»
    and «Срок»)."""
    middle = (start + end) / 2
    if any(s <= middle <= e for chunks in below for s, e, _ in chunks):
        return False
    for chunks in below:
        for (_, e1, _), (s2, _, _) in zip(chunks, chunks[1:]):
            if e1 < middle < s2 and 0 < max(e1 - start, end - s2) < (end - start) / 2:
                return True
    return False


def _boundaries(header: list[str], body: list[str]) -> list[int] | None:
    """Each column's first position: between two labels, the end of the run the body leaves blankest."""
    spans = _label_spans(header)
    if len(spans) < 2:
        return None
    width = max((len(line) for line in body + header), default=0)
    used = [0] * (width + 1)
    for line in body:
        for i, char in enumerate(line):
            if char not in " \f":
                used[i] += 1
    bounds = [0]
    for (_, left_end), (right_start, _) in zip(spans, spans[1:]):
        region = range(left_end, right_start + 1)
        lowest = min(used[x] for x in region)
        # the longest run at (or near) the lowest use; the column starts after it
        best_end, best_length, run = right_start, -1, 0
        for x in region:
            run = run + 1 if used[x] <= lowest else 0
            if run > best_length:
                best_length, best_end = run, x
        bounds.append(best_end + 1 if best_end < right_start else right_start)
    return bounds


def _number_column_end(header: list[str], body: list[str], bounds: list[int]) -> list[int]:
    """The boundaries with the № column ending where the text beside its numbers starts on the
    page whose columns sit furthest left: a page may print the titles a few characters left of the
    others' (and of the № label's end), where no number reaches."""
    if len(bounds) < 2 or columns.field_of(_header_cells(header, bounds)[0]) != "number":
        return bounds
    firsts = [chunks[0] for chunks in map(_chunks, body) if chunks and chunks[0][0] < bounds[1]]
    numbers = [e for s, e, t in firsts if NUMBER.match(t.split()[0]) and len(t.split()) == 1]
    if not numbers:
        return bounds
    reach = max(numbers)
    # words, not a repeated header's labels («№» on a later page)
    starts = [s for s, _, t in firsts if t[0].isalpha() and columns.field_of(t) is None and reach < s]
    if not starts or min(starts) >= bounds[1]:
        return bounds
    return [bounds[0], min(starts), *bounds[2:]]


def _slices(line: str, bounds: list[int]) -> list[str]:
    """The line cut at the column boundaries, a word the cut would split going whole to the side
    that holds most of it (a page's columns drift a character or two from the others')."""
    cuts = [_cut(line, b) for b in bounds[1:]]
    return [line[b:e] for b, e in zip([0, *cuts], [*cuts, None])]


def _cut(line: str, bound: int) -> int:
    if year_mark_at(line, bound):  # «2026 г.» stays whole, in the column of the year
        return bound + line[bound:].index(".") + 1
    if bound >= len(line) or line[bound - 1] == " " or line[bound] == " ":
        return bound
    start = bound
    while start > 0 and line[start - 1] != " ":
        start -= 1
    end = bound
    while end < len(line) and line[end] != " ":
        end += 1
    return start if end - bound > bound - start else end


def _header_cells(header: list[str], bounds: list[int]) -> list[str]:
    parts = [_slices(line, bounds) for line in header]
    return [" ".join(" ".join(p[i] for p in parts).split()) for i in range(len(bounds))]


def _spanning(line: str, bounds: list[int], title: int, shapes: frozenset[str] = frozenset()) -> bool:
    """True for a heading over the table: the line's one run of words crosses a column boundary
    (from the title column or before it, or across two boundaries: a run from a later column into
    the next is two cells set one space apart), or is a numbered heading («3. Продвижение …») set
    apart from the number column. A run that starts with a number shaped like the rows' («1.2.1»
    where rows are «1.1.1») is a row whose number touches its title, and one that starts in lower
    case a cell going on that touches the next one («муниципальными служащими сведений Ершова Т.М.»)."""
    chunks = _chunks(line)
    if len(chunks) != 1:
        return False
    start, end, text = chunks[0]
    if start < bounds[1] and number_shape(text.split()[0]) in shapes:
        return False
    if text[0].islower():
        return False  # a heading starts with a capital; this is a cell going on, touching the next
    crossed = [b for b in bounds[1:] if start < b < end]
    before_title_end = title + 1 >= len(bounds) or start < bounds[title + 1]
    return (bool(crossed) and (before_title_end or len(crossed) > 1)) or (
        start >= bounds[1] and bool(SECTION_TEXT.match(text))
    )


def number_shape(token: str) -> str:
    """A number's shape: «1.2.1» and «3.1.4» are «9.9.9», «2.» is «9.»; other words have none."""
    return re.sub(r"\d+", "9", token) if NUMBER.match(token) else ""


def _row_shapes(lines: list[str], bounds: list[int]) -> frozenset[str]:
    """The shapes of the numbers printed apart from all else in the number column, each on two
    lines or more (a heading's «2. Развитие …» is one run of words, not a number apart)."""
    firsts = [chunks[0] for chunks in map(_chunks, lines) if chunks and chunks[0][0] < bounds[1]]
    counts = Counter(number_shape(text) for _, end, text in firsts if end <= bounds[1] + 1)
    return frozenset(shape for shape, count in counts.items() if shape and count >= 2)


def _extent(header: list[str]) -> tuple[int, int]:
    """Where the header's labels start and end: the table's width on the page."""
    spans = [(s, e) for line in header for s, e, _ in _chunks(line)]
    return min(s for s, _ in spans), max(e for _, e in spans)


def _over_columns(line: str, bounds: list[int], extent: tuple[int, int]) -> bool:
    """True for a heading in a merged row over the whole table: one run of words, starting with a
    capital, that crosses a column boundary and is centred on the table as its header spans it
    («Волонтёрские акции и проекты» over the deadline and agency columns); a cell running into the
    next one sits where its column is, not in the table's middle."""
    chunks = _chunks(line)
    if len(chunks) != 1:
        return False
    start, end, text = chunks[0]
    if not text[0].isupper() or not any(start < b < end for b in bounds[1:]):
        return False
    left, right = extent
    return abs((start + end) / 2 - (left + right) / 2) <= max(3, (right - left) / 20)


def _centred(line: str, width: int) -> bool:
    """True for one run of words centred over the table («Теплоснабжение»), however short."""
    chunks = _chunks(line)
    if len(chunks) != 1:
        return False
    start, end, _ = chunks[0]
    return abs((start + end) / 2 - width / 2) <= max(3, width / 20)


def _body(lines: list[str], end: int, header: list[str], bounds: list[int]) -> list[Row]:
    header_cells = _header_cells(header, bounds)
    mapping = columns.recognise(header_cells) or {}
    number_column = mapping.get("number")
    title = mapping.get("title", 0)
    shapes = _row_shapes(lines[end:], bounds) if number_column is not None else frozenset()
    header_words = " ".join(header).split()
    pages = _page_columns(lines, end, header, header_words, bounds, lambda x: _spanning(x, bounds, title, shapes))
    lengths: list[list[int]] = [[] for _ in bounds]
    for at, line in enumerate(lines[end:], end):
        if not _spanning(line, pages[at][0], title, shapes):
            for i, part in enumerate(_slices(line, pages[at][0])):
                if part.strip():
                    lengths[i].append(len(part.strip()))
    widths = [_width(found) for found in lengths]
    rows: list[Row] = []
    group: list[tuple[int, list[str]]] = []  # the table lines since the last blank line, break or heading
    texts: list[str] = []  # those lines as printed
    # each group, where it goes in rows, its lines as printed, and its page's columns
    groups: list[tuple[list[tuple[int, list[str]]], int, list[str], _Columns]] = []
    after_break: list[bool] = []  # whether each group starts a page (it may go on with a row cut there)

    def close() -> None:
        nonlocal group, texts
        if group:
            groups.append((group, len(rows), texts, pages[group[0][0] - 1]))
        group, texts = [], []

    index = end
    extent = _extent(header)
    width = max(len(part.rstrip()) for line in lines for part in line.split("\f"))
    numbered = number_column is not None
    after_blank = page_top = False
    page_start = 0  # the first group of the page
    while index < len(lines):
        line = lines[index]
        number = index + 1
        bounds = pages[index][0]
        index += 1
        for j, page in enumerate(line.split("\f")):
            if j:
                close()
                page_start = len(groups)
                rows.append(Row(BREAK, where=f"line {number}"))
                page_top = True  # until the next numbered row: a row cut by the break may go on here
            if not j and _repeats_header(lines[index - 1 : index - 1 + len(header)], header_words):
                close()
                if page_top:  # lines under the page's break and above its header: a running head
                    for group_lines, _, printed, _ in groups[page_start:]:
                        rows.extend(
                            Row(TEXT, [" ".join(t.split())], f"line {at}") for (at, _), t in zip(group_lines, printed)
                        )
                    del groups[page_start:], after_break[page_start:]
                rows.append(Row(CELLS, header_cells, f"line {number}", table=1))
                index += len(header) - 1
                page_top = True  # a repeated header starts a page: the row cut by the break may go on
                break
            if not page.strip():
                close()
                after_blank = True
                continue
            heading = (numbered and after_blank and not page_top and _centred(page, width)) or _over_columns(
                page, bounds, extent
            )
            after_blank = False
            if _page_number(page, bounds):
                close()
                continue
            if heading or _spanning(page, bounds, title, shapes):
                close()
                cells = [" ".join(page.split())] + [""] * (len(bounds) - 1)
                rows.append(Row(CELLS, cells, f"line {number}", spans=True, table=1))
                continue
            parts = [p.strip() for p in _slices(page, bounds)]
            if numbered:
                parts = _number_apart(page, parts, bounds, number_column)
            if parts == [str(i) for i in range(1, len(parts) + 1)]:  # the column-number row, maybe repeated
                close()
                rows.append(Row(CELLS, parts, f"line {number}", table=1))
                continue
            if not group:
                after_break.append(page_top)
            page_top = page_top and not (numbered and parts[number_column])
            group.append((number, parts))
            texts.append(page)
    close()
    pages = 1 + sum(line.count("\f") for line in lines[end:])
    rows_apart = len(groups) > 2 * pages  # blank lines set rows apart, not only pages and headings
    if numbered:
        _running_heads(lines, rows, groups, after_break, number_column, extent)
    unbroken = [g for (g, _, _, _), top in zip(groups, after_break) if not top]
    centred = numbered and _centred_numbers(unbroken, number_column)
    blocks = cut_rows(
        [[parts for _, parts in g] for g, _, _, _ in groups],
        [[_starts(text, page[0], number_column) for text in printed] for _, _, printed, page in groups],
        number_column,
        mapping.get("title"),
        after_break,
    )
    for index, (group, place, printed, (bounds, gaps)) in reversed(list(enumerate(groups))):
        headings = blocks.headings[index] if blocks.centred else set()
        if blocks.centred:
            cut = blocks.starts[index]
        elif numbered:
            cut = _row_starts(group, number_column, centred, mapping.get("title"))
        else:
            cut = _top_aligned_starts(group, mapping.get("title", 0), rows_apart)
            headings = _numbered_headings(group, cut, mapping.get("title", 0))
        made = []
        for a, b in zip(cut, [*cut[1:], len(group)]):
            if a in headings:
                text = " ".join(" ".join(p[mapping["title"]] for _, p in group[a:b]).split())
                cells = [text] + [""] * (len(bounds) - 1)
                made.append(Row(CELLS, cells, f"line {group[a][0]}", spans=True, table=1))
                continue
            local = fitted(printed[a:b], bounds, gaps)
            parts = [_slices(text, local) for text in printed[a:b]]
            if numbered:
                parts = [_number_apart(text, p, bounds, number_column) for text, p in zip(printed[a:b], parts)]
            cells = [linebreaks.join_monospaced([p[i] for p in parts], widths[i]) for i in range(len(bounds))]
            made.append(Row(CELLS, cells, f"line {group[a][0]}", table=1))
        rows[place:place] = made
    return rows


_Columns = tuple[list[int], list[tuple[int, int]]]  # a page's column boundaries, and the gaps between its labels


def _page_columns(
    lines: list[str],
    end: int,
    header: list[str],
    words: list[str],
    bounds: list[int],
    heading: Callable[[str], bool],
) -> list[_Columns]:
    """The columns of each line (by index; those before `end` get the first page's): a page that
    repeats the header sets its columns where its own header and lines put them, as a PDF's pages
    may sit a few characters left or right of each other (a page's margins, a wider column). A
    boundary of the whole table stays wherever it cuts the page's lines no worse (a page of a row
    or two leaves too few lines to place one); headings over the table are not weighed."""
    tops = [end]
    for index in range(end, len(lines)):
        if _repeats_header(lines[index : index + len(header)], words):
            tops.append(index)
    first = (bounds, _gaps(header))
    out: list[_Columns] = [first] * len(lines)
    if len(tops) == 1:
        return out
    for top, after in zip(tops, [*tops[1:], len(lines)]):
        own = header if top == end else lines[top : top + len(header)]
        body = [line for line in lines[top + (top > end) * len(header) : after] if not heading(line)]
        found = _boundaries(own, body)
        if found is not None and len(found) == len(bounds):
            # the whole table's boundary wherever it cuts the page's lines no worse than the page's own
            found = [g if _cost(body, g) <= _cost(body, f) else f for g, f in zip(bounds, found)]
        page = (found, _gaps(own)) if found is not None and found == sorted(set(found)) else first
        out[top:after] = [page] * (after - top)
    return out


def _gaps(header: list[str]) -> list[tuple[int, int]]:
    """The runs of positions between the header's labels, where a column boundary may lie."""
    spans = _label_spans(header)
    return [(left_end, right_start) for (_, left_end), (right_start, _) in zip(spans, spans[1:])]


def _running_heads(
    lines: list[str],
    rows: list[Row],
    groups: list[tuple[list[tuple[int, list[str]]], int, list[str], _Columns]],
    after_break: list[bool],
    number: int,
    extent: tuple[int, int],
) -> None:
    """Take out as text the running heads over pages that do not repeat the header: at a page's
    top, one run of words alone on its line, outside the number column, that a blank line sets
    apart from the rows below and that no cell could hold: it crosses a column boundary or runs
    past the table's right edge (the rest of a row cut by the break stays inside its column)."""
    for k in reversed(range(len(groups))):
        group, place, printed, (bounds, _) = groups[k]
        at = group[0][0]  # the line's number; lines[at] is the one after it
        chunks = _chunks(printed[0])
        if (
            after_break[k]
            and len(group) == 1
            and len(chunks) == 1
            and not group[0][1][number]
            and at < len(lines)
            and not lines[at].strip()
            and (any(chunks[0][0] < b < chunks[0][1] for b in bounds[1:]) or chunks[0][1] > extent[1] + 2)
        ):
            rows.insert(place, Row(TEXT, [" ".join(printed[0].split())], f"line {at}"))
            del groups[k], after_break[k]
            for j in range(k, len(groups)):
                g, p, t, c = groups[j]
                groups[j] = (g, p + 1, t, c)


def _number_apart(line: str, parts: list[str], bounds: list[int], number: int) -> list[str]:
    """The parts with a row number that starts in the number column, set apart from the rest by
    spaces, put back in it when the cut sent it to the next column (a page whose columns sit a
    character or two right of the header's: «10)» over the boundary)."""
    chunks = _chunks(line)
    if not chunks or number + 1 >= len(parts):
        return parts
    start, _, text = chunks[0]
    nxt = parts[number + 1].strip()
    if parts[number].strip() or not (
        bounds[number] <= start < bounds[number + 1] and NUMBER.match(text) and nxt.startswith(text)
    ):
        return parts
    out = list(parts)
    out[number], out[number + 1] = text, nxt[len(text) :].strip()
    return out


def _starts(line: str, bounds: list[int], number: int | None) -> frozenset[int]:
    """The columns that hold most of each of the line's runs of words (a row number: the column it starts in)."""
    edges = [*bounds, len(line) + 1]
    found = set()
    for start, end, text in _pieces(line, bounds):
        if number is not None and bounds[number] <= start < edges[number + 1] and NUMBER.match(text):
            found.add(number)
        else:
            found.add(max(range(len(bounds)), key=lambda c, s=start, e=end: min(e, edges[c + 1]) - max(s, edges[c])))
    return frozenset(found)


def _pieces(line: str, bounds: list[int]) -> list[tuple[int, int, str]]:
    """The line's runs of words, each cut where a column boundary meets the single space
    between two of its words and a cell may start after it: two cells set one space apart
    («2023-2024 годы Руководители»). A cell starts with a capital or a digit, and the words
    before cannot leave a phrase open («II» / «кв. 2025 г.» is one cell)."""
    out = []
    for start, end, _ in _chunks(line):
        for b in bounds[1:]:
            cut = b - 1 if line[b - 1 : b] == " " else b if line[b : b + 1] == " " else None
            if (
                cut is not None
                and start < cut < end - 1
                and (line[cut + 1].isupper() or line[cut + 1].isdigit())
                and not linebreaks.goes_on(line[start:cut])
                and not year_mark_at(line, b)
            ):
                out.append((start, cut, line[start:cut]))
                start = cut + 1
        out.append((start, end, line[start:end]))
    return out


def _page_number(line: str, bounds: list[int]) -> bool:
    """A page number alone on its line: «Страница 2 из 5», «- 2 -», or a bare number outside the number column."""
    return bool(PAGE_NUMBER.match(line)) and (not line.strip().isdigit() or not line[: bounds[1]].strip())


def _centred_numbers(groups: list[list[tuple[int, list[str]]]], number: int) -> bool:
    """True when rows print their number on their middle line: cutting the rows around the numbers
    then cuts fewer cells in two than cutting them at the numbers (a top-aligned row's lines start
    at its number), and a run of lines (not at a page's top) starting above its number is a row's top."""
    at_numbers = around = 0
    for group in groups:
        for centred, starts in ((False, _row_starts(group, number, False)), (True, _row_starts(group, number, True))):
            cost = sum(_crossing(group, s - 1) for s in starts[1:])
            if not centred and not group[0][1][number] and len(starts) > 1:
                cost += 1
            if centred:
                around += cost
            else:
                at_numbers += cost
    return around < at_numbers


def _untitled(group: list[tuple[int, list[str]]], line: int, title: int | None) -> bool:
    """True when a row starting at `line` would start with an empty title cell."""
    return title is not None and line < len(group) and not group[line][1][title]


def _crossing(group: list[tuple[int, list[str]]], end: int) -> int:
    """How many cells a row boundary after line `end` cuts in two (twice for a cell going on in lower case)."""
    above, below = group[end][1], group[end + 1][1]
    return sum(1 + y[:1].islower() for x, y in zip(above, below) if x and y)


def _row_starts(group: list[tuple[int, list[str]]], number: int, centred: bool, title: int | None = None) -> list[int]:
    """Where rows start in a run of table lines: at each number, or, with centred numbers, as far
    above each number as the row reaches below it (ties go to the end that cuts fewest cells, then
    to the one after which a title starts)."""
    anchors = [i for i, (_, parts) in enumerate(group) if parts[number]]
    if not centred:
        return sorted({0, *anchors})
    if len(anchors) <= 1:
        return [0]
    starts = [0]
    for a, b in zip(anchors, anchors[1:]):
        want = 2 * a - starts[-1]  # the row's last line when the number is on its middle line
        candidates = [e for e in (want - 1, want, want + 1) if a <= e < b] or [min(max(want, a), b - 1)]
        starts.append(
            min(candidates, key=lambda e, w=want: (_crossing(group, e), _untitled(group, e + 1, title), abs(e - w))) + 1
        )
    return starts


def _repeats_header(block: list[str], header_words: list[str]) -> bool:
    """True when the lines repeat the header's words in order, however the page moved its columns."""
    return " ".join(block).split() == header_words


def _top_aligned_starts(group: list[tuple[int, list[str]]], title: int, rows_apart: bool) -> list[int]:
    """Where rows start in a run of lines of a table without a number column: at each line whose
    title starts with a number («1. …», «а) …»), or, when no title does, at each line whose title
    starts with a capital letter and that has text in another column too (cells are top-aligned,
    so a row's first line starts every cell it has, and a wrapped title goes on in lower case),
    unless a cell of the line before goes on («… во» / «Всероссийском …», «образования»,» /
    «проректор …»), or blank lines already set the rows apart."""
    titles = [parts[title] for _, parts in group]
    numbered = [i for i, text in enumerate(titles) if starts_numbered(text)]
    if numbered or rows_apart:
        return sorted({0, *numbered})
    starts = [
        i
        for i, (_, parts) in enumerate(group)
        if titles[i][:1].isupper()
        and any(p for k, p in enumerate(parts) if k != title)
        and not (i and any(linebreaks.goes_on(p) for p in group[i - 1][1]))
    ]
    return sorted({0, *starts})


def _numbered_headings(group: list[tuple[int, list[str]]], cut: list[int], title: int) -> set[int]:
    """The rows, in a table without a № column, that are one line with nothing but a numbered
    heading in the title column («2. Подготовка объектов»): a top-aligned row's first line holds
    the first line of every cell it has, so a measure would have a deadline or an agency beside it."""
    ends = [*cut[1:], len(group)]
    return {
        a
        for a, b in zip(cut, ends)
        if b - a == 1
        and SECTION_TEXT.match(group[a][1][title])
        and not any(p for k, p in enumerate(group[a][1]) if k != title)
    }


def _width(lengths: list[int]) -> int:
    """A column's width in characters: what its longer lines reach, not its longest one, which a
    line from a page whose columns drifted, or set in narrower letters, may pass."""
    if not lengths:
        return 0
    ordered = sorted(lengths)
    return ordered[min(len(ordered) - 1, int(len(ordered) * _WIDTH_SHARE))]
