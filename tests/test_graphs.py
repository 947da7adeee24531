"""Collaboration graphs: nodes, weighted edges, ego graphs and the kind graph, from the content."""

from __future__ import annotations

from itertools import combinations

from generator.site import graphs
def test_plan_graph_counts_shared_measures(catalog) -> None:
    for plan in catalog.plans.values():
        graph = graphs.collaboration_graph(plan.measures)
        assert set(graph.nodes) == {a.id for a in plan.responsible_agencies}
        expected: dict[tuple[str, str], int] = {}
        for m in plan.measures:
            for a, b in combinations(sorted({x.id for x in m.agencies}), 2):
                expected[(a, b)] = expected.get((a, b), 0) + 1
        actual = {(min(a, b), max(a, b)): d["weight"] for a, b, d in graph.edges(data=True)}
        assert actual == expected
        for node in graph.nodes:
            assert graph.nodes[node]["measures"] == sum(node in {a.id for a in m.agencies} for m in plan.measures)


def test_ego_graph_is_the_agency_and_its_collaborators(catalog) -> None:
    for agency in catalog.agencies.values():
        ego = graphs.ego_graph(catalog, agency)
        partners = {a.id for m in catalog.measures_by_agency[agency.id] for a in m.agencies}
        assert set(ego.nodes) == partners


def test_kind_graph(catalog) -> None:
    graph = graphs.kind_graph(catalog)
    assert set(graph.nodes) <= set(catalog.kinds)
    for a, b, data in graph.edges(data=True):
        count = sum({a, b} <= {x.kind.id for x in m.agencies} for m in catalog.measures)
        assert data["weight"] == count


def test_strongest_is_sorted_by_weight_then_name(catalog) -> None:
    plan = max(catalog.plans.values(), key=lambda p: len(p.measures))
    edges = graphs.strongest(graphs.collaboration_graph(plan.measures), 10)
    assert edges == sorted(edges, key=lambda e: (-e[2], e[0], e[1]))
