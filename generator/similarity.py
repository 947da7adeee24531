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

import snowballstemmer

from .model import Catalog, Measure

LIMIT = 5
MIN_SCORE = 0.12
_WORD = re.compile(r"[а-яёa-z]+", re.I)
_STOP = frozenset("""
и в во на по с со к ко о об от до для из за при под над не ни а но или же ли бы как так что это
его её их их в том числе том числе также том а также других других всех всех их
году годы год года гг г области обл областной областного области региона регионального региональной
""".split())


@cache
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("russian")


@cache
def _stem(word: str) -> str:
    return _stemmer().stemWord(word)


def stems(text: str) -> list[str]:
    """Russian stems of the words worth comparing (4+ letters, no stop words)."""
    words = [w.lower().replace("ё", "е") for w in _WORD.findall(text)]
    return [_stem(w) for w in words if len(w) >= 4 and w not in _STOP]


def measure_text(m: Measure) -> str:
    return " ".join(filter(None, [m.title, m.result or "", " ".join(e.title for e in m.events)]))


def similar_measures(catalog: Catalog, limit: int = LIMIT) -> dict[str, tuple[Measure, ...]]:
    """For every measure key, up to `limit` most similar measures from other plans."""
    measures = list(catalog.measures)
    bags = [Counter(stems(measure_text(m))) for m in measures]
    df: Counter[str] = Counter(s for bag in bags for s in bag)
    n = len(measures)
    idf = {s: math.log((1 + n) / (1 + d)) + 1 for s, d in df.items()}
    vectors = []
    for bag in bags:
        vec = {s: c * idf[s] for s, c in bag.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors.append({s: v / norm for s, v in vec.items()})

    postings: dict[str, list[int]] = defaultdict(list)
    for i, vec in enumerate(vectors):
        for stem in _top_stems(vec):
            postings[stem].append(i)
    by_topic: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(measures):
        for t in m.topics:
            by_topic[t.id].append(i)
    # A stem shared by more than `cap` measures says little about similarity; leaving those
    # out, and scoring at most 4 × cap candidates, keeps the work linear in the corpus.
    cap = 50

    result: dict[str, tuple[Measure, ...]] = {}
    for i, m in enumerate(measures):
        shared: Counter[int] = Counter()
        for stem in _top_stems(vectors[i]):
            if len(postings[stem]) <= cap:
                shared.update(postings[stem])
        for t in m.topics:
            pool = by_topic[t.id]
            step = max(1, len(pool) // cap)
            shared.update(pool[::step])
        candidates = [j for j, _ in sorted(shared.items(), key=lambda x: (-x[1], x[0]))[: 4 * cap]]
        scored = []
        for j in candidates:
            other = measures[j]
            if other.plan is m.plan:
                continue
            score = _score(m, other, vectors[i], vectors[j])
            if score >= MIN_SCORE:
                scored.append((-round(score, 6), other.key, other))
        scored.sort(key=lambda x: (x[0], x[1]))
        result[m.key] = _covering(m, scored, limit)
    return result


def _covering(m: Measure, scored: list, limit: int) -> tuple[Measure, ...]:
    """The best matches, making sure each of the measure's topics is represented when it can be."""
    chosen: list = []
    for topic in m.topics:
        best = next((x for x in scored if topic in x[2].topics and x not in chosen), None)
        if best is not None and len(chosen) < limit:
            chosen.append(best)
    for x in scored:
        if len(chosen) >= limit:
            break
        if x not in chosen:
            chosen.append(x)
    chosen.sort(key=lambda x: (x[0], x[1]))
    return tuple(x[2] for x in chosen)


def _top_stems(vec: dict[str, float], k: int = 12) -> list[str]:
    return sorted(vec, key=lambda s: (-vec[s], s))[:k]


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _weighted_overlap(a: Measure, b: Measure) -> float:
    """Topic overlap where each measure's first (main) topic weighs double."""
    wa = {t.id: (2.0 if i == 0 else 1.0) for i, t in enumerate(a.topics)}
    wb = {t.id: (2.0 if i == 0 else 1.0) for i, t in enumerate(b.topics)}
    keys = wa.keys() | wb.keys()
    union = sum(max(wa.get(k, 0), wb.get(k, 0)) for k in keys)
    return sum(min(wa.get(k, 0), wb.get(k, 0)) for k in keys) / union if union else 0.0


def _score(a: Measure, b: Measure, va: dict[str, float], vb: dict[str, float]) -> float:
    small, large = (va, vb) if len(va) <= len(vb) else (vb, va)
    cosine = sum(v * large.get(s, 0.0) for s, v in small.items())
    topics = _weighted_overlap(a, b)
    audiences = _jaccard({x.id for x in a.audiences}, {x.id for x in b.audiences})
    return 0.5 * cosine + 0.35 * topics + 0.15 * audiences
