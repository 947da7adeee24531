"""The plan's title, approving act, period and level, read from the text before the measures table.

The period is the years the title gives the plan («на 2023–2025 годы», «на 2025 год», «до 2030
года»); other years in the title («1941–1945 гг.», years that end before the act was signed) are
history, not the period, and are left out with a note.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .log import FIX, GUESS, Log
from .rows import BREAK, CELLS, TEXT, Row

# «План мероприятий …», «КОМПЛЕКСНЫЙ ПЛАН» on a line of its own, «Межведомственный план мероприятий …».
_TITLE = re.compile(r"^[*_#\s]*(?:[а-яё]+(?:ый|ий|ой)\s+)?план(?:\s+мероприятий|\s*$)", re.I)
_TITLE_FALLBACK = re.compile(
    r"^[*_#\s]*(?:«?дорожная\s+карта|(?:[а-яё]+(?:ый|ий|ой)\s+)?план\b|комплекс\s+мер"
    r"|программа\b)",
    re.I,
)
_MONTHS = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)
_NUMBER_AFTER = r"\s*(?:г\.|года|год)?\s*№\s*(?P<number>[^\s,;]+)"
_DATE_NUMERIC = re.compile(r"(?:от\s+)?(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d\d|\d\d)(?!\d)" + _NUMBER_AFTER)
_DATE_WORDS = re.compile(
    r"(?:от\s+)?«?(?P<d>\d{1,2})»?\s+(?P<m>" + "|".join(_MONTHS) + r")\s+(?P<y>(?:19|20)\d\d)" + _NUMBER_AFTER, re.I
)
_ACT_TYPES = (
    ("распоряжени", "распоряжение"),
    ("приказ", "приказ"),
    ("постановлени", "постановление"),
    ("указ", "указ"),
    ("решени", "решение"),
)
_ACT_WORD = re.compile(
    r"(?<![А-Яа-яЁё])(распоряжени[еяюм]|распоряжением|приказ(?:ом|а)?|постановлени[еяюм]|"
    r"постановлением|указ(?:ом|а)?|решени[еяюм])(?![А-Яа-яЁё])",
    re.I,
)
_RANGE = re.compile(
    r"(?:на\s+(?:период\s+)?)?(?:с\s+)?((?:19|20)\d\d)\s*(?:г(?:ода|\.)?\s*)?(?:[-–—/]|по|до)\s*"
    r"((?:19|20)\d\d)(?:\s*(?:г\.\s*г\.|гг\.?|г\.|годы|годов|года|год))?",
    re.I,
)
_UNTIL = re.compile(r"(?:на\s+период\s+)?до\s+((?:19|20)\d\d)(?:\s*(?:года|год|г\.))?", re.I)
_ONE_YEAR = re.compile(r"(?:на|в)\s+((?:19|20)\d\d)\s*(?:год[ауы]?|г\.)", re.I)
_FIRST_YEAR = 1990  # the earliest year a plan's period may have (the plan schema's)


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


def preamble_lines(preamble: list[Row]) -> list[tuple[str, str]]:
    """The rows before the measures-table header as text lines, each with where it is.

    A heading merged across the table's first row is a line of its own (a title printed inside
    the table); other rows of cells keep tabs between their cells.
    """
    lines: list[tuple[str, str]] = []
    for row in preamble:
        if row.kind == TEXT:
            lines.append((row.cells[0], row.where))
        elif row.kind == BREAK:
            lines.append(("", row.where))
        elif row.kind == CELLS and (row.spans or sum(1 for c in row.cells if c.strip()) == 1):
            # a heading merged across the row, or a title line padded with tabs («План …<TAB><TAB>»)
            lines.extend([(" ".join(next((c for c in row.cells if c), "").split()), row.where), ("", row.where)])
        elif row.kind == CELLS:
            lines.append(("\t".join(" ".join(c.split()) for c in row.cells), row.where))
    return lines


def read_metadata(preamble: list[Row], text: str, log: Log) -> Metadata:
    """Read title, act, period and level from the rows before the table; `text` is the whole document."""
    located = preamble_lines(preamble)
    lines = [line for line, _ in located]
    title, where, used = _title(located, log)
    body = "\n".join(line for i, line in enumerate(lines) if i not in used)
    meta = Metadata(_recase(title, text, log, where), where)
    _act(lines, meta)
    _period(meta, log)
    if meta.act and re.search(r"муниципальн", _issuer_text(body), re.I):
        meta.level = "municipal"
    return meta


def _period(meta: Metadata, log: Log) -> None:
    """The years the title gives the plan; years of history in the title are left out."""
    title = meta.title
    spans: list[tuple[int, int, int, str]] = []  # (position, start, end, as printed)
    for match in _RANGE.finditer(title):
        spans.append((match.start(), int(match.group(1)), int(match.group(2)), match.group(0).strip()))
    for match in _ONE_YEAR.finditer(title):
        if not any(p <= match.start(1) < p + len(t) for p, _, _, t in spans):
            spans.append((match.start(), int(match.group(1)), int(match.group(1)), match.group(0).strip()))
    history = [s for s in spans if s[2] < _FIRST_YEAR or (meta.act_year and s[2] < meta.act_year - 1)]
    for _, _, _, printed in history:
        log.add(GUESS, meta.title_where, f"period: «{printed}» in the title is history, not the plan's period")
    spans = [s for s in spans if s not in history]
    if spans:
        introduced = [s for s in spans if re.match(r"(?:на|в)\b", s[3], re.I)]
        _, meta.period_start, meta.period_end, meta.period_text = (introduced or spans)[-1]
        return
    match = _UNTIL.search(title)
    if match and int(match.group(1)) >= _FIRST_YEAR:
        meta.period_end = int(match.group(1))
        meta.period_text = match.group(0).strip()


def _title(lines: list[tuple[str, str]], log: Log) -> tuple[str, str, set[int]]:
    for pattern in (_TITLE, _TITLE_FALLBACK):
        for index, (line, where) in enumerate(lines):
            if "\t" in line or not pattern.match(line):
                continue
            used = {index}
            parts = [line]
            for j in range(index + 1, min(index + 5, len(lines))):
                nxt = lines[j][0].strip()
                if not nxt and (_bare_plan(parts) or _goes_on_below(parts, lines, j)):
                    continue  # «ПЛАН» as a paragraph of its own, the rest of the title in the next one
                if not nxt or "\t" in nxt or nxt.startswith("№"):
                    break
                parts.append(nxt)
                used.add(j)
            title = " ".join(" ".join(parts).replace("*", " ").lstrip("# ").split())
            if pattern is _TITLE_FALLBACK:
                log.add(GUESS, where, f"no line starts with «План мероприятий»; title taken from «{title[:60]}»")
            return title, where, used
    where = lines[0][1] if lines else "line 1"
    log.add(GUESS, where, "no plan title found; a placeholder title was put in the draft")
    return "План мероприятий (название не найдено в тексте — впишите его)", where, set()


def _goes_on_below(parts: list[str], lines: list[tuple[str, str]], blank: int) -> bool:
    """True when the title's first line is followed, past a blank line, by a line in lower case
    («План мероприятий» padded with tabs, then «по развитию …»): the title goes on there."""
    following = lines[blank + 1][0].strip() if blank + 1 < len(lines) else ""
    return len(parts) == 1 and bool(following) and "\t" not in following and following[0].islower()


def _bare_plan(parts: list[str]) -> bool:
    return len(parts) == 1 and re.fullmatch(r"[*_#\s]*план[*_\s]*", parts[0], re.I) is not None


def _recase(title: str, text: str, log: Log, where: str) -> str:
    """An all-capitals title in normal case: each word as the rest of the document writes it."""
    caps = re.findall(r"[А-ЯЁ]{2,}", title)
    if len(caps) < 2:
        return title
    counts = Counter(re.findall(r"[А-Яа-яЁё]+", text))
    counts.subtract(Counter(re.findall(r"[А-Яа-яЁё]+", title)))
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
    year += 2000 if year < 100 else 0  # «от 28.12.22»
    if not (1 <= month_number <= 12 and 1 <= day <= 31):
        return
    meta.act_year = year
    word = _ACT_WORD.search(text)
    if word:
        stem = word.group(1).lower()
        meta.act["type"] = next(name for prefix, name in _ACT_TYPES if stem.startswith(prefix))
    meta.act["date"] = f"{year:04d}-{month_number:02d}-{day:02d}"
    meta.act["number"] = match.group("number").strip(".,;")
    after = text[match.end() :].split("\n")
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
    tail = body[match.end() :]
    date = _DATE_NUMERIC.search(tail) or _DATE_WORDS.search(tail)
    return head + " " + tail[: date.start() if date else 0]
