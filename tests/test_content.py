"""Each plan against its source document: numbers, counts, titles, agencies and deadlines.

The source texts kept in content/sources/ are the documents as extracted (page breaks, split
cells, OCR slips). Titles in the YAML are the cells joined and cleaned, so the checks compare
word by word after the same normalisation, plus a sample of exact full titles.
"""

from __future__ import annotations

import re

import pytest
from conftest import CONTENT

EXPECTED = {
    # plan id: (measures, top-level sections, all sections including nested groups)
    "smolensk-2020": (35, 5, 5),
    "leningrad-2020": (34, 6, 10),
    "kemerovo-2018": (26, 5, 5),
    "irkutsk-2021": (13, 1, 1),
    "perm-2021": (17, 3, 3),
}

_FIXES = {"000": "ООО", "Hay учно": "Научно", "обеспеч ение": "обеспечение"}


def normal(text: str) -> str:
    text = text.replace("ё", "е").replace("Ё", "Е")
    for wrong, right in _FIXES.items():
        text = text.replace(wrong, right)
    text = re.sub(r"<[^>]+>", " ", text)
    return " ".join(re.findall(r"[\wА-Яа-я%]+", text.lower()))


def source_of(plan) -> str:
    return (CONTENT / plan.source_file).read_text(encoding="utf-8")


def test_all_five_plans_are_there(catalog) -> None:
    assert set(catalog.plans) == set(EXPECTED)
    assert len(catalog.measures) == 125


@pytest.mark.parametrize("plan_id", EXPECTED)
def test_counts(catalog, plan_id: str) -> None:
    plan = catalog.plans[plan_id]
    measures, top, total = EXPECTED[plan_id]
    assert len(plan.measures) == measures
    assert len(plan.sections) == top
    assert len(plan.all_sections) == total


@pytest.mark.parametrize("plan_id", EXPECTED)
def test_every_measure_number_is_in_the_source(catalog, plan_id: str) -> None:
    plan = catalog.plans[plan_id]
    lines = source_of(plan).splitlines()
    starts = {line.split("\t")[0].strip() for line in lines}
    for m in plan.measures:
        assert m.number in starts, f"{plan_id}: {m.number} does not start a row of the source"


def words_not_in(text: str, source_words: set[str]) -> list[str]:
    return [w for w in normal(text).split() if w not in source_words]


@pytest.mark.parametrize("plan_id", EXPECTED)
def test_every_title_word_is_in_the_source(catalog, plan_id: str) -> None:
    plan = catalog.plans[plan_id]
    source = normal(source_of(plan))
    words = set(source.split())
    for m in plan.measures:
        missing = words_not_in(m.title, words)
        assert not missing, f"{plan_id} {m.number}: words not in the source: {missing}"
        title = normal(m.title)
        first = " ".join(title.split()[:2])  # Kemerovo splits cells after two or three words
        assert first in source, f"{plan_id} {m.number}: title does not start as in the source: {first!r}"


@pytest.mark.parametrize("plan_id", EXPECTED)
def test_responsible_and_deadlines_come_from_the_source(catalog, plan_id: str) -> None:
    plan = catalog.plans[plan_id]
    source = normal(source_of(plan))
    words = set(source.split())
    for m in plan.measures:
        if m.responsible_text:
            missing = words_not_in(m.responsible_text, words)
            assert not missing, f"{plan_id} {m.number}: responsible words not in the source: {missing}"
        missing = words_not_in(m.timeframe.text, words)
        assert not missing, f"{plan_id} {m.number}: deadline words not in the source: {missing}"
        assert m.responsible, f"{plan_id} {m.number}: no responsible agency"


SAMPLE_TITLES = {
    (
        "smolensk-2020",
        "2.13.",
    ): "Организация проведения Всероссийской профориентационной акции «Неделя без турникетов» на предприятиях Смоленской области",
    (
        "smolensk-2020",
        "1.1.",
    ): "Разработка и утверждение модели межотраслевого сетевого взаимодействия по профориентационной работе",
    (
        "leningrad-2020",
        "3.1.2",
    ): "Создание регионального «ресурсного центра» методического обеспечения и координации деятельности организаций и ведомств, занимающихся профориентационной работой с обучающимися",
    ("leningrad-2020", "5.4"): "Развитие движения «Абилимпикс» в Ленинградской области",
    (
        "kemerovo-2018",
        "3.2",
    ): "Разработка диагностического инструментария «Уровень сформированности профессионального самоопределения обучающихся»",
    ("kemerovo-2018", "4.8"): "Организация профильных смен профориентационной направленности",
    ("irkutsk-2021", "4."): "Региональный конкурс детских творческих проектов по 3D-моделированию «СоЗДатель»",
    ("perm-2021", "2.6."): "Организация Дня открытых дверей в КПТ",
}


@pytest.mark.parametrize("key", SAMPLE_TITLES, ids=lambda k: f"{k[0]}:{k[1]}")
def test_sample_of_full_titles(catalog, key) -> None:
    plan_id, number = key
    measure = next(m for m in catalog.plans[plan_id].measures if m.number == number)
    assert measure.title == SAMPLE_TITLES[key]


def measure(catalog, plan_id: str, number: str):
    return next(m for m in catalog.plans[plan_id].measures if m.number == number)


def test_sample_of_agencies_and_flags(catalog) -> None:
    m = measure(catalog, "smolensk-2020", "1.2.")
    assert [r.agency.name for r in m.responsible][:1] == ["Департамент Смоленской области по образованию и науке"]
    assert [r.by_agreement for r in m.responsible] == [False, True, False]
    m = measure(catalog, "irkutsk-2021", "5.")
    assert [r.role for r in m.responsible] == ["lead", "co-executor", "co-executor"]
    assert m.responsible[-1].by_agreement
    kem = measure(catalog, "kemerovo-2018", "1.2")
    assert [r.agency.short_names[0] for r in kem.responsible] == ["ДТиЗН КО", "ДОиН КО", "АМ"]


def test_one_agency_however_many_spellings(catalog) -> None:
    soiro = [a for a in catalog.agencies.values() if "ГАУ ДПО СОИРО" in a.short_names]
    assert len(soiro) == 1 and "Смоленский областной институт развития образования" in soiro[0].name
    iro = [a for a in catalog.agencies.values() if "Институт развития образования" in a.short_names]
    assert len(iro) == 1 and iro[0].region.id == "irkutsk"
    assert all(
        a.kind.group for a in catalog.agencies.values() if a.name.lower().startswith("образовательные организации")
    )


def test_sample_of_timeframes(catalog) -> None:
    tf = measure(catalog, "smolensk-2020", "1.1.").timeframe
    assert (tf.text, tf.start, tf.end, tf.quarters) == ("2021 год (II квартал)", 2021, 2021, (2,))
    tf = measure(catalog, "leningrad-2020", "1.3").timeframe
    assert (tf.start, tf.end, tf.months, tf.recurrence) == (2020, 2030, (1,), "annual")
    tf = measure(catalog, "kemerovo-2018", "1.4").timeframe
    assert tf.all_years == (2018, 2021, 2024, 2026)
    tf = measure(catalog, "irkutsk-2021", "11.").timeframe
    assert tf.months == (4, 5, 10, 11) and tf.recurrence == "annual"


def test_sample_of_targets_and_events(catalog) -> None:
    m = measure(catalog, "irkutsk-2021", "8.")
    assert sorted((t.year, t.value) for t in m.targets) == [(2021, 45), (2024, 80)]
    m = measure(catalog, "irkutsk-2021", "9.")
    assert [t.value for t in m.targets] == [10000]
    m = measure(catalog, "kemerovo-2018", "4.1")
    assert [e.title for e in m.events][0] == "Фестиваль профессий"
    assert [e.timeframe.months for e in m.events[:2]] == [(3,), (4,)]


def test_narrative_is_complete(catalog) -> None:
    kemerovo = catalog.plans["kemerovo-2018"]
    titles = " ".join(p.title for p in kemerovo.narrative)
    for part in (
        "Общие положения",
        "Проблемы",
        "цели и задачи",
        "Исполнители",
        "этапы",
        "механизмы",
        "Ожидаемые результаты",
        "контроля",
    ):
        assert part.lower() in titles.lower(), part
    assert [(s.start, s.end) for s in kemerovo.stages] == [(2018, 2020), (2021, 2024), (2025, 2027)]
    units = [i.unit for g in kemerovo.indicators for i in g.items]
    assert len(units) >= 17 and "Ед." in units
    assert len(catalog.plans["perm-2021"].goals) == 7


def test_ids_are_stable_slugs_from_numbers(catalog) -> None:
    for m in catalog.measures:
        assert m.id == re.sub(r"[.]+", "-", m.number.strip(".")).strip("-"), (m.plan.id, m.number, m.id)
