"""A trigger phrase negated right after it ("I won't come near you": "i will" then "not") does not
fire, as one negated before it does not; the same phrase said plainly still fires."""

from __future__ import annotations

from simulator.engine import Session
from simulator.language import PhraseMatcher
from simulator.scenario.model import Trigger

APPROACH = Trigger(id="approach", phrases=["I will", "come closer"], reply=["Stay back!"], once=False)


def _fired(tiny, text):
    s = Session(tiny.scenario.model_copy(update={"triggers": [APPROACH]}), seed=3)
    s.start()
    return [e.id for e in s.reply(text) if e.event == "trigger"]


def test_a_phrase_followed_by_not_or_never_does_not_fire(tiny):
    assert _fired(tiny, "I won't come near you.") == []
    assert _fired(tiny, "I will never come closer than this.") == []
    assert _fired(tiny, "I'm not going to come closer.") == []  # before it, as always


def test_the_phrase_said_plainly_still_fires(tiny):
    assert _fired(tiny, "I will come over there now.") == ["approach"]
    assert _fired(tiny, "Can I come closer?") == ["approach"]


def test_a_negator_after_the_phrase_is_seen_only_right_after_it():
    matcher = PhraseMatcher(["i will"])
    assert matcher.search("I'll stay here, I will. Not a step closer.") is not None  # another sentence
    assert matcher.search("I will not let anything happen to you.") is None
    assert matcher.search("I will not let anything happen to you.", include_negated=True).negated
