"""`talkdown compare` (issue 13, point 3): two attempts side by side.  Two real sessions of one
scenario are played through the engine and saved as a recruit's would be (an earlier poor one with a
hostile reply, a later skilled one), then compared; what the comparison says is checked against the
sessions' own events, scored and counted here independently."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.cli import main
from simulator.debrief import debrief_for
from simulator.debrief.build import build_debrief, dialogue_of
from simulator.debrief.compare import WHOLE_CALL, compare, in_time_order, phase_of, render_compare_md
from simulator.debrief.html import render_compare_html
from simulator.live.recorded import RecordedSession
from simulator.scenario import load_scenario
from simulator.scoring import load_rubrics, score_log
from simulator.transcripts import session_log
from simulator.transcripts.events import Analysed, Event, SubjectSaid

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = ROOT / "scenarios" / "library-psychosis.yaml"
DOMESTIC = ROOT / "scenarios" / "domestic-dispute.yaml"
TRAINEE = "Kim <b>Lee</b>"
HOSTILE = "<script>alert(1)</script> **bold** | pipe"


def _replies(loaded, name_start: str) -> tuple[list[str], dict[str, str]]:
    wt = next(w for w in loaded.scenario.walkthroughs if w.name.startswith(name_start))
    return list(wt.replies), dict(wt.variant)


def _play(path: Path, scenario: Path, replies: list[str], when: datetime, *, variant: dict[str, str] | None = None,
          seed: int = 1, finish: bool = True) -> RecordedSession:
    live = RecordedSession(load_scenario(scenario), trainee=TRAINEE, mode="coach", seed=seed, transcripts=path,
                           now=lambda: when, variant=variant)
    live.start()
    for reply in replies:
        if live.finished:
            break
        live.reply(reply)
    if finish and not live.finished:
        live.abandon("quit")
    live.close()
    return live


@pytest.fixture(scope="module")
def saved(tmp_path_factory) -> dict[str, RecordedSession]:
    """A trainee's folder: a poor attempt, a skilled one a week later, one cut short, another scenario."""
    folder = tmp_path_factory.mktemp("transcripts")
    loaded = load_scenario(LIBRARY)
    listener, variant = _replies(loaded, "listener who never asks")
    skilled, own = _replies(loaded, "skilled officer hears his fear")
    return {
        "first": _play(folder, LIBRARY, [HOSTILE, *listener], datetime(2026, 3, 1, 10, tzinfo=UTC), variant=variant),
        "second": _play(folder, LIBRARY, skilled, datetime(2026, 3, 8, 10, tzinfo=UTC), variant=own),
        "cut_short": _play(folder, LIBRARY, skilled[:3], datetime(2026, 3, 9, 10, tzinfo=UTC), variant=variant,
                           finish=False),
        "other": _play(folder, DOMESTIC, skilled[:4], datetime(2026, 3, 10, 10, tzinfo=UTC)),
    }


def _run(*args, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, ["compare", *(str(a) for a in args)],
                              env={"TALKDOWN_SCENARIOS": str(ROOT / "scenarios"),
                                   "TALKDOWN_RUBRICS": str(ROOT / "rubrics"), **(env or {})})


@pytest.fixture(scope="module")
def comparison(saved):
    from simulator.live.debriefs import debrief_of_file

    rubrics = load_rubrics(ROOT / "rubrics")
    first, second = (debrief_of_file(saved[k].path, ROOT / "scenarios", rubrics) for k in ("first", "second"))
    return compare(first, second)


def _phase_of_each_line(events: list[Event]) -> dict[tuple[str, int, str], str]:
    """(who, turn, text) -> phase, from the subject's own lines: the trainee speaks in the phase of
    the subject's last line, the subject in the phase they answer from."""
    out: dict[tuple[str, int, str], str] = {}
    phase = ""
    for e in events:
        if isinstance(e, SubjectSaid):
            phase = e.phase
            out["subject", e.turn, e.text] = phase
        elif isinstance(e, Analysed):
            out["trainee", e.turn, e.text] = phase
    return out


def test_rubric_changes_are_the_difference_of_the_two_scores(saved, comparison):
    rubrics = load_rubrics(ROOT / "rubrics")
    a, b = (score_log(session_log(saved[k].events), rubrics) for k in ("first", "second"))
    assert [r.id for r in comparison.rubrics] == [r.id for r in a.rubrics]
    for change in comparison.rubrics:
        ra, rb = a.rubric(change.id), b.rubric(change.id)
        assert (change.first, change.second) == (ra.percent, rb.percent)
        assert change.change == round(rb.percent - ra.percent, 1)
        assert (change.passed_first, change.passed_second) == (ra.passed, rb.passed)
    assert comparison.overall_change == round(round(b.overall, 1) - round(a.overall, 1), 1)
    assert comparison.overall_change > 0  # the skilled attempt scores better: a difference that shows
    assert comparison.turns_change == comparison.second.turns - comparison.first.turns


def test_each_attempts_lines_sit_in_the_phase_they_were_said_in(saved, comparison):
    for side, key in (("first", "first"), ("second", "second")):
        expected = _phase_of_each_line(saved[key].events)
        placed = {(line.who, line.turn, line.text): row.id for row in comparison.phases
                  for line in getattr(row, side) if line.who in ("subject", "trainee")}
        assert {k: v for k, v in placed.items() if k in expected} == expected
    reached = {row.id for row in comparison.phases if row.second}
    assert len(reached) >= 3  # the skilled attempt moved through several phases
    entered = [min(t for t in (row.entered_first, row.entered_second) if t is not None) for row in comparison.phases]
    assert entered == sorted(entered)  # rows in the order first reached by either attempt
    assert comparison.phases[0].entered_first == comparison.phases[0].entered_second == 0


def test_every_line_is_in_exactly_one_phase_row(comparison):
    for side in ("first", "second"):
        lines = [line for row in comparison.phases for line in getattr(row, side)]
        assert lines == getattr(comparison, side).dialogue


def test_technique_counts_are_the_replies_that_showed_each(saved, comparison):
    for side in ("first", "second"):
        counted = Counter(t for e in saved[side].events if isinstance(e, Analysed) for t in set(e.techniques))
        assert {u.id: getattr(u, side) for u in comparison.techniques if getattr(u, side)} == dict(counted)
    differences = [abs(u.change) for u in comparison.techniques]
    assert differences == sorted(differences, reverse=True) and differences[0] > 0


def test_cues_are_shown_and_recognised_per_attempt(comparison):
    by_id = {q.id: q for q in comparison.cues}
    for side, d in (("first", comparison.first), ("second", comparison.second)):
        for cue in d.cues:
            assert getattr(by_id[cue.id], f"shown_{side}") == cue.shown_turn
            assert getattr(by_id[cue.id], f"recognised_{side}") == cue.recognised_turn
    assert set(by_id) == {c.id for c in comparison.first.cues} | {c.id for c in comparison.second.cues}


def test_a_line_said_on_the_turn_the_phase_changed_belongs_to_the_phase_before(comparison):
    visits = comparison.second.phases
    change = next(v for v in visits if v.turn > 0)
    said = next(line for line in comparison.second.dialogue if line.turn == change.turn and line.who == "trainee")
    answer = next(line for line in comparison.second.dialogue if line.turn == change.turn and line.who == "subject")
    assert phase_of(said, visits).id != change.id and phase_of(answer, visits).id == change.id


def test_a_debrief_without_phases_is_one_phase_the_whole_call(saved):
    events = saved["first"].events
    old = build_debrief(session_log(events), None, dialogue=dialogue_of(events))  # built without the phases
    c = compare(old, old)
    assert [row.title for row in c.phases] == [WHOLE_CALL.title]
    assert list(c.phases[0].first) == old.dialogue and all(r.change is None for r in c.rubrics)


def test_markdown_escapes_what_the_trainee_typed(comparison):
    md = render_compare_md(comparison)
    assert not re.search(r"(?<!\\)<", md) and "**bold**" not in md  # no tag can open, no emphasis starts
    assert r"\<script>alert(1)\</script> \*\*bold\*\* \| pipe" in md
    assert r"Kim \<b>Lee\</b>" in md
    table_rows = [line for line in md.splitlines() if line.startswith("|")]
    widths = {line.count("|") - line.count(r"\|") for line in table_rows if "Attempt 1 | Attempt 2 |" in line}
    assert widths and all(line.count("|") - line.count(r"\|") in widths | {5} for line in table_rows)


def test_markdown_shows_the_changes_and_both_curves(comparison):
    md = render_compare_md(comparison)
    for r in comparison.rubrics:
        shown = re.search(rf"^\| {re.escape(r.title)} \| .* \| ([-+]?[0-9.]+) \|$", md, re.M)
        assert shown and float(shown.group(1)) == r.change, r.title
        assert shown.group(1)[0] in "+-" or r.change == 0  # a gain or a loss is signed
    curves = re.findall(r"^- Attempt [12]: `([▁▂▃▄▅▆▇█]+)`", md, re.M)
    assert [len(c) for c in curves] == [len(comparison.first.curve), len(comparison.second.curve)]


class Tags(HTMLParser):
    VOID = {"meta", "br", "circle", "line", "polyline", "img", "rect"}

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.polylines: list[dict[str, str | None]] = []
        self.balanced = True

    def handle_starttag(self, tag, attrs):
        if tag == "polyline":
            self.polylines.append(dict(attrs))
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag not in self.VOID and (not self.open or self.open.pop() != tag):
            self.balanced = False


def test_the_html_page_escapes_everything_typed_and_nothing_runs(comparison):
    page = render_compare_html(comparison)
    assert "<script" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; **bold** | pipe" in page
    assert "Kim &lt;b&gt;Lee&lt;/b&gt;" in page


def test_the_html_chart_draws_both_curves_on_one_chart_apart_in_black_and_white(comparison):
    page = render_compare_html(comparison)
    tags = Tags()
    tags.feed(page)
    assert tags.balanced and tags.open == []
    assert page.count("<svg") == 1 and len(tags.polylines) == 2
    counts = [len((p["points"] or "").split()) for p in tags.polylines]
    assert counts == [len(comparison.first.curve), len(comparison.second.curve)]
    assert [bool(p.get("stroke-dasharray")) for p in tags.polylines] == [False, True]  # a dash pattern, not colour only
    assert len({p["style"] for p in tags.polylines}) == 2
    assert ">Attempt 1</text>" in page and ">Attempt 2</text>" in page  # the legend
    assert "@media print" in page and "<link" not in page and "http://" not in page.replace("http://www.w3.org", "")


def test_the_html_dialogue_is_side_by_side_by_phase(comparison):
    page = render_compare_html(comparison)
    assert page.count('<table class="sides">') == len(comparison.phases)
    row = max(comparison.phases, key=lambda r: min(len(r.first), len(r.second)))
    assert len(row.side_by_side()) == max(len(row.first), len(row.second))
    assert page.count("<tr><td class=") >= sum(len(r.side_by_side()) for r in comparison.phases)


def test_the_command_puts_the_earlier_attempt_first_unless_told(saved):
    first, second = saved["first"].path, saved["second"].path
    swapped = _run(second, first)
    assert swapped.exit_code == 0, swapped.output
    recorded = re.search(r"^\| Recorded \| (\S+) \| (\S+) \|", swapped.output, re.M)
    assert recorded and recorded.group(1) < recorded.group(2) and recorded.group(1).startswith("2026-03-01")
    kept = _run(second, first, "--keep-order")
    recorded = re.search(r"^\| Recorded \| (\S+) \| (\S+) \|", kept.output, re.M)
    assert recorded and recorded.group(1).startswith("2026-03-08")
    assert _run(first, second).output == swapped.output


def test_the_command_finds_a_trainees_first_and_latest_finished_attempt(saved, tmp_path):
    folder = saved["first"].path.parent.parent
    out = tmp_path / "compare.html"
    result = _run("--trainee", TRAINEE, "--scenario", "library-psychosis", "--format", "html", "-o", out,
                  env={"TALKDOWN_TRANSCRIPTS": str(folder)})
    assert result.exit_code == 0, result.output
    assert saved["first"].path.name in result.output and saved["second"].path.name in result.output
    assert saved["cut_short"].path.name not in result.output  # cut short: not a finished attempt
    assert out.read_text(encoding="utf-8").count("<polyline") == 2


def test_fewer_than_two_finished_attempts_is_a_clear_error(saved):
    folder = saved["first"].path.parent.parent
    result = _run("--trainee", TRAINEE, "--scenario", "domestic-dispute", env={"TALKDOWN_TRANSCRIPTS": str(folder)})
    assert result.exit_code == 2 and "only one finished attempt at domestic-dispute" in result.output
    nobody = _run("--trainee", "Nobody", "--scenario", "library-psychosis", env={"TALKDOWN_TRANSCRIPTS": str(folder)})
    assert nobody.exit_code == 2 and "Nobody has no finished attempt" in nobody.output
    assert "Traceback" not in result.output + nobody.output


def test_bad_input_is_named_and_exits_2(saved, tmp_path):
    good = saved["second"].path
    garbage = tmp_path / "notes.jsonl"
    garbage.write_text("hello, not a transcript\n", encoding="utf-8")
    for args, named in (((tmp_path / "missing.jsonl", good), "missing.jsonl"), ((good, garbage), "notes.jsonl"),
                        ((good,), "two transcripts"), ((good, good, good), "two transcripts"),
                        ((good, good, "--trainee", "Kim"), "not both"), (("--trainee", "Kim"), "go together")):
        result = _run(*args)
        assert result.exit_code == 2, args
        assert named in result.output and "Traceback" not in result.output and len(result.output.strip()) > 20


def test_the_same_file_twice_compares_with_no_change(saved):
    result = _run(saved["second"].path, saved["second"].path)
    assert result.exit_code == 0
    changes = re.findall(r"^\| [^|]+ \| [^|]+ \| [^|]+ \| ([^|]*) \|$", result.output.split("## Techniques")[0], re.M)
    assert changes and all(c.strip() in ("", "0", "Change", "---:") for c in changes)


def test_different_scenarios_are_said_plainly_at_the_top(saved):
    result = _run(saved["second"].path, saved["other"].path)
    assert result.exit_code == 0
    head = result.output.split("|", 1)[0]
    assert "different scenarios (library-psychosis and domestic-dispute)" in head


def test_a_comparison_needs_no_files(saved, comparison):
    """The app builds its Compare view from debriefs it already holds (here from the sessions' own
    events, not a replay of the saved files): the same comparison."""
    rubrics = load_rubrics(ROOT / "rubrics")
    first, second = (debrief_for(saved[k].events, rubrics=rubrics) for k in ("first", "second"))
    c = compare(first, second)
    assert c.same_scenario and c.same_trainee and c.notices == []
    assert (c.rubrics, c.techniques, c.cues) == (comparison.rubrics, comparison.techniques, comparison.cues)
    assert [(r.id, r.first, r.second) for r in c.phases] == [(r.id, r.first, r.second) for r in comparison.phases]


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_nothing_typed_can_steer_the_terminal(fmt):
    odd = next((ROOT / "tests/data/replay/transcripts/odd").glob("*library-psychosis*.jsonl"))
    assert "\\u001b" in odd.read_text(encoding="utf-8")  # the trainee typed an escape sequence
    result = _run(odd, odd, "--format", fmt)
    assert result.exit_code == 0 and "\x1b" not in result.output
    assert ("\\x1b[31mred" if fmt == "html" else "  \\[31mred") in result.output  # shown, not obeyed


def test_time_order_is_by_the_moment_recorded_and_as_given_without_one(comparison):
    early, late = comparison.first, comparison.second
    assert in_time_order(late, early) == (early, late)
    # 09:30 at UTC-2 is 11:30 UTC: later than 10:45 UTC the same day, though its string sorts first
    west = replace(early, recorded=early.recorded.replace("10:00:00+00:00", "09:30:00-02:00"))
    utc = replace(late, recorded=early.recorded.replace("10:00:00", "10:45:00"))
    assert in_time_order(west, utc) == (utc, west) and in_time_order(utc, west) == (utc, west)
    unknown = replace(late, recorded="")
    assert in_time_order(unknown, early) == (unknown, early)


def test_instructor_notes_of_both_attempts_are_in_both_exports(saved, tmp_path):
    from simulator.live.debriefs import debrief_of_file
    from simulator.transcripts.notes import add_note

    rubrics = load_rubrics(ROOT / "rubrics")
    copies = []
    for key in ("first", "second"):
        copy = tmp_path / saved[key].path.name
        copy.write_bytes(saved[key].path.read_bytes())
        copies.append(copy)
    add_note(copies[0], turn=2, tag="concern", text="Argued with the <voices> | here", author="Sgt Rivera")
    add_note(copies[1], turn=1, tag="strength", text="Named his fear", author="Sgt Rivera")
    c = compare(*(debrief_of_file(p, ROOT / "scenarios", rubrics) for p in copies))
    md = render_compare_md(c)
    notes_md = md[md.index("## Instructor notes"):md.index("## Dialogue by phase")]
    assert "Attempt 1, turn 2" in notes_md and "**concern**" in notes_md and r"\<voices> \| here" in notes_md
    assert "Attempt 2, turn 1" in notes_md and "Named his fear" in notes_md
    html = render_compare_html(c)
    notes_html = html[html.index("<h2>Instructor notes</h2>"):html.index("<h2>Dialogue by phase</h2>")]
    assert "Argued with the &lt;voices&gt; | here" in notes_html and "Named his fear" in notes_html
    assert notes_html.count('class="note"') == 2
    # none: said so
    plain = compare(*(debrief_of_file(saved[k].path, ROOT / "scenarios", rubrics) for k in ("first", "second")))
    assert "No notes on either attempt." in render_compare_md(plain)
