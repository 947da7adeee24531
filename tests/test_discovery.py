"""Catalogue, comparison, similar measures and downloads, checked against the content."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import CONTENT, ROOT

from generator.site import export, similarity, urls
from generator.site.build import Links, Site
from generator.site.pages import glossary
from generator.site.pages import plans as plan_pages
from generator.site.render import Renderer


def soup_of(site: Path, src: str) -> BeautifulSoup:
    return BeautifulSoup((site / urls.page_url(src) / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_catalogue_lists_every_measure_with_its_facets(site: Path, catalog) -> None:
    rows = soup_of(site, urls.CATALOGUE).select("#kb-catalogue tbody tr")
    assert len(rows) == len(catalog.measures)
    for row, measure in zip(rows, catalog.measures):
        link = row.find_all("td")[2].find("a")
        text = link.get_text().replace("\u00ad", "")  # soft hyphens: break points a reader does not see
        assert text == measure.title.replace("\n", " ") or text == measure.title
        assert row["data-region"] == measure.plan.region.id
        assert row["data-topics"].split() == [t.id for t in measure.topics]
        assert row["data-audiences"].split() == [a.id for a in measure.audiences]
        assert [int(y) for y in row["data-years"].split()] == list(measure.timeframe.all_years)
        assert row["data-kinds"].split() == sorted({a.kind.id for a in measure.agencies})
    data = json.loads((site / urls.CATALOGUE_JSON).read_text(encoding="utf-8"))
    assert [r["u"] for r in data["rows"]] == [urls.page_url(urls.measure(m)) for m in catalog.measures]
    assert all((site / r["u"] / "index.html").is_file() for r in data["rows"])


def test_comparison_matrix_counts(site: Path, catalog) -> None:
    table = soup_of(site, urls.COMPARE).find("table")
    regions = list(catalog.regions.values())
    expected = Counter((t.id, m.plan.region.id) for m in catalog.measures for t in m.topics)
    body = table.find("tbody").find_all("tr")
    assert len(body) == len(catalog.topics)
    for tr, topic in zip(body, catalog.topics.values()):
        cells = tr.find_all(["th", "td"])
        assert cells[0].get_text(strip=True).replace("\u00ad", "") == topic.title
        for cell, region in zip(cells[1:], regions):
            count = expected[(topic.id, region.id)]
            if count:
                assert cell.get_text(strip=True) == str(count)
                assert cell.find("a")["href"].endswith(f"topics/{topic.id}/#{region.id}")
            else:
                assert cell.select_one(".kb-gap") is not None
        assert cells[-1].get_text(strip=True) == str(len(catalog.measures_by_topic[topic.id]))


def test_topic_page_names_regions_without_measures(site: Path, catalog) -> None:
    for topic in catalog.topics.values():
        present = {m.plan.region.id for m in catalog.measures_by_topic[topic.id]}
        gaps = soup_of(site, urls.topic(topic)).find(id="gaps").find_next(["ul", "p"])
        named = {a["href"].rstrip("/").split("/")[-1] for a in gaps.find_all("a")}
        assert named == set(catalog.regions) - present


def test_similar_measures_are_deterministic_and_from_other_plans(catalog) -> None:
    first = similarity.similar_measures(catalog)
    second = similarity.similar_measures(catalog)
    assert {k: [m.key for m in v] for k, v in first.items()} == {k: [m.key for m in v] for k, v in second.items()}
    with_similar = 0
    for measure in catalog.measures:
        found = first[measure.key]
        assert len(found) <= similarity.LIMIT
        assert all(other.plan is not measure.plan for other in found)
        with_similar += bool(found)
    assert with_similar > len(catalog.measures) * 0.8


def test_similar_measures_share_a_theme(catalog) -> None:
    similar = similarity.similar_measures(catalog)
    trials = [
        m
        for m in catalog.measures
        if "проб" in m.title.lower() and any(t.id == "professional-trials" for t in m.topics)
    ]
    assert trials
    for measure in trials:
        assert any("professional-trials" in {t.id for t in other.topics} for other in similar[measure.key])


def test_csv_download(site: Path, catalog) -> None:
    raw = (site / "data/measures.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw[3:].decode("utf-8"))))
    assert list(rows[0]) == [c.name for c in export.MEASURES.columns]
    assert len(rows) == len(catalog.measures)
    for row, measure in zip(rows, catalog.measures):
        assert (row["plan_id"], row["number"], row["title"], row["timeframe"]) == (
            measure.plan.id,
            measure.number,
            measure.title,
            measure.timeframe.text,
        )
        assert row["agency_ids"].split() == [a.id for a in measure.agencies]
    for plan in catalog.plans.values():
        plan_rows = list(
            csv.DictReader(io.StringIO((site / f"data/plans/{plan.id}.csv").read_bytes()[3:].decode("utf-8")))
        )
        assert len(plan_rows) == len(plan.measures)


def test_json_download_and_schema(site: Path, catalog) -> None:
    data = json.loads((site / "data/knowledge-base.json").read_text(encoding="utf-8"))
    assert [p["id"] for p in data["plans"]] == list(catalog.plans)
    assert sum(len(p["measures"]) for p in data["plans"]) == len(catalog.measures)
    schema = json.loads((site / "data/schemas/plan.schema.json").read_text(encoding="utf-8"))
    assert schema["title"] == "Career-guidance plan"
    data_page = soup_of(site, urls.DATA)
    documented = {code.get_text() for code in data_page.select("#columns-measures ~ table code")}
    assert documented >= {c.name for c in export.MEASURES.columns}


def test_plan_pages_link_downloads(site: Path, catalog) -> None:
    index_hrefs = {a["href"] for a in soup_of(site, urls.PLANS).select("article a[href]")}
    assert urls.href(urls.DATA, urls.PLANS) in {a["href"] for a in soup_of(site, urls.DATA).select("article a[href]")}
    assert urls.href(urls.PLANS, urls.DATA) in index_hrefs
    for plan in catalog.plans.values():
        for file in (
            f"data/plans/{plan.id}.json",
            f"data/plans/{plan.id}.csv",
            f"data/plans/{plan.id}.yaml",
            f"sources/{plan.id}.txt",
        ):
            assert urls.href(urls.PLANS, file) in index_hrefs
            assert (site / file).is_file()
        hrefs = {a["href"] for a in soup_of(site, urls.plan(plan)).select("article a[href]")}
        for ext in ("json", "csv", "yaml"):
            assert f"../../data/plans/{plan.id}.{ext}" in hrefs


def test_a_long_list_of_plans_is_split_into_pages(catalog, monkeypatch) -> None:
    """Regions add municipal plans and new versions: the plans list shows PLANS_PAGE plans a page."""
    monkeypatch.setattr(plan_pages, "PLANS_PAGE", 2)
    outputs = list(plan_pages.lists(Site(catalog, CONTENT, Renderer(), Links(), ROOT)))
    plans = list(catalog.plans.values())
    assert len(plans) > 2 and [o.src for o in outputs] == [urls.PLANS] + [
        urls.plans_page(n) for n in range(2, len(outputs) + 1)
    ]
    for n, output in enumerate(outputs):
        soup = BeautifulSoup(output.content, "html.parser")
        shown = [a["href"] for a in soup.select("tbody tr td:nth-of-type(2) a")]
        assert shown == [urls.href(output.src, urls.plan(p)) for p in plans[n * 2 : (n + 1) * 2]]
        pager = soup.select_one(".kb-pages")
        assert pager.select_one("strong").get_text() == str(n + 1)
        assert [a["href"] for a in pager.select("a")] == [
            urls.href(output.src, o.src) for o in outputs if o is not output
        ]
        assert f"{len(plans)} план" in soup.select_one("article p, p").get_text()


def test_a_long_glossary_is_split_into_pages(catalog, monkeypatch) -> None:
    """At 89 regions agencies' abbreviations make the glossary long: pages of GLOSSARY_PAGE entries."""
    monkeypatch.setattr(glossary, "GLOSSARY_PAGE", 10)
    site = Site(catalog, CONTENT, Renderer(), Links(), ROOT)
    entries = glossary.entries(site)
    outputs = list(glossary.pages(site))
    count = -(-len(entries) // 10)
    assert count > 1 and [o.src for o in outputs] == [urls.GLOSSARY] + [
        urls.glossary_page(n) for n in range(2, count + 1)
    ]
    for n, output in enumerate(outputs):
        soup = BeautifulSoup(output.content, "html.parser")
        assert [tr["id"] for tr in soup.select("tbody tr")] == [e["anchor"] for e in entries[n * 10 : (n + 1) * 10]]
        others = [a["href"] for a in soup.select(".kb-pages a")]
        assert others == [urls.href(output.src, o.src) for o in outputs if o is not output]
