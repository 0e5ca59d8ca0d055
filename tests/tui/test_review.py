"""The instructor's side of the app: review the saved sessions, replay one turn by turn, jump from
a criterion to its evidence, annotate a turn, and the progress report (issue 13)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, OptionList

from simulator.live.rescore import rescore_one
from simulator.scoring import load_rubrics
from simulator.transcripts.notes import add_note, read_notes
from simulator.tui.curve import render_curve, render_curves
from simulator.tui.screens.compare import CompareScreen
from simulator.tui.screens.home import HomeScreen
from simulator.tui.screens.note import NoteScreen
from simulator.tui.screens.replay import ReplayScreen, TurnView, turns_of
from simulator.tui.screens.report import ReportScreen, overall
from simulator.tui.screens.review import ReviewScreen, initials
from simulator.tui.widgets import CurveChart, CurvesChart

from .conftest import PICKED, ROOT, review_folder, wait_for

pytestmark = pytest.mark.tui

SIZE = (100, 32)


@pytest.fixture
def folder(tmp_path) -> Path:
    return review_folder(tmp_path / "transcripts")


@pytest.fixture
def app(build, folder, tmp_path, monkeypatch):
    monkeypatch.setenv("TALKDOWN_CACHE_DIR", str(tmp_path / "cache"))
    return build(scenarios=ROOT / "scenarios", transcripts=folder, trainee="Instructor")




async def open_review(pilot) -> ReviewScreen:
    await wait_for(pilot, HomeScreen)
    await pilot.press("f4")
    screen = await wait_for(pilot, ReviewScreen)
    assert isinstance(screen, ReviewScreen)
    for _ in range(100):  # rows arrive from the worker
        if screen.done:
            break
        await pilot.pause(0.05)
    await pilot.pause()
    return screen


def test_rubric_headings_are_initials():
    assert initials("Active listening") == "AL"
    assert initials("Tactics and safety (ICAT)") == "TS"
    assert initials("Procedural justice") == "PJ"


async def test_review_lists_sessions_grouped_with_scores_and_skips_bad_files(app, folder, tmp_path):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        rows = screen.rows
        good = [r for r in rows if not r.skipped]
        assert len(good) == sum(PICKED.values()) + 1  # the cut-short session is listed (unfinished)
        # grouped: by trainee, then scenario, then date; the two unreadable files last, with their reason
        keys = [(r.trainee.casefold(), r.scenario_title.casefold(), r.recorded) for r in good]
        assert keys == sorted(keys)
        skipped = [r for r in rows if r.skipped]
        assert rows[-len(skipped):] == skipped
        assert {r.path.name for r in skipped} == {"notes-from-elsewhere.jsonl"}
        unfinished = [r for r in good if r.outcome is None]
        assert [r.path.name for r in unfinished] == ["20991231T000000Z-cut-short.jsonl"]
        # each row's percentages are the transcript's score from its replay
        rubrics = load_rubrics(ROOT / "rubrics")
        table = screen.query_one(DataTable)
        for i, row in enumerate(screen.shown):
            if row.skipped:
                assert str(table.get_row_at(i)[3]) == "skipped"
                continue
            scored = json.loads(rescore_one(row.path, ROOT / "scenarios", rubrics).json)
            expected = {r["id"]: r["percent"] for r in scored["rubrics"]}
            assert row.percent == expected
            cells = [str(c) for c in table.get_row_at(i)[4:]]
            assert cells == [f"{expected[r.id]:.0f}" for r in rubrics]


async def test_typing_filters_the_review(app):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        for ch in "skilled":
            await pilot.press(ch)
        await pilot.pause(0.3)  # the list is filtered once typing pauses
        assert screen.query_one("#review-filter", Input).value == "skilled"
        assert {r.trainee for r in screen.shown} == {"skilled-a"}
        assert screen.query_one(DataTable).row_count == PICKED["skilled-a"]
        await pilot.press("escape")  # clears the filter first
        await pilot.pause(0.3)
        assert len(screen.shown) == len(screen.rows)
        assert isinstance(pilot.app.screen, ReviewScreen)


async def test_a_long_list_shows_its_first_rows_and_says_to_narrow_it(app, monkeypatch):
    monkeypatch.setattr("simulator.tui.screens.review.MAX_SHOWN", 4)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        assert len(screen.rows) > 4 and len(screen.shown) == 4
        assert screen.shown == screen.rows[:4]
        more = screen.query_one("#review-more").render().plain
        assert f"first 4 of {len(screen.rows)} sessions" in more
        for ch in "passive":
            await pilot.press(ch)
        await pilot.pause(0.3)
        assert len(screen.shown) == 3 and screen.query_one("#review-more").render().plain == ""


async def open_replay(pilot, screen: ReviewScreen, trainee: str, index: int = 0) -> ReplayScreen:
    target = [r for r in screen.shown if r.trainee == trainee][index]
    screen.query_one(DataTable).move_cursor(row=screen.shown.index(target))
    await pilot.pause()
    await pilot.press("enter")
    replay = await wait_for(pilot, ReplayScreen)
    assert isinstance(replay, ReplayScreen) and replay.row is target
    return replay


async def test_replay_steps_through_turns_and_marks_the_curve(app):
    async with app.run_test(size=SIZE) as pilot:
        replay = await open_replay(pilot, await open_review(pilot), "dynamic")
        d = replay.debrief
        assert d is not None and d.turns >= 3
        assert replay.turns == turns_of(d) and replay.turns[0] == 0

        def current() -> list[int]:
            return [v.turn for v in replay.query(TurnView) if v.has_class("-current")]

        def marked() -> int:
            chart = replay.query_one("#replay-curve", CurvesChart)
            assert len(chart.marks) == 1
            return d.curve[chart.marks[0][0]][0]

        assert current() == [0] and marked() == 0
        # agitation and rapport on one chart, a point each after the opening and after every turn
        chart = replay.query_one("#replay-curve", CurvesChart)
        subject = [line for line in d.dialogue if line.who == "subject"]
        assert chart.series[0] == [v for _, v in d.curve]
        assert len(chart.series[1]) == len(d.curve) and chart.series[1][0] == subject[0].rapport
        assert chart.series[1][-1] == subject[-1].rapport
        await pilot.press("right", "right")
        assert current() == [replay.turns[2]] and marked() == replay.turns[2]
        await pilot.press("left")
        assert current() == [replay.turns[1]]
        await pilot.press("end")
        assert current() == [replay.turns[-1]] and marked() == d.curve[-1][0]
        await pilot.press("right")  # past the end: stays
        assert current() == [replay.turns[-1]]
        await pilot.press("home")
        assert current() == [0]
        await pilot.press("e")  # the debrief as a printable page beside the transcript
        await pilot.app.workers.wait_for_complete()
        page = replay.path.with_suffix(".html")
        assert page.exists() and "<svg" in page.read_text(encoding="utf-8")
        # the dialogue shows each turn's words as typed, with the techniques found in them
        said = {line.turn: line for line in d.dialogue if line.who == "trainee"}
        first = min(said)
        view = next(v for v in replay.query(TurnView) if v.turn == first)
        text = view.render().plain
        assert said[first].text in text.replace("\n", " ") or said[first].text[:30] in text
        for technique in said[first].techniques:
            assert technique.replace("_", " ") in text


async def test_choosing_a_criterion_jumps_to_its_evidence_turns_in_turn(app):
    async with app.run_test(size=SIZE) as pilot:
        replay = await open_replay(pilot, await open_review(pilot), "skilled-a")
        d = replay.debrief
        assert d is not None and d.report is not None
        criteria = replay.query_one("#criteria", OptionList)
        wanted = next((f"{r.id}/{c.id}", sorted({e.turn for e in c.evidence}))
                      for r in d.report.rubrics for c in r.criteria if len({e.turn for e in c.evidence}) >= 2)
        key, turns = wanted
        criteria.focus()
        criteria.highlighted = criteria.get_option_index(key)
        await pilot.press("enter")
        assert replay.turn == turns[0]
        await pilot.press("enter")
        assert replay.turn == turns[1]


async def test_a_note_on_a_turn_is_saved_beside_the_transcript_and_shown_literally(app):
    async with app.run_test(size=SIZE) as pilot:
        replay = await open_replay(pilot, await open_review(pilot), "dynamic")
        before = replay.path.read_bytes()
        await pilot.press("right", "right")
        turn = replay.turn
        await pilot.press("a")
        note = await wait_for(pilot, NoteScreen)
        note.query_one("#note-text", Input).value = "Good [b]pause[/b] here"
        await pilot.press("tab", "right", "enter")  # the tags: concern
        note.query_one("#note-author", Input).value = "Sgt Rivera"
        note.query_one("#note-text", Input).focus()
        await pilot.press("enter")
        await wait_for(pilot, ReplayScreen)
        notes, skipped = read_notes(replay.path)
        assert skipped == []
        assert [(n.turn, n.tag, n.text, n.author) for n in notes] == [(turn, "concern", "Good [b]pause[/b] here",
                                                                        "Sgt Rivera")]
        assert replay.path.read_bytes() == before  # the transcript is never rewritten
        view = next(v for v in replay.query(TurnView) if v.turn == turn)
        assert "concern — Good [b]pause[/b] here" in view.render().plain.replace("\n", " ")
        assert pilot.app.preferences.instructor == "Sgt Rivera"  # offered for the next note
        # a note needs its author: without one nothing is written
        await pilot.press("a")
        note = await wait_for(pilot, NoteScreen)
        note.query_one("#note-text", Input).value = "Second"
        note.query_one("#note-author", Input).value = ""
        note.query_one("#note-text", Input).focus()
        await pilot.press("enter")
        assert isinstance(pilot.app.screen, NoteScreen)
        await pilot.press("escape")
        assert len(read_notes(replay.path)[0]) == 1


async def test_report_view_shows_first_best_latest_and_the_trend(app):
    async with app.run_test(size=SIZE) as pilot:
        review = await open_review(pilot)
        await pilot.press("f5")
        report_screen = await wait_for(pilot, ReportScreen)
        report = report_screen.report
        assert report is not None
        finished = [r for r in review.rows if r.outcome is not None and not r.skipped]
        assert report.attempts == len(finished)
        table = report_screen.query_one(DataTable)
        assert table.row_count == len(report.progress)
        for i, p in enumerate(report.progress):
            rows = sorted((r for r in finished if r.trainee == p.trainee and r.scenario_id == p.scenario),
                          key=lambda r: (r.recorded, r.path.name))
            values = [r.overall for r in rows]
            cells = [str(c) for c in table.get_row_at(i)]
            assert cells[2] == str(len(rows))
            assert cells[4:7] == [f"{values[0]:.0f}%", f"{max(values):.0f}%", f"{values[-1]:.0f}%"]
        # the chart follows the chosen row: one point per attempt
        two = next(i for i, p in enumerate(report.progress) if len(p.attempts) == 2)
        table.move_cursor(row=two)
        await pilot.pause()
        chart = report_screen.query_one("#trend-chart", CurveChart)
        assert chart.values == [overall(a) for a in report.progress[two].attempts]
        assert chart.guides == (75,)


def test_two_curves_share_one_chart_and_each_cell_knows_whose_it_is():
    rising, falling = [0.0, 50.0, 100.0], [100.0, 0.0]
    lines, owners = render_curves([rising, falling], 24, 8, guides=())
    assert len(lines) == 8 + 2 and len(owners) == 8
    # the rising curve starts bottom left, the falling one top left; they cross in the middle
    assert owners[-1][0] == 1 and owners[0][0] == 2
    assert owners[0][-1] == 1 and owners[-1][-1] == 2
    assert any(3 in row for row in owners)
    # a cell with a dot belongs to a curve, an empty one to none
    for r, row in enumerate(owners):
        for c, bits in enumerate(row):
            assert (lines[r][4 + c] not in " ┈") == bool(bits)
    assert render_curve(rising, 24, 8, guides=()) == render_curves([rising], 24, 8, guides=())[0]


async def test_two_marked_attempts_are_compared_side_by_side(app, folder):
    earliest = sorted((folder / "dynamic").glob("*domestic-dispute*.jsonl"))[0]
    add_note(earliest, turn=1, tag="strength", text="Introduced [b]himself[/b] well", author="Sgt Rivera")
    async with app.run_test(size=SIZE) as pilot:
        review = await open_review(pilot)
        attempts = sorted((r for r in review.shown if r.trainee == "dynamic" and r.scenario_id == "domestic-dispute"),
                          key=lambda r: (r.recorded, r.path.name))
        assert len(attempts) == 2
        table = review.query_one(DataTable)
        table.move_cursor(row=review.shown.index(attempts[1]))  # the later one marked first: still shown first
        await pilot.press("f3")
        table.move_cursor(row=review.shown.index(attempts[0]))
        await pilot.press("f3", "f4")
        screen = await wait_for(pilot, CompareScreen)
        c = screen.comparison
        assert c is not None
        assert [r.first for r in c.rubrics] == [attempts[0].percent[r.id] for r in c.rubrics]
        assert [r.second for r in c.rubrics] == [attempts[1].percent[r.id] for r in c.rubrics]
        scores = screen.query_one("#compare-scores", DataTable)
        assert [str(cell) for cell in scores.get_row_at(0)][:3] == [
            c.rubrics[0].title, f"{attempts[0].percent[c.rubrics[0].id]:.0f}%",
            f"{attempts[1].percent[c.rubrics[0].id]:.0f}%"]
        chart = screen.query_one(CurvesChart)
        assert chart.series == [[v for _, v in c.first.curve], [v for _, v in c.second.curve]]
        # each phase reached is a row with both attempts' lines in it
        sides = screen.query(".phase-side")
        assert len(sides) == 2 * len(c.phases)
        first_words = next(line.text for line in c.first.dialogue if line.who == "trainee")
        assert first_words[:25] in sides[0].render().plain.replace("\n", " ")
        shown = " ".join(side.render().plain.replace("\n", " ") for side in sides[::2])
        assert "strength — Introduced [b]himself[/b] well" in shown  # the first attempt's note, literally
        await pilot.press("t")
        assert screen.query_one("TabbedContent").active == "techniques"
        await pilot.press("e")
        await pilot.app.workers.wait_for_complete()
        exported = list(attempts[1].path.parent.glob("compare--*.html"))
        assert len(exported) == 1 and attempts[0].path.stem in exported[0].name
        assert "<svg" in exported[0].read_text()
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, ReviewScreen)
