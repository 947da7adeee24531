"""Column boundaries fitted to one row of a space-aligned table.

`pdftotext -layout` places each block of text where the page put it in proportional letters, so
one row's columns may sit a few characters left or right of the header's, and two columns may
touch with a single space («май – сентябрь, КДНиЗП»). A boundary that cuts a word of the row, or
splits a run of words set one space apart, is moved to the nearest place that cuts fewer; one
that cuts nothing stays where the header put it.
"""

from __future__ import annotations

import re

# «2026 г.», «2025–2026 гг.»: a year and its mark, one space apart, are one word.
_YEAR_END = re.compile(r"\d{2,4}$")
_MARK = re.compile(r"^г(?:г)?\.(?:\s|$)")

_WINDOW = 10  # how far, in characters, a row's column may sit from the header's
_WORD = 3  # a cut through a word costs this much
_SINGLE = 1  # a cut at a single space between words costs this much


def fitted(lines: list[str], bounds: list[int], gaps: list[tuple[int, int]]) -> list[int]:
    """The boundaries (each column's first position) that suit these lines of one row best; each
    stays within its gap between the header's labels, or passes the next label's start where that
    cuts the row cleanly (a centred label may start right of its column's longest line)."""
    out = [bounds[0]]
    for bound, (left, right), after in zip(bounds[1:], gaps, [*bounds[2:], None]):
        if not cut_cost(lines, bound):
            out.append(bound)
            continue
        low, high = max(out[-1] + 1, left, bound - _WINDOW), bound + _WINDOW
        if after is not None:
            high = min(high, after - 1)
        # past the start of the next column's label only at a price: a long line of this
        # column may run under it («II полугодие 2026 г.» under «Исполнители»)
        out.append(
            min(
                range(low, high + 1),
                key=lambda x, b=bound, r=right: (cut_cost(lines, x) + (x > r), abs(x - b)),
                default=bound,
            )
        )
    return out


def cut_cost(lines: list[str], x: int) -> int:
    """How badly a column starting at position x cuts these lines."""
    return sum(_cut_cost(line, x) for line in lines)


def _cut_cost(line: str, x: int) -> int:
    if x <= 0 or x >= len(line):
        return 0
    if year_mark_at(line, x):
        return _WORD
    left, right = line[x - 1], line[x]
    if left != " " and right != " ":
        return _WORD
    if left == " " and right != " " and x >= 2 and line[x - 2] != " ":
        return _SINGLE  # the column would start after a single space
    if left != " " and right == " " and x + 1 < len(line) and line[x + 1] != " ":
        return _SINGLE  # the column would start at a single space
    return 0


def year_mark_at(line: str, x: int) -> bool:
    """True when a cut at x parts a year from its «г.» or «гг.» one space after it."""
    left, right = line[:x], line[x:]
    if left.endswith(" ") and not right.startswith(" "):
        left = left[:-1]
    elif right.startswith(" ") and not left.endswith(" "):
        right = right[1:]
    else:
        return False
    return bool(_YEAR_END.search(left) and _MARK.match(right))
