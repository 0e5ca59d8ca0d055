"""Score a session's events against rubrics. Nothing stored in a transcript is trusted:
every number here is recomputed from the turns."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from simulator.scoring.loader import LoadedRubric
from simulator.scoring.log import SessionLog, read_log
from simulator.scoring.measures import MEASURE_FUNCTIONS, Context
from simulator.scoring.results import CriterionResult, RubricResult, ScoreReport


def score_rubric(log: SessionLog, loaded: LoadedRubric) -> RubricResult:
    ctx = Context(log, loaded)
    results = []
    for criterion in loaded.rubric.criteria:
        m = MEASURE_FUNCTIONS[criterion.measure](criterion, ctx)  # type: ignore[attr-defined]
        score = None if m.score is None else max(0.0, min(1.0, m.score))
        results.append(CriterionResult(
            id=criterion.id, title=criterion.title, measure=criterion.measure,  # type: ignore[attr-defined]
            weight=criterion.weight, score=score, target=m.target, observed=m.observed,
            evidence=m.evidence, coaching=criterion.coaching.strip(), note=m.note))
    r = loaded.rubric
    return RubricResult(id=r.id, title=r.title, version=r.version, pass_mark=r.pass_mark, criteria=results)


def rubric_header_entries(rubrics: Iterable[LoadedRubric]) -> list[dict]:
    """What a transcript's `started` event records about the rubrics in force."""
    return [{"id": r.id, "version": r.version} for r in rubrics]


def version_warnings(header: Mapping, rubrics: Iterable[LoadedRubric],
                     scenario: Mapping | None = None) -> list[str]:
    """Say when the scenario or a rubric changed since the session was recorded."""
    out: list[str] = []
    recorded = header.get("scenario") if isinstance(header.get("scenario"), Mapping) else {}
    if scenario is not None and recorded:
        sid = recorded.get("id")
        then, now = recorded.get("version"), scenario.get("version")
        if then is not None and now is not None and then != now:
            out.append(f"scenario '{sid}' was version {then} when this session was recorded and is now "
                       f"version {now}; cue and outcome details may differ.")
        elif (recorded.get("content_hash") and scenario.get("content_hash")
              and recorded["content_hash"] != scenario["content_hash"]):
            out.append(f"scenario '{sid}' has changed since this session was recorded (same version "
                       f"{now}, different content).")
    entries = header.get("rubrics")
    then_versions: dict[str, object] = {}
    if isinstance(entries, list):
        for e in entries:
            if isinstance(e, Mapping) and isinstance(e.get("id"), str):
                then_versions[e["id"]] = e.get("version")
    for r in rubrics:
        then = then_versions.get(r.id)
        if then is not None and then != r.version:
            out.append(f"rubric '{r.id}' was version {then} when this session was recorded and is now "
                       f"version {r.version}; the score uses the current version.")
    return out


def score_log(log: SessionLog, rubrics: Iterable[LoadedRubric], *, transcript: str | None = None,
              scenario: Mapping | None = None) -> ScoreReport:
    rubrics = list(rubrics)
    header = log.header
    recorded = header.get("scenario") if isinstance(header.get("scenario"), Mapping) else {}
    return ScoreReport(
        transcript=transcript,
        scenario={"id": recorded.get("id"), "version": recorded.get("version")},
        trainee=header.get("trainee") if isinstance(header.get("trainee"), str) else None,
        outcome=log.outcome,
        turns=len(log.turns),
        rubrics=[score_rubric(log, r) for r in rubrics],
        warnings=version_warnings(header, rubrics, scenario),
    )


def score_transcript(events: Iterable[Mapping], rubrics: Iterable[LoadedRubric], *,
                     transcript: str | None = None, scenario: Mapping | None = None) -> ScoreReport:
    """Score events (a transcript's, or a live session's) against rubrics.

    ``scenario`` is the current scenario file's {id, version, content_hash}, to warn
    when it changed since the session was recorded. Raises EventLogError on events
    this version cannot read.
    """
    return score_log(read_log(events), rubrics, transcript=transcript, scenario=scenario)
