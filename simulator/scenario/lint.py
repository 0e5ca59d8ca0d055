"""Warnings for scenarios that load but will play badly (Ink's 'loose ends')."""

from __future__ import annotations

from collections import Counter, deque

from simulator.problems import Problem
from simulator.scenario.loader import LoadedScenario, iter_conditions
from simulator.vocabulary import GOOD_OUTCOMES


def reachable_phases(loaded: LoadedScenario) -> set[str]:
    s = loaded.scenario
    seen = {s.initial_phase}
    queue = deque([s.initial_phase])
    while queue:
        phase = s.phase(queue.popleft())
        for tr in phase.transitions:
            if tr.to not in seen:
                seen.add(tr.to)
                queue.append(tr.to)
    return seen


def lint(loaded: LoadedScenario) -> list[Problem]:
    s, doc = loaded.scenario, loaded.document
    out: list[Problem] = []

    def warn(path, code, hint=None, **fields):
        out.append(doc.problem(path, code, hint, **fields))

    reach = reachable_phases(loaded)
    for i, phase in enumerate(s.phases):
        if phase.id not in reach:
            warn(("phases", i, "id"), "TD201", "Add a transition to it or remove it.", name=phase.id)
        if phase.outcome is None and not phase.transitions:
            warn(("phases", i), "TD206", name=phase.id)
    ends_well = any(p.outcome in GOOD_OUTCOMES and p.id in reach for p in s.phases)
    ends_well |= any(r.id in GOOD_OUTCOMES and r.when is not None for r in s.outcomes)
    ends_well |= any(a.outcome in GOOD_OUTCOMES for a in s.actions)
    if not ends_well:
        warn(("phases",), "TD202", "Add a phase with 'outcome: resolved' and a transition to it.")
    for path, cond in iter_conditions(s):
        for k, name in enumerate(cond.phase or []):
            if name not in reach and name in {p.id for p in s.phases}:
                warn((*path, "phase", k), "TD203" if path[0] == "cues" else "TD204", name=name)
        if cond.agitation_below is not None and cond.agitation_at_least is not None \
                and cond.agitation_at_least >= cond.agitation_below:
            warn(path, "TD207", low="agitation_at_least", high="agitation_below")
        if cond.rapport_below is not None and cond.rapport_at_least is not None \
                and cond.rapport_at_least >= cond.rapport_below:
            warn(path, "TD207", low="rapport_at_least", high="rapport_below")
    offered = {a.id for a in s.actions}
    for path, cond in iter_conditions(s):
        if cond.action is not None and cond.action not in offered and cond.action != "end":
            warn((*path, "action"), "TD208", name=cond.action)
    # Duplicate lines inside one pool make variety an illusion.
    def pools():
        yield ("opening",), s.opening
        for band, lines in s.nonverbal.items():
            yield ("nonverbal", band), lines
        for i, phase in enumerate(s.phases):
            for band, lines in phase.lines.items():
                yield ("phases", i, "lines", band), lines
            for tech, lines in phase.reactions.items():
                yield ("phases", i, "reactions", tech), lines
        for i, trig in enumerate(s.triggers):
            yield ("triggers", i, "reply"), trig.reply
    for path, lines in pools():
        for line, n in Counter(lines).items():
            if n > 1:
                warn(path, "TD205", line=line[:50], count=n)
    return out
