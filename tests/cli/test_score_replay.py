"""`talkdown score` and `export` score the trainee's own words: the lines are played again through
the scenario and the replay is scored, so editing what a transcript says the lines did changes
nothing but a warning naming the first turn that differs (issue 12, point 3)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.cli import main

ROOT = Path(__file__).resolve().parents[2]
FAILED = next((ROOT / "tests/data/replay/transcripts/passive").glob("*domestic-dispute*.jsonl"))


def _score(path: Path, scenarios: Path = ROOT / "scenarios") -> dict:
    result = CliRunner().invoke(main, ["score", "--json", str(path)],
                                env={"TALKDOWN_SCENARIOS": str(scenarios), "TALKDOWN_RUBRICS": str(ROOT / "rubrics")})
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)


def _edit(path: Path, out: Path) -> None:
    """What someone would change to pass a failed session: techniques, agitation, cues, outcome."""
    events = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for e in events:
        if e["event"] == "analysis" and e["turn"] >= 3:
            e["techniques"] = ["open_question", "paraphrase", "emotion_label", "crisis_inquiry"]
            e["agitation_delta"] = -8.0
        if e["event"] == "subject" and e["turn"] >= 3:
            e["agitation"] = 20
        if e["event"] == "ended":
            e["outcome"] = "resolved"
            e["agitation"] = 15
    last = events[-1]["turn"]
    for cue in [e for e in events if e["event"] == "cue_shown"]:
        events.insert(len(events) - 1, {"event": "cue_recognised", "turn": last, "id": cue["id"], "how": "phrase",
                                        "after_turns": last - cue["turn"]})
    out.write_text("".join(json.dumps(e) + "\n" for e in events), encoding="utf-8")


def _percents(report: dict) -> dict[str, float]:
    return {r["id"]: r["percent"] for r in report["rubrics"]}


def test_an_untouched_transcript_scores_from_its_replay_without_a_warning():
    report = _score(FAILED)
    assert report["scored_from"] == {"how": "replayed", "differs_at_turn": None}
    assert not any("replay" in w or "altered" in w for w in report["warnings"])
    assert report["outcome"] == "left" and not report["passed"]


def test_an_edited_failed_session_still_fails_and_says_where_it_was_altered(tmp_path):
    original = _score(FAILED)
    edited = tmp_path / FAILED.name
    _edit(FAILED, edited)
    report = _score(edited)
    assert _percents(report) == _percents(original)  # scored from the trainee's lines, not the edits
    assert report["outcome"] == "left" and not report["passed"]
    assert report["scored_from"]["how"] == "replayed" and report["scored_from"]["differs_at_turn"] == 3
    assert any("altered" in w and "turn 3" in w for w in report["warnings"])


def test_export_of_an_edited_session_shows_the_replay_and_the_warning(tmp_path):
    edited = tmp_path / FAILED.name
    _edit(FAILED, edited)
    result = CliRunner().invoke(main, ["export", str(edited)], env={"TALKDOWN_SCENARIOS": str(ROOT / "scenarios"),
                                                                    "TALKDOWN_RUBRICS": str(ROOT / "rubrics")})
    assert result.exit_code == 0, result.output
    assert "altered" in result.output and "Resolved" not in result.output


@pytest.fixture
def changed_scenarios(tmp_path):
    """The shipped scenarios with the domestic dispute edited since the transcript was recorded."""
    folder = tmp_path / "scenarios"
    shutil.copytree(ROOT / "scenarios", folder)
    path = folder / "domestic-dispute.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("version: ", "version: 9\n# was version: ", 1), encoding="utf-8")
    return folder


def test_when_the_scenario_changed_each_line_is_analysed_again(tmp_path, changed_scenarios):
    original = _score(FAILED, changed_scenarios)
    assert original["scored_from"] == {"how": "reanalysed", "differs_at_turn": None}
    assert any("analysed again" in w for w in original["warnings"])
    edited = tmp_path / FAILED.name
    events = [json.loads(line) for line in FAILED.read_text(encoding="utf-8").splitlines()]
    for e in events:  # only the techniques: the replay cannot check the rest without the recorded scenario
        if e["event"] == "analysis" and e["turn"] >= 2:
            e["techniques"] = ["open_question", "paraphrase", "emotion_label", "crisis_inquiry"]
    edited.write_text("".join(json.dumps(e) + "\n" for e in events), encoding="utf-8")
    report = _score(edited, changed_scenarios)
    assert _percents(report)["active-listening"] == _percents(original)["active-listening"]
    assert report["scored_from"] == {"how": "reanalysed", "differs_at_turn": 2}


def test_a_transcript_whose_name_is_not_utf8_is_scored_and_its_name_shown_as_escapes(tmp_path):
    """A file name with a byte that is not UTF-8 (and a line break) crashed `score` storing its
    score (UnicodeEncodeError) and would have split the printed line in two."""
    folder = tmp_path / "class"
    folder.mkdir()
    source = next((ROOT / "tests" / "data" / "replay" / "transcripts" / "skilled-a").glob("*.jsonl"))
    shutil.copy(source, os.fsencode(folder) + b"/\xff bad\nname.jsonl")
    env = {"TALKDOWN_SCENARIOS": str(ROOT / "scenarios"), "TALKDOWN_RUBRICS": str(ROOT / "rubrics"),
           "TALKDOWN_CACHE_DIR": str(tmp_path / "cache")}
    for args in (["score", "--workers", "1"], ["score", "--json"], ["report"]):
        result = CliRunner().invoke(main, [*args, str(folder)], env=env)
        assert result.exception is None or isinstance(result.exception, SystemExit), result.output
        assert result.exit_code in (0, 1) and "\udcff" not in result.output, result.output
    text = CliRunner().invoke(main, ["score", str(folder)], env=env).output
    assert text.splitlines()[0].startswith(f"{folder}/\\udcff bad name.jsonl: "), text
    lines = CliRunner().invoke(main, ["score", "--json", str(folder)], env=env).output.splitlines()
    scored = [json.loads(line) for line in lines]
    assert scored[0]["transcript"] == f"{folder}/\udcff bad\nname.jsonl"  # the exact name, as JSON escapes
