"""Replay: one saved session stepped through turn by turn, for a debrief.

The session is played again from the trainee's lines and scored (``debrief_of_file``, in a
worker), so what is shown is what the scenario does with those words, not what the file says.
←/→ (Home/End) move the cursor over the turns; the dialogue, the curve's marker and the cues
follow it.  Choosing a rubric criterion jumps to the turns behind it (again: the next one).
`a` adds an instructor's note on the cursor's turn (to the sidecar file, never the transcript).
"""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from simulator.debrief.build import Debrief, Line
from simulator.debrief.html import render_html
from simulator.live.debriefs import debrief_of_file
from simulator.live.index import IndexRow
from simulator.transcripts import TranscriptError
from simulator.transcripts.notes import Note, add_note
from simulator.tui.messages import InstructorChanged
from simulator.tui.screens.note import NoteScreen
from simulator.tui.state import AppState
from simulator.tui.widgets import NONVERBAL_STYLE, CurvesChart, SaysWorkerErrors, WritesPages, literal

CURSOR_MARK = "▲"
TAG_STYLE = {"strength": "bold $text-success", "concern": "bold $text-error", "teaching_point": "bold $text-accent"}


def turns_of(d: Debrief) -> list[int]:
    """Every turn of the session, from the opening (0) to the last."""
    return sorted({0, *(line.turn for line in d.dialogue), *(t for t, _ in d.curve)})


def rapport_curve(d: Debrief) -> list[float]:
    """Rapport at each point of the agitation curve (after the opening and each turn), from what the
    subject said then (the last known value where a turn has no answer)."""
    by_turn = {line.turn: line.rapport for line in d.dialogue if line.who == "subject" and line.rapport is not None}
    out: list[float] = []
    for turn, _ in d.curve:
        value = by_turn.get(turn, out[-1] if out else None)
        if value is not None:
            out.append(value)
    return out


def agitation_at(d: Debrief, turn: int) -> tuple[float | None, float | None]:
    """Agitation after ``turn`` and its change from the turn before (None when not known)."""
    values = dict(d.curve)
    after = values.get(turn)
    before = values.get(max((t for t in values if t < turn), default=-1))
    return after, (after - before if after is not None and before is not None else None)


def each_person(d: Debrief, turn: int) -> str:
    """A scene: each person's agitation after ``turn`` and its change ("Mrs Diaz 43 (-5), Gary Holt 57")."""
    shown = []
    for pid, curve in d.person_curves.items():
        values = dict(curve)
        if turn not in values:
            continue
        before = values.get(max((t for t in values if t < turn), default=-1))
        change = values[turn] - before if before is not None else 0
        shown.append(f"{d.name(pid)} {values[turn]:.0f}" + (f" ({change:+.0f})" if round(change) else ""))
    return ", ".join(shown)


def turn_content(d: Debrief, turn: int, lines: list[Line], notes: list[Note]) -> Content:
    """One turn as shown: what the trainee said (with its techniques), what the subject did, the notes."""
    parts: list = [("Opening" if turn == 0 else f"Turn {turn}", "bold $text-accent")]
    after, change = agitation_at(d, turn)
    if d.person_curves:
        parts.append(("   agitation " + each_person(d, turn), "$text-muted"))
    elif after is not None:
        parts.append((f"   agitation {after:.0f}" + (f" ({change:+.0f})" if change else ""), "$text-muted"))
    for line in lines:
        parts.append("\n")
        if line.who in ("subject", "partner"):
            parts += [literal(f"{d.speaker(line)}: ").stylize("bold"), literal(line.text)]
        elif line.who in ("silence", "reaction"):
            parts.append(literal(line.text).stylize("italic $text-muted"))
        else:
            # "you to Mrs Diaz" in a scene: the trainee, and whom they addressed
            parts += [literal(f"Trainee{d.speaker(line)[3:]}: ").stylize("bold $text-primary"), literal(line.text)]
            if line.techniques:
                parts += ["\n  ", literal("· " + ", ".join(t.replace("_", " ") for t in line.techniques))
                          .stylize("$text-muted")]
        if line.nonverbal:
            parts += ["\n  ", literal(f"({line.nonverbal})").stylize(NONVERBAL_STYLE)]
    for note in notes:
        parts += ["\n", ("✎ ", "bold"), (note.tag_label, TAG_STYLE.get(note.tag, "bold")), " — ", literal(note.text),
                  literal(f"  ({note.author}, {note.time[:16].replace('T', ' ')})").stylize("$text-muted")]
    return Content.assemble(*parts)


class TurnView(Static):
    """One turn of the replayed session; the cursor's turn is highlighted."""

    DEFAULT_CSS = """
    TurnView { height: auto; padding: 0 1; margin-bottom: 1; border-left: blank; }
    TurnView.-current { background: $boost; border-left: thick $accent; }
    """

    def __init__(self, content: Content, turn: int) -> None:
        super().__init__(content, markup=False)
        self.turn = turn


class ReplayScreen(SaysWorkerErrors, WritesPages, Screen):
    BINDINGS = [
        Binding("left", "step(-1)", "Prev turn", priority=True),
        Binding("right", "step(1)", "Next turn", priority=True),
        Binding("home", "go(0)", "First", priority=True, show=False),
        Binding("end", "go(-1)", "Last", priority=True, show=False),
        Binding("a", "annotate", "Note"),
        Binding("e", "export", "Export .html"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, state: AppState, row: IndexRow) -> None:
        super().__init__()
        self.state = state
        self.row = row
        self.debrief: Debrief | None = None
        self.turns: list[int] = [0]
        self.cursor = 0
        """Index into ``turns``."""
        self._evidence: dict[str, list[int]] = {}
        self._jumps: dict[str, int] = {}

    @property
    def path(self) -> Path:
        return self.row.path

    @property
    def turn(self) -> int:
        return self.turns[self.cursor]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Content("Replaying the session…"), id="replay-head")
        with Horizontal(id="replay-cols"):
            yield VerticalScroll(id="dialogue")
            with Vertical(id="replay-side"):
                yield CurvesChart([], [], ("agitation", "rapport"), id="replay-curve")
                yield Static(id="turn-info")
                yield Static(id="replay-cues")
                yield OptionList(id="criteria")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Replay"
        self.prepare()

    @work(thread=True, exclusive=True, exit_on_error=False, group="replay")
    def prepare(self) -> None:
        """Play the session again and score it, off the UI thread."""
        rubrics, problem = self.state.rubrics.get()
        try:
            debrief = debrief_of_file(self.path, self.state.config.paths.scenarios, rubrics, rubrics_problem=problem)
        except TranscriptError as exc:
            self.app.call_from_thread(self.failed, str(exc))
            return
        self.app.call_from_thread(self.show, debrief)

    def failed(self, reason: str) -> None:
        self.query_one("#replay-head", Static).update(Content.assemble(("Cannot replay: ", "bold $text-error"),
                                                                       literal(reason)))

    def show(self, d: Debrief) -> None:
        self.debrief = d
        self.turns = turns_of(d)
        self.query_one("#replay-head", Static).update(self.head_content(d))
        self.query_one("#dialogue", VerticalScroll).mount_all(
            [TurnView(self.turn_body(t), t) for t in self.turns])
        self.fill_criteria(d)
        self.move_to(0)
        self.query_one("#criteria", OptionList).focus()

    def head_content(self, d: Debrief) -> Content:
        outcome = d.outcome_title if d.outcome else "did not finish (cut short)"
        parts: list = [literal(d.trainee).stylize("bold"), " · ", literal(d.title).stylize("bold $text-accent"), " · ",
                       literal(d.recorded[:16].replace("T", " ")), " UTC · ", literal(outcome),
                       f" after {d.turns} turn{'s' if d.turns != 1 else ''}"]
        if d.report is not None and d.report.rubrics:
            parts.append(f" · {sum(r.passed for r in d.report.rubrics)} of {len(d.report.rubrics)} rubrics passed")
        parts.append("\n")
        drawn = ", ".join(f"{v.id}: {v.option}" for v in d.variant) or "none"
        parts += [(f"Seed {d.seed} · {d.mode} mode · variant ", "$text-muted"), literal(drawn).stylize("$text-muted")]
        for w in d.warnings:
            parts += ["\n", ("Note: ", "bold $text-warning"), literal(w)]
        return Content.assemble(*parts)

    def turn_body(self, turn: int) -> Content:
        assert self.debrief is not None
        d = self.debrief
        return turn_content(d, turn, [line for line in d.dialogue if line.turn == turn],
                            [n for n in d.notes if n.turn == turn])

    def fill_criteria(self, d: Debrief) -> None:
        criteria = self.query_one("#criteria", OptionList)
        criteria.border_title = "Criteria (Enter: its turns)"
        if d.report is None or not d.report.rubrics:
            criteria.add_option(Option(literal(f"Not scored: {d.score_error or 'no rubrics.'}"), disabled=True))
            return
        for r in d.report.rubrics:
            verdict = ("PASS", "bold $text-success") if r.passed else ("FAIL", "bold $text-error")
            criteria.add_option(Option(Content.assemble((f"{r.percent:3.0f}% ", "bold"), verdict, " ",
                                                        literal(r.title).stylize("bold")), disabled=True))
            for c in r.criteria:
                key = f"{r.id}/{c.id}"
                self._evidence[key] = sorted({e.turn for e in c.evidence})
                mark = ("  –  ", "$text-muted") if not c.applicable else (
                    ("  ✓ ", "bold $text-success") if c.met else ("  ✗ ", "bold $text-error"))
                count = len(self._evidence[key])
                turns = (f"  ({count} turn{'s' if count != 1 else ''})", "$text-muted")
                criteria.add_option(Option(Content.assemble(mark, literal(c.title), turns), id=key))

    # The cursor ------------------------------------------------------------------------------
    def move_to(self, index: int) -> None:
        if self.debrief is None:
            return
        self.cursor = max(0, min(len(self.turns) - 1, index))
        for view in self.query(TurnView):
            current = view.turn == self.turn
            view.set_class(current, "-current")
            if current:
                self.query_one("#dialogue", VerticalScroll).scroll_to_widget(view, animate=False, top=True)
        d = self.debrief
        points = [t for t, _ in d.curve]
        chart = self.query_one("#replay-curve", CurvesChart)
        if d.person_curves:  # a scene: one line per person
            chart.series = [[v for _, v in curve] for curve in d.person_curves.values()]
            chart.labels = tuple(d.name(pid) for pid in d.person_curves)
        else:
            chart.series = [[v for _, v in d.curve], rapport_curve(d)]
        at = max((i for i, t in enumerate(points) if t <= self.turn), default=0)
        chart.marks = [(at, CURSOR_MARK)]
        chart.refresh()
        self.query_one("#turn-info", Static).update(self.turn_info(d))
        self.query_one("#replay-cues", Static).update(self.cues_content(d))

    def turn_info(self, d: Debrief) -> Content:
        last = self.turns[-1]
        after, change = agitation_at(d, self.turn)
        parts: list = [("Opening" if self.turn == 0 else f"Turn {self.turn} of {last}", "bold")]
        if d.person_curves:
            parts.append(literal(" · " + each_person(d, self.turn)))
        elif after is not None:
            parts.append(f" · agitation {after:.0f}" + (f" ({change:+.0f})" if change else ""))
        notes = sum(1 for n in d.notes if n.turn == self.turn)
        if notes:
            parts.append((f" · {notes} note{'s' if notes != 1 else ''}", "$text-accent"))
        return Content.assemble(*parts)

    def cues_content(self, d: Debrief) -> Content:
        if not d.cues:
            return Content("No cues were shown.").stylize("$text-muted")
        parts: list = [("Cues", "bold")]
        for c in d.cues:
            if c.shown_turn > self.turn:
                state, style = f"shown at turn {c.shown_turn}", "$text-muted"
            elif c.recognised_turn is not None and c.recognised_turn <= self.turn:
                state, style = f"recognised at turn {c.recognised_turn}", "$text-success"
            elif c.recognised_turn is not None:
                state, style = f"shown, recognised at turn {c.recognised_turn}", "$text-warning"
            else:
                state, style = "shown, never recognised", "$text-error"
            here = " ◀" if self.turn in (c.shown_turn, c.recognised_turn) else ""
            whose = f" ({d.name(c.person)})" if c.person else ""
            parts += ["\n", literal(c.id + whose), (f": {state}{here}", style)]
        return Content.assemble(*parts)

    def action_step(self, step: int) -> None:
        self.move_to(self.cursor + step)

    def action_go(self, index: int) -> None:
        self.move_to(len(self.turns) - 1 if index < 0 else index)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Jump to the criterion's evidence turns, the next one each time it is chosen again."""
        key = event.option.id or ""
        turns = self._evidence.get(key, [])
        if not turns:
            self.notify("No turns to point at for this criterion.", title="Evidence", markup=False)
            return
        n = self._jumps.get(key, -1) + 1
        n = n % len(turns)
        self._jumps = {key: n}
        target = turns[n]
        if target in self.turns:
            self.move_to(self.turns.index(target))
        self.notify(f"Evidence turn {target} ({n + 1} of {len(turns)}).", title="Evidence", markup=False, timeout=3)

    # Notes -----------------------------------------------------------------------------------
    def action_annotate(self) -> None:
        if self.debrief is None:
            return
        said = " / ".join(line.text for line in self.debrief.dialogue if line.turn == self.turn and
                          line.who in ("trainee", "action"))
        author = getattr(self.app, "preferences", None)
        name = author.instructor if author is not None else ""
        self.app.push_screen(NoteScreen(self.turn, said, name), self.save_note)

    def save_note(self, answer: tuple[str, str, str] | None) -> None:
        if answer is None or self.debrief is None:
            return
        tag, text, author = answer
        try:
            note = add_note(self.path, turn=self.turn, tag=tag, text=text, author=author)
        except ValueError as exc:
            self.notify(f"The note was not saved: {exc}.", title="Not saved", severity="error", markup=False)
            return
        except OSError as exc:
            self.notify(f"The note could not be written beside '{self.path}': {exc.strerror or exc}.",
                        title="Not saved", severity="error", markup=False)
            return
        self.post_message(InstructorChanged(author))
        self.debrief.notes.append(note)
        for view in self.query(TurnView):
            if view.turn == self.turn:
                view.update(self.turn_body(self.turn))
        self.query_one("#turn-info", Static).update(self.turn_info(self.debrief))
        self.notify(f"Note on turn {self.turn} saved.", title="Note", markup=False)

    # Export and back -------------------------------------------------------------------------
    def action_export(self) -> None:
        if self.debrief is None:
            self.notify("The session is still being replayed.", severity="warning")
            return
        debrief = self.debrief
        self.write_page(self.path.with_suffix(".html"), lambda: render_html(debrief), "Debrief")

    def action_back(self) -> None:
        self.app.pop_screen()
