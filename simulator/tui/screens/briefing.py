"""Briefing: what dispatch said, what is known on arrival, the objectives, the CDM."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, ScrollableContainer, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from simulator.scenario import LoadedScenario
from simulator.tui.messages import HomeRequested, StartRequested
from simulator.tui.state import AppState
from simulator.tui.text import CDM_STEPS, MODE_NAMES, stars
from simulator.tui.widgets import literal


def _section(title: str) -> Static:
    return Static(Content(title), classes="section-title")


def _bullets(items: list[str], numbered: bool = False) -> Vertical:
    """A list with hanging indents, so wrapped lines stay clear of the markers."""
    rows = []
    for i, item in enumerate(items, 1):
        marker = Static(Content.styled(f"{i}." if numbered else "•", "bold"), classes="marker")
        rows.append(Horizontal(marker, Static(literal(" ".join(item.split())), classes="item"), classes="bullet"))
    return Vertical(*rows, classes="bullets")


class BriefingScreen(Screen):
    BINDINGS = [
        Binding("enter", "begin", "Start the call", priority=True),
        Binding("escape", "back", "Library"),
    ]

    def __init__(self, state: AppState, loaded: LoadedScenario, seed: int | None = None) -> None:
        super().__init__()
        self.state = state
        self.loaded = loaded
        self.seed = seed

    def compose(self) -> ComposeResult:
        s = self.loaded.scenario
        yield Header()
        with ScrollableContainer(id="briefing-cols"):
            with Vertical(id="briefing-left", classes="column"):
                yield Static(literal(s.title), id="briefing-title")
                meta = [s.tags.call_type, ", ".join(s.tags.crisis), f"difficulty {stars(s.difficulty)}",
                        f"about {s.estimated_minutes} min"]
                yield Static(literal(" · ".join(m for m in meta if m)), id="briefing-meta")
                yield _section("Dispatch")
                yield Static(literal(" ".join(s.dispatch.split())), classes="section-body")
                if s.known_on_arrival:
                    yield _section("Known on arrival")
                    yield _bullets(list(s.known_on_arrival))
                yield _section("You see")
                who = s.lead.name + (f", {s.lead.age}" if s.lead.age else "")
                yield Static(Content.assemble((who + ". ", "bold"), literal(" ".join(s.lead.description.split()))),
                             classes="section-body")
            with Vertical(id="briefing-right", classes="column"):
                yield _section("Objectives")
                yield _bullets(s.objective_texts, numbered=True)
                yield _section("Critical Decision-Making Model")
                yield _bullets(list(CDM_STEPS), numbered=True)
        mode = MODE_NAMES[self.state.mode]
        tail = ("meters and hints shown" if self.state.mode == "coach"
                else "no meters or hints: read him from his words and body language")
        trainee = literal(self.state.trainee or "trainee").stylize("bold")
        yield Static(Content.assemble("Trainee ", trainee, f" · {mode} mode ({tail})",
                                      "\nPress Enter to start, Escape for the library."), id="start-line")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Briefing"
        self.query_one("#briefing-cols").focus()

    def action_begin(self) -> None:
        self.post_message(StartRequested(self.loaded, self.seed))

    def action_back(self) -> None:
        self.post_message(HomeRequested())
