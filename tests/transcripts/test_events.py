"""The typed events: every kind round-trips, and a bad line is refused with its code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.engine import Session
from simulator.scenario import load_scenario
from simulator.transcripts import TranscriptError, read_transcript
from simulator.transcripts.events import (
    EVENT_TYPES,
    KINDS,
    EventError,
    event_from_dict,
    event_from_json,
    markdown_table,
)

ROOT = Path(__file__).resolve().parents[2]


TINY = ROOT / "tests" / "fixtures" / "tiny.yaml"
SCENE = ROOT / "tests" / "data" / "scenarios" / "two-neighbours.yaml"
#: what only a scene with several people and a partner emits
SCENE_KINDS = {"addressed", "reaction", "partner"}
SCRIPT = ["Hi, I'm Officer Lee. What's going on with the meter?", "It sounds like you're really frustrated.",
          "Are you diabetic? You look shaky.", "/step-back",
          "You paid for two hours and it took your money. That's maddening.", "/dance", None,
          "Arrest you, I might"]


@pytest.fixture(scope="module")
def every_kind():
    """A real session of the tiny scenario that emits every kind of event (None: a pressure tick)."""
    session = Session(load_scenario(TINY), seed=2)
    events = session.start()
    for reply in SCRIPT:
        events += session.pressure() if reply is None else session.reply(reply)
    return events + session.abandon()


@pytest.fixture(scope="module")
def scene_kinds():
    """A session of the two-neighbours scene: addressing, a side taken, the partner."""
    session = Session(load_scenario(SCENE), seed=1, variant={"partner": "eager"})
    events = session.start()
    for reply in ["@holt You're right, she's being unreasonable.", "/partner take-aside diaz"]:
        events += session.reply(reply)
    return events + session.abandon()


def test_a_session_emits_every_kind_and_each_round_trips_through_json(every_kind, scene_kinds):
    assert {e.event for e in every_kind} == set(KINDS) - SCENE_KINDS
    assert {e.event for e in scene_kinds} >= SCENE_KINDS
    for event in every_kind + scene_kinds:
        assert event_from_json(event.to_json()) == event
        assert event_from_dict(json.loads(event.to_json())) == event


def test_none_fields_are_left_out_and_from_is_spelled_from(every_kind):
    session = Session(load_scenario(TINY), seed=2)
    session.start()
    end = session.reply("/end")[0]
    assert end.to_json_dict() == {"event": "action", "turn": 0, "id": "end", "text": "/end"}
    phase = next(e.to_json_dict() for e in every_kind if e.event == "phase_changed")
    assert "from" in phase and "from_" not in phase


@pytest.mark.parametrize("line, code, key", [
    ('{"event": "gossip", "turn": 1}', "TD404", ""),
    ('{"turn": 1}', "TD405", ""),
    ('[1, 2]', "TD403", ""),
    ('{"event": "subject", "turn": 1', "TD403", ""),
    ('{"event": "notice", "turn": "one", "text": "x"}', "TD405", "turn"),
    ('{"event": "notice", "turn": -1, "text": "x"}', "TD405", "turn"),
    ('{"event": "notice", "turn": true, "text": "x"}', "TD405", "turn"),
    ('{"event": "notice", "turn": 1}', "TD405", "text"),
    ('{"event": "notice", "turn": 1, "text": "x", "score": 100}', "TD405", "score"),
    ('{"event": "subject", "turn": 1, "text": "x", "nonverbal": "y", "phase": "p", "band": "calm", '
     '"agitation": NaN, "rapport": 1}', "TD405", "agitation"),
    ('{"event": "subject", "turn": 1, "text": "x", "nonverbal": "y", "phase": "p", "band": "calm", '
     '"agitation": 140, "rapport": 1}', "TD405", "agitation"),
    ('{"event": "cue_recognised", "turn": 1, "id": "c", "how": "magic", "after_turns": 0}', "TD405", "how"),
    ('{"event": "analysis", "turn": 1, "text": "x", "techniques": ["flattery"], "detections": [], '
     '"effects": [], "agitation_delta": 0, "rapport_delta": 0, "repeated": 0}', "TD405", "techniques[0]"),
])
def test_a_line_that_is_not_an_event_is_refused_with_a_code(line, code, key):
    with pytest.raises(EventError) as info:
        event_from_json(line)
    assert info.value.code == code
    assert info.value.fields.get("key", "") == key


def test_the_reader_names_file_line_key_and_code(tmp_path, every_kind):
    lines = [e.to_json() for e in every_kind]
    fourth = json.loads(lines[3])
    fourth["turn"] = "x"
    lines[3] = json.dumps(fourth)
    path = tmp_path / "t.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(TranscriptError) as info:
        read_transcript(path)
    p = info.value.first
    assert (p.file, p.line, p.key, p.code) == (str(path), 4, "turn", "TD405")


def test_a_transcript_from_a_newer_format_is_refused(tmp_path, every_kind):
    header = every_kind[0].model_copy(update={"format": 99})
    path = tmp_path / "t.jsonl"
    path.write_text("".join(e.to_json() + "\n" for e in [header, *every_kind[1:]]), encoding="utf-8")
    with pytest.raises(TranscriptError) as info:
        read_transcript(path)
    assert info.value.first.code == "TD408" and "99" in info.value.first.message


def test_docs_events_table_is_generated_from_the_models():
    doc = (ROOT / "docs" / "events.md").read_text(encoding="utf-8")
    assert markdown_table() in doc, "docs/events.md must hold exactly markdown_table()'s output:\n" + markdown_table()
    assert len(EVENT_TYPES) == len(KINDS) == 15
