"""Real `pdftotext -layout` output of tuning PDFs, through the importer: each rule of the space-aligned reader."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from conftest import draft_measures as measures

from generator.importer import Vocabularies, import_bytes

LAYOUTS = ROOT / "benchmarks" / "layouts"

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")


def pdftotext(pdf: Path, tmp_path: Path) -> bytes:
    out = tmp_path / "plan.txt"
    subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), str(out)], check=True)
    return out.read_bytes()


def responsible(plan: dict[str, Any], measure: dict[str, Any]) -> list[str]:
    names = {a["id"]: a["name"] for a in plan["agencies"]}
    return [names[r["agency"]] for r in measure["responsible"]]


def imported(set_name: str, plan: str, stem: str, tmp_path: Path, vocabularies: Vocabularies) -> dict[str, Any]:
    data = pdftotext(LAYOUTS / set_name / plan / f"{stem}.pdf", tmp_path)
    return import_bytes(data, "plan.txt", "perm", vocabularies).plan


def test_numbers_printed_at_the_start_of_the_title_start_rows(tmp_path: Path, vocabularies: Vocabularies) -> None:
    plan = imported("heldout2", "otoplenie-2024-2025", "pdf-libreoffice", tmp_path, vocabularies)
    found = measures(plan)
    assert [m["number"] for m in found[:5]] == ["а)", "б)", "в)", "г)", "а) (2)"]
    assert found[0]["title"].startswith("Утверждение состава комиссии по проверке готовности")
    assert found[0]["timeframe"] == "до 15.04.2024"


def test_unnumbered_rows_without_blank_lines_start_at_a_capitalised_title(
    tmp_path: Path, vocabularies: Vocabularies
) -> None:
    plan = imported("heldout2", "cifra-2025-2027", "pdf-unruled", tmp_path, vocabularies)
    found = measures(plan)
    assert found[0]["title"].endswith("по её внедрению в общеобразовательных организациях")
    assert found[2]["title"].startswith("Поставка комплектов оборудования")
    assert found[1]["title"].startswith("Обеспечение подключения общеобразовательных организаций")


def test_a_header_repeated_with_drifted_columns_is_dropped(tmp_path: Path, vocabularies: Vocabularies) -> None:
    plan = imported("heldout", "c-dtt", "pdf-fpdf", tmp_path, vocabularies)
    by_number = {m["number"]: m for m in measures(plan)}
    assert by_number["9."]["title"].startswith("Муниципальный этап конкурса юных инспекторов движения")
    assert not any("п/п" in m["title"] for m in by_number.values())


def test_a_wrap_in_proportional_text_is_not_read_as_a_new_name(tmp_path: Path, vocabularies: Vocabularies) -> None:
    plan = imported("heldout2", "cifra-2025-2027", "pdf-libreoffice", tmp_path, vocabularies)
    second = measures(plan)[1]
    assert len(second["responsible"]) == 2
    assert responsible(plan, second)[0].startswith("Министерство цифрового развития и связи")
