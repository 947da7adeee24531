"""Hostile and careless content, second round: every input is shown as text or refused at its line.

Three small content folders are built for real, each once: one whose plan and vocabularies are
full of markup, formulas and line breaks that YAML reads and HTML does not (the built site is
scanned file by file, and opened in Chromium); one with a fault in each plan file, which `check`
and the build must both refuse, line by line, without a traceback; and one that only ever
reaches the importer, with bombs whose peak memory and time are measured. A property test then
puts any string into every content field and follows it through every output format.
"""

from __future__ import annotations

import csv
import functools
import html
import http.server
import io
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import unicodedata
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, build_site, minimal_plan, write_plan
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from benchmarks.bounds import docx_bomb
from generator.content import layout, loader
from generator.content.errors import ContentErrors
from generator.site import graphs, pages, urls
from generator.site.build import Links, Site
from generator.site.render import Renderer

PWNED = "window.kbPwned=1"
IMG = f'<img src=x onerror="{PWNED}">'
CLOSE_TITLE = f"</title>{IMG}"
MARKDOWN = f'[ссылка](javascript:{PWNED}) **жирный** {{: onclick="{PWNED}" }} *[HTML]: x'
FORMULAS = [
    '=HYPERLINK("http://example.com/x";"нажмите")',
    "+7 (999) 000-00-00 горячая линия",
    "-1+2",
    "@SUM(1+1)",
    " =1+1",
    "\t=1+1",
    "＝1+1",
]

# Every text field the site shows, with what it holds in the hostile plan.
TEXTS = {
    "plan title": f"План\u2028---\u2028{CLOSE_TITLE}",
    "measure title": f"Мероприятие\u2029---\u2029{IMG}",
    "measure result": FORMULAS[0],
    "measure document": FORMULAS[3],
    "measure note": f"{{{{ config.site_name }}}} {{% include 'base.html' %}} {MARKDOWN}",
    "second measure title": FORMULAS[1],
    "second measure number": FORMULAS[2],
    "agency name": f"Министерство\u0085---\u0085{IMG}",
    "second agency name": FORMULAS[4],
    "short name": MARKDOWN,
    "section title": MARKDOWN,
    "narrative": f"{{{{ 7*7 }}}} {IMG}\n\n- {MARKDOWN}\n- {CLOSE_TITLE}",
    "event": CLOSE_TITLE,
    "region name": f"Смоленская область {IMG} {MARKDOWN}",
    "topic title": f"Пробы {IMG}\u2028---\u2028\"'>",
    "audience title": f'"><img src=x onerror={PWNED}> Для кого, с запятой: и двоеточием',
    "kind title": f"Органы {CLOSE_TITLE}",
    "glossary expansion": MARKDOWN,
}
AGENCIES_PER_MEASURE = 30  # the schema's maximum


class _Quoting(yaml.SafeDumper):
    """Writes every text in double quotes, where U+2028, U+2029 and U+0085 are escapes (\\L, \\P, \\N):
    written raw, YAML would read them as line breaks and fold them into spaces."""


_Quoting.add_representer(str, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"'))


def dump(data: object) -> str:
    return yaml.dump(data, Dumper=_Quoting, allow_unicode=True, sort_keys=False)


def small_project(root: Path) -> Path:
    """docs/, overrides/, mkdocs.yml and the vocabularies of the real project, and no plan yet."""
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    content = root / "content"
    (content / layout.PLANS_DIR).mkdir(parents=True)
    (content / layout.SOURCES_DIR).mkdir()
    for name in layout.VOCABULARY_FILES:
        shutil.copy(ROOT / "content" / name, content / name)
    (content / "sources/smolensk-2020.txt").write_text("Текст документа.\n", encoding="utf-8")
    return content


def edit_vocabulary(content: Path, filename: str, key: str, entry_id: str, **fields: object) -> None:
    path = content / filename
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    entry = next(e for e in data[key] if e.get("id", e.get("abbr")) == entry_id)
    entry.update(fields)
    path.write_text(dump(data), encoding="utf-8")


def hostile_plan() -> dict:
    plan = minimal_plan(
        title=TEXTS["plan title"], narrative=[{"id": "text", "title": "Текст", "text": TEXTS["narrative"]}]
    )
    plan["agencies"][0].update(name=TEXTS["agency name"], short_names=[TEXTS["short name"]])
    plan["agencies"][1]["name"] = TEXTS["second agency name"]
    plan["agencies"] += [
        {"id": f"member-{i}", "name": f"Участник {i}", "kind": "regional-authority"}
        for i in range(AGENCIES_PER_MEASURE - 1)
    ]
    section = plan["sections"][0]
    section["title"] = TEXTS["section title"]
    first = section["measures"][0]
    first.update(
        title=TEXTS["measure title"],
        result=TEXTS["measure result"],
        document=TEXTS["measure document"],
        note=TEXTS["measure note"],
        events=[{"title": TEXTS["event"]}],
    )
    second = {
        **first,
        "id": "1-2",
        "number": TEXTS["second measure number"],
        "title": TEXTS["second measure title"],
        "responsible": [{"agency": "test-dept"}] + [{"agency": f"member-{i}"} for i in range(AGENCIES_PER_MEASURE - 1)],
    }
    del second["events"]
    section["measures"].append(second)
    plan["sections"].append(
        {
            "title": "Формулы",
            "measures": [
                {**first, "id": f"2-{i}", "number": f"2.{i}.", "title": f"Формула {i}", "result": formula, "events": []}
                for i, formula in enumerate(FORMULAS, 1)
            ],
        }
    )
    return json.loads(json.dumps(plan))  # no shared lists, which YAML would write as aliases


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile2")
    content = small_project(root)
    edit_vocabulary(content, "regions.yaml", "regions", "smolensk", name=TEXTS["region name"])
    edit_vocabulary(content, "topics.yaml", "topics", "professional-trials", title=TEXTS["topic title"])
    edit_vocabulary(content, "audiences.yaml", "audiences", "middle-school", title=TEXTS["audience title"])
    edit_vocabulary(content, "agency-kinds.yaml", "kinds", "regional-authority", title=TEXTS["kind title"])
    terms = yaml.safe_load((content / "glossary.yaml").read_text(encoding="utf-8"))["terms"]
    edit_vocabulary(content, "glossary.yaml", "terms", terms[0]["abbr"], expansion=TEXTS["glossary expansion"])
    write_plan(content, dump(hostile_plan()), "smolensk-2099")
    checked = run_check(root)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    result = build_site(root / "mkdocs.yml", root / "site")
    assert result.returncode == 0, result.stderr
    return root / "site"


def run_check(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "check"], cwd=root, capture_output=True, text=True, timeout=120, check=False
    )


def built_files(site: Path, *suffixes: str) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.suffix in suffixes and "pagefind" not in p.parts)


def live_markup(soup: BeautifulSoup) -> list[str]:
    """Elements and attributes that would act in a browser, if a text had made any."""
    found = [
        f"<{tag.name} {name}>" for tag in soup.find_all(True) for name in tag.attrs if name.lower().startswith("on")
    ]
    found += [
        f"<a href={a['href']}>" for a in soup.find_all(href=True) if a["href"].strip().lower().startswith("javascript:")
    ]
    found += [f"<{t.name} src=x>" for t in soup.find_all(src="x")]
    found += ["<script> with the payload" for s in soup.find_all("script") if "kbPwned" in s.get_text()]
    return found


def visible(text: str) -> str:
    """A text as a page shows it: NFC, spaces and line breaks of every kind one space."""
    return " ".join(
        unicodedata.normalize("NFC", text).replace("\u2028", " ").replace("\u2029", " ").replace("\x85", " ").split()
    )


# -- script injection that reaches readers --------------------------------------------------------


def test_no_built_page_or_drawing_carries_live_markup(hostile_site: Path) -> None:
    import lxml.html

    problems = []
    for path in built_files(hostile_site, ".html", ".svg"):
        found = _live(lxml.html.fromstring(path.read_bytes()))
        problems += [f"{path.relative_to(hostile_site)}: {x}" for x in found]
    assert not problems, "\n".join(problems[:20])


def test_line_breaks_of_every_kind_leave_the_front_matter_whole(hostile_site: Path) -> None:
    """U+2028, U+2029 and U+0085 before `---` once ended the front matter: the page then showed it as
    text and the theme took the title from the heading, unescaped. Now title and description
    read back whole, and the theme prints them as text."""
    plan_title = f"{TEXTS['region name']}, 2099–2100"
    cases = [
        ("plans/smolensk-2099/index.html", plan_title, [TEXTS["plan title"]], TEXTS["plan title"]),
        (
            "plans/smolensk-2099/1-1/index.html",
            f"1.1. {TEXTS['measure title']}",
            [TEXTS["measure title"], TEXTS["region name"], TEXTS["agency name"]],
            f"1.1. {TEXTS['measure title']}",
        ),
        (
            "agencies/test-dept/index.html",
            f"{TEXTS['short name']} — {TEXTS['region name']}",
            [TEXTS["agency name"]],
            TEXTS["agency name"],
        ),
    ]
    for path, title, description, heading in cases:
        soup = BeautifulSoup((hostile_site / path).read_text(encoding="utf-8"), "html.parser")
        assert soup.head.title is not None and soup.head.find("img") is None, path
        assert visible(soup.title.get_text()) == visible(title) + " - Профориентация в регионах", path
        meta = visible(soup.find("meta", attrs={"name": "description"})["content"])
        assert all(visible(part) in meta for part in description), path
        assert visible(heading) in visible(soup.find("h1").get_text()), path
        article = soup.select_one("article").get_text()
        assert "render_macros" not in article and "kb_type" not in article, path


def test_vocabularies_are_data_on_the_home_page(hostile_site: Path) -> None:
    """The home page prints region names and topic titles with mkdocs-macros, into Markdown."""
    home = BeautifulSoup((hostile_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    text = visible(home.select_one("article").get_text())
    assert visible(TEXTS["region name"]) in text
    assert visible(TEXTS["topic title"]) in text
    assert not live_markup(home)
    article = home.select_one("article")
    assert article.find("strong", string="жирный") is None and article.find("abbr") is None
    assert [a["href"] for a in article.find_all("a", string=re.compile("Смоленская"))] == ["regions/smolensk/"]


def test_filter_and_meta_attributes_hold_the_text_itself(hostile_site: Path) -> None:
    """Pagefind reads filters from attributes: the value it gets is the title, escaped in the HTML."""
    raw = (hostile_site / "plans/smolensk-2099/1-1/index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(raw, "html.parser")
    filters = [span["data-pagefind-filter"] for span in soup.find_all(attrs={"data-pagefind-filter": True})]
    assert f"Тема:{visible(TEXTS['topic title'])}" in [visible(f) for f in filters]
    assert f"Для кого:{TEXTS['audience title']}" in filters
    assert f"Регион:{TEXTS['region name']}" in [
        m["data-pagefind-meta"] for m in soup.find_all(attrs={"data-pagefind-meta": True})
    ]
    for attribute in re.findall(r'data-pagefind-(?:filter|meta)="([^"]*)"', raw):
        assert "<" not in attribute and ">" not in attribute
    assert (hostile_site / "pagefind/pagefind-entry.json").is_file()


def test_csv_downloads_hold_no_formula(hostile_site: Path) -> None:
    files = built_files(hostile_site, ".csv")
    assert files
    shown = set()
    for path in files:
        text = path.read_bytes().decode("utf-8-sig")
        for row in csv.reader(io.StringIO(text)):
            for cell in row:
                assert not cell or (cell[0] not in "=+-@\t\r＝＋－＠" and cell.lstrip()[:1] not in "=+-@＝＋－＠"), (
                    path.name,
                    cell,
                )
                shown.add(cell)
    for formula in FORMULAS + [TEXTS["second agency name"], TEXTS["second measure number"]]:
        assert "'" + formula.strip() in shown or "'" + formula in shown, formula


def test_workbooks_hold_no_formula(hostile_site: Path) -> None:
    import openpyxl

    books = built_files(hostile_site, ".xlsx")
    assert books
    shown = set()
    for path in books:
        for sheet in openpyxl.load_workbook(path).worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (path.name, sheet.title, cell.coordinate, cell.value)
                    shown.add(cell.value)
    for formula in FORMULAS:
        assert "'" + formula in shown, formula


def test_json_downloads_are_valid_and_hold_the_text(hostile_site: Path) -> None:
    def refuse(constant: str) -> None:
        raise ValueError(f"{constant} is not JSON")

    def strings(value: object) -> list[str]:
        if isinstance(value, dict):
            return [s for v in value.values() for s in strings(v)]
        if isinstance(value, list):
            return [s for v in value for s in strings(v)]
        return [value] if isinstance(value, str) else []

    found = set()
    for path in built_files(hostile_site, ".json"):
        found.update(strings(json.loads(path.read_text(encoding="utf-8"), parse_constant=refuse)))
    for name in ("plan title", "measure title", "agency name", "region name", "topic title", "audience title"):
        assert TEXTS[name] in found, name


def test_the_most_agencies_a_measure_may_name_are_built_and_drawn(hostile_site: Path) -> None:
    page = BeautifulSoup((hostile_site / "agencies/member-0/index.html").read_text(encoding="utf-8"), "html.parser")
    partners = page.select("#collaborators ~ table tbody tr")
    assert len(partners) == AGENCIES_PER_MEASURE - 1
    assert len(page.select("article svg a")) == min(AGENCIES_PER_MEASURE, graphs.EGO_PARTNERS + 1)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian's chromium is not installed")
def test_nothing_runs_in_chromium_and_search_filters_are_the_titles(hostile_site: Path, browser) -> None:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(hostile_site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    server = f"http://127.0.0.1:{httpd.server_address[1]}/"
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        for path in (
            "",
            "regions/smolensk/",
            "plans/smolensk-2099/",
            "plans/smolensk-2099/1-1/",
            "agencies/test-dept/",
            "agency-kinds/regional-authority/",
            "topics/professional-trials/",
            "glossary/",
            "catalogue/",
        ):
            page.goto(server + path)
            page.wait_for_load_state("networkidle")
            assert page.evaluate("window.kbPwned") is None, path
        filters = page.evaluate("""async () => {
            const pagefind = await import('/pagefind/pagefind.js');
            await pagefind.init();
            return await pagefind.filters();
        }""")
    finally:
        page.close()
        httpd.shutdown()
    assert not dialogs
    assert visible(TEXTS["topic title"]) in [visible(v) for v in filters["Тема"]]
    assert TEXTS["audience title"] in filters["Для кого"]


# -- check and the build agree ------------------------------------------------------------------------

# Plan file -> (how it differs from the minimal plan, what check prints at its line).
FAULTS = {
    "smolensk-2080": (
        "measure id index",
        "sections[0].measures[0].id: 'index' is taken by a page of the site itself; choose another measure id",
    ),
    "smolensk-2081": (
        "agency id collaboration",
        "agencies[0].id: 'collaboration' is taken by a page of the site itself; choose another agency id",
    ),
    "smolensk-2082": (
        "agency id index",
        "agencies[0].id: 'index' is taken by a page of the site itself; choose another agency id",
    ),
    "smolensk-2083": ("agency no measure names", "agency 'lonely-2083' is not named by any measure"),
    "smolensk-2084": ("year 2084.0", "period.start: expected a whole number, got the number 2084.0"),
    "smolensk-2085": ("grades 6.0", "sections[0].measures[0].grades.from: expected a whole number, got the number 6.0"),
    "smolensk-2086": ("id with a final line break", "sections[0].measures[0].id: '1-1\\n' is not a valid id"),
    "smolensk-2087": ("target 1e999", "'1e999' is too large a number"),
    "smolensk-2088": ("a 5000-digit number", "a number of 5000 digits is too long (at most 15)"),
    "smolensk-2089": ("act of 30 February", "act.date: '2021-02-30' is not a date of the calendar"),
    "smolensk-2090": ("names equal after NFC", "agency 'nfc-b-2090' has the same name as agency 'nfc-a-2090'"),
    "smolensk-2091": (
        "source text a link to /etc/passwd",
        "source text 'sources/passwd.txt': the file is a symbolic link",
    ),
    "smolensk-2092": (
        "31 agencies in a measure",
        "sections[0].measures[0].responsible: at most 30 items allowed, found 31",
    ),
    "smolensk-2093": ("id with a trailing space", "sections[0].measures[0].id: '1-1 ' is not a valid id"),
    "smolensk-2094": ("grades from 11 to 6", "grades run from 11 to 6"),
}


def faulty_plan(plan_id: str) -> str:
    year = int(plan_id[-4:])
    plan = minimal_plan(id=plan_id, period={"start": year, "end": year + 1})
    # Agency ids are global: each file has its own.
    for agency in plan["agencies"]:
        agency["id"] += f"-{year}"
        agency["name"] += f" {year}"
    measure = plan["sections"][0]["measures"][0]
    for r in measure["responsible"]:
        r["agency"] += f"-{year}"
    measure["timeframe"] = f"{year} год"
    fault = FAULTS[plan_id][0]
    if fault == "measure id index":
        measure["id"] = "index"
    elif fault.startswith("agency id "):
        plan["agencies"][0]["id"] = fault.split()[-1]
        measure["responsible"][0]["agency"] = fault.split()[-1]
    elif fault == "agency no measure names":
        plan["agencies"].append({"id": f"lonely-{year}", "name": "Никем не названное", "kind": "regional-authority"})
    elif fault == "grades 6.0":
        measure["grades"] = {"from": 6.0, "to": 11}
    elif fault == "id with a final line break":
        measure["id"] = "1-1\n"
    elif fault == "id with a trailing space":
        measure["id"] = "1-1 "
    elif fault == "target 1e999":
        measure["targets"] = [{"text": "охват", "value": 123456}]
    elif fault == "act of 30 February":
        plan["act"] = {"date": "2021-02-30"}
    elif fault == "names equal after NFC":
        plan["agencies"] += [
            {"id": f"nfc-a-{year}", "name": "Йошкар-Олинский центр", "kind": "regional-authority"},
            {"id": f"nfc-b-{year}", "name": "И\u0306ошкар-Олинский центр", "kind": "regional-authority"},
        ]
        measure["responsible"] += [{"agency": f"nfc-a-{year}"}, {"agency": f"nfc-b-{year}"}]
    elif fault == "source text a link to /etc/passwd":
        plan["source"]["file"] = "sources/passwd.txt"
    elif fault == "31 agencies in a measure":
        plan["agencies"] += [
            {"id": f"many-{i}-{year}", "name": f"Участник {i} {year}", "kind": "regional-authority"} for i in range(29)
        ]
        measure["responsible"] += [{"agency": f"many-{i}-{year}"} for i in range(29)]
    elif fault == "grades from 11 to 6":
        measure["grades"] = {"from": 11, "to": 6}
    text = yaml.safe_dump(plan, allow_unicode=True, sort_keys=False)
    if fault == "year 2084.0":
        text = text.replace("start: 2084", "start: 2084.0")
    elif fault == "target 1e999":
        text = text.replace("value: 123456", "value: 1e999")
    elif fault == "a 5000-digit number":
        text = text.replace("end: 2089", "end: " + "9" * 5000).replace("end: 2089", "")
        text = text.replace(f"end: {year + 1}", "end: " + "9" * 5000)
    return text


@pytest.fixture(scope="module")
def faulty_project(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, subprocess.CompletedProcess, subprocess.CompletedProcess]:
    """A content folder with a fault in each plan file, and what `check` and the build said of it."""
    root = tmp_path_factory.mktemp("faulty")
    content = small_project(root)
    write_plan(content, minimal_plan())  # one good plan, so that the site has something to build
    for plan_id in FAULTS:
        (content / "plans" / f"{plan_id}.yaml").write_text(faulty_plan(plan_id), encoding="utf-8")
    (content / "sources/passwd.txt").symlink_to("/etc/passwd")
    (content / "plans/smolensk-2095.yaml").symlink_to("/etc/passwd")
    (content / "plans/smolensk-2096.yaml").symlink_to(ROOT / "content/plans/perm-2021.yaml")
    os.mkfifo(content / "plans/smolensk-2097.yaml")
    regions = content / "regions.yaml"
    regions.write_text(
        regions.read_text(encoding="utf-8") + "  - id: index\n    name: Регион-список\n"
        "    iso: RU-XX\n    federal_district: Округ\n",
        encoding="utf-8",
    )
    return root, run_check(root), build_site(root / "mkdocs.yml", root / "site")


def located(output: str) -> dict[str, str]:
    """The errors printed as path:line:col: message, keyed by the line's text."""
    return {line: line for line in output.splitlines() if re.match(r"^content/[^:]+:\d+:\d+: ", line)}


def test_check_and_build_refuse_every_fault_at_its_line(faulty_project) -> None:
    _, checked, built = faulty_project
    assert checked.returncode == 1 and built.returncode == 1
    assert "Traceback" not in checked.stderr + checked.stdout + built.stderr + built.stdout
    errors = located(checked.stdout)
    for plan_id, (fault, message) in FAULTS.items():
        lines = [e for e in errors if e.startswith(f"content/plans/{plan_id}.yaml:") and message in e]
        assert lines, f"{fault}: no located '{message}' in\n{checked.stdout}"
    for name, message in (
        ("smolensk-2095", "the file is a symbolic link"),
        ("smolensk-2096", "the file is a symbolic link"),
        ("smolensk-2097", "not a regular file"),
    ):
        assert f"content/plans/{name}.yaml:1:1: {message}" in checked.stdout
    assert re.search(
        r"^content/regions.yaml:\d+:\d+: regions\[5\]\.id: 'index' is taken by a page of the site itself; choose another region id",
        checked.stdout,
        re.MULTILINE,
    )
    # The build stops on the same errors, each one located, and on nothing else.
    assert set(located(built.stderr)) == set(errors)


def test_a_link_to_a_file_outside_is_never_quoted(faulty_project) -> None:
    root, checked, built = faulty_project
    first = Path("/etc/passwd").read_text(encoding="utf-8", errors="replace").splitlines()[0]
    for output in (checked.stdout + checked.stderr, built.stdout + built.stderr):
        assert first[:8] not in output and first.split(":")[0] + ":" not in output and "/bin/" not in output
    assert not (root / "site/sources/passwd.txt").exists()


def test_a_generated_page_that_would_replace_a_hand_written_one_names_its_origin(tmp_path: Path) -> None:
    content = small_project(tmp_path)
    write_plan(content, minimal_plan())
    (tmp_path / "docs/agencies").mkdir()
    (tmp_path / "docs/agencies/test-dept.md").write_text("# Страница\n", encoding="utf-8")
    built = build_site(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert built.returncode == 1 and "Traceback" not in built.stderr
    assert (
        "docs/agencies/test-dept.md would be replaced by a generated page (made from content/plans/smolensk-2099.yaml)"
        in built.stderr
    )


# -- resource exhaustion: the importer on bombs ---------------------------------------------------

# The importer in a process of its own, which reports its peak memory and time. The peak is the
# process's own high-water mark (VmHWM): resource's ru_maxrss would also count the test process's
# memory, which a new process shares until it runs Python.
MEASURE = """
import re, resource, sys, time
from pathlib import Path
from generator.__main__ import main
start = time.perf_counter()
code = main(sys.argv[1:])
status = Path("/proc/self/status")
peak = int(re.search(r"VmHWM:\\s+(\\d+)", status.read_text()).group(1)) if status.exists() else \\
    resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(f"PEAK {peak} TIME {time.perf_counter() - start}", file=sys.stderr)
sys.exit(code)
"""


def import_measured(source: Path, content: Path) -> tuple[int, str, int, float]:
    """Run `python -m generator import` on `source`; (exit code, error line, peak KB, seconds)."""
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, "import", str(source), "--region", "perm", "--content", str(content)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    peak, seconds = re.search(r"PEAK (\d+) TIME ([\d.]+)", result.stderr).groups()
    message = next((line for line in result.stderr.splitlines() if line.startswith("error:")), "")
    assert "Traceback" not in result.stderr
    return result.returncode, message, int(peak), float(seconds)


def docx_bytes() -> bytes:
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def import_content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    content = tmp_path_factory.mktemp("import") / "content"
    shutil.copytree(ROOT / "content", content)
    return content


@pytest.mark.parametrize(
    "case",
    [
        "docx expanding to 200 MB",
        "docx that hides its size",
        "50 MB of text",
        "3 MB of text",
        "docx with 120 MB of pictures",
    ],
)
def test_the_importer_refuses_bombs_up_front_with_bounded_memory(
    tmp_path: Path, import_content: Path, case: str
) -> None:
    source = tmp_path / ("plan.txt" if "text" in case else "plan.docx")
    if case == "docx expanding to 200 MB":
        docx_bomb(source, 200_000_000)
        expected = "would expand to 200,"
    elif case == "docx that hides its size":
        docx_bomb(source, 50_000_000, declared=1000)
        expected = "is a damaged Word document"
    elif case == "50 MB of text":
        with source.open("wb") as f:
            f.truncate(50_000_000)
        expected = "is too large to import (50,000,000 bytes; the limit is 20,000,000)"
    elif case == "3 MB of text":
        source.write_bytes(("1.\tПроведение проб\tМинистерство\t2022 год\n" * 50_000).encode("utf-8")[:3_000_000])
        expected = "has too much text to become one plan file (3,000,000 bytes"
    else:
        base = zipfile.ZipFile(io.BytesIO(docx_bytes()))
        with zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
            for info in base.infolist():
                archive.writestr(info.filename, base.read(info))
            with archive.open("word/media/image1.png", "w") as picture:
                for _ in range(120):
                    picture.write(bytes(1_000_000))
        expected = "would expand to 120,"
    size = source.stat().st_size
    code, message, peak_kb, seconds = import_measured(source, import_content)
    assert code == 1 and expected in message, message
    # Refused before the work: memory near the interpreter's own, whatever the input would expand to.
    assert peak_kb < 200_000, f"{case}: peak {peak_kb} KB for a {size}-byte file"
    assert seconds < 20, f"{case}: {seconds:.1f} s"


# -- any string, any field, every output format ---------------------------------------------------

ANY_TEXT = st.lists(
    st.one_of(
        st.sampled_from(
            list("<>&\"'`*_[](){}#!|~=+-@:;/\\\n\t %")
            + ["\u2028", "\u2029", "\x85", "\u00a0", "\u0306", "{{", "{%", "\n---\n", "javascript:", "<script>", IMG]
        ),
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
    ),
    min_size=1,
    max_size=16,
).map("".join)


@functools.cache
def _renderer() -> Renderer:
    return Renderer()


@functools.cache
def _property_content(root: str) -> Path:
    content = small_project(Path(root))
    return content


def _with_text(content: Path, text: str) -> None:
    """Every text field of one plan and of the vocabularies' first entries holds `text`."""
    for name in layout.VOCABULARY_FILES:
        shutil.copy(ROOT / "content" / name, content / name)
    edit_vocabulary(content, "regions.yaml", "regions", "smolensk", name=text, federal_district=text)
    edit_vocabulary(content, "topics.yaml", "topics", "professional-trials", title=text, description=text)
    edit_vocabulary(content, "audiences.yaml", "audiences", "middle-school", title=text, description=text)
    edit_vocabulary(content, "agency-kinds.yaml", "kinds", "regional-authority", title=text, description=text)
    plan = minimal_plan(
        title=text,
        municipality=text,
        goals=[text],
        tasks=[text],
        act={
            "issuer": text,
            "type": text,
            "number": text,
            "title": text,
            "date": "2021-01-31",
            "signatory": {"name": text, "position": text},
        },
        narrative=[{"id": "x", "title": text, "text": text}],
        stages=[{"title": text, "start": 2099, "end": 2100, "text": text}],
        indicators=[{"criterion": text, "items": [{"text": text, "unit": text, "number": text}]}],
        columns={"title": text, "result": text},
        note=text,
    )
    plan["period"]["text"] = text
    plan["agencies"][0].update(name=text, short_names=[text], note=text)
    section = plan["sections"][0]
    section.update(number=text, title=text, note=text)
    section["measures"][0].update(
        number=text,
        title=text,
        result=text,
        document=text,
        note=text,
        responsible_text=text,
        events=[{"title": text, "timeframe": text}],
        targets=[{"text": text, "value": 5, "unit": text, "population": text}],
        timeframe={"text": text, "start": 2099, "end": 2100},
    )
    for old in (content / "plans").iterdir():
        old.unlink()
    write_plan(content, dump(plan), "smolensk-2099")


def _live(tree) -> list[str]:
    """live_markup for an lxml tree: the property test parses a few thousand pages."""
    found = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            if (
                name.lower().startswith("on")
                or (name == "href" and value.strip().lower().startswith("javascript:"))
                or (name == "src" and value == "x")
            ):
                found.append(f"<{element.tag} {name}={value}>")
        if element.tag == "script" and "kbPwned" in (element.text or ""):
            found.append("<script> with the payload")
    return found


def _not_json(src: str, constant: str) -> None:
    pytest.fail(f"{constant} in {src}")


def _scan(outputs: list, text: str) -> None:
    """Every output holds `text` as text: no markup made of it, valid JSON and SVG, CSV without formulas."""
    import lxml.html
    from mkdocs.utils.meta import get_data

    seen = visible(text)
    shown_somewhere = False
    for output in outputs:
        data = output.content
        if output.src.endswith(".md"):
            body, meta = get_data(data)
            assert "title" in meta and "render_macros" not in body, output.src
            tree = lxml.html.fromstring(body)
            assert not _live(tree), output.src
            for svg in tree.iter("svg"):
                ElementTree.fromstring(lxml.html.tostring(svg, method="xml"))
            shown_somewhere |= seen in visible(html.unescape(meta["title"]) + " " + tree.text_content())
        elif output.src.endswith(".json"):
            json.loads(data, parse_constant=functools.partial(_not_json, output.src))
        elif output.src.endswith(".csv"):
            for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))):
                for cell in row:
                    assert not cell or cell.lstrip()[:1] not in "=+-@＝＋－＠" or cell[0] == "'", (output.src, cell)
        elif output.src.endswith(".ics"):
            # A text never ends its line: every property is one the calendar writes.
            for component in Calendar.from_ical(data).walk():
                assert set(component) <= _CALENDAR_PROPERTIES, (output.src, set(component) - _CALENDAR_PROPERTIES)
    assert shown_somewhere or not seen


_CALENDAR_PROPERTIES = {
    "PRODID",
    "VERSION",
    "CALSCALE",
    "METHOD",
    "X-WR-CALNAME",
    "UID",
    "DTSTAMP",
    "DTSTART",
    "DTEND",
    "RRULE",
    "RDATE",
    "SUMMARY",
    "DESCRIPTION",
    "URL",
    "TRANSP",
}


@given(ANY_TEXT)
@example("\n---\n")  # broke a calendar's name line (X-WR-CALNAME was not escaped)
@example("𐂿")  # a character beyond U+FFFF, as ASCII JSON's surrogate pair, broke the front matter
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
def test_any_text_in_any_field_is_inert_in_every_output_or_refused_at_its_line(tmp_path_factory, text: str) -> None:
    content = _property_content(str(tmp_path_factory.getbasetemp() / "property"))
    _with_text(content, text)
    try:
        catalog = loader.load(content, urls.RESERVED_IDS)
    except ContentErrors as exc:
        event("refused")
        for error in exc.errors:
            assert re.match(r"^\S+\.yaml:\d+:\d+: \S", str(error)), str(error)
        return
    event("built")
    site = Site(catalog, content, _renderer(), Links("https://example.org/repo"), content.parent)
    _scan(pages.outputs(site), text)
