"""The compiled phrase banks kept between runs: read back, they find exactly what freshly compiled
ones find; a damaged, stale or unwritable cache costs time, never a wrong result or an error."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.language import bankcache
from simulator.language.analyzer import Analyzer
from simulator.language.banks import default_banks
from simulator.language.compiled import Compiled, plan_pattern

DATA = Path(__file__).resolve().parents[1] / "data"


def _replies(limit: int = 400) -> list[str]:
    rows = [json.loads(line) for line in (DATA / "language_dev.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    return [r["utterance"] for r in rows[:limit]] + [
        "You're in violation of section 415.2, so move along.", "What an idiot", "i really understand\nwhy"]


def _fingerprint(c: Compiled, replies: list[str]) -> list:
    """Every pattern's matches over the replies, and how each pattern is gated and found."""
    out = []
    for tid, rx, kind, words in c.patterns:
        out.append((tid, rx.pattern, rx.flags, rx.groups, kind, sorted(words),
                    [[m.span() for m in rx.finditer(r.lower())] for r in replies]))
    out.append((sorted(c.gated), sorted((k, sorted(v)) for k, v in c.needed_by.items()),
                sorted((k, v) for k, v in c.scan_needs.items()), c.scanned))
    return out


@pytest.fixture(scope="module")
def replies() -> list[str]:
    return _replies()


@pytest.fixture(scope="module")
def fresh(tmp_path_factory, replies) -> list:
    """The banks compiled with the cache out of the way (plain ``re.compile``, gates computed)."""
    mp = pytest.MonkeyPatch()
    mp.setattr(bankcache, "_usable", lambda: False)
    try:
        return _fingerprint(Compiled(default_banks(), tmp_path_factory.mktemp("unused")), replies)
    finally:
        mp.undo()


def test_read_back_the_patterns_find_what_fresh_ones_find(tmp_path, replies, fresh):
    first = Compiled(default_banks(), tmp_path)            # builds and stores
    stored = list(tmp_path.glob("banks-*.bin"))
    assert len(stored) == 1
    again = Compiled(default_banks(), tmp_path)            # reads back
    assert _fingerprint(first, replies) == fresh
    assert _fingerprint(again, replies) == fresh
    assert list(tmp_path.glob("banks-*.bin")) == stored    # nothing rebuilt


def test_each_plan_is_what_the_gates_say(tmp_path):
    patterns = [("you (?:seem|look) (?:upset|tired)", "you (?:seem|look) (?:upset|tired)"),
                ("(?<!not )really (?:sorry|upset)", "(?<!not )really (?:sorry|upset)")]
    bankcache.compile_patterns(patterns, plan_pattern, tmp_path)
    got = bankcache.compile_patterns(patterns, plan_pattern, tmp_path)
    assert [planned for _, planned in got] == [plan_pattern(g) for _, g in patterns]
    assert got[0][1][0] == "start" and got[0][1][1] == frozenset({"you seem", "you look"})
    assert [rx.search("honestly you look tired").span() for rx, _ in got[:1]] == [(9, 23)]


@pytest.mark.parametrize("damage", ["flip", "truncate", "empty", "garbage"])
def test_a_damaged_cache_is_rebuilt_not_trusted(tmp_path, replies, fresh, damage):
    Compiled(default_banks(), tmp_path)
    (path,) = tmp_path.glob("banks-*.bin")
    blob = path.read_bytes()
    if damage == "flip":
        blob = blob[:5000] + bytes([blob[5000] ^ 0x55]) + blob[5001:]
    elif damage == "truncate":
        blob = blob[: len(blob) // 2]
    elif damage == "empty":
        blob = b""
    else:
        blob = os.urandom(64)
    path.write_bytes(blob)
    assert _fingerprint(Compiled(default_banks(), tmp_path), replies) == fresh
    assert path.read_bytes() != blob                       # written again, whole


def test_a_well_formed_file_holding_other_programs_is_not_used(tmp_path):
    """A file whose checksum holds but whose content was stored for other patterns (a hand copy, a
    digest collision in the name) is refused by the digest inside it."""
    a = [("calm down", "calm down")]
    b = [("settle down", "settle down")]
    bankcache.compile_patterns(a, plan_pattern, tmp_path)
    (path_a,) = tmp_path.glob("banks-*.bin")
    digest_b = bankcache._digest([p for pair in b for p in pair])
    path_a.rename(tmp_path / f"banks-{digest_b[:24]}.bin")
    ((rx, planned),) = bankcache.compile_patterns(b, plan_pattern, tmp_path)
    assert rx.pattern == "settle down" and rx.search("please settle down")
    assert planned == plan_pattern("settle down")


def test_edited_patterns_get_a_new_entry_and_old_ones_are_pruned(tmp_path):
    for i in range(bankcache._KEEP + 3):
        ((rx, _),) = bankcache.compile_patterns([(f"word{i}", f"word{i}")], plan_pattern, tmp_path)
        assert rx.pattern == f"word{i}" and rx.search(f"a word{i} here")
    kept = list(tmp_path.glob("banks-*.bin"))
    assert len(kept) == bankcache._KEEP
    assert not list(tmp_path.glob(".new-*"))               # no half-written file left behind


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_folder_that_cannot_be_written_only_costs_time(tmp_path, replies, fresh):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        assert _fingerprint(Compiled(default_banks(), folder), replies) == fresh
        assert not list(folder.iterdir())
    finally:
        folder.chmod(0o700)


def test_a_cache_path_that_is_a_file_only_costs_time(tmp_path, replies, fresh):
    blocker = tmp_path / "cache"
    blocker.write_text("not a folder")
    assert _fingerprint(Compiled(default_banks(), blocker / "inner"), replies) == fresh
    assert blocker.read_text() == "not a folder"


def test_an_invalid_pattern_is_still_refused(tmp_path):
    import re
    with pytest.raises(re.error):
        bankcache.compile_patterns([("(unclosed", "(unclosed")], plan_pattern, tmp_path)


def test_the_command_reads_the_same_through_the_cache_and_keeps_it_where_told(tmp_path, replies):
    """``talkdown analyze --jsonl`` twice: the first run builds the cache in ``--cache-dir``, the
    second reads it; both print what the process's own banks find."""
    lines = "".join(json.dumps({"utterance": r}) + "\n" for r in replies[:120])
    folder = tmp_path / "cache"
    outs = []
    for _ in range(2):
        done = subprocess.run([sys.executable, "-m", "simulator", "--cache-dir", str(folder), "analyze", "--jsonl"],
                              input=lines, capture_output=True, text=True, timeout=120,
                              env={**os.environ, "TALKDOWN_CACHE_DIR": str(tmp_path / "elsewhere")})
        assert done.returncode == 0, done.stderr
        outs.append(done.stdout)
        assert len(list(folder.glob("banks-*.bin"))) == 1
    assert not (tmp_path / "elsewhere").exists()
    analyzer = Analyzer()
    expected = [analyzer.analyze(r).to_dict() for r in replies[:120]]
    got = [json.loads(x) for x in outs[0].splitlines()]
    assert len(got) == len(expected) and all(got_row["techniques"] for got_row in got[:5])
    assert got == [{k: row[k] for k in got_row} for got_row, row in zip(got, expected, strict=True)]
    assert outs[1] == outs[0]
