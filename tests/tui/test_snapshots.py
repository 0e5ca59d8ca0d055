"""Snapshots of the four screens (pytest-textual-snapshot). Update with --snapshot-update
after checking the new SVGs by eye."""

from __future__ import annotations

from simulator.scenario import load_scenario
from simulator.settings import Paths
from simulator.transcripts.notes import add_note
from simulator.tui.preferences import Preferences

from .conftest import FIXED_TIME, ROOT, review_folder

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


async def _review(pilot) -> None:
    await _settle(pilot)
    await pilot.press("f4")
    for _ in range(100):
        await pilot.pause(0.05)
        if getattr(pilot.app.screen, "done", False):
            break
    await _settle(pilot)


def _review_app(build, tmp_path, monkeypatch):
    monkeypatch.setenv("TALKDOWN_CACHE_DIR", str(tmp_path / "cache"))
    folder = review_folder(tmp_path / "review")
    first = sorted((folder / "dynamic").glob("*.jsonl"))[0]
    add_note(first, turn=2, tag="teaching_point", text="Name the <fear> you hear [b]first[/b]", author="Sgt Rivera",
             now=FIXED_TIME)
    return build(scenarios=ROOT / "scenarios", transcripts=folder, trainee="Instructor")


def test_review(snap_compare, build, tmp_path, monkeypatch):
    assert snap_compare(_review_app(build, tmp_path, monkeypatch), terminal_size=SIZE, run_before=_review)


def test_replay_at_turn_two_with_a_note(snap_compare, build, tmp_path, monkeypatch):
    async def run_before(pilot) -> None:
        await _review(pilot)
        await pilot.press("enter")
        await _settle(pilot)
        await pilot.press("right", "right")
        await _settle(pilot)

    assert snap_compare(_review_app(build, tmp_path, monkeypatch), terminal_size=SIZE, run_before=run_before)


def test_report(snap_compare, build, tmp_path, monkeypatch):
    async def run_before(pilot) -> None:
        await _review(pilot)
        await pilot.press("f5")
        await _settle(pilot)

    assert snap_compare(_review_app(build, tmp_path, monkeypatch), terminal_size=SIZE, run_before=run_before)


def test_compare(snap_compare, build, tmp_path, monkeypatch):
    async def run_before(pilot) -> None:
        await _review(pilot)
        await pilot.press("f3", "down", "f4")  # dynamic's two attempts at the first scenario
        await _settle(pilot)

    assert snap_compare(_review_app(build, tmp_path, monkeypatch), terminal_size=SIZE, run_before=run_before)


SCENE_REPLIES = ["Hi Mrs Diaz, I'm Officer Lee. It sounds like you're exhausted.",
                 "You're right, he's being completely unreasonable.", "/partner take-aside diaz"]


def test_play_two_people_with_a_partner(snap_compare, build):
    """A scene: a meter each, Gary addressed once Mrs Diaz is taken aside, who said what to whom."""
    scene = load_scenario(ROOT / "tests" / "data" / "scenarios" / "two-neighbours.yaml")
    app = build(trainee="Lee", scenario=scene, seed=1, mode="coach")
    assert snap_compare(app, terminal_size=SIZE, run_before=play_to(SCENE_REPLIES))
