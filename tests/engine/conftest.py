from __future__ import annotations

from pathlib import Path

import pytest

from simulator.engine import Session
from simulator.scenario import load_scenario

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture
def tiny():
    return load_scenario(FIXTURES / "tiny.yaml")


@pytest.fixture
def session(tiny):
    s = Session(tiny, seed=7)
    s.start()
    return s


def subject_lines(events):
    return [e.text for e in events if e.event == "subject"]
