"""Re-record the replay transcripts and their expected scores and exports.

Run only when a change in behaviour is intended (the replay test pins behaviour):
    .venv/bin/python tests/data/replay/record.py
or, when only the scores or exports change (not the engine's events):
    .venv/bin/python tests/data/replay/record.py --expected-only
"""

from __future__ import annotations

import hashlib
import io
import itertools
import json
import shutil
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import trainees  # noqa: E402

from simulator.debrief import debrief_for, find_scenario, render, rubrics_or_problem  # noqa: E402
from simulator.live.headless import HeadlessRun  # noqa: E402
from simulator.scenario import load_scenario, scenario_files  # noqa: E402
from simulator.transcripts import read_transcript  # noqa: E402

HERE = Path(__file__).resolve().parent
ODD = ["", "/fly", "/wait", "hello [bold]x[/] \x1b[31mred", "/step-back", "/end"]


def runs():
    for path in scenario_files([ROOT / "scenarios"]):
        loaded = load_scenario(path)
        for k, wt in enumerate(loaded.scenario.walkthroughs):
            for seed in wt.seeds:
                yield loaded, f"wt{k}", list(wt.replies), seed, wt.mode
        for style, replies in trainees.STYLES.items():
            for seed in (1, 4):
                yield loaded, style, replies, seed, "coach"
        yield loaded, "odd", ODD, 2, "assess"
        yield loaded, "skilled-c-assess", trainees.STYLES["skilled-c"], 5, "assess"


def dynamic(run: HeadlessRun, turns: int = 14):
    """The benchmark's trainee that reflects the subject's own words."""
    for turn in range(turns):
        said = [e.text for e in run.events if e.event == "subject"][-1]
        yield trainees.dynamic_skilled(turn, said)


#: every recording is dated from here (each scenario on a day of its own) and named by what it plays:
#: a re-recording writes the same files where behaviour is the same, so its diff shows what changed
EPOCH = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def _fixed(scenario_id: str, name: str, seed: int, mode: str) -> str:
    return hashlib.sha256(f"{scenario_id}|{name}|{seed}|{mode}".encode()).hexdigest()[:8]


def main() -> None:
    tx, expected = HERE / "transcripts", HERE / "expected"
    shutil.rmtree(tx, ignore_errors=True)
    shutil.rmtree(expected, ignore_errors=True)
    expected.mkdir(parents=True)
    rubrics, _ = rubrics_or_problem(ROOT / "rubrics")
    clocks: dict[str, itertools.count] = {}

    def clock(scenario_id: str):
        """Each scenario's recordings on a day of its own (from its id), a minute apart in the order
        made: adding a scenario moves no other scenario's files."""
        day = int(hashlib.sha256(scenario_id.encode()).hexdigest()[:6], 16) % 300
        ticks = clocks.setdefault(scenario_id, itertools.count())
        return lambda: EPOCH + timedelta(days=day, minutes=next(ticks))

    for loaded, name, replies, seed, mode in runs():
        HeadlessRun(loaded, seed=seed, trainee=name, mode=mode, transcripts=tx, json_mode=True,
                    out=io.StringIO(), rubrics=rubrics, session_id=_fixed(loaded.scenario.id, name, seed, mode),
                    now=clock(loaded.scenario.id)).run(iter(replies))
    for path in scenario_files([ROOT / "scenarios"]):
        loaded = load_scenario(path)
        for seed in (1, 3):
            run = HeadlessRun(loaded, seed=seed, trainee="dynamic", mode="coach", transcripts=tx,
                              json_mode=True, out=io.StringIO(), rubrics=rubrics,
                              session_id=_fixed(loaded.scenario.id, "dynamic", seed, "coach"),
                              now=clock(loaded.scenario.id))
            run.run(dynamic(run))
    write_expected(tx, expected, rubrics)


def write_expected(tx: Path, expected: Path, rubrics) -> None:
    """Each transcript's score and Markdown export, as the replay test computes them."""
    for path in sorted(tx.rglob("*.jsonl")):
        t = read_transcript(path)
        loaded, _ = find_scenario(t.header.scenario.id, ROOT / "scenarios")
        debrief = debrief_for(t.events, scenario=loaded, rubrics=rubrics, transcript=str(path.relative_to(ROOT)))
        (expected / f"{path.stem}.score.json").write_text(
            json.dumps(debrief.report.to_dict(), ensure_ascii=False) + "\n", encoding="utf-8")
        (expected / f"{path.stem}.md").write_text(render(debrief, "md"), encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] == ["--expected-only"]:  # the transcripts as they are; only what they should give
        write_expected(HERE / "transcripts", HERE / "expected", rubrics_or_problem(ROOT / "rubrics")[0])
    else:
        main()
