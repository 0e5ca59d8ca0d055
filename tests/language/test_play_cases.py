"""Replies written from play, the way recruits type them (fragments, typos, a caring sentence
with one hard one), before the detectors were changed for them: each poor reply is read as what
it is and raises agitation; the kind replies that share its words are not mistaken for it.
These cases are tuned on (see tests/data/CHECK_SETS.md for the sets nobody tuned on)."""

from __future__ import annotations

import pytest

from simulator.language import analyze

CONTEXT = "Leave me alone! You don't understand, none of you do!"

#: (reply, a technique it must show, techniques it must not show)
POOR = [
    ("you're embarassing yourself in front of everyone", "insult", {"emotion_label"}),
    ("you're making a fool of yourself", "insult", set()),
    ("honestly this is a waste of police time", "dismissal", set()),
    ("i'm not your friend, i'm here to do a job", "power_talk", set()),
    ("whats your DOB and do you have ID on you", "closed_question", {"open_question"}),
    ("You don't look sick to me, you look drunk.", "argument", set()),
    ("If you'd just listened to your wife none of this would be happening.", "blaming_why", set()),
    ("you've got two choices: walk out with me or get carried out", "threat", set()),
    ("Seriously? You called us for this?", "dismissal", set()),
    ("He's not worth crying over, trust me", "dismissal", set()),
    ("Nobody's going to listen to you if you keep screaming like that.", "dismissal", set()),
    ("quit acting like a baby", "insult", set()),
]

#: kind replies that share the poor ones' words: none of the poor readings, and they calm
GOOD = [
    ("hey, I'm not here to waste your time, I just want to make sure you're ok", {"dismissal"}),
    ("you're not embarrassing yourself, honestly, lots of people have nights like this", {"insult"}),
    ("it's not a waste of time to talk this through, take as long as you need", {"dismissal"}),
    ("you look really tired. when did you last eat something?", {"argument"}),
    ("You called us because you were worried about him, and that was the right thing to do.", {"dismissal"}),
    ("sounds like you've had people treat you like a child all day, that's not fair", {"insult"}),
    ("It sounds frustrating that people keep assuming you're drunk.", {"argument", "insult"}),
    ("you're embarrassed, I get it. It happens to everyone.", {"insult"}),
]


@pytest.mark.parametrize(("reply", "shows", "not_shown"), POOR, ids=[r for r, _, _ in POOR])
def test_a_poor_reply_is_read_as_what_it_is_and_raises_agitation(reply, shows, not_shown):
    result = analyze(reply, CONTEXT)
    assert shows in result.techniques
    assert not (not_shown & set(result.techniques))
    if shows != "closed_question":  # a plain request for ID is not a provocation, only not an open question
        assert result.agitation_delta > 0


@pytest.mark.parametrize(("reply", "not_shown"), GOOD, ids=[r for r, _ in GOOD])
def test_a_kind_reply_with_the_same_words_is_not_mistaken_and_calms(reply, not_shown):
    result = analyze(reply, CONTEXT)
    assert not (not_shown & set(result.techniques)), result.techniques
    assert result.agitation_delta < 0


@pytest.mark.parametrize(("reply", "kind"), [
    ("how many did you take", "closed_question"),
    ("how long have you been out here", "closed_question"),
    ("how much did you drink tonight", "closed_question"),
    ("how long it takes is up to you", None),
])
def test_a_how_many_question_typed_without_its_question_mark_is_still_asked(reply, kind):
    questions = {"open_question", "closed_question"} & set(analyze(reply).techniques)
    assert questions == ({kind} if kind else set())


@pytest.mark.parametrize(("reply", "insult"), [
    ("what, are you deaf?", True),
    ("are you fucking deaf", True),
    ("I'm sorry, are you deaf?", False),
    ("oh, you're deaf. sorry. ill write on your pad", False),
    ("are you deaf or hard of hearing?", False),
])
def test_asking_whether_someone_is_deaf_is_an_insult_only_when_it_sneers(reply, insult):
    """Found writing the deaf-driver scene: the sincere question is how an officer checks."""
    assert ("insult" in analyze(reply).techniques) is insult


@pytest.mark.parametrize(("reply", "shows", "not_shown"), [
    ("can you put it down please", "polite_request", "command"),
    ("could you put the knife down for me, please?", "polite_request", "command"),
    ("how about you put the knife down on the road for me", "polite_request", "command"),
    ("I'm just gonna stay over here, ok? I'm not coming any closer.", "explanation", "command"),
    ("will you shut up please", "command", "polite_request"),
    ("get over here, ok?", "command", "polite_request"),
])
def test_a_request_or_the_officers_own_plan_is_not_an_order(reply, shows, not_shown):
    """Found writing the knife scene: a recruit asks for the knife, and says where they will stay."""
    techniques = analyze(reply).techniques
    assert shows in techniques and not_shown not in techniques


@pytest.mark.parametrize(("reply", "question"), [
    ("have a good night", False),
    ("have a safe drive home", False),
    ("have you had anything to drink", True),
    ("have a drink tonight?", True),
])
def test_a_goodbye_is_not_a_question(reply, question):
    """Found writing the deaf-driver scene: 'have a good night' drew an off-topic answer."""
    asked = {"open_question", "closed_question"} & set(analyze(reply).techniques)
    assert bool(asked) is question
