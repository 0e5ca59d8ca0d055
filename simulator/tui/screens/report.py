"""Report: progress per trainee and scenario, with the trend of the chosen row as a chart, and
the cohort's weak spots (the same report as `talkdown report`, from the same index)."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from simulator.debrief.report import Attempt, Progress, Report, build_report
from simulator.live.index import IndexRow, index_files, read_index
from simulator.sanitize import printable
from simulator.tui.library import load_library
from simulator.tui.state import AppState
from simulator.tui.widgets import CurveChart, SaysWorkerErrors, literal


def overall(attempt: Attempt) -> float | None:
    """The mean of an attempt's rubric percentages."""
    return sum(attempt.percent.values()) / len(attempt.percent) if attempt.percent else None


def _cell(text: str, style: str = "", justify: str = "left") -> Text:
    return Text(printable(text), style=style, no_wrap=True, overflow="ellipsis", justify=justify)  # type: ignore[arg-type]


def _pct(value: float | None) -> Text:
    return Text("—" if value is None else f"{value:.0f}%", justify="right")


def cohort_content(report: Report) -> Content:
    """The cohort's most missed criteria and cues, and what each trainee has not passed yet."""
    parts: list = [("Criteria most often missed", "bold $text-accent")]
    for rubric, criterion, missed, applied in report.missed[:10]:
        parts += ["\n", (f"{missed / applied:4.0%} ", "bold"), literal(criterion),
                  literal(f"  ({rubric}, {missed} of {applied})").stylize("$text-muted")]
    if not report.missed:
        parts.append("\nNone missed.")
    parts += ["\n\n", ("Cues most often missed", "bold $text-accent")]
    for cue, missed, shown in report.cues[:8]:
        parts += ["\n", (f"{missed / shown:4.0%} ", "bold"), literal(cue),
                  (f"  (not recognised {missed} of {shown})", "$text-muted")]
    if not report.cues:
        parts.append("\nEvery cue shown was recognised.")
    parts += ["\n\n", ("Not passed yet", "bold $text-accent")]
    for trainee, scenarios in report.not_passed.items():
        parts += ["\n", literal(trainee).stylize("bold"), ": ",
                  literal(", ".join(scenarios) if scenarios else "every scenario passed")]
    return Content.assemble(*parts)


class ReportScreen(SaysWorkerErrors, Screen):
    """Per trainee and scenario: attempts, passed yet, first/best/latest overall score and trend."""

    BINDINGS = [Binding("escape", "back", "Back")]

    def __init__(self, state: AppState, rows: list[IndexRow] | None = None) -> None:
        super().__init__()
        self.state = state
        self.rows = rows
        """The review's index rows, if it has read them all (else the report reads them)."""
        self.report: Report | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Content("Reading the transcripts…"), id="report-summary")
        yield DataTable(id="progress", cursor_type="row", zebra_stripes=True)
        with Horizontal(id="report-bottom"):
            with Vertical(id="trend"):
                yield Static(id="trend-title")
                yield CurveChart([], [], guides=(), id="trend-chart")
            yield VerticalScroll(Static(id="cohort"), id="cohort-scroll")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Report"
        table = self.query_one(DataTable)
        for label, key, width in (("Trainee", "trainee", 14), ("Scenario", "scenario", 24), ("Tries", "n", 5),
                                  ("Passed", "passed", 11), ("First", "first", 5), ("Best", "best", 5),
                                  ("Latest", "latest", 6), ("Trend", "trend", 5)):
            table.add_column(label, key=key, width=width)
        table.focus()
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="report-load")
    def load(self) -> None:
        config = self.state.config
        rows = self.rows
        if rows is None:
            rubrics, _ = self.state.rubrics.get()
            rows = list(read_index(index_files(config.paths.transcripts), scenarios=config.paths.scenarios,
                                   rubrics=rubrics or [], cache_path=config.paths.cache_dir / "scores.sqlite"))
        library = [e.id for e in load_library(config.paths.scenarios) if e.loaded is not None]
        attempts = [r.attempt for r in rows if r.attempt is not None and r.outcome is not None]
        skipped = sum(1 for r in rows if r.skipped)
        self.app.call_from_thread(self.show, build_report(attempts, library), skipped)

    def show(self, report: Report, skipped: int) -> None:
        self.report = report
        trainees = len(report.not_passed)
        summary = (f"{report.attempts} finished attempt{'s' if report.attempts != 1 else ''} by {trainees} "
                   f"trainee{'s' if trainees != 1 else ''}; scores are the mean of the rubrics. "
                   f"{report.pass_mark_text}")
        if skipped:
            summary += f" {skipped} file{'s' if skipped != 1 else ''} skipped (see Review)."
        self.query_one("#report-summary", Static).update(Content(summary))
        table = self.query_one(DataTable)
        previous = None
        for p in report.progress:
            values = [overall(a) for a in p.attempts]
            known = [v for v in values if v is not None]
            first, best, latest = (known[0], max(known), known[-1]) if known else (None, None, None)
            trend = "" if len(known) < 2 or first is None or latest is None else f"{latest - first:+.0f}"
            passed = f"yes ({p.pass_rate:.0%})" if p.passed_ever else "not yet"
            table.add_row(_cell("" if p.trainee == previous else p.trainee, "bold"), _cell(p.scenario),
                          Text(str(len(p.attempts)), justify="right"),
                          _cell(passed, "" if p.passed_ever else "bold red"), _pct(first), _pct(best), _pct(latest),
                          Text(trend, justify="right"))
            previous = p.trainee
        self.query_one("#cohort", Static).update(cohort_content(report))
        self.show_trend()

    def current(self) -> Progress | None:
        table = self.query_one(DataTable)
        if self.report is None or not self.report.progress or table.row_count == 0:
            return None
        return self.report.progress[min(max(table.cursor_row, 0), len(self.report.progress) - 1)]

    def show_trend(self) -> None:
        p = self.current()
        title = self.query_one("#trend-title", Static)
        chart = self.query_one("#trend-chart", CurveChart)
        if p is None:
            title.update(Content("No finished attempts yet."))
            chart.values = []
        else:
            values = [v for v in (overall(a) for a in p.attempts) if v is not None]
            mark = round(self.report.pass_mark) if self.report is not None else 75
            title.update(Content.assemble(("Trend: ", "bold"), literal(f"{p.trainee}, {p.scenario}"),
                                          (f"  ({len(values)} attempt{'s' if len(values) != 1 else ''}, "
                                           f"line at the {mark}% pass mark)", "$text-muted")))
            chart.values = values
            chart.guides = (mark,)
        chart.refresh()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_trend()

    def action_back(self) -> None:
        self.app.pop_screen()
