"""Where every generated page lives. Nothing else in the package builds a path or a URL.

Ids are validated slugs before they get here, so every path stays inside the site. A page
is named by its source path (`plans/x/index.md`); generated pages are HTML that MkDocs does
not rewrite, so links between them are final relative URLs from `href`.
"""

from __future__ import annotations

import functools
import re

from ..content.model import Agency, AgencyKind, Measure, Plan, Region, Topic

_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")

HOME = "index.md"
REGIONS = "regions/index.md"
PLANS = "plans/index.md"
AGENCIES = "agencies/index.md"
AGENCIES_AZ = "agencies/a-z.md"
TOPICS = "topics/index.md"
GLOSSARY = "glossary.md"
COLLABORATION = "agencies/collaboration.md"
CATALOGUE = "catalogue/index.md"
CATALOGUE_JSON = "data/catalogue.json"
COMPARE = "compare.md"
DATA = "data/index.md"
SEARCH_VOCABULARY = "data/search-vocabulary.json"
DEADLINES = "deadlines/index.md"


# The pages of lists, each at a fixed place.
LIST_PAGES = (HOME, REGIONS, PLANS, AGENCIES, TOPICS, GLOSSARY, COLLABORATION, CATALOGUE, COMPARE, DATA)


def _beside(folder: str) -> frozenset[str]:
    """Ids a page <folder><id>.md may not have: `index` is the folder's own page, and a list page
    in the folder takes its name."""
    return frozenset(
        {"index"} | {p[len(folder) : -3] for p in LIST_PAGES if p.startswith(folder) and "/" not in p[len(folder) :]}
    )


# Ids the loader refuses, by kind of object, as their pages would be pages the site already
# makes (see the page functions below): a region is regions/<id>.md and topics/<topic>/<id>.md
# beside the topic's index.md, a measure is plans/<plan>/<id>.md beside the plan's index.md.
RESERVED_IDS = {
    "region": _beside("regions/"),
    "agency": _beside("agencies/"),
    "agency kind": _beside("agency-kinds/"),
    "measure": frozenset({"index"}),
}


def search_words(letter: str) -> str:
    """Word list for spelling suggestions, one file per first letter (ASCII file names)."""
    return f"data/words/{ord(letter):04x}.json"


def catalogue_page(n: int) -> str:
    return f"catalogue/{n}.md"


def plans_page(n: int) -> str:
    """Page n (from 2) of the plans list; not under plans/, where a plan id could be a number."""
    return f"plan-list/{n}.md"


def glossary_page(n: int) -> str:
    return f"glossary/{n}.md"


def deadlines_year(year: int) -> str:
    """What falls due in `year` across regions."""
    return f"deadlines/{int(year)}/index.md"


def deadlines_region(year: int, r: Region) -> str:
    """One region's part of a year that is too long for one page."""
    _safe(r.id)
    return f"deadlines/{int(year)}/{r.id}.md"


def plan_calendar(p: Plan) -> str:
    _safe(p.id)
    return f"data/calendars/plans/{p.id}.ics"


def region_calendar(r: Region) -> str:
    _safe(r.id)
    return f"data/calendars/regions/{r.id}.ics"


def _safe(*parts: str) -> None:
    for part in parts:
        if not _SLUG.fullmatch(part):
            raise ValueError(f"unsafe id in a path: {part!r}")


def region(r: Region) -> str:
    _safe(r.id)
    return f"regions/{r.id}.md"


def plan(p: Plan) -> str:
    _safe(p.id)
    return f"plans/{p.id}/index.md"


def measure(m: Measure) -> str:
    _safe(m.plan.id, m.id)
    return f"plans/{m.plan.id}/{m.id}.md"


def agency(a: Agency) -> str:
    _safe(a.id)
    return f"agencies/{a.id}.md"


def agency_kind(k: AgencyKind) -> str:
    _safe(k.id)
    return f"agency-kinds/{k.id}.md"


def topic(t: Topic) -> str:
    _safe(t.id)
    return f"topics/{t.id}/index.md"


def topic_region(t: Topic, r: Region) -> str:
    _safe(t.id, r.id)
    return f"topics/{t.id}/{r.id}.md"


_PAGE_OF = {Region: region, Plan: plan, Measure: measure, Agency: agency, AgencyKind: agency_kind, Topic: topic}


def page(target: str | Region | Plan | Measure | Agency | AgencyKind | Topic) -> str:
    """A page's source path, given as one or as the region, plan, measure, agency, kind or topic it shows."""
    return target if isinstance(target, str) else _PAGE_OF[type(target)](target)


def asset(name: str) -> str:
    """A generated static file (SVG, data download) under assets/ or data/."""
    if ".." in name.split("/") or name.startswith("/"):
        raise ValueError(f"unsafe asset path: {name!r}")
    return name


def page_url(src: str) -> str:
    """The directory URL MkDocs gives a Markdown source (use_directory_urls)."""
    if not src.endswith(".md"):
        return src
    stem = src[:-3]
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
        return stem
    return stem + "/"


def href(from_src: str, to_src: str) -> str:
    """Relative URL between two built pages, for HTML that MkDocs does not rewrite."""
    base, _ = _parts(from_src)
    parts, folder = _parts(to_src)
    # Site paths are normalised (no "." or ".."), so the common prefix is all there is to it;
    # posixpath.relpath would ask the file system for the working directory on every link.
    common = 0
    while common < min(len(base), len(parts)) and base[common] == parts[common]:
        common += 1
    rel = "/".join(("..",) * (len(base) - common) + parts[common:]) or "."
    return rel + "/" if folder and not rel.endswith("/") else rel


def depth(src: str) -> int:
    """How many folders deep a page's URL is (0 for the home page)."""
    return len(_parts(src)[0])


@functools.lru_cache(maxsize=1 << 15)
def _parts(src: str) -> tuple[tuple[str, ...], bool]:
    """The folders of a page's URL and whether it is a folder: asked for by every link to and from it."""
    url = page_url(src)
    return tuple(part for part in url.split("/") if part), url.endswith("/")


_TRANSLIT = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "i",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "",
            "y",
            "",
            "e",
            "iu",
            "ia",
        ],
    )
)


def anchor(text: str) -> str:
    """An ASCII anchor for Russian text (glossary entries): transliterated, lowercase, hyphenated."""
    latin = "".join(_TRANSLIT.get(c, c) for c in text.lower())
    return re.sub(r"[^a-z0-9]+", "-", latin).strip("-") or "x"
