"""Compare: two attempts side by side (typically one trainee's first and latest at a scenario):
per-rubric scores with the change, both agitation curves on one chart, the dialogue aligned by
phase, and the techniques and cues of each (the same comparison as `talkdown compare`)."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static, TabbedContent, TabPane

from simulator.debrief.build import Debrief, Line
from simulator.debrief.compare import Comparison, PhaseRow, compare, points
from simulator.debrief.html import render_compare_html
from simulator.live.debriefs import debrief_of_file
from simulator.live.index import IndexRow
from simulator.sanitize import printable
from simulator.transcripts import TranscriptError
from simulator.transcripts.notes import Note
from simulator.tui.screens.replay import TAG_STYLE
from simulator.tui.state import AppState
from simulator.tui.widgets import NONVERBAL_STYLE, CurvesChart, SaysWorkerErrors, WritesPages, literal


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}%"


def line_content(line: Line, d: Debrief) -> Content:
    """One line of an attempt's dialogue, its words shown literally (who said it, and in a scene to whom)."""
    if line.who in ("subject", "partner"):
        parts: list = [literal(f"{d.speaker(line)}: ").stylize("bold"), literal(line.text)]
    elif line.who in ("silence", "reaction"):
        parts = [literal(line.text).stylize("italic $text-muted")]
    else:
        to = f" to {d.name(line.to)}" if line.who == "trainee" and line.to else ""
        parts = [literal(f"T{line.turn}{to}: ").stylize("bold $text-primary"), literal(line.text)]
        if line.techniques:
            parts += ["\n  ", literal("· " + ", ".join(t.replace("_", " ") for t in line.techniques))
                      .stylize("$text-muted")]
    if line.nonverbal:
        parts += ["\n  ", literal(f"({line.nonverbal})").stylize(NONVERBAL_STYLE)]
    return Content.assemble(*parts)


def note_content(note: Note) -> Content:
    return Content.assemble(("✎ ", "bold"), (note.tag_label, TAG_STYLE.get(note.tag, "bold")), " — ",
                            literal(note.text), literal(f"  ({note.author})").stylize("$text-muted"))


def side_content(lines: tuple[Line, ...], entered: int | None, d: Debrief) -> Content:
    """One attempt's lines in one phase, each turn's instructor notes after its last line there."""
    if entered is None:
        return Content("(not reached)").stylize("italic $text-muted")
    parts = [Content("from the opening" if entered == 0 else f"from turn {entered}").stylize("$text-muted")]
    for i, line in enumerate(lines):
        parts.append(line_content(line, d))
        if i + 1 == len(lines) or lines[i + 1].turn != line.turn:
            parts += [note_content(n) for n in d.notes if n.turn == line.turn]
    return Content("\n").join(parts)


class CompareScreen(SaysWorkerErrors, WritesPages, Screen):
    BINDINGS = [
        Binding("d", "tab('dialogue')", "Dialogue"),
        Binding("t", "tab('techniques')", "Techniques"),
        Binding("c", "tab('cues')", "Cues"),
        Binding("e", "export", "Export .html"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, state: AppState, first: IndexRow, second: IndexRow) -> None:
        super().__init__()
        self.state = state
        self.rows = (first, second)
        self.comparison: Comparison | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Content("Replaying both sessions…"), id="compare-head")
        with Horizontal(id="compare-top"):
            yield DataTable(id="compare-scores", cursor_type="none", zebra_stripes=True)
            yield Vertical(id="compare-chart-box")
        with TabbedContent(id="compare-tabs", initial="dialogue"):
            with TabPane("Dialogue by phase (d)", id="dialogue"):
                yield VerticalScroll(id="compare-phases")
            with TabPane("Techniques (t)", id="techniques"):
                yield VerticalScroll(Static(id="compare-techniques"))
            with TabPane("Cues (c)", id="cues"):
                yield VerticalScroll(Static(id="compare-cues"))
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Compare"
        self.prepare()

    @work(thread=True, exclusive=True, exit_on_error=False, group="compare")
    def prepare(self) -> None:
        """Replay and score both sessions, off the UI thread."""
        rubrics, problem = self.state.rubrics.get()
        scenarios = self.state.config.paths.scenarios
        try:
            first, second = (debrief_of_file(r.path, scenarios, rubrics, rubrics_problem=problem) for r in self.rows)
        except TranscriptError as exc:
            self.app.call_from_thread(self.query_one("#compare-head", Static).update,
                                      Content.assemble(("Cannot compare: ", "bold $text-error"), literal(str(exc))))
            return
        self.app.call_from_thread(self.show, compare(first, second))

    def show(self, c: Comparison) -> None:
        self.comparison = c
        self.query_one("#compare-head", Static).update(self.head_content(c))
        self.fill_scores(c)
        labels = (f"1: {c.first.recorded[5:16].replace('T', ' ')}", f"2: {c.second.recorded[5:16].replace('T', ' ')}")
        box = self.query_one("#compare-chart-box", Vertical)
        box.mount(CurvesChart([v for _, v in c.first.curve], [v for _, v in c.second.curve], labels,
                               id="compare-chart"))
        phases = self.query_one("#compare-phases", VerticalScroll)
        phases.mount_all([w for row in c.phases for w in self.phase_widgets(c, row)])
        self.query_one("#compare-techniques", Static).update(self.techniques_content(c))
        self.query_one("#compare-cues", Static).update(self.cues_content(c))
        phases.focus()

    @staticmethod
    def head_content(c: Comparison) -> Content:
        parts: list = []
        for notice in c.notices:
            parts += [("Note: ", "bold $text-warning"), literal(notice), "\n"]
        for n, d in ((1, c.first), (2, c.second)):
            outcome = d.outcome_title if d.outcome else "did not finish"
            parts += [(f"Attempt {n}: ", "bold"), literal(f"{d.trainee}, {d.title}, {d.recorded[:16].replace('T', ' ')}"
                                                          f" UTC — {outcome} after {d.turns} turns"), "\n"]
        return Content.assemble(*parts).rstrip()

    def fill_scores(self, c: Comparison) -> None:
        table = self.query_one("#compare-scores", DataTable)
        table.add_column("Rubric", key="rubric", width=20)
        for label, key in (("1", "first"), ("2", "second"), ("Change", "change")):
            table.add_column(Text(label, justify="right"), key=key, width=6 if key != "change" else 7)

        def row(label: str, first: str, second: str, change: str, style: str = "") -> None:
            table.add_row(Text(printable(label), style=style, no_wrap=True, overflow="ellipsis"),
                          *(Text(cell, justify="right", style=style) for cell in (first, second, change)))

        for r in c.rubrics:
            row(r.title, _pct(r.first), _pct(r.second), points(r.change))
        first, second = c.overall
        row("Overall", _pct(first), _pct(second), points(c.overall_change), "bold")
        row("Turns", str(c.first.turns), str(c.second.turns), f"{c.turns_change:+d}")
        fa, fb = c.first.final_agitation, c.second.final_agitation
        row("Final agitation", "—" if fa is None else f"{fa:.0f}", "—" if fb is None else f"{fb:.0f}",
            points(c.agitation_change))

    @staticmethod
    def phase_widgets(c: Comparison, row: PhaseRow) -> list:
        title = Static(Content.assemble(literal(row.title).stylize("bold $text-accent"), "  ",
                                        literal(row.description).stylize("$text-muted")), classes="phase-title")
        columns = Horizontal(Static(side_content(row.first, row.entered_first, c.first), classes="phase-side"),
                             Static(side_content(row.second, row.entered_second, c.second), classes="phase-side"),
                             classes="phase-row")
        return [title, columns]

    @staticmethod
    def techniques_content(c: Comparison) -> Content:
        if not c.techniques:
            return Content("No techniques were found in either attempt.")
        parts: list = [("Replies showing each technique: attempt 1 → attempt 2", "bold")]
        for t in c.techniques:
            style = {"positive": "$text-success", "negative": "$text-error"}.get(t.polarity, "")
            parts += ["\n", (f"{t.first:>3} → {t.second:<3} ({t.change:+d})  ", "bold"), (t.name, style)]
        return Content.assemble(*parts)

    @staticmethod
    def cues_content(c: Comparison) -> Content:
        if not c.cues:
            return Content("No cues were shown in either attempt.")

        def seen(shown: int | None, recognised: int | None) -> tuple[str, str]:
            if shown is None:
                return "not shown", "$text-muted"
            if recognised is None:
                return f"shown turn {shown}, not recognised", "$text-error"
            return f"shown turn {shown}, recognised turn {recognised}", "$text-success"

        parts: list = []
        for cue in c.cues:
            parts += ["\n" if parts else "", literal(cue.id).stylize("bold"), literal(f" ({cue.kind})"), "\n   1: ",
                      seen(cue.shown_first, cue.recognised_first), "\n   2: ", seen(cue.shown_second,
                                                                                     cue.recognised_second)]
        return Content.assemble(*parts)

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    def action_export(self) -> None:
        if self.comparison is None:
            self.notify("Both sessions are still being replayed.", severity="warning")
            return
        comparison = self.comparison
        first, second = self.rows
        self.write_page(second.path.with_name(f"compare--{first.path.stem}--{second.path.stem}.html"),
                        lambda: render_compare_html(comparison), "Comparison")

    def action_back(self) -> None:
        self.app.pop_screen()
