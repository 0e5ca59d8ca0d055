"""Helpers for the app's tests: a configured app, an isolated config dir, a fixed clock."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from simulator.scenario import load_scenario
from simulator.tui.app import TalkdownApp, make_app

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = ROOT / "scenarios" / "library-psychosis.yaml"
TINY = ROOT / "tests" / "fixtures" / "tiny.yaml"
FIXED_TIME = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    """Every test gets its own config dir and working folder; rubrics come from the repo."""
    monkeypatch.setenv("TALKDOWN_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("TALKDOWN_RUBRICS", str(ROOT / "rubrics"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def scenarios_dir(tmp_path) -> Path:
    """A small, fixed library: the library call and the tiny test call."""
    folder = tmp_path / "scenarios"
    folder.mkdir()
    shutil.copy(LIBRARY, folder / LIBRARY.name)
    shutil.copy(TINY, folder / TINY.name)
    return folder


@pytest.fixture
def library():
    return load_scenario(LIBRARY)


def with_changes(loaded, **changes):
    """The same scenario with some fields changed (e.g. pressure_seconds)."""
    return dataclasses.replace(loaded, scenario=loaded.scenario.model_copy(update=changes))


@pytest.fixture
def build(scenarios_dir):
    """make_app with test defaults: fixed time and session id, no cursor blink."""

    def factory(**kwargs) -> TalkdownApp:
        kwargs.setdefault("scenarios", scenarios_dir)
        kwargs.setdefault("transcripts", Path("transcripts"))
        kwargs.setdefault("cursor_blink", False)
        kwargs.setdefault("session_ids", lambda: "0000test")
        kwargs.setdefault("now", lambda: FIXED_TIME)
        kwargs.setdefault("seeds", lambda: 4242)
        return make_app(**kwargs)

    return factory


def transcript_files(root: Path = Path("transcripts")) -> list[Path]:
    return sorted(root.rglob("*.jsonl"))


RECORDED = ROOT / "tests" / "data" / "replay" / "transcripts"
#: trainee folder -> how many of its recorded sessions a review folder holds (two attempts at each scenario for
#: "dynamic")
PICKED = {"dynamic": 6, "skilled-a": 2, "passive": 1}
#: the calls the picked sessions are of (the recordings hold every shipped scenario)
PICKED_SCENARIOS = ("library-psychosis", "domestic-dispute", "welfare-check-hypoglycaemia")


def review_folder(root: Path) -> Path:
    """Real sessions of three trainees, one cut short by a crash, and one file that is not a transcript."""
    for trainee, n in PICKED.items():
        (root / trainee).mkdir(parents=True)
        recorded = sorted(p for p in (RECORDED / trainee).glob("*.jsonl") if any(x in p.name for x in PICKED_SCENARIOS))
        for src in recorded[:n]:
            shutil.copy2(src, root / trainee / src.name)
    whole = sorted((root / "passive").glob("*.jsonl"))[0].read_bytes()
    cut = whole[: whole.index(b"\n", len(whole) // 2) + 1] + b'{"type": "subject_sa'
    (root / "passive" / "20991231T000000Z-cut-short.jsonl").write_bytes(cut)
    (root / "passive" / "notes-from-elsewhere.jsonl").write_text('{"hello": "not a transcript"}\n')
    return root


async def wait_for(pilot, screen_type, tries: int = 100):
    """The screen once it is current and its loading (workers) is done."""
    for _ in range(tries):
        if isinstance(pilot.app.screen, screen_type):
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            return pilot.app.screen
        await pilot.pause(0.05)
    raise AssertionError(f"expected {screen_type.__name__}, on {type(pilot.app.screen).__name__}")
