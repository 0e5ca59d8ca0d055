"""The agitation curve as a text sparkline, and the turns that moved it most."""

from __future__ import annotations

from dataclasses import dataclass

from simulator.transcripts import SessionLog, Turn

BLOCKS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float], low: float = 0.0, high: float = 100.0) -> str:
    """One block character a value, on a fixed 0-100 scale so two curves compare."""
    out = []
    span = high - low
    for v in values:
        x = min(max(v, low), high)
        out.append(BLOCKS[min(len(BLOCKS) - 1, int((x - low) / span * len(BLOCKS)))])
    return "".join(out)


@dataclass(frozen=True)
class Moment:
    turn: int
    delta: float
    before: float
    after: float
    said: str
    """The trainee's reply, or the slash command."""
    techniques: tuple[str, ...]
    reply: str | None
    """What the subject said back."""
    to: str | None = None
    """A scene with several people: whom the trainee addressed."""
    replied_by: str | None = None
    """A scene with several people: who said ``reply``."""


def _moment(t: Turn) -> Moment:
    return Moment(t.number, t.delta or 0.0, t.agitation_before or 0.0, t.agitation_after or 0.0, t.text,
                  t.techniques, t.reply, t.to if t.kind == "speech" else None, t.replied_by)


def key_moments(log: SessionLog, n: int = 3) -> tuple[list[Moment], list[Moment]]:
    """The ``n`` turns with the largest rise and the ``n`` with the largest fall in
    agitation (earlier turns first on ties)."""
    turns = [t for t in log.turns if t.delta is not None]
    rises = sorted((t for t in turns if (t.delta or 0) > 0), key=lambda t: (-(t.delta or 0), t.number))[:n]
    falls = sorted((t for t in turns if (t.delta or 0) < 0), key=lambda t: ((t.delta or 0), t.number))[:n]
    return [_moment(t) for t in rises], [_moment(t) for t in falls]
