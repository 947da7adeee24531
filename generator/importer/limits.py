"""How much the importer reads, checked before the work it bounds.

A draft holds the document's text and a plan file holds at most `yamlsafe.MAX_BYTES`, so a
larger text cannot make a draft; a .docx is a zip archive whose parts may expand a thousand
times, so their sizes are checked before any reader unpacks them.
"""

from __future__ import annotations

import zipfile

from ..content.yamlsafe import MAX_BYTES
from .errors import ImporterError

MAX_FILE_BYTES = 20_000_000
MAX_TEXT_BYTES = MAX_BYTES
# Word's XML is parsed into a tree many times its size; pictures and fonts are only held.
MAX_XML_BYTES = 20_000_000
MAX_UNZIPPED_BYTES = 100_000_000
# A plan's table runs to tens of pages; a PDF of thousands is not a plan, and reading it would take minutes.
MAX_PDF_PAGES = 500


def check_size(size: int, name: str) -> None:
    """A file of `size` bytes may be read (asked with the file's size before it is read)."""
    if size > MAX_FILE_BYTES:
        raise ImporterError(f"{name} is too large to import ({size:,} bytes; the limit is {MAX_FILE_BYTES:,})")


def check_text(data: bytes, name: str) -> None:
    if len(data) > MAX_TEXT_BYTES:
        raise ImporterError(
            f"{name} has too much text to become one plan file ({len(data):,} bytes; a plan file "
            f"holds at most {MAX_TEXT_BYTES:,}): import the table of measures alone"
        )


def check_archive(archive: zipfile.ZipFile, name: str) -> None:
    """The parts of a .docx fit in memory: the sizes its zip directory declares are within the
    limits, and each part, unpacked a piece at a time, is no larger than declared (zipfile cuts
    a part at its declared size, but only after inflating all of it at once)."""
    infos = archive.infolist()
    for what, size, limit in (
        ("its XML", sum(i.file_size for i in infos if i.filename.endswith((".xml", ".rels"))), MAX_XML_BYTES),
        ("its parts", sum(i.file_size for i in infos), MAX_UNZIPPED_BYTES),
    ):
        if size > limit:
            raise ImporterError(
                f"{name} would expand to {size:,} bytes of {what} when unpacked (the limit is "
                f"{limit:,}); a Word document of a plan is far smaller"
            )
    try:
        for info in infos:
            with archive.open(info) as part:
                while part.read(1 << 20):
                    pass
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError, RuntimeError) as exc:
        raise ImporterError(f"{name} is a damaged Word document ({exc})") from None


def check_pages(pages: int, name: str) -> None:
    """A PDF of `pages` pages may be read (asked before its pages are read)."""
    if pages > MAX_PDF_PAGES:
        raise ImporterError(
            f"{name} has {pages:,} pages; a plan's PDF has at most {MAX_PDF_PAGES} — "
            "import the pages that hold the table of measures"
        )
