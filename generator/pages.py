"""Everything the site adds to MkDocs: pages (HTML with front matter), data files, search word lists.

Python prepares data for each page (orderings, counts, graphs); the wording and layout live
in the templates. No MkDocs import here: `plugin.py` only hands the outputs to MkDocs.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Callable, Iterator, NamedTuple

from markupsafe import Markup

from . import export, graphs, parallel, schema, search_terms, similarity, timeframes, urls
from .model import Agency, Catalog, Measure, Plan
from .render import Renderer


class Output(NamedTuple):
    """One generated file: its path in the site's sources, its content, the content file it comes from.

    A named tuple: files rendered in a forked worker come back pickled, twice as fast as a dataclass."""

    src: str
    content: str | bytes
    origin: str | None = None


@dataclass(frozen=True)
class Links:
    """Where the repository is, for "edit" and "view the YAML line" links."""

    repo_url: str | None = None
    branch: str = "main"

    def blob(self, path: str, line: int | None = None) -> Markup:
        if not self.repo_url:
            return Markup("")
        anchor = f"#L{line}" if line else ""
        return Markup(f"{self.repo_url.rstrip('/')}/blob/{self.branch}/{path}{anchor}")


CATALOGUE_PAGE = 200
# Plans in one page of the plans list.
PLANS_PAGE = 100
# Glossary entries on one page.
GLOSSARY_PAGE = 200
# A topic with more measures than this lists its regions, each region's measures on a page of its own.
TOPIC_INLINE = 150


def _paginate(items: list, size: int, first: str, nth: Callable[[int], str]) -> list[tuple[str, list]]:
    """(src, items) for each page of at most `size` items: the first page at `first`, page n at `nth(n)`."""
    chunks = [items[i:i + size] for i in range(0, len(items), size)] or [[]]
    return [(first if n == 1 else nth(n), chunk) for n, chunk in enumerate(chunks, 1)]


def _numbered(pages: list[tuple[str, list]]) -> list[tuple[str, str]]:
    """(label, src) of each page for the pager ("Страницы: 1 · 2 · 3"); none for a single page."""
    return [(str(n), src) for n, (src, _) in enumerate(pages, 1)] if len(pages) > 1 else []


def _plan_file(plan_id: str) -> str:
    """A plan's YAML file, as a path in content/."""
    return f"plans/{plan_id}.yaml"


def _plan_copy(plan_id: str) -> str:
    """The copy of a plan's YAML file published with the site."""
    return urls.asset(f"data/{_plan_file(plan_id)}")


def _years_text(years: tuple[int, ...]) -> str:
    if not years:
        return ""
    if list(years) == list(range(years[0], years[-1] + 1)) and len(years) > 1:
        return f"{years[0]}–{years[-1]}"
    return ", ".join(map(str, years))


class SiteBuilder:
    """Turns a Catalog into the generated part of the site."""

    def __init__(self, catalog: Catalog, content_dir: Path, renderer: Renderer, links: Links, project_dir: Path) -> None:
        self.catalog = catalog
        self.content_dir = content_dir
        self.renderer = renderer
        self.links = links
        self.project_dir = project_dir
        self.similar = similarity.Similarity(catalog)
        renderer.start_build()
        self._repo_paths: dict[str, str] = {}

    def repo_path(self, content_path: str) -> str:
        """A file's path in the repository from its path in content/ ("plans/x.yaml"), for links to it.

        Asked for every measure's plan file: resolved once per file, not once per page."""
        if content_path not in self._repo_paths:
            path = self.content_dir / content_path
            try:
                self._repo_paths[content_path] = path.resolve().relative_to(self.project_dir.resolve()).as_posix()
            except ValueError:
                self._repo_paths[content_path] = path.as_posix()
        return self._repo_paths[content_path]

    def outputs(self) -> list[Output]:
        """Every generated file, in a stable order; a large catalog is rendered on every core (parallel.py)."""
        return [output for files in parallel.run(self.tasks()) for output in files]

    def tasks(self) -> list[tuple[float, Callable[[], list[Output]]]]:
        """The work as (cost, task) in output order; a cost is about the milliseconds the task takes."""
        c = self.catalog
        tasks: list[tuple[float, Callable[[], list[Output]]]] = [(0.17 * len(c.measures) + 10, lambda: [
            *self.index_pages(), *self.catalogue_pages(), *self.data_files(), *self.search_words(),
            self.compare_page(), *(self.region_page(r) for r in c.regions.values())])]
        tasks += [(0.57 * len(p.measures) + 3, partial(self.plan_pages, p)) for p in c.plans.values()]
        tasks += [(0.9, lambda a=a: [self.agency_page(a)]) for a in c.agencies.values()]
        tasks.append((len(c.kinds), lambda: [self.agency_kind_page(k) for k in c.kinds.values()]))
        tasks += [(0.025 * len(c.measures_by_topic[t.id]) + 0.5, lambda t=t: list(self.topic_pages(t)))
                  for t in c.topics.values()]
        return tasks

    def plan_pages(self, plan: Plan) -> list[Output]:
        """A plan's page and files, then its measures' pages."""
        measures = plan.measures
        return [*self.plan_files(plan), *(
            self.measure_page(m, measures[i - 1] if i else None, measures[i + 1] if i + 1 < len(measures) else None)
            for i, m in enumerate(measures))]

    def yaml_url(self, plan_id: str, src: str, line: int | None = None) -> Markup:
        """Where "the YAML" links from the page at `src` go: the plan file (at `line`) in the
        repository, or the copy published with the site when no repository is configured."""
        return self.links.blob(self.repo_path(_plan_file(plan_id)), line) or Markup(urls.href(src, _plan_copy(plan_id)))

    def render(self, template: str, src: str, **context: object) -> str:
        name = template.removesuffix(".html.j2")
        return self.renderer.render([f"{name}-custom.html.j2", template], src, catalog=self.catalog, **context)

    # -- graphs --------------------------------------------------------------------------

    def agency_graph_svg(self, graph, src: str, graph_id: str, title: str, desc: str, caption: str,
                         focus: str | None = None) -> Markup:
        kinds = list(self.catalog.kinds)
        agencies = self.catalog.agencies
        nodes, edges = graphs.drawing(
            graph,
            label=lambda n: agencies[n].label,
            title=lambda n: f"{agencies[n].name} ({graph.nodes[n]['measures']})",
            href=lambda n: urls.href(src, urls.agency(agencies[n])),
            color_key=lambda n: kinds.index(agencies[n].kind.id),
        )
        return Markup(self.renderer.render("graph.svg.j2", src, nodes=nodes, edges=edges, width=graphs.WIDTH,
                                           height=graphs.HEIGHT, graph_id=graph_id, title=title, desc=desc,
                                           caption=caption, focus=focus))

    # -- pages ---------------------------------------------------------------------------

    def index_pages(self) -> Iterator[Output]:
        c = self.catalog
        yield Output(urls.REGIONS, self.render("regions.html.j2", urls.REGIONS, measures_in_region={
            r: sum(len(p.measures) for p in c.plans_by_region[r]) for r in c.regions}))
        yield from self.plans_pages()
        yield Output(urls.AGENCIES, self.render("agencies.html.j2", urls.AGENCIES))
        yield Output(urls.TOPICS, self.render("topics.html.j2", urls.TOPICS, regions_by_topic={
            t: len({m.plan.region.id for m in c.measures_by_topic[t]}) for t in c.topics}))
        yield from self.glossary_pages()
        graph = graphs.kind_graph(c)
        kinds = list(c.kinds)
        nodes, edges = graphs.drawing(
            graph, label=lambda n: c.kinds[n].title, title=lambda n: f"{c.kinds[n].title} ({graph.nodes[n]['measures']})",
            href=lambda n: urls.href(urls.COLLABORATION, urls.agency_kind(c.kinds[n])),
            color_key=lambda n: kinds.index(n))
        svg = Markup(self.renderer.render(
            "graph.svg.j2", urls.COLLABORATION, nodes=nodes, edges=edges, width=graphs.WIDTH, height=graphs.HEIGHT,
            graph_id="kinds", title="Взаимодействие видов исполнителей во всех регионах",
            desc=f"{graph.number_of_nodes()} видов исполнителей, {graph.number_of_edges()} связей",
            caption="Размер вершины — число мероприятий с исполнителями этого вида; толщина линии — число общих мероприятий.",
            focus=None))
        yield Output(urls.COLLABORATION, self.render("collaboration.html.j2", urls.COLLABORATION, graph=svg,
                                                     strongest=graphs.strongest(graph, 15)))

    # -- discovery -----------------------------------------------------------------------

    def plans_pages(self) -> Iterator[Output]:
        """The list of plans with their files, PLANS_PAGE plans to a page."""
        pages = _paginate(list(self.catalog.plans.values()), PLANS_PAGE, urls.PLANS, urls.plans_page)
        for n, (src, chunk) in enumerate(pages):
            yield Output(src, self.render("plans.html.j2", src, plans=chunk, total=len(self.catalog.plans),
                                          parts=_numbered(pages), part=n))

    def catalogue_row(self, m: Measure) -> dict[str, object]:
        return {
            "region": m.plan.region.id, "region_name": m.plan.region.name, "region_src": urls.region(m.plan.region),
            "plan": m.plan.id, "number": m.number, "title": m.title, "src": urls.measure(m),
            "topics": [t.id for t in m.topics], "topic_titles": [t.title for t in m.topics],
            "topic_srcs": [(urls.topic(t), t.title) for t in m.topics],
            "audiences": [a.id for a in m.audiences], "audience_titles": [a.title for a in m.audiences],
            "years": list(m.timeframe.all_years), "years_text": _years_text(m.timeframe.all_years),
            "kinds": sorted({a.kind.id for a in m.agencies}), "lead": m.lead.label, "lead_src": urls.agency(m.lead),
        }

    def catalogue_pages(self) -> Iterator[Output]:
        rows = [self.catalogue_row(m) for m in self.catalog.measures]
        pages = _paginate(rows, CATALOGUE_PAGE, urls.CATALOGUE, urls.catalogue_page)
        years = sorted({y for r in rows for y in r["years"]})
        for n, (src, chunk) in enumerate(pages, 1):
            yield Output(src, self.render("catalogue.html.j2", src, rows=chunk, total=len(rows), pages=len(pages),
                                          page_number=n, parts=_numbered(pages), years=years,
                                          json_href=urls.href(src, urls.CATALOGUE_JSON)))
        compact = [{"r": r["region"], "n": r["number"], "t": r["title"], "u": urls.page_url(r["src"]),
                    "tp": r["topics"], "a": r["audiences"], "y": r["years"], "k": r["kinds"], "l": r["lead"],
                    "lu": urls.page_url(r["lead_src"])} for r in rows]
        meta = {"regions": {r.id: r.name for r in self.catalog.regions.values()},
                "topics": {t.id: t.title for t in self.catalog.topics.values()},
                "audiences": {a.id: a.title for a in self.catalog.audiences.values()}}
        yield Output(urls.CATALOGUE_JSON, export.to_json({"meta": meta, "rows": compact}))

    def search_words(self) -> Iterator[Output]:
        """The site's words by first letter, for the search page's spelling suggestions."""
        grouped = search_terms.dictionary(self.catalog)
        # A file for every letter, so that the page never asks for a missing one.
        letters = set("абвгдежзийклмнопрстуфхцчшщъыьэюяabcdefghijklmnopqrstuvwxyz") | set(grouped)
        for letter in sorted(letters):
            yield Output(urls.search_words(letter), export.to_json(grouped.get(letter, [])))
        abbreviations = {abbr.lower(): expansions[0] for abbr, expansions in self.catalog.vocabulary.abbreviations}
        yield Output(urls.SEARCH_ABBREVIATIONS, export.to_json(abbreviations))

    def compare_page(self) -> Output:
        matrix = {t: {r: 0 for r in self.catalog.regions} for t in self.catalog.topics}
        for m in self.catalog.measures:
            for t in m.topics:
                matrix[t.id][m.plan.region.id] += 1
        cells = {t: {r: (urls.topic_region(self.catalog.topics[t], self.catalog.regions[r]), None)
                     if self.topic_is_split(self.catalog.topics[t]) else (urls.topic(self.catalog.topics[t]), r)
                     for r in self.catalog.regions} for t in self.catalog.topics}
        return Output(urls.COMPARE, self.render("compare.html.j2", urls.COMPARE, matrix=matrix, cells=cells))

    def data_files(self) -> Iterator[Output]:
        measure_url = lambda m: urls.page_url(urls.measure(m))  # noqa: E731
        # Each plan's data goes to its own files and into the whole base's: built once for both.
        plans = {plan.id: export.plan_dict(plan, measure_url) for plan in self.catalog.plans.values()}
        lines = {plan.id: export.csv_lines(export.csv_row(m, measure_url(m)) for m in plan.measures)
                 for plan in self.catalog.plans.values()}
        yield Output("data/knowledge-base.json", export.to_json(export.catalog_dict(self.catalog, list(plans.values()))))
        yield Output("data/measures.csv", export.to_csv(lines.values()))
        for plan in self.catalog.plans.values():
            yield Output(f"data/plans/{plan.id}.json", export.to_json(plans[plan.id]))
            yield Output(f"data/plans/{plan.id}.csv", export.to_csv([lines[plan.id]]))
        for name in schema.SCHEMAS:
            yield Output(f"data/schemas/{name}.schema.json", schema.schema_text(name).encode("utf-8"))
        titles = {name: schema.load_schema(name).get("description", name) for name in schema.SCHEMAS}
        yield Output(urls.DATA, self.render("data.html.j2", urls.DATA, schemas=schema.SCHEMAS, schema_titles=titles,
                                            columns=export.CSV_COLUMNS))

    def glossary_pages(self) -> Iterator[Output]:
        """The glossary; once agencies' abbreviations make it long, pages of GLOSSARY_PAGE entries,
        each named by its first and last abbreviation, as the guide words of a printed dictionary."""
        pages = _paginate(self.glossary(), GLOSSARY_PAGE, urls.GLOSSARY, urls.glossary_page)
        parts = [(f"{chunk[0]['abbr']} — {chunk[-1]['abbr']}", src) for src, chunk in pages] if len(pages) > 1 else []
        for n, (src, chunk) in enumerate(pages):
            yield Output(src, self.render("glossary.html.j2", src, entries=chunk, parts=parts, part=n))

    def glossary(self) -> list[dict[str, object]]:
        entries: dict[str, dict[str, object]] = {}
        for term in self.catalog.terms:
            entries[term.abbr] = {"abbr": term.abbr, "expansion": term.expansion + (f" ({term.note})" if term.note else ""),
                                  "links": []}
        for agency in self.catalog.agencies.values():
            for short in agency.short_names:
                entry = entries.setdefault(short, {"abbr": short, "expansion": agency.name, "links": []})
                entry["links"].append((urls.agency(agency), f"{agency.name} ({agency.region.name})"))
        ordered = sorted(entries.values(), key=lambda e: (str(e["abbr"]).lower(), str(e["abbr"])))
        seen: Counter[str] = Counter()
        for entry in ordered:
            base = "term-" + urls.anchor(str(entry["abbr"]))
            seen[base] += 1
            entry["anchor"] = base if seen[base] == 1 else f"{base}-{seen[base]}"
        return ordered

    def region_page(self, region) -> Output:
        src = urls.region(region)
        plans = self.catalog.plans_by_region[region.id]
        measures = [m for p in plans for m in p.measures]
        return Output(src, self.render("region.html.j2", src, region=region, plans=plans,
                                       terms=search_terms.page_terms(self.catalog, region, region.name),
                                       coverage=self.coverage(measures),
                                       agencies=self.catalog.agencies_by_region[region.id]))

    def coverage(self, measures: list[Measure]) -> list[tuple[object, int]]:
        counts = Counter(t.id for m in measures for t in m.topics)
        return [(t, counts[t.id]) for t in self.catalog.topics.values() if counts[t.id]]

    def plan_files(self, plan: Plan) -> Iterator[Output]:
        src = urls.plan(plan)
        plan_path = _plan_file(plan.id)
        source_src = urls.asset(f"sources/{plan.id}.txt")
        yield Output(source_src, (self.content_dir / plan.source_file).read_bytes(), self.repo_path(plan.source_file))
        yield Output(_plan_copy(plan.id), (self.content_dir / plan_path).read_bytes(), self.repo_path(plan_path))

        graph = graphs.collaboration_graph(plan.measures)
        svg = self.agency_graph_svg(
            graph, src, f"plan-{plan.id}", f"Граф взаимодействия исполнителей: {plan.short_title}",
            f"{graph.number_of_nodes()} исполнителей, {graph.number_of_edges()} связей между ними",
            "Размер вершины — число мероприятий исполнителя; толщина линии — число общих мероприятий.")
        years = Counter(y for m in plan.measures for y in m.timeframe.all_years)
        timeline = sorted(years.items())
        coverage = self.coverage(list(plan.measures))
        covered = {t.id for t, _ in coverage}
        yield Output(src, self.render(
            "plan.html.j2", src, plan=plan, graph=svg, strongest=graphs.strongest(graph, 10), timeline=timeline,
            timeline_max=max((n for _, n in timeline), default=1), coverage=coverage,
            missing_topics=[t for t in self.catalog.topics.values() if t.id not in covered],
            terms=search_terms.page_terms(self.catalog, plan.region, plan.title + " " + " ".join(m.title for m in plan.measures)),
            source_src=source_src, yaml_url=self.yaml_url(plan.id, src)), self.repo_path(plan_path))

    def measure_page(self, measure: Measure, previous: Measure | None, next_: Measure | None) -> Output:
        src = urls.measure(measure)
        sections = []
        section = measure.section
        while section is not None:
            if section.number or section.title:
                sections.insert(0, section)
            section = section.parent
        return Output(src, self.render(
            "measure.html.j2", src, measure=measure, sections=sections, when=timeframes.describe(measure.timeframe),
            grades=search_terms.grades(measure), similar=self.similar[measure.key], terms=search_terms.measure_terms(self.catalog, measure), previous=previous, next=next_,
            yaml_line_url=self.yaml_url(measure.plan.id, src, measure.line)), self.repo_path(_plan_file(measure.plan.id)))

    def agency_page(self, agency: Agency) -> Output:
        src = urls.agency(agency)
        measures = self.catalog.measures_by_agency[agency.id]
        led = [m for m in measures if m.lead is agency]
        co = [m for m in measures if m.lead is not agency]
        plans = sorted({m.plan.id: m.plan for m in measures}.values(), key=lambda p: p.id) or [
            self.catalog.plans[agency.plan_id]]
        graph = graphs.ego_graph(self.catalog, agency)
        # Every partner the drawing shows, strongest first: the table is the drawing's text alternative.
        strongest = sorted(((self.catalog.agencies[other], data["weight"])
                            for other, data in graph[agency.id].items()),
                           key=lambda x: (-x[1], x[0].id))
        svg = self.agency_graph_svg(
            graph, src, f"agency-{agency.id}", f"С кем работает: {agency.name}",
            f"{len(strongest)} исполнителей, с которыми у него есть общие мероприятия",
            "Вершины — исполнители, с которыми есть общие мероприятия; толщина линии — их число.", focus=agency.id
        ) if strongest else Markup("")
        terms = search_terms.page_terms(self.catalog, agency.region, agency.name + " " + " ".join(agency.short_names))
        return Output(src, self.render("agency.html.j2", src, agency=agency, plans=plans, led=led, co=co, terms=terms,
                                       graph=svg, strongest=strongest), self.repo_path(_plan_file(agency.plan_id)))

    def agency_kind_page(self, kind) -> Output:
        """The agencies of one kind, by region: the agencies index itself only counts them."""
        src = urls.agency_kind(kind)
        by_region = [(region, agencies) for region in self.catalog.regions.values()
                     if (agencies := [a for a in self.catalog.agencies_by_region[region.id] if a.kind is kind])]
        return Output(src, self.render("agency-kind.html.j2", src, kind=kind, by_region=by_region))

    def topic_pages(self, topic) -> Iterator[Output]:
        """A topic page; a large topic lists regions on it and each region's measures on a page of its own."""
        src = urls.topic(topic)
        measures = self.catalog.measures_by_topic[topic.id]
        by_region = []
        for region in self.catalog.regions.values():
            plans = [(p, [m for m in measures if m.plan is p]) for p in self.catalog.plans_by_region[region.id]]
            plans = [(p, ms) for p, ms in plans if ms]
            if plans:
                by_region.append((region, plans))
        present = {r.id for r, _ in by_region}
        missing = [r for r in self.catalog.regions.values() if r.id not in present]
        split = self.topic_is_split(topic)
        yield Output(src, self.render("topic.html.j2", src, topic=topic, measures=measures, by_region=by_region,
                                      missing=missing, split=split))
        if split:
            for region, plans in by_region:
                sub = urls.topic_region(topic, region)
                yield Output(sub, self.render("topic-region.html.j2", sub, topic=topic, region=region, plans=plans))

    def topic_is_split(self, topic) -> bool:
        return len(self.catalog.measures_by_topic[topic.id]) > TOPIC_INLINE
