"""Everything the site adds to MkDocs: pages (HTML with front matter), data files, search word lists.

`Site` holds what every family of pages needs (the catalog, the renderer, where files live);
each family is a module in `pages/`, and `pages.outputs` lists them in the order MkDocs
receives them. No MkDocs import here: the plugin only hands the outputs to MkDocs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from markupsafe import Markup

from ..content import layout
from ..content.model import Catalog, Measure, Topic
from . import graphs, search_terms, similarity, status, urls
from . import release as rel
from .render import Renderer


class Output(NamedTuple):
    """One generated file: its path in the site's sources, its content, the content file it comes from."""

    src: str
    content: str | bytes
    origin: str | None = None


@dataclass(frozen=True)
class Links:
    """Where the repository and the site are, for "edit" and "view the YAML line" links and for
    the absolute addresses that downloads carry."""

    repo_url: str | None = None
    branch: str = "main"
    site_url: str | None = None

    def absolute(self, src: str) -> str:
        """The address of a page or file of the site (relative to its root without a site_url)."""
        url = urls.page_url(src)
        return f"{self.site_url.rstrip('/')}/{url}" if self.site_url else url

    def blob(self, path: str, line: int | None = None) -> Markup:
        if not self.repo_url:
            return Markup("")
        anchor = f"#L{line}" if line else ""
        return Markup(f"{self.repo_url.rstrip('/')}/blob/{self.branch}/{path}{anchor}")


# A topic with more measures than this lists its regions, each region's measures on a page of its own.
TOPIC_INLINE = 150


def paginate(items: list, size: int, first: str, nth: Callable[[int], str]) -> list[tuple[str, list]]:
    """(src, items) for each page of at most `size` items: the first page at `first`, page n at `nth(n)`."""
    chunks = [items[i : i + size] for i in range(0, len(items), size)] or [[]]
    return [(first if n == 1 else nth(n), chunk) for n, chunk in enumerate(chunks, 1)]


def numbered(pages: list[tuple[str, list]]) -> list[tuple[str, str]]:
    """(label, src) of each page for the pager ("Страницы: 1 · 2 · 3"); none for a single page."""
    return [(str(n), src) for n, (src, _) in enumerate(pages, 1)] if len(pages) > 1 else []


def plan_copy(plan_id: str) -> str:
    """The copy of a plan's YAML file published with the site."""
    return urls.asset(f"data/{layout.plan_file(plan_id)}")


class Site:
    """The catalog and the tools every family of pages renders with."""

    def __init__(
        self,
        catalog: Catalog,
        content_dir: Path,
        renderer: Renderer,
        links: Links,
        project_dir: Path,
        as_of: status.AsOf | None = None,
        release: rel.Release | None = None,
    ) -> None:
        self.catalog = catalog
        # The repository is asked once a build: the data's version and dates, and the "as of" date.
        self.release = release or rel.read(project_dir, content_dir)
        self.as_of = as_of or status.AsOf(self.release.date)
        self.content_dir = content_dir
        self.renderer = renderer
        self.links = links
        self.project_dir = project_dir
        self.similar = similarity.Similarity(catalog)
        search_terms.prepare(catalog)
        renderer.start_build()
        self._repo_paths: dict[str, str] = {}

    def repo_path(self, content_path: str) -> str:
        """A file's path in the repository from its path in content/ ("plans/x.yaml"), for links to it.

        Asked for every measure's plan file: resolved once per file, not once per page."""
        if content_path not in self._repo_paths:
            path = self.content_dir / content_path
            try:
                self._repo_paths[content_path] = path.resolve().relative_to(self.project_dir.resolve()).as_posix()
            except ValueError:
                self._repo_paths[content_path] = path.as_posix()
        return self._repo_paths[content_path]

    def yaml_url(self, plan_id: str, src: str, line: int | None = None) -> Markup:
        """Where "the YAML" links from the page at `src` go: the plan file (at `line`) in the
        repository, or the copy published with the site when no repository is configured."""
        return self.links.blob(self.repo_path(layout.plan_file(plan_id)), line) or Markup(
            urls.href(src, plan_copy(plan_id))
        )

    def render(self, template: str, src: str, **context: object) -> str:
        name = template.removesuffix(".html.j2")
        return self.renderer.render(
            [f"{name}-custom.html.j2", template], src, catalog=self.catalog, as_of=self.as_of, **context
        )

    def graph_svg(self, graph: Any, src: str, node: dict[str, Callable[[str], Any]], **context: object) -> Markup:
        """A networkx graph drawn as the SVG of the page at `src`; `node` holds the functions that
        give each node its label, title, href and color_key (graphs.drawing)."""
        nodes, edges = graphs.drawing(graph, focus=context.get("focus"), **node)
        return Markup(
            self.renderer.render(
                "graph.svg.j2",
                src,
                nodes=nodes,
                edges=edges,
                width=graphs.WIDTH,
                height=graphs.HEIGHT,
                font_size=graphs.FONT,
                **context,
            )
        )

    def agency_graph_svg(
        self, graph: Any, src: str, graph_id: str, title: str, desc: str, caption: str, focus: str | None = None
    ) -> Markup:
        kinds = list(self.catalog.kinds)
        agencies = self.catalog.agencies
        shown = sorted({kinds.index(agencies[n].kind.id) for n in graph.nodes})
        legend = [(graphs.PALETTE[i % len(graphs.PALETTE)], self.catalog.kinds[kinds[i]].title) for i in shown]
        return self.graph_svg(
            graph,
            src,
            dict(
                label=lambda n: agencies[n].name,
                title=lambda n: f"{agencies[n].name} ({graph.nodes[n]['measures']})",
                href=lambda n: urls.href(src, urls.agency(agencies[n])),
                color_key=lambda n: kinds.index(agencies[n].kind.id),
            ),
            graph_id=graph_id,
            title=title,
            desc=desc,
            caption=caption,
            focus=focus,
            legend=legend,
        )

    def coverage(self, measures: list[Measure]) -> list[tuple[object, int]]:
        counts = Counter(t.id for m in measures for t in m.topics)
        return [(t, counts[t.id]) for t in self.catalog.topics.values() if counts[t.id]]

    def topic_is_split(self, topic: Topic) -> bool:
        return len(self.catalog.measures_by_topic[topic.id]) > TOPIC_INLINE
