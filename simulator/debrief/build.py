"""What a debrief shows, assembled from the events, the score and (if found) the scenario."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from simulator.debrief.moments import Moment, key_moments
from simulator.scenario import LoadedScenario, Scenario
from simulator.scoring import ScoreReport
from simulator.transcripts import SessionLog
from simulator.transcripts.events import (
    ActionTaken,
    Analysed,
    Ended,
    Event,
    PartnerActed,
    PhaseChanged,
    Pressure,
    Reacted,
    Started,
    SubjectSaid,
)
from simulator.transcripts.notes import Note
from simulator.vocabulary import REACTIONS


@dataclass(frozen=True)
class CueLine:
    id: str
    kind: str
    text: str
    shown_turn: int
    recognised_turn: int | None
    after_turns: int | None
    matched: str | None
    teaching: str
    person: str | None = None
    """Whose cue (a scene with several people)."""


@dataclass(frozen=True)
class TopicLine:
    turn: int
    id: str
    title: str
    answer: str
    """withheld, evasive or honest."""
    fact: str
    person: str | None = None
    """Who answered (a scene with several people)."""


@dataclass(frozen=True)
class VariantLine:
    id: str
    option: str
    description: str


@dataclass(frozen=True)
class Line:
    """One line of the conversation as it happened."""

    turn: int
    who: str
    """'trainee' (speech), 'action' (a slash command, or a task given to the partner), 'subject',
    'silence' (the trainee waited); in a scene with several people also 'partner' (the partner officer
    talked over the trainee) and 'reaction' (someone not addressed reacted to what was said)."""
    text: str
    nonverbal: str = ""
    techniques: tuple[str, ...] = ()
    agitation: float | None = None
    rapport: float | None = None
    """The subject's agitation and rapport after the line (subject lines only)."""
    person: str | None = None
    """A scene with several people: who speaks (subject lines) or reacts (reactions), by id."""
    to: str | None = None
    """A scene with several people: whom the trainee addressed (trainee lines; for a partner's task the
    person it named), or whom a person turned on when speaking up unprompted."""
    unprompted: bool = False
    """A person spoke up while the trainee talked to someone else."""


@dataclass(frozen=True)
class PhaseVisit:
    """The call entering one of the scenario's phases: at the opening (turn 0), or on the trainee's
    line of ``turn`` (that line was said in the phase before; the subject's answer is in this one)."""

    turn: int
    id: str
    title: str
    """The id in words ("Accepts help")."""
    description: str = ""
    """The scenario's description of the phase (empty when the scenario file was not found)."""


def phases_of(events: Iterable[Event]) -> list[tuple[int, str]]:
    """(turn, phase id) of each phase the call entered, in order: the opening's phase at turn 0,
    then every change of phase."""
    entered: list[tuple[int, str]] = []
    for e in events:
        if isinstance(e, PhaseChanged):
            if not entered:
                entered.append((0, e.from_))
            entered.append((e.turn, e.to))
        elif isinstance(e, SubjectSaid) and not entered:
            entered.append((e.turn, e.phase))
    return entered


def dialogue_of(events: Iterable[Event]) -> list[Line]:
    """The whole conversation: what the trainee said or did, and what the subject said and showed (in a
    scene with several people: who said what to whom, the partner's tasks and everyone's reactions)."""
    lines: list[Line] = []
    names: dict[str, str] = {}
    for e in events:
        if isinstance(e, Started):
            names = {p.id: p.name for p in e.people or []}
        elif isinstance(e, SubjectSaid):
            lines.append(Line(e.turn, "subject", e.text, e.nonverbal, agitation=e.agitation, rapport=e.rapport,
                              person=e.person, to=e.to if e.unprompted else None, unprompted=bool(e.unprompted)))
        elif isinstance(e, Analysed):
            lines.append(Line(e.turn, "trainee", e.text, techniques=tuple(e.techniques), to=e.to))
        elif isinstance(e, ActionTaken):
            lines.append(Line(e.turn, "action", e.text, e.nonverbal or ""))
        elif isinstance(e, PartnerActed):
            if e.task == "talk-over":
                lines.append(Line(e.turn, "partner", e.line or ""))
            else:
                lines.append(Line(e.turn, "action", e.text, e.line or "", to=e.person))
        elif isinstance(e, Reacted):
            why = REACTIONS[e.cause]
            if e.cause == "sides" and e.favoured:
                why = f"you took {names.get(e.favoured, e.favoured)}'s side against them"
            lines.append(Line(e.turn, "reaction", f"{names.get(e.person, e.person)} reacts: {why} "
                                                  f"(agitation {e.agitation_delta:+.0f})", person=e.person))
        elif isinstance(e, Pressure):
            lines.append(Line(e.turn, "silence", "(the trainee said nothing for a while)"))
        elif isinstance(e, Ended) and e.line:
            lines.append(Line(e.turn, "subject", e.line, e.nonverbal, agitation=e.agitation, rapport=e.rapport,
                              person=e.person))
    return lines


@dataclass
class Debrief:
    title: str
    scenario_id: str
    scenario_version: int
    trainee: str
    seed: int
    mode: str
    recorded: str
    outcome: str | None
    outcome_title: str
    turns: int
    final_agitation: float | None
    final_rapport: float | None
    reason: str
    teaching_points: list[str]
    report: ScoreReport | None
    curve: list[tuple[int, float]]
    rises: list[Moment]
    falls: list[Moment]
    cues: list[CueLine]
    subject_name: str
    warnings: list[str] = field(default_factory=list)
    score_error: str = ""
    last_words: str = ""
    """What the subject said last, and their body language then."""
    last_nonverbal: str = ""
    said: dict[int, str] = field(default_factory=dict)
    """What the trainee said or did, by turn."""
    variant: list[VariantLine] = field(default_factory=list)
    """What was drawn for this session, revealed now."""
    intended: str | None = None
    """The good ending the call was heading for when a requirement was missing."""
    unmet: list[str] = field(default_factory=list)
    """What that good ending needed and did not have."""
    topics: list[TopicLine] = field(default_factory=list)
    """What the trainee asked about, and how the subject answered."""
    objectives: list[tuple[str, bool | None]] = field(default_factory=list)
    ended_turn: int = 0
    """The briefing's objectives: reached (True), not reached (False) or not judged (None)."""
    notes: list[Note] = field(default_factory=list)
    """The instructors' notes on turns, in the order written."""
    dialogue: list[Line] = field(default_factory=list)
    """The whole conversation."""
    phases: list[PhaseVisit] = field(default_factory=list)
    """The phases the call went through, in order (empty when built without the events)."""
    people: dict[str, str] = field(default_factory=dict)
    """A scene with several people: each person's name by id, in the scenario's order (empty for one)."""
    partner: str = ""
    """The partner officer's name, when the scene has one."""
    person_curves: dict[str, list[tuple[int, float]]] = field(default_factory=dict)
    """A scene with several people: each person's agitation after the opening and each turn, by id
    (``curve`` is then the highest of anyone's)."""
    last_speaker: str | None = None
    """A scene: who said the last words."""

    @property
    def several(self) -> bool:
        """A scene with several people."""
        return bool(self.people)

    def name(self, person: str | None) -> str:
        """A person's name (the subject's where there is one person or none is named)."""
        if person is None:
            return self.subject_name
        if person == "officer":
            return "you"
        return self.people.get(person, person)

    def speaker(self, line: Line) -> str:
        """Who says ``line``, as a debrief labels it: the subject or person ("Gary Holt"; "Gary Holt,
        unprompted, to Mrs Diaz"), "you" for the trainee ("you to Mrs Diaz" in a scene), the partner's
        name; "" for what is no one's words (a silence, a reaction)."""
        if line.who == "subject":
            who = self.name(line.person)
            if line.unprompted:
                who += ", unprompted" + (f", to {self.name(line.to)}" if line.to and line.to != "officer" else "")
            return who
        if line.who in ("trainee", "action"):
            return f"you to {self.name(line.to)}" if line.who == "trainee" and line.to else "you"
        if line.who == "partner":
            return self.partner or "your partner"
        return ""


def _variant_lines(drawn: dict[str, str], s: Scenario | None) -> list[VariantLine]:
    out = []
    for dim, option in drawn.items():
        described = ""
        variant = s.variant(dim) if s is not None else None
        if variant is not None:
            described = next((o.description for o in variant.options if o.id == option), "")
        out.append(VariantLine(dim, option, described))
    return out


def _objectives(texts: list[str], ended: Ended | None) -> list[tuple[str, bool | None]]:
    judged = {o.text: o.met for o in (ended.objectives or [])} if ended else {}
    if not judged:
        return []
    return [(text, judged.get(text)) for text in texts]


def build_debrief(log: SessionLog, report: ScoreReport | None, scenario: LoadedScenario | None = None,
                  *, score_error: str = "", warnings: list[str] | None = None,
                  notes: Sequence[Note] = (), dialogue: Sequence[Line] = (),
                  phases: Sequence[tuple[int, str]] = ()) -> Debrief:
    h = log.header
    ended = log.ended
    s = scenario.scenario if scenario is not None else None
    teaching = list(ended.teaching_points) if ended else []
    if not teaching and s is not None and log.outcome:
        rule = s.outcome_rule(log.outcome)
        teaching = list(rule.teaching_points) if rule else []
    cue_teaching = {c.id: c.teaching.strip() for c in s.all_cues()} if s is not None else {}
    topic_titles = {t.id: t.title for t in s.all_topics()} if s is not None else {}
    described = {p.id: p.description for p in s.phases} if s is not None else {}
    cues = [CueLine(c.id, c.kind, c.text, c.shown_turn, c.recognised_turn, c.after_turns, c.matched,
                    cue_teaching.get(c.id, ""), c.person) for c in log.cues]
    rises, falls = key_moments(log)
    outcome = log.outcome
    if ended is None:
        title = "The session did not finish (the transcript stops early)"
    else:
        title = ended.title or ended.outcome.replace("_", " ")
    all_warnings = list(warnings or [])
    if report is not None:
        all_warnings += [w for w in report.warnings if w not in all_warnings]
    return Debrief(
        notes=list(notes),
        dialogue=list(dialogue),
        phases=[PhaseVisit(turn, pid, pid.replace("-", " ").replace("_", " ").capitalize(), described.get(pid, ""))
                for turn, pid in phases],
        title=h.scenario.title or (s.title if s else h.scenario.id),
        scenario_id=h.scenario.id,
        scenario_version=h.scenario.version,
        trainee=h.trainee,
        seed=h.seed,
        mode=h.mode,
        recorded=h.time or "",
        outcome=outcome,
        outcome_title=title,
        turns=len(log.turns),
        final_agitation=log.end_agitation,
        final_rapport=ended.rapport if ended else None,
        reason=(ended.reason or "") if ended else "",
        teaching_points=teaching,
        report=report,
        curve=list(log.curve),
        rises=rises,
        falls=falls,
        cues=cues,
        subject_name=h.subject.name or (s.lead.name if s else "Subject"),
        warnings=all_warnings,
        score_error=score_error,
        variant=_variant_lines(h.variant or {}, s),
        intended=ended.intended if ended else None,
        unmet=[u.description for u in ended.unmet or []] if ended else [],
        topics=[TopicLine(t.turn, t.id, topic_titles.get(t.id, t.id.replace("-", " ")), t.answer, t.fact or "",
                          t.person) for t in log.topics],
        objectives=_objectives(h.briefing.objectives, ended),
        ended_turn=ended.turn if ended else log.last_turn,
        last_words=ended.line if ended else "",
        last_nonverbal=ended.nonverbal if ended else "",
        said={t.number: t.text for t in log.turns},
        people={p.id: p.name for p in h.people or []},
        partner=h.partner.name if h.partner is not None else "",
        person_curves={pid: list(points) for pid, points in log.people.items()},
        last_speaker=ended.person if ended else None,
    )
