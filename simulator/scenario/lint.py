"""Warnings for scenarios that load but will play badly (Ink's 'loose ends')."""

from __future__ import annotations

import re
from collections import Counter, deque
from collections.abc import Callable, Iterator

from simulator.problems import Problem
from simulator.scenario.loader import LoadedScenario, iter_conditions
from simulator.scenario.model import Scenario
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
    _flags(s, warn)
    for i, topic in enumerate(s.topics):
        if all(a.when is not None for a in topic.answers):
            warn(("topics", i, "answers"), "TD211", name=topic.id)
    for i, person in enumerate(s.people):
        for j, topic in enumerate(person.topics):
            if all(a.when is not None for a in topic.answers):
                warn(("people", i, "topics", j, "answers"), "TD211", name=topic.id)
    _todos(loaded, warn)
    _variant_options(s, warn)
    # Duplicate lines inside one pool make variety an illusion.
    for path, lines in _speech(s):
        for line, n in Counter(lines).items():
            if n > 1:
                warn(path, "TD205", text=line[:50], count=n)
        for line in lines:
            if _narration_like(line, s.lead.name):
                warn(path, "TD209", "Put what the subject does under `narration`; speech is what they say.",
                     text=line[:50])
    for band, lines in s.nonverbal.items():
        for line, n in Counter(lines).items():
            if n > 1:
                warn(("nonverbal", band), "TD205", text=line[:50], count=n)
    return out


def _todos(loaded: LoadedScenario, warn: Callable[..., None]) -> None:
    """Every TODO left in a value (what `talkdown new` wrote for the author to replace)."""

    def walk(path: tuple, node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk((*path, key), value)
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk((*path, i), value)
        elif isinstance(node, str) and "TODO" in node:
            warn(path, "TD214", text=" ".join(node.split())[:50])

    walk((), loaded.document.data)


def _speech(s: Scenario) -> Iterator[tuple[tuple, list[str]]]:
    """Every list of lines the subject says, with where it is."""
    yield ("opening",), list(s.opening)
    for i, phase in enumerate(s.phases):
        yield ("phases", i, "enter"), list(phase.enter)
        for band, lines in phase.lines.items():
            yield ("phases", i, "lines", band), list(lines)
        for tech, lines in phase.reactions.items():
            yield ("phases", i, "reactions", tech), list(lines)
        yield ("phases", i, "corrections"), list(phase.corrections)
    for i, trig in enumerate(s.triggers):
        yield ("triggers", i, "reply"), list(trig.reply)
    for i, action in enumerate(s.actions):
        yield ("actions", i, "reply"), list(action.reply)
    for i, topic in enumerate(s.topics):
        for j, answer in enumerate(topic.answers):
            yield ("topics", i, "answers", j, "lines"), list(answer.lines)
    for i, person in enumerate(s.people):
        yield ("people", i, "opening"), list(person.opening)
        for band, lines in person.lines.items():
            yield ("people", i, "lines", band), list(lines)
        for tech, lines in person.reactions.items():
            yield ("people", i, "reactions", tech), list(lines)
        yield ("people", i, "corrections"), list(person.corrections)
        yield ("people", i, "bystander", "lines"), list(person.bystander.lines)
        for j, topic in enumerate(person.topics):
            for k, answer in enumerate(topic.answers):
                yield ("people", i, "topics", j, "answers", k, "lines"), list(answer.lines)
    yield ("corrections",), list(s.corrections)
    yield ("off_topic",), list(s.off_topic)
    for i, rule in enumerate(s.outcomes):
        yield ("outcomes", i, "line"), [rule.line] if rule.line else []
    for i, req in enumerate(s.requirements):
        yield ("requirements", i, "otherwise", "line"), [req.otherwise.line] if req.otherwise.line else []


def _narration_like(line: str, name: str) -> bool:
    """ "Tanya shoves you hard in the chest." is narration; "He hits the wall when he drinks, I'm scared" is speech."""
    m = _NARRATION.match(line.strip())
    if m is None or '"' in line or _FIRST_PERSON.search(line):
        return False
    who, verb = m.group(1), m.group(2)
    at_you = "you" in re.findall(r"[a-z']+", line[m.end():].lower())[:4]
    return who == name.split()[0] or (verb in _BODILY and at_you)


_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|I'll|I'd|me|my|mine|we|us|our)\b")
_NARRATION = re.compile(r"^([A-Z][a-z]+) (?:[a-z]+ly )?([a-z]+s)\b")
_BODILY = frozenset({"shoves", "pushes", "swings", "grabs", "throws", "hurls", "hits", "kicks", "slams", "punches",
                     "lunges", "spits", "slaps", "screams", "shrieks", "sobs", "cries", "collapses", "slumps",
                     "staggers", "stumbles", "falls", "sways", "trembles", "shakes", "backs", "steps", "turns",
                     "walks", "runs", "bolts", "storms", "paces", "points", "reaches", "drops", "sits", "stands",
                     "lies"})


def _flags(s: Scenario, warn: Callable[..., None]) -> None:
    """Conditions that test flags nothing sets (a typo, or a fact no path reveals)."""
    set_by: set[str] = set()
    for trig in s.triggers:
        set_by.update(trig.set_flags)
    for action in s.actions:
        set_by.update(action.set_flags)
        set_by.add(f"action:{action.id}")
    for topic in s.all_topics():
        set_by.update({f"asked:{topic.id}", f"told:{topic.id}"})
        for answer in topic.answers:
            set_by.update(answer.reveals)
    for variant in s.variants:
        for option in variant.options:
            set_by.update(option.flags)
    set_by.update(f"recognised:{cue.id}" for cue in s.all_cues())
    if s.partner is not None:
        for task in s.partner.tasks:
            set_by.update(task.set_flags)
            set_by.add(f"partner:{task.id}")
        if s.partner.task("take-aside") is not None:
            set_by.update(f"aside:{p.id}" for p in s.people)
    for path, cond in iter_conditions(s):
        for key, names, what in (("flag", [cond.flag], "hold"), ("flags", cond.flags or [], "hold"),
                                 ("no_flag", [cond.no_flag], "fail"),
                                 ("flag_for", [cond.flag_for.flag if cond.flag_for else None], "hold")):
            for name in names:
                if name is not None and name not in set_by:
                    warn((*path, key), "TD210", name=name, what=what)


def _variant_options(s: Scenario, warn: Callable[..., None]) -> None:
    """Options nothing depends on: the draw would change nothing a recruit must do."""
    named: set[tuple[str, str]] = set()
    for _, cond in iter_conditions(s):
        for dim, options in (cond.variant or {}).items():
            named.update((dim, o) for o in options)
    tested: set[str] = set()
    for _, cond in iter_conditions(s):
        tested.update(x for x in [cond.flag, cond.no_flag, *(cond.flags or [])] if x)
    for i, variant in enumerate(s.variants):
        for j, option in enumerate(variant.options):
            if (variant.id, option.id) in named or set(option.flags) & tested or option.start or option.personality \
                    or option.people:
                continue
            warn(("variants", i, "options", j, "id"), "TD212", name=option.id)
