"""Every event of a session, typed (DESIGN 4.3).

The engine produces these; the transcript store writes them one JSON object a line;
``talkdown run --json`` prints them; scoring, the debrief, the headless runner and the
app read them. :func:`event_from_json` is the one way back from a line of JSON: it
refuses unknown kinds and wrong fields with a coded problem (TD403-TD405).

A field whose value is ``None`` is not written. ``docs/events.md`` holds the table
:func:`markdown_table` makes from these classes (a test keeps the two equal).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from simulator.vocabulary import (
    MAX_SEED,
    MIN_SEED,
    TRANSCRIPT_FORMAT,
    ActionId,
    AnswerKind,
    Band,
    Mode,
    Outcome,
    TechniqueId,
)

#: The version of this event schema: the ``format`` stamped in every transcript header.
EVENTS_VERSION = TRANSCRIPT_FORMAT

#: The largest turn number, count or text offset a transcript may hold: far beyond any session
#: (a scenario allows 500 turns), so a number past it is damage, refused with its line and key.
MAX_COUNT = 1_000_000
Level = Annotated[float, Field(ge=0, le=100)]
Turn = Annotated[int, Field(ge=0, le=MAX_COUNT)]
Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]
Span = tuple[Count, Count]
Delta = Annotated[float, Field(ge=-1000, le=1000)]
"""What a turn or one technique did to agitation or rapport (both 0-100)."""


class _Part(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True, allow_inf_nan=False,
                              use_attribute_docstrings=True, populate_by_name=True)


class ScenarioRef(_Part):
    id: str
    version: int
    title: str
    content_hash: str


class RubricRef(_Part):
    id: str
    version: int


class Briefing(_Part):
    dispatch: str
    known_on_arrival: list[str]
    objectives: list[str]


class SubjectInfo(_Part):
    name: str
    age: Annotated[int, Field(ge=0, le=200)] | None = None
    description: str


class PersonInfo(_Part):
    """One person of a scene: the id to address them by (`@id`), their name, what the officer sees."""

    id: str
    name: str
    age: Annotated[int, Field(ge=0, le=200)] | None = None
    description: str


class PartnerInfo(_Part):
    """The partner officer and the tasks the recruit may give them (`/partner <task>`)."""

    name: str
    tasks: list[str]


class PersonLevel(_Part):
    """One person's agitation and rapport after a turn."""

    id: str
    agitation: Level
    rapport: Level
    aside: bool | None = None
    """Taken aside by the partner (neither reacting nor speaking up)."""


class Detection(_Part):
    technique: TechniqueId
    span: Span
    text: str


class AppliedEffect(_Part):
    """One technique's effect on this turn, after the scenario's overrides and modulation."""

    technique: TechniqueId
    agitation: Delta
    rapport: Delta
    rule: str
    grounding: Annotated[float, Field(ge=0, le=1)] | None = None
    """For a reflection: how much of it was grounded in what they said or showed (0-1)."""


class TopicRef(_Part):
    """A question the scenario expects once its cue is shown (or always, without one)."""

    id: str
    kind: str = ""
    cue: str | None = None
    title: str = ""
    """Topics with one title ask one question in different words: any of them answers it."""
    person: str | None = None
    """Whose topic it is (a scene with several people)."""


class ObjectiveResult(_Part):
    """An objective of the briefing, judged at the end of the call."""

    text: str
    met: bool


class ScoringNote(_Part):
    """The scenario's weighting of rubric criteria (0: not applicable), and why."""

    weights: dict[str, float]
    note: str = ""


class Unmet(_Part):
    """A requirement of a good ending that was missing."""

    id: str
    description: str


class _Event(_Part):
    def to_json_dict(self) -> dict:
        """The event as stored and printed (``None`` fields left out)."""
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)

    def to_json(self) -> str:
        return self.model_dump_json(by_alias=True, exclude_none=True)


class Started(_Event):
    """First: what was played, by whom, under which rubrics; the briefing the recruit read."""

    event: Literal["started"] = "started"
    app_version: str
    scenario: ScenarioRef
    seed: Annotated[int, Field(ge=MIN_SEED, le=MAX_SEED)]
    trainee: str
    mode: Mode
    """`coach` or `assess`."""
    rubrics: list[RubricRef]
    max_turns: Count
    briefing: Briefing
    subject: SubjectInfo
    actions: list[ActionId]
    """The slash commands offered at the start."""
    variant: dict[str, str] | None = None
    """What was drawn for this session (hidden from the recruit until the debrief)."""
    topics: list[TopicRef] | None = None
    """What the subject can be asked about, for scoring (hidden from the recruit)."""
    scoring: ScoringNote | None = None
    """How this call weighs the rubrics' criteria."""
    people: list[PersonInfo] | None = None
    """A scene with several people: everyone, the first addressed first."""
    partner: PartnerInfo | None = None
    """The partner officer, when the scene has one."""
    format: int | None = None
    """Stamped when stored: the transcript format."""
    session_id: str | None = None
    """Stamped when stored."""
    time: str | None = None
    """Stamped when stored: UTC, ISO 8601."""


class SubjectSaid(_Event):
    """The subject speaks (after the opening and after every turn)."""

    event: Literal["subject"] = "subject"
    turn: Turn
    text: str
    nonverbal: str
    """Body language for the band."""
    phase: str
    band: Band
    agitation: Level
    """After the turn, 0-100 (in a scene: the speaker's)."""
    rapport: Level
    person: str | None = None
    """Who speaks (a scene with several people)."""
    to: str | None = None
    """To whom: `officer`, or the person they turn on when speaking up unprompted."""
    unprompted: bool | None = None
    """They spoke up while the recruit talked to someone else."""
    people: list[PersonLevel] | None = None
    """Everyone's levels after the turn (a scene with several people)."""


class Analysed(_Event):
    """The trainee said something (verbatim) and what the language layer found in it."""

    event: Literal["analysis"] = "analysis"
    turn: Turn
    text: str
    techniques: list[TechniqueId]
    detections: list[Detection]
    effects: list[AppliedEffect]
    agitation_delta: Delta
    """What the whole turn did, drift and triggers included."""
    rapport_delta: Delta
    repeated: Count
    """How many earlier lines were near-identical; in a scene, lines to the same person."""
    to: str | None = None
    """The person addressed (a scene with several people); the deltas are theirs."""


class ActionTaken(_Event):
    """A slash command (an action, not speech)."""

    event: Literal["action"] = "action"
    turn: Turn
    id: ActionId
    text: str
    nonverbal: str | None = None
    agitation_delta: Delta | None = None
    """Left out for `/end`, which is not a turn of the conversation."""
    rapport_delta: Delta | None = None


class TriggerFired(_Event):
    """An authored trigger fired."""

    event: Literal["trigger"] = "trigger"
    turn: Turn
    id: str
    span: Span | None = None
    matched: str | None = None
    person: str | None = None
    """The person addressed, whose levels its effect changed (a scene with several people)."""


class CueShown(_Event):
    """A cue becomes visible to the recruit."""

    event: Literal["cue_shown"] = "cue_shown"
    turn: Turn
    id: str
    kind: str
    """psychosis, suicidality, medical, ..."""
    text: str
    person: str | None = None
    """Whose cue (a scene with several people; none for the scene's own)."""


class CueRecognised(_Event):
    """The trainee showed they recognised a cue."""

    event: Literal["cue_recognised"] = "cue_recognised"
    turn: Turn
    id: str
    how: Literal["phrase", "technique", "action"]
    after_turns: Count
    span: Span | None = None
    matched: str | None = None
    person: str | None = None
    """Whose cue (a scene with several people; none for the scene's own)."""


class TopicAnswered(_Event):
    """The trainee asked about one of the scenario's topics, and the subject answered."""

    event: Literal["topic"] = "topic"
    turn: Turn
    id: str
    kind: str | None = None
    """The topic's kind (safety and medical questions are protocol questions)."""
    answer: AnswerKind
    """`withheld`, `evasive` or `honest`."""
    span: Span | None = None
    matched: str | None = None
    fact: str | None = None
    """What the answer told (honest answers)."""
    person: str | None = None
    """Who answered (a scene with several people)."""


class PhaseChanged(_Event):
    """The scenario's state machine moved."""

    event: Literal["phase_changed"] = "phase_changed"
    turn: Turn
    from_: str = Field(alias="from")
    to: str


class Addressed(_Event):
    """The recruit turns to another person (a scene with several people); no turn is used."""

    event: Literal["addressed"] = "addressed"
    turn: Turn
    person: str
    how: Literal["at", "name", "talk-to", "aside"]
    """`@name`, their name in the first words, `/talk-to`, or the person addressed was taken aside."""


class Reacted(_Event):
    """Someone not addressed reacts to what was said to another (a scene with several people)."""

    event: Literal["reaction"] = "reaction"
    turn: Turn
    person: str
    cause: Literal["sides", "hostility", "one_voice"]
    """`sides` (taken against them), `hostility` (to someone else) or `one_voice` (two officers at once)."""
    agitation_delta: Delta
    favoured: str | None = None
    """For `sides`: whose side the recruit took."""
    span: Span | None = None
    matched: str | None = None


class PartnerActed(_Event):
    """The partner officer did a task the recruit gave (`/partner <task>`), or talked over them."""

    event: Literal["partner"] = "partner"
    turn: Turn
    task: str
    """A task id, or `talk-over` when the partner talked in the recruit's turn."""
    text: str
    """The command typed (empty for `talk-over`)."""
    line: str | None = None
    """What the partner said or did."""
    person: str | None = None
    """The person the task named (take-aside, bring-back)."""
    agitation_delta: Delta | None = None
    """What the task did to that person's (or the addressed person's) agitation."""


class Pressure(_Event):
    """The recruit left the subject waiting past the scenario's timer (a `subject` event follows)."""

    event: Literal["pressure"] = "pressure"
    turn: Turn


class Notice(_Event):
    """An unavailable or unknown command: no turn is used."""

    event: Literal["notice"] = "notice"
    turn: Turn
    text: str


class Ended(_Event):
    """Last: the outcome and the subject's last words."""

    event: Literal["ended"] = "ended"
    turn: Turn
    outcome: Outcome
    title: str
    line: str
    """The subject's last words."""
    nonverbal: str
    teaching_points: list[str]
    agitation: Level
    rapport: Level
    phase: str
    reason: str | None = None
    """Why the recruit's side ended it (`quit`, `input ended`, `ended by trainee`, `stopped by SIGTERM`, ...)."""
    intended: Outcome | None = None
    """The good ending the session was heading for when a requirement was missing."""
    unmet: list[Unmet] | None = None
    """What a good ending needed and did not have."""
    objectives: list[ObjectiveResult] | None = None
    """The briefing's objectives that the scenario judges: reached or not."""
    person: str | None = None
    """Who says the last words (a scene with several people; `agitation` is then the highest of anyone's)."""
    people: list[PersonLevel] | None = None
    """Everyone's levels at the end (a scene with several people)."""


Event = Annotated[Started | SubjectSaid | Analysed | ActionTaken | TriggerFired | CueShown | CueRecognised
                  | TopicAnswered | PhaseChanged | Addressed | Reacted | PartnerActed | Pressure | Notice | Ended,
                  Field(discriminator="event")]
EVENT_TYPES: tuple[type[_Event], ...] = (Started, SubjectSaid, Analysed, ActionTaken, TriggerFired, CueShown,
                                         CueRecognised, TopicAnswered, PhaseChanged, Addressed, Reacted,
                                         PartnerActed, Pressure, Notice, Ended)
KINDS: tuple[str, ...] = tuple(t.model_fields["event"].default for t in EVENT_TYPES)
_ADAPTER: TypeAdapter[Event] = TypeAdapter(Event)


class EventError(ValueError):
    """A line that is not an event this version can read; ``code`` is the catalogue's."""

    def __init__(self, code: str, **fields: object):
        self.code = code
        self.fields = fields
        super().__init__(f"{code}: {fields}")


def _dotted(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out


def _error(exc: ValidationError) -> EventError:
    first = exc.errors(include_url=False)[0]
    kind = first["type"]
    if kind == "json_invalid" or (kind in ("dict_type", "model_type", "model_attributes_type") and not first["loc"]):
        return EventError("TD403", detail=first["msg"].lower())
    if kind == "union_tag_invalid":
        return EventError("TD404", name=str(first["ctx"]["tag"]), known=", ".join(KINDS))
    if kind == "union_tag_not_found":
        return EventError("TD405", detail="this object has no 'event' key.")
    loc = tuple(first["loc"])[1:]  # the first part is the event kind
    if kind == "missing":
        detail = "this key is required but missing."
    elif kind == "extra_forbidden":
        detail = "this key is not part of the event (a transcript holds only what the session wrote)."
    else:
        got = first.get("input")
        shown = repr(got) if not isinstance(got, (dict, list)) else type(got).__name__
        detail = f"{first['msg'][0].lower()}{first['msg'][1:]} (got {shown[:40]})."
    return EventError("TD405", detail=detail, key=_dotted(loc))


def event_from_json(line: str | bytes) -> Event:
    """The event one JSON line holds; :class:`EventError` when it is not one."""
    try:
        return _ADAPTER.validate_json(line)
    except ValidationError as exc:
        raise _error(exc) from None


def event_from_dict(data: object) -> Event:
    """The event a JSON-ready mapping holds (lists accepted where spans are tuples)."""
    try:
        return _ADAPTER.validate_python(data, strict=False)
    except ValidationError as exc:
        raise _error(exc) from None


def _shape(annotation: object) -> str:
    """`{a, b}` for a nested model, `[{a, b}]` for a list of them, else nothing."""
    args = tuple(a for a in getattr(annotation, "__args__", ()) if a is not type(None))
    if getattr(annotation, "__origin__", None) is not list and len(args) == 1:  # X | None
        return _shape(args[0])
    if isinstance(annotation, type) and issubclass(annotation, _Part):
        return " {" + ", ".join(f"`{f.alias or n}`" for n, f in annotation.model_fields.items()) + "}"
    if getattr(annotation, "__origin__", None) is list and args:
        inner = _shape(args[0])
        return f" [{inner.strip()}]" if inner else ""
    return ""


def _describe(text: str | None) -> str:
    if not text:
        return ""
    text = text[:-1] if text.endswith(".") and not text.endswith("..") else text
    return f" ({text[0].lower()}{text[1:]})"


def markdown_table() -> str:
    """The events table of ``docs/events.md``: each kind, when it happens and its keys."""
    rows = ["| event | when | keys |", "| --- | --- | --- |"]
    for t in EVENT_TYPES:
        keys = []
        for name, f in t.model_fields.items():
            if name == "event":
                continue
            optional = " (optional)" if not f.is_required() and f.default is None else ""
            keys.append(f"`{f.alias or name}`{_shape(f.annotation)}{_describe(f.description)}{optional}")
        rows.append(f"| `{t.model_fields['event'].default}` | {(t.__doc__ or '').strip()} | {', '.join(keys)} |")
    return "\n".join(rows) + "\n"
