"""Generate the heldout6 documents and their expected YAML files from plans.py.

Why: a held-out set has to be rebuilt byte for byte from its sources, and its expected files
must come from the plan records, never from importer output. Run it from any folder;
``--list`` prints the layout settings of every plan.
"""

import html
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import docx
import yaml
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from fpdf import FPDF
from fpdf.fonts import FontFace

HERE = Path(__file__).resolve().parent
sys.dont_write_bytecode = True
sys.path.insert(0, str(HERE))
from plans import AGREED, PLANS, S  # noqa: E402

FONTS = Path("/usr/share/fonts/truetype/dejavu")
FIXED_DT = datetime(2026, 2, 2, 10, 0, 0, tzinfo=UTC)
LO_PROFILE = "file:///tmp/heldout6-lo"

# Width of each column kind, in relative units.
WIDTH = {"num": 1.3, "title": 7.6, "time": 3.6, "resp": 5.4, "result": 3.4, "fin": 4.2,
         "mark": 2.4, "note": 3.4, "ind": 3.4}
EXTRA_LABELS = {"mark": "Отметка о выполнении"}

# ------------------------------------------------------------------ layout settings
# Keys: tabs/lines/pipe/page/word-a/word-b/fpdf/unruled and which PDF feeds pdftotext.
# ``vcenter`` centres every cell vertically (w:vAlign in Word, MIDDLE in the PDFs);
# ``writer="reportlab"`` makes pdf-fpdf.pdf with reportlab instead of fpdf2.
SETTINGS = {
    "inkluziya-2026-2028": {
        "pdftotext": "pdf-fpdf", "libreoffice": "word-b",
        "tabs": dict(enc="utf-8", nl="\n", resp="semicolon", sec="first", pad=True,
                     title="split", stamp=True),
        "lines": dict(resp="lines", title="one", empty="skip", gap=True),
        "pipe": dict(resp="br", sec="first", title="h2"),
        "page": dict(enc="windows-1251", resp="p", title="split", stamp=True,
                     group=("Исполнение", ["resp", "time"])),
        "word-a": dict(title="split", where="above", stamp=True, colnums=True, repeat=True,
                       landscape=True, resp="agree_line", sec="merged", vcenter=True),
        "word-b": dict(title="one", where="inside", order=["num", "title", "time", "resp",
                       "result"], resp="lines_comma", sec="merged", size=11, repeat=True),
        "fpdf": dict(writer="reportlab", landscape=True, size=9, repeat=True, vcenter=True,
                     footer="Страница {n}", resp="lines", title="split", stamp=True),
        "unruled": dict(landscape=False, size=9, resp="lines", title="split", footer="{n}"),
    },
    "ekologiya-2027": {
        "pdftotext": "pdf-unruled", "libreoffice": "word-a",
        "tabs": dict(enc="cp1251", nl="\r\n", resp="lines_comma", sec="first", pad=False,
                     title="one"),
        "lines": dict(resp="semicolon", title="split", empty="skip"),
        "pipe": dict(resp="semicolon", sec="first", title="bold"),
        "page": dict(enc="utf-8", resp="br", title="one", stamp=True, rowspan=["fin"]),
        "word-a": dict(title="split", where="above", stamp=True, colnums=True,
                       landscape=True, resp="lines", sec="merged", repeat=True),
        "word-b": dict(title="one", where="inside", order=["num", "title", "resp", "time",
                       "fin"], resp="agree_line", sec="merged", size=12),
        "fpdf": dict(landscape=False, size=10, repeat=True, footer="- {n} -", resp="lines",
                     title="split", stamp=True, vcenter=True),
        "unruled": dict(landscape=True, size=10, resp="lines", title="one", vcenter=True,
                        footer_right="{n}"),
    },
    "psiholog-2025-2027": {
        "pdftotext": "pdf-libreoffice", "libreoffice": "word-b",
        "tabs": dict(enc="utf-8-sig", nl="\r\n", resp="lines", sec="numbered", pad=False,
                     title="split", stamp=True),
        "lines": dict(resp="lines", title="split", empty="blank"),
        "pipe": dict(resp="comma", sec="numbered", title="h1"),
        "page": dict(enc="utf-8", resp="br", title="split", sec="numbered", http_equiv=True),
        "word-a": dict(title="one", where="inside", colnums=True, repeat=True,
                       resp="lines", sec="numbered", vcenter=True),
        "word-b": dict(title="split", where="above", stamp=True, order=["num", "title",
                       "resp", "time", "ind"], landscape=True, resp="agree_line",
                       sec="numbered"),
        "fpdf": dict(writer="reportlab", landscape=False, size=9, repeat=True, colnums=True,
                     footer="{n}", resp="lines", title="split", sec="numbered"),
        "unruled": dict(landscape=True, size=10, justify=True, resp="lines",
                        title="split", sec="numbered", top_number=True),
    },
    "muzei-2027-2028": {
        "pdftotext": "pdf-fpdf", "libreoffice": "word-a",
        "tabs": dict(enc="utf-8", nl="\n", resp="semicolon", sec="second", pad=True,
                     title="split"),
        "lines": dict(resp="lines", title="one", empty="skip", gap=True),
        "pipe": dict(resp="br", sec="second", title="plain"),
        "page": dict(enc="windows-1251", resp="p", title="one", stamp=True),
        "word-a": dict(title="split", where="above", stamp=True, resp="agree_line",
                       sec="merged", group=("Мероприятие", ["num", "title"]), repeat=True,
                       size=12),
        "word-b": dict(title="caps", where="inside", order=["num", "title", "resp", "time"],
                       landscape=True, repeat=True, colnums=True, resp="comma",
                       sec="merged"),
        "fpdf": dict(landscape=True, size=10, repeat=True, vcenter=True,
                     footer="Страница {n} из {nb}", resp="lines", title="split",
                     stamp=True),
        "unruled": dict(landscape=False, size=10, resp="semicolon", title="split",
                        top_right_number=True),
    },
    "nastavnik-2025-2026": {
        "pdftotext": "pdf-libreoffice", "libreoffice": "word-a",
        "tabs": dict(enc="cp1251", nl="\r\n", resp="lines", sec="second", pad=True,
                     title="split", stamp=True, colnums=True),
        "lines": dict(resp="lines", title="split", empty="skip", stamp=True),
        "pipe": dict(resp="br", sec="second", title="h2"),
        "page": dict(enc="utf-8", resp="br", title="caps", stamp=True),
        "word-a": dict(title="split", where="above", stamp=True, group=("Исполнение",
                       ["time", "resp"]), colnums=True, repeat=True, landscape=True,
                       resp="lines", sec="merged", vcenter=True),
        "word-b": dict(title="one", where="inside", order=["num", "title", "resp", "time",
                       "result"], resp="agree_line", sec="merged", justify=True),
        "fpdf": dict(writer="reportlab", landscape=True, size=9, repeat=True, vcenter=True,
                     footer="{n}", resp="lines", title="one"),
        "unruled": dict(landscape=True, size=9, resp="comma", title="split", footer="{n}"),
    },
    "samoupr-no-year": {
        "pdftotext": "pdf-unruled", "libreoffice": "word-b",
        "tabs": dict(enc="utf-8-sig", nl="\r\n", resp="lines", sec="first", pad=False,
                     title="one", stamp=True),
        "lines": dict(resp="semicolon", title="split", empty="skip", stamp=True),
        "pipe": dict(resp="br", sec="first", title="bold"),
        "page": dict(enc="utf-8", resp="p", title="split", stamp=True),
        "word-a": dict(title="split", where="above", stamp=True, colnums=True,
                       resp="agree_line", sec="merged"),
        "word-b": dict(title="caps", where="inside", order=["title", "time", "resp"],
                       repeat=True, landscape=True, resp="lines", sec="merged",
                       vcenter=True),
        "fpdf": dict(landscape=False, size=11, repeat=True, footer="Страница {n} из {nb}",
                     resp="lines", title="caps", stamp=True),
        "unruled": dict(landscape=False, size=10, resp="lines", title="split",
                        vcenter=True, top_right_number=True),
    },
}


# ------------------------------------------------------------------ cell text
def strip_agreed(entry):
    return entry.replace(AGREED, "").strip().rstrip(",").strip()


def fmt_resp(entries, mode):
    """Print a responsible cell the way one real document does."""
    if mode == "lines":
        return "\n".join(entries)
    if mode == "lines_comma":
        return ",\n".join(entries)
    if mode == "semicolon":
        return "; ".join(entries)
    if mode == "comma":
        return ", ".join(entries)
    if mode == "agree_line":
        return "\n".join(e.replace(AGREED, "\n(по согласованию)") for e in entries)
    raise ValueError(mode)


def title_lines(plan, style):
    head, rest = plan["head"], plan["rest"]
    if style == "one":
        return [f"{head} {rest}"]
    if style == "split":
        return [head, rest]
    if style == "caps":
        return [head.upper(), rest]
    raise ValueError(style)


def printed_title(plan, style):
    return " ".join(" ".join(title_lines(plan, style)).split())


def layout_cols(plan, opt):
    labels = dict(plan["columns"])
    labels.update(EXTRA_LABELS)
    order = list(opt.get("order") or [k for k, _ in plan["columns"]])
    order += opt.get("extra", [])
    if opt.get("num_in_title"):
        order.remove("num")
    return order, labels


def measure_cells(row, cols, opt, resp_mode):
    cells = []
    for key in cols:
        if key == "num":
            cells.append(row.number or "")
        elif key == "title":
            prefix = f"{row.number} " if opt.get("num_in_title") and row.number else ""
            cells.append(prefix + row.title)
        elif key == "time":
            cells.append(row.timeframe)
        elif key == "resp":
            cells.append(fmt_resp(row.responsible, resp_mode))
        else:
            cells.append(row.extra.get(key, ""))
    return cells


def section_text(row):
    return f"{row.number} {row.text}" if row.number else row.text


def section_cells(row, cols, sec):
    """A section row as plain cells: 'first', 'second' or 'numbered'."""
    cells = [""] * len(cols)
    if sec == "numbered" and row.number and "num" in cols:
        cells[cols.index("num")] = row.number
        cells[cols.index("title")] = row.text
    elif sec == "second" or sec == "numbered":
        cells[cols.index("title")] = section_text(row)
    else:
        cells[0] = section_text(row)
    return cells


def total_cells(plan, cols):
    cells = [""] * len(cols)
    if plan.get("total") and "fin" in cols:
        cells[cols.index("title")] = plan["total"][0]
        cells[cols.index("fin")] = plan["total"][1]
        return cells
    return None


def grid(plan, opt, resp_mode=None):
    """Rows of (kind, cells) for the text layouts."""
    cols, labels = layout_cols(plan, opt)
    rows = []
    for row in plan["rows"]:
        if isinstance(row, S):
            rows.append(("section", section_cells(row, cols, opt.get("sec", "first"))))
        else:
            rows.append(("measure", measure_cells(row, cols, opt, resp_mode or opt["resp"])))
    total = total_cells(plan, cols)
    if total:
        rows.append(("total", total))
    return cols, labels, rows


# ------------------------------------------------------------------ expected files
def q(text):
    return json.dumps(text, ensure_ascii=False)


def expected_yaml(plan, style):
    out = [f"title: {q(printed_title(plan, style))}"]
    p = plan["period"]
    out.append("period: null" if p is None else f"period: {{start: {p['start']}, end: {p['end']}}}")
    out.append("measures:")
    for row in plan["rows"]:
        if isinstance(row, S):
            continue
        number = row.number.rstrip(".)") if row.number else None
        out.append(f"  - number: {q(number) if number else 'null'}")
        out.append(f"    title: {q(row.title)}")
        out.append("    responsible: [" + ", ".join(q(strip_agreed(r)) for r in row.responsible)
                   + "]")
        out.append(f"    timeframe: {q(row.timeframe)}")
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------ text layouts
def write_tabs(plan, opt, path):
    cols, labels, rows = grid(plan, opt)
    n = len(cols)
    pad = "\t" * (n - 1) if opt.get("pad") else ""

    def cell(c):
        return '"' + c.replace('"', '""') + '"' if ("\n" in c or '"' in c) else c

    lines = []
    if opt.get("stamp"):
        lines += ["\t" * (n - 1) + s for s in plan["stamp"]]
    lines += [t + pad for t in title_lines(plan, opt["title"])]
    lines.append("\t".join(cell(labels[k]) for k in cols))
    if opt.get("colnums"):
        lines.append("\t".join(str(i) for i in range(1, n + 1)))
    for _, cells in rows:
        lines.append("\t".join(cell(c) for c in cells))
    text = opt["nl"].join(lines) + opt["nl"]
    path.write_bytes(text.encode(opt["enc"]))


def write_lines(plan, opt, path):
    cols, labels, rows = grid(plan, opt)
    out = []
    if opt.get("stamp"):
        out += plan["stamp"] + [""]
    out += title_lines(plan, opt["title"]) + [""]
    out += [labels[k] for k in cols]
    for kind, cells in rows:
        if opt.get("gap"):
            out.append("")
        for c in cells:
            if c:
                out += c.split("\n")
            elif opt["empty"] == "blank" and kind == "measure":
                out.append("")
    for note in plan.get("notes", []):
        out += ["", note]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def write_pipe(plan, opt, path):
    resp = opt["resp"] if opt["resp"] in ("semicolon", "comma") else "lines"
    cols, labels, rows = grid(plan, dict(opt, resp=resp))
    head = title_lines(plan, pipe_title_style(opt))
    t = " ".join(head)
    out = []
    if opt["title"] == "h1":
        out += [f"# {t}", ""]
    elif opt["title"] == "h2":
        out += [f"## {t}", ""]
    elif opt["title"] == "bold":
        out += [f"**{t}**", ""]
    else:
        out += head + [""]
    out.append("| " + " | ".join(labels[k] for k in cols) + " |")
    out.append("|" + "|".join("---" for _ in cols) + "|")
    for kind, cells in rows:
        if kind != "measure":
            cells = [f"**{c}**" if c else "" for c in cells]
        out.append("| " + " | ".join(c.replace("\n", "<br>") for c in cells) + " |")
    for note in plan.get("notes", []):
        out += ["", note]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def pipe_title_style(opt):
    return "one" if opt["title"] in ("h1", "h2", "bold") else "split"


# ------------------------------------------------------------------ saved web page
PAGE_HEAD = """<!DOCTYPE html>
<html lang="ru">
<head>
{meta}
<title>Документы | {org}</title>
<link rel="stylesheet" href="/templates/gov/css/style.css?v=3.2">
<script>window.dataLayer = window.dataLayer || []; function ym(){{}}</script>
</head>
<body>
<div class="top-bar"><a href="/special/">Версия для слабовидящих</a> | <a href="/en/">English</a></div>
<header class="site-header"><div class="logo"><img src="/images/gerb.png" alt="Герб"></div>
<div class="site-name">{org}</div>
<form class="search" action="/search/"><input type="text" name="q" placeholder="Поиск по сайту"><button>Найти</button></form></header>
<nav class="main-menu"><ul><li><a href="/">Главная</a></li><li><a href="/about/">О нас</a></li><li><a href="/docs/">Документы</a></li><li><a href="/news/">Новости</a></li><li><a href="/contacts/">Контакты</a></li></ul></nav>
<div class="breadcrumbs"><a href="/">Главная</a> / <a href="/docs/">Документы</a> / Планы мероприятий</div>
<main class="content">
<h1>Документы</h1>
<div class="doc-date">Дата публикации: {pub}</div>
"""

PAGE_TAIL = """<div class="share">Поделиться: <a href="#">ВКонтакте</a> <a href="#">Одноклассники</a> <a href="#">Telegram</a></div>
<p class="print"><a href="javascript:window.print()">Версия для печати</a></p>
</main>
<aside class="sidebar"><h3>Полезные ссылки</h3><ul><li><a href="https://www.gosuslugi.ru/">Госуслуги</a></li><li><a href="/vacancy/">Вакансии</a></li><li><a href="/anticor/">Противодействие коррупции</a></li></ul></aside>
<footer class="site-footer">&copy; {org}. Все права защищены.<br>Адрес: ул. Советская, д. 15. Телефон: 8 (800) 000-00-00</footer>
<script>(function(){{var c=document.createElement('img');c.src='/counter?'+Math.random();}})();</script>
</body>
</html>
"""

ORGS = {
    "inkluziya-2026-2028": ("Министерство образования Заречной области", "23.12.2025"),
    "ekologiya-2027": ("Управление образования администрации города Луговска", "10.12.2026"),
    "psiholog-2025-2027": ("Отдел образования администрации Берёзовского муниципального района",
                           "29.01.2025"),
    "muzei-2027-2028": ("Управление образования администрации городского округа Каменногорск",
                        "18.01.2027"),
    "nastavnik-2025-2026": ("Министерство просвещения Верхнеречной области", "20.12.2024"),
    "samoupr-no-year": ("Управление образования Сольского муниципального округа", "3 сентября"),
}


def h(text):
    return html.escape(text, quote=False)


def html_cell(text, mode):
    if mode == "p" and "\n" in text:
        return "".join(f"<p>{h(part)}</p>" for part in text.split("\n"))
    return "<br>\n".join(h(part) for part in text.split("\n"))


def write_page(plan, opt, path):
    cols, labels = layout_cols(plan, opt)
    n = len(cols)
    org, pub = ORGS[plan["id"]]
    enc = opt["enc"]
    if opt.get("http_equiv"):
        meta = f'<meta http-equiv="Content-Type" content="text/html; charset={enc}">'
    else:
        meta = f'<meta charset="{enc}">'
    out = [PAGE_HEAD.format(meta=meta, org=h(org), pub=pub)]
    if opt.get("stamp"):
        out.append('<p style="text-align: right;">' + "<br>".join(h(s) for s in plan["stamp"])
                   + "</p>")
    tl = title_lines(plan, opt["title"])
    out.append('<p style="text-align: center;"><strong>' + "<br>\n".join(h(t) for t in tl)
               + "</strong></p>")
    out.append('<table border="1" cellpadding="4" cellspacing="0" class="doc-table" '
               'style="width: 100%;">')
    out.append("<thead>")
    group = opt.get("group")
    if group:
        label, members = group
        first = [c for c in cols if c not in members]
        row1, row2 = [], []
        placed = False
        for k in cols:
            if k in members:
                if not placed:
                    row1.append(f'<th colspan="{len(members)}">{h(label)}</th>')
                    placed = True
                row2.append(f"<th>{h(labels[k])}</th>")
            else:
                row1.append(f'<th rowspan="2">{h(labels[k])}</th>')
        assert first
        out.append("<tr>" + "".join(row1) + "</tr>")
        out.append("<tr>" + "".join(row2) + "</tr>")
    else:
        out.append("<tr>" + "".join(f"<th>{h(labels[k])}</th>" for k in cols) + "</tr>")
    out.append("</thead>\n<tbody>")
    # rowspan: merge equal consecutive cells of the listed columns inside a section.
    measures = plan["rows"]
    spans = {}
    for key in opt.get("rowspan", []):
        ci = cols.index(key)
        i = 0
        while i < len(measures):
            r = measures[i]
            if isinstance(r, S):
                i += 1
                continue
            text = measure_cells(r, cols, opt, "lines")[ci]
            j = i + 1
            while (j < len(measures) and not isinstance(measures[j], S)
                   and measure_cells(measures[j], cols, opt, "lines")[ci] == text):
                j += 1
            spans[(i, key)] = j - i
            for k in range(i + 1, j):
                spans[(k, key)] = 0
            i = j
    sec = opt.get("sec", "merged")
    for i, r in enumerate(measures):
        if isinstance(r, S):
            if sec == "numbered" and r.number and "num" in cols:
                out.append(f"<tr><td>{h(r.number)}</td><td colspan=\"{n - 1}\"><strong>"
                           f"{h(r.text)}</strong></td></tr>")
            else:
                out.append(f'<tr><td colspan="{n}" style="text-align: center;"><strong>'
                           f"{h(section_text(r))}</strong></td></tr>")
            continue
        cells = measure_cells(r, cols, opt, "lines")
        tds = []
        for k, c in zip(cols, cells):
            span = spans.get((i, k), 1)
            if span == 0:
                continue
            attr = f' rowspan="{span}"' if span > 1 else ""
            tds.append(f"<td{attr}>{html_cell(c, opt['resp'])}</td>")
        out.append("<tr>" + "".join(tds) + "</tr>")
    total = total_cells(plan, cols)
    if total:
        ti, fi = cols.index("title"), cols.index("fin")
        out.append(f'<tr><td colspan="{fi}" style="text-align: right;"><strong>'
                   f"{h(total[ti])}</strong></td><td><strong>{h(total[fi])}</strong></td>"
                   + "<td></td>" * (n - fi - 1) + "</tr>")
    out.append("</tbody>\n</table>")
    for note in plan.get("notes", []):
        out.append(f"<p><em>{h(note)}</em></p>")
    out.append('<p><a href="/upload/docs/plan.docx">Скачать документ (DOCX, 48 Кб)</a></p>')
    out.append(PAGE_TAIL.format(org=h(org)))
    text = "\n".join(out).replace(" – ", "&nbsp;– ")
    path.write_bytes(text.encode(enc, errors="xmlcharrefreplace"))


# ------------------------------------------------------------------ Word
def set_repeat(row):
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def fill(cell, text, bold=False, align=None, size=None):
    """Put text in a cell, one paragraph per line, as Word does on Enter."""
    parts = text.split("\n") if text else [""]
    cell.paragraphs[0].text = ""
    paras = [cell.paragraphs[0]] + [cell.add_paragraph() for _ in parts[1:]]
    for p, part in zip(paras, parts):
        run = p.add_run(part)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        if align is not None:
            p.alignment = align
        p.paragraph_format.space_after = Pt(0)


def write_word(plan, opt, path):
    d = docx.Document()
    style = d.styles["Normal"]
    style.font.name = "Times New Roman"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
    style.font.size = Pt(opt.get("size", 12))
    sect = d.sections[0]
    if opt.get("landscape"):
        sect.orientation = WD_ORIENT.LANDSCAPE
        sect.page_width, sect.page_height = Cm(29.7), Cm(21.0)
    else:
        sect.page_width, sect.page_height = Cm(21.0), Cm(29.7)
    sect.left_margin = Cm(2.0)
    sect.right_margin = Cm(1.5)
    sect.top_margin = sect.bottom_margin = Cm(1.5)
    usable = (sect.page_width - sect.left_margin - sect.right_margin)
    cols, labels = layout_cols(plan, opt)
    n = len(cols)
    widths = [WIDTH[k] for k in cols]
    widths = [int(usable * w / sum(widths)) for w in widths]
    resp_mode = opt["resp"]
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY if opt.get("justify") else None
    center = WD_ALIGN_PARAGRAPH.CENTER

    if opt.get("stamp"):
        for s in plan["stamp"]:
            p = d.add_paragraph(s)
            p.paragraph_format.left_indent = usable // 2 + Cm(3)
            p.paragraph_format.space_after = Pt(0)
        d.add_paragraph()
    tl = title_lines(plan, opt["title"])
    if opt["where"] == "above":
        for t in tl:
            p = d.add_paragraph()
            p.add_run(t).bold = True
            p.alignment = center
            p.paragraph_format.space_after = Pt(0)
        d.add_paragraph()

    table = d.add_table(rows=0, cols=n)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for col, w in zip(table.columns, widths):
        col.width = w

    def new_row():
        row = table.add_row()
        for c, w in zip(row.cells, widths):
            c.width = w
        return row

    if opt["where"] == "inside":
        row = new_row()
        cell = row.cells[0].merge(row.cells[-1])
        fill(cell, "\n".join(tl), bold=True, align=center)

    def header_rows():
        made = []
        group = opt.get("group")
        if group:
            label, members = group
            r1, r2 = new_row(), new_row()
            idx = [cols.index(m) for m in members]
            for i, k in enumerate(cols):
                if k not in members:
                    merged = r1.cells[i].merge(r2.cells[i])
                    fill(merged, labels[k], bold=True, align=center)
            top = r1.cells[idx[0]].merge(r1.cells[idx[-1]])
            fill(top, label, bold=True, align=center)
            for i in idx:
                fill(r2.cells[i], labels[cols[i]], bold=True, align=center)
            made += [r1, r2]
        else:
            r = new_row()
            for i, k in enumerate(cols):
                fill(r.cells[i], labels[k], bold=True, align=center)
            made.append(r)
        if opt.get("colnums"):
            r = new_row()
            for i in range(n):
                fill(r.cells[i], str(i + 1), align=center)
            made.append(r)
        return made

    for r in header_rows():
        if opt.get("repeat"):
            set_repeat(r)

    sec = opt.get("sec", "merged")
    for row in plan["rows"]:
        if isinstance(row, S):
            if opt.get("header_again") and row.number == opt["header_again"]:
                header_rows()
            r = new_row()
            if sec == "numbered" and row.number and "num" in cols:
                ni, ti = cols.index("num"), cols.index("title")
                fill(r.cells[ni], row.number, bold=True)
                fill(r.cells[ti], row.text, bold=True)
            else:
                cell = r.cells[0].merge(r.cells[-1])
                fill(cell, section_text(row), bold=True, align=center)
            continue
        r = new_row()
        for i, (k, c) in enumerate(zip(cols, measure_cells(row, cols, opt, resp_mode))):
            fill(r.cells[i], c, align=justify if k == "title" else None)
    total = total_cells(plan, cols)
    if total:
        r = new_row()
        for i, c in enumerate(total):
            fill(r.cells[i], c, bold=True)
    if opt.get("vcenter"):
        # Real plans centre every cell vertically (w:vAlign w:val="center").
        for r in table.rows:
            for c in r.cells:
                c.vertical_alignment = WD_ALIGN_VERTICAL.CENTER

    for note in plan.get("notes", []):
        d.add_paragraph()
        d.add_paragraph(note).runs[0].italic = True
    if plan.get("signature"):
        d.add_paragraph()
        d.add_paragraph(plan["signature"][0] + "\t\t\t\t" + plan["signature"][1])

    cp = d.core_properties
    cp.author = "user"
    cp.last_modified_by = "user"
    cp.created = cp.modified = cp.last_printed = FIXED_DT.replace(tzinfo=None)
    cp.revision = 1
    cp.title = ""
    buf = io.BytesIO()
    d.save(buf)
    stable_zip(buf.getvalue(), path)


def stable_zip(data, path):
    """Rewrite a docx archive with fixed member timestamps so the bytes never change."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=(2025, 3, 1, 9, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            dst.writestr(zi, src.read(info.filename))
    path.write_bytes(out.getvalue())


# ------------------------------------------------------------------ fpdf2
class PlanPDF(FPDF):
    """fpdf2 document with the page furniture one setting asks for."""

    def __init__(self, opt):
        super().__init__(orientation="L" if opt.get("landscape") else "P", unit="mm",
                         format="A4")
        self.opt = opt
        self.add_font("DejaVu", "", str(FONTS / "DejaVuSerifCondensed.ttf"))
        self.add_font("DejaVu", "B", str(FONTS / "DejaVuSerifCondensed-Bold.ttf"))
        self.add_font("DejaVu", "I", str(FONTS / "DejaVuSerifCondensed-Italic.ttf"))
        self.set_creation_date(FIXED_DT)
        self.set_margins(15, 15, 12)
        self.set_auto_page_break(True, margin=18)
        self.alias_nb_pages("{nb}")

    def header(self):
        o = self.opt
        if self.page_no() == 1:
            return
        self.set_font("DejaVu", "", 8)
        if o.get("top_number"):
            self.cell(0, 5, str(self.page_no()), align="C", new_x="LMARGIN", new_y="NEXT")
        if o.get("top_right_number"):
            self.cell(0, 5, str(self.page_no()), align="R", new_x="LMARGIN", new_y="NEXT")
        if o.get("running"):
            self.cell(0, 5, o["running"], align="R", new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def footer(self):
        o = self.opt
        self.set_y(-12)
        self.set_font("DejaVu", "", 8)
        if o.get("footer"):
            self.cell(0, 5, o["footer"].format(n=self.page_no(), nb="{nb}"), align="C")
        if o.get("footer_right"):
            self.cell(0, 5, o["footer_right"].format(n=self.page_no()), align="R")


TOO_WIDE = []


def prewrap(measure, text, width):
    """Break a word too wide for its column after a hyphen or dash, as Word does."""
    out = []
    for line in text.split("\n"):
        words = []
        for word in line.split(" "):
            while measure(word) > width:
                cuts = [i for i, ch in enumerate(word[:-1]) if ch in "-–"
                        and measure(word[: i + 1]) <= width]
                if not cuts:
                    TOO_WIDE.append(word)
                    break
                words.append(word[: cuts[-1] + 1] + "\n")
                word = word[cuts[-1] + 1:]
            words.append(word)
        out.append(" ".join(words).replace("\n ", "\n"))
    return "\n".join(out)


def write_fpdf(plan, opt, path, ruled):
    pdf = PlanPDF(opt)
    pdf.add_page()
    size = opt["size"]
    cols, labels = layout_cols(plan, opt)
    n = len(cols)
    if opt.get("stamp"):
        pdf.set_font("DejaVu", "", size - 1)
        for s in plan["stamp"]:
            pdf.set_x(pdf.w * 0.6)
            pdf.cell(0, size * 0.45, s, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    pdf.set_font("DejaVu", "B", size + 1)
    pdf.multi_cell(0, size * 0.5, "\n".join(title_lines(plan, opt["title"])), align="C",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("DejaVu", "", size)
    width = pdf.w - pdf.l_margin - pdf.r_margin
    widths = [WIDTH[k] for k in cols]
    widths = [width * w / sum(widths) for w in widths]
    aligns = ["J" if (k == "title" and opt.get("justify")) else "L" for k in cols]
    sec = opt.get("sec", "merged")
    heading_style = FontFace(emphasis="BOLD")
    with pdf.table(col_widths=widths, text_align=aligns, width=width,
                   borders_layout="ALL" if ruled else "NONE",
                   repeat_headings=1 if opt.get("repeat") else 0,
                   headings_style=heading_style, line_height=size * 0.45,
                   padding=1.2 if ruled else (0.6, 1.5),
                   v_align="MIDDLE" if opt.get("vcenter") else "TOP") as table:
        hr = table.row()
        pdf.set_font("DejaVu", "B", size)
        heads = [prewrap(pdf.get_string_width, labels[k], w - 3.5) for k, w in zip(cols, widths)]
        pdf.set_font("DejaVu", "", size)
        for text in heads:
            hr.cell(text, align="C")
        for row in plan["rows"]:
            r = table.row()
            if isinstance(row, S):
                bold = FontFace(emphasis="BOLD")
                if sec == "numbered" and row.number and "num" in cols:
                    r.cell(row.number, style=bold)
                    r.cell(row.text, style=bold, colspan=n - 1, align="L")
                else:
                    r.cell(section_text(row), style=bold, colspan=n, align="C")
                continue
            for c, w in zip(measure_cells(row, cols, opt, opt["resp"]), widths):
                r.cell(prewrap(pdf.get_string_width, c, w - 3.5))
        total = total_cells(plan, cols)
        if total:
            r = table.row()
            for c in total:
                r.cell(c, style=FontFace(emphasis="BOLD"))
    for note in plan.get("notes", []):
        pdf.ln(2)
        pdf.set_font("DejaVu", "I", size - 1)
        pdf.multi_cell(0, size * 0.45, note, new_x="LMARGIN", new_y="NEXT")
    if plan.get("signature"):
        pdf.ln(6)
        pdf.set_font("DejaVu", "", size)
        pdf.cell(width * 0.6, 6, plan["signature"][0])
        pdf.cell(0, 6, "_____________ " + plan["signature"][1], align="R",
                 new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))



# ------------------------------------------------------------------ reportlab
def write_reportlab(plan, opt, path):
    """pdf-fpdf.pdf made by reportlab: another writer's text runs, rules and page breaks."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    for name, file in (("RLSerif", "DejaVuSerifCondensed.ttf"),
                       ("RLSerif-Bold", "DejaVuSerifCondensed-Bold.ttf"),
                       ("RLSerif-Italic", "DejaVuSerifCondensed-Italic.ttf")):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(FONTS / file)))
    size = opt["size"]
    page = landscape(A4) if opt.get("landscape") else A4
    doc = SimpleDocTemplate(str(path), pagesize=page, leftMargin=20 * mm, rightMargin=12 * mm,
                            topMargin=15 * mm, bottomMargin=18 * mm, invariant=1,
                            title="", author="", subject="", creator="")
    body = ParagraphStyle("body", fontName="RLSerif", fontSize=size, leading=size * 1.2,
                          splitLongWords=0)
    bold = ParagraphStyle("bold", parent=body, fontName="RLSerif-Bold")
    centred = ParagraphStyle("centred", parent=bold, alignment=TA_CENTER)
    plain_c = ParagraphStyle("plainc", parent=body, alignment=TA_CENTER)
    just = ParagraphStyle("just", parent=body, alignment=TA_JUSTIFY)
    head = ParagraphStyle("head", parent=centred, fontSize=size + 1, leading=size * 1.4)
    stamp = ParagraphStyle("stamp", parent=body, fontSize=size - 1, leftIndent=page[0] * 0.55)
    pad = 3

    def para(text, style, w):
        text = prewrap(lambda s: pdfmetrics.stringWidth(s, style.fontName, style.fontSize),
                       text, w - 2 * pad - 1)
        return Paragraph(html.escape(text, quote=False).replace("\n", "<br/>"), style)

    story = []
    if opt.get("stamp"):
        story += [Paragraph("<br/>".join(h(s) for s in plan["stamp"]), stamp),
                  Spacer(1, 4 * mm)]
    story += [Paragraph("<br/>".join(h(t) for t in title_lines(plan, opt["title"])), head),
              Spacer(1, 4 * mm)]
    cols, labels = layout_cols(plan, opt)
    n = len(cols)
    width = page[0] - doc.leftMargin - doc.rightMargin
    widths = [width * WIDTH[k] / sum(WIDTH[c] for c in cols) for k in cols]
    data = [[para(labels[k], centred, w) for k, w in zip(cols, widths)]]
    if opt.get("colnums"):
        data.append([para(str(i + 1), plain_c, w) for i, w in enumerate(widths)])
    heads = len(data)
    style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE" if opt.get("vcenter") else "TOP"),
             ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
             ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    sec = opt.get("sec", "merged")
    for row in plan["rows"]:
        i = len(data)
        if isinstance(row, S):
            if sec == "numbered" and row.number and "num" in cols:
                data.append([para(row.number, bold, widths[0]),
                             para(row.text, bold, sum(widths[1:]))] + [""] * (n - 2))
                style.append(("SPAN", (1, i), (-1, i)))
            else:
                data.append([para(section_text(row), centred, width)] + [""] * (n - 1))
                style.append(("SPAN", (0, i), (-1, i)))
            continue
        cells = measure_cells(row, cols, opt, opt["resp"])
        data.append([para(c, just if (k == "title" and opt.get("justify")) else body, w)
                     for k, c, w in zip(cols, cells, widths)])
    total = total_cells(plan, cols)
    if total:
        data.append([para(c, bold, w) for c, w in zip(total, widths)])
    story.append(Table(data, colWidths=widths, repeatRows=heads if opt.get("repeat") else 0,
                       style=TableStyle(style)))
    italic = ParagraphStyle("italic", parent=body, fontName="RLSerif-Italic",
                            fontSize=size - 1)
    for note in plan.get("notes", []):
        story += [Spacer(1, 3 * mm), Paragraph(h(note), italic)]
    if plan.get("signature"):
        story += [Spacer(1, 8 * mm),
                  Table([[Paragraph(h(plan["signature"][0]), body),
                          Paragraph("_____________ " + h(plan["signature"][1]), body)]],
                        colWidths=[width * 0.6, width * 0.4])]

    def furniture(canvas, document):
        canvas.saveState()
        canvas.setFont("RLSerif", 8)
        canvas.drawCentredString(page[0] / 2, 10 * mm, opt["footer"].format(n=document.page))
        canvas.restoreState()

    doc.build(story, onFirstPage=furniture, onLaterPages=furniture)


# ------------------------------------------------------------------ LibreOffice
def libreoffice(jobs):
    """Convert every (docx, pdf) pair in one soffice run with a private profile."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        names = []
        for i, (src, _) in enumerate(jobs):
            name = tmp / f"doc{i}.docx"
            shutil.copyfile(src, name)
            names.append(str(name))
        subprocess.run(["soffice", f"-env:UserInstallation={LO_PROFILE}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(tmp), *names],
                       check=True, capture_output=True)
        for i, (_, dst) in enumerate(jobs):
            data = (tmp / f"doc{i}.pdf").read_bytes()
            dst.write_bytes(stable_lo_pdf(data))


def stable_lo_pdf(data):
    """Overwrite dates, /ID and /DocChecksum in place with values of the same length."""
    data = re.sub(rb"D:\d{14}", b"D:20250301090000", data)
    data = re.sub(rb"(/ID\s*\[\s*<)([0-9A-Fa-f]+)(>\s*<)([0-9A-Fa-f]+)(>)",
                  lambda m: m.group(1) + b"0" * len(m.group(2)) + m.group(3)
                  + b"0" * len(m.group(4)) + m.group(5), data)
    data = re.sub(rb"(/DocChecksum\s*/)([0-9A-Fa-f]+)",
                  lambda m: m.group(1) + b"0" * len(m.group(2)), data)
    return data


# ------------------------------------------------------------------ checks
def pdftext(path, layout):
    args = ["pdftotext"] + (["-layout"] if layout else []) + [str(path), "-"]
    return subprocess.run(args, check=True, capture_output=True).stdout.decode("utf-8")


def file_text(path, plan_id):
    name = path.name
    if name.endswith(".pdf"):
        return pdftext(path, False) + "\n" + pdftext(path, True)
    if name.endswith(".docx"):
        d = docx.Document(str(path))
        parts = [p.text for p in d.paragraphs]
        for t in d.tables:
            for row in t.rows:
                parts += [c.text for c in row.cells]
        return "\n".join(parts)
    raw = path.read_bytes()
    if name.endswith(".html"):
        charset = re.search(rb'charset="?([\w-]+)', raw).group(1).decode()
        text = raw.decode(charset)
        text = re.sub(r"<[^>]+>", " ", text)
        return html.unescape(text)
    if name.startswith("text-tabs"):
        enc = SETTINGS[plan_id]["tabs"]["enc"]
        return raw.decode(enc).replace('""', '"')
    return raw.decode("utf-8").replace("**", " ")


def norm(text):
    return " ".join(text.replace("\xa0", " ").split())


def check(folder, plan_id, notes):
    errors = []
    for exp in sorted(folder.glob("*.expected.yaml")):
        data = yaml.safe_load(exp.read_text(encoding="utf-8"))
        assert set(data) == {"title", "period", "measures"}, exp
        stem = exp.name[: -len(".expected.yaml")]
        docs = [p for p in folder.iterdir() if p.stem == stem and p.suffix != ".yaml"]
        assert len(docs) == 1, (exp, docs)
        doc = docs[0]
        text = norm(file_text(doc, plan_id))
        joined = re.sub(r"([-–])\s+", r"\1", text)
        strings = [data["title"]]
        for m in data["measures"]:
            strings += [m["number"] or "", m["title"], m["timeframe"], *m["responsible"]]
        for s in strings:
            for tok in s.split():
                if tok in text:
                    continue
                pdfish = doc.suffix == ".pdf" or doc.name.startswith("text-pdftotext")
                unhyphenated = [tok[:i] + tok[i + 1:] for i, ch in enumerate(tok) if ch == "-"]
                parts = re.findall(r"[^-–]+[-–]?", tok)
                if pdfish and (tok in joined or any(u in text for u in unhyphenated)
                               or all(p in text for p in parts)):
                    notes.append(f"{doc.relative_to(HERE)}: line break after a dash in {tok!r}")
                    continue
                errors.append(f"{doc.relative_to(HERE)}: token {tok!r} missing")
        if doc.name in ("pdf-fpdf.pdf", "pdf-unruled.pdf"):
            info = subprocess.run(["pdfinfo", str(doc)], capture_output=True, text=True).stdout
            pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
            if pages < 2 or (doc.name == "pdf-unruled.pdf" and pages > 3):
                errors.append(f"{doc.relative_to(HERE)}: {pages} pages")
    return errors


# ------------------------------------------------------------------ main
def build():
    lo_jobs = []
    for plan in PLANS:
        pid = plan["id"]
        st = SETTINGS[pid]
        folder = HERE / pid
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir()
        write_tabs(plan, st["tabs"], folder / "text-tabs.txt")
        write_lines(plan, st["lines"], folder / "text-lines.txt")
        write_pipe(plan, st["pipe"], folder / "text-pipe.md")
        write_page(plan, st["page"], folder / "page-site.html")
        write_word(plan, st["word-a"], folder / "word-a.docx")
        write_word(plan, st["word-b"], folder / "word-b.docx")
        if st["fpdf"].get("writer") == "reportlab":
            write_reportlab(plan, st["fpdf"], folder / "pdf-fpdf.pdf")
        else:
            write_fpdf(plan, st["fpdf"], folder / "pdf-fpdf.pdf", ruled=True)
        write_fpdf(plan, st["unruled"], folder / "pdf-unruled.pdf", ruled=False)
        lo_jobs.append((folder / f"{st['libreoffice']}.docx", folder / "pdf-libreoffice.pdf"))
        styles = {
            "text-tabs": st["tabs"]["title"],
            "text-lines": st["lines"]["title"],
            "text-pipe": pipe_title_style(st["pipe"]),
            "page-site": st["page"]["title"],
            "word-a": st["word-a"]["title"],
            "word-b": st["word-b"]["title"],
            "pdf-fpdf": st["fpdf"]["title"],
            "pdf-unruled": st["unruled"]["title"],
        }
        styles["pdf-libreoffice"] = styles[st["libreoffice"]]
        styles["text-pdftotext"] = styles[st["pdftotext"]]
        for stem, style in styles.items():
            (folder / f"{stem}.expected.yaml").write_text(expected_yaml(plan, style),
                                                          encoding="utf-8")
    libreoffice(lo_jobs)
    for plan in PLANS:
        folder = HERE / plan["id"]
        src = folder / f"{SETTINGS[plan['id']]['pdftotext']}.pdf"
        txt = subprocess.run(["pdftotext", "-layout", str(src), "-"], check=True,
                             capture_output=True).stdout
        (folder / "text-pdftotext.txt").write_bytes(txt)


def main():
    if "--list" in sys.argv:
        for pid, st in SETTINGS.items():
            print(pid)
            for k, v in st.items():
                print(f"  {k}: {v}")
        return 0
    build()
    notes, errors = [], []
    for plan in PLANS:
        errors += check(HERE / plan["id"], plan["id"], notes)
    errors += [f"fpdf would break a word inside: {w!r}" for w in TOO_WIDE]
    for n in notes:
        print("note:", n)
    for e in errors:
        print("error:", e)
    count = sum(1 for _ in HERE.glob("*/*.expected.yaml"))
    print(f"{count} documents, {len(errors)} errors, {len(notes)} notes")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
