"""A 200-turn call in the app (headless, driven by Pilot): each turn's time from Enter to the
refreshed screen, first 40 turns against the last 40 (issue 12: per-turn refresh flat over a
200-turn call), and the garbage collector's full passes during the call."""

from __future__ import annotations

import asyncio
import dataclasses
import gc
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TURNS = 200
GROWTH = 1.25  # the last 40 turns' median within this of the first 40's
LINES = ["It sounds like you're really frustrated with how tonight went.", "What happened before we got here?",
         "So he took the keys and you were scared he'd drive.", "Are you safe at home? Has anyone hurt you?",
         "Mm-hm. Go on.", "I'm not going to arrest you. I want to understand."]


async def play(tmp: Path) -> tuple[list[float], list[float]]:
    from textual.widgets import Input

    from simulator.scenario import load_scenario
    from simulator.tui.app import make_app
    from simulator.tui.screens.play import PlayScreen

    loaded = load_scenario(ROOT / "scenarios" / "domestic-dispute.yaml")
    s = loaded.scenario  # a call that goes on: no ending, the first phase kept
    s = s.model_copy(update={"max_turns": 500, "outcomes": [], "phases": [
        p.model_copy(update={"transitions": []}) if i == 0 else p for i, p in enumerate(s.phases)]})
    app = make_app(scenario=dataclasses.replace(loaded, scenario=s), trainee="Lee", seed=1,
                   transcripts=tmp / "transcripts", cursor_blink=False)
    times: list[float] = []
    full_passes: list[float] = []
    started = [0.0]

    def watch(phase: str, info: dict) -> None:
        if info["generation"] == 2:
            if phase == "start":
                started[0] = time.perf_counter()
            else:
                full_passes.append((time.perf_counter() - started[0]) * 1000)

    async with app.run_test(size=(120, 40)) as pilot:
        while not isinstance(app.screen, PlayScreen):
            await pilot.press("enter")
            await pilot.pause(0.05)
        screen = app.screen
        gc.callbacks.append(watch)
        for turn in range(TURNS):
            screen.live.session.facts.agitation = 50.0
            screen.query_one("#reply", Input).value = f"{LINES[turn % len(LINES)]} ({turn})"
            t0 = time.perf_counter()
            await pilot.press("enter")
            await pilot.pause()
            times.append((time.perf_counter() - t0) * 1000)
        gc.callbacks.remove(watch)
    return times, full_passes


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["TALKDOWN_CONFIG_DIR"] = str(Path(tmp) / "config")
        os.environ["TALKDOWN_RUBRICS"] = str(ROOT / "rubrics")
        times, full = asyncio.run(play(Path(tmp)))
    first, last = statistics.median(times[:40]), statistics.median(times[-40:])
    ok = last <= GROWTH * first
    print(f"app, {TURNS}-turn call: turns 1-40 median {first:.0f} ms (max {max(times[:40]):.0f}), turns "
          f"{TURNS - 39}-{TURNS} median {last:.0f} ms (max {max(times[-40:]):.0f}); full collections during the "
          f"call: {len(full)}{f', longest {max(full):.0f} ms' if full else ''}: {'flat' if ok else 'GROWS'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
