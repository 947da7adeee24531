"""The committed query set, typed into the built site's own search page in headless Chromium."""

from __future__ import annotations

from benchmarks import search_quality


def test_query_set_is_well_formed(catalog) -> None:
    data = search_quality.load_queries()
    keys = {m.key for m in catalog.measures}
    kinds = {q["kind"] for q in data["queries"]}
    assert kinds == set(data["floors"])
    assert len(data["queries"]) >= 80
    for kind in kinds:
        assert sum(q["kind"] == kind for q in data["queries"]) >= 12, kind
    for q in data["queries"]:
        assert q["expect"] and set(q["expect"]) <= keys, q


def test_every_kind_of_query_stays_above_its_floor(site, browser) -> None:
    data = search_quality.load_queries()
    page = browser.new_page()
    with search_quality.serve(site) as server:
        rows = search_quality.evaluate(page, server, data["queries"])
    page.close()
    table = search_quality.summary(rows)
    misses = [f"[{r['kind']}] {r['query']!r} → {r['results']}" for r in rows if not r["rank"] or r["rank"] > 5]
    for kind, floor in data["floors"].items():
        assert table[kind]["top5"] >= floor, f"{kind}: {table[kind]} below {floor}\n" + "\n".join(misses)
