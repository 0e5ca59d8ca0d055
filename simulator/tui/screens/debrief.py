"""Debrief: outcome, teaching points, rubric scores with their evidence, the agitation curve."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import ScrollableContainer, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Collapsible, Footer, Header, Static
from textual.widgets._collapsible import CollapsibleTitle

from simulator.tui.curve import agitation_points, key_moments
from simulator.tui.live import LiveSession
from simulator.tui.scores import ScoreView, export_markdown, score_events
from simulator.tui.widgets import CurveChart, literal

if TYPE_CHECKING:
    from simulator.tui.app import TalkdownApp

MARK_SYMBOLS = "123456789"


def _shown_path(path: Path) -> str:
    """The transcript's path, relative to the working folder when it is under it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def _pass(passed: bool) -> tuple[str, str]:
    return ("PASS", "bold $text-success") if passed else ("FAIL", "bold $text-error")


class DebriefScreen(Screen):
    app: TalkdownApp
    BINDINGS = [
        Binding("r", "retry(True)", "Try again"),
        Binding("n", "retry(False)", "New seed"),
        Binding("e", "export", "Export .md"),
        Binding("h,escape", "home", "Library"),
    ]
    DEFAULT_CSS = """
    DebriefScreen #outcome { padding: 0 2; margin-top: 1; height: auto; }
    DebriefScreen #debrief-cols { height: 1fr; layout: horizontal; }
    DebriefScreen #scores { width: 3fr; padding: 0 1; }
    DebriefScreen #story { width: 2fr; padding: 0 1; }
    DebriefScreen .section-title { text-style: bold; color: $text-primary; margin-top: 1; }
    DebriefScreen .rubric { text-style: bold; margin-top: 1; }
    DebriefScreen Collapsible { padding: 0; margin: 0; border: none; background: transparent; }
    DebriefScreen Collapsible > Contents { padding: 0 0 0 4; }
    DebriefScreen CollapsibleTitle { padding: 0 1; width: 1fr; height: auto; }
    DebriefScreen .evidence { color: $text-muted; }
    DebriefScreen .message { color: $text-muted; text-style: italic; }
    DebriefScreen #moments { height: auto; }
    """

    def __init__(self, live: LiveSession, rubrics_dir=None) -> None:
        super().__init__()
        self.live = live
        self.events = list(live.events)
        self.score: ScoreView = score_events(self.events, rubrics_dir)

    # Layout ------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self.outcome_content(), id="outcome")
        with ScrollableContainer(id="debrief-cols"):
            with VerticalScroll(id="scores"):
                yield Static(Content("Scores"), classes="section-title")
                yield from self.score_widgets()
            with VerticalScroll(id="story"):
                yield Static(Content("Agitation over the call"), classes="section-title")
                moments = key_moments(self.events, limit=len(MARK_SYMBOLS))
                values, marks = self.curve_data(moments)
                yield CurveChart(values, marks, id="curve")
                yield Static(self.moments_content(moments), id="moments")
                yield from self.teaching_widgets()
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Debrief"
        titles = self.query(CollapsibleTitle)
        (titles.first() if titles else self.query_one("#scores")).focus()

    def outcome_content(self) -> Content:
        ended = next((e for e in reversed(self.events) if e["event"] == "ended"), None)
        s = self.live.scenario
        if ended is None:
            return Content("The call has not ended.")
        title = ended.get("title") or ended["outcome"]
        parts: list = [("Outcome: ", "bold"), (title, "bold $text-accent")]
        if title != ended["outcome"]:
            parts.append(f" ({ended['outcome']})")
        if ended.get("reason"):
            parts.append(f", {ended['reason']}")
        parts.append(f" after {ended.get('turn', 0)} turns · agitation {ended['agitation']:.0f} · "
                     f"rapport {ended['rapport']:.0f}")
        overall = self.score.overall
        if overall is not None:
            passed = sum(r.passed for r in self.score.rubrics)
            parts.append(f" · {passed} of {len(self.score.rubrics)} rubrics passed")
        parts += ["\n", (f"{s.subject.name}: ", "bold"), literal(ended.get("line", "")), "  ",
                  Content.styled(f"({ended.get('nonverbal', '')})", "italic $text-muted"), "\n",
                  (f"Seed {self.live.seed} · {self.live.mode} mode · transcript ", "$text-muted"),
                  (_shown_path(self.live.path), "$text-muted")]
        return Content.assemble(*parts)

    def score_widgets(self):
        if not self.score.rubrics:
            yield Static(Content(self.score.message or "No scores."), classes="message")
            return
        for r in self.score.rubrics:
            yield Static(Content.assemble((f"{r.percent:3.0f}% ", "bold"), _pass(r.passed), "  ",
                                          (r.title, "bold"), (f"  pass mark {r.pass_mark:.0f}%", "$text-muted")),
                         classes="rubric")
            for c in r.criteria:
                if c.percent is None:
                    head = Content.assemble(("  –  n/a  ", "$text-muted"), literal(c.title))
                else:
                    mark = ("✓", "bold $text-success") if c.full else ("✗", "bold $text-error")
                    head = Content.assemble(mark, f" {c.percent:3.0f}%  ", literal(c.title))
                yield Collapsible(*self.criterion_body(c), title=head, collapsed=True)
        for w in self.score.warnings:
            yield Static(Content.assemble(("Note: ", "bold"), literal(w)), classes="message")

    def criterion_body(self, c) -> list[Static]:
        body: list[Static] = []
        if c.detail:
            body.append(Static(literal(c.detail), classes="evidence"))
        if c.coaching:
            body.append(Static(Content.assemble(("Coaching: ", "bold"), literal(" ".join(c.coaching.split())))))
        for ev in c.evidence:
            parts: list = [(f"turn {ev.turn} ", "bold")]
            if ev.label:
                parts += [(ev.label, "italic"), ": "]
            parts += ["“", literal(ev.text), "”"]
            if ev.line and ev.line != ev.text:
                parts += ["  in “", literal(ev.line), "”"]
            if ev.note:
                parts += ["  ", (f"({ev.note})", "$text-muted")]
            body.append(Static(Content.assemble(*parts), classes="evidence"))
        if not c.evidence:
            body.append(Static(Content("No turns to point at."), classes="evidence"))
        return body

    def curve_data(self, moments) -> tuple[list[float], list[tuple[int, str]]]:
        points = agitation_points(self.events)
        values = [v for _, v in points]
        marks = []
        for i, m in enumerate(moments):
            # the first point at or after the moment's turn
            index = next((k for k, (turn, _) in enumerate(points) if turn >= m.turn), len(points) - 1)
            marks.append((index, MARK_SYMBOLS[i]))
        return values, marks

    def moments_content(self, moments) -> Content:
        if not moments:
            return Content("")
        parts: list = []
        for i, m in enumerate(moments):
            parts.append((f"{MARK_SYMBOLS[i]} ", "bold $text-accent"))
            parts.append((f"turn {m.turn}: ", "bold"))
            parts.append(literal(m.label))
            if m.quote:
                parts += [" — “", literal(m.quote), "”"]
            parts.append("\n")
        return Content.assemble(*parts).rstrip()

    def teaching_widgets(self):
        ended = next((e for e in reversed(self.events) if e["event"] == "ended"), None)
        points = list(ended.get("teaching_points", [])) if ended else []
        shown = {e["id"]: e for e in self.events if e["event"] == "cue_shown"}
        recognised = {e["id"]: e for e in self.events if e["event"] == "cue_recognised"}
        cues = {c.id: c for c in self.live.scenario.cues}
        for cue_id in shown:
            cue = cues.get(cue_id)
            if cue_id not in recognised and cue and cue.teaching:
                points.append(cue.teaching)
        if points:
            yield Static(Content("Teaching points"), classes="section-title")
            parts: list = []
            for p in points:
                parts += [("• ", "bold"), literal(" ".join(p.split())), "\n"]
            yield Static(Content.assemble(*parts).rstrip())
        if shown:
            yield Static(Content("Cues"), classes="section-title")
            parts = []
            for cue_id, ev in shown.items():
                rec = recognised.get(cue_id)
                if rec:
                    parts += [("✓ ", "bold $text-success"), f"{cue_id}: recognised after {rec['after_turns']} turn(s)\n"]
                else:
                    parts += [("✗ ", "bold $text-error"), f"{cue_id}: not recognised\n"]
            yield Static(Content.assemble(*parts).rstrip())

    # Actions -----------------------------------------------------------------------------
    def action_retry(self, same_seed: bool) -> None:
        self.app.open_briefing(self.live.loaded, seed=self.live.seed if same_seed else None, replace=True)

    def action_export(self) -> None:
        try:
            path = export_markdown(self.events, self.live.path, self.score, self.app.rubrics_dir,
                                   scenario=self.live.loaded)
        except OSError as exc:
            self.notify(f"Could not write the export: {exc}", severity="error")
            return
        self.notify(str(path), title="Debrief exported")

    def action_home(self) -> None:
        self.app.go_home()
