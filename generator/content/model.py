"""The loaded knowledge base: immutable, typed, with cross-references resolved.

Nothing here imports MkDocs: the model serves the site, the `check` command, the data
downloads and the importer alike. Objects are built by `loader.py`; back-references
(measure → plan, section) are set once there and never change afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType

from .timeframes import Timeframe


@dataclass(frozen=True)
class Region:
    """A subject of the Russian Federation."""

    id: str
    name: str
    iso: str
    federal_district: str
    note: str | None = None


@dataclass(frozen=True)
class Topic:
    """A theme teachers browse by."""

    id: str
    title: str
    description: str
    note: str | None = None


@dataclass(frozen=True)
class Audience:
    """Whom a measure is for; grade bands carry their grades."""

    id: str
    title: str
    description: str
    grades: tuple[int, int] | None = None
    note: str | None = None


@dataclass(frozen=True)
class Term:
    """A general abbreviation of Russian education and what it stands for."""

    abbr: str
    expansion: str
    note: str | None = None


@dataclass(frozen=True)
class Concept:
    """One thing of education named in several ways: what plans say, its abbreviations, what people say.

    `term` is what search looks for: a query naming the concept becomes it, and every page
    with the concept (a measure of `topic`, or a page saying one of `plans` or `abbr`) is
    indexed with it.
    """

    term: str
    topic: str | None = None
    plans: tuple[str, ...] = ()
    abbr: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    audience: bool = False


@dataclass(frozen=True)
class SearchVocabulary:
    """Words people type for what plans say officially; indexed, never shown as plan text."""

    concepts: tuple[Concept, ...] = ()
    synonyms: Mapping[str, str] = field(default_factory=dict)
    region_aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class AgencyKind:
    """A kind of agency; `group` kinds are collective actors, not one organisation."""

    id: str
    title: str
    description: str
    group: bool = False
    note: str | None = None


@dataclass(frozen=True, eq=False)
class Agency:
    """One responsible agency, whatever spellings the documents use for it."""

    id: str
    name: str
    short_names: tuple[str, ...]
    kind: AgencyKind
    region: Region
    plan_id: str
    line: int
    note: str | None = None

    @property
    def label(self) -> str:
        """The shortest readable name: a short name when the document gives one."""
        return self.short_names[0] if self.short_names else self.name


@dataclass(frozen=True)
class Responsible:
    """An agency's part in one measure, as printed."""

    agency: Agency
    role: str | None = None
    by_agreement: bool = False
    note: str | None = None


@dataclass(frozen=True)
class Target:
    """A number the plan promises, read from a measure's result."""

    text: str
    value: float
    comparator: str | None = None
    unit: str | None = None
    population: str | None = None
    year: int | None = None
    recurrence: str | None = None
    note: str | None = None

    @property
    def value_text(self) -> str:
        return f"{self.value:g}" if isinstance(self.value, float) else str(self.value)


@dataclass(frozen=True)
class Event:
    """A sub-event of a measure with its own timing."""

    title: str
    timeframe: Timeframe | None = None
    note: str | None = None


@dataclass(frozen=True, eq=False)
class Measure:
    """One row of a plan's table of measures."""

    id: str
    number: str
    title: str
    responsible: tuple[Responsible, ...]
    timeframe: Timeframe
    topics: tuple[Topic, ...]
    audiences: tuple[Audience, ...]
    line: int
    responsible_text: str | None = None
    result: str | None = None
    document: str | None = None
    events: tuple[Event, ...] = ()
    targets: tuple[Target, ...] = ()
    grades: tuple[int, int] | None = None
    note: str | None = None
    plan: Plan = field(default=None, repr=False)  # type: ignore[assignment]
    section: Section | None = field(default=None, repr=False)

    # Computed once: pages, indexes and similarity ask for these hundreds of thousands of times.
    # (The loader sets `plan` once, before anything reads `key`.)
    @cached_property
    def key(self) -> str:
        """Unique across the knowledge base: plan id and measure id."""
        return f"{self.plan.id}/{self.id}"

    @cached_property
    def agencies(self) -> tuple[Agency, ...]:
        return tuple(r.agency for r in self.responsible)

    @property
    def lead(self) -> Agency:
        """The lead executor where the document names one, else the first listed."""
        for r in self.responsible:
            if r.role == "lead":
                return r.agency
        return self.responsible[0].agency


@dataclass(frozen=True, eq=False)
class Section:
    """A section of the table of measures, possibly with nested groups."""

    number: str | None
    title: str | None
    measures: tuple[Measure, ...]
    sections: tuple[Section, ...]
    anchor: str
    note: str | None = None
    parent: Section | None = field(default=None, repr=False)

    @property
    def heading(self) -> str:
        return " ".join(p for p in (self.number, self.title) if p) or "Мероприятия"

    def all_measures(self) -> Iterator[Measure]:
        yield from self.measures
        for sub in self.sections:
            yield from sub.all_measures()

    def all_sections(self) -> Iterator[Section]:
        yield self
        for sub in self.sections:
            yield from sub.all_sections()


@dataclass(frozen=True)
class Act:
    """The act that approved a plan."""

    issuer: str | None = None
    type: str | None = None
    date: str | None = None
    number: str | None = None
    title: str | None = None
    signatory_name: str | None = None
    signatory_position: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class NarrativePart:
    """A part of the document outside the table (preamble, problems, stages …)."""

    id: str
    title: str
    text: str
    note: str | None = None


@dataclass(frozen=True)
class Stage:
    title: str
    start: int
    end: int
    text: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Indicator:
    text: str
    number: str | None = None
    unit: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class IndicatorGroup:
    criterion: str
    items: tuple[Indicator, ...]
    note: str | None = None


@dataclass(frozen=True, eq=False)
class Plan:
    """One plan document, as transcribed."""

    id: str
    region: Region
    level: str
    title: str
    path: str
    source_file: str
    period: tuple[int, int] | None  # None: the document names no years
    agencies: tuple[Agency, ...]
    sections: tuple[Section, ...]
    columns: Mapping[str, str]
    municipality: str | None = None
    source_format: str | None = None
    source_url: str | None = None
    act: Act | None = None
    period_text: str | None = None
    period_note: str | None = None
    goals: tuple[str, ...] = ()
    tasks: tuple[str, ...] = ()
    narrative: tuple[NarrativePart, ...] = ()
    stages: tuple[Stage, ...] = ()
    indicators: tuple[IndicatorGroup, ...] = ()
    note: str | None = None

    @cached_property
    def measures(self) -> tuple[Measure, ...]:
        return tuple(m for s in self.sections for m in s.all_measures())

    @property
    def all_sections(self) -> tuple[Section, ...]:
        return tuple(x for s in self.sections for x in s.all_sections())

    @property
    def year(self) -> int | None:
        return self.period[0] if self.period else None

    @property
    def period_label(self) -> str:
        """«2021–2024», or that the document names no period."""
        return f"{self.period[0]}–{self.period[1]}" if self.period else "период не указан"

    @property
    def short_title(self) -> str:
        """How lists name the plan: region and period."""
        level = "" if self.level == "regional" else ", муниципальный план"
        return f"{self.region.name}, {self.period_label}{level}"

    @property
    def responsible_agencies(self) -> tuple[Agency, ...]:
        """Every agency the plan's measures name, in order of first appearance."""
        seen: dict[str, Agency] = {}
        for m in self.measures:
            for a in m.agencies:
                seen.setdefault(a.id, a)
        return tuple(seen.values())


def _freeze(mapping: Mapping) -> Mapping:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True, repr=False)
class Catalog:
    """The whole knowledge base with its indexes; every mapping is read-only and sorted by id."""

    def __repr__(self) -> str:
        # Tools log their config (mkdocs-macros reads `extra`); a full repr would be megabytes.
        return f"<Catalog: {self.summary()}>"

    regions: Mapping[str, Region]
    topics: Mapping[str, Topic]
    audiences: Mapping[str, Audience]
    kinds: Mapping[str, AgencyKind]
    agencies: Mapping[str, Agency]
    plans: Mapping[str, Plan]
    measures: tuple[Measure, ...] = ()
    measures_by_agency: Mapping[str, tuple[Measure, ...]] = field(default_factory=dict)
    measures_by_topic: Mapping[str, tuple[Measure, ...]] = field(default_factory=dict)
    measures_by_audience: Mapping[str, tuple[Measure, ...]] = field(default_factory=dict)
    plans_by_region: Mapping[str, tuple[Plan, ...]] = field(default_factory=dict)
    agencies_by_region: Mapping[str, tuple[Agency, ...]] = field(default_factory=dict)
    agencies_by_kind: Mapping[str, tuple[Agency, ...]] = field(default_factory=dict)
    terms: tuple[Term, ...] = ()
    vocabulary: SearchVocabulary = field(default_factory=SearchVocabulary)

    @classmethod
    def build(
        cls,
        regions: list[Region],
        topics: list[Topic],
        audiences: list[Audience],
        kinds: list[AgencyKind],
        plans: list[Plan],
        terms: list[Term] = (),
        vocabulary: SearchVocabulary | None = None,
    ) -> Catalog:
        """Index the loaded objects. Topic and audience orders follow their vocabulary files."""
        plans = sorted(plans, key=lambda p: p.id)
        agencies = sorted((a for p in plans for a in p.agencies), key=lambda a: a.id)
        measures = tuple(m for p in plans for m in p.measures)
        by_agency: dict[str, list[Measure]] = {a.id: [] for a in agencies}
        by_topic: dict[str, list[Measure]] = {t.id: [] for t in topics}
        by_audience: dict[str, list[Measure]] = {a.id: [] for a in audiences}
        for m in measures:
            for a in dict.fromkeys(m.agencies):
                by_agency[a.id].append(m)
            for t in m.topics:
                by_topic[t.id].append(m)
            for a in m.audiences:
                by_audience[a.id].append(m)
        return cls(
            regions=_freeze({r.id: r for r in sorted(regions, key=lambda r: r.id)}),
            topics=_freeze({t.id: t for t in topics}),
            audiences=_freeze({a.id: a for a in audiences}),
            kinds=_freeze({k.id: k for k in kinds}),
            agencies=_freeze({a.id: a for a in agencies}),
            plans=_freeze({p.id: p for p in plans}),
            measures=measures,
            measures_by_agency=_freeze({k: tuple(v) for k, v in by_agency.items()}),
            measures_by_topic=_freeze({k: tuple(v) for k, v in by_topic.items()}),
            measures_by_audience=_freeze({k: tuple(v) for k, v in by_audience.items()}),
            plans_by_region=_freeze({r.id: tuple(p for p in plans if p.region.id == r.id) for r in regions}),
            agencies_by_region=_freeze({r.id: tuple(a for a in agencies if a.region.id == r.id) for r in regions}),
            agencies_by_kind=_freeze({k.id: tuple(a for a in agencies if a.kind.id == k.id) for k in kinds}),
            terms=tuple(sorted(terms, key=lambda t: t.abbr.lower())),
            vocabulary=vocabulary or SearchVocabulary(),
        )

    def summary(self) -> str:
        """The one line `check` prints on success."""
        return (
            f"{len(self.plans)} plans, {len(self.measures)} measures, {len(self.agencies)} agencies, "
            f"{len(self.topics)} topics, {len(self.regions)} regions"
        )
