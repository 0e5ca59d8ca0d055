"""The Markdown and plain-text debrief."""

from __future__ import annotations

from simulator.debrief import debrief_for, render, rubrics_or_problem
from simulator.scenario import load_scenario
from simulator.scoring import load_rubrics
from tests.scoring.eventlog import ROOT, RUBRICS, EventLog


def session() -> EventLog:
    return (EventLog(70, scenario_id="library-psychosis")
            .cue("voices", "psychosis", "He whispers to the ceiling.")
            .say("I'm Officer Lee. You sound scared.", ("introduction", "I'm Officer Lee"),
                 ("emotion_label", "You sound scared"), delta=-10, reply="I am scared.")
            .say("Calm *down* [now] <b>", ("dismissal", "Calm *down*"), delta=+15, reply="Don't tell me that!")
            .cue("wants-to-disappear", "suicidality", "He says he'd rather not be here.")
            .say("Are you hearing voices?", "crisis_inquiry", "closed_question", recognises=("voices",),
                 delta=-5, reply="Yes.")
            .end("timed_out"))


def test_markdown_debrief_has_every_section_with_evidence():
    rubrics = load_rubrics(RUBRICS)
    md = render(debrief_for(session().events, rubrics=rubrics), "md")
    for heading in ("# Debrief:", "## Outcome", "## Scores", "### Active listening:", "## Agitation",
                    "### Largest rises", "### Largest falls", "## Cues"):
        assert heading in md
    assert "| Active listening |" in md and "FAIL" in md
    assert "turn 1, emotion label: “You sound scared”" in md        # quoted evidence with its turn
    assert "Coaching: " in md                                      # missed criteria coach
    assert "Point one." in md                                      # the outcome's teaching points
    assert "1. Turn 2 (+15, 60 → 75): you “Calm \\*down\\* \\[now\\] \\<b>”" in md  # key rise, escaped
    assert "Sam: “Don't tell me that!”" in md
    assert "**voices** (psychosis), shown at turn 0" in md and "Recognised at turn 3 (after 3 turns)" in md
    assert "**wants-to-disappear** (suicidality), shown at turn 2" in md and "Not recognised." in md
    assert "`▆▅▇▆`" in md  # 70, 60, 75, 70


def test_plain_text_debrief_has_no_markdown():
    text = render(debrief_for(session().events, rubrics=load_rubrics(RUBRICS)), "text")
    assert "**" not in text and "`" not in text and "#" not in text
    assert "Calm *down* [now] <b>" in text
    assert "Outcome\n-------" in text


def test_scenario_file_adds_cue_teaching():
    loaded = load_scenario(ROOT / "scenarios" / "library-psychosis.yaml")
    md = render(debrief_for(session().events, rubrics=load_rubrics(RUBRICS), scenario=loaded), "md")
    assert "Ask about the voices plainly" in md


def test_debrief_without_usable_rubrics_says_why(tmp_path):
    rubrics, problem = rubrics_or_problem(tmp_path / "missing")
    assert rubrics is None
    md = render(debrief_for(session().events, rubrics=rubrics, rubrics_problem=problem), "md")
    assert "Not scored:" in md and "## Cues" in md and "TD120" in md


def test_unfinished_and_empty_sessions_render():
    md = render(debrief_for(EventLog().events, rubrics=load_rubrics(RUBRICS)), "md")
    assert "did not finish" in md and "Agitation never rose" in md and "No cues were shown." in md
    abandoned = EventLog().end("abandoned", reason="input ended")
    text = render(debrief_for(abandoned.events, rubrics=load_rubrics(RUBRICS)), "text")
    assert "after 0 turns" in text and "input ended" in text


def test_the_debrief_tells_this_session_what_was_missing_and_what_was_drawn():
    """A call that ends without its requirement: the debrief names what it needed, reveals the
    variant drawn, and teaches from this scenario's own ending."""
    from simulator.authoring.walkthroughs import play_script

    path = ROOT / "scenarios" / "welfare-check-hypoglycaemia.yaml"
    loaded = load_scenario(path)
    wt = next(w for w in loaded.scenario.walkthroughs if w.name.startswith("juice without paramedics"))
    seed = wt.seeds[0]
    session, events = play_script(loaded, list(wt.replies), seed, wt.mode, dict(wt.variant) or None)
    ended = events[-1]
    assert ended.event == "ended" and ended.unmet and ended.outcome not in ("resolved", "referred")
    text = render(debrief_for(events, rubrics=None, scenario=loaded), "text")
    assert "Not a good ending" in text
    for need in ended.unmet:
        assert need.description in text
    for dim, option in session.drawn.variant.items():
        assert f"{dim} = {option}" in text
    source = " ".join(path.read_text(encoding="utf-8").split())  # YAML folds long lines
    assert ended.teaching_points and all(" ".join(p.split())[:60] in source for p in ended.teaching_points)
    assert "Teaching points:" in text and all(p in text for p in ended.teaching_points)
