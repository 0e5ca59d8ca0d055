"""A saved session's debrief, from its replay: what `talkdown export`, compare and the app's
review show.  The trainee's lines are played again through the scenario (see ``replay``) and the
replay is scored; the instructors' notes are read from the sidecar file beside the transcript.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from simulator.debrief import Debrief, debrief_for, find_scenario
from simulator.live.replay import replay_file
from simulator.scenario import LoadedScenario
from simulator.scoring import LoadedRubric
from simulator.transcripts import open_transcript
from simulator.transcripts.events import Started
from simulator.transcripts.notes import read_notes


def debrief_of_file(path: Path, scenarios: Path, rubrics: Sequence[LoadedRubric] | None, *,
                    rubrics_problem: str = "", scenario: LoadedScenario | None = None) -> Debrief:
    """The debrief of the transcript at ``path``, scored from its replay (TranscriptError when it
    cannot be read).  ``scenario``: the scenario already found for it (else looked up in
    ``scenarios`` by the id the transcript names)."""
    with open_transcript(path) as t:
        header, problems = t.header, list(t.problems)
    warnings: list[str] = []
    warning = None
    if scenario is None or scenario.scenario.id != header.scenario.id:
        scenario, warning = find_scenario(header.scenario.id, scenarios)
        warnings += [warning] if warning else []
    warnings += [p.message for p in problems]
    played = replay_file(path, scenario, said_why=warning is not None)
    warnings += [played.warning] if played.warning else []
    notes, skipped = read_notes(path)
    # The replay starts a new session: its header gets back what storing stamped (when it was recorded).
    stamps = {"format": header.format, "session_id": header.session_id, "time": header.time}
    events = [e.model_copy(update=stamps) if isinstance(e, Started) else e for e in played.events]
    return debrief_for(events, scenario=scenario, rubrics=list(rubrics) if rubrics is not None else None,
                       rubrics_problem=rubrics_problem, transcript=str(path), warnings=[*warnings, *skipped],
                       notes=notes)
