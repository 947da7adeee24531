"""Located content errors: every problem in a content file names its file, line and column."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Characters that end or rewrite a line in a terminal, a log or a YAML comment.
_LINE_BREAKING = re.compile("[\x00-\x1f\x7f\x85\u2028\u2029]")


def one_line(text: str) -> str:
    """`text` with every control and line-breaking character written as an escape (\\u000d),
    so that a message quoting content stays one line that starts with its location."""
    return _LINE_BREAKING.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


@dataclass(frozen=True, order=True)
class ContentError(Exception):
    """One problem in one content file, pointing at the place a contributor must edit."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {one_line(self.message)}"


class ContentErrors(Exception):
    """Raised when content is invalid; carries every error found, not just the first."""

    def __init__(self, errors: list[ContentError]) -> None:
        self.errors = sorted(set(errors))
        super().__init__("\n".join(str(e) for e in self.errors))
