from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"


# Whole-scenario plays: every shipped walkthrough, the scored trainees, the recorded replays.
PLAYS = {"test_replay.py", "test_shipped_walkthroughs.py", "test_walkthroughs_scored.py"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything under tests/tui is marked `tui`; the whole-scenario plays `plays`."""
    for item in items:
        if (ROOT / "tests" / "tui") in item.path.parents:
            item.add_marker(pytest.mark.tui)
        if item.path.name in PLAYS:
            item.add_marker(pytest.mark.plays)


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture
def library_path() -> Path:
    return SCENARIOS / "library-psychosis.yaml"
