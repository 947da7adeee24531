"""One cell per line, as copied from a web page, and the agency names such tables carry: each rule
read from a real input, through the importer."""

from __future__ import annotations

from typing import Any

from conftest import ROOT
from conftest import draft_measures as measures

from generator.importer import Vocabularies, import_bytes
from generator.importer.log import GUESS

TITLE = "Комплекс мер по профилактике правонарушений несовершеннолетних на 2025–2026 годы\n\n"


def imported(text: str, vocabularies: Vocabularies) -> Any:
    return import_bytes(text.encode(), "plan.txt", "perm", vocabularies)


def responsible(plan: dict[str, Any], measure: dict[str, Any]) -> list[str]:
    names = {a["id"]: a["name"] for a in plan["agencies"]}
    return [names[r["agency"]] for r in measure["responsible"]]


NAMES_PER_LINE = TITLE + (
    "№ п/п\nНаименование мероприятия\nСрок исполнения\nОтветственные исполнители\n"
    "I. Организационные меры\n"
    "1.1.\nПроведение заседаний комиссии по делам несовершеннолетних\nежеквартально\n"
    "Комиссия по делам несовершеннолетних и защите их прав Северного муниципального округа\n"
    "1.2.\nФормирование банка данных о несовершеннолетних\nпостоянно\n"
    "Комиссия по делам несовершеннолетних и защите их прав Северного муниципального округа\n"
    "ОМВД России по Северному району (по согласованию)\n"
    "1.3.\nПроведение межведомственных сверок сведений\nдо 10 числа месяца, следующего за кварталом\n"
    "ОМВД России по Северному району\n(по согласованию)\n"
    "ответственный секретарь КДНиЗП Лаптева Е.С.\n"
    "Работа с семьями\n"
    "2.1.\nПроведение Единого дня правовой помощи детям\nноябрь 2025 г., ноябрь 2026 г.\n"
    "Управление образования администрации Северного муниципального округа\n"
)


def test_a_row_runs_to_the_next_number_with_one_name_per_line(vocabularies: Vocabularies) -> None:
    result = imported(NAMES_PER_LINE, vocabularies)
    found = measures(result.plan)
    assert [m["number"] for m in found] == ["1.1.", "1.2.", "1.3.", "2.1."]
    assert len(found[1]["responsible"]) == 2
    # «(по согласованию)» on its own line goes with the name above it; a position and its
    # holder are one person
    assert responsible(result.plan, found[2])[1] == "ответственный секретарь КДНиЗП Лаптева Е.С."
    assert found[2]["responsible"][0].get("by_agreement") is True
    # a line after the last cell that reads as no deadline is a heading, not a deadline
    assert found[2]["timeframe"] == "до 10 числа месяца, следующего за кварталом"
    assert found[3]["timeframe"] == "ноябрь 2025 г., ноябрь 2026 г."


HEADERLESS = TITLE + (
    "I. Организационные меры\n\n"
    "1.1.\nПроведение заседаний комиссии по делам несовершеннолетних с рассмотрением вопросов о состоянии "
    "преступности и правонарушений несовершеннолетних\nежеквартально\n"
    "Комиссия по делам несовершеннолетних Северного муниципального округа\n\n"
    "1.2.\nФормирование и актуализация банка данных о несовершеннолетних, состоящих на профилактическом "
    "учёте\nпостоянно\n"
    "Комиссия по делам несовершеннолетних Северного муниципального округа\n"
    "ОМВД России по Северному району (по согласованию)\n\n"
    "1.3.\nПодготовка аналитической справки о состоянии правонарушений несовершеннолетних за 2024 год\n"
    "до 01.02.2025\n"
    "ответственный секретарь КДНиЗП Лаптева Е.С.\n\n"
    "II. Работа с семьями\n\n"
    "2.1.\nПроведение Единого дня правовой помощи детям с участием адвокатов и нотариусов округа\n"
    "ноябрь 2025 г.\nУправление образования администрации Северного муниципального округа\n"
)


def test_numbered_rows_without_a_header_are_a_table_with_guessed_columns(vocabularies: Vocabularies) -> None:
    result = imported(HEADERLESS, vocabularies)
    found = measures(result.plan)
    assert [m["number"] for m in found] == ["1.1.", "1.2.", "1.3.", "2.1."]
    assert found[0]["title"].startswith("Проведение заседаний комиссии по делам несовершеннолетних")
    assert found[2]["timeframe"] == "до 01.02.2025"
    assert len(found[1]["responsible"]) == 2  # the longer row lists its names one per line
    assert "no header" in "\n".join(result.plan.get("notes", [])) or "no header" in "\n".join(
        e.message for e in result.log.of(GUESS)
    )


UNNUMBERED = TITLE + (
    "Мероприятие\nСрок реализации\nОтветственные исполнители\n"
    "Нормативное обеспечение\n"
    "Инвентаризация фондов школьных музеев\n2026 г.\nруководители школьных музеев\n"
    "Паспортизация школьных музеев\n2026–2027 гг.\nКомитет по образованию администрации округа\n"
    "Развитие экспозиций\n"
    "Обновление экспозиции в музее МАОУ «СОШ № 3»\nдо 01.05.2027\nдиректор МАОУ «СОШ № 3» Намсараев Б.Ц.\n"
    "\nПредседатель Комитета по образованию\nД.Б. Цыренов\n"
)


def test_a_heading_in_an_unnumbered_stream_is_told_by_the_deadline_after_it(vocabularies: Vocabularies) -> None:
    found = measures(imported(UNNUMBERED, vocabularies).plan)
    titles = [m["title"] for m in found]
    assert titles[:3] == [
        "Инвентаризация фондов школьных музеев",
        "Паспортизация школьных музеев",
        "Обновление экспозиции в музее МАОУ «СОШ № 3»",
    ]
    assert [m["timeframe"] for m in found[:3]] == ["2026 г.", "2026–2027 гг.", "до 01.05.2027"]


def test_the_signature_after_an_unnumbered_table_is_no_row(vocabularies: Vocabularies) -> None:
    # two lines after a blank one, fewer than a row has cells, no deadline among them
    found = measures(imported(UNNUMBERED, vocabularies).plan)
    assert len(found) == 3
    assert not any("Цыренов" in m["title"] or "Председатель" in m["title"] for m in found)
    # blank lines between the rows too: the last short run is still the signature
    apart = TITLE + "Мероприятие\nСрок реализации\nОтветственные исполнители\n"
    for block in (
        "Нормативное обеспечение",
        "Инвентаризация фондов школьных музеев\n2026 г.\nруководители школьных музеев",
        "Паспортизация школьных музеев\n2026–2027 гг.\nКомитет по образованию администрации округа",
        "Обновление экспозиции в музее\nдо 01.05.2027\nдиректор МАОУ «СОШ № 3» Намсараев Б.Ц.",
        "Председатель Комитета по образованию\nД.Б. Цыренов",
    ):
        apart += block + "\n\n"
    assert [m["timeframe"] for m in measures(imported(apart, vocabularies).plan)] == [
        "2026 г.",
        "2026–2027 гг.",
        "до 01.05.2027",
    ]


def test_a_label_no_column_knows_is_counted_from_the_rows(vocabularies: Vocabularies) -> None:
    # «Форма отчётности» names no known column; every numbered row has one line more than the
    # known labels, so it is a label and «Скриншоты публикаций» no agency
    data = (ROOT / "benchmarks" / "layouts" / "heldout" / "c-dtt" / "text-lines.txt").read_bytes()
    plan = import_bytes(data, "plan.txt", "perm", vocabularies).plan
    found = {m["number"]: m for m in measures(plan)}
    assert len(found["13."]["responsible"]) == 1
    assert len(found["1."]["responsible"]) == 1


AGENCIES = (
    "План мероприятий по экологическому просвещению на 2025 год\n\n"
    "№ п/п\tНаименование мероприятия\tОтветственный исполнитель\tСрок исполнения\n"
    "1.\tЛабораторный контроль качества воды\tФБУЗ «Центр гигиены и эпидемиологии в области», "
    "филиал в Озёрском районе (по согласованию)\tежемесячно\n"
    "2.\tОхрана зданий\tруководители образовательных организаций, ФГКУ «УВО ВНГ России по области», "
    "Заречный филиал\tпостоянно\n"
    "3.\tСоздание экспозиции\tсовет ветеранов педагогического труда (по согласованию)\tдо 01.09.2026\n"
)


def test_a_branch_after_a_comma_and_an_oblique_position_word_stay_in_one_name(vocabularies: Vocabularies) -> None:
    plan = imported(AGENCIES, vocabularies).plan
    found = measures(plan)
    assert responsible(plan, found[0]) == ["ФБУЗ «Центр гигиены и эпидемиологии в области», филиал в Озёрском районе"]
    assert len(found[1]["responsible"]) == 2
    assert responsible(plan, found[2]) == ["совет ветеранов педагогического труда"]


UNNUMBERED_APART = TITLE + (
    "Организационные меры\n\n"
    "Проведение заседаний комиссии по делам несовершеннолетних с рассмотрением вопросов профилактики\nежеквартально\n"
    "Комиссия по делам несовершеннолетних и защите их прав Северного муниципального округа\n\n"
    "Формирование банка данных о несовершеннолетних, находящихся в социально опасном положении\nпостоянно\n"
    "Комиссия по делам несовершеннолетних; ОМВД России по Северному району (по согласованию)\n\n"
    "Работа с семьями\n\n"
    "Проведение Единого дня правовой помощи детям в образовательных организациях округа\nноябрь 2025 г.\n"
    "Управление образования администрации Северного муниципального округа\n\n"
    "Родительские собрания о правах ребёнка и об ответственности родителей за воспитание детей\nсентябрь, январь\nклассные руководители\n"
)


def test_rows_without_header_or_numbers_set_apart_by_blank_lines_are_a_table(vocabularies: Vocabularies) -> None:
    result = imported(UNNUMBERED_APART, vocabularies)
    found = measures(result.plan)
    assert [m["title"] for m in found] == [
        "Проведение заседаний комиссии по делам несовершеннолетних с рассмотрением вопросов профилактики",
        "Формирование банка данных о несовершеннолетних, находящихся в социально опасном положении",
        "Проведение Единого дня правовой помощи детям в образовательных организациях округа",
        "Родительские собрания о правах ребёнка и об ответственности родителей за воспитание детей",
    ]
    assert [m["timeframe"] for m in found] == ["ежеквартально", "постоянно", "ноябрь 2025 г.", "сентябрь, январь"]
    assert len(found[1]["responsible"]) == 2
    # a line alone between rows is a section, not a measure
    assert [s["title"] for s in result.plan["sections"]] == ["Организационные меры", "Работа с семьями"]
    assert result.plan["period"]["start"] == 2025


def test_a_run_of_unnumbered_headings_does_not_nest_ever_deeper(vocabularies: Vocabularies) -> None:
    headings = "".join(f"Направление работы номер {word}\n" for word in ["один", "два", "три", "четыре", "пять"] * 8)
    text = NAMES_PER_LINE.replace("Работа с семьями\n", "Работа с семьями\n" + headings)
    result = imported(text, vocabularies)

    def depth(sections: list[dict[str, Any]]) -> int:
        return max((1 + depth(s.get("sections", [])) for s in sections), default=0)

    assert depth(result.plan["sections"]) <= 3
    assert measures(result.plan)[-1]["title"] == "Проведение Единого дня правовой помощи детям"


HEADERLESS_TWO_NAMES = TITLE + (
    "1)\nФормирование реестра школьных спортивных клубов и утверждение составов лиг\nдо 20.01.26\n"
    "Управление образования администрации города\nКомитет по физической культуре и спорту\n"
    "2)\nУтверждение положения о городском этапе школьной баскетбольной лиги сезона\n15.01.26\n"
    "Управление образования администрации города\n"
    "3)\nИгры регулярного чемпионата школьной волейбольной лиги среди команд\nянварь – март\n"
    "МБУ ДО «Спортивная школа олимпийского резерва»\nруководители школьных спортивных клубов\n"
    "4)\nФинал городской школьной лиги по мини-футболу среди команд школ\n25.12.26\n"
    "Комитет по физической культуре и спорту\nМБУ ДО «Спортивная школа олимпийского резерва»\n"
    "5)\nГородской турнир по шахматам среди команд общеобразовательных организаций\nапрель\n"
    "Управление образования администрации города\n"
)


def test_a_date_with_a_two_digit_year_is_no_number_and_most_rows_may_list_two_names(
    vocabularies: Vocabularies,
) -> None:
    result = imported(HEADERLESS_TWO_NAMES, vocabularies)
    found = measures(result.plan)
    assert [m["number"] for m in found] == ["1)", "2)", "3)", "4)", "5)"]
    assert [m["timeframe"] for m in found] == ["до 20.01.26", "15.01.26", "январь – март", "25.12.26", "апрель"]
    assert [len(m["responsible"]) for m in found] == [2, 1, 2, 2, 1]


# Columns after the responsible one: a row with two names one per line, the second starting with
# a capitalised head noun («Министерство …»), is no heading after the row.
NAMES_BEFORE_MORE_COLUMNS = TITLE + (
    "№ п/п\nНаименование мероприятия\nОтветственные исполнители\nСрок исполнения\nОжидаемый результат\n"
    "1.1.\nНазначение именных стипендий обучающимся\n"
    "Министерство образования области\nМинистерство финансов области\nежегодно, до 25 декабря\n100 стипендий в год\n"
    "1.2.\nПроведение областной олимпиады\nМинистерство образования области\nмарт\nне менее 500 участников\n"
    "1.3.\nПодготовка аналитического доклада\nМинистерство образования области\nдо 15 января\nдоклад подготовлен\n"
)


def test_a_capitalised_agency_name_is_read_as_one(vocabularies: Vocabularies) -> None:
    plan = imported(NAMES_BEFORE_MORE_COLUMNS, vocabularies).plan
    found = measures(plan)
    assert [m["number"] for m in found] == ["1.1.", "1.2.", "1.3."]
    assert len(found[0]["responsible"]) == 2
    assert found[0]["timeframe"] == "ежегодно, до 25 декабря"
    assert found[1]["timeframe"] == "март"
    assert len(plan["sections"]) == 1
