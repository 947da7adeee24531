"""How a responsible cell is split into agencies and people."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CONTENT

from generator.importer import Vocabularies, import_bytes
from generator.importer.agencies import split_cell
from generator.importer.linebreaks import WRAP
from generator.importer.table import join_fragments


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


W = WRAP  # a wrap before a capital letter, which may also be the author's break


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        # a new name at a wrapped line's capital
        (
            f"Министерство социального развития{W}Медицинские работники",
            ["Министерство социального развития", "Медицинские работники"],
        ),
        (f"Финансовое управление{W}Управление культуры", ["Финансовое управление", "Управление культуры"]),
        (f"Руководители школ{W}МКУ «Центр бухгалтерии»", ["Руководители школ", "МКУ «Центр бухгалтерии»"]),
        (f"Козлов Н.П.{W}КДНиЗП", ["Козлов Н.П.", "КДНиЗП"]),
        # one name wrapped over lines
        (
            f"Отдел опеки администрации{W}Пермского муниципального округа",
            ["Отдел опеки администрации Пермского муниципального округа"],
        ),
        (f"Управление МВД{W}России по г.{W}Перми", ["Управление МВД России по г. Перми"]),
        (f'ГБУ "Центр{W}Семья"', ['ГБУ "Центр Семья"']),
        (f"Совет сельского поселения{W}Лесное", ["Совет сельского поселения Лесное"]),
        (f"Учителя{W}ОБЖ", ["Учителя ОБЖ"]),
        (f"ОГИБДД{W}МО МВД России", ["ОГИБДД МО МВД России"]),
        (f"Главный специалист{W}Отдела опеки{W}Зайцева М.К.", ["Главный специалист Отдела опеки Зайцева М.К."]),
        (f"Главный специалист Зайцева{W}М.К.", ["Главный специалист Зайцева М.К."]),
        # a genitive goes on the name («Республики …»), and so does the abbreviation after a genitive head
        (f"Краеведческий музей{W}Республики Алтай", ["Краеведческий музей Республики Алтай"]),
        (f"Лесной участок{W}Центра охраны природы", ["Лесной участок Центра охраны природы"]),
        (f"Отдел культуры{W}Учреждения культуры", ["Отдел культуры", "Учреждения культуры"]),
        (f"Лесной участок Управления{W}ГИБДД по области", ["Лесной участок Управления ГИБДД по области"]),
        # … but not after «администрации», which often ends a name, nor before a legal form
        (
            f"Отдел спорта администрации{W}ОМВД России по району",
            ["Отдел спорта администрации", "ОМВД России по району"],
        ),
        (f"Служба Центра{W}МКУ «Архив»", ["Служба Центра", "МКУ «Архив»"]),
        # an organisation's head noun starts a name after a place's name
        (
            f"Управление культуры Лесного округа{W}Коллегия адвокатов «Защита»",
            ["Управление культуры Лесного округа", "Коллегия адвокатов «Защита»"],
        ),
    ],
)
def test_a_wrapped_line_is_a_new_name_only_when_the_name_above_is_complete(cell: str, expected: list[str]) -> None:
    assert names(cell) == expected


def test_pdf_cell_with_one_name_per_line_and_wrapped_names() -> None:
    """A narrow ruled cell: two names fill their lines, a third name wraps over two lines."""
    fpdf = pytest.importorskip("fpdf")
    pytest.importorskip("pdfplumber")
    font = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not font.is_file():
        pytest.skip(f"the DejaVu font is needed for Cyrillic and is missing: {font}")
    pdf = fpdf.FPDF()
    pdf.add_font("DejaVu", "", str(font))
    pdf.set_font("DejaVu", size=9)
    pdf.add_page()
    pdf.multi_cell(0, 6, "План мероприятий по поддержке семей на 2025 год")
    responsible = (
        "Социальные педагоги школ\nМедицинские работники\nОтдел опеки администрации Пермского муниципального округа"
    )
    plain = fpdf.FontFace(emphasis="")
    with pdf.table(col_widths=(12, 70, 40, 30), line_height=5, headings_style=plain) as table:
        for values in (
            ["№", "Мероприятие", "Ответственный", "Срок"],
            ["1.", "Консультации для родителей", responsible, "2025 год"],
            ["2.", "Выставка детского творчества", "Управление культуры", "май 2025 г."],
        ):
            row = table.row()
            for value in values:
                row.cell(value)
    vocabularies = Vocabularies.load(CONTENT)
    plan = import_bytes(bytes(pdf.output()), "plan.pdf", "perm", vocabularies).plan
    agencies = {a["id"]: a["name"] for a in plan["agencies"]}
    first = plan["sections"][0]["measures"][0]
    assert [agencies[r["agency"]] for r in first["responsible"]] == [
        "Социальные педагоги школ",
        "Медицинские работники",
        "Отдел опеки администрации Пермского муниципального округа",
    ]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Управление образования совместно с ОГИБДД", ["Управление образования", "ОГИБДД"]),
        ("Отдел культуры при участии ЦЗН", ["Отдел культуры", "ЦЗН"]),
        ("Управление образования и Отдел культуры", ["Управление образования", "Отдел культуры"]),
        ("Управление образования и МБУ «Молодёжный центр»", ["Управление образования", "МБУ «Молодёжный центр»"]),
        ("Министерство образования и науки Пермского края", ["Министерство образования и науки Пермского края"]),
        ("ТКДН и ЗП", ["ТКДН и ЗП"]),
        ("МБОУ СОШ № 1, 2, 5, Отдел культуры", ["МБОУ СОШ № 1, 2, 5", "Отдел культуры"]),
        (
            "Управление образования (отдел опеки, отдел кадров), Отдел культуры",
            ["Управление образования (отдел опеки, отдел кадров)", "Отдел культуры"],
        ),
    ],
)
def test_agencies_joined_by_a_phrase_or_a_conjunction(cell: str, expected: list[str]) -> None:
    assert names(cell) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (
            f'Управление культуры{W}Директора МБОУ "СОШ № 1",{W}МБОУ "СОШ № 5"',
            ["Управление культуры", 'Директора МБОУ "СОШ № 1", МБОУ "СОШ № 5"'],
        ),
        (f"Руководители школ, Отдел{W}ЖКХ администрации", ["Руководители школ", "Отдел ЖКХ администрации"]),
        (
            f'Отдел опеки,{W}Директор МАОУ "СОШ № 2"{W}Лаптева И.В.',
            ["Отдел опеки", 'Директор МАОУ "СОШ № 2" Лаптева И.В.'],
        ),
    ],
)
def test_a_wrap_inside_a_comma_list_or_after_a_lone_head_noun_continues(cell: str, expected: list[str]) -> None:
    assert names(cell) == expected


def test_a_cell_continued_after_a_page_break_may_start_a_new_name() -> None:
    assert join_fragments(["Отдел информационной политики", "Редакция газеты", "«Заречная жизнь»"]) == (
        f"Отдел информационной политики{W}Редакция газеты «Заречная жизнь»"
    )
    assert names(join_fragments(["Отдел информационной политики", "Редакция газеты"])) == [
        "Отдел информационной политики",
        "Редакция газеты",
    ]


def test_a_capitalised_position_on_its_own_line_is_a_name_not_a_participle() -> None:
    assert names("Молодёжный парламент\nУполномоченный по правам ребёнка") == [
        "Молодёжный парламент",
        "Уполномоченный по правам ребёнка",
    ]
    assert names("органы местного самоуправления,\nосуществляющие управление в сфере образования") == [
        "органы местного самоуправления, осуществляющие управление в сфере образования"
    ]


def test_an_agency_named_in_a_v_tom_chisle_phrase_stays_with_it() -> None:
    assert names("Администрация района, в том числе отдел опеки, Управление культуры") == [
        "Администрация района, в том числе отдел опеки",
        "Управление культуры",
    ]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        # a position after an organisation, or after a named person, starts the next person
        (
            "ГАУ ДПО «Институт развития образования» проректор по научно-методической работе Кравец А.Ю.",
            ["ГАУ ДПО «Институт развития образования»", "проректор по научно-методической работе Кравец А.Ю."],
        ),
        (
            "Глава городского округа Кузнецов В.П. секретарь антитеррористической комиссии Рябова О.Н.",
            ["Глава городского округа Кузнецов В.П.", "секретарь антитеррористической комиссии Рябова О.Н."],
        ),
        # «первый заместитель …» is one person with the name after it
        (
            "первый заместитель министра образования Староборской области Белова И.С.",
            ["первый заместитель министра образования Староборской области Белова И.С."],
        ),
        # a role an organisation fills holds that organisation
        (
            "организатор питания ООО «Школьный комбинат питания»",
            ["организатор питания ООО «Школьный комбинат питания»"],
        ),
        # a branch holds the organisation it belongs to, whether or not its place comes first
        (
            'ОВО по г. Краснозаводску - филиал ФГКУ "УВО ВНГ России по области"',
            ['ОВО по г. Краснозаводску - филиал ФГКУ "УВО ВНГ России по области"'],
        ),
        (
            "филиал по г. Краснозаводску ФКУ УИИ УФСИН России по области",
            ["филиал по г. Краснозаводску ФКУ УИИ УФСИН России по области"],
        ),
        # …but once its organisation is named, the next legal form is the next organisation
        (
            "местное отделение ВВПОД «Юнармия» МКУ «Управление образования»",
            ["местное отделение ВВПОД «Юнармия»", "МКУ «Управление образования»"],
        ),
        # a plural head after a closed name, with its participle or adjective
        (
            "МБУК «Новоуральевская ЦБС» территориальные отделы администрации округа",
            ["МБУК «Новоуральевская ЦБС»", "территориальные отделы администрации округа"],
        ),
        (
            "МУП «Верхнесольские коммунальные системы» управляющие организации",
            ["МУП «Верхнесольские коммунальные системы»", "управляющие организации"],
        ),
        (
            "Управление образования военный комиссариат Березовоярского района",
            ["Управление образования", "военный комиссариат Березовоярского района"],
        ),
        (
            "Отдел образования администрации района руководители общеобразовательных организаций",
            ["Отдел образования администрации района", "руководители общеобразовательных организаций"],
        ),
    ],
)
def test_where_names_run_together_without_separators(cell: str, expected: list[str]) -> None:
    assert names(cell) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        # the line names what the head noun before it belongs to
        (
            f"Управление культуры администрации округа{WRAP}региональное отделение{WRAP}Союза писателей России",
            ["Управление культуры администрации округа", "региональное отделение Союза писателей России"],
        ),
        (
            f"Отдел образования администрации района{WRAP}Территориальный отдел Управления{WRAP}Роспотребнадзора",
            ["Отдел образования администрации района", "Территориальный отдел Управления Роспотребнадзора"],
        ),
        # a position waits for its person, a branch or a role for its organisation
        (
            f"ГКУ «Центр обработки информации» начальник отдела мониторинга{WRAP}Шевченко П.А.",
            ["ГКУ «Центр обработки информации»", "начальник отдела мониторинга Шевченко П.А."],
        ),
        (f"организатор питания{WRAP}ООО «Комбинат питания»", ["организатор питания ООО «Комбинат питания»"]),
        (
            f"ОВО по г. Краснозаводску - филиал{WRAP}ФГКУ «УВО ВНГ России»",
            ["ОВО по г. Краснозаводску - филиал ФГКУ «УВО ВНГ России»"],
        ),
    ],
)
def test_a_wrapped_line_goes_on_the_name_it_completes(cell: str, expected: list[str]) -> None:
    assert names(cell) == expected


def test_names_one_per_line_each_ended_by_a_comma_keep_the_commas_inside_them() -> None:
    cell = (
        "Отдел молодёжной политики, физической культуры и спорта администрации района,\n"
        "МБУ «Молодёжный центр «Горизонт»»,\n"
        "руководители образовательных организаций"
    )
    assert names(cell) == [
        "Отдел молодёжной политики, физической культуры и спорта администрации района",
        "МБУ «Молодёжный центр «Горизонт»»",
        "руководители образовательных организаций",
    ]
    # a list after a comma inside a line, not an oblique word going on with a name, is still split
    assert len(names("Администрация поселения,\nуправляющие организации, товарищества собственников жилья")) == 3


def test_a_list_inside_a_name_after_a_comma_stays_in_the_name() -> None:
    # «, физической культуры …» goes on in lower case in an oblique case: no name starts there
    assert names("Отдел молодёжной политики, физической культуры и спорта администрации района") == [
        "Отдел молодёжной политики, физической культуры и спорта администрации района"
    ]
    assert names("Отдел образования, общеобразовательные организации, МБУ «Молодёжный центр»") == [
        "Отдел образования",
        "общеобразовательные организации",
        "МБУ «Молодёжный центр»",
    ]


def test_a_unit_followed_by_its_organisation_is_one_name() -> None:
    # the centre names no owner of its own: the institute after it is whose centre it is
    assert names("Центр непрерывного повышения мастерства педагогических работников ГАУ ДПО «Институт развития»") == [
        "Центр непрерывного повышения мастерства педагогических работников ГАУ ДПО «Институт развития»"
    ]
    # the department names its owner (the district's administration): the МБУ is the next name
    assert names("Отдел образования администрации района МБУ «Молодёжный центр»") == [
        "Отдел образования администрации района",
        "МБУ «Молодёжный центр»",
    ]


def test_a_place_named_after_its_kind_in_any_case_goes_on_the_name() -> None:
    # the wrap before «Лесогорск» is no new name: the district's own name after «по городскому округу»
    assert names(f"ОМВД России по городскому округу{W}Лесогорск (по согласованию)") == [
        "ОМВД России по городскому округу Лесогорск"
    ]


def test_two_groups_of_people_in_one_line_are_two_names() -> None:
    # a line break read as a wrap: «педагоги-психологи» after a finished name are other people
    assert names("руководители общеобразовательных организаций педагоги-психологи") == [
        "руководители общеобразовательных организаций",
        "педагоги-психологи",
    ]
    # their line keeps its comma list as the author set it
    assert names("руководители общеобразовательных организаций педагоги-психологи, социальные педагоги") == [
        "руководители общеобразовательных организаций",
        "педагоги-психологи, социальные педагоги",
    ]
    # one person's position and whose deputy he is stay one name
    assert names("заместитель главы администрации района по социальным вопросам") == [
        "заместитель главы администрации района по социальным вопросам"
    ]
