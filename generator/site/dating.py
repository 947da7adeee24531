"""Where a measure falls in time, read from its parsed timeframe (content/timeframes.py).

Three kinds of deadline: a fixed one (a year, a quarter, a month, a span of years), a recurring
one (ежегодно, ежеквартально, постоянно …), and none that a date can say ("по плану", "по
запросу"). The deadlines pages group measures by these kinds so that a recurring measure is
shown once a year as recurring, not repeated into every quarter; calendars take their dates
from `occurrence`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from ..content.model import Measure
from ..content.timeframes import MONTH_NAMES, RECURRENCE_TITLES, Timeframe

FIXED, RECURRING, UNDATABLE = "fixed", "recurring", "undatable"
KIND_TITLES = {FIXED: "Со сроком", RECURRING: "Регулярные", UNDATABLE: "Без точного срока"}
# In the order the pages list them.
RECURRENCES = ("annual", "semiannual", "quarterly", "monthly", "continuous")
NO_DATE = ("as-planned", "on-request")
_ROMAN = ("I", "II", "III", "IV")


def kind(tf: Timeframe) -> str:
    if tf.recurrence in NO_DATE or not tf.all_years:
        return UNDATABLE
    return RECURRING if tf.recurrence in RECURRENCES else FIXED


def months(tf: Timeframe) -> tuple[int, ...]:
    """The months of a year the timeframe names, by month, quarter or half-year."""
    if tf.months:
        return tf.months
    if tf.quarters:
        return tuple(m for q in tf.quarters for m in range(3 * q - 2, 3 * q + 1))
    return tuple(m for h in tf.halves for m in range(6 * h - 5, 6 * h + 1))


def _run(numbers: tuple[int, ...], name: Callable[[int], str]) -> str:
    """ "II–IV" for a run of consecutive numbers, "I, III" otherwise."""
    if len(numbers) > 1 and numbers[-1] - numbers[0] == len(numbers) - 1:
        return f"{name(numbers[0])}–{name(numbers[-1])}"
    return ", ".join(name(n) for n in numbers)


def part_of_year(tf: Timeframe) -> str | None:
    """The part of a year the plan names: "сентябрь", "II–IV квартал", "1 полугодие"; None for none."""
    if tf.months:
        return _run(tf.months, lambda m: MONTH_NAMES[m - 1])
    if tf.quarters:
        return _run(tf.quarters, lambda q: _ROMAN[q - 1]) + " квартал"
    if tf.halves:
        return _run(tf.halves, str) + " полугодие"
    return None


def years_text(tf: Timeframe) -> str:
    """ "2020", "2022–2024", or the years a plan lists one by one: "2018, 2021, 2024"."""
    years = tf.all_years
    if not years:
        return ""
    return _run(years, str) if len(years) > 1 else str(years[0])


def _when(tf: Timeframe) -> str:
    """A fixed deadline in a plan's timeline: "IV квартал 2020", "2022–2024"."""
    part = part_of_year(tf)
    return f"{part} {years_text(tf)}" if part else years_text(tf)


@dataclass(frozen=True)
class Part:
    """Measures that share a deadline: a part of the year, a recurrence, a reason for no date."""

    label: str
    measures: tuple[Measure, ...]


@dataclass(frozen=True)
class Group:
    """The measures of one kind of deadline, in parts."""

    kind: str
    parts: tuple[Part, ...]

    @property
    def title(self) -> str:
        return KIND_TITLES[self.kind]

    @property
    def count(self) -> int:
        return sum(len(p.measures) for p in self.parts)


def _parts(measures: Iterable[Measure], key: Callable[[Measure], tuple]) -> tuple[Part, ...]:
    """Measures grouped by `key` (its last item the label), groups in key order, measures as given."""
    grouped: dict[tuple, list[Measure]] = {}
    for m in measures:
        grouped.setdefault(key(m), []).append(m)
    return tuple(Part(k[-1][:1].upper() + k[-1][1:], tuple(grouped[k])) for k in sorted(grouped))


def _recurrence_key(m: Measure) -> tuple[int, str]:
    rec = m.timeframe.recurrence
    order = RECURRENCES + NO_DATE
    title = RECURRENCE_TITLES[rec] if rec else "срок не указан"
    return (order.index(rec) if rec in order else len(order), title)


def _groups(measures: Iterable[Measure], fixed_key: Callable[[Measure], tuple]) -> list[Group]:
    by_kind: dict[str, list[Measure]] = {FIXED: [], RECURRING: [], UNDATABLE: []}
    for m in measures:
        by_kind[kind(m.timeframe)].append(m)
    return [
        Group(FIXED, _parts(by_kind[FIXED], fixed_key)),
        Group(RECURRING, _parts(by_kind[RECURRING], _recurrence_key)),
        Group(UNDATABLE, _parts(by_kind[UNDATABLE], _recurrence_key)),
    ]


def _month_key(tf: Timeframe) -> int:
    covered = months(tf)
    return covered[0] if covered and not tf.phases else 13


def year_groups(measures: Iterable[Measure], year: int) -> list[Group]:
    """The measures that run in `year`, each once: fixed ones by the part of the year the plan
    names ("в течение года" when it names none), recurring ones by how often, the rest apart."""
    return _groups(
        (m for m in measures if year in m.timeframe.all_years),
        lambda m: (_month_key(m.timeframe), part_of_year(m.timeframe) or "в течение года"),
    )


def plan_groups(measures: Iterable[Measure]) -> list[Group]:
    """A plan's timeline, each measure once: fixed ones in order of their deadline, then the rest."""
    return _groups(
        measures, lambda m: (m.timeframe.start or 0, _month_key(m.timeframe), m.timeframe.end or 0, _when(m.timeframe))
    )


def counts(groups: list[Group]) -> Mapping[str, int]:
    return {g.kind: g.count for g in groups}


@dataclass(frozen=True)
class Occurrence:
    """A calendar event's dates: its first span (`end` is the day after), how it repeats (an
    RRULE's parts) or the other days it starts on (RDATE)."""

    start: date
    end: date
    rule: Mapping[str, object] | None = None
    also: tuple[date, ...] = ()


def _after(year: int, month: int) -> date:
    return date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)


def occurrence(tf: Timeframe) -> Occurrence | None:
    """The dates of a dated measure's event; None for a measure no date can be given.

    An event spans what the plan names: its months (a quarter is three) in each of its years,
    else its whole years. "Ежегодно" repeats the span yearly; "постоянно", "ежеквартально",
    phases and the like are one event across their years (how often is in the event's text).
    """
    if kind(tf) == UNDATABLE:
        return None
    years = tf.all_years
    first, last = years[0], years[-1]
    consecutive = len(years) == last - first + 1
    covered = () if tf.phases else months(tf)
    if not covered and (tf.recurrence != "annual" or tf.phases) and consecutive:
        return Occurrence(date(first, 1, 1), date(last + 1, 1, 1))
    low, high = (covered[0], covered[-1]) if covered else (1, 12)
    start, end = date(first, low, 1), _after(first, high)
    if len(years) == 1:
        return Occurrence(start, end)
    if consecutive:
        return Occurrence(start, end, {"FREQ": "YEARLY", "COUNT": len(years)})
    return Occurrence(start, end, also=tuple(date(y, low, 1) for y in years[1:]))
