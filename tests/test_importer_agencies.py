"""How a responsible cell is split into agencies and people."""

from __future__ import annotations

import pytest

from generator.importer.agencies import split_cell


def names(cell: str) -> list[str]:
    return [m.text for m in split_cell(cell, [])]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (
            'Управление образования, Директор МАОУ "СОШ № 2" Лаптева И.В.',
            ["Управление образования", 'Директор МАОУ "СОШ № 2" Лаптева И.В.'],
        ),
        ('Директора МБОУ "СОШ № 1"', ['Директора МБОУ "СОШ № 1"']),
    ],
)
def test_a_position_with_its_organisation_and_name_is_one_entry(cell: str, expected: list[str]) -> None:
    assert names(cell) == expected


def test_a_list_after_po_stays_in_the_name() -> None:
    assert names("Отдел по физической культуре, спорту и молодёжной политике, МАУ «Олимп»") == [
        "Отдел по физической культуре, спорту и молодёжной политике",
        "МАУ «Олимп»",
    ]
    assert names("Управление по делам молодёжи, образовательные организации") == [
        "Управление по делам молодёжи",
        "образовательные организации",
    ]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (
            'Управление образования\nДиректора МБОУ "СОШ № 1", МБОУ "СОШ № 5"',
            ["Управление образования", 'Директора МБОУ "СОШ № 1", МБОУ "СОШ № 5"'],
        ),
        (
            'Управление образования; Директора МБОУ "СОШ № 1", МБОУ "СОШ № 5"',
            ["Управление образования", 'Директора МБОУ "СОШ № 1", МБОУ "СОШ № 5"'],
        ),
        (
            "Педагоги-психологи,\nУчителя-логопеды, Специалисты ТПМПК",
            ["Педагоги-психологи", "Учителя-логопеды", "Специалисты ТПМПК"],
        ),
    ],
)
def test_names_on_their_own_lines_or_after_semicolons_keep_their_commas(cell: str, expected: list[str]) -> None:
    assert names(cell) == expected
