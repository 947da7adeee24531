"""Generate the tune6 text documents and their expected YAML files from plans.py.

Why: a tuning set has to be rebuilt byte for byte from its sources, and its expected files
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
FIXED_DT = datetime(2025, 3, 1, 9, 0, 0, tzinfo=UTC)
LO_PROFILE = "file:///tmp/tune6-lo"

# Width of each column kind, in relative units.
WIDTH = {"num": 1.3, "title": 7.6, "time": 3.6, "resp": 5.4, "result": 3.4, "fin": 4.2,
         "mark": 2.4, "note": 3.4, "ind": 3.4}
EXTRA_LABELS = {"mark": "Отметка о выполнении"}


def col_widths(cols, opt, total):
    """Column widths for one layout: the defaults, changed by its ``widths`` setting."""
    units = [opt.get("widths", {}).get(k, WIDTH[k]) for k in cols]
    return [total * u / sum(units) for u in units]

# ------------------------------------------------------------------ layout settings
# Keys per plan: the text layouts (tabs, lines-a, lines-b, pipe), the five PDF sources
# (word-a and word-b go through LibreOffice; fpdf, unruled and rl are drawn directly),
# ``pdftotext``: the sources whose ``pdftotext -layout`` output is kept, and ``raw``: the
# source whose plain ``pdftotext`` output (reading order) is kept, or None.
# ``vcenter`` centres every cell vertically (w:vAlign in Word, MIDDLE in the PDFs).
# ``quote="word"`` copies a multi-line cell as several lines without quotes, as Word does.
SETTINGS = {
    "odarennye-2025-2027": {
        "pdftotext": ["lo-a", "lo-b", "fpdf", "unruled", "rl"], "raw": "lo-a",
        "tabs": dict(enc="utf-8-sig", nl="\r\n", quote="excel", resp="lines", sec="numbered",
                     pad=False, title="split", stamp=True),
        "lines-a": dict(header=True, resp="lines", title="one", empty="skip"),
        "lines-b": dict(header=False, resp="semicolon", title="split", empty="skip",
                        gap=True),
        "pipe": dict(resp="br", sec="numbered", title="h2"),
        "word-a": dict(title="split", where="above", stamp=True, group=("Исполнение",
                       ["resp", "time"]), colnums=True, repeat=True, landscape=True,
                       resp="lines", sec="merged", vcenter=True, page_field=True),
        "word-b": dict(title="one", where="inside", order=["num", "title", "time", "resp"],
                       resp="agree_line", sec="numbered", size=11),
        "fpdf": dict(landscape=False, size=9, repeat=True, colnums=True, footer="{n}",
                     resp="lines", title="split", stamp=True),
        "unruled": dict(landscape=True, size=10, resp="lines", title="split",
                        top_number=True),
        "rl": dict(landscape=True, size=9, repeat=True, vcenter=True, footer="Страница {n}",
                   resp="lines", title="one", sec="numbered",
                   running="План мероприятий по поддержке одарённых детей, 2025–2027"),
    },
    "sport-liga-2026": {
        "pdftotext": ["lo-a", "lo-b", "fpdf", "rl"], "raw": "rl",
        "tabs": dict(enc="cp1251", nl="\r\n", quote="word", resp="lines", sec="first",
                     pad=True, title="one"),
        "lines-a": dict(header=True, resp="semicolon", title="split", empty="skip",
                        gap=True),
        "lines-b": dict(header=False, resp="lines", title="split", empty="skip"),
        "pipe": dict(resp="semicolon", sec="first", title="bold"),
        "word-a": dict(title="split", where="above", stamp=True, colnums=True,
                       resp="agree_line", sec="merged", vcenter=True),
        "word-b": dict(title="split", where="inside", order=["num", "title", "resp", "time"],
                       repeat=True, landscape=True, resp="lines_comma", sec="merged",
                       widths={"title": 5.0, "time": 2.2, "resp": 4.0}, page_field=True),
        "fpdf": dict(landscape=True, size=10, repeat=True, vcenter=True,
                     footer="Страница {n} из {nb}", resp="lines", title="split"),
        "unruled": dict(landscape=False, size=10, resp="lines", title="one", footer="{n}"),
        "rl": dict(landscape=False, size=10, repeat=True, colnums=True, footer="- {n} -",
                   resp="lines", title="split", stamp=True),
    },
    "volonter-2025-2026": {
        "pdftotext": ["lo-a", "fpdf", "unruled", "rl"], "raw": "unruled",
        "tabs": dict(enc="utf-8", nl="\n", quote="excel", resp="lines_comma", sec="second",
                     pad=True, title="split"),
        "lines-a": dict(header=True, resp="lines", title="split", empty="skip", gap=True),
        "lines-b": dict(header=False, resp="semicolon", title="one", empty="skip"),
        "pipe": dict(resp="br", sec="second", title="h1"),
        "word-a": dict(title="split", where="above", stamp=True, colnums=True, repeat=True,
                       landscape=True, resp="lines", sec="merged", vcenter=True,
                       running="Продолжение приложения"),
        "word-b": dict(title="one", where="inside", order=["num", "title", "time", "resp"],
                       resp="agree_line", sec="merged", size=11),
        "fpdf": dict(landscape=True, size=10, repeat=True, footer="{n}", resp="lines",
                     title="split", stamp=True),
        "unruled": dict(landscape=False, size=9, resp="lines", title="split", vcenter=True,
                        footer_right="{n}"),
        "rl": dict(landscape=False, size=9, repeat=True, vcenter=True, justify=True,
                   footer="{n}", resp="lines", title="split"),
    },
    "attest-2026-2028": {
        "pdftotext": ["lo-a", "lo-b", "fpdf", "unruled", "rl"], "raw": None,
        "tabs": dict(enc="cp1251", nl="\r\n", quote="excel", resp="lines", sec="numbered",
                     pad=False, title="one"),
        "lines-a": dict(header=True, resp="lines", title="one", empty="skip"),
        "lines-b": dict(header=False, resp="semicolon", title="split", empty="skip",
                        gap=True),
        "pipe": dict(resp="semicolon", sec="numbered", title="plain"),
        "word-a": dict(title="split", where="inside", colnums=True, repeat=True,
                       resp="lines", sec="numbered", widths={"title": 6.6, "resp": 4.8, "time": 4.2, "ind": 2.6}),
        "word-b": dict(title="split", where="above", stamp=True, order=["num", "title",
                       "time", "resp", "ind"], landscape=True, resp="agree_line",
                       sec="numbered", vcenter=True, page_field=True),
        "fpdf": dict(landscape=False, size=9, repeat=True, resp="lines", title="one",
                     sec="numbered", widths={"ind": 4.8}, running="Дорожная карта по аттестации педагогов",
                     footer="{n}"),
        "unruled": dict(landscape=True, size=10, resp="lines", title="split",
                        sec="numbered", top_number=True),
        "rl": dict(landscape=True, size=9, repeat=True, vcenter=True, footer="{n}",
                   resp="lines", title="one", sec="numbered"),
    },
    "biblio-no-year": {
        "pdftotext": ["lo-a", "lo-b", "fpdf", "unruled"], "raw": None,
        "tabs": dict(enc="utf-8", nl="\r\n", quote="word", resp="lines", sec="first",
                     pad=False, title="one"),
        "lines-a": dict(header=True, resp="lines", title="split", empty="skip", stamp=True),
        "lines-b": dict(header=False, resp="semicolon", title="one", empty="skip", gap=True),
        "pipe": dict(resp="br", sec="first", title="bold"),
        "word-a": dict(title="split", where="above", stamp=True, colnums=True,
                       resp="agree_line", sec="merged", justify=True),
        "word-b": dict(title="one", where="inside", order=["title", "resp", "time"],
                       repeat=True, landscape=True, resp="lines", sec="merged"),
        "fpdf": dict(landscape=False, size=11, repeat=True, footer="Страница {n} из {nb}",
                     resp="lines", title="caps", stamp=True),
        "unruled": dict(landscape=False, size=10, resp="semicolon", title="split",
                        top_right_number=True),
        "rl": dict(landscape=False, size=10, vcenter=True, footer="{n}", resp="lines",
                   title="split"),
    },
    "kiber-2025": {
        "pdftotext": ["lo-a", "lo-b", "fpdf", "unruled", "rl"], "raw": "rl",
        "tabs": dict(enc="utf-8", nl="\n", quote="excel", resp="semicolon", sec="first",
                     pad=False, title="split", stamp=True),
        "lines-a": dict(header=True, resp="lines", title="split", empty="skip", gap=True),
        "lines-b": dict(header=False, resp="semicolon", title="one", empty="skip"),
        "pipe": dict(resp="br", sec="first", title="h1"),
        "word-a": dict(title="caps", where="above", stamp=True, colnums=True, repeat=True,
                       landscape=True, resp="agree_line", sec="merged", vcenter=True,
                       group=("Мероприятие", ["num", "title"])),
        "word-b": dict(title="split", where="inside", order=["num", "title", "time", "resp"],
                       size=12, resp="lines", sec="merged", page_field=True),
        "fpdf": dict(landscape=False, size=10, repeat=True, vcenter=True, footer="- {n} -",
                     resp="lines", title="split", stamp=True),
        "unruled": dict(landscape=True, size=10, resp="lines", title="split", footer="{n}",
                        running="Приложение 1 к приказу от 27.12.2024 № 901"),
        "rl": dict(landscape=False, size=10, colnums=True, footer="{n}", resp="lines",
                   title="split", sec="merged"),
    },
}


# ------------------------------------------------------------------ cell text
def h(text):
    return html.escape(text, quote=False)


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
    """Tab-separated text as Excel (quoted cells) or Word (bare line breaks) copies it."""
    cols, labels, rows = grid(plan, opt)
    n = len(cols)
    pad = "\t" * (n - 1) if opt.get("pad") else ""

    def cell(c):
        if opt["quote"] == "word":
            return c
        return '"' + c.replace('"', '""') + '"' if ("\n" in c or '"' in c) else c

    lines = []
    if opt.get("stamp"):
        lines += ["\t" * (n - 1) + s for s in plan["stamp"]]
    lines += [t + pad for t in title_lines(plan, opt["title"])]
    lines.append("\t".join(cell(labels[k]) for k in cols))
    for _, cells in rows:
        lines.append("\t".join(cell(c) for c in cells))
    text = "\n".join(lines) + "\n"
    path.write_bytes(text.replace("\n", opt["nl"]).encode(opt["enc"]))


def write_lines(plan, opt, path):
    """One cell per line, as a browser copies a table from a web page."""
    cols, labels, rows = grid(plan, opt)
    out = []
    if opt.get("stamp"):
        out += plan["stamp"] + [""]
    out += title_lines(plan, opt["title"]) + [""]
    if opt.get("header"):
        out += [labels[k] for k in cols]
    for kind, cells in rows:
        if opt.get("gap") and out[-1] != "":
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
    resp = "semicolon" if opt["resp"] == "semicolon" else "lines"
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


def page_field(paragraph):
    """A centred PAGE field, as Word inserts page numbers."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    fld.append(run)
    paragraph._p.append(fld)


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
    if opt.get("running"):
        # Real appendices print a running head on every page but the first.
        sect.different_first_page_header_footer = True
        sect.header.paragraphs[0].text = opt["running"]
        sect.header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if opt.get("page_field"):
        footers = [sect.footer] + ([sect.first_page_footer] if opt.get("running") else [])
        for footer in footers:
            page_field(footer.paragraphs[0])
    cols, labels = layout_cols(plan, opt)
    n = len(cols)
    widths = [int(w) for w in col_widths(cols, opt, usable)]
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
    widths = col_widths(cols, opt, width)
    aligns = ["J" if (k == "title" and opt.get("justify")) else "L" for k in cols]
    sec = opt.get("sec", "merged")
    heading_style = FontFace(emphasis="BOLD")
    with pdf.table(col_widths=widths, text_align=aligns, width=width,
                   borders_layout="ALL" if ruled else "NONE",
                   repeat_headings=1 if opt.get("repeat") else 0,
                   num_heading_rows=2 if opt.get("colnums") else 1,
                   headings_style=heading_style, line_height=size * 0.45,
                   padding=1.2 if ruled else (0.6, 1.5),
                   v_align="MIDDLE" if opt.get("vcenter") else "TOP") as table:
        hr = table.row()
        pdf.set_font("DejaVu", "B", size)
        heads = [prewrap(pdf.get_string_width, labels[k], w - 3.5) for k, w in zip(cols, widths)]
        pdf.set_font("DejaVu", "", size)
        for text in heads:
            hr.cell(text, align="C")
        if opt.get("colnums"):
            nr = table.row()
            for i in range(n):
                nr.cell(str(i + 1), align="C")
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
    widths = col_widths(cols, opt, width)
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
        if opt.get("running") and document.page > 1:
            canvas.drawRightString(page[0] - doc.rightMargin, page[1] - 9 * mm, opt["running"])
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
    return subprocess.run(args, check=True, capture_output=True).stdout


def file_text(path, plan_id):
    raw = path.read_bytes()
    if path.name.startswith("text-tabs"):
        enc = SETTINGS[plan_id]["tabs"]["enc"]
        return raw.decode(enc).replace('""', '"')
    return raw.decode("utf-8").replace("**", " ").replace("<br>", " ")


def norm(text):
    return " ".join(text.replace("\xa0", " ").split())


def check(folder, plan, notes):
    """Every expected token must be printed in its document; dash breaks only from PDFs."""
    errors = []
    wanted = sum(1 for r in plan["rows"] if not isinstance(r, S))
    for exp in sorted(folder.glob("*.expected.yaml")):
        data = yaml.safe_load(exp.read_text(encoding="utf-8"))
        assert set(data) == {"title", "period", "measures"}, exp
        assert len(data["measures"]) == wanted, exp
        stem = exp.name[: -len(".expected.yaml")]
        docs = [p for p in folder.iterdir() if p.stem == stem and p.suffix != ".yaml"]
        assert len(docs) == 1, (exp, docs)
        doc = docs[0]
        text = norm(file_text(doc, plan["id"]))
        joined = re.sub(r"([-–])\s+", r"\1", text)
        strings = [data["title"]]
        for m in data["measures"]:
            strings += [m["number"] or "", m["title"], m["timeframe"], *m["responsible"]]
        for s in strings:
            for tok in s.split():
                if tok in text:
                    continue
                pdfish = doc.name.startswith(("text-pdftotext", "text-raw"))
                unhyphenated = [tok[:i] + tok[i + 1:] for i, ch in enumerate(tok) if ch == "-"]
                parts = re.findall(r"[^-–]+[-–]?", tok)
                if pdfish and (tok in joined or any(u in text for u in unhyphenated)
                               or all(p in text for p in parts)):
                    notes.append(f"{doc.relative_to(HERE)}: line break after a dash in {tok!r}")
                    continue
                errors.append(f"{doc.relative_to(HERE)}: token {tok!r} missing")
    return errors


# ------------------------------------------------------------------ main
def pdf_pages(path):
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def build(tmp):
    """Write the text layouts and the PDFs (in ``tmp``); keep only pdftotext's output."""
    lo_jobs, pages = [], {}
    for plan in PLANS:
        pid = plan["id"]
        st = SETTINGS[pid]
        folder = HERE / pid
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir()
        work = tmp / pid
        work.mkdir()
        write_tabs(plan, st["tabs"], folder / "text-tabs.txt")
        write_lines(plan, st["lines-a"], folder / "text-lines-a.txt")
        write_lines(plan, st["lines-b"], folder / "text-lines-b.txt")
        write_pipe(plan, st["pipe"], folder / "text-pipe.md")
        for name in ("word-a", "word-b"):
            write_word(plan, st[name], work / f"{name}.docx")
            lo_jobs.append((work / f"{name}.docx", work / f"lo-{name[-1]}.pdf"))
        write_fpdf(plan, st["fpdf"], work / "fpdf.pdf", ruled=True)
        write_fpdf(plan, st["unruled"], work / "unruled.pdf", ruled=False)
        write_reportlab(plan, st["rl"], work / "rl.pdf")
        styles = {
            "text-tabs": st["tabs"]["title"],
            "text-lines-a": st["lines-a"]["title"],
            "text-lines-b": st["lines-b"]["title"],
            "text-pipe": pipe_title_style(st["pipe"]),
        }
        source_style = {"lo-a": st["word-a"]["title"], "lo-b": st["word-b"]["title"],
                        "fpdf": st["fpdf"]["title"], "unruled": st["unruled"]["title"],
                        "rl": st["rl"]["title"]}
        for src in st["pdftotext"]:
            styles[f"text-pdftotext-{src}"] = source_style[src]
        if st["raw"]:
            styles["text-raw"] = source_style[st["raw"]]
        for stem, style in styles.items():
            (folder / f"{stem}.expected.yaml").write_text(expected_yaml(plan, style),
                                                          encoding="utf-8")
    libreoffice(lo_jobs)
    for plan in PLANS:
        pid = plan["id"]
        st = SETTINGS[pid]
        folder, work = HERE / pid, tmp / pid
        for src in st["pdftotext"]:
            pages[(pid, src)] = pdf_pages(work / f"{src}.pdf")
            (folder / f"text-pdftotext-{src}.txt").write_bytes(pdftext(work / f"{src}.pdf",
                                                                       True))
        if st["raw"]:
            (folder / "text-raw.txt").write_bytes(pdftext(work / f"{st['raw']}.pdf", False))
    return pages


def main():
    if "--list" in sys.argv:
        for pid, st in SETTINGS.items():
            print(pid)
            for k, v in st.items():
                print(f"  {k}: {v}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        pages = build(Path(tmp))
    notes, errors = [], []
    for plan in PLANS:
        errors += check(HERE / plan["id"], plan, notes)
    errors += [f"a word too wide for its column: {w!r}" for w in TOO_WIDE]
    errors += [f"{pid}/{src}.pdf: {n} page(s), a table must run over 2–4"
               for (pid, src), n in pages.items() if not 2 <= n <= 4]
    for n in notes:
        print("note:", n)
    for pid in SETTINGS:
        print(pid, "pages:", ", ".join(f"{src} {n}" for (p, src), n in pages.items()
                                       if p == pid))
    for e in errors:
        print("error:", e)
    count = sum(1 for _ in HERE.glob("*/*.expected.yaml"))
    measures = sum(sum(1 for r in p["rows"] if not isinstance(r, S)) for p in PLANS)
    print(f"{count} documents, {measures} measures, {len(errors)} errors, {len(notes)} notes")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
