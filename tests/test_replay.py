"""Behaviour pins: transcripts recorded by an earlier version replay to the same events
and score to the same bytes (see tests/data/replay/README.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.debrief import debrief_for, find_scenario, render
from simulator.engine import Session
from simulator.scoring import load_rubrics
from simulator.transcripts import read_transcript
from simulator.transcripts.events import ActionTaken, Addressed, Analysed, Notice, PartnerActed

ROOT = Path(__file__).resolve().parents[1]
REPLAY = ROOT / "tests" / "data" / "replay"
TRANSCRIPTS = sorted((REPLAY / "transcripts").rglob("*.jsonl"))
STAMP = ("format", "session_id", "time")


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


@pytest.fixture(scope="module")
def rubrics():
    return load_rubrics(ROOT / "rubrics")


@pytest.fixture(scope="module")
def scenarios():
    """Each shipped scenario, loaded once (as `find_scenario` finds it by id)."""
    cache: dict = {}

    def get(scenario_id: str):
        if scenario_id not in cache:
            cache[scenario_id] = find_scenario(scenario_id, ROOT / "scenarios")
        return cache[scenario_id]

    return get


def test_there_are_recorded_transcripts_of_every_scenario():
    from simulator.scenario import load_scenario, scenario_files

    ids = {read_transcript(p).header.scenario.id for p in TRANSCRIPTS}
    shipped = {load_scenario(p).scenario.id for p in scenario_files([ROOT / "scenarios"])}
    assert len(shipped) >= 8 and ids == shipped


@pytest.mark.parametrize("path", TRANSCRIPTS, ids=_id)
def test_replaying_the_recorded_replies_gives_the_recorded_events(path: Path, scenarios):
    transcript = read_transcript(path)
    header = transcript.header
    loaded, warning = scenarios(header.scenario.id)
    assert warning is None and loaded is not None
    assert loaded.content_hash == header.scenario.content_hash, (
        "the scenario changed since these transcripts were recorded: regenerate them with "
        "tests/data/replay/record.py if the change in behaviour is intended")
    session = Session(loaded, seed=header.seed, trainee=header.trainee, mode=header.mode,
                      app_version=header.app_version, rubrics=tuple(header.rubrics))
    replayed = session.start()
    for event in transcript.events:
        if session.finished:
            break
        if isinstance(event, (Analysed, ActionTaken)):
            replayed += session.reply(event.text)
        elif isinstance(event, PartnerActed) and event.task != "talk-over":
            replayed += session.reply(event.text)  # the recruit's /partner task
        elif isinstance(event, Addressed) and event.how == "at":
            replayed += session.reply(f"@{event.person}")  # a turn to someone without a word
        elif isinstance(event, Addressed) and event.how == "talk-to":
            replayed += session.address(event.person)
    if not session.finished:
        replayed += session.abandon(transcript.ended.reason if transcript.ended else "quit")
    # Notices (unknown commands) do not record what was typed and change nothing.
    raw = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    expected = [{k: v for k, v in e.items() if k not in STAMP} for e in raw if e["event"] != "notice"]
    got = [e.to_json_dict() for e in replayed if not isinstance(e, Notice)]
    assert got == expected
    assert replayed[1:] == [e for e in transcript.events[1:] if not isinstance(e, Notice)]


@pytest.mark.parametrize("path", TRANSCRIPTS, ids=_id)
def test_a_recorded_transcript_scores_and_exports_as_it_did(path: Path, rubrics, scenarios):
    t = read_transcript(path)
    loaded, _ = scenarios(t.header.scenario.id)
    rel = str(path.relative_to(ROOT))
    debrief = debrief_for(t.events, scenario=loaded, rubrics=rubrics, transcript=rel)
    expected_score = (REPLAY / "expected" / f"{path.stem}.score.json").read_text(encoding="utf-8")
    assert json.dumps(debrief.report.to_dict(), ensure_ascii=False) + "\n" == expected_score
    expected_md = (REPLAY / "expected" / f"{path.stem}.md").read_text(encoding="utf-8")
    assert render(debrief, "md") == expected_md
