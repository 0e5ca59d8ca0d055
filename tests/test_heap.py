"""A call keeps what was loaded to start it, and what each turn leaves, out of later garbage
collections, so full passes do not grow over a long call (timed in benchmarks/app_turns_bench.py)."""

from __future__ import annotations

import gc
from pathlib import Path

from simulator.live import heap
from simulator.live.recorded import RecordedSession
from simulator.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[1]


def test_a_call_freezes_the_heap_at_its_start_and_after_each_turn(tmp_path, monkeypatch):
    gc.unfreeze()
    try:
        live = RecordedSession(load_scenario(ROOT / "scenarios/domestic-dispute.yaml"), trainee="Kim",
                               mode="coach", seed=1, transcripts=tmp_path)
        live.start()
        at_start = gc.get_freeze_count()
        assert at_start > 10_000  # the banks, compiled patterns and scenario, at least
        live.reply("Hi, I'm Officer Kim. What's going on tonight?")
        live.reply("That sounds really frightening.")
        assert gc.get_freeze_count() > at_start  # the first turn's events are frozen with the rest
        live.close()
        assert gc.get_freeze_count() > at_start  # under the limit: nothing collected between calls
        monkeypatch.setattr(heap, "LIMIT", 1000)
        heap.release()
        assert gc.get_freeze_count() == 0  # past it, the end of a call collects everything once
    finally:
        gc.unfreeze()
