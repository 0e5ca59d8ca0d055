"""Sessions to send, and the real LRS to send them to (started once per test session)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.authoring.walkthroughs import play_script
from simulator.scenario import load_scenario
from simulator.scoring import load_rubrics, rubric_refs
from simulator.transcripts import stamp_header
from simulator.xapi.lrs import Lrs
from tests.xapi.lrs_server import PASSWORD, USER, Ralph, install

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
RUBRICS = ROOT / "rubrics"


@pytest.fixture(autouse=True)
def folders(monkeypatch):
    monkeypatch.setenv("TALKDOWN_SCENARIOS", str(SCENARIOS))
    monkeypatch.setenv("TALKDOWN_RUBRICS", str(RUBRICS))
    for name in ("TALKDOWN_LRS_URL", "TALKDOWN_LRS_KEY", "TALKDOWN_LRS_SECRET", "TALKDOWN_XAPI_HOME_PAGE"):
        monkeypatch.delenv(name, raising=False)


def play(folder: Path, session_id: str, *, walkthrough: str = "skilled", trainee: str = "lee",
         scenario: str = "library-psychosis", cut: int | None = None) -> Path:
    """A session played through the engine from one of the scenario's walkthroughs and saved as the
    store saves it (``cut``: only the first lines, as after a crash)."""
    loaded = load_scenario(SCENARIOS / f"{scenario}.yaml")
    wt = next(w for w in loaded.scenario.walkthroughs if w.name.startswith(walkthrough))
    _, events = play_script(loaded, list(wt.replies), wt.seeds[0], variant=wt.variant or None)
    header = events[0].model_copy(update={"rubrics": list(rubric_refs(load_rubrics(RUBRICS))), "trainee": trainee})
    events[0] = stamp_header(header, session_id)
    path = folder / trainee / f"20261205T120000Z-{scenario}-{session_id}.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [e.to_json() + "\n" for e in events]
    path.write_text("".join(lines[:cut] if cut else lines), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def ralph(tmp_path_factory) -> Iterator[Ralph]:
    """Ralph on loopback for the whole test session (skipped only when it cannot be installed)."""
    why = install()
    if why:
        pytest.skip(f"no real LRS to test against: {why}")
    server = Ralph(tmp_path_factory.mktemp("ralph"))
    server.make_credentials()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def lrs(ralph) -> Lrs:
    """The running Ralph (started again if a test stopped it), as a client with good credentials."""
    if ralph.process is None:
        ralph.start()
    return Lrs(ralph.endpoint, USER, PASSWORD)
