"""What the app and its screens share: the configuration, the recruit's current choices,
and the rubrics (loaded once, off the UI thread when possible)."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from simulator.settings import Paths

if TYPE_CHECKING:
    from simulator.scenario import LoadedScenario
    from simulator.scoring import LoadedRubric


def _random_seed() -> int:
    return random.SystemRandom().randrange(1, 1_000_000)


@dataclass
class AppConfig:
    paths: Paths = field(default_factory=Paths.resolve)
    scenario: LoadedScenario | None = None
    """Open this scenario's briefing straight away."""
    trainee: str | None = None
    mode: str = "coach"
    seed: int | None = None
    """Seed of the first session; later new attempts draw a random one."""
    clock: Callable[[], float] = time.monotonic
    """Seconds, for the pressure timer; tests pass a fake."""
    pressure_poll: float = 0.5
    session_ids: Callable[[], str] | None = None
    now: Callable[[], datetime] | None = None
    cursor_blink: bool = True
    seeds: Callable[[], int] = _random_seed


class RubricCache:
    """The rubrics of the configured folder, loaded at most once (any thread)."""

    def __init__(self, paths: Paths) -> None:
        self._paths = paths
        self._lock = threading.Lock()
        self._loaded: tuple[list[LoadedRubric] | None, str] | None = None

    def get(self) -> tuple[list[LoadedRubric] | None, str]:
        """The rubrics, or None and why they cannot be used."""
        with self._lock:
            if self._loaded is None:
                from simulator.debrief import rubrics_or_problem  # after the first frame

                self._loaded = rubrics_or_problem(self._paths.rubrics)
            return self._loaded


@dataclass
class AppState:
    config: AppConfig
    trainee: str = ""
    mode: str = "coach"
    rubrics: RubricCache = field(init=False)

    def __post_init__(self) -> None:
        self.rubrics = RubricCache(self.config.paths)
