"""The coach's tip after a reply names a move to make next, never the good move the reply just made.
Found in play of the veteran scene: "thank you for telling me straight" (an affirmation) drew "Credit
what they did right", "a clear head, I hear you" (a mirror) drew "Repeat their last few words", and
"take your time" drew "A deliberate silence gives them room"."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.engine import Session
from simulator.language import TECHNIQUES
from simulator.live.coach import NOTHING_TIP, tip
from simulator.scenario import load_scenario
from simulator.transcripts.events import Analysed

ROOT = Path(__file__).resolve().parents[1]


def _analysed(*replies: str) -> list[Analysed]:
    session = Session(load_scenario(ROOT / "scenarios" / "veteran-ptsd-garage.yaml"), seed=3)
    session.start()
    out = []
    for reply in replies:
        out += [e for e in session.reply(reply) if isinstance(e, Analysed)]
    return out


REPLIES = [
    "ok, I'm staying right here by the door mate. I'm Sam. what's going on today?",
    "fourteen years today. Luis. that's a hell of a weight.",
    "thank you for telling me straight. is it the rifle on the bench?",
    "ok. a clear head, I hear you.",
    "I'll sit with you while you call, right here on the step. take your time.",
    "You did really well unloading it.",
]


def test_a_tip_never_names_a_good_move_the_reply_made():
    analysed = _analysed(*REPLIES)
    tips = {e.text: tip(e) for e in analysed}
    assert len(tips) == len(REPLIES)
    for e in analysed:
        made = {TECHNIQUES[t].tip for t in e.techniques if TECHNIQUES[t].polarity != "negative"}
        assert tip(e) not in made, (e.text, tip(e))
    assert tips[REPLIES[1]] == ""     # it gave back what he said: nothing to add


@pytest.mark.parametrize(("reply", "tip_of"), [
    ("what's going on today?", "emotion_label"),                 # asked, gave nothing back: label next
    ("is it the rifle on the bench?", "open_question"),          # closed: an open one next
    ("I'm Sam, I'm with the police.", "open_question"),          # told, asked nothing: a way in
])
def test_after_a_good_reply_the_tip_is_the_next_listening_move(reply, tip_of):
    [e] = _analysed(reply)
    assert tip(e) == TECHNIQUES[tip_of].tip


def test_a_poor_move_or_none_still_gets_its_tip():
    e1, e2 = _analysed("calm down mate, you're fine.", "the car's blue.")
    assert tip(e1) == TECHNIQUES["dismissal"].tip
    assert not e2.detections and tip(e2) == NOTHING_TIP
