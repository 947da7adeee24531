"""Whether a plan is in force: its period against the date the site speaks "as of".

The date is explicit, never the wall clock, so that two builds of one commit are byte-identical:
the date the data is released as of (`SOURCE_DATE_EPOCH` when the build sets it, else the date
of the last commit; release.py).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..content.model import Plan
from . import release
from .render import plural


@dataclass(frozen=True)
class Status:
    """A plan's state on the "as of" date."""

    id: str
    title: str
    plural: str

    def counted(self, n: int) -> str:
        """ "1 план завершён", "3 плана завершены", "21 план завершён"."""
        return f"{plural(n, 'план', 'плана', 'планов')} {self.title if n % 10 == 1 and n % 100 != 11 else self.plural}"


UPCOMING = Status("upcoming", "ещё не начат", "ещё не начаты")
ACTIVE = Status("active", "в действии", "в действии")
ENDED = Status("ended", "завершён", "завершены")
# A plan whose document names no period (the importer never invents one).
UNDATED = Status("undated", "срок действия не указан", "срок действия не указан")
STATUSES = (ACTIVE, ENDED, UPCOMING, UNDATED)


def status(period: tuple[int, int] | None, day: date) -> Status:
    """A plan runs through the whole of its last year: "2021–2024" is in force until 31.12.2024."""
    if period is None:
        return UNDATED
    if day.year < period[0]:
        return UPCOMING
    return ENDED if day.year > period[1] else ACTIVE


@dataclass(frozen=True)
class AsOf:
    """The date the site speaks as of, and what it says of each plan on that date."""

    date: date

    @property
    def year(self) -> int:
        return self.date.year

    @property
    def text(self) -> str:
        """As Russian documents print a date: 01.03.2025."""
        return self.date.strftime("%d.%m.%Y")

    def status(self, plan: Plan) -> Status:
        return status(plan.period, self.date)

    def tally(self, plans: Iterable[Plan]) -> list[tuple[Status, int]]:
        """How many plans are in each state, states without a plan left out."""
        ids = [self.status(p).id for p in plans]
        return [(s, ids.count(s.id)) for s in STATUSES if s.id in ids]


def as_of(project_dir: Path, content_dir: Path, environ: Mapping[str, str] = os.environ) -> AsOf:
    """The build's "as of" date: the release's (release.read)."""
    return AsOf(release.read(project_dir, content_dir, environ).date)
