"""Open data as a reader gets it: workbooks read back, CSV, the complete JSON against its schema,
the data package validated, the release (version, licence, citation) and the data page."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
from datetime import datetime
from pathlib import Path

import frictionless
import jsonschema
import openpyxl
import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import CONTENT, ROOT, minimal_plan, write_plan
from mkdocs.utils.yaml import get_yaml_loader

from generator.content import layout, loader
from generator.site import export, release, urls, xlsx
from generator.site.build import Links, Site
from generator.site.pages import data as data_pages
from generator.site.render import Renderer

SITE_URL = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=get_yaml_loader())["site_url"]
SHEETS = {export.MEASURES: "measures", export.PLANS: "plans", export.AGENCIES: "agencies", export.TARGETS: "targets"}


# The whole base's downloads, as the data page lists them.
WHOLE_BASE = ("knowledge-base.xlsx", "knowledge-base.json", "measures.csv", "plans.csv", "agencies.csv", "targets.csv")


def expected_rows(catalog, table) -> int:
    return {
        "measures": len(catalog.measures),
        "plans": len(catalog.plans),
        "agencies": len(catalog.agencies),
        "targets": sum(len(m.targets) for m in catalog.measures),
    }[table.name]


def sheet_rows(sheet) -> list[list]:
    return [list(row) for row in sheet.iter_rows(min_row=2)]


def test_workbook_has_every_table_with_russian_headers_frozen_and_filtered(site: Path, catalog) -> None:
    book = openpyxl.load_workbook(site / "data/knowledge-base.xlsx")
    assert book.sheetnames == [t.title for t in export.TABLES] + ["Столбцы", "О данных"]
    for table in export.TABLES:
        sheet = book[table.title]
        assert [c.value for c in sheet[1]] == [c.header for c in table.columns]
        assert sheet.max_row - 1 == expected_rows(catalog, table)
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(table.columns)).column_letter}{sheet.max_row}"
    documented = [(r[0].value, r[1].value) for r in book["Столбцы"].iter_rows(min_row=2)]
    assert documented == [(t.title, c.header) for t in export.TABLES for c in t.columns]


def test_measure_numbers_and_codes_stay_text_and_links_are_absolute(site: Path, catalog) -> None:
    sheet = openpyxl.load_workbook(site / "data/knowledge-base.xlsx")["Мероприятия"]
    headers = [c.header for c in export.MEASURES.columns]
    number, grades, url = headers.index("№"), headers.index("Классы"), headers.index("Страница")
    rows = list(sheet.iter_rows(min_row=2))
    for row, measure in zip(rows, catalog.measures, strict=True):
        assert row[number].data_type == "s" and row[number].value == measure.number
        assert row[number].number_format == "@"
        if measure.grades:
            assert row[grades].value == f"{measure.grades[0]}-{measure.grades[1]}" and row[grades].data_type == "s"
        address = SITE_URL + urls.page_url(urls.measure(measure))
        assert row[url].value == address and row[url].hyperlink.target == address
    numbers = {row[number].value for row in rows}
    assert {"4.10", "4.1", "3.1.1"} <= numbers  # the numbers a spreadsheet would turn into 4.1 and a date
    # People read words: the level and recurrence of measures, not codes.
    levels = {row[headers.index("Уровень плана")].value for row in rows}
    assert levels == {export.LEVELS[p.level] for p in catalog.plans.values()}
    topics = rows[0][headers.index("Темы")].value
    assert topics == "; ".join(t.title for t in catalog.measures[0].topics)


def test_each_plan_has_its_workbook(site: Path, catalog) -> None:
    for plan in catalog.plans.values():
        book = openpyxl.load_workbook(site / f"data/plans/{plan.id}.xlsx")
        assert book["Мероприятия"].max_row - 1 == len(plan.measures)
        assert [r[0].value for r in book["Планы"].iter_rows(min_row=2)] == [plan.id]
        assert book["Исполнители"].max_row - 1 == len(plan.agencies)
        assert book["Показатели"].max_row - 1 == sum(len(m.targets) for m in plan.measures)


def test_workbooks_do_not_depend_on_the_clock_or_the_process(site: Path, catalog, monkeypatch) -> None:
    """The workbooks made again here, in another process and later, are the build's bytes."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    again = {
        o.src: o.content
        for o in data_pages.files(Site(catalog, CONTENT, Renderer(), Links(site_url=SITE_URL), ROOT))
        if o.src.endswith(".xlsx")
    }
    assert len(again) == len(catalog.plans) + 1
    for src, content in again.items():
        assert (site / src).read_bytes() == content, src


def test_csv_files_for_machines(site: Path, catalog) -> None:
    for table in export.TABLES:
        raw = (site / f"data/{table.name}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(raw[3:].decode("utf-8"))))
        assert rows[0] == [c.name for c in table.columns]
        assert len(rows) - 1 == expected_rows(catalog, table)
        url = rows[0].index("url")
        assert all(row[url].startswith(SITE_URL) for row in rows[1:])
    rows = list(csv.DictReader(io.StringIO((site / "data/measures.csv").read_bytes()[3:].decode("utf-8"))))
    assert [r["recurrence"] for r in rows] == [m.timeframe.recurrence or "" for m in catalog.measures]


def hostile_site(tmp_path: Path, title: str) -> dict[str, bytes]:
    content = tmp_path / "content"
    import shutil

    shutil.copytree(CONTENT, content)
    plan = minimal_plan()
    plan["sections"][0]["measures"][0]["title"] = title
    write_plan(content, plan)
    catalog = loader.load(content)
    return {
        o.src: o.content
        for o in data_pages.files(Site(catalog, content, Renderer(), Links(), tmp_path))
        if isinstance(o.content, bytes)
    }


def test_a_formula_in_the_content_stays_text(tmp_path: Path) -> None:
    title = '=HYPERLINK("http://example.invalid","Нажмите")'
    files = hostile_site(tmp_path, title)
    rows = list(csv.DictReader(io.StringIO(files["data/plans/smolensk-2099.csv"][3:].decode("utf-8"))))
    assert rows[0]["title"] == "'" + title
    sheet = openpyxl.load_workbook(io.BytesIO(files["data/plans/smolensk-2099.xlsx"]))["Мероприятия"]
    cell = sheet.cell(2, [c.name for c in export.MEASURES.columns].index("title") + 1)
    assert cell.data_type == "s" and cell.value == "'" + title


def test_json_validates_against_the_published_schema(site: Path, catalog) -> None:
    schema = json.loads((site / "data/schemas/dataset.schema.json").read_text(encoding="utf-8"))
    whole = json.loads((site / "data/knowledge-base.json").read_text(encoding="utf-8"))
    checker = jsonschema.FormatChecker()
    jsonschema.Draft202012Validator(schema, format_checker=checker).validate(whole)
    plan_schema = {**schema, "$ref": "#/$defs/plan"}
    for key in ("type", "required", "properties", "additionalProperties"):
        plan_schema.pop(key)
    for plan in catalog.plans.values():
        data = json.loads((site / f"data/plans/{plan.id}.json").read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator(plan_schema, format_checker=checker).validate(data)
        assert data == next(p for p in whole["plans"] if p["id"] == plan.id)
    assert whole["about"]["version"] and whole["about"]["url"] == SITE_URL + "data/"


def leaves(node) -> list:
    if isinstance(node, dict):
        return [x for v in node.values() for x in leaves(v)]
    if isinstance(node, list):
        return [x for v in node for x in leaves(v)]
    return [node]


def test_json_holds_everything_the_plan_file_holds(site: Path, catalog) -> None:
    """Every text and number of a plan's YAML file is in the plan's JSON (stages, indicators,
    narrative, targets, events, notes …). Left out: the transcriber's note on the source text
    (`source.note`), which the model does not keep and no page shows."""
    for plan in catalog.plans.values():
        source = yaml.safe_load((CONTENT / layout.plan_file(plan.id)).read_text(encoding="utf-8"))
        source["source"].pop("note", None)
        exported = json.loads((site / f"data/plans/{plan.id}.json").read_text(encoding="utf-8"))
        have = {str(v).strip() for v in leaves(exported) if v is not None}
        have |= {str(int(v)) for v in leaves(exported) if isinstance(v, float) and v.is_integer()}
        missing = {str(v).strip() for v in leaves(source) if not isinstance(v, bool)} - have
        assert not missing, (plan.id, sorted(missing)[:10])


def test_data_package_validates_and_lists_every_download(site: Path, catalog) -> None:
    report = frictionless.validate(site / "data/datapackage.json")
    assert report.valid, report.flatten(["taskName", "type", "note"])[:10]
    package = json.loads((site / "data/datapackage.json").read_text(encoding="utf-8"))
    paths = {r["path"] for r in package["resources"]}
    for plan in catalog.plans.values():
        assert {f"plans/{plan.id}.{ext}" for ext in ("xlsx", "csv", "json", "yaml")} <= paths
    assert set(WHOLE_BASE) <= paths
    for resource in package["resources"]:
        assert resource["bytes"] == (site / "data" / resource["path"]).stat().st_size
    tables = {r["path"]: r for r in package["resources"] if r["type"] == "table"}
    schema = json.loads((site / "data" / tables["measures.csv"]["schema"]).read_text(encoding="utf-8"))
    assert [f["name"] for f in schema["fields"]] == [c.name for c in export.MEASURES.columns]
    assert [f["title"] for f in schema["fields"]] == [c.header for c in export.MEASURES.columns]
    assert {lic["name"] for lic in package["licenses"]} == {lic.name for lic in release.LICENSES}
    assert len(package["sources"]) == len(catalog.plans)
    assert package["version"] == json.loads((site / "data/knowledge-base.json").read_bytes())["about"]["version"]


def test_a_broken_download_fails_the_data_package(site: Path, tmp_path: Path) -> None:
    """The package's checksums are checked: a changed file is found."""
    import shutil

    shutil.copytree(site / "data", tmp_path / "data")
    measures = tmp_path / "data/measures.csv"
    measures.write_bytes(measures.read_bytes().replace(b"RU-IRK", b"RU-XXX", 1))
    assert not frictionless.validate(tmp_path / "data/datapackage.json").valid


def soup_of(site: Path, src: str) -> BeautifulSoup:
    return BeautifulSoup((site / urls.page_url(src) / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_data_page_shows_release_licence_citation_and_every_file(site: Path, catalog) -> None:
    page = soup_of(site, urls.DATA)
    text = page.get_text(" ", strip=True)
    about = json.loads((site / "data/knowledge-base.json").read_bytes())["about"]
    assert about["version"] in text and "14.11.2023" in text  # SOURCE_DATE_EPOCH of the tests
    assert "статье 1259" in text and "MIT" in text
    assert about["citation"] in page.find(id="cite").find_next("p").get_text()
    hrefs = {a["href"] for a in page.select("article a[href]")}
    for name in (
        *WHOLE_BASE,
        "datapackage.json",
        "schemas/dataset.schema.json",
    ):
        assert name in hrefs or f"../data/{name}" in hrefs or name in {h.split("/", 1)[-1] for h in hrefs}, name
    for plan in catalog.plans.values():
        section = page.find(id=f"plan-{plan.id}")
        items = section.find_next("ul").find_all("li")
        links = [li.find("a")["href"] for li in items]
        assert [link.rsplit(".", 1)[-1] for link in links] == ["xlsx", "csv", "json", "yaml", "txt"]
        for li, link in zip(items, links):
            size = (site / urls.page_url(urls.DATA) / link).resolve().stat().st_size
            shown = re.search(r"; ([\d,]+) (Б|КБ|МБ), \d\d\.\d\d\.\d{4}$", li.get_text())
            scale = {"Б": 1, "КБ": 1024, "МБ": 1 << 20}[shown[2]]
            assert abs(float(shown[1].replace(",", ".")) * scale - size) <= 0.05 * scale, (link, shown[0])
    for table in export.TABLES:
        documented = [
            code.get_text() for code in page.find(id=f"columns-{table.name}").find_next("table").select("code")
        ]
        assert documented == [c.name for c in table.columns]


def test_plan_pages_link_the_workbook(site: Path, catalog) -> None:
    for plan in catalog.plans.values():
        hrefs = {a["href"] for a in soup_of(site, urls.plan(plan)).select("article a[href]")}
        assert f"../../data/plans/{plan.id}.xlsx" in hrefs
        assert f"../../data/#plan-{plan.id}" in hrefs


def git(repo: Path, *args: str, when: int = 1_600_000_000) -> None:
    env = dict(
        os.environ,
        GIT_AUTHOR_DATE=f"@{when} +0000",
        GIT_COMMITTER_DATE=f"@{when} +0000",
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.invalid",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.invalid",
    )
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def test_release_comes_from_the_repository(tmp_path: Path) -> None:
    content = tmp_path / "content" / "plans"
    content.mkdir(parents=True)
    (content / "a.yaml").write_text("a", encoding="utf-8")
    (content / "b.yaml").write_text("b", encoding="utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "first", when=1_600_000_000)  # 2020-09-13
    (content / "b.yaml").write_text("b2", encoding="utf-8")
    git(tmp_path, "commit", "-qam", "second", when=1_700_000_000)  # 2023-11-14
    found = release.read(tmp_path, tmp_path / "content", environ={})
    assert (found.version, found.date.isoformat()) == ("2023-11-14", "2023-11-14")
    assert found.date_of("plans/a.yaml").isoformat() == "2020-09-13"
    assert found.date_of("plans/b.yaml").isoformat() == "2023-11-14"
    git(tmp_path, "tag", "v1.0")
    assert release.read(tmp_path, tmp_path / "content", environ={}).version == "v1.0"
    # A build date set for reproducibility wins, and no file is dated after it.
    pinned = release.read(tmp_path, tmp_path / "content", environ={"SOURCE_DATE_EPOCH": "1650000000"})
    assert pinned.date.isoformat() == "2022-04-15" and pinned.date_of("plans/b.yaml") == pinned.date
    assert release.read(tmp_path / "content", tmp_path / "content", environ={}).commit is not None


def test_citation_file_agrees_with_the_site() -> None:
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=get_yaml_loader())
    assert cff["cff-version"] == "1.2.0" and cff["type"] == "dataset"
    assert cff["title"] == release.TITLE
    assert cff["license"] == release.LICENSES[0].name
    assert cff["url"] == config["site_url"] and cff["repository-code"] == config["repo_url"]
    assert cff["authors"] == [{"name": release.PUBLISHER}]


@pytest.mark.parametrize("table", export.TABLES, ids=lambda t: t.name)
def test_every_column_is_declared_once_with_a_russian_header(table) -> None:
    names = [c.name for c in table.columns]
    headers = [c.header for c in table.columns]
    assert len(set(names)) == len(names) and len(set(headers)) == len(headers)
    assert all(c.type in export.TYPE_TITLES and c.description for c in table.columns)
    assert all(any("а" <= ch <= "я" for ch in h.lower()) or h == "№" for h in headers)


def test_a_failure_where_the_workbooks_are_written_reaches_the_build_as_itself() -> None:
    started = xlsx.written_elsewhere({"x.xlsx": (("no-such-table", ()),)}, (), datetime(2020, 1, 1))
    with pytest.raises(KeyError, match="no-such-table"):
        started.result()
