"""The role-player: answers what was asked, hides what varies, yields only to real listening
and the right help (topics, variants, requirements, grounding, corrections, time)."""

from __future__ import annotations

from simulator.engine import Session
from simulator.scenario.model import (
    Answer,
    Condition,
    Ending,
    Requirement,
    Topic,
    Trigger,
    Variant,
    VariantOption,
)


def _with(tiny, **changes):
    return tiny.scenario.model_copy(update=changes)


def _session(scenario, seed=3, rapport=40.0, **kw):
    s = Session(scenario, seed=seed, **kw)
    s.start()
    s.facts.rapport = rapport
    return s


def _said(events):
    return next(e for e in events if e.event == "subject").text


def _topics(events):
    return [(e.id, e.answer) for e in events if e.event == "topic"]


FOOD = Topic(id="food", title="when he last ate", kind="medical", phrases=["last eat", "had any food"],
             answers=[Answer(kind="honest", lines=["Breakfast. Nothing since."], fact="Nothing since breakfast.")])
FOOD_TWIN = Topic(id="food-q", title="when he last ate", kind="medical", phrases=["skipped lunch"],
                  answers=[Answer(kind="honest", lines=["I skipped it, yes."])])


def test_the_answer_depends_on_rapport(tiny):
    low = _session(tiny.scenario, rapport=5.0)
    assert _topics(low.reply("Are you diabetic?")) == [("sugar", "withheld")]
    high = _session(tiny.scenario, rapport=40.0)
    events = high.reply("Are you diabetic?")
    assert _topics(events) == [("sugar", "honest")]
    assert _said(events).startswith("I'm diabetic.")
    assert "diabetic" in high.facts.flags  # what the answer reveals


def test_two_questions_in_one_reply_are_both_answered_in_order(tiny):
    s = _session(_with(tiny, topics=[*tiny.scenario.topics, FOOD]))
    events = s.reply("Are you diabetic? When did you last eat?")
    assert _topics(events) == [("sugar", "honest"), ("food", "honest")]
    assert _said(events).startswith("I'm diabetic. I haven't eaten since breakfast. Breakfast. Nothing since.")


def test_topics_sharing_a_title_are_one_question(tiny):
    s = _session(_with(tiny, topics=[FOOD, FOOD_TWIN]))
    events = s.reply("When did you last eat - you skipped lunch?")
    assert _topics(events) == [("food", "honest")]


def test_a_statement_naming_a_topic_is_not_asking_but_an_offer_is(tiny):
    s = _session(tiny.scenario)
    assert _topics(s.reply("I see a lot of people who are diabetic.")) == []
    s = _session(tiny.scenario)
    assert _topics(s.reply("I'd like the paramedics to check your blood sugar.")) == [("sugar", "honest")]


def test_a_bare_question_after_a_statement_asks_about_what_was_named(tiny):
    s = _session(tiny.scenario)
    assert _topics(s.reply("You mentioned your blood sugar. Tell me about it.")) == [("sugar", "honest")]


def test_a_drawn_variant_changes_the_answer_and_can_be_pinned(tiny):
    plan = Variant(id="meal", options=[VariantOption(id="ate", flags=["ate"]), VariantOption(id="skipped")])
    topic = tiny.scenario.topics[0].model_copy(update={"answers": [
        Answer(when=Condition(flag="ate"), kind="honest", lines=["I had a sandwich at noon."]),
        Answer(kind="honest", lines=["Nothing since breakfast."])]})
    scenario = _with(tiny, variants=[plan], topics=[topic])
    ate = _session(scenario, variant={"meal": "ate"})
    skipped = _session(scenario, variant={"meal": "skipped"})
    assert _said(ate.reply("Are you diabetic?")).startswith("I had a sandwich")
    assert _said(skipped.reply("Are you diabetic?")).startswith("Nothing since breakfast")
    drawn = {Session(scenario, seed=seed).drawn.variant["meal"] for seed in range(1, 30)}
    assert drawn == {"ate", "skipped"}
    assert Session(scenario, seed=5).drawn.variant == Session(scenario, seed=5).drawn.variant


def test_a_good_ending_without_its_requirement_ends_honestly(tiny):
    need = Requirement(id="asked-sugar", description="Asked about his blood sugar",
                       needs=Condition(flag="asked:sugar"),
                       otherwise=Ending(outcome="left", title="Calm, but nobody asked why he was shaking"))
    scenario = _with(tiny, requirements=[need])

    def finish(first: str) -> list:
        s = _session(scenario, seed=1, rapport=45.0)
        s.facts.agitation = 30.0
        s.reply(first)
        return s.reply("You could appeal it online, or I can give you the number. Which would you prefer?")

    asked = finish("Are you diabetic?")
    assert asked[-1].event == "ended" and asked[-1].outcome == "resolved"
    events = finish("That sounds really frustrating.")
    end = events[-1]
    assert (end.event, end.outcome, end.title) == ("ended", "left", "Calm, but nobody asked why he was shaking")
    assert [u.id for u in end.unmet] == ["asked-sugar"] and end.intended == "resolved"


def test_a_reflection_of_their_own_words_earns_more_than_a_generic_one(tiny):
    def effect(reply):
        s = _session(tiny.scenario, seed=3, rapport=20.0)
        s.reply("What happened?")  # he says something to reflect
        said = s._mem.subject_lines[-1]
        before = s.facts.agitation
        s.reply(reply(said))
        return before - s.facts.agitation

    grounded = effect(lambda said: f"So {said.rstrip('!.?').lower()}.")
    generic = effect(lambda said: "So what you're saying is that things have been really hard.")
    assert grounded > generic


def test_a_wrong_feeling_draws_a_correction_that_fits_the_label(tiny):
    phases = [p.model_copy(update={"emotions": ["anger"]}) for p in tiny.scenario.phases]
    corrections = ["Scared? I'm not scared. I'm angry.", "Sad? No. I'm angry.", "No. I'm angry."]
    s = _session(_with(tiny, phases=phases, corrections=corrections), rapport=20.0)
    said = _said(s.reply("You sound really scared."))
    assert said in {"Scared? I'm not scared. I'm angry.", "No. I'm angry."}
    s = _session(_with(tiny, phases=phases, corrections=corrections), rapport=20.0)
    assert not _said(s.reply("You sound really scared.")).startswith("Sad?")


def test_a_flag_held_for_some_turns(tiny):
    from simulator.engine.conditions import Facts, holds
    from simulator.scenario.model import FlagFor

    cond = Condition(flag_for=FlagFor(flag="told", turns=2))
    f = Facts(agitation=50, rapport=20, phase="upset", turn=3, flags={"told"})
    f.note_flags()
    assert not holds(cond, f)
    f.turn = 4
    assert not holds(cond, f)
    f.turn = 5
    assert holds(cond, f)


def test_asked_the_same_thing_twice_they_say_they_already_told_you(tiny):
    s = _session(tiny.scenario)
    first = _said(s.reply("Are you diabetic?"))
    again = _said(s.reply("Are you diabetic?"))
    assert first.startswith("I'm diabetic.")
    retold = ("I told you.", "Like I said...", "I already told you.")
    assert not first.startswith(retold)
    assert again.startswith(retold) and "I'm diabetic." in again


def test_off_topic_is_for_questions_about_nothing_not_for_ones_that_did_something(tiny):
    juice = Trigger(id="juice", phrases=["get him a juice"], set_flags=["juice"])
    scenario = _with(tiny, off_topic=["What's that got to do with anything?"],
                     triggers=[*tiny.scenario.triggers, juice])
    assert _said(_session(scenario).reply("Do you like the weather today?")) == "What's that got to do with anything?"
    s = _session(scenario)
    events = s.reply("Miss, can you get him a juice from the shop?")
    assert "juice" in s.facts.flags
    assert _said(events) != "What's that got to do with anything?"


def test_a_reply_over_the_limit_is_refused_with_a_notice_and_plays_no_turn(tiny):
    s = _session(tiny.scenario)
    before = (s.turn, s.facts.agitation)
    events = s.reply("I hear you. " * 200)
    assert [e.event for e in events] == ["notice"] and "2,000" in events[0].text
    assert (s.turn, s.facts.agitation) == before
    assert s.reply("I hear you.")[0].event == "analysis"
