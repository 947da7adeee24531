"""Render the held-out plans (plans.py) into nine layouts each and write the
expected extraction next to every file as <layout>.expected.yaml.

Run:  /work/main/.venv/bin/python /work/main/benchmarks/layouts/heldout/make.py
"""
from __future__ import annotations

import random
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
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from fpdf import FPDF
from fpdf.fonts import FontFace

HERE = Path(__file__).resolve().parent
sys.dont_write_bytecode = True
sys.path.insert(0, str(HERE))
from plans import PLANS, SOGL  # noqa: E402

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
LETTERS = "абвгдежзиклмнопрстуфхцчшщэюя"


# ---------------------------------------------------------------------------
# rows
# ---------------------------------------------------------------------------
def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def clean_resp(item: str) -> str:
    s = norm(item.replace(SOGL, " "))
    return s.rstrip(",;").strip()


def group_values(plan, g: int, m) -> list[str]:
    rnd = random.Random(f"{plan['id']}-{g}")
    n = len(plan["group"][1])
    pid = plan["id"]
    if pid.startswith("a"):
        if rnd.random() < 0.45:
            return ["—"] * n
        return [f"{rnd.randint(5, 90) * 10},0" if rnd.random() < 0.8 else "—" for _ in range(n)]
    if pid.startswith("b"):
        if rnd.random() < 0.4:
            return ["—"] * n
        return [f"{rnd.randint(2, 60)},{rnd.randint(0, 9)}" if rnd.random() < 0.7 else "—" for _ in range(n)]
    if pid.startswith("c"):
        return ["+" if rnd.random() < 0.6 else "—" for _ in range(n)]
    v = rnd.random()
    if v < 0.5:
        return ["в пределах текущего финансирования", "—"]
    return [f"{rnd.randint(3, 45) * 10},0", "—" if v < 0.8 else f"{rnd.randint(1, 9) * 10},0"]


def build_rows(plan, scheme: str = "std"):
    """Return a list of rows.  scheme: 'std' (numbers as in the plan) or 'alt'
    (the word-numbering variant)."""
    pid = plan["id"][0]
    rows = []
    g = 0

    def measure(m, a, b, c, cnum):
        nonlocal g
        g += 1
        title, tf, resp, style, result = m
        if scheme == "std":
            if pid == "a":
                num = f"{a}.{c}."
            elif pid == "b":
                num = f"{a}.{b}.{c}" if b else f"{a}.{c}"
            elif pid == "c":
                num = f"{g}."
            else:
                num = f"{a}.{c}"
        else:
            if pid == "a":
                num = f"{g}."
            elif pid == "b":
                num = f"{LETTERS[c - 1]})"
            elif pid == "c":
                num = None
            else:
                num = f"{c})"
        rows.append({"kind": "measure", "num": num, "title": title, "tf": tf,
                     "resp": resp, "style": style, "result": result,
                     "group": group_values(plan, g, m)})

    for a, (snum, sname, children) in enumerate(plan["sections"], 1):
        if scheme == "std":
            label = f"{snum} {sname}" if snum else sname
        else:
            label = {"a": f"{ROMAN[a - 1]}. {sname}", "b": f"Раздел {a}. {sname}",
                     "c": sname, "d": f"{ROMAN[a - 1]}. {sname}"}[pid]
        rows.append({"kind": "section", "text": label, "level": 1})
        c = 0
        for child in children:
            if len(child) == 3:  # sub-section
                b = int(child[0].strip(".").split(".")[-1])
                sub_label = f"{child[0]} {child[1]}" if scheme == "std" else child[1]
                rows.append({"kind": "section", "text": sub_label, "level": 2})
                for cc, m in enumerate(child[2], 1):
                    measure(m, a, b, cc, None)
            else:
                c += 1
                measure(child, a, None, c, None)
    return rows


def expected(plan, rows, number_in_file: bool = True) -> dict:
    out = []
    for r in rows:
        if r["kind"] != "measure":
            continue
        num = r["num"]
        if num is not None and number_in_file:
            num = num.rstrip(".)")
        else:
            num = None
        out.append({"number": num, "title": norm(r["title"]),
                    "responsible": [clean_resp(x) for x in r["resp"]],
                    "timeframe": norm(r["tf"])})
    period = dict(plan["period"]) if plan["period"] else None
    return {"title": norm(plan["title"]), "period": period, "measures": out}


def write_expected(path: Path, data: dict):
    path.with_name(path.name.rsplit(".", 1)[0] + ".expected.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10000),
        encoding="utf-8")


# ---------------------------------------------------------------------------
# responsible cell renderings
# ---------------------------------------------------------------------------
def resp_single(resp) -> str:
    items = [norm(x) for x in resp]
    sep = "; " if any("," in x for x in items) else ", "
    return sep.join(items)


def resp_lines(plan, r, force_lines=False) -> list[str]:
    """Lines of a multi-line responsible cell."""
    if r["style"] == "c" and not force_lines:
        return [resp_single(r["resp"])]
    trail = "" if force_lines else plan.get("line_trail", "")
    lines = []
    for i, item in enumerate(r["resp"]):
        parts = item.split("\n")
        if i < len(r["resp"]) - 1 and trail:
            parts[-1] += trail
        lines.extend(parts)
    return lines


def title_lines(plan) -> list[str]:
    t = plan["title"]
    if t.startswith("ПЛАН "):
        return ["ПЛАН", t[5:]]
    return [t]


# ---------------------------------------------------------------------------
# text layouts
# ---------------------------------------------------------------------------
def text_tabs(plan, out: Path):
    rows = build_rows(plan)
    L = []
    if plan["preamble"]:
        L += ["\t\t\t\t" + x for x in plan["preamble"]] + [""]
    L += [" ".join(title_lines(plan)), ""]
    L.append("\t".join(plan["columns"]))
    if plan["id"][0] in "ac":
        L.append("\t".join(str(i) for i in range(1, len(plan["columns"]) + 1)))
    for r in rows:
        if r["kind"] == "section":
            L.append(r["text"])
        else:
            L.append("\t".join([r["num"], norm(r["title"]), r["tf"],
                                resp_single(r["resp"]), r["result"]]))
    out.write_text("\n".join(L) + "\n", encoding="utf-8")
    write_expected(out, expected(plan, rows))


def _wrap(text, width):
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [""]


def text_spaces(plan, out: Path):
    """Imitation of `pdftotext -layout` output of a landscape ruled table."""
    rows = build_rows(plan)
    widths = [7, 46, 17, 36, 26]
    gap = "   "
    total = sum(widths) + len(gap) * (len(widths) - 1)
    aligns = ["c", "l", "c", "l", "l"]
    pid = plan["id"][0]

    def fmt_row(cells_lines):
        h = max(len(c) for c in cells_lines)
        res = []
        for i in range(h):
            parts = []
            for w, al, cl in zip(widths, aligns, cells_lines):
                s = cl[i] if i < len(cl) else ""
                parts.append(s.center(w) if al == "c" else s.ljust(w))
            res.append(gap.join(parts).rstrip())
        return res

    def header():
        return fmt_row([_wrap(h, w) for h, w in zip(plan["columns"], widths)]) + [""]

    L = []
    if plan["preamble"]:
        L += [" " * (total - 40) + x for x in plan["preamble"]] + [""]
    for tl in title_lines(plan):
        L += [x.center(total).rstrip() for x in _wrap(tl, 100)]
    L.append("")
    L += header()
    body = []
    for r in rows:
        if r["kind"] == "section":
            body.append([x.center(total).rstrip() for x in _wrap(r["text"], 100)] + [""])
        else:
            resp = []
            for line in resp_lines(plan, r):
                resp += _wrap(line, widths[3])
            cells = [[r["num"]], _wrap(norm(r["title"]), widths[1]), _wrap(r["tf"], widths[2]),
                     resp, _wrap(r["result"], widths[4])]
            body.append(fmt_row(cells) + [""])
    brk = len(body) // 2
    for i, b in enumerate(body):
        if i == brk:
            L.append("\f" + ("2".center(total).rstrip() if pid in "ad" else ""))
            L.append("")
            if pid in "ab":
                L += header()
        L += b
    out.write_text("\n".join(L).rstrip() + "\n\f", encoding="utf-8")
    write_expected(out, expected(plan, rows))


def text_lines(plan, out: Path):
    rows = build_rows(plan)
    L = [" ".join(title_lines(plan)), ""]
    L += plan["columns"]
    for r in rows:
        if r["kind"] == "section":
            L.append(r["text"])
        else:
            L += [r["num"], norm(r["title"]), r["tf"], resp_single(r["resp"]), r["result"]]
    out.write_text("\n".join(L) + "\n", encoding="utf-8")
    write_expected(out, expected(plan, rows))


def text_pipe(plan, out: Path):
    rows = build_rows(plan)
    pid = plan["id"][0]
    n = len(plan["columns"])
    L = [("## " if pid in "ab" else "**") + " ".join(title_lines(plan)) + ("" if pid in "ab" else "**"), ""]
    L.append("| " + " | ".join(plan["columns"]) + " |")
    L.append("|" + "|".join(["---"] * n) + "|")
    for r in rows:
        if r["kind"] == "section":
            cells = [""] * n
            cells[0 if pid in "ac" else 1] = f"**{r['text']}**"
            L.append("| " + " | ".join(cells) + " |")
        else:
            resp = "<br>".join(resp_lines(plan, r))
            L.append("| " + " | ".join([r["num"], norm(r["title"]), r["tf"], resp, r["result"]]) + " |")
    out.write_text("\n".join(L) + "\n", encoding="utf-8")
    write_expected(out, expected(plan, rows))


# ---------------------------------------------------------------------------
# Word layouts
# ---------------------------------------------------------------------------
def new_doc():
    doc = Document()
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin"):
        setattr(sec, side, Cm(2.0))
    sec.top_margin = sec.bottom_margin = Cm(1.5)
    st = doc.styles["Normal"]
    st.font.name = "Times New Roman"
    st.font.size = Pt(11)
    st.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
    st.paragraph_format.space_after = Pt(0)
    return doc


def add_par(doc, text, align=None, bold=False, size=None):
    p = doc.add_paragraph()
    run = p.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    if align == "c":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "r":
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return p


def add_preamble(doc, plan):
    if plan["preamble"]:
        for line in plan["preamble"]:
            p = add_par(doc, line)
            p.paragraph_format.left_indent = Cm(17)
        add_par(doc, "")


def set_cell(cell, lines, bold=False, align=None):
    if isinstance(lines, str):
        lines = [lines]
    # remove extra paragraphs
    for p in cell.paragraphs[1:]:
        p._element.getparent().remove(p._element)
    p0 = cell.paragraphs[0]
    for r in list(p0.runs):
        r._element.getparent().remove(r._element)
    for i, line in enumerate(lines):
        p = p0 if i == 0 else cell.add_paragraph()
        run = p.add_run(line)
        run.bold = bold
        if align == "c":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def repeat_header(row):
    trPr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trPr.append(el)


def set_widths(table, widths_cm):
    table.autofit = False
    grid = table._tbl.tblGrid
    for gc, w in zip(grid.findall(qn("w:gridCol")), widths_cm):
        gc.set(qn("w:w"), str(int(Cm(w).twips)))
    tblPr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblPr.append(layout)
    for row in table.rows:
        for tc in row._tr.tc_lst:
            # a merged cell spans several grid columns
            start = sum(c.grid_span for c in row._tr.tc_lst[:row._tr.tc_lst.index(tc)])
            w = sum(widths_cm[start:start + tc.grid_span])
            tc.get_or_add_tcPr()
            tcW = tc.tcPr.get_or_add_tcW()
            tcW.type = "dxa"
            tcW.w = Cm(w)


def merged_row(table, text, ncols, bold=True, align="c"):
    row = table.add_row()
    cell = row.cells[0].merge(row.cells[ncols - 1])
    set_cell(cell, text if isinstance(text, list) else [text], bold=bold, align=align)
    return row


def word_merged(plan, out: Path):
    rows = build_rows(plan)
    glabel, subs = plan["group"]
    cols = plan["columns"][:4]
    ncols = 4 + len(subs)
    doc = new_doc()
    add_preamble(doc, plan)
    t = doc.add_table(rows=0, cols=ncols)
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    merged_row(t, title_lines(plan), ncols)
    h1, h2 = t.add_row(), t.add_row()
    for i, c in enumerate(cols):
        m = h1.cells[i].merge(h2.cells[i])
        set_cell(m, c, bold=True, align="c")
    g = h1.cells[4].merge(h1.cells[ncols - 1])
    set_cell(g, glabel, bold=True, align="c")
    for j, s in enumerate(subs):
        set_cell(h2.cells[4 + j], s, bold=True, align="c")
    nr = t.add_row()
    for i in range(ncols):
        set_cell(nr.cells[i], str(i + 1), align="c")
    for r in (h1, h2, nr):
        repeat_header(r)
    for r in rows:
        if r["kind"] == "section":
            merged_row(t, r["text"], ncols)
        else:
            row = t.add_row()
            vals = [[r["num"]], [norm(r["title"])], [r["tf"]], resp_lines(plan, r)] + [[v] for v in r["group"]]
            for i, v in enumerate(vals):
                set_cell(row.cells[i], v, align="c" if i in (0, 2) or i >= 4 else None)
    sub_w = 7.5 / len(subs)
    set_widths(t, [1.3, 9.0, 3.2, 4.7] + [sub_w] * len(subs))
    doc.save(out)
    write_expected(out, expected(plan, rows))


ORDER = {
    "a": (["№ п/п", "Ответственный исполнитель", "Наименование мероприятия", "Срок", "Показатель"],
          ["num", "resp", "title", "tf", "result"], [1.3, 6.0, 10.0, 3.4, 5.0]),
    "b": (["№", "Срок выполнения", "Содержание мероприятия", "Исполнители", "Целевой показатель"],
          ["num", "tf", "title", "resp", "result"], [1.5, 3.6, 10.0, 5.6, 5.0]),
    "c": (["№", "Мероприятие", "Ответственные исполнители", "Период проведения", "Результат"],
          ["num", "title", "resp", "tf", "result"], [1.2, 10.5, 6.2, 3.6, 4.2]),
    "d": (["№ п/п", "Исполнитель", "Содержание работы", "Результат", "Сроки исполнения"],
          ["num", "resp", "title", "result", "tf"], [1.3, 6.2, 10.0, 4.6, 3.6]),
}


def cell_value(plan, r, key):
    if key == "resp":
        return resp_lines(plan, r)
    if key == "title":
        return [norm(r["title"])]
    return [r[key]]


def word_table(doc, plan, rows, headers, keys, widths, repeat=True):
    n = len(headers)
    t = doc.add_table(rows=0, cols=n)
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    h = t.add_row()
    for i, c in enumerate(headers):
        set_cell(h.cells[i], c, bold=True, align="c")
    if repeat:
        repeat_header(h)
    for r in rows:
        if r["kind"] == "section":
            merged_row(t, r["text"], n)
        else:
            row = t.add_row()
            for i, k in enumerate(keys):
                set_cell(row.cells[i], cell_value(plan, r, k), align="c" if k in ("num", "tf") else None)
    set_widths(t, widths)
    return t


def word_order(plan, out: Path):
    rows = build_rows(plan)
    headers, keys, widths = ORDER[plan["id"][0]]
    doc = new_doc()
    add_preamble(doc, plan)
    for tl in title_lines(plan):
        add_par(doc, tl, align="c", bold=True, size=13)
    add_par(doc, "")
    word_table(doc, plan, rows, headers, keys, widths)
    doc.save(out)
    write_expected(out, expected(plan, rows))


def word_numbering(plan, out: Path):
    rows = build_rows(plan, "alt")
    pid = plan["id"][0]
    cols = plan["columns"]
    doc = new_doc()
    for tl in title_lines(plan):
        add_par(doc, tl, align="c", bold=True, size=13)
    add_par(doc, "")
    if pid in "ab":
        headers, keys, widths = cols, ["num", "title", "tf", "resp", "result"], [1.4, 10.5, 3.6, 5.8, 4.4]
    else:
        headers, keys, widths = cols[1:], ["title", "tf", "resp", "result"], [11.5, 3.6, 6.0, 4.6]
    if pid == "d":
        # the number is printed at the start of the measure text: «1) Обеспечение ...»
        for r in rows:
            if r["kind"] == "measure":
                r["title"] = f"{r['num']} {r['title']}"
                r["_num"] = r["num"]
    word_table(doc, plan, rows, headers, keys, widths)
    doc.save(out)
    if pid == "d":
        for r in rows:
            if r["kind"] == "measure":
                r["title"] = r["title"][len(r["_num"]) + 1:]
    write_expected(out, expected(plan, rows, number_in_file=(pid != "c")))


def pdf_libreoffice(plan, out: Path, docx_path: Path):
    with tempfile.TemporaryDirectory() as td:
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{td}/profile",
                        "--convert-to", "pdf", "--outdir", td, str(docx_path)],
                       check=True, capture_output=True, timeout=180)
        shutil.move(Path(td) / (docx_path.stem + ".pdf"), out)
    write_expected(out, expected(plan, build_rows(plan)))


# ---------------------------------------------------------------------------
# fpdf2 layout
# ---------------------------------------------------------------------------
class _PDF(FPDF):
    def footer(self):
        self.set_y(-12)
        self.set_font("DejaVu", size=8)
        self.cell(0, 5, str(self.page_no()), align="C")


def pdf_fpdf(plan, out: Path):
    rows = build_rows(plan)
    pid = plan["id"][0]
    pdf = _PDF(orientation="P", format="A4")
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_margins(12, 12, 12)
    pdf.set_auto_page_break(True, margin=16)
    pdf.add_page()
    pdf.set_font("DejaVu", size=9)
    if plan["preamble"]:
        for line in plan["preamble"]:
            pdf.set_x(135)
            pdf.cell(0, 4.5, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    pdf.set_font("DejaVu", "B", 11)
    for tl in title_lines(plan):
        pdf.multi_cell(0, 5.5, tl, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("DejaVu", size=9)
    cols = plan["columns"]
    ncols = len(cols)
    heading_rows = 2 if pid == "b" else 1
    with pdf.table(col_widths=(11, 62, 30, 50, 33),
                   text_align=("CENTER", "LEFT", "CENTER", "LEFT", "LEFT"),
                   line_height=4.4, padding=1.2, num_heading_rows=heading_rows,
                   repeat_headings=1,
                   headings_style=FontFace(emphasis="BOLD", fill_color=(225, 225, 225))) as t:
        hr = t.row()
        for c in cols:
            hr.cell(c, align="CENTER")
        if pid == "b":
            nr = t.row()
            for i in range(ncols):
                nr.cell(str(i + 1), align="CENTER")
        for r in rows:
            row = t.row()
            if r["kind"] == "section":
                row.cell(r["text"], colspan=ncols, align="CENTER",
                         style=FontFace(emphasis="BOLD", fill_color=(242, 242, 242)))
            else:
                row.cell(r["num"])
                row.cell(norm(r["title"]))
                row.cell(r["tf"])
                row.cell("\n".join(resp_lines(plan, r, force_lines=True)))
                row.cell(r["result"])
    pdf.output(str(out))
    write_expected(out, expected(plan, rows))


# ---------------------------------------------------------------------------
def main():
    for plan in PLANS:
        d = HERE / plan["id"]
        d.mkdir(exist_ok=True)
        text_tabs(plan, d / "text-tabs.txt")
        text_spaces(plan, d / "text-spaces.txt")
        text_lines(plan, d / "text-lines.txt")
        text_pipe(plan, d / "text-pipe.md")
        word_merged(plan, d / "word-merged.docx")
        word_order(plan, d / "word-order.docx")
        word_numbering(plan, d / "word-numbering.docx")
        pdf_libreoffice(plan, d / "pdf-libreoffice.pdf", d / "word-order.docx")
        pdf_fpdf(plan, d / "pdf-fpdf.pdf")
        print(plan["id"], "ok")


if __name__ == "__main__":
    main()
