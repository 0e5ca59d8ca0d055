"""Rescoring saved sessions: each one played again from the trainee's lines (see ``replay``),
scored against the current rubrics, and remembered on disk.

A score is remembered by the transcript's path, modification time and size, the scenario file's
content, the rubrics' content and this version of Talkdown: change any of them and it is scored
again; otherwise `talkdown score`, the app's Last and Best columns and the reports read it back
instead of replaying.  Many transcripts are scored in parallel processes.

A session this installation recorded to its end is vouched for in the same file by a digest of
its exact bytes (with the scenario file's content and this version): its events are the engine's
own, so they are what a replay would give, and scoring it the first time needs no replay.  Any
change to the file, the scenario or the version and the digest no longer matches: it is replayed
like any other.  A replay that agrees with the file vouches for it too.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from simulator import __version__
from simulator.debrief import find_scenario
from simulator.debrief.prepare import scenario_ref
from simulator.live.cache import CACHE_FORMAT, Rescored, ScoreCache, content_key
from simulator.live.replay import Replay, replay_file
from simulator.sanitize import json_text, printable
from simulator.scenario import LoadedScenario
from simulator.scoring import LoadedRubric, ScoreReport, load_rubrics
from simulator.scoring.evaluate import score_log
from simulator.transcripts import TranscriptError, open_transcript, session_log
from simulator.transcripts.events import Event, Started

#: below this many transcripts to score, one process is quicker than starting others
PARALLEL_FROM = 24


def report_text(report: ScoreReport) -> str:
    """The plain-text score of one transcript, as `talkdown score` prints it."""
    name, trainee = printable(str(report.transcript)), printable(str(report.trainee))
    lines = [f"{name}: {report.scenario.get('id')}, trainee {trainee}, "
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
            found, why = _find(scenario_id, scenarios, memo)
            key = _key(path, found.content_hash if found is not None else f"none: {why}", rubrics)
            remembered = cache.get(key) if key is not None else None
            if remembered is not None:
                return remembered
    played: Replay | None = None
    with open_transcript(path) as t:  # the header and the last line checked; the events are streamed below
        header, problems = t.header, list(t.problems)
        loaded, warning = _find(header.scenario.id, scenarios, memo)
        vouched = None
        if cache is not None and loaded is not None and loaded.scenario.id == header.scenario.id \
                and loaded.content_hash == header.scenario.content_hash:
            vouched = content_key(path, loaded.content_hash)
        if vouched is not None and cache is not None and cache.vouched(vouched):
            played = Replay(list(t.events()), "recorded")  # recorded here, byte for byte: as a replay gives
    if cache is not None and key is None:  # the header could not be looked at first
        key = _key(path, loaded.content_hash if loaded is not None else f"none: {warning}", rubrics)
    warnings = [warning] if warning else []
    warnings += [p.message for p in problems]
    if played is None:
        played = replay_file(path, loaded, said_why=warning is not None)
        if vouched is not None and cache is not None and played.how == "replayed" and played.differs_at is None:
            cache.vouch(vouched)
    if played.warning:
        warnings.append(played.warning)
    done = _scored(path, header, played, loaded, rubrics, warnings)
    if key is not None and cache is not None:
        cache.put(key, done)
    return done


def _scored(path: Path, header: Started, played: Replay, loaded: LoadedScenario | None,
            rubrics: Sequence[LoadedRubric], warnings: list[str]) -> Rescored:
    log = session_log(played.events)
    report = score_log(log, list(rubrics), transcript=str(path), scenario=scenario_ref(loaded))
    report.warnings = warnings + report.warnings
    data = report.to_dict()
    data["scored_from"] = {"how": played.how, "differs_at_turn": played.differs_at}
    data["recorded"] = header.time
    data["cues"] = [{"id": c.id, "shown_turn": c.shown_turn, "recognised_turn": c.recognised_turn}
                    for c in log.cues]
    return Rescored(str(path), json_text(data), report_text(report), report.passed,
                    report.overall, header.scenario.id, report.outcome)


def remember_recording(path: Path, loaded: LoadedScenario, events: Sequence[Event],
                       rubrics: Sequence[LoadedRubric] | None, cache_path: Path | None) -> None:
    """A session this installation played and saved whole to its end (``events``, as saved at
    ``path``): vouched for, so it is never replayed to be scored while its bytes are unchanged, and,
    with ``rubrics``, its score remembered as `talkdown score` gives it. Nothing is raised: a cache
    that cannot be written leaves the file to be replayed when scored."""
    if cache_path is None:
        return
    vouched = content_key(path, loaded.content_hash)
    if vouched is None:
        return
    cache = ScoreCache(cache_path)
    try:
        cache.vouch(vouched)
        header = events[0] if events else None
        key = _key(path, loaded.content_hash, rubrics) if rubrics else None
        if rubrics and key is not None and isinstance(header, Started):
            cache.put(key, _scored(path, header, Replay(list(events), "recorded"), loaded, rubrics, []))
    finally:
        cache.close()


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
