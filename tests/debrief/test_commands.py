"""`talkdown score` and `talkdown export` (the commands the CLI registers)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from simulator.authoring.walkthroughs import play_script
from simulator.cli import main
from simulator.scenario import load_scenario
from simulator.scoring import load_rubrics, rubric_refs
from simulator.transcripts import stamp_header
from tests.scoring.eventlog import ROOT, RUBRICS, EventLog

LIBRARY = ROOT / "scenarios" / "library-psychosis.yaml"


@pytest.fixture(autouse=True)
def folders(monkeypatch):
    monkeypatch.setenv("TALKDOWN_RUBRICS", str(RUBRICS))
    monkeypatch.setenv("TALKDOWN_SCENARIOS", str(ROOT / "scenarios"))


def played(tmp_path, kind: str, name: str = "t.jsonl"):
    loaded = load_scenario(LIBRARY)
    wt = next(w for w in loaded.scenario.walkthroughs if w.name.startswith(kind))
    _, events = play_script(loaded, list(wt.replies), 1)
    header = events[0].model_copy(update={"rubrics": list(rubric_refs(load_rubrics(RUBRICS)))})
    events[0] = stamp_header(header, "abc")
    path = tmp_path / name
    path.write_text("".join(e.to_json() + "\n" for e in events), encoding="utf-8")
    return path


score_command, export_command = "score", "export"


def run(command, *args):
    return CliRunner().invoke(main, [command, *(str(a) for a in args)])


def test_score_json_exit_codes_and_shape(tmp_path):
    skilled = played(tmp_path, "skilled", "skilled.jsonl")
    threat = played(tmp_path, "commanding", "threat.jsonl")
    ok = run(score_command, skilled, "--json")
    data = json.loads(ok.output)
    assert {r["id"] for r in data["rubrics"]} == {"active-listening", "crisis-recognition",
                                                  "procedural-justice", "tactics-safety"}
    assert ok.exit_code == (0 if all(r["passed"] for r in data["rubrics"]) else 1)
    assert data["warnings"] == []
    bad = run(score_command, threat, "--json")
    assert bad.exit_code == 1 and not json.loads(bad.output)["rubrics"][0]["passed"]
    both = run(score_command, skilled, threat, "--json")
    assert both.exit_code == 1 and len(both.output.splitlines()) == 2


def test_scoring_the_same_transcript_twice_prints_the_same_json(tmp_path):
    path = played(tmp_path, "skilled")
    assert run(score_command, path, "--json").output == run(score_command, path, "--json").output


def test_text_output_names_rubrics_criteria_and_turns(tmp_path):
    result = run(score_command, played(tmp_path, "skilled"))
    assert "active-listening" in result.output and "PASS" in result.output
    assert "emotion-labels" in result.output and "[turns " in result.output


def test_bad_input_exits_2(tmp_path):
    missing = run(score_command, tmp_path / "nope.jsonl")
    assert missing.exit_code == 2 and "no such transcript" in missing.output
    garbage = tmp_path / "g.jsonl"
    garbage.write_text('{"event": "subject"}\n', encoding="utf-8")
    assert run(score_command, garbage).exit_code == 2
    bad_rubrics = tmp_path / "rubrics"
    bad_rubrics.mkdir()
    (bad_rubrics / "x.yaml").write_text("id: x\nversion: 1\ntitle: X\ncriteria: []\n", encoding="utf-8")
    result = run(score_command, played(tmp_path, "skilled"), "--rubrics", bad_rubrics)
    assert result.exit_code == 2 and "x.yaml:4" in result.output


def test_a_truncated_last_line_is_skipped_with_a_warning(tmp_path):
    path = played(tmp_path, "passive")
    whole = json.loads(run(score_command, path, "--json").output)
    with path.open("a", encoding="utf-8") as fh:
        fh.write('{"event": "analysis", "turn": 9')
    cut = json.loads(run(score_command, path, "--json").output)
    assert any("cut short" in w for w in cut["warnings"])
    assert cut["rubrics"] == whole["rubrics"]


def test_changed_versions_are_warned_about_but_still_scored(tmp_path):
    path = played(tmp_path, "skilled")
    events = [json.loads(line) for line in path.read_text().splitlines()]
    events[0]["scenario"]["version"] = 0  # recorded with an older scenario file (another content)
    events[0]["scenario"]["content_hash"] = "0" * len(events[0]["scenario"]["content_hash"])
    events[0]["rubrics"][0]["version"] = 99
    path.write_text("".join(json.dumps(e) + "\n" for e in events), encoding="utf-8")
    data = json.loads(run(score_command, path, "--json").output)
    text = " ".join(data["warnings"])
    assert "scenario 'library-psychosis' was version 0" in text and "rubric 'active-listening' was version 99" in text
    assert data["rubrics"][0]["percent"] > 0
    assert data["scored_from"]["how"] == "reanalysed"  # the old scenario cannot be replayed


def test_a_directory_of_transcripts_is_scored(tmp_path):
    played(tmp_path, "skilled", "a.jsonl")
    played(tmp_path, "passive", "b.jsonl")
    result = run(score_command, tmp_path, "--json")
    assert [json.loads(line)["transcript"].endswith(n) for line, n in
            zip(result.output.splitlines(), ("a.jsonl", "b.jsonl"), strict=False)] == [True, True]


def test_export_markdown_to_stdout_and_file(tmp_path):
    path = played(tmp_path, "skilled")
    result = run(export_command, path)
    assert result.exit_code == 0 and result.output.startswith("# Debrief: Frightened man")
    assert "## Cues" in result.output and "Ask about the voices plainly" in result.output
    out = tmp_path / "d.md"
    assert run(export_command, path, "--format", "md", "-o", out).exit_code == 0
    assert out.read_text(encoding="utf-8") == result.output


def test_an_unknown_export_format_is_bad_input(tmp_path):
    path = played(tmp_path, "skilled")
    assert run(export_command, path, "--format", "pdf").exit_code == 2


def test_export_of_a_transcript_whose_scenario_is_gone_still_works(tmp_path, monkeypatch):
    monkeypatch.setenv("TALKDOWN_SCENARIOS", str(tmp_path / "none"))
    log = EventLog(scenario_id="retired-call").say("Hi.").end()
    result = run(export_command, log.write(tmp_path / "old.jsonl"))
    assert result.exit_code == 0 and "was not found" in result.output
