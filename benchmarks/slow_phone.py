"""Search on a slow phone: type everyday queries into the built site's search page.

    python benchmarks/slow_phone.py [--site DIR | --regions N] [--queries "a" "b" ...]

Builds the site (the real content/, or a synthetic corpus of N regions; or takes a built one),
serves it on 127.0.0.1 the way a static host does (text files gzipped), and opens the search
page in Debian's Chromium with Chrome's Slow 4G profile (150 ms, 1.6 Mbit/s down) and a 4×
slower CPU through the DevTools protocol, cache disabled, one fresh browser context per try.
For each query it prints:

- typed: seconds from the last keystroke until the results for the whole query are shown;
- opened: seconds from opening `search/?q=…` until its results are shown;
- bytes the typed query transferred: every search file the page fetched (Pagefind's, the
  search scripts, the word lists under data/), from opening the page to the results, as the
  files' own size (raw) and as sent gzipped (what the server sent: text gzipped, Pagefind's
  compressed files as they are); the page itself and the theme's files, which every page of the
  site loads, are not counted;

then the medians and one JSON line. "Shown" is the last change to the result list before it
rests for a second, so results for a half-typed word do not count.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import io
import json
import shutil
import statistics
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import search_quality  # noqa: E402
from benchmarks.scale import built_site  # noqa: E402
from benchmarks.search_quality import BROWSER_ARGS  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ["профессиональные пробы", "родители", "экскурсии на предприятия", "овз", "билет в будущее"]
# Chrome's "Slow 4G", as Lighthouse's mobile run uses it.
NETWORK = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}
CPU_SLOWDOWN = 4
# The result items of this site's search page (and of Pagefind's default UI, to measure older builds).
RESULT = ".kb-result, .pagefind-ui__result"
RESULTS = ".kb-results, .pagefind-ui__results"
TEXT_TYPES = (".html", ".js", ".css", ".json", ".svg", ".xml", ".txt")
KEY_DELAY_MS = 150
SEARCH_FILES = ("/pagefind/", "/data/", "/assets/search")

# Notes the time of each keystroke (each input event: Cyrillic letters are typed as text) and of each
# change to the result list that leaves results in it.
_WATCH = f"""
window.__kb = {{keys: [], shown: []}};
addEventListener("input", () => __kb.keys.push(performance.now()), true);
new MutationObserver((changes) => {{
  if (changes.some((c) => c.target.closest && c.target.closest({RESULTS!r})) && document.querySelector({RESULT!r}))
    __kb.shown.push(performance.now());
}}).observe(document, {{childList: true, subtree: true, characterData: true, attributes: true}});
"""


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves text gzipped, as static hosts do; Pagefind's files are compressed already."""

    def log_message(self, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir() and urlsplit(self.path).path.endswith("/"):
            path = path / "index.html"
        if not (path.suffix in TEXT_TYPES and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """The site as a host with gzip serves it."""
    with search_quality.serve(site, _GzipHandler) as url:
        yield url


def file_sizes(site: Path, url: str) -> tuple[int, int]:
    """(raw, as sent) bytes of the file behind a served URL."""
    path = site / unquote(urlsplit(url).path).lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    if not path.is_file():
        return 0, 0
    data = path.read_bytes()
    return len(data), len(gzip.compress(data, 6)) if path.suffix in TEXT_TYPES else len(data)


@contextmanager
def slow_page(browser) -> Iterator[object]:
    """A fresh context and page on a throttled network and CPU, cache disabled."""
    context = browser.new_context(
        viewport={"width": 412, "height": 823}, is_mobile=True, has_touch=True, device_scale_factor=2, locale="ru-RU"
    )
    page = context.new_page()
    page.add_init_script(_WATCH)
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", NETWORK)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    page.requested = []
    page.on("request", lambda request: page.requested.append(request.url))
    try:
        yield page
    finally:
        context.close()


def settled(page, since: float) -> float:
    """Wait until the result list has rested for a second; return when it last changed (page ms)."""
    page.locator(RESULT).first.wait_for(timeout=60000)
    page.wait_for_load_state("networkidle")
    page.wait_for_function(
        f"__kb.shown.length && performance.now() - __kb.shown.at(-1) > 1000 && __kb.shown.at(-1) > {since}",
        timeout=60000,
        polling=200,
    )
    return page.evaluate("__kb.shown.at(-1)")


def typed(browser, server: str, site: Path, query: str) -> dict[str, float]:
    with slow_page(browser) as page:
        page.goto(server + "search/", wait_until="load")
        page.wait_for_load_state("networkidle")
        field = page.locator("#kb-search-page-q, .pagefind-ui__search-input").first
        field.click()
        page.keyboard.type(query, delay=KEY_DELAY_MS)
        last_key = page.evaluate("__kb.keys.at(-1)")
        shown = settled(page, last_key)
        page.wait_for_load_state("networkidle")
        searched = [url for url in page.requested if any(part in urlsplit(url).path for part in SEARCH_FILES)]
        sizes = [file_sizes(site, url) for url in searched]
    return {
        "typed_s": round((shown - last_key) / 1000, 2),
        "requests": len(sizes),
        "raw_kb": round(sum(s[0] for s in sizes) / 1024, 1),
        "sent_kb": round(sum(s[1] for s in sizes) / 1024, 1),
    }


def opened(browser, server: str, query: str) -> float:
    with slow_page(browser) as page:
        page.goto(server + "search/?q=" + quote(query), wait_until="commit")
        return round(settled(page, 0) / 1000, 2)


def measure(site: Path, queries: list[str]) -> list[dict[str, object]]:
    from playwright.sync_api import sync_playwright

    rows = []
    with serve(site) as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=BROWSER_ARGS)
        for query in queries:
            row: dict[str, object] = {"query": query, **typed(browser, server, site, query)}
            row["opened_s"] = opened(browser, server, query)
            rows.append(row)
            print(
                f"{query:<28} typed {row['typed_s']:>5.2f} s  opened {row['opened_s']:>5.2f} s  "
                f"{row['requests']:>3} requests  {row['raw_kb']:>6.1f} KB raw  {row['sent_kb']:>6.1f} KB sent",
                flush=True,
            )
        browser.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description="Search on a throttled phone; prints one JSON line.")
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    parser.add_argument("--regions", type=int, help="build a synthetic corpus of N regions instead of content/")
    parser.add_argument("--queries", nargs="+", default=QUERIES)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        site = built_site(args.site, args.regions, work)
        rows = measure(site, args.queries)
    summary = {
        key: statistics.median(float(r[key]) for r in rows) for key in ("typed_s", "opened_s", "raw_kb", "sent_kb")
    }
    summary["typed_max_s"] = max(float(r["typed_s"]) for r in rows)
    summary["opened_max_s"] = max(float(r["opened_s"]) for r in rows)
    print(
        f"median: typed {summary['typed_s']:.2f} s (max {summary['typed_max_s']:.2f}), "
        f"opened {summary['opened_s']:.2f} s "
        f"(max {summary['opened_max_s']:.2f}), {summary['raw_kb']:.0f} KB raw, {summary['sent_kb']:.0f} KB sent"
    )
    print(json.dumps({"median": summary, "queries": rows}, ensure_ascii=False))


if __name__ == "__main__":
    main()
