"""The theme's navigation, drawn once for every page that shows it alike.

Material draws the site's navigation (the drawer and the tabs) on every page. The thousands of
generated pages are not listed in it, so for all of them it differs only in its links, which are
relative to the page. `DrawnOnce` renders such a part once per key and reuses it: the key is where
the navigation's pages lie from this page (and, for the tabs, the page's section), and a page the
navigation lists is a key of its own (its entry is marked, with its table of contents). The
overrides call it (`overrides/partials/nav.html`, `tabs.html`) with the theme's own template, which
they shadow, under the prefix `theme/`.
"""

from __future__ import annotations

from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader, pass_context
from jinja2.runtime import Context
from markupsafe import Markup
from mkdocs.utils import get_relative_url

PREFIX = "theme"


class DrawnOnce:
    """Parts of the theme drawn for one build, by template and key."""

    def __init__(self) -> None:
        self.parts: dict[tuple[Any, ...], Markup] = {}

    def install(self, env: Environment, config: Any) -> None:
        """Make the theme's own templates reachable as `theme/…` and the drawing a global."""
        own = [d for d in config.theme.dirs if d != config.theme.custom_dir]
        env.loader = ChoiceLoader([env.loader, PrefixLoader({PREFIX: FileSystemLoader(own)})])
        env.globals["kb_drawn_once"] = self.draw
        self.parts.clear()

    @pass_context
    def draw(self, context: Context, name: str, *key: Any) -> Markup:
        """The theme's template `name` as it renders here, drawn the first time its key is seen."""
        page, nav = context.get("page"), context.get("nav")
        if page is None or nav is None or page in nav.pages:
            part: tuple[Any, ...] = (name, page.url if page is not None else None, *key)
        else:
            part = (name, tuple(get_relative_url(p.url, page.url) for p in nav.pages), *key)
        if part not in self.parts:
            template = context.environment.get_template(f"{PREFIX}/{name}")
            self.parts[part] = Markup(template.render(context.get_all()))
        return self.parts[part]
