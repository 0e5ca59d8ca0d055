"""Snapshots of the four screens (pytest-textual-snapshot). Update with --snapshot-update
after checking the new SVGs by eye."""

from __future__ import annotations

from simulator.settings import Paths
from simulator.tui.preferences import Preferences

SIZE = (100, 32)
REPLIES = ["Hi Marcus, I'm officer Lee with the city police. You sound really scared.",
           "[bold red]right[/] now [/foo]"]


async def _settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def play_to(replies, end: bool = False):
    async def run_before(pilot) -> None:
        await _settle(pilot)
        await pilot.press("enter")
        await _settle(pilot)
        for text in replies + (["/end"] if end else []):
            box = pilot.app.screen.query_one("#reply")
            box.value = text
            await pilot.press("enter")
            await _settle(pilot)

    return run_before


def test_home(snap_compare, build):
    assert snap_compare(build(trainee="Lee"), terminal_size=SIZE, run_before=_settle)


def test_briefing(snap_compare, build, library):
    app = build(trainee="Lee", scenario=library, seed=1)
    assert snap_compare(app, terminal_size=SIZE, run_before=_settle)


def test_play_coach(snap_compare, build, library):
    app = build(trainee="Lee", scenario=library, seed=1, mode="coach")
    assert snap_compare(app, terminal_size=SIZE, run_before=play_to(REPLIES))


def test_play_assessment(snap_compare, build, library):
    app = build(trainee="Lee", scenario=library, seed=1, mode="assess")
    assert snap_compare(app, terminal_size=SIZE, run_before=play_to(REPLIES))


def test_debrief(snap_compare, build, library):
    app = build(trainee="Lee", scenario=library, seed=1, mode="coach")
    assert snap_compare(app, terminal_size=SIZE, run_before=play_to(REPLIES, end=True))


def test_play_coach_light_theme_at_80x24(snap_compare, build, library):
    Preferences(trainee="Lee", theme="textual-light").save(Paths.resolve().config_dir)
    app = build(scenario=library, seed=1, mode="coach")
    assert snap_compare(app, terminal_size=(80, 24), run_before=play_to(REPLIES))


def test_home_light_theme_at_80x24(snap_compare, build):
    Preferences(trainee="Lee", theme="textual-light").save(Paths.resolve().config_dir)
    assert snap_compare(build(), terminal_size=(80, 24), run_before=_settle)
