"""PDF tables printed the way real plans are: without rules, cells centred on their rows, headings in a row of
their own. Each PDF is written here with fpdf2 and read by the real importer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import draft_measures

from generator.importer import Vocabularies, import_bytes

FONTS = Path("/usr/share/fonts/truetype/dejavu")
HEADER = ["Наименование мероприятия", "Срок исполнения", "Ответственные исполнители"]


def _pdf(size: float = 10) -> Any:
    fpdf = pytest.importorskip("fpdf")
    pytest.importorskip("pdfplumber")
    if not (FONTS / "DejaVuSans-Bold.ttf").is_file():
        pytest.skip(f"the DejaVu fonts are needed for Cyrillic and are missing: {FONTS}")
    pdf = fpdf.FPDF()
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_font("DejaVu", size=size)
    pdf.add_page()
    pdf.multi_cell(0, 6, "План мероприятий по профориентации обучающихся на 2025 год", align="C")
    pdf.ln(4)
    return pdf


def _unruled(
    pdf: Any, rows: list[list[str]], widths: tuple[int, ...] = (80, 40, 60), padding: float = 1, v_align: str = "MIDDLE"
) -> None:
    """A table without any lines whose cells are centred on their rows; a row of one cell is a heading in the
    title column (bold when it starts with «*», which is not printed)."""
    import fpdf

    bold = fpdf.FontFace(emphasis="BOLD")
    with pdf.table(
        col_widths=widths,
        borders_layout="NONE",
        v_align=v_align,
        line_height=pdf.font_size * 1.4,
        padding=padding,
        text_align="LEFT",
        headings_style=bold,
    ) as table:
        for values in [HEADER, *rows]:
            row = table.row()
            if len(values) == 1:
                text = values[0].lstrip("*")
                row.cell(text, style=bold if values[0].startswith("*") else None)
                for _ in widths[1:]:
                    row.cell("")
                continue
            for value in values:
                row.cell(value)


ROWS = [
    ["*Организационная работа"],
    [
        "Заседание рабочей группы по вопросам профессиональной ориентации обучающихся и их родителей",
        "январь",
        "Управление образования администрации района",
    ],
    ["Мониторинг", "ежеквартально", "Отдел опеки\nметодический кабинет\nИванова А.А."],
    [
        "Проведение родительских собраний по вопросам выбора профессии и профессионального образования",
        "в течение года",
        "руководители общеобразовательных организаций",
    ],
    ["Профессиональные пробы"],
    [
        "Организация профессиональных проб на предприятиях района для обучающихся 8–11 классов",
        "март – апрель",
        "Центр занятости\nколледж",
    ],
    ["Экскурсии на предприятия", "октябрь", "руководители общеобразовательных организаций и предприятий района"],
]


def test_unruled_centred_rows_are_cut_where_no_cell_reaches_and_title_only_rows_are_sections(
    vocabularies: Vocabularies,
) -> None:
    pdf = _pdf()
    _unruled(pdf, ROWS)
    result = import_bytes(bytes(pdf.output()), "plan.pdf", "perm", vocabularies)
    plan = result.plan
    assert [s["title"] for s in plan["sections"]] == ["Организационная работа", "Профессиональные пробы"]
    assert [len(s["measures"]) for s in plan["sections"]] == [3, 2]
    found = draft_measures(plan)
    assert [m["title"] for m in found] == [r[0] for r in ROWS if len(r) > 1]
    assert [m["timeframe"] for m in found] == [r[1] for r in ROWS if len(r) > 1]
    assert [len(m["responsible"]) for m in found] == [1, 3, 1, 2, 1]
    # the heading printed in regular type is a guess the review report names
    notes = [e.message for e in result.log.of("guess")]
    assert sum("only in the title column" in n for n in notes) == 1


@pytest.mark.parametrize("v_align", ["MIDDLE", "TOP"])
def test_unruled_rows_printed_without_padding_are_cut_by_the_alignment_of_their_cells(
    v_align: str, vocabularies: Vocabularies
) -> None:
    # top-aligned, a heading in regular type under a row whose title is its tallest cell would read as the
    # title's last line: only bold tells it apart there
    rows = ROWS if v_align == "MIDDLE" else [["*" + r[0]] if len(r) == 1 else r for r in ROWS]
    pdf = _pdf()
    _unruled(pdf, rows, padding=0, v_align=v_align)
    plan = import_bytes(bytes(pdf.output()), "plan.pdf", "perm", vocabularies).plan
    assert [s["title"] for s in plan["sections"]] == ["Организационная работа", "Профессиональные пробы"]
    found = draft_measures(plan)
    assert [m["title"] for m in found] == [r[0] for r in ROWS if len(r) > 1]
    assert [m["timeframe"] for m in found] == [r[1] for r in ROWS if len(r) > 1]
    assert [len(m["responsible"]) for m in found] == [1, 3, 1, 2, 1]


def test_a_justified_note_under_an_unruled_table_is_not_part_of_its_last_row(vocabularies: Vocabularies) -> None:
    pdf = _pdf()
    _unruled(pdf, ROWS[1:4])
    pdf.ln(6)
    pdf.multi_cell(
        0,
        5,
        "Примечание: сроки исполнения мероприятий могут уточняться с учётом финансирования муниципальной "
        "программы «Развитие образования» и решений комиссии по делам несовершеннолетних.",
        align="J",
    )
    plan = import_bytes(bytes(pdf.output()), "plan.pdf", "perm", vocabularies).plan
    found = draft_measures(plan)
    assert len(found) == 3
    last = found[-1]
    assert last["title"] == ROWS[3][0]
    assert last["timeframe"] == "в течение года"
    assert len(last["responsible"]) == 1


def test_a_row_cut_by_a_page_break_in_a_table_without_numbers_is_joined_where_a_quote_goes_on(
    vocabularies: Vocabularies,
) -> None:
    import fpdf

    pdf = _pdf()
    head = fpdf.FontFace(emphasis="")
    with pdf.table(col_widths=(80, 60, 40), text_align="LEFT", headings_style=head) as table:
        for values in [
            HEADER[::2] + HEADER[1:2],
            ["Конкурс проектов по технологии", "Управление образования", "март"],
            ["Фестиваль профессий", "МБУ ДО «Центр технического", "апрель"],
        ]:
            row = table.row()
            for value in values:
                row.cell(value)
    pdf.add_page()
    with pdf.table(col_widths=(80, 60, 40), text_align="LEFT", first_row_as_headings=False) as table:
        for values in [
            ["«Шаг в профессию»", "творчества и робототехники»", ""],
            ["Ярмарка вакансий для выпускников", "Центр занятости населения", "май"],
        ]:
            row = table.row()
            for value in values:
                row.cell(value)
    found = draft_measures(import_bytes(bytes(pdf.output()), "plan.pdf", "perm", vocabularies).plan)
    assert [m["title"] for m in found] == [
        "Конкурс проектов по технологии",
        "Фестиваль профессий «Шаг в профессию»",
        "Ярмарка вакансий для выпускников",
    ]
    assert found[1]["responsible_text"] == "МБУ ДО «Центр технического творчества и робототехники»"
    assert found[1]["timeframe"] == "апрель"


def _words(top: float, *spans: tuple[str, float, float], bold: bool = False) -> list[dict[str, Any]]:
    font = "DejaVuSans-Bold" if bold else "DejaVuSans"
    return [{"text": t, "x0": x0, "x1": x1, "top": top, "bottom": top + 10, "fontname": font} for t, x0, x1 in spans]


def test_headings_centred_over_an_unruled_table_do_not_move_its_column_boundaries() -> None:
    """Two bold headings cover the gutter between the title and responsible columns, and a space of one of
    them falls where a title line has a space too: the gutter is found without the headings."""
    from generator.importer.pdf_unruled import unruled_rows

    words = [
        *_words(100, ("Мероприятие", 40, 110), ("Ответственный", 250, 330), ("Срок", 400, 425), bold=True),
        *_words(120, ("Общие", 130, 170), ("мероприятия", 173, 270), bold=True),
        *_words(136, ("Совещание", 40, 100), ("руководителей", 103, 180), ("школ", 183, 228), ("в", 232, 238)),
        *_words(142, ("Управление", 250, 310), ("образования", 313, 380), ("май", 400, 420)),
        *_words(148, ("течение", 40, 85), ("года", 88, 110)),
        *_words(
            168, ("Работа", 120, 160), ("с", 163, 170), ("родителями", 173, 228), ("обучающихся", 231, 300), bold=True
        ),
        *_words(184, ("Родительские", 40, 120), ("собрания", 123, 172), ("по", 175, 185)),
        *_words(190, ("руководители", 250, 320), ("школ", 323, 350), ("сентябрь", 400, 450)),
        *_words(196, ("вопросам", 40, 100), ("выбора", 103, 140), ("профессии", 143, 195)),
    ]
    rows = [r for r in unruled_rows([(1, words)]) if r.kind == "cells"]
    assert [(r.cells, r.spans) for r in rows[1:]] == [
        (["Общие мероприятия", "", ""], True),
        (["Совещание руководителей школ в течение года", "Управление образования", "май"], False),
        (["Работа с родителями обучающихся", "", ""], True),
        (["Родительские собрания по вопросам выбора профессии", "руководители школ", "сентябрь"], False),
    ]


def test_a_ruled_row_with_text_only_in_the_title_cell_is_a_section(vocabularies: Vocabularies) -> None:
    """A heading typed into the title cell of a ruled table (its other cells left empty, none merged) is a
    section, on every page but at the top of a later one, where such a row may end a row cut by the break."""
    import fpdf

    pdf = _pdf()
    rows = [["№ п/п", *HEADER], ["", "Информирование обучающихся", "", ""]]
    for i in range(1, 13):
        if i == 7:
            rows.append(["", "Профессиональные пробы", "", ""])
        rows.append([f"{i}.", f"Мероприятие номер {i} для обучающихся школ района", "ежегодно", "Отдел образования"])
    with pdf.table(col_widths=(12, 80, 40, 50), text_align="LEFT", headings_style=fpdf.FontFace(emphasis="")) as table:
        for values in rows:
            row = table.row()
            for value in values:
                row.cell(value)
    result = import_bytes(bytes(pdf.output()), "plan.pdf", "perm", vocabularies)
    plan = result.plan
    assert [s["title"] for s in plan["sections"]] == ["Информирование обучающихся", "Профессиональные пробы"]
    assert [len(s["measures"]) for s in plan["sections"]] == [6, 6]
    assert all(m["title"].startswith("Мероприятие номер") for m in draft_measures(plan))
    assert any("only in the title column" in e.message for e in result.log.of("guess"))


def test_a_short_bold_heading_centred_over_an_unruled_table_is_a_section(vocabularies: Vocabularies) -> None:
    """A heading short enough to sit inside one column (here the responsible one) is still a section."""
    import fpdf

    pdf = _pdf()
    bold = fpdf.FontFace(emphasis="BOLD")
    titles = ["Экскурсии обучающихся на предприятия района", "Анкетирование выпускников о планах на будущее"]
    with pdf.table(
        col_widths=(12, 65, 60, 35),
        borders_layout="NONE",
        v_align="MIDDLE",
        line_height=pdf.font_size * 1.4,
        padding=1,
        text_align="LEFT",
        headings_style=bold,
    ) as table:
        head = table.row()
        for label in ["№", HEADER[0], HEADER[2], HEADER[1]]:
            head.cell(label)
        for i, (heading, title) in enumerate(zip(["Информирование обучающихся о профессиях", "Итоги"], titles), 1):
            table.row().cell(heading, colspan=4, align="C", style=bold)
            row = table.row()
            for value in [f"{i}.", title, "руководители общеобразовательных организаций", "в течение года"]:
                row.cell(value)
    plan = import_bytes(bytes(pdf.output()), "plan.pdf", "perm", vocabularies).plan
    assert [s["title"] for s in plan["sections"]] == ["Информирование обучающихся о профессиях", "Итоги"]
    assert [m["responsible_text"] for m in draft_measures(plan)] == ["руководители общеобразовательных организаций"] * 2
