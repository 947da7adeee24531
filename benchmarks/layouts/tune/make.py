#!/usr/bin/env python3
"""Render the tuning half of the layout evaluation set.

    /work/main/.venv/bin/python benchmarks/layouts/tune/make.py

For each plan of plans.py writes, into <plan-id>/, renderings of the
same plan table (text-tabs.txt, text-spaces.txt, text-lines.txt, text-pipe.md,
word-merged.docx, word-order.docx, word-numbering.docx, pdf-libreoffice.pdf,
pdf-fpdf.pdf, pdf-unruled.pdf, ...; see LAYOUTS) and, next to each, <layout>.expected.yaml: what a perfect
importer should extract from that file.  Then checks that every file opens.
`make.py LAYOUT ...` renders only the named layouts.
"""

import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import yaml
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT, WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from fpdf import FPDF
from fpdf.fonts import FontFace

HERE = Path(__file__).resolve().parent
sys.dont_write_bytecode = True
sys.path.insert(0, str(HERE))
from plans import PLANS, M, S  # noqa: E402

FONTS = Path("/usr/share/fonts/truetype/dejavu")
ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
LETTERS = "абвгдежзиклмнопрстуфхцчшщэюя"
AGREED = "(по согласованию)"
MAX_BYTES = 300 * 1024


# ---------------------------------------------------------------------------
# walking a plan, numbering, cell contents, expected values
# ---------------------------------------------------------------------------
def walk(plan):
    """Yield ("sec", depth, S, ctx) and ("m", M, ctx) in document order.

    ctx = (top section index, global measure index, index within top section),
    all 1-based (measure indexes are 0 for sections).
    """
    gi = 0
    for si, top in enumerate(plan.sections, 1):
        k = 0

        def rec(sec, depth):
            nonlocal gi, k
            yield ("sec", depth, sec, (si, gi, k))
            for item in sec.items:
                if isinstance(item, S):
                    yield from rec(item, depth + 1)
                else:
                    gi += 1
                    k += 1
                    yield ("m", item, (si, gi, k))

        yield from rec(top, 0)


def number_of(m, ctx, scheme):
    si, gi, k = ctx
    if scheme is None:
        return m.num
    if scheme == "paren":
        return f"{gi})"
    if scheme == "none":
        return None
    if scheme == "letters":
        return f"{LETTERS[gi - 1]})"
    if scheme == "roman-prefixed":
        return f"{ROMAN[si]}.{k}"
    raise ValueError(scheme)


def section_label(sec, depth, ctx, scheme):
    si = ctx[0]
    if scheme is None:
        return f"{sec.num} {sec.title}"
    if scheme == "none":
        return sec.title
    if depth:
        raise ValueError("subsections only with the printed numbering")
    if scheme in ("paren", "roman-prefixed"):
        return f"{ROMAN[si]}. {sec.title}"
    if scheme == "letters":
        return f"Раздел {si}. {sec.title}"
    raise ValueError(scheme)


def norm(text):
    return " ".join(text.split())


def clean_agency(entry):
    return norm(entry.replace(AGREED, ""))


def expected_resp(m):
    return [c for c in (clean_agency(e) for e in m.resp) if c]


def resp_joined(m, sep=None):
    """The responsible cell on one line: names joined with the cell's separator
    (", " for a cell printed one name per line)."""
    sep = sep or (", " if m.lines else m.sep)
    out = ""
    for e in m.resp:
        if not out:
            out = e
        elif e == AGREED:
            out += " " + e
        else:
            out += sep + e
    return out


def resp_lines(m):
    """The responsible cell as printed lines."""
    return list(m.resp) if m.lines else [resp_joined(m)]


def paragraphs(m):
    return m.title.split("\n")


def cell_lines(m, key, number):
    """A cell as a list of printed lines (paragraphs)."""
    if key == "num":
        return [number] if number is not None else [""]
    if key == "title":
        return paragraphs(m)
    if key == "resp":
        return resp_lines(m)
    if key == "time":
        return [m.time]
    return [m.extra.get(key, "")]


def cell_joined(m, key, number, para_sep=" "):
    if key == "resp":
        return resp_joined(m)
    return para_sep.join(cell_lines(m, key, number))


def expected(plan, scheme=None):
    measures = []
    for kind, *rest in walk(plan):
        if kind != "m":
            continue
        m, ctx = rest
        measures.append({
            "number": number_of(m, ctx, scheme),
            "title": norm(m.title),
            "responsible": expected_resp(m),
            "timeframe": norm(m.time),
        })
    period = {"start": plan.period[0], "end": plan.period[1]} if plan.period else None
    return {"title": plan.title, "period": period, "measures": measures}


class Quoted(str):
    """A string always written in double quotes (measure numbers)."""


yaml.SafeDumper.add_representer(
    Quoted, lambda dumper, s: dumper.represent_scalar("tag:yaml.org,2002:str", str(s), style='"'))


def write_expected(path, data):
    data = dict(data, measures=[dict(m, number=None if m["number"] is None else Quoted(m["number"]))
                                for m in data["measures"]])
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10000)
    path.write_text(text, encoding="utf-8")


# ---------------------------------------------------------------------------
# plain-text layouts
# ---------------------------------------------------------------------------
def text_tabs(plan, out):
    labels = [lab for _, lab in plan.columns]
    n = len(labels)
    lines = list(plan.preamble) + [""] + list(plan.title_lines) + [""]
    lines.append("\t".join(labels))
    if plan.tabs_colnums:
        lines.append("\t".join(str(i) for i in range(1, n + 1)))
    for kind, *rest in walk(plan):
        if kind == "sec":
            depth, sec, ctx = rest
            if plan.tabs_section == "numcol":
                lines.append(f"{sec.num}\t{sec.title}" + "\t" * (n - 2))
            elif plan.tabs_section == "trailing":
                lines.append(section_label(sec, depth, ctx, None) + "\t" * (n - 1))
            else:
                lines.append(section_label(sec, depth, ctx, None))
        else:
            m, ctx = rest
            lines.append("\t".join(cell_joined(m, k, m.num) for k, _ in plan.columns))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return expected(plan)


def wrap(text, width):
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [""]



def section_rows(opt, label, total):
    """A section row of space-aligned text, `total` characters wide: centred or at the left."""
    if opt["section"] == "center":
        return [x.center(total).rstrip() for x in wrap(label, total - 10)]
    return wrap(label, total)


def text_block(plan, keys, widths, gap, cells, center=(), vcenter=False):
    """One table row of space-aligned text: `cells` are lists of lines, already wrapped, set in
    their columns (centred for the keys in `center`; vertically centred with `vcenter`)."""
    height = max(len(c) for c in cells)
    if vcenter:
        cells = [[""] * ((height - len(c)) // 2) + c for c in cells]
    rows = []
    for i in range(height):
        parts = []
        for k, w, c in zip(keys, widths, cells):
            text = c[i] if i < len(c) else ""
            assert len(text) <= w, (plan.id, k, text)
            parts.append(text.center(w) if k in center else text.ljust(w))
        rows.append((" " * gap).join(parts).rstrip())
    return rows


def text_spaces(plan, out):
    """Imitates `pdftotext -layout` of a ruled table: fixed column starts,
    cells wrapped inside their column, top-aligned, form feed between pages."""
    opt = plan.spaces
    keys = [k for k, _ in plan.columns]
    widths = [opt["widths"][k] for k in keys]
    gap = opt["gap"]
    total = sum(widths) + gap * (len(widths) - 1)

    def block(cells, center=()):
        return text_block(plan, keys, widths, gap, cells, center)

    def wrapped(m, key):
        out_lines = []
        if key == "resp" and not m.lines:
            return wrap(resp_joined(m), opt["widths"][key])
        for line in cell_lines(m, key, m.num):
            out_lines.extend(wrap(line, opt["widths"][key]))
        return out_lines

    header = block([wrap(lab, w) for (_, lab), w in zip(plan.columns, widths)], center=keys)

    pages = [[]]
    page = pages[0]
    off = total - max(len(x) for x in plan.preamble)
    page.extend(" " * off + x for x in plan.preamble)
    page.append("")
    for t in plan.title_lines:
        page.append(t.center(total).rstrip())
    page.append("")
    page.extend(header)
    page.append("")

    def add(rows):
        nonlocal page
        need = len(rows) + (1 if opt["blank"] else 0)
        if len(page) + need > opt["page_lines"]:
            page = []
            pages.append(page)
            if opt["page_numbers"]:
                page.append(str(len(pages)).center(total).rstrip())
                page.append("")
            if opt["repeat_header"]:
                page.extend(header)
                page.append("")
        page.extend(rows)
        if opt["blank"]:
            page.append("")

    for kind, *rest in walk(plan):
        if kind == "sec":
            depth, sec, ctx = rest
            add(section_rows(opt, section_label(sec, depth, ctx, None), total))
        else:
            m, ctx = rest
            add(block([wrapped(m, k) for k in keys], center=opt["center"]))
    text = "\f".join("\n".join(p).rstrip("\n") + "\n" for p in pages) + "\f"
    out.write_text(text, encoding="utf-8")
    return expected(plan)


# Per plan, the harder quirks of text-spaces-paged.txt: page break by form feed or by blank lines;
# page-number style; what repeats after a break (the header or the «1 2 3 4» row); cells centred
# vertically in their row; the approval stamp at the right above the title.
PAGED = {
    "bezn-2023": dict(formfeed=True, numbers="of", repeat="header", vcenter=False, stamp=True),
    "turizm-2022": dict(formfeed=False, numbers="dashes-top", repeat="header", vcenter=True, stamp=False),
    "pobeda-2025": dict(formfeed=True, numbers="centre", repeat="colnums", vcenter=True, stamp=True),
    "korrup-posel": dict(formfeed=False, numbers="centre-top", repeat="colnums", vcenter=False, stamp=False),
}
STAMP = ["УТВЕРЖДЁН", "постановлением администрации", "от 28.12.2023 № 1562"]


def text_spaces_paged(plan, out):
    """`pdftotext -layout` of a longer document: pages of fixed height, a row cut by the page break,
    the header or the column-number row repeated after it, page numbers in one of several styles,
    short cells on the middle line of a tall row, an approval stamp at the right above the title."""
    opt = plan.spaces
    var = PAGED[plan.id]
    keys = [k for k, _ in plan.columns]
    widths = [opt["widths"][k] for k in keys]
    gap = opt["gap"]
    total = sum(widths) + gap * (len(widths) - 1)
    page_lines = opt["page_lines"] - 16

    def block(cells, center=(), vcenter=False):
        return text_block(plan, keys, widths, gap, cells, center, vcenter)

    def wrapped(m, key):
        if key == "resp" and not m.lines:
            return wrap(resp_joined(m), opt["widths"][key])
        return [x for line in cell_lines(m, key, m.num) for x in wrap(line, opt["widths"][key])]

    header = block([wrap(lab, w) for (_, lab), w in zip(plan.columns, widths)], center=keys, vcenter=True)
    colnums = block([[str(i)] for i in range(1, len(keys) + 1)], center=keys)
    pages = [[]]
    lines = pages[0]
    preamble = STAMP if var["stamp"] else list(plan.preamble)
    off = total - max(len(x) for x in preamble)
    lines.extend(" " * off + x for x in preamble)
    lines.append("")
    lines.extend(t.center(total).rstrip() for t in plan.title_lines)
    lines.append("")
    lines.extend(header)
    if var["repeat"] == "colnums":
        lines.extend(colnums)

    def new_page():
        nonlocal lines
        lines = []
        pages.append(lines)
        lines.extend(header if var["repeat"] == "header" else colnums)

    def add(rows, splittable):
        free = page_lines - len(lines)
        if len(rows) > free:
            if splittable and free >= 2:
                lines.extend(rows[:free])
                rows = rows[free:]
            new_page()
        lines.extend(rows)
        if opt["blank"]:
            lines.append("")

    for kind, *rest in walk(plan):
        if kind == "sec":
            depth, sec, ctx = rest
            add(section_rows(opt, section_label(sec, depth, ctx, None), total), False)
        else:
            m, ctx = rest
            add(block([wrapped(m, k) for k in keys], center=opt["center"], vcenter=var["vcenter"]), True)
    count = len(pages)
    text = ""
    for n, page in enumerate(pages, 1):
        body = list(page)
        if var["numbers"] == "of":
            body += ["", f"Страница {n} из {count}".rjust(total)]
        elif var["numbers"] == "centre":
            body += ["", str(n).center(total).rstrip()]
        elif var["numbers"] == "dashes-top" and n > 1:
            body = [f"- {n} -".center(total).rstrip(), ""] + body
        elif var["numbers"] == "centre-top" and n > 1:
            body = [str(n).center(total).rstrip(), ""] + body
        text += "\n".join(body).rstrip("\n") + "\n"
        if n < count:
            text += "\f" if var["formfeed"] else "\n\n\n"
    out.write_text(text, encoding="utf-8")
    return expected(plan)


def text_lines(plan, out):
    """One cell per line, as text copied from a web page."""
    blank = plan.lines_blank
    lines = list(plan.preamble) + [""] + list(plan.title_lines) + [""]
    lines.extend(lab for _, lab in plan.columns)
    if blank:
        lines.append("")
    for kind, *rest in walk(plan):
        if kind == "sec":
            depth, sec, ctx = rest
            lines.append(section_label(sec, depth, ctx, None))
        else:
            m, ctx = rest
            lines.extend(cell_joined(m, k, m.num) for k, _ in plan.columns)
        if blank:
            lines.append("")
    out.write_text("\n".join(lines).rstrip("\n") + "\n", encoding="utf-8")
    return expected(plan)


def text_pipe(plan, out):
    opt = plan.pipe
    n = len(plan.columns)
    lines = []
    lines.extend(x + "  " for x in plan.preamble)
    lines.append("")
    if opt["title"] == "heading":
        lines.append("## " + plan.title)
    else:
        lines.append("**" + plan.title + "**")
    lines.append("")

    def row(cells):
        return "| " + " | ".join(cells) + " |"

    lines.append(row([lab for _, lab in plan.columns]))
    if opt["section_col"] == 0:
        lines.append("|" + "|".join(["---"] * n) + "|")
    else:
        lines.append("|" + "|".join([" :---: "] + [" --- "] * (n - 1)) + "|")
    for kind, *rest in walk(plan):
        cells = [""] * n
        if kind == "sec":
            depth, sec, ctx = rest
            if opt["section_col"] == "numcol":
                cells[0], cells[1] = sec.num, f"**{sec.title}**"
            else:
                cells[opt["section_col"]] = f"**{section_label(sec, depth, ctx, None)}**"
        else:
            m, ctx = rest
            for i, (k, _) in enumerate(plan.columns):
                if k == "resp":
                    cells[i] = "<br>".join(m.resp) if m.lines else resp_joined(m)
                else:
                    cells[i] = "<br>".join(cell_lines(m, k, m.num))
        lines.append(row(cells))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return expected(plan)


# Per plan, the web-page quirks of text-lines-web.txt and text-pipe-bare.md: how a section row is
# printed (one line or number and name on two; bold as **x**, __x__, or bold in every cell).
WEB = {
    "bezn-2023": dict(section_lines=2, bold="stars"),
    "turizm-2022": dict(section_lines=1, bold="underscores"),
    "pobeda-2025": dict(section_lines=2, bold="every-cell"),
    "korrup-posel": dict(section_lines=1, bold="stars"),
}
SITE_TOP = ["Главная / Документы / Постановления", "Версия для слабовидящих", "Поиск по сайту",
            "Опубликовано: 12.01.2024 10:15", ""]
SITE_BOTTOM = ["", "Просмотров: 1 024", "Поделиться: ВКонтакте Одноклассники Telegram",
               "© Администрация, 2024. Все права защищены.", "Карта сайта"]


def text_lines_web(plan, out):
    """One cell per line as copied from a region's site: breadcrumbs, menus and dates around the
    table, and a section row as one line or as its number and its name on two."""
    var = WEB[plan.id]
    lines = list(SITE_TOP) + list(plan.preamble) + [""] + list(plan.title_lines) + [""]
    lines.extend(lab for _, lab in plan.columns)
    for kind, *rest in walk(plan):
        if kind == "sec":
            depth, sec, ctx = rest
            if var["section_lines"] == 2:
                lines.extend([sec.num, sec.title])
            else:
                lines.append(section_label(sec, depth, ctx, None))
        else:
            m, ctx = rest
            lines.extend(cell_joined(m, k, m.num) for k, _ in plan.columns)
        if plan.lines_blank:
            lines.append("")
    lines.extend(SITE_BOTTOM)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return expected(plan)


def text_pipe_bare(plan, out):
    """A pipe table without its outer pipes, in the text of a site page, section rows bold in one
    of several styles."""
    var = WEB[plan.id]
    n = len(plan.columns)
    lines = [f"[{x}]" if i == 0 else x for i, x in enumerate(SITE_TOP)]
    lines.extend(x + "  " for x in plan.preamble)
    lines += ["", "# " + plan.title, ""]

    def row(cells):
        return " | ".join(cells)

    def bold(text):
        return f"__{text}__" if var["bold"] == "underscores" else f"**{text}**"

    lines.append(row([lab for _, lab in plan.columns]))
    lines.append(" | ".join(["---"] * n))
    for kind, *rest in walk(plan):
        cells = [""] * n
        if kind == "sec":
            depth, sec, ctx = rest
            label = section_label(sec, depth, ctx, None)
            cells = [bold(label)] * n if var["bold"] == "every-cell" else [bold(label)] + [""] * (n - 1)
        else:
            m, ctx = rest
            for i, (k, _) in enumerate(plan.columns):
                if k == "resp":
                    cells[i] = "<br>".join(m.resp) if m.lines else resp_joined(m)
                else:
                    cells[i] = "<br>".join(cell_lines(m, k, m.num))
        lines.append(row(cells))
    lines.extend(SITE_BOTTOM)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return expected(plan)


# ---------------------------------------------------------------------------
# Word layouts
# ---------------------------------------------------------------------------
def new_doc(landscape):
    doc = Document()
    st = doc.styles["Normal"]
    st.font.name = "Times New Roman"
    st.font.size = Pt(12)
    rpr = st.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.append(rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), "Times New Roman")
    pf = st.paragraph_format
    pf.space_after = Pt(0)
    pf.space_before = Pt(0)
    sec = doc.sections[0]
    if landscape:
        sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = (Cm(29.7), Cm(21.0)) if landscape else (Cm(21.0), Cm(29.7))
    sec.left_margin = Cm(2.0)
    sec.right_margin = Cm(1.5)
    sec.top_margin = Cm(1.5)
    sec.bottom_margin = Cm(1.5)
    return doc


def add_par(container, text, bold=False, align=None, size=None):
    p = container.add_paragraph()
    r = p.add_run(text)
    r.bold = bold
    if size:
        r.font.size = Pt(size)
    if align is not None:
        p.alignment = align
    return p


def preamble_and_title(doc, plan, title=True):
    for line in plan.preamble:
        p = add_par(doc, line)
        p.paragraph_format.left_indent = Cm(9.5 if doc.sections[0].orientation == WD_ORIENT.PORTRAIT else 17)
    add_par(doc, "")
    if title:
        for line in plan.title_lines:
            add_par(doc, line, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        add_par(doc, "")


def set_cell(cell, lines, bold=False, align=None, breaks=False, size=11):
    """Fill a cell: one paragraph per line, or (breaks=True) one paragraph with
    line breaks."""
    cell.text = ""
    first = cell.paragraphs[0]
    groups = [lines] if breaks else [[x] for x in lines]
    for gi, group in enumerate(groups):
        p = first if gi == 0 else cell.add_paragraph()
        if align is not None:
            p.alignment = align
        for li, line in enumerate(group):
            r = p.add_run(line)
            r.bold = bold
            r.font.size = Pt(size)
            if li < len(group) - 1:
                r.add_break()
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP


def set_widths(table, widths):
    table.autofit = False
    for row in table.rows:
        for i, cell in enumerate(row.cells):
            cell.width = Cm(widths[i])
    grid = table._tbl.tblGrid
    for i, gc in enumerate(grid.findall(qn("w:gridCol"))):
        gc.set(qn("w:w"), str(int(widths[i] * 567)))


_METRICS = None


def docx_words_fit(path):
    """Words of a saved table that are wider than their column (Liberation Serif
    metrics, i.e. Times New Roman as LibreOffice sets it)."""
    global _METRICS
    if _METRICS is None:
        _METRICS = FPDF()
        base = Path("/usr/share/fonts/truetype/liberation2")
        _METRICS.add_font("LS", "", str(base / "LiberationSerif-Regular.ttf"))
        _METRICS.add_font("LS", "B", str(base / "LiberationSerif-Bold.ttf"))
    doc = Document(str(path))
    table = doc.tables[0]
    widths = [int(gc.get(qn("w:w"))) / 567 * 10 for gc in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    bad = []
    for row in table.rows:
        tcs = row._tr.findall(qn("w:tc"))
        if len(tcs) != len(widths):
            continue
        for cell, w in zip(row.cells, widths):
            for par in cell.paragraphs:
                for run in par.runs:
                    _METRICS.set_font("LS", "B" if run.bold else "", run.font.size.pt if run.font.size else 12)
                    for word in run.text.split():
                        if _METRICS.get_string_width(word) > w - 4.0:
                            bad.append(f"{path}: «{word}» wider than its column")
    return bad


def mark_header(row):
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def merged_row(table, r, text, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT, size=11):
    row = table.rows[r]
    cell = row.cells[0].merge(row.cells[-1])
    set_cell(cell, text if isinstance(text, list) else [text], bold=bold, align=align, size=size)


def fill_measure(row, keys, m, number, idx):
    for i, k in enumerate(keys):
        c = row.cells[i]
        if k == "mark":
            set_cell(c, [""])
        elif k == "num":
            set_cell(c, [number or ""], align=WD_ALIGN_PARAGRAPH.CENTER)
        elif k == "resp" and m.lines:
            set_cell(c, list(m.resp), breaks=bool(idx % 2))
        elif k == "time":
            set_cell(c, cell_lines(m, k, number), align=WD_ALIGN_PARAGRAPH.CENTER)
        else:
            set_cell(c, cell_lines(m, k, number))


def count_rows(plan):
    return sum(1 for _ in walk(plan))


def word_merged(plan, out):
    opt = plan.merged
    keys = [k for k, _ in plan.columns]
    labels = dict(plan.columns)
    n = len(keys)
    doc = new_doc(opt["landscape"])
    preamble_and_title(doc, plan, title=not opt["title_in_table"])
    top = 1 if opt["title_in_table"] else 0
    nrows = top + 2 + (1 if opt["colnums"] else 0) + count_rows(plan)
    table = doc.add_table(rows=nrows, cols=n)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    set_widths(table, [opt["widths"][k] for k in keys])
    if top:
        merged_row(table, 0, list(plan.title_lines), align=WD_ALIGN_PARAGRAPH.CENTER, size=12)
    h0, h1 = top, top + 1
    C = WD_ALIGN_PARAGRAPH.CENTER
    i = 0
    while i < n:
        k = keys[i]
        g = opt["groups"].get(k)
        if g:
            j = i
            while j + 1 < n and opt["groups"].get(keys[j + 1]) == g:
                j += 1
            cell = table.cell(h0, i).merge(table.cell(h0, j)) if j > i else table.cell(h0, i)
            set_cell(cell, [g], bold=True, align=C)
            for c in range(i, j + 1):
                set_cell(table.cell(h1, c), [opt["sublabels"][keys[c]]], bold=True, align=C)
            i = j + 1
        else:
            cell = table.cell(h0, i).merge(table.cell(h1, i))
            set_cell(cell, [labels[k]], bold=True, align=C)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            i += 1
    r = h1 + 1
    if opt["colnums"]:
        for c in range(n):
            set_cell(table.cell(r, c), [str(c + 1)], align=C, size=10)
        r += 1
    if not top:
        for hr in range(0, r):
            mark_header(table.rows[hr])
    sec_align = C if plan.spaces["section"] == "center" else WD_ALIGN_PARAGRAPH.LEFT
    for kind, *rest in walk(plan):
        if kind == "sec":
            depth, sec, ctx = rest
            merged_row(table, r, section_label(sec, depth, ctx, None), align=sec_align)
        else:
            m, ctx = rest
            fill_measure(table.rows[r], keys, m, m.num, ctx[1])
        r += 1
    doc.save(out)
    return expected(plan)


def word_order(plan, out):
    opt = plan.order
    cols = opt["columns"]
    keys = [k for k, _ in cols]
    doc = new_doc(opt["landscape"])
    preamble_and_title(doc, plan)
    table = doc.add_table(rows=1 + count_rows(plan), cols=len(keys))
    table.style = "Table Grid"
    set_widths(table, [opt["widths"][k] for k in keys])
    for i, (_, lab) in enumerate(cols):
        set_cell(table.cell(0, i), [lab], bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    mark_header(table.rows[0])
    r = 1
    for kind, *rest in walk(plan):
        if kind == "sec":
            depth, sec, ctx = rest
            merged_row(table, r, section_label(sec, depth, ctx, None), align=WD_ALIGN_PARAGRAPH.CENTER)
        else:
            m, ctx = rest
            fill_measure(table.rows[r], keys, m, m.num, ctx[1] + 1)
        r += 1
    doc.save(out)
    return expected(plan)


def word_numbering(plan, out):
    scheme = plan.alt_numbering
    cols = [(k, "№" if k == "num" else lab) for k, lab in plan.columns
            if not (k == "num" and scheme == "none")]
    keys = [k for k, _ in cols]
    landscape = plan.merged["landscape"]
    widths = dict(plan.merged["widths"])
    doc = new_doc(landscape)
    preamble_and_title(doc, plan)
    table = doc.add_table(rows=1 + count_rows(plan), cols=len(keys))
    table.style = "Table Grid"
    set_widths(table, [widths[k] for k in keys])
    for i, (_, lab) in enumerate(cols):
        set_cell(table.cell(0, i), [lab], bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    mark_header(table.rows[0])
    r = 1
    for kind, *rest in walk(plan):
        if kind == "sec":
            depth, sec, ctx = rest
            merged_row(table, r, section_label(sec, depth, ctx, scheme))
        else:
            m, ctx = rest
            fill_measure(table.rows[r], keys, m, number_of(m, ctx, scheme), ctx[1])
        r += 1
    doc.save(out)
    return expected(plan, scheme)


# ---------------------------------------------------------------------------
# PDF layouts
# ---------------------------------------------------------------------------
def pdf_libreoffice(plan, out, docx_path):
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        cmd = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
               "--convert-to", "pdf", "--outdir", tmp, str(docx_path)]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
        shutil.move(str(Path(tmp) / (docx_path.stem + ".pdf")), out)
    return expected(plan)


class NumberedPDF(FPDF):
    def footer(self):
        self.set_y(-12)
        self.set_font("DejaVuSerif", "", 8)
        self.cell(0, 6, str(self.page_no()), align="C")


def fpdf_plan(plan, out, pdf, family, size, **table_style):
    """The preamble, the title and the plan's table in `pdf` (fpdf2, DejaVu `family`), written to
    `out`; `table_style` is what sets the layout apart (rules, fills, vertical alignment)."""
    keys = [k for k, _ in plan.columns]
    widths = [plan.fpdf["widths"][k] for k in keys]
    pdf.add_font(family, "", str(FONTS / f"{family}.ttf"))
    pdf.add_font(family, "B", str(FONTS / f"{family}-Bold.ttf"))
    pdf.set_margins(10, 12, 10)
    pdf.set_auto_page_break(True, 16)
    pdf.add_page()
    pdf.set_font(family, "", size - 1)
    for line in plan.preamble:
        pdf.cell(0, 5, line, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font(family, "B", size + 1)
    pdf.multi_cell(0, 6, "\n".join(plan.title_lines), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font(family, "", size)
    align = tuple("CENTER" if k in ("num", "time") else "LEFT" for k in keys)
    for kind, *rest in walk(plan):          # no word may be wider than its column
        if kind == "m":
            m = rest[0]
            for k, w in zip(keys, widths):
                for word in " ".join(m.resp if k == "resp" else cell_lines(m, k, m.num)).split():
                    if pdf.get_string_width(word) > w - 3.5:
                        raise ValueError(f"{plan.id}: «{word}» does not fit the {k} column")
    with pdf.table(col_widths=widths, width=sum(widths), text_align=align, line_height=size * 0.45,
                   padding=1.5, repeat_headings=1, **table_style) as table:
        head = table.row()
        for _, lab in plan.columns:
            head.cell(lab, align="CENTER", v_align="MIDDLE")
        for kind, *rest in walk(plan):
            row = table.row()
            if kind == "sec":
                depth, sec, ctx = rest
                row.cell(section_label(sec, depth, ctx, None), colspan=len(keys), align="LEFT",
                         style=FontFace(emphasis="BOLD"))
            else:
                m, ctx = rest
                for k in keys:
                    if k == "resp":
                        row.cell("\n".join(m.resp))
                    else:
                        row.cell("\n".join(cell_lines(m, k, m.num)))
    pages = pdf.page_no()
    pdf.output(str(out))
    return expected(plan), pages


def pdf_fpdf(plan, out, font_size=None):
    pdf = NumberedPDF(orientation=plan.fpdf["orientation"], format="A4")
    return fpdf_plan(plan, out, pdf, "DejaVuSerif", font_size or plan.fpdf["font_size"], v_align="TOP",
                     headings_style=FontFace(emphasis="BOLD", fill_color=(235, 235, 235)))



class PagedPDF(FPDF):
    """A page number in one of the styles regional PDFs use ("N", "- N -", "Страница N из M")."""

    number_style = "plain"

    def header(self):
        if self.number_style == "dashes" and self.page_no() > 1:
            self.set_font(self.font_family or "DejaVuSans", "", 8)
            self.set_y(4)
            self.cell(0, 5, f"- {self.page_no()} -", align="C")
            self.set_y(self.t_margin)

    def footer(self):
        if self.number_style == "dashes":
            return
        self.set_y(-12)
        self.set_font(self.font_family or "DejaVuSans", "", 8)
        if self.number_style == "of":
            self.cell(0, 6, f"Страница {self.page_no()} из {{nb}}", align="R")
        else:
            self.cell(0, 6, str(self.page_no()), align="C")


# Per plan: font family, page-number style, and whether short cells are vertically centred.
UNRULED = {
    "bezn-2023": dict(font="DejaVuSans", numbers="plain", v_align="TOP"),
    "turizm-2022": dict(font="DejaVuSerif", numbers="of", v_align="TOP"),
    "pobeda-2025": dict(font="DejaVuSans", numbers="dashes", v_align="MIDDLE"),
    "korrup-posel": dict(font="DejaVuSerif", numbers="of", v_align="TOP"),
}


def pdf_unruled(plan, out, font_size=None):
    """A table drawn by fpdf2 with no rules and no fills at all, as report generators print them:
    columns only by the text's alignment, the header repeated on each page, page numbers."""
    var = UNRULED[plan.id]
    pdf = PagedPDF(orientation=plan.fpdf["orientation"], format="A4")
    pdf.number_style = var["numbers"]
    return fpdf_plan(plan, out, pdf, var["font"], font_size or plan.fpdf["font_size"], v_align=var["v_align"],
                     borders_layout="NONE", headings_style=FontFace(emphasis="BOLD"))



# ---------------------------------------------------------------------------
LAYOUTS = ["text-tabs.txt", "text-spaces.txt", "text-lines.txt", "text-pipe.md", "word-merged.docx",
           "word-order.docx", "word-numbering.docx", "pdf-libreoffice.pdf", "pdf-fpdf.pdf",
           "pdf-unruled.pdf", "text-spaces-paged.txt", "text-lines-web.txt", "text-pipe-bare.md"]


def at_least_two_pages(render, plan, out):
    """Render with a growing font size until the table runs over a page break."""
    size = plan.fpdf["font_size"]
    while True:
        exp, pages = render(plan, out, size)
        if pages >= 2:
            return exp
        size += 1


def build(plan, only=None):
    """Render the plan's layouts (those in `only`, when given) and their expected files."""
    d = HERE / plan.id
    d.mkdir(exist_ok=True)
    makers = {
        "text-tabs.txt": lambda p: text_tabs(plan, p),
        "text-spaces.txt": lambda p: text_spaces(plan, p),
        "text-spaces-paged.txt": lambda p: text_spaces_paged(plan, p),
        "text-lines-web.txt": lambda p: text_lines_web(plan, p),
        "text-pipe-bare.md": lambda p: text_pipe_bare(plan, p),
        "text-lines.txt": lambda p: text_lines(plan, p),
        "text-pipe.md": lambda p: text_pipe(plan, p),
        "word-merged.docx": lambda p: word_merged(plan, p),
        "word-order.docx": lambda p: word_order(plan, p),
        "word-numbering.docx": lambda p: word_numbering(plan, p),
        "pdf-libreoffice.pdf": lambda p: pdf_libreoffice(plan, p, d / "word-merged.docx"),
        "pdf-fpdf.pdf": lambda p: at_least_two_pages(pdf_fpdf, plan, p),
        "pdf-unruled.pdf": lambda p: at_least_two_pages(pdf_unruled, plan, p),
    }
    for name in LAYOUTS:
        if only and name not in only:
            continue
        data = makers[name](d / name)
        write_expected(d / (name.rsplit(".", 1)[0] + ".expected.yaml"), data)


def check(plan):
    """Every file opens; sizes; PDF page counts."""
    d = HERE / plan.id
    problems = []
    for name in LAYOUTS:
        p = d / name
        exp = yaml.safe_load((d / (name.rsplit(".", 1)[0] + ".expected.yaml")).read_text(encoding="utf-8"))
        assert 12 <= len(exp["measures"]) <= 20, (plan.id, name)
        if p.stat().st_size > MAX_BYTES:
            problems.append(f"{p} is {p.stat().st_size} bytes")
        if name.endswith(".docx"):
            problems += docx_words_fit(p)
            doc = Document(str(p))
            assert len(doc.tables) == 1, p
            text = "\n".join(c.text for row in doc.tables[0].rows for c in row.cells)
        elif name.endswith(".pdf"):
            text = subprocess.run(["pdftotext", "-layout", str(p), "-"], check=True,
                                  capture_output=True, text=True).stdout
            pages = text.count("\f")
            if name in ("pdf-fpdf.pdf", "pdf-unruled.pdf") and pages < 2:
                problems.append(f"{p}: {pages} page(s)")
        else:
            text = p.read_text(encoding="utf-8")
        flat = norm(text.replace("<br>", " "))
        for m in exp["measures"]:
            probe = m["title"].split()[0:3]
            if " ".join(probe) not in flat and not name.endswith(".pdf"):
                problems.append(f"{p}: title of {m['number']} not found")
    return problems


def main():
    """`make.py [LAYOUT ...]` renders only the named layouts (all when none is named)."""
    only = set(sys.argv[1:])
    unknown = only - set(LAYOUTS)
    if unknown:
        sys.exit(f"unknown layouts: {', '.join(sorted(unknown))}")
    problems = []
    for plan in PLANS:
        build(plan, only)
        problems += check(plan)
        n = sum(1 for k, *_ in walk(plan) if k == "m")
        print(f"{plan.id}: {n} measures, {len(LAYOUTS)} layouts")
    for p in problems:
        print("PROBLEM:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
