"""The replies of issue 10's table, read by the sentence rather than the keywords: each is found
as what it is, and moves the subject the right way."""

from __future__ import annotations

import pytest

from simulator.language import analyze

#: (subject's line, reply, techniques that must be found, techniques that must not, direction)
TABLE = [
    ("Don't come closer! Are you with them?",
     "Whoa, I'm not with anybody, alright? I'm Alex. I'll stay right over here.",
     {"introduction", "reassurance"}, {"command"}, "lowers"),
    ("Embarrassed. People thought I was drunk.", "...it's nothing to be embarrassed about...",
     {"reassurance"}, {"dismissal"}, "lowers"),
    ("I'm NOT drunk! Why won't anybody listen?", "It sounds frustrating that people keep assuming you're drunk.",
     {"emotion_label", "paraphrase"}, {"insult"}, "lowers"),
    (None, "Would you be willing to sit down with me?", {"polite_request"}, {"command"}, "lowers"),
    (None, "Could you step back for me?", {"polite_request"}, {"command"}, "lowers"),
    ("The lights. They keep flickering.", "You mentioned the lights - what's going on with them?",
     {"open_question"}, {"closed_question"}, "lowers"),
    ("They're watching me.", "Who's 'them'?", {"open_question"}, {"closed_question"}, "lowers"),
    (None, "What are the voices telling you right now?", {"open_question", "crisis_inquiry"}, set(), "lowers"),
    (None, "They're mental health folks, not police. You'd get to decide. Want me to give them a call?",
     {"explanation", "offer_options", "resource_referral"}, set(), "lowers"),
    (None, "Look, I don't have all night. Just tell me what happened, quickly.",
     {"command"}, {"open_question"}, "raises"),
    (None, "If you don't settle down you'll be arrested. Your choice.", {"threat"}, {"offer_options"}, "raises"),
    (None, "Calm down. Keep your voice down.", {"command"}, set(), "raises"),
    (None, "I promise nothing bad will happen.", {"false_promise"}, {"reassurance"}, "raises"),
    (None, "I know exactly how you feel.", {"presumption"}, set(), "raises"),
    (None, "Why did you do that?", {"blaming_why"}, {"open_question"}, "raises"),
    (None, "I understand you're stressed, but you were doing 52 with your son in the car.",
     {"yes_but"}, {"emotion_label"}, "raises"),
    (None, "That's non-negotiable.", {"power_talk"}, set(), "raises"),
    (None, "We'll do it my way.", {"power_talk"}, set(), "raises"),
    (None, "You have no grounds for a complaint.", {"power_talk"}, set(), "raises"),
    (None, "Parties end eventually.", {"minimising"}, set(), "raises"),
    (None, "Have you tried earplugs?", {"minimising"}, set(), "raises"),
]


@pytest.mark.parametrize(("context", "reply", "found", "not_found", "direction"), TABLE, ids=[r[1][:40] for r in TABLE])
def test_the_table_reads_as_it_should(context, reply, found, not_found, direction):
    a = analyze(reply, context)
    assert found <= set(a.techniques), a.techniques
    assert not not_found & set(a.techniques), a.techniques
    assert (a.agitation_delta < -1) if direction == "lowers" else (a.agitation_delta > 1), a.agitation_delta


@pytest.mark.parametrize("reply", [
    "Can you just sit down now!",           # force keeps an order an order
    "Could you shut up for a second?",
])
def test_a_forceful_request_is_still_an_order(reply):
    a = analyze(reply)
    assert "command" in a.techniques and "polite_request" not in a.techniques


def test_a_but_that_turns_towards_help_takes_nothing_back():
    a = analyze("I know you're scared, but I'm here to help you.")
    assert "yes_but" not in a.techniques and "emotion_label" in a.techniques


def test_a_but_before_an_order_voids_the_understanding_and_the_order_counts():
    a = analyze("I hear you, but you need to put the chair down.")
    assert "command" in a.techniques and "yes_but" not in a.techniques


def test_a_why_about_their_view_is_still_an_open_question():
    a = analyze("Why do you think he reacted that way?")
    assert "open_question" in a.techniques and "blaming_why" not in a.techniques


def test_a_promise_within_the_officers_control_is_reassurance():
    a = analyze("I'll stay right here with you, I promise.")
    assert "false_promise" not in a.techniques


def test_a_precaution_is_not_minimising():
    a = analyze("It's just a precaution, but it's one we have to take.")
    assert "minimising" not in a.techniques


@pytest.mark.parametrize(("reply", "not_found"), [
    ("I'm going to put you on your side so you can breathe easier.", "threat"),   # first aid, not force
    ("you're too close to the road, can you move back?", "argument"),             # "too close" is not "did too"
])
def test_care_is_not_read_as_force_or_contradiction(reply, not_found):
    assert not_found not in analyze(reply).techniques
    assert analyze(reply).agitation_delta < 0
