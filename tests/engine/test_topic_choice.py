"""When one question matches several topics' phrases on the same words, the best match answers, not
the earliest: the one that finds more of its phrase's meaning (a word in another form than written
counts half), then the exact over the fuzzy. Two questions in one reply still ask two topics."""

from __future__ import annotations

from simulator.engine.topics import TopicFinder
from simulator.language import Analyzer
from simulator.scenario.model import Answer, Topic


def _topic(id_: str, phrases: list[str]) -> Topic:
    return Topic(id=id_, title=id_, phrases=phrases, answers=[Answer(kind="honest", lines=["Yes."])])


FINDER = TopicFinder([
    _topic("injury", ["are you hurt", "the cut", "bleeding"]),
    _topic("self-harm", ["hurt yourself", "cutting", "how you cope"]),
    _topic("other-means", ["anything on you"]),
])


def _asked(text: str) -> list[str]:
    return [a.topic.id for a in FINDER.asked(text, Analyzer().analyze(text))]


def test_an_exact_phrase_beats_an_earlier_fuzzy_one():
    # "have you hurt" is only near "are you hurt"; "hurt yourself" is said as written
    assert _asked("Have you hurt yourself before?") == ["self-harm"]


def test_the_phrase_as_written_beats_an_earlier_other_form():
    # "the cutting" is "the cut" inflected; "cutting" is the self-harm phrase itself
    assert _asked("Is the cutting something you do a lot?") == ["self-harm"]


def test_more_of_a_phrase_in_another_form_beats_less_of_one_as_written():
    finder = TopicFinder([_topic("weapons", ["gun"]), _topic("secure-gun", ["take the gun"])])
    text = "Would it be okay if I took the gun with me tonight?"
    assert [a.topic.id for a in finder.asked(text, Analyzer().analyze(text))] == ["secure-gun"]


def test_two_questions_in_one_reply_still_ask_two_topics():
    assert _asked("Are you hurt, and do you have anything on you?") == ["injury", "other-means"]
    assert _asked("Is the cut bleeding? Is that how you cope?") == ["injury", "self-harm"]
