"""Evaluation of the allowlisted guard conditions (scenario.model.Condition)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from simulator.scenario import Condition
from simulator.vocabulary import band_of


@dataclass
class Levels:
    """One person's agitation and rapport (a scene with several people)."""

    agitation: float
    rapport: float


@dataclass
class Facts:
    """What a condition may look at: the subject's state and this turn's moves."""

    agitation: float
    rapport: float
    phase: str
    turn: int = 0
    turns_in_phase: int = 0
    flags: set[str] = field(default_factory=set)
    techniques_now: set[str] = field(default_factory=set)
    technique_counts: Counter = field(default_factory=Counter)
    cues_shown: dict[str, int] = field(default_factory=dict)
    cues_recognised: dict[str, int] = field(default_factory=dict)
    action_now: str | None = None
    variant: dict[str, str] = field(default_factory=dict)
    flag_turns: dict[str, int] = field(default_factory=dict)
    """The turn each flag was first set."""
    people: dict[str, Levels] = field(default_factory=dict)
    """Everyone's levels, by person id (empty with a single subject, whose levels are above)."""
    addressed: str | None = None
    """The person the recruit is talking to (a scene with several people)."""

    def note_flags(self) -> None:
        """Record the turn of every flag set since the last call."""
        for flag in self.flags:
            self.flag_turns.setdefault(flag, self.turn)


Check = Callable[[Facts], bool]
#: a test of one person's state: their agitation and rapport
StateTest = Callable[[float, float], bool]

#: every test a condition may hold, each one built into a check below
HANDLED = frozenset({
    "all", "any", "not_", "agitation_below", "agitation_at_least", "rapport_below", "rapport_at_least", "band",
    "phase", "flag", "flags", "no_flag", "turn_at_least", "turns_in_phase_at_least", "technique", "any_technique",
    "technique_count_at_least", "cue_shown", "cue_recognised", "action", "variant", "flag_for", "person",
    "addressed"})

#: each condition's test, built once (a condition is read on every turn, often several times)
_BUILT: dict[int, tuple[Condition, Check]] = {}


def holds(cond: Condition, f: Facts) -> bool:
    """True when every test written in ``cond`` holds.

    Agitation, rapport and band tests read ``f.agitation`` and ``f.rapport`` (the subject, or
    in a scene the person the session is speaking for), unless the mapping names a `person`.
    """
    return _check(cond)(f)


def _check(cond: Condition) -> Check:
    got = _BUILT.get(id(cond))
    if got is None or got[0] is not cond:
        if len(_BUILT) > 100_000:
            _BUILT.clear()
        got = _BUILT[id(cond)] = (cond, _build(cond))
    return got[1]


def _build(cond: Condition) -> Check:
    """One check per test written, in the model's order (HANDLED names them all)."""
    checks: list[Check] = []
    if cond.all is not None:
        parts = [_check(c) for c in cond.all]
        checks.append(lambda f: all(p(f) for p in parts))
    if cond.any is not None:
        options = [_check(c) for c in cond.any]
        checks.append(lambda f: any(p(f) for p in options))
    if cond.not_ is not None:
        negated = _check(cond.not_)
        checks.append(lambda f: not negated(f))
    if cond.person is not None:
        checks.append(_person_check(cond.person, _state_tests(cond)))
    else:
        if (below := cond.agitation_below) is not None:
            checks.append(lambda f: f.agitation < below)
        if (least := cond.agitation_at_least) is not None:
            checks.append(lambda f: f.agitation >= least)
        if (r_below := cond.rapport_below) is not None:
            checks.append(lambda f: f.rapport < r_below)
        if (r_least := cond.rapport_at_least) is not None:
            checks.append(lambda f: f.rapport >= r_least)
        if (bands := cond.band) is not None:
            checks.append(lambda f: band_of(f.agitation) in bands)
    if (addressed := cond.addressed) is not None:
        checks.append(lambda f: f.addressed == addressed)
    if (phases := cond.phase) is not None:
        checks.append(lambda f: f.phase in phases)
    if (flag := cond.flag) is not None:
        checks.append(lambda f: flag in f.flags)
    if (flags := cond.flags) is not None:
        checks.append(lambda f: all(x in f.flags for x in flags))
    if (no_flag := cond.no_flag) is not None:
        checks.append(lambda f: no_flag not in f.flags)
    if (turn := cond.turn_at_least) is not None:
        checks.append(lambda f: f.turn >= turn)
    if (in_phase := cond.turns_in_phase_at_least) is not None:
        checks.append(lambda f: f.turns_in_phase >= in_phase)
    if (technique := cond.technique) is not None:
        checks.append(lambda f: technique in f.techniques_now)
    if (any_of := cond.any_technique) is not None:
        wanted = set(any_of)
        checks.append(lambda f: not wanted.isdisjoint(f.techniques_now))
    if (count := cond.technique_count_at_least) is not None:
        checks.append(lambda f: f.technique_counts[count.technique] >= count.count)
    if (shown := cond.cue_shown) is not None:
        checks.append(lambda f: shown in f.cues_shown)
    if (recognised := cond.cue_recognised) is not None:
        checks.append(lambda f: recognised in f.cues_recognised)
    if (action := cond.action) is not None:
        checks.append(lambda f: f.action_now == action)
    if (variant := cond.variant) is not None:
        checks.append(lambda f: all(f.variant.get(dim) in options for dim, options in variant.items()))
    if (flag_for := cond.flag_for) is not None:
        checks.append(lambda f: flag_for.flag in f.flag_turns
                      and f.turn - f.flag_turns[flag_for.flag] >= flag_for.turns)
    if not checks:
        return lambda f: True
    if len(checks) == 1:
        return checks[0]
    return lambda f: all(c(f) for c in checks)


def _state_tests(cond: Condition) -> list[StateTest]:
    """The agitation, rapport and band tests of one mapping, as tests of one person's levels."""
    tests: list[StateTest] = []
    if (below := cond.agitation_below) is not None:
        tests.append(lambda a, r: a < below)
    if (least := cond.agitation_at_least) is not None:
        tests.append(lambda a, r: a >= least)
    if (r_below := cond.rapport_below) is not None:
        tests.append(lambda a, r: r < r_below)
    if (r_least := cond.rapport_at_least) is not None:
        tests.append(lambda a, r: r >= r_least)
    if (bands := cond.band) is not None:
        tests.append(lambda a, r: band_of(a) in bands)
    return tests


def _person_check(who: str, tests: list[StateTest]) -> Check:
    """The tests read one person's levels (`everyone`: all must pass, `anyone`: one must).

    A person the facts do not know (no such person in this scene) passes nothing."""

    def one(levels: Levels) -> bool:
        return all(t(levels.agitation, levels.rapport) for t in tests)

    if who == "everyone":
        return lambda f: bool(f.people) and all(one(x) for x in f.people.values())
    if who == "anyone":
        return lambda f: any(one(x) for x in f.people.values())
    return lambda f: who in f.people and one(f.people[who])
