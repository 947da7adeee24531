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
