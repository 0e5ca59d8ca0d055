"""`make fuzz`: thousands of generated cases through every command, each under a time limit.

    python -m tests.fuzz.run --cases 3000 --seed 1          # the long run, with a summary
    python -m tests.fuzz.run --seed 1 --case 123            # one case again: its file and every output

Cases run in worker processes (``--jobs``, two by default) that call the commands in-process
(no interpreter start-up per command) and report each result. A worker that does not answer
within the time limit is killed and the command is reported as a hang; a worker's memory is
capped (``--memory-mb``) so a blow-up is a MemoryError, not a frozen machine. Every failure is
run again as a real ``talkdown`` process (with the same time limit) before it is reported.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import functools
import json
import os
import re
import selectors
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.fuzz.commands import TIME_LIMIT_S, Folders, Invocation, invocations, run_case
from tests.fuzz.generate import ROOT, case, sweep_indices

#: The parent's own limit on a silent worker: the command's limit and a margin (the worker
#: interrupts a command blocked in Python itself after TIME_LIMIT_S + 1).
WORKER_SILENCE_S = TIME_LIMIT_S + 10


# The worker ----------------------------------------------------------------------------------------


def worker(seed: int, folder: Path, memory_mb: int) -> None:
    """Read case numbers on stdin; write a JSON line as each command starts and ends."""
    import resource

    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    from tests.fuzz import commands

    out = sys.__stdout__
    assert out is not None

    def send(**message: object) -> None:
        out.write(json.dumps(message) + "\n")
        out.flush()

    # warm up: the first command pays for the imports
    commands.run_in_process(Invocation(("check", str(ROOT / "scenarios"))), Folders(folder / "warm-up"))
    send(ready=True)
    original = commands.run_in_process

    for line in sys.stdin:
        index = int(line)
        current = case(seed, index)

        def reporting(inv: Invocation, folders: Folders, _index: int = index) -> commands.Outcome:
            send(start=inv.command_line, index=_index)
            outcome = original(inv, folders)
            send(index=_index, command=inv.command_line, root=str(folder / "cases"), exit=outcome.exit_code,
                 seconds=round(outcome.seconds, 3), problems=outcome.problems, output=outcome.output[-2000:])
            return outcome

        commands.run_in_process = reporting  # type: ignore[assignment]
        try:
            run_case(current, folder / "cases", quick=False)
        finally:
            commands.run_in_process = original  # type: ignore[assignment]
            shutil.rmtree(folder / "cases" / f"{current.kind}s" / current.name, ignore_errors=True)
        send(done=index)


# The parent ----------------------------------------------------------------------------------------


@dataclass
class Failure:
    index: int
    command: str
    problems: list[str]
    output: str = ""
    root: str = ""
    """The worker's folder of cases (named in the command)."""
    confirmed: str = ""


@dataclass
class Totals:
    cases: int = 0
    commands: int = 0
    by_kind: collections.Counter = field(default_factory=collections.Counter)
    by_exit: collections.Counter = field(default_factory=collections.Counter)
    by_family: collections.Counter = field(default_factory=collections.Counter)
    slowest: list[tuple[float, str]] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)


class Worker:
    def __init__(self, seed: int, folder: Path, memory_mb: int):
        self.folder = folder
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.fuzz.run", "--worker", "--seed", str(seed), "--dir", str(folder),
             "--memory-mb", str(memory_mb)],
            cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, start_new_session=True)
        self.index: int | None = None
        self.command = ""
        self.ready = False
        self.heard = time.monotonic()
        self.buffer = b""

    def give(self, index: int) -> None:
        self.index = index
        self.command = ""
        self.heard = time.monotonic()
        assert self.proc.stdin is not None
        self.proc.stdin.write(f"{index}\n".encode())
        self.proc.stdin.flush()

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, 9)
        self.proc.wait()


@functools.lru_cache(maxsize=64)
def _meta(seed: int, index: int) -> tuple[str, str]:
    c = case(seed, index)
    return c.kind, c.mutation.split(":")[0]


def _signature(problems: list[str]) -> str:
    """What makes two failures the same bug: the exception and where it was raised, or the problem."""
    text = problems[0]
    frames = re.findall(r'File "([^"]+)", line (\d+), in (\w+)', text)
    last = text.strip().splitlines()[-1] if text.strip() else text
    if frames:
        ours = [f for f in frames if "/simulator/" in f[0]] or frames
        path, line, func = ours[-1]
        return f"{last[:120]} at {path.split('/simulator/')[-1]}:{line} ({func})"
    return text.splitlines()[0][:160]


def confirm(failure: Failure, seed: int, folder: Path) -> str:
    """The same command as a real `talkdown` process: its exit status, or that it hung."""
    c = case(seed, failure.index)
    home = folder / "confirm"
    shutil.rmtree(home, ignore_errors=True)
    path = c.write(home)
    folders = Folders(home)
    inv = next((i for i in invocations(c, path, folders)
                if failure.root and i.command_line == failure.command.replace(failure.root, str(home))), None)
    if inv is None:
        return "not re-run (the worker died or hung before it said which command)" if not failure.root else \
            "not re-run"
    env = {**os.environ, **folders.env}
    talkdown = Path(sys.executable).with_name("talkdown")
    t0 = time.monotonic()
    try:
        done = subprocess.run([str(talkdown), *inv.args], input=inv.input or "", capture_output=True, text=True,
                              env=env, timeout=TIME_LIMIT_S, cwd=home)
    except subprocess.TimeoutExpired:
        return f"confirmed: a real process did not answer in {TIME_LIMIT_S:.0f} s"
    finally:
        shutil.rmtree(home, ignore_errors=True)
    spent = time.monotonic() - t0
    traceback = "Traceback" in done.stderr
    verdict = "confirmed" if traceback or done.returncode not in inv.allowed else "not reproduced"
    shown = " with a traceback" if traceback else ""
    return f"{verdict}: a real process exits {done.returncode} in {spent:.1f} s{shown}"


def fuzz(seed: int, todo: list[int], jobs: int, memory_mb: int) -> Totals:
    totals = Totals()
    count = len(todo)
    folder = Path(tempfile.mkdtemp(prefix="talkdown-fuzz-"))
    todo = todo[::-1]
    workers = [Worker(seed, folder / f"w{n}", memory_mb) for n in range(jobs)]
    selector = selectors.DefaultSelector()
    for w in workers:
        assert w.proc.stdout is not None
        selector.register(w.proc.stdout, selectors.EVENT_READ, w)
    t0 = time.monotonic()
    last_report = t0

    def replace(w: Worker) -> Worker:
        selector.unregister(w.proc.stdout)  # type: ignore[arg-type]
        w.kill()
        fresh = Worker(seed, w.folder, memory_mb)
        selector.register(fresh.proc.stdout, selectors.EVENT_READ, fresh)  # type: ignore[arg-type]
        workers[workers.index(w)] = fresh
        return fresh

    def finish(w: Worker) -> None:
        totals.cases += 1
        w.index = None

    def handle(w: Worker, line: bytes) -> None:
        try:
            msg = json.loads(line)
        except json.JSONDecodeError:  # something printed to the real standard output
            return
        if msg.get("ready"):
            w.ready = True
        elif "start" in msg:
            w.command = msg["start"]
        elif "done" in msg:
            kind, family = _meta(seed, msg["done"])
            totals.by_kind[kind] += 1
            totals.by_family[f"{kind} {family}"] += 1
            finish(w)
        else:
            totals.commands += 1
            kind, _ = _meta(seed, msg["index"])
            verb = next(a for a in msg["command"].split()[1:] if not a.startswith("-") and "/" not in a)
            totals.by_exit[(kind, verb, msg["exit"])] += 1
            totals.slowest = sorted([*totals.slowest, (msg["seconds"], f"case {msg['index']}: {msg['command']}")])[-5:]
            if msg["problems"]:
                totals.failures.append(Failure(msg["index"], msg["command"], msg["problems"], msg["output"],
                                               msg["root"]))

    try:
        while todo or any(w.index is not None for w in workers):
            for w in workers:
                if w.ready and w.index is None and todo:
                    w.give(todo.pop())
            for key, _ in selector.select(timeout=1.0):
                w = key.data
                chunk = os.read(w.proc.stdout.fileno(), 1 << 20)
                if not chunk:  # the worker died (not killed by us): the case crashed it
                    if w.index is not None:
                        totals.failures.append(Failure(w.index, w.command or "(starting)", ["the worker process died"],
                                                       root=str(w.folder / "cases")))
                        finish(w)
                    replace(w)
                    continue
                w.heard = time.monotonic()
                w.buffer += chunk
                *lines, w.buffer = w.buffer.split(b"\n")
                for line in lines:
                    handle(w, line)
            now = time.monotonic()
            for w in list(workers):
                if w.index is not None and now - w.heard > WORKER_SILENCE_S:
                    totals.failures.append(Failure(w.index, w.command, [
                        f"hang: no answer in {WORKER_SILENCE_S:.0f} s (the worker was killed)"],
                        root=str(w.folder / "cases")))
                    finish(w)
                    replace(w)
            if now - last_report > 30 or (not todo and not any(w.index is not None for w in workers)):
                last_report = now
                print(f"[{totals.cases:>6}/{count}] {totals.commands} commands, {len(totals.failures)} failures, "
                      f"{now - t0:.0f} s", flush=True)
    finally:
        for w in workers:
            w.kill()
    for failure in totals.failures:
        failure.confirmed = confirm(failure, seed, folder)
    shutil.rmtree(folder, ignore_errors=True)
    return totals


def report(totals: Totals, seed: int, seconds: float) -> None:
    print(f"\n{totals.cases} cases ({', '.join(f'{v} {k}s' for k, v in sorted(totals.by_kind.items()))}), "
          f"{totals.commands} commands in {seconds:.0f} s, seed {seed}")
    print("mutations: " + ", ".join(f"{k} {v}" for k, v in sorted(totals.by_family.items())))
    print("exit statuses:")
    for (kind, verb, code), n in sorted(totals.by_exit.items(), key=str):
        print(f"  {kind:<10} {verb:<8} exit {code}: {n}")
    print("slowest commands:")
    for s, what in reversed(totals.slowest):
        print(f"  {s:6.2f} s  {what}")
    if not totals.failures:
        print("no failures: every command answered with exit 0 or 2 (1 where documented), no traceback, "
              "the file named, in time.")
        return
    groups: dict[str, list[Failure]] = {}
    for f in totals.failures:
        groups.setdefault(_signature(f.problems), []).append(f)
    print(f"\n{len(totals.failures)} failures, {len(groups)} distinct:")
    for sig, fails in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        first = fails[0]
        c = case(seed, first.index)
        print(f"\n* {sig}\n  {len(fails)} time(s); first: case {first.index} ({c.kind} from {c.source}, "
              f"{c.mutation[:100]})\n  command: {first.command}\n  {first.confirmed}\n"
              f"  reproduce: python -m tests.fuzz.run --seed {seed} --case {first.index}")


def one(seed: int, index: int) -> int:
    """Write one case under ./fuzz-case-SEED-INDEX/ and show what every command says about it."""
    c = case(seed, index)
    folder = ROOT / f"fuzz-case-{seed}-{index}"
    print(f"case {index} of seed {seed}: {c.kind} from {c.source}: {c.mutation}")
    outcomes = run_case(c, folder, quick=False)
    for o in outcomes:
        print(f"\n$ {o.invocation.command_line}\nexit {o.exit_code} in {o.seconds:.2f} s")
        print(o.output[-3000:])
        for p in o.problems:
            print(f"PROBLEM: {p}")
    print(f"\nthe file is kept under {folder}")
    return 1 if any(o.problems for o in outcomes) else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--start", type=int, default=0, help="The first case number.")
    parser.add_argument("--sweep", action="store_true",
                        help="Also a wrong type at every key path of every shipped file (about 1,600 cases).")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--memory-mb", type=int, default=3000, help="Each worker's address-space cap.")
    parser.add_argument("--case", type=int, default=None, help="Run this one case and show every output.")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--dir", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.seed, args.dir, args.memory_mb)
        return 0
    if args.case is not None:
        return one(args.seed, args.case)
    t0 = time.monotonic()
    todo = list(range(args.start, args.start + args.cases)) + (list(sweep_indices()) if args.sweep else [])
    sweep = f" and {len(sweep_indices())} sweep cases" if args.sweep else ""
    print(f"fuzzing: {args.cases} cases from {args.start}{sweep}, seed {args.seed}, {args.jobs} workers, "
          f"{TIME_LIMIT_S:.0f} s a command", flush=True)
    totals = fuzz(args.seed, todo, args.jobs, args.memory_mb)
    report(totals, args.seed, time.monotonic() - t0)
    return 1 if totals.failures else 0


if __name__ == "__main__":
    sys.exit(main())
