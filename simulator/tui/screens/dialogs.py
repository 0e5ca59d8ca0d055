"""Small modal screens: a yes/no confirmation and the help page."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from simulator.tui.text import CDM_STEPS


class ConfirmScreen(ModalScreen[bool]):
    """Ask before doing something that cannot be undone. Enter or y confirms."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str, detail: str = "", yes: str = "Yes") -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(self.question), classes="question")
            if self.detail:
                yield Static(Content(self.detail))
            with Horizontal():
                yield Button(Content(f"{self.yes} (y)"), id="yes", variant="warning")
                yield Button(Content("Cancel (n)"), id="no")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


HELP_KEYS = [
    ("Everywhere", [
        ("F1 or ?", "this help (? only outside a text box)"),
        ("Tab / Shift+Tab", "move between parts of the screen"),
        ("Ctrl+T", "switch between dark and light theme"),
        ("Ctrl+P", "command palette (themes, keys)"),
        ("Ctrl+Q", "save and quit (asks first)"),
    ]),
    ("Library", [
        ("type", "filter scenarios by title, call type or crisis"),
        ("Up / Down", "choose a scenario"),
        ("Enter", "open the briefing of the chosen scenario"),
        ("F2", "edit your trainee name"),
        ("F3", "switch mode: coach (meters and hints) or assessment (words only)"),
        ("F4 / F5", "review saved sessions / the progress report"),
    ]),
    ("Briefing", [
        ("Enter", "start the call"),
        ("Escape", "back to the library"),
    ]),
    ("Call", [
        ("Enter", "say what you typed"),
        ("Up / Down", "earlier replies"),
        ("/ then Right", "complete a slash command (/step-back, /pause, /end...)"),
        ("/end or F2", "end the call and open the debrief"),
        ("PgUp / PgDn", "scroll the conversation"),
    ]),
    ("Call with several people", [
        ("Tab / F6", "talk to the next person (Shift+Tab, Shift+F6: the previous); no turn is used"),
        ("@name reply", "say this reply to them (their name first works too: \"Gary, ...\")"),
        ("/talk-to NAME", "turn to them without saying anything"),
        ("/partner TASK", "give your partner a task: take-aside NAME, bring-back NAME, wait, speak..."),
    ]),
    ("Debrief", [
        ("Tab, Enter", "open a criterion to see the turns behind it"),
        ("r / n", "try again with the same seed / a new seed"),
        ("e", "export the debrief as Markdown next to the transcript"),
        ("h or Escape", "back to the library"),
    ]),
    ("Review (instructors)", [
        ("type", "filter sessions by trainee, scenario, date or outcome"),
        ("Enter", "replay the chosen session"),
        ("F3, then F4", "mark a session, choose another (or mark it too), compare the two"),
        ("F5", "the progress and cohort report"),
        ("Escape", "clear the filter, then back"),
    ]),
    ("Replay", [
        ("Left / Right", "previous / next turn"),
        ("Home / End", "the opening / the last turn"),
        ("Up / Down, Enter", "choose a rubric criterion; Enter jumps to its turns (again: the next)"),
        ("a", "add a note on the current turn (strength, concern or teaching point)"),
        ("e", "export the debrief as a printable HTML page next to the transcript"),
        ("Escape", "back to the list"),
    ]),
]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,question_mark,q", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        parts: list = [("Talkdown help\n", "bold")]
        for section, keys in HELP_KEYS:
            parts.append(("\n" + section + "\n", "bold $text-accent"))
            for key, what in keys:
                parts.append((f"  {key:<17}", "bold"))
                parts.append(what + "\n")
        parts.append(("\nCritical Decision-Making Model\n", "bold $text-accent"))
        for i, step in enumerate(CDM_STEPS, 1):
            parts.append(f"  {i}. {step}\n")
        with VerticalScroll():
            yield Static(Content.assemble(*parts).rstrip())

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()
