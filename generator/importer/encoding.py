"""Decode a text or HTML source: what it declares first, then UTF-8, then the Cyrillic code pages.

Regions' sites still serve pages in windows-1251, and Notepad saves "Unicode" as UTF-16; a
reader that takes only UTF-8 refuses them. The order a browser follows is kept: a byte-order
mark, then a page's own `<meta charset>`, then UTF-8 if the bytes are valid UTF-8 (it almost
never is by accident; a file cut inside a letter or with a stray byte is still UTF-8, with that
byte shown as «�»), and only then a guess between windows-1251 and KOI8-R, told apart by their
letters: Russian prose is mostly lowercase, and each code page read as the other turns it into
capitals. Every guess is a note for the reviewer.
"""

from __future__ import annotations

import codecs
import re

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)
_GUESSES = ("cp1251", "koi8_r")
_NAMES = {"cp1251": "windows-1251", "koi8_r": "KOI8-R"}
_LOWER = re.compile("[а-яё]")
_UPPER = re.compile("[А-ЯЁ]")


def decode_text(data: bytes) -> tuple[str | None, str, str | None]:
    """The text of `data`, the codec it was read with, and a note when that was not plain UTF-8.

    The text is None when no encoding fits (the bytes are not text).
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            note = None if codec == "utf-8-sig" else "the text is UTF-16 (it starts with a byte-order mark)"
            return _try(data, codec), codec, note
    declared = _declared(data)
    if declared is not None and declared != "utf-8":
        text = _try(data, declared)
        if text is not None:
            return text, declared, f"the page declares its encoding as {declared} (<meta charset>) and was read so"
    text = _try(data, "utf-8")
    if text is not None:
        return text, "utf-8", None
    lenient = data.decode("utf-8", "replace")
    damaged = lenient.count("\ufffd")
    if damaged * _DAMAGE <= sum(1 for c in lenient if ord(c) > 127 and c != "\ufffd"):
        return lenient, "utf-8", f"the text is UTF-8 with {damaged} damaged byte(s), shown as «�»: check them"
    best = max(((_try(data, codec), codec) for codec in _GUESSES), key=lambda pair: _score(pair[0]))
    if best[0] is None or not _CYRILLIC.search(best[0]):
        return None, "", None
    return (
        best[0],
        best[1],
        (
            f"the text is not UTF-8 and declares no encoding; it was read as {_NAMES[best[1]]}, "
            "the code page whose letters read as Russian words: check a few words"
        ),
    )


_DAMAGE = 100  # at most one damaged byte in this many other letters: UTF-8 with a flaw, not a code page


_CYRILLIC = re.compile("[а-яА-ЯёЁ]")


def _declared(data: bytes) -> str | None:
    """The codec a page's `<meta charset>` names, if Python knows it."""
    match = _META.search(data[:4096])
    if match is None:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def _try(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _score(text: str | None) -> int:
    """How Russian a decoding looks: lowercase Cyrillic letters count for it, capitals against it."""
    if text is None:
        return -(10**9)
    return len(_LOWER.findall(text)) - len(_UPPER.findall(text))
