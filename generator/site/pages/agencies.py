"""Agencies: the index of kinds, a page per kind and per agency, and who works with whom."""

from __future__ import annotations

from markupsafe import Markup

from ...content import layout
from ...content.model import Agency, AgencyKind
from .. import graphs, search_terms, urls
from ..build import Output, Site


def index(site: Site) -> Output:
    return Output(urls.AGENCIES, site.render("agencies.html.j2", urls.AGENCIES))


def collaboration(site: Site) -> Output:
    """Kinds of agency as a graph: which kinds share measures, across all regions."""
    c = site.catalog
    graph = graphs.kind_graph(c)
    kinds = list(c.kinds)
    svg = site.graph_svg(graph, urls.COLLABORATION, dict(
        label=lambda n: c.kinds[n].title, title=lambda n: f"{c.kinds[n].title} ({graph.nodes[n]['measures']})",
        href=lambda n: urls.href(urls.COLLABORATION, urls.agency_kind(c.kinds[n])),
        color_key=lambda n: kinds.index(n)),
        graph_id="kinds", title="Взаимодействие видов исполнителей во всех регионах",
        desc=f"{graph.number_of_nodes()} видов исполнителей, {graph.number_of_edges()} связей",
        caption="Размер вершины — число мероприятий с исполнителями этого вида; толщина линии — число общих мероприятий.",
        focus=None)
    return Output(urls.COLLABORATION, site.render("collaboration.html.j2", urls.COLLABORATION, graph=svg,
                                                  strongest=graphs.strongest(graph, 15)))


def page(site: Site, agency: Agency) -> Output:
    c = site.catalog
    src = urls.agency(agency)
    measures = c.measures_by_agency[agency.id]
    led = [m for m in measures if m.lead is agency]
    co = [m for m in measures if m.lead is not agency]
    plans = sorted({m.plan.id: m.plan for m in measures}.values(), key=lambda p: p.id) or [c.plans[agency.plan_id]]
    graph = graphs.ego_graph(c, agency)
    # Every partner the drawing shows, strongest first: the table is the drawing's text alternative.
    strongest = sorted(((c.agencies[other], data["weight"]) for other, data in graph[agency.id].items()),
                       key=lambda x: (-x[1], x[0].id))
    svg = site.agency_graph_svg(
        graph, src, f"agency-{agency.id}", f"С кем работает: {agency.name}",
        f"{len(strongest)} исполнителей, с которыми у него есть общие мероприятия",
        "Вершины — исполнители, с которыми есть общие мероприятия; толщина линии — их число.", focus=agency.id
    ) if strongest else Markup("")
    terms = search_terms.page_terms(c, agency.region, agency.name + " " + " ".join(agency.short_names))
    return Output(src, site.render("agency.html.j2", src, agency=agency, plans=plans, led=led, co=co, terms=terms,
                                   graph=svg, strongest=strongest), site.repo_path(layout.plan_file(agency.plan_id)))


def kind_page(site: Site, kind: AgencyKind) -> Output:
    """The agencies of one kind, by region: the agencies index itself only counts them."""
    src = urls.agency_kind(kind)
    by_region = [(region, agencies) for region in site.catalog.regions.values()
                 if (agencies := [a for a in site.catalog.agencies_by_region[region.id] if a.kind is kind])]
    return Output(src, site.render("agency-kind.html.j2", src, kind=kind, by_region=by_region))
