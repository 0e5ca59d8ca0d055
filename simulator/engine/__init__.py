"""The role-player: subject model, phase machine and the Session that runs a turn."""

from simulator.engine.conditions import Facts, holds
from simulator.engine.session import Session

__all__ = ["Facts", "Session", "holds"]
