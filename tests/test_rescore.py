"""Rescoring many transcripts: each played again and scored, in parallel processes, and the score
remembered on disk until the file, the scenario, the rubrics or the version change."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.cli import main
from simulator.debrief.history import trainee_history
from simulator.live import rescore as rescore_module
from simulator.live.rescore import ScoreCache, history_scorer, rescore_many, rescore_one
from simulator.scoring import load_rubrics
from simulator.transcripts import transcript_files

ROOT = Path(__file__).resolve().parents[1]
RECORDED = transcript_files([ROOT / "tests/data/replay/transcripts"])


@pytest.fixture(scope="module")
def rubrics():
    return load_rubrics(ROOT / "rubrics")


def _replay_forbidden(*_args, **_kwargs):
    raise AssertionError("replayed although the score was remembered")


def test_a_remembered_score_is_read_back_until_the_file_changes(tmp_path, rubrics, monkeypatch):
    path = tmp_path / RECORDED[0].name
    shutil.copy2(RECORDED[0], path)
    cache = ScoreCache(tmp_path / "scores.sqlite")
    first = rescore_one(path, ROOT / "scenarios", rubrics, cache)
    monkeypatch.setattr(rescore_module, "replay_file", _replay_forbidden)
    assert rescore_one(path, ROOT / "scenarios", rubrics, cache) == first
    assert rescore_one(path, ROOT / "scenarios", rubrics, ScoreCache(tmp_path / "scores.sqlite")) == first
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))  # touched: scored again
    with pytest.raises(AssertionError, match="replayed although"):
        rescore_one(path, ROOT / "scenarios", rubrics, cache)


def test_other_rubrics_or_another_scenario_file_are_not_served_a_remembered_score(tmp_path, rubrics, monkeypatch):
    path = tmp_path / RECORDED[0].name
    shutil.copy2(RECORDED[0], path)
    cache = ScoreCache(tmp_path / "scores.sqlite")
    rescore_one(path, ROOT / "scenarios", rubrics, cache)
    monkeypatch.setattr(rescore_module, "replay_file", _replay_forbidden)
    with pytest.raises(AssertionError, match="replayed although"):
        rescore_one(path, ROOT / "scenarios", rubrics[:1], cache)
    scenarios = tmp_path / "scenarios"
    shutil.copytree(ROOT / "scenarios", scenarios)
    for file in scenarios.glob("*.yaml"):
        file.write_text(file.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="replayed although"):
        rescore_one(path, scenarios, rubrics, cache)


def test_a_cache_that_cannot_be_written_is_not_used(tmp_path, rubrics):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    cache = ScoreCache(blocker / "scores.sqlite")
    done = rescore_one(RECORDED[0], ROOT / "scenarios", rubrics, cache)
    assert done.scenario_id and json.loads(done.json)["scored_from"]["how"] == "replayed"


def test_parallel_processes_score_exactly_as_one_does(tmp_path, rubrics):
    files = RECORDED[:30]
    alone = list(rescore_many(files, scenarios=ROOT / "scenarios", rubrics=rubrics, rubrics_path=ROOT / "rubrics",
                              cache_path=None, workers=1))
    together = list(rescore_many(files, scenarios=ROOT / "scenarios", rubrics=rubrics,
                                 rubrics_path=ROOT / "rubrics", cache_path=tmp_path / "scores.sqlite", workers=2))
    assert [r.json for r in together] == [r.json for r in alone]  # type: ignore[union-attr]
    assert [r.path for r in together] == [str(p) for p in files]  # type: ignore[union-attr]


def test_score_command_prints_the_same_the_second_time(tmp_path):
    folder = tmp_path / "t"
    folder.mkdir()
    for p in RECORDED[:5]:
        shutil.copy2(p, folder / p.name)
    env = {"TALKDOWN_SCENARIOS": str(ROOT / "scenarios"), "TALKDOWN_RUBRICS": str(ROOT / "rubrics"),
           "TALKDOWN_CACHE_DIR": str(tmp_path / "cache")}
    first = CliRunner().invoke(main, ["score", "--json", str(folder)], env=env)
    assert (tmp_path / "cache" / "scores.sqlite").exists()
    again = CliRunner().invoke(main, ["score", "--json", "--workers", "1", str(folder)], env=env)
    assert first.exit_code == again.exit_code and first.output == again.output
    assert len(first.output.splitlines()) == 5


def test_the_library_history_scores_past_sessions_from_their_replays(tmp_path, rubrics):
    """An edited transcript does not raise the trainee's Last or Best column."""
    source = next(p for p in RECORDED if p.parent.name == "passive")
    trainee = json.loads(source.read_text(encoding="utf-8").splitlines()[0])["trainee"]
    folder = source.parent.name
    (tmp_path / folder).mkdir()
    edited = tmp_path / folder / source.name
    events = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines()]
    for e in events:
        if e["event"] == "analysis":
            e["techniques"] = ["open_question", "paraphrase", "emotion_label", "crisis_inquiry"]
    edited.write_text("".join(json.dumps(e) + "\n" for e in events), encoding="utf-8")
    scored = history_scorer(ROOT / "scenarios", rubrics, tmp_path / "scores.sqlite")
    honest = trainee_history(tmp_path, trainee, rubrics, scored)
    trusting = trainee_history(tmp_path, trainee, rubrics)
    [scenario_id] = honest.last
    assert honest.last[scenario_id] < trusting.last[scenario_id]
