"""Russian lemmas at build time (pymorphy3 and its OpenCorpora dictionary from PyPI).

Lemmas beat stems where a word changes its root («дети» → «ребёнок», «людей» → «человек»)
and where a stem is too short to tell words apart. The reader's phone runs no analyser: the
build writes every form of the words the site and its vocabulary use, with their lemmas, into
the word lists the search page and the catalogue read (`forms`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

import pymorphy3
import snowballstemmer

WORD = re.compile(r"[А-Яа-яЁёA-Za-z0-9]+")


@cache
def _analyzer() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


def fold(word: str) -> str:
    """A word as search compares it: lowercase, ё as е."""
    return word.lower().replace("ё", "е")


# Words whose most likely reading names a thing the site never speaks of, read as the site reads
# them: «кружки» is «кружок» on a site about clubs, not «кружка» (a mug). Set by `prefer`.
_preferred: dict[str, str] = {}


def prefer(site_words: Iterable[str]) -> None:
    """Read each of the site's words as the lemma its other words support: a word keeps its most
    likely lemma unless that is no other site word's most likely lemma while a less likely but
    plausible one (a score of at least `PLAUSIBLE`) is."""
    own = sorted({fold(w) for w in site_words if re.fullmatch(r"[а-яё]+", fold(w))})
    readings = {w: _normal_forms(w) for w in own}
    tops: dict[str, int] = {}
    for scores in readings.values():
        top = next(iter(scores))
        tops[top] = tops.get(top, 0) + 1
    chosen: dict[str, str] = {}
    for word, scores in readings.items():
        top = next(iter(scores))
        if tops[top] > 1:
            continue
        backed = [nf for nf, score in scores.items() if nf != top and score >= PLAUSIBLE and tops.get(nf, 0)]
        if backed:
            chosen[word] = backed[0]
    if chosen != _preferred:
        _preferred.clear()
        _preferred.update(chosen)
        lemma.cache_clear()
        _lexeme.cache_clear()


PLAUSIBLE = 0.05


def _normal_forms(word: str) -> dict[str, float]:
    """A word's lemmas with the analyser's score of each, most likely first."""
    scores: dict[str, float] = {}
    for p in _analyzer().parse(word):
        scores[fold(p.normal_form)] = scores.get(fold(p.normal_form), 0.0) + p.score
    return dict(sorted(scores.items(), key=lambda item: -item[1]))


@cache
def lemma(word: str) -> str:
    """The dictionary form of a word (its most likely reading, or the one the site's words support:
    `prefer`), folded; other words as they are."""
    word = fold(word)
    if not re.fullmatch(r"[а-я]+", word):
        return word
    return _preferred.get(word) or fold(_analyzer().parse(word)[0].normal_form)


@cache
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("russian")


@cache
def stem(word: str) -> str:
    """A word's Snowball stem, folded: what Pagefind's Russian index keeps of it («дня» and «день» differ)."""
    return _stemmer().stemWord(fold(word))


def words(text: str) -> list[str]:
    """A text's words, folded; a hyphenated word is its parts («дети-инвалиды» → дети, инвалиды)."""
    return [fold(w) for w in WORD.findall(text)]


def lemmas(text: str) -> list[str]:
    return [lemma(w) for w in words(text)]


@cache
def _lexeme(word: str) -> tuple[str, ...]:
    parses = _analyzer().parse(word)
    parse = next((p for p in parses if fold(p.normal_form) == lemma(word)), parses[0])
    return tuple(dict.fromkeys(fold(f.word) for f in parse.lexeme))


def forms(vocabulary: Iterable[str]) -> dict[str, str]:
    """Every form of the given words, each with its lemma. A form shared by two words keeps the
    lemma of its own most likely reading ("стали" as it is read alone)."""
    out: dict[str, str] = {}
    own = {fold(w) for w in vocabulary if re.fullmatch(r"[а-яё]+", fold(w))}
    for word in sorted(own):
        out[word] = lemma(word)
    for word in sorted(own):
        base = lemma(word)
        for form in _lexeme(word):
            out.setdefault(form, base)
    return out
