"""A session as xAPI 1.0.3 statements (issue 14, point 2; the mapping is ``docs/xapi.md``).

Built from the session's events and its score (both from the replay, never from what a file
says), so the same session always gives the same statements: every id is a UUID derived from the
session id and what the statement is about (a turn, a cue, a rubric), and every timestamp is the
session's recorded start (the only time a transcript keeps).  Sending them again is therefore
idempotent: an LRS ignores a statement whose id and content it already has.

The actor is the trainee (an ``account`` on a configurable home page), the activity is the
scenario; verbs are ADL's; what Talkdown adds sits in extensions under :data:`IRI`, our namespace.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from simulator.scoring import ScoreReport
from simulator.transcripts.events import (
    ActionTaken,
    Analysed,
    CueRecognised,
    CueShown,
    Ended,
    Event,
    PartnerActed,
    Started,
    SubjectSaid,
)
from simulator.vocabulary import GOOD_OUTCOMES

#: Talkdown's own IRI namespace (activities and extensions); ``talkdown.example`` is reserved for us.
IRI = "https://talkdown.example/xapi/"
EXT = IRI + "extensions/"
#: The fixed namespace of every statement id (uuid5 over it and what the statement is about).
ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, IRI)
#: The trainees' home page when none is configured (TALKDOWN_XAPI_HOME_PAGE).
DEFAULT_HOME_PAGE = "https://talkdown.example/trainees"
XAPI_VERSION = "1.0.3"
LANGUAGE = "en-US"

ADL = "http://adlnet.gov/expapi/verbs/"
#: The verbs used, each ADL's (cmi5's where it has one).
VERBS: dict[str, str] = {name: ADL + name for name in
                         ("launched", "initialized", "responded", "answered", "completed", "passed", "failed")}
SIMULATION = "http://adlnet.gov/expapi/activities/simulation"
ASSESSMENT = "http://adlnet.gov/expapi/activities/assessment"
INTERACTION = "http://adlnet.gov/expapi/activities/interaction"


@dataclass(frozen=True)
class _Call:
    """What every statement of one session shares."""

    session: str
    actor: dict
    activity: dict
    registration: str
    timestamp: str
    context: dict


def statement_id(session: str, *about: object) -> str:
    """The stable id of the statement about ``about`` (a verb, a turn, a cue, a rubric) in ``session``."""
    return str(uuid.uuid5(ID_NAMESPACE, "/".join(str(part) for part in (session, *about))))


def scenario_iri(scenario_id: str) -> str:
    return f"{IRI}scenarios/{scenario_id}"


def actor_of(trainee: str, home_page: str = DEFAULT_HOME_PAGE) -> dict:
    """The trainee as an xAPI Agent (an account on the academy's home page)."""
    return {"objectType": "Agent", "name": trainee, "account": {"homePage": home_page, "name": trainee}}


def _call(header: Started, session: str, home_page: str) -> _Call:
    s = header.scenario
    activity = {"objectType": "Activity", "id": scenario_iri(s.id), "definition": {
        "type": SIMULATION, "name": {LANGUAGE: s.title or s.id},
        "extensions": {EXT + "scenario-id": s.id, EXT + "scenario-version": s.version}}}
    registration = str(uuid.uuid5(ID_NAMESPACE, session))
    context = {"registration": registration, "platform": "Talkdown",
               "revision": str(s.version), "language": LANGUAGE,
               "extensions": {EXT + "session": session, EXT + "mode": header.mode, EXT + "seed": header.seed,
                              EXT + "app-version": header.app_version}}
    return _Call(session, actor_of(header.trainee, home_page), activity, registration,
                 header.time or "", context)


def _statement(call: _Call, verb: str, about: Sequence[object], *, obj: dict | None = None,
               result: dict | None = None, turn: int | None = None, parent: bool = False) -> dict:
    """One statement; ``about`` names what it is about within the session (its id is derived from it)."""
    context = {**call.context, "extensions": dict(call.context["extensions"])}
    if obj is not None:
        del context["revision"]  # the scenario's version: only where the scenario is the object
    if turn is not None:
        context["extensions"][EXT + "turn"] = turn
    if parent:
        context["contextActivities"] = {"parent": [{"objectType": "Activity", "id": call.activity["id"]}]}
    statement: dict = {"id": statement_id(call.session, *about), "actor": call.actor,
                       "verb": {"id": VERBS[verb], "display": {LANGUAGE: verb}},
                       "object": obj or call.activity}
    if result is not None:
        statement["result"] = result
    statement["context"] = context
    if call.timestamp:
        statement["timestamp"] = call.timestamp
    return statement


#: A turn of the trainee's: a reply, an action, or a task given to the partner (a scene with several people).
_Said = Analysed | ActionTaken | PartnerActed
#: Everyone's (agitation, rapport) by person id (a scene with several people; empty otherwise).
_Levels = dict[str, tuple[float, float]]


def _is_turn(e: Event) -> bool:
    if isinstance(e, ActionTaken):
        return e.agitation_delta is not None  # `/end` is not a turn
    if isinstance(e, PartnerActed):
        return e.task != "talk-over"  # the partner talking over the trainee is part of the trainee's turn
    return isinstance(e, Analysed)


def _turns(call: _Call, events: Iterable[Event], names: dict[str, str]) -> list[dict]:
    """One ``responded`` a turn: the reply (or action, or partner's task), its techniques, agitation and
    rapport before and after (the subject's state when it was said, and after their answer; in a scene
    with several people the person addressed, and everyone's in ``people``)."""
    out: list[dict] = []
    agitation: float | None = None
    rapport: float | None = None
    levels: _Levels = {}
    pending: tuple[_Said, float | None, float | None, _Levels] | None = None
    for e in events:
        if _is_turn(e):
            pending = (e, agitation, rapport, levels)  # type: ignore[assignment]
        elif isinstance(e, (SubjectSaid, Ended)):
            after: _Levels = {p.id: (p.agitation, p.rapport) for p in e.people or []}
            if pending is not None:
                said, before, rapport_before, levels_before = pending
                agitation_after, rapport_after = e.agitation, e.rapport
                to = said.to if isinstance(said, Analysed) else said.person if isinstance(said, PartnerActed) else None
                if to is not None and to in levels_before and to in after:  # the person addressed (or named)
                    (before, rapport_before), (agitation_after, rapport_after) = levels_before[to], after[to]
                out.append(_responded(call, said, (before, agitation_after), (rapport_before, rapport_after),
                                      _people(levels_before, after, names, {p.id for p in e.people or [] if p.aside})))
                pending = None
            agitation, rapport = e.agitation, e.rapport
            levels = after or levels
    return out


def _people(before: _Levels, after: _Levels, names: dict[str, str], aside: set[str]) -> list[dict]:
    """Everyone's agitation and rapport before and after a turn, in the scene's order (a scene only);
    ``aside``: who is aside with the partner after it."""
    out = []
    for pid, (agitation, rapport) in after.items():
        person: dict[str, object] = {"id": pid, "name": names.get(pid, pid)}
        if pid in before:
            person["agitation-before"] = before[pid][0]
        person["agitation-after"] = agitation
        if pid in before:
            person["rapport-before"] = before[pid][1]
        person["rapport-after"] = rapport
        if pid in aside:
            person["aside"] = True
        out.append(person)
    return out


def _responded(call: _Call, said: _Said, agitation: tuple[float | None, float],
               rapport: tuple[float | None, float], people: list[dict]) -> dict:
    ext: dict[str, object] = {}
    if isinstance(said, Analysed):
        ext[EXT + "techniques"] = list(said.techniques)
        if said.to is not None:
            ext[EXT + "addressed"] = said.to
    elif isinstance(said, PartnerActed):
        ext[EXT + "partner-task"] = said.task
        if said.person is not None:
            ext[EXT + "addressed"] = said.person
    else:
        ext[EXT + "action"] = said.id
    for name, (before, after) in (("agitation", agitation), ("rapport", rapport)):
        if before is not None:
            ext[EXT + f"{name}-before"] = before
        ext[EXT + f"{name}-after"] = after
    if people:
        ext[EXT + "people"] = people
    return _statement(call, "responded", ("responded", said.turn), turn=said.turn,
                      result={"response": said.text, "extensions": ext})


def _cues(call: _Call, events: Iterable[Event]) -> list[dict]:
    """One ``answered`` for each cue the trainee recognised (the cue is an interaction of the call)."""
    shown: dict[str, CueShown] = {}
    out: list[dict] = []
    for e in events:
        if isinstance(e, CueShown):
            shown.setdefault(e.id, e)
        elif isinstance(e, CueRecognised):
            cue = shown.get(e.id)
            definition: dict = {"type": INTERACTION, "name": {LANGUAGE: f"cue: {e.id}"}}
            if cue is not None:
                definition["description"] = {LANGUAGE: cue.text}
                definition["extensions"] = {EXT + "cue-kind": cue.kind}
            obj = {"objectType": "Activity", "id": f"{call.activity['id']}/cues/{e.id}", "definition": definition}
            ext: dict[str, object] = {EXT + "how": e.how, EXT + "after-turns": e.after_turns}
            if cue is not None:
                ext[EXT + "shown-turn"] = cue.turn
            if e.person is not None:
                ext[EXT + "person"] = e.person
            result: dict = {"success": True, "extensions": ext}
            if e.matched:
                result["response"] = e.matched
            out.append(_statement(call, "answered", ("cue", e.id), obj=obj, result=result, turn=e.turn,
                                  parent=True))
    return out


def _completed(call: _Call, ended: Ended, turns: int) -> dict:
    ext: dict[str, object] = {EXT + "outcome": ended.outcome, EXT + "agitation-after": ended.agitation,
                              EXT + "rapport-after": ended.rapport, EXT + "turns": turns}
    if ended.reason:
        ext[EXT + "reason"] = ended.reason
    result = {"completion": True, "success": ended.outcome in GOOD_OUTCOMES, "response": ended.outcome,
              "extensions": ext}
    return _statement(call, "completed", ("completed",), result=result, turn=ended.turn)


def _rubrics(call: _Call, report: ScoreReport, turn: int) -> list[dict]:
    """``passed`` or ``failed`` for each rubric, its score scaled 0-1."""
    out = []
    for r in sorted(report.rubrics, key=lambda r: r.id):
        obj = {"objectType": "Activity", "id": f"{IRI}rubrics/{r.id}", "definition": {
            "type": ASSESSMENT, "name": {LANGUAGE: r.title or r.id},
            "extensions": {EXT + "rubric-version": r.version}}}
        result = {"score": {"scaled": round(r.percent / 100, 4), "raw": r.percent, "min": 0, "max": 100},
                  "success": r.passed, "completion": True,
                  "extensions": {EXT + "pass-mark": r.pass_mark, EXT + "rubric-version": r.version}}
        # The id names the rubric, not the verb: a session passes or fails a rubric once.
        out.append(_statement(call, "passed" if r.passed else "failed", ("rubric", r.id), obj=obj, result=result,
                              turn=turn, parent=True))
    return out


def session_statements(events: Sequence[Event], report: ScoreReport | None, *, session: str,
                       home_page: str = DEFAULT_HOME_PAGE) -> list[dict]:
    """The statements of one session, in the order things happened: ``launched``, ``initialized``,
    ``responded`` per turn, ``answered`` per cue recognised, then (when it ended) ``completed`` and
    ``passed``/``failed`` per rubric.  ``session``: the session id (the stored header's, else the
    file's stem); ``report``: the score of these events (None: no rubric statements)."""
    header = events[0]
    if not isinstance(header, Started):
        raise ValueError("a session's events start with `started`")
    call = _call(header, session, home_page)
    out = [_statement(call, "launched", ("launched",), turn=0),
           _statement(call, "initialized", ("initialized",), turn=0)]
    turns = _turns(call, events, {p.id: p.name for p in header.people or []})
    cues = _cues(call, events)
    out += sorted(turns + cues, key=lambda s: s["context"]["extensions"][EXT + "turn"])  # stable: turns first
    ended = next((e for e in reversed(events) if isinstance(e, Ended)), None)
    if ended is not None:
        out.append(_completed(call, ended, len(turns)))
        if report is not None:
            out += _rubrics(call, report, ended.turn)
    return out
