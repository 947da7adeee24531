"""Tell a cell's real line breaks from its wraps, so that one name per line stays one name per line.

A table cell printed over several lines breaks where its text no longer fits (a wrap: the words
run on) or where the author pressed Enter (a break: «Иванова А.А.» and «Петрова Б.Б.» are two
names). A line ends in a wrap only when the next line's first word would not have fitted after
it; when it would have, the break was the author's.

A wrap can still hide an author's break: «Педагоги-психологи образовательных организаций» then
«Учителя-логопеды», a word too long to have fitted. A wrap before a capital letter is therefore
kept as WRAP, which every column reads as a space (`str.split` counts it as whitespace) but the
agency splitter reads as a possible break between two names (`names.starts_name`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

WRAP = "\u2028"  # LINE SEPARATOR: a wrap before a capital letter, which may also end a name

# Words a line of a cell cannot end with: the phrase goes on on the next line.
_HANGING = frozenset("и или а также по в во на с со при для к ко о об от из за под над между до у через".split())
_HYPHENATED = re.compile(r"[а-яёa-z]-$", re.I)  # «научно-» / «методической»: a word broken at its hyphen


def goes_on(line: str) -> bool:
    """True when a cell's line cannot be its last: it ends with a comma, a hyphen, a preposition or
    conjunction, or inside quotes or parentheses."""
    text = " ".join(line.split())
    if not text:
        return False
    last = text.split()[-1].lower()
    return (
        text.endswith(",")
        or bool(_HYPHENATED.search(text))
        or last in _HANGING
        or text.count("«") > text.count("»")
        or text.count("(") > text.count(")")
    )


def as_spaces(text: str) -> str:
    """The text with its possible breaks read as the spaces they print as."""
    return text.replace(WRAP, " ")


def join(lines: Sequence[str], breaks: Sequence[bool]) -> str:
    """The lines of one cell as its text: a real break as a newline, a wrap as a space."""
    out = ""
    for i, line in enumerate(lines):
        line = " ".join(line.split())
        if not line:
            continue
        if out:
            # a wrap after a dash that ends a word («2023–» / «2025 гг.») joins without a space
            dash = out[-1] in "–—" and len(out) > 1 and not out[-2].isspace()
            out += "\n" if breaks[i - 1] else "" if dash else WRAP if line[0].isupper() else " "
        out += line
    return out


def join_monospaced(lines: Sequence[str], width: int) -> str:
    """Lines of a column `width` characters wide (text aligned with spaces)."""
    lines = [" ".join(line.split()) for line in lines if line.strip()]
    room = width - max(1, width // 10)
    breaks = [len(line) + 1 + len(nxt.split()[0]) <= room and not goes_on(line) for line, nxt in zip(lines, lines[1:])]
    return join(lines, breaks)


def join_measured(lines: Sequence[tuple[str, float, float]], right: float, space: float) -> str:
    """Lines of a PDF cell as (text, end of the line, width of its first word) in points.

    `right` is where the cell's text may run to at most, `space` the width of a space.
    """
    lines = [line for line in lines if line[0].strip()]
    breaks = [end + space + first <= right for (_, end, _), (_, _, first) in zip(lines, lines[1:])]
    return join([text for text, _, _ in lines], breaks)
