"""Sending every unsent statement to the LRS (issue 14, point 3): ``talkdown sync`` and the app's
end-of-call sync.

For each transcript: its ended session's statements are queued in its outbox once (from the
replay), then what is pending is sent in batches.  A batch the LRS stores (or already had) is
marked sent; a batch it refuses as a conflict or as invalid is sent again one statement at a time,
so only the statement at fault is set aside (rejected, reported, not retried).  A request with no
answer, or a server error, is tried again after a wait that doubles each time; when the LRS still
does not answer, the sync stops there and everything not sent waits in the outboxes for the next
one.  Wrong credentials stop it at once.  Nothing is ever lost, and an LRS stores each statement
once: a statement is only sent again when its acknowledgement was not recorded, and an LRS
ignores a statement whose id and content it already has.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from simulator.debrief import rubrics_or_problem
from simulator.scoring import LoadedRubric
from simulator.settings import LrsSettings, Paths
from simulator.transcripts import TranscriptError, open_transcript
from simulator.xapi.lrs import Lrs, Reply, Unreachable
from simulator.xapi.outbox import Outbox, locked
from simulator.xapi.replayed import statements_of_file
from simulator.xapi.statements import DEFAULT_HOME_PAGE

BATCH = 100
AFTER_CALL_TIMEOUT = 3.0
RETRIES = 3
BACKOFF = 1.0
"""The first wait before trying again (seconds); each later wait is twice the one before."""


class Stop(Exception):
    """Sending cannot go on now (the LRS does not answer, or refuses the credentials)."""


@dataclass
class SessionSync:
    """What one transcript's sync did."""

    transcript: Path
    sent: int = 0
    waiting: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)
    """(statement id, why) refused by the LRS in this sync."""
    unfinished: bool = False
    """The session has not ended: nothing is queued yet."""
    problem: str = ""
    """Why the transcript or its outbox could not be used."""


@dataclass
class SyncReport:
    sessions: list[SessionSync] = field(default_factory=list)
    stopped: str = ""
    """Why sending stopped before the end (empty: it did not)."""

    @property
    def sent(self) -> int:
        return sum(s.sent for s in self.sessions)

    @property
    def waiting(self) -> int:
        return sum(s.waiting for s in self.sessions)

    @property
    def rejected(self) -> int:
        return sum(len(s.rejected) for s in self.sessions)

    @property
    def ok(self) -> bool:
        return not self.stopped and not self.rejected and not any(s.problem for s in self.sessions)


@dataclass
class Sender:
    """An LRS and how hard to try it."""

    lrs: Lrs
    retries: int = RETRIES
    backoff: float = BACKOFF
    sleep: Callable[[float], None] = time.sleep

    def _send(self, attempt: Callable[[], Reply]) -> Reply:
        """One request, tried again after growing waits while there is no answer or a server error."""
        wait = self.backoff
        for tries in range(self.retries + 1):
            last = tries == self.retries
            try:
                reply = attempt()
            except Unreachable as exc:
                if last:
                    raise Stop(f"the LRS at {self.lrs.endpoint} does not answer ({exc}) after "
                               f"{tries + 1} tr{'ies' if tries else 'y'}") from None
            else:
                if reply.status in (401, 403):
                    raise Stop(f"the LRS at {self.lrs.endpoint} refused the credentials ({reply.status}: "
                               f"{reply.detail}); check --key and --secret (TALKDOWN_LRS_KEY, TALKDOWN_LRS_SECRET)")
                if reply.status < 500 and reply.status != 429:
                    return reply
                if last:
                    raise Stop(f"the LRS at {self.lrs.endpoint} failed ({reply.status}: {reply.detail}) after "
                               f"{tries + 1} tr{'ies' if tries else 'y'}")
            self.sleep(wait)
            wait *= 2
        raise AssertionError("unreachable")  # pragma: no cover

    def send(self, box: Outbox, batch: list[dict], result: SessionSync) -> None:
        """Send one batch and record what the LRS acknowledged or refused (Stop: nothing more now)."""
        reply = self._send(lambda: self.lrs.post(batch))
        if reply.status in (200, 204):
            box.mark_sent([str(s["id"]) for s in batch])
            result.sent += len(batch)
            return
        if reply.status not in (400, 409):
            raise Stop(f"the LRS at {self.lrs.endpoint} answered {reply.status} ({reply.detail})")
        for statement in batch:  # find the one at fault: each alone, under its id
            one = self._send(partial(self.lrs.put, statement))
            sid = str(statement["id"])
            if one.status in (200, 204):
                box.mark_sent([sid])
                result.sent += 1
            elif one.status in (400, 409):
                why = ("the LRS holds a different statement with this id" if one.status == 409
                       else f"the LRS refused it as invalid ({one.detail})")
                box.mark_rejected(sid, why)
                result.rejected.append((sid, why))
            else:
                raise Stop(f"the LRS at {self.lrs.endpoint} answered {one.status} ({one.detail})")


def _batches(items: list[dict], size: int) -> Iterator[list[dict]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def queue_session(transcript: Path, box: Outbox, scenarios: Path, rubrics: Sequence[LoadedRubric] | None,
                  home_page: str) -> bool:
    """Queue the ended session's statements (once); False when it has not ended."""
    if box.closed:
        return True
    statements, ended = statements_of_file(transcript, scenarios, rubrics, home_page=home_page)
    if not ended:
        return False
    box.queue(statements, close=True)
    return True


def sync_files(files: Sequence[Path], sender: Sender | None, *, scenarios: Path,
               rubrics: Sequence[LoadedRubric] | None, home_page: str = DEFAULT_HOME_PAGE, batch: int = BATCH,
               on_batch: Callable[[SessionSync], None] | None = None) -> SyncReport:
    """Queue and send the statements of every transcript in ``files`` (``sender`` None: only queue).
    ``on_batch`` is told after each batch the LRS acknowledged."""
    report = SyncReport()
    for path in files:
        result = SessionSync(path)
        report.sessions.append(result)
        try:
            with open_transcript(path):  # a transcript (TranscriptError if not), before its outbox is made
                pass
            with locked(path):
                box = Outbox.read(path)
                if not queue_session(path, box, scenarios, rubrics, home_page):
                    result.unfinished = True
                    continue
                pending = box.pending
                for group in _batches(pending, batch):
                    if sender is None or report.stopped:
                        break
                    try:
                        sender.send(box, group, result)
                    except Stop as exc:
                        report.stopped = str(exc)
                        break
                    if on_batch is not None:
                        on_batch(result)
                result.waiting = len(box.pending)
        except TranscriptError as exc:
            result.problem = str(exc)
        except OSError as exc:
            result.problem = f"{path}: the outbox cannot be written ({exc.strerror or exc})."
    return report


def sync_after_call(transcript: Path, paths: Paths) -> SyncReport | None:
    """The app's end-of-call sync: the call's statements queued and sent, when an LRS is configured
    (TALKDOWN_LRS_URL).  Never raises: what cannot be sent now waits in the outbox.  Run it off the
    UI thread; it tries once more after a short wait, no longer, so quitting is never held up."""
    settings = LrsSettings()
    if not settings.url:
        return None
    try:
        sender = Sender(Lrs(settings.url, settings.key, settings.secret, timeout=AFTER_CALL_TIMEOUT), retries=1,
                        backoff=0.5)
        rubrics, _ = rubrics_or_problem(paths.rubrics)
        if rubrics is None:  # queued later by `talkdown sync`, which says what is wrong with them
            return None
        return sync_files([transcript], sender, scenarios=paths.scenarios, rubrics=rubrics,
                          home_page=settings.home_page or DEFAULT_HOME_PAGE)
    except Exception:  # a call's end never fails for the LRS: the outbox keeps it all
        return None
