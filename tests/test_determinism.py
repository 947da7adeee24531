"""The same content builds the same site, byte for byte."""

from __future__ import annotations

import hashlib
from pathlib import Path

from conftest import ROOT, build_site


def digest(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_two_builds_are_identical(site: Path, tmp_path: Path) -> None:
    result = build_site(ROOT / "mkdocs.yml", tmp_path / "again")
    assert result.returncode == 0, result.stderr
    first, second = digest(site), digest(tmp_path / "again")
    assert first.keys() == second.keys()
    differing = [name for name in first if first[name] != second[name]]
    assert not differing, differing[:20]
    assert any(name.startswith("pagefind/") for name in first)
    assert any(
        name.endswith(".svg") or "kb-graph" in (site / name).read_text(errors="ignore")
        for name in first
        if name.startswith("plans/")
    )


def test_graph_svg_is_deterministic(catalog) -> None:
    from generator.site import graphs

    plan = max(catalog.plans.values(), key=lambda p: len(p.responsible_agencies))
    first = graphs.drawing(graphs.collaboration_graph(plan.measures), str, str, str, lambda n: 0)
    second = graphs.drawing(graphs.collaboration_graph(reversed(plan.measures)), str, str, str, lambda n: 0)
    assert first == second
