"""Space-aligned text as `pdftotext -layout` prints real tables, above all tables whose cells are
centred vertically: no blank line between rows, a short cell on a row's middle line, a cell one
line shorter than the row's tallest half a line lower (on lines of its own). The tables are
written here, cell by cell, where pdftotext would put them."""

from __future__ import annotations

from conftest import draft_measures as measures

from generator.importer import Vocabularies, import_bytes

# Where each column starts: №, title, deadline, responsible.
_AT = (0, 6, 40, 60)


def laid_out(*lines: tuple[str, ...]) -> str:
    """Lines of cells set at the columns' positions (an empty string leaves the column blank)."""
    out = []
    for cells in lines:
        text = ""
        for at, cell in zip(_AT, cells):
            if cell:
                text = text.ljust(at) + cell if text else " " * at + cell
        out.append(text.rstrip())
    return "\n".join(out) + "\n"


TITLE = "План мероприятий по профессиональной ориентации обучающихся на 2025 год\n\n"
HEADER = laid_out(
    ("№", "Наименование мероприятия", "Срок", "Ответственные"),
    ("п/п", "", "исполнения", "исполнители"),
)

# Row 1: title 2 lines, the others 1 (half a line lower, between the title's lines).
# Row 2: title 4 lines, agencies 3 (half a line lower), number and deadline on the middle.
# Row 3: agencies 5 lines, title 3 (one line lower), number and deadline on the middle.
CENTRED_NUMBERED = (
    TITLE
    + HEADER
    + laid_out(
        ("", "Проведение областного конкурса"),
        ("1.", "", "до 01.03.2025", "министерство образования"),
        ("", "методических разработок"),
        ("", "Организация экскурсий обучающихся"),
        ("", "", "", "органы местного"),
        ("", "8–11 классов на предприятия"),
        ("2.", "", "апрель – май", "самоуправления (по"),
        ("", "региона в рамках проекта"),
        ("", "", "", "согласованию)"),
        ("", "«Билет в будущее»"),
        ("", "", "", "министерство образования"),
        ("", "Проведение ярмарки учебных", "", "области"),
        ("3.", "мест профессиональных", "ежегодно, октябрь", "ГАУ ДПО «Институт развития"),
        ("", "образовательных организаций", "", "образования»"),
        ("", "", "", "центр занятости населения"),
    )
)


def test_centred_rows_without_blank_lines_are_cut_around_their_middle_lines(vocabularies: Vocabularies) -> None:
    found = measures(import_bytes(CENTRED_NUMBERED.encode(), "plan.txt", "perm", vocabularies).plan)
    assert [m["number"] for m in found] == ["1.", "2.", "3."]
    assert found[0]["title"] == "Проведение областного конкурса методических разработок"
    assert len(found[0]["responsible"]) == 1
    assert found[1]["title"] == (
        "Организация экскурсий обучающихся 8–11 классов на предприятия региона в рамках проекта «Билет в будущее»"
    )
    assert found[1]["timeframe"] == "апрель – май"
    assert len(found[1]["responsible"]) == 1
    assert found[2]["title"] == "Проведение ярмарки учебных мест профессиональных образовательных организаций"
    assert found[2]["timeframe"] == "ежегодно, октябрь"
    assert len(found[2]["responsible"]) == 3


# No number column: the rows are found from the cells' places alone, and a line with nothing
# but a title between two rows is a heading over the rows below.
CENTRED_UNNUMBERED = (
    TITLE
    + laid_out(("", "Мероприятие", "Срок", "Ответственные"))
    + laid_out(
        ("", "Информационное обеспечение"),
        ("", "Размещение на сайтах школ", "", "руководители общеобразовательных"),
        ("", "", "в течение года", ""),
        ("", "сведений о профессиях региона", "", "организаций"),
        ("", "Издание справочника абитуриента", "", ""),
        ("", "", "III квартал", "министерство образования"),
        ("", "«Куда пойти учиться»", "", ""),
        ("", "Работа с родителями"),
        ("", "Родительские собрания по", "", ""),
        ("", "", "сентябрь", "классные руководители"),
        ("", "выбору профессии", "", ""),
    )
)


def test_unnumbered_centred_rows_and_a_heading_between_them(vocabularies: Vocabularies) -> None:
    plan = import_bytes(CENTRED_UNNUMBERED.encode(), "plan.txt", "perm", vocabularies).plan
    found = measures(plan)
    assert [m["title"] for m in found] == [
        "Размещение на сайтах школ сведений о профессиях региона",
        "Издание справочника абитуриента «Куда пойти учиться»",
        "Родительские собрания по выбору профессии",
    ]
    assert [m["timeframe"] for m in found] == ["в течение года", "III квартал", "сентябрь"]
    assert len(found[0]["responsible"]) == 1
    titles = [s["title"] for s in plan["sections"]]
    assert "Работа с родителями" in titles
    assert "Информационное обеспечение" in titles


# The second page's columns sit three characters right of the first page's: «10.» starts in the
# number column but runs over its boundary.
DRIFTED_NUMBERS = (
    TITLE
    + HEADER
    + laid_out(
        ("", "Проведение классных часов"),
        ("9.", "", "ежемесячно", "классные руководители"),
        ("", "«Мир профессий»"),
    )
    + "\f"
    + "\n".join(
        "   " + line if line else line
        for line in laid_out(
            ("", "Участие в днях открытых"),
            ("10.", "", "март", "руководители школ"),
            ("", "дверей колледжей"),
            ("", "Встречи с представителями"),
            ("11.", "", "апрель", "центр занятости населения"),
            ("", "предприятий региона"),
        ).split("\n")
    )
)


def test_a_number_running_over_the_boundary_on_a_drifted_page_stays_a_number(vocabularies: Vocabularies) -> None:
    found = measures(import_bytes(DRIFTED_NUMBERS.encode(), "plan.txt", "perm", vocabularies).plan)
    assert [m["number"] for m in found] == ["9.", "10.", "11."]
    assert found[1]["title"] == "Участие в днях открытых дверей колледжей"
    assert found[2]["title"] == "Встречи с представителями предприятий региона"
    assert found[2]["timeframe"] == "апрель"


# Top-aligned rows; a title's second line runs up to the deadline beside it with one space.
TOUCHING = (
    TITLE
    + HEADER
    + laid_out(
        ("1.", "Организация представления", "", "специалист по кадрам"),
        ("", "муниципальными служащими сведений", "ежегодно"),
        ("", "о доходах и расходах"),
        ("2.", "Размещение сведений о доходах", "в течение месяца", "специалист по кадрам"),
        ("", "на официальном сайте"),
    )
)


def test_a_title_line_touching_the_next_column_is_no_heading(vocabularies: Vocabularies) -> None:
    assert "сведений ежегодно" in TOUCHING
    found = measures(import_bytes(TOUCHING.encode(), "plan.txt", "perm", vocabularies).plan)
    assert [m["number"] for m in found] == ["1.", "2."]
    assert found[0]["title"] == "Организация представления муниципальными служащими сведений о доходах и расходах"
    assert found[0]["timeframe"] == "ежегодно"


# A group label over two columns, on the header's first line, above the lines that name the
# other columns and its own two («Дата», «Место»).
GROUPED_HEADER = TITLE + (
    "№                                                           Дата и место проведения\n"
    "      Наименование мероприятия                                                          Ответственные\n"
    "п/п                                                      Дата                  Место\n"
    "1.1   Создание организационного комитета               январь 2025   администрация округа  Воронцов А.Н.\n"
    "      по подготовке к празднику\n"
    "1.2   Выставка «Город – фронту»                        май 2025      краеведческий музей   Лебедев П.С.\n"
)


def test_a_group_label_over_two_columns_above_the_other_labels(vocabularies: Vocabularies) -> None:
    found = measures(import_bytes(GROUPED_HEADER.encode(), "plan.txt", "perm", vocabularies).plan)
    assert [m["number"] for m in found] == ["1.1", "1.2"]
    assert [m["timeframe"] for m in found] == ["январь 2025", "май 2025"]
    assert found[0]["title"] == "Создание организационного комитета по подготовке к празднику"


# No № column: measures number themselves in the title («а) …»), and a section's numbered
# heading sits alone in the title column, where no row's first line would leave the others empty.
NUMBERED_IN_TITLES = TITLE + (
    "Мероприятие                                     Исполнитель                 Срок\n"
    "1. Планирование\n"
    "а) Разработка плана профориентационной работы   министерство образования    до 01.02.2025\n"
    "на учебный год\n"
    "б) Утверждение графика экскурсий                министерство образования    до 01.03.2025\n"
    "2. Проведение мероприятий\n"
    "а) Ярмарка учебных мест                         центр занятости населения   октябрь 2025 г.\n"
    "б) Дни открытых дверей колледжей                руководители колледжей      март 2025 г.\n"
)


def test_a_numbered_heading_alone_in_the_title_column_is_a_section(vocabularies: Vocabularies) -> None:
    plan = import_bytes(NUMBERED_IN_TITLES.encode(), "plan.txt", "perm", vocabularies).plan
    found = measures(plan)
    assert [m["title"] for m in found] == [
        "Разработка плана профориентационной работы на учебный год",
        "Утверждение графика экскурсий",
        "Ярмарка учебных мест",
        "Дни открытых дверей колледжей",
    ]
    assert [s["title"] for s in plan["sections"]] == ["Планирование", "Проведение мероприятий"]


# A deadline runs past the start of the next column's label, and «2026 г.» touches that
# column's text with one space on another row.
LONG_DEADLINE = TITLE + (
    "№     Наименование мероприятия          Срок             Исполнители\n"
    "1.    Издание сборника лучших практик   II полугодие 2026 г.  ГАУ ДПО «Институт\n"
    "      профориентации                                          развития образования»\n"
    "2.    Региональный форум «Профессии     май 2026 г. министерство образования\n"
    "      будущего»\n"
    "3.    Классные часы «Мир профессий»     в течение года        классные руководители\n"
)


def test_a_year_keeps_its_mark_and_a_deadline_may_run_under_the_next_label(vocabularies: Vocabularies) -> None:
    found = measures(import_bytes(LONG_DEADLINE.encode(), "plan.txt", "perm", vocabularies).plan)
    assert [m["timeframe"] for m in found] == ["II полугодие 2026 г.", "май 2026 г.", "в течение года"]
    assert [len(m["responsible"]) for m in found] == [1, 1, 1]


# The title's last line sits right above the one-line header, over its labels; the header is
# printed again further down (a new page whose form feed was lost).
TITLE_OVER_HEADER = (
    "                  План мероприятий по подготовке образовательных организаций\n"
    "                               к новому учебному году 2025\n"
    "      Мероприятие                          Ответственный               Срок\n"
    "1) Проверка готовности школьных автобусов  МКУ «Служба обеспечения»    до 20 августа\n"
    "к перевозке обучающихся\n"
    "      Мероприятие                          Ответственный               Срок\n"
    "2) Приёмка образовательных организаций     муниципальная комиссия      до 25 августа\n"
)


def test_a_title_line_above_the_header_is_no_label(vocabularies: Vocabularies) -> None:
    found = measures(import_bytes(TITLE_OVER_HEADER.encode(), "plan.txt", "perm", vocabularies).plan)
    assert [m["timeframe"] for m in found] == ["до 20 августа", "до 25 августа"]
    assert found[0]["title"] == "Проверка готовности школьных автобусов к перевозке обучающихся"
