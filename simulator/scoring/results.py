"""What scoring produces: per-criterion evidence, per-rubric percentages, a report.

``to_dict`` gives plain, deterministically ordered JSON-ready data: the same
transcript and rubrics always print the same bytes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

FULL = 0.9995  # a score that rounds to 1.0 is full marks


def _r(x: float, places: int = 3) -> float:
    return round(x + 0.0, places)


@dataclass(frozen=True)
class Evidence:
    """One thing in the transcript behind a score: a turn and the words that show it."""

    turn: int
    kind: str
    """technique, action, cue, outcome, agitation or reply."""
    name: str
    """The technique, action, cue or outcome id."""
    text: str = ""
    """The matched words (or the line, or a description)."""
    span: tuple[int, int] | None = None
    counted: bool = True
    note: str = ""

    def to_dict(self) -> dict:
        out: dict = {"turn": self.turn, "kind": self.kind, "name": self.name, "text": self.text}
        if self.span is not None:
            out["span"] = [self.span[0], self.span[1]]
        if not self.counted:
            out["counted"] = False
        if self.note:
            out["note"] = self.note
        return out


@dataclass
class CriterionResult:
    id: str
    title: str
    measure: str
    weight: float
    score: float | None
    """0..1, or None when the criterion did not apply to this session."""
    target: str
    observed: str
    evidence: list[Evidence] = field(default_factory=list)
    coaching: str = ""
    note: str = ""

    @property
    def applicable(self) -> bool:
        return self.score is not None

    @property
    def met(self) -> bool:
        return self.score is not None and self.score >= FULL

    @property
    def points(self) -> float:
        return (self.score or 0.0) * self.weight if self.applicable else 0.0

    @property
    def points_text(self) -> str:
        """Points out of the weight as people read them: a criterion not met never shows full
        marks (1.99 of 2 is "1.9/2", not "2.0/2")."""
        if not self.applicable:
            return "n/a"
        shown = self.points if self.met else math.floor(self.points * 10) / 10
        return f"{shown:.1f}/{self.weight:g}"

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "measure": self.measure,
            "weight": _r(self.weight),
            "applicable": self.applicable,
            "score": None if self.score is None else _r(self.score),
            "points": _r(self.points),
            "met": self.met,
            "target": self.target,
            "observed": self.observed,
            "note": self.note,
            "evidence": [e.to_dict() for e in self.evidence],
            "coaching": self.coaching if self.applicable and not self.met else None,
        }


@dataclass
class RubricResult:
    id: str
    title: str
    version: int
    pass_mark: float
    criteria: list[CriterionResult]

    @property
    def percent(self) -> float:
        weight = sum(c.weight for c in self.criteria if c.applicable)
        if weight <= 0:
            return 0.0
        return round(100 * sum(c.points for c in self.criteria) / weight, 1)

    @property
    def passed(self) -> bool:
        return self.percent >= self.pass_mark

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "version": self.version,
            "percent": self.percent,
            "pass_mark": _r(self.pass_mark, 1),
            "passed": self.passed,
            "criteria": [c.to_dict() for c in self.criteria],
        }


@dataclass
class ScoreReport:
    transcript: str | None
    scenario: dict
    trainee: str | None
    outcome: str | None
    turns: int
    rubrics: list[RubricResult]
    warnings: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(r.passed for r in self.rubrics)

    @property
    def overall(self) -> float | None:
        """The mean of the rubric percentages (None without rubrics)."""
        if not self.rubrics:
            return None
        return sum(r.percent for r in self.rubrics) / len(self.rubrics)

    def rubric(self, rubric_id: str) -> RubricResult:
        for r in self.rubrics:
            if r.id == rubric_id:
                return r
        raise KeyError(rubric_id)

    def to_dict(self) -> dict:
        return {
            "transcript": self.transcript,
            "scenario": self.scenario,
            "trainee": self.trainee,
            "outcome": self.outcome,
            "turns": self.turns,
            "passed": self.passed,
            "rubrics": [r.to_dict() for r in self.rubrics],
            "warnings": list(self.warnings),
        }
