"""Where one name ends and the next begins when a responsible cell runs its names together.

A cell printed with one name per line loses its line breaks when a line is read as a wrap
(«… Северо-Озёрской области» then «Министерство …» did not fit on that line), and some cells
simply list names with spaces. A new name starts:

- after «(по согласованию)»;
- after a person's initials, at a capital letter («Козлов Н.П. Секретарь комиссии …»);
- at an organisation's head noun in the nominative, with the adjectives before it
  («… молодёжи | волонтёрский центр …», «… области | Министерство …»), unless the word before
  is a preposition or conjunction, or the phrase is a participle's object;
- at a legal-form abbreviation after a finished name («… «Юнармия» | МКУ «…»»), but not after a
  position («Директор МАОУ "СОШ № 2" Лаптева И.В.» is one person);
- at a person («Лебедев П.С.») after an organisation's name, but not after a position
  («Председатель комиссии Козлов Н.П.» is one person).

Where a PDF or space-aligned cell wrapped before a capital letter (`linebreaks.WRAP`), the line
may be the author's break between two names or the wrap of one; `starts_name` decides (a line
going on in the genitive, «Республики …», or an abbreviation after a genitive head noun, «Центра» /
«ГИМС …», goes on the name above).
"""

from __future__ import annotations

import re

_AGREED = re.compile(r"\(\s*по\s+согласованию\s*\)", re.I)
_INITIALS = re.compile(r"^[А-ЯЁ]\.\s?[А-ЯЁ]\.[,;]?$")
_INITIAL = re.compile(r"^[А-ЯЁ]\.$")
_SURNAME = re.compile(r"^[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?$")
_HEADS = frozenset(
    """министерство управление департамент комитет отдел отделение администрация совет инспекция
агентство служба комиссия центр прокуратура органы учреждение организация комиссариат отряд штаб коллегия""".split()
)
_PLACE_KINDS = frozenset("округа района поселения города округу району поселению городу округе районе городе г".split())
_PLURAL_HEADS = frozenset("организации учреждения предприятия отделы".split())  # nominative only after an adjective
# A role an organisation fills, named after it: «организатор питания ООО «…»».
_ROLES = re.compile(r"^(?:организатор|оператор|подрядчик|поставщик|исполнитель)", re.I)
# A head noun in the genitive: the name goes on with what it belongs to («Управления» / «Роспотребнадзора»).
_GENITIVE_HEADS = frozenset(
    """министерства управления департамента комитета отдела отделения администрации совета инспекции
агентства службы комиссии центра прокуратуры учреждения организации""".split()
)
# Genitive heads that are also plurals starting a name of their own («Организации дополнительного образования»).
_PLURAL_LIKE = _PLURAL_HEADS | {"службы"}
# A genitive head that often ends a name: «Отдел культуры администрации» / «ОМВД России …» is the next one.
_ADMINISTRATION = frozenset(["администрации"])
# A unit of an organisation, which may name its organisation next («Центр … ГАУ ДПО «…»»).
_UNITS = frozenset("центр отдел сектор лаборатория кафедра".split())
# Words that name an owner by place: «… области», «… края», «… России».
_REGIONS = frozenset("области края республики россии федерации".split())
# A branch of an organisation named next: «филиал ФГКУ …», «региональное отделение Союза …».
_BRANCHES = frozenset("филиал отделение подразделение представительство".split())
_ADJECTIVE = re.compile(r"(?:ый|ий|ой|ая|яя|ое|ее|ые|ие)$")
_ABBREVIATION = re.compile(r"^[А-ЯЁA-Z]{2,}[а-яё]?[А-ЯЁA-Z]*$")  # «ОГИБДД», «КДНиЗП»
_OBLIQUE = re.compile(r"(?:ого|его|ому|ему|ой|ей|ых|их|ым|им|ую|юю|ии)$")  # «Ключевского», «России»
_PARTICIPLE = re.compile(r"(?:ющ|ящ|ащ|ущ|вш|нн|ем|им)[а-я]*$")
# Adjectives with «нн» that are no participles: «районное отделение», «военный комиссариат».
_NN_ADJECTIVE = re.compile(r"^(?:районн|военн|государственн|общественн|отечественн|производственн|художественн)")
_STOP = frozenset(
    "и или а также по в во на с со при для к ко о об от из за под над между до у через числе".split()
)  # «в том числе»
_LEGAL_FORMS = frozenset(
    """ГКУ МКУ МБУ МАУ МБУК МАУК МБОУ МАОУ МКОУ МБДОУ МАДОУ МБУДО МАУДО ГБУ ГАУ ГБОУ ГАОУ ГАПОУ
ГБПОУ ГБУЗ ГАУЗ ФГБУ ФГБОУ ФКУ ФГКУ АНО АО ОАО ПАО ЗАО ООО НКО МУП ГУП ОГБУ ОГКУ КГБУ КГКУ""".split()
)
_POSITIONS = re.compile(
    r"^(?:председател|секретар|глав[аы]|специалист|заместител|начальник|директор|руководител"
    r"|бухгалтер|главн|ведущ|контрактн|управляющ|инспектор|советник|консультант|член|уполномоченн"
    r"|куратор|методист|педагог|учител|помощник|представител|старш|инженер|юрист|проректор|ректор"
    r"|заведующ|декан|врач|координатор|эксперт|командир|перв(?:ый|ая)\b|врио\b|ответственн(?:ый|ая)\b)",
    re.I,
)


# Two organisations in one phrase: «… совместно с …», «… при участии …», «… и Отдел …», «… и МБУ …».
_JOINT = re.compile(
    r"\s+(?:(?:совместно|во\s+взаимодействии|в\s+партн[её]рстве)\s+со?|при\s+участии)\s+"
    r"|\s+(?:и|а\s+также)\s+(?=(?:"
    + "|".join(sorted(h.capitalize() for h in _HEADS))
    + "|"
    + "|".join(sorted(_LEGAL_FORMS))
    + r")\b)"
)


def split_names(piece: str) -> list[str]:
    """The names in one comma-free piece of a responsible cell, in printed order."""
    out: list[str] = []
    for joint in _JOINT.split(piece):
        for part in _after_agreement(joint):
            out.extend(_split_part(part))
    return [name for name in out if name]


def _after_agreement(piece: str) -> list[str]:
    parts, start = [], 0
    for match in _AGREED.finditer(piece):
        if piece[match.end() :].strip():
            parts.append(piece[start : match.end()])
            start = match.end()
    parts.append(piece[start:])
    return [p.strip() for p in parts if p.strip()]


def _split_part(text: str) -> list[str]:
    tokens = [(m.start(), m.group(0)) for m in re.finditer(r"\S+", text)]
    words = [t for _, t in tokens]
    depths = _depths(words)
    cuts: list[int] = []
    segment = 0
    for i in range(1, len(words)):
        if depths[i]:
            continue
        cut = _cut_before(words, i, segment, depths)
        if cut is not None and cut > segment:
            cuts.append(cut)
            segment = cut
    bounds = [0, *cuts, len(words)]
    return [" ".join(words[a:b]) for a, b in zip(bounds, bounds[1:])]


def _depths(words: list[str]) -> list[int]:
    """How deep inside quotes or parentheses each word is (a word that opens a quote is inside it)."""
    depth, straight, out = 0, False, []
    for word in words:
        out.append(depth + straight + (word[0] in '«("'))
        for char in word:
            if char in "«(":
                depth += 1
            elif char in "»)":
                depth = max(depth - 1, 0)
            elif char == '"':
                straight = not straight
    return out


def _bare(word: str) -> str:
    return word.strip('«»"()[],;:.').lower()


def _cut_before(words: list[str], i: int, segment: int, depths: list[int]) -> int | None:
    word, before = words[i], words[i - 1]
    if before.endswith((",", ";")):
        return None
    after_initials = _INITIALS.match(before) or (i >= 2 and _INITIAL.match(before) and _INITIAL.match(words[i - 2]))
    if after_initials and re.match(r"^[«\"]?[А-ЯЁA-Z]", word):
        return i
    if (
        word[0].islower()
        and _POSITIONS.match(word)
        and not _OBLIQUE.search(_bare(word))  # «совет ветеранов педагогического труда»: no position
        and (after_initials or (_finished(before) and not _POSITIONS.match(words[segment])))
    ):
        return i  # «ГАУ ДПО «…» проректор по … Кравец А.Ю.», «… Кузнецов В.П. секретарь …»: the next person
    if word in _LEGAL_FORMS and (before.endswith(("»", '"', ")")) or _finished(before)):
        if _POSITIONS.match(words[segment]) or _ROLES.match(words[segment]):
            return None  # «Директор МАОУ "СОШ № 2"» is one person, «организатор питания ООО …» one organisation
        return None if _branch_open(words[segment:i]) or _unit_open(words[segment:i]) else i
    if _bare(word) in _HEADS or (_bare(word) in _PLURAL_HEADS and _ADJECTIVE.search(_bare(before))):
        start = i
        while (
            start > segment + 1
            and _ADJECTIVE.search(_bare(words[start - 1]))
            and not depths[start - 1]
            and (not _participle(words[start - 1]) or _plural_pair(words[start - 1], words[i]))
        ):
            start -= 1
        if start > segment and _finished(words[start - 1]) and not _participle(words[start]):
            return start
        return None
    if _SURNAME.match(word) and i + 1 < len(words) and (_INITIALS.match(words[i + 1]) or _INITIAL.match(words[i + 1])):
        if _finished(before) and not _POSITIONS.match(words[segment]):
            return i
    return None


def starts_name(before: str, line: str) -> bool:
    """True when a printed line after `before` starts a new name rather than continuing a wrapped one.

    It must start with a capital, after a name that is complete: quotes and parentheses closed,
    not ending in a preposition, conjunction or abbreviated word («по г.»). It continues the name
    when its first word is in an oblique case («Ключевского района», «России») or initials, when
    it is one adjective or abbreviation («Луговское», «ОБЖ»), when it goes on a chain of
    abbreviations («ОГИБДД» / «МО МВД России»), and after one person's position until that
    person is named («Ведущий специалист» / «Управления образования» / «Тарасов П.Е.»), unless
    an organisation starts («Управление …», «МКУ …»).
    """
    words, previous = _AGREED.sub("", line).split(), before.split()
    if not words or not words[0][0].isupper() or not previous:
        return False
    if before.count("«") != before.count("»") or before.count("(") != before.count(")") or before.count('"') % 2:
        return False
    last, first = previous[-1], words[0]
    # the name the line may continue
    current = (split_names(re.split(r"[,;]", before)[-1]) or [before])[-1].split() or previous
    if _bare(last) in _HEADS and current == [last]:
        return False  # «…, Отдел» / «ЖКХ администрации»: a head noun alone is no name yet
    if _owned(last, words) or _awaits_organisation(current, first) or _place_named(last, first):
        return False
    if _bare(last) in _STOP or re.fullmatch(r"[а-яё]{1,4}\.", last) or _OBLIQUE.search(_bare(first)):
        return False
    if _bare(first).endswith("ики") or (_bare(first) in _GENITIVE_HEADS and _bare(first) not in _PLURAL_LIKE):
        return False  # «Национальный музей» / «Республики Бурятия», «участок» / «Центра …»: a genitive goes on
    if _INITIALS.match(first) or _INITIAL.match(first):
        return False
    named = any(_INITIALS.match(w) or _INITIAL.match(w) for w in current)
    if len(words) == 1 and not named and first not in _LEGAL_FORMS:
        if _ADJECTIVE.search(_bare(first)) or _ABBREVIATION.match(first):
            return False
    if _ABBREVIATION.match(first) and _ABBREVIATION.match(last) and first not in _LEGAL_FORMS:
        return False
    if _one_person(current) and not named:
        return first in _LEGAL_FORMS or _bare(first) in _HEADS
    return True


def _place_named(last: str, first: str) -> bool:
    """«… городского округа» / «Светлогорск»: the place's own name goes on after its kind."""
    return (
        _bare(last) in _PLACE_KINDS
        and first not in _LEGAL_FORMS
        and not _ABBREVIATION.match(first)
        and _bare(first) not in _HEADS
        and not _POSITIONS.match(first)
        and not _ADJECTIVE.search(_bare(first))
    )


def _participle(word: str) -> bool:
    bare = _bare(word)
    return bool(_PARTICIPLE.search(bare)) and not _NN_ADJECTIVE.match(bare)


def _plural_pair(adjective: str, head: str) -> bool:
    """«управляющие организации»: a participle before a plural head agrees with it, as an adjective."""
    return _bare(head) in _PLURAL_HEADS and _bare(adjective).endswith(("ие", "ые"))


def split_groups(line: str) -> list[str]:
    """A line that names people in the plural cut where other people in the plural start, in lower
    case after a finished name («руководители общеобразовательных организаций» / «педагоги-психологи»):
    a cell of one group a line whose line break was read as a wrap. One person's position and its
    organisation stay whole («заместитель главы …»: «главы» is whose deputy)."""
    words = line.split()
    if not words or not _POSITIONS.match(words[0]) or _one_person(words[:1]):
        return [line]
    depths = _depths(words)
    cuts = [
        i
        for i in range(1, len(words))
        if not depths[i]
        and words[i][0].islower()
        and _POSITIONS.match(words[i])
        and _bare(words[i]).endswith(("и", "ы", "я"))
        and not _OBLIQUE.search(_bare(words[i]))
        and not _bare(words[i]).startswith("глав")
        and _finished(words[i - 1])
        and not words[i - 1].endswith((",", ";"))
    ]
    bounds = [0, *cuts, len(words)]
    return [" ".join(words[a:b]) for a, b in zip(bounds, bounds[1:])]


def _one_person(words: list[str]) -> bool:
    """True when a name starts with one person's position («Глава», «Ведущий специалист»), not a plural one."""
    first = _bare(words[0])
    return bool(_POSITIONS.match(first)) and (first == "глава" or not first.endswith(("и", "ы", "я", "а")))


def _owned(last: str, words: list[str]) -> bool:
    """True when a line names what the head noun ending the line before belongs to: «региональное
    отделение» / «Союза писателей России», «Управления» / «Роспотребнадзора» — a word that starts
    no name of its own (no head noun, legal form, abbreviation, nominative adjective or person)."""
    if _bare(last) not in _HEADS | _GENITIVE_HEADS:
        return False
    first = words[0].strip('«"(')
    genitive = _bare(last) in _GENITIVE_HEADS and _bare(last) not in _ADMINISTRATION
    if genitive and first and _ABBREVIATION.match(first) and first not in _LEGAL_FORMS:
        return True  # «инспекторский участок Центра» / «ГИМС ГУ МЧС России»: whose centre
    if not first or first in _LEGAL_FORMS or _ABBREVIATION.match(first) or _bare(first) in _HEADS:
        return False
    if _ADJECTIVE.search(_bare(first)) or (len(words) > 1 and (_INITIALS.match(words[1]) or _INITIAL.match(words[1]))):
        return False
    return True


def _awaits_organisation(current: list[str], first: str) -> bool:
    """«… - филиал» / «ФГКУ …», «организатор питания» / «ООО …»: a branch or a role names its
    organisation next."""
    if first not in _LEGAL_FORMS and not _ABBREVIATION.match(first):
        return False
    if any(w in _LEGAL_FORMS for w in current):
        return False
    return bool(_ROLES.match(current[0])) or _branch_open(current)


def _branch_open(words: list[str]) -> bool:
    """True when a name names a branch whose organisation is still to come: no abbreviation or
    quoted name after «филиал» («филиал по г. Краснозаводску» / «ФКУ УИИ …»)."""
    at = [i for i, w in enumerate(words) if _bare(w) in _BRANCHES]
    if not at:
        return False
    return not any(
        w in _LEGAL_FORMS or _ABBREVIATION.match(w.strip('«»"(),;')) or re.search('[«"]', w)
        for w in words[at[-1] + 1 :]
    )


def _unit_open(words: list[str]) -> bool:
    """True when a name is a unit of an organisation still to come: it starts with a unit's head
    noun and names no owner (no genitive head, place, abbreviation or quoted name), so a legal
    form right after it names whose unit it is («Центр непрерывного повышения мастерства
    педагогических работников ГАУ ДПО «…»»); «Отдел образования администрации района МБУ «…»»
    names its owner, and the legal form starts the next name."""
    if not words or _bare(words[0]) not in _UNITS:
        return False
    return not any(
        _bare(w) in _GENITIVE_HEADS | _PLACE_KINDS | _REGIONS
        or w in _LEGAL_FORMS
        or _ABBREVIATION.match(w.strip('«»"(),;'))
        or re.search('[«"]', w)
        for w in words[1:]
    )


def _finished(word: str) -> bool:
    """True when a name may end with this word: not a preposition, conjunction or adjective."""
    if word.endswith(("»", '"', ")")):
        return True
    bare = _bare(word)
    # «-ций» ends no adjective: «организаций», «станций» are nouns in the genitive plural
    return bool(bare) and bare not in _STOP and (not _ADJECTIVE.search(bare) or bare.endswith("ций"))
