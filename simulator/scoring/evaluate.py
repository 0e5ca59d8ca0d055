"""Score a session's events against rubrics. Nothing stored in a transcript is trusted:
every number here is recomputed from the turns."""

from __future__ import annotations

from collections.abc import Iterable

from simulator.scoring.loader import LoadedRubric
from simulator.scoring.measures import MEASURE_FUNCTIONS, Context
from simulator.scoring.results import CriterionResult, RubricResult, ScoreReport
from simulator.transcripts import SessionLog, session_log
from simulator.transcripts.events import Event, RubricRef, ScenarioRef, Started


def score_rubric(log: SessionLog, loaded: LoadedRubric) -> RubricResult:
    ctx = Context(log, loaded)
    scenario = log.header.scoring
    results = []
    for criterion in loaded.rubric.criteria:
        m = MEASURE_FUNCTIONS[criterion.measure](criterion, ctx)
        score = None if m.score is None else max(0.0, min(1.0, m.score))
        weight, note = criterion.weight, m.note
        override = scenario.weights.get(f"{loaded.id}.{criterion.id}") if scenario else None
        if override is not None and scenario is not None:
            why = f" ({scenario.note})" if scenario.note else ""
            if override == 0:
                score, note = None, f"Not applicable in this call{why}."
            else:
                weight = override
                note = (note + " " if note else "") + f"Weighted {override:g} in this call{why}."
        results.append(CriterionResult(
            id=criterion.id, title=criterion.title, measure=criterion.measure,
            weight=weight, score=score, target=m.target, observed=m.observed,
            evidence=m.evidence, coaching=criterion.coaching.strip(), note=note))
    r = loaded.rubric
    return RubricResult(id=r.id, title=r.title, version=r.version, pass_mark=r.pass_mark, criteria=results)


def rubric_refs(rubrics: Iterable[LoadedRubric]) -> tuple[RubricRef, ...]:
    """What a transcript's `started` event records about the rubrics in force."""
    return tuple(RubricRef(id=r.id, version=r.version) for r in rubrics)


def version_warnings(header: Started, rubrics: Iterable[LoadedRubric],
                     scenario: ScenarioRef | None = None) -> list[str]:
    """Say when the scenario or a rubric changed since the session was recorded."""
    out: list[str] = []
    recorded = header.scenario
    if scenario is not None:
        sid = recorded.id
        then, now = recorded.version, scenario.version
        if then != now:
            out.append(f"scenario '{sid}' was version {then} when this session was recorded and is now "
                       f"version {now}; cue and outcome details may differ.")
        elif recorded.content_hash and scenario.content_hash and recorded.content_hash != scenario.content_hash:
            out.append(f"scenario '{sid}' has changed since this session was recorded (same version "
                       f"{now}, different content).")
    then_versions: dict[str, int] = {e.id: e.version for e in header.rubrics}
    for r in rubrics:
        recorded_version = then_versions.get(r.id)
        if recorded_version is not None and recorded_version != r.version:
            out.append(f"rubric '{r.id}' was version {recorded_version} when this session was recorded and is now "
                       f"version {r.version}; the score uses the current version.")
    return out


def score_log(log: SessionLog, rubrics: Iterable[LoadedRubric], *, transcript: str | None = None,
              scenario: ScenarioRef | None = None) -> ScoreReport:
    rubrics = list(rubrics)
    header = log.header
    return ScoreReport(
        transcript=transcript,
        scenario={"id": header.scenario.id, "version": header.scenario.version},
        trainee=header.trainee,
        outcome=log.outcome,
        turns=len(log.turns),
        rubrics=[score_rubric(log, r) for r in rubrics],
        warnings=version_warnings(header, rubrics, scenario),
    )


def score_transcript(events: Iterable[Event], rubrics: Iterable[LoadedRubric], *,
                     transcript: str | None = None, scenario: ScenarioRef | None = None) -> ScoreReport:
    """Score events (a transcript's, or a live session's) against rubrics.

    ``scenario`` is the current scenario file's reference (id, version, content hash), to
    warn when it changed since the session was recorded.
    """
    return score_log(session_log(events), rubrics, transcript=transcript, scenario=scenario)
