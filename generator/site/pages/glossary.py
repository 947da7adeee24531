"""The glossary of abbreviations: the vocabulary's terms and every agency's short names."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from .. import urls
from ..build import Output, Site, paginate

# Glossary entries on one page.
GLOSSARY_PAGE = 200


def pages(site: Site) -> Iterator[Output]:
    """The glossary; once agencies' abbreviations make it long, pages of GLOSSARY_PAGE entries,
    each named by its first and last abbreviation, as the guide words of a printed dictionary."""
    chunks = paginate(entries(site), GLOSSARY_PAGE, urls.GLOSSARY, urls.glossary_page)
    parts = [(f"{chunk[0]['abbr']} — {chunk[-1]['abbr']}", src) for src, chunk in chunks] if len(chunks) > 1 else []
    for n, (src, chunk) in enumerate(chunks):
        yield Output(src, site.render("glossary.html.j2", src, entries=chunk, parts=parts, part=n))


def entries(site: Site) -> list[dict[str, object]]:
    found: dict[str, dict[str, object]] = {}
    for term in site.catalog.terms:
        found[term.abbr] = {
            "abbr": term.abbr,
            "expansion": term.expansion + (f" ({term.note})" if term.note else ""),
            "links": [],
        }
    for agency in site.catalog.agencies.values():
        for short in agency.short_names:
            entry = found.setdefault(short, {"abbr": short, "expansion": agency.name, "links": []})
            entry["links"].append((urls.agency(agency), f"{agency.name} ({agency.region.name})"))
    ordered = sorted(found.values(), key=lambda e: (str(e["abbr"]).lower(), str(e["abbr"])))
    seen: Counter[str] = Counter()
    for entry in ordered:
        base = "term-" + urls.anchor(str(entry["abbr"]))
        seen[base] += 1
        entry["anchor"] = base if seen[base] == 1 else f"{base}-{seen[base]}"
    return ordered
