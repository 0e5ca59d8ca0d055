"""Playing a session: the engine wired to its transcript, coach feedback, the headless runner."""

from simulator.live.coach import Mark, marks, tip
from simulator.live.recorded import RecordedSession

__all__ = ["Mark", "RecordedSession", "marks", "tip"]
