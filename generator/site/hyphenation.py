"""Soft hyphens in long Russian words, placed at build time where a narrow table column needs them.

Chromium on Linux has no Russian hyphenation dictionary, so CSS `hyphens: auto` does nothing
and a word longer than its column either widens the table or, with `overflow-wrap`, is cut at
any letter. A soft hyphen (U+00AD) at a syllable boundary, from the same TeX patterns that
LibreOffice uses (pyphen), lets the browser break the word there with a visible hyphen, and
nowhere else. Only text that search does not index gets them: a soft hyphen inside a word
would hide it from Pagefind.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import pyphen
from markupsafe import Markup

SOFT_HYPHEN = "\u00ad"
# Words shorter than this fit any column the site draws, even on a phone.
LONG = 12
_WORD = re.compile(rf"[А-Яа-яЁё]{{{LONG},}}")
_DICTIONARY = pyphen.Pyphen(lang="ru_RU", left=3, right=3)


@functools.lru_cache(maxsize=1 << 14)
def _word(word: str) -> str:
    return _DICTIONARY.inserted(word, hyphen=SOFT_HYPHEN)


def hyphenate(text: Any) -> Any:
    """Text with soft hyphens in its long words: `{{ m.title|hyphenate }}`. Markup stays Markup:
    its tags and entities hold no run of Cyrillic letters to touch."""
    if text is None:
        return text
    out = _WORD.sub(lambda m: _word(m.group()), str(text))
    return Markup(out) if isinstance(text, Markup) else out
