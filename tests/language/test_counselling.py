"""Listener replies as they look on peer-support forums and helplines (the seven listening labels)."""

from __future__ import annotations

import pytest

from simulator.language import analyze

CASES = [
    ("that sounds incredibly hard", "emotion_label"),
    ("That must be so lonely.", "emotion_label"),
    ("I can hear how frustrated you are.", "emotion_label"),
    ("You sound really stressed about the exams.", "emotion_label"),
    ("That's a really tough situation to be in.", "emotion_label"),
    ("have you been able to talk to anyone about this?", "closed_question"),
    ("Are you still in contact with her?", "closed_question"),
    ("How long have you been feeling like this?", "closed_question"),
    ("Can you tell me more about what happened?", "open_question"),
    ("What do you think is making it so hard to sleep?", "open_question"),
    ("Why do you think he reacted that way?", "open_question"),
    ("it's completely understandable to feel that way", "reassurance"),
    ("You're not alone in this, a lot of people feel the same way.", "reassurance"),
    ("Things can get better, and I'll be here while they do.", "reassurance"),
    ("I hope things get easier for you soon.", "reassurance"),
    ("you should be proud of yourself for reaching out", "affirmation"),
    ("You did the right thing by talking about it.", "affirmation"),
    ("You've shown a lot of strength getting through this.", "affirmation"),
    ("You're doing the best you can.", "affirmation"),
    ("It's great that you're taking steps to look after yourself.", "affirmation"),
    ("maybe try writing down what you're feeling before bed", "advice"),
    ("It might help to set aside some time each day just for yourself.", "advice"),
    ("I think you should talk to your parents about how you feel.", "advice"),
    ("Have you considered talking to a counselor?", "advice"),
    ("It sounds like you've been carrying this on your own for a long time.", "paraphrase"),
    ("So your boss keeps piling work on you and you feel like you can't say no.", "paraphrase"),
]


@pytest.mark.parametrize("text,technique", CASES)
def test_listener_reply(text, technique):
    assert technique in analyze(text).techniques, analyze(text).techniques


@pytest.mark.parametrize("text,wrong", [
    ("you should be proud of yourself for reaching out", "advice"),
    ("It's great that you're taking steps to look after yourself.", "advice"),
    ("So you're worried that if you tell her, she'll be upset with you?", "explanation"),
    ("It sounds like you've been carrying this on your own for a long time.", "dismissal"),
])
def test_listener_look_alikes(text, wrong):
    assert wrong not in analyze(text).techniques


def test_no_negative_technique_in_supportive_listening():
    from simulator.language.techniques import NEGATIVE
    for text, _ in CASES:
        assert not set(analyze(text).techniques) & NEGATIVE, text
