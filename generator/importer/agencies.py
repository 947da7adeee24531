"""Responsible cells into agencies: split the cell, merge the spellings, use the abbreviations the text defines.

A cell lists several organisations, separated by commas, semicolons or lines — but a comma
also starts a participle phrase that belongs to the name before it («органы местного
самоуправления, осуществляющие управление в сфере образования») or lists more objects of «по»
(«Отдел по физической культуре, спорту и молодёжной политике»). Kemerovo-style cells list
abbreviations with only spaces between them («ДТиЗН КО ДОиН КО»); they are split with the
abbreviations the document defines («… далее ДТиЗН КО»). The same organisation is written in
several ways (full name, «(далее – ГАУ ДПО СОИРО)», with or without the region's name); all of
them become one agency.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .linebreaks import WRAP
from .log import ABBREVIATION, GUESS, MERGE, Log
from .names import split_groups, split_names, starts_name

_DEFINED_IN_PARENS = re.compile(r"\(\s*далее\s*(?:[-–—:]\s*)?(?!соответственно)([^()]{1,80}?)\s*\)", re.I)
_DEFINED_IN_LINE = re.compile(
    r"^(?:[-–•*]\s*)*(?:\d+[.)]\s*)?(?P<full>[А-ЯЁA-Z«][^\t]{3,}?)[,\s]+далее\s*(?:[-–—:]\s*)?"
    r"(?P<short>[^\s.,;()][^.;()]*?)\s*\.?\s*$"
)
_BY_AGREEMENT = re.compile(r"\(\s*по\s+согласованию\s*\)|,?\s*по\s+согласованию\s*$", re.I)
# A piece after a comma that starts like this still belongs to the name before the comma.
_DEPENDENT = re.compile(
    r"^(?:осуществляющ|подведомственн|реализующ|находящ|расположенн|участвующ|занимающ|входящ|действующ|работающ"
    r"|имеющ|обеспечивающ|уполномоченн|являющ|созданн|аккредитованн|определенн|курирующ|отвечающ|в\s+том\s+числе"
    r"|включая|котор)",
    re.I,
)
_BRANCH = re.compile(r"^(?:филиал\b|[А-ЯЁ][а-яё-]+(?:ий|ый|ой|ое|ая)\s+(?:филиал|отделение)$)")
# «Комитет по делам молодёжи, спорту и туризму»: a lowercase word in the dative after «по» continues the list.
_GOVERNING = re.compile(r"\bпо\s+[^,;«»\"()]*[а-яё]$")
_DATIVE_START = re.compile(r"^[а-яё]+(?:у|ю|ам|ям|ой|ей|ому|ему|ым|им)\b")
_NUMBER_ONLY = re.compile(r"^(?:№\s*)?\d+[а-я]?$")  # «МБОУ СОШ № 1, 2, 5»: one more number of the same name
_LINE_CONTINUES = re.compile(
    r"^(?:\(|(?:и|по|в|на|с|для|при|области|края|республики|округа|района|города|образования|науки)\b)"
)
_ENDS_OPEN = re.compile(r"\b(?:и|по|в|на|с|для|при|государственной|муниципальной)$", re.I)
_REGION_SUFFIX = re.compile(
    r"\s+(?:в\s+)?(?:[а-яё-]+(?:ой|ей)\s+(?:области|обл\.?)|[а-яё-]+(?:ого|его)\s+края|республик[иеа]\s+[а-яё-]+)$"
)


@dataclass(frozen=True)
class Definition:
    """An abbreviation the document defines: «… (далее – ГАУ ДПО СОИРО)», «… далее ДТиЗН КО.»"""

    short: str
    full: str
    where: str


@dataclass
class Mention:
    """One organisation named in one responsible cell."""

    text: str
    by_agreement: bool = False
    defines: str | None = None  # the abbreviation this mention defines
    stands_for: str | None = None  # a shortened abbreviation: «ДТиЗН» for «ДТиЗН КО»


@dataclass
class AgencyDraft:
    """One organisation, with every spelling the document uses for it."""

    key: str
    where: str
    spellings: list[str] = field(default_factory=list)
    shorts: list[str] = field(default_factory=list)
    full: str | None = None  # full name from an abbreviation definition
    notes: list[str] = field(default_factory=list)
    id: str = ""
    kind: str = ""

    @property
    def name(self) -> str:
        """The longest form the document uses, in its most frequent spelling."""
        if self.full:
            return self.full
        groups: dict[str, Counter[str]] = {}
        for s in self.spellings:
            groups.setdefault(normalise(s), Counter())[s] += 1
        longest = max(groups, key=len)
        return groups[longest].most_common(1)[0][0]

    @property
    def short_names(self) -> list[str]:
        main = normalise(self.name)
        out: list[str] = []
        for s in [*self.shorts, *sorted(set(self.spellings), key=self.spellings.index)]:
            if normalise(s) != main and normalise(s) not in {normalise(x) for x in out}:
                out.append(s)
        return out


def normalise(text: str) -> str:
    """Compare names regardless of case, quotes, «ё» and spacing."""
    text = text.lower().replace("ё", "е")
    text = re.sub(r"[«»\"“”„']", "", text)
    return " ".join(text.replace("\n", " ").split()).strip(" .,;:")


def without_region(text: str) -> str:
    """«образовательные организации Ленинградской области» → «образовательные организации»."""
    return _REGION_SUFFIX.sub("", text)


def find_definitions(text: str, log: Log) -> list[Definition]:
    """Every abbreviation the text defines, with the full name it stands for."""
    found: dict[str, Definition] = {}
    for number, line in enumerate(text.split("\n"), 1):
        for cell in line.split("\t"):
            for match in _DEFINED_IN_PARENS.finditer(cell):
                short = match.group(1).strip(" .,;")
                full = _name_before(cell[: match.start()])
                if short and full and short.lower() not in found:
                    found[short.lower()] = Definition(short, full, f"line {number}")
            match = _DEFINED_IN_LINE.match(cell.strip())
            if match and _looks_short(match.group("short")) and match.group("short").strip().lower() not in found:
                short = match.group("short").strip()
                found[short.lower()] = Definition(short, match.group("full").strip(" ,"), f"line {number}")
    for d in found.values():
        log.add(ABBREVIATION, d.where, f"«{d.short}» = «{_short(d.full)}»")
    return list(found.values())


def _looks_short(text: str) -> bool:
    """An abbreviation or a short name: a few words with a capital letter («ДТиЗН КО», «АМ»)."""
    return len(text.split()) <= 6 and bool(re.search(r"[А-ЯЁA-Z]", text))


def _name_before(text: str) -> str:
    """The name a «(далее – …)» refers to: the text before it, from the last separator outside quotes."""
    depth = 0
    start = 0
    for i, char in enumerate(text):
        if char in "«(":
            depth += 1
        elif char in "»)":
            depth = max(depth - 1, 0)
        elif char in ",;:" and depth == 0:
            start = i + 1
    name = text[start:].strip()
    words = name.split()
    return " ".join(words[-25:])


def split_cell(text: str, shorts: list[str]) -> list[Mention]:
    """The organisations one responsible cell names, in printed order."""
    mentions: list[Mention] = []
    lines = _lines(text)
    # An author who puts each name on its own line (no line ends with a comma) or ends it with «;»
    # uses commas inside names.
    by_lines = len(lines) > 1 and not any(line.endswith(",") for line in lines)
    separators = ";" if by_lines or _comma_each_line(text) or _outside_quotes(text, ";") else ",;"
    for line in lines:
        for piece in _pieces(line, separators):
            for name in split_names(piece):
                mentions.extend(_mentions(name, shorts))
    return mentions


# A word in an oblique case: a list inside a name goes on with it («политики, физической культуры»).
_OBLIQUE_WORD = re.compile(r"^[а-яё]+(?:ого|его|ому|ему|ой|ей|ых|их|ым|им)\b")


def _comma_each_line(text: str) -> bool:
    """True when the author put each name on its own line and ended every line but the last with
    a comma: the commas that end the lines set the names apart, and those inside a line, each
    going on with a lower-case word in an oblique case, belong to its name («Отдел молодёжной
    политики, физической культуры и спорта,»)."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if len(lines) < 2 or not all(line.endswith(",") for line in lines[:-1]) or lines[-1].endswith(","):
        return False
    inner = [piece for line in lines for piece in _pieces(line.rstrip(","), ",", lists=False)[1:]]
    return bool(inner) and all(piece[:1].islower() and _OBLIQUE_WORD.match(piece) for piece in inner)


def _lines(text: str) -> list[str]:
    out: list[str] = []
    printed = [group for line in text.split("\n") for part in _wrapped(line) for group in split_groups(part.strip())]
    for line in printed:
        if not line:
            continue
        if out and (
            _dependent(line)  # «…,» / «осуществляющие управление …» goes on the name above
            or ((_LINE_CONTINUES.match(line) or _ENDS_OPEN.search(out[-1])) and not out[-1].endswith((",", ";")))
        ):
            out[-1] += " " + line
        else:
            out.append(line)
    return out


def _wrapped(line: str) -> list[str]:
    """A line's wraps that may be breaks (`linebreaks.WRAP`): a break where the next name starts, else a space."""
    out: list[str] = []
    for part in line.split(WRAP):
        if out and (out[-1].endswith(",") or not starts_name(out[-1], part)):  # a comma list wraps on
            out[-1] += " " + part
        else:
            out.append(part)
    return out


def _outside_quotes(text: str, separators: str) -> bool:
    """True when one of `separators` occurs outside quotes and parentheses."""
    return len(_pieces(text, separators)) > 1


def _pieces(line: str, separators: str = ",;", lists: bool = True) -> list[str]:
    """The line cut at separators outside quotes and parentheses, a piece that cannot start a name
    put back on the one before: a dependent phrase, one more object of «по», a number, or (with
    `lists`) a list inside a name going on after a comma in lower case in an oblique case
    («Отдел молодёжной политики, физической культуры и спорта администрации района»)."""
    pieces: list[str] = []
    depth = 0
    current = ""
    for char in line:
        if char in "«(":
            depth += 1
        elif char in "»)":
            depth = max(depth - 1, 0)
        if char in separators and depth == 0:
            pieces.append(current)
            current = ""
        else:
            current += char
    pieces.append(current)
    merged: list[str] = []
    for piece in (p.strip() for p in pieces):
        if not piece:
            continue
        if merged and (
            _dependent(piece)
            or _governed_by(merged[-1], piece)
            or _NUMBER_ONLY.match(piece)
            or (lists and _OBLIQUE_WORD.match(piece))
        ):
            merged[-1] += ", " + piece
        else:
            merged.append(piece)
    return [re.sub(r"^(?:а\s+также|и)\s+", "", p) for p in merged if not re.fullmatch(r"(?:и\s+)?др(?:угие)?\.?", p)]


def _dependent(piece: str) -> bool:
    """A participle or «в том числе» phrase in lower case («Уполномоченный по правам ребёнка» is a
    name), or the branch of the organisation before the comma («…», филиал в Озёрском районе»,
    «…», Заречный филиал»)."""
    return (bool(_DEPENDENT.match(piece)) and piece[:1].islower()) or bool(_BRANCH.match(piece))


def _governed_by(before: str, piece: str) -> bool:
    """«спорту и молодёжной политике» after «Отдел по физической культуре»: one more object of «по»."""
    return bool(_GOVERNING.search(before) and _DATIVE_START.match(piece))


def _mentions(piece: str, shorts: list[str]) -> list[Mention]:
    by_agreement = bool(_BY_AGREEMENT.search(piece))
    text = _BY_AGREEMENT.sub("", piece).strip()
    defines = None
    match = _DEFINED_IN_PARENS.search(text)
    if match:
        defines = match.group(1).strip(" .,;")
        text = (text[: match.start()] + text[match.end() :]).strip()
    text = text.strip(" ,;")
    if not re.search(r"(?:^|[\s.])[А-ЯЁA-Z]\.$", text):
        text = text.rstrip(" .")  # a sentence's full stop, but not the last dot of initials («Сидоров А.Е.»)
    if not text:
        return []
    if defines is None:
        sequence = _abbreviation_sequence(text, shorts)
        if sequence:
            return [Mention(s, by_agreement, stands_for=full) for s, full in sequence]
    return [Mention(text, by_agreement, defines)]


def _abbreviation_sequence(text: str, shorts: list[str]) -> list[tuple[str, str | None]] | None:
    """Split «ДТиЗН КО ДОиН КО ГБУ ДПО «КРИРПО»» into known abbreviations; None when it is not such a list."""
    tokens = text.split()
    known = sorted(({tuple(s.split()) for s in shorts}), key=len, reverse=True)
    firsts = {k[0]: k for k in known if len(k) > 1}
    out: list[tuple[str, str | None]] = []
    i = 0
    while i < len(tokens):
        for k in known:
            if tuple(tokens[i : i + len(k)]) == k:
                out.append((" ".join(k), None))
                i += len(k)
                break
        else:
            k = firsts.get(tokens[i])
            if k is None:
                return None
            out.append((tokens[i], " ".join(k)))
            i += 1
    return out if len(out) >= 2 else None


class Registry:
    """All agencies of one plan, found mention by mention, with spellings merged."""

    def __init__(self, definitions: list[Definition], glossary: dict[str, str], log: Log) -> None:
        self.log = log
        self.glossary = glossary
        self.agencies: dict[str, AgencyDraft] = {}
        self.alias: dict[str, str] = {}  # normalised abbreviation → agency key
        self.definitions = {normalise(d.short): d for d in definitions}

    @property
    def shorts(self) -> list[str]:
        """Every abbreviation the document defines, for splitting cells that list abbreviations."""
        return [d.short for d in self.definitions.values()]

    def key_of(self, text: str) -> str:
        """Two spellings with the same key are the same agency."""
        return without_region(normalise(text))

    def resolve(self, mention: Mention, where: str, subject: str) -> AgencyDraft:
        """The agency a mention names; new agencies are created on first mention."""
        norm = normalise(mention.text)
        if mention.stands_for:
            definition = self.definitions[normalise(mention.stands_for)]
            agency = self._defined(definition)
            if mention.text not in agency.shorts:
                agency.shorts.append(mention.text)
                self.log.add(
                    GUESS, where, f"«{mention.text}» read as «{definition.short}» ({_short(definition.full)})", subject
                )
            return agency
        if norm in self.alias:
            agency = self.agencies[self.alias[norm]]
            if mention.text not in agency.shorts and mention.text not in agency.spellings:
                agency.shorts.append(mention.text)
            return agency
        if norm in self.definitions:
            agency = self._defined(self.definitions[norm])
            return agency
        agency = self._get(self.key_of(mention.text), where)
        agency.spellings.append(mention.text)
        if mention.defines:
            self.alias[normalise(mention.defines)] = agency.key
            if mention.defines not in agency.shorts:
                agency.shorts.append(mention.defines)
        return agency

    def _defined(self, definition: Definition) -> AgencyDraft:
        key = self.key_of(definition.full)
        agency = self._get(key, definition.where)
        agency.full = agency.full or definition.full
        if definition.short not in agency.shorts:
            agency.shorts.append(definition.short)
        self.alias[normalise(definition.short)] = key
        return agency

    def _get(self, key: str, where: str) -> AgencyDraft:
        if key not in self.agencies:
            self.agencies[key] = AgencyDraft(key, where)
        return self.agencies[key]

    def report_merges(self) -> None:
        """Log every agency that was written in more than one way."""
        for agency in self.agencies.values():
            forms = list(dict.fromkeys([*(agency.full and [agency.full] or []), *agency.spellings, *agency.shorts]))
            distinct = list(dict.fromkeys(normalise(f) for f in forms))
            if len(distinct) > 1:
                shown = list(dict.fromkeys(f for f in forms))
                self.log.add(
                    MERGE,
                    agency.where,
                    " = ".join(f"«{_short(f, 70)}»" for f in shown),
                    f"agency {agency.id or agency.key}",
                )

    def expansion(self, agency: AgencyDraft) -> str:
        """What the glossary says an undefined abbreviation stands for, for guessing its kind."""
        return " ".join(self.glossary.get(s, "") for s in [agency.name, *agency.shorts])


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
