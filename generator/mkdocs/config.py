"""Options of the `plans` MkDocs plugin (mkdocs.yml → plugins → plans)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class PlansConfig(base.Config):
    """Where the content lives and how pages link back to it."""

    content_dir = c.Dir(exists=True, default="content")
    """The content folder: plans/, sources/ and the vocabularies."""
    branch = c.Type(str, default="main")
    """The branch "edit" links point at, next to mkdocs.yml's repo_url."""
    templates_dir = c.Optional(c.Dir(exists=True))
    """A folder whose templates override the package's (same file names)."""
    search_index = c.Type(bool, default=True)
    """Build the Pagefind search index after the site (turn off for quick previews)."""
