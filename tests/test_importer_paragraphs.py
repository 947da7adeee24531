"""Plain `pdftotext` output (reading order, no `-layout`): one cell a paragraph, through the importer."""

from __future__ import annotations

from typing import Any

from conftest import draft_measures as measures

from generator.importer import Vocabularies, import_bytes


def imported(text: str, vocabularies: Vocabularies) -> dict[str, Any]:
    return import_bytes(text.encode(), "plan.txt", "perm", vocabularies).plan


# As pdftotext prints a table without -layout: the «№» label glued under the title, the header
# and the column-number row one paragraph a cell, a section's merged row glued above the next
# row's number, and the deadline of a row printed among its responsible cell's lines.
RAW = (
    "План мероприятий\nпо профилактике безнадзорности несовершеннолетних\nна 2025 год\n№\n\n"
    "Наименование мероприятия\n\nОтветственные\nисполнители\n\nСроки\n\n"
    "1\n\n2\n\n3\n\n4\n\n"
    "1. Организационные мероприятия\nа)\n\n"
    "Проведение заседаний комиссии по делам\nнесовершеннолетних\n\n"
    "Комиссия по делам\nнесовершеннолетних\n\nежеквартально\n\n"
    "б)\n\nФормирование банка данных о семьях,\nнаходящихся в социально опасном\nположении\n\n"
    "Управление\nдо 01.03.2025\nобразования\n\n"
    "2. Работа с семьями\nа)\n\nРодительские собрания о правах\nребёнка\n\n"
    "классные руководители\n\nсентябрь, январь\n\n"
    "- 2 -\n\n"
    "б)\n\nИндивидуальная работа с семьями\n\nпедагоги-психологи\n\nпо запросу\n\n"
    "Начальник управления\n\n_____________ А.Ю. Веденеев\n"
)


def test_plain_pdftotext_paragraphs_are_rows_of_the_header_columns(vocabularies: Vocabularies) -> None:
    plan = imported(RAW, vocabularies)
    found = measures(plan)
    # letters restart in each section; the draft tells the repeated ones apart
    assert [m["number"].split()[0] for m in found] == ["а)", "б)", "а)", "б)"]
    assert found[0]["title"] == "Проведение заседаний комиссии по делам несовершеннолетних"
    assert found[0]["timeframe"] == "ежеквартально"
    assert found[2]["timeframe"] == "сентябрь, январь"
    # the page number between rows is no cell, the heading glued above «а)» a section
    assert found[3]["title"] == "Индивидуальная работа с семьями"
    assert [s["title"] for s in plan["sections"]] == ["Организационные мероприятия", "Работа с семьями"]
    assert plan["title"].startswith("План мероприятий по профилактике")
    assert "№" not in plan["title"]


def test_a_deadline_among_the_responsible_lines_goes_to_the_deadline_column(vocabularies: Vocabularies) -> None:
    found = measures(imported(RAW, vocabularies))
    assert found[1]["timeframe"] == "до 01.03.2025"
    assert "01.03" not in found[1]["title"]
