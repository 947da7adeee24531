"""Tell a source's format from its bytes: people rename files, so the extension is only a hint."""

from __future__ import annotations

import io
import zipfile

from . import limits
from .encoding import decode_text
from .errors import ImporterError

PDF, DOCX, TXT = "pdf", "docx", "txt"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def detect_format(data: bytes, name: str = "the file") -> str:
    """Return "pdf", "docx" or "txt" for `data`, or raise ImporterError saying what the file is instead."""
    limits.check_size(len(data), name)
    if not data.strip():
        raise ImporterError(f"{name} is empty")
    head = data[:1024]
    if head.lstrip(b"\x00\t\r\n ").startswith(b"%PDF"):
        return PDF
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
                limits.check_archive(archive, name)
        except zipfile.BadZipFile:
            raise ImporterError(f"{name} looks like a zip archive but cannot be opened (damaged file?)") from None
        if "word/document.xml" in names:
            return DOCX
        raise ImporterError(f"{name} is a zip archive but not a Word document (no word/document.xml)")
    if data.startswith(_OLE2):
        raise ImporterError(f"{name} is an old binary Word/Excel file (.doc/.xls); save it as .docx and import that")
    limits.check_text(data, name)
    text, codec, _ = decode_text(data)
    if text is None or "\x00" in text[:1024]:
        raise ImporterError(
            f"{name} is binary data, not a .docx, a .pdf or text (UTF-8, UTF-16, windows-1251 or KOI8-R)"
        )
    if codec != "utf-8":
        limits.check_text(text.encode("utf-8"), name)  # the plan file is UTF-8, larger than a code page
    return TXT
