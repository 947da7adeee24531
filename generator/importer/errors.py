"""The one error the importer raises for bad input; the CLI prints it as a single line."""

from __future__ import annotations


class ImporterError(Exception):
    """Input the importer cannot turn into a draft (unreadable file, no table, unknown region …)."""
