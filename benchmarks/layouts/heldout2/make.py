"""Render the held-out set «heldout2» from plans.py into ten layouts per plan.

Written without reading the importer: each layout imitates a real way a plan table reaches
the project (copied text, pdftotext output, a saved web page, Word, PDF), and every
``<layout>.expected.yaml`` is derived from plans.py alone. Output is deterministic: there is
no randomness, docx archives get fixed timestamps and fpdf2 a fixed creation date.

Usage: python make.py [--no-soffice] [--list]
  --no-soffice  skip the LibreOffice conversion (pdf-libreoffice.pdf is then reported missing)
  --list        print every layout's quirks and exit
"""

import datetime as dt
import html
import json
import shutil
import subprocess
import sys
import tempfile
import textwrap
import zipfile
from pathlib import Path

import yaml
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from fpdf import FPDF

HERE = Path(__file__).resolve().parent
sys.dont_write_bytecode = True  # keep the folder free of __pycache__
sys.path.insert(0, str(HERE))
from plans import AGREED, PLANS, measures  # noqa: E402

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FIXED_TIME = dt.datetime(2024, 1, 15, 9, 0, 0, tzinfo=dt.timezone.utc)
LAYOUTS = ["text-tabs.txt", "text-spaces.txt", "text-lines.txt", "text-pipe.md", "page.html",
           "word-a.docx", "word-b.docx", "pdf-libreoffice.pdf", "pdf-fpdf.pdf",
           "pdf-unruled.pdf"]


# ----------------------------------------------------------------------------- text helpers

def ws(text):
    """Whitespace-normalise a printed string."""
    return " ".join(text.split())


def norm_number(number):
    """Printed number → expected number: trailing «.» or «)» dropped."""
    if number is None:
        return None
    number = number.strip()
    while number and number[-1] in ".)":
        number = number[:-1]
    return number


def clean_resp(name):
    """Expected responsible entry: «(по согласованию)» and trailing commas removed."""
    return ws(name.replace(AGREED, "")).rstrip(",;").strip()


def printed_title(plan, style):
    """The title exactly as a layout prints it (before line breaking)."""
    title = plan["title"]
    if style == "caps":
        return "ПЛАН " + title[len("План "):]
    if style == "upper":
        return title.upper()
    return title


def title_parts(plan, style):
    """Title split into the printed paragraphs («ПЛАН» on its own line for style caps)."""
    if style == "caps":
        return ["ПЛАН", plan["title"][len("План "):]]
    return [printed_title(plan, style)]


def section_full(sec):
    return f"{sec['num']} {sec['text']}"


def comma_safe(names):
    """Inline «, » joining is only unambiguous when no single name contains a comma."""
    return all("," not in n for n in names)


def resp_lines(names, mode, agree_own_line=False):
    """Printed lines of a responsible cell for one joining convention."""
    if mode == "comma":
        return [", ".join(names) if comma_safe(names) else "; ".join(names)]
    if mode == "semi":
        return ["; ".join(names)]
    out = []
    for i, name in enumerate(names):
        tail = "," if mode == "nl_comma" and i < len(names) - 1 else ""
        if agree_own_line and name.endswith(AGREED):
            out += [name[: -len(AGREED)].rstrip(), AGREED + tail]
        else:
            out.append(name + tail)
    return out


def cell_lines(m, field, cfg):
    """Logical (unwrapped) lines of one cell of measure ``m``."""
    if field == "num":
        return [m["number"] or ""]
    if field == "title":
        if cfg.get("inline_num") and m["number"]:
            return [f"{m['number']} {m['title']}"]
        return [m["title"]]
    if field == "resp":
        return resp_lines(m["responsible"], cfg.get("resp", "nl"), cfg.get("agree_own_line"))
    if field == "time":
        return [m["timeframe"]]
    if field == "extra":
        return [m["extra"]]
    if field == "dash":
        return ["–"]
    raise ValueError(field)


def cell_text(m, field, cfg):
    return "\n".join(cell_lines(m, field, cfg))


def fields(cfg):
    return [c[0] for c in cfg["cols"]]


def headers(cfg):
    return [c[1] for c in cfg["cols"]]


def widths(cfg):
    return [c[2] for c in cfg["cols"]]


def wrap(text, width):
    """Wrap at spaces only, never inside a word or after a dash."""
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [""]


def runs_of_equal(plan, cfg, field):
    """Map measure index → rowspan for consecutive equal cells within a section (0 = covered)."""
    spans, group = {}, []
    items = plan["items"]

    def flush():
        if group:
            spans[group[0]] = len(group)
            for j in group[1:]:
                spans[j] = 0
        group.clear()

    for i, item in enumerate(items):
        if item["kind"] == "section":
            flush()
            continue
        if group and cell_text(items[group[-1]], field, cfg) == cell_text(item, field, cfg):
            group.append(i)
        else:
            flush()
            group.append(i)
    flush()
    return spans


# ----------------------------------------------------------------------------- expected

def expected(plan, cfg):
    """What a perfect importer extracts from a layout rendered with ``cfg``."""
    numbered = "num" in fields(cfg) or cfg.get("inline_num")
    return {
        "title": ws(printed_title(plan, cfg.get("title_style", "plain"))),
        "period": ({"start": plan["period"][0], "end": plan["period"][1]}
                   if plan["period"] else None),
        "measures": [{
            "number": norm_number(m["number"]) if numbered else None,
            "title": ws(m["title"]),
            "responsible": [clean_resp(r) for r in m["responsible"]],
            "timeframe": ws(m["timeframe"]),
        } for m in measures(plan)],
    }


def q(value):
    """YAML scalar: JSON strings are valid YAML double-quoted scalars."""
    if value is None:
        return "null"
    return json.dumps(value, ensure_ascii=False)


def dump_expected(data):
    out = [f"title: {q(data['title'])}"]
    period = data["period"]
    out.append("period: null" if period is None else
               f"period: {{start: {period['start']}, end: {period['end']}}}")
    out.append("measures:")
    for m in data["measures"]:
        out.append(f"  - number: {q(m['number'])}")
        out.append(f"    title: {q(m['title'])}")
        out.append("    responsible: [" + ", ".join(q(r) for r in m["responsible"]) + "]")
        out.append(f"    timeframe: {q(m['timeframe'])}")
    return "\n".join(out) + "\n"


# ----------------------------------------------------------------------------- text-tabs

def excel_cell(text):
    """Quote a cell the way Excel does when copying to the clipboard."""
    if any(ch in text for ch in '"\n\t'):
        return '"' + text.replace('"', '""') + '"'
    return text


def render_tabs(plan, cfg):
    n = len(cfg["cols"])
    rows = []
    if cfg.get("stamp"):
        rows += [[s] for s in plan["stamp"]] + [[""]]
    for part in title_parts(plan, cfg.get("title_style", "plain")):
        rows.append([part] + [""] * (n - 1) if cfg.get("title_tabs") else [part])
    rows.append([""])
    rows.append(headers(cfg))
    if cfg.get("colnums"):
        rows.append([str(i + 1) for i in range(n)])
    flds = fields(cfg)
    for item in plan["items"]:
        if item["kind"] == "section":
            row = [""] * n
            where = cfg.get("section_tabs", "col0")
            if where == "split":
                row[flds.index("num")] = item["num"]
                row[flds.index("title")] = item["text"]
            elif where == "title":
                row[flds.index("title")] = section_full(item)
            else:
                row[0] = section_full(item)
            rows.append(row if cfg.get("section_pad", True) else [c for c in row if c])
            continue
        cells = [cell_text(item, f, cfg) for f in flds]
        if not cfg.get("excel_quote"):
            assert all("\n" not in c for c in cells), (plan["id"], "tabs cell with newline")
        rows.append(cells)
    conv = excel_cell if cfg.get("excel_quote") else (lambda s: s)
    eol = cfg.get("eol", "\n")
    text = eol.join("\t".join(conv(c) for c in row) for row in rows) + eol
    return ("\ufeff" if cfg.get("bom") else "") + text


# ----------------------------------------------------------------------------- text-spaces

class Grid:
    """Column positions of a pdftotext-like page."""

    def __init__(self, cfg, plan):
        self.fields = fields(cfg)
        self.widths = []
        for f, w, head in zip(self.fields, widths(cfg), headers(cfg)):
            # Never let a single word overflow its column.
            words = head.split() + [word for m in measures(plan) for line in cell_lines(m, f, cfg)
                                    for word in line.split()]
            self.widths.append(max([w] + [len(x) for x in words]))
        self.gap = cfg.get("gap", 3)
        self.margin = cfg.get("margin", 0)
        self.pos, x = [], self.margin
        for w in self.widths:
            self.pos.append(x)
            x += w + self.gap
        self.total = x - self.gap

    def compose(self, pieces):
        """pieces: list of (x, text) → one line."""
        line = ""
        for x, text in sorted(pieces):
            if not text:
                continue
            assert len(line) <= x, ("overlap", line, text)
            line = line.ljust(x) + text
        return line.rstrip()


def block_from_cells(grid, cols_lines, valign, fields_=None):
    wrapped = [[piece for line in lines for piece in wrap(line, w)]
               for lines, w in zip(cols_lines, grid.widths)]
    height = max(len(c) for c in wrapped)
    out = []
    offsets = []
    for i, col in enumerate(wrapped):
        field = fields_[i] if fields_ else None
        if valign == "middle" and field != "title":
            offsets.append((height - len(col)) // 2)
        elif valign == "bottom":
            offsets.append(height - len(col))
        else:
            offsets.append(0)
    for row in range(height):
        pieces = []
        for i, col in enumerate(wrapped):
            k = row - offsets[i]
            if 0 <= k < len(col):
                pieces.append((grid.pos[i], col[k]))
        out.append(grid.compose(pieces))
    return out


def center(text, width, margin=0):
    return (" " * (margin + max(0, (width - len(text)) // 2)) + text).rstrip()


def render_spaces(plan, cfg):
    grid = Grid(cfg, plan)
    flds = grid.fields
    top = []
    if cfg.get("stamp"):
        w = max(len(s) for s in plan["stamp"])
        top += [" " * (grid.total - w) + s for s in plan["stamp"]] + [""]
    for part in title_parts(plan, cfg.get("title_style", "plain")):
        top += [center(line, grid.total) for line in wrap(part, cfg.get("title_width", 90))]
    top.append("")
    header = block_from_cells(grid, [[h] for h in headers(cfg)], "bottom")
    colnums = [grid.compose([(grid.pos[i] + max(0, (grid.widths[i] - 1) // 2), str(i + 1))
                             for i in range(len(flds))])]
    head_block = header + (colnums if cfg.get("colnums") else [])
    if cfg.get("header_gap"):
        head_block = head_block + [""]

    blocks = []
    for item in plan["items"]:
        if item["kind"] == "section":
            how = cfg.get("section", "center")
            if how == "split":
                ti = flds.index("title")
                width = grid.total - grid.pos[ti]
                lines = wrap(item["text"], width)
                blk = [grid.compose([(grid.pos[flds.index("num")], item["num"]),
                                     (grid.pos[ti], lines[0])])]
                blk += [grid.compose([(grid.pos[ti], ln)]) for ln in lines[1:]]
            elif how == "title":
                ti = flds.index("title")
                blk = [grid.compose([(grid.pos[ti], ln)])
                       for ln in wrap(section_full(item), grid.total - grid.pos[ti])]
            else:
                blk = [center(ln, grid.total - grid.margin, grid.margin)
                       for ln in wrap(section_full(item), grid.total - 10)]
            blocks.append(("section", blk))
        else:
            cols_lines = [cell_lines(item, f, cfg) for f in flds]
            blocks.append(("row", block_from_cells(grid, cols_lines, cfg.get("valign", "top"),
                                                   flds)))
    sep = [""] if cfg.get("row_gap") else []

    page_lines = cfg.get("page_lines", 56)
    pages, cur = [], list(top) + head_block
    splits = 0

    def new_page():
        nonlocal cur
        pages.append(cur)
        cur = []
        if cfg.get("pagenum_pos") == "top":
            cur += ["@PAGENUM@", ""]
        if cfg.get("repeat_header"):
            cur += head_block
        elif cfg.get("repeat_colnums"):
            cur += colnums

    for kind, blk in blocks:
        blk = blk + sep
        if len(cur) + len(blk) > page_lines:
            room = page_lines - len(cur)
            if cfg.get("split_rows") and kind == "row" and room >= 2:
                cur += blk[:room]
                blk = blk[room:]
                splits += 1
            new_page()
        cur += blk
    pages.append(cur)
    assert splits or not cfg.get("split_rows"), (plan["id"], "no row was split; adjust page_lines")
    assert len(pages) >= 2, (plan["id"], "text-spaces must have a page break")

    total = len(pages)
    fmt = cfg.get("pagenum_fmt", "{n}")
    out = []
    for n, page in enumerate(pages, 1):
        num = fmt.format(n=n, total=total)
        show = n > 1 or cfg.get("first_pagenum", False)
        lines = [(center(num, grid.total) if show else "") if ln == "@PAGENUM@" else ln
                 for ln in page]
        if cfg.get("pagenum_pos", "bottom") != "top" and show:
            pos = cfg.get("pagenum_align", "center")
            lines += ["", "", center(num, grid.total) if pos == "center"
                      else num.rjust(grid.total)]
        text = "\n".join(lines) + "\n"
        out.append(text)
    joiner = "\f" if cfg.get("formfeed", True) else "\n\n\n"
    result = joiner.join(out)
    if cfg.get("formfeed", True):
        result += "\f"
    return result


# ----------------------------------------------------------------------------- text-lines

def render_lines(plan, cfg):
    lines = list(cfg.get("chrome_top", []))
    lines += title_parts(plan, cfg.get("title_style", "plain"))
    lines.append("")
    lines += headers(cfg)
    gap = cfg.get("row_gap", False)
    if gap:
        lines.append("")
    for item in plan["items"]:
        if item["kind"] == "section":
            if cfg.get("section_split"):
                lines += [item["num"], item["text"]]
            else:
                lines.append(section_full(item))
        else:
            for f in fields(cfg):
                text = cell_text(item, f, cfg)
                assert "\n" not in text
                lines.append(text)
        if gap:
            lines.append("")
    lines += cfg.get("chrome_bottom", [])
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------- markdown

def render_pipe(plan, cfg):
    flds = fields(cfg)
    n = len(flds)
    outer = cfg.get("outer_pipes", True)

    def row(cells):
        body = " | ".join(cells)
        return f"| {body} |" if outer else body

    out = []
    style = cfg.get("title_style", "plain")
    if cfg.get("md_title") == "bold":
        for part in title_parts(plan, style):
            out += [f"**{part}**", ""]
    else:
        out += ["# " + " ".join(title_parts(plan, style)), ""]
    if cfg.get("md_intro"):
        out += [cfg["md_intro"], ""]
    out.append(row(headers(cfg)))
    align = cfg.get("align", ["---"] * n)
    out.append(row(align))
    for item in plan["items"]:
        if item["kind"] == "section":
            cells = [""] * n
            how = cfg.get("section", "first")
            if how == "split":
                cells[flds.index("num")] = f"**{item['num']}**"
                cells[flds.index("title")] = f"**{item['text']}**"
            elif how == "title":
                cells[flds.index("title")] = f"**{section_full(item)}**"
            else:
                cells[0] = f"**{section_full(item)}**"
            out.append(row(cells))
            continue
        cells = [cell_text(item, f, cfg).replace("\n", "<br>") for f in flds]
        out.append(row(cells))
    out.append("")
    out += cfg.get("md_after", [])
    return "\n".join(out).rstrip("\n") + "\n"


# ----------------------------------------------------------------------------- html

def esc(text, cfg):
    """Escape like the site's CMS: optional named quote entities and &nbsp; before «г.»."""
    out = html.escape(text, quote=False)
    if cfg.get("entities"):
        out = out.replace("«", "&laquo;").replace("»", "&raquo;")
    if cfg.get("nbsp"):
        out = out.replace(" г.", "&nbsp;г.").replace("№ ", "№&nbsp;")
    return out


def html_cell_content(lines, cfg):
    def h(text):
        return esc(text, cfg)

    if cfg.get("mso"):
        return "".join(f'<p class="MsoNormal" style="margin:0;text-align:left">'
                       f'<span style="font-size:11.0pt">{h(ln)}</span></p>' for ln in lines)
    return "<br>".join(h(ln) for ln in lines) if cfg.get("br", True) else \
        "".join(f"<p>{h(ln)}</p>" for ln in lines)


def render_html(plan, cfg):
    def h(text):
        return esc(text, cfg)

    flds = fields(cfg)
    n = len(flds)
    site = cfg["site"]
    charset = cfg.get("charset", "utf-8")
    title_html = "<br>".join(h(p) for p in title_parts(plan, cfg.get("title_style", "plain")))
    heading = cfg.get("heading", "h1")
    out = [
        "<!DOCTYPE html>",
        '<html lang="ru">',
        "<head>",
        f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">',
        f"<title>{h(cfg.get('page_title', 'Документы'))} | {h(site)}</title>",
        '<link rel="stylesheet" href="/templates/site/css/template.css" type="text/css">',
        "<script>window.dataLayer = window.dataLayer || [];</script>",
        "</head>",
        "<body>",
        '<div id="header"><div class="logo"><a href="/">' + h(site) + "</a></div>",
        '<ul class="menu"><li><a href="/">Главная</a></li><li><a href="/vlast/">Власть</a></li>'
        '<li class="active"><a href="/documents/">Документы</a></li>'
        '<li><a href="/news/">Новости</a></li><li><a href="/contacts/">Контакты</a></li></ul>',
        '<form class="search" action="/search/"><input type="text" name="q" '
        'placeholder="Поиск по сайту"></form></div>',
        '<div class="breadcrumbs"><a href="/">Главная</a> &raquo; <a href="/documents/">'
        "Документы</a> &raquo; <span>" + h(cfg.get("crumb", "Планы мероприятий")) + "</span></div>",
        '<div id="content">',
        f'<{heading} class="page-title">{title_html}</{heading}>',
    ]
    out += cfg.get("html_intro", [])
    if cfg.get("responsive"):
        out.append('<div class="table-responsive">')
    out.append(f'<table border="1" cellspacing="0" cellpadding="4" '
               f'style="border-collapse:collapse;width:100%">')
    if cfg.get("caption"):
        out.append(f"<caption>{h(cfg['caption'])}</caption>")
    cell_tag = "th" if cfg.get("th", True) else "td"
    head_rows = cfg.get("header_rows") or [[(t, 1, 1) for t in headers(cfg)]]
    head_html = []
    for hr in head_rows:
        cells = []
        for text, cs, rs in hr:
            attrs = (f' colspan="{cs}"' if cs > 1 else "") + (f' rowspan="{rs}"' if rs > 1 else "")
            inner = h(text) if cell_tag == "th" else f"<strong>{h(text)}</strong>"
            cells.append(f"<{cell_tag}{attrs}>{inner}</{cell_tag}>")
        head_html.append("<tr>" + "".join(cells) + "</tr>")
    if cfg.get("thead", True):
        out += ["<thead>"] + head_html + ["</thead>", "<tbody>"]
    else:
        out += ["<tbody>"] + head_html
    spans = {f: runs_of_equal(plan, cfg, f) for f in cfg.get("rowspan", [])}
    assert all(max(sp.values()) > 1 for sp in spans.values()), (plan["id"], "no rowspan")
    for i, item in enumerate(plan["items"]):
        if item["kind"] == "section":
            if cfg.get("section") == "split":
                out.append(f'<tr><td>{h(item["num"])}</td><td colspan="{n - 1}">'
                           f'<strong>{h(item["text"])}</strong></td></tr>')
            else:
                out.append(f'<tr><td colspan="{n}" style="text-align:center">'
                           f'<strong>{h(section_full(item))}</strong></td></tr>')
            continue
        cells = []
        for f in flds:
            span = spans.get(f, {}).get(i, 1)
            if span == 0:
                continue
            attr = f' rowspan="{span}"' if span > 1 else ""
            cells.append(f"<td{attr}>{html_cell_content(cell_lines(item, f, cfg), cfg)}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out += ["</tbody>", "</table>"]
    if cfg.get("responsive"):
        out.append("</div>")
    out += cfg.get("html_after", [])
    out += [
        "</div>",
        '<div id="footer"><p>' + h(cfg.get("footer", site)) + "</p>"
        '<p><a href="/sitemap/">Карта сайта</a> | <a href="/accessibility/">Версия для '
        "слабовидящих</a></p></div>",
        "</body>",
        "</html>",
    ]
    return ("\n".join(out) + "\n").encode(charset)


# ----------------------------------------------------------------------------- docx

def set_cell_text(cell, lines, bold=False, italic=False, align=None, mode="paras", size=None):
    """Fill a cell: one paragraph per line (mode paras) or line breaks (mode breaks)."""
    cell.paragraphs[0].text = ""
    groups = [lines] if mode == "breaks" else [[ln] for ln in lines]
    for gi, group in enumerate(groups):
        para = cell.paragraphs[0] if gi == 0 else cell.add_paragraph()
        if align is not None:
            para.alignment = align
        para.paragraph_format.space_after = Pt(0)
        for li, ln in enumerate(group):
            run = para.add_run(ln)
            run.bold, run.italic = bold, italic
            if size:
                run.font.size = Pt(size)
            if li < len(group) - 1:
                run.add_break()


def mark_header_row(row):
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def fix_docx(path):
    """Rewrite the archive with fixed timestamps so the file is byte-stable."""
    with zipfile.ZipFile(path) as zin:
        entries = [(info.filename, zin.read(info.filename)) for info in zin.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 15, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(info, data)


def render_docx(plan, cfg, path):
    doc = Document()
    cp = doc.core_properties
    cp.author = cfg.get("author", "")
    cp.last_modified_by = cp.author
    cp.created = cp.modified = FIXED_TIME.replace(tzinfo=None)
    cp.revision = 1
    cp.title = ""
    normal = doc.styles["Normal"]
    normal.font.name = cfg.get("font", "Times New Roman")
    normal.font.size = Pt(cfg.get("font_size", 12))
    sec = doc.sections[0]
    if cfg.get("landscape"):
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = Mm(297), Mm(210)
    else:
        sec.page_width, sec.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(sec, side, Mm(cfg.get("margin_mm", 20)))

    if cfg.get("stamp"):
        for s in plan["stamp"]:
            p = doc.add_paragraph(s)
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            p.paragraph_format.space_after = Pt(0)
        doc.add_paragraph()
    style = cfg.get("title_style", "plain")
    if not cfg.get("title_in_table"):
        for part in title_parts(plan, style):
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.space_after = Pt(0)
            p.add_run(part).bold = True
        doc.add_paragraph()

    flds = fields(cfg)
    n = len(flds)
    table = doc.add_table(rows=0, cols=n)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    col_w = [Mm(w) for w in widths(cfg)]
    for column, w in zip(table.columns, col_w):
        column.width = w  # w:gridCol, which LibreOffice uses for layout
    size = cfg.get("table_font_size", 11)

    def add_row():
        row = table.add_row()
        for i, c in enumerate(row.cells):
            c.width = col_w[i]
        return row

    if cfg.get("title_in_table"):
        row = add_row()
        cell = row.cells[0].merge(row.cells[-1])
        set_cell_text(cell, title_parts(plan, style), bold=True,
                      align=WD_ALIGN_PARAGRAPH.CENTER, size=size + 1)

    head_rows = cfg.get("header_rows") or [[(t, 1, 1) for t in headers(cfg)]]
    first_head = len(table.rows)
    occupied = set()
    placements = []
    for r, spec in enumerate(head_rows):
        add_row()
        c = 0
        for text, cs, rs in spec:
            while (r, c) in occupied:
                c += 1
            placements.append((r, c, cs, rs, text))
            for dr in range(rs):
                for dc in range(cs):
                    occupied.add((r + dr, c + dc))
            c += cs
    for r, c, cs, rs, text in placements:
        a = table.cell(first_head + r, c)
        b = table.cell(first_head + r + rs - 1, c + cs - 1)
        cell = a.merge(b) if (cs > 1 or rs > 1) else a
        set_cell_text(cell, [text], bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=size)
    if cfg.get("colnums"):
        row = add_row()
        for i in range(n):
            set_cell_text(row.cells[i], [str(i + 1)], align=WD_ALIGN_PARAGRAPH.CENTER, size=size)
    if cfg.get("repeat_header"):
        for row in table.rows[: len(table.rows)]:
            mark_header_row(row)

    mode = cfg.get("docx_mode", "paras")
    vmerge = {f: runs_of_equal(plan, cfg, f) for f in cfg.get("vmerge", [])}
    assert all(max(sp.values()) > 1 for sp in vmerge.values()), (plan["id"], "no vmerge")
    row_of = {}
    for i, item in enumerate(plan["items"]):
        row = add_row()
        if item["kind"] == "section":
            if cfg.get("section") == "split" and "num" in flds:
                ni = flds.index("num")
                set_cell_text(row.cells[ni], [item["num"]], bold=True, size=size)
                rest = row.cells[ni + 1].merge(row.cells[-1])
                set_cell_text(rest, [item["text"]], bold=True, size=size)
            else:
                cell = row.cells[0].merge(row.cells[-1])
                lvl2 = item.get("level", 1) == 2
                set_cell_text(cell, [section_full(item)], bold=not lvl2, italic=lvl2,
                              align=(WD_ALIGN_PARAGRAPH.LEFT if cfg.get("section_left")
                                     else WD_ALIGN_PARAGRAPH.CENTER), size=size)
            continue
        row_of[i] = row
        for ci, f in enumerate(flds):
            span = vmerge.get(f, {}).get(i, 1)
            if span == 0:
                continue
            align = WD_ALIGN_PARAGRAPH.CENTER if f in ("num", "time", "extra") and \
                cfg.get("center_small") else None
            set_cell_text(row.cells[ci], cell_lines(item, f, cfg), align=align, mode=mode,
                          size=size)
    # Vertical merges once all rows exist.
    for f, spans in vmerge.items():
        ci = flds.index(f)
        for i, span in spans.items():
            if span > 1:
                top = row_of[i].cells[ci]
                bottom = row_of[i + span - 1].cells[ci]
                top.merge(bottom)

    for para in cfg.get("after", []):
        p = doc.add_paragraph(para)
        p.paragraph_format.space_after = Pt(0)
    doc.save(path)
    fix_docx(path)


# ----------------------------------------------------------------------------- fpdf

class PlanPDF(FPDF):
    pagenum_fmt = "{n}"
    pagenum_first = False

    def footer(self):
        if self.page_no() == 1 and not self.pagenum_first:
            return
        self.set_y(-12)
        self.set_font("DejaVu", "", 8)
        self.cell(0, 5, self.pagenum_fmt.format(n=self.page_no(), total="{nb}"), align="C")


def new_pdf(cfg):
    pdf = PlanPDF(orientation="L" if cfg.get("landscape") else "P", unit="mm", format="A4")
    pdf.pagenum_fmt = cfg.get("pagenum_fmt", "{n}")
    pdf.pagenum_first = cfg.get("first_pagenum", False)
    pdf.set_creation_date(FIXED_TIME)
    pdf.set_creator("Writer")
    pdf.set_auto_page_break(False)
    pdf.set_margins(15, 15, 15)
    font = cfg.get("pdf_font", "DejaVuSans")
    pdf.add_font("DejaVu", "", str(FONT_DIR / f"{font}.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / f"{font}-Bold.ttf"))
    pdf.alias_nb_pages()
    pdf.add_page()
    return pdf


def wrap_mm(pdf, text, width):
    lines, cur = [], ""
    for word in text.split():
        cand = f"{cur} {word}" if cur else word
        assert pdf.get_string_width(word) <= width, ("word wider than its column", word)
        if pdf.get_string_width(cand) <= width or not cur:
            cur = cand
        else:
            lines.append(cur)
            cur = word
    lines.append(cur)
    return lines


def render_pdf(plan, cfg, path, ruled):
    pdf = new_pdf(cfg)
    fs = cfg.get("pdf_font_size", 9)
    lh = fs * 0.3528 * 1.25
    pad = 1.2 if ruled else 0.0
    gap = 0 if ruled else cfg.get("col_gap", 4)
    ws_ = widths(cfg)
    flds = fields(cfg)
    x0 = pdf.l_margin
    xs, x = [], x0
    for w in ws_:
        xs.append(x)
        x += w + gap
    table_w = x - gap - x0
    assert table_w <= pdf.w - pdf.l_margin - pdf.r_margin + 0.01, (plan["id"], "too wide")
    bottom = pdf.h - 18

    if cfg.get("stamp"):
        pdf.set_font("DejaVu", "", fs)
        sw = max(pdf.get_string_width(s) for s in plan["stamp"])
        for s in plan["stamp"]:
            pdf.set_xy(x0 + table_w - sw, pdf.get_y())
            pdf.cell(sw, lh, s)
            pdf.ln(lh)
        pdf.ln(lh)
    pdf.set_font("DejaVu", "B", fs + 2)
    for part in title_parts(plan, cfg.get("title_style", "plain")):
        for line in wrap_mm(pdf, part, table_w * 0.8):
            pdf.set_x(x0)
            pdf.cell(table_w, lh * 1.2, line, align="C")
            pdf.ln(lh * 1.2)
    pdf.ln(lh)

    def draw_row(cols_lines, bold=False, align_center=(), colspan_all=False):
        pdf.set_font("DejaVu", "B" if bold else "", fs)
        if colspan_all:
            wrapped = [[ln for line in cols_lines[0] for ln in wrap_mm(pdf, line,
                                                                        table_w - 2 * pad)]]
            cols = [(x0, table_w)]
        else:
            wrapped = [[ln for line in lines for ln in wrap_mm(pdf, line, w - 2 * pad)]
                       for lines, w in zip(cols_lines, ws_)]
            cols = list(zip(xs, ws_))
        height = max(len(c) for c in wrapped) * lh + 2 * pad
        y = pdf.get_y()
        for ci, ((cx, cw), lines) in enumerate(zip(cols, wrapped)):
            if ruled:
                pdf.rect(cx, y, cw, height)
            for li, line in enumerate(lines):
                pdf.set_xy(cx + pad, y + pad + li * lh)
                centered = colspan_all or ci in align_center
                pdf.cell(cw - 2 * pad, lh, line, align="C" if centered else "L")
        pdf.set_y(y + height + (0 if ruled else cfg.get("row_space", 1.5)))
        return height

    def row_height(cols_lines, colspan_all=False):
        pdf.set_font("DejaVu", "", fs)
        if colspan_all:
            return len(wrap_mm(pdf, cols_lines[0][0], table_w - 2 * pad)) * lh + 2 * pad
        return max(len([ln for line in lines for ln in wrap_mm(pdf, line, w - 2 * pad)])
                   for lines, w in zip(cols_lines, ws_)) * lh + 2 * pad

    def draw_header():
        draw_row([[hh] for hh in headers(cfg)], bold=True, align_center=range(len(flds)))
        if cfg.get("colnums"):
            draw_row([[str(i + 1)] for i in range(len(flds))], align_center=range(len(flds)))
        if not ruled:
            pdf.ln(lh * 0.5)

    draw_header()
    for item in plan["items"]:
        if item["kind"] == "section":
            lines = [[section_full(item)]]
            need = row_height(lines, colspan_all=True)
        else:
            lines = [cell_lines(item, f, cfg) for f in flds]
            need = row_height(lines)
        if pdf.get_y() + need > bottom:
            pdf.add_page()
            if cfg.get("repeat_header"):
                draw_header()
        if item["kind"] == "section":
            if ruled:
                draw_row(lines, bold=True, colspan_all=True)
            else:
                pdf.set_font("DejaVu", "B", fs)
                ti = flds.index("title")
                pdf.set_xy(xs[ti], pdf.get_y() + lh * 0.3)
                pdf.cell(table_w - (xs[ti] - x0), lh, section_full(item))
                pdf.set_y(pdf.get_y() + lh * 1.6)
        else:
            draw_row(lines, align_center=[i for i, f in enumerate(flds)
                                          if f in cfg.get("center_fields", ())])
    if cfg.get("after"):
        pdf.ln(lh * 2)
        pdf.set_font("DejaVu", "", fs)
        for para in cfg["after"]:
            if pdf.get_y() + lh > bottom:
                pdf.add_page()
            pdf.set_x(x0)
            pdf.cell(table_w, lh, para)
            pdf.ln(lh)
    pdf.output(str(path))
    return pdf.page_no()


# ----------------------------------------------------------------------------- styles

def cols(*spec):
    """cols(("num", "№ п/п", 6), ...) → list of (field, header, width)."""
    return list(spec)


SIGN = {
    "patriot-2024-2026": "Начальник Управления образования                    Е.А. Сорокина",
    "extremism-2025": "Секретарь антитеррористической комиссии                    О.Н. Рябова",
    "pitanie-2025-26": "Начальник отдела образования                    И.В. Дроздова",
    "biblioteki-no-year": "Начальник Управления культуры                    Г.П. Соловьёва",
    "otoplenie-2024-2025": "Глава Верхнесольского городского поселения                    "
                           "С.Н. Ермаков",
    "cifra-2025-2027": "Министр образования Староборской области                    "
                       "Р.А. Голованов",
}

STYLES = {
    # 1 -------------------------------------------------------------- patriot (roman, «1.1.»)
    "patriot-2024-2026": {
        "text-tabs.txt": dict(
            cols=cols(("num", "№ п/п", 0), ("title", "Наименование мероприятия", 0),
                      ("resp", "Ответственные исполнители", 0), ("time", "Срок исполнения", 0),
                      ("extra", "Ожидаемый результат", 0)),
            title_style="caps", stamp=True, colnums=True, section_tabs="col0", resp="semi",
            bom=True, eol="\r\n",
            quirks="BOM, CRLF, approval stamp, «ПЛАН» on its own line, column-number row, "
                   "section text in the first cell, responsible joined with «; »"),
        "text-spaces.txt": dict(
            cols=cols(("num", "№ п/п", 5), ("title", "Наименование мероприятия", 46),
                      ("resp", "Ответственные исполнители", 32),
                      ("time", "Срок исполнения", 12), ("extra", "Ожидаемый результат", 24)),
            stamp=True, resp="nl", repeat_header=True, formfeed=True, page_lines=58,
            section="center", header_gap=True,
            quirks="approval stamp at right, wrapped centred title, header wrapped over two "
                   "lines and repeated on every page, form feeds, centred page number, "
                   "centred section rows, one responsible per line, cells wrap in columns"),
        "text-lines.txt": dict(
            cols=cols(("num", "№", 0), ("title", "Мероприятие", 0), ("time", "Срок", 0),
                      ("resp", "Ответственные", 0)),
            resp="comma",
            chrome_top=["Главная / Документы / Социальная сфера", ""],
            chrome_bottom=["", "Дата публикации: 15.01.2024", "Версия для печати"],
            quirks="breadcrumb and publication date around the table, column order "
                   "№/Мероприятие/Срок/Ответственные, responsible joined with «, » unless a "
                   "name holds a comma (then «; »)"),
        "text-pipe.md": dict(
            cols=cols(("num", "№", 0), ("title", "Наименование мероприятия", 0),
                      ("resp", "Исполнители", 0), ("time", "Сроки", 0),
                      ("extra", "Результат", 0)),
            resp="nl", section="title", align=[":-:", ":--", ":--", ":-:", ":--"],
            quirks="# heading title, alignment row with colons, <br> between responsible, "
                   "bold section text in the title column"),
        "page.html": dict(
            cols=cols(("num", "№ п/п", 0), ("title", "Наименование мероприятия", 0),
                      ("time", "Срок исполнения", 0), ("resp", "Ответственные исполнители", 0)),
            site="Администрация Березовоярского муниципального округа", resp="nl", mso=True,
            rowspan=["time"], nbsp=True, crumb="Патриотическое воспитание",
            html_intro=['<p class="date">15.01.2024</p>'],
            quirks="site chrome, Word-pasted <p class=MsoNormal> cells, &nbsp;, colspan section "
                   "rows, rowspan on equal consecutive deadlines, no result column"),
        "word-a.docx": dict(
            cols=cols(("num", "№ п/п", 14), ("title", "Наименование мероприятия", 95),
                      ("resp", "Ответственные исполнители", 70), ("time", "Срок исполнения", 36),
                      ("extra", "Ожидаемый результат", 42)),
            header_rows=[[("№ п/п", 1, 2), ("Наименование мероприятия", 1, 2),
                          ("Исполнение", 2, 1), ("Ожидаемый результат", 1, 2)],
                         [("Ответственные исполнители", 1, 1), ("Срок исполнения", 1, 1)]],
            title_style="caps", stamp=True, colnums=True, landscape=True, resp="nl_comma",
            docx_mode="paras", repeat_header=True, center_small=True,
            quirks="landscape, approval stamp, two-row header («Исполнение» over two columns), "
                   "column-number row, header rows repeat on each page, merged section rows, "
                   "responsible one paragraph each ending with a comma"),
        "word-b.docx": dict(
            cols=cols(("num", "№", 10), ("title", "Содержание мероприятия", 70),
                      ("time", "Срок реализации", 28), ("resp", "Ответственные", 42),
                      ("extra", "Результат", 30)),
            title_in_table=True, resp="nl", agree_own_line=True, docx_mode="breaks",
            section_left=True, table_font_size=10, margin_mm=15,
            after=["", SIGN["patriot-2024-2026"]],
            quirks="title in the first merged table row, deadline before responsible, "
                   "responsible separated by line breaks with «(по согласованию)» on its own "
                   "line, left-aligned section rows, signature line after the table"),
        "pdf-libreoffice.pdf": dict(source="word-a.docx"),
        "pdf-fpdf.pdf": dict(
            cols=cols(("num", "№ п/п", 12), ("title", "Наименование мероприятия", 72),
                      ("resp", "Ответственные исполнители", 60), ("time", "Срок исполнения", 36)),
            title_style="caps", resp="nl", repeat_header=True, pagenum_fmt="Страница {n}",
            center_fields=("num",),
            quirks="portrait ruled table, header repeated, one responsible per line, "
                   "«Страница N» footer, no result column"),
        "pdf-unruled.pdf": dict(
            cols=cols(("num", "№", 12), ("title", "Мероприятие", 88), ("time", "Срок", 36),
                      ("resp", "Исполнители", 70), ("extra", "Результат", 45)),
            landscape=True, resp="nl_comma", pagenum_fmt="- {n} -", col_gap=4,
            quirks="landscape, no rules, header only on page 1, responsible lines ending with "
                   "commas, section rows in bold in the title column"),
    },
    # 2 -------------------------------------------------------------- extremism (flat «1.»)
    "extremism-2025": {
        "text-tabs.txt": dict(
            cols=cols(("num", "№ п/п", 0), ("title", "Наименование мероприятия", 0),
                      ("resp", "Исполнитель", 0), ("time", "Срок исполнения", 0),
                      ("extra", "Отметка о выполнении", 0)),
            excel_quote=True, title_tabs=True, resp="nl",
            quirks="copied from Excel: cells with quotes or newlines are quoted with doubled "
                   "\"\", multi-line responsible inside quoted cells, title row padded with "
                   "tabs, empty last column"),
        "text-spaces.txt": dict(
            cols=cols(("num", "№", 4), ("title", "Наименование мероприятия", 50),
                      ("time", "Срок исполнения", 18), ("resp", "Исполнитель", 38)),
            stamp=True, resp="nl", valign="middle", row_gap=True, formfeed=False,
            repeat_colnums=True, colnums=True, split_rows=True, page_lines=52,
            pagenum_fmt="Страница {n} из {total}", pagenum_align="right", first_pagenum=True,
            quirks="no form feeds, «Страница N из M» at right, number and deadline vertically "
                   "centred, column-number row repeated instead of the header, rows split "
                   "across pages, blank line between rows"),
        "text-lines.txt": dict(
            cols=cols(("num", "№ п/п", 0), ("title", "Наименование мероприятия", 0),
                      ("resp", "Исполнитель", 0), ("time", "Срок исполнения", 0)),
            resp="comma", row_gap=True,
            quirks="blank line after every row, responsible joined with «, »"),
        "text-pipe.md": dict(
            cols=cols(("num", "№", 0), ("title", "Мероприятие", 0), ("resp", "Исполнитель", 0),
                      ("time", "Срок", 0)),
            resp="semi", md_title="bold",
            quirks="bold paragraph title, responsible joined with «; »"),
        "page.html": dict(
            cols=cols(("title", "Наименование мероприятия", 0), ("time", "Срок", 0),
                      ("resp", "Ответственный исполнитель", 0)),
            site="Официальный сайт администрации городского округа Краснозаводск",
            title_style="caps", heading="h2", resp="nl", br=False, th=False, thead=False,
            footer="© Администрация городского округа Краснозаводск, 2008–2025",
            quirks="no № column (numbers null), «ПЛАН<br>мероприятий» heading, header as "
                   "<td><strong> without <thead>, <p> per responsible, years in the footer"),
        "word-a.docx": dict(
            cols=cols(("num", "№ п/п", 12), ("title", "Наименование мероприятия", 70),
                      ("resp", "Исполнитель", 48), ("time", "Срок исполнения", 30),
                      ("extra", "Отметка о выполнении", 22)),
            colnums=True, resp="nl", docx_mode="paras", table_font_size=10, margin_mm=15,
            quirks="portrait, title paragraph above, column-number row, empty «Отметка о "
                   "выполнении» column, one responsible per paragraph"),
        "word-b.docx": dict(
            cols=cols(("title", "Мероприятия", 110), ("resp", "Ответственные исполнители", 80),
                      ("time", "Сроки проведения", 50)),
            inline_num=True, title_style="caps", stamp=True, resp="comma", landscape=True,
            after=["", SIGN["extremism-2025"]],
            quirks="numbers printed inside the title cell («1. Проведение…»), no № column, "
                   "approval stamp, responsible joined with «, », signature after the table"),
        "pdf-libreoffice.pdf": dict(source="word-b.docx"),
        "pdf-fpdf.pdf": dict(
            cols=cols(("num", "№ п/п", 12), ("title", "Наименование мероприятия", 105),
                      ("resp", "Исполнитель", 75), ("time", "Срок исполнения", 40),
                      ("extra", "Отметка о выполнении", 35)),
            landscape=True, resp="nl", pdf_font_size=10, center_fields=("num", "time"),
            quirks="landscape ruled table, header on page 1 only, empty last column, one "
                   "responsible per line, centred deadline"),
        "pdf-unruled.pdf": dict(
            cols=cols(("num", "№", 9), ("title", "Мероприятие", 69), ("time", "Срок", 34),
                      ("resp", "Исполнитель", 56)),
            resp="semi", repeat_header=True, pdf_font="DejaVuSerif",
            quirks="portrait serif font, no rules, header repeated, responsible joined with "
                   "«; »"),
    },
    # 3 -------------------------------------------------------------- pitanie («Раздел», «1)»)
    "pitanie-2025-26": {
        "text-tabs.txt": dict(
            cols=cols(("num", "№", 0), ("title", "Содержание мероприятия", 0),
                      ("time", "Срок реализации", 0), ("resp", "Ответственные", 0),
                      ("extra", "Ожидаемый результат", 0)),
            section_tabs="title", resp="comma",
            quirks="deadline before responsible, section text in the title column with empty "
                   "number cell, responsible joined with «, »"),
        "text-spaces.txt": dict(
            cols=cols(("num", "№", 3), ("title", "Содержание мероприятия", 44),
                      ("time", "Срок реализации", 16), ("resp", "Ответственные", 34),
                      ("extra", "Ожидаемый результат", 24)),
            stamp=True, resp="nl", repeat_header=True, row_gap=True, page_lines=60,
            section="title", pagenum_align="right", margin=4,
            quirks="left margin, stamp «Приложение к приказу… от 14.08.25», header repeated "
                   "after form feeds, page number at right, section rows in the title column, "
                   "blank line between rows"),
        "text-lines.txt": dict(
            cols=cols(("num", "№ п/п", 0), ("title", "Мероприятие", 0),
                      ("time", "Срок реализации", 0), ("resp", "Ответственные", 0),
                      ("extra", "Ожидаемый результат", 0)),
            resp="semi",
            quirks="five cells per row including the result, responsible joined with «; »"),
        "text-pipe.md": dict(
            cols=cols(("num", "№", 0), ("title", "Содержание мероприятия", 0),
                      ("resp", "Ответственные", 0), ("time", "Срок", 0)),
            resp="nl", section="first", md_title="bold", title_style="caps",
            md_after=["*Дорожная карта утверждена приказом отдела образования от 14.08.25 "
                      "№ 112.*"],
            quirks="«**ПЛАН**» and the rest as two bold paragraphs, section in the first cell, "
                   "<br> responsible, italic note below"),
        "page.html": dict(
            cols=cols(("num", "№ п/п", 0), ("title", "Содержание мероприятия", 0),
                      ("time", "Срок", 0), ("resp", "Ответственные", 0),
                      ("extra", "Ожидаемый результат", 0)),
            header_rows=[[("№ п/п", 1, 2), ("Содержание мероприятия", 1, 2),
                          ("Исполнение", 2, 1), ("Ожидаемый результат", 1, 2)],
                         [("Срок", 1, 1), ("Ответственные", 1, 1)]],
            site="Отдел образования администрации Приозёрного района", resp="nl",
            rowspan=["resp"], entities=True, responsive=True,
            quirks="two-row header with colspan/rowspan, rowspan on equal consecutive "
                   "responsible, &laquo;&raquo; entities, table inside a responsive div"),
        "word-a.docx": dict(
            cols=cols(("num", "№ п/п", 10), ("title", "Наименование мероприятия", 58),
                      ("resp", "Ответственные исполнители", 42), ("time", "Срок", 38),
                      ("extra", "Ожидаемый результат", 32)),
            title_style="caps", colnums=True, resp="nl", docx_mode="paras", vmerge=["resp"],
            table_font_size=10, margin_mm=15, repeat_header=True,
            quirks="portrait, «ПЛАН» title above, column-number row, vertically merged equal "
                   "responsible cells, merged section rows, repeating header"),
        "word-b.docx": dict(
            cols=cols(("title", "Мероприятие", 130), ("time", "Срок исполнения", 45),
                      ("resp", "Исполнитель", 75)),
            inline_num=True, title_in_table=True, resp="nl", docx_mode="breaks",
            landscape=True,
            quirks="landscape, title inside the table, «1) …» numbers inside the title cell, "
                   "no № column, line breaks between responsible"),
        "pdf-libreoffice.pdf": dict(source="word-a.docx"),
        "pdf-fpdf.pdf": dict(
            cols=cols(("num", "№", 10), ("title", "Содержание мероприятия", 90),
                      ("time", "Срок реализации", 40), ("resp", "Ответственные", 70),
                      ("extra", "Ожидаемый результат", 57)),
            landscape=True, stamp=True, resp="nl", repeat_header=True, colnums=True,
            quirks="landscape ruled table, stamp, header and column-number row repeated, one "
                   "responsible per line"),
        "pdf-unruled.pdf": dict(
            cols=cols(("num", "№", 8), ("title", "Мероприятие", 72), ("resp", "Ответственные", 52),
                      ("time", "Срок", 36)),
            resp="nl", pagenum_fmt="{n}",
            quirks="portrait, no rules, responsible one per line, section rows bold"),
    },
    # 4 -------------------------------------------------------------- biblioteki (no year)
    "biblioteki-no-year": {
        "text-tabs.txt": dict(
            cols=cols(("num", "№", 0), ("title", "Мероприятие", 0),
                      ("resp", "Ответственный исполнитель", 0), ("time", "Срок", 0),
                      ("extra", "Показатель результата", 0)),
            stamp=True, section_tabs="split", resp="semi",
            quirks="section and subsection numbers in the № column with text in the title "
                   "column (rows look like measures without responsible), stamp without date"),
        "text-spaces.txt": dict(
            cols=cols(("num", "№", 6), ("title", "Мероприятие", 48),
                      ("resp", "Ответственный исполнитель", 36), ("time", "Срок", 20)),
            stamp=True, resp="nl", agree_own_line=True, repeat_header=True, formfeed=False,
            pagenum_pos="top", pagenum_fmt="- {n} -", split_rows=True, section="split",
            page_lines=46,
            quirks="page number «- N -» at the top of pages 2+, no form feeds, rows split "
                   "across pages, section numbers in the № column, «(по согласованию)» on its "
                   "own line"),
        "text-lines.txt": dict(
            cols=cols(("title", "Мероприятие", 0), ("resp", "Ответственный", 0),
                      ("time", "Срок", 0)),
            resp="comma", section_split=False,
            quirks="no № column (numbers null), section and subsection rows kept as lines"),
        "text-pipe.md": dict(
            cols=cols(("num", "№", 0), ("title", "Мероприятие", 0), ("time", "Срок", 0),
                      ("resp", "Ответственный исполнитель", 0),
                      ("extra", "Показатель", 0)),
            resp="nl_comma", section="split",
            quirks="section rows split into bold number and bold text, <br> responsible ending "
                   "with commas"),
        "page.html": dict(
            cols=cols(("num", "№", 0), ("title", "Мероприятие", 0),
                      ("resp", "Ответственный исполнитель", 0), ("time", "Срок", 0)),
            site="Управление культуры Новоуральевского муниципального округа",
            charset="windows-1251", resp="nl", rowspan=["resp"], section="split",
            entities=True, responsive=True, footer="Управление культуры",
            quirks="windows-1251 encoding, rowspan on equal consecutive responsible, section "
                   "rows with number cell + colspan text, entities"),
        "word-a.docx": dict(
            cols=cols(("num", "№", 14), ("title", "Мероприятие", 64),
                      ("resp", "Ответственный", 44), ("time", "Срок", 24),
                      ("extra", "Показатель результата", 24)),
            stamp=True, colnums=True, resp="nl", docx_mode="paras", table_font_size=10,
            margin_mm=15,
            quirks="portrait, stamp without date, column-number row, merged sections bold, "
                   "subsections italic"),
        "word-b.docx": dict(
            cols=cols(("num", "№ п/п", 18), ("title", "Наименование", 120), ("time", "Срок", 45),
                      ("resp", "Исполнители", 72)),
            title_style="upper", landscape=True, resp="comma", vmerge=["resp"],
            section="split",
            quirks="landscape, title in capitals, section numbers in the № cell with merged "
                   "text, vertically merged equal responsible, responsible «, »-joined"),
        "pdf-libreoffice.pdf": dict(source="word-b.docx"),
        "pdf-fpdf.pdf": dict(
            cols=cols(("num", "№", 14), ("title", "Мероприятие", 74),
                      ("resp", "Ответственный исполнитель", 56), ("time", "Срок", 36)),
            resp="nl", agree_own_line=True, pagenum_fmt="{n}",
            quirks="portrait ruled table, header only on page 1, «(по согласованию)» on its "
                   "own line, one responsible per line"),
        "pdf-unruled.pdf": dict(
            cols=cols(("num", "№", 14), ("title", "Мероприятие", 87),
                      ("resp", "Ответственный", 70), ("time", "Срок", 35),
                      ("extra", "Показатель", 45)),
            landscape=True, resp="nl", repeat_header=True,
            quirks="landscape, no rules, header repeated, three-level numbers"),
    },
    # 5 -------------------------------------------------------------- otoplenie («а)»)
    "otoplenie-2024-2025": {
        "text-tabs.txt": dict(
            cols=cols(("num", "№ п/п", 0), ("title", "Наименование мероприятия", 0),
                      ("time", "Срок выполнения", 0), ("resp", "Ответственный", 0),
                      ("extra", "Финансирование, тыс. руб.", 0)),
            colnums=True, section_tabs="split", section_pad=False, resp="semi", eol="\r\n",
            quirks="CRLF, column-number row, section rows «1.<TAB>text» without trailing tabs, "
                   "financing column with «1 850,0», responsible joined with «; »"),
        "text-spaces.txt": dict(
            cols=cols(("num", "№", 4), ("title", "Наименование мероприятия", 46),
                      ("time", "Срок выполнения", 20), ("resp", "Ответственный", 36),
                      ("extra", "Финансирование, тыс. руб.", 14)),
            stamp=True, resp="nl_comma", valign="middle", repeat_header=True, page_lines=56,
            section="center", title_style="caps",
            quirks="stamp, «ПЛАН» line, vertically centred small cells, responsible lines "
                   "ending with commas, header repeated, form feeds"),
        "text-lines.txt": dict(
            cols=cols(("num", "№", 0), ("title", "Мероприятие", 0), ("time", "Срок", 0),
                      ("resp", "Ответственный", 0)),
            resp="semi", section_split=True,
            quirks="section rows as two lines («1.» then text), four cells per row"),
        "text-pipe.md": dict(
            cols=cols(("num", "№ п/п", 0), ("title", "Наименование мероприятия", 0),
                      ("resp", "Ответственный", 0), ("time", "Срок выполнения", 0),
                      ("extra", "Финансирование, тыс. руб.", 0)),
            resp="nl", section="split", align=["---", "---", "---", "---", "--:"],
            md_intro="Приложение к постановлению администрации Верхнесольского городского "
                     "поселения от 02.04.2024 № 58",
            quirks="intro line with a decree date, split bold section rows, right-aligned "
                   "financing column"),
        "page.html": dict(
            cols=cols(("num", "№ п/п", 0), ("title", "Наименование мероприятия", 0),
                      ("time", "Срок выполнения", 0), ("resp", "Ответственный", 0),
                      ("extra", "Финансирование, тыс. руб.", 0)),
            site="Администрация Верхнесольского городского поселения", resp="nl",
            rowspan=["resp"], thead=False, th=False, section="split",
            html_after=['<p><a href="/upload/plan-otop-2024.docx">Скачать (DOCX, 48 Кб)</a></p>'],
            quirks="no <thead>, header as <td><strong>, rowspan on equal responsible, split "
                   "section rows, download link below"),
        "word-a.docx": dict(
            cols=cols(("num", "№ п/п", 14), ("title", "Наименование мероприятия", 96),
                      ("time", "Срок выполнения", 34), ("resp", "Ответственный исполнитель", 66),
                      ("extra", "Финансирование, тыс. руб.", 24), ("dash", "", 23)),
            header_rows=[[("№ п/п", 1, 2), ("Наименование мероприятия", 1, 2),
                          ("Срок выполнения", 1, 2), ("Ответственный исполнитель", 1, 2),
                          ("Объём финансирования, тыс. руб.", 2, 1)],
                         [("бюджет поселения", 1, 1), ("внебюджетные средства", 1, 1)]],
            title_style="caps", landscape=True, resp="nl", docx_mode="paras",
            center_small=True, stamp=True,
            quirks="landscape, two-row header with two financing columns, stamp, section rows "
                   "merged"),
        "word-b.docx": dict(
            cols=cols(("title", "Мероприятие", 92), ("resp", "Ответственные", 52),
                      ("time", "Срок", 36)),
            inline_num=True, title_in_table=True, resp="nl_comma", docx_mode="paras",
            table_font_size=10, margin_mm=15, section_left=True,
            after=["", SIGN["otoplenie-2024-2025"]],
            quirks="portrait, title inside the table, «а) …» numbers inside the title cell, "
                   "responsible paragraphs ending with commas, signature"),
        "pdf-libreoffice.pdf": dict(source="word-b.docx"),
        "pdf-fpdf.pdf": dict(
            cols=cols(("num", "№ п/п", 12), ("title", "Наименование мероприятия", 93),
                      ("time", "Срок выполнения", 45), ("resp", "Ответственный", 75),
                      ("extra", "Финансирование, тыс. руб.", 42)),
            landscape=True, resp="nl_comma", repeat_header=True, pdf_font_size=10,
            center_fields=("num", "extra"), title_style="caps",
            quirks="landscape ruled table, header repeated, responsible lines ending with "
                   "commas, financing column"),
        "pdf-unruled.pdf": dict(
            cols=cols(("num", "№", 8), ("title", "Наименование мероприятия", 71),
                      ("time", "Срок", 34), ("resp", "Ответственный", 55)),
            resp="nl", stamp=True, pdf_font="DejaVuSerif",
            quirks="portrait serif, stamp, no rules, «а)» numbers, one responsible per line"),
    },
    # 6 -------------------------------------------------------------- cifra (no numbers)
    "cifra-2025-2027": {
        "text-tabs.txt": dict(
            cols=cols(("title", "Наименование мероприятия", 0),
                      ("resp", "Ответственные исполнители", 0), ("time", "Срок реализации", 0),
                      ("extra", "Ожидаемый результат", 0)),
            resp="semi",
            quirks="no numbers, no sections, four columns, responsible joined with «; »"),
        "text-spaces.txt": dict(
            cols=cols(("title", "Наименование мероприятия", 48),
                      ("resp", "Ответственные исполнители", 40),
                      ("time", "Срок реализации", 22), ("extra", "Ожидаемый результат", 26)),
            stamp=True, resp="nl", repeat_header=True, row_gap=True, page_lines=54,
            pagenum_fmt="{n}", gap=4,
            quirks="no numbers, blank line between rows, header repeated, stamp of a regional "
                   "decree"),
        "text-lines.txt": dict(
            cols=cols(("title", "Мероприятие", 0), ("time", "Срок", 0),
                      ("resp", "Ответственные исполнители", 0)),
            resp="semi", row_gap=True,
            quirks="no numbers, three cells per row, blank lines between rows"),
        "text-pipe.md": dict(
            cols=cols(("title", "Наименование мероприятия", 0), ("resp", "Ответственные", 0),
                      ("time", "Срок реализации", 0), ("extra", "Ожидаемый результат", 0)),
            resp="nl", outer_pipes=False,
            quirks="no numbers, no outer pipes, <br> responsible"),
        "page.html": dict(
            cols=cols(("title", "Наименование мероприятия", 0),
                      ("resp", "Ответственные исполнители", 0), ("time", "Срок", 0),
                      ("extra", "Ожидаемый результат", 0)),
            site="Министерство образования Староборской области", resp="nl", mso=True,
            caption="Таблица 1", heading="h1",
            html_intro=['<p>Опубликовано: 12.02.2025 | Просмотров: 1 284</p>'],
            quirks="<caption>Таблица 1</caption>, Word-pasted MsoNormal cells, view counter "
                   "and date above"),
        "word-a.docx": dict(
            cols=cols(("title", "Наименование мероприятия", 100),
                      ("resp", "Ответственные исполнители", 75), ("time", "Срок реализации", 40),
                      ("extra", "Ожидаемый результат", 42)),
            colnums=True, landscape=True, resp="nl", docx_mode="paras",
            quirks="landscape, column-number row «1 2 3 4», no numbers"),
        "word-b.docx": dict(
            cols=cols(("title", "Наименование мероприятия", 70), ("resp", "Ответственные", 48),
                      ("time", "Срок", 32), ("extra", "Ожидаемый результат", 30)),
            header_rows=[[("Наименование мероприятия", 1, 2), ("Исполнение", 2, 1),
                          ("Ожидаемый результат", 1, 2)],
                         [("Ответственные", 1, 1), ("Срок", 1, 1)]],
            stamp=True, resp="nl_comma", docx_mode="breaks", repeat_header=True,
            table_font_size=10, margin_mm=15, after=["", SIGN["cifra-2025-2027"]],
            quirks="portrait, two-row header, repeating header rows, line breaks with trailing "
                   "commas, stamp, signature"),
        "pdf-libreoffice.pdf": dict(source="word-b.docx"),
        "pdf-fpdf.pdf": dict(
            cols=cols(("title", "Наименование мероприятия", 85), ("resp", "Ответственные", 60),
                      ("time", "Срок", 35)),
            resp="nl", repeat_header=True, pagenum_fmt="{n} / {total}", first_pagenum=True,
            quirks="portrait ruled table, header repeated, «N / M» page numbers, no numbers"),
        "pdf-unruled.pdf": dict(
            cols=cols(("title", "Мероприятие", 87), ("resp", "Ответственные", 70),
                      ("time", "Срок", 40), ("extra", "Результат", 58)),
            landscape=True, resp="semi", stamp=True,
            quirks="landscape, no rules, responsible joined with «; », stamp"),
    },
}


# ----------------------------------------------------------------------------- checks

def extract_text(path):
    suffix = path.suffix
    if suffix in (".txt", ".md"):
        return path.read_text(encoding="utf-8-sig").replace("<br>", " ").replace("**", " ") \
            .replace('""', '"')
    if suffix == ".html":
        raw = path.read_bytes()
        charset = "windows-1251" if b"windows-1251" in raw[:600] else "utf-8"
        import re
        text = re.sub(r"<[^>]+>", " ", raw.decode(charset))
        return html.unescape(text)
    if suffix == ".docx":
        doc = Document(str(path))
        parts = [p.text for p in doc.paragraphs]
        for t in doc.tables:
            for row in t.rows:
                parts += [c.text for c in row.cells]
        return "\n".join(parts)
    if suffix == ".pdf":
        return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                              text=True, check=True).stdout
    raise ValueError(path)


PUNCT = '"«»,;().:'


def check_tokens(path, exp):
    """Expected tokens missing from the file's text (a dash-broken wrap shows up here)."""
    tokens = {t.strip(PUNCT) for t in extract_text(path).split()}
    missing = set()
    for text in [exp["title"]] + [v for m in exp["measures"]
                                  for v in [m["title"], m["timeframe"], *m["responsible"]]]:
        for tok in text.split():
            tok = tok.strip(PUNCT)
            if tok and tok not in tokens:
                missing.add(tok)
    return missing


def pdf_pages(path):
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    for line in out.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return 0


# ----------------------------------------------------------------------------- main

def stabilise_pdf(path):
    """Fix LibreOffice's creation date and document /ID in place (same lengths, so the
    xref offsets stay valid) to keep the folder byte-stable across runs."""
    import hashlib
    import re
    data = path.read_bytes()
    data = re.sub(rb"/CreationDate\(D:\d{14}", b"/CreationDate(D:20240115090000", data)
    body = re.sub(rb"/ID \[ <[0-9A-F]+>\s*<[0-9A-F]+> \]", b"", data)
    body = re.sub(rb"/DocChecksum /[0-9A-F]{32}", b"", body)
    digest = hashlib.md5(body).hexdigest().upper().encode()
    data = re.sub(rb"(/DocChecksum /)[0-9A-F]{32}", lambda m: m.group(1) + digest, data)
    data = re.sub(rb"(/ID \[ <)[0-9A-F]{32}(>\s*<)[0-9A-F]{32}(> \])",
                  lambda m: m.group(1) + digest + m.group(2) + digest + m.group(3), data)
    path.write_bytes(data)


def convert_with_soffice(jobs):
    """Convert all docx sources in one soffice run (one process, private profile)."""
    if not shutil.which("soffice"):
        print("soffice not found: pdf-libreoffice.pdf not produced", file=sys.stderr)
        return
    with tempfile.TemporaryDirectory(prefix="heldout2-lo-") as tmp:
        tmp = Path(tmp)
        srcs = []
        for plan_id, src, dst in jobs:
            s = tmp / f"{plan_id}.docx"
            shutil.copy(src, s)
            srcs.append((s, dst))
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless",
                        "--convert-to", "pdf", "--outdir", str(tmp / "out")]
                       + [str(s) for s, _ in srcs], check=True, capture_output=True,
                       timeout=600)
        for s, dst in srcs:
            shutil.move(str(tmp / "out" / (s.stem + ".pdf")), dst)
            stabilise_pdf(Path(dst))


def check_all():
    """Open every output, parse every expected file, report missing tokens and page counts."""
    problems = 0
    for plan in PLANS:
        folder = HERE / plan["id"]
        for layout in LAYOUTS:
            path = folder / layout
            if not path.exists():
                print(f"MISSING {path.relative_to(HERE)}")
                problems += 1
                continue
            exp = yaml.safe_load((folder / f"{Path(layout).stem}.expected.yaml").read_text(encoding="utf-8"))
            assert len(exp["measures"]) == len(measures(plan))
            if layout.endswith(".docx"):
                Document(str(path))
            missing = check_tokens(path, exp)
            # LibreOffice, like Word, may break a line after «-» or «–» inside a compound
            # word; the expected text keeps the word whole. Accepted in that layout only.
            dash_broken = {t for t in missing if layout == "pdf-libreoffice.pdf"
                           and any(d in t for d in "-–")}
            missing -= dash_broken
            pages = f" pages={pdf_pages(path)}" if layout.endswith(".pdf") else ""
            status = "ok" if not missing else f"MISSING TOKENS {sorted(missing)[:8]}"
            if dash_broken:
                status += f" (broken after a dash: {', '.join(sorted(dash_broken))})"
            problems += bool(missing)
            print(f"{plan['id']:22} {layout:20} {status}{pages}")
    return problems


def list_quirks():
    for plan in PLANS:
        print(f"## {plan['id']}")
        for layout in LAYOUTS:
            cfg = STYLES[plan["id"]][layout]
            quirks = cfg.get("quirks") or f"{cfg['source']} converted by LibreOffice"
            print(f"- {layout}: {quirks}")


def main(argv):
    if "--list" in argv:
        list_quirks()
        return 0
    use_soffice = "--no-soffice" not in argv
    lo_jobs = []
    for plan in PLANS:
        folder = HERE / plan["id"]
        folder.mkdir(exist_ok=True)
        styles = STYLES[plan["id"]]
        assert set(styles) == set(LAYOUTS), plan["id"]
        for layout in LAYOUTS:
            cfg = styles[layout]
            path = folder / layout
            if layout == "pdf-libreoffice.pdf":
                cfg = styles[cfg["source"]]
                lo_jobs.append((plan["id"], folder / styles[layout]["source"], path))
            elif layout.endswith(".txt") or layout.endswith(".md"):
                render = {"text-tabs.txt": render_tabs, "text-spaces.txt": render_spaces,
                          "text-lines.txt": render_lines, "text-pipe.md": render_pipe}[layout]
                path.write_bytes(render(plan, cfg).encode("utf-8"))
            elif layout == "page.html":
                path.write_bytes(render_html(plan, cfg))
            elif layout.endswith(".docx"):
                render_docx(plan, cfg, path)
            elif layout == "pdf-fpdf.pdf":
                pages = render_pdf(plan, cfg, path, ruled=True)
                assert pages >= 2, (plan["id"], "fpdf table must span two pages", pages)
            elif layout == "pdf-unruled.pdf":
                render_pdf(plan, cfg, path, ruled=False)
            exp = expected(plan, cfg)
            text = dump_expected(exp)
            assert yaml.safe_load(text) == exp
            (folder / f"{Path(layout).stem}.expected.yaml").write_text(text, encoding="utf-8")
    if use_soffice:
        convert_with_soffice(lo_jobs)
    return 1 if check_all() else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
