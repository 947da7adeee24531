"""Search quality: run the committed query set through the built site's own search box.

    python benchmarks/search_quality.py [--site DIR] [--queries FILE] [--verbose]

Builds the site (unless --site is given), serves it on 127.0.0.1, runs every query of a query
file (default: the old set, tests/search_queries.yaml; the independent halves are
benchmarks/queries/tune.yaml and heldout.yaml) through the search page's own search in headless
Chromium (`kbSearchQuery(...).search`, what the page shows, whatever draws the list) and prints,
per kind and overall, the share of queries answered in the top five and the mean reciprocal
rank, then one JSON line. Queries with `expect: []` have no answer in the plans: not scored.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "tests" / "search_queries.yaml"
TOP = 5
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def load_queries(path: Path = QUERIES) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def serve(site: Path, handler: type[http.server.SimpleHTTPRequestHandler] = _Quiet) -> Iterator[str]:
    """The built site on 127.0.0.1, answered by `handler`; yields its base URL."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()


SEARCH = """async (query) => {
  window.kbBenchmark = window.kbBenchmark || kbSearchQuery(document.getElementById("kb-search").dataset.base || "../");
  const found = await window.kbBenchmark.search(query);
  const urls = [];
  for (const result of found.results.slice(0, 10)) urls.push((await result.data()).url);
  return {urls, query: found.query, filters: found.filters, note: found.note};
}"""


def open_search(page, server: str) -> None:
    page.goto(server + "search/")
    page.wait_for_function("typeof window.kbSearchQuery === 'function'")


def search(page, server: str, query: str) -> dict:
    """The search page's own search (`kbSearchQuery(...).search`, what the page shows) for `query`:
    result URLs, site-relative, best first, and how the query was read."""
    if not page.url.startswith(server + "search/"):
        open_search(page, server)
    found = page.evaluate(SEARCH, query)
    found["urls"] = [u.lstrip("/") for u in found["urls"]]
    return found


def measure_url(key: str) -> str:
    """A measure key "plan-id/measure-id" as the site-relative URL of its page."""
    plan, measure = key.split("/")
    return f"plans/{plan}/{measure}/"


def rank(results: list[str], expected: list[str]) -> int | None:
    """1-based rank of the first expected page among the results, or None."""
    targets = {measure_url(e) for e in expected}
    for i, url in enumerate(results, 1):
        if url.split("#")[0] in targets:
            return i
    return None


def evaluate(page, server: str, queries: list[dict]) -> list[dict]:
    """Every query with an answer in the plans (`expect: []` has none and is not scored)."""
    out = []
    for q in queries:
        if not q["expect"]:
            continue
        found = search(page, server, q["query"])
        out.append(
            {
                **q,
                "rank": rank(found["urls"], q["expect"]),
                "results": found["urls"][:TOP],
                "read_as": (found["query"], found["filters"]),
            }
        )
    return out


def summary(rows: list[dict]) -> dict[str, dict[str, float]]:
    kinds: dict[str, list[dict]] = {}
    for row in rows:
        kinds.setdefault(row["kind"], []).append(row)
    kinds["all"] = rows
    return {
        kind: {
            "queries": len(items),
            "top5": round(sum(1 for r in items if r["rank"] and r["rank"] <= TOP) / len(items), 3),
            "mrr": round(sum(1 / r["rank"] for r in items if r["rank"]) / len(items), 3),
        }
        for kind, items in kinds.items()
    }


def build(site: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", **dict(__import__("os").environ)},
    )
    if result.returncode != 0:
        raise SystemExit(result.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description="Search quality over the committed query set.")
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    parser.add_argument("--queries", type=Path, default=QUERIES, help="a query file (default: the old set)")
    parser.add_argument("--verbose", action="store_true", help="print every miss")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or Path(tmp) / "site"
        if not args.site:
            build(site)
        with serve(site) as server, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=BROWSER_ARGS)
            page = browser.new_page()
            rows = evaluate(page, server, load_queries(args.queries)["queries"])
            browser.close()
    table = summary(rows)
    print(f"{'kind':<14} {'queries':>7} {'top-5':>6} {'MRR':>6}")
    for kind, figures in table.items():
        print(f"{kind:<14} {figures['queries']:>7} {figures['top5']:>6.0%} {figures['mrr']:>6.3f}")
    if args.verbose:
        for row in rows:
            if not row["rank"] or row["rank"] > TOP:
                print(
                    f"MISS [{row['kind']}] {row['query']!r} read as {row['read_as']}: expected {row['expect']}, "
                    f"got {row['results']}"
                )
    print(json.dumps(table, ensure_ascii=False))


if __name__ == "__main__":
    main()
