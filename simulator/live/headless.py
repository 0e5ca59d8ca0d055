"""The headless session: plain lines for people and screen readers, JSON lines for programs."""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import IO

from simulator.debrief import debrief_text
from simulator.live import coach
from simulator.live.recorded import RecordedSession
from simulator.sanitize import json_text, printable
from simulator.scenario import LoadedScenario
from simulator.scoring import LoadedRubric, rubric_refs
from simulator.smallfile import read_small_file
from simulator.transcripts.events import (
    ActionTaken,
    Addressed,
    Analysed,
    CueRecognised,
    CueShown,
    Ended,
    Event,
    Notice,
    PartnerActed,
    Reacted,
    Started,
    SubjectSaid,
)
from simulator.vocabulary import REACTIONS


class HeadlessRun:
    """Drives a recorded session from lines of input and shows each event once it is saved."""

    def __init__(self, loaded: LoadedScenario, *, seed: int, trainee: str, mode: str, transcripts: Path,
                 json_mode: bool, out: IO[str], rubrics: list[LoadedRubric] | None = None,
                 rubrics_problem: str = "", variant: dict[str, str] | None = None,
                 session_id: str | None = None, now: Callable[[], datetime] | None = None,
                 vouch_cache: Path | None = None):
        """``session_id`` and ``now`` name and date the transcript (default: random, the clock);
        fixed, a recording is the same file every time it is made."""
        self.loaded = loaded
        self.rubrics = rubrics
        self.rubrics_problem = rubrics_problem
        self.recorded = RecordedSession(loaded, seed=seed, trainee=trainee, mode=mode, transcripts=transcripts,
                                        rubrics=rubric_refs(rubrics or []), variant=variant,
                                        session_id=session_id, now=now, vouch_cache=vouch_cache)
        self.json_mode = json_mode
        self.out = out

    @property
    def path(self) -> Path:
        return self.recorded.path

    @property
    def events(self) -> list[Event]:
        return self.recorded.events

    # Output ---------------------------------------------------------------------------
    def _show(self, events: list[Event]) -> None:
        for event in events:
            if self.json_mode:
                data = event.to_json_dict()
                if isinstance(event, Started):
                    data.pop("variant", None)  # revealed at the end, not before
                    data.pop("topics", None)  # what to ask is for the recruit to find
                if isinstance(event, Ended) and self.recorded.session.drawn.variant:
                    data["variant"] = dict(self.recorded.session.drawn.variant)
                if isinstance(event, (Started, Ended)):
                    data["transcript"] = str(self.path)
                self.out.write(json_text(data) + "\n")
            else:
                self._plain(event)
        self.out.flush()

    def _name(self, person: str | None) -> str:
        """A person's name from their id (a scene with several people)."""
        found = self.loaded.scenario.person(person) if person else None
        return found.name if found is not None else str(person)

    def _say(self, text: str = "") -> None:
        # every line reaching the terminal passes the sanitiser: replies, names, scenario text, quotes
        self.out.write("\n".join(printable(line) for line in text.split("\n")) + "\n")

    def _plain(self, e: Event) -> None:
        coaching = self.recorded.mode == "coach"
        s = self.loaded.scenario
        name = s.lead.name
        if isinstance(e, Started):
            self._say(f"== {s.title} ==")
            self._say(f"Dispatch: {s.dispatch.strip()}")
            for fact in s.known_on_arrival:
                self._say(f"Known: {fact}")
            for obj in s.objective_texts:
                self._say(f"Objective: {obj}")
            self._say(f"Mode: {'coach' if coaching else 'assessment'}. Type a reply and press Enter. "
                      "Commands: " + ", ".join("/" + a for a in self.recorded.session.available_actions()) + ".")
            if e.people:
                self._say("People: " + ", ".join(f"{p.name} (@{p.id})" for p in e.people)
                          + ". Start a reply with @id or their name to talk to them; /talk-to ID switches.")
            if e.partner is not None and e.partner.tasks:
                self._say(f"Your partner, {e.partner.name}: " + ", ".join(f"/partner {t}" for t in e.partner.tasks)
                          + ".")
            self._say()
        elif isinstance(e, SubjectSaid):
            if e.person is not None:  # a scene: who speaks, and to whom when they turn on someone
                speaker = self._name(e.person)
                name = f"{speaker} (to {self._name(e.to)})" if e.unprompted and e.to else speaker
            self._say(f"{name}: {e.text}")
            self._say(f"  ({e.nonverbal})")
            if coaching:
                self._say(f"  [agitation {e.agitation:.0f} {e.band} | rapport {e.rapport:.0f} "
                          f"| turn {e.turn}/{s.max_turns}]")
        elif isinstance(e, Analysed) and coaching:
            found = coach.marks(e)
            if not found:
                self._say("  · no technique detected")
            for m in found:
                self._say(f"  {'✓' if m.good else '✗'} {m.title} — '{printable(m.quote)}'")
            advice = coach.tip(e)
            if advice:
                self._say(f"  tip: {advice}")
        elif isinstance(e, ActionTaken):
            if e.nonverbal:
                self._say(f"  ({e.nonverbal})")
        elif isinstance(e, CueShown):
            self._say(f"  * You notice: {e.text}")
        elif isinstance(e, CueRecognised) and coaching:
            self._say(f"  ✓ cue recognised: {e.id}")
        elif isinstance(e, Notice):
            self._say(f"  {printable(e.text)}")
        elif isinstance(e, Addressed):
            self._say(f"  (You turn to {self._name(e.person)}.)")
        elif isinstance(e, PartnerActed):
            if e.line:
                self._say(f"  ({e.line})")
        elif isinstance(e, Reacted) and coaching:
            self._say(f"  ✗ {self._name(e.person)}: {REACTIONS[e.cause]} (agitation {e.agitation_delta:+.0f})")
        elif isinstance(e, Ended):
            self._say(f"{self._name(e.person) if e.person else name}: {e.line}")
            self._say(f"  ({e.nonverbal})")
            self._say()
            self._say(f"Outcome: {e.title} ({e.outcome}) after {e.turn} turns.")
            for point in e.teaching_points:
                self._say(f"- {point}")
            self._say(f"Transcript saved: {self.path}")

    # Input loop ------------------------------------------------------------------------
    def run(self, replies: Iterable[str], stops: StopSignals | None = None) -> str:
        """Play until the session ends or the replies run out (then it is abandoned).

        A transcript that cannot be written raises :class:`TranscriptSaveError`: before
        anything is shown when the folder is unusable, else after the last saved turn
        (what could not be saved is not shown either). ``stops``, when given, holds a
        stop signal until the turn being played is saved, so none is half-kept."""
        rec = self.recorded
        self._show(rec.start())
        reason = "input ended"
        try:
            for line in _interruptible(replies, stops):
                events = rec.reply(line)
                if rec.save_error is not None:
                    raise rec.save_error
                self._show(events)
                if rec.finished:
                    break
        except KeyboardInterrupt as exc:
            reason = getattr(exc, "reason", "interrupted (Ctrl-C)")
        finally:
            ending = rec.abandon(reason) if not rec.finished and rec.save_error is None else []
            rec.close()
            if rec.save_error is None:
                self._show(ending)
        if rec.save_error is not None:
            raise rec.save_error
        rec.remember_score(self.rubrics)
        if not self.json_mode:
            self._say()
            self._say(debrief_text(self.events, scenario=self.loaded, rubrics=self.rubrics,
                                   rubrics_problem=self.rubrics_problem))
            self.out.flush()
        return rec.session.outcome or "abandoned"


def _interruptible(replies: Iterable[str], stops: StopSignals | None) -> Iterator[str]:
    """The replies; a stop signal takes effect while the next one is awaited, never mid-turn."""
    lines = iter(replies)
    while True:
        if stops is None:
            line = next(lines, None)
        else:
            with stops.waiting():
                line = next(lines, None)
        if line is None:
            return
        yield line


class Stopped(KeyboardInterrupt):
    """A signal (SIGTERM, SIGHUP, SIGINT, SIGQUIT) asked the run to stop: the session ends as abandoned."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class StopSignals:
    """SIGTERM, SIGHUP, SIGINT and SIGQUIT as an orderly stop of a headless run.

    While the run waits for input, a signal stops it at once; while a turn is played and
    saved, the signal is held until that turn is on disk. Either way the session then
    ends as abandoned with a closed ``ended`` event. Later signals are ignored: the
    ending takes milliseconds and must not be cut short itself.
    """

    NAMES = ("SIGTERM", "SIGHUP", "SIGINT", "SIGQUIT")

    def __init__(self) -> None:
        self.reason: str | None = None
        self._waiting = False

    def install(self) -> None:
        for name in self.NAMES:
            sig = getattr(signal, name, None)
            if sig is not None:
                signal.signal(sig, self._caught)

    def _caught(self, signum: int, _frame: object) -> None:
        if self.reason is not None:
            return
        name = signal.Signals(signum).name
        self.reason = "interrupted (Ctrl-C)" if name == "SIGINT" else f"stopped by {name}"
        if self._waiting:
            raise Stopped(self.reason)

    @contextlib.contextmanager
    def waiting(self) -> Iterator[None]:
        """Signals stop the run at once inside this block (it only waits for input)."""
        self._check()
        self._waiting = True
        try:
            yield
        finally:
            self._waiting = False
        self._check()

    def _check(self) -> None:
        if self.reason is not None:
            raise Stopped(self.reason)


def stdin_lines(stream: IO[str], prompt: str | None, out: IO[str]) -> Iterator[str]:
    """Reply lines from a stream; shows a prompt when a person is typing."""
    while True:
        if prompt:
            out.write(prompt)
            out.flush()
        line = stream.readline()
        if not line:
            return
        # bytes that are not UTF-8 arrive as lone surrogates: kept as U+FFFD, never a crash
        yield line.rstrip("\r\n").encode("utf-8", "surrogateescape").decode("utf-8", "replace")


#: a script is replies typed ahead: a thousand replies of the longest kind fit
MAX_SCRIPT_BYTES = 2_000_000


def script_lines(path: Path) -> list[str]:
    """A script file: one reply a line; blank lines and lines starting with '#' skipped. OSError, or
    :class:`~simulator.smallfile.Unusable` (a ValueError saying why) for anything but a regular UTF-8
    file of at most ``MAX_SCRIPT_BYTES``: a FIFO would wait for ever and /dev/zero never end."""
    data = read_small_file(path, MAX_SCRIPT_BYTES)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"byte {exc.start + 1} is not UTF-8; save the script as UTF-8") from None
    return [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def is_interactive(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
