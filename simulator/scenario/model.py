"""Pydantic models of a scenario file (DESIGN 4.1). Unknown keys are errors."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from simulator.vocabulary import (
    BANDS,
    MAX_REPLY_CHARS,
    MAX_SEED,
    MIN_SEED,
    SCENARIO_FORMAT,
    ActionId,
    AnswerKind,
    AuthoredOutcome,
    Band,
    Feeling,
    Outcome,
)
from simulator.vocabulary import TechniqueId as Technique

Level = Annotated[float, Field(ge=0, le=100)]
#: A number, or a range [low, high] drawn from the seed.
LevelOrRange = Level | tuple[Level, Level]
Ident = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_-]*$")]
#: a phrase is a few words said: matching builds every word's prefixes, so it has a length limit
Phrase = Annotated[str, Field(max_length=200)]
#: the phrases of one trigger, cue, topic or technique: every one is matched against every reply
Phrases = Annotated[list[Phrase], Field(max_length=1000)]
GoodOutcome = Literal["resolved", "referred"]
#: A person of a scene, or all of them (`everyone`) or any one (`anyone`), in a condition.
PersonRef = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_-]*$")]
#: Words a person id may not be: they mean something else where people are named.
RESERVED_PERSON_IDS = frozenset({"everyone", "anyone", "officer", "partner", "subject"})
Lines = Annotated[list[Annotated[str, Field(min_length=1)]], Field(min_length=1)]



class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True, allow_inf_nan=False)


class CountAtLeast(Strict):
    technique: Technique
    count: Annotated[int, Field(ge=1)]


class FlagFor(Strict):
    flag: str
    turns: Annotated[int, Field(ge=1)] = 1


class Condition(Strict):
    """A guard from the fixed allowlist. Several keys in one mapping must all hold.

    Nothing here is evaluated as an expression: each key is one test the engine knows.
    """

    all: list[Condition] | None = None
    any: list[Condition] | None = None
    not_: Condition | None = Field(default=None, alias="not")
    agitation_below: Level | None = None
    agitation_at_least: Level | None = None
    rapport_below: Level | None = None
    rapport_at_least: Level | None = None
    band: list[Band] | None = None
    phase: list[str] | None = None
    flag: str | None = None
    flags: list[str] | None = None
    no_flag: str | None = None
    turn_at_least: Annotated[int, Field(ge=0)] | None = None
    turns_in_phase_at_least: Annotated[int, Field(ge=0)] | None = None
    technique: Technique | None = None
    """A technique used in this turn's reply."""
    any_technique: list[Technique] | None = None
    technique_count_at_least: CountAtLeast | None = None
    """Across the whole session so far."""
    cue_shown: str | None = None
    cue_recognised: str | None = None
    action: ActionId | None = None
    """An action taken in this turn."""
    variant: dict[str, list[str]] | None = None
    """The drawn variant: for each dimension named, one of the options listed."""
    flag_for: FlagFor | None = None
    """The flag was set at least this many turns ago (a disclosure the recruit has had a
    turn to answer)."""
    person: PersonRef | None = None
    """In a scene with several people: whose agitation, rapport and band the tests of this
    mapping read (a person's id, `everyone` or `anyone`). Without it they read the person
    addressed (in a person's own cues and topics: that person)."""
    addressed: Ident | None = None
    """In a scene with several people: the recruit is talking to this person."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True,
                              use_attribute_docstrings=True)

    @model_validator(mode="after")
    def _not_empty(self) -> Condition:
        if all(getattr(self, name) is None for name in self.model_fields_set):  # `{not: null}` tests nothing
            raise ValueError("a condition needs at least one test, e.g. {agitation_below: 40}")
        return self


#: a change to agitation or rapport (both 0-100), so at most 100 either way
Delta = Annotated[float, Field(ge=-100, le=100)]


class Effect(Strict):
    agitation: Delta = 0.0
    rapport: Delta = 0.0


Multiplier = Annotated[float, Field(ge=0.1, le=3)]


class Personality(Strict):
    """How this subject reacts, as multipliers on every effect (1.0 = ordinary). A value may
    be a range [low, high], drawn from the seed."""

    volatility: Multiplier | tuple[Multiplier, Multiplier] = 1.0
    """Scales rises in agitation."""
    receptiveness: Multiplier | tuple[Multiplier, Multiplier] = 1.0
    """Scales falls in agitation and gains in rapport."""
    patience: Annotated[int, Field(ge=1, le=10)] = 3
    """How many repetitions of the same move before it starts to cost."""


class StartState(Strict):
    agitation: LevelOrRange
    """A number, or a range [low, high] drawn from the seed."""
    rapport: LevelOrRange = 10


class Subject(Strict):
    name: str
    age: Annotated[int, Field(ge=1, le=120)] | None = None
    description: str
    """What the officer sees."""
    background: str = ""
    """Hidden from the recruit; shown to instructors and in the debrief."""
    personality: Personality = Personality()
    start: StartState


class Tags(Strict):
    call_type: str
    crisis: list[str] = []
    other: list[str] = []


class EffectOverride(Strict):
    """Replaces a technique's default effect, optionally only in some phases or bands."""

    technique: Technique
    agitation: Delta
    rapport: Delta = 0.0
    phases: list[str] | None = None
    bands: list[Band] | None = None
    note: str = ""


class Transition(Strict):
    to: str
    when: Condition
    line: str | None = None
    """What the subject says as the phase changes (overrides the new phase's enter line)."""


class Phase(Strict):
    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_-]*$")]
    description: str = ""
    baseline: Level
    """Agitation drifts towards this when a turn has nothing de-escalating in it."""
    emotions: list[Feeling] | None = None
    """What the subject feels here (default: the scenario's); emotion labels are checked against it."""
    corrections: list[str] = []
    """Said when a label names a feeling they do not have (default: the scenario's)."""
    enter: list[str] = []
    """Lines the subject may say on entering this phase."""
    lines: dict[Band, Lines] = {}
    """What the subject says, per band, when nothing more specific applies."""
    reactions: dict[Technique, Lines] = {}
    """What the subject says when this technique dominates the reply."""
    nonverbal: dict[Band, Lines] = {}
    """Phase-specific body language; falls back to the scenario's."""
    transitions: list[Transition] = []
    outcome: AuthoredOutcome | None = None
    """Reaching this phase ends the session with this outcome."""
    ending: Ending | None = None
    """This phase's own ending (title, last words, narration, teaching points) instead of the
    outcome's; its `outcome` must match the phase's."""
    repeats: list[str] | None = None
    """What the subject says here when the recruit keeps saying the same thing (default: the
    engine's "You keep saying that."; an empty list: nothing, e.g. when they cannot speak)."""

    @model_validator(mode="after")
    def _ending_matches(self) -> Phase:
        if self.ending is not None and self.ending.outcome != self.outcome:
            raise ValueError(f"the phase's ending is '{self.ending.outcome}' but its outcome is "
                             f"'{self.outcome}'; they must be the same")
        return self

    @model_validator(mode="after")
    def _lines_for_every_band(self) -> Phase:
        if self.outcome is None:
            missing = [b for b in BANDS if b not in self.lines]
            if missing:
                raise ValueError("lines are needed for every band; missing: " + ", ".join(missing))
        return self


class Recognition(Strict):
    techniques: list[Technique] = []
    phrases: Phrases = []
    actions: list[ActionId] = []
    """Actions that show it too (/call-ems for a medical cue)."""
    effect: Effect = Effect()

    @model_validator(mode="after")
    def _something(self) -> Recognition:
        if not self.techniques and not self.phrases and not self.actions:
            raise ValueError("give techniques, phrases or actions that show the cue was recognised")
        return self


class Cue(Strict):
    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_-]*$")]
    kind: str = ""
    """e.g. psychosis, suicidality, intoxication, medical, weapon."""
    text: str
    """What the recruit sees or hears."""
    when: Condition
    recognised_by: Recognition
    teaching: str = ""


class Trigger(Strict):
    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_-]*$")]
    phrases: Phrases = []
    """Any of these, fuzzily matched, not negated."""
    techniques: list[Technique] = []
    """Any of these techniques in the reply."""
    when: Condition | None = None
    effect: Effect = Effect()
    reply: list[str] = []
    narration: str | None = None
    """What the subject does (shown as body language, never as speech)."""
    set_flags: list[str] = []
    once: bool = True
    answers: str | None = None
    """The topic this line answers at last (a disclosure that comes turns after the question):
    it counts as that topic's honest answer in the transcript, the debrief and the scores."""
    fact: str | None = None
    """What the late answer told, in a line, for the debrief."""

    @model_validator(mode="after")
    def _something(self) -> Trigger:
        if not self.phrases and not self.techniques and self.when is None:
            raise ValueError("a trigger needs phrases, techniques or a when condition")
        return self


class Action(Strict):
    id: ActionId
    effect: Effect = Effect()
    technique: Technique | None = None
    """Counts as this technique (e.g. pause -> effective_pause)."""
    reply: list[str] = []
    nonverbal: str | None = None
    set_flags: list[str] = []
    when: Condition | None = None
    """Only available while this holds."""
    outcome: AuthoredOutcome | None = None
    """Taking the action (when its condition holds) ends the session with this outcome."""


class Objective(Strict):
    """An objective of the briefing that the debrief judges."""

    text: str
    done: Condition
    """Holds at the end of the call when the objective was reached."""


class Answer(Strict):
    """One way the subject answers a question on a topic; the first whose `when` holds is used."""

    when: Condition | None = None
    kind: AnswerKind
    """`withheld` (refuses), `evasive` (deflects) or `honest` (tells the truth)."""
    lines: Lines
    narration: str | None = None
    """What the subject does while answering (shown as body language)."""
    reveals: list[str] = []
    """Flags this answer sets (facts later phases, outcomes and requirements depend on)."""
    fact: str = ""
    """What the answer tells, in a line, for the debrief."""
    effect: Effect = Effect()


class Topic(Strict):
    """Something the subject can be asked about, and how they answer."""

    id: Ident
    title: str
    """How the debrief names it ("the voices", "a plan to end his life")."""
    kind: str = ""
    """e.g. safety, medical, psychosis; `safety` and `medical` questions are protocol questions."""
    cue: str | None = None
    """The cue this question follows up on: once it is shown, a careful officer asks this."""
    phrases: Annotated[list[Annotated[Phrase, Field(min_length=1)]], Field(min_length=1, max_length=1000)]
    """Words that show a question is about this topic (fuzzy, in a question or a request)."""
    answers: Annotated[list[Answer], Field(min_length=1)]


class Bystander(Strict):
    """How a person reacts to what the recruit says to the others (a scene with several people)."""

    sides: Delta = 8.0
    """Agitation added (times volatility) when the recruit takes someone else's side against
    them ("you're right", "he's being unreasonable")."""
    hostility: Delta = 3.0
    """Agitation added (times volatility) when the recruit insults or threatens someone else."""
    speaks_up_at: Level = 60.0
    """From this agitation they may speak up unprompted while the recruit talks to someone else."""
    chance: Annotated[float, Field(ge=0, le=1)] = 0.5
    """How likely they speak up on a turn when they may (drawn from the session's seed)."""
    lines: list[Annotated[str, Field(min_length=1)]] = []
    """What they say when they speak up (default: their band lines)."""


class Person(Subject):
    """One role-player of a scene with several people: a subject with an id and their own
    lines, topics and cues (what is not given falls back to the scenario's)."""

    id: Ident
    refers: Phrases = []
    """How the others speak of them ("your neighbour", "he"): with their name, the words that
    show a reply is about them (taking sides against them)."""
    opening: list[Annotated[str, Field(min_length=1)]] = []
    """Their first line, after the scenario's `opening` (which the first person says)."""
    lines: dict[Band, Lines] = {}
    """What they say per band (before the phase's lines)."""
    reactions: dict[Technique, Lines] = {}
    """What they say when this technique dominates the reply (before the phase's reactions)."""
    nonverbal: dict[Band, Lines] = {}
    """Their body language per band (before the scenario's)."""
    emotions: list[Feeling] | None = None
    """What they feel (default: the phase's or the scenario's)."""
    corrections: list[str] = []
    """Said when a label names a feeling they do not have (default: the phase's or scenario's)."""
    topics: list[Topic] = []
    """What they can be asked about (ids unique in the whole scene)."""
    cues: list[Cue] = []
    """What the recruit may notice about them (ids unique in the whole scene)."""
    bystander: Bystander = Bystander()


PartnerTaskId = Literal["take-aside", "bring-back", "cover", "call", "wait", "speak"]
#: Partner tasks that name a person (`/partner take-aside holt`).
PERSON_TASKS: frozenset[str] = frozenset({"take-aside", "bring-back"})


class PartnerTask(Strict):
    """A task the recruit may give the partner officer (`/partner <task> [person]`)."""

    id: PartnerTaskId
    """`take-aside` a person (they stop reacting and speaking up, and ease each turn),
    `bring-back` them, `cover`, `call` (for help), `wait` (stand by, stop talking) or
    `speak` (the partner talks too: one voice is lost)."""
    effect: Effect = Effect()
    """On the person named (take-aside, bring-back), else on the person addressed."""
    line: str | None = None
    """What the partner says or does (shown as narration)."""
    set_flags: list[str] = []
    when: Condition | None = None
    """Only available while this holds."""


class Partner(Strict):
    """The recruit's partner officer (a field-training pair)."""

    name: str
    tasks: list[PartnerTask] = []
    """What the recruit may ask of them: the allowlist this scene offers."""
    talks_over: Condition | None = None
    """While this holds the partner talks over the recruit (e.g. `{flag: eager-partner}` set
    by a variant or a trigger): every reply is then a second voice."""
    one_voice: Delta = 6.0
    """Agitation added (times volatility) to everyone present when two officers talk in one turn."""
    lines: list[Annotated[str, Field(min_length=1)]] = ["Your partner talks over you, giving orders of their own."]
    """What the partner does when talking over the recruit (shown as narration)."""

    def task(self, task_id: str) -> PartnerTask | None:
        return next((t for t in self.tasks if t.id == task_id), None)


class StartOverride(Strict):
    agitation: LevelOrRange | None = None
    rapport: LevelOrRange | None = None


class PersonalityOverride(Strict):
    volatility: Multiplier | tuple[Multiplier, Multiplier] | None = None
    receptiveness: Multiplier | tuple[Multiplier, Multiplier] | None = None
    patience: Annotated[int, Field(ge=1, le=10)] | None = None


class PersonOverride(Strict):
    """What a variant option changes for one person of a scene."""

    start: StartOverride | None = None
    personality: PersonalityOverride | None = None


class VariantOption(Strict):
    id: Ident
    weight: Annotated[float, Field(gt=0)] = 1.0
    description: str = ""
    """What is true in this variant, for the debrief."""
    flags: list[str] = []
    """Facts set from the start (hidden from the recruit)."""
    start: StartOverride | None = None
    """The first person's start (in a scene, `people:` below names anyone)."""
    personality: PersonalityOverride | None = None
    people: dict[Ident, PersonOverride] = {}
    """In a scene: each named person's start and personality in this option (a firm owner, a calmer son)."""


class Variant(Strict):
    """Something that varies from seed to seed within the author's bounds."""

    id: Ident
    description: str = ""
    options: Annotated[list[VariantOption], Field(min_length=2)]


class Ending(Strict):
    """How a session ends instead, and what the debrief says."""

    outcome: AuthoredOutcome
    title: str
    line: str | None = None
    narration: str | None = None
    """What happens as it ends (shown as body language, never as speech)."""
    teaching_points: list[str] = []


class Requirement(Strict):
    """What must have happened for a good ending."""

    id: Ident
    description: str
    """What was needed, in a line ("Asked directly about suicide and heard the answer")."""
    outcomes: Annotated[list[GoodOutcome], Field(min_length=1)] = ["resolved", "referred"]
    """The endings that need it."""
    applies: Condition | None = None
    """Only needed while this holds (e.g. the answers showed danger)."""
    needs: Condition
    otherwise: Ending
    """The honest ending when it is missing."""


class Scoring(Strict):
    """How this call's nature changes what the rubrics ask (explained in the debrief)."""

    weights: dict[Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*\.[a-z][a-z0-9_-]*$")],
                  Annotated[float, Field(ge=0, le=100)]] = {}
    """`rubric-id.criterion-id: weight`; 0 marks the criterion not applicable here."""
    note: str = ""
    """Why, for the debrief ("A medical emergency: speed matters more than many labels.")."""


class TimeRules(Strict):
    """What time does: waiting (/wait, /pause) eases agitation unless the situation worsens."""

    eases_to: Level = 15.0
    """Agitation moves towards this when the recruit waits and nothing provokes."""
    eases_when: Condition | None = None
    """Only then (e.g. at a distance); otherwise waiting drifts as any turn does."""
    worsens_by: Annotated[float, Field(ge=0)] = 0.0
    """When above 0, waiting makes things worse by this much instead (a medical emergency)."""
    worsens_when: Condition | None = None
    """Only then (e.g. until the sugar is given); otherwise waiting eases as above."""


class OutcomeRule(Strict):
    id: Outcome
    title: str
    when: Condition | None = None
    """Checked after every turn; the first that holds ends the session."""
    line: str | None = None
    """The subject's last words."""
    narration: str | None = None
    """What happens as it ends (shown as body language, never as speech)."""
    teaching_points: list[str] = []


class Expectation(Strict):
    outcome: list[Outcome] | Outcome
    max_turns: Annotated[int, Field(ge=1)] | None = None
    min_turns: Annotated[int, Field(ge=0)] | None = None
    final_agitation_below: Level | None = None
    final_agitation_at_least: Level | None = None
    peak_agitation_below: Level | None = None

    def outcomes(self) -> list[str]:
        return [self.outcome] if isinstance(self.outcome, str) else list(self.outcome)


class Walkthrough(Strict):
    name: str
    seeds: Annotated[list[Annotated[int, Field(ge=MIN_SEED, le=MAX_SEED)]], Field(max_length=20)] = [1]
    """Each seed is one play of the replies (at most 20: `talkdown test` plays them all)."""
    replies: Annotated[list[Annotated[str, Field(max_length=MAX_REPLY_CHARS)]], Field(min_length=1)]
    expect: Expectation
    mode: Literal["coach", "assess"] = "coach"
    variant: dict[str, str] = {}
    """Pin these variant dimensions to these options (the rest are drawn from the seed)."""


class LanguageExtension(Strict):
    phrases: dict[Technique, Phrases] = {}
    """Extra phrases per technique for this scenario's vocabulary."""


class Scenario(Strict):
    """One call a recruit can practise. See docs/scenario-format.md."""

    format: Literal[1] = SCENARIO_FORMAT
    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$")]
    version: Annotated[int, Field(ge=1)]
    title: str
    summary: str
    tags: Tags
    difficulty: Annotated[int, Field(ge=1, le=5)]
    estimated_minutes: Annotated[int, Field(ge=1, le=120)]
    dispatch: str
    known_on_arrival: list[str] = []
    objectives: Annotated[list[str | Objective], Field(min_length=1)]
    """What the recruit should achieve; an objective with `done` is judged at the end."""
    subject: Subject | None = None
    """The one person of the call (or give `people`)."""
    people: list[Person] = []
    """A scene with several people: each their own state, lines, topics and cues (or give `subject`)."""
    partner: Partner | None = None
    """The recruit's partner officer and the tasks they may be given."""
    max_turns: Annotated[int, Field(ge=1, le=500)] = 30
    pressure_seconds: Annotated[float, Field(gt=0)] | None = None
    """If set, the subject speaks again (and agitation rises) when the recruit waits this long."""
    opening: Lines
    """The subject's first line(s) when the officer arrives."""
    nonverbal: dict[Band, Lines]
    emotions: list[Feeling] = []
    """What the subject feels (a phase may say otherwise); emotion labels are checked against it."""
    corrections: list[str] = []
    """Said when a label names a feeling they do not have ("I'm not angry. I'm scared.")."""
    off_topic: list[str] = []
    """Said to a closed question about nothing the scenario knows ("What's that got to do with it?")."""
    effects: list[EffectOverride] = []
    phases: Annotated[list[Phase], Field(min_length=1)]
    variants: list[Variant] = []
    topics: list[Topic] = []
    requirements: list[Requirement] = []
    time: TimeRules = TimeRules()
    scoring: Scoring = Scoring()
    cues: list[Cue] = []
    triggers: list[Trigger] = []
    actions: list[Action] = []
    outcomes: list[OutcomeRule] = []
    walkthroughs: Annotated[list[Walkthrough], Field(max_length=100)] = []
    """Scripted plays `talkdown test` runs (at most 100, each with its seeds)."""
    language: LanguageExtension = LanguageExtension()

    @model_validator(mode="after")
    def _nonverbal_for_every_band(self) -> Scenario:
        missing = [b for b in BANDS if b not in self.nonverbal]
        if missing:
            raise ValueError("nonverbal lines are needed for every band; missing: " + ", ".join(missing))
        return self

    @model_validator(mode="after")
    def _subject_or_people(self) -> Scenario:
        if self.subject is not None and self.people:
            raise ValueError("give either `subject` (one person) or `people` (several), not both")
        if self.subject is None and not self.people:
            raise ValueError("a scenario needs `subject` (one person) or `people` (several, each with an id)")
        return self

    # Conveniences -----------------------------------------------------------------
    @property
    def lead(self) -> Subject:
        """The one subject, or the first of the people (who says the `opening`)."""
        return self.subject if self.subject is not None else self.people[0]

    @property
    def several(self) -> bool:
        """A scene with several people (`people:`): events name who speaks and to whom."""
        return bool(self.people)

    def all_topics(self) -> list[Topic]:
        """The scenario's topics, then each person's."""
        return list(self.topics) + [t for p in self.people for t in p.topics]

    def all_cues(self) -> list[Cue]:
        """The scenario's cues, then each person's."""
        return list(self.cues) + [c for p in self.people for c in p.cues]

    def person(self, person_id: str) -> Person | None:
        return next((p for p in self.people if p.id == person_id), None)

    def phase(self, phase_id: str) -> Phase:
        for phase in self.phases:
            if phase.id == phase_id:
                return phase
        raise KeyError(phase_id)

    @property
    def initial_phase(self) -> str:
        return self.phases[0].id

    def outcome_rule(self, outcome_id: str) -> OutcomeRule | None:
        for rule in self.outcomes:
            if rule.id == outcome_id:
                return rule
        return None

    def action(self, action_id: str) -> Action | None:
        for action in self.actions:
            if action.id == action_id:
                return action
        return None

    @property
    def objective_texts(self) -> list[str]:
        return [o if isinstance(o, str) else o.text for o in self.objectives]

    def variant(self, variant_id: str) -> Variant | None:
        return next((v for v in self.variants if v.id == variant_id), None)


Condition.model_rebuild()
Phase.model_rebuild()
