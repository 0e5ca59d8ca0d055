"""An instructor's note on one turn: the text, a tag (strength, concern, teaching point) and
their name.  Enter saves (once the name is given), Escape cancels."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from simulator.transcripts.notes import MAX_AUTHOR_CHARS, MAX_NOTE_CHARS, TAGS
from simulator.tui.widgets import literal

#: what each tag is called on screen
TAG_LABELS = {"strength": "strength", "concern": "concern", "teaching_point": "teaching point"}


class NoteScreen(ModalScreen["tuple[str, str, str] | None"]):
    """Returns (tag, text, author), or None when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]

    def __init__(self, turn: int, said: str, author: str = "") -> None:
        super().__init__()
        self.turn = turn
        self.said = said
        self.author = author

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content("Note on the opening" if self.turn == 0 else f"Note on turn {self.turn}"),
                         classes="question")
            if self.said:
                yield Static(Content.assemble("“", literal(self.said), "”").stylize("italic $text-muted"),
                             classes="said")
            yield Input(placeholder="What to say about this turn", id="note-text", max_length=MAX_NOTE_CHARS)
            with RadioSet(id="note-tag"):
                for i, tag in enumerate(TAGS):
                    yield RadioButton(TAG_LABELS.get(tag, tag), value=i == 0, id=f"tag-{tag}")
            with Horizontal(classes="author"):
                yield Label("Instructor ")
                yield Input(self.author, placeholder="your name", id="note-author", max_length=MAX_AUTHOR_CHARS)
            with Horizontal(classes="buttons"):
                yield Button(Content("Save (Enter)"), id="save", variant="primary")
                yield Button(Content("Cancel (Esc)"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#note-text", Input).focus()

    @property
    def tag(self) -> str:
        pressed = self.query_one("#note-tag", RadioSet).pressed_button
        return pressed.id.removeprefix("tag-") if pressed is not None and pressed.id else TAGS[0]

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.dismiss(None)

    def action_save(self) -> None:
        text = self.query_one("#note-text", Input).value.strip()
        author = self.query_one("#note-author", Input).value.strip()
        if not text:
            self.notify("Write the note first.", severity="warning")
            self.query_one("#note-text", Input).focus()
            return
        if not author:
            self.notify("Give your name: notes say who wrote them.", severity="warning")
            self.query_one("#note-author", Input).focus()
            return
        self.dismiss((self.tag, text, author))

    def action_cancel(self) -> None:
        self.dismiss(None)
