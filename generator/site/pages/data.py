"""Downloads: the data page, JSON and CSV of every plan and of the whole base, the schemas,
and the word lists the search page reads."""

from __future__ import annotations

from typing import Iterator

from ...content import schema
from .. import export, search_terms, urls
from ..build import Output, Site


def files(site: Site) -> Iterator[Output]:
    c = site.catalog
    measure_url = lambda m: urls.page_url(urls.measure(m))  # noqa: E731
    # Each plan's data goes to its own files and into the whole base's: built once for both.
    plans = {plan.id: export.plan_dict(plan, measure_url) for plan in c.plans.values()}
    lines = {plan.id: export.csv_lines(export.csv_row(m, measure_url(m)) for m in plan.measures)
             for plan in c.plans.values()}
    yield Output("data/knowledge-base.json", export.to_json(export.catalog_dict(c, list(plans.values()))))
    yield Output("data/measures.csv", export.to_csv(lines.values()))
    for plan in c.plans.values():
        yield Output(f"data/plans/{plan.id}.json", export.to_json(plans[plan.id]))
        yield Output(f"data/plans/{plan.id}.csv", export.to_csv([lines[plan.id]]))
    for name in schema.SCHEMAS:
        yield Output(f"data/schemas/{name}.schema.json", schema.schema_text(name).encode("utf-8"))
    titles = {name: schema.load_schema(name).get("description", name) for name in schema.SCHEMAS}
    yield Output(urls.DATA, site.render("data.html.j2", urls.DATA, schemas=schema.SCHEMAS, schema_titles=titles,
                                        columns=export.CSV_COLUMNS))


def search_words(site: Site) -> Iterator[Output]:
    """The site's words in every form by first letter, and the query vocabulary, for the search page and the catalogue."""
    grouped = search_terms.word_forms(site.catalog)
    # A file for every letter, so that the page never asks for a missing one.
    letters = set("абвгдежзийклмнопрстуфхцчшщъыьэюяabcdefghijklmnopqrstuvwxyz") | set(grouped)
    for letter in sorted(letters):
        yield Output(urls.search_words(letter), export.to_json(grouped.get(letter, {})))
    yield Output(urls.SEARCH_VOCABULARY, export.to_json(search_terms.query_vocabulary(site.catalog)))
