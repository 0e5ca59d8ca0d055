"""The statements of a saved session: its trainee's lines played again through the scenario and the
replay scored (issue 12: a score comes from the replay, never from what the file says)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from simulator.debrief import find_scenario, score_events
from simulator.live.replay import replay_file
from simulator.scoring import LoadedRubric
from simulator.transcripts import open_transcript
from simulator.transcripts.events import Ended, Started
from simulator.xapi.statements import DEFAULT_HOME_PAGE, session_statements


def statements_of_file(path: Path, scenarios: Path, rubrics: Sequence[LoadedRubric] | None, *,
                       home_page: str = DEFAULT_HOME_PAGE) -> tuple[list[dict], bool]:
    """The statements of the transcript at ``path`` (TranscriptError when it cannot be read), and
    whether the session ended (an unfinished one has no ``completed`` or rubric statements)."""
    with open_transcript(path) as t:
        header = t.header
    scenario, _ = find_scenario(header.scenario.id, scenarios)
    played = replay_file(path, scenario)
    # The replay starts a new session: its header gets back what storing stamped.
    stamps = {"format": header.format, "session_id": header.session_id, "time": header.time}
    events = [e.model_copy(update=stamps) if isinstance(e, Started) else e for e in played.events]
    report = None if rubrics is None else score_events(events, list(rubrics), transcript=str(path), scenario=scenario)
    ended = any(isinstance(e, Ended) for e in events)
    return session_statements(events, report, session=header.session_id or path.stem, home_page=home_page), ended
