"""A scene with several people after the call (issue 15, point 1): `talkdown run`, the Markdown and
HTML debriefs, `talkdown export` and the comparison say who said what to whom, draw each person's
curve, name whose cues and topics; a task given to the partner is a turn everywhere; a session in
which the recruit switched person (@id alone, /talk-to, the app's key) replays as it was played."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.cli import main
from simulator.debrief import debrief_for
from simulator.debrief.compare import compare, render_compare_md
from simulator.debrief.html import render_html
from simulator.debrief.render import render
from simulator.engine import Session
from simulator.live.replay import replay_file
from simulator.scenario import load_scenario
from simulator.transcripts import read_transcript, session_log
from tests.scoring.eventlog import ROOT, RUBRICS

SCENES = ROOT / "tests" / "data" / "scenarios"
SCENE = SCENES / "two-neighbours.yaml"
REPLIES = ["It sounds like you're exhausted.",
           "@holt It sounds like you're frustrated, it's your night.",
           "@diaz",
           "Do you have to work early?",
           "/talk-to holt",
           "What are you celebrating?",
           "/partner take-aside diaz",
           "You're an idiot."]


@pytest.fixture(autouse=True)
def folders(monkeypatch):
    monkeypatch.setenv("TALKDOWN_RUBRICS", str(RUBRICS))
    monkeypatch.setenv("TALKDOWN_SCENARIOS", str(SCENES))


@pytest.fixture
def played(tmp_path) -> tuple[str, Path]:
    """`talkdown run` of the test scene (its plain output) and the transcript it saved."""
    result = CliRunner().invoke(main, ["run", str(SCENE), "--seed", "3", "--transcripts", str(tmp_path / "t")],
                                input="\n".join(REPLIES) + "\n")
    assert result.exit_code == 0, result.output
    [path] = sorted((tmp_path / "t").rglob("*.jsonl"))
    return result.output, path


def export(path: Path, fmt: str) -> str:
    result = CliRunner().invoke(main, ["export", str(path), "--format", fmt])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_run_and_the_debrief_agree_on_the_turns_when_the_partner_was_given_a_task(played):
    output, path = played
    said = re.search(r"Outcome: .* after (\d+) turns", output)
    debriefed = re.search(r"Ended early \(abandoned\) after (\d+) turns", output.split("Debrief:")[1])
    assert said and debriefed and said.group(1) == debriefed.group(1) == "6"
    log = session_log(read_transcript(path).events)
    assert [t.action for t in log.turns if t.kind == "action"] == ["partner:take-aside"]
    assert "after 6 turns" in export(path, "md")


def test_the_markdown_debrief_names_who_said_what_to_whom(played):
    _, path = played
    md = export(path, "md")
    dialogue = md.split("## Dialogue")[1].split("## Cues")[0]
    assert "- Mrs Diaz: Finally! Officer, it's been three hours." in dialogue
    assert "- Gary Holt: It's my birthday, man." in dialogue
    assert "**Turn 1, you to Mrs Diaz:** It sounds like you're exhausted." in dialogue
    assert "**Turn 2, you to Gary Holt:** It sounds like you're frustrated, it's your night." in dialogue
    assert "**Turn 3, you to Mrs Diaz:** Do you have to work early?" in dialogue
    assert "**Turn 4, you to Gary Holt:** What are you celebrating?" in dialogue
    assert "**Turn 5, you:** `/partner take-aside diaz` *(Officer Reyes walks them" in dialogue
    assert "@holt" not in dialogue


def test_the_debrief_draws_each_persons_curve_and_names_whose_cues_and_topics(played):
    _, path = played
    md = export(path, "md")
    agitation = md.split("## Agitation")[1].split("### Largest rises")[0]
    assert re.search(r"^- Mrs Diaz: `[▁-█]+`  48 → \d+", agitation, re.M)
    assert re.search(r"^- Gary Holt: `[▁-█]+`  45 → \d+", agitation, re.M)
    assert "- Turn 3, Mrs Diaz on her work in the morning: evasive" in md or \
        "- Turn 3, Mrs Diaz on her work in the morning: honest" in md
    assert "- Turn 4, Gary Holt on what the party is for: honest" in md
    assert "**diaz-exhausted** (wellbeing, Mrs Diaz)" in md
    assert "Her exhaustion is the heart of it" in md  # a person's cue's teaching is found
    moments = md.split("### Largest rises")[1].split("## Dialogue")[0]
    assert "you to Gary Holt “You're an idiot.”" in moments


def test_the_html_chart_has_a_line_per_person_with_a_legend(played):
    _, path = played
    html = export(path, "html")
    chart = html.split("<h2>Agitation</h2>")[1].split("</svg>")[0]
    assert chart.count("<polyline") == 2
    assert "one line per person: Mrs Diaz, Gary Holt" in chart
    assert ">Mrs Diaz</text>" in chart and ">Gary Holt</text>" in chart
    assert "<strong>You to Gary Holt:</strong> What are you celebrating?" in html
    assert "<strong>Gary Holt:</strong> It&#39;s my thirtieth" in html


def test_an_unprompted_line_says_who_it_was_said_to_and_reactions_are_in_the_dialogue():
    loaded = load_scenario(SCENE)
    for seed in range(1, 9):
        session = Session(loaded, seed=seed, variant={"partner": "steady"})
        events = session.start() + session.reply("You're right, he's being completely unreasonable.")
        if any(getattr(e, "unprompted", None) for e in events):
            break
    else:
        pytest.fail("nobody spoke up on any seed")
    md = render(debrief_for(events + session.abandon(), rubrics=None, scenario=loaded), "md")
    assert re.search(r"^- Gary Holt, unprompted, to Mrs Diaz: ", md, re.M)
    assert "**Turn 1:** Gary Holt reacts: you took Mrs Diaz's side against them (agitation +12)" in md


def test_a_single_person_debrief_has_no_scene_labels():
    loaded = load_scenario(ROOT / "scenarios" / "library-psychosis.yaml")
    session = Session(loaded, seed=1)
    events = session.start() + session.reply("Hi Marcus, I'm officer Lee.") + session.abandon()
    d = debrief_for(events, rubrics=None, scenario=loaded)
    assert not d.several and not d.person_curves
    md = render(d, "md")
    assert "**Turn 1, you:** Hi Marcus" in md and "each person's" not in md
    assert "one line per person" not in render_html(d)


def test_the_comparison_labels_lines_and_each_persons_curve(played):
    _, path = played
    loaded = load_scenario(SCENE)
    d = debrief_for(read_transcript(path).events, rubrics=None, scenario=loaded)
    md = render_compare_md(compare(d, d))
    assert "**Turn 1, you to Mrs Diaz:** It sounds like you're exhausted." in md
    assert "  - Gary Holt: `" in md and "(the highest of anyone's)" in md
    assert "holt-drinking (intoxication, Gary Holt)" in md


def test_switching_person_without_a_turn_and_the_partners_tasks_replay_as_played(played):
    _, path = played
    replay = replay_file(path, load_scenario(SCENE))
    assert replay.how == "replayed" and replay.differs_at is None, replay.warning


def test_xapi_responded_says_who_was_addressed_and_everyones_levels(played):
    _, path = played
    statements = json.loads(export(path, "xapi"))
    ext = "https://talkdown.example/xapi/extensions/"
    responded = [s["result"] for s in statements if s["verb"]["display"]["en-US"] == "responded"]
    assert [r["extensions"].get(ext + "addressed") for r in responded] == ["diaz", "holt", "diaz", "holt", "diaz",
                                                                          "holt"]
    first = responded[0]["extensions"]
    people = {p["id"]: p for p in first[ext + "people"]}
    assert people["diaz"]["name"] == "Mrs Diaz" and people["diaz"]["agitation-before"] == 48.0
    assert first[ext + "agitation-after"] == people["diaz"]["agitation-after"]  # the addressed's levels
    assert people["holt"]["agitation-before"] == people["holt"]["agitation-after"] == 45.0
    partner = responded[4]
    assert partner["response"] == "/partner take-aside diaz" and partner["extensions"][ext + "partner-task"] == \
        "take-aside"
    assert {p["id"]: p.get("aside") for p in partner["extensions"][ext + "people"]} == {"diaz": True, "holt": None}
    completed = next(s for s in statements if s["verb"]["display"]["en-US"] == "completed")
    assert completed["result"]["extensions"][ext + "turns"] == len(responded) == 6
