"""Pydantic models of a rubric file (DESIGN 4.2). Unknown keys are errors.

A criterion is one measure from a fixed vocabulary, chosen by its ``measure:`` key.
Nothing in a rubric is evaluated as code: every measure is a Python class here, and
its parameters are numbers and names.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from simulator.vocabulary import RUBRIC_FORMAT, ActionId, Outcome

Ident = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_-]*$")]
Share = Annotated[float, Field(ge=0, le=1)]
#: Technique ids or group names (built-in or the rubric's own); checked by the loader.
Names = Annotated[list[Annotated[str, Field(min_length=1)]], Field(min_length=1)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True, allow_inf_nan=False)


class CriterionBase(Strict):
    id: Ident
    title: str
    weight: Annotated[float, Field(gt=0, le=100)] = 1.0
    """Share of the rubric's score, relative to the other criteria."""
    coaching: Annotated[str, Field(min_length=1)]
    """Shown to the recruit when the criterion is missed (scored below full marks)."""
    description: str = ""
    """Why this matters, for instructors."""


class Engagement(Strict):
    """Credit for *not* doing something is only earned by taking part in the talk."""

    min_engaged_turns: Annotated[int, Field(ge=0)] = 3
    """Turns with an engaging technique needed for full credit; fewer scale it down."""
    engaged_by: Names = ["engaged"]
    """Techniques (or groups) that count as engaging."""


class Count(CriterionBase):
    """Turns in which any of the techniques or actions was used."""

    measure: Literal["count"]
    techniques: list[str] = []
    actions: list[ActionId] = []
    at_least: Annotated[int, Field(ge=1)] = 1
    """Full marks at this many; fewer earn a proportional share."""
    distinct: bool = False
    """Count different techniques/actions used instead of turns."""

    @model_validator(mode="after")
    def _something(self) -> Count:
        if not self.techniques and not self.actions:
            raise ValueError("give techniques or actions to count")
        return self


class Ratio(CriterionBase):
    """Turns with a numerator technique to turns with a denominator technique."""

    measure: Literal["ratio"]
    numerator: Names
    denominator: Names
    fair: Annotated[float, Field(gt=0)] = 1.0
    """Ratio that earns ``fair_score``."""
    good: Annotated[float, Field(gt=0)] = 2.0
    """Ratio that earns full marks; between fair and good the score rises linearly."""
    fair_score: Share = 0.7
    min_turns: Annotated[int, Field(ge=1)] = 2
    """Turns (numerator or denominator) needed before the ratio earns full weight."""
    denominator_except: list[str] = []
    """Turns with any of these are left out of the denominator (e.g. crisis_inquiry:
    asking directly about suicide is a closed question on purpose)."""
    except_protocol: list[str] = []
    """Topic kinds (e.g. safety, medical) whose questions are protocol questions: turns
    asking them are left out of the denominator."""

    @model_validator(mode="after")
    def _ordered(self) -> Ratio:
        if self.good < self.fair:
            raise ValueError(f"'good' ({self.good}) must be at least 'fair' ({self.fair})")
        return self


class WithinTurns(CriterionBase):
    """A technique or action used within the first N turns."""

    measure: Literal["within_turns"]
    techniques: list[str] = []
    actions: list[ActionId] = []
    turns: Annotated[int, Field(ge=1)]
    late_credit: Share = 0.0
    """Score when it came, but later than ``turns``."""

    @model_validator(mode="after")
    def _something(self) -> WithinTurns:
        if not self.techniques and not self.actions:
            raise ValueError("give techniques or actions to look for")
        return self


class Absent(CriterionBase, Engagement):
    """Techniques that should not be used (insults, ultimatums...)."""

    measure: Literal["absent"]
    techniques: list[str] = []
    actions: list[ActionId] = []
    allowed: Annotated[int, Field(ge=0)] = 0
    """Turns with them that cost nothing."""
    penalty: Share = 0.5
    """Taken off for each turn beyond ``allowed``."""

    @model_validator(mode="after")
    def _something(self) -> Absent:
        if not self.techniques and not self.actions:
            raise ValueError("give techniques or actions that should be absent")
        return self


class CueRecognised(CriterionBase):
    """Every cue the scenario showed (optionally of some kinds), recognised in time."""

    measure: Literal["cue_recognised"]
    kinds: list[str] = []
    """Cue kinds (psychosis, suicidality, ...); empty means every cue."""
    within: Annotated[int, Field(ge=1)] = 3
    """Turns after the cue appeared within which recognition earns full marks."""
    late_credit: Share = 0.5
    """Score for a cue recognised, but later than ``within``."""


class TopicsAsked(CriterionBase):
    """The questions the scenario expects once a cue is shown, asked and the answer heard."""

    measure: Literal["topics_asked"]
    kinds: list[str] = []
    """Topic kinds (safety, medical, psychosis...); empty means every topic that follows a cue."""
    within: Annotated[int, Field(ge=1)] = 4
    """Turns after the cue within which asking earns full marks."""
    late_credit: Share = 0.5
    unheard_credit: Share = 0.5
    """Asked, but the answer was withheld or evasive (ask again, or build trust first)."""


class Service(Strict):
    kinds: Annotated[list[str], Field(min_length=1)]
    """Cue kinds that call for this help."""
    actions: list[ActionId] = []
    techniques: list[str] = []
    """Offering it in words counts too (e.g. resource_referral for an advocate)."""
    within: Annotated[int, Field(ge=1)] | None = None
    """This service's own time limit (an advocate follows the safety questions), instead of
    the criterion's."""


class HelpCalled(CriterionBase):
    """The right help for the crisis shown, called (or offered) in time."""

    measure: Literal["help_called"]
    services: Annotated[list[Service], Field(min_length=1)]
    within: Annotated[int, Field(ge=1)] = 8
    """Turns after the cue within which calling earns full marks."""
    late_credit: Share = 0.5


class ListeningFirst(CriterionBase):
    """The Stairway's order: listening before influence."""

    measure: Literal["listening_first"]
    influence: Names = ["advice", "offer_options", "command"]
    listening: Names = ["reflections", "open_question"]
    at_least: Annotated[int, Field(ge=1)] = 2
    """Listening turns needed before the first influence."""


class AdaptedAfterCue(CriterionBase, Engagement):
    """After the first cue: fewer commands and shorter sentences."""

    measure: Literal["adapted_after_cue"]
    kinds: list[str] = []
    fewer: Names = ["command", "threat", "interrogation", "jargon", "argument"]
    """Techniques that should give way once the cue is seen."""
    max_sentence_words: Annotated[int, Field(ge=3)] = 15
    """Mean words per sentence at or under which a reply counts as short."""
    min_engaged_turns: Annotated[int, Field(ge=0)] = 2


class ActionWhenAgitated(CriterionBase):
    """Distance, cover and the like taken while agitation is high."""

    measure: Literal["action_when_agitated"]
    actions: Annotated[list[ActionId], Field(min_length=1)]
    agitation_at_least: Annotated[float, Field(ge=0, le=100)] = 45
    late_credit: Share = 0.5
    """Score when taken, but not while agitation was at or above the mark."""


class ReassessedAfterChange(CriterionBase):
    """Re-assessment (the Critical Decision-Making Model's last step): after a turn that made
    things clearly worse, the next replies check in or change course rather than press on."""

    measure: Literal["reassessed_after_change"]
    rise_at_least: Annotated[float, Field(gt=0, le=100)] = 10
    """A turn that raises agitation by this much is a change that calls for re-assessment."""
    within: Annotated[int, Field(ge=1)] = 2
    """How many turns after the change the re-assessment may come."""
    techniques: Names = ["listening", "crisis_inquiry"]
    """What counts as re-assessing: listening, asking what is going on."""
    actions: list[ActionId] = ["pause", "step-back", "wait", "lower-voice"]
    """... or giving time and space."""


class OutcomeIn(CriterionBase):
    """How the session ended."""

    measure: Literal["outcome"]
    outcomes: Annotated[list[Outcome], Field(min_length=1)]
    """Outcomes that earn full marks."""
    partial: dict[Outcome, Share] = {}
    """Part credit for other outcomes (e.g. timed_out: 0.25)."""


class AgitationChange(CriterionBase):
    """Agitation from the subject's first line to the end of the session."""

    measure: Literal["agitation_change"]
    drop_at_least: Annotated[float, Field(gt=0, le=100)] = 20
    """A fall this large earns full marks; smaller falls a share, rises nothing."""
    or_end_below: Annotated[float, Field(ge=0, le=100)] | None = None
    """Full marks too when the session ends with agitation under this."""


Criterion = Annotated[
    Count | Ratio | WithinTurns | Absent | CueRecognised | AdaptedAfterCue | ActionWhenAgitated | OutcomeIn
    | AgitationChange | TopicsAsked | HelpCalled | ListeningFirst | ReassessedAfterChange,
    Field(discriminator="measure"),
]

MEASURES: dict[str, type[CriterionBase]] = {
    cls.model_fields["measure"].annotation.__args__[0]: cls  # type: ignore[union-attr]
    for cls in (Count, Ratio, WithinTurns, Absent, CueRecognised, AdaptedAfterCue,
                ActionWhenAgitated, OutcomeIn, AgitationChange, TopicsAsked, HelpCalled, ListeningFirst,
                ReassessedAfterChange)
}


class _RubricFields(Strict):
    format: Literal[1] = RUBRIC_FORMAT
    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$")]
    version: Annotated[int, Field(ge=1)]
    """Raise it whenever the criteria change; transcripts record the version they met."""
    title: str
    description: str = ""
    pass_mark: Annotated[float, Field(gt=0, le=100)] = 75
    """Percent at or above which the rubric is passed."""
    count_repeated_lines: bool = False
    """Count techniques in a line nearly identical to an earlier one (the engine's
    ``repeated``). Off by default: saying the same thing again earns nothing new."""
    groups: dict[Ident, Names] = {}
    """Named sets of techniques (ids or built-in groups), usable wherever a technique is."""
    min_grounding: Share = 0.0
    """A reflection counts only when at least this grounded in what the person said or
    showed (the engine's measure; a label naming a feeling they did not have is 0)."""


class Rubric(_RubricFields):
    """A set of weighted criteria a session is scored against."""

    criteria: Annotated[list[Criterion], Field(min_length=1)]

    def criterion(self, criterion_id: str) -> CriterionBase:
        for c in self.criteria:
            if c.id == criterion_id:
                return c
        raise KeyError(criterion_id)


class RubricHead(_RubricFields):
    """Everything but the criteria, which the loader validates one at a time so each
    error names its own line and key."""

    criteria: Annotated[list[dict], Field(min_length=1)]
