"""Plans: the list of plans, each plan's page and files, and its measures' pages."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ...content import layout, timeframes
from ...content.model import Measure, Plan
from .. import dating, graphs, search_terms, urls
from ..build import Output, Site, numbered, paginate, plan_copy

# Plans in one page of the plans list.
PLANS_PAGE = 100


def lists(site: Site) -> Iterator[Output]:
    """The list of plans with their files, PLANS_PAGE plans to a page."""
    plans = list(site.catalog.plans.values())
    chunks = paginate(plans, PLANS_PAGE, urls.PLANS, urls.plans_page)
    for n, (src, chunk) in enumerate(chunks):
        yield Output(
            src, site.render("plans.html.j2", src, plans=chunk, total=len(plans), parts=numbered(chunks), part=n)
        )


def pages(site: Site, plan: Plan) -> list[Output]:
    """A plan's page and files, then its measures' pages."""
    measures = plan.measures
    return [
        *files(site, plan),
        *(
            measure_page(site, m, measures[i - 1] if i else None, measures[i + 1] if i + 1 < len(measures) else None)
            for i, m in enumerate(measures)
        ),
    ]


def files(site: Site, plan: Plan) -> Iterator[Output]:
    """The plan's source text and YAML as published files, then the plan's page."""
    src = urls.plan(plan)
    plan_path = layout.plan_file(plan.id)
    source_src = urls.asset(f"sources/{plan.id}.txt")
    yield Output(source_src, (site.content_dir / plan.source_file).read_bytes(), site.repo_path(plan.source_file))
    yield Output(plan_copy(plan.id), (site.content_dir / plan_path).read_bytes(), site.repo_path(plan_path))

    graph = graphs.collaboration_graph(plan.measures)
    drawn = graphs.readable(graph)
    svg = site.agency_graph_svg(
        drawn,
        src,
        f"plan-{plan.id}",
        f"Граф взаимодействия исполнителей: {plan.short_title}",
        f"{graph.number_of_nodes()} исполнителей, {graph.number_of_edges()} связей между ними; "
        f"у каждого показаны {graphs.TIES_PER_NODE} самые сильные связи",
        "Номер вершины — строка списка под графом; размер вершины — число мероприятий исполнителя; "
        f"линии — по {graphs.TIES_PER_NODE} самые сильные связи каждого исполнителя, толщина — число общих "
        "мероприятий"
        + (
            f"; показаны {drawn.number_of_nodes()} исполнителей с наибольшим числом мероприятий."
            if drawn.number_of_nodes() < graph.number_of_nodes()
            else "."
        ),
    )
    years = Counter(y for m in plan.measures for y in m.timeframe.all_years)
    timeline = sorted(years.items())
    coverage = site.coverage(list(plan.measures))
    covered = {t.id for t, _ in coverage}
    terms = search_terms.page_terms(
        site.catalog, plan.region, plan.title + " " + " ".join(m.title for m in plan.measures)
    )
    yield Output(
        src,
        site.render(
            "plan.html.j2",
            src,
            plan=plan,
            graph=svg,
            strongest=graphs.strongest(graph, 10),
            timeline=timeline,
            timeline_max=max((n for _, n in timeline), default=1),
            schedule=dating.plan_groups(plan.measures),
            describe=timeframes.describe,
            coverage=coverage,
            missing_topics=[t for t in site.catalog.topics.values() if t.id not in covered],
            terms=terms,
            source_src=source_src,
            yaml_url=site.yaml_url(plan.id, src),
        ),
        site.repo_path(plan_path),
    )


def measure_page(site: Site, measure: Measure, previous: Measure | None, next_: Measure | None) -> Output:
    src = urls.measure(measure)
    sections = []
    section = measure.section
    while section is not None:
        if section.number or section.title:
            sections.insert(0, section)
        section = section.parent
    return Output(
        src,
        site.render(
            "measure.html.j2",
            src,
            measure=measure,
            sections=sections,
            when=timeframes.describe(measure.timeframe),
            grades=search_terms.grades(measure),
            months=search_terms.months(measure),
            similar=site.similar[measure.key],
            terms=search_terms.measure_terms(site.catalog, measure),
            previous=previous,
            next=next_,
            yaml_line_url=site.yaml_url(measure.plan.id, src, measure.line),
        ),
        site.repo_path(layout.plan_file(measure.plan.id)),
    )
