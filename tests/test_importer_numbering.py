"""How the importer reads a plan's numbering: «1)», «а)» in every section, a number inside the measure text."""

from __future__ import annotations

import io
from typing import Any

import pytest

from generator.importer import Vocabularies, import_bytes


def measures(sections: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for section in sections:
        out.extend(section.get("measures", []))
        out.extend(measures(section.get("sections", [])))
    return out


def draft(text: str, vocabularies: Vocabularies) -> dict[str, Any]:
    return import_bytes(text.encode("utf-8"), "plan.txt", "smolensk", vocabularies).plan


def test_number_at_the_start_of_the_text_without_a_number_column(vocabularies: Vocabularies) -> None:
    text = (
        "План мероприятий по развитию добровольчества на 2024 год\n"
        "Мероприятие\tОтветственный\tСрок\n"
        "I. Организация\n"
        "1) Создание ресурсного центра\tОтдел по делам молодёжи\tмарт 2024 г.\n"
        "2) Ведение реестра организаций\tМолодёжный центр\tапрель 2024 г.\n"
        "II. Поддержка\n"
        "1) Обучение координаторов\tМолодёжный центр\tмай 2024 г.\n"
    )
    found = measures(draft(text, vocabularies)["sections"])
    assert [(m["number"], m["title"]) for m in found] == [
        ("1)", "Создание ресурсного центра"),
        ("2)", "Ведение реестра организаций"),
        ("1) (2)", "Обучение координаторов"),
    ]


def test_one_cell_per_line_with_roman_sections_right_under_the_header(vocabularies: Vocabularies) -> None:
    lines = ["План мероприятий по профилактике на 2025 год", "", "№ п/п", "Мероприятие", "Срок", "Ответственный"]
    lines += ["I. Организационные мероприятия", "1.", "Заседание совета", "март 2025 г.", "Администрация"]
    lines += ["2.", "Выпуск памятки", "май 2025 г.", "Отдел культуры", "II. Работа с семьями"]
    lines += ["3.", "Родительский лекторий", "октябрь 2025 г.", "Управление образования"]
    found = measures(draft("\n".join(lines) + "\n", vocabularies)["sections"])
    assert [m["number"] for m in found] == ["1.", "2.", "3."]


def test_a_number_column_left_empty_in_every_row(vocabularies: Vocabularies) -> None:
    text = (
        "План мероприятий по профилактике на 2025 год\n"
        "№ п/п\tМероприятие\tСрок\tОтветственный\n"
        "Организационные мероприятия\n"
        "\tЗаседание совета\tмарт 2025 г.\tАдминистрация\n"
        "\tВыпуск памятки\tмай 2025 г.\tОтдел культуры\n"
    )
    result = import_bytes(text.encode("utf-8"), "plan.txt", "smolensk", vocabularies)
    found = measures(result.plan["sections"])
    assert [(m["number"], m["title"]) for m in found] == [("1.", "Заседание совета"), ("2.", "Выпуск памятки")]
    assert any("№ column is empty" in e.message for e in result.log.entries)


def test_unnumbered_groups_inside_numbered_sections(vocabularies: Vocabularies) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("План мероприятий по энергосбережению на 2024 год")
    rows = [
        ["№", "Мероприятие", "Срок", "Ответственный"],
        ["Раздел 1. Организационные мероприятия"],
        ["Нормативное обеспечение"],
        ["а)", "Утверждение программы", "март 2024 г.", "Администрация"],
        ["Мониторинг"],
        ["а)", "Сбор сведений", "ежемесячно", "Финансовое управление"],
        ["Раздел 2. Технические мероприятия"],
        ["а)", "Замена ламп", "2024 год", "Управление образования"],
    ]
    table = document.add_table(rows=len(rows), cols=4)
    for r, values in enumerate(rows):
        if len(values) == 1:
            table.cell(r, 0).merge(table.cell(r, 3)).text = values[0]
        else:
            for c, value in enumerate(values):
                table.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    plan = import_bytes(buffer.getvalue(), "plan.docx", "smolensk", vocabularies).plan
    tree = [(s["title"], [g["title"] for g in s.get("sections", [])]) for s in plan["sections"]]
    assert tree == [
        ("Организационные мероприятия", ["Нормативное обеспечение", "Мониторинг"]),
        ("Технические мероприятия", []),
    ]
    assert [m["number"] for m in measures(plan["sections"])] == ["а)", "а) (2)", "а) (3)"]


def test_space_aligned_table_with_a_short_centred_heading(vocabularies: Vocabularies) -> None:
    widths = (6, 40, 16, 30)

    def line(*cells: str) -> str:
        return "   ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()

    total = sum(widths) + 9
    lines = ["План мероприятий по энергосбережению на 2024 год", "", line("№", "Мероприятие", "Срок", "Ответственный")]
    lines += ["", line("1.", "Замена ламп в школах", "март 2024 г.", "Управление образования")]
    lines += ["", "Теплоснабжение".center(total).rstrip(), ""]
    lines += [line("2.", "Промывка систем отопления", "июнь 2024 г.", "Руководители учреждений"), ""]
    lines += [line("3.", "Утепление окон", "2024 год", "Отдел ЖКХ")]
    plan = draft("\n".join(lines) + "\n", vocabularies)
    found = {m["number"]: m for m in measures(plan["sections"])}
    assert found["1."]["timeframe"] == "март 2024 г."
    assert plan["sections"][-1]["title"] == "Теплоснабжение"
    assert [m["number"] for m in plan["sections"][-1]["measures"]] == ["2.", "3."]


def test_letters_with_a_dot_number_measures(vocabularies: Vocabularies) -> None:
    text = (
        "План мероприятий по профилактике на 2025 год\n"
        "№\tМероприятие\tОтветственный\tСрок\n"
        "1.\tОрганизация\n"
        "а.\tЗаседание совета\tАдминистрация\tмарт 2025 г.\n"
        "б.\tВыпуск памятки\tОтдел культуры\tмай 2025 г.\n"
    )
    result = import_bytes(text.encode("utf-8"), "plan.txt", "smolensk", vocabularies)
    assert [m["number"] for m in measures(result.plan["sections"])] == ["а.", "б."]
    assert not any("could not read the number" in e.message for e in result.log.entries)
