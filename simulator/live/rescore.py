"""Rescoring saved sessions: each one played again from the trainee's lines (see ``replay``),
scored against the current rubrics, and remembered on disk.

A score is remembered by the transcript's path, modification time and size, the scenario file's
content, the rubrics' content and this version of Talkdown: change any of them and it is scored
again; otherwise `talkdown score`, the app's Last and Best columns and the reports read it back
instead of replaying.  Many transcripts are scored in parallel processes.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import stat
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from simulator import __version__
from simulator.debrief import find_scenario, score_events
from simulator.live.replay import replay_file
from simulator.scenario import LoadedScenario
from simulator.scoring import LoadedRubric, ScoreReport, load_rubrics
from simulator.transcripts import TranscriptError, open_transcript, session_log

#: the shape of a remembered score (a new one forgets the old scores)
CACHE_FORMAT = 2
#: below this many transcripts to score, one process is quicker than starting others
PARALLEL_FROM = 24


@dataclass(frozen=True)
class Rescored:
    """One transcript's score: as `--json` prints it, as text, and what the library shows."""

    path: str
    json: str
    """The score as one JSON object (what `--json` prints)."""
    text: str
    passed: bool
    overall: float | None
    scenario_id: str
    outcome: str | None
    remembered: bool = field(default=False, compare=False)
    """Read back from the cache (False: played again and scored now)."""


def report_text(report: ScoreReport) -> str:
    """The plain-text score of one transcript, as `talkdown score` prints it."""
    lines = [f"{report.transcript}: {report.scenario.get('id')}, trainee {report.trainee}, "
             f"{report.outcome or 'unfinished'} after {report.turns} turn{'s' if report.turns != 1 else ''}"]
    lines += [f"  warning: {w}" for w in report.warnings]
    for r in report.rubrics:
        lines.append(f"  {r.id:<22} {r.percent:5.1f}%  {'PASS' if r.passed else 'FAIL'}  (pass mark {r.pass_mark:g}%)")
        for c in r.criteria:
            mark = "-" if not c.applicable else ("✓" if c.met else "✗")
            turns = sorted({e.turn for e in c.evidence if e.counted and e.kind in ("technique", "action")})
            cited = f" [turn{'s' if len(turns) != 1 else ''} {', '.join(map(str, turns))}]" if turns else ""
            lines.append(f"    {mark} {c.id:<26} {c.points_text:>8}  {c.observed}{cited}")
    return "\n".join(lines) + "\n"


class ScoreCache:
    """Scores remembered in a SQLite file (safe for several processes at once); a cache that cannot
    be opened or written is simply not used."""

    def __init__(self, path: Path | None):
        self.path = path
        self._db: sqlite3.Connection | None = None
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, timeout=10, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("CREATE TABLE IF NOT EXISTS scores (key TEXT PRIMARY KEY, path TEXT, json TEXT, text TEXT, "
                       "passed INTEGER, overall REAL, scenario_id TEXT, outcome TEXT)")
            self._db = db
        except (OSError, sqlite3.Error):
            self._db = None

    def get(self, key: str) -> Rescored | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT path, json, text, passed, overall, scenario_id, outcome FROM scores "
                                   "WHERE key = ?", (key,)).fetchone()
            return Rescored(row[0], row[1], row[2], bool(row[3]), row[4], row[5], row[6], True) if row else None
        except (sqlite3.Error, IndexError, TypeError):
            return None

    def put(self, key: str, value: Rescored) -> None:
        if self._db is None:
            return
        with contextlib.suppress(sqlite3.Error):
            self._db.execute("INSERT OR REPLACE INTO scores VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                             (key, value.path, value.json, value.text, int(value.passed), value.overall,
                              value.scenario_id, value.outcome))

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


Found = dict[str, tuple[LoadedScenario | None, str | None]]


def _find(scenario_id: str, scenarios: Path, memo: Found | None) -> tuple[LoadedScenario | None, str | None]:
    """The scenario file with this id, looked for once per id in one run over many transcripts
    (``memo``: that run's; a new run sees files changed since)."""
    if memo is None:
        return find_scenario(scenario_id, scenarios)
    if scenario_id not in memo:
        memo[scenario_id] = find_scenario(scenario_id, scenarios)
    return memo[scenario_id]


def _rubrics_key(rubrics: Sequence[LoadedRubric]) -> str:
    return ",".join(f"{r.id}:{r.content_hash}" for r in rubrics)


def _key(path: Path, scenario_hash: str, rubrics: Sequence[LoadedRubric]) -> str | None:
    try:
        st = path.stat()
    except OSError:
        return None
    raw = json.dumps([str(path.resolve()), st.st_mtime_ns, st.st_size, scenario_hash, _rubrics_key(rubrics),
                      __version__, CACHE_FORMAT])
    return hashlib.sha256(raw.encode()).hexdigest()


def _scenario_id(path: Path) -> str | None:
    """The scenario id in a transcript's first line (None if it is not plainly there)."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # a FIFO or a device: the reader refuses it, never opened here
            return None
        with path.open("rb") as f:
            first = f.readline(65536)
        header = json.loads(first)
        scenario_id = header["scenario"]["id"]
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return None
    return scenario_id if isinstance(scenario_id, str) else None


def rescore_one(path: Path, scenarios: Path, rubrics: Sequence[LoadedRubric],
                cache: ScoreCache | None = None, memo: Found | None = None) -> Rescored:
    """Score one transcript from its replay (or read the remembered score); TranscriptError if
    the file cannot be read."""
    key = None
    if cache is not None:  # the header names the scenario: enough to look the score up
        scenario_id = _scenario_id(path)
        if scenario_id is not None:
            found, _ = _find(scenario_id, scenarios, memo)
            key = _key(path, found.content_hash if found is not None else "", rubrics)
            remembered = cache.get(key) if key is not None else None
            if remembered is not None:
                return remembered
    with open_transcript(path) as t:  # the header and the last line checked; the events are streamed below
        header, problems = t.header, list(t.problems)
    loaded, warning = _find(header.scenario.id, scenarios, memo)
    if cache is not None and key is None:  # the header could not be looked at first
        key = _key(path, loaded.content_hash if loaded is not None else "", rubrics)
    warnings = [warning] if warning else []
    warnings += [p.message for p in problems]
    played = replay_file(path, loaded)
    if played.warning:
        warnings.append(played.warning)
    report = score_events(played.events, list(rubrics), transcript=str(path), scenario=loaded, warnings=warnings)
    data = report.to_dict()
    data["scored_from"] = {"how": played.how, "differs_at_turn": played.differs_at}
    data["recorded"] = header.time
    data["cues"] = [{"id": c.id, "shown_turn": c.shown_turn, "recognised_turn": c.recognised_turn}
                    for c in session_log(played.events).cues]
    done = Rescored(str(path), json.dumps(data, ensure_ascii=False), report_text(report), report.passed,
                    report.overall, header.scenario.id, report.outcome)
    if key is not None and cache is not None:
        cache.put(key, done)
    return done


# Parallel workers ---------------------------------------------------------------------------
_WORKER: tuple[Path, list[LoadedRubric], ScoreCache, Found] | None = None


def _start_worker(scenarios: str, rubrics: str, cache: str | None) -> None:
    global _WORKER
    _WORKER = (Path(scenarios), load_rubrics(Path(rubrics)), ScoreCache(Path(cache) if cache else None), {})


def _score_in_worker(path: str) -> Rescored | str:
    assert _WORKER is not None
    scenarios, rubrics, cache, memo = _WORKER
    try:
        return rescore_one(Path(path), scenarios, rubrics, cache, memo)
    except TranscriptError as exc:
        return str(exc)


def rescore_many(paths: Sequence[Path], *, scenarios: Path, rubrics: Sequence[LoadedRubric], rubrics_path: Path,
                 cache_path: Path | None, workers: int | None = None) -> Iterator[Rescored | str]:
    """Each transcript's score (or why it cannot be read), in the order given; in parallel
    processes when there are many (``workers``: default one per core)."""
    workers = workers if workers is not None else (os.cpu_count() or 1)
    if workers <= 1 or len(paths) < PARALLEL_FROM:
        cache = ScoreCache(cache_path)
        memo: Found = {}
        try:
            for path in paths:
                try:
                    yield rescore_one(path, scenarios, rubrics, cache, memo)
                except TranscriptError as exc:
                    yield str(exc)
        finally:
            cache.close()
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker,
                             initargs=(str(scenarios), str(rubrics_path),
                                       str(cache_path) if cache_path else None)) as pool:
        yield from pool.map(_score_in_worker, [str(p) for p in paths], chunksize=16)


def history_scorer(scenarios: Path, rubrics: Sequence[LoadedRubric],
                   cache_path: Path | None) -> Callable[[Path], tuple[str, float | None] | None]:
    """For the library's Last and Best columns: each past session scored from its replay (remembered
    on disk), as (scenario id, overall score or None when unfinished); None when unreadable."""
    cache = ScoreCache(cache_path)
    memo: Found = {}  # one reading of the library: a scorer is made for each

    def scored(path: Path) -> tuple[str, float | None] | None:
        try:
            done = rescore_one(path, scenarios, rubrics, cache, memo)
        except TranscriptError:
            return None
        return done.scenario_id, done.overall if done.outcome else None

    return scored
