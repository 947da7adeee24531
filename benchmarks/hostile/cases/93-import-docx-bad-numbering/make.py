"""Creates this case's files at run time (big, binary or special files)."""

from benchmarks.hostile_files import ROWS, document, docx_bytes, rewrite


def make(root):
    d, table = document(ROWS)
    cell = table.rows[1].cells[0]
    cell.text = ""
    cell.paragraphs[0].style = d.styles["List Number"]
    data = docx_bytes(d)
    (root / "plan.docx").write_bytes(
        rewrite(data, "word/numbering.xml", lambda b: b.replace(b'w:ilvl="0"', b'w:ilvl="x"'))
    )
