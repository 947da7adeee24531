"""End-to-end: the built site in Debian's Chromium, as readers, teachers and keyboard users meet it."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import ROOT, build_site, minimal_plan, write_plan

from generator.site import urls

playwright_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None and os.environ.get("CI"):
    raise RuntimeError("CI must install Debian's chromium (.ci/run does)")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def server(site: Path) -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ru-RU")
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    yield page
    context.close()


def page_types(catalog) -> dict[str, str]:
    plan = next(iter(catalog.plans.values()))
    measure = plan.measures[0]
    agency = max(catalog.agencies.values(), key=lambda a: len(catalog.measures_by_agency[a.id]))
    return {
        "home": "",
        "region": urls.page_url(urls.region(plan.region)),
        "plan": urls.page_url(urls.plan(plan)),
        "measure": urls.page_url(urls.measure(measure)),
        "agency": urls.page_url(urls.agency(agency)),
        "topic": urls.page_url(urls.topic(next(iter(catalog.topics.values())))),
        "catalogue": urls.page_url(urls.CATALOGUE),
        "glossary": urls.page_url(urls.GLOSSARY),
        "data": urls.page_url(urls.DATA),
        "compare": urls.page_url(urls.COMPARE),
        "search": "search/?q=пробы",
        "collaboration": urls.page_url(urls.COLLABORATION),
        "deadlines": urls.page_url(urls.DEADLINES),
        "deadlines-year": urls.page_url(urls.deadlines_year(plan.period[0])),
    }


def test_every_page_type_is_accessible_and_error_free(page, server, catalog) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    problems = []
    for name, path in page_types(catalog).items():
        page.console_errors.clear()
        page.goto(server + path)
        if path.startswith("search/"):  # its results come after the page has loaded
            page.wait_for_load_state("networkidle")
        results = axe.run(page)
        serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
        for v in serious:
            problems.append(f"{name}: {v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}")
        for error in page.console_errors:
            problems.append(f"{name}: console error: {error}")
    assert not problems, "\n".join(problems)


def test_graph_nodes_are_reachable_by_keyboard(page, server, catalog) -> None:
    plan = next(iter(catalog.plans.values()))
    page.goto(server + urls.page_url(urls.plan(plan)))
    node_count = page.locator("figure.kb-graph svg a").count()
    assert node_count == len(plan.responsible_agencies)
    reached = set()
    for _ in range(400):
        page.keyboard.press("Tab")
        href = page.evaluate(
            "document.activeElement.closest('svg') ? document.activeElement.getAttribute('href') : null"
        )
        if href:
            reached.add(href)
        if len(reached) == node_count:
            break
    assert len(reached) == node_count
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/agencies/" in page.url


def test_catalogue_filters_live_in_the_url(page, server, catalog) -> None:
    topic = "professional-trials"
    expected = len(catalog.measures_by_topic[topic])
    page.goto(server + urls.page_url(urls.CATALOGUE))
    page.select_option("select[name=topic]", topic)
    counter = page.locator("#kb-count")
    counter.filter(has_text=f"из {len(catalog.measures)}").wait_for()
    assert counter.inner_text().startswith(f"{expected} ")
    assert page.locator("#kb-catalogue tbody tr").count() == expected
    assert f"topic={topic}" in page.url
    shared = page.url
    page.goto(server)
    page.goto(shared)
    page.locator("#kb-count").filter(has_text="из").wait_for()
    assert page.locator("#kb-catalogue tbody tr").count() == expected
    assert page.locator("select[name=topic]").input_value() == topic
    page.fill("#kb-filters input[name=q]", "zzzz-нет-такого")
    page.locator("#kb-count").filter(has_text="Ничего не найдено").wait_for()


def test_catalogue_without_javascript_is_the_whole_table(browser, server, catalog) -> None:
    context = browser.new_context(java_script_enabled=False)
    p = context.new_page()
    p.goto(server + urls.page_url(urls.CATALOGUE))
    assert p.locator("#kb-catalogue tbody tr").count() == len(catalog.measures)
    context.close()


def search(page, server: str, query: str) -> list[str]:
    """Run a query through the site's own search box; return result URLs, best first."""
    page.goto(server + "search/")
    page.fill("#kb-search-page-q", query)
    page.locator(".kb-result, .kb-search-count:not(:empty)").first.wait_for()
    page.wait_for_timeout(300)
    links = page.locator(".kb-result__link")
    return [links.nth(i).get_attribute("href") for i in range(links.count())]


def test_search_understands_russian_word_forms(page, server) -> None:
    results = [search(page, server, q) for q in ("пробы", "проб", "профессиональных проб")]
    assert results[0], "no results for 'пробы'"
    assert set(results[0][:5]) == set(results[1][:5])
    assert set(results[0][:3]) & set(results[2][:5])


def test_search_box_on_every_page(page, server) -> None:
    page.goto(server)
    page.fill("#kb-search-q", "родители")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=*")
    page.locator(".kb-result").first.wait_for()
    assert page.locator(".kb-result").count() > 0


def test_search_filters_live_in_the_url(page, server, catalog) -> None:
    page.goto(server + "search/?q=пробы")
    page.wait_for_load_state("networkidle")
    page.locator(".kb-result").first.wait_for()
    everything = page.locator(".kb-results > li").count()
    region = catalog.regions["irkutsk"].name
    page.click(".kb-filters-toggle")  # the filters' data loads when the reader opens them
    box = page.locator(f"input[name='Регион'][value='{region}']")
    box.wait_for(state="attached", timeout=60000)
    box.evaluate("box => { box.closest('details').open = true; }")
    box.check()
    page.wait_for_function(f"document.querySelectorAll('.kb-results > li').length < {everything}")
    filtered = page.locator(".kb-results > li").count()
    assert "f=" in page.url
    shared = page.url
    page.goto(server)
    page.goto(shared)
    page.wait_for_load_state("networkidle")
    page.wait_for_function(f"document.querySelectorAll('.kb-results > li').length === {filtered}")
    page.click(".kb-filters-toggle")
    page.locator(".kb-filter input:checked").first.wait_for()
    assert page.locator(".kb-filter input:checked").count() == 1


def test_results_below_a_phone_screen_fetch_their_text_when_scrolled_to(browser, server) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 700}, is_mobile=True, locale="ru-RU")
    page = context.new_page()
    fragments = []
    page.on("request", lambda r: "/pagefind/fragment/" in r.url and fragments.append(r.url))
    page.goto(server + "search/?q=профориентация")
    page.locator(".kb-result").first.wait_for()
    page.wait_for_load_state("networkidle")
    placed = page.locator(".kb-results > li").count()
    assert placed == 10
    assert 0 < len(fragments) < placed
    page.locator(".kb-results > li").last.scroll_into_view_if_needed()
    page.wait_for_function("document.querySelectorAll('.kb-results > li.kb-result').length === 10")
    assert len(fragments) == placed
    context.close()


def test_a_word_of_one_or_two_letters_is_searched_once_the_reader_pauses(page, server) -> None:
    """While typing, «п» would be searched as the start of thousands of words: it waits for a pause
    (search.js PAUSE_MS), the words before it are searched at once."""
    page.goto(server + "search/")
    page.evaluate("""() => {
        window.kbStates = [];
        const replace = history.replaceState.bind(history);
        history.replaceState = (s, t, url) => { kbStates.push([performance.now(), String(url)]); replace(s, t, url); };
    }""")
    field = page.locator("#kb-search-page-q")
    field.fill("родители")
    page.wait_for_function("kbStates.length > 0")
    field.press_sequentially(" п")
    typed = page.evaluate("performance.now()")
    page.wait_for_function("new URLSearchParams(location.search).get('q') === 'родители п'")
    states = [(at, parse_qs(urlsplit(url).query).get("q", [""])[0]) for at, url in page.evaluate("kbStates")]
    whole = next(at for at, q in states if q == "родители п")
    assert whole - typed >= 500
    assert "родители" in [q for at, q in states if typed <= at < whole]  # searched meanwhile


def test_a_question_without_result_is_not_a_dead_end(page, server) -> None:
    page.goto(server + "search/?q=" + "как помочь ребёнку выбрать профессию")
    page.wait_for_load_state("networkidle")
    page.locator(".kb-result").first.wait_for()
    page.goto(server + "search/?q=" + "щщщщщщ")
    page.wait_for_load_state("networkidle")
    page.locator(".kb-search-help a").first.wait_for()
    assert page.locator(".kb-search-help a[href$='topics/']").count() == 1


def _catalogue_count(page, server: str, query: str) -> int:
    page.goto(server + urls.page_url(urls.CATALOGUE) + "?" + query)
    page.wait_for_load_state("networkidle")
    counter = page.locator("#kb-count")
    counter.filter(has_text="из").wait_for()
    return int(counter.inner_text().split()[0])


def test_catalogue_text_reads_word_forms_and_vocabulary(page, server, catalog) -> None:
    from urllib.parse import quote

    def count(q: str) -> int:
        return _catalogue_count(page, server, "q=" + quote(q))

    trials = sum("проб" in m.title.lower() for m in catalog.measures)
    assert count("пробы") == count("проб") == count("профессиональная проба") >= trials
    parents = sum("родител" in m.title.lower() for m in catalog.measures)
    assert count("родители") == count("родителей") >= parents > 0
    kemerovo = sum(len(p.measures) for p in catalog.plans_by_region["kemerovo"])
    assert count("Кузбасс") == count("кемеровская область") == kemerovo
    colleges = count("СПО")
    assert colleges > 0 and colleges == count("колледж")
    assert count("zzzz-нет-такого") == 0
    assert not page.console_errors


def test_catalogue_options_show_counts_and_zero_is_never_a_dead_end(page, server, catalog) -> None:
    page.goto(server + urls.page_url(urls.CATALOGUE) + "?topic=parents")
    page.wait_for_load_state("networkidle")
    page.locator("#kb-count").filter(has_text="из").wait_for()
    for region in catalog.regions.values():
        expected = sum(1 for m in catalog.measures_by_topic["parents"] if m.plan.region.id == region.id)
        option = page.locator(f"select[name=region] option[value='{region.id}']")
        assert option.inner_text() == f"{region.name} ({expected})"
        assert option.is_disabled() == (expected == 0)
    empty = next(
        r
        for r in catalog.regions.values()
        if not any(m.plan.region.id == r.id for m in catalog.measures_by_topic["parents"])
    )
    page.goto(server + urls.page_url(urls.CATALOGUE) + f"?topic=parents&region={empty.id}")
    page.wait_for_load_state("networkidle")
    page.locator("#kb-count").filter(has_text="Ничего не найдено").wait_for()
    nearest = page.locator("#kb-nearest button")
    assert "без фильтра" in nearest.inner_text()
    nearest.click()
    page.locator("#kb-count").filter(has_text="из").wait_for()
    assert int(page.locator("#kb-count").inner_text().split()[0]) > 0


def test_deadlines_filtered_by_region_and_topic_on_a_phone(browser, server, catalog) -> None:
    """A school head on a phone: this year's measures of one region on one topic, a link to share."""
    year = max(
        range(2018, 2031), key=lambda y: len({m.plan.region.id for m in catalog.measures if y in m.timeframe.all_years})
    )
    covering = [m for m in catalog.measures if year in m.timeframe.all_years]
    region, topic = max(
        ((m.plan.region.id, t.id) for m in covering for t in m.topics),
        key=lambda rt: sum(m.plan.region.id == rt[0] and rt[1] in [t.id for t in m.topics] for m in covering),
    )
    expected = [m for m in covering if m.plan.region.id == region and topic in [t.id for t in m.topics]]
    assert 0 < len(expected) < len(covering)
    context = browser.new_context(viewport={"width": 375, "height": 800}, is_mobile=True, locale="ru-RU")
    phone = context.new_page()
    phone.goto(server + urls.page_url(urls.deadlines_year(year)))
    phone.wait_for_load_state("networkidle")
    phone.select_option("#kb-due-filters select[name=region]", region)
    phone.select_option("#kb-due-filters select[name=topic]", topic)
    counter = phone.locator("#kb-due-count")
    counter.filter(has_text=f"из {len(covering)}").wait_for()
    assert counter.inner_text().startswith(f"{len(expected)} ")
    shown = phone.locator("tr[data-region]:visible a.kb-due-title")
    hrefs = sorted(shown.nth(i).get_attribute("href") for i in range(shown.count()))
    assert hrefs == sorted(urls.href(urls.deadlines_year(year), urls.measure(m)) for m in expected)
    assert f"region={region}" in phone.url and f"topic={topic}" in phone.url
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    phone.goto(phone.url)
    phone.wait_for_load_state("networkidle")
    assert phone.locator("tr[data-region]:visible").count() == len(expected)
    context.close()


HOSTILE = '<img src=x onerror="window.kbHostile=1">'


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A site whose measure title and topic title (a vocabulary file) carry markup."""
    root = tmp_path_factory.mktemp("hostile-search")
    for name in ("docs", "overrides", "content"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    plan = minimal_plan()
    plan["sections"][0]["measures"][0]["title"] = HOSTILE + "Трамплинология на заводе ⟪ <b>жирно</b>"
    write_plan(root / "content", plan)
    topics = root / "content" / "topics.yaml"
    text = topics.read_text(encoding="utf-8")
    topics.write_text(
        text.replace("title: Профессиональные пробы", f"title: '{HOSTILE}Профессиональные пробы'", 1), encoding="utf-8"
    )
    result = build_site(root / "mkdocs.yml", root / "site")
    assert result.returncode == 0, result.stderr
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root / "site"))
    )
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


def test_search_shows_text_from_the_index_as_text(page, hostile_server) -> None:
    page.goto(hostile_server + "search/?q=трамплинология")
    page.locator(".kb-result").first.wait_for()
    page.click(".kb-filters-toggle")
    page.locator(".kb-filter").first.wait_for()
    page.evaluate("document.querySelectorAll('.kb-filter').forEach((d) => { d.open = true; })")
    assert page.evaluate("window.kbHostile") is None
    assert page.locator(".kb-results img, .kb-results b, .kb-filter-panel img").count() == 0
    titles = page.locator(".kb-result__link").all_inner_texts()
    assert any(HOSTILE + "Трамплинология на заводе ⟪ <b>жирно</b>" in t for t in titles), titles
    labels = page.locator(".kb-filter label").all_inner_texts()
    assert any(HOSTILE + "Профессиональные пробы" in label for label in labels), labels
