"""The query sets, run through the built site's own search (`kbSearchQuery(...).search`) in headless Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import search_quality

TUNE = Path(search_quality.ROOT) / "benchmarks" / "queries" / "tune.yaml"
# The tuning half's levels reached (benchmarks/README.md) less one query per kind, so that a change
# that makes search worse fails while one slow page load does not. The held-out half is not run here.
TUNE_FLOORS = {"scoped": 0.87, "abbreviation": 0.87, "typo": 0.91, "everyday": 0.91, "question": 0.81}
# The second tuning set (round 3), the same way.
TUNE2 = Path(search_quality.ROOT) / "benchmarks" / "queries" / "tune2.yaml"
TUNE2_FLOORS = {"scoped": 0.88, "abbreviation": 0.9, "typo": 0.85, "everyday": 0.9, "question": 0.91}
# The round-6 tuning set, the same way.
TUNE6 = Path(search_quality.ROOT) / "benchmarks" / "queries" / "tune6.yaml"
TUNE6_FLOORS = {"scoped": 0.87, "abbreviation": 0.9, "typo": 0.91, "everyday": 0.71, "question": 0.85}
# The round-7 tuning set (round 6's second held-out set), the same way.
TUNE7 = Path(search_quality.ROOT) / "benchmarks" / "queries" / "tune7.yaml"
TUNE7_FLOORS = {"scoped": 0.88, "abbreviation": 0.86, "typo": 0.95, "everyday": 0.82, "question": 0.9}
# Round 7's held-out set, fitted to in its second pass, the same way.
TUNE8 = Path(search_quality.ROOT) / "benchmarks" / "queries" / "tune8.yaml"
TUNE8_FLOORS = {"scoped": 0.75, "abbreviation": 0.88, "typo": 0.95, "everyday": 0.86, "question": 0.85}


def test_query_set_is_well_formed(catalog) -> None:
    data = search_quality.load_queries()
    keys = {m.key for m in catalog.measures}
    kinds = {q["kind"] for q in data["queries"]}
    assert kinds == set(data["floors"])
    assert len(data["queries"]) >= 80
    for kind in kinds:
        assert sum(q["kind"] == kind for q in data["queries"]) >= 12, kind
    for q in data["queries"]:
        assert q["expect"] and set(q["expect"]) <= keys, q


@pytest.mark.parametrize(
    ("path", "floors"),
    [(TUNE, TUNE_FLOORS), (TUNE2, TUNE2_FLOORS), (TUNE6, TUNE6_FLOORS), (TUNE7, TUNE7_FLOORS), (TUNE8, TUNE8_FLOORS)],
)
def test_tuning_sets_are_well_formed(catalog, path, floors) -> None:
    queries = search_quality.load_queries(path)["queries"]
    keys = {m.key for m in catalog.measures}
    assert {q["kind"] for q in queries} == set(floors)
    for q in queries:
        assert set(q["expect"]) <= keys, q


@pytest.fixture(scope="module")
def search_page(site, browser):
    page = browser.new_page()
    with search_quality.serve(site) as server:
        search_quality.open_search(page, server)
        yield page, server
    page.close()


def _levels(search_page, queries: list[dict]) -> tuple[dict, list[str]]:
    page, server = search_page
    rows = search_quality.evaluate(page, server, queries)
    misses = [
        f"[{r['kind']}] {r['query']!r} read as {r['read_as']} → {r['results']}"
        for r in rows
        if not r["rank"] or r["rank"] > 5
    ]
    return search_quality.summary(rows), misses


def test_every_kind_of_query_stays_above_its_floor(search_page) -> None:
    data = search_quality.load_queries()
    table, misses = _levels(search_page, data["queries"])
    for kind, floor in data["floors"].items():
        assert table[kind]["top5"] >= floor, f"{kind}: {table[kind]} below {floor}\n" + "\n".join(misses)


@pytest.mark.parametrize(
    ("path", "floors"),
    [(TUNE, TUNE_FLOORS), (TUNE2, TUNE2_FLOORS), (TUNE6, TUNE6_FLOORS), (TUNE7, TUNE7_FLOORS), (TUNE8, TUNE8_FLOORS)],
)
def test_the_tuning_sets_stay_above_their_floors(search_page, path, floors) -> None:
    table, misses = _levels(search_page, search_quality.load_queries(path)["queries"])
    for kind, floor in floors.items():
        assert table[kind]["top5"] >= floor, f"{kind}: {table[kind]} below {floor}\n" + "\n".join(misses)


READ = """async (arg) => {
  const [query, chosen] = Array.isArray(arg) ? arg : [arg, {}];
  const q = window.kbTest = window.kbTest || kbSearchQuery("../");
  await q.ready(query);
  const found = await q.search(query, chosen);
  const out = [];
  for (const r of found.results.slice(0, 5)) {
    const data = await r.data();
    out.push({url: data.url, excerpt: q.excerpt(data), filters: data.filters, content: data.content});
  }
  return {reading: q.analyze(query), results: out, filters: found.filters, counts: !!found.counts};
}"""


def test_numbers_are_filters_never_measure_numbers(search_page, catalog) -> None:
    page, _ = search_page
    found = page.evaluate(READ, "профконсультирование 9 класс")
    assert found["reading"]["filters"]["Класс"] == ["9", "не указан"]
    assert "9" not in found["reading"]["text"].split()
    assert found["results"]
    for r in found["results"]:
        assert set(r["filters"]["Класс"]) & {"9", "не указан"}, r["url"]
    found = page.evaluate(READ, "мероприятия на 2024 год")
    assert found["reading"]["filters"] == {"Год": ["2024"]}
    assert found["results"] and all("2024" in r["filters"]["Год"] for r in found["results"])
    region = catalog.regions["kemerovo"].name
    found = page.evaluate(READ, "экскурсии Кузбасс")
    assert found["reading"]["filters"] == {"Регион": [region]}
    assert found["results"] and all(r["filters"]["Регион"] == [region] for r in found["results"])


def test_an_abbreviation_means_only_what_it_stands_for(search_page) -> None:
    page, _ = search_page
    found = page.evaluate(READ, "СПО")
    assert found["results"]
    for r in found["results"]:
        text = r["content"].lower()
        assert any(w in text for w in ("колледж", "техникум", "профессиональн")), r["url"]


def test_an_abbreviation_of_two_concepts_is_searched_in_both_readings(search_page) -> None:
    """«ДОД» is both «день открытых дверей» and «дополнительное образование детей»: the best of each come first."""
    page, _ = search_page
    found = page.evaluate(READ, "ДОД")
    assert found["reading"]["readings"] == 2
    texts = [r["content"].lower() for r in found["results"][:2]]
    assert any("открытых дверей" in t for t in texts), texts
    assert any("дополнительн" in t or "кванториум" in t for t in texts), texts


def test_stages_of_school_are_grades(search_page) -> None:
    """«младшие» are grades 1–4, and measures that name those grades rank before those that name none."""
    page, _ = search_page
    found = page.evaluate(READ, "игры про профессии для младших")
    assert found["reading"]["filters"]["Класс"] == ["1", "2", "3", "4", "не указан"]
    assert found["results"] and set(found["results"][0]["filters"]["Класс"]) & {"1", "2", "3", "4"}
    assert page.evaluate(READ, "средняя школа")["reading"]["filters"] == {}
    assert page.evaluate(READ, "старшие классы")["reading"]["filters"]["Класс"] == ["10", "11", "не указан"]
    # Misspelt, the stage and the grade are still read.
    assert page.evaluate(READ, "сташеклассники")["reading"]["filters"]["Класс"] == ["10", "11", "не указан"]
    assert page.evaluate(READ, "одинадцатиклассники")["reading"]["filters"]["Класс"] == ["11", "не указан"]


def test_ambiguous_words_are_read_as_the_sites_other_words_read_them(catalog) -> None:
    """«кружки» is «кружок» (the site says «кружков»), not «кружка»; a word no other site word backs keeps its reading."""
    from generator.site import morphology, search_terms

    search_terms.prepare(catalog)
    assert morphology.lemma("кружки") == "кружок"
    assert morphology.lemma("данных") == "данные"
    assert morphology.lemma("дела") == "дело"


def test_the_longest_vocabulary_phrase_wins_its_words(catalog) -> None:
    from generator.site import search_terms

    found = {c.term for c in search_terms.matcher(catalog.vocabulary).find("Институт развития образования")}
    assert "институт развития образования" in found and "вуз" not in found
    assert "вуз" in {c.term for c in search_terms.matcher(catalog.vocabulary).find("педагогический институт")}


def test_results_found_through_the_vocabulary_show_plan_text(search_page) -> None:
    page, _ = search_page
    for query in ("экскурсия на завод", "дети-инвалиды профориентация", "подработка летом для школьника"):
        found = page.evaluate(READ, query)
        assert found["results"], query
        for r in found["results"]:
            assert "⟪" not in r["excerpt"], (query, r["url"], r["excerpt"])
            assert "<mark>" in r["excerpt"], (query, r["url"], r["excerpt"])
            assert "<script" not in r["excerpt"]


def test_misspelt_and_latin_words_become_the_sites_words(search_page) -> None:
    page, _ = search_page
    # A known word starts like the typo («дорожн…»): the typo is still corrected.
    assert page.evaluate(READ, "дорожая карта")["reading"]["text"] == "дорожная карта"
    # Latin letters keep their endings (the soft sign is left out in Latin) and are read before numbers.
    found = page.evaluate(READ, "kuda postupit posle 9 klassa")
    assert found["reading"]["filters"]["Класс"] == ["9", "не указан"]
    assert "поступит" not in found["reading"]["text"].split()


def test_the_readers_filters_go_into_the_same_search(search_page, catalog) -> None:
    """One path: with a filter chosen, the query is read (concepts, corrections) as without one."""
    page, _ = search_page
    region = catalog.regions["leningrad"].name
    found = page.evaluate(READ, ["профорентация для глухих детей", {"Регион": [region]}])
    assert found["filters"]["Регион"] == [region] and found["counts"]
    assert "овз" in found["reading"]["text"].split()
    assert found["results"] and all(r["filters"]["Регион"] == [region] for r in found["results"])


def test_measures_rank_before_pages_that_list_them(search_page) -> None:
    page, _ = search_page
    urls = [r["url"] for r in page.evaluate(READ, "нормативные акты")["results"]]
    assert urls and all(u.count("/") == 4 and u.startswith("/plans/") for u in urls), urls


def test_a_plan_phrase_no_page_says_is_read_as_its_concept(search_page) -> None:
    """«предпрофильная подготовка» is a plan phrase of «профильные классы» that no page says: as words it
    finds nothing, so a query saying it (even misspelt) is read as the concept."""
    page, _ = search_page
    for query in ("предпрофильная подготовка", "предпрофилная подготовка"):
        reading = page.evaluate(READ, query)["reading"]
        assert reading["concepts"] == ["профильные классы"], (query, reading)
    # A phrase whose words pages say is still searched as words.
    assert page.evaluate(READ, "практика на предприятии")["reading"]["concepts"] != ["профессиональные пробы"]


@pytest.mark.parametrize(
    ("query", "text"),
    [
        # Spelt as heard: «-ться» as «-ца», «дж» as «ж», an unstressed «о» as «а»…
        ("учица в колеже", "колледж учится"),
        ("калеж", "колледж"),
        # …and an unstressed «е» as «и», also at the start of a word.
        ("калидж", "колледж"),
        ("икскурсии", "экскурсии"),
        ("абразавание", "образование"),
        # A letter left out of a short word; two letters swapped rather than one changed.
        ("шкла", "школа"),
        ("классво", "классов"),
        # Typed together, or apart.
        ("деньоткрытых дверей", "день открытых дверей"),
        ("экскурсиянапредприятие", "экскурсия предприятие"),
        ("проф ориентация", "профориентация"),
        # A function word typed against the next word, and an abbreviation against the next word.
        ("подработка дляшкольников", "временная занятость школьников"),
        ("спопосле 9 класса", "колледж"),
        # …but a misspelling that looks like a word and a function word is still a misspelling.
        ("школв", "школа"),
        # Transliterated: the soft sign left out of a short word, an abbreviation in Latin letters.
        ("den otkrytyh dverei", "день открытых дверей"),
        ("ovz spo", "овз колледж"),
        # Typed in the Latin keyboard layout, and misspelt; a whole query in the layout, with the keys of
        # Russian letters inside words.
        ("ghjajhbtyfwbz", "профориентация"),
        ("xnj ljk;ys ltkfnm irjks gj ghjajhbtynfwbb", "школа профориентации"),
        # Transliterated «ia» as «иа», «y» before a vowel as «й», «oge» as «огэ».
        ("spetsialnost", "специальность"),
        ("administratsiya rayona", "органы местного самоуправления"),
        ("oge i vybor professii", "экзамены консультации"),
    ],
)
def test_words_spelt_as_heard_typed_together_or_in_latin_become_the_sites_words(search_page, query, text) -> None:
    page, _ = search_page
    assert page.evaluate(READ, query)["reading"]["text"] == text


def test_a_number_typed_against_a_word_is_a_grade(search_page) -> None:
    """«9кл», «9-ый класс», «девятиклашки»: the 9th grade, whatever is typed after the number."""
    page, _ = search_page
    for query in (
        "профпробы 9кл",
        "профпробы 9класс",
        "профпробы 9 кл",
        "профпробы 9-ый класс",
        "девятиклашки профпробы",
        # The word of the grade misspelt next to its number or ordinal, or with a letter doubled or not.
        "профпробы 9 калсса",
        "профпробы в девятом калссе",
        "девятикласники профпробы",
    ):
        reading = page.evaluate(READ, query)["reading"]
        assert reading["filters"]["Класс"] == ["9", "не указан"], (query, reading)
        assert reading["text"] == "профессиональные пробы", (query, reading)
    assert page.evaluate(READ, "после девятки куда")["reading"]["filters"]["Класс"] == ["9", "не указан"]


def test_question_words_and_fillers_say_nothing_of_what_is_asked(search_page) -> None:
    """The words a query asks with come with the search vocabulary: none of them is searched for."""
    page, _ = search_page
    for query in (
        "подскажите где найти экскурсии",
        "можно ли как-то найти экскурсии",
        "как попасть на экскурсии",
        "как часто проводят экскурсии",
    ):
        assert page.evaluate(READ, query)["reading"]["text"] == "экскурсии", query
    # Nor do they part the words of an everyday phrase («какие профессии нужны»).
    assert page.evaluate(READ, "профессии, которые будут нужны")["reading"]["concepts"] == ["рынок труда"]
    # A verb of how to get there is no misspelling of a word the site has («заниматься»).
    assert page.evaluate(READ, "как записаться на профпробы")["reading"]["text"] == "профессиональные пробы"


def test_after_school_is_a_question_of_where_to_study_next(search_page) -> None:
    """«после школы» names the school that is left: asked where, the query is read as colleges, never as schools."""
    page, _ = search_page
    for query in ("куда поступать после школы", "где учиться дальше после школы"):
        concepts = page.evaluate(READ, query)["reading"]["concepts"]
        assert "колледж" in concepts and "школа" not in concepts, (query, concepts)
    assert "школа" in page.evaluate(READ, "консультации в школе")["reading"]["concepts"]
    # Hours after school are no question of where to study.
    assert page.evaluate(READ, "кружки после школы")["reading"]["concepts"] == ["допобразование"]


def test_an_organisation_named_by_initials_has_the_concepts_of_its_kind(catalog) -> None:
    """«День открытых дверей в КПТ»: the plan names a college only by its initials; its kind says it is one.
    An organisation whose name says what it is keeps only that («Институт развития образования» is no teacher
    training because its kind's title also says «ДПО»)."""
    from generator.site import search_terms

    search_terms.prepare(catalog)
    measures = {m.key: m for m in catalog.measures}
    found = {c.term: s for c, s in search_terms.measure_concepts(catalog, measures["perm-2021/2-6"]).items()}
    assert found.get("колледж") == "КПТ", found
    found = {c.term for c in search_terms.measure_concepts(catalog, measures["irkutsk-2021/8"])}
    assert "институт развития образования" in found and "повышение квалификации" not in found, found


def test_a_two_letter_abbreviation_counts_in_lower_case_unless_a_function_word(search_page) -> None:
    page, _ = search_page
    reading = page.evaluate(READ, "нко и ип участие в профориентации")["reading"]
    assert reading["concepts"] == ["общественные организации", "работодатели"], reading
    assert "школа" in page.evaluate(READ, "взаимодействие оо и колледжей")["reading"]["concepts"]
    # «до» is a preposition here, not «дополнительное образование».
    assert "допобразование" not in page.evaluate(READ, "экскурсии до мая")["reading"]["concepts"]


def test_not_going_into_the_10th_grade_is_leaving_after_the_9th(search_page) -> None:
    page, _ = search_page
    for query in ("куда идти если не хочу в 10 класс", "не пойду в десятый класс куда поступать"):
        reading = page.evaluate(READ, query)["reading"]
        assert reading["filters"]["Класс"] == ["9", "не указан"], (query, reading)
        assert "колледж" in reading["concepts"], (query, reading)
    assert page.evaluate(READ, "профпробы 10 класс")["reading"]["filters"]["Класс"] == ["10", "не указан"]


def test_a_season_is_its_months(search_page) -> None:
    """«осенью», «весенние»: the months of the season are the «Месяц» filter, as a month's name is; summer is
    not, its words are those of summer jobs and camps."""
    page, _ = search_page
    for query, months in (
        ("экскурсии осенью", ["сентябрь", "октябрь", "ноябрь"]),
        ("весенние экскурсии", ["март", "апрель", "май"]),
        ("экскурсии зимой", ["декабрь", "январь", "февраль"]),
    ):
        reading = page.evaluate(READ, query)["reading"]
        assert reading["filters"] == {"Месяц": [*months, "не указан"]}, (query, reading)
        assert reading["text"] == "экскурсии", (query, reading)
    found = page.evaluate(READ, "профориентационный форум весной")
    assert "апрель" in found["results"][0]["filters"]["Месяц"], found["results"][0]
    reading = page.evaluate(READ, "работа летом для подростков")["reading"]
    assert "Месяц" not in reading["filters"] and "временная занятость" in reading["concepts"], reading


def test_the_full_name_of_a_concept_named_by_its_abbreviation_is_the_concept(search_page) -> None:
    """«с ограниченными возможностями здоровья» finds the measures that say only «ОВЗ» too."""
    page, _ = search_page
    found = page.evaluate(READ, "профпробы для детей с ограниченными возможностями здоровья")
    assert "ОВЗ" in found["reading"]["concepts"], found["reading"]
    assert any("ОВЗ" in r["content"] and "ограниченн" not in r["content"] for r in found["results"]), found["results"]


def test_a_trip_to_a_college_is_an_open_day(search_page) -> None:
    page, _ = search_page
    assert page.evaluate(READ, "поездка в техникум")["reading"]["concepts"] == ["день открытых дверей"]


def test_an_excerpt_cut_inside_a_sentence_says_so(search_page) -> None:
    """Pagefind's excerpt is a window of words: a cut shows as «…», and no label word dangles at its end."""
    import re

    page, _ = search_page
    for query in ("пробы", "родители", "экскурсии на предприятия"):
        found = page.evaluate(READ, query)
        assert found["results"], query
        for r in found["results"]:
            text = re.sub(r"<[^>]*>", "", r["excerpt"]).strip()
            assert not re.match(r"[a-zа-яё]", text), (query, r["url"], text)
            assert re.search(r"[.!?…»\")]$", text), (query, r["url"], text)
            assert not re.search(r"[.!?]\s+Ответственн\S*$", text), (query, r["url"], text)
