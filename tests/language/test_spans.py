"""Every span is a substring of the original reply, whatever its spelling."""

from __future__ import annotations

import pytest

from simulator.language import analyze

REPLIES = [
    ("Hi, I'm Officer Diaz with the city police. Can you tell me what happened?", None),
    ("It sounds like you\u2019re REALLY frustrated\u2026 what\u2019s going on?", None),
    ("ur gonna go 2 jail if u dont put it down!!", None),
    ("Mr. Jones, I'm worried about you. Are you thinking of killing yourself?", None),
    ("So they took your dog and you don't know where he is.", "They took my dog and I don't know where he is!"),
    ("   Calm   down.   It's not a big deal.  ", None),
    ("Okay.\nI hear you.\n\nTake your time.", None),
    ("İstanbul? Tell me más about that, señor.", None),
    ("Shut up, you idiot. Why don't you just sit down?", None),
    ("Thanks for talking to me. You did the right thing calling us.", None),
]


@pytest.mark.parametrize("text,context", REPLIES)
def test_detection_text_is_the_original_substring(text, context):
    a = analyze(text, context)
    assert a.detections, text
    for d in a.detections:
        assert d.text == text[d.start:d.end]
        assert d.text == d.text.strip() and d.text
    for _tid, spans in a.to_dict()["spans"].items():
        for s, e in spans:
            assert 0 <= s < e <= len(text)


def test_span_points_at_the_evidence():
    text = "Listen. I'm going to arrest you if you hit him again."
    spans = analyze(text).to_dict()["spans"]
    s, e = spans["threat"][0]
    assert "arrest" in text[s:e]


def test_contraction_span_covers_the_whole_word():
    text = "You don't need to get so worked up"
    d = next(d for d in analyze(text).detections if d.technique == "dismissal")
    assert d.text == "You don't need to get so worked up"
