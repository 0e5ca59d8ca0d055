"""Class-mode capacity: `talkdown serve` with N recruits at once (N = 1, 10, 30), each a scripted
browser-less session speaking the page's websocket protocol (tests/serve/client.py), so the
server, textual-serve's relay and one app process per session run exactly as for browsers.

Each recruit arrives (staggered over a few seconds, as a class sits down), types a name, opens
the library call, and plays TURNS replies typed a key at a time at a fast typist's speed, with a
pause between turns. Measured: memory per session (PSS and RSS of its app process, from /proc,
once every recruit has played its turns), and turn latency, from Enter to the screen showing the subject's
answer (the turn counter moving on), p50 and p99 over every turn of every recruit.
"""

from __future__ import annotations

import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.serve.client import Recruit, Server

SIZES = (1, 10, 30)
TURNS = 5
PER_KEY = 0.08  # about 12 keys a second
PAUSE = (1.0, 3.0)  # seconds between reading the answer and typing the next reply
ARRIVAL = 0.3  # seconds between recruits arriving
TARGET_P99 = 1.0  # seconds, at the largest class
REPLIES = ["Hi Marcus, I'm officer Lee. You sound really scared.", "What are the voices telling you right now?",
           "That sounds exhausting. I'm not going anywhere.", "Can you tell me more about what happened today?",
           "So they have been following you all day, and nobody believes you.",
           "Are you thinking about killing yourself?"]


def session_pids(server_pid: int) -> list[int]:
    pids = []
    for children in Path(f"/proc/{server_pid}/task").glob("*/children"):
        pids += [int(p) for p in children.read_text().split()]
    return sorted(pids)


def memory_kib(pid: int) -> tuple[int, int]:
    """(PSS, RSS) of a process in KiB."""
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value = line.split(":", 1)
        fields[name] = int(value.split()[0])
    return fields["Pss"], fields["Rss"]


async def recruit(url: str, index: int, latencies: list[float], started: list[float], ready: asyncio.Barrier,
                  done: asyncio.Event) -> None:
    rng = random.Random(index)
    session = Recruit(url)
    await asyncio.sleep(index * ARRIVAL)
    t0 = time.perf_counter()
    try:
        await session.open()
        await session.wait_for("Frightened man", timeout=120)
        started.append(time.perf_counter() - t0)
        await session.press("enter")
        await session.wait_for("Type your name first", timeout=60)
        await session.enter(f"Recruit {index:02d}", timeout=60)
        await session.wait_for(f"Training as Recruit {index:02d}", timeout=60)
        await session.type("psychosis")
        await session.wait_for("Shouting match", gone=True, timeout=60)
        await session.press("enter")
        await session.wait_for("Press Enter to start", timeout=60)
        await session.press("enter")
        await session.wait_for("Say something to", timeout=60)
        await ready.wait()  # every call under way: the turns begin together
        for turn in range(1, TURNS + 1):
            await asyncio.sleep(rng.uniform(*PAUSE))
            reply = REPLIES[(index + turn) % len(REPLIES)]
            await session.type(reply, per_key=PER_KEY)
            await session.wait_for(reply[-20:], timeout=60)
            await session.press("enter")
            latencies.append(await session.wait_for(f"Turn {turn} of", timeout=60))
        await done.wait()
    finally:
        await session.close()


async def measure(server: Server, size: int) -> dict[str, float]:
    latencies: list[float] = []
    started: list[float] = []
    ready = asyncio.Barrier(size + 1)
    done = asyncio.Event()
    tasks = [asyncio.create_task(recruit(server.url, i, latencies, started, ready, done)) for i in range(size)]
    await ready.wait()
    played = asyncio.gather(*tasks)
    while len(latencies) < size * TURNS and not played.done():
        await asyncio.sleep(0.2)
    pids = session_pids(server.process.pid)  # every call under way, TURNS turns in
    memory = [memory_kib(pid) for pid in pids]
    server_pss, server_rss = memory_kib(server.process.pid)
    done.set()
    await played
    while session_pids(server.process.pid):  # every session's app gone before the next class
        await asyncio.sleep(0.2)
    ordered = sorted(latencies)
    return {"sessions": len(pids), "pss": statistics.mean(p for p, _ in memory) / 1024,
            "rss": statistics.mean(r for _, r in memory) / 1024, "server_rss": server_rss / 1024,
            "server_pss": server_pss / 1024, "p50": statistics.median(ordered),
            "p99": ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))], "max": ordered[-1],
            "start_p50": statistics.median(started), "start_max": max(started), "turns": len(ordered)}


def main() -> int:
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["TALKDOWN_CACHE_DIR"] = str(Path(tmp) / "cache")
        server = Server(Path(tmp) / "transcripts")
        try:
            server.wait_ready()
            for size in SIZES:
                r = results[size] = asyncio.run(measure(server, size))
                print(f"serve, {size} recruit{'s' if size != 1 else ''} at once ({r['sessions']} app processes): "
                      f"memory per session PSS {r['pss']:.0f} MiB (RSS {r['rss']:.0f}), server RSS "
                      f"{r['server_rss']:.0f} MiB; turn latency p50 {r['p50'] * 1000:.0f} ms, p99 "
                      f"{r['p99'] * 1000:.0f} ms (max {r['max'] * 1000:.0f}, {r['turns']} turns); library shown "
                      f"p50 {r['start_p50']:.1f} s after connecting (max {r['start_max']:.1f})", flush=True)
        finally:
            server.stop()
    ok = results[SIZES[-1]]["p99"] <= TARGET_P99
    print(f"serve: p99 turn latency at {SIZES[-1]} recruits {'within' if ok else 'ABOVE'} {TARGET_P99:.1f} s "
          f"on {os.cpu_count()} cores")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
