"""Home: the scenario library, the trainee's name and the mode."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Label, RadioButton, RadioSet, Static

from simulator.sanitize import printable
from simulator.tui.library import Entry, load_library
from simulator.tui.messages import BriefingRequested, TraineeChanged
from simulator.tui.state import AppState
from simulator.tui.text import stars
from simulator.tui.widgets import literal, type_into

if TYPE_CHECKING:
    from simulator.debrief.history import History


def _pct(value: float | None) -> Text:
    return Text("—" if value is None else f"{value:.0f}%", justify="right")


def _cell(text: str, style: str = "") -> Text:
    """A table cell shown literally (rich Text is never parsed as markup)."""
    return Text(printable(text), style=style, no_wrap=True, overflow="ellipsis")


class HomeScreen(Screen):
    """Pick a scenario. Typing filters; Enter opens the briefing."""

    BINDINGS = [
        Binding("enter", "start", "Start", priority=True),
        Binding("f2", "focus_trainee", "Trainee"),
        Binding("f3", "toggle_mode", "Mode"),
        Binding("f4", "review", "Review"),
        Binding("f5", "report", "Report"),
        Binding("ctrl+t", "app.toggle_theme", "Theme"),
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("escape", "clear_filter", "Clear filter", show=False),
    ]

    #: (label, key, width); the title takes what is left.
    COLUMNS = [("Scenario", "title", 30), ("Call type", "call", 18), ("Crisis", "crisis", 22),
               ("Level", "level", 5), ("Min", "min", 3), ("Last", "last", 4), ("Best", "best", 4)]

    def __init__(self, state: AppState) -> None:
        super().__init__()
        self.state = state
        self.entries: list[Entry] = []
        self.shown: list[Entry] = []
        self.history: History | None = None
        """The trainee's past results (None until read)."""
        self.loaded = False
        """The library has been read (the first read runs in a worker)."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="home-top"):
            yield Label("Trainee")
            yield Input(self.state.trainee, placeholder="your name", id="trainee", max_length=64)
            yield Label("  Mode")
            with RadioSet(id="mode"):
                yield RadioButton("coach", value=self.state.mode == "coach", id="mode-coach")
                yield RadioButton("assessment", value=self.state.mode == "assess", id="mode-assess")
        yield Input(placeholder="Type to filter: title, call type, crisis…", id="filter")
        table: DataTable = DataTable(id="library", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static(id="details", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Scenario library"
        table = self.query_one(DataTable)
        for label, key, width in self.COLUMNS:
            table.add_column(label, key=key, width=width)
        for box in self.query(Input):
            box.cursor_blink = self.state.config.cursor_blink
        # typing goes to the filter; the name box takes keys only when chosen (F2, Tab, a click)
        self.query_one("#filter", Input).focus()
        self.query_one("#details", Static).update(Content("Reading the scenario library…"))
        self.call_after_refresh(self.load, library=True)  # after the first frame: it imports much

    def on_resize(self) -> None:
        self.fit_columns()

    def fit_columns(self) -> None:
        """Fixed widths for the short columns; the title and tags share the rest."""
        table = self.query_one(DataTable)
        total = table.size.width - 2 * table.cell_padding * len(self.COLUMNS) - 2
        if total <= 0:
            return
        fixed = {"level": 5, "min": 3, "last": 4, "best": 4}
        rest = max(30, total - sum(fixed.values()))
        widths = {"title": rest * 45 // 100, "call": rest * 25 // 100}
        widths["crisis"] = rest - widths["title"] - widths["call"]
        widths.update(fixed)
        for key, column in table.columns.items():
            column.auto_width = False
            column.width = widths[str(key.value)]
        table.refresh()

    def on_screen_resume(self) -> None:
        if self.loaded:
            self.load(library=False)

    # Loading (off the UI thread) -------------------------------------------------------
    @work(thread=True, exclusive=True, exit_on_error=False, group="home-load")
    def load(self, library: bool) -> None:
        """Read the scenario files (first time) and score the trainee's past sessions."""
        from simulator.debrief.history import trainee_history  # off the UI thread, after the first frame
        from simulator.live.rescore import history_scorer

        config = self.state.config
        entries = load_library(config.paths.scenarios, config.scenario) if library else None
        rubrics, _ = self.state.rubrics.get()
        scored = history_scorer(config.paths.scenarios, rubrics or [], config.paths.cache_dir / "scores.sqlite")
        history = trainee_history(config.paths.transcripts, self.state.trainee, rubrics or [], scored)
        self.app.call_from_thread(self.loaded_data, entries, history)

    def loaded_data(self, entries: list[Entry] | None, history: History) -> None:
        if entries is not None:
            self.entries = entries
            self.loaded = True
        self.history = history
        self.fill_table()

    # Table -----------------------------------------------------------------------------
    def fill_table(self) -> None:
        table = self.query_one(DataTable)
        query = self.query_one("#filter", Input).value
        current = self.current_entry()
        table.clear()
        self.shown = [e for e in self.entries if e.matches(query)]
        for entry in self.shown:
            if entry.loaded:
                s = entry.loaded.scenario
                table.add_row(_cell(s.title), _cell(s.tags.call_type),
                              _cell(", ".join(s.tags.crisis) or "—"),
                              _cell(stars(s.difficulty)), Text(str(s.estimated_minutes), justify="right"),
                              _pct(self.history.last.get(s.id) if self.history else None),
                              _pct(self.history.best.get(s.id) if self.history else None),
                              key=str(entry.path))
            else:
                table.add_row(_cell(entry.path.name), _cell("invalid file", "red"),
                              *[Text("") for _ in range(5)], key=str(entry.path))
        if current in self.shown:
            table.move_cursor(row=self.shown.index(current))
        self.show_details()

    def current_entry(self) -> Entry | None:
        table = self.query_one(DataTable)
        if not self.shown or table.row_count == 0:
            return None
        row = min(max(table.cursor_row, 0), len(self.shown) - 1)
        return self.shown[row]

    def show_details(self) -> None:
        details = self.query_one("#details", Static)
        entry = self.current_entry()
        if entry is None:
            if not self.loaded:
                details.update(Content("Reading the scenario library…"))
            elif not self.entries:
                details.update(literal(f"No scenarios found in '{self.state.config.paths.scenarios}'. "
                                       "Set TALKDOWN_SCENARIOS or run talkdown from the project folder."))
            else:
                details.update(Content("No scenario matches the filter. Escape clears it."))
            return
        if entry.loaded is None:
            details.update(literal(entry.error))
            return
        s = entry.loaded.scenario
        attempts = self.history.attempts.get(s.id, 0) if self.history else 0
        tail = f"  ({attempts} scored attempt{'s' if attempts != 1 else ''})" if attempts else ""
        details.update(Content.assemble(literal(" ".join(s.summary.split())), (tail, "italic")))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_details()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_start()

    # Inputs ----------------------------------------------------------------------------
    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "filter":
            self.fill_table()
        elif event.input.id == "trainee":
            self.state.trainee = event.value.strip()

    def on_key(self, event) -> None:
        """Typing anywhere on the library filters it."""
        type_into(self.query_one("#filter", Input), event, self.focused)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "trainee":
            return
        event.stop()
        name = event.value.strip()
        if name:
            self.post_message(TraineeChanged(name))
            self.query_one("#filter", Input).focus()
            self.notify(f"Training as {name}. Enter opens the chosen scenario.", title="Trainee name",
                        markup=False)
        else:
            self.notify("Type your name first: it keeps your transcripts and scores together.",
                        title="Trainee name", severity="warning")

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        self.state.mode = "assess" if event.pressed.id == "mode-assess" else "coach"

    # Actions ---------------------------------------------------------------------------
    def action_move(self, step: int) -> None:
        table = self.query_one(DataTable)
        if table.row_count:
            table.move_cursor(row=max(0, min(table.row_count - 1, table.cursor_row + step)))

    def action_clear_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.value = ""
        box.focus()

    def action_review(self) -> None:
        from simulator.tui.screens.review import ReviewScreen

        self.app.push_screen(ReviewScreen(self.state))

    def action_report(self) -> None:
        from simulator.tui.screens.report import ReportScreen

        self.app.push_screen(ReportScreen(self.state))

    def action_focus_trainee(self) -> None:
        self.query_one("#trainee", Input).focus()

    def action_toggle_mode(self) -> None:
        target = "mode-coach" if self.state.mode == "assess" else "mode-assess"
        self.query_one(f"#{target}", RadioButton).value = True

    def action_start(self) -> None:
        box = self.query_one("#trainee", Input)
        if self.focused is box:
            # Enter in the name box keeps the name and never starts a call. The box takes its own
            # Enter (see on_input_submitted), after the keys typed before it: keys that arrive in
            # one burst (a paste, a browser over a slow link) are never overtaken.
            raise SkipAction()
        name = box.value.strip()
        if not name:
            self.notify("Type your name first: it keeps your transcripts and scores together.",
                        title="Trainee name", severity="warning")
            self.query_one("#trainee", Input).focus()
            return
        self.post_message(TraineeChanged(name))
        entry = self.current_entry()
        if entry is None:
            self.notify("No scenario chosen.", severity="warning")
            return
        if entry.loaded is None:
            self.notify(entry.error, title="This scenario file has an error", severity="error")
            return
        self.post_message(BriefingRequested(entry.loaded))
