"""The space-aligned reader's rules for real `pdftotext -layout` output: the committed pdftotext text
of tuning PDFs, and small tables laid out as pdftotext lays them, through the importer."""

from __future__ import annotations

from typing import Any

from conftest import ROOT
from conftest import draft_measures as measures

from generator.importer import Vocabularies, import_bytes

PDFTOTEXT = ROOT / "benchmarks" / "layouts" / "tune-pdftotext"


def imported(plan: str, stem: str, vocabularies: Vocabularies) -> dict[str, Any]:
    data = (PDFTOTEXT / plan / f"text-pdftotext-{stem}.txt").read_bytes()
    return import_bytes(data, "plan.txt", "perm", vocabularies).plan


def by_number(plan: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {m["number"]: m for m in measures(plan)}


def test_a_group_label_over_two_columns_does_not_widen_one(vocabularies: Vocabularies) -> None:
    # «Организация исполнения» over «Исполнитель» and «Срок»: the deadline column keeps its width
    found = by_number(imported("korrup-posel", "pdf-libreoffice", vocabularies))
    assert found["5."]["timeframe"] == "до 30 апреля"
    assert found["6."]["timeframe"] == "в течение 14 рабочих дней со дня истечения срока подачи сведений"


def test_a_row_whose_columns_drifted_is_cut_where_its_own_lines_part(vocabularies: Vocabularies) -> None:
    # row 2.1 sits columns to the left of the header's, its deadline one space from the agency
    found = by_number(imported("bezn-2023", "pdf-libreoffice", vocabularies))
    assert found["2.1."]["timeframe"] == "май – сентябрь, ежегодно"
    assert len(found["2.1."]["responsible"]) == 5
    assert found["2.1."]["title"] == "Проведение межведомственной комплексной профилактической операции «Подросток»"


def test_an_unnumbered_row_does_not_start_where_a_cell_goes_on(vocabularies: Vocabularies) -> None:
    found = measures(imported("cifra-2025-2027", "pdf-libreoffice", vocabularies))
    # «образования»,» goes on: «ФГИС «Моя школа»» beside it is still the title of row 6
    assert found[5]["title"].endswith("образовательных ресурсов и сервисов ФГИС «Моя школа»")
    assert len(found[5]["responsible"]) == 2
    # «… обучающихся во» goes on
    assert found[12]["title"] == "Организация участия обучающихся во Всероссийском образовательном проекте «Урок цифры»"
    # «Шевченко П.А. отчётным»: two cells one space apart, not a heading
    assert found[10]["timeframe"].endswith("следующего за отчётным кварталом")


def test_a_wrap_that_barely_fits_is_no_break_between_names(vocabularies: Vocabularies) -> None:
    found = by_number(imported("b-energosberezhenie", "pdf-fpdf", vocabularies))
    assert len(found["1.1.3"]["responsible"]) == 1
    assert len(found["2.1.2"]["responsible"]) == 1


def test_a_number_touching_its_title_starts_a_row_not_a_heading(vocabularies: Vocabularies) -> None:
    found = by_number(imported("b-energosberezhenie", "pdf-fpdf", vocabularies))
    assert (
        found["1.2.1"]["title"] == "Внесение сведений о потреблении энергетических ресурсов в ГИС «Энергоэффективность»"
    )
    assert found["1.2.1"]["timeframe"] == "ежегодно, до 1 марта"


CENTRED_HEADER = """\
                         План мероприятий по безопасности на воде на 2025 год

№     Наименование                  Ответственные за
                                                            Срок проведения
п/п   мероприятия                   исполнение
                                    министерство
      Определение мест массового    образования области
 1.   отдыха людей у воды и их                              до 15.05.2025
      обследование водолазами       ООО «Нептун» (по
                                    согласованию)
                                    МБУ «Благоустройство
      Лабораторный контроль         района»
 2.   качества воды и песка в                               ежемесячно
      местах купания
      Установка знаков «Купание     главы сельских
 3.   запрещено» в опасных          поселений               до 01.06.2025
      местах
"""


def test_a_header_label_on_its_middle_line_and_a_lower_case_first_row(vocabularies: Vocabularies) -> None:
    # «Срок проведения» on the middle line of the header is a column; «министерство» under
    # «Ответственные за» is the first row's agency, not more of the header
    plan = import_bytes(CENTRED_HEADER.encode(), "plan.txt", "perm", vocabularies).plan
    found = measures(plan)
    assert [m["number"] for m in found] == ["1.", "2.", "3."]
    assert found[0]["timeframe"] == "до 15.05.2025"
    assert len(found[0]["responsible"]) == 2
    assert found[2]["timeframe"] == "до 01.06.2025"
