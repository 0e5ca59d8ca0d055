"""`talkdown report` (issue 13, point 4): progress per trainee and the cohort's weak spots, from a
folder of sessions with two attempts by one trainee, one cut short by a crash and a foreign file."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.cli import main
from simulator.debrief.report import CSV_COLUMNS

ROOT = Path(__file__).resolve().parents[2]
REPLAY = ROOT / "tests/data/replay/transcripts"


@pytest.fixture
def cohort(tmp_path) -> Path:
    folder = tmp_path / "transcripts"
    for trainee in ("dynamic", "passive"):
        shutil.copytree(REPLAY / trainee, folder / trainee)
    crashed = folder / "passive" / "20261205T999999Z-domestic-dispute-crashed0.jsonl"
    lines = next((REPLAY / "skilled-a").glob("*domestic*.jsonl")).read_text(encoding="utf-8").splitlines()
    crashed.write_text("\n".join(lines[:7]) + "\n" + lines[7][:40], encoding="utf-8")  # killed mid-line
    (folder / "passive" / "notes-from-a-phone.jsonl").write_text("hello, not a transcript\n", encoding="utf-8")
    return folder


def _report(*args: str):
    return CliRunner().invoke(main, ["report", *args], env={"TALKDOWN_SCENARIOS": str(ROOT / "scenarios"),
                                                            "TALKDOWN_RUBRICS": str(ROOT / "rubrics")})


def test_the_markdown_report_shows_progress_and_the_cohorts_weak_spots(cohort):
    result = _report(str(cohort))
    assert result.exit_code == 0, result.output
    out = result.output
    assert "## dynamic" in out and "## passive" in out
    assert "| domestic-dispute | 2 |" in out  # two attempts by one trainee, the crashed one not counted
    assert "### Criteria most often missed" in out and "### Cues most often missed" in out
    passive_line = next(line for line in out.splitlines() if line.startswith("- passive:"))
    assert "domestic-dispute" in passive_line  # not passed yet


def test_a_foreign_file_is_listed_as_skipped_not_fatal(cohort):
    result = _report(str(cohort))
    assert result.exit_code == 0
    assert "skipped: " in result.stderr and "notes-from-a-phone.jsonl" in result.stderr
    assert "1 transcript skipped" in result.stderr


def test_the_csv_has_its_documented_columns_and_a_row_per_rubric(cohort):
    result = _report(str(cohort), "--format", "csv", "--trainee", "DYNAMIC")
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == CSV_COLUMNS
    body = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    assert {r["trainee"] for r in body} == {"dynamic"}
    assert len(body) == 3 * 4  # three scenarios, four rubrics
    domestic = [r for r in body if r["scenario"] == "domestic-dispute"]
    assert all(r["attempts"] == "2" for r in domestic)
    assert all(float(r["best_percent"]) >= max(float(r["first_percent"]), float(r["latest_percent"])) for r in domestic)


def test_filters_by_scenario_and_day(cohort):
    only = _report(str(cohort), "--scenario", "library-psychosis")
    assert only.exit_code == 0 and "library-psychosis" in only.stdout and "| domestic-dispute |" not in only.stdout
    later = _report(str(cohort), "--since", "2030-01-01")
    assert later.exit_code == 0 and "0 scored attempts" in later.stdout


def test_a_name_that_looks_like_a_formula_stays_text_in_the_csv(tmp_path):
    folder = tmp_path / "t"
    folder.mkdir()
    source = next((REPLAY / "passive").glob("*library*.jsonl"))
    events = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines()]
    events[0]["trainee"] = "=HYPERLINK(\"x\")"
    (folder / source.name).write_text("".join(json.dumps(e) + "\n" for e in events), encoding="utf-8")
    result = _report(str(folder), "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[1][0] == "'=HYPERLINK(\"x\")"
