"""«Сроки»: what falls due in each year across regions, and the calendars of plans and regions.

A year lists every measure whose timeframe covers it, each once (dating.year_groups). A year
with more than DEADLINES_INLINE measures lists its regions instead, each region's measures
on a page of its own, so that no page grows with the number of regions.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterator
from urllib.parse import urlsplit

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
    undated = [m for m in site.catalog.measures if not m.timeframe.all_years]
    regions = [r for r in site.catalog.regions.values() if site.catalog.plans_by_region[r.id]]
    yield Output(urls.DEADLINES, site.render("deadlines.html.j2", urls.DEADLINES, years=summary, undated=undated,
                                             regions=regions, kinds=dating.KIND_TITLES))
    for n, (year, measures) in enumerate(years.items()):
        yield from year_pages(site, year, measures, groups[year], nav, n)
    yield from calendar_files(site, regions)


def _regions_of(measures: list[Measure]) -> dict[Region, list[Measure]]:
    grouped: dict[Region, list[Measure]] = {}
    for m in measures:
        grouped.setdefault(m.plan.region, []).append(m)
    return dict(sorted(grouped.items(), key=lambda item: item[0].name))


def year_pages(site: Site, year: int, measures: list[Measure], groups: list[dating.Group], nav: list[tuple[str, str]],
               n: int) -> Iterator[Output]:
    """The year's page; when it is long, a list of its regions and a page for each region."""
    src = urls.deadlines_year(year)
    regions = _regions_of(measures)
    common = dict(year=year, nav=nav, nav_index=n, kinds=dating.KIND_TITLES, total=len(measures))
    if len(measures) <= DEADLINES_INLINE:
        options = [(r, None) for r in regions]
        yield Output(src, site.render("deadlines-year.html.j2", src, groups=groups,
                                      region=None, options=options, split=[], **common))
        return
    split = [(r, urls.deadlines_region(year, r), dating.counts(dating.year_groups(ms, year)))
             for r, ms in regions.items()]
    options = [(r, part) for r, part, _ in split]
    yield Output(src, site.render("deadlines-year.html.j2", src, groups=[], region=None, options=options,
                                  split=split, **common))
    for region, part_src in options:
        yield Output(part_src, site.render(
            "deadlines-year.html.j2", part_src, groups=dating.year_groups(regions[region], year), region=region,
            options=options, split=[], **dict(common, total=len(regions[region]))))


def calendar_files(site: Site, regions: list[Region]) -> Iterator[Output]:
    """An .ics file for every plan and for every region with a plan."""
    c = site.catalog
    domain = urlsplit(site.links.site_url or "").hostname or "proforientation-plans"

    def url(m: Measure) -> str:
        return site.links.absolute(urls.measure(m))

    for plan in c.plans.values():
        yield Output(urls.plan_calendar(plan), calendars.calendar(
            f"Сроки: {plan.short_title}", plan.measures, site.as_of.date, url, domain))
    for region in regions:
        measures = [m for p in c.plans_by_region[region.id] for m in p.measures]
        yield Output(urls.region_calendar(region), calendars.calendar(
            f"Сроки: {region.name}", measures, site.as_of.date, url, domain))
