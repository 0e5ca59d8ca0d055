"""A running `talkdown serve` for a test, always stopped after it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .client import Server


@pytest.fixture
def server(tmp_path) -> Iterator[Server]:
    running = Server(tmp_path / "transcripts")
    try:
        running.wait_ready()
        yield running
    finally:
        running.stop()
