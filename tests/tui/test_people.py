"""A scene with several people in the app (issue 15, point 1): the chat names who said what to
whom, the side panel has a meter each with the person addressed marked, the line above the reply
box says who that is, Tab / F6 and @name switch, a person taken aside is shown so; the review's
replay labels the lines and draws one line per person."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from simulator.live.index import IndexRow
from simulator.scenario import load_scenario
from simulator.transcripts import read_transcript
from simulator.transcripts.events import Addressed
from simulator.tui.screens.debrief import DebriefScreen
from simulator.tui.screens.dialogs import HelpScreen
from simulator.tui.screens.play import PlayScreen
from simulator.tui.screens.replay import ReplayScreen
from simulator.tui.widgets import CurvesChart, Meter, PersonMeter

from .conftest import ROOT, transcript_files, wait_for
from .test_flow import chat_text, say

SIZE = (100, 32)
SCENE = ROOT / "tests" / "data" / "scenarios" / "two-neighbours.yaml"


def scene():
    return load_scenario(SCENE)


async def start(pilot) -> PlayScreen:
    await pilot.pause()
    await pilot.press("enter")  # the briefing
    return await wait_for(pilot, PlayScreen)


def meter(screen: PlayScreen, person: str) -> PersonMeter:
    return screen.query_one(f"#person-{person}", PersonMeter)


def talking_to(screen: PlayScreen) -> str:
    return screen.query_one("#addressing", Static).render().plain


async def test_the_side_panel_has_a_meter_each_and_the_first_person_is_addressed(build):
    app = build(trainee="Lee", scenario=scene(), seed=3, mode="coach")
    async with app.run_test(size=SIZE) as pilot:
        play = await start(pilot)
        assert not play.query(Meter)  # one meter each instead of the one subject's
        diaz, holt = meter(play, "diaz"), meter(play, "holt")
        assert diaz.addressed and not holt.addressed
        assert [a for a, _ in diaz.points] == [48.0] and [a for a, _ in holt.points] == [45.0]
        assert "Mrs Diaz" in diaz.render().plain and "agit" in diaz.render().plain
        assert talking_to(play).startswith("Talking to Mrs Diaz")
        assert play.query_one("#reply", Input).placeholder.startswith("Say something to Mrs Diaz")
        assert "Mrs Diaz and Gary Holt" in str(play.query_one("#chat").border_title)
        shown = chat_text(app)
        assert any(line.startswith("Mrs Diaz: Finally!") for line in shown)
        assert any(line.startswith("Gary Holt: It's my birthday") for line in shown)


async def test_tab_and_f6_switch_the_person_addressed_without_a_turn_and_it_is_saved(build):
    app = build(trainee="Lee", scenario=scene(), seed=3, mode="coach")
    async with app.run_test(size=SIZE) as pilot:
        play = await start(pilot)
        await pilot.press("tab")
        await pilot.pause()
        assert play.live.session.addressed == "holt" and play.live.session.turn == 0
        assert meter(play, "holt").addressed and not meter(play, "diaz").addressed
        assert talking_to(play).startswith("Talking to Gary Holt")
        assert play.query_one("#reply", Input).placeholder.startswith("Say something to Gary Holt")
        assert app.focused is play.query_one("#reply", Input)  # Tab switched person, not focus
        await pilot.press("f6")
        await pilot.pause()
        assert play.live.session.addressed == "diaz"
        await pilot.press("shift+f6")
        await pilot.pause()
        assert play.live.session.addressed == "holt"
        await say(pilot, "What are you celebrating tonight?")
        assert any(line.startswith("You to Gary Holt: What are you celebrating") for line in chat_text(app))
        assert any(line.startswith("Gary Holt: ") for line in chat_text(app)[-4:])
    [path] = transcript_files()
    turned = [(e.person, e.how) for e in read_transcript(path).events if isinstance(e, Addressed)]
    assert turned == [("holt", "talk-to"), ("diaz", "talk-to"), ("holt", "talk-to")]


async def test_at_name_in_a_reply_addresses_them_and_the_panel_follows(build):
    app = build(trainee="Lee", scenario=scene(), seed=3, mode="coach")
    async with app.run_test(size=SIZE) as pilot:
        play = await start(pilot)
        await say(pilot, "@holt It sounds like you're frustrated, it's your night.")
        assert play.live.session.addressed == "holt" and play.live.session.turn == 1
        assert meter(play, "holt").addressed
        assert talking_to(play).startswith("Talking to Gary Holt")
        shown = chat_text(app)
        assert "You to Gary Holt: It sounds like you're frustrated, it's your night." in shown
        assert not any("@holt" in line for line in shown)
        await say(pilot, "Mrs Diaz, do you have to work early in the morning?")  # their name first
        assert play.live.session.addressed == "diaz" and meter(play, "diaz").addressed


async def test_meters_move_per_person_and_taking_sides_is_said_in_coach_mode(build):
    app = build(trainee="Lee", scenario=scene(), seed=1, mode="coach")
    async with app.run_test(size=SIZE) as pilot:
        play = await start(pilot)
        before = meter(play, "holt").points[-1][0]
        await say(pilot, "You're right, he's being completely unreasonable.")
        diaz, holt = meter(play, "diaz").points, meter(play, "holt").points
        assert holt[-1][0] == before + 12.0 and diaz[-1][0] < diaz[0][0]
        assert "▲12" in meter(play, "holt").render().plain
        assert "✗ Gary Holt: you took a side against them (agitation +12)" in chat_text(app)


async def test_a_person_taken_aside_is_shown_so_and_skipped_when_switching(build):
    app = build(trainee="Lee", scenario=scene(), seed=3, mode="coach")
    async with app.run_test(size=SIZE) as pilot:
        play = await start(pilot)
        assert "/partner take-aside NAME" in play.query_one("#commands", Static).render().plain
        assert "/partner take-aside holt" in play.commands()
        await say(pilot, "/partner take-aside diaz")
        assert "aside" in meter(play, "diaz").render().plain and meter(play, "diaz").aside
        assert meter(play, "holt").addressed and play.live.session.turn == 1
        shown = chat_text(app)
        assert "You: /partner take-aside diaz" in shown and "(You turn to Gary Holt.)" in shown
        await pilot.press("tab")  # nobody else to turn to
        await pilot.pause()
        assert play.live.session.addressed == "holt" and play.live.session.turn == 1
        await say(pilot, "/partner bring-back diaz")
        assert not meter(play, "diaz").aside


async def test_assessment_mode_shows_who_is_addressed_but_no_levels(build):
    app = build(trainee="Lee", scenario=scene(), seed=3, mode="assess")
    async with app.run_test(size=SIZE) as pilot:
        play = await start(pilot)
        await say(pilot, "You're right, he's being completely unreasonable.")
        shown = meter(play, "diaz").render().plain
        assert "Mrs Diaz" in shown and "agit" not in shown and "tense" not in shown
        assert not any("took a side" in line for line in chat_text(app))


async def test_help_lists_the_keys_for_several_people(build):
    app = build(trainee="Lee", scenario=scene(), seed=3, mode="coach")
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await pilot.press("f1")
        help_screen = await wait_for(pilot, HelpScreen)
        text = " ".join(w.render().plain for w in help_screen.query(Static))
        assert "Tab / F6" in text and "@name" in text and "/partner" in text


async def test_with_one_person_tab_does_not_switch_and_nothing_of_a_scene_is_shown(build, library):
    app = build(trainee="Lee", scenario=library, seed=1, mode="coach")
    async with app.run_test(size=SIZE) as pilot:
        play = await start(pilot)
        assert not play.query("#addressing") and not play.query(PersonMeter) and len(play.query(Meter)) == 2
        await pilot.press("tab")
        await pilot.pause()
        assert play.live.session.turn == 0 and not play.check_action("next_person", (1,))
        await say(pilot, "Hi Marcus, I'm officer Lee.")
        assert any(line.startswith("You: Hi Marcus") for line in chat_text(app))


async def test_the_replay_labels_who_said_what_to_whom_and_draws_a_line_per_person(build, tmp_path):
    app = build(trainee="Lee", scenario=scene(), seed=3, mode="coach")
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await say(pilot, "@holt What are you celebrating tonight?")
        await say(pilot, "/partner take-aside holt")
        await say(pilot, "/end")
    [path] = transcript_files()
    folder = Path("scenarios")
    folder.mkdir(exist_ok=True)
    (folder / SCENE.name).write_text(SCENE.read_text())
    review = build(trainee="Lee", scenarios=folder)
    async with review.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await review.push_screen(ReplayScreen(review.state, IndexRow(path)))
        replay = await wait_for(pilot, ReplayScreen)
        d = replay.debrief
        assert d is not None and not d.warnings, d.warnings if d else None
        texts = [v.render().plain for v in replay.query("TurnView")]
        turn1 = next(t for t in texts if t.startswith("Turn 1"))
        assert "Trainee to Gary Holt: What are you celebrating tonight?" in turn1
        assert "Gary Holt: It's my thirtieth" in turn1 and "Mrs Diaz 48" in turn1
        chart = replay.query_one("#replay-curve", CurvesChart)
        assert chart.labels == ("Mrs Diaz", "Gary Holt") and len(chart.series) == 2
        assert "Mrs Diaz" in replay.query_one("#turn-info", Static).render().plain


async def test_the_debrief_draws_each_persons_agitation_named(build):
    """The debrief's chart was one line (the highest of anyone's): a scene draws a line per person."""
    app = build(trainee="Lee", scenario=scene(), seed=3, mode="coach")
    async with app.run_test(size=(120, 40)) as pilot:
        await start(pilot)
        await say(pilot, "@holt What are you celebrating tonight?")
        await say(pilot, "You're right, he's being completely unreasonable.")
        await say(pilot, "/end")
        debrief = await wait_for(pilot, DebriefScreen)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        chart = debrief.query_one("#curve", CurvesChart)
        assert chart.labels == ("Mrs Diaz", "Gary Holt")
        d = debrief.debrief
        assert chart.series == [[v for _, v in d.person_curves[p]] for p in ("diaz", "holt")]
        assert chart.series[0] != chart.series[1]       # siding with Gary moved them apart
        assert "Mrs Diaz" in chart.render().plain and "Gary Holt" in chart.render().plain
