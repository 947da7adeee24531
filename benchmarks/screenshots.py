"""Screenshots of every page type at a phone's and a desktop's width, to look at before a change and after.

    python benchmarks/screenshots.py --out DIR [--site DIR] [--height PX]

Builds the site (unless --site is given), serves it on 127.0.0.1 as its host would (under the
path of `site_url`, with 404.html for a missing page) and saves, for each page type,
`<type>-375.png` and `<type>-1280.png`: the top of the page, at most --height CSS pixels tall
(long plan pages run to tens of thousands of pixels), and `<type>-graph-<width>.png` for a page
with a graph. Prints one line per file.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import re
import shutil
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.search_quality import BROWSER_ARGS, build  # noqa: E402

WIDTHS = (375, 1280)


def page_types(catalog) -> dict[str, str]:
    """One page of each type, relative to the site's root: the ones with most to show."""
    from generator.site import urls

    plan = max(catalog.plans.values(), key=lambda p: len(p.measures))
    measure = max(plan.measures, key=lambda m: len(m.title))
    agency = max(catalog.agencies.values(), key=lambda a: len(catalog.measures_by_agency[a.id]))
    topic = max(catalog.topics.values(), key=lambda t: len(catalog.measures_by_topic[t.id]))
    return {
        "home": "",
        "regions": urls.page_url(urls.REGIONS),
        "region": urls.page_url(urls.region(plan.region)),
        "plans": urls.page_url(urls.PLANS),
        "plan": urls.page_url(urls.plan(plan)),
        "measure": urls.page_url(urls.measure(measure)),
        "agencies": urls.page_url(urls.AGENCIES),
        "agency": urls.page_url(urls.agency(agency)),
        "kind": urls.page_url(urls.agency_kind(agency.kind)),
        "collaboration": urls.page_url(urls.COLLABORATION),
        "topics": urls.page_url(urls.TOPICS),
        "topic": urls.page_url(urls.topic(topic)),
        "compare": urls.page_url(urls.COMPARE),
        "catalogue": urls.page_url(urls.CATALOGUE),
        "glossary": urls.page_url(urls.GLOSSARY),
        "data": urls.page_url(urls.DATA),
        "search": "search/?q=пробы",
        "contribute": "contribute/",
        "404": "no-such-page/",
    }


def site_path(site: Path) -> str:
    """The URL path the site is built for ("/plans/"), read from its sitemap."""
    match = re.search(r"<loc>https?://[^/<]+(/[^<]*)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    return match.group(1) if match else "/"


class _Host(http.server.SimpleHTTPRequestHandler):
    """A static host: the site under its path, 404.html (with status 404) for anything missing."""

    prefix = "/"

    def log_message(self, *args: object) -> None:
        pass

    def translate_path(self, path: str) -> str:
        if path.startswith(self.prefix):
            path = "/" + path[len(self.prefix) :]
        return super().translate_path(path)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """The built site on 127.0.0.1 as its host serves it; yields the site's base URL."""
    prefix = site_path(site)
    handler = type("Host", (_Host,), {"prefix": prefix})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}{prefix}"
    finally:
        httpd.shutdown()


def shoot(site: Path, catalog, out: Path, most: int) -> None:
    from playwright.sync_api import sync_playwright

    with serve(site) as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=BROWSER_ARGS)
        for width in WIDTHS:
            phone = width < 600
            context = browser.new_context(
                viewport={"width": width, "height": 800 if phone else 900},
                is_mobile=phone,
                has_touch=phone,
                locale="ru-RU",
            )
            page = context.new_page()
            for name, path in page_types(catalog).items():
                page.goto(server + path)
                page.wait_for_load_state("networkidle")
                height = min(page.evaluate("document.documentElement.scrollHeight"), most)
                file = out / f"{name}-{width}.png"
                page.screenshot(path=str(file), full_page=True, clip={"x": 0, "y": 0, "width": width, "height": height})
                print(file)
                graph = page.locator("figure.kb-graph").first
                if graph.count():
                    file = out / f"{name}-graph-{width}.png"
                    graph.screenshot(path=str(file))
                    print(file)
            context.close()
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for the PNG files")
    parser.add_argument("--site", type=Path, help="a built site (default: build one)")
    parser.add_argument("--height", type=int, default=2400, help="most CSS pixels of each page to keep")
    args = parser.parse_args()

    from generator.content import loader

    catalog = loader.load(ROOT / "content")
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or Path(tmp) / "site"
        if not args.site:
            build(site)
        shoot(site, catalog, args.out, args.height)


if __name__ == "__main__":
    main()
