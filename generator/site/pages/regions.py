"""Regions: the list of regions and a page for each."""

from __future__ import annotations

from ...content.model import Region
from .. import search_terms, urls
from ..build import Output, Site


def index(site: Site) -> Output:
    c = site.catalog
    return Output(
        urls.REGIONS,
        site.render(
            "regions.html.j2",
            urls.REGIONS,
            measures_in_region={r: sum(len(p.measures) for p in c.plans_by_region[r]) for r in c.regions},
        ),
    )


def page(site: Site, region: Region) -> Output:
    src = urls.region(region)
    plans = site.catalog.plans_by_region[region.id]
    measures = [m for p in plans for m in p.measures]
    return Output(
        src,
        site.render(
            "region.html.j2",
            src,
            region=region,
            plans=plans,
            terms=search_terms.page_terms(site.catalog, region, region.name),
            coverage=site.coverage(measures),
            agencies=site.catalog.agencies_by_region[region.id],
        ),
    )
