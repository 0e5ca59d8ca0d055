"""Key moments and the agitation sparkline."""

from __future__ import annotations

from simulator.debrief import key_moments, sparkline
from simulator.transcripts import session_log
from tests.scoring.eventlog import EventLog


def test_sparkline_uses_a_fixed_scale():
    assert sparkline([0, 12.4, 12.5, 50, 99, 100]) == "▁▁▂▅██"
    assert sparkline([]) == ""
    assert sparkline([-5, 150]) == "▁█"  # clamped


def test_three_largest_rises_and_falls_with_the_reply_behind_each():
    log = EventLog(50)
    for text, delta in [("a", +5), ("b", -10), ("c", +12), ("d", -2), ("e", +5), ("f", -20), ("g", +1),
                        ("h", -10)]:
        log.say(text, delta=delta, reply=f"reply to {text}")
    rises, falls = key_moments(session_log(log.end().events))
    assert [(m.turn, m.delta) for m in rises] == [(3, 12), (1, 5), (5, 5)]  # ties: earlier first
    assert [(m.turn, m.delta) for m in falls] == [(6, -20), (2, -10), (8, -10)]
    assert rises[0].said == "c" and rises[0].reply == "reply to c"
    assert (rises[0].before, rises[0].after) == (45, 57)


def test_actions_are_moments_too_and_no_turns_means_none():
    log = EventLog(60).act("step-back", delta=-7).end()
    _, falls = key_moments(session_log(log.events))
    assert falls[0].said == "/step-back" and falls[0].delta == -7
    assert key_moments(session_log(EventLog().end("abandoned").events)) == ([], [])


def test_flat_turns_are_neither_rises_nor_falls():
    log = EventLog(40).say("a").say("b").end()
    assert key_moments(session_log(log.events)) == ([], [])
