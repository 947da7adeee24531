"""An HTML table saved from a region's site: merged header cells, rowspan and colspan."""

from __future__ import annotations

from conftest import CONTENT

from generator.importer import Vocabularies, import_bytes

PAGE = """<html><body><h1>План мероприятий по профилактике на 2025 год</h1><table border=1>
<tr><th rowspan=2>№</th><th rowspan=2>Мероприятие</th><th colspan=2>Исполнение</th></tr>
<tr><th>Срок</th><th>Ответственный</th></tr>
<tr><td colspan=4>1. Организация</td></tr>
<tr><td>1.1.</td><td>Заседание совета</td><td rowspan=2>в течение года</td><td>Администрация</td></tr>
<tr><td>1.2.</td><td>Выпуск памятки</td><td>Отдел культуры</td></tr>
<tr><td rowspan=2>1.3.</td><td rowspan=2>Лекторий</td><td>март 2025 г.</td><td rowspan=2>Управление образования</td></tr>
<tr><td>май 2025 г.</td></tr>
</table></body></html>"""


def test_a_cell_merged_down_holds_for_each_numbered_row_below() -> None:
    plan = import_bytes(PAGE.encode("utf-8"), "plan.html", "smolensk", Vocabularies.load(CONTENT)).plan
    names = {a["id"]: a["name"] for a in plan["agencies"]}
    found = [
        (m["number"], m["timeframe"], [names[r["agency"]] for r in m["responsible"]])
        for m in plan["sections"][0]["measures"]
    ]
    assert found == [
        ("1.1.", "в течение года", ["Администрация"]),
        ("1.2.", "в течение года", ["Отдел культуры"]),
        ("1.3.", "март 2025 г. май 2025 г.", ["Управление образования"]),
    ]


LAID_OUT = """<html><head><script>var x = "<td>";</script></head><body>
<table class="layout"><tr><td><div>Главная | Новости</div></td><td>
<h2>План&nbsp;мероприятий по&nbsp;профилактике на&nbsp;2025&nbsp;год</h2>
<table><thead><tr><th>№ п/п</th><th>Наименование мероприятия</th><th>Срок</th><th>Ответственные</th></tr></thead>
<tbody><tr><td colspan="4"><strong>I. Организационные мероприятия</strong></td></tr>
<tr><td>1.</td><td><p>Заседание&nbsp;совета</p></td><td>март 2025 г.</td><td><p>Администрация района</p><p>Отдел культуры</p></td></tr>
</tbody></table></td></tr></table></body></html>"""


def test_a_plan_table_inside_a_page_layout_table() -> None:
    plan = import_bytes(LAID_OUT.encode("utf-8"), "page.html", "smolensk", Vocabularies.load(CONTENT)).plan
    names = {a["id"]: a["name"] for a in plan["agencies"]}
    assert plan["title"] == "План мероприятий по профилактике на 2025 год"
    measure = plan["sections"][0]["measures"][0]
    assert (measure["number"], measure["title"]) == ("1.", "Заседание совета")
    assert [names[r["agency"]] for r in measure["responsible"]] == ["Администрация района", "Отдел культуры"]
