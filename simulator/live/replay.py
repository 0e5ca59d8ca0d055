"""Scores from the trainee's own words: a saved session is played again from its lines.

The engine is deterministic, so the lines a trainee typed, played through the same scenario with
the same seed, give the same session.  A score is computed from that replay, never from what the
file says the lines did: editing the techniques, cues, agitation or outcome in a transcript
changes nothing but a warning that names the first turn that differs.  When the scenario file has
changed since (or is missing), the session cannot be replayed; each line is then analysed again
and only what the engine decided (cues, agitation, outcome) is taken from the file, with a warning.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from simulator import __version__
from simulator.engine import Session
from simulator.language import Analyzer
from simulator.scenario import LoadedScenario
from simulator.transcripts import open_transcript
from simulator.transcripts.events import (
    ActionTaken,
    Addressed,
    Analysed,
    Detection,
    Ended,
    Event,
    Notice,
    PartnerActed,
    Pressure,
    Started,
    SubjectSaid,
)

#: stamped when stored, not played
_STAMPS = ("format", "session_id", "time")
#: saved events waiting for the replay to make them (one turn's worth, and more): past this, the file
#: holds events the replay never makes, and memory stays bounded however long the file
_LAG = 64

How = Literal["replayed", "reanalysed", "recorded"]
"""replayed: played again from the trainee's lines; reanalysed: the scenario changed, every line
analysed again; recorded: these exact bytes were recorded by this installation (see
``simulator.live.rescore``), so they are what a replay gives."""


@dataclass(frozen=True)
class Replay:
    """What to score a saved session by, and whether the file agrees with it."""

    events: list[Event]
    how: How
    differs_at: int | None = None
    """The first turn whose saved events differ from the replay (0 is the start)."""
    warning: str | None = None


def _comparable(event: Event) -> dict:
    data = event.to_json_dict()
    for key in _STAMPS:
        data.pop(key, None)
    return data


class _Redraw(Exception):
    """The variant drawn from the seed is not the one recorded (an instructor chose it)."""


def _play(header: Started, events: Iterator[Event], loaded: LoadedScenario,
          variant: dict[str, str] | None) -> tuple[list[Event], int | None]:
    """The session played again from the saved inputs as they stream past, and the turn of the
    first saved event that differs from the replay (None: none). Only the replay is kept: the engine
    ends a session at its turn limit, so memory stays bounded however long the file."""
    session = Session(loaded, seed=header.seed, trainee=header.trainee, mode=header.mode,
                      app_version=header.app_version, rubrics=tuple(header.rubrics), variant=variant)
    played: list[Event] = session.start()
    start = played[0]
    if variant is None and header.variant and isinstance(start, Started) and start.variant != header.variant:
        raise _Redraw
    plain = [e for e in played if not isinstance(e, Notice)]  # notices change nothing: not compared
    compared = 0
    first: int | None = None
    # a saved event is compared once the replay has made as many: turning to someone by name is
    # saved before the reply that names them, and made again only when that reply is played
    waiting: deque[Event] = deque()
    for saved in events:
        if isinstance(saved, Notice):
            continue
        new: list[Event] = []
        if isinstance(saved, (Analysed, ActionTaken, Pressure)) and not session.finished:
            new = session.pressure() if isinstance(saved, Pressure) else session.reply(saved.text)
        elif isinstance(saved, PartnerActed) and saved.task != "talk-over" and not session.finished:
            new = session.reply(saved.text)
        elif isinstance(saved, Addressed) and not session.finished:
            new = _turn_to(session, saved)
        elif isinstance(saved, Ended) and saved.outcome == "abandoned" and not session.finished:
            new = session.abandon(saved.reason or "quit")
        played += new
        plain += [e for e in new if not isinstance(e, Notice)]
        waiting.append(saved)
        while waiting and compared < len(plain):
            one = waiting.popleft()
            if first is None and _comparable(one) != _comparable(plain[compared]):
                first = getattr(one, "turn", 0)
            compared += 1
        if len(waiting) > _LAG:  # the file holds events the replay never makes
            first = getattr(waiting[0], "turn", 0) if first is None else first
            waiting.clear()
    if first is None and waiting:
        first = getattr(waiting[0], "turn", 0)
    if first is None and compared < len(plain):
        first = getattr(plain[compared], "turn", 0)
    return played, first


def _turn_to(session: Session, saved: Addressed) -> list[Event]:
    """A turn to someone the recruit made without speaking (``@id``, ``/talk-to``, the app's key; the
    words of an ``@id reply`` are saved without it), made again. Turning by name or because someone was
    taken aside comes with the reply or the partner's task that did it."""
    if saved.how == "at":
        return session.reply(f"@{saved.person}")
    if saved.how == "talk-to":
        return session.address(saved.person)
    return []


def replay_file(path: Path, loaded: LoadedScenario | None, *, said_why: bool = False) -> Replay:
    """The events to score the transcript at ``path`` by (see :func:`replay_events`), read as it goes
    (a 100,000-turn file in bounded memory)."""
    with open_transcript(path) as t:
        header = t.header

    def events() -> Iterator[Event]:
        with open_transcript(path) as again:
            yield from again.events()

    return replay_events(header, events, loaded, said_why=said_why)


def replay_events(header: Started, events: Callable[[], Iterator[Event]], loaded: LoadedScenario | None, *,
                  said_why: bool = False) -> Replay:
    """The events to score a saved session by: its replay through ``loaded`` (the scenario file with
    the session's scenario id, if found) when it is the same scenario, else its lines analysed
    again. ``events()`` gives the saved events from the start, each time it is called. ``said_why``:
    why no scenario was given (not found, or its file has errors) is in a warning already."""
    if loaded is not None and loaded.scenario.id == header.scenario.id \
            and loaded.content_hash == header.scenario.content_hash:
        try:
            try:
                played, turn = _play(header, events(), loaded, None)
            except _Redraw:
                played, turn = _play(header, events(), loaded, dict(header.variant or {}))
        except (ValueError, RuntimeError) as exc:  # lines the engine refuses: not what it recorded
            return _reanalysed(events(), loaded, f"its lines cannot be played again ({exc})")
        if turn is None:
            return Replay(played, "replayed")
        if header.app_version != __version__:
            recorded = f"Talkdown {header.app_version}" if header.app_version else "another version of Talkdown"
            why = f"it was recorded with {recorded} and plays differently with {__version__}"
        else:
            why = "the file was altered"
        return Replay(played, "replayed", turn,
                      f"{why}: its events differ from a replay of the trainee's own lines "
                      f"{'from the start' if turn == 0 else f'from turn {turn}'}; scored from the replay.")
    if loaded is None:
        reason = ("the scenario cannot be used (see above)" if said_why
                  else f"scenario '{header.scenario.id}' was not found")
    else:
        reason = (f"the scenario changed since (version {header.scenario.version} recorded, "
                  f"{loaded.scenario.version} now)")
    return _reanalysed(events(), loaded if loaded is not None and loaded.scenario.id == header.scenario.id
                       else None, reason)


def _reanalysed(saved: Iterable[Event], loaded: LoadedScenario | None, reason: str) -> Replay:
    """Every line analysed again (the techniques the file names are not trusted); the rest as saved."""
    extra: dict[str, list[str]] = ({str(t): list(p) for t, p in loaded.scenario.language.phrases.items()}
                                   if loaded is not None else {})
    analyzer = Analyzer(extra_phrases=extra or None)
    events: list[Event] = []
    changed: int | None = None
    last_line: str | None = None
    for event in saved:
        if isinstance(event, SubjectSaid):
            last_line = event.text
        if isinstance(event, Analysed):
            fresh = analyzer.analyze(event.text, context=last_line, grounding=False)
            redone = event.model_copy(update={
                "techniques": list(fresh.techniques),
                "detections": [Detection(technique=d.technique, span=(d.start, d.end), text=d.text)  # type: ignore[arg-type]
                               for d in fresh.detections]})
            if changed is None and redone.techniques != event.techniques:
                changed = event.turn
            event = redone
        events.append(event)
    note = f"{reason}, so the session cannot be replayed: every line was analysed again"
    if changed is not None:
        note += f" (the techniques differ from the file's from turn {changed})"
    note += "; cues, agitation and the outcome are as the file recorded them."
    return Replay(events, "reanalysed", changed, note)
