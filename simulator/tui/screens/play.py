"""Play: the conversation, the side panel and the reply box."""

from __future__ import annotations

import errno

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from simulator.live import RecordedSession, coach
from simulator.scenario.model import PERSON_TASKS
from simulator.transcripts.events import (
    ActionTaken,
    Addressed,
    Analysed,
    CueRecognised,
    CueShown,
    Ended,
    Event,
    Notice,
    PartnerActed,
    PersonLevel,
    Pressure,
    Reacted,
    SubjectSaid,
)
from simulator.tui.messages import CallEnded
from simulator.tui.screens.dialogs import ConfirmScreen, HelpScreen
from simulator.tui.state import AppState
from simulator.tui.text import MODE_NAMES
from simulator.tui.widgets import ChatLog, CommandSuggester, HistoryInput, Meter, PersonMeter, literal
from simulator.vocabulary import MAX_REPLY_CHARS, REACTIONS

FULL = (errno.ENOSPC, errno.EDQUOT)


class PlayScreen(Screen):
    BINDINGS = [
        Binding("f2", "end_call", "End call"),
        Binding("pageup", "scroll_chat(-1)", "Scroll up", show=False),
        Binding("pagedown", "scroll_chat(1)", "Scroll down", show=False),
        # A scene with several people: turn to the next (previous) person; no turn is used.
        Binding("f6", "next_person(1)", "Next person"),
        Binding("shift+f6", "next_person(-1)", "Previous person", show=False),
        Binding("tab", "next_person(1)", "Next person", show=False, priority=True),
        Binding("shift+tab", "next_person(-1)", "Previous person", show=False, priority=True),
    ]

    def __init__(self, state: AppState, live: RecordedSession) -> None:
        super().__init__()
        self.state = state
        self.live = live
        self.coach = live.mode == "coach"
        self.agitation: list[float] = []
        self.rapport: list[float] = []
        self.cues: list[str] = []
        self.several = live.scenario.several
        """A scene with several people: who says what to whom, a meter each, a key to switch."""
        self.names = {p.id: p.name for p in live.scenario.people}
        self.levels: dict[str, list[tuple[int, float, float]]] = {pid: [] for pid in self.names}
        """Each person's (turn, agitation, rapport), one point a turn (the last of the turn)."""
        self.aside: set[str] = set()
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
            who = " and ".join(self.names.values()) if self.several else s.lead.name
            chat.border_title = Content(f"{who} · {MODE_NAMES[self.live.mode]} mode")
            yield chat
            # a scene's side panel scrolls: a meter each may not fit a short terminal
            with (VerticalScroll(id="side") if self.several else Vertical(id="side")):
                if self.several:
                    yield Static("People (Tab: next)", classes="side-title", markup=False)
                    for pid, name in self.names.items():
                        yield PersonMeter(pid, name, coach=self.coach, id=f"person-{pid}")
                else:
                    yield Meter("Agitation", banded=True, id="agitation", classes="coach-only")
                    yield Meter("Rapport", id="rapport", classes="coach-only")
                yield Static(id="turns", markup=False)
                yield Static("Cues observed", classes="side-title", markup=False)
                yield Static("none yet", id="cues", markup=False)
                yield Static("Commands", classes="side-title", markup=False)
                yield Static(id="commands", markup=False)
        if self.several:
            yield Static(id="addressing", markup=False)
        yield HistoryInput(placeholder=self.placeholder(), id="reply", suggester=CommandSuggester(self.commands),
                           select_on_focus=False, max_length=MAX_REPLY_CHARS)
        yield Footer()

    def placeholder(self) -> str:
        return f"Say something to {self.addressed_name()}, or type / for commands"

    def addressed_name(self) -> str:
        """The name of the person the recruit is talking to (the subject, with one person)."""
        addressed = self.live.session.addressed
        return self.names.get(addressed, addressed) if addressed else self.live.scenario.lead.name

    def commands(self) -> list[str]:
        """What the reply box completes: the actions offered now and, in a scene, the partner's tasks
        (with each person for the tasks that name one) and /talk-to each person."""
        if self.live.finished:
            return []
        out = ["/" + a for a in self.live.session.available_actions()]
        if self.several:
            for task in self.live.session.partner_tasks():
                out += ([f"/partner {task} {pid}" for pid in self.names] if task in PERSON_TASKS
                        else [f"/partner {task}"])
            out += [f"/talk-to {pid}" for pid in self.names]
        return out

    def commands_shown(self) -> str:
        """The commands as the side panel lists them (a scene's partner tasks on one line)."""
        if self.live.finished:
            return ""
        shown = ["/" + a for a in self.live.session.available_actions()]
        if self.several:
            shown.append("/talk-to NAME")
            tasks = self.live.session.partner_tasks()
            if tasks:
                shown.append("\n/partner " + " | ".join(t + (" NAME" if t in PERSON_TASKS else "") for t in tasks))
        return " ".join(shown)

    def on_mount(self) -> None:
        self.set_class(not self.coach, "-assess")
        self.sub_title = self.live.scenario.title
        reply = self.query_one("#reply", Input)
        reply.cursor_blink = self.state.config.cursor_blink
        reply.focus()
        self._last_activity = self.state.config.clock()
        if self.live.scenario.pressure_seconds:
            self.set_interval(self.state.config.pressure_poll, self.check_pressure)
        if self.several:
            self.update_people()

    def on_screen_resume(self) -> None:
        self._last_activity = self.state.config.clock()

    # Events to screen --------------------------------------------------------------------
    def show(self, events: list[Event]) -> None:
        chat = self.query_one(ChatLog)
        for e in events:
            if isinstance(e, SubjectSaid):
                chat.subject(e.text, e.nonverbal, name=self.speaker(e))
                self.agitation.append(e.agitation)
                self.rapport.append(e.rapport)
                self.record_levels(e.turn, e.people)
            elif isinstance(e, Analysed):
                to = self.names.get(e.to) if e.to else None
                if self.coach:
                    chat.trainee(e.text, coach.marks(e), coach.tip(e), to=to)
                else:
                    chat.trainee(e.text, to=to)
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
            elif isinstance(e, PartnerActed):
                if e.task == "talk-over":
                    chat.note(e.line or "Your partner talks over you.", "partner")
                else:
                    chat.action(e.text, e.line)
            elif isinstance(e, Addressed):
                if e.how == "aside":  # the person addressed was taken aside: the recruit turns to who is left
                    chat.note(f"(You turn to {self.names.get(e.person, e.person)}.)", "system")
            elif isinstance(e, Reacted) and self.coach:
                chat.add(Content.assemble(("✗ ", "bold $text-error"), (self.names.get(e.person, e.person), "bold"),
                                          f": {REACTIONS[e.cause]} (agitation {e.agitation_delta:+.0f})"),
                         "feedback")
            elif isinstance(e, Ended):
                name = self.names.get(e.person, e.person) if e.person else None
                chat.subject(e.line, e.nonverbal, last=True, name=name)
                self.agitation.append(e.agitation)
                self.rapport.append(e.rapport)
                self.record_levels(e.turn, e.people)
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

    def speaker(self, e: SubjectSaid) -> str | None:
        """Who speaks, in a scene: their name, and to whom when they speak up unprompted."""
        if e.person is None:
            return None
        name = self.names.get(e.person, e.person)
        if e.unprompted:
            to = f", to {self.names.get(e.to, e.to)}" if e.to and e.to != "officer" else ""
            return f"{name} (unprompted{to})"
        return name

    def record_levels(self, turn: int, people: list[PersonLevel] | None) -> None:
        """Everyone's levels after ``turn`` (a scene): the last event of a turn holds."""
        for p in people or []:
            points = self.levels.setdefault(p.id, [])
            if points and points[-1][0] == turn:
                points.pop()
            points.append((turn, p.agitation, p.rapport))
        if people:
            self.aside = {p.id for p in people if p.aside}

    def update_people(self) -> None:
        """A meter each, the person addressed marked; the line above the reply box says who it is."""
        addressed = self.live.session.addressed
        for pid in self.names:
            self.query_one(f"#person-{pid}", PersonMeter).show(
                addressed=pid == addressed and not self.live.finished, aside=pid in self.aside,
                points=[(a, r) for _, a, r in self.levels.get(pid, [])])
        line = self.query_one("#addressing", Static)
        if self.live.finished:
            line.update(Content("The call is over."))
        else:
            keys = "  ·  Tab: next person  ·  @name in a reply: talk to them"
            line.update(Content.assemble(("Talking to ", "$text-muted"), literal(self.addressed_name())
                                         .stylize("bold $text-accent"), (keys, "$text-muted")))
            self.query_one("#reply", Input).placeholder = self.placeholder()

    def update_side(self) -> None:
        if self.several:
            self.update_people()
        elif self.agitation:
            self.query_one("#agitation", Meter).values = self.agitation
            self.query_one("#rapport", Meter).values = self.rapport
        s = self.live.session
        self.query_one("#turns", Static).update(Content(f"Turn {s.turn} of {self.live.scenario.max_turns}"))
        cues = self.query_one("#cues", Static)
        if self.cues:
            recent = [c if len(c) <= 70 else c[:69].rstrip() + "…" for c in self.cues[-3:]]
            cues.update(Content.assemble(*[part for c in recent for part in ("• ", literal(c), "\n")]).rstrip())
        cmds = self.commands_shown() or "—"
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
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Switching person is a scene's (with one person, Tab moves the focus as everywhere)."""
        if action == "next_person":
            return self.several and not self.live.finished
        return True

    def action_next_person(self, step: int) -> None:
        """Turn to the next (or previous) person not aside with the partner; saved, no turn used."""
        present = [pid for pid in self.names if pid not in self.aside]
        addressed = self.live.session.addressed
        if self.live.finished or len(present) < 2 or addressed is None:
            return
        at = present.index(addressed) if addressed in present else -1
        self.show(self.live.address(present[(at + step) % len(present)]))

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
