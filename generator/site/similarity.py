"""Similar measures across plans: shared topics, audiences and (stemmed) words.

A teacher in Perm finds what Kemerovo does on the same theme. Candidates come from an
inverted index of each measure's most distinctive word stems and its topics, so the work
grows with the number of measures rather than with its square; ties are broken by key,
so the same content always gives the same lists.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from functools import cache
from operator import itemgetter

from ..content.model import Catalog, Measure
from . import morphology

LIMIT = 5
MIN_SCORE = 0.12
_WORD = re.compile(r"[а-яёa-z]+", re.I)
_STOP = frozenset(
    """
и в во на по с со к ко о об от до для из за при под над не ни а но или же ли бы как так что это
его её их их в том числе том числе также том а также других других всех всех их
году годы год года гг г области обл областной областного области региона регионального региональной
""".split()
)


@cache
def _word_stem(word: str) -> str | None:
    """The stem of a word as found in a text, or None for short words and stop words."""
    word = word.lower().replace("ё", "е")
    return morphology.stem(word) if len(word) >= 4 and word not in _STOP else None


def stems(text: str) -> list[str]:
    """Russian stems of the words worth comparing (4+ letters, no stop words)."""
    return [s for w in _WORD.findall(text) if (s := _word_stem(w)) is not None]


def measure_text(m: Measure) -> str:
    return " ".join(filter(None, [m.title, m.result or "", " ".join(e.title for e in m.events)]))


def similar_measures(catalog: Catalog, limit: int = LIMIT) -> dict[str, tuple[Measure, ...]]:
    """For every measure key, up to `limit` most similar measures from other plans."""
    index = Similarity(catalog, limit)
    return {m.key: index[m.key] for m in catalog.measures}


class Similarity:
    """Similar measures by measure key, each list computed when first asked for.

    Building the index (stems, weights, postings) is a small part of the work; the lists
    are computed where they are needed, so a page that is not rendered costs nothing.
    """

    # A stem shared by more than `CAP` measures says little about similarity; leaving those
    # out, and scoring at most 4 × CAP candidates, keeps the work linear in the corpus.
    CAP = 50

    def __init__(self, catalog: Catalog, limit: int = LIMIT) -> None:
        self.limit = limit
        self.measures = measures = list(catalog.measures)
        self.position = {m.key: i for i, m in enumerate(measures)}
        bags = [Counter(stems(measure_text(m))) for m in measures]
        df: Counter[str] = Counter(s for bag in bags for s in bag)
        n = len(measures)
        idf = {s: math.log((1 + n) / (1 + d)) + 1 for s, d in df.items()}
        bits = tuple({key: 1 << i for i, key in enumerate(ids)} for ids in (catalog.topics, catalog.audiences))
        self.topic_bits = bits[0]
        self.plans = [m.plan for m in measures]
        self.keys = [m.key for m in measures]
        self.features = []
        for m, bag in zip(measures, bags):
            vec = {s: c * idf[s] for s, c in bag.items()}
            norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
            self.features.append(_Features(m, {s: v / norm for s, v in vec.items()}, bits))
        self.postings: dict[str, list[int]] = defaultdict(list)
        for i, f in enumerate(self.features):
            for stem in f.top:
                self.postings[stem].append(i)
        self.by_topic: dict[str, list[int]] = defaultdict(list)
        for i, m in enumerate(measures):
            for t in m.topics:
                self.by_topic[t.id].append(i)
        self.lists: dict[str, tuple[Measure, ...]] = {}

    def __getitem__(self, key: str) -> tuple[Measure, ...]:
        if key not in self.lists:
            self.lists[key] = self._similar(self.position[key])
        return self.lists[key]

    def _similar(self, i: int) -> tuple[Measure, ...]:
        m, mine, cap, plans = self.measures[i], self.features[i], self.CAP, self.plans
        shared: Counter[int] = Counter()
        for stem in mine.top:
            if len(self.postings[stem]) <= cap:
                shared.update(self.postings[stem])
        for t in m.topics:
            pool = self.by_topic[t.id]
            step = max(1, len(pool) // cap)
            shared.update(pool[::step])
        # Most shared first, ties by index: sorted by index, then (stably) by count.
        candidates = [j for j, _ in sorted(sorted(shared.items()), key=itemgetter(1), reverse=True)[: 4 * cap]]
        others = [j for j in candidates if plans[j] is not m.plan]
        # (-score, key, index): measure keys are unique, so the order is by score, then key.
        scored = [
            (-round(score, 6), self.keys[j], j)
            for score, j in zip(_scores(mine, [self.features[j] for j in others]), others)
            if score >= MIN_SCORE
        ]
        scored.sort()
        chosen = _covering([self.topic_bits[t.id] for t in m.topics], scored, self.features, self.limit)
        return tuple(self.measures[j] for _, _, j in chosen)


def _covering(
    topics: list[int], scored: list[tuple[float, str, int]], features: list[_Features], limit: int
) -> list[tuple[float, str, int]]:
    """The best matches, making sure each of the measure's topics (bits) is represented when it can be."""
    chosen: list = []
    for topic in topics:
        best = next((x for x in scored if features[x[2]].labels & topic and x not in chosen), None)
        if best is not None and len(chosen) < limit:
            chosen.append(best)
    for x in scored:
        if len(chosen) >= limit:
            break
        if x not in chosen:
            chosen.append(x)
    chosen.sort()
    return chosen


class _Features:
    """What a measure is compared by, computed once rather than for each of its ~200 candidates.

    Topics and audiences are bit sets (`bits` gives each topic and each audience id a bit). A
    measure's first (main) topic weighs double: `labels` holds its topics' bits and, above
    them, its main topic's bit again, so that one AND and one count weigh the overlap (a
    measure lists a topic once; the schema says so).
    """

    __slots__ = ("vector", "top", "labels", "weight", "audiences")

    def __init__(
        self, m: Measure, vector: dict[str, float], bits: tuple[dict[str, int], dict[str, int]], k: int = 12
    ) -> None:
        topic_bits, audience_bits = bits
        self.vector = vector
        self.top = sorted(vector, key=lambda s: (-vector[s], s))[:k]
        topics = self.audiences = 0
        for t in m.topics:
            topics |= topic_bits[t.id]
        for a in m.audiences:
            self.audiences |= audience_bits[a.id]
        main = topic_bits[m.topics[0].id] if m.topics else 0
        self.labels = topics | main << len(topic_bits)
        self.weight = self.labels.bit_count()


def _scores(a: _Features, others: list[_Features]) -> list[float]:
    """For each of `others`: 0.5 × cosine of the stem vectors + 0.35 × weighted topic overlap
    + 0.15 × audience Jaccard. One call for all of a measure's ~100 candidates, not one per pair.

    Bit for bit the value of the plain formulas (sums over all stems and topics): the cosine adds
    the same non-zero terms in the same order, and the overlaps are ratios of the same whole numbers.
    """
    vector, labels, weight, audiences = a.vector, a.labels, a.weight, a.audiences
    size, stems = len(vector), vector.keys()
    out = []
    for b in others:
        other = b.vector
        if stems.isdisjoint(other):  # most candidates, found by topic, share no stem
            cosine = 0
        elif size <= len(other):
            cosine = sum([v * other[s] for s, v in vector.items() if s in other])
        else:
            cosine = sum([v * vector[s] for s, v in other.items() if s in vector])
        both = (labels & b.labels).bit_count()
        union = weight + b.weight - both
        either = (audiences | b.audiences).bit_count()
        out.append(
            0.5 * cosine
            + 0.35 * (both / union if union else 0.0)
            + 0.15 * ((audiences & b.audiences).bit_count() / either if either else 0.0)
        )
    return out
