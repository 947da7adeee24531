"""Agencies: the index of kinds, a page per kind and per agency, and who works with whom."""

from __future__ import annotations

import re

from markupsafe import Markup

from ...content import layout
from ...content.model import Agency, AgencyKind
from .. import graphs, search_terms, urls
from ..build import Output, Site
from ..render import plural


def index(site: Site) -> Output:
    return Output(urls.AGENCIES, site.render("agencies.html.j2", urls.AGENCIES))


def alphabet(site: Site) -> Output:
    """Every agency of every region by the first letter of its name, for a reader who knows the name."""
    letters: dict[str, list[Agency]] = {}
    for agency in sorted(site.catalog.agencies.values(), key=lambda a: (_sort_key(a.name), a.id)):
        letters.setdefault(_sort_key(agency.name)[:1].upper() or "#", []).append(agency)
    return Output(
        urls.AGENCIES_AZ,
        site.render(
            "agencies-az.html.j2",
            urls.AGENCIES_AZ,
            letters=[(letter, f"letter-{ord(letter):04x}", agencies) for letter, agencies in letters.items()],
        ),
    )


def _sort_key(name: str) -> str:
    """A name as a Russian reader alphabetises it: quotes and other marks first dropped, ё as е."""
    return re.sub(r"^[^\wЁё]+", "", name).lower().replace("ё", "е")


def collaboration(site: Site) -> Output:
    """Kinds of agency as a graph: which kinds share measures, across all regions."""
    c = site.catalog
    graph = graphs.kind_graph(c)
    kinds = list(c.kinds)
    svg = site.graph_svg(
        graph,
        urls.COLLABORATION,
        dict(
            label=lambda n: c.kinds[n].title,
            title=lambda n: f"{c.kinds[n].title} ({graph.nodes[n]['measures']})",
            href=lambda n: urls.href(urls.COLLABORATION, urls.agency_kind(c.kinds[n])),
            color_key=lambda n: kinds.index(n),
        ),
        graph_id="kinds",
        title="Взаимодействие видов исполнителей во всех регионах",
        desc=f"{graph.number_of_nodes()} видов исполнителей, {graph.number_of_edges()} связей",
        caption="Размер вершины — число мероприятий с исполнителями этого вида; "
        "толщина линии — число общих мероприятий.",
        focus=None,
        legend=None,
    )
    return Output(
        urls.COLLABORATION,
        site.render("collaboration.html.j2", urls.COLLABORATION, graph=svg, strongest=graphs.strongest(graph, 15)),
    )


def page(site: Site, agency: Agency) -> Output:
    c = site.catalog
    src = urls.agency(agency)
    measures = c.measures_by_agency[agency.id]
    led = [m for m in measures if m.lead is agency]
    co = [m for m in measures if m.lead is not agency]
    plans = sorted({m.plan.id: m.plan for m in measures}.values(), key=lambda p: p.id) or [c.plans[agency.plan_id]]
    # Every partner, strongest first: the table is the drawing's text alternative, and goes on
    # past the strongest partners that the drawing shows.
    strongest = graphs.partners(c, agency)
    graph = graphs.ego_graph(c, agency)
    shown = graph.number_of_nodes() - 1
    more = f"; показаны {shown} с наибольшим числом общих мероприятий" if shown < len(strongest) else ""
    svg = (
        site.agency_graph_svg(
            graph,
            src,
            f"agency-{agency.id}",
            f"С кем работает: {agency.name}",
            f"{plural(len(strongest), 'исполнитель', 'исполнителя', 'исполнителей')}, с которыми у него есть общие "
            f"мероприятия{more}",
            "В центре — этот исполнитель, вокруг — те, с кем у него есть общие мероприятия, сильнейшие связи сверху; "
            "толщина линии — число общих мероприятий." + (more and f" Показаны {shown} из {len(strongest)}."),
            focus=agency.id,
        )
        if strongest
        else Markup("")
    )
    terms = search_terms.page_terms(c, agency.region, agency.name + " " + " ".join(agency.short_names))
    return Output(
        src,
        site.render(
            "agency.html.j2",
            src,
            agency=agency,
            plans=plans,
            led=led,
            co=co,
            terms=terms,
            graph=svg,
            strongest=strongest,
        ),
        site.repo_path(layout.plan_file(agency.plan_id)),
    )


def kind_page(site: Site, kind: AgencyKind) -> Output:
    """The agencies of one kind, by region: the agencies index itself only counts them."""
    src = urls.agency_kind(kind)
    by_region = [
        (region, agencies)
        for region in site.catalog.regions.values()
        if (agencies := [a for a in site.catalog.agencies_by_region[region.id] if a.kind is kind])
    ]
    return Output(src, site.render("agency-kind.html.j2", src, kind=kind, by_region=by_region))
