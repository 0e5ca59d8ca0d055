"""`talkdown plan` (issue 13, point 6): an agency's calls for service per call type and the cohort's
results give the order in which to drill the scenarios (share of calls × weakness), and per trainee
the scenarios to drill first; a call type with no scenario is listed, never fatal; a calls file that
cannot be used is one paragraph naming the file, line and column."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.cli import main
from simulator.debrief.plan import (
    CSV_COLUMNS,
    NO_SCENARIO,
    Calls,
    CallsError,
    Offered,
    build_plan,
    parse_calls,
    read_calls,
    render_markdown,
)
from simulator.debrief.report import Attempt
from tests.debrief.test_report import renamed

ROOT = Path(__file__).resolve().parents[2]
REPLAY = ROOT / "tests/data/replay/transcripts"
EXAMPLE = ROOT / "docs/calls-example.csv"
LIBRARY = [Offered("alpha", "domestic-dispute"), Offered("bravo", "welfare-check"), Offered("charlie", "traffic-stop")]


def _attempt(trainee: str, scenario: str, passed: bool, when: str = "2026-01-01T10:00:00Z") -> Attempt:
    score = 80.0 if passed else 40.0
    return Attempt(path=f"/t/{trainee}/{when}-{scenario}.jsonl", trainee=trainee, scenario=scenario, recorded=when,
                   outcome="resolved" if passed else "escalated", passed=passed, percent={"r": score}, missed=(),
                   applied=(), cues=(), pass_marks={"r": 75.0})


def _calls(**counts: int) -> Calls:
    return parse_calls("call_type,count\n" + "".join(f"{k.replace('_', '-')},{n}\n" for k, n in counts.items()),
                       "calls.csv")


def test_the_order_is_share_of_calls_times_weakness():
    calls = _calls(domestic_dispute=100, welfare_check=300, traffic_stop=600)
    attempts = [_attempt("ana", "charlie", True), _attempt("ben", "charlie", True),  # charlie: everyone passed
                _attempt("ana", "bravo", True), _attempt("ben", "bravo", False),  # bravo: half the cohort
                _attempt("ana", "alpha", False)]  # alpha: nobody (ben never tried it)
    plan = build_plan(calls, LIBRARY, attempts)
    weakness = {d.scenario: d.weakness for d in plan.drills}
    assert weakness == {"alpha": 1.0, "bravo": 0.5, "charlie": 0.0}
    assert all(d.priority == pytest.approx(d.share * d.weakness) for d in plan.drills)
    assert [d.scenario for d in plan.drills] == ["bravo", "alpha", "charlie"]  # 0.3 × 0.5 > 0.1 × 1 > 0.6 × 0
    assert [d.rank for d in plan.drills] == [1, 2, 3]
    assert plan.per_trainee == {"ana": ["alpha"], "ben": ["bravo", "alpha"]}
    frequent = build_plan(_calls(domestic_dispute=100, welfare_check=150, traffic_stop=600), LIBRARY, attempts)
    assert [d.scenario for d in frequent.drills][:2] == ["alpha", "bravo"]  # 0.118 × 1 > 0.176 × 0.5


def test_an_untried_scenario_is_fully_weak_and_no_results_order_by_calls_alone():
    calls = _calls(domestic_dispute=500, welfare_check=200, traffic_stop=300)
    plan = build_plan(calls, LIBRARY, [_attempt("ana", "alpha", True)], cohort=["newcomer"])
    assert {d.scenario: d.weakness for d in plan.drills} == {"alpha": 0.5, "bravo": 1.0, "charlie": 1.0}
    assert plan.per_trainee["newcomer"] == [d.scenario for d in plan.drills]  # untried: every scenario, in order
    nobody = build_plan(calls, LIBRARY, [])
    assert [d.scenario for d in nobody.drills] == ["alpha", "charlie", "bravo"]  # 500 > 300 > 200 calls
    assert all(d.weakness == 1.0 for d in nobody.drills) and nobody.per_trainee == {}


def test_call_types_with_no_scenario_are_listed_and_scenarios_with_no_calls_come_last():
    calls = parse_calls("call_type,count\nwelfare-check,50\nnoise-complaint,30\nBarking Dog,20\n", "c.csv")
    plan = build_plan(calls, LIBRARY, [])
    assert plan.unknown == [("noise-complaint", 30, 0.3), ("Barking Dog", 20, 0.2)]
    assert plan.drills[0].scenario == "bravo" and plan.drills[0].share == 0.5  # of all calls, unknown ones too
    assert {d.scenario: d.note for d in plan.drills[1:]} == {"alpha": "call type not in the call data",
                                                             "charlie": "call type not in the call data"}
    text = render_markdown(plan)
    assert "## Call types with no scenario" in text
    assert f"| noise-complaint | 30 | 30.0% | {NO_SCENARIO} |" in text


def test_the_calls_file_tolerates_a_bom_spaces_case_comments_and_repeats(tmp_path):
    path = tmp_path / "calls.csv"
    path.write_bytes("\ufeff# exported from CAD\n Call_Type , Count \n\n WELFARE CHECK , 120 \n"
                     "welfare_check,5\n# a note\ndomestic-dispute,\"1_000\"\n".encode())
    calls = read_calls(path)
    assert calls.counts == {"domestic-dispute": 1000, "welfare-check": 125}
    assert calls.written["welfare-check"] == "WELFARE CHECK"


@pytest.mark.parametrize(("text", "where", "says"), [
    ("call_type,count\nwelfare-check,12\ndomestic-dispute,many\n", "line 3, column 2 (count)", "'many'"),
    ("count,call_type\n\n7,welfare-check\n-3,domestic-dispute\n", "line 4, column 1 (count)", "'-3'"),
    ("call_type,count\nwelfare-check\n", "line 2, column 2 (count): missing", "call type and its count"),
    ("call_type,count\n,4\n", "line 2, column 1 (call_type): missing", "call type and its count"),
    ("# header below\ncall type,calls\nwelfare-check,3\n", "line 2: no 'count' column", "call_type,count"),
    ("call_type,count\n", "calls.csv: no call counts", "call_type,count"),
    ("call_type,count\nwelfare-check,0\n", "calls.csv: every count is 0", "how often"),
])
def test_an_unusable_calls_file_names_the_file_line_and_column(tmp_path, text, where, says):
    path = tmp_path / "calls.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CallsError) as caught:
        read_calls(path)
    message = str(caught.value)
    assert message.startswith(str(path)) and where in message and says in message and "\n" not in message


def _plan(*args: str, cache: Path | None = None):
    env = {"TALKDOWN_SCENARIOS": str(ROOT / "scenarios"), "TALKDOWN_RUBRICS": str(ROOT / "rubrics")}
    if cache is not None:
        env["TALKDOWN_CACHE_DIR"] = str(cache)
    return CliRunner().invoke(main, ["plan", *args], env=env)


def _library_call_types() -> dict[str, str]:
    import yaml

    files = sorted((ROOT / "scenarios").glob("*.yaml"))
    return {data["id"]: data["tags"]["call_type"] for data in (yaml.safe_load(p.read_text(encoding="utf-8"))
                                                               for p in files)}


def test_the_example_calls_cover_the_shipped_scenarios_and_one_unknown_type():
    calls = read_calls(EXAMPLE)
    shipped = set(_library_call_types().values())
    assert shipped <= set(calls.counts) and len(set(calls.counts) - shipped) == 1


def test_the_command_ranks_the_library_for_the_cohort_and_lists_unknown_call_types(tmp_path):
    folder = tmp_path / "t"
    for trainee in ("dynamic", "skilled-a"):
        shutil.copytree(REPLAY / trainee, folder / trainee)
    (folder / "skilled-a" / "junk.jsonl").write_text("not a session\n", encoding="utf-8")
    result = _plan(str(EXAMPLE), str(folder), "--format", "csv")
    assert result.exit_code == 0, result.output
    assert "junk.jsonl" in result.stderr  # skipped, named, not fatal
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == CSV_COLUMNS
    drills = [r for r in rows if r["scenario"]]
    assert {r["scenario"]: r["call_type"] for r in drills} == _library_call_types()
    assert [float(r["priority"]) for r in drills] == sorted((float(r["priority"]) for r in drills), reverse=True)
    assert all(float(r["priority"]) == pytest.approx(float(r["call_share"]) * float(r["weakness"]), abs=1e-4)
               for r in drills)
    assert all(r["trainees"] == "2" for r in drills)
    unknown = [r for r in rows if not r["scenario"]]
    assert [(r["call_type"], r["note"]) for r in unknown] == [("alarm", NO_SCENARIO)]
    markdown = _plan(str(EXAMPLE), str(folder), "--trainee", "DYNAMIC", "--trainee", "Newcomer")
    assert markdown.exit_code == 0
    lines = {line.split(":")[0]: line for line in markdown.stdout.splitlines() if line.startswith("- ")}
    assert set(lines) == {"- dynamic", "- Newcomer"}  # the filter; a named trainee with no results yet
    assert lines["- Newcomer"].count(",") == len(_library_call_types()) - 1  # untried: every scenario
    later = _plan(str(EXAMPLE), str(folder), "--since", "2030-01-01", "--format", "csv")
    assert later.exit_code == 0
    assert {r["weakness"] for r in csv.DictReader(io.StringIO(later.stdout)) if r["scenario"]} == {"1.0000"}


def test_a_bad_calls_file_or_folder_is_one_paragraph_and_exit_2(tmp_path):
    bad = tmp_path / "calls.csv"
    bad.write_text("call_type,count\nwelfare-check,ten\n", encoding="utf-8")
    result = _plan(str(bad), str(REPLAY / "dynamic"))
    assert result.exit_code == 2 and str(bad) in result.stderr and "line 2, column 2" in result.stderr
    assert "Traceback" not in result.output
    missing = _plan(str(tmp_path / "nope.csv"))
    assert missing.exit_code == 2 and "nope.csv: cannot read" in missing.stderr
    nofolder = _plan(str(EXAMPLE), str(tmp_path / "no-such-folder"))
    assert nofolder.exit_code == 2 and "no such folder" in nofolder.stderr


def test_a_trainee_name_is_escaped_in_markdown_and_text_in_csv(tmp_path):
    folder = renamed([next((REPLAY / "passive").glob("*library*.jsonl"))], tmp_path / "t", "=Lee <b>|</b>")
    markdown = _plan(str(EXAMPLE), str(folder))
    assert "- =Lee \\<b>\\|\\</b>:" in markdown.stdout
    rows = list(csv.DictReader(io.StringIO(_plan(str(EXAMPLE), str(folder), "--format", "csv").stdout)))
    assert {r["to_drill"] for r in rows if r["scenario"]} <= {"'=Lee <b>|</b>", ""}
