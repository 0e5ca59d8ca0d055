"""What the subject says: seeded choice among an author's variants, never the same line twice
in a row, and the engine's own default lines (``lines.yaml``, data like the rest)."""

from __future__ import annotations

import random
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict

from simulator.vocabulary import Outcome

LINES_FILE = Path(__file__).with_name("lines.yaml")


class DefaultLines(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    endings: dict[Outcome, str]
    """The subject's last words per outcome."""
    titles: dict[Outcome, str]
    """The outcome's title in the debrief."""
    repeat: tuple[str, ...]
    """Said when the recruit keeps saying the same thing."""
    retold: tuple[str, ...]
    """Said before an answer the subject has already given ("I told you.")."""


@lru_cache(maxsize=1)
def default_lines() -> DefaultLines:
    return DefaultLines.model_validate(yaml.safe_load(LINES_FILE.read_text(encoding="utf-8")))


class LinePicker:
    """Draws lines with the session's seeded RNG; remembers the last line and body language
    so neither repeats back to back."""

    def __init__(self, seed: int) -> None:
        self._rng = random.Random(seed)
        self.last_line: str | None = None
        self._last_nonverbal: str | None = None

    def line(self, pool: list[str] | tuple[str, ...], fallback: list[str] | tuple[str, ...] = ()) -> str:
        """A line from ``pool`` other than the last one; else from ``fallback`` (the band's lines)."""
        choices = [x for x in pool if x != self.last_line]
        if not choices:
            choices = [x for x in fallback if x != self.last_line] or list(pool)
        line = self._rng.choice(choices)
        self.last_line = line
        return line

    def chance(self, p: float) -> bool:
        """True with probability ``p``, from the same seeded stream as the lines."""
        return self._rng.random() < p

    def nonverbal(self, pool: list[str] | tuple[str, ...]) -> str:
        choices = [x for x in pool if x != self._last_nonverbal] or list(pool)
        line = self._rng.choice(choices)
        self._last_nonverbal = line
        return line
