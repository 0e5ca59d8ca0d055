from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture
def library_path() -> Path:
    return SCENARIOS / "library-psychosis.yaml"
