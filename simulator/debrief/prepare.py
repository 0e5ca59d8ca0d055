"""Debriefs and scores for transcripts on disk or a session just played: finding the
scenario they were recorded with, warning (never failing) when it or a rubric changed."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from simulator.debrief.build import Debrief, build_debrief, dialogue_of, phases_of
from simulator.debrief.render import render
from simulator.problems import DataFileError
from simulator.scenario import LoadedScenario, load_scenario, scenario_files
from simulator.scoring import LoadedRubric, ScoreReport, load_rubrics, score_log
from simulator.transcripts import session_log
from simulator.transcripts.events import Event, ScenarioRef
from simulator.transcripts.notes import Note


def find_scenario(scenario_id: str, folder: Path) -> tuple[LoadedScenario | None, str | None]:
    """The current scenario file with this id, or None and a warning saying why not."""
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


def scenario_ref(loaded: LoadedScenario | None) -> ScenarioRef | None:
    """The current scenario file, to compare with the one a transcript recorded."""
    if loaded is None:
        return None
    s = loaded.scenario
    return ScenarioRef(id=s.id, version=s.version, title=s.title, content_hash=loaded.content_hash)


def rubrics_or_problem(folder: Path) -> tuple[list[LoadedRubric] | None, str]:
    """The rubrics in ``folder``, or None and why they cannot be used (a debrief without
    scores says so instead of failing)."""
    try:
        return load_rubrics(folder), ""
    except DataFileError as exc:
        return None, f"the rubrics in {folder} cannot be used ({exc.first.format()})"


def score_events(events: Iterable[Event], rubrics: list[LoadedRubric], *, transcript: str | None = None,
                 scenario: LoadedScenario | None = None, warnings: Iterable[str] = ()) -> ScoreReport:
    report = score_log(session_log(events), rubrics, transcript=transcript, scenario=scenario_ref(scenario))
    report.warnings = list(warnings) + report.warnings
    return report


def debrief_for(events: Iterable[Event], *, rubrics: list[LoadedRubric] | None, scenario: LoadedScenario | None = None,
                rubrics_problem: str = "", transcript: str | None = None,
                warnings: Iterable[str] = (), notes: Sequence[Note] = ()) -> Debrief:
    """A session's debrief. Without rubrics it is shown without scores and says why."""
    events = list(events)
    log = session_log(events)
    report = None
    if rubrics is not None:
        report = score_log(log, rubrics, transcript=transcript, scenario=scenario_ref(scenario))
    return build_debrief(log, report, scenario, score_error=rubrics_problem, warnings=list(warnings), notes=notes,
                         dialogue=dialogue_of(events), phases=phases_of(events))


def debrief_text(events: Iterable[Event], *, scenario: LoadedScenario | None, rubrics: list[LoadedRubric] | None,
                 rubrics_problem: str = "") -> str:
    """The plain-text debrief shown at the end of `talkdown run`."""
    return render(debrief_for(events, scenario=scenario, rubrics=rubrics, rubrics_problem=rubrics_problem), "text")
