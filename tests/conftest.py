from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"


# Whole-scenario plays: every shipped walkthrough, the scored trainees, the recorded replays.
PLAYS = {"test_replay.py", "test_shipped_walkthroughs.py", "test_walkthroughs_scored.py"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything under tests/tui is marked `tui`; the whole-scenario plays `plays`."""
    for item in items:
        if (ROOT / "tests" / "tui") in item.path.parents:
            item.add_marker(pytest.mark.tui)
        if item.path.name in PLAYS:
            item.add_marker(pytest.mark.plays)


@pytest.fixture(autouse=True, scope="session")
def _scores_cached_apart(tmp_path_factory) -> Iterator[None]:
    """Remembered scores go to a folder of the test run's own, never the user's cache."""
    before = os.environ.get("TALKDOWN_CACHE_DIR")
    os.environ["TALKDOWN_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if before is None:
        os.environ.pop("TALKDOWN_CACHE_DIR", None)
    else:
        os.environ["TALKDOWN_CACHE_DIR"] = before


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture
def library_path() -> Path:
    return SCENARIOS / "library-psychosis.yaml"


# Faults: a small disk and a read-only folder, real ones when the tests run as root (as in CI).
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _mount_tmpfs(folder: Path, size: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here, even as root: {done.stderr.strip()}")


def _unmount(folder: Path) -> None:
    # lazily: a test that failed may still hold a file open there
    subprocess.run(["umount", "--lazy", str(folder)], check=True, capture_output=True)


@pytest.fixture
def small_disk(tmp_path) -> Iterator[Path]:
    """A 64 KiB tmpfs (root only: mounting needs it)."""
    if not AS_ROOT:
        pytest.skip("a full disk is tested on a small tmpfs, and mounting one needs root (CI runs as root)")
    disk = tmp_path / "disk"
    _mount_tmpfs(disk, "64k")
    try:
        yield disk
    finally:
        _unmount(disk)


def _fill(disk: Path, leave: int) -> Path:
    free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
    filler = disk / "filler"
    with open(filler, "wb") as fh:
        fh.write(b"\0" * max(free - leave, 0))
    return filler


@pytest.fixture
def fill():
    """fill(disk, leave): fill ``disk`` until about ``leave`` bytes are free (tmpfs counts whole
    4 KiB pages); returns the filler file, to delete to free the space again."""
    return _fill


@pytest.fixture
def read_only_dir(tmp_path) -> Iterator[Path]:
    """An empty folder nothing can be written in: a read-only tmpfs as root (root ignores
    permissions), a folder without write permission otherwise."""
    folder = tmp_path / "read-only"
    if AS_ROOT:
        _mount_tmpfs(folder, "64k")
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True, capture_output=True)
        try:
            yield folder
        finally:
            _unmount(folder)
    else:
        folder.mkdir()
        folder.chmod(0o555)
        try:
            yield folder
        finally:
            folder.chmod(0o755)
