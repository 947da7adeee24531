"""The plan's title, approving act, period and level, read from the text before the measures table."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from . import columns
from .log import FIX, GUESS, Log

_TITLE = re.compile(r"^[*_\s]*план\s+мероприятий", re.I)
_TITLE_FALLBACK = re.compile(r"^[*_\s]*(?:«?дорожная\s+карта|план\b|комплекс\s+мер)", re.I)
_MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
           "ноября", "декабря")
_NUMBER_AFTER = r"\s*(?:г\.|года|год)?\s*№\s*(?P<number>[^\s,;]+)"
_DATE_NUMERIC = re.compile(r"(?:от\s+)?(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d\d)" + _NUMBER_AFTER)
_DATE_WORDS = re.compile(r"(?:от\s+)?«?(?P<d>\d{1,2})»?\s+(?P<m>" + "|".join(_MONTHS) + r")\s+(?P<y>(?:19|20)\d\d)"
                         + _NUMBER_AFTER, re.I)
_ACT_TYPES = (("распоряжени", "распоряжение"), ("приказ", "приказ"), ("постановлени", "постановление"),
              ("указ", "указ"), ("решени", "решение"))
_ACT_WORD = re.compile(r"(?<![А-Яа-яЁё])(распоряжени[еяюм]|распоряжением|приказ(?:ом|а)?|постановлени[еяюм]|"
                       r"постановлением|указ(?:ом|а)?|решени[еяюм])(?![А-Яа-яЁё])", re.I)
_RANGE = re.compile(r"(?:на\s+(?:период\s+)?)?(?:с\s+)?((?:19|20)\d\d)\s*(?:г(?:ода|\.)?\s*)?(?:[-–—]|по|до)\s*"
                    r"((?:19|20)\d\d)(?:\s*(?:г\.\s*г\.|гг\.?|г\.|годы|годов|года|год))?", re.I)
_UNTIL = re.compile(r"(?:на\s+период\s+)?до\s+((?:19|20)\d\d)(?:\s*(?:года|год|г\.))?", re.I)


@dataclass
class Metadata:
    """What the text around the table says about the plan."""

    title: str
    title_where: str
    act: dict[str, str] = field(default_factory=dict)
    act_year: int | None = None
    period_start: int | None = None
    period_end: int | None = None
    period_text: str | None = None
    level: str = "regional"


def preamble_lines(text: str) -> list[str]:
    """The lines before the measures-table header (all lines when there is no header)."""
    lines = text.replace("\r\n", "\n").split("\n")
    for index, line in enumerate(lines):
        if "\t" in line and columns.recognise(line.split("\t")) is not None:
            return lines[:index]
    return lines


def read_metadata(text: str, log: Log) -> Metadata:
    """Read title, act, period and level from the preamble of `text`."""
    lines = preamble_lines(text)
    title, where, used = _title(lines, log)
    body = "\n".join(line for i, line in enumerate(lines) if i not in used)
    meta = Metadata(_recase(title, text, used, log, where), where)
    _act(lines, meta)
    match = _RANGE.search(meta.title)
    if match:
        meta.period_start, meta.period_end = int(match.group(1)), int(match.group(2))
        meta.period_text = match.group(0).strip()
    else:
        match = _UNTIL.search(meta.title)
        if match:
            meta.period_end = int(match.group(1))
            meta.period_text = match.group(0).strip()
    if meta.act and re.search(r"муниципальн", _issuer_text(body), re.I):
        meta.level = "municipal"
    return meta


def _title(lines: list[str], log: Log) -> tuple[str, str, set[int]]:
    for pattern in (_TITLE, _TITLE_FALLBACK):
        for index, line in enumerate(lines):
            if "\t" in line or not pattern.match(line):
                continue
            used = {index}
            parts = [line]
            for j in range(index + 1, min(index + 5, len(lines))):
                nxt = lines[j].strip()
                if not nxt or "\t" in lines[j] or nxt.startswith("№"):
                    break
                parts.append(nxt)
                used.add(j)
            title = " ".join(" ".join(parts).replace("*", " ").split())
            if pattern is _TITLE_FALLBACK:
                log.add(GUESS, f"line {index + 1}",
                        f"no line starts with «План мероприятий»; title taken from «{title[:60]}»")
            return title, f"line {index + 1}", used
    log.add(GUESS, "line 1", "no plan title found; a placeholder title was put in the draft")
    return "План мероприятий (название не найдено в тексте — впишите его)", "line 1", set()


def _recase(title: str, text: str, used: set[int], log: Log, where: str) -> str:
    """An all-capitals title in normal case: each word as the rest of the document writes it."""
    caps = re.findall(r"[А-ЯЁ]{2,}", title)
    if len(caps) < 2:
        return title
    lines = text.split("\n")
    counts = Counter(re.findall(r"[А-Яа-яЁё]+", "\n".join(line for i, line in enumerate(lines) if i not in used)))
    first = True

    def word(match: re.Match[str]) -> str:
        nonlocal first
        token = match.group(0)
        was_first, first = first, False
        if token.upper() != token:
            return token
        lower, cap = token.lower(), token.capitalize()
        if was_first:
            return cap
        if len(token) == 1:
            return lower
        if counts[token] and not counts[lower] and not counts[cap] and len(token) <= 6:
            return token  # an abbreviation
        return cap if counts[cap] > counts[lower] else lower

    recased = re.sub(r"[А-Яа-яЁё]+", word, title)
    if recased != title:
        log.add(FIX, where, f"title printed in capitals put in normal case: «{recased[:70]}…»")
    return recased


def _act(lines: list[str], meta: Metadata) -> None:
    text = "\n".join(lines)
    matches = [m for m in (_DATE_NUMERIC.search(text), _DATE_WORDS.search(text)) if m]
    if not matches:
        return
    match = min(matches, key=lambda m: m.start())
    month = match.group("m")
    month_number = int(month) if month.isdigit() else _MONTHS.index(month.lower()) + 1
    day, year = int(match.group("d")), int(match.group("y"))
    if not (1 <= month_number <= 12 and 1 <= day <= 31):
        return
    meta.act_year = year
    word = _ACT_WORD.search(text)
    if word:
        stem = word.group(1).lower()
        meta.act["type"] = next(name for prefix, name in _ACT_TYPES if stem.startswith(prefix))
    meta.act["date"] = f"{year:04d}-{month_number:02d}-{day:02d}"
    meta.act["number"] = match.group("number").strip(".,;")
    after = text[match.end():].split("\n")
    for line in after[:12]:
        line = line.strip().strip("*")
        if re.match(r"^(?:Об?|О)\s+[а-яё]", line):
            meta.act["title"] = line
            break


def _issuer_text(body: str) -> str:
    """Who issued the act: the letterhead before the act's name and the words after «распоряжением …»."""
    match = _ACT_WORD.search(body)
    if not match:
        return ""
    head = body[: match.start()]
    tail = body[match.end():]
    date = _DATE_NUMERIC.search(tail) or _DATE_WORDS.search(tail)
    return head + " " + tail[: date.start() if date else 0]
