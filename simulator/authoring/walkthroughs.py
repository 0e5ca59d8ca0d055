"""Scripted trainees from a scenario's `walkthroughs`, run by `talkdown test`."""

from __future__ import annotations

from dataclasses import dataclass

from simulator.engine.session import Session
from simulator.scenario import LoadedScenario
from simulator.scenario.model import Walkthrough
from simulator.transcripts.events import Ended, Event, SubjectSaid


@dataclass(frozen=True)
class WalkthroughResult:
    scenario: str
    name: str
    seed: int
    outcome: str
    turns: int
    final_agitation: float
    peak_agitation: float
    failures: tuple[str, ...]
    variant: tuple[tuple[str, str], ...] = ()
    """What was drawn (or pinned) for this run."""

    @property
    def passed(self) -> bool:
        return not self.failures


def play_script(loaded: LoadedScenario, replies: list[str], seed: int, mode: str = "coach",
                variant: dict[str, str] | None = None) -> tuple[Session, list[Event]]:
    """Play replies until the session ends; running out of replies abandons it."""
    session = Session(loaded, seed=seed, mode=mode, variant=variant)
    events = session.start()
    for reply in replies:
        if session.finished:
            break
        events += session.reply(reply)
    if not session.finished:
        events += session.abandon("script ended")
    return session, events


def run_walkthrough(loaded: LoadedScenario, wt: Walkthrough, seed: int) -> WalkthroughResult:
    session, events = play_script(loaded, list(wt.replies), seed, wt.mode, dict(wt.variant) or None)
    # in a scene, the highest of anyone's agitation after each line
    levels = [max(p.agitation for p in e.people) if e.people else e.agitation
              for e in events if isinstance(e, (SubjectSaid, Ended))]
    final, peak = levels[-1], max(levels)
    exp = wt.expect
    failures = []
    outcome = session.outcome or "abandoned"
    if outcome not in exp.outcomes():
        failures.append(f"expected outcome {' or '.join(exp.outcomes())}, got {outcome}")
    turns = session.turn
    if exp.max_turns is not None and turns > exp.max_turns:
        failures.append(f"took {turns} turns, more than {exp.max_turns}")
    if exp.min_turns is not None and turns < exp.min_turns:
        failures.append(f"ended after {turns} turns, fewer than {exp.min_turns}")
    if exp.final_agitation_below is not None and final >= exp.final_agitation_below:
        failures.append(f"final agitation {final} is not below {exp.final_agitation_below}")
    if exp.final_agitation_at_least is not None and final < exp.final_agitation_at_least:
        failures.append(f"final agitation {final} is below {exp.final_agitation_at_least}")
    if exp.peak_agitation_below is not None and peak >= exp.peak_agitation_below:
        failures.append(f"peak agitation {peak} is not below {exp.peak_agitation_below}")
    return WalkthroughResult(loaded.scenario.id, wt.name, seed, outcome, turns, final, peak,
                             tuple(failures), tuple(session.drawn.variant.items()))


def run_walkthroughs(loaded: LoadedScenario) -> list[WalkthroughResult]:
    return [run_walkthrough(loaded, wt, seed)
            for wt in loaded.scenario.walkthroughs for seed in wt.seeds]
