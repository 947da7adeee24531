"""«Сроки»: what falls due in each year across regions, and the calendars of plans and regions.

A year lists every measure whose timeframe covers it, each once (dating.year_groups). A year
with more than DEADLINES_INLINE measures lists its regions instead, each region's measures
on a page of its own, so that no page grows with the number of regions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from urllib.parse import urlsplit

from markupsafe import Markup

from ...content.model import Measure, Region
from .. import calendars, dating, urls
from ..build import Output, Site

# Measures on one year's page before it is split by region.
DEADLINES_INLINE = 300


def by_year(site: Site) -> dict[int, list[Measure]]:
    """Every year some measure runs in, with those measures in the catalogue's order."""
    years: dict[int, list[Measure]] = defaultdict(list)
    for m in site.catalog.measures:
        for y in m.timeframe.all_years:
            years[y].append(m)
    return dict(sorted(years.items()))


def pages(site: Site) -> Iterator[Output]:
    years = by_year(site)
    nav = [(str(y), urls.deadlines_year(y)) for y in years]
    groups = {y: dating.year_groups(ms, y) for y, ms in years.items()}
    summary = [(y, urls.deadlines_year(y), dating.counts(groups[y])) for y in years]
    c = site.catalog
    undated = [m for m in c.measures if not m.timeframe.all_years]
    regions = [r for r in c.regions.values() if c.plans_by_region[r.id]]
    yield Output(
        urls.DEADLINES,
        site.render(
            "deadlines.html.j2",
            urls.DEADLINES,
            years=summary,
            undated=undated,
            regions=regions,
            kinds=dating.KIND_TITLES,
        ),
    )
    filters = {
        "topics": _choices(site, [(t.id, t.title) for t in c.topics.values()]),
        "audiences": _choices(site, [(a.id, a.title) for a in c.audiences.values()]),
    }
    for n, (year, measures) in enumerate(years.items()):
        yield from year_pages(site, year, measures, groups[year], nav, n, filters)
    yield from calendar_files(site, regions)


def _regions_of(measures: list[Measure]) -> dict[Region, list[Measure]]:
    grouped: dict[Region, list[Measure]] = {}
    for m in measures:
        grouped.setdefault(m.plan.region, []).append(m)
    return dict(sorted(grouped.items(), key=lambda item: item[0].name))


def _choices(site: Site, choices: list[tuple[str, str]]) -> Markup:
    return Markup(site.render("_choices.html.j2", urls.DEADLINES, choices=choices))


def year_pages(
    site: Site,
    year: int,
    measures: list[Measure],
    groups: list[dating.Group],
    nav: list[tuple[str, str]],
    n: int,
    filters: dict[str, Markup],
) -> Iterator[Output]:
    """The year's page; when it is long, a list of its regions and a page for each region."""
    src = urls.deadlines_year(year)
    regions = _regions_of(measures)
    choices = dict(filters, regions=_choices(site, [(r.id, r.name) for r in regions]))
    common = {
        "year": year,
        "nav": nav,
        "nav_index": n,
        "kinds": dating.KIND_TITLES,
        "total": len(measures),
        "choices": choices,
    }
    if len(measures) <= DEADLINES_INLINE:
        yield Output(src, site.render("deadlines-year.html.j2", src, groups=groups, region=None, split=[], **common))
        return
    parts = {r: dating.year_groups(ms, year) for r, ms in regions.items()}
    split = [(r, urls.deadlines_region(year, r), dating.counts(parts[r])) for r in regions]
    yield Output(src, site.render("deadlines-year.html.j2", src, groups=[], region=None, split=split, **common))
    for region, part_src, _ in split:
        yield Output(
            part_src,
            site.render(
                "deadlines-year.html.j2",
                part_src,
                groups=parts[region],
                region=region,
                split=[],
                **{**common, "total": len(regions[region])},
            ),
        )


def calendar_files(site: Site, regions: list[Region]) -> Iterator[Output]:
    """An .ics file for every plan and for every region with a plan."""
    c = site.catalog
    domain = urlsplit(site.links.site_url or "").hostname or "proforientation-plans"

    def url(m: Measure) -> str:
        return site.links.absolute(urls.measure(m))

    events = {plan.id: calendars.events(plan.measures, site.as_of.date, url, domain) for plan in c.plans.values()}
    for plan in c.plans.values():
        yield Output(urls.plan_calendar(plan), calendars.calendar(f"Сроки: {plan.short_title}", events[plan.id]))
    for region in regions:
        yield Output(
            urls.region_calendar(region),
            calendars.calendar(
                f"Сроки: {region.name}", (e for p in c.plans_by_region[region.id] for e in events[p.id])
            ),
        )
