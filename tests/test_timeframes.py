"""Deadlines as printed in the five plans are read into years, quarters, months and recurrence."""

from __future__ import annotations

import pytest

from generator.content.timeframes import describe, parse

PERIOD = (2020, 2024)

CASES = [
    ("2021 год (II квартал)", 2021, 2021, (), (2,), (), (), "once"),
    ("2020-2024 годы (ежегодно)", 2020, 2024, (), (), (), (), "annual"),
    ("2020-2024 годы (в соответствии с планами работы)", 2020, 2024, (), (), (), (), "as-planned"),
    ("2020 год (август)", 2020, 2020, (), (), (), (8,), "once"),
    ("2-4 квартал 2021 г.", 2021, 2021, (), (2, 3, 4), (), (), "once"),
    ("Ежегодно, январь 2020-2030 г.г.", 2020, 2030, (), (), (), (1,), "annual"),
    ("Постоянно, 2020-2030г.г.", 2020, 2030, (), (), (), (), "continuous"),
    ("1 полугодие 2021 г.", 2021, 2021, (), (), (1,), (), "once"),
    ("I квартал 2018 г.", 2018, 2018, (), (1,), (), (), "once"),
    ("2018 г. 2021 г. 2024 г. 2026 г.", 2018, 2026, (2018, 2021, 2024, 2026), (), (), (), None),
    ("По запросу", 2020, 2024, (), (), (), (), "on-request"),
    ("Ежегодно апрель-май октябрь-ноябрь", 2020, 2024, (), (), (), (4, 5, 10, 11), "annual"),
    ("Июль – сентябрь, 2021 г.", 2021, 2021, (), (), (), (7, 8, 9), "once"),
    ("Ежегодно (сентябрь)", 2020, 2024, (), (), (), (9,), "annual"),
    ("В течение проекта", 2020, 2024, (), (), (), (), "continuous"),
    ("до 01.09.23", 2023, 2023, (), (), (), (), "once"),
    ("до 31.12.2023", 2023, 2023, (), (), (), (), "once"),
]


@pytest.mark.parametrize("text, start, end, years, quarters, halves, months, recurrence", CASES)
def test_parse(text, start, end, years, quarters, halves, months, recurrence) -> None:
    tf = parse(text, PERIOD)
    assert (tf.start, tf.end, tf.years, tf.quarters, tf.halves, tf.months, tf.recurrence) == (
        start,
        end,
        years,
        quarters,
        halves,
        months,
        recurrence,
    )


def test_open_start_runs_to_the_end_of_the_plan() -> None:
    tf = parse("с 1 сентября 2020 года", PERIOD)
    assert (tf.start, tf.end, tf.open_start, tf.months) == (2020, 2024, True, ())
    assert describe(tf) == "с 2020 г. до конца плана (2024)"


def test_phases() -> None:
    tf = parse("Создание: 4 квартал 2020 г. Организация работы: постоянно", (2020, 2030))
    assert [label for label, _ in tf.phases] == ["Создание", "Организация работы"]
    assert (tf.phases[0][1].quarters, tf.phases[1][1].recurrence) == ((4,), "continuous")
    assert (tf.start, tf.end) == (2020, 2030)
    assert describe(tf) == "Создание: 2020 г.; 4 квартал; однократно; Организация работы: 2020–2030 гг.; постоянно"


def test_all_years() -> None:
    assert parse("2018 г. 2021 г.", PERIOD).all_years == (2018, 2021)
    assert parse("2022-2024 годы", PERIOD).all_years == (2022, 2023, 2024)
