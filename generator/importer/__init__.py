"""`python -m generator import`: turn a plan published as .docx, .pdf or text into a draft plan YAML.

The pipeline, one module per step:

    detect    → which format the bytes are (by content, not by extension); encoding decodes text
                as it declares itself, then UTF-8, then windows-1251 or KOI8-R by its letters
    readers   → rows of cells: docx_reader (Word tables), pdf_reader (ruled tables, pdf_layout;
                tables without rules by pdf_unruled; scans by ocr), text_reader (tabs with
                text_quoted's Excel quoting, text_aligned, text_lines, text_pipe, html_reader);
                linebreaks tells a cell's own line breaks from wraps; spans joins a header's
                label stretches
    table     → sections and measures: the header by its meaning (columns, over several rows),
                numbering forms (numbering), page breaks joined, continuation lines merged
    cleanup   → extraction artefacts fixed (homoglyphs, «000», broken words, HTML remnants)
    agencies  → responsible cells split into agencies (names: where a run-on name ends);
                spellings and abbreviations merged
    metadata  → title, act, period and level from the text around the table
    suggest   → topics, audiences and agency kinds suggested from the vocabularies
    draft     → the plan as data, every guess a `note`
    report    → what a reviewer must look at
    cli       → the command: writes the draft and the source text atomically

`import_source` runs everything in memory; only `cli` writes files.
"""

from __future__ import annotations

from .errors import ImporterError
from .pipeline import ImportResult, Vocabularies, import_bytes, import_source

__all__ = ["ImportResult", "ImporterError", "Vocabularies", "import_bytes", "import_source"]
