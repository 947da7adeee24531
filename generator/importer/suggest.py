"""Suggest topics, audiences and agency kinds from the project's vocabularies by keywords.

These are suggestions for a reviewer, never decisions: the draft says so in every measure's
note. Only ids present in the loaded vocabularies are suggested. A topic's keywords live with
the topic in content/topics.yaml; audiences and agency kinds are matched by the rules below.
"""

from __future__ import annotations

import re

AUDIENCE_KEYWORDS: dict[str, tuple[str, ...]] = {
    "preschool": ("дошкольн",),
    "primary-school": ("младш", "начального общего", "начальной школ"),
    "middle-school": ("основного общего", "школьник"),
    "high-school": ("среднего общего", "старшеклассн"),
    "vocational-students": (
        "студент",
        "выпускник",
        "профессиональных образовательных организаций",
        "высшего образования",
    ),
    "students-with-disabilities": ("овз", "инвалид", "ограниченными возможностями"),
    "gifted-children": ("одаренн", "одарённ"),
    "parents": ("родител", "законных представител"),
    "teachers": ("педагог", "учител", "специалист", "квалификаци"),
    "managers": ("руководител", "органов управления", "органов исполнительной власти", "межведомствен", "совещани"),
}
_GRADES = re.compile(r"(\d{1,2})\s*[-–]\s*(\d{1,2})(?:-?[хе])?\s+(?:[а-яё]+\s+)?класс", re.I)
_PUPILS = re.compile(r"обучающ|школьник|детей|учащ", re.I)

# (kind id, pattern, weak). The earliest strong match in the name wins; weak ones only when no strong one matches.
KIND_RULES: tuple[tuple[str, str, bool], ...] = (
    (
        "municipal-authorities",
        r"органы местного самоуправления|органов местного самоуправления|муниципальн\w* орган"
        r"|администраци\w* муниципал|органы управления образованием муниципальн",
        False,
    ),
    ("municipal-authority", r"управлени\w* образования|отдел\w* образования", False),
    ("employment-centres", r"центр\w* занятости|\bцзн\b", False),
    (
        "development-institute",
        r"институт\w* развития образования|институт\w* развития профессионального|\bдпо\b"
        r"|дополнительного профессионального образования|институт\w* повышения квалификации"
        r"|институт\w* кадровой политики",
        False,
    ),
    (
        "vocational-college",
        r"колледж|техникум|училищ|профессиональн\w* образовательн\w* учреждени|\bгб?а?пу\b|\bгбпоу\b"
        r"|\bгапоу\b|\bогбпоу\b",
        False,
    ),
    ("resource-centre", r"ресурсн\w* центр|координационн\w* центр|базов\w* центр|центр\w* профориентац", False),
    (
        "supplementary-education",
        r"технопарк|кванториум|it-куб|точка роста|центр\w* цифрового образования"
        r"|дополнительного образования детей|одаренн|одарённ|образовательн\w* центр"
        r"|дом\w* детского творчества|станци\w* юных",
        False,
    ),
    ("educational-organisations", r"образовательн\w* организаци|образовательн\w* учреждени|\bшкол|\bвуз", False),
    ("employers", r"работодател|предприяти|кластер", False),
    ("media", r"\bсми\b|средств\w* массовой информации|телерадио", False),
    ("public-organisations", r"общественн\w* (?:организаци|объединени)|некоммерческ", False),
    ("regional-authority", r"департамент|министерств|комитет|правительств|губернатор|администраци", False),
    ("municipal-authorities", r"муниципальн|местного самоуправления", True),
    ("resource-centre", r"абилимпикс|worldskills|world skills", True),
)
DEFAULT_KIND = "regional-authority"


def topics(title: str, keywords: dict[str, tuple[str, ...]], fallback_text: str = "") -> tuple[list[str], bool]:
    """1-3 topic ids for a title, from each topic's keywords; the flag says whether a fallback had to be used."""
    found = _rank(title, keywords)
    if not found and fallback_text:
        found = _rank(fallback_text, keywords)
    if not found:
        return [next(iter(keywords))], True
    chosen = [t for _, t in found[:2]]
    if len(found) > 2 and found[2][0] >= 2:
        chosen.append(found[2][1])
    return chosen, False


def _rank(text: str, table: dict[str, tuple[str, ...]]) -> list[tuple[int, str]]:
    low = text.lower()
    scored: list[tuple[int, int, str]] = []
    for topic, stems in table.items():
        hits = [low.find(s) for s in stems if s in low]
        if hits:
            scored.append((-len(hits), min(hits), topic))
    scored.sort()
    return [(-neg, topic) for neg, _, topic in scored]


def audiences(title: str, known: list[str]) -> tuple[list[str], tuple[int, int] | None]:
    """Audience ids for a title, and the grades it names ("6-11 классов"), if any."""
    low = title.lower()
    found = [a for a, stems in AUDIENCE_KEYWORDS.items() if a in known and any(s in low for s in stems)]
    grades = None
    match = _GRADES.search(low)
    if match:
        first, last = int(match.group(1)), int(match.group(2))
        if 0 <= first <= last <= 11:
            grades = (first, last)
            bands = {"primary-school": (1, 4), "middle-school": (5, 9), "high-school": (10, 11)}
            found += [a for a, (lo, hi) in bands.items() if a in known and first <= hi and last >= lo]
    if not found and _PUPILS.search(low):
        found = [a for a in ("middle-school", "high-school") if a in known]
    order = {a: i for i, a in enumerate(known)}
    return sorted(dict.fromkeys(found), key=lambda a: order[a]), grades


def kind(name: str, known: list[str]) -> tuple[str, bool]:
    """The agency kind a name suggests; the flag is True when nothing matched and the default was used."""
    low = name.lower()
    for weak in (False, True):
        best: tuple[int, int, str] | None = None
        for order, (kind_id, pattern, is_weak) in enumerate(KIND_RULES):
            if is_weak != weak or kind_id not in known:
                continue
            match = re.search(pattern, low)
            if match and (best is None or (match.start(), order) < best[:2]):
                best = (match.start(), order, kind_id)
        if best is not None:
            return best[2], False
    return (DEFAULT_KIND if DEFAULT_KIND in known else known[0]), True
