"""Scores from the trainee's own words: a saved session is played again from its lines.

The engine is deterministic, so the lines a trainee typed, played through the same scenario with
the same seed, give the same session.  A score is computed from that replay, never from what the
file says the lines did: editing the techniques, cues, agitation or outcome in a transcript
changes nothing but a warning that names the first turn that differs.  When the scenario file has
changed since (or is missing), the session cannot be replayed; each line is then analysed again
and only what the engine decided (cues, agitation, outcome) is taken from the file, with a warning.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from simulator import __version__
from simulator.engine import Session
from simulator.language import Analyzer
from simulator.scenario import LoadedScenario
from simulator.transcripts import Transcript
from simulator.transcripts.events import (
    ActionTaken,
    Analysed,
    Detection,
    Event,
    Notice,
    Pressure,
    Started,
    SubjectSaid,
)

#: stamped when stored, not played
_STAMPS = ("format", "session_id", "time")

How = Literal["replayed", "reanalysed"]


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


def _inputs(events: list[Event]) -> list[Analysed | ActionTaken | Pressure]:
    """What the trainee did, in order: lines, actions, and silences past the timer."""
    return [e for e in events if isinstance(e, (Analysed, ActionTaken, Pressure))]


def _play(transcript: Transcript, loaded: LoadedScenario, variant: dict[str, str] | None) -> list[Event]:
    header = transcript.header
    session = Session(loaded, seed=header.seed, trainee=header.trainee, mode=header.mode,
                      app_version=header.app_version, rubrics=tuple(header.rubrics), variant=variant)
    played: list[Event] = session.start()
    for event in _inputs(transcript.events):
        if session.finished:
            break
        played += session.pressure() if isinstance(event, Pressure) else session.reply(event.text)
    ended = transcript.ended
    if not session.finished and ended is not None and ended.outcome == "abandoned":
        played += session.abandon(ended.reason or "quit")
    return played


def _first_difference(saved: list[Event], played: list[Event]) -> int | None:
    """The turn of the first event that differs (notices change nothing and are left out)."""
    kept = [e for e in saved if not isinstance(e, Notice)]
    replayed = [e for e in played if not isinstance(e, Notice)]
    for mine, theirs in zip(kept, replayed, strict=False):
        if _comparable(mine) != _comparable(theirs):
            return getattr(mine, "turn", 0)
    if len(kept) != len(replayed):
        longer = kept if len(kept) > len(replayed) else replayed
        return getattr(longer[min(len(kept), len(replayed))], "turn", 0)
    return None


def replay(transcript: Transcript, loaded: LoadedScenario | None) -> Replay:
    """The events to score ``transcript`` by: its replay through ``loaded`` (the scenario file with
    the transcript's scenario id, if found) when it is the same scenario, else its lines analysed
    again."""
    header = transcript.header
    if loaded is not None and loaded.scenario.id == header.scenario.id \
            and loaded.content_hash == header.scenario.content_hash:
        try:
            played = _play(transcript, loaded, None)
            if header.variant and isinstance(played[0], Started) and played[0].variant != header.variant:
                played = _play(transcript, loaded, dict(header.variant))  # drawn, or chosen by the instructor
        except (ValueError, RuntimeError) as exc:  # lines the engine refuses: not what it recorded
            return _reanalysed(transcript, loaded, f"its lines cannot be played again ({exc})")
        turn = _first_difference(transcript.events, played)
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
        reason = f"scenario '{header.scenario.id}' was not found"
    else:
        reason = (f"the scenario changed since (version {header.scenario.version} recorded, "
                  f"{loaded.scenario.version} now)")
    return _reanalysed(transcript, loaded if loaded is not None and loaded.scenario.id == header.scenario.id
                       else None, reason)


def _reanalysed(transcript: Transcript, loaded: LoadedScenario | None, reason: str) -> Replay:
    """Every line analysed again (the techniques the file names are not trusted); the rest as saved."""
    extra: dict[str, list[str]] = ({str(t): list(p) for t, p in loaded.scenario.language.phrases.items()}
                                   if loaded is not None else {})
    analyzer = Analyzer(extra_phrases=extra or None)
    events: list[Event] = []
    changed: int | None = None
    last_line: str | None = None
    for event in transcript.events:
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
