"""Print the plans of plans.py in ten layouts each, write the expected YAML, check both.

Written without reading the importer: the expected files come from plans.py alone.
Run: /work/main/.venv/bin/python make.py [--list]
"""

import datetime as dt
import html
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import docx
import yaml
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from fpdf import FPDF
from fpdf.enums import TableBordersLayout
from plans import AGREED, PLANS, Measure, Section

HERE = Path(__file__).resolve().parent
FONTS = Path("/usr/share/fonts/truetype/dejavu")
FIXED = dt.datetime(2025, 1, 15, 9, 0, 0, tzinfo=dt.UTC)
ZIP_TIME = (2025, 1, 15, 9, 0, 0)

# Column labels per plan: the printed header words differ between regions.
LABELS = {
    "nastavnichestvo-2025-2027": {"num": "№ п/п", "title": "Наименование мероприятия",
                                  "resp": "Ответственные исполнители", "time": "Срок исполнения"},
    "leto-2025": {"num": "№", "title": "Мероприятие", "resp": "Ответственный",
                  "time": "Сроки проведения"},
    "gia-no-year": {"num": "№ п/п", "title": "Содержание работы", "resp": "Ответственные",
                    "time": "Срок"},
    "pav-2025-2026": {"num": "№", "title": "Наименование мероприятия",
                      "resp": "Исполнители", "time": "Срок исполнения"},
    "zdorovie-2024-2026": {"num": "№ п/п", "title": "Мероприятия", "resp": "Ответственные",
                           "time": "Сроки"},
    "selskie-2025-2030": {"num": "№", "title": "Наименование мероприятия",
                          "resp": "Ответственные исполнители", "time": "Срок реализации"},
}


# ---------------------------------------------------------------- per-plan quirks ---
# Each plan gets its own quirks in every layout; the keys are read by the writers below.

CONF = {
    "nastavnichestvo-2025-2027": {
        "tabs": dict(encoding="utf-8-sig", newline="\r\n", resp="cell-lines",
                     cols=["num", "title", "time", "resp", "extra"], section="first",
                     title="lines", agreed="inline"),
        "lines": dict(blank=True, cols=["num", "title", "resp", "time"], section="first"),
        "pipe": dict(title="heading", resp="<br>", section="bold-title",
                     cols=["num", "title", "resp", "time", "extra"]),
        "page": dict(encoding="utf-8", thead="two-row", resp="br", section="colspan",
                     rowspan=(), junk="ministry", title="h1",
                     cols=["num", "title", "time", "resp", "extra"]),
        "word-a": dict(title="above", header="group", colnums=True, repeat=True,
                       section="merged", resp="paras", agreed="own-line", trailing=False,
                       cols=["num", "title", "time", "resp", "extra"], vmerge=()),
        "word-b": dict(title="inside", header="single", colnums=False, repeat=False,
                       section="numbered", resp="breaks", agreed="inline", trailing=True,
                       cols=["num", "title", "resp", "time", "extra"], vmerge=()),
        "lo_from": "word-a",
        "fpdf": dict(orientation="L", size=10, repeat=True, pageno="bottom",
                     cols=["num", "title", "resp", "time", "extra"], section="colspan"),
        "unruled": dict(orientation="P", size=9, cols=["num", "title", "resp", "time"]),
        "pdftotext_from": "pdf-fpdf",
    },
    "leto-2025": {
        "tabs": dict(encoding="utf-8", newline="\n", resp="semicolon",
                     cols=["num", "title", "time", "resp", "extra"], section="second",
                     title="one", agreed="inline"),
        "lines": dict(blank=False, cols=["num", "title", "time", "resp"], section="first"),
        "pipe": dict(title="bold-lines", resp="; ", section="bold-title",
                     cols=["num", "title", "time", "resp"]),
        "page": dict(encoding="windows-1251", thead="single", resp="br", section="colspan",
                     rowspan=("time", "extra"), junk="okrug", title="p-strong",
                     cols=["num", "title", "time", "resp", "extra"]),
        "word-a": dict(title="above", header="single", colnums=True, repeat=True,
                       section="merged", resp="breaks", agreed="inline", trailing=False,
                       cols=["num", "title", "time", "resp", "extra"], vmerge=("extra",)),
        "word-b": dict(title="inside", header="single", colnums=False, repeat=False,
                       section="merged", resp="paras", agreed="inline", trailing=True,
                       cols=["numtitle", "resp", "time"], vmerge=(), repeat_before=2),
        "lo_from": "word-b",
        "fpdf": dict(orientation="P", size=10, repeat=False, pageno="top",
                     cols=["num", "title", "time", "resp"], section="colspan"),
        "unruled": dict(orientation="L", size=10, cols=["num", "title", "time", "resp", "extra"]),
        "pdftotext_from": "pdf-libreoffice",
    },
    "gia-no-year": {
        "tabs": dict(encoding="cp1251", newline="\r\n", resp="cell-lines",
                     cols=["num", "title", "resp", "time"], section="second",
                     title="lines", agreed="inline"),
        "lines": dict(blank=True, cols=["num", "title", "resp", "time"], section="first"),
        "pipe": dict(title="heading", resp="<br>", section="numbered",
                     cols=["num", "title", "time", "resp"]),
        "page": dict(encoding="koi8-r", thead="single", resp="br", section="colspan",
                     rowspan=(), junk="district", title="h2",
                     cols=["num", "title", "resp", "time"]),
        "word-a": dict(title="inside", header="single", colnums=False, repeat=True,
                       section="numbered", resp="paras", agreed="own-line", trailing=False,
                       cols=["num", "title", "resp", "time"], vmerge=()),
        "word-b": dict(title="above", header="group-title", colnums=True, repeat=False,
                       section="merged", resp="breaks", agreed="inline", trailing=True,
                       cols=["num", "title", "time", "resp"], vmerge=()),
        "lo_from": "word-a",
        "fpdf": dict(orientation="L", size=12, repeat=True, pageno="bottom",
                     cols=["num", "title", "resp", "time"], section="colspan"),
        "unruled": dict(orientation="P", size=10, cols=["num", "title", "resp", "time"]),
        "pdftotext_from": "pdf-unruled",
    },
    "pav-2025-2026": {
        "tabs": dict(encoding="utf-8", newline="\n", resp="cell-lines-comma",
                     cols=["num", "title", "resp", "time", "extra"], section="first",
                     title="lines", agreed="inline"),
        "lines": dict(blank=False, cols=["num", "title", "resp", "time"], section="first"),
        "pipe": dict(title="heading", resp="<br>", section="bold-title",
                     cols=["num", "title", "resp", "time"]),
        "page": dict(encoding="utf-8", thead="single", resp="p", section="colspan",
                     rowspan=(), junk="city", title="caps",
                     cols=["num", "title", "resp", "time", "extra"]),
        "word-a": dict(title="above-caps", header="single", colnums=True, repeat=True,
                       section="merged", resp="paras", agreed="own-line", trailing=False,
                       cols=["num", "title", "resp", "time", "extra"], vmerge=()),
        "word-b": dict(title="above", header="single", colnums=False, repeat=True,
                       section="merged", resp="breaks", agreed="inline", trailing=True,
                       cols=["num", "title", "time", "resp"], vmerge=(), repeat_before=3),
        "lo_from": "word-a",
        "fpdf": dict(orientation="L", size=11, repeat=True, pageno="top",
                     cols=["num", "title", "resp", "time"], section="colspan"),
        "unruled": dict(orientation="L", size=10, cols=["num", "title", "resp", "time"]),
        "pdftotext_from": "pdf-fpdf",
    },
    "zdorovie-2024-2026": {
        "tabs": dict(encoding="utf-8-sig", newline="\r\n", resp="semicolon",
                     cols=["num", "title", "extra", "time", "resp"], section="first",
                     title="one", agreed="inline"),
        "lines": dict(blank=True, cols=["num", "title", "time", "resp"], section="first"),
        "pipe": dict(title="plain", resp="<br>", section="bold-title",
                     cols=["num", "title", "time", "resp", "extra"]),
        "page": dict(encoding="windows-1251", thead="two-row", resp="br", section="colspan",
                     rowspan=("time",), junk="district", title="h1",
                     cols=["num", "title", "time", "resp", "extra"]),
        "word-a": dict(title="above", header="group", colnums=False, repeat=True,
                       section="merged", resp="paras", agreed="inline", trailing=False,
                       cols=["num", "title", "extra", "time", "resp"], vmerge=("time",)),
        "word-b": dict(title="inside", header="single", colnums=True, repeat=False,
                       section="merged", resp="breaks", agreed="own-line", trailing=True,
                       cols=["numtitle", "time", "resp"], vmerge=()),
        "lo_from": "word-b",
        "fpdf": dict(orientation="P", size=9, repeat=True, pageno="bottom",
                     cols=["num", "title", "resp", "time"], section="colspan"),
        "unruled": dict(orientation="L", size=9, cols=["num", "title", "time", "resp", "extra"]),
        "pdftotext_from": "pdf-libreoffice",
    },
    "selskie-2025-2030": {
        "tabs": dict(encoding="utf-8", newline="\n", resp="cell-lines",
                     cols=["title", "resp", "time", "extra"], section="first",
                     title="lines", agreed="inline"),
        "lines": dict(blank=False, cols=["title", "resp", "time"], section="first"),
        "pipe": dict(title="heading", resp="; ", section="bold-title",
                     cols=["title", "resp", "time", "extra"]),
        "page": dict(encoding="utf-8", thead="two-row", resp="br", section="colspan",
                     rowspan=("resp",), junk="rayon", title="h1",
                     cols=["title", "time", "resp", "extra"]),
        "word-a": dict(title="above", header="single", colnums=True, repeat=True,
                       section="merged", resp="paras", agreed="own-line", trailing=False,
                       cols=["title", "resp", "time", "extra"], vmerge=()),
        "word-b": dict(title="inside", header="group", colnums=False, repeat=False,
                       section="merged", resp="breaks", agreed="inline", trailing=True,
                       cols=["title", "time", "resp", "extra"], vmerge=()),
        "lo_from": "word-a",
        "fpdf": dict(orientation="L", size=11, repeat=True, pageno="bottom",
                     cols=["title", "resp", "time", "extra"], section="colspan"),
        "unruled": dict(orientation="P", size=9, cols=["title", "resp", "time"]),
        "pdftotext_from": "pdf-unruled",
    },
}

LAYOUTS = ("text-tabs.txt", "text-pdftotext.txt", "text-lines.txt", "text-pipe.md",
           "page-site.html", "word-a.docx", "word-b.docx", "pdf-libreoffice.pdf",
           "pdf-fpdf.pdf", "pdf-unruled.pdf")


# ---------------------------------------------------------------- cell texts ---------

def label(plan, key):
    if key == "extra":
        return plan.extra_header
    if key == "numtitle":
        return LABELS[plan.id]["title"]
    return LABELS[plan.id][key]


def resp_lines(m, agreed="inline", trailing=False):
    """Printed lines of a responsible cell: one agency or person per line."""
    lines = []
    for i, (name, ok) in enumerate(m.responsible):
        comma = "," if trailing and i < len(m.responsible) - 1 else ""
        if ok and agreed == "own-line":
            lines += [name, AGREED + comma]
        elif ok:
            lines.append(f"{name} {AGREED}{comma}")
        else:
            lines.append(name + comma)
    return lines


def cell(plan, m, key, **kw):
    if key == "num":
        return m.number or ""
    if key == "title":
        return m.title
    if key == "numtitle":
        return f"{m.number} {m.title}" if m.number else m.title
    if key == "time":
        return m.timeframe
    if key == "extra":
        return m.extra
    return "\n".join(resp_lines(m, **kw))


def section_text(s):
    return f"{s.number} {s.title}".strip()


def plan_cols(plan, cols):
    """Drop columns this plan does not have (no extra column, no numbers)."""
    out = [c for c in cols if c != "extra" or plan.extra_header]
    if all(m.number is None for m in plan.measures):
        out = [c for c in out if c != "num"]
    return out


def printed_title(plan, mode):
    if mode in ("caps", "above-caps"):
        return f"{plan.head.upper()} {plan.rest}"
    return plan.title


# ---------------------------------------------------------------- expected -----------

def expected_yaml(plan, title):
    def q(s):
        return json.dumps(" ".join(s.split()), ensure_ascii=False)

    out = [f"title: {q(title)}"]
    p = plan.period
    out.append("period: null" if p is None else f"period: {{start: {p['start']}, end: {p['end']}}}")
    out.append("measures:")
    for m in plan.measures:
        num = "null" if m.number is None else q(m.number.rstrip(".)"))
        out.append(f"  - number: {num}")
        out.append(f"    title: {q(m.title)}")
        out.append("    responsible: [" + ", ".join(q(n) for n, _ in m.responsible) + "]")
        out.append(f"    timeframe: {q(m.timeframe)}")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- text layouts -------

def excel_cell(s):
    """Excel quotes a copied cell that holds a newline, a tab or a double quote."""
    if any(c in s for c in "\n\t\""):
        return '"' + s.replace('"', '""') + '"'
    return s


def write_tabs(plan, c, path):
    cols = plan_cols(plan, c["cols"])
    kw = dict(agreed=c["agreed"], trailing=c["resp"] == "cell-lines-comma")
    rows = []
    if c["title"] == "lines":
        rows += [[plan.head]] + [[plan.rest]] + [[]]
    else:
        rows += [[plan.title]] + [[]]
    rows.append([label(plan, k) for k in cols])
    for r in plan.rows:
        if isinstance(r, Section):
            if c["section"] == "first":
                rows.append([section_text(r)] + [""] * (len(cols) - 1))
            else:
                rows.append([r.number, r.title] + [""] * (len(cols) - 2))
            continue
        row = []
        for k in cols:
            v = cell(plan, r, k, **kw)
            if k == "resp" and c["resp"] == "semicolon":
                v = "; ".join(resp_lines(r, agreed=c["agreed"]))
            row.append(excel_cell(v))
        rows.append(row)
    text = c["newline"].join("\t".join(r) for r in rows) + c["newline"]
    path.write_bytes(text.encode(c["encoding"]))
    return text


def write_lines(plan, c, path):
    cols = plan_cols(plan, c["cols"])
    out = list(plan.stamp) + ["", plan.title, ""]
    out += [label(plan, k) for k in cols]
    for r in plan.rows:
        if c["blank"]:
            out.append("")
        if isinstance(r, Section):
            out.append(section_text(r))
            continue
        for k in cols:
            v = "; ".join(resp_lines(r)) if k == "resp" else cell(plan, r, k)
            out.append(v)
    text = "\n".join(out) + "\n"
    path.write_text(text, encoding="utf-8")
    return text


def write_pipe(plan, c, path):
    cols = plan_cols(plan, c["cols"])
    out = []
    if c["title"] == "heading":
        out += [f"# {plan.title}", ""]
    elif c["title"] == "bold-lines":
        out += [f"**{plan.head}**  ", f"**{plan.rest}**", ""]
    else:
        out += list(plan.stamp) + ["", plan.head, plan.rest, ""]
    out.append("| " + " | ".join(label(plan, k) for k in cols) + " |")
    out.append("|" + "|".join(":---:" if k == "num" else "---" for k in cols) + "|")
    for r in plan.rows:
        if isinstance(r, Section):
            cells = [""] * len(cols)
            if c["section"] == "numbered" and "num" in cols:
                cells[cols.index("num")] = r.number
                cells[cols.index("title")] = f"**{r.title}**"
            else:
                cells[cols.index("title")] = f"**{section_text(r)}**"
            out.append("| " + " | ".join(cells) + " |")
            continue
        cells = []
        for k in cols:
            v = c["resp"].join(resp_lines(r)) if k == "resp" else cell(plan, r, k)
            cells.append(v)
        out.append("| " + " | ".join(cells) + " |")
    if plan.signature:
        out += ["", "  \n".join(plan.signature)]
    text = "\n".join(out) + "\n"
    path.write_text(text, encoding="utf-8")
    return text


# ---------------------------------------------------------------- html page ----------

JUNK = {
    "ministry": ("""<div class="top-bar"><a href="/special">Версия для слабовидящих</a> | <a href="/en">English</a></div>
<header><img src="/img/gerb.png" alt="Герб"><span class="site-name">Министерство образования Заречной области</span></header>
<nav><ul><li><a href="/">Главная</a></li><li><a href="/about">О министерстве</a></li><li><a href="/docs">Документы</a></li><li><a href="/contacts">Контакты</a></li></ul></nav>
<div class="breadcrumbs"><a href="/">Главная</a> » <a href="/docs">Документы</a> » Наставничество</div>""",
                 """<div class="share">Поделиться: ВКонтакте · Одноклассники · Telegram</div>
<footer><p>Официальный сайт министерства образования Заречной области</p><p>Адрес: г. Заречный, ул. Советская, д. 15</p></footer>
<script>var _tmr = window._tmr || []; _tmr.push({id: "3012345", type: "pageView"});</script>"""),
    "okrug": ("""<table class="layout" width="100%"><tr><td class="logo">Берёзовский муниципальный округ</td><td class="search"><form action="/search"><input name="q"> <input type="submit" value="Найти"></form></td></tr></table>
<div id="menu"><a href="/">Главная</a> &bull; <a href="/news">Новости</a> &bull; <a href="/social">Социальная сфера</a> &bull; <a href="/docs">Нормативные акты</a></div>
<div id="left"><h3>Календарь событий</h3><table class="calendar"><tr><th>Пн</th><th>Вт</th><th>Ср</th></tr><tr><td>1</td><td>2</td><td>3</td></tr></table></div>""",
              """<div class="attach">Прикреплённые файлы: <a href="/upload/plan.docx">plan.docx</a> (48 Кб)</div>
<div id="footer">Администрация муниципального округа. Все права защищены. <span id="counter">Просмотров: 412</span></div>"""),
    "rayon": ("""<div id="head"><a href="/"><img src="/images/logo.gif" alt=""></a> Приречный муниципальный район</div>
<div id="nav"><a href="/">Главная</a> | <a href="/rayon">О районе</a> | <a href="/obrazovanie">Образование</a> | <a href="/npa">НПА</a></div>
<h3 class="razdel">Муниципальные программы</h3>""",
              """<p class="back"><a href="javascript:history.back()">&larr; Назад</a></p>
<div id="bottom">Администрация Приречного муниципального района. При использовании материалов ссылка обязательна.</div>"""),
    "district": ("""<div class="header"><div class="logo">Официальный сайт</div><div class="phone">Телефон приёмной: 8 (800) 000-00-00</div></div>
<ul class="menu"><li>Главная</li><li>Образование</li><li>Документы</li><li>Обращения граждан</li></ul>
<p class="date">Опубликовано: 12 сентября</p>""",
                 """<p><a href="javascript:window.print()">Версия для печати</a></p>
<div class="footer">Все материалы сайта доступны по лицензии Creative Commons.</div>"""),
    "city": ("""<div class="cookie">Сайт использует файлы cookie. <button>Принять</button></div>
<nav class="main-menu"><a href="/">Город</a><a href="/vlast">Власть</a><a href="/deti">Молодёжь и дети</a></nav>
<aside><h4>Телефон доверия</h4><p>8-800-2000-122</p></aside>""",
             """<div class="tags">Теги: профилактика, молодёжь, здоровье</div>
<footer>Администрация городского округа Светлогорск</footer>"""),
}


def esc(s):
    return html.escape(s, quote=False)


def html_resp(m, mode):
    lines = [esc(x) for x in resp_lines(m)]
    if mode == "p":
        return "".join(f"<p>{x}</p>" for x in lines)
    return "<br>\n".join(lines)


def write_page(plan, c, path):
    cols = plan_cols(plan, c["cols"])
    n = len(cols)
    title = printed_title(plan, c["title"])
    enc = c["encoding"]
    head, foot = JUNK[c["junk"]]
    o = ["<!DOCTYPE html>", '<html lang="ru">', "<head>",
         f'<meta charset="{enc}">' if enc == "utf-8" else
         f'<meta http-equiv="Content-Type" content="text/html; charset={enc}">',
         f"<title>{esc(plan.rest[:60])}… — официальный сайт</title>",
         '<link rel="stylesheet" href="/css/style.css">', "</head>", "<body>", head,
         '<div class="content">']
    o.append('<p align="right">' + "<br>".join(esc(x) for x in plan.stamp) + "</p>")
    if c["title"] == "h1":
        o.append(f"<h1>{esc(plan.head)}<br>{esc(plan.rest)}</h1>")
    elif c["title"] == "h2":
        o.append(f"<h2>{esc(title)}</h2>")
    elif c["title"] == "caps":
        o.append(f'<p class="title" align="center"><b>{esc(plan.head.upper())}</b></p>'
                 f'<p align="center"><b>{esc(plan.rest)}</b></p>')
    else:
        o.append(f'<p align="center"><strong>{esc(plan.head)}</strong><br>'
                 f'<strong>{esc(plan.rest)}</strong></p>')
    o.append('<table border="1" cellspacing="0" cellpadding="4" class="plan">')
    o.append("<thead>")
    if c["thead"] == "two-row" and "time" in cols and "resp" in cols:
        group = {"time", "resp"}
        row1, row2 = [], []
        done = False
        for k in cols:
            if k in group:
                if not done:
                    row1.append('<th colspan="2">Исполнение</th>')
                    done = True
                row2.append(f"<th>{esc(label(plan, k))}</th>")
            else:
                row1.append(f'<th rowspan="2">{esc(label(plan, k))}</th>')
        o += ["<tr>" + "".join(row1) + "</tr>", "<tr>" + "".join(row2) + "</tr>"]
    else:
        o.append("<tr>" + "".join(f"<th>{esc(label(plan, k))}</th>" for k in cols) + "</tr>")
    o += ["</thead>", "<tbody>"]
    rows = list(plan.rows)
    skip = set()
    for i, r in enumerate(rows):
        if isinstance(r, Section):
            o.append(f'<tr><td colspan="{n}" align="center"><b>{esc(section_text(r))}</b></td></tr>')
            continue
        tds = []
        for k in cols:
            if (i, k) in skip:
                continue
            if k == "resp":
                v = html_resp(r, c["resp"])
            else:
                v = esc(cell(plan, r, k)).replace("\n", "<br>")
            span = 1
            if k in c["rowspan"]:
                j = i + 1
                while (j < len(rows) and isinstance(rows[j], Measure)
                       and cell(plan, rows[j], k) == cell(plan, r, k)):
                    skip.add((j, k))
                    span += 1
                    j += 1
            attr = f' rowspan="{span}"' if span > 1 else ""
            tds.append(f"<td{attr}>{v}</td>")
        o.append("<tr>" + "".join(tds) + "</tr>")
    o += ["</tbody>", "</table>"]
    if plan.signature:
        o.append("<p>" + "&nbsp;&nbsp;&nbsp;".join(esc(x) for x in plan.signature) + "</p>")
    o += ["</div>", foot, "</body>", "</html>"]
    text = "\n".join(o) + "\n"
    path.write_bytes(text.encode(enc, errors="xmlcharrefreplace"))
    return text


# ---------------------------------------------------------------- word ---------------

def set_cell_text(c, lines, bold=False, align=None):
    c.text = ""
    p = c.paragraphs[0]
    for i, line in enumerate(lines):
        if i:
            p = c.add_paragraph()
        run = p.add_run(line)
        run.bold = bold
        if align is not None:
            p.alignment = align


def set_cell_breaks(c, lines):
    c.text = ""
    p = c.paragraphs[0]
    for i, line in enumerate(lines):
        run = p.add_run(line)
        if i < len(lines) - 1:
            run.add_break(WD_BREAK.LINE)


def mark_header(row):
    """Word repeats a row marked tblHeader at the top of every page."""
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


WIDTHS = {"num": 1.4, "title": 8.0, "numtitle": 9.0, "resp": 6.0, "time": 4.2, "extra": 3.6}


def write_word(plan, c, path):
    cols = plan_cols(plan, c["cols"])
    n = len(cols)
    d = docx.Document()
    sec = d.sections[0]
    sec.orientation = 1
    sec.page_width, sec.page_height = Cm(29.7), Cm(21.0)
    sec.left_margin = sec.right_margin = Cm(1.5)
    sec.top_margin = sec.bottom_margin = Cm(1.5)
    style = d.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(11)
    for line in plan.stamp:
        p = d.add_paragraph(line)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.paragraph_format.space_after = Pt(0)
    d.add_paragraph()
    if c["title"].startswith("above"):
        head = plan.head.upper() if c["title"] == "above-caps" else plan.head
        for t in (head, plan.rest):
            p = d.add_paragraph()
            p.add_run(t).bold = True
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    t = d.add_table(rows=0, cols=n)
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    if c["title"] == "inside":
        row = t.add_row()
        merged = row.cells[0].merge(row.cells[n - 1])
        set_cell_text(merged, [plan.head, plan.rest], bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)

    def add_header():
        rows = []
        if c["header"] in ("group", "group-title"):
            group = {"time", "resp"} if c["header"] == "group" else {"num", "title"}
            name = "Исполнение" if c["header"] == "group" else "Мероприятие"
            r1, r2 = t.add_row(), t.add_row()
            idx = [i for i, k in enumerate(cols) if k in group]
            for i, k in enumerate(cols):
                if k in group:
                    set_cell_text(r2.cells[i], [label(plan, k)], bold=True)
                else:
                    m = r1.cells[i].merge(r2.cells[i])
                    set_cell_text(m, [label(plan, k)], bold=True)
            if idx:
                g = r1.cells[idx[0]].merge(r1.cells[idx[-1]])
                set_cell_text(g, [name], bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
            rows += [r1, r2]
        else:
            r = t.add_row()
            for i, k in enumerate(cols):
                set_cell_text(r.cells[i], [label(plan, k)], bold=True)
            rows.append(r)
        if c["colnums"]:
            r = t.add_row()
            for i in range(n):
                set_cell_text(r.cells[i], [str(i + 1)], align=WD_ALIGN_PARAGRAPH.CENTER)
            rows.append(r)
        return rows

    header_rows = add_header()
    if c["repeat"]:
        for r in header_rows:
            mark_header(r)
    kw = dict(agreed=c["agreed"], trailing=c["trailing"])
    sections_seen = 0
    prev = {}
    for r in plan.rows:
        if isinstance(r, Section):
            sections_seen += 1
            if c.get("repeat_before") == sections_seen:
                add_header()
            row = t.add_row()
            if c["section"] == "numbered" and "num" in cols:
                set_cell_text(row.cells[cols.index("num")], [r.number], bold=True)
                set_cell_text(row.cells[cols.index("title")], [r.title], bold=True)
            else:
                m = row.cells[0].merge(row.cells[n - 1])
                set_cell_text(m, [section_text(r)], bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
            prev = {}
            continue
        row = t.add_row()
        for i, k in enumerate(cols):
            v = cell(plan, r, k, **kw)
            if k in c["vmerge"] and k in prev and prev[k][0] == v:
                prev[k][1].merge(row.cells[i])
                continue
            if k == "resp" and c["resp"] == "breaks":
                set_cell_breaks(row.cells[i], v.split("\n"))
            else:
                set_cell_text(row.cells[i], v.split("\n"))
            prev[k] = (v, row.cells[i])
    t.autofit = False
    scale = 26.7 / sum(WIDTHS[k] for k in cols)
    for i, k in enumerate(cols):
        t.columns[i].width = Cm(WIDTHS[k] * scale)
    for row in t.rows:
        for i, k in enumerate(cols):
            row.cells[i].width = Cm(WIDTHS[k] * scale)
    if plan.signature:
        d.add_paragraph()
        d.add_paragraph("\t\t".join(plan.signature))
    cp = d.core_properties
    cp.created = cp.modified = cp.last_printed = FIXED.replace(tzinfo=None)
    cp.author = cp.last_modified_by = "user"
    cp.revision = 1
    buf = io.BytesIO()
    d.save(buf)
    path.write_bytes(fixed_zip(buf.getvalue()))


def fixed_zip(data):
    """Rewrite a docx with fixed member timestamps so the bytes do not change."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


# ---------------------------------------------------------------- fpdf ---------------

class PlanPDF(FPDF):
    pageno = "bottom"

    def header(self):
        if self.pageno == "top" and self.page_no() > 1:
            self.set_font("DejaVu", size=9)
            self.cell(0, 6, str(self.page_no()), align="C", new_x="LMARGIN", new_y="NEXT")

    def footer(self):
        if self.pageno == "bottom":
            self.set_y(-12)
            self.set_font("DejaVu", size=8)
            self.cell(0, 6, f"Страница {self.page_no()} из {{nb}}", align="R")


def new_pdf(orientation, pageno):
    pdf = PlanPDF(orientation=orientation, format="A4")
    pdf.pageno = pageno
    pdf.add_font("DejaVu", fname=str(FONTS / "DejaVuSerif.ttf"))
    pdf.add_font("DejaVu", style="B", fname=str(FONTS / "DejaVuSerif-Bold.ttf"))
    pdf.set_creation_date(FIXED)
    pdf.set_producer("fpdf2")
    pdf.set_margins(15, 15, 15)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    return pdf


def pdf_title(pdf, plan, size):
    pdf.set_font("DejaVu", size=size - 1)
    for line in plan.stamp:
        pdf.cell(0, 5, line, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("DejaVu", "B", size + 1)
    pdf.multi_cell(0, 6, plan.head, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 6, plan.rest, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)


def col_widths(cols, orientation):
    """A portrait page is narrow: give the title column less so names are not cut."""
    narrow = {"title": 6.0} if orientation == "P" else {}
    return tuple(narrow.get(k, WIDTHS[k]) for k in cols)


def write_fpdf(plan, c, path, ruled=True):
    cols = plan_cols(plan, c["cols"])
    pdf = new_pdf(c["orientation"], c.get("pageno", "none"))
    pdf_title(pdf, plan, c["size"])
    pdf.set_font("DejaVu", size=c["size"])
    layout = TableBordersLayout.ALL if ruled else TableBordersLayout.NONE
    with pdf.table(col_widths=col_widths(cols, c["orientation"]), borders_layout=layout,
                   repeat_headings=1 if c.get("repeat", False) else 0,
                   line_height=c["size"] * 0.5, text_align="LEFT",
                   first_row_as_headings=True) as table:
        h = table.row()
        for k in cols:
            h.cell(label(plan, k))
        for r in plan.rows:
            row = table.row()
            if isinstance(r, Section):
                if ruled:
                    row.cell(section_text(r), colspan=len(cols), align="C")
                else:
                    row.cell(section_text(r), colspan=len(cols))
                continue
            for k in cols:
                row.cell(cell(plan, r, k))
    if plan.signature:
        pdf.ln(8)
        pdf.cell(0, 6, "        ".join(plan.signature))
    path.write_bytes(bytes(pdf.output()))


# ---------------------------------------------------------------- libreoffice --------

def libreoffice(jobs):
    """Convert all (docx, pdf) pairs with one soffice run and a private profile."""
    tmp = Path(tempfile.mkdtemp(prefix="heldout3-lo-"))
    try:
        srcs = []
        for i, (src, _) in enumerate(jobs):
            s = tmp / f"in{i}.docx"
            shutil.copy(src, s)
            srcs.append(s)
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless",
                        "--convert-to", "pdf", "--outdir", str(tmp / "out")] + [str(s) for s in srcs],
                       check=True, capture_output=True)
        for i, (_, dst) in enumerate(jobs):
            dst.write_bytes(fix_pdf((tmp / "out" / f"in{i}.pdf").read_bytes()))
    finally:
        shutil.rmtree(tmp)


def fix_pdf(data):
    """Fix dates, /ID and /DocChecksum in place (same length, so the xref offsets stay valid)."""
    data = re.sub(rb"(/(?:CreationDate|ModDate)\s*\()(D:[^)]*)\)",
                  lambda m: m.group(1) + fixed_date(m.group(2)) + b")", data)
    data = re.sub(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]",
                  lambda m: m.group(0).replace(m.group(1), b"0" * len(m.group(1)))
                  .replace(m.group(2), b"1" * len(m.group(2))), data)
    data = re.sub(rb"/DocChecksum /([0-9A-Fa-f]+)",
                  lambda m: b"/DocChecksum /" + b"0" * len(m.group(1)), data)
    return data


def fixed_date(d):
    base = b"D:20250115090000"
    if len(d) <= len(base):
        return base[: len(d)]
    tail = d[len(base):]
    return base + re.sub(rb"[0-9]", b"0", tail)


# ---------------------------------------------------------------- checks -------------

def file_text(path, encoding=None):
    suf = path.suffix
    if suf == ".pdf":
        # Reading order and -layout break words differently; a token may be in either.
        out = ""
        for mode in ([], ["-layout"]):
            out += subprocess.run(["pdftotext", *mode, str(path), "-"], check=True,
                                  capture_output=True).stdout.decode("utf-8") + "\n"
        return re.sub(r"([-–])\s*\n\s*", r"\1", out)
    if suf == ".docx":
        d = docx.Document(str(path))
        parts = [p.text for p in d.paragraphs]
        for t in d.tables:
            for row in t.rows:
                for c in row.cells:
                    parts.append(c.text)
        return "\n".join(parts)
    raw = path.read_bytes()
    if suf == ".html":
        enc = re.search(rb'charset="?([\w-]+)', raw).group(1).decode()
        text = raw.decode(enc)
        return html.unescape(re.sub(r"<[^>]+>", " ", text))
    return raw.decode(encoding or "utf-8")


def check(path, expected, encoding=None):
    text = " ".join(file_text(path, encoding).split())
    data = yaml.safe_load(expected)
    tokens = data["title"].split()
    for m in data["measures"]:
        for s in [m["number"] or "", m["title"], m["timeframe"], *m["responsible"]]:
            tokens += s.split()
    missing = sorted({t for t in tokens if t not in text})
    from_pdf = path.suffix == ".pdf" or path.name == "text-pdftotext.txt"
    soft = [t for t in missing if from_pdf and (
        all(p in text for p in re.split(r"(?<=[-–])", t) if p)
        or t.replace("-", "") in text)]
    hard = [t for t in missing if t not in soft]
    if soft:
        print(f"  note {path.relative_to(HERE)}: words broken at a hyphen: {soft}")
    if hard:
        raise SystemExit(f"{path.relative_to(HERE)}: missing {hard}")


def pages(path):
    out = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True).stdout.decode()
    return int(re.search(r"Pages:\s+(\d+)", out).group(1))


# ---------------------------------------------------------------- main ---------------

def expected_title(plan, layout, c):
    if layout == "page-site.html":
        return printed_title(plan, c["page"]["title"])
    if layout.startswith("word-"):
        return printed_title(plan, c[layout[:-5]]["title"])
    if layout == "pdf-libreoffice.pdf":
        return printed_title(plan, c[c["lo_from"]]["title"])
    return plan.title


def build():
    lo_jobs = []
    encodings = {}
    for plan in PLANS:
        c = CONF[plan.id]
        d = HERE / plan.id
        if d.exists():
            shutil.rmtree(d)
        d.mkdir()
        write_tabs(plan, c["tabs"], d / "text-tabs.txt")
        encodings[d / "text-tabs.txt"] = c["tabs"]["encoding"]
        write_lines(plan, c["lines"], d / "text-lines.txt")
        write_pipe(plan, c["pipe"], d / "text-pipe.md")
        write_page(plan, c["page"], d / "page-site.html")
        write_word(plan, c["word-a"], d / "word-a.docx")
        write_word(plan, c["word-b"], d / "word-b.docx")
        write_fpdf(plan, c["fpdf"], d / "pdf-fpdf.pdf", ruled=True)
        write_fpdf(plan, c["unruled"], d / "pdf-unruled.pdf", ruled=False)
        lo_jobs.append((d / f"{c['lo_from']}.docx", d / "pdf-libreoffice.pdf"))
    libreoffice(lo_jobs)
    for plan in PLANS:
        c = CONF[plan.id]
        d = HERE / plan.id
        src = d / f"{c['pdftotext_from']}.pdf"
        out = subprocess.run(["pdftotext", "-layout", str(src), "-"], check=True,
                             capture_output=True).stdout
        (d / "text-pdftotext.txt").write_bytes(out)
        for layout in LAYOUTS:
            stem = layout.rsplit(".", 1)[0]
            title = expected_title(plan, layout, c)
            if layout == "text-pdftotext.txt":
                title = expected_title(plan, c["pdftotext_from"] + ".pdf", c)
            (d / f"{stem}.expected.yaml").write_text(expected_yaml(plan, title), encoding="utf-8")
    return encodings


def verify(encodings):
    for plan in PLANS:
        d = HERE / plan.id
        for layout in LAYOUTS:
            path = d / layout
            exp = (d / (layout.rsplit(".", 1)[0] + ".expected.yaml")).read_text(encoding="utf-8")
            check(path, exp, encodings.get(path))
        n = pages(d / "pdf-fpdf.pdf")
        if n < 2:
            raise SystemExit(f"{plan.id}/pdf-fpdf.pdf has {n} page(s), needs at least 2")
    print(f"ok: {len(PLANS)} plans × {len(LAYOUTS)} layouts checked")


def main():
    if "--list" in sys.argv:
        for plan in PLANS:
            print(plan.id, len(plan.measures), "measures")
            for key, value in CONF[plan.id].items():
                print(f"   {key}: {value}")
        return
    verify(build())


if __name__ == "__main__":
    main()
