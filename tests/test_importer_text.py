"""Text and HTML in the shapes and encodings people have: each rule read from a real input, through the importer."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from conftest import CONTENT
from conftest import draft_measures as measures

from generator.content import layout, loader
from generator.importer import Vocabularies, cli, import_bytes
from generator.importer.log import GUESS


def sections(plan: dict[str, Any]) -> list[str]:
    def walk(items: list[dict[str, Any]]) -> Iterator[str]:
        for section in items:
            yield section["title"]
            yield from walk(section.get("sections", []))

    return list(walk(plan["sections"]))


def responsible(plan: dict[str, Any], measure: dict[str, Any]) -> list[str]:
    names = {a["id"]: a["name"] for a in plan["agencies"]}
    return [names[r["agency"]] for r in measure["responsible"]]


def guesses(result: Any) -> str:
    return "\n".join(e.message for e in result.log.of(GUESS))


TABBED = (
    "План мероприятий по профилактике безнадзорности на 2025 год\n\n"
    "№ п/п\tНаименование мероприятия\tОтветственный исполнитель\tСрок исполнения\n"
    "1.\tЗаседания комиссии по делам несовершеннолетних\tКомиссия по делам несовершеннолетних\tежеквартально\n"
    "2.\tРейды «Подросток» в вечернее время\tОтдел образования\tпостоянно\n"
)


# -- encodings ---------------------------------------------------------------------------


def test_windows_1251_text_is_read_and_the_guess_is_noted(vocabularies: Vocabularies) -> None:
    result = import_bytes(TABBED.encode("cp1251"), "plan.txt", "perm", vocabularies)
    assert [m["title"] for m in measures(result.plan)][1] == "Рейды «Подросток» в вечернее время"
    assert result.plan["title"].startswith("План мероприятий по профилактике")
    assert "read as windows-1251" in guesses(result)


def test_koi8_text_is_told_from_windows_1251_by_its_letters(vocabularies: Vocabularies) -> None:
    koi8 = TABBED.replace("№", "N").replace("«", '"').replace("»", '"')  # KOI8-R has neither
    result = import_bytes(koi8.encode("koi8_r"), "plan.txt", "perm", vocabularies)
    assert measures(result.plan)[0]["title"] == "Заседания комиссии по делам несовершеннолетних"
    assert "read as KOI8-R" in guesses(result)


def test_utf16_text_with_a_byte_order_mark_is_read(vocabularies: Vocabularies) -> None:
    result = import_bytes(TABBED.encode("utf-16"), "plan.txt", "perm", vocabularies)
    assert len(measures(result.plan)) == 2
    assert "UTF-16" in guesses(result)


def test_html_page_is_read_in_the_encoding_it_declares(vocabularies: Vocabularies) -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"></head><body>'
        "<h1>План мероприятий по развитию библиотек на 2025 год</h1><p>Опубликовано: 12.02.2025</p>"
        "<table><tr><th>№</th><th>Мероприятие</th><th>Ответственный</th><th>Срок</th></tr>"
        "<tr><td>1.</td><td>Акция «Библионочь»</td><td>МБУК «ЦБС»</td><td>апрель</td></tr></table></body></html>"
    )
    result = import_bytes(page.encode("cp1251"), "page.html", "perm", vocabularies)
    assert measures(result.plan)[0]["title"] == "Акция «Библионочь»"
    assert "declares its encoding as cp1251" in guesses(result)
    assert result.plan["title"] == "План мероприятий по развитию библиотек на 2025 год"  # the heading ends the title


def test_windows_1251_source_is_kept_as_utf8_and_the_draft_passes_check(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / layout.PLANS_DIR).mkdir(parents=True)
    (content / layout.SOURCES_DIR).mkdir()
    for name in layout.VOCABULARY_FILES:
        shutil.copyfile(CONTENT / name, content / name)
    source = tmp_path / "plan.txt"
    source.write_bytes(TABBED.encode("cp1251"))
    result, written = cli.execute(source, "perm", content, None, force=False)
    kept = (content / layout.SOURCES_DIR / f"{result.plan_id}.txt").read_bytes()
    assert kept.decode("utf-8").startswith("План мероприятий")
    assert written.is_file()
    assert loader.load(content)


# -- tab-separated text copied from a sheet -------------------------------------------------


def test_excel_quoting_keeps_a_cell_with_line_breaks_and_quotes_whole(vocabularies: Vocabularies) -> None:
    text = (
        "План мероприятий по профилактике терроризма на 2025 год\t\t\t\n\n"
        "№ п/п\tНаименование мероприятия\tИсполнитель\tСрок исполнения\n"
        '1.\t"Мониторинг сети ""Интернет"""\t"Отдел по работе с молодежью\n'
        'МКУ ""Центр молодежных инициатив"""\tпостоянно\n'
        '2.\tСмотр "Безопасный двор"\tУправление образования\tмай\n'
    )
    result = import_bytes(text.encode(), "plan.txt", "perm", vocabularies)
    first, second = measures(result.plan)
    assert first["title"] == 'Мониторинг сети "Интернет"'
    assert responsible(result.plan, first) == ["Отдел по работе с молодежью", 'МКУ "Центр молодежных инициатив"']
    assert first["timeframe"] == "постоянно"
    assert second["title"] == 'Смотр "Безопасный двор"'  # quotes the plan's own, not Excel's
    assert result.plan["title"] == "План мероприятий по профилактике терроризма на 2025 год"  # padded with tabs


def test_a_lone_title_cell_in_a_quoted_sheet_copy_is_a_section(vocabularies: Vocabularies) -> None:
    # cells that wrap are quoted, so a row with nothing but a title cell is a merged heading row,
    # not more of the measure above
    text = (
        "План мероприятий по подготовке к учебному году\n\n"
        "№\tМероприятие\tОтветственный\tСрок\n"
        "\tОрганизационные мероприятия\t\t\n"
        '1)\tИздание приказа о подготовке\t"Управление образования\nМКУ ""Служба обеспечения"""\tдо 15 апреля\n'
        "\tРемонтные работы\t\t\n"
        "2)\tТекущий ремонт зданий\tруководители школ\tиюнь – июль\n"
    )
    plan = import_bytes(text.encode(), "plan.txt", "perm", vocabularies).plan
    found = measures(plan)
    assert [m["title"] for m in found] == ["Издание приказа о подготовке", "Текущий ремонт зданий"]
    assert sections(plan) == ["Организационные мероприятия", "Ремонтные работы"]


# -- one cell per line ------------------------------------------------------------------------


def test_one_cell_per_line_without_a_number_column_reads_numbered_lines_as_headings(
    vocabularies: Vocabularies,
) -> None:
    text = (
        "План мероприятий по развитию библиотек на 2025 год\n\n"
        "Мероприятие\nОтветственный\nСрок\n"
        "1. Развитие инфраструктуры\n"
        "1.1. Модернизация материально-технической базы\n"
        "Ремонт здания Центральной библиотеки\nУправление культуры\nпо мере финансирования\n"
        "Оснащение филиалов компьютерами\nМБУК «ЦБС»\nежегодно\n"
        "2. Продвижение чтения\n"
        "Акция «Библионочь»\nМБУК «ЦБС»\n(по согласованию)\nапрель\n"
    )
    result = import_bytes(text.encode(), "plan.txt", "perm", vocabularies)
    found = measures(result.plan)
    assert [m["title"] for m in found] == [
        "Ремонт здания Центральной библиотеки",
        "Оснащение филиалов компьютерами",
        "Акция «Библионочь»",
    ]
    assert found[2]["timeframe"] == "апрель"  # «(по согласованию)» on its own line joined the name above
    assert found[2]["responsible"][0].get("by_agreement") is True
    assert sections(result.plan) == [
        "Развитие инфраструктуры",
        "Модернизация материально-технической базы",
        "Продвижение чтения",
    ]


def test_one_cell_per_line_with_section_rows_over_two_lines(vocabularies: Vocabularies) -> None:
    text = (
        "План мероприятий по подготовке к отопительному периоду 2024–2025 годов\n\n"
        "№\nМероприятие\nСрок\nОтветственный\n"
        "1.\nОрганизационные мероприятия\n"
        "а)\nУтверждение состава комиссии\nдо 15.04.2024\nАдминистрация поселения\n"
        "б)\nРазработка графика подготовки\nдо 20.05.2024\nМУП «Коммунальные системы»\n"
        "2.\nПодготовка жилищного фонда\n"
        "а)\nПромывка систем отопления\nдо 15.08.2024\nуправляющие организации\n"
    )
    result = import_bytes(text.encode(), "plan.txt", "perm", vocabularies)
    assert [(m["number"], m["title"]) for m in measures(result.plan)] == [
        ("а)", "Утверждение состава комиссии"),
        ("б)", "Разработка графика подготовки"),
        ("а) (2)", "Промывка систем отопления"),
    ]
    assert sections(result.plan) == ["Организационные мероприятия", "Подготовка жилищного фонда"]


# -- space-aligned text -------------------------------------------------------------------------


def test_space_aligned_header_followed_directly_by_the_first_row(vocabularies: Vocabularies) -> None:
    text = (
        "       План мероприятий по созданию цифровой среды на 2025–2027 годы\n\n"
        "Наименование мероприятия                  Ответственные исполнители          Срок реализации\n"
        "Утверждение региональной модели           Министерство образования           IV квартал 2025 г.\n"
        "цифровой среды\n\n"
        "Обучение педагогических работников        ГАУ ДПО «Институт развития         март, сентябрь\n"
        "                                          образования»\n"
    )
    result = import_bytes(text.encode(), "plan.txt", "perm", vocabularies)
    first, second = measures(result.plan)
    assert first["title"] == "Утверждение региональной модели цифровой среды"
    assert first["timeframe"] == "IV квартал 2025 г."
    assert responsible(result.plan, second) == ["ГАУ ДПО «Институт развития образования»"]


def test_space_aligned_label_wrapped_above_the_header_line(vocabularies: Vocabularies) -> None:
    text = (
        "          План мероприятий по патриотическому воспитанию на 2024–2026 годы\n\n"
        "                                                            Срок\n"
        "№ п/п   Наименование мероприятия       Ответственные        исполнения      Результат\n\n"
        "1.1.    Заседания совета               Управление           ежеквартально   Протоколы\n"
        "        по патриотическому             образования\n"
        "        воспитанию\n\n"
        "1.2.    Смотр строя и песни            Отдел культуры       май             Смотр проведён\n"
    )
    result = import_bytes(text.encode(), "plan.txt", "perm", vocabularies)
    assert [m["timeframe"] for m in measures(result.plan)] == ["ежеквартально", "май"]


# -- titles --------------------------------------------------------------------------------------


def test_plan_printed_as_its_own_paragraph_goes_on_to_the_next(vocabularies: Vocabularies) -> None:
    text = (
        "**ПЛАН**\n\n**мероприятий по организации питания обучающихся на 2025-26 учебный год**\n\n"
        "| № | Содержание мероприятия | Ответственные | Срок |\n| --- | --- | --- | --- |\n"
        "| 1) | Утверждение меню | Отдел образования | до 01.09.25 |\n"
    )
    result = import_bytes(text.encode(), "plan.md", "perm", vocabularies)
    assert result.plan["title"].startswith("ПЛАН мероприятий по организации питания")


# -- rows cut by a page break ----------------------------------------------------------------------


def test_a_row_going_on_in_lower_case_continues_the_row_above(vocabularies: Vocabularies) -> None:
    text = (
        "План мероприятий по профилактике экстремизма на 2025 год\n\n"
        "Наименование мероприятия\tИсполнитель\tСрок исполнения\n"
        "8. Изготовление памяток\tУправление ГО и ЧС\tII квартал 2025 г.\n"
        "9. Мониторинг состояния межнациональных и\tОтдел по взаимодействию с общественными\tиюнь, декабрь\n"
        "\f"
        "межконфессиональных отношений\tобъединениями\t\n"
        "10. Фестиваль национальных культур\tУправление культуры\t12.06.2025\n"
    )
    result = import_bytes(text.encode(), "plan.txt", "perm", vocabularies)
    found = measures(result.plan)
    assert [m["number"] for m in found] == ["8.", "9.", "10."]
    assert found[1]["title"] == "Мониторинг состояния межнациональных и межконфессиональных отношений"


def test_utf8_cut_inside_a_letter_stays_utf8(vocabularies: Vocabularies) -> None:
    data = TABBED.encode("utf-8") + "Ж".encode()[:1]
    result = import_bytes(data, "plan.txt", "perm", vocabularies)
    assert measures(result.plan)[1]["title"] == "Рейды «Подросток» в вечернее время"
    assert "UTF-8 with 1 damaged byte" in guesses(result)


def test_a_word_copy_puts_the_last_cells_further_names_on_bare_lines(vocabularies: Vocabularies) -> None:
    # Word copies a table as tabs; a cell's further lines in the last column come as bare lines
    text = (
        "План мероприятий по развитию школьного спорта на 2026 год\n"
        "№\tМероприятие\tСрок\tИсполнители\n"
        "1)\tФормирование реестра школьных спортивных клубов\tдо 20.01.26\tУправление образования администрации города\n"
        "Комитет по физической культуре и спорту администрации города\n"
        "Основные соревнования\n"
        "2)\tИгры школьной волейбольной лиги\tянварь – март\tМБУ ДО «Спортивная школа «Олимп»»\n"
        "руководители школьных спортивных клубов\n"
        "3)\tФинал городской лиги по мини-футболу\t14.03.26\tКомитет по физической культуре и спорту\n"
        "\n"
        "Начальник управления образования\n"
    )
    plan = import_bytes(text.encode(), "plan.txt", "perm", vocabularies).plan
    found = measures(plan)
    assert [responsible(plan, m) for m in found] == [
        ["Управление образования администрации города", "Комитет по физической культуре и спорту администрации города"],
        ["МБУ ДО «Спортивная школа «Олимп»»", "руководители школьных спортивных клубов"],
        ["Комитет по физической культуре и спорту"],
    ]
    # a bare line that names no agency («Основные соревнования») and the signature after a blank
    # line are no names: the lists above hold neither


def test_a_title_head_padded_with_tabs_goes_on_in_the_lower_case_line_below(vocabularies: Vocabularies) -> None:
    text = (
        "План мероприятий\t\t\t\n"
        "по развитию добровольчества среди обучающихся района на 2025 – 2026 гг.\n"
        "№ п/п\tНаименование мероприятия\tСроки проведения\tОтветственные\n"
        "1.\tСоздание волонтёрских отрядов\tдо 01.09.2025\tруководители образовательных организаций\n"
        "2.\tРегистрация обучающихся на платформе\tпостоянно\tМБУ «Молодёжный центр»\n"
    )
    plan = import_bytes(text.encode(), "plan.txt", "perm", vocabularies).plan
    assert plan["title"] == "План мероприятий по развитию добровольчества среди обучающихся района на 2025 – 2026 гг."
    assert plan["period"]["start"] == 2025 and plan["period"]["end"] == 2026
