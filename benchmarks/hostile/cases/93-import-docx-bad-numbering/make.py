"""Creates this case's files at run time (big, binary or special files)."""

import io
import zipfile


def docx_bytes(rows):
    import docx

    d = docx.Document()
    d.add_paragraph("План мероприятий по профориентации на 2021-2024 годы")
    t = d.add_table(rows=0, cols=4)
    for r in rows:
        cells = t.add_row().cells
        for c, v in zip(cells, r):
            c.text = v
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


ROWS = [
    ["№ п/п", "Наименование мероприятия", "Ответственный исполнитель", "Срок исполнения"],
    ["1.", "Проведение профессиональных проб", "Департамент образования", "2021 год"],
    ["2.", "Экскурсии на предприятия", "Департамент образования", "2022 год"],
]


def rewrite(data, name, change):
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            body = src.read(info.filename)
            z.writestr(info.filename, change(body) if info.filename == name else body)
        if name not in src.namelist():
            z.writestr(name, change(b""))
    return out.getvalue()


def make(root):
    import docx

    d = docx.Document()
    d.add_paragraph("План мероприятий по профориентации на 2021-2024 годы")
    t = d.add_table(rows=0, cols=4)
    for r in ROWS:
        cells = t.add_row().cells
        for c, v in zip(cells, r):
            c.text = v
    cell = t.rows[1].cells[0]
    cell.text = ""
    p = cell.paragraphs[0]
    p.style = d.styles["List Number"]
    buf = io.BytesIO()
    d.save(buf)
    (root / "plan.docx").write_bytes(
        rewrite(buf.getvalue(), "word/numbering.xml", lambda b: b.replace(b'w:ilvl="0"', b'w:ilvl="x"'))
    )
