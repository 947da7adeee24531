"""A MkDocs page whose HTML the generator has already written.

Generated pages come out of Jinja templates as finished HTML. Parsing them again with
Python-Markdown took most of the build, so MkDocs is handed the HTML as it is; the table of
contents, the title and the anchors that MkDocs would have collected while parsing are read
back from the headings the templates write (the `heading` filter, render.py).
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

_HEADING = re.compile(r'<h([1-6]) id="([^"]+)">(.*?)<a class="headerlink"', re.S)
_ID = re.compile(r'\bid="([^"]+)"')
_TAG = re.compile(r"<[^>]+>")


class GeneratedPage(Page):
    """Renders by taking the page source (after its front matter) as the page's HTML."""

    def read_source(self, config: Any) -> None:
        """The front matter is the template's (render.front_matter): one that does not read back
        with its title would leave the theme a title taken from the text, so it stops the build."""
        super().read_source(config)
        if "title" not in self.meta:
            raise PluginError(f"{self.file.src_uri}: the generated page's front matter did not read back")

    def render(self, config: Any, files: Any) -> None:
        if self.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        self.content = self.markdown
        headings = [
            (int(level), id_, _TAG.sub("", text).strip()) for level, id_, text in _HEADING.findall(self.content)
        ]
        self.toc = get_toc(toc_tokens(headings))
        # Kept escaped, as the front matter's title is: the theme prints titles as they are.
        self._title_from_render = next((text for level, _, text in headings if level == 1), None)
        self.present_anchor_ids = set(_ID.findall(self.content))


def toc_tokens(headings: list[tuple[int, str, str]]) -> list[dict[str, Any]]:
    """Nest (level, id, name) headings the way Python-Markdown's toc extension reports them."""
    root: list[dict[str, Any]] = []
    stack: list[dict[str, Any]] = []
    for level, id_, name in headings:
        token = {"level": level, "id": id_, "name": name, "children": []}
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(token)
        stack.append(token)
    return root
