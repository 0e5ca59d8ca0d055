"""Play: the conversation, the side panel and the reply box."""

from __future__ import annotations

import errno

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from simulator.live import RecordedSession, coach
from simulator.transcripts.events import (
    ActionTaken,
    Analysed,
    CueRecognised,
    CueShown,
    Ended,
    Event,
    Notice,
    Pressure,
    SubjectSaid,
)
from simulator.tui.messages import CallEnded
from simulator.tui.screens.dialogs import ConfirmScreen, HelpScreen
from simulator.tui.state import AppState
from simulator.tui.text import MODE_NAMES
from simulator.tui.widgets import ChatLog, CommandSuggester, HistoryInput, Meter, literal
from simulator.vocabulary import MAX_REPLY_CHARS

FULL = (errno.ENOSPC, errno.EDQUOT)


class PlayScreen(Screen):
    BINDINGS = [
        Binding("f2", "end_call", "End call"),
        Binding("pageup", "scroll_chat(-1)", "Scroll up", show=False),
        Binding("pagedown", "scroll_chat(1)", "Scroll down", show=False),
    ]

    def __init__(self, state: AppState, live: RecordedSession) -> None:
        super().__init__()
        self.state = state
        self.live = live
        self.coach = live.mode == "coach"
        self.agitation: list[float] = []
        self.rapport: list[float] = []
        self.cues: list[str] = []
        self.over = False
        self.unsaved = False
        """A save failed and nothing saved since (shown once in the conversation)."""
        self._last_activity = 0.0

    # Layout ----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        s = self.live.scenario
        yield Header()
        with Horizontal(id="play-main"):
            chat = ChatLog(s.lead.name, id="chat")
            chat.border_title = Content(f"{s.lead.name} · {MODE_NAMES[self.live.mode]} mode")
            yield chat
            with Vertical(id="side"):
                yield Meter("Agitation", banded=True, id="agitation", classes="coach-only")
                yield Meter("Rapport", id="rapport", classes="coach-only")
                yield Static(id="turns", markup=False)
                yield Static("Cues observed", classes="side-title", markup=False)
                yield Static("none yet", id="cues", markup=False)
                yield Static("Commands", classes="side-title", markup=False)
                yield Static(id="commands", markup=False)
        yield HistoryInput(placeholder=f"Say something to {s.lead.name}, or type / for commands",
                           id="reply", suggester=CommandSuggester(self.commands), select_on_focus=False,
                           max_length=MAX_REPLY_CHARS)
        yield Footer()

    def commands(self) -> list[str]:
        if self.live.finished:
            return []
        return ["/" + a for a in self.live.session.available_actions()]

    def on_mount(self) -> None:
        self.set_class(not self.coach, "-assess")
        self.sub_title = self.live.scenario.title
        reply = self.query_one("#reply", Input)
        reply.cursor_blink = self.state.config.cursor_blink
        reply.focus()
        self._last_activity = self.state.config.clock()
        if self.live.scenario.pressure_seconds:
            self.set_interval(self.state.config.pressure_poll, self.check_pressure)

    def on_screen_resume(self) -> None:
        self._last_activity = self.state.config.clock()

    # Events to screen --------------------------------------------------------------------
    def show(self, events: list[Event]) -> None:
        chat = self.query_one(ChatLog)
        for e in events:
            if isinstance(e, SubjectSaid):
                chat.subject(e.text, e.nonverbal)
                self.agitation.append(e.agitation)
                self.rapport.append(e.rapport)
            elif isinstance(e, Analysed):
                if self.coach:
                    chat.trainee(e.text, coach.marks(e), coach.tip(e))
                else:
                    chat.trainee(e.text)
            elif isinstance(e, ActionTaken):
                chat.action(e.text, e.nonverbal)
            elif isinstance(e, CueShown):
                chat.note("You notice: " + e.text, "cue")
                self.cues.append(e.text)
            elif isinstance(e, CueRecognised) and self.coach:
                chat.add(Content.assemble(("✓ cue recognised: ", "bold $text-success"), literal(e.id)), "feedback")
            elif isinstance(e, Pressure):
                chat.note("(You have said nothing for a while.)", "system")
            elif isinstance(e, Notice):
                chat.note(e.text, "notice")
            elif isinstance(e, Ended):
                chat.subject(e.line, e.nonverbal, last=True)
                self.agitation.append(e.agitation)
                self.rapport.append(e.rapport)
                chat.note(f"Call over: {e.title or e.outcome}. Press Enter for the debrief.", "outcome")
        self.update_side()
        self.report_saving()

    def report_saving(self) -> None:
        """Say so, on screen, when a turn could not be saved, and again once saving works."""
        error = self.live.save_error
        if error is not None:
            text = (f"The transcript cannot be saved in '{error.folder}': {error.reason}. Your turns are kept "
                    "here and saving is retried with each reply; the file keeps every complete turn before them. "
                    + ("Free some space to go on saving." if error.cause.errno in FULL else ""))
            if not self.unsaved:
                self.query_one(ChatLog).note("Not saved: " + text.strip(), "notice")
            self.notify(text.strip(), title="Not saved", severity="error", timeout=15, markup=False)
        elif self.unsaved:
            self.query_one(ChatLog).note("Saved again: the transcript has every turn so far.", "notice")
            self.notify("The transcript has every turn so far.", title="Saved again", markup=False)
        self.unsaved = error is not None

    def update_side(self) -> None:
        if self.agitation:
            self.query_one("#agitation", Meter).values = self.agitation
            self.query_one("#rapport", Meter).values = self.rapport
        s = self.live.session
        self.query_one("#turns", Static).update(Content(f"Turn {s.turn} of {self.live.scenario.max_turns}"))
        cues = self.query_one("#cues", Static)
        if self.cues:
            recent = [c if len(c) <= 70 else c[:69].rstrip() + "…" for c in self.cues[-3:]]
            cues.update(Content.assemble(*[part for c in recent for part in ("• ", literal(c), "\n")]).rstrip())
        cmds = " ".join(self.commands()) or "—"
        self.query_one("#commands", Static).update(literal(cmds))
        if self.live.finished:
            self.over = True
            reply = self.query_one("#reply", Input)
            reply.placeholder = "The call is over: press Enter for the debrief"

    # Input -----------------------------------------------------------------------------
    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        box = self.query_one("#reply", HistoryInput)
        if self.over:
            box.value = ""
            self.post_message(CallEnded(self.live))
            return
        text = event.value
        if not text.strip():
            return
        box.remember(text)
        box.value = ""
        self._last_activity = self.state.config.clock()
        if text.strip().lower() in ("/help", "/?"):
            self.app.push_screen(HelpScreen())
            return
        self.send(text)

    def send(self, text: str) -> None:
        if self.live.finished:
            return
        ended_by_trainee = text.strip().lower().split(maxsplit=1)[0] == "/end" if text.strip() else False
        events = self.live.reply(text)
        self.show(events)
        if self.live.finished and ended_by_trainee:
            self.post_message(CallEnded(self.live))

    def check_pressure(self) -> None:
        """Called on a timer: the subject speaks again when the recruit waits too long."""
        limit = self.live.scenario.pressure_seconds
        now = self.state.config.clock()
        if not limit or self.live.finished:
            return
        if not self.is_current:
            self._last_activity = now
            return
        if now - self._last_activity >= limit:
            self._last_activity = now
            self.show(self.live.pressure())

    # Actions ---------------------------------------------------------------------------
    def action_scroll_chat(self, direction: int) -> None:
        chat = self.query_one(ChatLog)
        if direction < 0:
            chat.scroll_page_up()
        else:
            chat.scroll_page_down()

    def action_end_call(self) -> None:
        if self.live.finished:
            self.post_message(CallEnded(self.live))
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.send("/end")

        self.app.push_screen(ConfirmScreen("End the call now?", "It is saved as ended by you, "
                                           "and the debrief opens.", yes="End call"), answer)
