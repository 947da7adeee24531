"""How the importer names a table's columns by their header words."""

from __future__ import annotations

import pytest

from generator.importer import columns


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Формы работы", "title"),
        ("Вид работы", "title"),
        ("Ответственные за исполнение", "responsible"),
        ("Сроки проведения", "timeframe"),
        ("Планируемый результат", "result"),
    ],
)
def test_header_words_name_the_column(header: str, field: str) -> None:
    assert columns.field_of(header) == field


@pytest.mark.parametrize(
    ("cell", "is_deadline"),
    [("II кв.", True), ("III–IV кв.", True), ("II–IV кв., ежегодно", True), ("площадью 50 кв. м", False)],
)
def test_a_quarter_abbreviated_with_its_roman_number_reads_as_a_deadline(cell: str, is_deadline: bool) -> None:
    assert columns.dated(cell) is is_deadline
