"""`talkdown export --format xapi` (issue 14, point 2): a session as xAPI 1.0.3 statements with
stable ids, the trainee as an account, the scenario as the activity, ADL verbs, scores from the
replay; what the trainee typed kept literally."""

from __future__ import annotations

import itertools
import json
import re
import uuid
from datetime import datetime
from pathlib import Path

from click.testing import CliRunner

from simulator.cli import main
from simulator.transcripts import read_transcript
from simulator.transcripts.events import ActionTaken, Analysed, SubjectSaid
from simulator.xapi.statements import EXT, IRI
from tests.xapi.conftest import play

#: ADL's verbs (http://adlnet.gov/expapi/verbs/...): the vocabulary the statements must use.
ADL_VERBS = {"answered", "asked", "attempted", "attended", "commented", "completed", "exited", "experienced",
             "failed", "imported", "initialized", "interacted", "launched", "mastered", "passed", "preferred",
             "progressed", "registered", "responded", "resumed", "scored", "shared", "suspended", "terminated",
             "voided"}
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def export(path: Path, *args: str, env: dict[str, str] | None = None) -> list[dict]:
    result = CliRunner().invoke(main, ["export", str(path), "--format", "xapi", *args], env=env)
    assert result.exit_code == 0, result.output
    statements = json.loads(result.stdout)
    assert isinstance(statements, list)
    return statements


def verbs(statements: list[dict]) -> list[str]:
    return [s["verb"]["display"]["en-US"] for s in statements]


def check_statement(s: dict) -> None:
    """The xAPI 1.0.3 rules a statement of ours must keep (Data 2.4)."""
    assert UUID.match(s["id"]) and uuid.UUID(s["id"]).version == 5
    actor = s["actor"]
    assert actor["objectType"] == "Agent" and set(actor["account"]) == {"homePage", "name"}
    assert actor["account"]["homePage"].startswith("https://")
    verb = s["verb"]["id"]
    assert verb.startswith("http://adlnet.gov/expapi/verbs/") and verb.rsplit("/", 1)[1] in ADL_VERBS
    assert s["verb"]["display"] == {"en-US": verb.rsplit("/", 1)[1]}
    obj = s["object"]
    assert obj["objectType"] == "Activity" and obj["id"].startswith(IRI)
    assert obj["definition"]["type"].startswith("http://adlnet.gov/expapi/activities/")
    assert all(isinstance(v, str) and v for v in obj["definition"]["name"].values())
    context = s["context"]
    assert UUID.match(context["registration"])
    datetime.fromisoformat(s["timestamp"])
    for ext in (context["extensions"], s.get("result", {}).get("extensions", {}),
                obj["definition"].get("extensions", {})):
        assert all(key.startswith(EXT) for key in ext)
    score = s.get("result", {}).get("score")
    if score is not None:
        assert -1 <= score["scaled"] <= 1 and score["min"] <= score["raw"] <= score["max"]


def test_a_session_maps_to_valid_statements_in_the_order_things_happened(tmp_path):
    path = play(tmp_path, "0a11ce01")
    statements = export(path)
    for s in statements:
        check_statement(s)
    said = verbs(statements)
    assert said[:2] == ["launched", "initialized"]
    assert said.count("completed") == 1
    assert {v for v in said[said.index("completed") + 1:]} <= {"passed", "failed"}
    assert len(said) - said.index("completed") - 1 == 4  # one per shipped rubric
    assert len({s["id"] for s in statements}) == len(statements)
    assert len({s["context"]["registration"] for s in statements}) == 1
    turns = [s["context"]["extensions"][EXT + "turn"] for s in statements]
    assert turns == sorted(turns)


def test_each_turn_is_responded_with_its_words_techniques_and_agitation_before_and_after(tmp_path):
    path = play(tmp_path, "0a11ce02")
    events = read_transcript(path).events
    replies = [e for e in events if isinstance(e, Analysed) or (isinstance(e, ActionTaken) and e.agitation_delta
                                                                is not None)]
    responded = [s for s in export(path) if s["verb"]["display"]["en-US"] == "responded"]
    assert [s["result"]["response"] for s in responded] == [e.text for e in replies]
    assert [s["context"]["extensions"][EXT + "turn"] for s in responded] == [e.turn for e in replies]
    spoken = [(e, s) for e, s in zip(replies, responded, strict=True) if isinstance(e, Analysed)]
    assert all(s["result"]["extensions"][EXT + "techniques"] == list(e.techniques) for e, s in spoken)
    ext = [s["result"]["extensions"] for s in responded]
    opening = next(e for e in events if isinstance(e, SubjectSaid))
    assert ext[0][EXT + "agitation-before"] == opening.agitation
    for before, after in itertools.pairwise(ext):  # what one turn left, the next started from
        assert after[EXT + "agitation-before"] == before[EXT + "agitation-after"]
        assert after[EXT + "rapport-before"] == before[EXT + "rapport-after"]
    completed = next(s for s in export(path) if s["verb"]["display"]["en-US"] == "completed")
    assert completed["result"]["extensions"][EXT + "agitation-after"] == ext[-1][EXT + "agitation-after"]


def test_ids_are_stable_across_exports_and_places_and_differ_between_sessions(tmp_path):
    path = play(tmp_path, "0a11ce03")
    first = export(path)
    moved = tmp_path / "elsewhere" / "renamed.jsonl"
    moved.parent.mkdir()
    moved.write_bytes(path.read_bytes())
    assert export(path) == first and export(moved) == first
    other = export(play(tmp_path, "0a11ce04"))
    assert not {s["id"] for s in first} & {s["id"] for s in other}


def test_the_actor_is_the_trainee_on_the_configured_home_page(tmp_path):
    path = play(tmp_path, "0a11ce05", trainee="Sam O'Neil")
    actor = export(path, env={"TALKDOWN_XAPI_HOME_PAGE": "https://academy.example/lms"})[0]["actor"]
    assert actor == {"objectType": "Agent", "name": "Sam O'Neil",
                     "account": {"homePage": "https://academy.example/lms", "name": "Sam O'Neil"}}


def test_scores_come_from_the_replay_not_from_what_the_file_says(tmp_path):
    path = play(tmp_path, "0a11ce06")
    honest = export(path)
    scored = CliRunner().invoke(main, ["score", str(path), "--json"])
    percents = {r["id"]: r["percent"] for r in json.loads(scored.stdout)["rubrics"]}
    rubric_statements = {s["object"]["id"].rsplit("/", 1)[1]: s for s in honest
                         if s["verb"]["display"]["en-US"] in ("passed", "failed")}
    assert {k: s["result"]["score"]["raw"] for k, s in rubric_statements.items()} == percents
    assert all(s["result"]["score"]["scaled"] == round(percents[k] / 100, 4) for k, s in rubric_statements.items())
    assert all((s["verb"]["display"]["en-US"] == "passed") == s["result"]["success"]
               for s in rubric_statements.values())
    # A file edited to claim every technique and a resolved call earns nothing: the replay decides.
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for e in lines:
        if e["event"] == "analysis":
            e["techniques"] = ["emotion_label", "paraphrase", "summary", "open_question"]
        if e["event"] == "ended":
            e["outcome"] = "resolved"
    path.write_text("".join(json.dumps(e) + "\n" for e in lines), encoding="utf-8")
    assert export(path) == honest


def test_what_the_trainee_typed_stays_literal(tmp_path):
    path = play(tmp_path, "0a11ce07")
    hostile = '<script>alert("x")</script> \x1b[31m"quoted" & ünïcode'
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    lines[0]["trainee"] = hostile
    path.write_text("".join(json.dumps(e) + "\n" for e in lines), encoding="utf-8")
    statements = export(path)
    assert statements[0]["actor"]["name"] == hostile and statements[0]["actor"]["account"]["name"] == hostile


def test_an_unfinished_session_has_no_completion_or_scores(tmp_path):
    path = play(tmp_path, "0a11ce08", cut=12)
    said = verbs(export(path))
    assert said[:2] == ["launched", "initialized"] and "responded" in said
    assert not {"completed", "passed", "failed"} & set(said)


def test_a_folder_exports_one_json_file_each_with_an_index(tmp_path):
    for n in range(2):
        play(tmp_path / "in", f"0a11ce1{n}")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["export", str(tmp_path / "in"), "--format", "xapi", "-o", str(out)])
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in out.iterdir())
    assert files == ["index.json", "lee--20261205T120000Z-library-psychosis-0a11ce10.json",
                     "lee--20261205T120000Z-library-psychosis-0a11ce11.json"]
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert [row["file"] for row in index] == files[1:]
    assert all(isinstance(json.loads((out / f).read_text(encoding="utf-8")), list) for f in files[1:])
