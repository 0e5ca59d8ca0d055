"""A rubric's weighted percentage, its pass mark, version warnings and stable JSON."""

from __future__ import annotations

import json

import pytest

from simulator.scoring import load_rubrics, rubric_refs, score_transcript
from simulator.transcripts import TranscriptError, read_transcript
from simulator.transcripts.events import ScenarioRef
from tests.scoring.eventlog import ROOT, RUBRICS, EventLog, rubric

TWO = """\
  - id: labels
    title: Labels
    weight: 3
    measure: count
    techniques: [emotion_label]
    at_least: 1
    coaching: Label.
  - id: questions
    title: Questions
    weight: 1
    measure: count
    techniques: [open_question]
    at_least: 1
    coaching: Ask.
"""


def test_percent_is_weighted_and_passes_at_75_by_default(tmp_path):
    r = rubric(tmp_path, TWO)
    labels_only = EventLog().say("You sound scared.", "emotion_label").end()
    result = score_transcript(labels_only.events, [r]).rubrics[0]
    assert result.percent == 75.0 and result.passed
    questions_only = EventLog().say("What happened?", "open_question").end()
    result = score_transcript(questions_only.events, [r]).rubrics[0]
    assert result.percent == 25.0 and not result.passed


def test_a_rubric_may_set_its_own_pass_mark(tmp_path):
    r = rubric(tmp_path, TWO, head="pass_mark: 80\n")
    log = EventLog().say("You sound scared.", "emotion_label").end()
    result = score_transcript(log.events, [r]).rubrics[0]
    assert result.percent == 75.0 and not result.passed and result.to_dict()["pass_mark"] == 80


def test_a_session_with_no_turns_scores_zero_on_every_shipped_rubric():
    log = EventLog().end("abandoned")
    report = score_transcript(log.events, load_rubrics(RUBRICS))
    assert [r.percent for r in report.rubrics] == [0.0, 0.0, 0.0, 0.0]
    assert not report.passed


def test_an_abandoned_session_is_scored_on_the_turns_it_has(tmp_path):
    r = rubric(tmp_path, TWO)
    log = EventLog().say("You sound scared.", "emotion_label").say("What happened?", "open_question")
    report = score_transcript(log.end("abandoned", reason="input ended").events, [r])
    assert report.outcome == "abandoned" and report.rubrics[0].percent == 100.0


def test_scores_cannot_be_written_into_a_transcript(tmp_path):
    log = EventLog().say("What happened?", "open_question").end()
    log.raw[-1]["score"] = {"test-rubric": 100}
    with pytest.raises(TranscriptError) as info:
        read_transcript(log.write(tmp_path / "t.jsonl"))
    assert info.value.first.code == "TD405" and info.value.first.key == "score"
    log.raw[-1].pop("score")
    log.raw.append({"event": "score", "turn": 1, "rubrics": [{"id": "test-rubric", "percent": 100}]})
    with pytest.raises(TranscriptError) as info:
        read_transcript(log.write(tmp_path / "t.jsonl"))
    assert info.value.first.code == "TD404" and "'score'" in info.value.first.message


def test_json_is_deterministic_and_has_the_documented_shape():
    rubrics = load_rubrics(RUBRICS)
    log = (EventLog().cue("voices", "psychosis").say("I'm Officer Lee. You sound scared.", "introduction",
                                                     "emotion_label", delta=-8)
           .say("Are you hearing voices?", "crisis_inquiry", "closed_question", recognises=("voices",))
           .act("step-back", delta=-4).end("referred"))
    a = json.dumps(score_transcript(log.events, rubrics, transcript="t.jsonl").to_dict())
    b = json.dumps(score_transcript(log.events, load_rubrics(RUBRICS), transcript="t.jsonl").to_dict())
    assert a == b
    data = json.loads(a)
    assert [r["id"] for r in data["rubrics"]] == ["active-listening", "crisis-recognition",
                                                 "procedural-justice", "tactics-safety"]
    crit = data["rubrics"][0]["criteria"][0]
    assert set(crit) >= {"id", "score", "target", "evidence", "coaching", "weight", "applicable"}
    assert {"percent", "passed"} <= set(data["rubrics"][0])


def ref(version: int, content_hash: str) -> ScenarioRef:
    return ScenarioRef(id="test-scenario", version=version, title="Test call", content_hash=content_hash)


def test_changed_rubric_and_scenario_versions_are_reported_not_fatal(tmp_path):
    r = rubric(tmp_path, TWO)  # version 1
    log = EventLog(version=1, content_hash="sha256:old", rubrics=[{"id": "test-rubric", "version": 0}])
    log.say("You sound scared.", "emotion_label").end()
    report = score_transcript(log.events, [r], scenario=ref(2, "sha256:new"))
    text = " ".join(report.warnings)
    assert "rubric 'test-rubric' was version 0" in text and "now version 1" in text
    assert "scenario 'test-scenario' was version 1" in text
    same = score_transcript(log.events, [r], scenario=ref(1, "sha256:new"))
    assert any("has changed since" in w for w in same.warnings)
    log.raw[0]["rubrics"] = [ref.model_dump() for ref in rubric_refs([r])]
    quiet = score_transcript(log.events, [r], scenario=ref(1, "sha256:old"))
    assert quiet.warnings == []


def test_a_criterion_not_met_never_shows_full_marks(tmp_path):
    from simulator.scoring import CriterionResult

    almost = CriterionResult(id="c", title="C", measure="count", weight=2, score=0.996, target="", observed="")
    assert not almost.met and almost.points_text == "1.9/2"
    full = CriterionResult(id="c", title="C", measure="count", weight=2, score=1.0, target="", observed="")
    assert full.met and full.points_text == "2.0/2"
    assert CriterionResult(id="c", title="C", measure="count", weight=2, score=None, target="",
                           observed="").points_text == "n/a"


def test_a_scenario_can_weigh_a_criterion_or_mark_it_not_applicable(tmp_path):
    r = rubric(tmp_path, TWO)
    log = EventLog().say("What happened?", "open_question").end()
    log.raw[0]["scoring"] = {"weights": {"test-rubric.labels": 0, "test-rubric.questions": 2},
                             "note": "A medical emergency"}
    result = score_transcript(log.events, [r]).rubrics[0]
    labels, questions = result.criteria
    assert labels.score is None and "Not applicable in this call (A medical emergency)." in labels.note
    assert questions.weight == 2 and "Weighted 2 in this call" in questions.note
    assert result.percent == 100.0  # only the questions criterion counts now


def test_check_warns_about_a_weight_for_a_criterion_no_rubric_has(tmp_path):
    from simulator.authoring.check import check_file
    from simulator.scoring import load_rubrics

    text = (ROOT / "tests" / "fixtures" / "tiny.yaml").read_text(encoding="utf-8")
    path = tmp_path / "s.yaml"
    path.write_text(text + "scoring:\n  weights:\n    active-listening.emotion-label: 0\n", encoding="utf-8")
    problems = check_file(path, load_rubrics(RUBRICS))
    assert [(p.code, p.hint) for p in problems] == [("TD213", "Did you mean 'active-listening.emotion-labels'?")]
