"""Stretches along a line (a header's labels, in characters of text or points of a PDF page)."""

from __future__ import annotations

from collections.abc import Iterable


def merged_spans(spans: Iterable[tuple[float, float]]) -> list[tuple[float, float]]:
    """The stretches in order, those that overlap joined into one: a label is one column's."""
    joined: list[list[float]] = []
    for start, end in sorted(spans):
        if joined and start <= joined[-1][1]:
            joined[-1][1] = max(joined[-1][1], end)
        else:
            joined.append([start, end])
    return [(start, end) for start, end in joined]
