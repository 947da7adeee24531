"""The generated pages, one module per family; `outputs` lists them in the order MkDocs receives them.

A new page type is a function in the module of its family (or a new module), called here.
"""

from __future__ import annotations

from ..build import Output, Site
from . import agencies, catalogue, data, deadlines, glossary, plans, regions, topics


def outputs(site: Site) -> list[Output]:
    """Every generated file, in a stable order."""
    c = site.catalog
    # Begun first and collected last: the workbooks are written on another core meanwhile.
    workbooks = data.start_workbooks(site)
    return [
        regions.index(site),
        *plans.lists(site),
        agencies.index(site),
        agencies.alphabet(site),
        topics.index(site),
        *glossary.pages(site),
        agencies.collaboration(site),
        *catalogue.pages(site),
        *deadlines.pages(site),
        *data.search_words(site),
        topics.compare(site),
        *(regions.page(site, r) for r in c.regions.values()),
        *(o for p in c.plans.values() for o in plans.pages(site, p)),
        *(agencies.page(site, a) for a in c.agencies.values()),
        *(agencies.kind_page(site, k) for k in c.kinds.values() if c.agencies_by_kind[k.id]),
        *(o for t in c.topics.values() for o in topics.pages(site, t)),
        *data.files(site, workbooks),
    ]
