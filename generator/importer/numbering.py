"""How plans number their rows: «1.», «1)», «1.1.1», «I.», «I.1», «а)», «а.», «Раздел 1.».

One module for the patterns, so the table builder and the readers that rebuild rows from
their numbers agree on what a number is.
"""

from __future__ import annotations

import re

_ROMAN = r"(?:X{0,3})(?:IX|IV|V?I{0,3})"
# A date with a two-digit year («15.01.26», «25.12.26»): a deadline alone on its line, not a number.
_SHORT_DATE = r"(?:0[1-9]|[12]\d|3[01])\.(?:0[1-9]|1[0-2])\.\d\d$"
# A row's number alone in its cell.
NUMBER = re.compile(rf"^(?!{_SHORT_DATE})(?:(?:\d{{1,3}}|(?=[IVX]){_ROMAN})(?:\.\d{{1,3}})*[.)]?|[а-яё][.)])$")
# A measure's number printed at the start of its text, in a table without a № column: «1) Проведение …».
LEADING = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*[.)]|\d{1,3}(?:\.\d{1,3})+|[а-яё]\))\s+(?=\S)")
# A letter numbering a measure inside a numbered group («1. …» then «а)», «б)»).
LETTER = re.compile(r"^[а-яё][.)]$")
# A Roman numeral alone: a section's number («I.», «II»).
ROMAN_ONLY = re.compile(rf"^(?=[IVX]){_ROMAN}\.?$")
# A heading that starts with its number: «2. Развитие …», «Раздел 1. …», «IV. …».
SECTION_TEXT = re.compile(
    rf"^(?:[Рр]аздел\s+)?((?:\d{{1,2}}(?:\.\d{{1,2}})*|(?=[IVX]){_ROMAN})[.)]?)\s+([«\"(]?[А-ЯЁA-Z].*)$", re.S
)


def starts_numbered(text: str) -> bool:
    """True when a cell's text starts with a section heading («Раздел 1.») or a number («1.», «а)»)."""
    return bool(SECTION_TEXT.match(text) or LEADING.match(text))


def roman_value(text: str) -> int:
    """«IV» → 4."""
    values = {"I": 1, "V": 5, "X": 10}
    total = 0
    for char, after in zip(text, [*text[1:], ""]):
        value = values[char]
        total += -value if after and values[after] > value else value
    return total
