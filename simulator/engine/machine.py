"""The scenario's phases as a `transitions` state machine.

Guards are closures over the allowlisted condition evaluator: nothing is looked up
by name from the YAML, and ``auto_transitions=False`` so only authored edges exist.
"""

from __future__ import annotations

from collections.abc import Callable

from transitions import Machine

from simulator.engine.conditions import Facts, holds
from simulator.scenario import Scenario
from simulator.scenario.model import Transition


class PhaseTracker:
    """The model object the machine drives; ``state`` is the current phase id."""

    state: str

    def __init__(self) -> None:
        self.last_transition: Transition | None = None


def build_machine(scenario: Scenario, tracker: PhaseTracker, facts: Callable[[], Facts]) -> Machine:
    machine = Machine(
        model=tracker,
        states=[phase.id for phase in scenario.phases],
        initial=scenario.initial_phase,
        auto_transitions=False,
        ignore_invalid_triggers=True,
        queued=False,
    )
    for phase in scenario.phases:
        if phase.outcome is not None:
            continue  # an ending phase has no way out
        for tr in phase.transitions:
            machine.add_transition(
                trigger="advance",
                source=phase.id,
                dest=tr.to,
                conditions=[lambda tr=tr: holds(tr.when, facts())],
                after=[lambda tr=tr: setattr(tracker, "last_transition", tr)],
            )
    return machine
