"""Class-mode capacity: `talkdown serve` with N recruits at once (N = 1, 10, 20, 30), each a scripted
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
import signal
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.serve.client import Recruit, Server

SIZES = (1, 10, 20, 30)
TURNS = 5
PER_KEY = 0.08  # about 12 keys a second
PAUSE = (1.0, 3.0)  # seconds between reading the answer and typing the next reply
ARRIVAL = 0.3  # seconds between recruits arriving
TARGET_P99 = 2.0  # seconds, at the largest class
START_TIMEOUT = 240.0  # seconds for each step from connecting to the first line of the call
TURN_TIMEOUT = 60.0
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


@dataclass
class Class:
    """What the recruits of one run share: the measurements, and when every call is under way."""

    size: int
    latencies: list[float] = field(default_factory=list)
    started: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    in_call: int = 0
    all_in_call: asyncio.Event = field(default_factory=asyncio.Event)
    all_played: asyncio.Event = field(default_factory=asyncio.Event)
    played: int = 0
    done: asyncio.Event = field(default_factory=asyncio.Event)

    def arrived(self) -> None:
        self.in_call += 1
        if self.in_call == self.size:
            self.all_in_call.set()

    def finished(self) -> None:
        self.played += 1
        if self.played == self.size:
            self.all_played.set()


async def recruit(url: str, index: int, group: Class) -> None:
    rng = random.Random(index)
    session = Recruit(url)
    in_call = False
    await asyncio.sleep(index * ARRIVAL)
    t0 = time.perf_counter()
    try:
        await session.open()
        await session.wait_for("Frightened man", timeout=START_TIMEOUT)
        group.started.append(time.perf_counter() - t0)
        await session.press("enter")
        await session.wait_for("Type your name first", timeout=START_TIMEOUT)
        await session.enter(f"Recruit {index:02d}", timeout=START_TIMEOUT)
        await session.wait_for(f"Training as Recruit {index:02d}", timeout=START_TIMEOUT)
        await session.type("psychosis")
        await session.wait_for("Shouting match", gone=True, timeout=START_TIMEOUT)
        await session.press("enter")
        await session.wait_for("Press Enter to start", timeout=START_TIMEOUT)
        await session.press("enter")
        await session.wait_for("Say something to", timeout=START_TIMEOUT)
        in_call = True
        group.arrived()
        await group.all_in_call.wait()  # every call under way: the turns begin together
        for turn in range(1, TURNS + 1):
            await asyncio.sleep(rng.uniform(*PAUSE))
            reply = REPLIES[(index + turn) % len(REPLIES)]
            await session.type(reply, per_key=PER_KEY)
            await session.wait_for(reply[-20:], timeout=TURN_TIMEOUT)
            await session.press("enter")
            group.latencies.append(await session.wait_for(f"Turn {turn} of", timeout=TURN_TIMEOUT))
    except (TimeoutError, aiohttp.ClientError) as exc:
        group.failures.append(f"recruit {index}: {exc}")
    finally:
        if not in_call:
            group.arrived()
        group.finished()
        await group.done.wait()  # every session open until memory is read
        await session.close()


async def measure(server: Server, size: int) -> dict[str, float]:
    group = Class(size)
    tasks = asyncio.gather(*[recruit(server.url, i, group) for i in range(size)])
    await group.all_played.wait()
    pids = session_pids(server.process.pid)  # every call under way, TURNS turns in
    memory = [memory_kib(pid) for pid in pids]
    server_pss, server_rss = memory_kib(server.process.pid)
    group.done.set()
    await tasks
    while session_pids(server.process.pid):  # every session's app gone before the next class
        await asyncio.sleep(0.2)
    for failure in group.failures:
        print(f"  {failure.splitlines()[0]}")
        print(failure, file=sys.stderr)  # with the screen the recruit saw
    ordered = sorted(group.latencies) or [float("inf")]
    return {"sessions": len(pids), "pss": statistics.mean(p for p, _ in memory) / 1024,
            "rss": statistics.mean(r for _, r in memory) / 1024, "server_rss": server_rss / 1024,
            "server_pss": server_pss / 1024, "p50": statistics.median(ordered),
            "p99": ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))], "max": ordered[-1],
            "start_p50": statistics.median(group.started), "start_max": max(group.started),
            "turns": len(group.latencies), "failed": len(group.failures)}


def main() -> int:
    results = {}
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # stopped from outside: the server is stopped too
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
                      f"p50 {r['start_p50']:.1f} s after connecting (max {r['start_max']:.1f}); "
                      f"{r['failed']} recruits failed", flush=True)
        finally:
            server.stop()
    fast = results[SIZES[-1]]["p99"] <= TARGET_P99
    failed = sum(r["failed"] for r in results.values())
    print(f"serve: p99 turn latency at {SIZES[-1]} recruits {'within' if fast else 'ABOVE'} {TARGET_P99:.1f} s "
          f"on {os.cpu_count()} cores; {failed} recruits failed")
    ok = fast and not failed
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
