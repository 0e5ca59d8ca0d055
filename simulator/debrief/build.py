"""What a debrief shows, assembled from the events, the score and (if found) the scenario."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from simulator.debrief.moments import Moment, key_moments
from simulator.scenario import LoadedScenario
from simulator.scoring import ScoreReport, SessionLog


@dataclass(frozen=True)
class CueLine:
    id: str
    kind: str
    text: str
    shown_turn: int
    recognised_turn: int | None
    after_turns: int | None
    matched: str | None
    teaching: str


@dataclass
class Debrief:
    title: str
    scenario_id: str
    scenario_version: object
    trainee: str
    seed: object
    mode: str
    recorded: str
    outcome: str | None
    outcome_title: str
    turns: int
    final_agitation: float | None
    final_rapport: float | None
    reason: str
    teaching_points: list[str]
    report: ScoreReport | None
    curve: list[tuple[int, float]]
    rises: list[Moment]
    falls: list[Moment]
    cues: list[CueLine]
    subject_name: str
    warnings: list[str] = field(default_factory=list)
    score_error: str = ""


def build_debrief(log: SessionLog, report: ScoreReport | None, scenario: LoadedScenario | None = None,
                  *, score_error: str = "", warnings: list[str] | None = None) -> Debrief:
    h = log.header
    recorded = h.get("scenario") if isinstance(h.get("scenario"), Mapping) else {}
    subject = h.get("subject") if isinstance(h.get("subject"), Mapping) else {}
    ended = log.ended or {}
    s = scenario.scenario if scenario is not None else None
    teaching = [p for p in ended.get("teaching_points") or [] if isinstance(p, str)]
    if not teaching and s is not None and log.outcome:
        rule = s.outcome_rule(log.outcome)
        teaching = list(rule.teaching_points) if rule else []
    cue_teaching = {c.id: c.teaching.strip() for c in s.cues} if s is not None else {}
    cues = [CueLine(c.id, c.kind, c.text, c.shown_turn, c.recognised_turn, c.after_turns, c.matched,
                    cue_teaching.get(c.id, "")) for c in log.cues]
    rises, falls = key_moments(log)
    outcome = log.outcome
    if outcome is None:
        title = "The session did not finish (the transcript stops early)"
    else:
        title = str(ended.get("title") or outcome.replace("_", " "))
    all_warnings = list(warnings or [])
    if report is not None:
        all_warnings += [w for w in report.warnings if w not in all_warnings]
    return Debrief(
        title=str(recorded.get("title") or (s.title if s else recorded.get("id") or "session")),
        scenario_id=str(recorded.get("id") or ""),
        scenario_version=recorded.get("version"),
        trainee=str(h.get("trainee") or ""),
        seed=h.get("seed"),
        mode=str(h.get("mode") or ""),
        recorded=str(h.get("time") or ""),
        outcome=outcome,
        outcome_title=title,
        turns=len(log.turns),
        final_agitation=log.end_agitation,
        final_rapport=float(ended["rapport"]) if isinstance(ended.get("rapport"), (int, float)) else None,
        reason=str(ended.get("reason") or ""),
        teaching_points=teaching,
        report=report,
        curve=list(log.curve),
        rises=rises,
        falls=falls,
        cues=cues,
        subject_name=str(subject.get("name") or (s.subject.name if s else "Subject")),
        warnings=all_warnings,
        score_error=score_error,
    )
