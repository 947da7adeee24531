"""«Сроки»: plan status as of a fixed date, what each year lists, the calendars, as a reader gets them."""

from __future__ import annotations

import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import CONTENT, ROOT, build_site
from icalendar import Calendar

from generator.site import dating, status, urls
from generator.site.build import Links, Site
from generator.site.pages import deadlines
from generator.site.render import Renderer

# 01.03.2025: Smolensk, Irkutsk and Perm plans (to 2024) have ended, Kemerovo and Leningrad run on.
AS_OF = date(2025, 3, 1)
NO_DATE = ("as-planned", "on-request")


def soup_of(site: Path, src: str) -> BeautifulSoup:
    path = site / urls.page_url(src) / "index.html" if src.endswith(".md") else site / src
    assert path.is_file(), f"missing {path}"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def text_of(soup: BeautifulSoup) -> str:
    return " ".join(soup.select_one("article").get_text(" ").split())


@pytest.fixture(scope="module")
def dated_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site built as of AS_OF."""
    site_dir = tmp_path_factory.mktemp("dated-site")
    epoch = int(datetime(AS_OF.year, AS_OF.month, AS_OF.day, tzinfo=UTC).timestamp())
    result = build_site(ROOT / "mkdocs.yml", site_dir, SOURCE_DATE_EPOCH=str(epoch))
    assert result.returncode == 0, result.stderr
    return site_dir


def expected_status(plan) -> str:
    start, end = plan.period
    return "ещё не начат" if AS_OF.year < start else "завершён" if AS_OF.year > end else "в действии"


def test_each_plan_shows_its_status_as_of_the_build_date(dated_site: Path, catalog) -> None:
    shown = {}
    for plan in catalog.plans.values():
        line = soup_of(dated_site, urls.plan(plan)).select_one(".kb-status")
        shown[plan.id] = line.select_one("strong").get_text()
        assert "по состоянию на 01.03.2025" in line.get_text()
        region = text_of(soup_of(dated_site, urls.region(plan.region)))
        assert f"{plan.period[0]}–{plan.period[1]} {shown[plan.id]}" in region and "01.03.2025" in region
    assert shown == {p.id: expected_status(p) for p in catalog.plans.values()}
    assert {"завершён", "в действии"} <= set(shown.values())

    rows = soup_of(dated_site, urls.PLANS).select("article tbody tr")
    assert {r.select("td")[1].get_text().replace("\u00ad", ""): r.select("td")[4].get_text() for r in rows} == {
        p.title: shown[p.id] for p in catalog.plans.values()
    }
    home = text_of(soup_of(dated_site, urls.HOME))
    ended = sum(s == "завершён" for s in shown.values())
    assert "По состоянию на 01.03.2025: " in home and f"{ended} плана завершены" in home
    for plan in catalog.plans.values():
        assert f"план {plan.period[0]}–{plan.period[1]} ({shown[plan.id]})" in home


def test_the_status_rule_at_the_edges_of_a_period() -> None:
    assert status.status((2021, 2024), date(2020, 12, 31)) == status.UPCOMING
    assert status.status((2021, 2024), date(2021, 1, 1)) == status.ACTIVE
    assert status.status((2021, 2024), date(2024, 12, 31)) == status.ACTIVE
    assert status.status((2021, 2024), date(2025, 1, 1)) == status.ENDED


def test_as_of_is_the_last_commit_unless_the_build_says() -> None:
    commit = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=False)
    if commit.returncode != 0:
        pytest.skip("not a git checkout")
    day = datetime.fromtimestamp(int(commit.stdout), tz=UTC).date()
    assert status.as_of(ROOT, CONTENT, {}).date == day
    assert status.as_of(ROOT, CONTENT, {"SOURCE_DATE_EPOCH": "1700000000"}).date == date(2023, 11, 14)


def listed(soup: BeautifulSoup, selector: str = "tr[data-region]") -> list[str]:
    """The measure pages the rows link to, in order (the page's own relative links)."""
    return [row.select_one("a.kb-due-title")["href"] for row in soup.select(selector)]


def test_every_year_lists_exactly_the_measures_its_timeframes_cover(site: Path, catalog) -> None:
    years = sorted({y for p in catalog.plans.values() for y in range(p.period[0], p.period[1] + 1)})
    index = soup_of(site, urls.DEADLINES)
    index_rows = {r.select_one("td a").get_text(): r for r in index.select("#years ~ div table tbody tr")}
    for year in years:
        covering = [m for m in catalog.measures if year in m.timeframe.all_years]
        src = urls.deadlines_year(year)
        if not covering:
            assert not (site / urls.page_url(src)).exists()
            continue
        soup = soup_of(site, src)
        hrefs = listed(soup)
        assert sorted(hrefs) == sorted(urls.href(src, urls.measure(m)) for m in covering), year
        assert len(hrefs) == len(set(hrefs)), f"{year}: a measure listed twice"
        by_href = {urls.href(src, urls.measure(m)): m for m in covering}
        for kind, belongs in (
            ("fixed", lambda tf: tf.recurrence in (None, "once")),
            ("recurring", lambda tf: tf.recurrence in dating.RECURRENCES),
            ("undatable", lambda tf: tf.recurrence in NO_DATE),
        ):
            group = listed(soup, f"[data-kb-group={kind}] tr[data-region]")
            assert all(belongs(by_href[h].timeframe) for h in group), (year, kind)
            count = soup.select_one(f"[data-kb-group={kind}] [data-kb-count]").get_text()
            assert count.startswith(f"{len(group)} мероприят")
            cells = [td.get_text() for td in index_rows[str(year)].select("td")]
            assert cells[1 + list(dating.KIND_TITLES).index(kind)] == str(len(group))
        assert soup.select_one("#kb-due-count").get_text().startswith(f"{len(covering)} ")


def test_a_quarter_or_month_the_plan_names_is_where_a_measure_is_listed(site: Path, catalog) -> None:
    named = [
        m for m in catalog.measures if m.timeframe.recurrence == "once" and (m.timeframe.months or m.timeframe.quarters)
    ]
    assert named
    for m in named:
        year = m.timeframe.all_years[0]
        soup = soup_of(site, urls.deadlines_year(year))
        href = urls.href(urls.deadlines_year(year), urls.measure(m))
        part = next(p for p in soup.select("[data-kb-group=fixed] [data-kb-part]") if href in listed(p))
        heading = part.select_one("h3").get_text().replace("¶", "").lower()
        if m.timeframe.months:
            assert timeframe_month(m.timeframe.months[0]) in heading
        else:
            assert "квартал" in heading and ["I", "II", "III", "IV"][m.timeframe.quarters[0] - 1] in heading.upper()


def timeframe_month(n: int) -> str:
    from generator.content.timeframes import MONTH_NAMES

    return MONTH_NAMES[n - 1]


def test_a_plan_timeline_shows_each_measure_once_with_its_parsed_period(site: Path, catalog) -> None:
    from generator.content.timeframes import describe

    for plan in catalog.plans.values():
        soup = soup_of(site, urls.plan(plan))
        rows = soup.select("table.kb-timeline tbody tr:has(td)")
        assert [r.select("td")[1].a["href"] for r in rows].count(
            urls.href(urls.plan(plan), urls.measure(plan.measures[0]))
        ) == 1
        assert len(rows) == len(plan.measures)
        understood = {r.select("td")[1].a["href"]: r.select("td")[2].get_text() for r in rows}
        assert understood == {
            urls.href(urls.plan(plan), urls.measure(m)): describe(m.timeframe).strip() for m in plan.measures
        }
        assert urls.href(urls.plan(plan), urls.plan_calendar(plan)) in {a["href"] for a in soup.select("article a")}


def dated_measures(measures) -> list:
    """Measures a date can be given: some year, and not "по плану" or "по запросу"."""
    return [m for m in measures if m.timeframe.all_years and m.timeframe.recurrence not in NO_DATE]


def events(path: Path) -> list:
    return list(Calendar.from_ical(path.read_bytes()).walk("VEVENT"))


def test_every_calendar_has_one_event_per_dated_measure(site: Path, catalog) -> None:
    for plan in catalog.plans.values():
        found = events(site / urls.plan_calendar(plan))
        dated = dated_measures(plan.measures)
        assert len(dated) < len(plan.measures) or plan.id != "smolensk-2020"
        assert [str(e["uid"]).split("@")[0] for e in found] == [f"{plan.id}.{m.id}" for m in dated]
        for e, m in zip(found, dated):
            start, end = e["dtstart"].dt, e["dtend"].dt
            assert type(start) is date and type(end) is date and start < end  # all-day
            assert start.year == m.timeframe.all_years[0]
            assert str(e["url"]).endswith("/" + urls.page_url(urls.measure(m)))
            assert m.title in str(e["summary"]) and m.timeframe.text in str(e["description"])
            assert m.lead.name in str(e["description"])
            several = len(m.timeframe.all_years) > 1
            if m.timeframe.recurrence == "annual" and several:
                assert "rrule" in e or "rdate" in e
                if "rrule" in e:
                    assert e["rrule"]["FREQ"] == ["YEARLY"] and e["rrule"]["COUNT"] == [len(m.timeframe.all_years)]
            if not several:
                assert "rrule" not in e and end.year <= start.year + 1
    for region in catalog.regions.values():
        plans = catalog.plans_by_region[region.id]
        if plans:
            found = events(site / urls.region_calendar(region))
            assert len(found) == len(dated_measures([m for p in plans for m in p.measures]))


def test_calendars_carry_the_as_of_date_and_no_build_time(site: Path, dated_site: Path, catalog) -> None:
    plan = next(iter(catalog.plans.values()))
    for built, day in ((site, date(2023, 11, 14)), (dated_site, AS_OF)):
        text = (built / urls.plan_calendar(plan)).read_text(encoding="utf-8")
        stamps = {str(e["dtstamp"].dt) for e in events(built / urls.plan_calendar(plan))}
        assert stamps == {f"{day} 00:00:00+00:00"}
        assert "CREATED" not in text and "LAST-MODIFIED" not in text


def test_calendars_are_deterministic(catalog) -> None:
    regions = [r for r in catalog.regions.values() if catalog.plans_by_region[r.id]]
    first, second = (
        {
            o.src: o.content
            for o in deadlines.calendar_files(
                Site(catalog, CONTENT, Renderer(), Links(site_url="https://example.org/kb/"), ROOT, status.AsOf(AS_OF)),
                regions,
            )
        }
        for _ in range(2)
    )
    assert first == second and len(first) == len(catalog.plans) + len(regions)
    assert all(b"@example.org" in content and b"https://example.org/kb/plans/" in content for content in first.values())


def test_calendars_are_linked_from_the_data_and_deadlines_pages(site: Path, catalog) -> None:
    data = {a["href"] for a in soup_of(site, urls.DATA).select("article a")}
    assert urls.href(urls.DATA, urls.DEADLINES) + "#calendars" in data
    hrefs = {a["href"] for a in soup_of(site, urls.DEADLINES).select("#calendars ~ div a")}
    for plan in catalog.plans.values():
        assert urls.href(urls.DEADLINES, urls.plan_calendar(plan)) in hrefs
        assert urls.href(urls.DEADLINES, urls.region_calendar(plan.region)) in hrefs
    nav = [a.get_text(" ", strip=True) for a in soup_of(site, urls.HOME).select(".md-tabs a")]
    assert "Сроки" in nav


def test_a_long_year_is_split_by_region(catalog, monkeypatch) -> None:
    """At 89 regions a year lists thousands of measures: past DEADLINES_INLINE it lists regions instead."""
    monkeypatch.setattr(deadlines, "DEADLINES_INLINE", 20)
    site = Site(catalog, CONTENT, Renderer(), Links(), ROOT, status.AsOf(AS_OF))
    outputs = {o.src: o.content for o in deadlines.pages(site)}
    split_years = 0
    for year, measures in deadlines.by_year(site).items():
        soup = BeautifulSoup(outputs[urls.deadlines_year(year)], "html.parser")
        if len(measures) <= 20:
            assert len(soup.select("tr[data-region]")) == len(measures)
            continue
        split_years += 1
        assert not soup.select("tr[data-region]")
        regions = {m.plan.region for m in measures}
        links = {a["href"] for a in soup.select("tbody td a")}
        assert links == {urls.href(urls.deadlines_year(year), urls.deadlines_region(year, r)) for r in regions}
        for region in regions:
            src = urls.deadlines_region(year, region)
            part = BeautifulSoup(outputs[src], "html.parser")
            assert sorted(listed(part)) == sorted(
                urls.href(src, urls.measure(m)) for m in measures if m.plan.region == region
            )
            select = part.select_one("select[name=region]")
            assert select["data-current"] == region.id and region.name in {
                o.get_text() for o in select.select("option")
            }
    assert split_years
