"""Extra words indexed with a page so that people find it the way they type.

Abbreviations both ways, everyday words for a measure's topics, a region's everyday names,
the grades, months and years a measure covers. They go into an attribute that Pagefind
indexes (`data-pagefind-index-attrs`), so they are searchable but never shown as plan text.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ..content.model import Catalog, Measure, Region
from .similarity import stems
from ..content.timeframes import MONTH_NAMES

_WORD = re.compile(r"[\wА-Яа-яЁё-]+")
# Every vocabulary word is prefixed with this mark in the index, so that the search page can
# tell added words from the plan's own words and never show them as plan text.
MARK = "⟪"


@lru_cache(maxsize=4096)
def _stem_set(text: str) -> frozenset[str]:
    """A text's stems and lowercased words. Agency, region, topic and audience names recur on
    thousands of measure pages: each is read once."""
    return frozenset(stems(text)) | {w.lower() for w in _WORD.findall(text)}


def _mentions(text_stems: str, text_words: set[str], phrase: str) -> bool:
    """A phrase occurs when its words occur together, in order (compared by stem)."""
    phrase_stems, phrase_words = _phrase(phrase)
    if not phrase_stems:
        return all(w in text_words for w in phrase_words)
    return phrase_stems in text_stems


@cache
def _phrase(phrase: str) -> tuple[str, tuple[str, ...]]:
    """A vocabulary phrase as `_mentions` compares it; the same few phrases come up for every page."""
    phrase_stems = stems(phrase)
    return (f" {' '.join(phrase_stems)} " if phrase_stems else "", tuple(_WORD.findall(phrase)))


def abbreviation_terms(catalog: Catalog, text: str) -> list[str]:
    """Every abbreviation entry the text mentions, in both directions."""
    text_stems = f" {' '.join(stems(text))} "
    text_words = set(_WORD.findall(text))
    out: list[str] = []
    for abbr, expansions in catalog.vocabulary.abbreviations:
        if abbr in text_words or any(_mentions(text_stems, text_words, e) for e in expansions):
            out += [abbr, *expansions]
    return out


def region_terms(catalog: Catalog, region: Region) -> list[str]:
    return list(catalog.vocabulary.region_aliases.get(region.id, ()))


def grades(measure: Measure) -> list[int]:
    """School grades a measure covers: the grades it names, else those of its audiences."""
    if measure.grades:
        return list(range(measure.grades[0], measure.grades[1] + 1))
    found: set[int] = set()
    for audience in measure.audiences:
        if audience.grades:
            found.update(range(audience.grades[0], audience.grades[1] + 1))
    return sorted(found)


def measure_terms(catalog: Catalog, measure: Measure) -> str:
    """Words to index with a measure page."""
    # Abbreviations are matched in what the measure says, not in its agencies' names.
    text = " ".join(filter(None, [measure.title, measure.result, measure.document,
                                  " ".join(e.title for e in measure.events)]))
    shown = [text, measure.responsible_text or "", *(a.name for a in measure.agencies), measure.plan.region.name,
             *(t.title for t in measure.topics), *(a.title for a in measure.audiences), measure.timeframe.text]
    out = abbreviation_terms(catalog, text) + region_terms(catalog, measure.plan.region)
    for topic in measure.topics:
        out += catalog.vocabulary.topic_words.get(topic.id, ())
    if grades(measure):
        out.append("класс классы " + " ".join(str(g) for g in grades(measure)))
    tf = measure.timeframe
    out += [MONTH_NAMES[m - 1] for m in tf.months]
    out += [str(y) for y in tf.all_years]
    return _marked(out, shown)


def _marked(terms: list[str], page_texts: list[str]) -> str:
    """Mark the added words, leaving out those the page's texts already say (so excerpts show its own)."""
    present = frozenset().union(*map(_stem_set, page_texts))
    words = []
    for term in dict.fromkeys(terms):
        for word in term.split():
            stem = _first_stem(word)
            if (stem is not None and stem in present) or word.lower() in present or word in words:
                continue
            words.append(word)
    # The mark is its own token: glued to the word it would change the indexed word itself.
    return " ".join(f"{MARK} {w}" for w in words)


@cache
def _first_stem(word: str) -> str | None:
    """What `_marked` compares a word by; the same vocabulary words come up for every page."""
    found = stems(word)
    return found[0] if found else None


def page_terms(catalog: Catalog, region: Region, text: str) -> str:
    """Words to index with a plan, region or agency page."""
    return _marked(abbreviation_terms(catalog, text) + region_terms(catalog, region), [text, region.name])


def dictionary(catalog: Catalog) -> dict[str, list[str]]:
    """Every word of 4+ letters the site's pages and vocabulary use, grouped by first letter."""
    texts: list[str] = []
    for m in catalog.measures:
        texts += [m.title, m.result or "", m.document or "", m.timeframe.text]
    for a in catalog.agencies.values():
        texts += [a.name, *a.short_names]
    texts += [t.title + " " + t.description for t in catalog.topics.values()]
    texts += [a.title for a in catalog.audiences.values()] + [r.name for r in catalog.regions.values()]
    vocabulary = catalog.vocabulary
    texts += [abbr + " " + " ".join(exp) for abbr, exp in vocabulary.abbreviations]
    texts += [" ".join(words) for words in vocabulary.topic_words.values()]
    texts += [" ".join(aliases) for aliases in vocabulary.region_aliases.values()]
    words = {w.lower().replace("ё", "е") for text in texts for w in re.findall(r"[А-Яа-яЁёA-Za-z]{4,}", text)}
    grouped: dict[str, list[str]] = {}
    for word in sorted(words):
        grouped.setdefault(word[0], []).append(word)
    return grouped
