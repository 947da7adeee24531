"""Cut the lines of a space-aligned table into rows by how each row's cells sit in it.

A table cell is set at the top of its row or centred in it (fpdf2, Word and LibreOffice centre
by default), and `pdftotext -layout` prints every height at which some cell has a line as a
line of its own. A row is therefore a block of lines whose pattern (which columns have text on
which line) follows from how many lines each of its cells has: top-aligned cells all start on
the block's first line; centred cells are centred on the block's middle, so a cell with one
line less than the tallest sits half a line lower and its lines fall between the others'. Blank
lines need not part rows, nor numbers start them: the rows are the cut of the lines into blocks
whose patterns fit best, with a row's number, its title, a title going on in lower case or a
line that cannot end a cell («… по», «…,») or a title's line that starts with a capital
letter weighed as well. Both alignments are tried; the one
that fits the whole table better is taken.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from . import linebreaks
from .numbering import starts_numbered

_TOP, _HALF, _ROUNDED = "top", "half", "rounded"
_MAX_ROW_LINES = 40  # no row of a plan runs longer; bounds the search

# What each flaw of a cut costs, in lines whose pattern differs from the one expected.
_ROW = 1  # every row: of two cuts that fit equally, the one with fewer rows
_MISFIT = 2  # a line of a block where its pattern differs from the expected one
_NO_TITLE = 6  # a row without a title
_NO_NUMBER = 4  # a numbered table's row without a number
_TWO_NUMBERS = 6  # each number past a row's first
_LATE_NUMBER = 4  # a number inside a title after the title's first line
_LOWER = 3  # a title that starts in lower case (it goes on from the row above)
_UPPER = 1  # a title's line after its first that starts with a capital letter (a new cell's start, or a name)
_GOES_ON = 2  # a cell whose last line cannot end it (it goes on in the row below)
_SECTION = 2  # a row with a title only, in a table whose rows have other cells


@dataclass(frozen=True)
class Cut:
    """Where rows start in each run of lines, whether cells were taken as centred, and which
    rows hold nothing but a title (a heading over the rows below, in a table whose rows have more)."""

    starts: list[list[int]]
    centred: bool
    headings: list[set[int]]


def cut_rows(
    groups: Sequence[Sequence[Sequence[str]]],
    filled: Sequence[Sequence[frozenset[int]]],
    number: int | None,
    title: int | None,
    cut_above: Sequence[bool] = (),
) -> Cut:
    """The best cut of each run of table lines into rows.

    Each line is given as its cells' texts and as the columns where its runs of words start (a
    word a column's cut sends to the next column, «2024 г.», does not start a line there);
    `number` and `title` are the columns of the row number and the title (None when the table
    has none); `cut_above[i]` is True when run i starts a page, so its first row may be the rest
    of one cut by the page break."""
    inline = title is not None and number is None and _numbers_in_titles(groups, title)
    best: Cut | None = None
    best_cost = 0.0
    known: list[dict[tuple[int, int], tuple[float, bool]]] = [{} for _ in groups]  # what each alignment shares
    for centred in (_TOP, _HALF, _ROUNDED):
        total = 0.0
        starts: list[list[int]] = []
        headings: list[set[int]] = []
        for index, group in enumerate(groups):
            after_break = index < len(cut_above) and cut_above[index]
            cost, cut, heads = _best(group, filled[index], number, title, centred, inline, after_break, known[index])
            total += cost
            starts.append(cut)
            headings.append(heads)
        if best is None or total < best_cost:
            best, best_cost = Cut(starts, centred == _HALF, headings), total
    assert best is not None
    return best


def _numbers_in_titles(groups: Sequence[Sequence[Sequence[str]]], title: int) -> bool:
    """True when rows number themselves inside the title («1) Издание …»), two of them or more."""
    return sum(1 for group in groups for parts in group if starts_numbered(parts[title])) >= 2


def _best(
    group: Sequence[Sequence[str]],
    filled: Sequence[frozenset[int]],
    number: int | None,
    title: int | None,
    centred: str,
    inline: bool,
    after_break: bool,
    known: dict[tuple[int, int], tuple[float, bool]],
) -> tuple[float, list[int], set[int]]:
    """The cheapest cut of one run of lines: its cost, where its rows start, which are headings."""
    n = len(group)
    if not n:
        return 0.0, [0], set()
    wide = _has_other_cells(filled, number, title)
    cost = [0.0] + [float("inf")] * n
    back = [0] * (n + 1)
    heading = [False] * (n + 1)
    for end in range(1, n + 1):
        for start in range(max(0, end - _MAX_ROW_LINES), end):
            if cost[start] == float("inf"):
                continue
            if (start, end) not in known:
                known[start, end] = _block_cost(
                    group, filled, start, end, number, title, inline, after_break and start == 0, wide
                )
            block, head = known[start, end]
            if cost[start] + block >= cost[end]:
                continue
            block += _MISFIT * _misfit(filled[start:end], centred)
            if cost[start] + block < cost[end]:
                cost[end], back[end], heading[end] = cost[start] + block, start, head
    starts: list[int] = []
    heads: set[int] = set()
    end = n
    while end > 0:
        starts.append(back[end])
        if heading[end]:
            heads.add(back[end])
        end = back[end]
    return cost[n], sorted(starts), heads


def _has_other_cells(filled: Sequence[frozenset[int]], number: int | None, title: int | None) -> bool:
    """True when the table's rows have cells besides the number and the title."""
    return any(cols - {number, title} for cols in filled)


def _block_cost(
    group: Sequence[Sequence[str]],
    filled: Sequence[frozenset[int]],
    start: int,
    end: int,
    number: int | None,
    title: int | None,
    inline: bool,
    may_be_rest: bool,
    wide: bool,
) -> tuple[float, bool]:
    """What making lines start..end one row costs, however its cells are aligned, and whether
    that row is a heading."""
    observed = filled[start:end]
    total: float = _ROW
    columns = frozenset().union(*observed)
    titles = [group[i][title].strip() for i in range(start, end) if title is not None and group[i][title].strip()]
    heading = False
    if title is not None and not titles:
        total += 0 if may_be_rest else _NO_TITLE
    if number is not None:
        numbers = sum(1 for cols in observed if number in cols)
        if numbers > 1:
            total += _TWO_NUMBERS * (numbers - 1)
        elif not numbers and not may_be_rest:
            if titles and columns == {title}:
                heading = True
                total += _SECTION
            else:
                total += _NO_NUMBER
    elif title is not None and titles:
        if inline:
            late = sum(1 for text in titles[1:] if starts_numbered(text))
            total += _LATE_NUMBER * late
            if not starts_numbered(titles[0]) and not may_be_rest:
                if wide and columns == {title}:
                    heading = True
                    total += _SECTION
                else:
                    total += _NO_NUMBER
        elif wide and columns == {title} and not may_be_rest:
            heading = True
            total += _SECTION
    if titles and titles[0][:1].islower() and not may_be_rest:
        total += _LOWER
    total += _UPPER * sum(1 for text in titles[1:] if text[:1].isupper())
    if end < len(group):
        for column in range(len(group[start])):
            last = next((group[i][column] for i in range(end - 1, start - 1, -1) if group[i][column].strip()), "")
            if last and _goes_on(last, column == title):
                total += _GOES_ON
    return total, heading


def _goes_on(line: str, is_title: bool) -> bool:
    """True when a cell's line cannot be its last. A list of names may end a name with a comma,
    so outside the title only a broken word or an open quote or bracket counts."""
    if is_title:
        return linebreaks.goes_on(line)
    text = line.strip()
    return text.endswith("-") or text.count("«") > text.count("»") or text.count("(") > text.count(")")


def _misfit(observed: Sequence[frozenset[int]], alignment: str) -> int:
    """How many lines of a block differ from the pattern its cells' line counts predict."""
    counts: dict[int, int] = {}
    for cols in observed:
        for column in cols:
            counts[column] = counts.get(column, 0) + 1
    key = tuple(sorted(counts.items()))
    best = len(observed)
    for shift in (_DOWN, _UP) if alignment == _ROUNDED else (None,):
        predicted = _pattern(key, alignment, shift)
        if not predicted and not counts:
            return 0
        if len(predicted) == len(observed) and all(a == b for a, b in zip(predicted, observed)):
            return 0
        same = sum(1 for a, b in zip(predicted, observed) if a == b)
        best = min(best, max(len(predicted), len(observed)) - same)
    return best


_DOWN, _UP = "down", "up"  # a centred cell's place rounded to the whole line above or below


@lru_cache(maxsize=4096)
def _pattern(counts: tuple[tuple[int, int], ...], alignment: str, shift: str | None) -> tuple[frozenset[int], ...]:
    """The lines a block prints, each the set of columns with text on it, when each column has
    the given number of lines and its cells are top-aligned or centred (a text that imitates the
    layout may round a centred cell's place to a whole line, `shift`)."""
    if not counts:
        return ()
    height = max(count for _, count in counts)
    at: dict[int, set[int]] = {}
    for column, count in counts:
        offset = 0 if alignment == _TOP else height - count  # in half lines
        if shift == _DOWN:
            offset = offset // 2 * 2
        elif shift == _UP:
            offset = (offset + 1) // 2 * 2
        for line in range(count):
            at.setdefault(offset + 2 * line, set()).add(column)
    return tuple(frozenset(at[y]) for y in sorted(at))
