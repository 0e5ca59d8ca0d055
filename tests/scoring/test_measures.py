"""Each measure kind on hand-built event logs, edge cases included."""

from __future__ import annotations

import pytest

from simulator.scoring import score_transcript
from tests.scoring.eventlog import EventLog, rubric

COACH = "    coaching: Do better.\n"


def crit(body: str) -> str:
    """One criterion, YAML indented under 'criteria:'."""
    lines = ["  - id: c", "    title: C"] + ["    " + line for line in body.strip().splitlines()]
    return "\n".join(lines) + "\n" + COACH


def result(tmp_path, body: str, log: EventLog, head: str = ""):
    r = rubric(tmp_path, crit(body), head=head)
    report = score_transcript(log.events, [r])
    return report.rubrics[0].criteria[0]


# count ----------------------------------------------------------------------------------
COUNT_LABELS = "measure: count\ntechniques: [emotion_label]\nat_least: 2"


def test_count_gives_a_proportional_share_and_cites_the_words(tmp_path):
    log = EventLog().say("You sound scared. What happened?", ("emotion_label", "You sound scared"),
                         "open_question").end()
    c = result(tmp_path, COUNT_LABELS, log)
    assert c.score == pytest.approx(0.5)
    [e] = c.evidence
    assert (e.turn, e.name, e.text, e.span) == (1, "emotion_label", "You sound scared", (0, 16))
    assert c.coaching == "Do better." and c.to_dict()["coaching"] == "Do better."


def test_count_full_marks_at_target_and_no_coaching(tmp_path):
    log = (EventLog().say("You sound scared.", "emotion_label").say("That sounds frightening.", "emotion_label")
           .end())
    c = result(tmp_path, COUNT_LABELS, log)
    assert c.score == 1.0 and c.met and c.to_dict()["coaching"] is None


def test_count_with_no_turns_is_zero(tmp_path):
    c = result(tmp_path, COUNT_LABELS, EventLog().end("abandoned"))
    assert c.score == 0.0 and c.evidence == []


def test_a_repeated_line_earns_nothing_new(tmp_path):
    line = "I can see you're really scared right now."
    log = EventLog()
    for i in range(5):
        log.say(line, "emotion_label", repeated=i)
    c = result(tmp_path, COUNT_LABELS, log.end("abandoned"))
    assert c.score == pytest.approx(0.5)
    assert [e.counted for e in c.evidence] == [True, False, False, False, False]
    # ...unless the rubric says repeats count
    c = result(tmp_path, COUNT_LABELS, log, head="count_repeated_lines: true\n")
    assert c.score == 1.0


def test_count_distinct_counts_different_skills_and_actions(tmp_path):
    body = "measure: count\ndistinct: true\ntechniques: [listening]\nactions: [pause]\nat_least: 4"
    log = (EventLog().say("You sound scared.", "emotion_label").say("You sound upset.", "emotion_label")
           .say("Tell me more.", "open_question").act("pause").end())
    c = result(tmp_path, body, log)
    assert c.score == pytest.approx(3 / 4)
    assert sorted(e.name for e in c.evidence) == ["emotion_label", "open_question", "pause"]


# ratio ----------------------------------------------------------------------------------
RATIO = ("measure: ratio\nnumerator: [reflections]\ndenominator: [questions]\nfair: 1\ngood: 2\n"
         "fair_score: 0.7\nmin_turns: 2\ndenominator_except: [crisis_inquiry]")


def ratio_log(reflections: int, questions: int) -> EventLog:
    log = EventLog()
    for i in range(reflections):
        log.say(f"So you're saying {i}.", "paraphrase")
    for i in range(questions):
        log.say(f"What happened {i}?", "open_question")
    return log.end()


@pytest.mark.parametrize("refl, q, expected", [
    (4, 2, 1.0),        # 2:1 good
    (6, 2, 1.0),        # better than good is still full marks
    (2, 2, 0.7),        # 1:1 fair
    (3, 2, 0.85),       # half way between fair and good
    (1, 2, 0.35),       # below fair: proportional share of the fair score
    (0, 3, 0.0),        # only questions
])
def test_ratio_is_fair_at_one_to_one_and_full_at_two_to_one(tmp_path, refl, q, expected):
    assert result(tmp_path, RATIO, ratio_log(refl, q)).score == pytest.approx(expected)


def test_ratio_with_no_questions_and_no_reflections_is_zero_not_full(tmp_path):
    log = EventLog().say("ok", "minimal_encourager").say("I see", "minimal_encourager").end("left")
    c = result(tmp_path, RATIO, log)
    assert c.score == 0.0 and "no reflections" in c.observed


def test_ratio_with_reflections_only_needs_enough_turns(tmp_path):
    one = result(tmp_path, RATIO, ratio_log(1, 0))
    three = result(tmp_path, RATIO, ratio_log(3, 0))
    assert one.score == pytest.approx(0.35)  # 1:0 counts as 1:1, and one turn is half the evidence needed
    assert three.score == 1.0


def test_ratio_leaves_direct_crisis_questions_out_of_the_questions(tmp_path):
    log = (EventLog().say("You sound scared.", "emotion_label")
           .say("Are you thinking of killing yourself?", "closed_question", "crisis_inquiry")
           .say("So it's the voices.", "paraphrase").end())
    c = result(tmp_path, RATIO, log)
    assert c.score == 1.0 and "2 turns with reflections to 0" in c.observed


SHARE = "measure: ratio\nnumerator: [open_question]\ndenominator: [questions]\nfair: 0.5\ngood: 0.5\nfair_score: 1"


def test_share_of_open_questions(tmp_path):
    log = (EventLog().say("What happened?", "open_question").say("Are you ok?", "closed_question")
           .say("Is he here?", "closed_question").say("Did you eat?", "closed_question").end())
    c = result(tmp_path, SHARE, log)
    assert c.score == pytest.approx(0.5) and "1 of 4" in c.observed
    log = EventLog().say("What happened?", "open_question").say("Are you ok?", "closed_question").end()
    assert result(tmp_path, SHARE, log).score == 1.0


def test_share_with_no_questions_at_all_is_zero(tmp_path):
    log = EventLog().say("You sound scared.", "emotion_label").end()
    c = result(tmp_path, SHARE, log)
    assert c.score == 0.0 and c.observed == "no questions"


# within_turns -----------------------------------------------------------------------------
WITHIN = "measure: within_turns\ntechniques: [introduction]\nturns: 2\nlate_credit: 0.5"


def test_within_turns_on_time_late_and_never(tmp_path):
    intro = "I'm Officer Reyes."
    on_time = EventLog().say("Hello.").say(intro, "introduction").end()
    late = EventLog().say("Hello.").say("Hi.").say(intro, "introduction").end()
    never = EventLog().say("Hello.").end()
    assert result(tmp_path, WITHIN, on_time).score == 1.0
    c = result(tmp_path, WITHIN, late)
    assert c.score == 0.5 and c.evidence[0].turn == 3
    assert result(tmp_path, WITHIN, never).score == 0.0
    assert result(tmp_path, WITHIN, EventLog().end("abandoned")).score == 0.0


# absent -----------------------------------------------------------------------------------
ABSENT = "measure: absent\ntechniques: [insult]\npenalty: 0.5\nmin_engaged_turns: 3"


def engaged(n: int) -> EventLog:
    log = EventLog()
    for i in range(n):
        log.say(f"Tell me about it {i}.", "open_question")
    return log


def test_absent_full_marks_only_for_an_engaged_officer(tmp_path):
    assert result(tmp_path, ABSENT, engaged(3).end()).score == 1.0
    c = result(tmp_path, ABSENT, engaged(1).end())
    assert c.score == pytest.approx(1 / 3) and "you had 1, so it counts 33%" in c.note


def test_absent_gives_a_silent_or_passive_officer_nothing(tmp_path):
    passive = EventLog()
    for _ in range(10):
        passive.say("ok", "minimal_encourager")
    assert result(tmp_path, ABSENT, passive.end("left")).score == 0.0
    assert result(tmp_path, ABSENT, EventLog().end("abandoned")).score == 0.0


def test_each_insult_costs_and_is_cited(tmp_path):
    log = engaged(3).say("You're an idiot.", ("insult", "idiot")).end()
    c = result(tmp_path, ABSENT, log)
    assert c.score == pytest.approx(0.5)
    assert [(e.turn, e.text) for e in c.evidence] == [(4, "idiot")]
    log.events.pop()  # reopen: two more insults
    log.say("Idiot.", ("insult", "Idiot"), repeated=1).say("Moron.", ("insult", "Moron")).end()
    assert result(tmp_path, ABSENT, log).score == 0.0  # repeated negatives still count


def test_absent_allows_some(tmp_path):
    body = ABSENT + "\nallowed: 1"
    assert result(tmp_path, body, engaged(3).say("Idiot.", "insult").end()).score == 1.0


# cue_recognised ---------------------------------------------------------------------------
CUES = "measure: cue_recognised\nwithin: 2\nlate_credit: 0.5"


def test_cues_recognised_on_time_late_and_never(tmp_path):
    log = (EventLog().cue("voices", "psychosis").say("Hi.").cue("no-sleep", "psychosis")
           .say("Are you hearing voices?", recognises=("voices",))
           .say("Hm.").say("Hm.").say("Have you slept?", recognises=("no-sleep",)).end())
    c = result(tmp_path, CUES, log)
    # voices: shown at 0, recognised at 2 (on time); no-sleep: shown at 1, recognised at 5 (late)
    assert c.score == pytest.approx((1.0 + 0.5) / 2)
    assert {e.name: e.turn for e in c.evidence} == {"voices": 2, "no-sleep": 5}
    never = EventLog().cue("voices", "psychosis").say("Hi.").say("Hm.").end()
    assert result(tmp_path, CUES, never).score == 0.0


def test_a_cue_never_shown_makes_the_criterion_not_applicable(tmp_path):
    body = CUES + "\nkinds: [suicidality]"
    log = EventLog().cue("voices", "psychosis").say("Hi.").end()
    r = rubric(tmp_path, crit(body) + crit(COUNT_LABELS).replace("id: c", "id: d"))
    report = score_transcript(log.events, [r])
    cue, _labels = report.rubrics[0].criteria
    assert cue.score is None and not cue.applicable and cue.to_dict()["coaching"] is None
    # the weight of a criterion that does not apply is left out of the percentage
    log2 = EventLog().say("You sound scared.", "emotion_label").say("You seem upset.", "emotion_label").end()
    assert score_transcript(log2.events, [r]).rubrics[0].percent == 100.0


def test_a_cue_shown_in_the_last_turn_is_not_held_against_the_officer(tmp_path):
    log = EventLog().say("Hi.").cue("voices", "psychosis").end("timed_out")
    assert result(tmp_path, CUES, log).score is None


# adapted_after_cue ------------------------------------------------------------------------
ADAPTED = "measure: adapted_after_cue\nmax_sentence_words: 8\nmin_engaged_turns: 2"


def test_adapted_after_cue_rewards_no_commands_and_short_sentences(tmp_path):
    good = (EventLog().say("Get down now!", "command").cue("voices", "psychosis")
            .say("You sound scared.", "emotion_label").say("Tell me what you hear.", "open_question").end())
    c = result(tmp_path, ADAPTED, good)
    assert c.score == 1.0 and "before it: 1 of 1" in c.observed
    bad = (EventLog().cue("voices", "psychosis").say("Sit down now.", ("command", "Sit down"))
           .say("You sound scared and I want you to know that I am here to help you today.",
                "emotion_label").say("Tell me.", "open_question").end())
    c = result(tmp_path, ADAPTED, bad)
    assert c.score == pytest.approx(0.5 * (2 / 3) + 0.5 * (2 / 3))
    assert {e.turn for e in c.evidence} == {1, 2}


def test_adapted_after_cue_needs_engagement_and_a_cue(tmp_path):
    passive = EventLog().cue("voices", "psychosis").say("ok", "minimal_encourager").say("ok", "minimal_encourager")
    assert result(tmp_path, ADAPTED, passive.end("left")).score == 0.0
    assert result(tmp_path, ADAPTED, EventLog().say("Hi.").end()).score is None


# action_when_agitated ---------------------------------------------------------------------
DISTANCE = "measure: action_when_agitated\nactions: [step-back, cover]\nagitation_at_least: 45\nlate_credit: 0.5"


def test_distance_while_agitated_later_or_never(tmp_path):
    assert result(tmp_path, DISTANCE, EventLog(60).act("step-back").end()).score == 1.0
    late = EventLog(60).say("You sound scared.", "emotion_label", delta=-30).act("cover").end()
    c = result(tmp_path, DISTANCE, late)
    assert c.score == 0.5 and c.evidence[0].turn == 2
    assert result(tmp_path, DISTANCE, EventLog(60).say("Hi.").end()).score == 0.0
    assert result(tmp_path, DISTANCE, EventLog(60).end("abandoned")).score == 0.0  # no turns


def test_distance_not_applicable_when_calm_or_not_offered(tmp_path):
    assert result(tmp_path, DISTANCE, EventLog(15).say("Hi.").end()).score is None
    assert result(tmp_path, DISTANCE, EventLog(80, actions=["pause", "end"]).say("Hi.").end()).score is None


# reassessed_after_change ------------------------------------------------------------------
REASSESS = "measure: reassessed_after_change\nrise_at_least: 10\nwithin: 2"


def test_after_a_turn_that_made_things_worse_listening_or_space_is_re_assessing(tmp_path):
    listened = (EventLog(50).say("Calm down.", "dismissal", delta=14)
                .say("Okay.").say("You sound really frustrated.", "emotion_label", delta=-6).end())
    c = result(tmp_path, REASSESS, listened)
    assert c.score == 1.0 and [e.turn for e in c.evidence] == [1, 3]
    spaced = EventLog(50).say("Calm down.", "dismissal", delta=14).act("step-back").end()
    assert result(tmp_path, REASSESS, spaced).score == 1.0


def test_pressing_on_after_things_got_worse_earns_nothing(tmp_path):
    pressed = (EventLog(50).say("Calm down.", "dismissal", delta=14)
               .say("Sit down.", "command", delta=6).say("I said sit down.", "command", delta=8)
               .say("You sound scared.", "emotion_label", delta=-6).end())
    c = result(tmp_path, REASSESS, pressed)
    assert c.score == 0.0 and "pressed on" in c.observed  # the label came three turns later


def test_re_assessing_is_not_judged_when_nothing_got_worse(tmp_path):
    assert result(tmp_path, REASSESS, EventLog(50).say("Hi.", delta=2).say("Okay.", delta=-3).end()).score is None


# outcome ----------------------------------------------------------------------------------
OUTCOME = "measure: outcome\noutcomes: [resolved, referred]\npartial: {timed_out: 0.25}"


@pytest.mark.parametrize("outcome, expected", [("resolved", 1.0), ("referred", 1.0), ("timed_out", 0.25),
                                               ("escalated", 0.0), ("abandoned", 0.0)])
def test_outcome_in_a_set_with_part_credit(tmp_path, outcome, expected):
    assert result(tmp_path, OUTCOME, EventLog().say("Hi.").end(outcome)).score == expected


def test_a_session_without_an_end_earns_no_outcome_credit(tmp_path):
    c = result(tmp_path, OUTCOME, EventLog().say("Hi."))
    assert c.score == 0.0 and "no end" in c.observed


# agitation_change -------------------------------------------------------------------------
CHANGE = "measure: agitation_change\ndrop_at_least: 20\nor_end_below: 20"


def test_agitation_change_full_partial_rise_and_no_turns(tmp_path):
    assert result(tmp_path, CHANGE, EventLog(70).say("a", delta=-25).end()).score == 1.0
    assert result(tmp_path, CHANGE, EventLog(70).say("a", delta=-10).end()).score == pytest.approx(0.5)
    assert result(tmp_path, CHANGE, EventLog(70).say("a", delta=+15).end()).score == 0.0
    assert result(tmp_path, CHANGE, EventLog(25).say("a", delta=-10).end()).score == 1.0  # ends calm
    assert result(tmp_path, CHANGE, EventLog(10).end("abandoned")).score == 0.0


# grounded reflections -------------------------------------------------------------------
def test_a_reflection_below_the_rubrics_grounding_floor_is_not_counted(tmp_path):
    log = (EventLog()
           .say("So things have been really hard.", "paraphrase", grounding={"paraphrase": 0.0})
           .say("So the lights are recording you.", "paraphrase", grounding={"paraphrase": 1.0})
           .say("You sound angry.", "emotion_label", grounding={"emotion_label": 0.0})
           .end())
    body = "measure: count\ntechniques: [reflections]\nat_least: 3"
    strict = result(tmp_path, body, log, head="min_grounding: 0.5\n")
    assert strict.score == pytest.approx(1 / 3)
    notes = {e.turn: e.note for e in strict.evidence if not e.counted}
    assert "not grounded" in notes[1] and "did not show" in notes[3]
    assert result(tmp_path, body, log).score == pytest.approx(1.0)  # no floor: as before


def test_a_transcript_without_grounding_counts_reflections_as_before(tmp_path):
    log = EventLog().say("So things have been really hard.", "paraphrase").end()
    c = result(tmp_path, "measure: count\ntechniques: [reflections]\nat_least: 1", log, head="min_grounding: 0.5\n")
    assert c.score == 1.0


def test_protocol_questions_are_left_out_of_the_reflections_ratio(tmp_path):
    log = (EventLog()
           .say("So the lights scare you.", "paraphrase", grounding={"paraphrase": 1.0})
           .say("Are you thinking of killing yourself?", "closed_question", asks=("suicide", "safety", "honest"))
           .say("Do you have a plan?", "closed_question", asks=("plan", "safety", "honest"))
           .say("Do you like the library?", "closed_question")
           .end())
    body = "measure: ratio\nnumerator: [reflections]\ndenominator: [questions]\nfair: 1\ngood: 2\nmin_turns: 1"
    plain = result(tmp_path, body, log)
    protocol = result(tmp_path, body + "\nexcept_protocol: [safety, medical]", log)
    assert plain.observed.startswith("1 turn with reflections to 3 with questions")
    assert protocol.observed.startswith("1 turn with reflections to 1 with questions")
    assert protocol.score > plain.score


# topics asked ---------------------------------------------------------------------------
TOPICS = [{"id": "voices", "kind": "psychosis", "cue": "voices"},
          {"id": "suicide", "kind": "safety", "cue": "despair"},
          {"id": "sleep", "kind": "", "cue": None}]
ASKED = "measure: topics_asked\nwithin: 3"


def test_each_question_a_shown_cue_calls_for_counts_when_asked_in_time_and_answered(tmp_path):
    log = (EventLog(topics=TOPICS).cue("voices", "psychosis").cue("despair", "suicidality")
           .say("What are the voices saying?", "open_question", asks=("voices", "psychosis", "honest"))
           .say("Hm.").say("Hm.").say("Hm.")
           .say("Are you thinking of killing yourself?", "closed_question", asks=("suicide", "safety", "withheld"))
           .end())
    c = result(tmp_path, ASKED, log)
    # voices: on time and heard (1); suicide: late (0.5) and not heard (x0.5)
    assert c.score == pytest.approx((1.0 + 0.25) / 2)
    assert "suicide at turn 5 (withheld answer)" in c.observed


def test_a_cue_blind_officer_scores_nothing_and_no_cue_means_not_applicable(tmp_path):
    blind = EventLog(topics=TOPICS).cue("voices", "psychosis").say("You sound scared.", "emotion_label").say("Hm.")
    assert result(tmp_path, ASKED, blind.end()).score == 0.0
    assert result(tmp_path, ASKED, EventLog(topics=TOPICS).say("Hi.").end()).score is None
    assert result(tmp_path, ASKED, EventLog().cue("voices", "psychosis").say("Hi.").end()).score is None


# help called ----------------------------------------------------------------------------
HELP = """measure: help_called
within: 3
services:
  - kinds: [medical]
    actions: [call-ems]
  - kinds: [domestic-violence]
    techniques: [resource_referral]"""


def test_the_help_a_crisis_calls_for_counts_in_time_and_late_for_half(tmp_path):
    on_time = EventLog().cue("sugar", "medical").say("Hi.").act("call-ems").end()
    assert result(tmp_path, HELP, on_time).score == 1.0
    late = EventLog().cue("sugar", "medical").say("a").say("b").say("c").say("d").act("call-ems").end()
    assert result(tmp_path, HELP, late).score == 0.5
    never = EventLog().cue("sugar", "medical").say("a").act("call-backup").end()
    assert result(tmp_path, HELP, never).score == 0.0
    none = EventLog().say("a").end()
    assert result(tmp_path, HELP, none).score is None


def test_an_offer_in_words_is_the_help_for_a_domestic_call(tmp_path):
    log = (EventLog().cue("bruise", "domestic-violence")
           .say("There's an advocate who can help you tonight.", "resource_referral").end())
    assert result(tmp_path, HELP, log).score == 1.0


# listening first ------------------------------------------------------------------------
FIRST = "measure: listening_first\nat_least: 2"


def test_advice_before_listening_loses_what_listening_was_missing(tmp_path):
    early = EventLog().say("You should go home.", "advice").end()
    assert result(tmp_path, FIRST, early).score == 0.0
    half = EventLog().say("What happened?", "open_question").say("You should go home.", "advice").end()
    assert result(tmp_path, FIRST, half).score == 0.5
    good = (EventLog().say("What happened?", "open_question").say("So he left you.", "paraphrase")
            .say("You could stay at your sister's.", "offer_options").end())
    assert result(tmp_path, FIRST, good).score == 1.0
    assert result(tmp_path, FIRST, EventLog().say("What happened?", "open_question").end()).score is None
