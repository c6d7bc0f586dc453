"""A problem found in a deck file, with the file position an editor can jump to."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a deck file: an error keeps the deck from loading, a warning does not.

    `line` and `col` are 1-based, as editors and compilers count them; 0 means unknown (a file
    that cannot be read has no line; a problem about a whole line has no column).
    """

    path: str
    line: int
    col: int
    severity: Severity
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}"
            if self.col:
                where += f":{self.col}"
        text = f"{where}: {self.severity}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def has_errors(problems: list[Problem]) -> bool:
    """True when at least one of `problems` is an error (warnings alone let a deck load)."""
    return any(p.severity == "error" for p in problems)
