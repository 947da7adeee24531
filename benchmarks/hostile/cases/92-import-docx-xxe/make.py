"""Creates this case's files at run time (big, binary or special files)."""

from benchmarks.hostile_files import ROWS, document, docx_bytes, rewrite


def make(root):
    def change(body):
        body = body.replace(
            b"<w:document", b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><w:document', 1
        )
        return body.replace("Экскурсии на предприятия".encode(), "Экскурсии &xxe;".encode())

    (root / "plan.docx").write_bytes(rewrite(docx_bytes(document(ROWS)[0]), "word/document.xml", change))
