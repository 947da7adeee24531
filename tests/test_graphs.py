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


def test_ego_graph_is_the_agency_and_its_strongest_collaborators(catalog) -> None:
    for agency in catalog.agencies.values():
        ego = graphs.ego_graph(catalog, agency)
        shared = {a.id for m in catalog.measures_by_agency[agency.id] for a in m.agencies} - {agency.id}
        partners = graphs.partners(catalog, agency)
        assert {a.id for a, _ in partners} == shared
        assert set(ego.nodes) == {agency.id} | {a.id for a, _ in partners[: graphs.EGO_PARTNERS]}
        assert all(agency.id in edge for edge in ego.edges)  # a star: no ties among the others
        for other, n in partners:
            assert n == sum(other in m.agencies for m in catalog.measures_by_agency[agency.id])


def test_a_measure_naming_many_agencies_draws_a_bounded_graph(catalog) -> None:
    """An agency's graph stays small however many agencies one measure names (issue 15)."""
    from dataclasses import replace

    plan = next(iter(catalog.plans.values()))
    crowd = [replace(plan.agencies[0], id=f"crowd-{i}") for i in range(150)]
    measure = replace(
        plan.measures[0], responsible=tuple(replace(plan.measures[0].responsible[0], agency=a) for a in crowd)
    )
    graph = graphs.readable(graphs.collaboration_graph([measure]))
    assert graph.number_of_nodes() == graphs.PLAN_NODES
    assert graph.number_of_edges() <= graphs.PLAN_NODES * graphs.TIES_PER_NODE


def test_readable_view_keeps_each_nodes_strongest_ties(catalog) -> None:
    for plan in catalog.plans.values():
        full = graphs.collaboration_graph(plan.measures)
        thin = graphs.readable(full)
        assert set(thin.nodes) == set(full.nodes)  # every plan here has fewer agencies than PLAN_NODES
        for n in thin.nodes:
            if full.degree(n):
                best = max(d["weight"] for d in full[n].values())
                assert any(d["weight"] == best for d in thin[n].values())


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
