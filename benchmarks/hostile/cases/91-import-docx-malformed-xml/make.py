"""Creates this case's files at run time (big, binary or special files)."""

from benchmarks.hostile_files import ROWS, document, docx_bytes, rewrite


def make(root):
    data = docx_bytes(document(ROWS)[0])
    (root / "plan.docx").write_bytes(rewrite(data, "word/document.xml", lambda b: b[: len(b) // 2]))
