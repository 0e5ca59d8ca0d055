from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything under tests/tui is marked `tui`."""
    for item in items:
        if (ROOT / "tests" / "tui") in item.path.parents:
            item.add_marker(pytest.mark.tui)


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture
def library_path() -> Path:
    return SCENARIOS / "library-psychosis.yaml"
