"""Misreadings seen in real sessions, each with the general rule that fixes it."""

from __future__ import annotations

import pytest

from simulator.language import analyze
from simulator.language.techniques import NEGATIVE

COMPLAINT = "He's the one who started it! He threw my phone and now he's telling you I'm crazy."


def test_negated_harm_joined_by_and_is_reassurance_not_threat():
    a = analyze("I'm not going to grab you and you're not in trouble.")
    assert a.techniques == ("reassurance",)
    # the rule is "a negated consequence is no threat", not this sentence
    assert "threat" not in analyze("Nobody's getting cuffed and you're not going to jail.").techniques
    # a real ultimatum after "and" still is one
    assert "threat" in analyze("Take one more step and you're going to jail.").techniques


@pytest.mark.parametrize("text", [
    "none of this is your fault",
    "None of what happened tonight is on you.",
    "Nothing about this is your fault.",
])
def test_none_of_this_is_your_fault_is_reassurance(text):
    a = analyze(text)
    assert "reassurance" in a.techniques and "argument" not in a.techniques


def test_none_of_scopes_over_its_clause():
    from simulator.language import is_negated
    text = "none of this is your fault"
    assert is_negated(text, text.index("fault"))


@pytest.mark.parametrize("text", [
    "Your partner says you started it",
    "He said you started it and threw his phone.",
    "The neighbours told us you were screaming at him.",
])
def test_reporting_a_third_party_is_not_a_reflection(text):
    a = analyze(text, COMPLAINT)
    assert not {"paraphrase", "mirroring", "summary"} & set(a.techniques), a.techniques
    if "started it" in text:        # passing on the other side's accusation takes sides
        assert a.agitation_delta > 0


def test_restating_what_they_said_someone_told_them_is_still_a_paraphrase():
    a = analyze("So your landlord said you have to be out by Friday.",
                "My landlord said I have to be out by Friday or he calls the cops.")
    assert "paraphrase" in a.techniques


@pytest.mark.parametrize("text", ["He could stay at his brother's.", "Is that your sister's car?",
                                  "She went to her mom's after work."])
def test_a_family_place_named_in_passing_is_not_a_referral(text):
    assert "resource_referral" not in analyze(text).techniques


@pytest.mark.parametrize("text", ["you could stay at your sister's tonight",
                                  "he could stay with his brother tonight, or you could go to your sister's",
                                  "You two could spend the night at her mom's place."])
def test_a_place_to_stay_is_an_option(text):
    a = analyze(text)
    assert "offer_options" in a.techniques and "resource_referral" not in a.techniques


@pytest.mark.parametrize("text", ["Is there family I can call for you?", "Can your sister come and get you?",
                                  "Do you have a friend who can pick you up?"])
def test_family_as_a_source_of_help_is_still_a_referral(text):
    assert "resource_referral" in analyze(text).techniques


def test_alternatives_are_options_not_a_summary():
    ctx = "I don't want him here tonight but I don't want Eli to see any more of this."
    a = analyze("he could stay with his brother tonight, or you could go to your sister's", ctx)
    assert "offer_options" in a.techniques and "summary" not in a.techniques
    long = analyze("You could stay here with Eli and Kevin spends the night at his brother's, or you two "
                   "could go to your sister's. What feels right to you?", ctx)
    assert "offer_options" in long.techniques and "summary" not in long.techniques


@pytest.mark.parametrize("text", [
    "Has he ever put his hands on you?",
    "Did he hit you?",
    "Has your boyfriend ever threatened you?",
    "Are you afraid of him?",
    "Are you safe at home?",
    "Is anyone hurting you?",
])
def test_asking_directly_about_violence_is_a_crisis_inquiry(text):
    assert "crisis_inquiry" in analyze(text).techniques


def test_telling_about_violence_is_no_inquiry():
    assert "crisis_inquiry" not in analyze("He put his hands on the table.").techniques


@pytest.mark.parametrize("text", ["Do you want child services involved?",
                                  "Do you want me to call CPS? Because that's where this is going."])
def test_child_services_as_leverage_is_a_threat(text):
    a = analyze(text)
    assert "threat" in a.techniques and a.agitation_delta > 5


def test_officer_chen_greeting_is_not_sarcasm():
    a = analyze("Hi there, I'm Officer Chen from the police. I just want to make sure you're okay. "
                "What's happening?")
    assert not set(a.techniques) & NEGATIVE
    assert {"introduction", "open_question"} <= set(a.techniques)


def test_x_or_i_can_y_is_an_offer_not_an_ultimatum():
    a = analyze("You've got some choices here. We can keep talking here, or I can get someone from the "
                "crisis team to come and talk with you. What would you prefer?")
    assert "threat" not in a.techniques and "offer_options" in a.techniques
    assert a.agitation_delta < 0
    # "keep talking" as an order is still a threat
    assert "threat" in analyze("Keep talking and see what happens.").techniques


def test_what_im_hearing_is_a_paraphrase_not_a_dismissal():
    a = analyze("So what I'm hearing is you've been dealing with this alone for a while and it's exhausting.")
    assert "paraphrase" in a.techniques and "dismissal" not in a.techniques


@pytest.mark.parametrize("text", ["Sounds like you feel nobody takes you seriously.",
                                  "It sounds like you feel like no one listens to you."])
def test_feeling_unheard_is_labelled(text):
    assert {"emotion_label", "paraphrase"} & set(analyze(text).techniques)


# Skilled, natural officer talk must not carry a negative technique: the subject
# would escalate at a good reply.
SKILLED = [
    ("I'm not here because anyone thinks you're crazy. Your mom's worried about you.", None),
    ("Ten years, and now you feel like you're being treated like a criminal. That would upset me too.", None),
    ("That sounds terrifying, and you did the right thing calling. Let's step over to my car where it's "
     "just us.", None),
    ("You paid and you feel like you're being pushed out. I get that.",
     "I'm not going anywhere, I paid for my drinks!"),
    ("You're right, I don't. I'd like to understand, though.", "You people don't know what I've been through!"),
    ("Thank you for telling me that. That took a lot of courage, and none of this is your fault.", None),
    ("I have to ask, and I ask everyone: has he ever hurt you? Are you safe here tonight?", None),
    ("We could have him stay at his brother's, or help you and Eli get to your sister's. It's up to you.",
     None),
    ("I know you're not hurting anyone. The business owner asked us to come by.",
     "Every day you guys hassle me. I'm not hurting anyone."),
    ("Three weeks without a decent night's sleep would wear anybody down.", None),
    ("So if I'm hearing you right, you feel like nobody is listening to you and things have been piling up.",
     None),
    ("Sir, it's just fireworks. You're safe.", None),
]


@pytest.mark.parametrize("text,context", SKILLED)
def test_skilled_officer_talk_has_no_negative_technique(text, context):
    a = analyze(text, context)
    assert not set(a.techniques) & NEGATIVE, a.techniques
    assert a.agitation_delta < 0


@pytest.mark.parametrize("text,technique", [
    ("If you don't calm down, I'll have you removed from school property.", "threat"),
    ("Keep your hands on the wheel or this goes badly.", "threat"),
    ("Keep this up and you'll never see them again.", "threat"),
    ("You're going whether you like it or not.", "threat"),
    ("Rules are rules, ma'am.", "dismissal"),
    ("Tell it to the judge.", "dismissal"),
    ("He's probably just trying to get attention.", "dismissal"),
    ("You're fine, quit freaking out.", "dismissal"),
    ("Honestly, you're acting crazy right now.", "insult"),
    ("Beat it, punks.", "insult"),
    ("Should have thought about that before you took it.", "argument"),
    ("Well, you must have known he was using.", "argument"),
    ("Maybe if you watched her she wouldn't run.", "argument"),
    ("The camera footage says otherwise.", "argument"),
    ("You can't yell at the staff like that.", "command"),
    ("License and registration.", "command"),
    ("I'll ask the questions.", "command"),
])
def test_unskilled_talk_is_caught(text, technique):
    assert technique in analyze(text).techniques


def test_a_stated_duty_is_explained_not_threatened():
    a = analyze("That's really frustrating if it was paid. I have to take you in tonight, but I'll make a "
                "note that you say it's paid.", "This is bull! That was paid off months ago!")
    assert "threat" not in a.techniques and "explanation" in a.techniques
    assert "threat" in analyze("If you don't leave, I'll have to arrest you.").techniques


@pytest.mark.parametrize("text", ["Thanks, Marcus,", "him,", "Look, Marcus, listen. Thanks,", "Marcus,",
                                  "ok, ok,", "Hey, Dana, you there? Dana,"])
def test_a_sentence_ending_on_a_comma_after_a_name_is_analysed(text):
    """Found while splitting the analyzer: a vocative skipped past the end of its sentence."""
    a = analyze(text)
    assert all(text[d.start:d.end] == d.text for d in a.detections)
