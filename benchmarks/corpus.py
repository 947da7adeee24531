"""A deterministic synthetic corpus shaped like the real plans, for scale benchmarks.

`python benchmarks/corpus.py OUT --regions N [--seed S]` writes a content folder with N
regions, each with 1-3 plans of 20-60 measures in Russian, agencies reused across a region's
plans, the real topic, audience and agency-kind vocabularies. The output passes
`python -m generator check OUT`.
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

import yaml

from generator.content import layout

ROOT = Path(__file__).resolve().parent.parent

ACTIONS = [
    "Организация и проведение",
    "Разработка и утверждение",
    "Проведение",
    "Обеспечение участия обучающихся в",
    "Мониторинг",
    "Информирование о",
    "Реализация",
    "Методическое сопровождение",
    "Создание и развитие",
    "Повышение квалификации педагогов по вопросам",
]
OBJECTS = [
    "профессиональных проб на базе колледжей",
    "экскурсий на предприятия региона",
    "родительских собраний по вопросам профессионального самоопределения",
    "профориентационного тестирования обучающихся 6-11 классов",
    "региональной акции «Неделя без турникетов»",
    "проекта «Билет в будущее»",
    "открытых онлайн-уроков «Проектория»",
    "чемпионата «Абилимпикс»",
    "профильных смен профориентационной направленности",
    "ярмарки учебных и рабочих мест",
    "консультаций для обучающихся с ОВЗ и их родителей",
    "конкурса лучших практик профориентации",
    "классов профессиональной направленности",
    "дня открытых дверей в профессиональных образовательных организациях",
    "мониторинга потребности работодателей в кадрах",
    "публикаций о востребованных профессиях в СМИ",
    "сетевого взаимодействия школ и предприятий",
    "временного трудоустройства несовершеннолетних",
    "программ дополнительного образования технической направленности",
    "встреч с представителями профессий",
]
TIMEFRAMES = [
    "{a}-{b} годы (ежегодно)",
    "Ежегодно",
    "{a} год (II квартал)",
    "Постоянно",
    "Ежегодно, сентябрь",
    "{a}-{b} годы (в соответствии с планами работы)",
    "4 квартал {a} г.",
    "Ежеквартально",
    "По отдельному плану",
    "Ежегодно (апрель)",
    "1 полугодие {b} г.",
]
AGENCY_KINDS = [
    ("education-ministry", "Министерство образования {r}", "regional-authority"),
    ("labour-ministry", "Министерство труда и занятости {r}", "regional-authority"),
    ("industry-ministry", "Министерство промышленности {r}", "regional-authority"),
    ("iro", "Институт развития образования {r}", "development-institute"),
    ("resource-centre", "Региональный ресурсный центр профориентации {r}", "resource-centre"),
    (
        "municipalities",
        "органы местного самоуправления, осуществляющие управление в сфере образования",
        "municipal-authorities",
    ),
    ("schools", "общеобразовательные организации", "educational-organisations"),
    ("colleges", "профессиональные образовательные организации", "educational-organisations"),
    ("employment-centres", "центры занятости населения", "employment-centres"),
    ("employers", "работодатели", "employers"),
    ("quantorium", "детский технопарк «Кванториум» {r}", "supplementary-education"),
    ("media", "региональные средства массовой информации", "media"),
]


def _letters(n: int) -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return alphabet[n // 26 % 26] + alphabet[n % 26] + "X"


def generate(out: Path, regions: int, seed: int = 1) -> dict[str, int]:
    """Write the corpus into `out` (replacing it); return counts."""
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    (out / layout.PLANS_DIR).mkdir(parents=True)
    (out / layout.SOURCES_DIR).mkdir()
    for name in (n for n in layout.VOCABULARY_FILES if n not in ("regions.yaml", layout.SEARCH_VOCABULARY)):
        shutil.copy(ROOT / "content" / name, out / name)
    topics = [t["id"] for t in yaml.safe_load((ROOT / "content/topics.yaml").read_text(encoding="utf-8"))["topics"]]
    audiences = [
        a["id"] for a in yaml.safe_load((ROOT / "content/audiences.yaml").read_text(encoding="utf-8"))["audiences"]
    ]
    region_list = []
    plans = measures = 0
    for r in range(regions):
        rid = f"region-{r + 1:02d}"
        rname = f"Условная область № {r + 1}"
        region_list.append(
            {"id": rid, "name": rname, "iso": f"RU-{_letters(r)}", "federal_district": "Условный федеральный округ"}
        )
        pool = rng.sample(AGENCY_KINDS, rng.randint(7, len(AGENCY_KINDS)))
        agencies = [
            {
                "id": f"{rid}-{slug}",
                "name": name.format(r=f"области № {r + 1}"),
                "kind": kind,
                "short_names": [f"АГ{r + 1}-{i}"] if i % 3 == 0 else [],
            }
            for i, (slug, name, kind) in enumerate(pool)
        ]
        introduced = False
        for p in range(rng.randint(1, 3)):
            start = 2018 + 3 * p + rng.randint(0, 2)
            end = start + rng.randint(2, 6)
            plan_id = f"{rid}-{start}"
            sections = []
            number = 0
            for s in range(rng.randint(3, 6)):
                items = []
                for _ in range(rng.randint(4, 12)):
                    number += 1
                    if number > 60:
                        break
                    chosen = rng.sample(agencies, rng.randint(1, 5))
                    items.append(
                        {
                            "id": f"{s + 1}-{len(items) + 1}",
                            "number": f"{s + 1}.{len(items) + 1}.",
                            "title": f"{rng.choice(ACTIONS)} {rng.choice(OBJECTS)}",
                            "responsible": [
                                {"agency": a["id"], **({"by_agreement": True} if rng.random() < 0.2 else {})}
                                for a in chosen
                            ],
                            "timeframe": rng.choice(TIMEFRAMES).format(a=start, b=end),
                            "result": f"Охват не менее {rng.randint(10, 90)}% обучающихся"
                            if rng.random() < 0.4
                            else None,
                            "topics": rng.sample(topics, rng.randint(1, 3)),
                            "audiences": rng.sample(audiences, rng.randint(1, 3)),
                        }
                    )
                if items:
                    sections.append({"number": f"{s + 1}.", "title": f"Раздел {s + 1}", "measures": items})
            if number < 20:
                continue
            for section in sections:
                for m in section["measures"]:
                    if m["result"] is None:
                        del m["result"]
            (out / "sources" / f"{plan_id}.txt").write_text(
                f"Синтетический план {plan_id} для бенчмарка.\n", encoding="utf-8"
            )
            plan = {
                "id": plan_id,
                "region": rid,
                "level": "regional",
                "title": f"План мероприятий («дорожная карта») по профориентации обучающихся на {start}-{end} годы",
                "source": {"file": f"sources/{plan_id}.txt", "format": "txt"},
                "period": {"start": start, "end": end},
                "agencies": [] if introduced else agencies,
                "sections": sections,
            }
            (out / "plans" / f"{plan_id}.yaml").write_text(
                yaml.safe_dump(plan, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8"
            )
            introduced = True
            plans += 1
            measures += sum(len(s["measures"]) for s in sections)
    (out / "regions.yaml").write_text(
        yaml.safe_dump({"regions": region_list}, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return {"regions": regions, "plans": plans, "measures": measures}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--regions", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(generate(args.out, args.regions, args.seed))


if __name__ == "__main__":
    main()
