"""A call that starts leaves what was loaded to start it out of later garbage collections, so
collection pauses do not grow over a long call (timed in benchmarks/engine_bench.py)."""

from __future__ import annotations

import gc
from pathlib import Path

from simulator.live.recorded import RecordedSession
from simulator.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[1]


def test_starting_a_call_freezes_the_loaded_heap(tmp_path):
    gc.unfreeze()
    try:
        assert gc.get_freeze_count() == 0
        live = RecordedSession(load_scenario(ROOT / "scenarios/domestic-dispute.yaml"), trainee="Kim",
                               mode="coach", seed=1, transcripts=tmp_path)
        live.start()
        frozen = gc.get_freeze_count()
        assert frozen > 10_000  # the banks, compiled patterns and scenario, at least
        live.reply("Hi, I'm Officer Kim. What's going on tonight?")
        assert gc.get_freeze_count() <= frozen  # a turn freezes nothing more
        live.close()
    finally:
        gc.unfreeze()
