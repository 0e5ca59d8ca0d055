"""Review: every saved session, grouped by trainee, scenario and date, for debriefs.

The rows come from the index of transcripts (``simulator.live.index``), read in a worker: each
session's score is remembered on disk, so only new or changed files are played again, and rows
appear as they are read.  A file that cannot be read is listed as skipped with its reason.
Typing filters; Enter replays the chosen session; F3 marks sessions to compare (F4).
"""

from __future__ import annotations

import time
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Header, Input, Static

from simulator.live.index import IndexRow, index_files, read_index, sort_key
from simulator.sanitize import printable
from simulator.scoring import LoadedRubric
from simulator.tui.screens.compare import CompareScreen
from simulator.tui.screens.replay import ReplayScreen
from simulator.tui.screens.report import ReportScreen
from simulator.tui.state import AppState
from simulator.tui.widgets import SaysWorkerErrors, literal, type_into

#: how often rows already read are shown while the rest are read (seconds)
REFRESH_EVERY = 0.5
#: the list is filtered once typing pauses this long (seconds)
FILTER_PAUSE = 0.15
#: at most this many rows are listed at once (the filter narrows a longer list)
MAX_SHOWN = 1000


def _cell(text: str, style: str = "", justify: str = "left") -> Text:
    """A table cell shown literally (rich Text is never parsed as markup)."""
    return Text(printable(text), style=style, no_wrap=True, overflow="ellipsis", justify=justify)  # type: ignore[arg-type]


def _pct(value: float | None, pass_mark: float) -> Text:
    if value is None:
        return Text("—", justify="right")
    return Text(f"{value:.0f}", justify="right", style="" if value >= pass_mark else "bold red")


def initials(title: str) -> str:
    """A rubric's column heading: the initials of its title ('Active listening' -> 'AL')."""
    words = [w for w in title.replace("(", " ").replace(")", " ").split()
             if w[:1].isalnum() and w.casefold() not in ("and", "of", "the", "for")]
    return "".join(w[0].upper() for w in words[:2]) or title[:2]


class ReviewScreen(SaysWorkerErrors, Screen):
    """The saved sessions. Typing filters; Enter opens one; F3 marks two to compare."""

    BINDINGS = [
        Binding("enter", "open", "Replay", priority=True),
        Binding("f3", "mark", "Mark"),
        Binding("f4", "compare", "Compare"),
        Binding("f5", "report", "Report"),
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "move(-10)", "Page up", show=False),
        Binding("pagedown", "move(10)", "Page down", show=False),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, state: AppState) -> None:
        super().__init__()
        self.state = state
        self.rows: list[IndexRow] = []
        self.shown: list[IndexRow] = []
        self.marked: list[Path] = []
        self.done = False
        self._chosen = False
        self._filled_at = 0.0
        self._fill_cost = 0.0
        """When the table was last filled, and how long that took (seconds)."""
        self._filter_timer: Timer | None = None
        """A row has been chosen (the cursor moved): it stays chosen as more rows are read."""
        self._rubrics: list[tuple[str, str, float]] = []
        """(id, heading, pass mark) of each rubric column."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Type to filter: trainee, scenario, date, outcome…", id="review-filter")
        yield Static(Content("Reading the transcripts…"), id="review-status")
        yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield Static(id="review-more", markup=False)
        yield Static(id="review-details", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Review"
        self.query_one("#review-filter", Input).cursor_blink = self.state.config.cursor_blink
        self.query_one("#review-filter", Input).focus()
        self.load()

    # Loading (off the UI thread) -------------------------------------------------------------
    @work(thread=True, exclusive=True, exit_on_error=False, group="review-load")
    def load(self) -> None:
        config = self.state.config
        rubrics, problem = self.state.rubrics.get()
        self.app.call_from_thread(self.set_columns, rubrics or [], problem)
        files = index_files(config.paths.transcripts)
        total = len(files)
        batch: list[IndexRow] = []
        last = time.monotonic()
        read = 0
        for row in read_index(files, scenarios=config.paths.scenarios, rubrics=rubrics or [],
                              cache_path=config.paths.cache_dir / "scores.sqlite"):
            batch.append(row)
            read += 1
            if time.monotonic() - last >= REFRESH_EVERY:
                self.app.call_from_thread(self.add_rows, batch, read, total)
                batch, last = [], time.monotonic()
        self.app.call_from_thread(self.add_rows, batch, read, total, True)

    def set_columns(self, rubrics: list[LoadedRubric], problem: str) -> None:
        table = self.query_one(DataTable)
        self._rubrics = [(r.id, initials(r.rubric.title), r.rubric.pass_mark) for r in rubrics]
        for label, key in (("Trainee", "trainee"), ("Scenario", "scenario"), ("Date (UTC)", "date"),
                           ("Outcome", "outcome")):
            table.add_column(label, key=key, width=10)
        for rubric_id, heading, _ in self._rubrics:
            table.add_column(Text(heading, justify="right"), key=f"r:{rubric_id}", width=4)
        self.call_after_refresh(self.fit_columns)
        if problem:
            self.notify(problem, title="Scores not shown", severity="warning", markup=False)

    def on_resize(self) -> None:
        self.fit_columns()

    def fit_columns(self) -> None:
        """Fixed widths for the date, outcome and scores; trainee and scenario share the rest."""
        table = self.query_one(DataTable)
        if not table.columns:
            return
        fixed = {"date": 16, "outcome": 10} | {f"r:{rid}": 4 for rid, _, _ in self._rubrics}
        rest = table.size.width - 2 * table.cell_padding * len(table.columns) - 2 - sum(fixed.values())
        rest = max(24, rest)
        widths = fixed | {"trainee": rest * 2 // 5, "scenario": rest - rest * 2 // 5}
        for key, column in table.columns.items():
            column.auto_width = False
            column.width = widths.get(str(key.value), column.width)
        table.refresh()

    def add_rows(self, rows: list[IndexRow], read: int, total: int, finished: bool = False) -> None:
        self.rows.extend(rows)
        self.rows.sort(key=sort_key)
        self.done = finished
        skipped = sum(1 for r in self.rows if r.skipped)
        status = f"{read:,} of {total:,} transcripts read…" if not finished else (
            f"{len(self.rows) - skipped:,} session{'s' if len(self.rows) - skipped != 1 else ''}"
            + (f", {skipped} skipped (listed last)" if skipped else "")
            + ". Enter replays one · F3 marks, F4 compares two · F5 report.")
        if finished and not self.rows:
            status = f"No transcripts in '{self.state.config.paths.transcripts}' yet."
        self.query_one("#review-status", Static).update(literal(status))
        # a long list is shown again only now and then while it is read (each showing costs more)
        if finished or time.monotonic() - self._filled_at >= max(REFRESH_EVERY, 4 * self._fill_cost):
            self.fill_table()

    # Table -----------------------------------------------------------------------------------
    def fill_table(self) -> None:
        started = time.monotonic()
        table = self.query_one(DataTable)
        query = self.query_one("#review-filter", Input).value
        current = self.current_row()
        table.clear()
        matching = [r for r in self.rows if r.matches(query)]
        self.shown = matching[:MAX_SHOWN]
        more = self.query_one("#review-more", Static)
        more.display = len(matching) > MAX_SHOWN
        more.update(literal(f"Showing the first {MAX_SHOWN:,} of {len(matching):,} sessions: type to narrow the "
                            "list.") if more.display else Content(""))
        previous: IndexRow | None = None
        for row in self.shown:
            mark = "● " if row.path in self.marked else ""
            if row.skipped:
                table.add_row(_cell(mark + row.path.parent.name), _cell(row.path.name), _cell(""),
                              _cell("skipped", "red"), *[Text("") for _ in self._rubrics], key=str(row.path))
                continue
            same_trainee = previous is not None and previous.trainee == row.trainee
            trainee = "" if same_trainee and not mark else row.trainee
            same_scenario = same_trainee and previous is not None and previous.scenario_id == row.scenario_id
            outcome = (row.outcome or "unfinished").replace("_", " ")
            table.add_row(_cell(mark + trainee, "bold"), _cell("" if same_scenario else row.scenario_title),
                          _cell(row.date), _cell(outcome, "" if row.outcome else "italic"),
                          *[_pct(row.percent.get(rid), mark_) for rid, _, mark_ in self._rubrics], key=str(row.path))
            previous = row
        if current in self.shown and self._chosen:  # rows read later do not move the recruit's choice
            table.move_cursor(row=self.shown.index(current))
        self.show_details()
        self._filled_at = time.monotonic()
        self._fill_cost = self._filled_at - started

    def current_row(self) -> IndexRow | None:
        table = self.query_one(DataTable)
        if not self.shown or table.row_count == 0:
            return None
        return self.shown[min(max(table.cursor_row, 0), len(self.shown) - 1)]

    def show_details(self) -> None:
        details = self.query_one("#review-details", Static)
        row = self.current_row()
        if row is None:
            details.update(Content("" if not self.rows else "No session matches the filter. Escape clears it."))
            return
        if row.skipped:
            details.update(Content.assemble(("Skipped: ", "bold"), literal(row.skipped)))
            return
        legend = " · ".join(f"{heading} {rid.replace('-', ' ')}" for rid, heading, _ in self._rubrics)
        overall = f"overall {row.overall:.0f}%, " if row.overall is not None else ""
        verdict = "every rubric passed" if row.passed else "not every rubric passed"
        details.update(Content.assemble(
            literal(f"{row.trainee} · {row.scenario_title} · {row.turns} turns · {overall}"),
            (verdict, "bold" if row.passed else "bold $text-error"), "\n",
            literal(self.shown_path(row.path)).stylize("$text-muted"), "\n", (legend, "$text-muted")))

    def shown_path(self, path: Path) -> str:
        """A transcript's path within the transcripts folder (where instructors find it)."""
        try:
            return str(path.relative_to(self.state.config.paths.transcripts))
        except ValueError:
            return str(path)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_details()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:  # a click, or Enter on the table
        event.stop()
        self._chosen = True
        self.action_open()

    def on_input_changed(self, event: Input.Changed) -> None:
        """Filter once typing pauses (a long list is not filled again for every key)."""
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._filter_timer = self.set_timer(FILTER_PAUSE, self.fill_table)

    def on_key(self, event) -> None:
        """Typing anywhere filters."""
        type_into(self.query_one("#review-filter", Input), event, self.focused)

    # Actions ---------------------------------------------------------------------------------
    def action_move(self, step: int) -> None:
        self._chosen = True
        table = self.query_one(DataTable)
        if table.row_count:
            table.move_cursor(row=max(0, min(table.row_count - 1, table.cursor_row + step)))

    def action_open(self) -> None:
        row = self.current_row()
        if row is None:
            return
        if row.skipped:
            self.notify(row.skipped, title="This file cannot be replayed", severity="warning", markup=False)
            return
        self.app.push_screen(ReplayScreen(self.state, row))

    def action_mark(self) -> None:
        row = self.current_row()
        if row is None or row.skipped:
            return
        if row.path in self.marked:
            self.marked.remove(row.path)
        else:
            self.marked = [*self.marked[-1:], row.path]  # the two latest marks
        self.fill_table()
        if len(self.marked) == 2:
            self.notify("Two sessions marked: F4 compares them.", title="Compare", markup=False)

    def compare_pair(self) -> tuple[IndexRow, IndexRow] | None:
        """The two sessions to compare: the two marked, or the one marked and the current one."""
        by_path = {r.path: r for r in self.rows}
        chosen = [by_path[p] for p in self.marked if p in by_path]
        current = self.current_row()
        if len(chosen) == 1 and current is not None and not current.skipped and current is not chosen[0]:
            chosen.append(current)
        if len(chosen) != 2:
            return None
        first, second = sorted(chosen, key=lambda r: (r.recorded, r.path.name))
        return first, second

    def action_compare(self) -> None:
        pair = self.compare_pair()
        if pair is None:
            self.notify("Mark a session with F3, then choose another (or mark two) and press F4.",
                        title="Compare", severity="warning", markup=False)
            return
        self.app.push_screen(CompareScreen(self.state, *pair))

    def action_report(self) -> None:
        self.app.push_screen(ReportScreen(self.state, [r for r in self.rows if r.attempt is not None]
                                          if self.done else None))

    def action_back(self) -> None:
        box = self.query_one("#review-filter", Input)
        if box.value:
            box.value = ""
            return
        self.app.pop_screen()
