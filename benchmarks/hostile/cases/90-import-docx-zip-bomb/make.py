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
    data = docx_bytes(ROWS)
    src = zipfile.ZipFile(io.BytesIO(data))
    with zipfile.ZipFile(root / "plan.docx", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename != "word/document.xml":
                z.writestr(info.filename, body)
                continue
            head, tail = body.split(b"<w:body>", 1)
            with z.open("word/document.xml", "w", force_zip64=True) as w:
                w.write(head + b"<w:body>")
                chunk = b"<w:p><w:r><w:t>x</w:t></w:r></w:p>" * 30000
                for _ in range(1024 * 1024 * 1024 // len(chunk)):
                    w.write(chunk)
                w.write(tail)
