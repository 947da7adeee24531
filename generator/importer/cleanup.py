"""Fix what text extraction does to Russian text, and say what was fixed.

- OCR and PDF extraction read the letter О as the digit 0: «000» for «ООО».
- Latin letters that look Cyrillic end up inside Russian words (Latin «a», «o», «e», «p», «c»).
- A cell split between columns breaks a word: «обеспеч | ение», «Hay | учно» for «Научно»; a word
  too long for a narrow cell is cut before its last letters: «Территориальна я».
- A line-end hyphen survives: «профориентацион- ные».
- Web copies keep HTML remnants (<p>, <ul>); agency cells keep a stray closing «»».

A broken word is joined only when the joined word occurs elsewhere in the same document (or
the second piece is an ending, or one or two letters, that is never a word by itself), so nothing
is invented.
"""

from __future__ import annotations

import re
from collections import Counter

from .linebreaks import WRAP

LATIN_TO_CYRILLIC = {
    "A": "А",
    "B": "В",
    "C": "С",
    "E": "Е",
    "H": "Н",
    "K": "К",
    "M": "М",
    "O": "О",
    "P": "Р",
    "T": "Т",
    "X": "Х",
    "a": "а",
    "c": "с",
    "e": "е",
    "o": "о",
    "p": "р",
    "x": "х",
    "y": "у",
}
# Word endings that are never words of their own: a piece like «ые» is the rest of a broken word.
ENDINGS = frozenset(
    """ые ый ая ое ие ий ых ым ыми ого ому ение ения ению ением ании ание ания анию ость ости остью
ов ами ях ями ия ию ии ной ный ная ное ные ных ного ному ными ской ский ская ское ские ских ться ется ются ются
нию ний ния ции ция цию ций ческий ческая ческое ческие ческих""".split()
)
_NOT_BROKEN = frozenset("и или либо а но да в во на по с со к ко о об от до за из у не ни же ли бы".split())
# Short words that do follow a long one; any other one or two lower-case letters end a cut word.
_SHORT_WORDS = frozenset("их её ее он мы вы то та те ты да ну уж ей им ею".split())
_WORD = re.compile(r"[0-9A-Za-zА-Яа-яЁё]+")
_CYR = re.compile(r"[А-Яа-яЁё]")
_LAT = re.compile(r"[A-Za-z]")
_ROMAN = re.compile(r"^[IVXLCDM]+$")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")


class Vocabulary:
    """How often each word occurs in the source, to tell a broken word from two real ones."""

    def __init__(self, text: str) -> None:
        self.counts = Counter(w.lower() for w in re.findall(r"[A-Za-zА-Яа-яЁё]+(?:-[A-Za-zА-Яа-яЁё]+)*", text))

    def count(self, word: str) -> int:
        """How many times `word` occurs, ignoring case."""
        return self.counts.get(word.lower(), 0)


def clean(text: str, vocabulary: Vocabulary, *, responsible: bool = False) -> tuple[str, list[str]]:
    """Return `text` with extraction artefacts fixed, and one message per fix."""
    fixes: list[str] = []
    text = strip_html(text, fixes)
    text = fix_homoglyphs(text, fixes)
    text = fix_zeros(text, fixes, responsible=responsible)
    text = join_broken_words(text, vocabulary, fixes)
    text = join_hyphen_breaks(text, vocabulary, fixes)
    if responsible:
        text = drop_stray_closing_quotes(text, fixes)
    return normalise_spaces(text, keep_wraps=responsible), fixes


def normalise_spaces(text: str, keep_wraps: bool = False) -> str:
    """One space between words; line breaks kept (Word cells with several paragraphs); no empty lines.

    With `keep_wraps` a wrap that may be a break (`linebreaks.WRAP`) stays for the agency splitter.
    """
    out = []
    for line in text.split("\n"):
        parts = (" ".join(part.split()) for part in (line.split(WRAP) if keep_wraps else [line]))
        out.append(WRAP.join(part for part in parts if part))
    return "\n".join(line for line in out if line)


def strip_html(text: str, fixes: list[str]) -> str:
    """Remove HTML tags; list items of a <ul> go on their own lines."""
    if not _TAG.search(text):
        return text
    found = sorted({m.group(0).split()[0].strip("<>/").lower() for m in _TAG.finditer(text)})
    start = re.search(r"<(?:ul|ol)\b[^>]*>", text, re.I)
    if start:
        tail = re.sub(r"\s+-(?=[А-ЯЁа-яёA-Za-z])", "\n-", text[start.end() :])
        text = text[: start.end()] + tail
    text = re.sub(r"<li\b[^>]*>", "\n- ", text, flags=re.I)
    text = re.sub(r"<br\s*/?>|</p>|<(?:ul|ol)\b[^>]*>", "\n", text, flags=re.I)
    text = _TAG.sub(" ", text)
    fixes.append("HTML remnants removed (" + ", ".join(f"<{t}>" for t in found) + ")")
    return text


def _neighbours_cyrillic(words: list[re.Match[str]], i: int) -> bool:
    return any(0 <= j < len(words) and _CYR.search(words[j].group(0)) for j in (i - 1, i + 1))


def fix_homoglyphs(text: str, fixes: list[str]) -> str:
    """Latin look-alike letters in Cyrillic words, or Latin look-alike words among Cyrillic ones, become Cyrillic."""
    words = list(_WORD.finditer(text))
    changes: list[tuple[int, int, str]] = []
    for i, match in enumerate(words):
        word = match.group(0)
        if not _LAT.search(word) or any(c.isalpha() and _LAT.match(c) and c not in LATIN_TO_CYRILLIC for c in word):
            continue
        mixed = bool(_CYR.search(word))
        if not mixed and (_ROMAN.match(word) or not _neighbours_cyrillic(words, i)):
            continue
        fixed = "".join(LATIN_TO_CYRILLIC.get(c, c) for c in word)
        changes.append((match.start(), match.end(), fixed))
        fixes.append(f"Latin letters in «{word}» replaced by Cyrillic: «{fixed}»")
    return _apply(text, changes)


def fix_zeros(text: str, fixes: list[str], *, responsible: bool = False) -> str:
    """«000» among Cyrillic abbreviations (or alone in a responsible cell) is «ООО» read as digits."""
    words = list(_WORD.finditer(text))
    changes: list[tuple[int, int, str]] = []
    for i, match in enumerate(words):
        word = match.group(0)
        if not re.fullmatch(r"[0ОO]{3}", word) or "0" not in word:
            continue
        before = words[i - 1].group(0) if i else None
        after = words[i + 1].group(0) if i + 1 < len(words) else None
        if before is not None and before.isdigit():
            continue  # "1 000 человек"
        abbreviations = [w for w in (before, after) if w and _CYR.search(w) and w.upper() == w]
        if (
            abbreviations
            or (responsible and (before is None or _CYR.search(before)))
            or (before is None and after is None and responsible)
        ):
            changes.append((match.start(), match.end(), "ООО"))
            fixes.append(f"«{word}» read as «ООО» (the letter О extracted as the digit 0)")
    return _apply(text, changes)


def join_broken_words(text: str, vocabulary: Vocabulary, fixes: list[str]) -> str:
    """Join a word broken by a cell split («обеспеч ение», «Нау учно-методическое») when the document confirms it."""
    pattern = re.compile(r"([А-Яа-яЁё]+) +([а-яё][а-яё]*(?:-[А-Яа-яЁё]+)*)")
    pos = 0
    while match := pattern.search(text, pos):
        first, second = match.group(1), match.group(2)
        abbreviated = text[match.end() : match.end() + 1] == "."  # «района г. Перми»
        joined = None if abbreviated else _broken(first, second, vocabulary)
        if joined is None:
            pos = match.start(2)
            continue
        fixes.append(f"word broken by the cell split joined: «{first} {second}» → «{joined}»")
        text = text[: match.start()] + joined + text[match.end() :]
        pos = match.start()
    return text


def _broken(first: str, second: str, vocabulary: Vocabulary) -> str | None:
    if first.lower() in _NOT_BROKEN or second.lower() in _NOT_BROKEN:
        return None
    if len(second) <= 2 and len(first) >= 5 and second not in _SHORT_WORDS:
        return first + second  # a word too long for its cell, cut before its last letters («Территориальна я»)
    rare = vocabulary.count(first) <= 1 or vocabulary.count(second.split("-")[0]) <= 1
    if not rare:
        return None
    candidates = [first + second]
    if first[-1].lower() == second[0]:
        candidates.append(first[:-1] + second)
    for candidate in candidates:
        if len(candidate) >= 5 and vocabulary.count(candidate) >= 1:
            return candidate
    if second in ENDINGS and len(first) >= 4 and vocabulary.count(first) <= 1:
        return first + second
    return None


def join_hyphen_breaks(text: str, vocabulary: Vocabulary, fixes: list[str]) -> str:
    """«профориентацион- ные» → «профориентационные»; «медиа- плана» → «медиа-плана» when the document has it."""

    def repl(match: re.Match[str]) -> str:
        first, second = match.group(1), match.group(2)
        if second.lower() in _NOT_BROKEN:
            return match.group(0)
        plain, hyphened = first + second, f"{first}-{second}"
        if vocabulary.count(plain) or second.lower() in ENDINGS:
            result = plain
        elif vocabulary.count(hyphened):
            result = hyphened
        else:
            return match.group(0)
        fixes.append(f"line-end hyphen joined: «{match.group(0)}» → «{result}»")
        return result

    return re.sub(r"([А-Яа-яЁё]+)-\s+([а-яё]+)", repl, text)


def drop_stray_closing_quotes(text: str, fixes: list[str]) -> str:
    """A «»» that closes no «« after an agency name is an extraction artefact."""
    depth = 0
    out = []
    dropped = 0
    for char in text:
        if char == "«":
            depth += 1
        elif char == "»":
            if depth == 0:
                dropped += 1
                continue
            depth -= 1
        out.append(char)
    if dropped:
        fixes.append(f"stray closing quote «»» dropped ({dropped}×)")
    return "".join(out)


def _apply(text: str, changes: list[tuple[int, int, str]]) -> str:
    for start, end, value in sorted(changes, reverse=True):
        text = text[:start] + value + text[end:]
    return text
