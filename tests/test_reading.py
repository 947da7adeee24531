"""Reading the site as a person does, at a phone's width (375 px) and a desktop's (1280 px), in
Debian's Chromium: what is on the screen, measured in the page, not read from the CSS."""

from __future__ import annotations

import os
import re
import shutil
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.screenshots import WIDTHS, page_types, serve
from generator.site import hyphenation

pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None and os.environ.get("CI"):
    raise RuntimeError("CI must install Debian's chromium (.ci/run does)")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")

# Words of English prose: a run of Latin words with one of these in it is a sentence, not a name
# such as «World Skills Russia».
ENGLISH = {
    "the",
    "of",
    "and",
    "or",
    "is",
    "are",
    "was",
    "with",
    "in",
    "on",
    "to",
    "for",
    "by",
    "as",
    "not",
    "be",
    "from",
    "this",
    "that",
    "it",
    "at",
    "an",
    "found",
    "made",
    "link",
    "kept",
    "printed",
    "skip",
    "clipboard",
}
LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z'’-]*(?:[\s,.:;()-]+[A-Za-z][A-Za-z'’-]*)+")

# Every word of the article, with its rectangles per part between soft hyphens: a word drawn on
# two lines anywhere but at a soft hyphen is broken inside the word.
BROKEN_WORDS = """() => {
  const article = document.querySelector("article");
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
  const broken = [];
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const style = getComputedStyle(node.parentElement);
    if (style.display === "none" || style.visibility === "hidden" || node.parentElement.closest("svg, pre, code"))
      continue;
    const text = node.data;
    for (const m of text.matchAll(/[^\\s\\u00ad/—–-]+(?:\\u00ad[^\\s\\u00ad/—–-]+)*/gu)) {
      let start = m.index;
      for (const part of m[0].split("\\u00ad")) {
        // The first and the last letter of each part, each measured alone; a letter just after a
        // soft hyphen where the line breaks also gets the hyphen's box on the line before: its own is the last.
        const top = (at) => { range.setStart(node, at); range.setEnd(node, at + 1);
                              const boxes = range.getClientRects();
                              return boxes.length ? Math.round(boxes[boxes.length - 1].top) : null; };
        const first = part.length > 1 ? top(start) : null, last = first === null ? null : top(start + part.length - 1);
        if (first !== null && last !== null && first !== last) broken.push(m[0].replace(/\\u00ad/g, ""));
        start += part.length + 1;
      }
    }
  }
  return broken;
}"""

GRAPH_LABELS = """() => [...document.querySelectorAll("figure.kb-graph svg text")].map(t => {
  const box = t.getBoundingClientRect();
  return {size: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a, shown: box.width > 0};
})"""

# What a reader sees, less code samples (commands and YAML in the contributor guide).
VISIBLE_TEXT = """() => {
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (parent.closest("code, pre, kbd, script, style, [hidden]") || !parent.checkVisibility()) continue;
    texts.push(node.data);
  }
  for (const el of document.querySelectorAll("[title], [aria-label], [placeholder]"))
    for (const name of ["title", "aria-label", "placeholder"])
      if (el.hasAttribute(name)) texts.push(el.getAttribute(name));
  return texts.join("\\n");
}"""


def english_runs(text: str) -> list[str]:
    return [
        run for run in LATIN_RUN.findall(text) if {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'-]*", run)} & ENGLISH
    ]


@pytest.fixture(scope="module")
def host(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module", params=WIDTHS, ids=lambda w: f"{w}px")
def screen(request, browser):
    phone = request.param < 600
    context = browser.new_context(
        viewport={"width": request.param, "height": 800 if phone else 900},
        is_mobile=phone,
        has_touch=phone,
        locale="ru-RU",
    )
    page = context.new_page()
    page.width = request.param
    yield page
    context.close()


@pytest.fixture(scope="module")
def pages(catalog) -> dict[str, str]:
    return page_types(catalog)


def visit(screen, host: str, path: str) -> None:
    """Open a page as loaded; the search page also once its results have come in."""
    screen.goto(host + path)
    if path.startswith("search/"):
        screen.wait_for_load_state("networkidle")


def test_english_detector_finds_prose_and_spares_names() -> None:
    assert english_runs("Made with Material for MkDocs") and english_runs("404 - Not found")
    assert not english_runs("центр движения «Молодые профессионалы» (World Skills Russia), JSON · CSV · YAML")


def test_soft_hyphens_sit_between_syllables() -> None:
    text = hyphenation.hyphenate("Организация профориентационной работы")
    assert text.replace(hyphenation.SOFT_HYPHEN, "") == "Организация профориентационной работы"
    word = text.split()[1]
    parts = word.split(hyphenation.SOFT_HYPHEN)
    assert len(parts) > 3, "a long word gets several break points"
    assert all(re.search("[аеёиоуыэюя]", part) for part in parts), parts  # each part is a syllable or more
    assert text.split()[0] == "Организация" and text.split()[2] == "работы"  # short words stay whole


# What the tests below read off each page, gathered in one visit per page and width.
SEEN = f"""() => ({{
  scrollWidth: document.documentElement.scrollWidth,
  broken: ({BROKEN_WORDS})(),
  text: ({VISIBLE_TEXT})(),
  sections: document.querySelectorAll("article h2:not(.kb-result__title)").length,
  toc: [...document.querySelectorAll(
    "details.kb-toc, .md-sidebar--secondary nav.md-nav--secondary a.md-nav__link")].slice(0, 40)
    .some((el) => el.checkVisibility()),
  meta: Object.fromEntries([...document.querySelectorAll('meta[property^="og:"]')]
    .map((m) => [m.getAttribute("property"), m.content])),
  canonical: document.querySelectorAll("link[rel=canonical]").length > 0,
  breadcrumbs: [...document.querySelectorAll("nav.kb-breadcrumbs a")].slice(0, 1)
    .some((a) => a.checkVisibility()),
}})"""


@pytest.fixture(scope="module")
def seen(screen, host, pages) -> dict[str, dict]:
    """Every page type as it looks at this width."""
    views = {}
    for name, path in pages.items():
        visit(screen, host, path)
        views[name] = screen.evaluate(SEEN)
    return views


def test_no_page_scrolls_sideways_and_no_word_breaks_inside(screen, seen) -> None:
    wide = [f"{name}: {view['scrollWidth']}px" for name, view in seen.items() if view["scrollWidth"] > screen.width]
    broken = [
        f"{name}: {len(view['broken'])} words, e.g. {view['broken'][:5]}"
        for name, view in seen.items()
        if view["broken"]
    ]
    assert not wide, wide
    assert not broken, "\n".join(broken)


def test_graph_labels_are_at_least_12_px(screen, host, pages) -> None:
    small = []
    for name in ("plan", "agency", "collaboration"):
        visit(screen, host, pages[name])
        labels = screen.evaluate(GRAPH_LABELS)
        assert labels, f"{name}: no graph labels"
        small += [f"{name}: {label['size']:.1f}px" for label in labels if label["size"] < 12]
    assert not small, small


def test_reader_sees_no_english_prose(seen) -> None:
    found = [f"{name}: {run!r}" for name, view in seen.items() for run in english_runs(view["text"])]
    assert not found, "\n".join(found)


def test_long_pages_have_a_table_of_contents_a_phone_can_reach(screen, host, pages, seen) -> None:
    long_pages = [name for name, view in seen.items() if view["sections"] >= 4]
    missing = [
        f"{name}: {seen[name]['sections']} sections, no visible table of contents"
        for name in long_pages
        if not seen[name]["toc"]
    ]
    assert long_pages and not missing, missing
    if screen.width < 600:  # the page's own list: open it and follow a section
        for name in long_pages:
            visit(screen, host, pages[name])
            screen.locator("details.kb-toc summary").click()
            link = screen.locator("details.kb-toc a").nth(1)
            target = link.get_attribute("href")
            link.click()
            screen.wait_for_timeout(200)
            if not urllib.parse.unquote(screen.url).endswith(urllib.parse.unquote(target)):
                missing.append(f"{name}: the table of contents did not lead to {target}")
    assert not missing, missing


def test_every_page_can_be_shared(seen) -> None:
    bare = []
    for name, view in seen.items():
        meta = view["meta"]
        if not meta.get("og:title") or not meta.get("og:description") or meta.get("og:locale") != "ru_RU":
            bare.append(f"{name}: {meta}")
        if name != "404" and not view["canonical"]:
            bare.append(f"{name}: no canonical URL")
    assert not bare, bare


def test_a_measure_shared_in_a_messenger_says_what_it_is(screen, host, pages, catalog) -> None:
    visit(screen, host, pages["measure"])
    description = screen.locator('meta[property="og:description"]').get_attribute("content")
    plan = max(catalog.plans.values(), key=lambda p: len(p.measures))
    measure = max(plan.measures, key=lambda m: len(m.title))
    assert description.startswith(measure.number) and plan.region.name in description
    assert f"{plan.period[0]}–{plan.period[1]}" in description


def test_every_generated_page_shows_where_it_is(seen) -> None:
    generated = (
        "region",
        "plan",
        "measure",
        "agency",
        "kind",
        "topic",
        "regions",
        "plans",
        "agencies",
        "topics",
        "catalogue",
        "compare",
        "collaboration",
        "glossary",
    )
    assert [name for name in generated if not seen[name]["breadcrumbs"]] == []


def test_the_current_tab_is_marked(screen, host, pages) -> None:
    if screen.width < 1220:
        pytest.skip("the theme shows tabs on wide screens only")
    visit(screen, host, pages["plan"])
    current = screen.locator(".md-tabs__link[aria-current=page]")
    assert current.count() == 1 and current.inner_text().strip() == "Планы"
    assert current.evaluate("a => getComputedStyle(a).fontWeight") == "700"


def test_a_missing_page_offers_a_way_on(screen, host) -> None:
    visit(screen, host, "no-such-page/")
    assert screen.locator("h1").inner_text() == "Страница не найдена"
    screen.locator("article input[type=search]").fill("пробы")
    screen.locator("article button[type=submit]").click()
    screen.wait_for_url("**/search/?q=*")


def test_comparison_keeps_its_first_column_and_header_in_view(screen, host, pages) -> None:
    visit(screen, host, pages["compare"])
    wrap = screen.locator(".kb-table-wrap--sticky")
    first = screen.locator(".kb-compare tbody tr:first-child th")
    header = screen.locator(".kb-compare thead th:nth-child(2)")
    before = first.bounding_box()["x"]
    wrap.evaluate("w => { w.scrollLeft = w.scrollWidth; w.scrollTop = 300; }")
    screen.wait_for_timeout(100)
    assert abs(first.bounding_box()["x"] - before) < 1
    assert abs(header.bounding_box()["y"] - wrap.bounding_box()["y"]) < 2
    last = screen.locator(".kb-compare thead th:last-child").bounding_box()
    box = wrap.bounding_box()
    assert last["x"] + last["width"] <= box["x"] + box["width"] + 1, "the last column is reachable"


def test_columns_sort(screen, host, pages) -> None:
    visit(screen, host, pages["plans"])
    # The column of measure counts, wherever the table has it.
    n = screen.evaluate(
        "[...document.querySelectorAll('table[data-sortable] thead th')]"
        ".findIndex((th) => th.classList.contains('kb-num')) + 1"
    )
    button = screen.locator(f"table[data-sortable] thead th:nth-child({n}) button.kb-sort")
    cells = screen.locator(f"table[data-sortable] tbody td:nth-child({n})")
    button.click()
    counts = [int(t) for t in cells.all_inner_texts()]
    assert n > 0 and counts == sorted(counts)
    button.click()
    counts = [int(t) for t in cells.all_inner_texts()]
    assert counts == sorted(counts, reverse=True)
    assert screen.locator(f"table[data-sortable] thead th:nth-child({n})").get_attribute("aria-sort") == "descending"


def test_graph_node_shows_its_full_name_on_focus_or_tap(screen, host, pages, catalog) -> None:
    visit(screen, host, pages["agency"])
    node = screen.locator("figure.kb-graph .kb-graph__node:not(.kb-graph__node--focus)").first
    name = node.get_attribute("data-name")
    url = screen.url
    if screen.width < 600:
        node.tap()
        screen.wait_for_timeout(200)
        assert screen.url == url, "a first tap shows the name, it does not leave the page"
    else:
        node.focus()
    assert screen.locator("figure.kb-graph .kb-graph__current").inner_text() == name
    assert screen.locator("figure.kb-graph .kb-graph__legend").is_visible()
