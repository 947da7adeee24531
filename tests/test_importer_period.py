"""How the importer reads a plan's period from its title."""

from __future__ import annotations

import pytest
from conftest import CONTENT

from generator.importer import Vocabularies, import_bytes


@pytest.fixture(scope="module")
def vocabularies() -> Vocabularies:
    return Vocabularies.load(CONTENT)


@pytest.mark.parametrize(
    ("title", "period"),
    [
        ("План мероприятий по профилактике на 2023/2024 учебный год", (2023, 2024)),
        ("План мероприятий по профилактике на 2024 - 2027 годы", (2024, 2027)),
        ("План мероприятий по профилактике в 2025 году", (2025, 2025)),
    ],
)
def test_period_from_the_title(title: str, period: tuple[int, int], vocabularies: Vocabularies) -> None:
    text = f"{title}\n№\tМероприятие\tОтветственный\tСрок\n1.\tЗаседание совета\tАдминистрация\tв течение года\n"
    plan = import_bytes(text.encode("utf-8"), "plan.txt", "smolensk", vocabularies).plan
    assert (plan["period"]["start"], plan["period"]["end"]) == period
