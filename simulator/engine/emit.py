"""Building the typed events a session emits, from the scenario and the subject's state."""

from __future__ import annotations

from simulator.engine.conditions import Facts
from simulator.scenario import Scenario
from simulator.transcripts.events import (
    Briefing,
    Ended,
    ObjectiveResult,
    PartnerInfo,
    PersonInfo,
    PersonLevel,
    RubricRef,
    ScenarioRef,
    ScoringNote,
    Started,
    SubjectInfo,
    SubjectSaid,
    TopicRef,
    Unmet,
)
from simulator.vocabulary import ActionId, Mode, Outcome, band_of


def r1(x: float) -> float:
    """Numbers in events are rounded to one decimal."""
    return round(x, 1)


def started(scenario: Scenario, *, content_hash: str, app_version: str, seed: int, trainee: str, mode: Mode,
            rubrics: tuple[RubricRef, ...], actions: list[ActionId], variant: dict[str, str] | None = None,
            partner_tasks: list[str] | None = None) -> Started:
    s = scenario
    owner = {t.id: p.id for p in s.people for t in p.topics}
    return Started(
        app_version=app_version,
        scenario=ScenarioRef(id=s.id, version=s.version, title=s.title, content_hash=content_hash),
        seed=seed, trainee=trainee, mode=mode, rubrics=list(rubrics), max_turns=s.max_turns,
        briefing=Briefing(dispatch=s.dispatch, known_on_arrival=list(s.known_on_arrival),
                          objectives=s.objective_texts),
        subject=SubjectInfo(name=s.lead.name, age=s.lead.age, description=s.lead.description),
        actions=actions, variant=variant,
        topics=[TopicRef(id=t.id, kind=t.kind, cue=t.cue, title=t.title, person=owner.get(t.id))
                for t in s.all_topics()] or None,
        scoring=ScoringNote(weights=dict(s.scoring.weights), note=s.scoring.note) if s.scoring.weights else None,
        people=[PersonInfo(id=p.id, name=p.name, age=p.age, description=p.description) for p in s.people] or None,
        partner=PartnerInfo(name=s.partner.name, tasks=list(partner_tasks or [])) if s.partner else None)


def subject_said(facts: Facts, phase: str, line: str, nonverbal: str, *, person: str | None = None,
                 to: str | None = None, unprompted: bool = False, people: list[PersonLevel] | None = None
                 ) -> SubjectSaid:
    """What the subject (in a scene: ``person``, to ``to``) says, with their levels now."""
    return SubjectSaid(turn=facts.turn, text=line, nonverbal=nonverbal, phase=phase, band=band_of(facts.agitation),
                       agitation=r1(facts.agitation), rapport=r1(facts.rapport), person=person, to=to,
                       unprompted=True if unprompted else None, people=people)


def ended(facts: Facts, phase: str, outcome: Outcome, *, title: str, line: str, nonverbal: str,
          teaching_points: list[str], reason: str | None, intended: Outcome | None = None,
          unmet: list[Unmet] | None = None, objectives: list[ObjectiveResult] | None = None) -> Ended:
    return Ended(turn=facts.turn, outcome=outcome, title=title, line=line, nonverbal=nonverbal,
                 teaching_points=teaching_points, agitation=r1(facts.agitation), rapport=r1(facts.rapport),
                 phase=phase, reason=reason or None, intended=intended, unmet=unmet or None,
                 objectives=objectives or None)
