"""Read a Word document with python-docx: paragraphs as text, tables row by row, merges resolved.

A heading row merged across the whole table becomes a spanning row (a section); cells merged
across columns are read once; a row whose number cell is merged with the row above continues
that measure. Numbers Word generates itself (automatic list numbering) are not in the text,
so they are counted here and the guess is noted.
"""

from __future__ import annotations

import io
from typing import Any

from .errors import ImporterError
from .rows import BREAK, CELLS, TEXT, Row, Source, rows_text


def read_docx(data: bytes, name: str = "the source") -> Source:
    """Read a .docx into rows; raise ImporterError when the file cannot be opened."""
    import docx
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for damaged packages
        raise ImporterError(f"{name}: cannot open the Word document ({type(exc).__name__}: {exc})") from None
    numbering = _Numbering(document)
    rows: list[Row] = []
    paragraphs = tables = 0
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            paragraphs += 1
            if any(br.get(qn("w:type")) == "page" for br in child.iter(qn("w:br"))):
                rows.append(Row(BREAK, where=f"paragraph {paragraphs}"))
            text = Paragraph(child, document).text.strip()
            where = f"paragraph {paragraphs}"
            rows.append(Row(TEXT, [text], where) if text else Row(BREAK, where=where))
        elif child.tag == qn("w:tbl"):
            tables += 1
            rows.append(Row(BREAK, where=f"table {tables}"))
            rows.extend(_table_rows(Table(child, document), tables, numbering))
    return Source("docx", rows_text(rows), rows, name)


def _table_rows(table: Any, number: int, numbering: _Numbering) -> list[Row]:
    out: list[Row] = []
    above: list[Any] | None = None
    for index, row in enumerate(table.rows, 1):
        cells = list(row.cells)
        tcs = [c._tc for c in cells]
        spans = len(cells) > 1 and all(tc is tcs[0] for tc in tcs)
        texts: list[str] = []
        notes: list[str] = []
        for i, cell in enumerate(cells):
            if i and tcs[i] is tcs[i - 1]:
                texts.append("")  # the same merged cell again
                continue
            text = cell.text.strip()
            if not text and not spans:
                label = numbering.label(cell)
                if label:
                    text = label
                    notes.append(f"number {label} is Word's automatic numbering, counted by the importer")
            texts.append(text)
        if spans:
            texts = [texts[0]] + [""] * (len(cells) - 1)
        elif above is not None and len(above) == len(tcs) and tcs[0] is above[0]:
            # The number cell is merged with the row above: this row continues that measure.
            texts = ["" if tcs[i] is above[i] else t for i, t in enumerate(texts)]
        above = tcs
        out.append(Row(CELLS, texts, f"table {number}, row {index}", spans=spans, table=number, notes=notes))
    return out


class _Numbering:
    """Counts Word's automatic decimal list numbers, so an auto-numbered № cell gets its number."""

    def __init__(self, document: Any) -> None:
        from docx.oxml.ns import qn

        self.qn = qn
        self.formats: dict[tuple[str, int], str] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except Exception:  # no numbering part: nothing is auto-numbered
            return
        abstract = {a.get(qn("w:abstractNumId")): a for a in root.findall(qn("w:abstractNum"))}
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            node = abstract.get(ref.get(qn("w:val"))) if ref is not None else None
            if node is None:
                continue
            for lvl in node.findall(qn("w:lvl")):
                fmt = lvl.find(qn("w:numFmt"))
                self.formats[(num.get(qn("w:numId")), _level(lvl.get(qn("w:ilvl"))))] = (
                    fmt.get(qn("w:val")) if fmt is not None else "decimal"
                )

    def label(self, cell: Any) -> str | None:
        """The number Word shows in an empty, auto-numbered cell; None when it is not numbered."""
        qn = self.qn
        for paragraph in cell.paragraphs:
            num_pr = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            if num_pr is None:
                num_pr = self._style_numbering(paragraph)
            if num_pr is None:
                continue
            num_id = num_pr.find(qn("w:numId"))
            ilvl = num_pr.find(qn("w:ilvl"))
            key = num_id.get(qn("w:val")) if num_id is not None else None
            level = _level(ilvl.get(qn("w:val"))) if ilvl is not None else 0
            if key is None or self.formats.get((key, level), "decimal") != "decimal":
                return None
            counters = self.counters.setdefault(key, [])
            del counters[level + 1 :]
            while len(counters) <= level:
                counters.append(0)
            counters[level] += 1
            return ".".join(str(c or 1) for c in counters[: level + 1]) + "."
        return None

    def _style_numbering(self, paragraph: Any) -> Any:
        """Numbering set by the paragraph's style («List Number») rather than on the paragraph."""
        try:
            element = paragraph.style.element
        except Exception:  # a paragraph without a resolvable style
            return None
        return element.find(f"{self.qn('w:pPr')}/{self.qn('w:numPr')}") if element is not None else None


def _level(value: str | None) -> int:
    """A numbering level as Word writes it ("0".."8"); anything else counts as the top level."""
    return int(value) if value and value.isdigit() else 0
