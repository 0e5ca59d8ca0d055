"""`talkdown report` (issue 13, points 4 and 7): progress per trainee and the cohort's weak spots, from a
folder of sessions with two attempts by one trainee, one cut short by a crash and a foreign file; as
Markdown, CSV or one printable HTML page with a trend chart per trainee; scores remembered, so a
second report replays only what is new or changed."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.cli import main
from simulator.debrief.render import md_text
from simulator.debrief.report import CSV_COLUMNS
from simulator.debrief.trend import DASHES
from simulator.live.rescore import PARALLEL_FROM
from simulator.transcripts import read_transcript

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


def _report(*args: str, rubrics: Path = ROOT / "rubrics", cache: Path | None = None):
    env = {"TALKDOWN_SCENARIOS": str(ROOT / "scenarios"), "TALKDOWN_RUBRICS": str(rubrics)}
    if cache is not None:
        env["TALKDOWN_CACHE_DIR"] = str(cache)
    return CliRunner().invoke(main, ["report", *args], env=env)


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
    assert "1 skipped (see above)" in result.stderr


def test_the_csv_has_its_documented_columns_and_a_row_per_rubric(cohort):
    result = _report(str(cohort), "--format", "csv", "--trainee", "DYNAMIC")
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == CSV_COLUMNS
    body = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    assert {r["trainee"] for r in body} == {"dynamic"}
    played = {r["scenario"] for r in body}
    assert len(played) >= 3 and len(body) == len(played) * 4  # a row per scenario and rubric
    domestic = [r for r in body if r["scenario"] == "domestic-dispute"]
    assert all(r["attempts"] == "2" for r in domestic)
    assert all(float(r["best_percent"]) >= max(float(r["first_percent"]), float(r["latest_percent"])) for r in domestic)


def test_filters_by_scenario_and_day(cohort):
    only = _report(str(cohort), "--scenario", "library-psychosis")
    assert only.exit_code == 0 and "library-psychosis" in only.stdout and "| domestic-dispute |" not in only.stdout
    later = _report(str(cohort), "--since", "2030-01-01")
    assert later.exit_code == 0 and "0 scored attempts" in later.stdout


def renamed(sources: list[Path], folder: Path, trainee: str) -> Path:
    """Copies of recorded sessions in ``folder``, played by ``trainee``."""
    folder.mkdir(parents=True, exist_ok=True)
    for source in sources:
        events = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines()]
        events[0]["trainee"] = trainee
        (folder / source.name).write_text("".join(json.dumps(e) + "\n" for e in events), encoding="utf-8")
    return folder


def test_a_name_that_looks_like_a_formula_stays_text_in_the_csv(tmp_path):
    folder = renamed([next((REPLAY / "passive").glob("*library*.jsonl"))], tmp_path / "t", "=HYPERLINK(\"x\")")
    result = _report(str(folder), "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[1][0] == "'=HYPERLINK(\"x\")"


def _section(markdown: str, heading: str) -> str:
    return markdown.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]


def test_the_report_lists_what_it_skipped_and_why(cohort):
    result = _report(str(cohort))
    assert result.exit_code == 0
    skipped = _section(result.stdout, "Skipped")
    rows = {line.split(" | ")[0].removeprefix("| "): line for line in skipped.splitlines() if line.startswith("| /")}
    foreign = next(line for path, line in rows.items() if path.endswith("notes-from-a-phone.jsonl"))
    assert "TD403" in foreign and "not a JSON object" in foreign  # the reader's own reason, not a guess
    crashed = next(line for path, line in rows.items() if path.endswith("crashed0.jsonl"))
    assert "no ending" in crashed
    assert len(rows) == 2 and "2 files not counted" in skipped
    csv_out = _report(str(cohort), "--format", "csv")
    assert "notes-from-a-phone" not in csv_out.stdout and "notes-from-a-phone" in csv_out.stderr  # CSV stays clean


def test_the_report_says_which_pass_mark_it_holds_attempts_to(cohort, tmp_path):
    shipped = _report(str(cohort))
    assert "Pass mark: 75% in every rubric (active-listening, crisis-recognition, procedural-justice, tactics-safety)" \
        in shipped.stdout
    rubrics = tmp_path / "rubrics"
    shutil.copytree(ROOT / "rubrics", rubrics)
    path = rubrics / "procedural-justice.yaml"
    text = path.read_text(encoding="utf-8")
    assert "\npass_mark: 75\n" in text
    path.write_text(text.replace("\npass_mark: 75\n", "\npass_mark: 60\n"), encoding="utf-8")
    changed = _report(str(cohort), rubrics=rubrics, cache=tmp_path / "cache")
    assert changed.exit_code == 0, changed.output
    assert "Pass marks: active-listening 75%, crisis-recognition 75%, procedural-justice 60%, tactics-safety 75%" \
        in changed.stdout


class _Page(HTMLParser):
    VOID = {"meta", "br", "line", "polyline", "path", "rect"}

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.balanced = True
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.open or self.open.pop() != tag:
            self.balanced = False


def test_the_html_report_escapes_names_and_draws_a_line_per_scenario(tmp_path):
    name = "Lee <b>bold</b> | pipe & co"
    folder = renamed(sorted((REPLAY / "dynamic").glob("*.jsonl")), tmp_path / "t", name)
    result = _report(str(folder), "--format", "html")
    assert result.exit_code == 0, result.output
    page = result.stdout
    assert "<b>" not in page and "Lee &lt;b&gt;bold&lt;/b&gt; | pipe &amp; co" in page
    parsed = _Page()
    parsed.feed(page)
    assert parsed.balanced and parsed.open == []
    assert "@media print" in page and "<link" not in page and "<script" not in page  # self-contained, printable
    series = [a for tag, a in parsed.tags if tag == "polyline"]
    scenarios = {read_transcript(p).header.scenario.id for p in (REPLAY / "dynamic").glob("*.jsonl")}
    assert len(series) == len(scenarios) >= 3  # one line per scenario played
    # told apart in black and white too: each line its own dash pattern, as far as there are patterns
    assert len({a.get("stroke-dasharray") for a in series}) == min(len(series), len(DASHES))
    played = sorted((REPLAY / "dynamic").glob("*.jsonl"))
    per_scenario = [sum(s in f.name for f in played) for s in sorted(scenarios)]
    assert [len((a["points"] or "").split()) for a in series] == per_scenario  # a point per attempt
    xs = [float(p.split(",")[0]) for a in series for p in (a["points"] or "").split()]
    assert len(set(xs)) == len(played)  # every attempt at its own place in time order
    passline = next(a for tag, a in parsed.tags if tag == "line" and a.get("class") == "passline")
    grid = {a["y1"] for tag, a in parsed.tags if tag == "line" and a.get("class") == "grid"}
    assert passline["y1"] in grid  # at 75 on the 0-25-50-75-100 grid
    assert "pass mark 75%" in page
    markdown = _report(str(folder))
    assert f"## {md_text(name)}" in markdown.stdout and "\\|" in markdown.stdout  # a table cell stays one cell
    assert "<b>" not in markdown.stdout.replace("\\<b>", "")


def test_a_second_report_replays_only_the_new_or_changed_files(cohort, tmp_path):
    cache = tmp_path / "cache"
    readable = len([p for p in cohort.rglob("*.jsonl") if "notes-from" not in p.name])
    first = _report(str(cohort), cache=cache)
    assert f"{readable} scored from their replay, 0 remembered, 1 skipped" in first.stderr
    second = _report(str(cohort), cache=cache)
    assert f"0 scored from their replay, {readable} remembered, 1 skipped" in second.stderr
    assert second.stdout == first.stdout
    source = next((REPLAY / "skilled-a").glob("*library*.jsonl"))
    shutil.copy2(source, cohort / "passive" / source.name)  # a new session
    touched = sorted((cohort / "dynamic").glob("*.jsonl"))[0]
    touched.write_text(touched.read_text(encoding="utf-8"), encoding="utf-8")  # rewritten: changed on disk
    st = touched.stat()
    os.utime(touched, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    third = _report(str(cohort), cache=cache)  # the rewritten file's bytes were replayed before: not again
    assert (f"1 scored from their replay, 1 scored without one (recorded or replayed here before, byte for byte), "
            f"{readable - 1} remembered, 1 skipped") in third.stderr
    edited = cohort / "passive" / source.name
    edited.write_text(edited.read_text(encoding="utf-8").replace('"turn": 1,', '"turn": 1 ,', 1), encoding="utf-8")
    st = edited.stat()
    os.utime(edited, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000))
    assert f"1 scored from their replay, {readable} remembered" in _report(str(cohort), cache=cache).stderr


def test_many_files_scored_in_parallel_are_counted_as_replayed_then_remembered(tmp_path):
    folder = tmp_path / "t"
    sources = sorted(REPLAY.rglob("*.jsonl"))[:PARALLEL_FROM + 2]
    for i, source in enumerate(sources):
        (folder / f"trainee{i % 3}").mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, folder / f"trainee{i % 3}" / source.name)
    cache = tmp_path / "cache"
    assert f"{len(sources)} scored from their replay, 0 remembered." in _report(str(folder), cache=cache).stderr
    assert f"0 scored from their replay, {len(sources)} remembered." in _report(str(folder), cache=cache).stderr
