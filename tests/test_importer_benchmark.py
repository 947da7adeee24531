"""The importer benchmark's scorer: how a draft's measures are matched with the expected ones."""

from __future__ import annotations

from benchmarks.importer import score


def _measure(number: str | None, title: str) -> dict:
    return {"number": number, "title": title, "responsible": [{"agency": "a"}], "timeframe": "2024 год"}


def test_a_number_printed_in_every_section_is_matched_in_order() -> None:
    wanted = [_measure("а", "Первое"), _measure("б", "Второе"), _measure("а", "Третье")]
    found = [_measure("а)", "Первое"), _measure("б)", "Второе"), _measure("а) (2)", "Третье")]
    row = score(found, wanted)
    assert (row["numbers"], row["good"]) == (3, 3), row["misses"]
