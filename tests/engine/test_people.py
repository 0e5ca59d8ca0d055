"""Scenes with several people (issue 15, point 1): addressing, each person's own state, what
the others make of a reply, unprompted lines, the partner's tasks and one voice."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.authoring.walkthroughs import run_walkthroughs
from simulator.engine import Session
from simulator.scenario import load_scenario
from simulator.transcripts.log import session_log

SCENE = Path(__file__).resolve().parents[1] / "data" / "scenarios" / "two-neighbours.yaml"


@pytest.fixture(scope="module")
def scene():
    return load_scenario(SCENE)


def play(scene, seed: int = 1, partner: str = "steady") -> tuple[Session, list]:
    session = Session(scene, seed=seed, variant={"partner": partner})
    return session, session.start()


def of(events, kind: str) -> list:
    return [e for e in events if e.event == kind]


def levels(session: Session, person: str) -> float:
    return session.people_levels()[person][0]


def test_started_lists_the_people_and_the_partner_so_programs_can_address_them(scene):
    _, events = play(scene)
    started = events[0]
    assert [(p.id, p.name) for p in started.people] == [("diaz", "Mrs Diaz"), ("holt", "Gary Holt")]
    assert started.partner.name == "Officer Reyes" and "take-aside" in started.partner.tasks
    opening = of(events, "subject")
    assert [(e.person, e.to) for e in opening] == [("diaz", "officer"), ("holt", "officer")]


def test_the_first_person_is_addressed_until_someone_else_is(scene):
    session, _ = play(scene)
    events = session.reply("It sounds like you've had a really long night.")
    assert of(events, "analysis")[0].to == "diaz" and not of(events, "addressed")
    assert of(events, "subject")[0].person == "diaz"


def test_at_name_addresses_them_and_is_not_part_of_what_was_said(scene):
    session, _ = play(scene)
    events = session.reply("@holt It sounds like you're frustrated.")
    assert [(e.person, e.how) for e in of(events, "addressed")] == [("holt", "at")]
    analysis = of(events, "analysis")[0]
    assert analysis.to == "holt" and analysis.text == "It sounds like you're frustrated."
    assert of(events, "subject")[0].person == "holt"
    # the last person addressed stays addressed
    later = session.reply("What are you celebrating tonight?")
    assert of(later, "analysis")[0].to == "holt" and of(later, "topic")[0].person == "holt"


def test_their_name_in_the_first_words_addresses_them_but_a_mention_later_does_not(scene):
    session, _ = play(scene)
    events = session.reply("Okay Gary, what's going on tonight?")
    assert [(e.person, e.how) for e in of(events, "addressed")] == [("holt", "name")]
    events = session.reply("I spoke to your neighbour Mrs Diaz already.")
    assert not of(events, "addressed") and of(events, "analysis")[0].to == "holt"


def test_their_name_after_the_words_a_reply_opens_with_still_addresses_them(scene):
    session, _ = play(scene)
    events = session.reply("Okay, Gary, what's going on tonight?")
    assert [(e.person, e.how) for e in of(events, "addressed")] == [("holt", "name")]
    events = session.reply("Thanks. Mrs Diaz, how are you holding up?")
    assert [(e.person, e.how) for e in of(events, "addressed")] == [("diaz", "name")]
    events = session.reply("Alright, you're Gary, yes? Can you turn it down a bit?")
    assert [(e.person, e.how) for e in of(events, "addressed")] == [("holt", "name")]
    # past the opening words, a name later in the sentence is still only a mention
    events = session.reply("Okay. I spoke to your neighbour Mrs Diaz already.")
    assert not of(events, "addressed") and of(events, "analysis")[0].to == "holt"


def test_at_alone_and_talk_to_switch_without_using_a_turn(scene):
    session, _ = play(scene)
    assert [e.event for e in session.reply("@holt")] == ["addressed"] and session.turn == 0
    assert session.addressed == "holt"
    assert [e.person for e in session.reply("/talk-to diaz")] == ["diaz"] and session.turn == 0
    assert session.address("holt")[0].person == "holt" and session.turn == 0
    unknown = session.reply("@gerald hello")
    assert [e.event for e in unknown] == ["notice"] and "@diaz (Mrs Diaz)" in unknown[0].text
    assert session.addressed == "holt" and session.turn == 0


def test_taking_sides_raises_the_others_agitation_and_a_neutral_reply_does_not(scene):
    session, _ = play(scene)
    before = levels(session, "holt")
    neutral = session.reply("Mrs Diaz, it sounds like you're exhausted.")
    assert not of(neutral, "reaction") and levels(session, "holt") == before
    sided = session.reply("You're right, he's being completely unreasonable.")
    [reaction] = of(sided, "reaction")
    assert (reaction.person, reaction.cause, reaction.favoured) == ("holt", "sides", "diaz")
    assert reaction.agitation_delta == 12.0 and levels(session, "holt") == before + 12.0


def test_blaming_the_other_by_how_they_are_spoken_of_is_taking_sides_but_asking_is_not(scene):
    session, _ = play(scene)
    asked = session.reply("@holt Do you think your neighbour is being unreasonable?")
    assert not of(asked, "reaction")
    blamed = session.reply("Honestly, your neighbour is being unreasonable.")
    assert [(r.person, r.cause) for r in of(blamed, "reaction")] == [("diaz", "sides")]


def test_an_insult_to_one_raises_everyone_present_a_little(scene):
    session, _ = play(scene)
    before = levels(session, "holt")
    events = session.reply("Mrs Diaz, you're an idiot.")
    [reaction] = of(events, "reaction")
    assert (reaction.person, reaction.cause) == ("holt", "hostility")
    assert levels(session, "holt") == before + 4.0


def test_an_agitated_person_may_speak_up_once_a_turn_drawn_from_the_seed(scene):
    spoke = {}
    for seed in range(1, 9):
        session, _ = play(scene, seed=seed)
        events = session.reply("You're right, he's being unreasonable.")
        unprompted = [e for e in of(events, "subject") if e.unprompted]
        assert len(unprompted) <= 1
        spoke[seed] = [(e.person, e.to, e.text) for e in unprompted]
        again = Session(scene, seed=seed, variant={"partner": "steady"})
        again.start()
        assert [(e.person, e.to, e.text) for e in again.reply("You're right, he's being unreasonable.")
                if e.event == "subject" and e.unprompted] == spoke[seed]
    said = [x for x in spoke.values() if x]
    assert said and len(said) < len(spoke)  # some seeds, not all
    assert all(who == "holt" and to == "diaz" and text in (
        "Oh here we go again.", "She calls the police on everyone!") for [(who, to, text)] in said)


def test_partner_takes_someone_aside_who_then_neither_reacts_nor_speaks_up_and_eases(scene):
    session, _ = play(scene)
    session.reply("You're right, he's being unreasonable.")
    events = session.reply("/partner take-aside holt")
    [acted] = of(events, "partner")
    assert (acted.task, acted.person) == ("take-aside", "holt") and acted.agitation_delta < 0
    aside = levels(session, "holt")
    for _ in range(3):
        events = session.reply("You're right, he's being completely unreasonable.")
        assert not of(events, "reaction") and not [e for e in of(events, "subject") if e.unprompted]
    assert levels(session, "holt") < aside
    assert of(session.reply("@holt hello"), "notice")  # aside: bring them back first
    back = session.reply("/partner bring-back gary")
    assert of(back, "partner")[0].person == "holt"
    assert of(session.reply("You're right, he's being unreasonable."), "reaction")


def test_taking_aside_the_person_addressed_turns_the_recruit_to_the_other(scene):
    session, _ = play(scene)
    events = session.reply("/partner take-aside diaz")
    assert [(e.person, e.how) for e in of(events, "addressed")] == [("holt", "aside")]
    assert of(events, "subject")[-1].person == "holt"
    assert of(session.reply("/partner take-aside holt"), "notice")  # someone stays with you


def test_a_partner_task_not_offered_is_a_notice_and_uses_no_turn(scene):
    session, _ = play(scene)
    events = session.reply("/partner cover")
    assert [e.event for e in events] == ["notice"] and "/partner take-aside <person>" in events[0].text
    assert session.turn == 0


def test_two_officers_talking_at_once_raises_everyone_until_the_partner_is_told_to_wait(scene):
    session, _ = play(scene, partner="eager")
    before = {p: levels(session, p) for p in ("diaz", "holt")}
    events = session.reply("/talk-to holt")  # switching is not talking
    assert not of(events, "partner")
    events = session.reply("@diaz Tell me what's been happening tonight.")
    assert of(events, "partner")[0].task == "talk-over"
    voices = of(events, "reaction")
    assert {(r.person, r.cause, r.agitation_delta) for r in voices} == {("diaz", "one_voice", 7.0),
                                                                      ("holt", "one_voice", 7.0)}
    assert levels(session, "holt") == before["holt"] + 7.0
    session.reply("/partner wait")
    assert not of(session.reply("Tell me more about tonight."), "reaction")
    # ordering the partner to speak brings the second voice back
    session.reply("/partner speak")
    assert [r.cause for r in of(session.reply("Tell me more."), "reaction")] == ["one_voice", "one_voice"]


def test_each_person_answers_their_own_topics_and_shows_their_own_cues(scene):
    session, _ = play(scene)
    session.reply("It sounds like you've had a long night.")
    events = session.reply("Do you have to work early in the morning?")
    assert [(t.id, t.person) for t in of(events, "topic")] == [("diaz-work", "diaz")]
    shown = {c.id: c.person for c in of(events, "cue_shown")}
    assert shown == {"holt-drinking": "holt"}
    events = session.reply("@holt Do you have to work early in the morning?")
    assert not of(events, "topic")  # not his topic
    events = session.reply("Have you been drinking tonight?")
    assert [(c.id, c.person) for c in of(events, "cue_recognised")] == [("holt-drinking", "holt")]


def test_the_good_ending_needs_everyone_calm(scene):
    session, _ = play(scene)
    session.facts.flags.update({"diaz-works-early", "holt-birthday"})
    diaz, holt = session.facts.people["diaz"], session.facts.people["holt"]
    diaz.agitation = session.facts.agitation = 10.0
    holt.agitation = 50.0
    session.reply("So you need to sleep; one option is the music off by one.")
    assert session.outcome is None and session.phase == "arguing"
    holt.agitation = 10.0
    diaz.rapport = holt.rapport = session.facts.rapport = 40.0
    session.reply("One option is the music off by one.")
    session.reply("One option is the music off by one, door shut.")
    assert session.outcome == "resolved"


def test_the_scenes_walkthroughs_pass(scene):
    results = run_walkthroughs(scene)
    assert len(results) == 6 and all(r.passed for r in results), [r.failures for r in results if not r.passed]


def test_the_scenes_curve_is_the_highest_of_anyone_and_each_person_has_their_own(scene):
    session, events = play(scene)
    events += session.reply("You're right, he's being completely unreasonable.")
    events += session.abandon()
    log = session_log(events)
    assert set(log.people) == {"diaz", "holt"}
    for turn, level in log.curve:
        assert level == max(dict(points)[turn] for points in log.people.values())
    assert log.end_agitation == max(points[-1][1] for points in log.people.values())
    assert events[-1].person == "diaz" and {p.id for p in events[-1].people} == {"diaz", "holt"}


def test_agitation_change_in_a_scene_compares_each_persons_average_start_and_end(scene, tmp_path):
    from simulator.scoring import score_transcript
    from tests.scoring.eventlog import rubric

    session, events = play(scene)
    events += session.reply("It sounds like you're exhausted.")
    events += session.reply("@holt It sounds like you're frustrated, it's your night.")
    events += session.abandon()
    log = session_log(events)
    starts = [points[0][1] for points in log.people.values()]
    ends = [points[-1][1] for points in log.people.values()]
    body = ("  - id: c\n    title: C\n    measure: agitation_change\n    drop_at_least: 20\n"
            "    coaching: Do better.\n")
    measured = score_transcript(events, [rubric(tmp_path, body)]).rubrics[0].criteria[0]
    drop = sum(starts) / 2 - sum(ends) / 2
    assert measured.score == pytest.approx(max(0.0, drop / 20), abs=1e-9) and 0 < measured.score < 1
    assert {e.note for e in measured.evidence if e.name == "person"} == {"diaz", "holt"}


def _with_variant(tmp_path, option_yaml: str) -> Path:
    """The test scene with one more variant dimension whose option is ``option_yaml``."""
    text = SCENE.read_text(encoding="utf-8").replace(
        "variants:\n", "variants:\n  - id: mood\n    options:\n" + option_yaml
        + "      - id: plain\n        description: nothing changes.\n", 1)
    path = tmp_path / "scene.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_variant_option_can_set_another_persons_start_and_personality(tmp_path):
    """Authors could only vary the first person (found writing the shoplifter scene: the firm owner)."""
    path = _with_variant(tmp_path, "      - id: furious\n        description: he has had enough.\n"
                                   "        people:\n          holt: {start: {agitation: [80, 85]}, "
                                   "personality: {patience: 2}}\n")
    loaded = load_scenario(path)
    furious = Session(loaded, seed=3, variant={"partner": "steady", "mood": "furious"})
    plain = Session(loaded, seed=3, variant={"partner": "steady", "mood": "plain"})
    furious.start()
    plain.start()
    assert 80 <= levels(furious, "holt") <= 85
    assert levels(plain, "holt") < 80
    assert levels(furious, "diaz") == levels(plain, "diaz")       # the others are drawn as before
    assert furious.drawn.others["holt"][2].patience == 2


def test_a_variant_option_naming_nobody_in_the_scene_is_refused(tmp_path):
    from simulator.problems import DataFileError
    path = _with_variant(tmp_path, "      - id: furious\n        description: x.\n"
                                   "        people:\n          hlot: {start: {agitation: 80}}\n")
    with pytest.raises(DataFileError) as err:
        load_scenario(path)
    [problem] = [p for p in err.value.problems if p.code == "TD114"]
    assert "holt" in problem.hint and problem.line is not None


def test_asking_each_side_the_same_question_is_not_repeating_oneself(scene):
    """Near-repeats were counted across the scene: the same open question to each neighbour (even-
    handed) was read as the officer repeating a line; to the same person it still is."""
    session, _ = play(scene)
    first = of(session.reply("@diaz What's been going on tonight?"), "analysis")[0]
    other = of(session.reply("@holt What's been going on tonight?"), "analysis")[0]
    again = of(session.reply("@holt What's been going on tonight?"), "analysis")[0]
    assert (first.repeated, other.repeated, again.repeated) == (0, 0, 1)


def _drinking_cue_score(scene, turns_with_her: int) -> tuple[float, str]:
    """Gary's slurring shows at turn 2; the officer stays with Mrs Diaz, then asks Gary."""
    from simulator.scoring import load_rubrics, score_transcript
    session, events = play(scene)
    for i in range(2 + turns_with_her):  # the sign shows after the second
        events += session.reply(f"@diaz Tell me more about tonight, part {i + 1}.")
    events += session.reply("@holt Gary, have you had a few drinks tonight?")
    [crisis] = [r for r in score_transcript(events, load_rubrics(SCENE.parents[3] / "rubrics")).rubrics
                if r.id == "crisis-recognition"]
    [cues] = [c for c in crisis.criteria if c.id == "cues-recognised"]
    return cues.score, cues.evidence[0].note


def test_hearing_the_other_side_first_is_not_ignoring_a_sign(scene):
    """In a scene the officer rightly hears one person while another shows a sign: up to the
    criterion's window of turns spent with someone else is not counted against noticing it."""
    score, note = _drinking_cue_score(scene, turns_with_her=3)
    assert score == 1.0 and "3 turns with someone else not counted" in note


def test_staying_away_from_a_sign_too_long_is_still_late(scene):
    score, note = _drinking_cue_score(scene, turns_with_her=6)
    assert score < 1.0 and "(late)" in note
