"""Re-record the replay transcripts and their expected scores and exports.

Run only when a change in behaviour is intended (the replay test pins behaviour):
    .venv/bin/python tests/data/replay/record.py
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import trainees  # noqa: E402

from simulator.debrief import rubrics_or_problem  # noqa: E402
from simulator.live.headless import HeadlessRun  # noqa: E402
from simulator.scenario import load_scenario, scenario_files  # noqa: E402

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


def main() -> None:
    tx, expected = HERE / "transcripts", HERE / "expected"
    shutil.rmtree(tx, ignore_errors=True)
    shutil.rmtree(expected, ignore_errors=True)
    expected.mkdir(parents=True)
    rubrics, _ = rubrics_or_problem(ROOT / "rubrics")
    for loaded, name, replies, seed, mode in runs():
        HeadlessRun(loaded, seed=seed, trainee=name, mode=mode, transcripts=tx, json_mode=True,
                    out=io.StringIO(), rubrics=rubrics).run(iter(replies))
    for path in scenario_files([ROOT / "scenarios"]):
        loaded = load_scenario(path)
        for seed in (1, 3):
            run = HeadlessRun(loaded, seed=seed, trainee="dynamic", mode="coach", transcripts=tx,
                              json_mode=True, out=io.StringIO(), rubrics=rubrics)
            run.run(dynamic(run))
    talkdown = ROOT / ".venv" / "bin" / "talkdown"
    for path in sorted(tx.rglob("*.jsonl")):
        rel = str(path.relative_to(ROOT))
        for args, suffix in ((["score", "--json"], ".score.json"), (["export"], ".md")):
            text = subprocess.run([str(talkdown), *args, rel], cwd=ROOT, capture_output=True, text=True).stdout
            (expected / f"{path.stem}{suffix}").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
