"""Ids from Russian text: transliterated, lowercase ASCII, words joined by hyphens."""

from __future__ import annotations

import re

_TRANSLIT = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "e",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
}
_STOP = frozenset("и в во на по с со к о об от до за из для при а также или их его ее её".split())


def transliterate(text: str) -> str:
    """Russian letters to Latin (a simple, stable scheme; ids never change once published)."""
    return "".join(_TRANSLIT.get(c, c) for c in text.lower())


def slugify(text: str, max_words: int = 4, max_length: int = 60, drop: tuple[str, ...] = ()) -> str:
    """A slug of the first significant words of `text`; `drop` lists word stems to leave out."""
    words = re.findall(r"[0-9a-zа-яё]+", text.lower())
    kept = [w for w in words if w not in _STOP and not any(w.startswith(d) for d in drop)] or words
    slug = "-".join(p for p in (re.sub(r"[^a-z0-9]", "", transliterate(w)) for w in kept[:max_words]) if p)
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug


def number_slug(number: str) -> str:
    """A measure id from its printed number: "3.1.2" → "3-1-2", "1." → "1"."""
    parts = re.findall(r"[0-9a-zа-яё]+", number.lower())
    return "-".join(re.sub(r"[^a-z0-9]", "", transliterate(p)) or "x" for p in parts)


def unique(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3` … whichever is not taken yet; the result is added to `taken`."""
    candidate, n = base, 2
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    taken.add(candidate)
    return candidate
