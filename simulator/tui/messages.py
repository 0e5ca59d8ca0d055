"""What the screens ask of the app. Screens post these; the app handles them with ``@on``,
so no screen imports the app."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from simulator.live import RecordedSession
    from simulator.scenario import LoadedScenario


class BriefingRequested(Message):
    """Open a scenario's briefing (from the library, or to try again)."""

    def __init__(self, loaded: LoadedScenario, seed: int | None = None, replace: bool = False) -> None:
        super().__init__()
        self.loaded = loaded
        self.seed = seed
        """The seed of the next call; None draws one."""
        self.replace = replace
        """Replace the current screen instead of stacking the briefing on it."""


class StartRequested(Message):
    """Start the call whose briefing the recruit has read."""

    def __init__(self, loaded: LoadedScenario, seed: int | None) -> None:
        super().__init__()
        self.loaded = loaded
        self.seed = seed


class CallEnded(Message):
    """The call is over (or the recruit ended it): show its debrief."""

    def __init__(self, recorded: RecordedSession) -> None:
        super().__init__()
        self.recorded = recorded


class HomeRequested(Message):
    """Back to the library."""


class TraineeChanged(Message):
    """The recruit settled on a name (remembered for next time)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name


class InstructorChanged(Message):
    """An instructor signed a note (their name is remembered for the next one)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
