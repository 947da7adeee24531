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

WORD = re.compile(r"[А-Яа-яЁёA-Za-z0-9]+")


@cache
def _analyzer() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


def fold(word: str) -> str:
    """A word as search compares it: lowercase, ё as е."""
    return word.lower().replace("ё", "е")


@cache
def lemma(word: str) -> str:
    """The dictionary form of a word (its most likely reading), folded; other words as they are."""
    word = fold(word)
    if not re.fullmatch(r"[а-я]+", word):
        return word
    return fold(_analyzer().parse(word)[0].normal_form)


def words(text: str) -> list[str]:
    """A text's words, folded; a hyphenated word is its parts («дети-инвалиды» → дети, инвалиды)."""
    return [fold(w) for w in WORD.findall(text)]


def lemmas(text: str) -> list[str]:
    return [lemma(w) for w in words(text)]


@cache
def _lexeme(word: str) -> tuple[str, ...]:
    parse = _analyzer().parse(word)[0]
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
