"""The MkDocs glue: load content once per build, add the generated files, watch content/.

All logic lives in content/ (reading the YAML), site/ (what to generate) and the templates;
this module only translates between them and MkDocs events.
"""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from ..content import loader
from ..content.errors import ContentErrors
from ..content.model import Catalog
from ..site import pages, release, status, urls
from ..site.build import Links, Site
from ..site.render import Renderer
from . import macros, pagefind, scripts
from .config import PlansConfig
from .drawn_once import DrawnOnce
from .generated_page import GeneratedPage

log = get_plugin_logger(__name__)


class PlansPlugin(BasePlugin[PlansConfig]):
    """Generates the knowledge base's pages from content/ (mkdocs.yml: plugins: [plans])."""

    catalog: Catalog | None = None
    data_release: release.Release | None = None
    as_of: status.AsOf | None = None
    # Under `mkdocs serve` the search index is built beside the preview, not before it.
    serving = False
    indexing: pagefind.Indexing | None = None
    # What Pagefind indexes of each page of this build (None when the index is off).
    search_pages: pagefind.SearchPages | None = None
    # Pagefind starts when this page is written, beside the pages it does not read (on_env).
    last_indexed: str | None = None

    def __init__(self) -> None:
        super().__init__()
        self.drawn_once = DrawnOnce()

    def on_startup(self, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: Any) -> Any:
        start = time.perf_counter()
        try:
            self.catalog = loader.load(self.config.content_dir, urls.RESERVED_IDS)
        except ContentErrors as exc:
            raise PluginError(f"Invalid content in '{self.config.content_dir}':\n{exc}") from None
        # The timings tell a contributor where a slow build goes; benchmarks/scale.py reads them.
        log.info(f"{self.catalog.summary()}; read in {time.perf_counter() - start:.2f} s")
        # Hand-written pages may use these with mkdocs-macros: {{ kb.measures|length }}.
        config.extra["kb"] = self.catalog
        # The data's version and dates, and the date plan statuses are given as of
        # ({{ kb_as_of.status(plan).title }}): from the repository, never the wall clock.
        self.data_release = release.read(Path(config.config_file_path).parent, Path(self.config.content_dir))
        self.as_of = status.AsOf(self.data_release.date)
        config.extra["kb_as_of"] = self.as_of
        return config

    @event_priority(-50)
    def on_files(self, files: Files, config: Any) -> Files:
        assert self.catalog is not None
        start = time.perf_counter()
        project_dir = Path(config.config_file_path).parent
        site = Site(
            self.catalog,
            Path(self.config.content_dir),
            _renderer(self.config.templates_dir, self.serving),
            Links(config.repo_url, self.config.branch, config.site_url),
            project_dir,
            self.as_of,
            self.data_release,
        )
        outputs = pages.outputs(site)
        # "Edit this page" opens the YAML file a page comes from: edit_uri is relative to docs/.
        docs_beside_content = Path(config.docs_dir).resolve().parent == project_dir.resolve()
        nav_titles = dict(_nav_titles(config.nav or []))
        # Timed up to here: the File and Page objects below are what MkDocs makes for every page,
        # hand-written ones included, so that part belongs to MkDocs's share of the build.
        log.info(f"{len(outputs)} files generated in {time.perf_counter() - start:.2f} s")
        for output in outputs:
            if output.src in files.src_uris:
                made_from = f" (made from {output.origin})" if output.origin else ""
                raise PluginError(
                    f"docs/{output.src} would be replaced by a generated page{made_from}; rename or remove it"
                )
            file = File.generated(config, output.src, content=output.content)
            if output.origin:
                file.edit_uri = f"../{output.origin}" if docs_beside_content else None
            if file.is_documentation_page():
                GeneratedPage(nav_titles.get(output.src), file, config)
            files.append(file)
        return scripts.minified(files, config)

    def on_env(self, env: Any, config: Any, files: Any) -> Any:
        self.drawn_once.install(env, config)
        # Every page has read its front matter by now. MkDocs writes the pages in the files' order:
        # those Pagefind reads (main.html: all but `pagefind: false`) go first, so that it indexes
        # them while the others are written (on_post_page).
        documents = files.documentation_pages()
        read = [f for f in documents if f.page is not None and f.page.meta.get("pagefind", True)]
        indexed = {f.src_uri for f in read}
        for file in documents:
            if file.src_uri not in indexed:
                files.remove(file)
                files.append(file)
        self.last_indexed = read[-1].src_uri if read else None
        return env

    def on_pre_build(self, config: Any) -> None:
        # The site folder is about to be emptied: an index of the previous build is stale.
        self.stop_indexing()
        macros.make_inert(config.plugins)
        if self.config.search_index:
            self.search_pages = pagefind.SearchPages()

    @event_priority(-100)
    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        if self.search_pages is not None:
            kept = self.search_pages.add(page.file.dest_path, output)
            if self.indexing is None and page.file.src_uri == self.last_indexed:
                self.indexing = pagefind.start_index(self.search_pages.folder, Path(config.site_dir))
            elif kept and self.indexing is not None:
                # A page Pagefind reads after it started: index once every page is written instead.
                self.indexing.stop()
                self.indexing = None
        return output

    def on_post_build(self, config: Any) -> None:
        pages = self.search_pages
        if pages is None:
            return
        indexing = self.indexing or pagefind.start_index(pages.folder, Path(config.site_dir))
        if self.serving:
            self.indexing = indexing
            threading.Thread(target=self.report_indexing, args=(indexing, pages), daemon=True).start()
            return
        try:
            summary = pagefind.finish_site(indexing)
        except pagefind.SearchIndexError as exc:
            raise PluginError(str(exc)) from None
        finally:
            self.indexing = None
            pages.remove()
            self.search_pages = None
        log.debug(summary)

    def on_build_error(self, error: Exception) -> None:
        self.stop_indexing()

    def on_shutdown(self) -> None:
        self.stop_indexing()

    def stop_indexing(self) -> None:
        if self.indexing is not None:
            self.indexing.stop()
        self.indexing = None
        if self.search_pages is not None:
            self.search_pages.remove()
            self.search_pages = None

    @staticmethod
    def report_indexing(indexing: pagefind.Indexing, pages: pagefind.SearchPages) -> None:
        failure = pagefind.finish_index(indexing)
        pages.remove()
        if failure is not None:
            log.warning(f"Pagefind could not index the preview; search is unavailable:\n{failure}")

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        server.watch(str(self.config.content_dir))
        return server


def _nav_titles(items: list[Any]) -> Iterator[tuple[str, str]]:
    """(path, title) for every page that mkdocs.yml's nav names: a page made here keeps that title."""
    for item in items:
        if isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str):
                    yield value, title
                elif isinstance(value, list):
                    yield from _nav_titles(value)


@functools.cache
def _renderer(templates_dir: str | None, serving: bool) -> Renderer:
    """One renderer per process: under `mkdocs serve` its templates are compiled once, and
    again only when a template file changes."""
    return Renderer([templates_dir] if templates_dir else None, auto_reload=serving)
