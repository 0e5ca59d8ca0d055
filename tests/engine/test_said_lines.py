"""What the subject says is what counts as said: one trigger line a turn; a late answer that could not
be said waits for the next turn, and what it tells (`told:`, its flags, its fact) holds from the turn
it is said, not before."""

from __future__ import annotations

from simulator.engine import Session
from simulator.scenario.model import Answer, Condition, Ending, Requirement, Topic, Trigger

RANT = Trigger(id="rant", phrases=["meter"], reply=["Don't talk to me about that meter!"])
LATE = Trigger(id="late-sugar", answers="sugar", fact="He told at last that he is diabetic.",
               when=Condition(flag="asked:sugar", no_flag="told:sugar", rapport_at_least=30),
               reply=["What you asked before... I'm diabetic."], set_flags=["sugar-late"])


def _with(tiny, **changes):
    return tiny.scenario.model_copy(update=changes)


def _session(scenario, rapport):
    s = Session(scenario, seed=3)
    s.start()
    s.facts.rapport = rapport
    return s


def _said(events):
    return [e.text for e in events if e.event == "subject"]


def _told(events):
    return [(e.id, e.answer, e.fact) for e in events if e.event == "topic"]


def _withheld_then_both_fire(scenario):
    """Asked about his sugar at low rapport (withheld); then, trusted, a reply that fires both."""
    s = _session(scenario, rapport=5.0)
    assert _told(s.reply("Are you diabetic?")) == [("sugar", "withheld", None)]
    s.facts.rapport = 40.0
    return s, s.reply("That meter is a pain, isn't it.")


def test_a_late_answer_that_could_not_be_said_tells_nothing_until_it_is_said(tiny):
    s, both = _withheld_then_both_fire(_with(tiny, triggers=[RANT, LATE]))
    assert [e.id for e in both if e.event == "trigger"] == ["rant", "late-sugar"]  # both fired
    assert _said(both) == ["Don't talk to me about that meter!"]
    assert _told(both) == []  # the debrief must not say he told it
    assert "told:sugar" not in s.facts.flags and "sugar-late" not in s.facts.flags
    nxt = s.reply("Okay.")
    assert _said(nxt) == ["What you asked before... I'm diabetic."]
    assert _told(nxt) == [("sugar", "honest", "He told at last that he is diabetic.")]
    assert {"told:sugar", "sugar-late"} <= s.facts.flags
    assert [e.turn for e in nxt if e.event == "topic"] == [s.turn]


def test_a_late_answer_listed_first_is_said_and_told_that_turn(tiny):
    s, both = _withheld_then_both_fire(_with(tiny, triggers=[LATE, RANT]))
    assert _said(both) == ["What you asked before... I'm diabetic."]
    assert _told(both)[0][:2] == ("sugar", "honest")
    assert "told:sugar" in s.facts.flags


def test_two_late_answers_on_one_turn_are_told_one_a_turn_in_order(tiny):
    food = Topic(id="food", title="when he last ate", phrases=["last eat"],
                 answers=[Answer(when=Condition(rapport_below=15), kind="withheld", lines=["Not telling you."]),
                          Answer(kind="honest", lines=["Breakfast."])])
    late_food = Trigger(id="late-food", answers="food", fact="Nothing since breakfast.",
                        when=Condition(flag="asked:food", no_flag="told:food", rapport_at_least=30),
                        reply=["And food... not since breakfast."])
    s = _session(_with(tiny, topics=[*tiny.scenario.topics, food], triggers=[LATE, late_food]), rapport=5.0)
    s.reply("Are you diabetic? When did you last eat?")
    s.facts.rapport = 40.0
    first = s.reply("Okay.")
    assert _said(first) == ["What you asked before... I'm diabetic."]
    assert [t[0] for t in _told(first)] == ["sugar"] and "told:food" not in s.facts.flags
    second = s.reply("Alright.")
    assert _said(second) == ["And food... not since breakfast."]
    assert _told(second) == [("food", "honest", "Nothing since breakfast.")]


def test_a_held_late_answer_is_dropped_once_the_question_is_answered_when_asked_again(tiny):
    s, _ = _withheld_then_both_fire(_with(tiny, triggers=[RANT, LATE]))
    again = s.reply("Are you diabetic?")
    assert _told(again) == [("sugar", "honest", "He is diabetic and has not eaten since breakfast.")]
    assert "What you asked before" not in _said(again)[0]
    assert _told(s.reply("Okay.")) == []


def test_a_requirement_does_not_pass_on_a_line_never_said(tiny):
    needs = Requirement(id="sugar-told", description="Heard about his sugar", needs=Condition(flag="told:sugar"),
                        otherwise=Ending(outcome="left", title="He left unheard"))
    ends = Trigger(id="ends", phrases=["meter"], set_flags=["done"])
    outcome = tiny.scenario.outcomes[0].model_copy(update={"when": Condition(flag="done")})
    _, events = _withheld_then_both_fire(_with(tiny, requirements=[needs], outcomes=[outcome],
                                               triggers=[RANT, LATE, ends]))
    ended = events[-1]
    assert ended.event == "ended" and ended.outcome == "left"
    assert [u.id for u in ended.unmet] == ["sugar-told"]


def test_the_third_identical_question_is_still_answered_when_it_is_told(tiny):
    s = _session(tiny.scenario, rapport=5.0)
    s.reply("Are you diabetic?")
    s.reply("Are you diabetic?")
    s.facts.rapport = 40.0
    third = s.reply("Are you diabetic?")
    assert _told(third)[0][:2] == ("sugar", "honest")
    assert "I'm diabetic. I haven't eaten since breakfast." in _said(third)[0]


def test_the_same_replies_give_the_same_session(tiny):
    def run():
        s, events = _withheld_then_both_fire(_with(tiny, triggers=[RANT, LATE]))
        return [e.model_dump() for e in events + s.reply("Okay.") + s.reply("Okay then.")]

    assert run() == run()
