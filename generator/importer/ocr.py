"""Read a scanned PDF (pages that are pictures, no text layer) by OCR with Debian's tesseract.

Each page is rendered at 300 dpi and read by `tesseract` with its Russian model
(`apt-get install tesseract-ocr tesseract-ocr-rus`); the words come back with their positions,
so the table's columns are found as for a PDF printed without ruling lines. OCR misreads
letters and digits, so the reader flags every value it gives for review. Without tesseract and
its Russian model the scan is refused with a message that says how to read it.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from .errors import ImporterError

LANGUAGE = "rus"
RESOLUTION = 300
MAX_PAGES = 40
PAGE_SECONDS = 120
INSTALL = "apt-get install tesseract-ocr tesseract-ocr-rus"


def unavailable() -> str | None:
    """Why OCR cannot run here (None when it can)."""
    program = shutil.which("tesseract")
    if program is None:
        return f"tesseract is not installed ({INSTALL})"
    try:
        listed = subprocess.run([program, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"tesseract does not run ({exc})"
    if LANGUAGE not in listed.stdout.split():
        return f"tesseract has no Russian model ({INSTALL})"
    return None


def page_words(page: Any, name: str) -> list[dict[str, Any]]:
    """The words tesseract reads on one page, as pdfplumber gives words: text, x0, x1, top, bottom in points."""
    image = page.to_image(resolution=RESOLUTION).original
    scale = 72 / RESOLUTION
    with tempfile.TemporaryDirectory(prefix="import-ocr-") as folder:
        picture = Path(folder) / "page.png"
        image.save(picture)
        try:
            done = subprocess.run(
                ["tesseract", str(picture), "stdout", "-l", LANGUAGE, "--psm", "6", "tsv"],
                capture_output=True,
                text=True,
                timeout=PAGE_SECONDS,
            )
        except subprocess.TimeoutExpired:
            raise ImporterError(f"{name}: OCR of page {page.page_number} took over {PAGE_SECONDS} s") from None
        except OSError as exc:
            raise ImporterError(f"{name}: tesseract could not run ({exc})") from None
    if done.returncode != 0:
        raise ImporterError(f"{name}: tesseract failed on page {page.page_number}: {done.stderr.strip()[:200]}")
    words = []
    for row in csv.DictReader(io.StringIO(done.stdout), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        left, top, width, height = (int(row[k]) for k in ("left", "top", "width", "height"))
        words.append(
            {
                "text": text,
                "x0": left * scale,
                "x1": (left + width) * scale,
                "top": top * scale,
                "bottom": (top + height) * scale,
            }
        )
    return words
