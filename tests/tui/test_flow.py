"""The whole app driven from the keyboard with Pilot: what is shown and what is saved."""

from __future__ import annotations

import json

import pytest
from textual.widgets import Collapsible, DataTable, Input

from simulator.settings import Paths
from simulator.transcripts import read_transcript
from simulator.tui.preferences import Preferences
from simulator.tui.screens.briefing import BriefingScreen
from simulator.tui.screens.debrief import DebriefScreen
from simulator.tui.screens.dialogs import ConfirmScreen, HelpScreen
from simulator.tui.screens.home import HomeScreen
from simulator.tui.screens.play import PlayScreen
from simulator.tui.widgets import ChatLine, ChatLog, HistoryInput, Meter

from .conftest import FakeClock, transcript_files, wait_for, with_changes

SIZE = (100, 32)


def chat_text(app) -> list[str]:
    """Every line of the conversation as shown (entries split at their line breaks)."""
    return [part for line in app.screen.query(ChatLine) for part in line.render().plain.split("\n")]


async def type_reply(pilot, text: str) -> None:
    """Type character by character, as a person would, then Enter."""
    box = pilot.app.screen.query_one("#reply", Input)
    box.focus()
    for ch in text:
        await pilot.press(ch if ch != " " else "space")
    await pilot.press("enter")
    await pilot.pause()


async def say(pilot, text: str) -> None:
    box = pilot.app.screen.query_one("#reply", Input)
    box.value = text
    await pilot.press("enter")
    await pilot.pause()


async def play_to_debrief(pilot, *lines: str) -> DebriefScreen:
    """From the briefing: start the call, say each line, end it, and wait for the scored debrief."""
    await wait_for(pilot, BriefingScreen)
    await pilot.press("enter")
    await wait_for(pilot, PlayScreen)
    for line in lines:
        await say(pilot, line)
    await say(pilot, "/end")
    debrief = await wait_for(pilot, DebriefScreen)
    await pilot.app.workers.wait_for_complete()
    return debrief


async def test_home_briefing_play_debrief_from_the_keyboard(build):
    app = build(trainee="Lee")
    async with app.run_test(size=SIZE) as pilot:
        home = await wait_for(pilot, HomeScreen)
        assert home.query_one(DataTable).row_count == 2
        for ch in "psychosis":
            await pilot.press(ch)
        await pilot.pause()
        assert home.query_one(DataTable).row_count == 1
        await pilot.press("enter")
        briefing = await wait_for(pilot, BriefingScreen)
        shown = " ".join(w.render().plain for w in briefing.query("Static"))
        assert "Central Library" in shown and "Critical Decision-Making Model" in shown
        assert "Collect information" in shown and "Connect him with the mobile crisis team" in shown
        await pilot.press("enter")
        play = await wait_for(pilot, PlayScreen)
        await pilot.pause()
        assert any(line.startswith("Marcus: ") for line in chat_text(app))
        await type_reply(pilot, "Hi Marcus, I'm officer Lee. You sound really scared.")
        await say(pilot, "What are the voices saying to you?")
        await say(pilot, "calm down")
        lines = chat_text(app)
        assert "You: Hi Marcus, I'm officer Lee. You sound really scared." in lines
        assert any("✓ emotion label — 'You sound really scared'" in line for line in lines), "\n".join(lines)
        assert any("✗ dismissal — 'calm down'" in line for line in lines)
        assert any(line.strip().startswith("tip: ") for line in lines)
        assert sum(line.startswith("Marcus: ") for line in lines) == 4
        assert play.query_one("#agitation", Meter).display
        # every turn is on disk before the debrief
        [path] = transcript_files()
        saved = read_transcript(path)
        assert saved.trainee_lines == ["Hi Marcus, I'm officer Lee. You sound really scared.",
                                       "What are the voices saying to you?", "calm down"]
        assert saved.outcome is None
        await say(pilot, "/end")
        debrief = await wait_for(pilot, DebriefScreen)
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        text = " ".join(w.render().plain for w in debrief.query("Static"))
        assert ("Outcome: " in text and "(abandoned)" in text) or "Outcome: abandoned" in text
        assert "%" in text and ("PASS" in text or "FAIL" in text)
        assert "Active listening" in text
    assert read_transcript(path).outcome == "abandoned"


async def test_criterion_opens_onto_its_evidence_turns(build, library):
    app = build(trainee="Lee", scenario=library, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        debrief = await play_to_debrief(pilot, "You sound really scared.")
        await pilot.pause()
        emotion = next(c for c in debrief.query(Collapsible) if "Names the emotions" in c.title.plain)
        assert emotion.collapsed
        emotion.query_one("CollapsibleTitle").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert not emotion.collapsed
        evidence = [w.render().plain for w in emotion.query(".evidence")]
        assert any("turn 1" in e and "You sound really scared" in e for e in evidence)


MARKUP = [
    "[bold red]x[/]",
    "[/foo]",
    "[link=https://x]y[/link]",
    "[bold red]right[/] now [/foo]",
    "$name and [$accent]colour[/] \\[escaped]",
]


async def test_markup_typed_by_the_trainee_is_shown_literally_and_stored_verbatim(build, library):
    app = build(trainee="Lee", scenario=library, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, BriefingScreen)
        await pilot.press("enter")
        await wait_for(pilot, PlayScreen)
        for typed in MARKUP:
            await say(pilot, typed)
            assert f"You: {typed}" in chat_text(app), typed
        await say(pilot, "/end")
        debrief = await wait_for(pilot, DebriefScreen)
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    [path] = transcript_files()
    assert read_transcript(path).trainee_lines == MARKUP
    raw = path.read_text(encoding="utf-8")
    assert all(json.dumps(typed, ensure_ascii=False) in raw for typed in MARKUP)
    assert debrief is not None


async def test_assessment_mode_hides_meters_and_hints(build, library):
    app = build(trainee="Lee", scenario=library, seed=1, mode="assess")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, BriefingScreen)
        await pilot.press("enter")
        play = await wait_for(pilot, PlayScreen)
        await say(pilot, "calm down")
        assert not play.query_one("#agitation", Meter).display
        assert not play.query_one("#rapport", Meter).display
        lines = chat_text(app)
        assert "You: calm down" in lines
        assert not any("✗" in line or "✓" in line or "tip:" in line for line in lines)
        assert any(line.strip().startswith("(") for line in lines)  # non-verbal lines stay


async def test_mode_and_trainee_chosen_on_home_are_used_and_the_name_remembered(build, isolated):
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        home = await wait_for(pilot, HomeScreen)
        assert app.focused is home.query_one("#filter", Input)  # typing filters the library
        await pilot.press("enter")  # no name yet: the name box is focused, nothing starts
        assert isinstance(app.screen, HomeScreen)
        assert app.focused is home.query_one("#trainee", Input)
        for ch in "Dana":
            await pilot.press(ch)
        await pilot.press("f3")
        await pilot.pause()
        assert app.state.mode == "assess"
        home.query_one("#trainee", Input).focus()
        await pilot.press("enter")  # Enter in the name box keeps the name and never starts a call
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.focused is home.query_one("#filter", Input)
        await pilot.press("enter")
        await wait_for(pilot, BriefingScreen)
        await pilot.press("enter")
        play = await wait_for(pilot, PlayScreen)
        assert play.live.mode == "assess" and play.live.trainee == "Dana"
    assert Preferences.load(Paths.resolve().config_dir).trainee == "Dana"
    assert (isolated / "config" / "settings.json").exists()
    again = build()
    async with again.run_test(size=SIZE) as pilot:
        home = await wait_for(pilot, HomeScreen)
        assert home.query_one("#trainee", Input).value == "Dana"


async def test_reply_box_offers_slash_commands_and_keeps_a_history(build, library):
    app = build(trainee="Lee", scenario=library, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, BriefingScreen)
        await pilot.press("enter")
        play = await wait_for(pilot, PlayScreen)
        box = play.query_one("#reply", HistoryInput)
        assert app.focused is box
        for key in ("slash", "s", "t"):
            await pilot.press(key)
        await pilot.pause(0.1)
        assert box._suggestion == "/step-back"
        await pilot.press("right", "enter")
        await pilot.pause()
        assert "You: /step-back" in chat_text(app)
        await say(pilot, "first line")
        await pilot.press("up")
        assert box.value == "first line"
        await pilot.press("up")
        assert box.value == "/step-back"
        await pilot.press("down", "down")
        assert box.value == ""


async def test_pressure_timer_makes_the_subject_speak_when_the_recruit_waits(build, library):
    clock = FakeClock()
    pressing = with_changes(library, pressure_seconds=20)
    app = build(trainee="Lee", scenario=pressing, seed=1, clock=clock, pressure_poll=0.02)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, BriefingScreen)
        await pilot.press("enter")
        play = await wait_for(pilot, PlayScreen)
        await pilot.pause(0.1)
        before = play.live.session.facts.agitation
        clock.advance(10)
        await pilot.pause(0.1)
        assert not any(e.event == "pressure" for e in play.live.events)
        clock.advance(11)
        await pilot.pause(0.1)
        assert [e.event for e in play.live.events].count("pressure") == 1
        assert play.live.session.facts.agitation > before
        assert "(You have said nothing for a while.)" in chat_text(app)
        # a reply resets the timer
        await say(pilot, "I'm here.")
        clock.advance(15)
        await pilot.pause(0.1)
        assert [e.event for e in play.live.events].count("pressure") == 1
    [path] = transcript_files()
    assert any(e.event == "pressure" for e in read_transcript(path).events)


async def test_ctrl_q_asks_then_saves_the_call_and_quits(build, library):
    app = build(trainee="Lee", scenario=library, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, BriefingScreen)
        await pilot.press("enter")
        await wait_for(pilot, PlayScreen)
        await say(pilot, "Hello Marcus.")
        await pilot.press("ctrl+q")
        await wait_for(pilot, ConfirmScreen)
        await pilot.press("n")
        await wait_for(pilot, PlayScreen)
        await pilot.press("ctrl+q")
        await wait_for(pilot, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
    [path] = transcript_files()
    t = read_transcript(path)
    assert t.trainee_lines == ["Hello Marcus."]
    assert t.outcome == "abandoned" and t.events[-1].reason == "quit"


async def test_help_opens_with_f1_and_question_mark(build):
    app = build(trainee="Lee")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, HomeScreen)
        await pilot.press("f1")
        await wait_for(pilot, HelpScreen)
        await pilot.press("escape")
        await wait_for(pilot, HomeScreen)
        app.screen.query_one(DataTable).focus()
        await pilot.press("question_mark")
        await wait_for(pilot, HelpScreen)


async def test_try_again_with_the_same_seed_and_export(build, library, isolated):
    app = build(trainee="Lee", scenario=library, seed=7)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, BriefingScreen)
        await pilot.press("enter")
        play = await wait_for(pilot, PlayScreen)
        first_opening = play.live.events[1].text
        await say(pilot, "/end")
        debrief = await wait_for(pilot, DebriefScreen)
        await pilot.press("e")
        await pilot.pause()
        exported = debrief.live.path.with_suffix(".md")
        assert exported.exists() and "Debrief" in exported.read_text(encoding="utf-8")
        await pilot.press("r")
        await wait_for(pilot, BriefingScreen)
        app.config.session_ids = lambda: "0000tes2"
        await pilot.press("enter")
        again = await wait_for(pilot, PlayScreen)
        assert again.live.seed == 7 and again.live is not play.live
        assert again.live.events[1].text == first_opening
        await say(pilot, "/end")
        await wait_for(pilot, DebriefScreen)
        await pilot.press("h")
        await wait_for(pilot, HomeScreen)
    assert len(transcript_files()) == 2


async def test_home_shows_last_and_best_score_from_the_trainees_transcripts(build, library):
    app = build(trainee="Lee", scenario=library, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        debrief = await play_to_debrief(pilot, "Hi Marcus, I'm officer Lee with the city police. You sound scared.")
        overall = debrief.debrief.report.overall
        await pilot.press("escape")
        home = await wait_for(pilot, HomeScreen)
        await pilot.pause()
        table = home.query_one(DataTable)
        row = next(r for r in range(table.row_count) if "Frightened" in str(table.get_row_at(r)[0]))
        cells = [str(c) for c in table.get_row_at(row)]
        assert overall is not None
        assert cells[5] == f"{overall:.0f}%" and cells[6] == f"{overall:.0f}%"


def endless(loaded):
    """The library call with no way to end but /end: no outcomes, no phase changes."""
    first = loaded.scenario.phases[0].model_copy(update={"transitions": []})
    return with_changes(loaded, max_turns=400, outcomes=[], phases=[first, *loaded.scenario.phases[1:]])


def small_talk(i: int) -> str:
    """Two hundred different lines with no technique in them, so the call neither ends nor repeats."""
    a = ["apples", "rivers", "stones", "clouds", "tables", "engines", "forests", "candles", "bridges",
         "mirrors", "ladders"]
    b = ["yellow", "broken", "wooden", "silent", "distant", "heavy", "narrow", "golden", "frozen", "hollow",
         "rusty", "gentle", "bitter"]
    c = ["north", "south", "east", "west", "inside", "above", "below"]
    return f"{a[i % 11]} {b[i % 13]} {c[i % 7]}"


async def test_two_hundred_turns_keep_the_chat_bounded_and_every_turn_saved(build, library):
    """A long call: the chat keeps only its latest entries mounted (so a turn costs the same at
    turn 200 as at turn 2; the time is measured by benchmarks/app_turns_bench.py), and the
    transcript has every turn."""
    app = build(trainee="Lee", scenario=endless(library), seed=3)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, BriefingScreen)
        await pilot.press("enter")
        play = await wait_for(pilot, PlayScreen)
        for i in range(200):
            play.send(small_talk(i))
            if i % 20 == 0:
                await pilot.pause()
        await pilot.pause()
        assert not play.live.finished and play.live.session.turn == 200
        await say(pilot, "Still here with you.")
        assert len(play.query_one(ChatLog).children) <= ChatLog.MAX_LINES + 1  # + the "earlier turns" note
        assert "You: Still here with you." in chat_text(app)
        await say(pilot, "/end")
        await wait_for(pilot, DebriefScreen)
        await pilot.pause()
    [path] = transcript_files()
    assert len(read_transcript(path).trainee_lines) == 201


async def test_the_debrief_screen_shows_what_export_shows(build, library, isolated):
    """Same key moments, same numbers: the screen and `talkdown export` read one debrief model."""
    from click.testing import CliRunner

    from simulator.cli import main

    app = build(trainee="Lee", scenario=library, seed=5)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, BriefingScreen)
        await pilot.press("enter")
        play = await wait_for(pilot, PlayScreen)
        for text in ("Hi Marcus, I'm officer Lee with the city police.", "calm down", "You sound really scared.",
                     "What are the voices telling you?", "shut up"):
            await say(pilot, text)
        meter = list(play.agitation)  # what the live meter drew: the opening, then one value a turn
        await say(pilot, "/end")
        debrief = await wait_for(pilot, DebriefScreen)
        shown = debrief.debrief
        moments = debrief.query_one("#moments").render().plain
        outcome = debrief.query_one("#outcome").render().plain
        screen_text = " ".join(w.render().plain for w in debrief.query("Static"))
    [path] = transcript_files()
    exported = CliRunner().invoke(main, ["--scenarios", str(app.config.paths.scenarios), "export", str(path)])
    assert exported.exit_code == 0, exported.output
    scored = CliRunner().invoke(main, ["--scenarios", str(app.config.paths.scenarios), "score", "--json", str(path)])
    report = json.loads(scored.output)
    assert report["turns"] == shown.turns and f"after {report['turns']} turns" in outcome
    for rubric in report["rubrics"]:
        assert f"{rubric['percent']:3.0f}% " in screen_text, rubric["id"]
        for c in rubric["criteria"]:
            points = "n/a" if not c["applicable"] else None
            mine = next(x for r in shown.report.rubrics for x in r.criteria if x.id == c["id"] and r.id == rubric["id"])
            assert mine.points_text in screen_text and (points is None or mine.points_text == points)
            assert mine.score == (None if c["score"] is None else pytest.approx(c["score"], abs=1e-3))
    assert shown.rises and shown.falls
    for m in shown.rises + shown.falls:
        # the live meter's "▲26" for a turn is the debrief's +26 for it
        assert meter[m.turn] == pytest.approx(m.after) and meter[m.turn - 1] == pytest.approx(m.before)
        assert f"Turn {m.turn} ({m.delta:+.0f}, {m.before:.0f} → {m.after:.0f})" in exported.output
        assert f"turn {m.turn} ({m.delta:+.0f}, {m.before:.0f} → {m.after:.0f})" in moments
    for r in shown.report.rubrics:
        assert f"{r.percent:.1f}%" in exported.output
    assert f"after {shown.turns} turns" in outcome and f"after {shown.turns} turns" in exported.output


async def test_typing_on_home_filters_even_before_a_name_is_given(build, isolated):
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        home = await wait_for(pilot, HomeScreen)
        for ch in "psychosis":
            await pilot.press(ch)
        await pilot.pause()
        assert home.query_one("#filter", Input).value == "psychosis"
        assert home.query_one("#trainee", Input).value == ""
        assert home.query_one(DataTable).row_count == 1
        await pilot.press("f2")  # the name box, chosen
        for ch in "Sam":
            await pilot.press(ch)
        assert home.query_one("#trainee", Input).value == "Sam"


async def test_a_multi_line_paste_is_one_reply_and_a_too_long_one_is_refused(build, library):
    from textual import events

    from simulator.vocabulary import MAX_REPLY_CHARS

    app = build(trainee="Lee", scenario=library, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, BriefingScreen)
        await pilot.press("enter")
        play = await wait_for(pilot, PlayScreen)
        box = play.query_one("#reply", HistoryInput)
        box.post_message(events.Paste("Marcus, I'm Lee.\n\n  I'm here to help,\nnot to arrest you.\n"))
        await pilot.pause()
        assert box.value == "Marcus, I'm Lee. I'm here to help, not to arrest you."
        await pilot.press("enter")
        await pilot.pause()
        assert "You: Marcus, I'm Lee. I'm here to help, not to arrest you." in chat_text(app)
        box.post_message(events.Paste(("I hear you. " * 200 + "\n") * 2))
        await pilot.pause()
        assert box.value == ""  # refused whole, not cut to fit
        assert len("I hear you. " * 400) > MAX_REPLY_CHARS
        assert any("Too long to paste" in (n.title or "") for n in app._notifications)


async def test_a_name_typed_in_one_burst_with_its_enter_is_kept_whole(build):
    """Keys that arrive together (a browser over a slow link, a paste) are not overtaken by the
    Enter after them: the name box keeps the whole name, and no call starts."""
    from textual import events

    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, HomeScreen)
        await pilot.press("f2")
        for ch in "Kim Lee":
            app.post_message(events.Key("space" if ch == " " else ch, ch))
        app.post_message(events.Key("enter", "\r"))
        for _ in range(5):
            await pilot.pause()
        assert app.state.trainee == "Kim Lee"
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one("#filter", Input).has_focus


async def test_a_call_played_in_the_app_is_scored_once_and_never_replayed(build, library, monkeypatch):
    """The debrief's score is remembered (in its worker) and the file vouched for: the library and
    `talkdown score` read it back; one byte changed and it is replayed."""
    from simulator.live import rescore
    from simulator.live.rescore import ScoreCache, rescore_one
    from simulator.scoring import load_rubrics

    app = build(trainee="Lee", scenario=library, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await play_to_debrief(pilot, "Hi Marcus, I'm officer Lee. You sound really scared.")
        cache_path = app.state.config.paths.cache_dir / "scores.sqlite"
        scenarios = app.state.config.paths.scenarios
    [path] = transcript_files()

    def forbidden(*_args, **_kwargs):
        raise AssertionError("replayed")

    monkeypatch.setattr(rescore, "replay_file", forbidden)
    rubrics = load_rubrics(app.state.config.paths.rubrics)
    done = rescore_one(path, scenarios, rubrics, ScoreCache(cache_path))
    assert done.remembered and json.loads(done.json)["scored_from"]["how"] == "recorded"
    path.write_bytes(path.read_bytes().replace(b"You sound really scared", b"You sound really scored"))
    with pytest.raises(AssertionError, match="replayed"):
        rescore_one(path, scenarios, rubrics, ScoreCache(cache_path))
