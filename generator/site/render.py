"""Render generated pages from Jinja templates; data text always comes out inert.

Templates emit the page's HTML, with YAML front matter for the theme: MkDocs hands it to the
theme as is (generated_page.py), so no Markdown parser spends the build re-reading what a
template already laid out. Every value printed with `{{ }}` passes through
`finalize`, which escapes HTML unless the value is `Markup` built here (links, line breaks).
So a measure that says `<script>`, `{{ config }}` or `[x](javascript:…)` is shown as those
characters and never executed.
"""

from __future__ import annotations

import json
import re
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined, Template, pass_context
from jinja2.compiler import CodeGenerator
from markupsafe import Markup
from markupsafe import escape as markupsafe_escape
from pymdownx.slugs import slugify

from . import urls
from .hyphenation import hyphenate

_LINE_BREAK = re.compile(r"\s*\n\s*")
# The same ids as the toc extension gives headings of hand-written pages (mkdocs.yml).
_slugify = slugify(case="lower")


def escape(value: Any) -> Markup:
    """Make text inert in HTML; newlines become <br>."""
    if isinstance(value, Markup):
        return value
    text = markupsafe_escape(str(value).strip())
    return Markup(_LINE_BREAK.sub("<br>", text)) if "\n" in text else text


def attr(value: Any) -> Markup:
    """Text for an HTML or SVG attribute or element: escaped, on one line."""
    if isinstance(value, Markup):
        return Markup(value.replace("<br>", " "))
    text = str(value).strip()
    return markupsafe_escape(_LINE_BREAK.sub(" ", text) if "\n" in text else text)


def slug(text: Any) -> str:
    """A heading id from its text."""
    return _slugify(str(text), "-")


def _finalize(value: Any) -> str:
    """What `{{ value }}` prints: Markup (links, macro output) as it is, anything else as escaped text.

    Text without a character to escape, nearly all of it, is printed as it is: no Markup made."""
    if type(value) is not str:
        if value is None:
            raise ValueError("a template printed None; guard optional fields with {% if %}")
        if hasattr(value, "__html__"):
            return value.__html__()
        value = str(value)
    text = value.strip()
    if "&" in text or "<" in text or ">" in text or '"' in text or "'" in text or "\n" in text:
        return escape(text)
    return text


class _PrintingCodeGenerator(CodeGenerator):
    """Compiles `{{ value }}` to `finalize(value)`, which escapes, rather than `escape(finalize(value))`.

    A page prints about 150 values; Jinja's way makes a Markup object for each, twice for text
    that `finalize` has already escaped. Jinja's own NativeCodeGenerator overrides these two hooks.
    Where autoescape is off or decided at run time, Jinja's code stays (finalize still escapes)."""

    def _output_child_pre(self, node: Any, frame: Any, finalize: Any) -> None:
        if frame.eval_ctx.autoescape and not frame.eval_ctx.volatile:
            self.write(finalize.src)
        else:
            super()._output_child_pre(node, frame, finalize)

    def _output_child_post(self, node: Any, frame: Any, finalize: Any) -> None:
        if frame.eval_ctx.autoescape and not frame.eval_ctx.volatile:
            self.write(")")
        else:
            super()._output_child_post(node, frame, finalize)


class _Environment(Environment):
    code_generator_class = _PrintingCodeGenerator

    def make_globals(self, d: Any) -> dict[str, Any]:
        """A template's globals as one dict rather than Jinja's ChainMap over the environment's:
        every render copies them, and a ChainMap is copied key by key in Python. The globals are
        all set before a template is loaded, as Jinja asks, so nothing is missed."""
        return {**self.globals, **(d or {})}


def html_text(value: Any) -> str:
    """Text HTML-escaped for places that print it unescaped (front matter), as plain str."""
    return str(markupsafe_escape(str(value)))


# A character beyond U+FFFF as JSON writes it, a surrogate pair, which YAML reads as two broken halves.
_SURROGATE_PAIR = re.compile(r"\\ud([89ab][0-9a-f]{2})\\ud([c-f][0-9a-f]{2})")


def _yaml_string(text: str) -> str:
    """`text` as a YAML double-quoted string in printable ASCII: JSON's escapes, which YAML shares,
    except a character beyond U+FFFF, written as YAML's \\U00XXXXXX."""
    quoted = json.dumps(text)
    if "\\ud" not in quoted:
        return quoted
    return _SURROGATE_PAIR.sub(
        lambda m: f"\\U{0x10000 + (int(m[1], 16) - 0x800 << 10) + int(m[2], 16) - 0xC00:08x}", quoted
    )


def front_matter(title: Any, description: Any = None, kb_type: str | None = None, pagefind: bool = True) -> Markup:
    """A generated page's YAML front matter: `{{ title|front_matter(description, kb_type="план") }}`.

    Theme templates print the title and description unescaped, so they are HTML-escaped here.
    The strings are written in printable ASCII (`_yaml_string`), so no character of the text can
    end a line of the front matter: YAML also breaks lines at U+0085, U+2028 and U+2029, and a
    text with one of them before `---` would end it early."""
    lines = ["---", f"title: {_yaml_string(html_text(title))}"]
    if kb_type:
        lines.append(f"kb_type: {_yaml_string(kb_type)}")
    if not pagefind:
        lines.append("pagefind: false")
    if description:
        lines.append(f"description: {_yaml_string(html_text(description))}")
    lines += ["render_macros: false", "---"]
    return Markup("\n".join(lines))


def search_terms(terms: Any) -> Markup:
    """Search vocabulary, indexed by Pagefind from the attribute and never displayed: `{{ terms|search_terms }}`.

    `terms` is a string or `search_terms.SearchTerms`; the latter's `via` (which plan words each
    concept found) goes into the result's metadata for the search page's excerpts.
    """
    words, via = (terms, "") if isinstance(terms, str) else terms
    if not words:
        return Markup("")
    meta = f' data-pagefind-meta="kb-via:{attr(via)}"' if via else ""
    return Markup(f'<span hidden data-pagefind-index-attrs="data-kb-terms" data-kb-terms="{attr(words)}"{meta}></span>')


def paragraphs(text: str) -> Markup:
    """Narrative text: blank lines separate paragraphs, lines starting '- ' are list items."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if lines and all(line.startswith("- ") for line in lines):
            out.append("<ul>\n" + "".join(f"<li>{escape(line[2:])}</li>\n" for line in lines) + "</ul>")
        elif lines:
            out.append(f"<p>{escape(' '.join(lines))}</p>")
    return Markup("\n".join(out))


def plural(n: int, one: str, few: str, many: str) -> str:
    """Russian plural: 1 мероприятие, 2 мероприятия, 5 мероприятий."""
    n = abs(n)
    if n % 10 == 1 and n % 100 != 11:
        word = one
    elif 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        word = few
    else:
        word = many
    return f"{n} {word}"


def shorten(text: str, length: int) -> str:
    """The first `length` characters of a title, with "…" if that cut it."""
    return text[:length] + ("…" if len(text) > length else "")


def date_ru(iso: str) -> str:
    """ "2020-04-30" → "30.04.2020", as Russian documents print dates."""
    year, month, day = iso.split("-")
    return f"{day}.{month}.{year}"


class Renderer:
    """Renders one named template for one page; templates in `overrides` win over the package's."""

    def __init__(self, overrides: list[str] | None = None, *, auto_reload: bool = False, **globals_: Any) -> None:
        loaders = [FileSystemLoader(d) for d in overrides or []] + [PackageLoader("generator.site", "templates")]
        self.env = _Environment(
            loader=ChoiceLoader(loaders),
            undefined=StrictUndefined,
            autoescape=True,
            finalize=_finalize,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=auto_reload,
        )
        self.env.filters.update(
            paragraphs=paragraphs,
            attr=attr,
            link=_link,
            href=_href,
            heading=heading,
            shorten=shorten,
            fragment=self.fragment,
            hyphenate=hyphenate,
            front_matter=front_matter,
            search_terms=search_terms,
        )
        self.env.globals.update(urls=urls, plural=plural, date_ru=date_ru, **globals_)
        self.fragments: dict[tuple[str, str], str] = {}
        self.chosen: dict[tuple[str, ...], Template] = {}

    def render(self, template: str | list[str], src: str, **context: Any) -> str:
        """Render `template` (or the first that exists of a list) for the page at `src`."""
        names = (template,) if isinstance(template, str) else tuple(template)
        if names not in self.chosen:  # looking for a missing override costs more than rendering a small page
            self.chosen[names] = self.env.select_template(names)
        return self.chosen[names].render(src=src, **context)

    def start_build(self) -> None:
        """A build starts afresh: fragments show one catalog, and override templates may have come or gone."""
        self.fragments.clear()
        self.chosen.clear()

    @pass_context
    def fragment(self, ctx: Any, measure: Any, template: str) -> Markup:
        """A measure's snippet that many pages repeat, rendered once: `{{ m|fragment("_measure-row.html.j2") }}`.

        A measure is listed on its plan's, agencies' and topics' pages, and among the similar
        measures of others; its links differ only by how far up to the site root they go. So the
        snippet is rendered with links from the root behind a mark, and each page puts its own
        way up ("../../") in place of the mark.
        """
        key = (template, measure.key)
        if key not in self.fragments:
            self.fragments[key] = self.env.get_template(template).render(m=measure, src=_ANYWHERE)
        src = ctx["src"]
        text = self.fragments[key]
        return Markup(text if src == _ANYWHERE else text.replace(_UP, "../" * urls.depth(src)))


# Where a fragment's links start from the site root: a control character, which no content
# holds (the loader refuses them) and no template writes.
_UP = "\x00"
# The made-up page a fragment is rendered for.
_ANYWHERE = _UP + "/index.md"


def _relative(src: str, target: Any) -> str:
    """The URL of `target` (a source path or the model object whose page it is) from the page at `src`."""
    to = urls.page(target)
    return _UP + urls.page_url(to) if src == _ANYWHERE else urls.href(src, to)


@pass_context
def _link(ctx: Any, text: Any, target: Any, anchor: str | None = None) -> Markup:
    """A link from the current page to another page or file: `{{ region.name|link(region) }}`.

    The target is a source path or the model object whose page it is (urls.page). Templates
    use it as a filter: Jinja calls filters directly, global functions through a slower path."""
    rel = _relative(ctx["src"], target) + (f"#{anchor}" if anchor else "")
    return Markup(f'<a href="{rel}">{_finalize(text)}</a>')


@pass_context
def _href(ctx: Any, target: Any) -> Markup:
    """The relative URL of another page or file, for attributes: `{{ measure|href }}`."""
    return Markup(_relative(ctx["src"], target))


def heading(text: Any, level: int, id: str | None = None) -> Markup:
    """A heading with a permanent link, as the toc extension writes it on hand-written pages;
    the page's table of contents is read back from these."""
    id = id or slug(text)
    return Markup(
        f'<h{level} id="{id}">{_finalize(text)}<a class="headerlink" href="#{id}" '
        f'title="Постоянная ссылка">&para;</a></h{level}>'
    )
