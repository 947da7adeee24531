"""`python -m generator import`: turn a plan published as .docx, .pdf or text into a draft plan YAML.

The pipeline, one module per step:

    detect    → which format the bytes are (by content, not by extension)
    readers   → rows of cells (Word and PDF tables read as tables; text split at tabs)
    table     → sections and measures: page breaks joined, continuation lines merged
    cleanup   → extraction artefacts fixed (homoglyphs, «000», broken words, HTML remnants)
    agencies  → responsible cells split into agencies; spellings and abbreviations merged
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
