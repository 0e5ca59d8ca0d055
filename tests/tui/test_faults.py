"""The app under faults: a hostile settings file, a transcripts folder it cannot write, a
disk that fills up during a call, and stop signals. It says what happened, never shows a
traceback, and ends the call properly when it can."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from simulator.transcripts import read_transcript
from simulator.tui.preferences import FILE_NAME, MAX_BYTES, Preferences
from simulator.tui.screens.briefing import BriefingScreen
from simulator.tui.screens.dialogs import ConfirmScreen
from simulator.tui.screens.home import HomeScreen
from simulator.tui.screens.play import PlayScreen
from simulator.tui.widgets import ChatLine

from .conftest import transcript_files
from .test_flow import SIZE, say, wait_for

REPLY = "It sounds like you're really frightened, Marcus. What are the voices telling you right now?"


def notes_of(app) -> list[tuple[str, dict]]:
    """Every notification the app shows, as (message, options)."""
    shown: list[tuple[str, dict]] = []
    notify = app.notify

    def spy(message, **options):
        shown.append((str(message), options))
        return notify(message, **options)

    app.notify = spy
    return shown


def chat_text(app) -> str:
    return "\n".join(line.render().plain for line in app.screen.query(ChatLine))


async def start_call(pilot) -> PlayScreen:
    """From the briefing the app opened on, into the call."""
    await wait_for(pilot, BriefingScreen)
    await pilot.press("enter")
    return await wait_for(pilot, PlayScreen)


async def reply_until_a_save_fails(pilot, play: PlayScreen) -> int:
    """Reply until the transcript cannot take the turn; how many replies that took."""
    played = 0
    while play.live.save_error is None:
        await say(pilot, REPLY)
        played += 1
        assert played < 30, "the disk never filled up"
    return played


async def quit_from_the_call(pilot) -> ConfirmScreen:
    await pilot.press("ctrl+q")
    dialog = await wait_for(pilot, ConfirmScreen)
    await pilot.press("y")
    await pilot.pause()
    return dialog


def deep(levels: int) -> str:
    return "[" * levels + "]" * levels


@pytest.mark.parametrize("make, why", [
    (lambda p: p.write_text(deep(100_000), encoding="utf-8"), f"it is larger than {MAX_BYTES:,} bytes"),
    (lambda p: p.write_text(deep(30_000), encoding="utf-8"), "it is nested too deeply"),
    (lambda p: os.mkfifo(p), "it is not a regular file"),
    (lambda p: p.symlink_to("/dev/zero"), "it is not a regular file"),
    (lambda p: p.mkdir(), "it is a folder"),
    (lambda p: p.write_bytes(b"\xff\xfe{}"), "it is not UTF-8 text"),
    (lambda p: p.write_text("{not json", encoding="utf-8"), "it is not valid JSON"),
    (lambda p: p.write_text("[1, 2]", encoding="utf-8"), "it does not hold a JSON object"),
])
async def test_a_hostile_settings_file_is_reported_and_the_app_starts_with_the_defaults(build, isolated, make, why):
    config = isolated / "config"
    config.mkdir()
    make(config / FILE_NAME)
    app = build()
    shown = notes_of(app)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, HomeScreen)
        assert app.preferences == Preferences()
        expected = (f"The settings file '{config / FILE_NAME}' was not used: {why}. "
                    "The app starts with the default settings.")
        assert (expected, {"title": "Settings not used", "severity": "warning", "timeout": 15,
                           "markup": False}) in shown


async def test_settings_with_unusable_values_keep_the_usable_ones_and_say_which(build, isolated):
    config = isolated / "config"
    config.mkdir()
    (config / FILE_NAME).write_text('{"trainee": "kim\\u001b]0;x\\u0007", "theme": "textual-light"}',
                                    encoding="utf-8")
    app = build()
    shown = notes_of(app)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, HomeScreen)
        assert app.preferences == Preferences(theme="textual-light")
        assert any("were not used: trainee" in message for message, _ in shown)


@pytest.fixture
def transcripts_file(tmp_path) -> Path:
    blocker = tmp_path / "transcripts-file"
    blocker.write_text("", encoding="utf-8")
    return blocker


@pytest.mark.parametrize("where, why", [("transcripts_file", "is a file, not a folder"),
                                        ("read_only_dir", "read-only")])
async def test_a_transcripts_folder_that_cannot_be_written_keeps_the_recruit_on_the_briefing(build, library,
                                                                                               request, where, why):
    folder = request.getfixturevalue(where)
    app = build(trainee="Lee", scenario=library, seed=1, transcripts=folder)
    shown = notes_of(app)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, BriefingScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen) and app.live is None
        [(message, options)] = [(m, o) for m, o in shown if o.get("title") == "Not started"]
        assert message.startswith(f"Transcripts cannot be saved in '{folder / 'Lee'}': ")
        assert why in message or "no permission" in message  # (a read-only folder, as a user who is not root)
        assert message.endswith("Nothing was started. Save elsewhere with talkdown play --transcripts or "
                                "TALKDOWN_TRANSCRIPTS.")
        assert options["markup"] is False and options["severity"] == "error"
    assert not list(folder.rglob("*.jsonl")) if folder.is_dir() else folder.read_text(encoding="utf-8") == ""


async def test_a_full_disk_during_the_call_is_shown_and_quitting_shows_no_traceback(build, library, small_disk,
                                                                                      fill):
    filler = fill(small_disk, leave=12_000)
    app = build(trainee="Lee", scenario=library, seed=4, transcripts=small_disk)
    shown = notes_of(app)
    async with app.run_test(size=SIZE) as pilot:
        play = await start_call(pilot)
        played = await reply_until_a_save_fails(pilot, play)
        [(message, options)] = [(m, o) for m, o in shown if o.get("title") == "Not saved"]
        assert message.startswith(f"The transcript cannot be saved in '{play.live.path.parent}': the disk is full")
        assert options["markup"] is False and options["severity"] == "error"
        assert "Not saved: The transcript cannot be saved" in chat_text(app)
        dialog = await quit_from_the_call(pilot)
        assert dialog.question == "Quit without saving the last turns?"
    assert app.return_code in (0, None)  # it quit; an exception would have failed this test
    [path] = transcript_files(small_disk)
    assert path.read_bytes().endswith(b"\n")
    t = read_transcript(path)
    assert not t.truncated and t.trainee_lines == [REPLY] * (played - 1) and t.outcome is None
    filler.unlink()


async def test_once_there_is_space_again_the_unsaved_turns_are_saved_with_the_next(build, library, small_disk,
                                                                                  fill):
    filler = fill(small_disk, leave=12_000)
    app = build(trainee="Lee", scenario=library, seed=4, transcripts=small_disk)
    async with app.run_test(size=SIZE) as pilot:
        play = await start_call(pilot)
        played = await reply_until_a_save_fails(pilot, play)
        filler.unlink()
        await say(pilot, "Thank you for telling me.")
        assert play.live.save_error is None
        assert "Saved again: the transcript has every turn so far." in chat_text(app)
        await quit_from_the_call(pilot)
    [path] = transcript_files(small_disk)
    t = read_transcript(path)
    assert t.trainee_lines == [REPLY] * played + ["Thank you for telling me."]
    assert t.outcome == "abandoned" and t.ended.reason == "quit"


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
async def test_a_stop_signal_ends_the_call_as_abandoned_and_the_app_cleanly(build, library, sig):
    before = signal.getsignal(sig)
    app = build(trainee="Lee", scenario=library, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await start_call(pilot)
        await say(pilot, "Hello Marcus.")
        os.kill(os.getpid(), sig)  # to this process: the app's handler must take it
        for _ in range(200):
            if not app.is_running:
                break
            await pilot.pause(0.02)
        assert app.stopped_by == sig.name and not app.is_running  # the app ended itself
    assert signal.getsignal(sig) == before  # the handler is given back when the app ends
    [path] = transcript_files()
    t = read_transcript(path)
    assert t.trainee_lines == ["Hello Marcus."]
    assert t.outcome == "abandoned" and t.ended.reason == f"stopped by {sig.name}" and t.events[-1] == t.ended

