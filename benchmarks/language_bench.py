"""Lines per second of simulator.language.analyze on the labelled dev set: issue 10 asks >= 5,000 in
process, and >= 2,000 end to end through `talkdown analyze --jsonl`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from simulator.language import Analyzer

DEV = ROOT / "tests" / "data" / "language_dev.jsonl"
FALLBACK = [
    ("Hi, I'm Officer Diaz with the city police. Can you tell me what happened?", None),
    ("It sounds like you're really scared right now.", "They keep following me everywhere I go."),
    ("Put the knife down or I will tase you!", None),
    ("So your landlord locked you out and you have nowhere to sleep tonight.",
     "My landlord changed the locks and I got nowhere to sleep tonight."),
    ("Why don't you just calm down? It's not a big deal.", None),
    ("Are you thinking about hurting yourself?", None),
]
MIN_RATE = 5000.0
"""In process (issue 10, point 5)."""
MIN_JSONL_RATE = 2000.0
"""Through the --jsonl loop (issue 10, how it is checked)."""


def load() -> list[tuple[str, str | None]]:
    if DEV.exists():
        rows = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
        return [(r["utterance"], r.get("context")) for r in rows]
    return FALLBACK * 100


def bench(rounds: int = 5) -> float:
    items = load()
    analyzer = Analyzer()
    for text, ctx in items[:50]:          # warm caches (banks compiled, corrector)
        analyzer.analyze(text, ctx)
    best = 0.0
    for _ in range(rounds):
        t0 = time.perf_counter()
        for text, ctx in items:
            analyzer.analyze(text, ctx)
        best = max(best, len(items) / (time.perf_counter() - t0))
    return best


def bench_jsonl(rounds: int = 3) -> float:
    """The `talkdown analyze --jsonl` loop in-process (JSON in and out, no start-up)."""
    import io

    from simulator.cli.language import _jsonl

    items = load()
    payload = "\n".join(json.dumps({"utterance": t, **({"context": c} if c else {})})
                        for t, c in items) + "\n"
    analyzer = Analyzer()
    best = 0.0
    for _ in range(rounds):
        out = io.StringIO()
        t0 = time.perf_counter()
        _jsonl(analyzer, io.StringIO(payload), out)
        best = max(best, len(items) / (time.perf_counter() - t0))
    return best


def _command(text: str, cache: Path) -> float:
    """Seconds `talkdown analyze --jsonl` takes over ``text``, start-up included, its compiled
    banks kept in ``cache``."""
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "simulator", "analyze", "--jsonl"], input=text, capture_output=True,
                   text=True, check=True, cwd=ROOT, env={**os.environ, "TALKDOWN_CACHE_DIR": str(cache)})
    return time.perf_counter() - t0


def bench_command(copies: int, cache: Path, rounds: int = 3) -> float:
    """Lines per second of `talkdown analyze --jsonl` as a user runs it, over ``copies`` copies
    of the dev set (best of ``rounds``)."""
    items = load() * copies
    payload = "".join(json.dumps({"utterance": t, **({"context": c} if c else {})}) + "\n" for t, c in items)
    return len(items) / min(_command(payload, cache) for _ in range(rounds))


def main() -> int:
    rate = bench()
    jsonl = bench_jsonl()
    source = DEV.name if DEV.exists() else "built-in sample"
    print(f"language: {rate:,.0f} lines/s analyze on {source} ({1000 / rate:.3f} ms/line; target >= "
          f"{MIN_RATE:,.0f}: {'met' if rate >= MIN_RATE else 'MISSED'}); {jsonl:,.0f} lines/s through the --jsonl "
          f"loop (target >= {MIN_JSONL_RATE:,.0f}: {'met' if jsonl >= MIN_JSONL_RATE else 'MISSED'})")
    with tempfile.TemporaryDirectory() as folder:
        cache = Path(folder)
        first = _command("", cache)             # builds the compiled banks into the cache
        start = min(_command("", cache) for _ in range(3))
        rates = {n: bench_command(n, cache) for n in (1, 4)}
    print(f"talkdown analyze --jsonl, start-up included: no input {start:.2f} s (the first run, compiling the "
          f"banks into the cache: {first:.2f} s); " + "; ".join(
              f"{len(load()) * n:,} lines {r:,.0f} lines/s" for n, r in rates.items())
          + f" (target >= {MIN_JSONL_RATE:,.0f})")
    return 0 if rate >= MIN_RATE and jsonl >= MIN_JSONL_RATE else 1


if __name__ == "__main__":
    sys.exit(main())
