"""Debriefs and scores for transcripts on disk or a session just played: finding the
rubrics and the scenario, warning (never failing) when they changed."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from simulator.problems import DataFileError
from simulator.debrief.build import Debrief, build_debrief
from simulator.debrief.render import render
from simulator.scenario import LoadedScenario, load_scenario, scenario_files
from simulator.scoring import LoadedRubric, ScoreReport, load_rubrics, read_log, score_log

DEFAULT_RUBRICS = "rubrics"
DEFAULT_SCENARIOS = "scenarios"


def rubrics_dir() -> Path:
    return Path(os.environ.get("TALKDOWN_RUBRICS", DEFAULT_RUBRICS))


def scenarios_dir() -> Path:
    return Path(os.environ.get("TALKDOWN_SCENARIOS", DEFAULT_SCENARIOS))


def find_scenario(scenario_id: str, folder: Path | None = None) -> tuple[LoadedScenario | None, str | None]:
    """The current scenario file with this id, or None and a warning saying why not."""
    folder = scenarios_dir() if folder is None else folder
    if not scenario_id:
        return None, None
    files = scenario_files([folder]) if folder.is_dir() else []
    # The usual file name first, then every other file (the id need not match the name).
    files.sort(key=lambda p: p.stem != scenario_id)
    broken = None
    for path in files:
        try:
            loaded = load_scenario(path)
        except DataFileError:
            if path.stem == scenario_id:
                broken = path
            continue
        if loaded.scenario.id == scenario_id:
            return loaded, None
    if broken is not None:
        return None, (f"scenario file {broken} has errors (see `talkdown check`); cues and teaching points "
                      "are shown from the transcript only.")
    return None, (f"scenario '{scenario_id}' was not found in {folder}; cue teaching is left out and "
                  "changes to it cannot be detected.")


def scenario_facts(loaded: LoadedScenario | None) -> dict | None:
    if loaded is None:
        return None
    s = loaded.scenario
    return {"id": s.id, "version": s.version, "content_hash": loaded.content_hash}


def score_events(events: Iterable[Mapping], rubrics: list[LoadedRubric], *, transcript: str | None = None,
                 scenario: LoadedScenario | None = None, warnings: Iterable[str] = ()) -> ScoreReport:
    report = score_log(read_log(events), rubrics, transcript=transcript, scenario=scenario_facts(scenario))
    report.warnings = list(warnings) + report.warnings
    return report


def debrief_for(events: Iterable[Mapping], *, scenario: LoadedScenario | None = None,
                rubrics: list[LoadedRubric] | None = None, transcript: str | None = None,
                warnings: Iterable[str] = ()) -> Debrief:
    """A debrief for events; loads the rubrics from the rubrics folder when not given.

    Rubric problems do not stop a debrief: it is shown without scores and says why.
    """
    events = list(events)
    log = read_log(events)
    error = ""
    if rubrics is None:
        try:
            rubrics = load_rubrics(rubrics_dir())
        except DataFileError as exc:
            error = f"the rubrics in {rubrics_dir()} cannot be used ({exc.problems[0].format()})"
            rubrics = None
    report = None
    if rubrics is not None:
        report = score_log(log, rubrics, transcript=transcript, scenario=scenario_facts(scenario))
    return build_debrief(log, report, scenario, score_error=error, warnings=list(warnings))


def debrief_text(events: Iterable[Mapping], *, scenario: LoadedScenario | None = None,
                 rubrics: list[LoadedRubric] | None = None) -> str:
    """The plain-text debrief shown at the end of `talkdown run`."""
    return render(debrief_for(events, scenario=scenario, rubrics=rubrics), "text")
