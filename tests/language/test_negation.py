"""Negation scope: what is negated is not said."""

from __future__ import annotations

import pytest

from simulator.language import analyze, is_negated


@pytest.mark.parametrize("text", [
    "I'm not going to arrest you.",
    "Nobody is taking you to jail.",
    "No one is going to hurt you.",
    "I am not here to lock you up.",
    "We're not going to tase you, okay?",
    "I'm not gonna arrest you tonight.",
])
def test_negated_threats_are_not_threats(text):
    assert "threat" not in analyze(text).techniques


@pytest.mark.parametrize("text", [
    "I'm not going to arrest you.",
    "Nobody is taking you to jail.",
    "No one is going to hurt you.",
])
def test_negated_threats_reassure(text):
    assert "reassurance" in analyze(text).techniques


@pytest.mark.parametrize("text", [
    "If you don't put it down I will arrest you.",
    "If you don't calm down, you're going to jail.",
    "I'm not asking again, you're going to jail.",
    "Don't make me tase you.",
])
def test_conditions_do_not_hide_threats(text):
    assert "threat" in analyze(text).techniques


@pytest.mark.parametrize("text", [
    "You don't need to get so worked up.",
    "There's no need to get so upset.",
    "It's not a big deal.",
])
def test_negative_form_dismissals_stay_dismissals(text):
    assert "dismissal" in analyze(text).techniques


@pytest.mark.parametrize("text", [
    "I'm not saying you're crazy.",
    "I don't think you're stupid.",
    "Nobody said you were an idiot.",
])
def test_negated_insults_are_not_insults(text):
    assert "insult" not in analyze(text).techniques


def test_inverted_question_is_no_negation():
    a = analyze("Why don't you just calm down?")
    assert "command" in a.techniques and "dismissal" in a.techniques
    assert "open_question" not in a.techniques


def test_is_negated_scope_is_the_clause():
    text = "I'm not mad, but I will arrest you."
    assert is_negated(text, text.index("mad"))
    assert not is_negated(text, text.index("arrest"))
    text = "If you don't stop I will arrest you"
    assert not is_negated(text, text.index("arrest"))
    text = "I'm not saying you're crazy"
    assert is_negated(text, text.index("crazy"))
