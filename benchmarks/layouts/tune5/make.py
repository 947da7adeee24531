"""Generate the tune5 layout set: 14 documents per plan plus expected files.

Run from anywhere with the project venv. Output is byte-stable; the script
checks its own files afterwards (every expected token is printed in every file).
"""

import datetime
import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

import docx
import yaml
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from fpdf import FPDF
from fpdf.enums import TableBordersLayout, TableHeadingsDisplay

import plans as P

HERE = os.path.dirname(os.path.abspath(__file__))
FONTS = "/usr/share/fonts/truetype/dejavu/"
FIXED = datetime.datetime(2025, 3, 1, 9, 0, 0, tzinfo=datetime.timezone.utc)
LO_PROFILE = "file:///tmp/tune5-lo"

LABELS = {
    "num": "№ п/п",
    "title": "Наименование мероприятия",
    "when": "Срок исполнения",
    "resp": "Ответственные исполнители",
    "empty": "Отметка о выполнении",
}

# Per-plan settings. Column lists use keys of LABELS plus "extra" (the plan's
# own extra column). "numtitle" puts the number in front of the title.
SETTINGS = {
    "pravonarusheniya-2025-2026": {
        "labels": {},
        "tabs": {"enc": "utf-8-sig", "nl": "\r\n", "cols": ["num", "title", "when", "resp"],
                 "sec_cell": 0, "join": "\n", "title_row": True},
        "lines": {"cols": ["num", "title", "when", "resp"], "join": "\n", "blank": False,
                  "header": True},
        "lines_b": {"cols": ["num", "title", "when", "resp"], "join": "; ", "blank": True,
                    "header": False},
        "pipe": {"cols": ["num", "title", "when", "resp"], "join": "<br>", "sec_cell": 1,
                 "title_md": "bold"},
        "page": {"enc": "utf-8", "cols": ["num", "title", "when", "resp"], "two_row": True,
                 "join": "br", "junk": "ministry", "rowspan": False},
        "word_a": {"cols": ["num", "title", "when", "resp"], "title_in_table": False,
                   "two_row": True, "colnums": True, "repeat": True, "agreed_line": True,
                   "sections": "merged", "landscape": False},
        "word_b": {"cols": ["num", "title", "resp", "when"], "title_in_table": True,
                   "sections": "cells", "trailing_commas": True, "landscape": True},
        "fpdf": {"cols": ["num", "title", "when", "resp"], "size": 10, "landscape": False,
                 "repeat": True, "pages": "bottom-of", "stamp": True},
        "unruled": {"cols": ["num", "title", "when", "resp"], "size": 10, "landscape": False,
                    "pages": None},
        "unruled_b": {"cols": ["num", "title", "resp", "when"], "size": 9, "landscape": True,
                      "pages": "dash-top"},
        "pdftotext": "pdf-unruled.pdf",
        "pdftotext_b": "pdf-libreoffice.pdf",
        "lo": "word-a", "lo_b": "word-b",
    },
    "novyi-uchebnyi-god": {
        "labels": {"title": "Мероприятие", "resp": "Ответственный", "when": "Срок"},
        "tabs": {"enc": "cp1251", "nl": "\r\n", "cols": ["num", "title", "resp", "when"],
                 "sec_cell": 1, "join": "\n", "title_row": False},
        "lines": {"cols": ["num", "title", "resp", "when"], "join": "\n", "blank": True,
                  "header": True},
        "lines_b": {"cols": ["num", "title", "resp", "when"], "join": "; ", "blank": False,
                    "header": True},
        "pipe": {"cols": ["num", "title", "resp", "when"], "join": "; ", "sec_cell": 0,
                 "title_md": "heading"},
        "page": {"enc": "windows-1251", "cols": ["num", "title", "resp", "when"],
                 "two_row": False, "join": "br", "junk": "search", "rowspan": True},
        "word_a": {"cols": ["num", "title", "resp", "when"], "title_in_table": False,
                   "colnums": True, "sections": "merged", "landscape": False},
        "word_b": {"cols": ["numtitle", "resp", "when"], "title_in_table": True,
                   "sections": "merged", "repeat_before": 2, "landscape": False},
        "fpdf": {"cols": ["num", "title", "resp", "when"], "size": 10, "landscape": False,
                 "repeat": False, "pages": "top", "stamp": True},
        "unruled": {"cols": ["num", "title", "resp", "when"], "size": 10, "landscape": False,
                    "pages": "bottom"},
        "unruled_b": {"cols": ["num", "title", "when", "resp"], "size": 9, "landscape": False,
                      "width": 180, "pages": None, "narrow": True},
        "pdftotext": "pdf-libreoffice.pdf",
        "pdftotext_b": "pdf-unruled-b.pdf",
        "lo": "word-b", "lo_b": "word-a",
    },
    "mediaciya-2025-2027": {
        "labels": {"title": "Содержание мероприятия", "when": "Сроки", "resp": "Исполнители"},
        "tabs": {"enc": "utf-8", "nl": "\n", "cols": ["num", "title", "when", "resp", "extra"],
                 "sec_cell": 0, "join": "\n", "title_row": True, "trailing": True},
        "lines": {"cols": ["num", "title", "when", "resp", "extra"], "join": "\n",
                  "blank": False, "header": True},
        "lines_b": {"cols": ["num", "title", "resp", "when", "extra"], "join": "\n",
                    "blank": True, "header": False},
        "pipe": {"cols": ["num", "title", "when", "resp", "extra"], "join": "<br>",
                 "sec_cell": 1, "title_md": "plain"},
        "page": {"enc": "koi8-r", "cols": ["num", "title", "when", "resp", "extra"],
                 "two_row": False, "join": "p", "junk": "news", "rowspan": False},
        "word_a": {"cols": ["num", "title", "when", "resp", "extra"], "title_in_table": False,
                   "colnums": True, "repeat": True, "sections": "merged", "landscape": True},
        "word_b": {"cols": ["num", "title", "extra", "resp", "when"], "title_in_table": False,
                   "two_row": False, "agreed_line": True, "sections": "merged",
                   "landscape": True},
        "fpdf": {"cols": ["num", "title", "when", "resp", "extra"], "size": 11,
                 "landscape": True, "repeat": True, "pages": "bottom-of", "stamp": True},
        "unruled": {"cols": ["num", "title", "when", "resp", "extra"], "size": 10,
                    "landscape": True, "pages": "bottom"},
        "unruled_b": {"cols": ["num", "title", "resp", "when"], "size": 11,
                      "landscape": False, "pages": None},
        "pdftotext": "pdf-fpdf.pdf",
        "pdftotext_b": "pdf-unruled.pdf",
        "lo": "word-a", "lo_b": "word-b",
    },
    "ekologiya-2025": {
        "labels": {"title": "Содержание работы", "when": "Сроки", "resp": "Ответственные"},
        "tabs": {"enc": "utf-8-sig", "nl": "\r\n", "cols": ["num", "title", "when", "resp"],
                 "sec_cell": 0, "join": "\n", "title_row": True},
        "lines": {"cols": ["num", "title", "when", "resp"], "join": "; ", "blank": True,
                  "header": True},
        "lines_b": {"cols": ["num", "title", "when", "resp"], "join": "\n", "blank": False,
                    "header": False},
        "pipe": {"cols": ["num", "title", "when", "resp"], "join": "<br>", "sec_cell": 0,
                 "title_md": "heading"},
        "page": {"enc": "utf-8", "cols": ["num", "title", "when", "resp"], "two_row": False,
                 "join": "br", "junk": "school", "rowspan": False, "caps": True},
        "word_a": {"cols": ["num", "title", "when", "resp"], "title_in_table": False,
                   "caps": True, "colnums": False, "sections": "cells", "landscape": False},
        "word_b": {"cols": ["num", "title", "resp", "when"], "title_in_table": True,
                   "two_row": True, "colnums": True, "sections": "merged", "landscape": False},
        "fpdf": {"cols": ["num", "title", "when", "resp"], "size": 10, "landscape": False,
                 "repeat": True, "pages": "top", "stamp": True, "justify": True},
        "unruled": {"cols": ["num", "title", "when", "resp"], "size": 11, "landscape": False,
                    "pages": "bottom"},
        "unruled_b": {"cols": ["num", "resp", "title", "when"], "size": 9,
                      "landscape": True, "pages": None},
        "pdftotext": "pdf-libreoffice-b.pdf",
        "pdftotext_b": "pdf-unruled.pdf",
        "lo": "word-a", "lo_b": "word-b",
    },
    "vodnye-obekty-2025-2026": {
        "labels": {"when": "Срок проведения", "resp": "Ответственные за исполнение"},
        "tabs": {"enc": "cp1251", "nl": "\r\n", "cols": ["num", "title", "when", "resp"],
                 "sec_cell": 1, "join": "; ", "title_row": False},
        "lines": {"cols": ["num", "title", "when", "resp"], "join": "\n", "blank": True,
                  "header": True},
        "lines_b": {"cols": ["num", "title", "resp", "when"], "join": "\n", "blank": False,
                    "header": True},
        "pipe": {"cols": ["num", "title", "when", "resp"], "join": "; ", "sec_cell": 1,
                 "title_md": "bold"},
        "page": {"enc": "windows-1251", "cols": ["num", "title", "when", "resp"],
                 "two_row": True, "join": "br", "junk": "ministry", "rowspan": True},
        "word_a": {"cols": ["num", "title", "when", "resp"], "title_in_table": False,
                   "vmerge": True, "colnums": True, "sections": "merged", "landscape": False},
        "word_b": {"cols": ["num", "title", "resp", "when", "empty"], "title_in_table": False,
                   "repeat": True, "agreed_line": True, "sections": "merged",
                   "landscape": True},
        "fpdf": {"cols": ["num", "title", "when", "resp"], "size": 10, "landscape": False,
                 "repeat": False, "pages": "bottom", "stamp": True, "running": True},
        "unruled": {"cols": ["num", "title", "when", "resp"], "size": 10, "landscape": True,
                    "pages": "bottom-of"},
        "unruled_b": {"cols": ["num", "title", "resp", "when"], "size": 11, "landscape": False,
                      "pages": "dash-top"},
        "pdftotext": "pdf-libreoffice-b.pdf",
        "pdftotext_b": "pdf-unruled-b.pdf",
        "lo": "word-a", "lo_b": "word-b",
    },
    "muzei-2026-2030": {
        "labels": {"title": "Мероприятие", "when": "Срок реализации",
                   "resp": "Ответственные исполнители"},
        "tabs": {"enc": "utf-8", "nl": "\n", "cols": ["title", "when", "resp"],
                 "sec_cell": 0, "join": "\n", "title_row": True},
        "lines": {"cols": ["title", "when", "resp"], "join": "; ", "blank": False,
                  "header": True},
        "lines_b": {"cols": ["title", "resp", "when"], "join": "\n", "blank": True,
                    "header": True},
        "pipe": {"cols": ["title", "when", "resp"], "join": "<br>", "sec_cell": 0,
                 "title_md": "plain"},
        "page": {"enc": "utf-8", "cols": ["title", "when", "resp"], "two_row": True,
                 "join": "p", "junk": "news", "rowspan": False},
        "word_a": {"cols": ["title", "when", "resp"], "title_in_table": False,
                   "colnums": True, "sections": "merged", "landscape": False},
        "word_b": {"cols": ["title", "resp", "when"], "title_in_table": True,
                   "two_row": False, "sections": "merged", "landscape": True, "repeat": True},
        "fpdf": {"cols": ["title", "when", "resp"], "size": 11, "landscape": False,
                 "repeat": True, "pages": "bottom-of", "stamp": True},
        "unruled": {"cols": ["title", "when", "resp"], "size": 11, "landscape": False,
                    "pages": "top"},
        "unruled_b": {"cols": ["title", "resp", "when"], "size": 9, "landscape": True,
                      "pages": None},
        "pdftotext": "pdf-unruled.pdf",
        "pdftotext_b": "pdf-fpdf.pdf",
        "lo": "word-b", "lo_b": "word-a",
    },
}


# ---------------------------------------------------------------- cell values

def labels(plan):
    out = dict(LABELS)
    out.update(SETTINGS[plan["id"]]["labels"])
    out["extra"] = plan.get("extra", "")
    out["numtitle"] = out["title"]
    return out


def agencies(m, trailing=False, agreed_line=False):
    """Responsible lines as printed in one cell."""
    lines = []
    for i, a in enumerate(m["responsible"]):
        if agreed_line and a.endswith(P.AGREED):
            lines.append(a[: -len(P.AGREED)])
            lines.append("(по согласованию)")
        else:
            lines.append(a)
        if trailing and i < len(m["responsible"]) - 1:
            lines[-1] += ","
    return lines


def value(m, col, join="\n", trailing=False, agreed_line=False):
    if col == "num":
        return m["number"] or ""
    if col == "title":
        return m["title"]
    if col == "numtitle":
        return f"{m['number']} {m['title']}" if m["number"] else m["title"]
    if col == "when":
        return m["timeframe"]
    if col == "resp":
        return join.join(agencies(m, trailing, agreed_line))
    if col == "extra":
        return m["extra"]
    return ""


def rows(plan):
    """(kind, payload) pairs: ("section", text) or ("measure", dict)."""
    ms = iter(P.measures(plan))
    for row in plan["rows"]:
        yield ("section", row[1]) if row[0] == "section" else ("measure", next(ms))


# ---------------------------------------------------------------- text files

def excel_cell(text):
    if "\n" in text or '"' in text or "\t" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def write_tabs(plan, s, path):
    cols, lab = s["cols"], labels(plan)
    out = []
    if s["title_row"]:
        out.append(excel_cell(P.title(plan)) + "\t" * (len(cols) - 1))
    else:
        out += [plan["head"], plan["rest"], ""]
    out.append("\t".join(lab[c] for c in cols))
    for kind, x in rows(plan):
        if kind == "section":
            cells = [""] * len(cols)
            cells[min(s["sec_cell"], len(cols) - 1)] = x
        else:
            cells = [value(x, c, s["join"], s.get("trailing")) for c in cols]
        out.append("\t".join(excel_cell(c) for c in cells))
    data = s["nl"].join(out) + s["nl"]
    with open(path, "wb") as f:
        f.write(data.encode(s["enc"]))
    return {"enc": s["enc"]}


def write_lines(plan, s, path):
    cols, lab = s["cols"], labels(plan)
    out = list(plan["stamp"]) + ["", plan["head"], plan["rest"], ""]
    if s["header"]:
        out += [lab[c] for c in cols]
        if s["blank"]:
            out.append("")
    for kind, x in rows(plan):
        if kind == "section":
            out.append(x)
        else:
            for c in cols:
                v = value(x, c, s["join"])
                if v:
                    out += v.split("\n")
        if s["blank"]:
            out.append("")
    out += [""] + plan["signature"]
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out) + "\n")
    return {"enc": "utf-8"}


def md_escape(text):
    return text.replace("|", "\\|")


def write_pipe(plan, s, path):
    cols, lab = s["cols"], labels(plan)
    out = []
    if s["title_md"] == "heading":
        out += [f"## {plan['head']} {plan['rest']}", ""]
    elif s["title_md"] == "bold":
        out += [f"**{plan['head']}**", "", f"**{plan['rest']}**", ""]
    else:
        out += [plan["head"], plan["rest"], ""]
    out.append("| " + " | ".join(lab[c] for c in cols) + " |")
    out.append("|" + "|".join(":---:" if c == "num" else "---" for c in cols) + "|")
    for kind, x in rows(plan):
        if kind == "section":
            cells = [""] * len(cols)
            cells[min(s["sec_cell"], len(cols) - 1)] = f"**{x}**"
        else:
            cells = [md_escape(value(x, c, s["join"])) for c in cols]
        out.append("| " + " | ".join(cells) + " |")
    out += ["", "_Примечание: сроки могут уточняться._"]
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out) + "\n")
    return {"enc": "utf-8"}


# ---------------------------------------------------------------- HTML page

JUNK = {
    "ministry": ('<div class="top-menu"><ul><li><a href="/">Главная</a></li>'
                 '<li><a href="/docs/">Документы</a></li><li><a href="/press/">Пресс-центр</a>'
                 '</li></ul></div>\n<div class="breadcrumbs"><a href="/">Главная</a> / '
                 '<a href="/docs/">Документы</a> / Планы</div>',
                 '<div class="share">Поделиться: ВКонтакте · Одноклассники</div>\n'
                 '<script>var counter = new Image(); counter.src="/c.gif?r=" + Math.random();'
                 '</script>'),
    "search": ('<table class="layout" width="100%"><tr><td><form action="/search/">'
               '<input name="q" value="Поиск по сайту"><input type="submit" value="Найти">'
               '</form></td><td>Версия для слабовидящих</td></tr></table>\n'
               '<table class="calendar"><tr><th>Пн</th><th>Вт</th><th>Ср</th></tr>'
               '<tr><td>1</td><td>2</td><td>3</td></tr></table>',
               '<p>Дата публикации: 17.03.2025. Просмотров: 412</p>'),
    "news": ('<header><nav><a href="/">О школе</a> | <a href="/news/">Новости</a> | '
             '<a href="/docs/">Документы</a></nav></header>\n<aside><h3>Последние новости</h3>'
             '<ul><li>Итоги олимпиады</li><li>Родительское собрание</li></ul></aside>',
             '<footer>© Администрация, все права защищены. <a href="/map/">Карта сайта</a>'
             '</footer>'),
    "school": ('<div id="header"><img src="logo.png" alt="Логотип"> Управление образования</div>'
               '\n<div id="left"><a href="/">Главная</a><br><a href="/eco/">Экология</a></div>',
               '<div id="footer">Файлы: <a href="plan.docx">plan.docx (48 Кб)</a></div>'),
}


def write_page(plan, s, path):
    cols, lab = s["cols"], labels(plan)
    esc = html.escape
    caps = s.get("caps", False)

    def cell_html(m, c):
        if c == "resp":
            ags = agencies(m)
            if s["join"] == "p":
                return "".join(f"<p>{esc(a, quote=False)}</p>" for a in ags)
            return "<br>".join(esc(a, quote=False) for a in ags)
        return esc(value(m, c), quote=False)

    top, bottom = JUNK[s["junk"]]
    b = [f'<!DOCTYPE html>\n<html lang="ru">\n<head>\n<meta charset="{s["enc"]}">\n'
         f'<title>{esc(plan["head"])} — официальный сайт</title>\n</head>\n<body>\n{top}\n'
         '<div class="content">\n']
    b.append('<p align="right">' + "<br>".join(esc(x) for x in plan["stamp"]) + "</p>\n")
    head = plan["head"].upper() if caps else plan["head"]
    b.append(f'<h1 style="text-align:center">{esc(head)}<br>{esc(plan["rest"])}</h1>\n')
    b.append('<table border="1" cellspacing="0" cellpadding="4">\n<thead>\n')
    if s["two_row"] and "when" in cols and "resp" in cols and \
            abs(cols.index("when") - cols.index("resp")) == 1:
        first = min(cols.index("when"), cols.index("resp"))
        r1, r2 = [], []
        for i, c in enumerate(cols):
            if i == first:
                r1.append('<th colspan="2">Исполнение</th>')
            elif c in ("when", "resp"):
                continue
            else:
                r1.append(f'<th rowspan="2">{esc(lab[c])}</th>')
        for c in cols[first:first + 2]:
            r2.append(f"<th>{esc(lab[c])}</th>")
        b.append("<tr>" + "".join(r1) + "</tr>\n<tr>" + "".join(r2) + "</tr>\n")
    else:
        b.append("<tr>" + "".join(f"<th>{esc(lab[c])}</th>" for c in cols) + "</tr>\n")
    b.append("</thead>\n<tbody>\n")
    items = list(rows(plan))
    spans = {}  # (row index, col) -> rowspan; -1 means covered
    if s["rowspan"]:
        for c in ("when", "resp"):
            i = 0
            while i < len(items):
                j = i
                while (j + 1 < len(items) and items[i][0] == "measure"
                       and items[j + 1][0] == "measure"
                       and value(items[j + 1][1], c) == value(items[i][1], c)):
                    j += 1
                if j > i:
                    spans[(i, c)] = j - i + 1
                    for k in range(i + 1, j + 1):
                        spans[(k, c)] = -1
                i = j + 1
    for i, (kind, x) in enumerate(items):
        if kind == "section":
            b.append(f'<tr><td colspan="{len(cols)}"><b>{esc(x)}</b></td></tr>\n')
            continue
        tds = []
        for c in cols:
            span = spans.get((i, c), 1)
            if span == -1:
                continue
            attr = f' rowspan="{span}"' if span > 1 else ""
            tds.append(f"<td{attr}>{cell_html(x, c)}</td>")
        b.append("<tr>" + "".join(tds) + "</tr>\n")
    b.append("</tbody>\n</table>\n")
    b.append("<p>" + "<br>".join(esc(x) for x in plan["signature"]) + "</p>\n")
    b.append(f"</div>\n{bottom}\n</body>\n</html>\n")
    data = "".join(b).encode(s["enc"], "xmlcharrefreplace")
    with open(path, "wb") as f:
        f.write(data)
    return {"enc": s["enc"], "caps": caps}


# ---------------------------------------------------------------- Word

def set_repeat(row):
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def fill(cell, lines, bold=False, align=None, size=11):
    cell.text = ""
    first = True
    for line in lines:
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        run = p.add_run(line)
        run.bold = bold
        run.font.size = Pt(size)
        if align is not None:
            p.alignment = align


def header_rows(table, plan, s, cols, start):
    """Write one or two header rows from row `start`; return rows used."""
    lab = labels(plan)
    C = WD_ALIGN_PARAGRAPH.CENTER
    if s.get("two_row") and "when" in cols and "resp" in cols and \
            abs(cols.index("when") - cols.index("resp")) == 1:
        first = min(cols.index("when"), cols.index("resp"))
        r1, r2 = table.rows[start], table.rows[start + 1]
        for i, c in enumerate(cols):
            if c in ("when", "resp"):
                fill(r2.cells[i], [lab[c]], True, C)
            else:
                fill(r1.cells[i], [lab[c]], True, C)
                r1.cells[i].merge(r2.cells[i])
        fill(r1.cells[first], ["Исполнение"], True, C)
        r1.cells[first].merge(r1.cells[first + 1])
        return 2
    for i, c in enumerate(cols):
        fill(table.rows[start].cells[i], [lab[c]], True, C)
    return 1


def write_docx(plan, s, path):
    cols = s["cols"]
    caps = s.get("caps", False)
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Times New Roman"
    st.font.size = Pt(12)
    sec = d.sections[0]
    if s.get("landscape"):
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = Cm(29.7), Cm(21.0)
    else:
        sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    for m in ("left_margin", "right_margin"):
        setattr(sec, m, Cm(2.0))
    sec.top_margin = sec.bottom_margin = Cm(1.5)
    for line in plan["stamp"]:
        p = d.add_paragraph(line)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.paragraph_format.space_after = Pt(0)
    head = plan["head"].upper() if caps else plan["head"]
    items = list(rows(plan))
    n_head = 2 if (s.get("two_row")) else 1
    extra = (1 if s.get("title_in_table") else 0) + (1 if s.get("colnums") else 0)
    repeat_before = s.get("repeat_before")
    n = len(items) + n_head + extra + (n_head if repeat_before else 0)
    if not s.get("title_in_table"):
        p = d.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        r = p.add_run(head)
        r.bold = True
        p = d.add_paragraph(plan["rest"])
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    else:
        d.add_paragraph()
    t = d.add_table(rows=n, cols=len(cols))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    width = (25.7 if s.get("landscape") else 17.0)
    share = {"num": 1.3, "title": 7.0, "numtitle": 8.0, "when": 3.7, "resp": 5.5,
             "extra": 3.5, "empty": 2.5}
    total = sum(share[c] for c in cols)
    grid = t._tbl.tblGrid.findall(qn("w:gridCol"))
    for i, c in enumerate(cols):
        grid[i].set(qn("w:w"), str(int(Cm(width * share[c] / total).twips)))
        for cell in t.columns[i].cells:
            cell.width = Cm(width * share[c] / total)
    r = 0
    if s.get("title_in_table"):
        row = t.rows[0]
        row.cells[0].merge(row.cells[len(cols) - 1])
        fill(row.cells[0], [head, plan["rest"]], True, WD_ALIGN_PARAGRAPH.CENTER)
        r = 1
    used = header_rows(t, plan, s, cols, r)
    if s.get("repeat"):
        for k in range(r, r + used):
            set_repeat(t.rows[k])
    r += used
    if s.get("colnums"):
        for i in range(len(cols)):
            fill(t.rows[r].cells[i], [str(i + 1)], False, WD_ALIGN_PARAGRAPH.CENTER, 10)
        r += 1
    sections_seen = 0
    prev = None  # (row, values) for vertical merges
    for kind, x in items:
        if kind == "section":
            sections_seen += 1
            if repeat_before and sections_seen == repeat_before + 1:
                r += header_rows(t, plan, s, cols, r)
            row = t.rows[r]
            if s["sections"] == "cells" and cols[0] == "num":
                num, _, text = x.partition(" ")
                fill(row.cells[0], [num], True)
                fill(row.cells[1], [text], True)
            else:
                row.cells[0].merge(row.cells[len(cols) - 1])
                fill(row.cells[0], [x], True, WD_ALIGN_PARAGRAPH.CENTER)
            prev = None
            r += 1
            continue
        row = t.rows[r]
        cur = {}
        for i, c in enumerate(cols):
            v = value(x, c, "\n", s.get("trailing_commas"), s.get("agreed_line"))
            cur[c] = v
            if s.get("vmerge") and c == "when" and prev and prev[1].get(c) == v:
                top = prev[0].cells[i]
                top.merge(row.cells[i])
                continue
            fill(row.cells[i], v.split("\n") if v else [""],
                 align=WD_ALIGN_PARAGRAPH.CENTER if c in ("num", "when") else None)
        if not (s.get("vmerge") and prev and prev[1].get("when") == cur["when"]):
            prev = (row, cur)
        r += 1
    d.add_paragraph()
    if plan.get("note"):
        d.add_paragraph(plan["note"])
    for line in plan["signature"]:
        d.add_paragraph(line).paragraph_format.space_after = Pt(0)
    cp = d.core_properties
    cp.author = "Отдел делопроизводства"
    cp.last_modified_by = "user"
    cp.created = cp.modified = FIXED.replace(tzinfo=None)
    cp.revision = 1
    buf = io.BytesIO()
    d.save(buf)
    stable_zip(buf.getvalue(), path)
    return {"caps": caps}


def stable_zip(data, path):
    """Rewrite a zip with fixed member timestamps and order."""
    src = zipfile.ZipFile(io.BytesIO(data))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=(2025, 3, 1, 9, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename))


# ---------------------------------------------------------------- fpdf2

class Doc(FPDF):
    def __init__(self, s, plan):
        super().__init__(orientation="L" if s.get("landscape") else "P", unit="mm",
                         format="A4")
        self.s, self.plan = s, plan
        self.add_font("DejaVu", "", FONTS + "DejaVuSans.ttf")
        self.add_font("DejaVu", "B", FONTS + "DejaVuSans-Bold.ttf")
        self.set_creation_date(FIXED)
        self.set_producer("fpdf2")
        self.set_creator("tune5")
        self.alias_nb_pages()
        self.set_auto_page_break(True, 18)

    def header(self):
        mode = self.s.get("pages")
        self.set_font("DejaVu", "", 8)
        if mode == "top":
            self.cell(0, 5, str(self.page_no()), align="C", new_x="LMARGIN", new_y="NEXT")
        elif mode == "dash-top" and self.page_no() > 1:
            self.cell(0, 5, f"- {self.page_no()} -", align="C", new_x="LMARGIN", new_y="NEXT")
        if self.s.get("running") and self.page_no() > 1:
            self.cell(0, 5, "Продолжение приложения к постановлению от 14.04.2025 № 356",
                      align="R", new_x="LMARGIN", new_y="NEXT")
        self.set_font("DejaVu", "", self.s["size"])

    def footer(self):
        mode = self.s.get("pages")
        if mode not in ("bottom", "bottom-of"):
            return
        self.set_y(-12)
        self.set_font("DejaVu", "", 8)
        text = (f"Страница {self.page_no()} из {{nb}}" if mode == "bottom-of"
                else str(self.page_no()))
        self.cell(0, 5, text, align="R" if mode == "bottom" else "C")


def fit_widths(pdf, plan, cols, share, width, size, pad):
    """Share `width` by `share`, but never below the widest word of a column."""
    lab = labels(plan)
    need = []
    for c in cols:
        pdf.set_font("DejaVu", "B", size)
        w = max(pdf.get_string_width(w) for w in lab[c].split())
        pdf.set_font("DejaVu", "", size)
        for kind, x in rows(plan):
            if kind == "measure":
                w = max([w] + [pdf.get_string_width(t) for t in value(x, c, "\n").split()])
        need.append(w + pad + 3)
    fixed = set()
    while True:
        free = [i for i in range(len(cols)) if i not in fixed]
        room = width - sum(need[i] for i in fixed)
        weight = sum(share[cols[i]] for i in free)
        widths = [need[i] if i in fixed else room * share[cols[i]] / weight
                  for i in range(len(cols))]
        short = [i for i in free if widths[i] < need[i]]
        if not short:
            return widths
        fixed.update(short)


def write_fpdf(plan, s, path, ruled=True):
    cols, lab = s["cols"], labels(plan)
    pdf = Doc(s, plan)
    pdf.add_page()
    size = s["size"]
    pdf.set_font("DejaVu", "", size - 1)
    if s.get("stamp", True):
        for line in plan["stamp"]:
            pdf.cell(0, 4.5, line, align="R", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    pdf.set_font("DejaVu", "B", size + 1)
    pdf.cell(0, 7, plan["head"], align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "B", size)
    pdf.multi_cell(0, size * 0.5, plan["rest"], align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("DejaVu", "", size)
    share = {"num": 1.2, "title": 7.0, "numtitle": 8.0, "when": 3.2, "resp": 5.5,
             "extra": 3.2, "empty": 2.5}
    if s.get("narrow"):
        share["num"] = 1.0
        share["when"] = 2.6
    width = s.get("width") or pdf.epw
    widths = fit_widths(pdf, plan, cols, share, width, size, 2 * 1.2 if ruled else 2 * 2.5)
    aligns = ["C" if c == "num" else ("J" if s.get("justify") and c == "title" else "L")
              for c in cols]
    kw = dict(width=width, col_widths=widths, text_align=aligns, line_height=size * 0.5,
              first_row_as_headings=True,
              padding=1.2 if ruled else (0.8, 2.5))
    if ruled:
        kw["borders_layout"] = TableBordersLayout.ALL
        kw["repeat_headings"] = (TableHeadingsDisplay.ON_TOP_OF_EVERY_PAGE if s.get("repeat")
                                 else TableHeadingsDisplay.NONE)
    else:
        kw["borders_layout"] = TableBordersLayout.NONE
        kw["repeat_headings"] = TableHeadingsDisplay.NONE
    from fpdf.fonts import FontFace
    kw["headings_style"] = FontFace(emphasis="BOLD")
    with pdf.table(**kw) as table:
        row = table.row()
        for c in cols:
            row.cell(lab[c], align="C" if ruled else "L")
        for kind, x in rows(plan):
            row = table.row()
            if kind == "section":
                row.cell(x, colspan=len(cols), align="C" if ruled else "L",
                         style=FontFace(emphasis="BOLD"))
            else:
                for c in cols:
                    row.cell(value(x, c, "\n"))
    pdf.ln(4)
    pdf.set_font("DejaVu", "", size)
    if plan.get("note"):
        pdf.multi_cell(0, size * 0.5, plan["note"], new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    for line in plan["signature"]:
        pdf.cell(0, size * 0.5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(path)
    return {}


# ---------------------------------------------------------------- LibreOffice

def libreoffice(jobs):
    """Convert (docx, pdf) pairs with one soffice run and fix their dates and IDs."""
    tmp = tempfile.mkdtemp(prefix="tune5-")
    try:
        srcs = []
        for k, (src, _) in enumerate(jobs):
            name = os.path.join(tmp, f"doc{k:02d}.docx")
            shutil.copy(src, name)
            srcs.append(name)
        subprocess.run(["soffice", f"-env:UserInstallation={LO_PROFILE}", "--headless",
                        "--convert-to", "pdf", "--outdir", tmp] + srcs,
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for k, (_, dst) in enumerate(jobs):
            with open(os.path.join(tmp, f"doc{k:02d}.pdf"), "rb") as f:
                data = f.read()
            with open(dst, "wb") as f:
                f.write(stabilise_pdf(data))
    finally:
        shutil.rmtree(tmp)


def stabilise_pdf(data):
    """Overwrite dates, /ID and /DocChecksum with fixed values of the same length."""
    def digits(m):
        fixed = iter(b"20250301090000" + b"0" * 40)
        return m.group(1) + re.sub(rb"\d", lambda _: bytes([next(fixed)]), m.group(2)) + m.group(3)
    data = re.sub(rb"(/(?:CreationDate|ModDate)\s*\(D:)([^)]*)(\))", digits, data)
    data = re.sub(rb"(<xmp:\w+Date>)([^<]*)(</xmp:\w+Date>)", digits, data)
    data = re.sub(rb"/DocChecksum\s*/[0-9A-Fa-f]+",
                  lambda m: re.sub(rb"/[0-9A-Fa-f]+$", lambda n: b"/" + b"0" * (len(n.group()) - 1),
                                   m.group()), data)
    data = re.sub(rb"(/ID\s*\[\s*<)([0-9A-Fa-f]+)(>\s*<)([0-9A-Fa-f]+)(>)",
                  lambda m: m.group(1) + b"0" * len(m.group(2)) + m.group(3)
                  + b"1" * len(m.group(4)) + m.group(5), data)
    return data


def pdftotext(path, layout=True):
    args = ["pdftotext"] + (["-layout"] if layout else []) + [path, "-"]
    return subprocess.run(args, check=True, capture_output=True).stdout.decode("utf-8")


# ---------------------------------------------------------------- driver

def q(text):
    """A double-quoted YAML scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def dump_expected(plan, path, caps=False):
    """Write the expected file in the hand-written style of the earlier sets."""
    data = P.expected(plan, caps)
    per = data["period"]
    out = [f"title: {q(data['title'])}",
           "period: " + (f"{{start: {per['start']}, end: {per['end']}}}" if per else "null"),
           "measures:"]
    for m in data["measures"]:
        out += [f"  - number: {q(m['number']) if m['number'] else 'null'}",
                f"    title: {q(m['title'])}",
                "    responsible: [" + ", ".join(q(a) for a in m["responsible"]) + "]",
                f"    timeframe: {q(m['timeframe'])}"]
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out) + "\n")
    with open(path, encoding="utf-8") as f:
        assert yaml.safe_load(f) == data, path


def build(plan, out, lo_jobs, meta):
    s = SETTINGS[plan["id"]]
    meta["text-tabs.txt"] = write_tabs(plan, s["tabs"], os.path.join(out, "text-tabs.txt"))
    meta["text-lines.txt"] = write_lines(plan, s["lines"], os.path.join(out, "text-lines.txt"))
    meta["text-lines-b.txt"] = write_lines(plan, s["lines_b"],
                                           os.path.join(out, "text-lines-b.txt"))
    meta["text-pipe.md"] = write_pipe(plan, s["pipe"], os.path.join(out, "text-pipe.md"))
    meta["page-site.html"] = write_page(plan, s["page"], os.path.join(out, "page-site.html"))
    meta["word-a.docx"] = write_docx(plan, s["word_a"], os.path.join(out, "word-a.docx"))
    meta["word-b.docx"] = write_docx(plan, s["word_b"], os.path.join(out, "word-b.docx"))
    meta["pdf-fpdf.pdf"] = write_fpdf(plan, s["fpdf"], os.path.join(out, "pdf-fpdf.pdf"))
    meta["pdf-unruled.pdf"] = write_fpdf(plan, s["unruled"],
                                         os.path.join(out, "pdf-unruled.pdf"), ruled=False)
    meta["pdf-unruled-b.pdf"] = write_fpdf(plan, s["unruled_b"],
                                           os.path.join(out, "pdf-unruled-b.pdf"), ruled=False)
    for key, name in (("lo", "pdf-libreoffice.pdf"), ("lo_b", "pdf-libreoffice-b.pdf")):
        src = s[key] + ".docx"
        lo_jobs.append((os.path.join(out, src), os.path.join(out, name)))
        meta[name] = {"caps": meta[src].get("caps", False), "from": src}


def finish(plan, out, meta):
    s = SETTINGS[plan["id"]]
    for key, name in (("pdftotext", "text-pdftotext.txt"), ("pdftotext_b", "text-pdftotext-b.txt")):
        src = s[key]
        with open(os.path.join(out, name), "w", encoding="utf-8", newline="") as f:
            f.write(pdftotext(os.path.join(out, src)))
        meta[name] = {"enc": "utf-8", "caps": meta[src].get("caps", False), "from": src}
    for name, m in meta.items():
        stem = name.rsplit(".", 1)[0]
        dump_expected(plan, os.path.join(out, stem + ".expected.yaml"), m.get("caps", False))


# ---------------------------------------------------------------- self-check

def file_text(path, m):
    if path.endswith(".pdf"):
        return pdftotext(path, False) + "\n" + pdftotext(path, True)
    if path.endswith(".docx"):
        z = zipfile.ZipFile(path)
        xml = z.read("word/document.xml").decode("utf-8")
        xml = re.sub(r"</w:p>", "\n", xml)
        return html.unescape(re.sub(r"<[^>]+>", "", xml))
    with open(path, "rb") as f:
        data = f.read()
    if path.endswith(".html"):
        enc = re.search(rb'<meta charset="([^"]+)"', data).group(1).decode()
        text = data.decode(enc)
        text = re.sub(r"<[^>]+>", " ", text)
        return html.unescape(text)
    text = data.decode(m["enc"])
    return text


def check(plan, out, meta, notes):
    problems = []
    for name, m in sorted(meta.items()):
        path = os.path.join(out, name)
        stem = name.rsplit(".", 1)[0]
        with open(os.path.join(out, stem + ".expected.yaml"), encoding="utf-8") as f:
            exp = yaml.safe_load(f)
        if name.endswith(".docx"):
            docx.Document(path)
        text = file_text(path, m)
        flat = re.sub(r"\s+", "", text)
        values = [exp["title"]]
        for ms in exp["measures"]:
            values += [ms["title"], ms["timeframe"]] + ms["responsible"]
            if ms["number"]:
                values.append(ms["number"])
        pdfish = name.endswith(".pdf") or name.startswith("text-pdftotext")
        for v in values:
            for tok in v.split():
                if tok in flat:
                    continue
                parts = [p for p in re.split(r"(?<=[-–])", tok) if p]
                if pdfish and len(parts) > 1 and all(p in flat for p in parts):
                    notes.append(f"{plan['id']}/{name}: {tok!r} broken after a hyphen or dash")
                    continue
                problems.append(f"{plan['id']}/{name}: token {tok!r} of {v[:50]!r} missing")
        if name in ("pdf-fpdf.pdf", "pdf-unruled.pdf", "pdf-unruled-b.pdf"):
            info = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
            pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
            if pages < 2:
                problems.append(f"{plan['id']}/{name}: only {pages} page")
    return problems


def main():
    if "--list" in sys.argv:
        for pid, s in SETTINGS.items():
            print(pid)
            for k, v in s.items():
                print(f"  {k}: {v}")
        return
    lo_jobs, metas, notes = [], {}, []
    for plan in P.PLANS:
        out = os.path.join(HERE, plan["id"])
        os.makedirs(out, exist_ok=True)
        metas[plan["id"]] = {}
        build(plan, out, lo_jobs, metas[plan["id"]])
    libreoffice(lo_jobs)
    problems = []
    for plan in P.PLANS:
        out = os.path.join(HERE, plan["id"])
        finish(plan, out, metas[plan["id"]])
        problems += check(plan, out, metas[plan["id"]], notes)
    for n in sorted(set(notes)):
        print("note:", n)
    for p in problems:
        print(p)
    print(f"{len(P.PLANS)} plans, {sum(len(m) for m in metas.values())} documents, "
          f"{len(problems)} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
