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
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))  # touched: scored again, but its bytes
    again = rescore_one(path, ROOT / "scenarios", rubrics, cache)    # agreed with their replay: not replayed
    assert not again.remembered and json.loads(again.json)["scored_from"]["how"] == "recorded"
    assert json.loads(again.json)["rubrics"] == json.loads(first.json)["rubrics"]
    path.write_bytes(path.read_bytes() + b"\n")  # one byte more: replayed
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000))
    with pytest.raises(AssertionError, match="replayed although"):
        rescore_one(path, ROOT / "scenarios", rubrics, cache)


def _run(tmp_path, script: str) -> Path:
    env = {"TALKDOWN_SCENARIOS": str(ROOT / "scenarios"), "TALKDOWN_RUBRICS": str(ROOT / "rubrics"),
           "TALKDOWN_CACHE_DIR": str(tmp_path / "cache"), "TALKDOWN_TRANSCRIPTS": str(tmp_path / "t")}
    (tmp_path / "script.txt").write_text(script, encoding="utf-8")
    done = CliRunner().invoke(main, ["run", "welfare-check-hypoglycaemia", "--seed", "3", "--trainee", "Ana",
                                     "--script", str(tmp_path / "script.txt")], env=env)
    assert done.exit_code == 0, done.output
    [path] = transcript_files([tmp_path / "t"])
    return path


def test_a_session_recorded_here_is_scored_without_a_replay_until_a_byte_changes(tmp_path, rubrics, monkeypatch):
    path = _run(tmp_path, "Hi, I'm Officer Lee. Are you okay?\nWhen did you last eat something?\n/end\n")
    monkeypatch.setattr(rescore_module, "replay_file", _replay_forbidden)
    cache = ScoreCache(tmp_path / "cache" / "scores.sqlite")
    recorded = rescore_one(path, ROOT / "scenarios", rubrics, cache)  # scored when the session ended
    assert recorded.remembered
    assert json.loads(recorded.json)["scored_from"] == {"how": "recorded", "differs_at_turn": None}
    other = rescore_one(path, ROOT / "scenarios", rubrics[:2], cache)  # other rubrics: scored now, not replayed
    assert not other.remembered and json.loads(other.json)["scored_from"]["how"] == "recorded"
    monkeypatch.undo()
    fresh = json.loads(rescore_one(path, ROOT / "scenarios", rubrics, None).json)  # no cache: replayed
    assert fresh.pop("scored_from") == {"how": "replayed", "differs_at_turn": None}
    remembered = json.loads(recorded.json)
    remembered.pop("scored_from")
    assert remembered == fresh  # the score kept when it ended is the score of its replay
    lines = path.read_text(encoding="utf-8").splitlines()
    edited = [json.loads(line) for line in lines]
    for e in edited:
        if e["event"] == "analysis":
            e["techniques"] = ["open_question", "paraphrase", "emotion_label", "crisis_inquiry"]
    path.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in edited), encoding="utf-8")
    altered = json.loads(rescore_one(path, ROOT / "scenarios", rubrics, cache).json)
    assert altered["scored_from"]["how"] == "replayed" and altered["scored_from"]["differs_at_turn"] == 1
    assert altered["rubrics"] == json.loads(recorded.json)["rubrics"]


def test_a_session_cut_short_is_not_vouched_for(tmp_path, rubrics, monkeypatch):
    """Input ending without /end still ends the session (abandoned, closed): vouched for; a file whose
    last lines are cut off (a crash) no longer matches and is replayed."""
    path = _run(tmp_path, "Hi, I'm Officer Lee. Are you okay?\n")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:-1]), encoding="utf-8")
    monkeypatch.setattr(rescore_module, "replay_file", _replay_forbidden)
    with pytest.raises(AssertionError, match="replayed although"):
        rescore_one(path, ROOT / "scenarios", rubrics, ScoreCache(tmp_path / "cache" / "scores.sqlite"))


def test_other_rubrics_or_another_scenario_file_are_not_served_a_remembered_score(tmp_path, rubrics, monkeypatch):
    path = tmp_path / RECORDED[0].name
    shutil.copy2(RECORDED[0], path)
    cache = ScoreCache(tmp_path / "scores.sqlite")
    rescore_one(path, ROOT / "scenarios", rubrics, cache)
    monkeypatch.setattr(rescore_module, "replay_file", _replay_forbidden)
    other = rescore_one(path, ROOT / "scenarios", rubrics[:1], cache)  # scored anew (its bytes need no replay)
    assert not other.remembered and [r["id"] for r in json.loads(other.json)["rubrics"]] == [rubrics[0].id]
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


def _turns_by_name(path: Path) -> bool:
    return any(json.loads(line).get("how") == "name" for line in path.read_text(encoding="utf-8").splitlines())


BY_NAME = [p for p in RECORDED if _turns_by_name(p)]


@pytest.mark.parametrize("path", BY_NAME[:8], ids=[p.name for p in BY_NAME[:8]])
def test_a_session_that_turned_to_someone_by_name_is_not_called_altered(path):
    """Turning to someone by name is saved before the reply that names them; the replay makes it only
    when it plays that reply. 26 of 690 recorded sessions in the two scenes with several people were
    reported as altered files for it."""
    from simulator.live.replay import replay_file
    from simulator.scenario import load_scenario
    scenario_id = json.loads(path.read_text(encoding="utf-8").splitlines()[0])["scenario"]["id"]
    played = replay_file(path, load_scenario(ROOT / "scenarios" / f"{scenario_id}.yaml"))
    assert played.how == "replayed" and played.differs_at is None and played.warning is None


def test_an_event_dropped_after_a_turn_by_name_is_still_found(tmp_path):
    from simulator.live.replay import replay_file
    from simulator.scenario import load_scenario
    source = BY_NAME[0]
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if json.loads(line).get("how") == "name")
    turn = json.loads(lines[at])["turn"]
    edited = tmp_path / source.name
    edited.write_text("".join(lines[:at + 2] + lines[at + 3:]), encoding="utf-8")  # an event after it removed
    scenario_id = json.loads(lines[0])["scenario"]["id"]
    played = replay_file(edited, load_scenario(ROOT / "scenarios" / f"{scenario_id}.yaml"))
    assert played.differs_at is not None and played.differs_at >= turn


def _open_cache(path: str, results) -> None:  # in a child process
    results.put(ScoreCache(Path(path))._db is not None)


def test_processes_opening_a_new_cache_at_once_all_use_it(tmp_path):
    """Switching a new cache file to WAL is refused (not waited for) while another process does it; a
    worker that gave up scored without its cache: 9 of 120 workers did, before."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    results = ctx.Queue()
    opened = []
    for round_ in range(20):
        workers = [ctx.Process(target=_open_cache, args=(str(tmp_path / f"{round_}.sqlite"), results))
                   for _ in range(2)]
        for w in workers:
            w.start()
        for w in workers:
            w.join(30)
        opened += [results.get(timeout=30), results.get(timeout=30)]
    assert opened == [True] * 40
