"""Full-text search: index the built site with Pagefind.

Pagefind stems Russian and ships a small, chunked index, so one query transfers little even
for a large site. `mkdocs build` wipes the site folder, so indexing runs inside the build
(the plugin's on_post_build), never as a second command to remember. Under `mkdocs serve`
it runs beside the preview instead (`start_index`): an edited page shows at once, and the
search index follows a second later.

Pagefind reads every byte of the pages it is given, and a built page is mostly the theme's
header, navigation and footer. So each page that has something to index is handed over as
a page of its own holding only its `data-pagefind-body` element (`SearchPages`), at the same
path: Pagefind builds the same index, byte for byte, from a fraction of the HTML.

Every query, however short, first loads the index's metadata (a list of every indexed page) and
Pagefind's WASM, so those files are recompressed with Zopfli: the same gzip format any browser
reads, smaller.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import zopfli.gzip

OUTPUT_SUBDIR = "pagefind"
# Pagefind's ready-made interfaces: the search page draws its own (docs/assets/search.js).
_UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-highlight.js",
)
_BODY = "<div data-pagefind-body"
_LANG = re.compile(r'<html lang="([^"]*)"')
# An element Pagefind leaves out of the index (a table of other pages, a graph), and void elements.
_IGNORED = re.compile(r"<([a-z][a-z0-9]*)\b[^>]*\sdata-pagefind-ignore\b[^>]*>")
_VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class SearchIndexError(Exception):
    """Pagefind failed; the message carries its output."""


# Thousands of small files are written, read once and deleted: in memory (tmpfs) where the
# machine has it, as Linux does, rather than on disk.
_MEMORY = Path("/dev/shm")


class SearchPages:
    """What Pagefind indexes of each built page, written to a temporary folder of its own."""

    def __init__(self) -> None:
        memory = _MEMORY if _MEMORY.is_dir() and os.access(_MEMORY, os.W_OK) else None
        self.folder = Path(tempfile.mkdtemp(prefix="kb-search-pages-", dir=memory))

    def add(self, dest_path: str, html: str) -> bool:
        """Keep the indexed element of the page written to `dest_path`; False if it has none.

        The element ends where the article does: content text is escaped, so neither mark can
        come from a plan."""
        start = html.find(_BODY)
        if start < 0:
            return False
        end = html.find("</article>", start)
        lang = _LANG.search(html)
        target = self.folder / dest_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            f'<!doctype html><html lang="{lang.group(1) if lang else ""}"><head><meta charset="utf-8">'
            f"</head><body>{without_ignored(html[start : end if end > 0 else len(html)])}</body></html>",
            encoding="utf-8",
        )
        return True

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def without_ignored(html: str) -> str:
    """`html` without the elements marked data-pagefind-ignore, which Pagefind would read and skip:
    on list pages they are most of the bytes. Only the templates write tags (content text is
    escaped), so an element ends at the close tag that balances its own name."""
    out, pos = [], 0
    while (found := _IGNORED.search(html, pos)) is not None:
        out.append(html[pos : found.start()])
        tag = found.group(1)
        pos = found.end() if tag in _VOID or found.group(0).endswith("/>") else _element_end(html, tag, found.end())
    out.append(html[pos:])
    return "".join(out)


def _element_end(html: str, tag: str, start: int) -> int:
    depth = 1
    for mark in re.compile(rf"<(/?){tag}\b[^>]*>").finditer(html, start):
        depth += -1 if mark.group(1) else 1
        if depth == 0:
            return mark.end()
    return len(html)


def _command(pages: Path, site_dir: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(pages),
        "--output-path",
        str(site_dir / OUTPUT_SUBDIR),
        "--exclude-selectors",
        ".headerlink",
    ]


class Indexing:
    """A Pagefind run going on beside the build. Its output goes to a file: a pipe that nobody
    reads until the build ends would fill up and stall it."""

    def __init__(self, pages: Path, site_dir: Path) -> None:
        self.site_dir = site_dir
        self.output = tempfile.TemporaryFile()
        self.process = subprocess.Popen(_command(pages, site_dir), stdout=self.output, stderr=subprocess.STDOUT)

    def wait(self) -> tuple[int, str]:
        """Pagefind's exit code and output, once it has ended."""
        code = self.process.wait(timeout=600)
        self.output.seek(0)
        text = self.output.read().decode("utf-8", "replace")
        self.output.close()
        return code, text

    def stop(self) -> None:
        """End the run; whoever waits on it gets a negative exit code."""
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait()


def start_index(pages: Path, site_dir: Path) -> Indexing:
    """Start indexing `pages` (a SearchPages folder) into `site_dir/pagefind` without waiting."""
    return Indexing(pages, site_dir)


def finish_site(indexing: Indexing) -> str:
    """Wait for a started index and trim it for readers; return Pagefind's summary output."""
    code, output = indexing.wait()
    if code != 0:
        raise SearchIndexError(f"Pagefind could not index {indexing.site_dir}:\n{output}".strip())
    bundle = indexing.site_dir / OUTPUT_SUBDIR
    for name in _UNUSED:
        (bundle / name).unlink(missing_ok=True)
    for meta in bundle.glob("pagefind.*.pf_meta"):  # one per language indexed
        language = meta.name.split(".")[1].rsplit("_", 1)[0]
        for loaded_first in (meta, bundle / f"wasm.{language}.pagefind"):
            if loaded_first.is_file():
                recompress(loaded_first)
    return output


def recompress(path: Path) -> None:
    """Rewrite a gzip file with Zopfli's smaller encoding of the same bytes (a third of its default
    iterations: the same size within a few bytes, on the build's last stretch)."""
    path.write_bytes(zopfli.gzip.compress(gzip.decompress(path.read_bytes()), numiterations=5))


def finish_index(indexing: Indexing) -> str | None:
    """Wait for a started preview index; return Pagefind's output if it failed, None if it succeeded or was stopped."""
    code, output = indexing.wait()
    return output if code > 0 else None
