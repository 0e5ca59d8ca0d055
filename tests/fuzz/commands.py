"""Every command that reads a file, run on a fuzz case, and what its result must be.

The promise (issue 12): bad input gets a one-paragraph error naming the file, with a code, and
exit status 2; never a traceback, never a hang. A file the mutation left valid is simply used
(exit 0, or 1 where a command documents it: `score` when a rubric fails, `test` when a
walkthrough fails).
"""

from __future__ import annotations

import signal
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from click.testing import CliRunner

from tests.fuzz.generate import ROOT, Case

#: A real transcript, scored with each malformed rubric; a shipped scenario played with each.
GOOD_TRANSCRIPT = ROOT / "tests" / "data" / "format1" / "library-psychosis.jsonl"
GOOD_SCENARIO = ROOT / "scenarios" / "library-psychosis.yaml"
#: What `talkdown run` reads on standard input.
REPLIES = "Hi, I'm Officer Lee. What's going on today?\nIt sounds like you're really scared.\n/step-back\n/end\n"
#: Each command must answer within this many seconds (the issue's limit).
TIME_LIMIT_S = 15.0


@dataclass(frozen=True)
class Invocation:
    args: tuple[str, ...]
    input: str | None = None
    allowed: frozenset[int] = frozenset({0, 2})
    names: tuple[str, ...] = ()
    """When the exit status is 2, the output must hold one of these (the file's path)."""
    quick: bool = True
    """Run by `make test` too (False: by `make fuzz` only, e.g. whole walkthroughs)."""

    @property
    def command_line(self) -> str:
        import shlex

        line = "talkdown " + " ".join(shlex.quote(a) for a in self.args)
        return line + (" < replies" if self.input is not None else "")


@dataclass
class Folders:
    """Where the commands find and keep their files while fuzzing (set through TALKDOWN_*)."""

    work: Path

    @property
    def env(self) -> dict[str, str]:
        return {"TALKDOWN_SCENARIOS": str(ROOT / "scenarios"), "TALKDOWN_RUBRICS": str(ROOT / "rubrics"),
                "TALKDOWN_TRANSCRIPTS": str(self.work / "saved"), "TALKDOWN_CONFIG_DIR": str(self.work / "config"),
                "NO_COLOR": "1", "COLUMNS": "100"}


def invocations(case: Case, path: Path, folders: Folders) -> list[Invocation]:
    """The commands that read this case's file, each with what it may answer."""
    p = str(path)
    named = (p,)
    out = folders.work / "export.md"
    if case.kind == "scenario":
        return [
            Invocation(("check", p), names=named),
            Invocation(("check", "--json", p), names=named, quick=False),
            Invocation(("graph", p), names=named),
            # a file the check accepted plays its walkthroughs: seconds, not milliseconds
            Invocation(("test", p), allowed=frozenset({0, 1, 2}), names=named),
            Invocation(("run", p, "--seed", "1"), input=REPLIES, names=named),
            Invocation(("run", p, "--seed", "2", "--json", "--mode", "assess"), input=REPLIES, names=named,
                       quick=False),
            Invocation(("analyze", "--banks", p, "I hear you"), names=named, quick=False),
        ]
    if case.kind == "rubric":
        return [
            Invocation(("check", p), names=named),
            Invocation(("score", "--rubrics", p, str(GOOD_TRANSCRIPT)), allowed=frozenset({0, 1, 2}), names=named),
            Invocation(("export", "--rubrics", p, str(GOOD_TRANSCRIPT)), names=named),
            Invocation(("--rubrics", p, "run", str(GOOD_SCENARIO), "--seed", "1"), input=REPLIES,
                       names=named, quick=False),
        ]
    return [
        Invocation(("score", p), allowed=frozenset({0, 1, 2}), names=named),
        Invocation(("score", "--json", str(path.parent)), allowed=frozenset({0, 1, 2}), names=(p, str(path.parent))),
        Invocation(("export", p), names=named),
        Invocation(("export", p, "-o", str(out)), names=named, quick=False),
        Invocation(("compare", p, str(GOOD_TRANSCRIPT)), names=named, quick=False),
    ]


def needs_full_run(inv: Invocation, earlier: list[Outcome]) -> bool:
    """In the quick run, a scenario the check accepted is not played through (its walkthroughs
    take seconds): it is no longer malformed, and `make fuzz` plays it."""
    if inv.args[0] not in ("test", "run"):
        return False
    return any(o.invocation.args[:1] == ("check",) and o.exit_code == 0 for o in earlier)


@dataclass
class Outcome:
    invocation: Invocation
    exit_code: int | None
    output: str
    seconds: float
    error: str | None = None
    """The traceback of an exception that escaped the command, if any."""
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def judge(outcome: Outcome) -> Outcome:
    """Fill in ``problems``: every way the result breaks the promise."""
    inv = outcome.invocation
    if outcome.error is not None:
        outcome.problems.append("an exception escaped:\n" + outcome.error)
    if "Traceback (most recent call last)" in outcome.output:
        outcome.problems.append("a traceback in the output")
    if outcome.exit_code not in inv.allowed:
        outcome.problems.append(f"exit status {outcome.exit_code} (expected one of {sorted(inv.allowed)})")
    if outcome.exit_code == 2 and not any(name in outcome.output for name in inv.names):
        outcome.problems.append("exit status 2 but the output does not name the file")
    if outcome.seconds > TIME_LIMIT_S:
        outcome.problems.append(f"took {outcome.seconds:.1f} s (limit {TIME_LIMIT_S:.0f} s)")
    return outcome


def run_in_process(inv: Invocation, folders: Folders) -> Outcome:
    """One command through click's test runner, in this process (no interpreter start-up)."""
    from simulator.cli import main

    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGALRM)}

    def too_long(_signum: int, _frame: object) -> None:
        raise Hang(f"no answer after {TIME_LIMIT_S:.0f} s")

    # a command blocked in Python (a FIFO read, a long loop) is interrupted; `make fuzz` also kills
    # a worker that does not answer at all
    signal.signal(signal.SIGALRM, too_long)
    signal.setitimer(signal.ITIMER_REAL, TIME_LIMIT_S + 1)
    t0 = time.perf_counter()
    try:
        result = CliRunner().invoke(main, list(inv.args), input=inv.input, env=folders.env, catch_exceptions=True)
    except Hang as exc:
        return judge(Outcome(inv, None, "", time.perf_counter() - t0, f"hang: {exc}"))
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        for sig, handler in saved.items():  # `run` sets its own
            signal.signal(sig, handler)
    seconds = time.perf_counter() - t0
    error = None
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        error = "".join(traceback.format_exception(*result.exc_info)) if result.exc_info else repr(result.exception)
    return judge(Outcome(inv, result.exit_code, result.output, seconds, error))


class Hang(BaseException):
    """A command that did not answer within the time limit (a BaseException: nothing may catch it)."""


def run_case(case: Case, folder: Path, *, quick: bool) -> list[Outcome]:
    """Write the case under ``folder`` and run the commands on it (the quick ones, or all)."""
    folders = Folders(folder)
    path = case.write(folder)
    outcomes: list[Outcome] = []
    for inv in invocations(case, path, folders):
        if quick and (not inv.quick or needs_full_run(inv, outcomes)):
            continue
        outcomes.append(run_in_process(inv, folders))
    return outcomes
