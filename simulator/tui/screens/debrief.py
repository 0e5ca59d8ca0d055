"""Debrief: the debrief layer's model of this session (the same outcome, numbers, key
moments and cues as `talkdown export`), scored in a worker."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import ScrollableContainer, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Collapsible, Footer, Header, Static

from simulator.debrief import Debrief, Moment, debrief_for, render
from simulator.live import RecordedSession
from simulator.scoring import CriterionResult, Evidence
from simulator.tui.messages import BriefingRequested, HomeRequested
from simulator.tui.state import AppState
from simulator.tui.widgets import CurveChart, CurvesChart, literal

RISE_MARKS = "123"
FALL_MARKS = "abc"


def _shown_path(path: Path) -> str:
    """The transcript's path, relative to the working folder when it is under it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def _pass(passed: bool) -> tuple[str, str]:
    return ("PASS", "bold $text-success") if passed else ("FAIL", "bold $text-error")


def _label(name: str) -> str:
    return name.replace("_", " ").replace("-", " ")


class DebriefScreen(Screen):
    BINDINGS = [
        Binding("r", "retry(True)", "Try again"),
        Binding("n", "retry(False)", "New seed"),
        Binding("e", "export", "Export .md"),
        Binding("h,escape", "home", "Library"),
    ]

    def __init__(self, state: AppState, live: RecordedSession) -> None:
        super().__init__()
        self.state = state
        self.live = live
        self.debrief: Debrief | None = None

    # Layout ------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Content("Scoring the call…"), id="outcome")
        with ScrollableContainer(id="debrief-cols"):
            yield VerticalScroll(id="scores")
            yield VerticalScroll(id="story")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Debrief"
        self.query_one("#scores").focus()
        self.prepare()

    @work(thread=True, exclusive=True, exit_on_error=False, group="debrief")
    def prepare(self) -> None:
        """Score the session and build its debrief, off the UI thread."""
        rubrics, problem = self.state.rubrics.get()
        debrief = debrief_for(self.live.events, scenario=self.live.loaded, rubrics=rubrics, rubrics_problem=problem,
                              transcript=str(self.live.path))
        self.app.call_from_thread(self.show, debrief)
        self.live.remember_score(rubrics)  # so the library and `talkdown score` need not score it again

    def show(self, d: Debrief) -> None:
        self.debrief = d
        self.query_one("#outcome", Static).update(self.outcome_content(d))
        scores = self.query_one("#scores", VerticalScroll)
        scores.mount(Static(Content("Scores"), classes="section-title"), *self.score_widgets(d))
        story = self.query_one("#story", VerticalScroll)
        story.mount(Static(Content("Agitation over the call"), classes="section-title"),
                    self.curve_chart(d),
                    Static(self.moments_content(d), id="moments"), *self.teaching_widgets(d))
        titles = self.query("CollapsibleTitle")
        if titles:
            titles.first().focus()

    def curve_chart(self, d: Debrief) -> Widget:
        """The agitation curve; in a scene, each person's, coloured apart and named."""
        curves = [[v for _, v in d.person_curves[pid]] for pid in d.people if pid in d.person_curves]
        if len(curves) < 2:
            return CurveChart([v for _, v in d.curve], self.curve_marks(d), id="curve")
        names = tuple(d.people[pid] for pid in d.people if pid in d.person_curves)
        return CurvesChart(curves[0], curves[1], names, self.curve_marks(d), more=curves[2:], id="curve")

    def outcome_content(self, d: Debrief) -> Content:
        if d.outcome is None:
            return Content("The call has not ended.")
        parts: list = [("Outcome: ", "bold"), literal(d.outcome_title).stylize("bold $text-accent")]
        if d.outcome_title != d.outcome:
            parts.append(f" ({d.outcome})")
        if d.reason:
            parts += [", ", literal(d.reason)]
        parts.append(f" after {d.turns} turn{'s' if d.turns != 1 else ''}")
        if d.final_agitation is not None:
            parts.append(f" · agitation {d.final_agitation:.0f}")
        if d.final_rapport is not None:
            parts.append(f" · rapport {d.final_rapport:.0f}")
        if d.report is not None and d.report.rubrics:
            passed = sum(r.passed for r in d.report.rubrics)
            parts.append(f" · {passed} of {len(d.report.rubrics)} rubrics passed")
        parts += ["\n", literal(f"{d.name(d.last_speaker)}: ").stylize("bold"), literal(d.last_words), "  ",
                  literal(f"({d.last_nonverbal})").stylize("italic $text-muted"), "\n",
                  (f"Seed {d.seed} · {d.mode} mode · transcript ", "$text-muted"),
                  literal(_shown_path(self.live.path)).stylize("$text-muted")]
        return Content.assemble(*parts)

    def score_widgets(self, d: Debrief) -> list:
        if d.report is None or not d.report.rubrics:
            return [Static(literal(f"Not scored: {d.score_error or 'no rubrics.'}"), classes="message")]
        widgets: list = []
        for r in d.report.rubrics:
            widgets.append(Static(Content.assemble((f"{r.percent:3.0f}% ", "bold"), _pass(r.passed), "  ",
                                                   literal(r.title).stylize("bold"),
                                                   (f"  pass mark {r.pass_mark:.0f}%", "$text-muted")),
                                  classes="rubric"))
            for c in r.criteria:
                # A Content title, never a string: textual would read a string as markup.
                head = self.criterion_head(c)
                widgets.append(Collapsible(*self.criterion_body(d, c), title=head, collapsed=True))  # type: ignore[arg-type]
        widgets += [Static(Content.assemble(("Note: ", "bold"), literal(w)), classes="message") for w in d.warnings]
        return widgets

    @staticmethod
    def criterion_head(c: CriterionResult) -> Content:
        if not c.applicable:
            return Content.assemble(("  –  n/a  ", "$text-muted"), literal(c.title))
        mark = ("✓", "bold $text-success") if c.met else ("✗", "bold $text-error")
        return Content.assemble(mark, f" {c.points_text}  ", literal(c.title))

    def criterion_body(self, d: Debrief, c: CriterionResult) -> list[Static]:
        body: list[Static] = []
        detail = "; ".join(x for x in (f"observed: {c.observed}" if c.observed else "",
                                        f"target: {c.target}" if c.target else "", c.note) if x)
        if detail:
            body.append(Static(literal(detail), classes="evidence"))
        if c.applicable and not c.met and c.coaching:
            body.append(Static(Content.assemble(("Coaching: ", "bold"), literal(" ".join(c.coaching.split())))))
        body += [Static(self.evidence_line(d, ev), classes="evidence") for ev in c.evidence]
        if not c.evidence:
            body.append(Static(Content("No turns to point at."), classes="evidence"))
        return body

    @staticmethod
    def evidence_line(d: Debrief, ev: Evidence) -> Content:
        parts: list = [(f"turn {ev.turn} ", "bold"), literal(_label(ev.name or ev.kind)).stylize("italic"), ": "]
        said = d.said.get(ev.turn, "")
        parts += ["“", literal(ev.text or said), "”"]
        if said and ev.text and said != ev.text and ev.kind == "technique":
            parts += ["  in “", literal(said), "”"]
        note = ev.note or ("" if ev.counted else "not counted")
        if note:
            parts += ["  ", literal(f"({note})").stylize("$text-muted")]
        return Content.assemble(*parts)

    @staticmethod
    def curve_marks(d: Debrief) -> list[tuple[int, str]]:
        """Where each key moment sits on the curve (one point a turn, from the opening)."""
        index = {turn: i for i, (turn, _) in enumerate(d.curve)}
        marks = [(index[m.turn], RISE_MARKS[i]) for i, m in enumerate(d.rises) if m.turn in index]
        marks += [(index[m.turn], FALL_MARKS[i]) for i, m in enumerate(d.falls) if m.turn in index]
        return marks

    @staticmethod
    def moments_content(d: Debrief) -> Content:
        parts: list = []

        def moment(symbol: str, m: Moment) -> None:
            to = literal(f"to {d.name(m.to)} ").stylize("italic") if m.to else ""
            parts.extend([(f"{symbol} ", "bold $text-accent"), (f"turn {m.turn} ", "bold"),
                          f"({m.delta:+.0f}, {m.before:.0f} → {m.after:.0f}): ", to, "“", literal(m.said), "”"])
            if m.reply:
                parts.extend(["\n   ", literal(d.name(m.replied_by)).stylize("bold"), ": “", literal(m.reply), "”"])
            parts.append("\n")

        parts.append(("Largest rises\n", "bold"))
        for i, m in enumerate(d.rises):
            moment(RISE_MARKS[i], m)
        if not d.rises:
            parts.append("Agitation never rose after one of your turns.\n")
        parts.append(("Largest falls\n", "bold"))
        for i, m in enumerate(d.falls):
            moment(FALL_MARKS[i], m)
        if not d.falls:
            parts.append("Agitation never fell after one of your turns.\n")
        return Content.assemble(*parts).rstrip()

    @staticmethod
    def teaching_widgets(d: Debrief) -> list[Static]:
        widgets: list[Static] = []
        if d.teaching_points:
            parts: list = []
            for p in d.teaching_points:
                parts += [("• ", "bold"), literal(" ".join(p.split())), "\n"]
            widgets += [Static(Content("Teaching points"), classes="section-title"),
                        Static(Content.assemble(*parts).rstrip())]
        if d.cues:
            parts = []
            for c in d.cues:
                if c.recognised_turn is not None:
                    parts += [("✓ ", "bold $text-success"), literal(c.id),
                              f": recognised at turn {c.recognised_turn} (after {c.after_turns})\n"]
                else:
                    parts += [("✗ ", "bold $text-error"), literal(c.id), ": not recognised\n"]
                if c.teaching:
                    parts += ["  ", literal(" ".join(c.teaching.split())).stylize("$text-muted"), "\n"]
            widgets += [Static(Content("Cues"), classes="section-title"), Static(Content.assemble(*parts).rstrip())]
        return widgets

    # Actions -----------------------------------------------------------------------------
    def action_retry(self, same_seed: bool) -> None:
        self.post_message(BriefingRequested(self.live.loaded, seed=self.live.seed if same_seed else None,
                                            replace=True))

    def action_export(self) -> None:
        if self.debrief is None:
            self.notify("The debrief is still being prepared.", severity="warning")
            return
        target = self.live.path.with_suffix(".md")
        try:
            target.write_text(render(self.debrief, "md"), encoding="utf-8")
        except OSError as exc:
            self.notify(f"Could not write the export: {exc}", severity="error")
            return
        self.notify(str(target), title="Debrief exported")

    def action_home(self) -> None:
        self.post_message(HomeRequested())
