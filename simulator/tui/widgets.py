"""Widgets for the play and debrief screens. Everything the trainee typed is put on
screen as Content built from plain strings, never parsed as markup."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, work
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.suggester import Suggester
from textual.widget import Widget
from textual.widgets import Input, Static
from textual.worker import Worker, WorkerState

from simulator.sanitize import printable
from simulator.tui.curve import GUIDES, render_curve, render_curves
from simulator.vocabulary import band_of

if TYPE_CHECKING:
    from simulator.live.coach import Mark


class SaysWorkerErrors:
    """For a screen: a worker that fails (reading, scoring, replaying) is said on screen, not
    swallowed (its workers do not end the app: ``exit_on_error=False``)."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            self.notify(f"Something went wrong ({type(error).__name__}: {error}). What was read so far is "  # type: ignore[attr-defined]
                        "shown; please report this.", title="Not finished", severity="error", markup=False,
                        timeout=20)


class WritesPages:
    """For a screen: an HTML page (a debrief, a comparison) rendered and written in a worker, and
    said on screen either way."""

    @work(thread=True, exclusive=True, exit_on_error=False, group="write-page")
    def write_page(self, target: Path, render: Callable[[], str], what: str) -> None:
        app = self.app  # type: ignore[attr-defined]
        try:
            target.write_text(render(), encoding="utf-8")
        except OSError as exc:
            app.call_from_thread(self.notify, f"Could not write '{target}': {exc.strerror or exc}.",  # type: ignore[attr-defined]
                                 title="Not exported", severity="error", markup=False)
            return
        app.call_from_thread(self.notify, str(target), title=f"{what} exported (HTML)", markup=False)  # type: ignore[attr-defined]


def type_into(box: Input, event: events.Key, focused: Widget | None) -> None:
    """A printable key pressed outside any text box goes to ``box`` (a list's filter): typing
    anywhere on the list filters it. Space and ? keep their own meaning there."""
    if isinstance(focused, Input) or not event.is_printable or not event.character or event.character in "? ":
        return
    box.focus()
    box.insert_text_at_cursor(event.character)
    event.stop()
    event.prevent_default()


def literal(text: str) -> Content:
    """User or author text exactly as written (control characters made visible)."""
    return Content(printable(text))


class ChatLine(Static):
    """One entry of the conversation (a line and what goes with it); its class says whose."""

    DEFAULT_CSS = """
    ChatLine { width: 1fr; height: auto; padding: 0 1; margin-top: 1; }
    ChatLine.-subject-end { text-style: bold; }
    ChatLine.-trainee, ChatLine.-action { color: $text-primary; }
    ChatLine.-feedback { margin-top: 0; padding-left: 3; color: $text-muted; }
    ChatLine.-cue { color: $text-warning; }
    ChatLine.-notice { color: $text-accent; }
    ChatLine.-system { color: $text-muted; text-style: italic; }
    ChatLine.-outcome { color: $text-success; text-style: bold; }
    ChatLine.-trimmed { color: $text-muted; text-style: italic; margin-top: 0; }
    ChatLine.-partner { color: $text-warning; }
    """

    def __init__(self, content: Content, kind: str) -> None:
        super().__init__(content, markup=False, classes=f"-{kind}")
        self.kind = kind


NONVERBAL_STYLE = "italic $text-muted"


class ChatLog(VerticalScroll, can_focus=False):
    """The conversation, newest at the bottom. A long call keeps only the latest entries
    mounted, so every turn costs the same; the transcript has them all."""

    DEFAULT_CSS = """
    ChatLog { layout: stream; height: 1fr; scrollbar-size-vertical: 1; }
    """
    MAX_LINES = 150

    def __init__(self, subject_name: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.subject_name = subject_name
        self._trimmed: ChatLine | None = None

    def on_mount(self) -> None:
        self.anchor()

    def add(self, content: Content, kind: str) -> ChatLine:
        line = ChatLine(content, kind)
        self.mount(line)
        lines = [c for c in self.children if c is not self._trimmed]
        if len(lines) > self.MAX_LINES:
            for old in lines[: len(lines) - self.MAX_LINES]:
                old.remove()
            if self._trimmed is None:
                self._trimmed = ChatLine(Content("Earlier turns are not shown here; the transcript has "
                                                 "every one."), "trimmed")
                self.mount(self._trimmed, before=0)
        return line

    def subject(self, text: str, nonverbal: str, *, last: bool = False, name: str | None = None) -> None:
        """What the subject said; ``name`` says who in a scene with several people ("Gary Holt (unprompted,
        to Mrs Diaz)")."""
        parts: list = [(f"{printable(name or self.subject_name)}: ", "bold"), literal(text)]
        if nonverbal:
            parts += ["\n", (f"  ({printable(nonverbal)})", NONVERBAL_STYLE)]
        self.add(Content.assemble(*parts), "subject-end" if last else "subject")

    def trainee(self, text: str, marks: list[Mark] | None = None, tip: str = "", to: str | None = None) -> None:
        """What the trainee said (``to``: the name of the person addressed, in a scene with several people)
        and, in coach mode, the techniques found in it and a tip."""
        parts: list = [(f"You to {printable(to)}: " if to else "You: ", "bold"), literal(text)]
        if marks is not None:
            for m in marks:
                parts.append("\n  ")
                parts.append(("✓ " if m.good else "✗ ", "bold $text-success" if m.good else "bold $text-error"))
                parts += [(m.title, "bold"), " — '", literal(m.quote), "'"]
            if not marks:
                parts.append(("\n  · no technique detected", "italic $text-muted"))
            if tip:
                parts += ["\n  ", ("tip: ", "bold $text-muted"), (printable(tip), "$text-muted")]
        self.add(Content.assemble(*parts), "trainee")

    def action(self, text: str, nonverbal: str | None) -> None:
        parts: list = [("You: ", "bold"), literal(text)]
        if nonverbal:
            parts += ["\n", (f"  ({printable(nonverbal)})", NONVERBAL_STYLE)]
        self.add(Content.assemble(*parts), "action")

    def note(self, text: str, kind: str) -> None:
        self.add(literal(text), kind)


SPARKS = "▁▂▃▄▅▆▇█"


def spark_line(values: list[float], width: int) -> str:
    """The last ``width`` values on a fixed 0-100 scale (so a flat line means no change)."""
    out = []
    for v in values[-width:]:
        v = max(0.0, min(100.0, v))
        out.append(SPARKS[min(len(SPARKS) - 1, int(v / 100 * len(SPARKS)))])
    return "".join(out)


BAND_STYLE = {"calm": "$text-success", "tense": "$text-success", "agitated": "$text-warning",
              "hostile": "$text-error", "crisis": "bold $text-error"}


class Meter(Widget):
    """A 0-100 value: a labelled bar and its history as a sparkline, coloured by band when asked."""

    DEFAULT_CSS = """
    Meter { height: 3; width: 1fr; }
    """
    values: reactive[list[float]] = reactive(list, always_update=True)

    def __init__(self, label: str, *, banded: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.label = label
        self.banded = banded

    def render(self) -> Content:
        width = max(6, self.size.width)
        if not self.values:
            return Content(self.label)
        v = max(0.0, min(100.0, self.values[-1]))
        style = BAND_STYLE[band_of(v)] if self.banded else "$text-accent"
        band = f" {band_of(v)}" if self.banded else ""
        trend = ""
        if len(self.values) > 1:
            delta = self.values[-1] - self.values[-2]
            if abs(delta) >= 0.5:
                trend = f" {'▲' if delta > 0 else '▼'}{abs(delta):.0f}"
        label = self.label
        if len(label) + 4 + len(band) + len(trend) > width:
            trend = ""
        if len(label) + 4 + len(band) > width:
            label = label[:5]
        head: list = [(label, "bold"), f" {v:.0f}", (band, style), (trend, "$text-muted")]
        filled = round(v / 100 * width)
        bar = [("█" * filled, style), ("░" * (width - filled), "$text-muted")]
        spark = (spark_line(self.values, width), style)
        return Content.assemble(*head, "\n", *bar, "\n", spark)


class PersonMeter(Widget):
    """One person of a scene with several people: their name, marked when they are the one addressed
    (or aside with the partner), and in coach mode their agitation and rapport as bars."""

    DEFAULT_CSS = """
    PersonMeter { height: auto; width: 1fr; margin-top: 1; }
    PersonMeter.-addressed { background: $boost; }
    """

    def __init__(self, person: str, name: str, *, coach: bool, **kwargs) -> None:
        super().__init__(**kwargs)
        self.person = person
        self.person_name = name
        self.coach = coach
        self.addressed = False
        self.aside = False
        self.points: list[tuple[float, float]] = []
        """(agitation, rapport) after the opening and after each turn since."""

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 3 if self.coach else 1

    def show(self, *, addressed: bool, aside: bool, points: list[tuple[float, float]]) -> None:
        self.addressed, self.aside, self.points = addressed, aside, points
        self.set_class(addressed, "-addressed")
        self.refresh(layout=True)

    def render(self) -> Content:
        width = max(12, self.size.width)
        marker = "▶ " if self.addressed else "  "
        name_style = "bold $text-accent" if self.addressed else ("$text-muted" if self.aside else "bold")
        head: list = [(marker, "bold $text-accent"), (printable(self.person_name), name_style)]
        if self.aside:
            head.append((" · aside", "italic $text-muted"))
        if not self.coach or not self.points:
            return Content.assemble(*head).truncate(width, ellipsis=True)
        agitation, rapport = self.points[-1]
        band = band_of(agitation)
        rows: list = [Content.assemble(*head, " ", (band, BAND_STYLE[band])).truncate(width, ellipsis=True)]
        trend = ""
        if len(self.points) > 1:
            delta = agitation - self.points[-2][0]
            if abs(delta) >= 0.5:
                trend = f"{'▲' if delta > 0 else '▼'}{min(99.0, abs(delta)):.0f}"
        for label, value, style, change in (("agit", agitation, BAND_STYLE[band], trend),
                                            ("rapp", rapport, "$text-accent", "")):
            v = max(0.0, min(100.0, value))
            bar_w = max(2, width - len(label) - 9)
            filled = round(v / 100 * bar_w)
            rows.append(Content.assemble((label, "$text-muted"), " ", ("█" * filled, style),
                                         ("░" * (bar_w - filled), "$text-muted"), f"{v:4.0f}",
                                         (f" {change:<3}", "$text-muted")))
        return Content("\n").join(rows)


class CommandSuggester(Suggester):
    """Completes slash commands from what the session offers right now."""

    def __init__(self, commands: Callable[[], list[str]]) -> None:
        super().__init__(use_cache=False, case_sensitive=False)
        self._commands = commands

    async def get_suggestion(self, value: str) -> str | None:
        if not value.startswith("/"):
            return None
        for command in self._commands():
            if command.startswith(value) and command != value:
                return command
        return None


class HistoryInput(Input):
    """An Input that remembers what was sent: up and down walk through it."""

    BINDINGS = [
        Binding("up", "history(-1)", "Previous", show=False),
        Binding("down", "history(1)", "Next", show=False),
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.history: list[str] = []
        self._index = 0
        self._draft = ""

    def remember(self, text: str) -> None:
        if text and (not self.history or self.history[-1] != text):
            self.history.append(text)
        self._index = len(self.history)
        self._draft = ""

    def on_paste(self, event: events.Paste) -> None:
        """A paste of several lines is one reply, its lines joined (a plain Input keeps the first
        line only); a paste longer than the box holds is refused with a message, never cut."""
        event.prevent_default()
        event.stop()
        text = " ".join(line.strip() for line in event.text.splitlines() if line.strip())
        if not text:
            return
        start, end = sorted(self.selection)
        if self.max_length and len(self.value) - (end - start) + len(text) > self.max_length:
            self.notify(f"That paste is {len(text):,} characters and a reply holds {self.max_length:,}: "
                        "nothing was pasted. Paste a shorter part, or say it over two turns.",
                        title="Too long to paste", severity="warning", markup=False)
            return
        if start == end:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, start, end)

    def action_history(self, step: int) -> None:
        if not self.history:
            return
        if self._index == len(self.history):
            self._draft = self.value
        self._index = max(0, min(len(self.history), self._index + step))
        self.value = self.history[self._index] if self._index < len(self.history) else self._draft
        self.cursor_position = len(self.value)


class CurveChart(Widget):
    """The agitation curve as a braille line chart, key moments numbered under it."""

    DEFAULT_CSS = """
    CurveChart { height: 12; width: 1fr; color: $text-warning; }
    """

    def __init__(self, values: list[float], marks: list[tuple[int, str]], guides: tuple[int, ...] = GUIDES,
                 **kwargs) -> None:
        super().__init__(**kwargs)
        self.values = values
        self.marks = marks
        self.guides = guides

    def render(self) -> Content:
        height = max(3, self.size.height - 2)
        lines = render_curve(self.values, self.size.width, height, self.marks, self.guides)
        parts: list = []
        for i, line in enumerate(lines):
            if i < len(lines) - 1:
                parts.append((line[:4], "$text-muted"))
                parts.append(line[4:])
            else:
                parts.append((line, "bold $text-accent"))
            parts.append("\n")
        return Content.assemble(*parts).rstrip()


#: how each curve of a chart is drawn (and its legend), in order; a cell two curves pass through is bold
SERIES_COLOURS = ("$text-warning", "$text-accent", "$text-success", "$text-error")
SHARED_CELL = "bold $text"


def _cell_style(bits: int) -> str:
    """The style of a plot cell from the curves through it (bit i: curve i)."""
    if not bits:
        return "$text-muted"
    if bits & (bits - 1):
        return SHARED_CELL
    return SERIES_COLOURS[(bits.bit_length() - 1) % len(SERIES_COLOURS)]


class CurvesChart(Widget):
    """Two curves (or more) on one braille chart (each across the whole width: two attempts'
    agitation, one call's agitation and rapport, or each person's agitation in a scene), coloured
    apart; a cell several pass through is drawn bold. A legend names them; ``marks`` (on the first
    curve) sit under the chart."""

    DEFAULT_CSS = """
    CurvesChart { height: 12; width: 1fr; }
    """

    def __init__(self, first: list[float], second: list[float], labels: tuple[str, ...],
                 marks: list[tuple[int, str]] | None = None, *, more: Sequence[list[float]] = (),
                 **kwargs) -> None:
        super().__init__(**kwargs)
        self.series = [first, second, *more]
        self.labels = labels
        self.marks = marks or []

    def render(self) -> Content:
        height = max(3, self.size.height - 3)
        lines, owners = render_curves(self.series, self.size.width, height, self.marks, guides=GUIDES)
        parts: list = []
        for r, line in enumerate(lines[:-2]):
            parts.append((line[:4], "$text-muted"))
            for c, ch in enumerate(line[4:]):
                parts.append((ch, _cell_style(owners[r][c])))
            parts.append("\n")
        parts += [(lines[-2], "$text-muted"), "\n"]
        if self.marks:
            parts += [(lines[-1], "bold $text-accent"), "\n"]
        parts.append("    ")
        for i, label in enumerate(self.labels):
            parts += [("━━ ", SERIES_COLOURS[i % len(SERIES_COLOURS)]), literal(label), "   "]
        return Content.assemble(*parts).rstrip()
