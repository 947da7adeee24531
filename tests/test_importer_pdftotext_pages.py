"""Space-aligned text as `pdftotext -layout` prints a table over several pages: each page repeats
the header, and its columns may sit a few characters left or right of another page's; a label of
two lines is centred on a header whose other labels have one. The pages are written here, cell
by cell, where pdftotext would put them."""

from __future__ import annotations

from conftest import draft_measures as measures

from generator.importer import Vocabularies, import_bytes


def laid_out(at: tuple[int, ...], *lines: tuple[str, ...]) -> str:
    """Lines of cells set at the columns' positions `at` (an empty string leaves the column blank)."""
    out = []
    for cells in lines:
        text = ""
        for start, cell in zip(at, cells):
            if cell:
                text = text.ljust(start) + cell if text else " " * start + cell
        out.append(text.rstrip())
    return "\n".join(out) + "\n"


TITLE = "План мероприятий по профессиональной ориентации обучающихся на 2025 год\n\n"

# №, title, responsible, deadline; the second page's columns sit six characters to the right,
# where its agencies run under the first page's deadlines.
_PAGE_1 = (0, 8, 52, 84)
_PAGE_2 = (0, 14, 58, 90)


def _header(at: tuple[int, ...]) -> str:
    return laid_out(at, ("№", "Наименование мероприятия", "Ответственные", "Срок"), ("п/п", "", "исполнители", ""))


SHIFTED_PAGES = (
    TITLE
    + _header(_PAGE_1)
    + laid_out(
        _PAGE_1,
        ("1.", "Проведение областного конкурса", "министерство образования", "до 01.03.2025"),
        ("", "методических разработок", "области", ""),
        ("2.", "Организация экскурсий обучающихся", "центр занятости населения", "апрель – май"),
        ("", "8–11 классов на предприятия региона", "", ""),
    )
    + "\n\f"
    + _header(_PAGE_2)
    + laid_out(
        _PAGE_2,
        ("3.", "Проведение ярмарки учебных мест", "министерство образования края", "ежегодно, октябрь"),
        ("", "профессиональных образовательных", "области", ""),
        ("", "организаций", "", ""),
        ("4.", "Встречи обучающихся с работодателями", "руководители образовательных", "в течение года"),
        ("", "", "организаций", ""),
        ("", "муниципальных районов", "", ""),
    )
)


def test_each_page_that_repeats_the_header_has_columns_of_its_own(vocabularies: Vocabularies) -> None:
    found = measures(import_bytes(SHIFTED_PAGES.encode(), "plan.txt", "perm", vocabularies).plan)
    assert [m["number"] for m in found] == ["1.", "2.", "3.", "4."]
    assert found[2]["timeframe"] == "ежегодно, октябрь"
    assert len(found[2]["responsible"]) == 1
    assert found[2]["title"] == "Проведение ярмарки учебных мест профессиональных образовательных организаций"
    assert found[3]["timeframe"] == "в течение года"
    assert len(found[3]["responsible"]) == 1


# №, title, deadline, responsible, financing: «Источник» / «финансирования» is centred on the
# line of the other labels, one line above it and one below.
_FIVE = (0, 8, 48, 66, 96)
SPLIT_LABEL = (
    TITLE
    + laid_out(_FIVE, ("", "", "", "", "Источник"))
    + laid_out(_FIVE, ("№ п/п", "Наименование мероприятия", "Срок", "Ответственные"))
    + laid_out(_FIVE, ("", "", "", "", "финансирования"))
    + laid_out(_FIVE, ("1", "2", "3", "4", "5"))
    + laid_out(
        _FIVE,
        ("1.", "Проведение областного конкурса", "до 01.03.2025", "министерство образования", "областной бюджет"),
        ("", "методических разработок", "", "области", ""),
        ("2.", "Организация экскурсий обучающихся", "апрель – май", "центр занятости", "без финансирования"),
        ("", "на предприятия региона", "", "населения", ""),
    )
)


def test_a_label_of_two_lines_around_the_header_line_names_its_column(vocabularies: Vocabularies) -> None:
    found = measures(import_bytes(SPLIT_LABEL.encode(), "plan.txt", "perm", vocabularies).plan)
    assert [m["number"] for m in found] == ["1.", "2."]
    assert [len(m["responsible"]) for m in found] == [1, 1]
    assert "финансирования" not in str(found)
    assert found[0]["timeframe"] == "до 01.03.2025"
    assert found[1]["timeframe"] == "апрель – май"


# №, title, deadline, responsible, financing: a section's merged row centred on the table lies
# over the deadline and agency columns; the second page has a running head above its header.
_FIVE_WIDE = (0, 6, 40, 58, 90)
_TABLE_HEADER = laid_out(
    _FIVE_WIDE, ("№", "Наименование мероприятия", "Срок", "Ответственные", "Источник финансирования")
)
CENTRED_HEADING = (
    TITLE
    + _TABLE_HEADER
    + laid_out(
        _FIVE_WIDE,
        ("1.", "Проведение областного конкурса", "до 01.03.2025", "министерство образования", "областной бюджет"),
        ("", "методических разработок", "", "области", ""),
    )
    + " " * 45
    + "Профориентационные акции\n"
    + laid_out(
        _FIVE_WIDE,
        ("2.", "Организация экскурсий", "апрель – май", "центр занятости населения", "без финансирования"),
        ("", "на предприятия региона", "", "", ""),
    )
    + "\n\f"
    + " " * 80
    + "План профориентации, 2025\n\n"
    + _TABLE_HEADER
    + laid_out(
        _FIVE_WIDE,
        ("3.", "Проведение ярмарки учебных мест", "ежегодно, октябрь", "министерство образования", "областной бюджет"),
        ("", "профессиональных организаций", "", "области", ""),
    )
)


def test_a_heading_centred_on_the_table_over_other_columns_is_a_section(vocabularies: Vocabularies) -> None:
    plan = import_bytes(CENTRED_HEADING.encode(), "plan.txt", "perm", vocabularies).plan
    found = measures(plan)
    assert [m["number"] for m in found] == ["1.", "2.", "3."]
    assert found[0]["timeframe"] == "до 01.03.2025"
    assert [s.get("title") for s in plan["sections"]] == [None, "Профориентационные акции"]
    # the running head above the second page's header belongs to no row
    assert found[1]["timeframe"] == "апрель – май"
    assert "План профориентации" not in str(found)


# The second page repeats no header; its running head, right-aligned past the table's edge, sits
# at the page's top, a blank line above the rows.
_COLUMNS = (0, 6, 44, 70)
RUNNING_HEAD = (
    TITLE
    + laid_out(_COLUMNS, ("№", "Наименование мероприятия", "Ответственные", "Сроки"))
    + laid_out(
        _COLUMNS,
        ("1.", "Проведение областного конкурса", "министерство образования", "до 01.03.2025"),
        ("", "методических разработок", "", ""),
        ("2.", "Организация экскурсий обучающихся", "центр занятости населения", "сентябрь, январь"),
    )
    + "\n\f"
    + " " * 70
    + "Приложение 1 к приказу от 27.12.2024 № 901\n\n"
    + laid_out(
        _COLUMNS,
        ("3.", "Проведение ярмарки учебных мест", "министерство образования", "ежегодно, октябрь"),
        ("", "профессиональных организаций", "", ""),
    )
)


def test_a_running_head_at_a_page_top_belongs_to_no_row(vocabularies: Vocabularies) -> None:
    found = measures(import_bytes(RUNNING_HEAD.encode(), "plan.txt", "perm", vocabularies).plan)
    assert [m["number"] for m in found] == ["1.", "2.", "3."]
    assert found[1]["timeframe"] == "сентябрь, январь"
    assert "Приложение" not in str(found)


# The second page repeats no header and prints its titles (a row's number on its middle line,
# as a centred cell puts it) four characters left of the first
# page's, right where the «№» label ends (its lines cross where the first page's № column ends).
_LEFT = (0, 6, 52, 74)
NUMBERS_NARROW = (
    TITLE
    + laid_out((5, 12, 56, 78), ("№", "Наименование мероприятия", "Срок", "Ответственные"))
    + laid_out(
        (0, 10, 56, 78),
        ("", "Проведение областного конкурса"),
        ("1.1", "методических разработок", "до 01.03.2025", "министерство образования"),
        ("", "для учителей"),
        ("", "Организация экскурсий"),
        ("1.2", "обучающихся на предприятия", "апрель – май", "центр занятости"),
        ("", "региона"),
    )
    + "\n\f"
    + laid_out(
        _LEFT,
        ("2.1", "Встречи с работодателями", "март", "центр занятости"),
        ("", "Проведение ярмарки учебных мест"),
        ("2.2", "профессиональных образовательных", "ежегодно, октябрь", "министерство образования"),
        ("", "организаций"),
        ("2.3", "Формирование банка данных", "в течение года", "центр занятости"),
    )
)


def test_titles_a_page_prints_further_left_stay_out_of_the_number_column(vocabularies: Vocabularies) -> None:
    plan = import_bytes(NUMBERS_NARROW.encode(), "plan.txt", "perm", vocabularies).plan
    found = measures(plan)
    assert [m["number"] for m in found] == ["1.1", "1.2", "2.1", "2.2", "2.3"]
    assert found[3]["title"] == "Проведение ярмарки учебных мест профессиональных образовательных организаций"
    assert found[3]["timeframe"] == "ежегодно, октябрь"
    assert [s.get("title") for s in plan["sections"]] == [None]
