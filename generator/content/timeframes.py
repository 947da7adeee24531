"""Read a deadline as printed ("2020-2024 годы (ежегодно)", "4 квартал 2020 г.") into structure.

Plans print deadlines as free text. The loader and the importer both call `parse` so that the
years, quarters, months and recurrence a reader filters by come from one reading of the text;
a plan file may add or correct any field next to the text.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

RECURRENCES = ("once", "annual", "semiannual", "quarterly", "monthly", "continuous", "as-planned", "on-request")

RECURRENCE_TITLES = {
    "once": "однократно",
    "annual": "ежегодно",
    "semiannual": "раз в полугодие",
    "quarterly": "ежеквартально",
    "monthly": "ежемесячно",
    "continuous": "постоянно",
    "as-planned": "по плану",
    "on-request": "по запросу",
}

MONTH_NAMES = (
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
)
_MONTH_STEMS = (
    "январ",
    "феврал",
    "март",
    "апрел",
    "ма[йя]",
    "июн",
    "июл",
    "август",
    "сентябр",
    "октябр",
    "ноябр",
    "декабр",
)
_MONTH = r"(?:" + "|".join(f"(?P<m{i + 1}>{stem}[а-я]*)" for i, stem in enumerate(_MONTH_STEMS)) + r")"
_MONTH_RANGE = re.compile(rf"\b{_MONTH}(?:\s*[-–—]\s*(?P<to>{'|'.join(s + '[а-я]*' for s in _MONTH_STEMS)}))?", re.I)
_YEAR_RANGE = re.compile(r"\b((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)(?!\d)")
_YEAR = re.compile(r"\b((?:19|20)\d\d)(?!\d)")
# «до 01.09.23»: a date with a two-digit year, in this century.
_SHORT_DATE = re.compile(r"\b\d{1,2}\.\d{1,2}\.(\d\d)(?![\d.])")
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_QUARTER = re.compile(r"\b(?:(IV|III|II|I)|([1-4])(?:\s*[-–]\s*([1-4]))?)(?:-?[йя])?\s*квартал", re.I)
_HALF = re.compile(r"\b([12])(?:-?[ео]е)?\s*полугоди", re.I)
_FROM = re.compile(r"\b(?:начиная\s+)?с\s+(?:\d{1,2}\s+[а-я]+\s+)?((?:19|20)\d\d)\s*(?:год|г\.)", re.I)
_PHASE = re.compile(r"(?:^|(?<=\s))([А-ЯЁ][а-яё]+(?:\s[а-яё]+)?):\s*")
_KEYWORDS = (
    ("ежеквартальн", "quarterly"),
    ("ежемесячн", "monthly"),
    ("ежегодн", "annual"),
    ("постоянн", "continuous"),
    ("в течение", "continuous"),
    ("по запросу", "on-request"),
    ("по плану", "as-planned"),
    ("по отдельному плану", "as-planned"),
    ("в соответствии с план", "as-planned"),
    ("в соответствии с график", "as-planned"),
    ("в соответствии с региональным план", "as-planned"),
)


@dataclass(frozen=True)
class Timeframe:
    """A deadline: the text as printed and what it says in numbers."""

    text: str
    start: int | None = None
    end: int | None = None
    years: tuple[int, ...] = ()
    quarters: tuple[int, ...] = ()
    halves: tuple[int, ...] = ()
    months: tuple[int, ...] = ()
    recurrence: str | None = None
    phases: tuple[tuple[str, Timeframe], ...] = ()
    open_start: bool = False
    note: str | None = None

    @property
    def all_years(self) -> tuple[int, ...]:
        """Every year the measure runs in, for the timeline and the year filter."""
        if self.years:
            return self.years
        if self.start is None or self.end is None:
            return ()
        return tuple(range(self.start, self.end + 1))

    @property
    def month_names(self) -> tuple[str, ...]:
        return tuple(MONTH_NAMES[m - 1] for m in self.months)

    @property
    def recurrence_title(self) -> str | None:
        return RECURRENCE_TITLES.get(self.recurrence) if self.recurrence else None


@functools.lru_cache(maxsize=4096)
def parse(text: str, period: tuple[int, int] | None = None) -> Timeframe:
    """Read `text`; years the text does not give are taken from the plan's `period`.

    Remembered: plans repeat the same few wordings ("ежегодно", "2024–2026 гг.") in most
    measures, and a Timeframe cannot change."""
    labels = list(_PHASE.finditer(text))
    if labels and labels[0].start() == 0:
        phases = []
        for i, match in enumerate(labels):
            stop = labels[i + 1].start() if i + 1 < len(labels) else len(text)
            phases.append((match.group(1), _parse_one(text[match.end() : stop].strip(), period)))
        starts = [p.start for _, p in phases if p.start is not None]
        ends = [p.end for _, p in phases if p.end is not None]
        return Timeframe(text, start=min(starts, default=None), end=max(ends, default=None), phases=tuple(phases))
    return _parse_one(text, period)


def _parse_one(text: str, period: tuple[int, int] | None) -> Timeframe:
    low = text.lower()
    recurrence = next((rec for key, rec in _KEYWORDS if key in low), None)

    ranges = [(int(a), int(b)) for a, b in _YEAR_RANGE.findall(text)]
    rest = _YEAR_RANGE.sub(" ", text)
    singles = [int(y) for y in _YEAR.findall(rest)] + [2000 + int(y) for y in _SHORT_DATE.findall(rest)]
    start = end = None
    years: tuple[int, ...] = ()
    open_start = False
    from_match = _FROM.search(text)
    if from_match and not ranges and len(singles) == 1:
        start, end, open_start = int(from_match.group(1)), (period[1] if period else None), True
    elif ranges or singles:
        bounds = [y for r in ranges for y in r] + singles
        start, end = min(bounds), max(bounds)
        if singles and not ranges and len(singles) > 1:
            years = tuple(sorted(set(singles)))
    elif period:
        start, end = period

    quarters: set[int] = set()
    for roman, first, last in _QUARTER.findall(text):
        if roman:
            quarters.add(_ROMAN[roman.upper()])
        else:
            quarters.update(range(int(first), int(last or first) + 1))
    halves = {int(h) for h in _HALF.findall(text)}
    months: set[int] = set()
    # "с 1 сентября 2020 года" names the start date, not a month the measure recurs in.
    month_text = text[: from_match.start()] + text[from_match.end() :] if open_start and from_match else text
    for match in _MONTH_RANGE.finditer(month_text):
        first = _month_number(match)
        last = _month_of(match.group("to")) if match.group("to") else first
        months.update(range(first, last + 1) if last >= first else (first, last))

    if recurrence is None and (ranges or singles) and start == end and not open_start:
        recurrence = "once"
    return Timeframe(
        text,
        start=start,
        end=end,
        years=years,
        quarters=tuple(sorted(quarters)),
        halves=tuple(sorted(halves)),
        months=tuple(sorted(months)),
        recurrence=recurrence,
        open_start=open_start,
    )


def _month_number(match: re.Match[str]) -> int:
    return next(i for i in range(1, 13) if match.group(f"m{i}"))


def _month_of(word: str) -> int:
    return next(i + 1 for i, stem in enumerate(_MONTH_STEMS) if re.match(stem, word, re.I))


def with_overrides(parsed: Timeframe, fields: dict[str, object]) -> Timeframe:
    """Apply the fields a plan file gives next to the text; they win over the parse."""
    changes: dict[str, object] = {}
    for name in ("start", "end", "recurrence", "note"):
        if name in fields:
            changes[name] = fields[name]
    for name in ("years", "quarters", "halves", "months"):
        if name in fields:
            changes[name] = tuple(sorted(fields[name]))  # type: ignore[arg-type]
    return replace(parsed, **changes) if changes else parsed


def describe(tf: Timeframe) -> str:
    """The timeframe as the site understands it, in Russian: years, quarters, months, recurrence."""
    if tf.phases:
        return "; ".join(f"{label}: {describe(part)}" for label, part in tf.phases)
    parts = []
    if tf.years:
        parts.append(", ".join(str(y) for y in tf.years) + " гг.")
    elif tf.start is not None and tf.end is not None:
        years = f"{tf.start}" if tf.start == tf.end else f"{tf.start}–{tf.end}"
        parts.append(
            f"с {tf.start} г. до конца плана ({tf.end})"
            if tf.open_start
            else f"{years} {'г.' if tf.start == tf.end else 'гг.'}"
        )
    if tf.quarters:
        parts.append(", ".join(str(q) for q in tf.quarters) + (" квартал" if len(tf.quarters) == 1 else " кварталы"))
    if tf.halves:
        parts.append(", ".join(str(h) for h in tf.halves) + " полугодие")
    if tf.months:
        parts.append(", ".join(MONTH_NAMES[m - 1] for m in tf.months))
    if tf.recurrence:
        parts.append(RECURRENCE_TITLES[tf.recurrence])
    return "; ".join(parts) or "не указан"
