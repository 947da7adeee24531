"""What hand-written pages print with mkdocs-macros (`{{ kb.regions }}`, the catalog) is text.

Region names and topic titles come from content files that pull requests change, and the home
page prints them into Markdown, which would read `<img onerror=…>`, `[x](javascript:…)` or
`{: onclick=…}` in them as markup. Every value a macro prints is therefore written with HTML
character references for the characters that HTML or Markdown read as markup, and on one line,
so that it stays text in Markdown, in raw HTML blocks and in attributes alike. A value that is
markup already (`Markup`, `|safe`) is printed as it is.
"""

from __future__ import annotations

from typing import Any

# Characters that start markup in HTML or in Python-Markdown with the site's extensions
# (links, emphasis, code, attr_list's {…}, abbr's *[…], tables, admonitions, headings).
_MARKUP = "&<>\"'\\`*_[]{}()#!|~+"
_INERT = str.maketrans({c: f"&#{ord(c)};" for c in _MARKUP} | {c: " " for c in "\r\n\x0b\x0c\x85\u2028\u2029"})


def inert(value: Any) -> str:
    """A value as text that neither HTML nor Markdown reads as markup."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return str(value).translate(_INERT)


def make_inert(plugins: Any) -> None:
    """Have mkdocs-macros (when the site uses it) print every value through `inert`.

    Called once its environment exists (after on_config) and before any page is rendered:
    Jinja reads `finalize` when it compiles a page, which mkdocs-macros does for each page."""
    macros = plugins.get("macros")
    if macros is not None:
        macros.env.finalize = inert
