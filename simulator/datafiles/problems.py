"""Problems found in authored files: one shape for every loader, linter and command."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Iterable


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or suspicious) in an authored file.

    ``line`` and ``column`` are 1-based and only set when the parser really knows
    them; a made-up number is worse than none.
    """

    file: str
    key: str
    message: str
    code: str
    line: int | None = None
    column: int | None = None
    hint: str | None = None
    severity: str = "error"  # "error" | "warning"

    def where(self) -> str:
        spot = self.file
        if self.line is not None:
            spot += f":{self.line}"
            if self.column is not None:
                spot += f":{self.column}"
        return spot

    def format(self) -> str:
        """One paragraph: where, which key, what was expected, and a hint."""
        key = f" at '{self.key}'" if self.key else ""
        text = f"{self.where()}: {self.severity} {self.code}{key}: {self.message}"
        if self.hint:
            text += f" {self.hint}"
        return text

    def to_dict(self) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "key": self.key,
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
        }


@dataclass
class ProblemList:
    """Collects problems so a check can report all of them, not just the first."""

    items: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.items.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "warning"]

    def __bool__(self) -> bool:
        return bool(self.items)

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


class DataFileError(Exception):
    """Raised when an authored file cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(p.format() for p in problems))


def did_you_mean(name: object, choices: Iterable[str]) -> str | None:
    """'Did you mean ...?' for a near name, or None."""
    if not isinstance(name, str):
        return None
    close = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.6)
    return f"Did you mean '{close[0]}'?" if close else None
