"""Session behaviour: determinism, replies, cues, actions, phases and outcomes."""

from __future__ import annotations

import itertools

from simulator.engine import Session
from simulator.engine.machine import PhaseTracker
from tests.engine.conftest import subject_lines

SCRIPT = [
    "Hi, I'm Officer Lee. What's going on with the meter?",
    "It sounds like you're really frustrated.",
    "Are you diabetic? You look shaky.",
    "/step-back",
    "You paid for two hours and it took your money. That's maddening.",
    "You could appeal it online, or I can give you the number. Which would you prefer?",
]


def play(tiny, seed, replies=SCRIPT):
    s = Session(tiny, seed=seed)
    events = s.start()
    for r in replies:
        if s.finished:
            break
        events += s.reply(r)
    return s, events


def test_same_scenario_seed_and_replies_give_identical_events(tiny):
    _, a = play(tiny, 11)
    _, b = play(tiny, 11)
    assert [e.to_json() for e in a] == [e.to_json() for e in b]


def test_another_seed_draws_other_variants(tiny):
    runs = [play(tiny, seed) for seed in range(1, 9)]
    texts = {tuple(subject_lines(ev)) for _, ev in runs}
    assert len(texts) > 1


def test_never_the_same_line_twice_in_a_row(tiny):
    s = Session(tiny, seed=3)
    said = subject_lines(s.start())
    for i in range(11):
        said += subject_lines(s.reply(f"Okay {i}... hmm" if i % 2 else "uh huh"))
        if s.finished:
            break
    assert all(a != b for a, b in itertools.pairwise(said))


def test_every_subject_line_has_a_nonverbal_line_for_its_band(tiny):
    _, events = play(tiny, 5)
    nonverbal = tiny.scenario.nonverbal
    for e in events:
        if e.event == "subject":
            assert e.nonverbal in nonverbal[e.band]


def test_skilled_script_resolves_through_the_phases(tiny):
    s, events = play(tiny, 2)
    assert s.outcome == "resolved"
    phases = [(e.from_, e.to) for e in events if e.event == "phase_changed"]
    assert phases[0] == ("upset", "settled")
    assert phases[-1][1] == "done"
    assert events[-1].event == "ended" and events[-1].line == "Thanks, officer."


def test_cue_is_shown_then_recognised_with_turn_count(tiny):
    _, events = play(tiny, 1)
    shown = [e for e in events if e.event == "cue_shown"]
    recognised = [e for e in events if e.event == "cue_recognised"]
    assert [e.turn for e in shown] == [2]
    assert recognised and recognised[0].id == "diabetic"
    assert recognised[0].turn == 3 and recognised[0].after_turns == 1


def test_action_changes_state_and_unknown_command_uses_no_turn(session):
    before = session.facts.agitation
    events = session.reply("/step-back")
    assert events[0].event == "action" and events[0].id == "step-back"
    assert session.facts.agitation < before
    turn = session.turn
    notice = session.reply("/dance")
    assert [e.to_json_dict() for e in notice] == [{"event": "notice", "turn": turn,
                                                "text": "Unknown command /dance. Available: /step-back, /wait, /end."}]
    assert session.turn == turn
    unavailable = session.reply("/call-crisis-team")
    assert "not available" in unavailable[0].text


def test_end_command_abandons(session):
    events = session.reply("/end")
    assert events[-1].event == "ended" and events[-1].outcome == "abandoned"
    assert session.finished


def test_agitation_reaching_100_escalates(tiny):
    s = Session(tiny, seed=1)
    s.start()
    for _ in range(12):
        s.reply("Shut up, you idiot, or I'll arrest you and lock you up.")
        if s.finished:
            break
    assert s.outcome == "escalated"


def test_turn_limit_times_out(tiny):
    s = Session(tiny, seed=1)
    s.start()
    for i in range(12):
        if s.finished:
            break
        s.reply(["The bus is late.", "Nice car.", "Cold today."][i % 3] + f" {i}")
    assert s.outcome == "timed_out" and s.turn == 12


def test_machine_has_only_authored_transitions(session):
    tracker = session._tracker
    assert isinstance(tracker, PhaseTracker)
    assert not hasattr(tracker, "to_done")
    assert session.phase == "upset"


def test_replies_with_markup_and_control_characters_are_kept_verbatim(session):
    text = "[bold red]right[/] now [/foo] \x1b[31mred\x07 {x}"
    events = session.reply(text)
    analysis = next(e for e in events if e.event == "analysis")
    assert analysis.text == text


def test_pressure_makes_the_subject_speak_again_and_agitation_rise(session):
    before = session.facts.agitation
    turn = session.turn
    events = session.pressure()
    assert events[0].to_json_dict() == {"event": "pressure", "turn": turn}
    spoken = [e for e in events if e.event == "subject"]
    assert len(spoken) == 1 and spoken[0].agitation > before
    assert session.turn == turn  # waiting is not a reply


def test_session_refuses_replies_after_it_ended(session):
    import pytest

    session.reply("/end")
    with pytest.raises(RuntimeError):
        session.reply("hello?")
    assert session.abandon() == []


import pytest  # noqa: E402

from simulator.language import combine_effects  # noqa: E402


def test_a_trigger_reply_is_still_said_when_the_turn_ends_the_session(tiny):
    s = Session(tiny, seed=1)
    s.start()
    s.facts.agitation = 95.0
    events = s.reply("Keep it up and I will arrest you.")
    kinds = [e.event for e in events]
    assert kinds[-2:] == ["subject", "ended"]
    assert events[-2].text == "Arrest me? For a parking meter?!"
    assert events[-1].outcome == "escalated"


def test_a_hurtful_turn_is_not_softened_by_drift(tiny):
    s = Session(tiny, seed=1)
    s.start()
    s.facts.agitation = 40.0  # drift would move it towards the baseline of 60
    events = s.reply("Shut up, you idiot.")
    analysis = next(e for e in events if e.event == "analysis")
    combined, _ = combine_effects([(e.technique, e.agitation, e.rapport) for e in analysis.effects])
    assert combined > 0
    assert analysis.agitation_delta == pytest.approx(combined, abs=0.2)


def test_the_subject_answers_an_offer_before_a_reflection(tiny):
    from simulator.engine.effects import TechniqueEffect

    s = Session(tiny, seed=1)
    s.start()
    reactions = {"paraphrase": ["PARA"], "offer_options": ["OFFER"]}
    phase = tiny.scenario.phases[0].model_copy(update={"reactions": reactions})
    s.scenario = tiny.scenario.model_copy(update={"phases": [phase, *tiny.scenario.phases[1:]]})
    line = s._reaction_line([TechniqueEffect("paraphrase", -5.5, 5, ""),
                             TechniqueEffect("offer_options", -4.0, 4, "")])
    assert line == "OFFER"


def test_end_is_not_counted_as_a_turn(session):
    session.reply("Hello, I'm Officer Lee.")
    events = session.reply("/end")
    assert [e.turn for e in events] == [1, 1]
    assert session.turn == 1


def test_triggers_fire_on_action_turns(tiny):
    s = Session(tiny, seed=1)
    s.start()
    before = s.facts.agitation  # 60: the trigger's condition holds
    events = s.reply("/step-back")
    assert [e.id for e in events if e.event == "trigger"] == ["backed-off"]
    assert s.facts.agitation == before - 5 - 3
    assert [e.text for e in events if e.event == "subject"] == ["Yeah. Give me some room."]


def test_judged_objectives_are_reached_or_not_as_the_call_ends(tiny):
    from simulator.debrief import debrief_for, render

    _, events = play(tiny, 11, ["Hi, I'm Officer Lee.", "Are you diabetic?", "/end"])
    assert [(o.text, o.met) for o in events[-1].objectives] == [("Ask about his blood sugar.", True)]
    _, events = play(tiny, 11, ["Hi, I'm Officer Lee.", "/end"])
    assert [(o.text, o.met) for o in events[-1].objectives] == [("Ask about his blood sugar.", False)]
    md = render(debrief_for(events, rubrics=None), "md")
    assert "- Talk him down." in md and "- ✗ Ask about his blood sugar. — not reached before the call ended" in md


def _with(tiny, **changes):
    return tiny.scenario.model_copy(update=changes)


def test_a_topic_asked_is_answered_even_when_a_trigger_also_speaks(tiny):
    from simulator.scenario.model import Trigger

    loud = Trigger(id="loud", phrases=["diabetic"], reply=["And don't shout it!"], narration="He glances around.",
                   once=False)
    s = Session(_with(tiny, triggers=[loud]), seed=3)
    s.start()
    s.facts.rapport = 40.0
    events = s.reply("Are you diabetic?")
    said = next(e for e in events if e.event == "subject")
    assert said.text == "I'm diabetic. I haven't eaten since breakfast. And don't shout it!"
    assert said.nonverbal == "He glances around."


def test_narration_from_an_answer_and_a_trigger_is_told_whole(tiny):
    from simulator.scenario.model import Answer, Trigger

    topic = tiny.scenario.topics[0].model_copy(update={"answers": [
        Answer(kind="honest", lines=["Yes."], narration="He pulls up his sleeve.")]})
    trig = Trigger(id="look", phrases=["diabetic"], narration="He looks at the meter.")
    s = Session(_with(tiny, topics=[topic], triggers=[trig]), seed=3)
    s.start()
    said = next(e for e in s.reply("Are you diabetic?") if e.event == "subject")
    assert said.nonverbal == "He pulls up his sleeve. He looks at the meter." or \
        said.nonverbal == "He looks at the meter. He pulls up his sleeve."


def test_a_phase_can_silence_the_repetition_complaint(tiny):
    quiet = [p.model_copy(update={"repeats": []}) if p.id == "upset" else p for p in tiny.scenario.phases]
    s = Session(_with(tiny, phases=quiet), seed=3)
    s.start()
    lines = [next(e for e in s.reply("apples and pears") if e.event == "subject").text for _ in range(4)]
    assert not any("keep saying" in line or "already said" in line for line in lines)


def test_a_phase_can_end_with_its_own_ending(tiny):
    from simulator.scenario.model import Ending

    own = Ending(outcome="resolved", title="Appeal filed together", line="Thanks. I'll appeal it.",
                 narration="He folds the ticket into his wallet.", teaching_points=["Options gave him control."])
    phases = [p.model_copy(update={"ending": own}) if p.id == "done" else p for p in tiny.scenario.phases]
    _, events = play(_with(tiny, phases=phases), 11)
    end = events[-1]
    assert (end.outcome, end.title, end.nonverbal, end.teaching_points) == (
        "resolved", "Appeal filed together", "He folds the ticket into his wallet.", ["Options gave him control."])


def test_calling_for_help_costs_nothing_by_itself(tiny):
    from simulator.scenario.model import Action

    calls = [*tiny.scenario.actions, Action(id="call-ems", nonverbal="You radio for an ambulance.")]
    s = Session(_with(tiny, actions=calls), seed=3)
    s.start()
    s.facts.agitation = 30.0  # below the baseline: a turn with nothing in it would drift up
    s.reply("/call-ems")
    assert s.facts.agitation == 30.0


def test_every_condition_test_in_the_model_is_evaluated():
    """Conditions are built into checks once; a test added to the model must be built too."""
    from simulator.engine.conditions import HANDLED, Facts, holds
    from simulator.scenario.model import Condition

    assert set(Condition.model_fields) == HANDLED
    f = Facts(agitation=50.0, rapport=40.0, phase="arrival", turn=3, flags={"a"})
    assert holds(Condition(agitation_at_least=50, flag="a"), f)
    assert not holds(Condition(agitation_at_least=50, flag="b"), f)
    assert holds(Condition.model_validate({"not": {"any": [{"flag": "b"}, {"turn_at_least": 4}]}}), f)
    f.turn = 4
    assert not holds(Condition.model_validate({"not": {"any": [{"flag": "b"}, {"turn_at_least": 4}]}}), f)
