"""The real site, built by MkDocs from the real content, as a reader gets it."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, build_site, minimal_plan, write_plan
from mkdocs.utils.yaml import get_yaml_loader

from generator.site import graphs, urls


def page(site: Path, src: str) -> BeautifulSoup:
    path = site / urls.page_url(src) / "index.html" if src.endswith(".md") else site / src
    assert path.is_file(), f"missing page {path}"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def article_text(soup: BeautifulSoup) -> str:
    return " ".join(soup.select_one("article").get_text(" ").split())


def test_a_page_for_everything(site: Path, catalog) -> None:
    for region in catalog.regions.values():
        assert region.name in article_text(page(site, urls.region(region)))
    for plan in catalog.plans.values():
        assert plan.title.split()[0] in article_text(page(site, urls.plan(plan)))
        for measure in plan.measures:
            text = article_text(page(site, urls.measure(measure)))
            assert measure.number in text and measure.timeframe.text.split()[0] in text
    for agency in catalog.agencies.values():
        assert " ".join(agency.name.split()) in article_text(page(site, urls.agency(agency)))
    for topic in catalog.topics.values():
        assert topic.title in article_text(page(site, urls.topic(topic)))
    for kind in catalog.kinds.values():
        if not catalog.agencies_by_kind[kind.id]:  # no page that lists nothing
            assert not (site / urls.page_url(urls.agency_kind(kind))).exists()
            continue
        links = {a["href"] for a in page(site, urls.agency_kind(kind)).select("article td a")}
        assert links == {urls.href(urls.agency_kind(kind), urls.agency(a)) for a in catalog.agencies_by_kind[kind.id]}
    for src in (urls.REGIONS, urls.PLANS, urls.AGENCIES, urls.TOPICS, urls.GLOSSARY, urls.COLLABORATION):
        page(site, src)


def test_agency_page_lists_every_partner_its_graph_draws(site: Path, catalog) -> None:
    """The table under an agency's graph is its text alternative: the same partners, strongest first."""
    busiest = max(catalog.agencies.values(), key=lambda a: len(graphs.partners(catalog, a)))
    partners = graphs.partners(catalog, busiest)
    ego = graphs.ego_graph(catalog, busiest)
    soup = page(site, urls.agency(busiest))
    rows = soup.select("#collaborators ~ table tbody tr")
    assert len(rows) == len(partners) > graphs.EGO_PARTNERS  # the table goes on past the drawing
    weights = [int(row.select("td")[1].get_text()) for row in rows]
    assert weights == sorted(weights, reverse=True)
    assert len(soup.select("svg .kb-graph__node")) == ego.number_of_nodes() == graphs.EGO_PARTNERS + 1
    assert f"{len(rows)} исполнител" in soup.select_one("svg desc").get_text()
    assert soup.select_one("svg .kb-graph__node--focus circle")["cx"] == str(graphs.WIDTH / 2)


def test_generated_pages_have_a_table_of_contents(site: Path, catalog) -> None:
    """Generated pages skip Python-Markdown; their "On this page" list is read from their headings."""
    for plan in catalog.plans.values():
        soup = page(site, urls.plan(plan))
        headings = [h["id"] for h in soup.select("article h2")]
        toc = [a["href"] for a in soup.select("nav.md-nav--secondary > ul > li > a")]
        assert headings and toc == [f"#{id_}" for id_ in headings]
        sections = [h["id"] for h in soup.select("article h3")]
        assert {f"#{id_}" for id_ in sections} <= {a["href"] for a in soup.select("nav.md-nav--secondary a")}
        assert soup.title.get_text().startswith(plan.short_title)


def test_index_pages_count_rather_than_list(site: Path, catalog) -> None:
    """At 89 regions a list of every agency would be one huge page: the index links to smaller ones."""
    index = page(site, urls.AGENCIES)
    agency_hrefs = {urls.href(urls.AGENCIES, urls.agency(a)) for a in catalog.agencies.values()}
    assert not agency_hrefs & {a["href"] for a in index.select("article a")}
    rows = {tr.td.get_text(strip=True): tr.find_all("td")[-1].get_text(strip=True) for tr in index.select("tbody tr")}
    for kind in catalog.kinds.values():
        if catalog.agencies_by_kind[kind.id]:
            assert rows[kind.title] == str(len(catalog.agencies_by_kind[kind.id]))
        else:  # named, not linked: its page would list nothing
            assert kind.title not in rows and f"«{kind.title}»" in index.select_one("article").get_text()
    for region in catalog.regions.values():
        assert rows[region.name] == str(len(catalog.agencies_by_region[region.id]))


def test_measure_page_shows_every_field(site: Path, catalog) -> None:
    for measure in catalog.measures:
        soup = page(site, urls.measure(measure))
        text = article_text(soup)
        hrefs = {a["href"] for a in soup.select("article a[href]")}
        for r in measure.responsible:
            assert urls.href(urls.measure(measure), urls.agency(r.agency)) in hrefs
            if r.by_agreement:
                assert "(по согласованию)" in text
        for topic in measure.topics:
            assert urls.href(urls.measure(measure), urls.topic(topic)) in hrefs
        for field in (measure.result, measure.document):
            if field:
                assert " ".join(field.split()) in text
        assert f"#L{measure.line}" in " ".join(hrefs)


def test_no_build_warnings(tmp_path: Path) -> None:
    result = build_site(ROOT / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 0
    assert "WARNING" not in result.stderr, result.stderr


SITE_PATH = urlsplit(
    yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=get_yaml_loader())["site_url"]
).path


def internal_targets(site: Path):
    """Every internal link of every HTML page: (page, target file, fragment)."""
    for html in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for a in soup.find_all("a", href=True):
            href = a["href"]
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
                continue
            path = unquote(parts.path)
            if path.startswith("/"):  # absolute links (404.html) are relative to site_url
                assert path.startswith(SITE_PATH), href
                target = (site / path[len(SITE_PATH) :]).resolve()
            else:
                target = (html.parent / path).resolve() if path else html
            if target.is_dir():
                target = target / "index.html"
            yield html, target, unquote(parts.fragment)


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    ids: dict[Path, set[str]] = {}
    broken = []
    checked = 0
    for html, target, fragment in internal_targets(site):
        checked += 1
        if not target.exists():
            broken.append(f"{html.relative_to(site)} → {target}")
            continue
        if fragment and target.suffix == ".html":
            if target not in ids:
                soup = BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")
                ids[target] = {tag["id"] for tag in soup.find_all(id=True)}
            if fragment not in ids[target]:
                broken.append(f"{html.relative_to(site)} → {target.relative_to(site)}#{fragment}")
    assert checked > 1000
    assert not broken, "\n".join(broken[:50])


def test_plan_graph_links_every_agency(site: Path, catalog) -> None:
    for plan in catalog.plans.values():
        soup = page(site, urls.plan(plan))
        svg = soup.select_one("figure.kb-graph svg")
        assert svg is not None and svg.find("title").get_text().startswith("Граф взаимодействия")
        hrefs = sorted(a["href"] for a in svg.find_all("a"))
        expected = sorted(urls.href(urls.plan(plan), urls.agency(a)) for a in plan.responsible_agencies)
        assert hrefs == expected


def test_edit_link_opens_the_yaml_file(site: Path, catalog) -> None:
    measure = catalog.measures[0]
    soup = page(site, urls.measure(measure))
    edit = soup.select_one("a.md-content__button[href*='/edit/']")
    assert edit is not None
    assert edit["href"].endswith(f"/edit/main/content/plans/{measure.plan.id}.yaml")


def test_a_fork_publishes_with_its_own_addresses(tmp_path: Path, catalog) -> None:
    """The publishing workflow sets where the site and its repository are: every link follows."""
    repo, site_url = "https://example.org/someone/kb-fork", "https://someone.example.org/kb/"
    result = build_site(
        ROOT / "mkdocs.yml", tmp_path / "site", KB_REPO_URL=repo, KB_SITE_URL=site_url, KB_REPO_NAME="someone/kb-fork"
    )
    assert result.returncode == 0, result.stderr
    measure = catalog.measures[0]
    soup = page(tmp_path / "site", urls.measure(measure))
    edit = soup.select_one("a.md-content__button[href*='/edit/']")
    assert edit["href"] == f"{repo}/edit/main/content/plans/{measure.plan.id}.yaml"
    assert (
        soup.select_one("a.kb-edit, .kb-edit a")["href"]
        == f"{repo}/blob/main/content/plans/{measure.plan.id}.yaml#L{measure.line}"
    )
    assert soup.select_one("a.md-source")["href"] == repo
    assert "someone/kb-fork" in soup.select_one(".md-source__repository").get_text()
    assert soup.select_one("link[rel=canonical]")["href"] == site_url + urls.page_url(urls.measure(measure))


def test_source_text_is_published(site: Path, catalog) -> None:
    for plan in catalog.plans.values():
        published = site / "sources" / f"{plan.id}.txt"
        assert published.read_bytes() == (ROOT / "content" / plan.source_file).read_bytes()


HOSTILE = {
    "title": "{{ config }} <script>alert('x')</script> {% include 'base.html' %}",
    "measure": "[click](javascript:alert(1)) <img src=x onerror=alert(1)> **bold** " + "очень " * 700,
    "narrative": "<iframe src='https://example.com'></iframe>\n\n{{ 7*7 }}",
}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    for name in ("docs", "overrides", "content"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    plan = minimal_plan(
        title=HOSTILE["title"], narrative=[{"id": "text", "title": "Текст", "text": HOSTILE["narrative"]}]
    )
    plan["sections"][0]["measures"][0]["title"] = HOSTILE["measure"]
    write_plan(root / "content", plan)
    result = build_site(root / "mkdocs.yml", root / "site")
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_hostile_text_is_shown_as_text(hostile_site: Path) -> None:
    plan_page = (hostile_site / "plans/smolensk-2099/index.html").read_text(encoding="utf-8")
    measure_page = (hostile_site / "plans/smolensk-2099/1-1/index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(plan_page, "html.parser")
    assert HOSTILE["title"] in soup.find("h1").get_text()
    assert "{{ 7*7 }}" in article_text(soup) and "49" not in article_text(soup)
    for html in (plan_page, measure_page):
        dom = BeautifulSoup(html, "html.parser")
        assert not [s for s in dom.find_all("script") if "alert" in s.get_text()]
        assert not dom.find_all(attrs={"onerror": True}) and not dom.find_all("iframe")
        assert not [a for a in dom.find_all("a", href=True) if a["href"].startswith("javascript:")]
        assert "<img src=x" not in html and "<script>alert" not in html.split("<title>")[0]
    measure = BeautifulSoup(measure_page, "html.parser")
    assert "[click](javascript:alert(1)) <img src=x onerror=alert(1)> **bold**" in measure.find("h1").get_text()
    assert measure.find("article").find("img") is None and measure.find("article").find("strong") is None


def test_a_templates_dir_overrides_a_page_template(tmp_path: Path, catalog) -> None:
    """A deployment changes one page's layout in its own folder (plugin option templates_dir).

    Its template may be written with the macros that came before the filters (`ui.front`)."""
    for name in ("docs", "overrides", "content"):
        shutil.copytree(ROOT / name, tmp_path / name)
    (tmp_path / "templates").mkdir()
    region = (ROOT / "generator/site/templates/region.html.j2").read_text(encoding="utf-8")
    front = '{{ region.name|front_matter(region.name ~ ": планы по профориентации", kb_type="регион") }}'
    assert front in region and "{{ terms|search_terms }}" in region
    region = region.replace(
        front,
        '{% import "_macros.j2" as ui with context %}\n'
        '{{ ui.front(region.name, region.name ~ ": планы по профориентации", kb_type="регион") }}',
    )
    region = region.replace("{{ terms|search_terms }}", "{{ ui.search_terms(terms) }}")
    (tmp_path / "templates/region-custom.html.j2").write_text(
        region + '<p id="local-note">Региональная вставка</p>\n', encoding="utf-8"
    )
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        config.replace("content_dir: content", "content_dir: content\n      templates_dir: templates"), encoding="utf-8"
    )
    result = build_site(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    for region in catalog.regions.values():
        soup = page(tmp_path / "site", urls.region(region))
        assert soup.select_one("article #local-note").get_text() == "Региональная вставка"
        assert region.name in soup.find("h1").get_text()
        assert soup.title.get_text().startswith(region.name + " - ")
        assert soup.find("meta", attrs={"name": "description"})["content"] == region.name + ": планы по профориентации"
        assert soup.select_one("article [data-kb-terms]")["data-pagefind-index-attrs"] == "data-kb-terms"
    assert page(tmp_path / "site", urls.PLANS).select_one("#local-note") is None


def test_hand_written_pages_use_macros(site: Path, catalog) -> None:
    text = article_text(page(site, "index.md"))
    assert f"{len(catalog.measures)} мероприятий" in text
    assert re.search(r"\{\{|\{%", text) is None


def test_what_pagefind_reads_is_the_indexed_text_of_each_page(site: Path, catalog) -> None:
    """The extract handed to Pagefind drops only what it would skip (tables of other pages, graphs)."""
    from generator.mkdocs.pagefind import _BODY, without_ignored

    for page in (site / "index.html", site / "agencies" / next(iter(catalog.agencies)) / "index.html"):
        html = page.read_text(encoding="utf-8")
        body = html[html.find(_BODY) : html.find("</article>")]
        kept = BeautifulSoup(without_ignored(body), "html.parser")
        whole = BeautifulSoup(body, "html.parser")
        for ignored in whole.select("[data-pagefind-ignore]"):
            ignored.decompose()
        assert kept.get_text().split() == whole.get_text().split()
        assert not kept.select("[data-pagefind-ignore]")


def test_the_search_index_holds_every_page_that_offers_its_text(site: Path) -> None:
    """Pagefind starts while the pages it does not read are still written: none it reads may be missed."""
    offered = sum("<div data-pagefind-body" in p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert offered > 200
    assert sum(lang["page_count"] for lang in entry["languages"].values()) == offered
