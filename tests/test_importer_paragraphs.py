"""Plain `pdftotext` output (reading order, no `-layout`): one cell a paragraph, through the importer."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import draft_measures as measures

from generator.importer import ImporterError, Vocabularies, import_bytes


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


# A block of rows printed a column before the next: the numbers and titles of rows 1 and 2, then
# row 1's other cells, then row 2's; «№» / «п/п» over two lines; a financing column the draft
# does not take.
COLUMN_BY_COLUMN = (
    "План мероприятий по развитию добровольчества\nна 2025 год\n№\nп/п\n\n"
    "Наименование мероприятия\n\nСроки\nпроведения\n\nОтветственные\n\nИсточник\nфинансирования\n\n"
    "1.\n\nСоздание волонтёрских отрядов в\nобщеобразовательных организациях\n\n"
    "2.\n\nРегистрация обучающихся на\nплатформе «ДОБРО.РФ»\n\n"
    "до 01.09.2025\n\nруководители\nобразовательных\nорганизаций\n\nбез финансирования\n\n"
    "постоянно\n\nотдел молодёжной политики\n\nрайонный бюджет\n\n"
    "Волонтёрские акции\n\n"
    "3.\n\nАкция «Георгиевская ленточка»\n\n25 апреля – 9 мая\n\nотдел культуры\n\nрайонный бюджет\n\n"
    "4.\n\nЭкологическая акция «Чистый берег»\n\nмай, сентябрь\n\nотдел образования\n\nбез финансирования\n"
)


def test_rows_printed_column_by_column_are_put_back_row_by_row(vocabularies: Vocabularies) -> None:
    plan = imported(COLUMN_BY_COLUMN, vocabularies)
    found = measures(plan)
    assert [m["number"] for m in found] == ["1.", "2.", "3.", "4."]
    assert found[0]["title"] == "Создание волонтёрских отрядов в общеобразовательных организациях"
    assert found[0]["timeframe"] == "до 01.09.2025"
    assert found[1]["title"] == "Регистрация обучающихся на платформе «ДОБРО.РФ»"
    assert found[1]["timeframe"] == "постоянно"
    assert [len(m["responsible"]) for m in found] == [1, 1, 1, 1]
    assert found[3]["timeframe"] == "май, сентябрь"
    assert "бюджет" not in str(found) and "финансирования" not in str(found)
    assert [s.get("title") for s in plan["sections"]] == [None, "Волонтёрские акции"]


# pdftotext read the № column of the page whole before the other cells: the numbers stand one
# after another, and the titles, agencies and deadlines of the rows come later, interleaved.
NUMBERS_APART = (
    "План мероприятий по поддержке одарённых детей на 2025 год\n\n"
    "№ п/п\n1\n\n1.1.\n\n1.2.\n\n1.3.\n\n"
    "Ответственные исполнители\nСрок исполнения\n2\n3\n"
    "Разработка положения о конкурсе\nминистерство образования\nдо 01.03.2025\n"
    "Проведение олимпиады\nцентр «Полярная звезда»\nоктябрь\n"
    "Наименование мероприятия\n"
)


def test_numbers_printed_apart_from_their_rows_are_refused_with_the_reason(vocabularies: Vocabularies) -> None:
    with pytest.raises(ImporterError) as raised:
        imported(NUMBERS_APART, vocabularies)
    message = str(raised.value)
    assert "plan.txt" in message
    assert "lines 6–10: «1.1.», «1.2.», «1.3.»" in message
    assert "line 12 «Ответственные исполнители»" in message
    assert "pdftotext -layout" in message
