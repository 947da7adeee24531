"""Extra words indexed with a page so that people find it the way they type, and the word lists
the search page and the catalogue read.

A page has a concept of the search vocabulary when it says one of the concept's plan phrases
or abbreviations (compared by lemma, in order), or when it is a measure of the concept's topic.
It is then indexed with the concept's term, and the page remembers which of its own words the
concept points to (`via`), so that a result found through the vocabulary shows that plan text.
Region aliases are indexed too. Grades, months and years are not words here: the search page
turns them into filters, so that "9 класс" never matches measure number 9.
Added words go into an attribute that Pagefind indexes (`data-pagefind-index-attrs`), each after
a mark (`MARK`), so that they are searchable but never shown as plan text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from ..content.model import Catalog, Concept, Measure, Region, SearchVocabulary
from ..content.timeframes import MONTH_NAMES
from . import morphology

# Every vocabulary word is prefixed with this mark in the index, so that the search page can
# tell added words from the plan's own words and never show them as plan text.
MARK = "⟪"
# Function words that phrases skip on both sides: «неделя без турникетов» is «неделя турникет».
FUNCTION_WORDS = frozenset("а в во и к ко на над о об обо от по под при про с со у из за для до без или".split())
# Words of a query that ask and say nothing of what is asked: function words, question words, fillers
# («как», «можно ли», «подскажите», «как-то», «пожалуйста») and verbs of how one gets to what is asked
# («записаться», «попасть»). The search page drops them before it reads a query.
QUERY_STOP_WORDS = tuple(
    (
        "а в во для до за и из или к как какие какой каких какая каком ко кто ли мне на над не ни о об обо от по "
        "под при про с со у что чтобы это где когда зачем почему же бы мой моя мои моему моей ваш наш его ее их "
        "можно нужно есть быть чем тот эти этот все всё очень если она он они оно мы вы я там тут куда откуда чего "
        "после перед либо еще уже тоже также только бывает бывают проводят проводится делают делать сделать лучше "
        "хочет хочу хотим знает знаю подскажите посоветуйте расскажите найти нужен нужна нужны какое каков ей ему "
        "им проводит проводить провести пройти проходит проходят проходить участвует участвуют участвовать "
        "то нибудь пожалуйста вообще записаться записать заняться попасть обратиться обращаться устроить почитать "
        "узнать рассказать подсказать помогите какого каким какими какую сколько часто такое правда образом "
        "который которая которое которые которых будет будут хотят через разные разных среди сейчас сегодня теперь"
    ).split()
)
_TOKEN = re.compile(r"[А-Яа-яЁёA-Za-z0-9]+")
# A season in a query is its months, as a month is a filter («весной», «осенний»). Not summer: «летом»,
# «летний» are the words of summer jobs and camps, which the vocabulary reads.
SEASONS = {
    "зима": (12, 1, 2),
    "зимний": (12, 1, 2),
    "весна": (3, 4, 5),
    "весенний": (3, 4, 5),
    "осень": (9, 10, 11),
    "осенний": (9, 10, 11),
}


class SearchTerms(NamedTuple):
    """What a page adds to the index: marked words, and which of its words each concept found (`via`)."""

    words: str
    via: str = ""


@dataclass(frozen=True)
class _Phrase:
    concept: Concept
    lemmas: tuple[str, ...]


class Matcher:
    """The vocabulary's phrases by first lemma, to find concepts in a text in one pass."""

    def __init__(self, vocabulary: SearchVocabulary) -> None:
        self.by_first: dict[str, list[_Phrase]] = {}
        self.abbreviations: dict[str, Concept] = {}
        for concept in vocabulary.concepts:
            for phrase in concept.plans:
                lemmas = content_lemmas(phrase)
                if lemmas:
                    self.by_first.setdefault(lemmas[0], []).append(_Phrase(concept, lemmas))
            for abbr in concept.abbr:
                self.abbreviations.setdefault(abbr, concept)
        # An abbreviation of several concepts («ДОД») names none of them on a page.
        for abbr in {a for c in vocabulary.concepts for a in c.abbr}:
            if sum(abbr in c.abbr for c in vocabulary.concepts) > 1:
                del self.abbreviations[abbr]
        for phrases in self.by_first.values():
            phrases.sort(key=lambda p: -len(p.lemmas))

    def find(self, text: str) -> dict[Concept, str]:
        """The concepts a text names, each with the words it was named by (the first time)."""
        tokens = [(m, morphology.lemma(m.group())) for m in _TOKEN.finditer(text)]
        kept = [(m, lemma) for m, lemma in tokens if lemma not in FUNCTION_WORDS]
        found: dict[Concept, str] = {}
        # The longest phrase wins its words: «институт развития образования» is not a «институт» (вуз).
        covered = 0
        for i, (token, lemma) in enumerate(kept):
            word = token.group()
            concept = self.abbreviations.get(word)
            if concept is not None and concept not in found:
                found[concept] = word
            longest = 0
            for phrase in self.by_first.get(lemma, ()):
                n = len(phrase.lemmas)
                if n < longest or i + n <= covered:
                    continue
                if tuple(lem for _, lem in kept[i : i + n]) == phrase.lemmas:
                    longest = n
                    if phrase.concept not in found:
                        # The words as the text has them, with the function words between («Неделя без турникетов»).
                        found[phrase.concept] = text[token.start() : kept[i + n - 1][0].end()]
            covered = max(covered, i + longest)
        return found


@cache
def content_lemmas(phrase: str) -> tuple[str, ...]:
    """A phrase's lemmas without function words, as phrases are compared."""
    return tuple(lem for lem in morphology.lemmas(phrase) if lem not in FUNCTION_WORDS)


_matchers: dict[int, tuple[SearchVocabulary, Matcher]] = {}


def prepare(catalog: Catalog) -> None:
    """Read the site's ambiguous words as its other words do (`morphology.prefer`), before any page
    is indexed."""
    morphology.prefer(site_words(catalog))
    content_lemmas.cache_clear()
    _matchers.clear()


def matcher(vocabulary: SearchVocabulary) -> Matcher:
    """One matcher per vocabulary: built once for every page of a build."""
    entry = _matchers.get(id(vocabulary))
    if entry is None or entry[0] is not vocabulary:
        entry = _matchers[id(vocabulary)] = (vocabulary, Matcher(vocabulary))
    return entry[1]


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


def months(measure: Measure) -> list[str]:
    return [MONTH_NAMES[m - 1] for m in measure.timeframe.months]


def measure_concepts(catalog: Catalog, measure: Measure) -> dict[Concept, str]:
    """The concepts a measure has, each with the words of its page that name it: those of its text,
    then those of whom it is for (a measure for «обучающиеся с ОВЗ» is about school students with
    disabilities, whatever its text calls them), then those of the kinds of its organisations."""
    find = matcher(catalog.vocabulary).find
    found = find(_measure_text(measure))
    for audience in measure.audiences:
        for concept, surface in find(audience.title).items():
            found.setdefault(concept, surface)
    # An organisation whose name says nothing of what it is («КПТ») is still a college: its kind says
    # so. Collective kinds («образовательные организации») name no one place.
    for agency in measure.agencies:
        if not agency.kind.group and not any(map(find, (agency.name, *agency.short_names))):
            for concept in find(agency.kind.title):
                found.setdefault(concept, agency.label)
    topics = {t.id: t.title for t in measure.topics}
    for concept in catalog.vocabulary.concepts:
        if concept.topic in topics and concept not in found:
            found[concept] = topics[concept.topic]
    return found


def _measure_text(measure: Measure) -> str:
    return " ".join(
        filter(
            None,
            [
                measure.title,
                measure.result,
                measure.document,
                " ".join(e.title for e in measure.events),
                measure.responsible_text,
                " ".join(a.name for a in measure.agencies),
            ],
        )
    )


def measure_terms(catalog: Catalog, measure: Measure) -> SearchTerms:
    """Words to index with a measure page, and the plan words its concepts point to."""
    found = measure_concepts(catalog, measure)
    text = _measure_text(measure)
    topics = [t.title for t in measure.topics]
    shown = [text, measure.plan.region.name, *topics, *(a.title for a in measure.audiences), measure.timeframe.text]
    words = _marked([c.term for c in found] + region_terms(catalog, measure.plan.region), shown)
    return SearchTerms(words, _via(found))


def _via(found: dict[Concept, str]) -> str:
    """Which plan words each concept found, for the result's excerpt: «term=words;…»."""
    return ";".join(f"{c.term}={_plain(surface)}" for c, surface in found.items())


def _plain(text: str) -> str:
    """Words only: the search page finds them in the page's text whatever stands between them."""
    return " ".join(_TOKEN.findall(text))


def _marked(terms: list[str], page_texts: list[str]) -> str:
    """Mark the added words, leaving out those the page's texts already say with the same stem (so
    excerpts show its own). The stem, not the lemma: Pagefind's stemmer does not join every form of a
    word («дня» and «день»)."""
    present = frozenset().union(*map(_stem_set, page_texts))
    words: list[str] = []
    for term in dict.fromkeys(terms):
        for word in _TOKEN.findall(term):
            if morphology.stem(word) in present or word in words or morphology.lemma(word) in FUNCTION_WORDS:
                continue
            words.append(word)
    # The mark is its own token: glued to the word it would change the indexed word itself.
    return " ".join(f"{MARK} {w}" for w in words)


@cache
def _stem_set(text: str) -> frozenset[str]:
    """A text's stems. Agency, region, topic and audience names recur on every measure page: each is read once."""
    return frozenset(map(morphology.stem, morphology.words(text)))


def page_terms(catalog: Catalog, region: Region, text: str) -> SearchTerms:
    """Words to index with a plan, region or agency page."""
    found = matcher(catalog.vocabulary).find(text)
    words = _marked([c.term for c in found] + region_terms(catalog, region), [text, region.name])
    return SearchTerms(words, _via(found))


def _page_texts(catalog: Catalog) -> list[str]:
    """The texts the site's pages say of their own (no vocabulary word)."""
    texts: list[str] = []
    for m in catalog.measures:
        texts += [m.title, m.result or "", m.document or "", m.timeframe.text, m.responsible_text or ""]
    for a in catalog.agencies.values():
        texts += [a.name, *a.short_names]
    texts += [t.title + " " + t.description for t in catalog.topics.values()]
    texts += [a.title for a in catalog.audiences.values()] + [r.name for r in catalog.regions.values()]
    return texts


def site_words(catalog: Catalog) -> Iterable[str]:
    """Every word of 3+ letters the site's pages and vocabulary use."""
    texts = _page_texts(catalog)
    vocabulary = catalog.vocabulary
    for c in vocabulary.concepts:
        texts += [c.term, *c.plans, *c.abbr, *c.people]
    texts += [" ".join(pair) for pair in vocabulary.synonyms.items()]
    texts += [" ".join(aliases) for aliases in vocabulary.region_aliases.values()]
    texts += [*MONTH_NAMES, *SEASONS]
    return sorted({w.lower().replace("ё", "е") for text in texts for w in re.findall(r"[А-Яа-яЁёA-Za-z]{3,}", text)})


def word_forms(catalog: Catalog) -> dict[str, dict[str, str]]:
    """Every form of every word the site uses, with its lemma, grouped by first letter: the search
    page and the catalogue read words in any form without a morphology library on the phone."""
    words = list(site_words(catalog))
    forms = morphology.forms(words)
    forms.update({w: w for w in words if w not in forms})
    grouped: dict[str, dict[str, str]] = {}
    for form in sorted(forms):
        grouped.setdefault(form[0], {})[form] = forms[form]
    return grouped


def _stem_said(word: str, stems: set[str]) -> bool:
    """Whether Pagefind, which matches words by their stems and their beginnings, may find a word in
    pages that say another word of its root («программирование»: «программа»)."""
    own = morphology.stem(word)
    return any(s.startswith(own) or (len(s) >= 5 and own.startswith(s)) for s in stems)


def query_vocabulary(catalog: Catalog) -> dict[str, object]:
    """What the search page needs to read a query: concept phrases (by lemma) and the term each
    becomes, abbreviations, synonyms, region names by alias, months."""
    vocabulary = catalog.vocabulary
    pages = _page_texts(catalog)
    said = {lem for text in pages for lem in morphology.lemmas(text)}
    concepts = []
    for c in vocabulary.concepts:
        # A plan phrase with a word no page says («предпрофильная подготовка», «трудоустройство
        # несовершеннолетних») finds nothing as words: a query that says it is read as its concept, as an
        # everyday phrase is. One whose words pages say, if never together, is searched as words.
        unsaid_plans = [p for p in c.plans if not all(lem in said for lem in content_lemmas(p))]
        # A concept named by its abbreviation («ОВЗ») is named so by some pages and in full (its first plan
        # phrase) by others: the full name in a query is the concept, which finds both.
        if c.term in c.abbr and c.plans[0] not in unsaid_plans:
            unsaid_plans.append(c.plans[0])
        phrases = [list(content_lemmas(p)) for p in [*c.people, *unsaid_plans]]
        entry = {
            "term": c.term,
            "phrases": [p for p in phrases if p],
            "abbr": [a.lower() for a in c.abbr],
            "official": c.plans[0] if c.plans else None,
        }
        if c.audience:
            entry["audience"] = True
        concepts.append(entry)
    regions = []
    for region in catalog.regions.values():
        names = [region.name, *vocabulary.region_aliases.get(region.id, ())]
        regions.append(
            {
                "name": region.name,
                "id": region.id,
                "phrases": [list(content_lemmas(n)) for n in names if content_lemmas(n)],
            }
        )
    synonyms = {morphology.lemma(k): [morphology.lemma(w) for w in v.split()] for k, v in vocabulary.synonyms.items()}
    indexed = said | {lem for c in vocabulary.concepts for lem in morphology.lemmas(c.term)}
    everyday = {lem for c in vocabulary.concepts for p in c.people for lem in content_lemmas(p)}
    terms = [c.term for c in vocabulary.concepts]
    stems = {morphology.stem(w) for text in pages + terms for w in morphology.words(text)}
    return {
        "concepts": concepts,
        "synonyms": synonyms,
        # An everyday word no page says is searched as the official word it stands for («дистанционные
        # курсы»: «онлайн»); one that pages say stays («работа с родителями» is no «трудоустройство»).
        "searched_as": {k: v[0] for k, v in synonyms.items() if k not in said},
        # A word only everyday phrases have («привести» of «привести в колледж»): left alone in a query,
        # it is no page's word, so it is dropped, as a word the site does not know is.
        "unsaid": sorted(w for w in everyday - indexed - set(synonyms) if not _stem_said(w, stems)),
        "regions": regions,
        "months": {morphology.lemma(m): m for m in MONTH_NAMES},
        "seasons": {s: " ".join(MONTH_NAMES[m - 1] for m in months) for s, months in SEASONS.items()},
        "function_words": sorted(FUNCTION_WORDS),
        "stop": list(QUERY_STOP_WORDS),
        "measures": len(catalog.measures),
    }
