"""iCalendar files (RFC 5545) of measures' deadlines, written with the `icalendar` library.

One all-day event per dated measure (dating.occurrence); measures with no date get none, and
the deadlines pages list them apart. Deterministic: a measure's UID is its key, DTSTAMP is the
site's "as of" date, events keep the plans' order, nothing carries the time of the build.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime

from icalendar import Calendar, Event, vText

from ..content.model import Measure
from . import dating

PRODID = "-//Профориентация в регионах//Сроки мероприятий//RU"


def _agencies(m: Measure) -> str:
    return ", ".join(r.agency.name + (" (по согласованию)" if r.by_agreement else "") for r in m.responsible)


def event(m: Measure, occurrence: dating.Occurrence, stamp: datetime, url: str, domain: str) -> Event:
    tf = m.timeframe
    e = Event()
    e.add("uid", f"{m.plan.id}.{m.id}@{domain}")
    e.add("dtstamp", stamp)
    e.add("dtstart", occurrence.start)
    e.add("dtend", occurrence.end)
    if occurrence.rule:
        e.add("rrule", dict(occurrence.rule))
    if occurrence.also:
        e.add("rdate", list(occurrence.also))
    e.add("summary", f"{m.number} {m.title}")
    e.add(
        "description",
        "\n".join((f"Срок: {tf.text}", f"Исполнители: {_agencies(m)}", f"План: {m.plan.short_title}", url)),
    )
    e.add("url", url)
    # A deadline that spans months must not show the reader as busy all that time.
    e.add("transp", "TRANSPARENT")
    return e


def events(measures: Iterable[Measure], as_of: date, url: Callable[[Measure], str], domain: str) -> list[bytes]:
    """The events of the dated ones among `measures`, each as its VEVENT text; `url` gives a measure's page."""
    stamp = datetime(as_of.year, as_of.month, as_of.day, tzinfo=UTC)
    found = []
    for m in measures:
        occurrence = dating.occurrence(m.timeframe)
        if occurrence is not None:
            found.append(event(m, occurrence, stamp, url(m), domain).to_ical())
    return found


_END = b"END:VCALENDAR\r\n"


def calendar(name: str, events: Iterable[bytes]) -> bytes:
    """The calendar `name` of `events` (from `events`).

    A region's calendar holds its plans' events: each is written once and placed in both files,
    since writing an event is what a calendar costs (hundreds of thousands of folded lines at 89 regions)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    # An X- property is not known to be text, so it would go out unescaped: say that it is.
    cal.add("x-wr-calname", vText(name))
    head = cal.to_ical()
    if not head.endswith(_END):
        raise ValueError("an empty calendar must end with END:VCALENDAR")
    return head[: -len(_END)] + b"".join(events) + _END
