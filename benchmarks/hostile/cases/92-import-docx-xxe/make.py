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
    def change(body):
        body = body.replace(
            b"<w:document", b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><w:document', 1
        )
        return body.replace("Экскурсии на предприятия".encode(), "Экскурсии &xxe;".encode())

    (root / "plan.docx").write_bytes(rewrite(docx_bytes(ROWS), "word/document.xml", change))
