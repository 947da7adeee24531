"""Agency-collaboration graphs and their deterministic SVG drawings.

Two agencies collaborate when they are responsible for the same measure; the edge weight is
the number of such measures. The SVG comes from a Jinja template with a seeded layout and
rounded coordinates, nodes and edges in sorted order, so the same content gives the same bytes.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import combinations

import networkx as nx

from ..content.model import Agency, Catalog, Measure

# The drawing is made for a phone's column (about 340 CSS px) and shown at most ~1.4 times that
# on a desktop (kb.css), so its labels stay between 12 and 18 CSS px.
WIDTH = HEIGHT = 360
RING = 140
FONT = 13
# An agency's graph draws its strongest partners; a plan's, its busiest agencies with their strongest ties.
EGO_PARTNERS = 12
PLAN_NODES = 30
TIES_PER_NODE = 2
PALETTE = (
    "#1565c0",
    "#c62828",
    "#2e7d32",
    "#6a1b9a",
    "#ef6c00",
    "#00838f",
    "#4e342e",
    "#ad1457",
    "#283593",
    "#558b2f",
    "#37474f",
    "#9e7600",
)


def collaboration_graph(measures: Iterable[Measure]) -> nx.Graph:
    """Agencies as nodes (with their measure count), shared measures as weighted edges."""
    counts: dict[str, int] = {}
    agencies: dict[str, Agency] = {}
    weights: dict[tuple[str, str], int] = {}
    for measure in measures:
        ids = sorted({a.id for a in measure.agencies})
        for a in measure.agencies:
            agencies[a.id] = a
        for agency_id in ids:
            counts[agency_id] = counts.get(agency_id, 0) + 1
        for pair in combinations(ids, 2):
            weights[pair] = weights.get(pair, 0) + 1
    return _graph(
        [(agency_id, {"agency": agencies[agency_id], "measures": counts[agency_id]}) for agency_id in sorted(agencies)],
        weights,
    )


def partners(catalog: Catalog, agency: Agency) -> list[tuple[Agency, int]]:
    """Everyone the agency shares a measure with, and how many, strongest first (ties by id)."""
    shared: dict[str, int] = {}
    for measure in catalog.measures_by_agency[agency.id]:
        for other in {a.id for a in measure.agencies} - {agency.id}:
            shared[other] = shared.get(other, 0) + 1
    return sorted(((catalog.agencies[a], n) for a, n in shared.items()), key=lambda x: (-x[1], x[0].id))


def ego_graph(catalog: Catalog, agency: Agency, limit: int = EGO_PARTNERS) -> nx.Graph:
    """The agency and its `limit` strongest partners, one edge to each: a star, so that an agency
    named in a measure with a hundred others draws a hundred and one nodes at most, not the
    ten thousand ties among the others."""
    shown = partners(catalog, agency)[:limit]
    measures = catalog.measures_by_agency
    nodes = [
        (a.id, {"agency": a, "measures": len(measures[a.id])})
        for a in sorted([agency, *(a for a, _ in shown)], key=lambda a: a.id)
    ]
    return _graph(nodes, {(min(agency.id, a.id), max(agency.id, a.id)): n for a, n in shown})


def readable(graph: nx.Graph, nodes: int = PLAN_NODES, ties: int = TIES_PER_NODE) -> nx.Graph:
    """A dense graph thinned for reading: its `nodes` busiest nodes, each with its `ties` strongest
    edges (an edge kept by either end stays). Every drawn node keeps at least one line."""
    busiest = sorted(graph.nodes, key=lambda n: (-graph.nodes[n]["measures"], n))[:nodes]
    sub = graph.subgraph(busiest)
    keep: set[tuple[str, str]] = set()
    for n in busiest:
        edges = sorted(sub[n].items(), key=lambda e: (-e[1]["weight"], e[0]))[:ties]
        keep.update((min(n, m), max(n, m)) for m, _ in edges)
    weights = {(a, b): sub[a][b]["weight"] for a, b in keep}
    return _graph([(n, dict(graph.nodes[n])) for n in sorted(busiest)], weights)


def kind_graph(catalog: Catalog) -> nx.Graph:
    """Agency kinds across all regions: an edge counts measures that join two kinds."""
    counts: dict[str, int] = {}
    weights: dict[tuple[str, str], int] = {}
    for measure in catalog.measures:
        kinds = sorted({a.kind.id for a in measure.agencies})
        for kind in kinds:
            counts[kind] = counts.get(kind, 0) + 1
        for pair in combinations(kinds, 2):
            weights[pair] = weights.get(pair, 0) + 1
    return _graph(
        [(kind_id, {"kind": catalog.kinds[kind_id], "measures": counts[kind_id]}) for kind_id in sorted(counts)],
        weights,
    )


def _graph(nodes: list[tuple[str, dict]], weights: dict[tuple[str, str], int]) -> nx.Graph:
    """Nodes in the given order, edges sorted; built in two batches, as one call per edge is slow."""
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from((a, b, {"weight": weight}) for (a, b), weight in sorted(weights.items()))
    return graph


def strongest(graph: nx.Graph, limit: int = 10) -> list[tuple[str, str, int]]:
    """The heaviest edges, ties broken by node ids: the text alternative to the drawing."""
    edges = [(a, b, d["weight"]) for a, b, d in graph.edges(data=True)]
    edges = [(min(a, b), max(a, b), w) for a, b, w in edges]
    return sorted(edges, key=lambda e: (-e[2], e[0], e[1]))[:limit]


@dataclass(frozen=True)
class Node:
    id: str
    x: float
    y: float
    r: float
    number: int
    label: str
    title: str
    href: str
    color: str
    kind: int


@dataclass(frozen=True)
class Edge:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    title: str


def layout(
    graph: nx.Graph, order: Callable[[str], object] = str, focus: str | None = None
) -> dict[str, tuple[float, float]]:
    """The focus (if any) at the centre, the other nodes on a ring in a stable order (by `order`,
    then id), coordinates rounded.

    Collaboration graphs are dense (most agencies of a plan share measures), and a force
    layout piles such a core into one knot; a ring keeps every node apart.
    """
    cx, cy = WIDTH / 2, HEIGHT / 2
    out = {focus: (cx, cy)} if focus in graph else {}
    ring = sorted((n for n in graph.nodes if n != focus), key=lambda n: (order(n), n))
    if len(ring) == 1 and not out:
        return {ring[0]: (cx, cy)}
    for i, n in enumerate(ring):
        angle = -math.pi / 2 + 2 * math.pi * i / len(ring)
        out[n] = (round(cx + RING * math.cos(angle), 1), round(cy + RING * math.sin(angle), 1))
    return out


def drawing(
    graph: nx.Graph,
    label: Callable[[str], str],
    title: Callable[[str], str],
    href: Callable[[str], str],
    color_key: Callable[[str], int],
    focus: str | None = None,
) -> tuple[list[Node], list[Edge]]:
    """Nodes and edges ready for the SVG template. A node shows its number in the key under the
    drawing (the focus has none: the page is about it), so no name is cut to fit a phone."""
    if focus in graph:
        weight = {n: d["weight"] for n, d in graph[focus].items()}
        order: Callable[[str], object] = lambda n: (-weight.get(n, 0), n)  # noqa: E731 - strongest from the top
    else:
        order = lambda n: (color_key(n), n)  # noqa: E731 - kinds side by side
    pos = layout(graph, order, focus)
    heaviest = max((d["weight"] for _, _, d in graph.edges(data=True)), default=1)
    most = max((graph.nodes[n]["measures"] for n in graph.nodes), default=1)
    titles = {n: title(n) for n in graph.nodes}  # once per node, not once per edge end
    numbered = sorted((n for n in graph.nodes if n != focus), key=lambda n: (order(n), n))
    numbers = {n: i for i, n in enumerate(numbered, 1)}
    nodes = []
    for n in [focus, *numbered] if focus in graph else numbered:
        x, y = pos[n]
        nodes.append(
            Node(
                id=n,
                x=x,
                y=y,
                r=round(11 + 6 * (graph.nodes[n]["measures"] / most) ** 0.5, 1),
                number=numbers.get(n, 0),
                label=label(n),
                title=titles[n],
                href=href(n),
                kind=color_key(n),
                color=PALETTE[color_key(n) % len(PALETTE)],
            )
        )
    edges = []
    for a, b, d in sorted(graph.edges(data=True), key=lambda e: (min(e[0], e[1]), max(e[0], e[1]))):
        a, b = min(a, b), max(a, b)
        edges.append(
            Edge(
                pos[a][0],
                pos[a][1],
                pos[b][0],
                pos[b][1],
                round(1 + 5 * d["weight"] / heaviest, 1),
                f"{titles[a]} — {titles[b]}: {d['weight']}",
            )
        )
    return nodes, edges
