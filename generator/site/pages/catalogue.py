"""The catalogue: every measure in one filterable table, in pages, and as JSON for its filters."""

from __future__ import annotations

from collections.abc import Iterator

from ...content.model import Measure
from .. import dating, export, morphology, search_terms, urls
from ..build import Output, Site, numbered, paginate

CATALOGUE_PAGE = 200


def row(m: Measure) -> dict[str, object]:
    return {
        "region": m.plan.region.id,
        "region_name": m.plan.region.name,
        "region_src": urls.region(m.plan.region),
        "plan": m.plan.id,
        "number": m.number,
        "title": m.title,
        "src": urls.measure(m),
        "topics": [t.id for t in m.topics],
        "topic_titles": [t.title for t in m.topics],
        "topic_srcs": [(urls.topic(t), t.title) for t in m.topics],
        "audiences": [a.id for a in m.audiences],
        "audience_titles": [a.title for a in m.audiences],
        "years": list(m.timeframe.all_years),
        "years_text": dating.years_text(m.timeframe),
        "kinds": sorted({a.kind.id for a in m.agencies}),
        "lead": m.lead.label,
        "lead_src": urls.agency(m.lead),
    }


def pages(site: Site) -> Iterator[Output]:
    rows = [row(m) for m in site.catalog.measures]
    chunks = paginate(rows, CATALOGUE_PAGE, urls.CATALOGUE, urls.catalogue_page)
    years = sorted({y for r in rows for y in r["years"]})
    for n, (src, chunk) in enumerate(chunks, 1):
        yield Output(
            src,
            site.render(
                "catalogue.html.j2",
                src,
                rows=chunk,
                total=len(rows),
                pages=len(chunks),
                page_number=n,
                parts=numbered(chunks),
                years=years,
                json_href=urls.href(src, urls.CATALOGUE_JSON),
            ),
        )
    # The text filter compares lemmas (`w`) and the search vocabulary's concepts (`c`), as search does.
    compact = [
        {
            "r": r["region"],
            "n": r["number"],
            "t": r["title"],
            "u": urls.page_url(r["src"]),
            "tp": r["topics"],
            "a": r["audiences"],
            "y": r["years"],
            "k": r["kinds"],
            "l": r["lead"],
            "lu": urls.page_url(r["lead_src"]),
            "w": _lemmas(m, r),
            "c": sorted(c.term for c in search_terms.measure_concepts(site.catalog, m)),
        }
        for m, r in zip(site.catalog.measures, rows)
    ]
    c = site.catalog
    meta = {
        "regions": {r.id: r.name for r in c.regions.values()},
        "topics": {t.id: t.title for t in c.topics.values()},
        "audiences": {a.id: a.title for a in c.audiences.values()},
        "kinds": {k.id: k.title for k in c.kinds.values()},
    }
    yield Output(urls.CATALOGUE_JSON, export.to_json({"meta": meta, "rows": compact}))


def _lemmas(m: Measure, row: dict[str, object]) -> str:
    """The row's words as lemmas, once each: what the catalogue's text filter looks in."""
    text = " ".join(
        [
            m.title,
            m.result or "",
            m.responsible_text or "",
            str(row["lead"]),
            m.plan.region.name,
            *(a.name for a in m.agencies),
            *(t.title for t in m.topics),
            *(a.title for a in m.audiences),
        ]
    )
    return " ".join(dict.fromkeys(morphology.lemmas(text)))
