"""Downloads: the data page; XLSX, CSV and JSON of every plan and of the whole base; the data
package and the schemas; and the word lists the search page reads."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from importlib import resources

from ...content import layout, schema
from ...content.model import Plan
from .. import export, search_terms, urls, xlsx
from .. import release as rel
from ..build import Output, Site, plan_copy
from ..datapackage import Resource, package, schema_path, table_schema
from ..elsewhere import Started

DATASET_SCHEMA = "dataset"
WHOLE_BOOK = "knowledge-base.xlsx"
# What each content schema describes, for the data page (the schemas themselves speak English).
SCHEMA_TITLES = {
    "plan": "файла плана (YAML)",
    "regions": "списка регионов",
    "topics": "списка тем",
    "agency-kinds": "видов исполнителей",
    "audiences": "аудиторий",
    "glossary": "глоссария",
    "search-vocabulary": "словаря поиска",
}


@dataclass(frozen=True)
class Download:
    """A file as the data page lists it."""

    src: str
    label: str
    description: str
    size: int
    date: date

    @property
    def size_text(self) -> str:
        """The size as Russian readers write it: 812 Б, 21,4 КБ, 1,3 МБ."""
        for unit, scale in (("МБ", 1 << 20), ("КБ", 1 << 10)):
            if self.size >= scale:
                return f"{self.size / scale:.1f}".replace(".", ",") + f" {unit}"
        return f"{self.size} Б"


def start_workbooks(site: Site) -> Started[dict[str, bytes]]:
    """The whole base's workbook and every plan's, begun in another process (`xlsx.written_elsewhere`):
    `files` collects them once the pages are made."""
    c = site.catalog
    absolute = site.links.absolute
    home = absolute(urls.DATA)
    # The cells people read, for each plan's workbook and the whole base's.
    shown = {
        t.name: {p.id: tuple(tuple(t.shown(row, absolute)) for row in t.rows(p)) for p in c.plans.values()}
        for t in export.TABLES
    }
    notes = (
        (export.DICTIONARY.name, tuple(tuple(export.DICTIONARY.shown(r, absolute)) for r in export.dictionary_rows())),
        (export.ABOUT.name, tuple(about_rows(about_dict(site.release, home)))),
    )

    def sheets(plans: list[Plan]) -> xlsx.Sheets:
        return tuple((t.name, tuple(row for p in plans for row in shown[t.name][p.id])) for t in export.TABLES) + notes

    books = {WHOLE_BOOK: sheets(list(c.plans.values()))}
    books.update((plan_book(p.id), sheets([p])) for p in c.plans.values())
    properties = tuple(workbook_properties(site.release, home).items())
    return xlsx.written_elsewhere(books, properties, site.release.created)


def plan_book(plan_id: str) -> str:
    return f"plans/{plan_id}.xlsx"


def files(site: Site, workbooks: Started[dict[str, bytes]] | None = None) -> Iterator[Output]:
    """The downloads and the data page; `workbooks` as begun by `start_workbooks`, or begun now."""
    c = site.catalog
    release = site.release
    absolute = site.links.absolute
    home = absolute(urls.DATA)
    about = about_dict(release, home)
    plans = {plan.id: export.plan_dict(plan, absolute) for plan in c.plans.values()}
    # Each plan's lines go to its own file and into the whole base's: written once for both.
    lines = {t.name: {p.id: export.csv_lines(t, t.rows(p), absolute) for p in c.plans.values()} for t in export.TABLES}
    books = (workbooks or start_workbooks(site)).result()

    base = [
        Resource(
            WHOLE_BOOK,
            books[WHOLE_BOOK],
            "Вся база для таблиц: листы мероприятий, планов, исполнителей, показателей и описание столбцов (XLSX)",
        ),
        Resource(
            "knowledge-base.json",
            export.to_json(export.catalog_dict(c, list(plans.values()), about)),
            "Вся база: регионы, темы, аудитории, виды исполнителей и планы целиком — с этапами, "
            "показателями, текстом документа, исполнителями и мероприятиями (JSON)",
        ),
        *(
            Resource(f"{t.name}.csv", export.to_csv(t, lines[t.name].values()), f"{t.description} (CSV)", t)
            for t in export.TABLES
        ),
    ]
    per_plan: dict[str, list[Resource]] = {}
    for plan in c.plans.values():
        per_plan[plan.id] = [
            Resource(plan_book(plan.id), books[plan_book(plan.id)], "Таблицы плана (XLSX)"),
            Resource(
                f"plans/{plan.id}.csv",
                export.to_csv(export.MEASURES, [lines["measures"][plan.id]]),
                "Мероприятия плана (CSV)",
                export.MEASURES,
            ),
            Resource(f"plans/{plan.id}.json", export.to_json(plans[plan.id]), "План целиком (JSON)"),
            Resource(
                plan_copy(plan.id).removeprefix("data/"),
                (site.content_dir / layout.plan_file(plan.id)).read_bytes(),
                "Файл плана в репозитории (YAML)",
            ),
        ]
    schemas = [
        Resource(
            f"schemas/{name}.schema.json",
            schema.schema_text(name).encode("utf-8"),
            f"JSON Schema {SCHEMA_TITLES.get(name, name)}",
        )
        for name in schema.SCHEMAS
    ]
    schemas.append(
        Resource(
            f"schemas/{DATASET_SCHEMA}.schema.json",
            dataset_schema_text().encode("utf-8"),
            "JSON Schema файлов JSON базы и планов",
        )
    )
    table_schemas = [
        Resource(schema_path(t), _pretty(table_schema(t)), f"Table Schema: {t.description.lower()}")
        for t in export.TABLES
    ]

    published = base + [r for rs in per_plan.values() for r in rs] + schemas + table_schemas
    for r in published:
        if not r.path.endswith(".yaml"):  # the plan's YAML is published with the plan's page
            yield Output(f"data/{r.path}", r.content)
    sources = [
        {"title": f"{p.short_title}: {p.title}", "path": p.source_url or absolute(f"sources/{p.id}.txt")}
        for p in c.plans.values()
    ]
    datapackage = _pretty(package(release, home, base + [r for rs in per_plan.values() for r in rs] + schemas, sources))
    yield Output("data/datapackage.json", datapackage)

    def listed(r: Resource, content_path: str | None = None) -> Download:
        return Download(
            f"data/{r.path}",
            r.path.rsplit("/", 1)[-1],
            r.title,
            len(r.content),
            release.date_of(content_path) if content_path else release.date,
        )

    whole = [listed(r) for r in base]
    whole.append(
        Download(
            "data/datapackage.json",
            "datapackage.json",
            "Описание всех файлов для программ "
            "(Frictionless Data Package): размеры, контрольные суммы, схемы таблиц, лицензия",
            len(datapackage),
            release.date,
        )
    )
    by_plan = []
    for plan in c.plans.values():
        plan_file = layout.plan_file(plan.id)
        source = (site.content_dir / plan.source_file).read_bytes()
        by_plan.append(
            (
                plan,
                [listed(r, plan_file) for r in per_plan[plan.id]]
                + [
                    Download(
                        urls.asset(f"sources/{plan.id}.txt"),
                        f"{plan.id}.txt",
                        "Текст документа-источника",
                        len(source),
                        release.date_of(plan.source_file),
                    )
                ],
            )
        )
    yield Output(
        urls.DATA,
        site.render(
            "data.html.j2",
            urls.DATA,
            release=release,
            about=about,
            whole=whole,
            by_plan=by_plan,
            schemas=[listed(r) for r in schemas + table_schemas],
            tables=export.TABLES,
            type_titles=export.TYPE_TITLES,
            citation_file=site.links.blob("CITATION.cff"),
        ),
    )


def about_dict(release: rel.Release, home: str) -> dict:
    """What the data are and how to cite them: the JSON's "about", the workbook's last sheet."""
    return {
        "title": rel.TITLE,
        "version": release.version,
        "date": release.date.isoformat(),
        "commit": release.commit,
        "publisher": rel.PUBLISHER,
        "url": home,
        "licenses": [
            {"name": lic.name, "title": lic.title, "path": lic.path or f"{home}#license"} for lic in rel.LICENSES
        ],
        "citation": citation(release, home),
    }


def citation(release: rel.Release, home: str) -> str:
    """A reference to the data in the manner of ГОСТ Р 7.0.100 for electronic resources."""
    return (
        f"{rel.TITLE} : набор данных / {rel.PUBLISHER}. — Версия {release.version} от "
        f"{release.date:%d.%m.%Y}. — URL: {home} (дата обращения: ДД.ММ.ГГГГ)."
    )


def about_rows(about: dict) -> Iterator[tuple[str, str]]:
    yield "Набор данных", about["title"]
    yield "Версия", about["version"]
    yield "Дата", about["date"]
    for lic in about["licenses"]:
        yield "Лицензия", f"{lic['title']} ({lic['path']})"
    yield "Как цитировать", about["citation"]
    yield "Страница данных", about["url"]


def workbook_properties(release: rel.Release, home: str) -> dict[str, str]:
    return {
        "title": rel.TITLE,
        "subject": rel.DESCRIPTION,
        "author": rel.PUBLISHER,
        "keywords": ", ".join(rel.KEYWORDS),
        "comments": f"Версия {release.version}. " + ". ".join(lic.title for lic in rel.LICENSES) + ".",
    }


def dataset_schema_text() -> str:
    return resources.files("generator.site").joinpath("schemas", f"{DATASET_SCHEMA}.schema.json").read_text("utf-8")


def _pretty(data: object) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def search_words(site: Site) -> Iterator[Output]:
    """The site's words in every form by first letter, and the query vocabulary, for the search page
    and the catalogue."""
    grouped = search_terms.word_forms(site.catalog)
    # A file for every letter, so that the page never asks for a missing one.
    letters = set("абвгдежзийклмнопрстуфхцчшщъыьэюяabcdefghijklmnopqrstuvwxyz") | set(grouped)
    for letter in sorted(letters):
        yield Output(urls.search_words(letter), export.to_json(grouped.get(letter, {})))
    yield Output(urls.SEARCH_VOCABULARY, export.to_json(search_terms.query_vocabulary(site.catalog)))
