"""Extraction artefacts the cleanup fixes, and what it leaves alone."""

from __future__ import annotations

import pytest

from generator.importer import cleanup


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("Территориальна я избирательная комиссия", "Территориальная избирательная комиссия"),
        ("Местное отделение Общероссийско го движения", "Местное отделение Общероссийского движения"),
        ("ОМВД России по району г. Перми", "ОМВД России по району г. Перми"),
        ("Комиссия по защите их прав", "Комиссия по защите их прав"),
        ("Беседы о здоровье", "Беседы о здоровье"),
    ],
)
def test_a_word_cut_before_its_last_letters_is_joined(text: str, fixed: str) -> None:
    assert cleanup.clean(text, cleanup.Vocabulary(text))[0] == fixed
