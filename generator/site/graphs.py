"""Agency-collaboration graphs and their deterministic SVG drawings.

Two agencies collaborate when they are responsible for the same measure; the edge weight is
the number of such measures. The SVG comes from a Jinja template with a seeded layout and
rounded coordinates, nodes and edges in sorted order, so the same content gives the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
import math
from typing import Callable, Iterable

import networkx as nx

from ..content.model import Agency, Catalog, Measure

SEED = 7
WIDTH, HEIGHT, MARGIN, LABEL_ROOM = 1100, 640, 60, 330
PALETTE = ("#1565c0", "#c62828", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f",
           "#4e342e", "#ad1457", "#283593", "#558b2f", "#37474f", "#9e7600")


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
    return _graph([(agency_id, {"agency": agencies[agency_id], "measures": counts[agency_id]})
                   for agency_id in sorted(agencies)], weights)


def ego_graph(catalog: Catalog, agency: Agency) -> nx.Graph:
    """The agency and everyone it shares a measure with, across all plans."""
    return collaboration_graph(catalog.measures_by_agency[agency.id])


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
    return _graph([(kind_id, {"kind": catalog.kinds[kind_id], "measures": counts[kind_id]})
                   for kind_id in sorted(counts)], weights)


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
    label: str
    title: str
    href: str
    color: str
    anchor: str
    lx: float = 0.0
    ly: float = 0.0


@dataclass(frozen=True)
class Edge:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    title: str


def layout(graph: nx.Graph, order: Callable[[str], object] = str) -> dict[str, tuple[float, float]]:
    """Nodes on a circle in a stable order (by `order`, then id), coordinates rounded.

    Collaboration graphs are dense (most agencies of a plan share measures), and a force
    layout piles such a core into one knot; a circle keeps every node and label apart.
    """
    nodes = sorted(graph.nodes, key=lambda n: (order(n), n))
    if not nodes:
        return {}
    if len(nodes) == 1:
        return {nodes[0]: (WIDTH / 2, HEIGHT / 2)}
    cx, cy = WIDTH / 2, HEIGHT / 2
    r = min(WIDTH / 2 - LABEL_ROOM, HEIGHT / 2 - MARGIN)
    out = {}
    for i, n in enumerate(nodes):
        angle = -math.pi / 2 + 2 * math.pi * i / len(nodes)
        out[n] = (round(cx + r * math.cos(angle), 1), round(cy + r * math.sin(angle), 1))
    return out


def drawing(graph: nx.Graph, label: Callable[[str], str], title: Callable[[str], str],
            href: Callable[[str], str], color_key: Callable[[str], int]) -> tuple[list[Node], list[Edge]]:
    """Nodes and edges ready for the SVG template; labels sit outside the circle."""
    pos = layout(graph, order=color_key)
    heaviest = max((d["weight"] for _, _, d in graph.edges(data=True)), default=1)
    most = max((graph.nodes[n]["measures"] for n in graph.nodes), default=1)
    titles = {n: title(n) for n in graph.nodes}  # once per node, not once per edge end
    nodes = []
    for n in sorted(graph.nodes):
        x, y = pos[n]
        text = label(n)
        if len(text) > 22:
            text = text[:21].rstrip() + "…"
        radius = round(8 + 14 * (graph.nodes[n]["measures"] / most) ** 0.5, 1)
        dx, dy = x - WIDTH / 2, y - HEIGHT / 2
        length = math.hypot(dx, dy) or 1.0
        gap = radius + 10
        nodes.append(Node(
            id=n, x=x, y=y, r=radius, label=text, title=titles[n], href=href(n),
            color=PALETTE[color_key(n) % len(PALETTE)],
            anchor="start" if dx > 1 else ("end" if dx < -1 else "middle"),
            lx=round(x + dx / length * gap, 1), ly=round(y + dy / length * gap + 7, 1),
        ))
    edges = []
    for a, b, d in sorted(graph.edges(data=True), key=lambda e: (min(e[0], e[1]), max(e[0], e[1]))):
        a, b = min(a, b), max(a, b)
        edges.append(Edge(pos[a][0], pos[a][1], pos[b][0], pos[b][1],
                          round(1 + 5 * d["weight"] / heaviest, 1), f"{titles[a]} — {titles[b]}: {d['weight']}"))
    return nodes, edges
