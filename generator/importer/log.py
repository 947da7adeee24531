"""What the importer did that a reviewer must know: guesses, fixes, merges, abbreviations.

Every entry names where in the source it happened. Entries about one measure are also kept
on that measure so the draft can carry them as its `note`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

GUESS, FIX, MERGE, ABBREVIATION, DEADLINE, SKIPPED, INFO = (
    "guess",
    "fix",
    "merge",
    "abbreviation",
    "deadline",
    "skipped",
    "info",
)


class Noted(Protocol):
    """Anything a note can be attached to (a measure, a section, an agency)."""

    notes: list[str]


@dataclass(frozen=True)
class Entry:
    """One thing the reviewer should look at, located in the source."""

    kind: str
    where: str
    message: str
    subject: str | None = None  # "3.1.2", "section 4", "agency …"


@dataclass
class Log:
    """Collects entries in the order they happen."""

    entries: list[Entry] = field(default_factory=list)

    def add(self, kind: str, where: str, message: str, subject: str | None = None, target: Noted | None = None) -> None:
        """Record an entry; with a target, the message also becomes part of the target's note."""
        self.entries.append(Entry(kind, where, message, subject))
        if target is not None and message not in target.notes:
            target.notes.append(message)

    def of(self, kind: str) -> list[Entry]:
        """The entries of one kind, in order."""
        return [e for e in self.entries if e.kind == kind]
