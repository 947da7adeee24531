"""`python -m generator import`: Word, PDF and text plans become drafts that pass the loader.

Word and PDF files are built here with python-docx and fpdf2, so every test reads a real file
through the real readers; the five committed source texts are imported as they are.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import CONTENT, ROOT

from generator.content import layout, loader
from generator.content.yamlsafe import parse
from generator.importer import ImporterError, Vocabularies, cleanup, cli, import_bytes, import_source
from generator.importer.agencies import split_cell
from generator.importer.detect import detect_format
from generator.importer.log import Log
from generator.importer.yamlout import dump

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
SOURCES = sorted((CONTENT / "sources").glob("*.txt"))


# -- helpers -----------------------------------------------------------------------------


@pytest.fixture
def empty_content(tmp_path: Path) -> Path:
    """A content folder with the real vocabularies and no plans."""
    root = tmp_path / "content"
    (root / "plans").mkdir(parents=True)
    (root / "sources").mkdir()
    for name in layout.VOCABULARY_FILES:
        shutil.copyfile(CONTENT / name, root / name)
    return root


def all_measures(sections: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for section in sections:
        yield from section.get("measures", [])
        yield from all_measures(section.get("sections", []))


def measures_by_number(plan: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {m["number"]: m for m in all_measures(plan["sections"])}


def agency_names(plan: dict[str, Any], measure: dict[str, Any]) -> list[str]:
    names = {a["id"]: a["name"] for a in plan["agencies"]}
    return [names[r["agency"]] for r in measure["responsible"]]


def squash(text: str) -> str:
    return " ".join(text.split())


def load_draft(plan: dict[str, Any], source_text: str, content: Path):
    """Write the draft and its source into `content` and load it with the project's loader."""
    (content / "plans" / f"{plan['id']}.yaml").write_text(dump(plan, "test"), encoding="utf-8")
    (content / "sources" / f"{plan['id']}.txt").write_text(source_text, encoding="utf-8")
    return loader.load(content)


def run_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="python -m generator")
    cli.add_parser(parser.add_subparsers(dest="command", required=True))
    code = cli.run(parser.parse_args(argv))
    out, err = capsys.readouterr()
    return code, out, err


def files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


# -- Word --------------------------------------------------------------------------------


def docx_plan(with_table: bool = True) -> bytes:
    """A small plan in Word: merged heading rows, multi-paragraph cells, a nested group 2.1 → 2.1.1."""
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("УТВЕРЖДЕН")
    document.add_paragraph("приказом министерства образования Смоленской области")
    document.add_paragraph("от 01.02.2022 № 15-од")
    document.add_paragraph("ПЛАН МЕРОПРИЯТИЙ")
    document.add_paragraph("по профориентации обучающихся Смоленской области на 2022-2024 годы")
    document.add_paragraph("")
    if not with_table:
        document.add_paragraph("1. Провести ярмарку профессий. Ответственный: департамент. Срок: 2022 год.")
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()
    rows = [
        ["№ п/п", "Наименование мероприятия", "Ответственный исполнитель", "Срок исполнения"],
        ["1. Организационное обеспечение", None, None, None],
        [
            "1.1.",
            "Организация профессиональных проб\nна базе колледжей",
            "Департамент Смоленской области по образованию и науке\nцентры занятости населения (по согласованию)",
            "2022-2024 годы (ежегодно)",
        ],
        [
            "1.2.",
            "Проведение ярмарки профессий для обучающихся 8-11 классов",
            "органы местного самоуправления, осуществляющие управление в сфере образования (по согласованию), "
            "работодатели",
            "2023 год (II квартал)",
        ],
        ["2. Работа с родителями", None, None, None],
        ["2.1.", "Информирование родителей", "", ""],
        [
            "2.1.1.",
            "Родительские собрания о выборе профессии",
            "образовательные организации Смоленской области, Департамент Смоленской области по образованию и науке",
            "ежегодно, сентябрь",
        ],
        ["2.1.2.", "Консультации для родителей (законных представителей)", "образовательные организации", "постоянно"],
    ]
    table = document.add_table(rows=len(rows), cols=4)
    for r, values in enumerate(rows):
        if values[1] is None:
            cell = table.cell(r, 0).merge(table.cell(r, 3))
            cell.text = values[0]
            continue
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_word_plan_reads_merged_headings_nesting_and_multiline_cells(
    vocabularies: Vocabularies, empty_content: Path
) -> None:
    result = import_bytes(docx_plan(), "plan.docx", "smolensk", vocabularies)
    plan = result.plan
    assert result.source_format == "docx" and plan["source"]["format"] == "docx"
    assert plan["id"] == "smolensk-2022"
    assert plan["period"] == {"start": 2022, "end": 2024, "text": "на 2022-2024 годы"}
    assert plan["act"] == {"type": "приказ", "date": "2022-02-01", "number": "15-од"}
    assert plan["title"].startswith("План мероприятий по профориентации")
    assert [s["title"] for s in plan["sections"]] == ["Организационное обеспечение", "Работа с родителями"]
    group = plan["sections"][1]["sections"][0]
    assert (group["number"], group["title"]) == ("2.1.", "Информирование родителей")
    measures = measures_by_number(plan)
    assert list(measures) == ["1.1.", "1.2.", "2.1.1.", "2.1.2."]
    first = measures["1.1."]
    assert squash(first["title"]) == "Организация профессиональных проб на базе колледжей"
    assert agency_names(plan, first) == [
        "Департамент Смоленской области по образованию и науке",
        "центры занятости населения",
    ]
    assert [r.get("by_agreement", False) for r in first["responsible"]] == [False, True]
    second = measures["1.2."]
    assert agency_names(plan, second) == [
        "органы местного самоуправления, осуществляющие управление в сфере образования",
        "работодатели",
    ]
    assert [r.get("by_agreement", False) for r in second["responsible"]] == [True, False]
    assert second["grades"] == {"from": 8, "to": 11}
    # «образовательные организации» with and without the region's name are one agency.
    schools = [a for a in plan["agencies"] if a["name"].startswith("образовательные организации")]
    assert len(schools) == 1 and schools[0]["kind"] == "educational-organisations"
    assert measures["2.1.1."]["responsible"][0]["agency"] == measures["2.1.2."]["responsible"][0]["agency"]
    kinds = {a["name"]: a["kind"] for a in plan["agencies"]}
    assert kinds["центры занятости населения"] == "employment-centres"
    assert kinds["Департамент Смоленской области по образованию и науке"] == "regional-authority"
    assert all("review them" in m["note"] for m in measures.values())
    catalog = load_draft(plan, result.source_text, empty_content)
    loaded = catalog.plans["smolensk-2022"]
    assert len(loaded.measures) == 4
    assert loaded.measures[0].responsible[1].by_agreement is True


def test_word_file_without_a_table_of_measures_is_refused(
    empty_content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "plan.docx"
    source.write_bytes(docx_plan(with_table=False))
    before = files(empty_content)
    code, out, err = run_cli(["import", str(source), "--region", "smolensk", "--content", str(empty_content)], capsys)
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and "no table of measures" in err and "Traceback" not in err
    assert files(empty_content) == before


def test_word_automatic_numbering_is_counted(vocabularies: Vocabularies) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("План мероприятий по профориентации на 2022-2023 годы")
    table = document.add_table(rows=3, cols=4)
    for i, header in enumerate(["№", "Мероприятие", "Исполнитель", "Срок"]):
        table.cell(0, i).text = header
    for r in (1, 2):
        table.cell(r, 0).paragraphs[0].style = document.styles["List Number"]
        table.cell(r, 1).text = f"Экскурсия на предприятие {r}"
        table.cell(r, 2).text = "Министерство образования"
        table.cell(r, 3).text = "2022 год"
    buffer = io.BytesIO()
    document.save(buffer)
    result = import_bytes(buffer.getvalue(), "numbered.docx", "perm", vocabularies)
    measures = measures_by_number(result.plan)
    assert list(measures) == ["1.", "2."]
    assert "automatic numbering" in measures["2."]["note"]


def test_format_is_told_by_content_not_extension(vocabularies: Vocabularies, tmp_path: Path) -> None:
    data = docx_plan()
    assert detect_format(data) == "docx"
    disguised = tmp_path / "plan.txt"
    disguised.write_bytes(data)
    assert import_source(disguised, "smolensk", vocabularies).source_format == "docx"
    assert detect_format(b"%PDF-1.7\n...") == "pdf"
    assert detect_format("1.\tПлан".encode()) == "txt"
    assert detect_format("План".encode("cp1251")) == "txt"
    with pytest.raises(ImporterError, match="binary data"):
        detect_format(b"\x00\x01\x02binary")


# -- PDF ---------------------------------------------------------------------------------


def _pdf() -> Any:
    fpdf = pytest.importorskip("fpdf")
    pytest.importorskip("pdfplumber")
    if not FONT.is_file():
        pytest.skip(f"the DejaVu font is needed for Cyrillic and is missing: {FONT}")
    pdf = fpdf.FPDF()
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.set_font("DejaVu", size=9)
    pdf.add_page()
    return pdf


def _table(pdf: Any, rows: list[list[str]], headings: bool) -> None:
    import fpdf

    with pdf.table(
        col_widths=(12, 70, 60, 30),
        first_row_as_headings=headings,
        headings_style=fpdf.FontFace(emphasis=""),
        line_height=5,
    ) as table:
        for values in rows:
            row = table.row()
            if len(values) == 1:
                row.cell(values[0], colspan=4)
            else:
                for value in values:
                    row.cell(value)


def pdf_plan() -> bytes:
    """A plan in PDF: the table runs over to page 2 (header repeated), and row 2.3 is cut by a page break."""
    pdf = _pdf()
    pdf.multi_cell(0, 6, "ПЛАН МЕРОПРИЯТИЙ по профориентации обучающихся Пермского края на 2023-2025 гг.")
    pdf.ln(2)
    header = ["№ п/п", "Мероприятие", "Ответственные исполнители", "Сроки исполнения"]
    rows = [header, ["1. Проведение профессиональных проб"]]
    for i in range(1, 19):
        rows.append(
            [
                f"1.{i}.",
                f"Проведение профессиональных проб на предприятии № {i} для обучающихся 8-9 классов",
                "Министерство образования и науки Пермского края, работодатели (по согласованию)",
                "2023-2025 гг.",
            ]
        )
    rows.append(["2. Работа с родителями"])
    rows.append(["2.1.", "Родительские собрания", "общеобразовательные организации", "ежегодно"])
    rows.append(["2.2.", "Консультации для родителей", "центры занятости населения (по согласованию)", "2024 г."])
    rows.append(["2.3.", "Проведение конкурса", "Министерство образования и науки Пермского края,", "2025 г."])
    _table(pdf, rows, headings=True)
    assert pdf.page_no() == 2, "the first table must run over to page 2"
    pdf.add_page()
    _table(
        pdf,
        [
            ["", "профессионального мастерства «Профессионалы»", "колледжи (по согласованию)", ""],
            ["2.4.", "Информирование родителей о рынке труда", "центры занятости населения", "постоянно"],
        ],
        headings=False,
    )
    return bytes(pdf.output())


def test_pdf_table_over_pages_is_joined(vocabularies: Vocabularies, empty_content: Path) -> None:
    result = import_bytes(pdf_plan(), "plan.pdf", "perm", vocabularies)
    plan = result.plan
    assert result.source_format == "pdf" and plan["id"] == "perm-2023"
    assert plan["period"]["start"] == 2023 and plan["period"]["end"] == 2025
    measures = measures_by_number(plan)
    assert list(measures) == [f"1.{i}." for i in range(1, 19)] + ["2.1.", "2.2.", "2.3.", "2.4."]
    assert [s["title"] for s in plan["sections"]] == ["Проведение профессиональных проб", "Работа с родителями"]
    assert measures["1.18."]["title"] == (
        "Проведение профессиональных проб на предприятии № 18 для обучающихся 8-9 классов"
    )
    cut = measures["2.3."]
    assert cut["title"] == "Проведение конкурса профессионального мастерства «Профессионалы»"
    assert agency_names(plan, cut) == ["Министерство образования и науки Пермского края", "колледжи"]
    assert [r.get("by_agreement", False) for r in cut["responsible"]] == [False, True]
    assert "page break" in cut["note"]
    assert [r.get("by_agreement", False) for r in measures["1.1."]["responsible"]] == [False, True]
    ministries = [a for a in plan["agencies"] if a["name"].startswith("Министерство")]
    assert len(ministries) == 1
    catalog = load_draft(plan, result.source_text, empty_content)
    assert len(catalog.plans["perm-2023"].measures) == 22


def test_pdf_without_ruling_lines_reads_columns_from_the_header(
    vocabularies: Vocabularies, empty_content: Path
) -> None:
    import fpdf

    pdf = _pdf()
    pdf.multi_cell(0, 6, "План мероприятий по профориентации на 2023-2025 гг.")
    with pdf.table(
        col_widths=(12, 70, 60, 30), borders_layout="NONE", headings_style=fpdf.FontFace(emphasis=""), line_height=5
    ) as table:
        for values in [
            ["№ п/п", "Мероприятие", "Ответственные исполнители", "Сроки исполнения"],
            [
                "1.",
                "Проведение профессиональных проб на предприятиях для обучающихся",
                "Министерство образования, работодатели (по согласованию)",
                "2023 г.",
            ],
            ["2.", "Экскурсии на предприятия", "центры занятости населения", "ежегодно"],
        ]:
            row = table.row()
            for value in values:
                row.cell(value)
    result = import_bytes(bytes(pdf.output()), "plain.pdf", "perm", vocabularies)
    measures = measures_by_number(result.plan)
    assert list(measures) == ["1.", "2."]
    assert measures["1."]["title"] == "Проведение профессиональных проб на предприятиях для обучающихся"
    assert measures["1."]["timeframe"] == "2023 г."
    assert [r.get("by_agreement", False) for r in measures["1."]["responsible"]] == [False, True]
    assert any("no ruling lines" in e.message for e in result.log.of("guess"))
    load_draft(result.plan, result.source_text, empty_content)


@pytest.mark.parametrize("v_align", ["TOP", "MIDDLE"])
def test_pdf_without_any_rules_reads_centred_header_and_rows_without_gaps(
    v_align: str, vocabularies: Vocabularies, empty_content: Path
) -> None:
    import fpdf

    pdf = _pdf()
    pdf.multi_cell(0, 6, "План мероприятий по профориентации на 2024 год")
    names = "Министерство образования\nЦентр занятости населения\nСидорова Е.А."
    with pdf.table(
        col_widths=(12, 70, 30, 60),
        borders_layout="NONE",
        v_align=v_align,
        padding=0,
        line_height=4.5,
        repeat_headings=1,
        headings_style=fpdf.FontFace(emphasis=""),
    ) as table:
        head = table.row()
        for label in ["№ п/п", "Наименование мероприятия", "Срок реализации", "Ответственные исполнители"]:
            head.cell(label, align="CENTER")
        for i in range(1, 31):
            row = table.row()
            for value in [f"{i}.", f"Мероприятие номер {i} для обучающихся школ района", "ежегодно", names]:
                row.cell(value)
        pdf.set_font("DejaVu", size=8)
    pdf.set_y(-12)
    pdf.cell(0, 5, f"Страница {pdf.page_no()} из 2", align="R")
    result = import_bytes(bytes(pdf.output()), "plain.pdf", "perm", vocabularies)
    measures = measures_by_number(result.plan)
    assert list(measures) == [f"{i}." for i in range(1, 31)]
    assert measures["7."]["title"] == "Мероприятие номер 7 для обучающихся школ района"
    assert all(len(m["responsible"]) == 3 and m["timeframe"] == "ежегодно" for m in measures.values())
    load_draft(result.plan, result.source_text, empty_content)


def test_image_only_pdf_is_refused(empty_content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    image = pytest.importorskip("PIL.Image")
    pdf = _pdf()
    picture = io.BytesIO()
    image.new("RGB", (200, 100), "white").save(picture, format="PNG")
    pdf.image(picture, x=10, y=10, w=100)
    source = tmp_path / "scan.pdf"
    source.write_bytes(bytes(pdf.output()))
    code, out, err = run_cli(["import", str(source), "--region", "perm", "--content", str(empty_content)], capsys)
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and "no text layer" in err
    assert files(empty_content / "plans") == [] and files(empty_content / "sources") == []


def test_encrypted_pdf_is_refused(vocabularies: Vocabularies) -> None:
    pytest.importorskip("cryptography")
    pdf = _pdf()
    pdf.cell(0, 10, "План мероприятий")
    pdf.set_encryption(owner_password="owner", user_password="secret")
    with pytest.raises(ImporterError, match="encrypted"):
        import_bytes(bytes(pdf.output()), "locked.pdf", "perm", vocabularies)


# -- text --------------------------------------------------------------------------------


@pytest.mark.parametrize("source", SOURCES, ids=[s.stem for s in SOURCES])
def test_real_source_texts_import_and_validate(source: Path, vocabularies: Vocabularies, empty_content: Path) -> None:
    region = source.stem.rsplit("-", 1)[0]
    result = import_source(source, region, vocabularies)
    assert result.plan["id"] == source.stem
    assert result.measures >= 10
    assert parse("draft", dump(result.plan, source.name)).data == result.plan  # the YAML says exactly the draft
    catalog = load_draft(result.plan, source.read_text(encoding="utf-8"), empty_content)
    assert len(catalog.plans[source.stem].measures) == result.measures


def test_kemerovo_cells_split_over_lines(vocabularies: Vocabularies) -> None:
    result = import_source(CONTENT / "sources" / "kemerovo-2018.txt", "kemerovo", vocabularies)
    plan = result.plan
    measures = measures_by_number(plan)
    assert len(measures) == 26
    assert [s["title"] for s in plan["sections"]][2] == "Научно-методическое обеспечение проекта"
    first = measures["2.1"]
    assert first["title"] == (
        "Повышение квалификации специалистов, реализующих проект (вебинары, семинары, "
        "консультации, мастер-классы, курсы повышения квалификации)"
    )
    # «ДТиЗН ДОиН КО ГБУ ДПО «КРИРПО»»: split with the abbreviations the text defines.
    assert agency_names(plan, first) == [
        "Департамент труда и занятости населения Кемеровской области",
        "Департамент образования и науки Кемеровской области",
        "Государственное бюджетное учреждение дополнительного профессионального "
        "образования «Кузбасский региональный институт развития профессионального "
        "образования»",
    ]
    assert measures["1.3"]["responsible_text"] == "ООО"  # printed «000»
    assert measures["4.4"]["timeframe"] == "По плану МОУО ООО ЦЗН"
    assert [e["timeframe"] for e in measures["4.1"]["events"]] == ["Март", "Апрель", "Май", "Сентябрь", "Декабрь"]
    assert measures["4.6"]["title"].endswith("(законных представителей) обучающихся.")
    assert measures["4.7"]["title"].startswith("Проведение мероприятий для родителей")
    kinds = {a["short_names"][0]: a["kind"] for a in plan["agencies"]}
    assert kinds == {
        "ДТиЗН КО": "regional-authority",
        "ДОиН КО": "regional-authority",
        "АМ": "municipal-authorities",
        "ООО": "educational-organisations",
        "МОУО": "municipal-authorities",
        "ЦЗН": "employment-centres",
        "ГБУ ДПО «КРИРПО»": "development-institute",
    }
    kinds_found = {e.message for e in result.log.of("abbreviation")}
    assert "«ДТиЗН КО» = «Департамент труда и занятости населения Кемеровской области»" in kinds_found


def test_leningrad_nesting_html_and_stray_quotes(vocabularies: Vocabularies) -> None:
    result = import_source(CONTENT / "sources" / "leningrad-2020.txt", "leningrad", vocabularies)
    plan = result.plan
    third = plan["sections"][2]
    assert [s["number"] for s in third["sections"]] == ["3.1", "3.2.", "3.3", "3.4"]
    assert [m["number"] for m in third["sections"][0]["measures"]] == ["3.1.1", "3.1.2", "3.1.3", "3.1.4", "3.1.5"]
    measures = measures_by_number(plan)
    assert measures["3.1.2"]["title"].endswith("занимающихся профориентационной работой с обучающимися")
    assert "<" not in measures["5.2"]["title"] and "\n-создание" in measures["5.2"]["title"]
    assert measures["2.2"]["responsible_text"].startswith(
        "Комитет общего и профессионального образования Ленинградской области, ГАОУ ДПО"
    )  # printed «области»,»
    assert plan["act"]["date"] == "2020-07-27" and plan["act"]["number"] == "1302-б"
    assert plan["period"] == {
        "start": 2020,
        "end": 2030,
        "text": "на период до 2030 года",
        "note": plan["period"]["note"],
    }


def test_abbreviation_in_parentheses_merges_with_full_name(vocabularies: Vocabularies) -> None:
    result = import_source(CONTENT / "sources" / "smolensk-2020.txt", "smolensk", vocabularies)
    plan = result.plan
    measures = measures_by_number(plan)
    full, short = measures["2.2."]["responsible"][2]["agency"], measures["2.6."]["responsible"][2]["agency"]
    assert full == short
    soiro = next(a for a in plan["agencies"] if a["id"] == full)
    assert soiro["short_names"] == ["ГАУ ДПО СОИРО"] and soiro["kind"] == "development-institute"
    assert measures["2.13."]["timeframe"] == "2020-2024 годы (ежегодно)"
    assert plan["title"].startswith("План мероприятий по реализации Концепции")


def test_text_without_measure_rows_is_refused(
    empty_content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "letter.txt"
    source.write_text(
        "Уважаемые коллеги!\n\nНаправляем план мероприятий по профориентации.\n"
        "№ п/п\tНаименование мероприятия\tОтветственный\tСрок\n",
        encoding="utf-8",
    )
    code, out, err = run_cli(["import", str(source), "--region", "perm", "--content", str(empty_content)], capsys)
    assert code == 1 and out == "" and len(err.strip().splitlines()) == 1
    assert "no measure rows" in err
    assert files(empty_content / "plans") == []


@pytest.mark.parametrize(
    "argv, message",
    [
        (["import", "missing.txt", "--region", "perm"], "no such file"),
        (["import", str(CONTENT / "sources" / "perm-2021.txt"), "--region", "atlantis"], "unknown region 'atlantis'"),
    ],
)
def test_bad_arguments_give_one_line(
    argv: list[str], message: str, empty_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli([*argv, "--content", str(empty_content)], capsys)
    assert code == 1 and out == ""
    assert err.strip().splitlines() == [err.strip()] and message in err
    assert files(empty_content / "plans") == [] and files(empty_content / "sources") == []


# -- writing -----------------------------------------------------------------------------


def test_cli_writes_draft_and_source_then_refuses_to_overwrite(
    empty_content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "perm.txt"
    shutil.copyfile(CONTENT / "sources" / "perm-2021.txt", source)
    argv = ["import", str(source), "--region", "perm", "--content", str(empty_content)]
    code, out, err = run_cli(argv, capsys)
    assert code == 0, err
    assert "Found 3 sections and 17 measures" in out
    plan_path = empty_content / "plans" / "perm-2021.yaml"
    assert files(empty_content / "plans") == ["perm-2021.yaml"]
    assert (empty_content / "sources" / "perm-2021.txt").read_bytes() == source.read_bytes()
    assert loader.load(empty_content).plans["perm-2021"].title.startswith("План мероприятий")

    plan_path.write_text("# reviewed by hand\n" + plan_path.read_text(encoding="utf-8"), encoding="utf-8")
    reviewed = plan_path.read_bytes()
    code, out, err = run_cli(argv, capsys)
    assert code == 1 and out == "" and "already exists" in err and "--force" in err
    assert len(err.strip().splitlines()) == 1
    assert plan_path.read_bytes() == reviewed

    code, out, err = run_cli([*argv, "--force"], capsys)
    assert code == 0, err
    assert not plan_path.read_text(encoding="utf-8").startswith("# reviewed by hand")
    assert files(empty_content / "plans") == ["perm-2021.yaml"]  # no temporary files left behind


def test_cli_out_names_the_plan_and_docx_text_is_kept(
    empty_content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "plan.docx"
    source.write_bytes(docx_plan())
    out_path = empty_content / "plans" / "smolensk-2022-draft.yaml"
    code, out, err = run_cli(["import", str(source), "--region", "smolensk", "--out", str(out_path)], capsys)
    assert code == 0, err
    kept = (empty_content / "sources" / "smolensk-2022-draft.txt").read_text(encoding="utf-8")
    assert "1.1.\tОрганизация профессиональных проб на базе колледжей" in kept
    assert loader.load(empty_content).plans["smolensk-2022-draft"].source_file == "sources/smolensk-2022-draft.txt"


def test_command_line_entry_runs_as_a_process(empty_content: Path, tmp_path: Path) -> None:
    """The subcommand as the lead wires it: argparse in a fresh interpreter, one error line for bad input."""
    script = tmp_path / "entry.py"
    script.write_text(
        "import argparse, sys\n"
        "from generator.importer import cli\n"
        "parser = argparse.ArgumentParser(prog='python -m generator')\n"
        "cli.add_parser(parser.add_subparsers(dest='command', required=True))\n"
        "args = parser.parse_args()\n"
        "sys.exit(cli.run(args))\n",
        encoding="utf-8",
    )
    good = subprocess.run(
        [
            sys.executable,
            str(script),
            "import",
            str(CONTENT / "sources" / "smolensk-2020.txt"),
            "--region",
            "smolensk",
            "--content",
            str(empty_content),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert good.returncode == 0, good.stderr
    assert "Found 5 sections and 35 measures" in good.stdout
    check = subprocess.run(
        [sys.executable, "-m", "generator", "check", str(empty_content)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\nthis is not really a pdf")
    bad = subprocess.run(
        [sys.executable, str(script), "import", str(broken), "--region", "perm", "--content", str(empty_content)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1


def test_a_named_pipe_among_the_plans_stops_the_import_with_its_location(
    empty_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Other plans' agencies are read from content/plans: a pipe there would never end reading."""
    os.mkfifo(empty_content / "plans" / "zz-pipe.yaml")
    source = CONTENT / "sources" / "smolensk-2020.txt"
    code, out, err = run_cli(["import", str(source), "--region", "smolensk", "--content", str(empty_content)], capsys)
    assert code == 1 and "Traceback" not in err
    assert err.startswith(f"error: {empty_content / 'plans' / 'zz-pipe.yaml'}:1:1: not a regular file")
    assert files(empty_content / "plans") == []  # nothing written beside the pipe


# -- pieces ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, fixed",
    [
        ("По плану МОУО 000 ЦЗН", "По плану МОУО ООО ЦЗН"),
        ("до 1 000 человек", "до 1 000 человек"),
        ("Департамент, a также комитет", "Департамент, а также комитет"),
        ("кoмитет образования", "комитет образования"),
        ("IT-Куб и VR / AR", "IT-Куб и VR / AR"),
        ("3. Hay учно-методическое обеспеч ение", "3. Научно-методическое обеспечение"),
        ("Проведены профориентацион- ные мероприятия", "Проведены профориентационные мероприятия"),
        ('<p>Реализация мер:</p> <ul style="x"> -первое, -второе', "Реализация мер:\n-первое,\n-второе"),
    ],
)
def test_cleanup_fixes_extraction_artefacts(text: str, fixed: str) -> None:
    vocabulary = cleanup.Vocabulary("научно-методическое обеспечение проекта; обеспечение")
    assert cleanup.clean(text, vocabulary)[0] == fixed


def test_cleanup_reports_what_it_fixed() -> None:
    text, fixes = cleanup.clean("000", cleanup.Vocabulary(""), responsible=True)
    assert text == "ООО" and fixes == ["«000» read as «ООО» (the letter О extracted as the digit 0)"]
    assert (
        cleanup.clean("Комитет области», ГАОУ ДПО «ЛОИРО»", cleanup.Vocabulary(""), responsible=True)[0]
        == "Комитет области, ГАОУ ДПО «ЛОИРО»"
    )


def test_responsible_cells_split_at_organisations_not_at_participles() -> None:
    mentions = split_cell(
        "органы местного самоуправления, осуществляющие управление в сфере образования "
        "(по согласованию), образовательные организации, подведомственные Департаменту, "
        "государственное учреждение «Институт, развития» (далее – ИРО), работодатели",
        [],
    )
    assert [m.text for m in mentions] == [
        "органы местного самоуправления, осуществляющие управление в сфере образования",
        "образовательные организации, подведомственные Департаменту",
        "государственное учреждение «Институт, развития»",
        "работодатели",
    ]
    assert [m.by_agreement for m in mentions] == [True, False, False, False]
    assert mentions[2].defines == "ИРО"
    sequence = split_cell("ДТиЗН ДОиН КО ГБУ ДПО «КРИРПО»", ["ДТиЗН КО", "ДОиН КО", "ГБУ ДПО «КРИРПО»"])
    assert [(m.text, m.stands_for) for m in sequence] == [
        ("ДТиЗН", "ДТиЗН КО"),
        ("ДОиН КО", None),
        ("ГБУ ДПО «КРИРПО»", None),
    ]
    assert [m.text for m in split_cell("Управление образования\nцентры занятости населения", [])] == [
        "Управление образования",
        "центры занятости населения",
    ]


def test_unreadable_deadline_and_numbers_are_reported(vocabularies: Vocabularies, empty_content: Path) -> None:
    text = (
        "ПЛАН МЕРОПРИЯТИЙ по профориентации на 2022-2024 годы\n\n"
        "№\tМероприятие\tИсполнитель\tСрок\n"
        "1.\tЭкскурсии на предприятия\tМинистерство образования\tпо мере готовности\n"
        "З.1\tКонкурс профессий\tМинистерство образования\t2023 г.\n"
    )
    result = import_bytes(text.encode(), "plan.txt", "perm", vocabularies)
    measures = measures_by_number(result.plan)
    assert list(measures) == ["1.", "3.1"]
    assert "«З.1» read as «3.1»" in measures["3.1"]["note"]
    assert "по мере готовности" in measures["1."]["note"]
    assert [e.message for e in result.log.of("deadline")] == [
        "deadline «по мере готовности» has no years, months, quarters or recurrence the parser can read"
    ]
    load_draft(result.plan, text, empty_content)


def test_benchmark_scores_the_seeds_and_the_tuning_layouts() -> None:
    """The seeds stay 125/125; every tuning layout file imports without a crash and its draft passes check."""
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "importer.py"),
            "--layouts",
            str(ROOT / "benchmarks" / "layouts" / "tune"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert summary["plans"] + len(summary["skipped"]) == len(SOURCES)
    assert summary["expected"] >= summary["numbers"] >= summary["good"]
    assert summary["good"] == summary["expected"] == 125
    formats = summary["layouts"]["per_format"]
    assert set(formats) == {"text", "word", "pdf", "all"}
    for name, figures in formats.items():
        assert figures["crash"] == 0 and figures["check"] == figures["files"], name
        assert figures["good_share"] >= 0.9, (name, figures)
    assert "text" in done.stdout and "pdf-fpdf" in done.stdout


def test_import_log_has_no_entries_for_clean_input(vocabularies: Vocabularies) -> None:
    text = (
        "План мероприятий по профориентации на 2022-2024 годы\n\n"
        "№\tМероприятие\tИсполнитель\tСрок\n"
        "1.\tЭкскурсии на предприятия\tМинистерство образования Пермского края\t2022 г.\n"
    )
    result = import_bytes(text.encode(), "plan.txt", "perm", vocabularies)
    assert [e for e in result.log.entries if e.kind in ("guess", "fix", "deadline")] == []
    assert isinstance(result.log, Log)


# -- text in other shapes -----------------------------------------------------------------


def aligned(rows: list[list[list[str]]], widths: tuple[int, ...], gap: int = 3) -> str:
    """Rows of cells (each a list of printed lines) set in columns with spaces, as `pdftotext -layout` does."""
    out = []
    for cells in rows:
        for i in range(max(len(c) for c in cells)):
            out.append((" " * gap).join((c[i] if i < len(c) else "").ljust(w) for c, w in zip(cells, widths)).rstrip())
        out.append("")
    return "\n".join(out)


def test_space_aligned_text_keeps_one_name_per_line(vocabularies: Vocabularies, empty_content: Path) -> None:
    widths = (6, 34, 16, 30)
    text = (
        (
            "                 План мероприятий по профориентации обучающихся\n"
            "                            на 2023–2025 годы\n\n"
        )
        + aligned(
            [
                [["№ п/п"], ["Наименование мероприятия"], ["Ответственный", "исполнитель"], ["Срок исполнения"]],
            ],
            widths,
        )
        + "1. Организационные мероприятия\n\n"
        + aligned(
            [
                [
                    ["1.1."],
                    ["Проведение ярмарки профессий для", "обучающихся 8–11 классов"],
                    ["Министерство", "образования", "Иванова А.А.", "Петрова Б.Б."],
                    ["ежегодно, март"],
                ],
                [
                    ["1.2."],
                    ["Экскурсии на предприятия"],
                    ["центры занятости", "населения (по", "согласованию)"],
                    ["до 01.09.24"],
                ],
            ],
            (6, 34, 16, 30),
        )
    )
    result = import_bytes(text.encode(), "copied.txt", "perm", vocabularies)
    measures = measures_by_number(result.plan)
    assert list(measures) == ["1.1.", "1.2."]
    assert squash(measures["1.1."]["title"]) == "Проведение ярмарки профессий для обучающихся 8–11 классов"
    assert agency_names(result.plan, measures["1.1."]) == ["Министерство образования", "Иванова А.А.", "Петрова Б.Б."]
    assert agency_names(result.plan, measures["1.2."]) == ["центры занятости населения"]
    assert measures["1.2."]["responsible"][0]["by_agreement"] is True
    assert measures["1.2."]["timeframe"] == "до 01.09.24"
    assert result.plan["sections"][0]["title"] == "Организационные мероприятия"
    assert any("line up" in e.message for e in result.log.of("guess"))
    load_draft(result.plan, text, empty_content)


def centred(cells: list[list[str]]) -> list[list[str]]:
    """Cells of one row, each on the middle lines of the row's height."""
    height = max(len(c) for c in cells)
    return [[""] * ((height - len(c)) // 2) + c for c in cells]


def test_space_aligned_text_with_centred_cells_page_numbers_and_a_row_cut_by_the_page(
    vocabularies: Vocabularies, empty_content: Path
) -> None:
    widths = (5, 34, 16, 26)
    rows = [
        centred(
            [
                [f"{i}."],
                ["Проведение ярмарки профессий", f"номер {i} для обучающихся", "8–11 классов"],
                ["ежегодно"],
                ["Министерство", "образования"],
            ]
        )
        for i in range(1, 7)
    ]
    lines = [line for row in rows for line in aligned([row], widths).split("\n") if line]  # no blank lines
    head = aligned([[["№"], ["Наименование мероприятия"], ["Срок"], ["Ответственные"]]], widths).rstrip("\n")
    colnums = aligned([[["1"], ["2"], ["3"], ["4"]]], widths).rstrip("\n")
    page_one, page_two = lines[:9], lines[9:]
    text = "\n".join(
        [
            "УТВЕРЖДЁН".rjust(80),
            "постановлением администрации от 28.12.2023 № 1562".rjust(80),
            "",
            "План мероприятий по профориентации на 2024 год".center(80),
            "",
            head,
            colnums,
            *page_one,
            "",
            "Страница 1 из 2".rjust(80),
            "",
            "",
            "- 2 -".center(80),
            colnums,
            *page_two,
        ]
    )
    result = import_bytes(text.encode(), "copied.txt", "perm", vocabularies)
    measures = measures_by_number(result.plan)
    assert list(measures) == [f"{i}." for i in range(1, 7)]
    for i, measure in enumerate(measures.values(), 1):
        assert squash(measure["title"]) == f"Проведение ярмарки профессий номер {i} для обучающихся 8–11 классов"
        assert agency_names(result.plan, measure) == ["Министерство образования"]
        assert measure["timeframe"] == "ежегодно"
    assert result.plan["period"]["start"] == 2024
    load_draft(result.plan, text, empty_content)


def test_one_cell_per_line_text_is_rebuilt_from_the_header(vocabularies: Vocabularies, empty_content: Path) -> None:
    text = (
        "План мероприятий по профориентации на 2024 год\n\n№ п/п\nМероприятие\nСрок\nИсполнитель\n"
        "I. Работа с обучающимися\n1.\nЭкскурсии на предприятия\nапрель 2024\nМинистерство образования\n"
        "2.\nПрофессиональные пробы\nмай 2024\nколледжи, работодатели\n"
        "II. Работа с родителями\n3.\nРодительские собрания\nсентябрь\nшколы\n"
    )
    result = import_bytes(text.encode(), "web.txt", "perm", vocabularies)
    plan = result.plan
    assert [s["title"] for s in plan["sections"]] == ["Работа с обучающимися", "Работа с родителями"]
    measures = measures_by_number(plan)
    assert list(measures) == ["1.", "2.", "3."]
    assert measures["2."]["timeframe"] == "май 2024"
    assert agency_names(plan, measures["2."]) == ["колледжи", "работодатели"]
    assert plan["period"]["start"] == plan["period"]["end"] == 2024
    assert any("one cell per line" in e.message for e in result.log.of("guess"))
    load_draft(plan, text, empty_content)


def test_markdown_pipe_table_with_line_breaks_and_bold_sections(
    vocabularies: Vocabularies, empty_content: Path
) -> None:
    text = (
        "## План мероприятий по профориентации на 2022-2024 годы\n\n"
        "| № п/п | Наименование мероприятия | Ответственные | Срок |\n|---|---|---|---|\n"
        "| **1. Профессиональные пробы** |  |  |  |\n"
        "| 1.1 | Пробы на **предприятиях** | Министерство образования<br>работодатели (по согласованию) "
        "| 2022 г. |\n"
        "| 1.2 | Пробы в колледжах \\| мастерских | колледжи | ежегодно |\n"
    )
    result = import_bytes(text.encode(), "plan.md", "perm", vocabularies)
    plan = result.plan
    assert plan["title"] == "План мероприятий по профориентации на 2022-2024 годы"
    assert plan["sections"][0]["title"] == "Профессиональные пробы"
    measures = measures_by_number(plan)
    assert measures["1.1"]["title"] == "Пробы на предприятиях"
    assert measures["1.2"]["title"] == "Пробы в колледжах | мастерских"
    assert agency_names(plan, measures["1.1"]) == ["Министерство образования", "работодатели"]
    load_draft(plan, text, empty_content)


def test_pipe_table_without_outer_pipes_and_a_section_bold_in_every_cell(
    vocabularies: Vocabularies, empty_content: Path
) -> None:
    text = (
        "[Главная / Документы](/docs) | Поиск\n\n# План мероприятий по профориентации на 2022-2024 годы\n\n"
        "№ п/п | Наименование мероприятия | Ответственные | Срок\n--- | --- | --- | ---\n"
        "__1. Профессиональные пробы__ | __1. Профессиональные пробы__ | __1. Профессиональные пробы__ | "
        "__1. Профессиональные пробы__\n"
        "1.1 | Пробы на предприятиях | Министерство образования<br>работодатели | 2022 г.\n"
        "**2. Экскурсии** | | |\n"
        "2.1 | Экскурсии в колледжи | колледжи | ежегодно\n\nПросмотров: 1 024 | Поделиться\n"
    )
    result = import_bytes(text.encode(), "plan.md", "perm", vocabularies)
    plan = result.plan
    assert [s["title"] for s in plan["sections"]] == ["Профессиональные пробы", "Экскурсии"]
    measures = measures_by_number(plan)
    assert list(measures) == ["1.1", "2.1"]
    assert agency_names(plan, measures["1.1"]) == ["Министерство образования", "работодатели"]
    assert measures["2.1"]["timeframe"] == "ежегодно"
    load_draft(plan, text, empty_content)


def test_html_table_saved_from_a_site(vocabularies: Vocabularies, empty_content: Path) -> None:
    text = (
        "<html><head><title>План</title><script>var x = '<td>';</script></head><body>"
        "<h1>План мероприятий по профориентации на 2023&ndash;2024 годы</h1><table>"
        "<tr><th rowspan=2>№</th><th rowspan=2>Мероприятие</th><th colspan=2>Исполнение</th></tr>"
        "<tr><th>Срок</th><th>Ответственные</th></tr>"
        "<tr><td colspan=4><b>1. Пробы</b></td></tr>"
        "<tr><td>1.1.</td><td>Пробы на&nbsp;предприятиях</td><td>2023 г.</td>"
        "<td>Министерство образования<br>работодатели</td></tr>"
        "<tr><td>1.2.</td><td><p>Экскурсии</p><p>в колледжи</p></td><td>ежегодно</td><td>колледжи</td></tr>"
        "</table></body></html>"
    )
    result = import_bytes(text.encode(), "plan.html", "perm", vocabularies)
    plan = result.plan
    assert plan["period"]["start"] == 2023 and plan["period"]["end"] == 2024
    assert plan["columns"] == {
        "number": "№",
        "title": "Мероприятие",
        "timeframe": "Исполнение Срок",
        "responsible": "Исполнение Ответственные",
    }
    measures = measures_by_number(plan)
    assert measures["1.1."]["timeframe"] == "2023 г." and measures["1.1."]["title"] == "Пробы на предприятиях"
    assert agency_names(plan, measures["1.1."]) == ["Министерство образования", "работодатели"]
    assert squash(measures["1.2."]["title"]) == "Экскурсии в колледжи"
    load_draft(plan, result.source_text, empty_content)


# -- headers, numbering, years ------------------------------------------------------------


def test_word_two_row_header_with_merged_cells_and_columns_in_another_order(vocabularies: Vocabularies) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    table = document.add_table(rows=5, cols=5)
    title = table.cell(0, 0).merge(table.cell(0, 4))
    title.text = "План мероприятий по профориентации на 2023 год"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "№ п/п"
    table.cell(1, 1).merge(table.cell(2, 1)).text = "Содержание работы"
    table.cell(1, 2).merge(table.cell(1, 3)).text = "Исполнение"
    table.cell(2, 2).text, table.cell(2, 3).text = "Срок", "Ответственные"
    table.cell(1, 4).merge(table.cell(2, 4)).text = "Отметка о выполнении"
    for r, values in (
        (3, ("1)", "Ярмарка профессий", "май 2023", "Министерство образования", "выполнено")),
        (4, ("2)", "Экскурсии", "ежегодно", "колледжи", "")),
    ):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    result = import_bytes(buffer.getvalue(), "merged.docx", "perm", vocabularies)
    plan = result.plan
    assert plan["title"] == "План мероприятий по профориентации на 2023 год"
    assert plan["period"]["start"] == plan["period"]["end"] == 2023
    measures = measures_by_number(plan)
    assert list(measures) == ["1)", "2)"]
    assert measures["1)"]["timeframe"] == "май 2023"
    assert agency_names(plan, measures["1)"]) == ["Министерство образования"]
    assert "выполнено" not in json.dumps(plan, ensure_ascii=False)
    assert "mark" not in plan["columns"] and any("header takes 2 rows" in e.message for e in result.log.of("guess"))


def test_numbering_forms_and_a_table_without_header(vocabularies: Vocabularies, empty_content: Path) -> None:
    text = (
        "План мероприятий на 2022-2023 годы\n\n"
        "I. Организация\n"
        "а)\tСоздание совета\tМинистерство образования\tянварь 2022\n"
        "б)\tСеминар для педагогов\tИнститут развития образования\tII квартал 2022 г.\n"
        "II. Работа с обучающимися\n"
        "в)\tПрофессиональные пробы на предприятиях региона\tколледжи\t2023 г.\n"
    )
    result = import_bytes(text.encode(), "plan.txt", "perm", vocabularies)
    plan = result.plan
    assert [s["number"] for s in plan["sections"]] == ["I.", "II."]
    assert [m["number"] for m in all_measures(plan["sections"])] == ["а)", "б)", "в)"]
    measures = measures_by_number(plan)
    assert agency_names(plan, measures["б)"]) == ["Институт развития образования"]
    assert measures["в)"]["timeframe"] == "2023 г."
    guessed = [e.message for e in result.log.of("guess") if "no header row" in e.message]
    assert guessed == [
        "no header row found; columns guessed from what their cells hold: column 1 = number, "
        "column 2 = title, column 3 = responsible, column 4 = timeframe"
    ]
    assert "guessed from what their cells hold" in plan["note"]
    load_draft(plan, text, empty_content)


def test_years_of_history_in_the_title_are_not_the_period(vocabularies: Vocabularies) -> None:
    text = (
        "УТВЕРЖДЁН постановлением от 20.12.24 № 5\n\n"
        "План мероприятий к 80-летию Победы в Великой Отечественной войне 1941–1945 гг. на 2025 год\n\n"
        "№\tМероприятие\tИсполнитель\tСрок\n1.\tАкция «Георгиевская ленточка»\tотдел культуры\tдо 09.05.25\n"
    )
    result = import_bytes(text.encode(), "plan.txt", "perm", vocabularies)
    plan = result.plan
    assert plan["period"]["start"] == plan["period"]["end"] == 2025 and plan["id"] == "perm-2025"
    assert plan["act"]["date"] == "2024-12-20"
    assert any("«1941–1945 гг.» in the title is history" in e.message for e in result.log.of("guess"))


def test_no_year_anywhere_leaves_the_period_out_and_the_site_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("docs", "overrides", "content"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    source = tmp_path / "plan.txt"
    source.write_text(
        "План мероприятий по противодействию коррупции\n\n№\tМероприятие\tИсполнитель\tСрок\n"
        "1.\tАнтикоррупционная экспертиза\tСидоров А.Е.\tпостоянно\n",
        encoding="utf-8",
    )
    code, out, err = run_cli(
        ["import", str(source), "--region", "perm", "--content", str(tmp_path / "content")], capsys
    )
    assert code == 0, err
    assert "No period" in out and "no year found anywhere" in out
    draft = parse("d", (tmp_path / "content/plans/perm-undated.yaml").read_text(encoding="utf-8")).data
    assert "period" not in draft and "No year found anywhere" in draft["note"]
    assert [a["name"] for a in draft["agencies"]] == ["Сидоров А.Е."]
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "site")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert built.returncode == 0, built.stderr
    page = (tmp_path / "site/plans/perm-undated/index.html").read_text(encoding="utf-8")
    assert "период не указан" in page


def test_topic_keywords_come_from_the_topic_vocabulary(empty_content: Path) -> None:
    topics = (empty_content / "topics.yaml").read_text(encoding="utf-8")
    assert 'keywords: ["экскурси"' in topics
    topics = topics.replace('keywords: ["экскурси"', 'keywords: ["сплав", "экскурси"')
    (empty_content / "topics.yaml").write_text(topics, encoding="utf-8")
    text = "План мероприятий на 2024 год\n\n№\tМероприятие\tИсполнитель\tСрок\n1.\tСплав по реке\tшколы\tиюль 2024\n"
    before = import_bytes(text.encode(), "plan.txt", "perm", Vocabularies.load(CONTENT)).plan
    after = import_bytes(text.encode(), "plan.txt", "perm", Vocabularies.load(empty_content)).plan
    assert "excursions" not in next(all_measures(before["sections"]))["topics"]
    assert next(all_measures(after["sections"]))["topics"] == ["excursions"]


# -- PDF: cells, scans ---------------------------------------------------------------------


def test_pdf_cell_with_one_name_per_line_splits_into_agencies(vocabularies: Vocabularies, empty_content: Path) -> None:
    pdf = _pdf()
    pdf.multi_cell(0, 6, "План мероприятий по профориентации на 2023-2025 гг.")
    _table(
        pdf,
        [
            ["№ п/п", "Мероприятие", "Ответственные исполнители", "Сроки исполнения"],
            [
                "1.",
                "Родительские собрания о выборе профессии в каждой школе района",
                "Иванова А.А.\nПетрова Б.Б.\nМинистерство образования и науки Пермского края",
                "ежегодно",
            ],
        ],
        headings=True,
    )
    result = import_bytes(bytes(pdf.output()), "plan.pdf", "perm", vocabularies)
    measure = measures_by_number(result.plan)["1."]
    assert agency_names(result.plan, measure) == [
        "Иванова А.А.",
        "Петрова Б.Б.",
        "Министерство образования и науки Пермского края",
    ]
    assert squash(measure["title"]) == "Родительские собрания о выборе профессии в каждой школе района"
    load_draft(result.plan, result.source_text, empty_content)


def scanned_pdf() -> bytes:
    """A plan printed as a picture: a PDF page with no text layer."""
    image = pytest.importorskip("PIL.Image")
    draw_module = pytest.importorskip("PIL.ImageDraw")
    font = pytest.importorskip("PIL.ImageFont").truetype(str(FONT), 36)
    page = image.new("L", (2480, 1754), "white")
    draw = draw_module.Draw(page)
    draw.text((150, 120), "План мероприятий по профориентации на 2023-2025 годы", font=font, fill="black")
    rows = [
        ("№ п/п", "Наименование мероприятия", "Ответственные исполнители", "Срок исполнения"),
        ("1.", "Проведение профессиональных проб", "Министерство образования", "2023 год"),
        ("2.", "Экскурсии на предприятия", "центры занятости населения", "ежегодно"),
    ]
    for i, row in enumerate(rows):
        for x, text in zip((150, 330, 1250, 1950), row):
            draw.text((x, 300 + i * 90), text, font=font, fill="black")
    out = io.BytesIO()
    page.save(out, format="PDF", resolution=300)
    return out.getvalue()


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="Debian's tesseract-ocr is not installed")
def test_scanned_pdf_is_read_by_ocr_and_every_value_flagged(vocabularies: Vocabularies, empty_content: Path) -> None:
    result = import_bytes(scanned_pdf(), "scan.pdf", "perm", vocabularies)
    plan = result.plan
    measures = measures_by_number(plan)
    assert list(measures) == ["1.", "2."]
    assert squash(measures["1."]["title"]) == "Проведение профессиональных проб"
    assert measures["2."]["timeframe"] == "ежегодно"
    assert all("by OCR from a scanned page" in m["note"] for m in measures.values())
    assert "recognised by OCR" in plan["note"]
    load_draft(plan, result.source_text, empty_content)


def test_scanned_pdf_without_ocr_is_refused(
    empty_content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no tesseract on this PATH
    source = tmp_path / "scan.pdf"
    source.write_bytes(scanned_pdf())
    code, out, err = run_cli(["import", str(source), "--region", "perm", "--content", str(empty_content)], capsys)
    assert code == 1 and out == "" and len(err.strip().splitlines()) == 1
    assert "no text layer" in err and "tesseract-ocr-rus" in err
    assert files(empty_content / "plans") == []


def test_control_characters_and_line_breaking_names_never_reach_the_draft(
    vocabularies: Vocabularies, empty_content: Path
) -> None:
    """NUL and terminal escapes inside a pasted text are dropped with a note; a file name holding
    a line separator or a carriage return stays inside the draft's header comment."""
    text = (CONTENT / "sources" / "smolensk-2020.txt").read_text(encoding="utf-8")
    cut = text.index("\n", 2000)
    dirty = text[:cut] + " \x00\x1b[31mкрасный\x1b[0m" + text[cut:]
    name = "plan\u2028id: evil\rnote: x.txt"
    result = import_bytes(dirty.encode("utf-8"), name, "smolensk", vocabularies)
    draft = dump(result.plan, name)
    assert "\x00" not in draft and "\x1b" not in draft and "\x00" not in result.source_text
    header, body = draft.split("\n", 2)[1], draft.split("\n", 2)[2]
    assert header.startswith("# Draft imported from plan\\u2028id: evil\\u000dnote: x.txt")
    assert not body.startswith(("id: evil", "note:")) and parse("draft.yaml", draft).data["id"] == result.plan_id
    load_draft(result.plan, result.source_text, empty_content)


def test_a_pdf_of_thousands_of_pages_is_refused_before_it_is_read(vocabularies: Vocabularies) -> None:
    from fpdf import FPDF

    from generator.importer import limits

    pdf = FPDF()
    for _ in range(limits.MAX_PDF_PAGES + 1):
        pdf.add_page()
    with pytest.raises(ImporterError, match=f"has {limits.MAX_PDF_PAGES + 1:,} pages"):
        import_bytes(bytes(pdf.output()), "many.pdf", "perm", vocabularies)
