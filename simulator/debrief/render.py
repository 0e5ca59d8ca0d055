"""The debrief as Markdown (``talkdown export --format md``) or plain text (the end of
``talkdown run``). Plain text has no markup at all, for terminals and screen readers."""

from __future__ import annotations

import re

from simulator.debrief.build import Debrief
from simulator.debrief.moments import Moment, sparkline
from simulator.sanitize import one_line
from simulator.scoring import CriterionResult, Evidence
from simulator.vocabulary import band_of

MAX_EVIDENCE = 6
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<#|~])")


def md_text(s: object) -> str:
    """User or author text for Markdown: one line, no control characters, its markup escaped."""
    return _MD_SPECIAL.sub(r"\\\1", plain_text(s))


def plain_text(s: object) -> str:
    """User or author text: one line, no control characters."""
    return one_line(s)


class _Out:
    def __init__(self, md: bool):
        self.md = md
        self.lines: list[str] = []

    def add(self, line: str = "") -> None:
        self.lines.append(line)

    def text(self, s: object) -> str:
        """User or author text: one line, no control characters; escaped in Markdown."""
        return md_text(s) if self.md else plain_text(s)

    def quote(self, s: object) -> str:
        return f"“{self.text(s)}”"

    def heading(self, level: int, title: str) -> None:
        if self.lines and self.lines[-1] != "":
            self.add()
        if self.md:
            self.add("#" * level + " " + title)
        else:
            self.add(title)
            self.add(("=" if level == 1 else "-") * len(title))
        self.add()

    def bold(self, s: str) -> str:
        return f"**{s}**" if self.md else s

    def code(self, s: str) -> str:
        return f"`{s}`" if self.md else s


def _pct(x: float) -> str:
    return f"{x:.1f}%"


def _evidence_line(out: _Out, e: Evidence) -> str:
    name = e.name.replace("_", " ").replace("-", " ")
    if e.kind == "technique":
        text = f"turn {e.turn}, {name}: {out.quote(e.text)}"
    elif e.kind == "action":
        text = f"turn {e.turn}, action {out.text(e.text)}"
    elif e.kind == "cue":
        text = f"cue {out.text(e.name)}" + (f": {out.quote(e.text)}" if e.text and e.counted else "")
    elif e.kind == "outcome":
        text = f"turn {e.turn}, outcome {out.text(e.name)} ({out.text(e.text)})"
    elif e.kind == "agitation":
        text = f"{name} agitation {out.text(e.text)}" + (f" (turn {e.turn})" if e.name == "end" else "")
    else:
        text = f"turn {e.turn}: {out.quote(e.text)}"
    if e.note:
        text += f" — {out.text(e.note)}"
    return text


def _criterion(out: _Out, c: CriterionResult) -> None:
    mark = "–" if not c.applicable else ("✓" if c.met else "✗")
    out.add(f"- {mark} {out.bold(out.text(c.title))} — {c.points_text}")
    out.add(f"  - Target: {out.text(c.target)}")
    out.add(f"  - Observed: {out.text(c.observed)}")
    if c.note:
        out.add(f"  - Note: {out.text(c.note)}")
    shown = c.evidence[:MAX_EVIDENCE]
    for e in shown:
        out.add(f"  - {_evidence_line(out, e)}")
    if len(c.evidence) > len(shown):
        out.add(f"  - … and {len(c.evidence) - len(shown)} more")
    if c.applicable and not c.met and c.coaching:
        out.add(f"  - Coaching: {out.text(c.coaching)}")


def _moment(out: _Out, m: Moment, d: Debrief, i: int) -> None:
    said = out.text(m.said) if m.said.startswith("/") else out.quote(m.said)
    you = f"you to {out.text(d.name(m.to))}" if m.to else "you"
    line = f"{i}. Turn {m.turn} ({m.delta:+.0f}, {m.before:.0f} → {m.after:.0f}): {you} {said}"
    if m.techniques:
        line += f" [{', '.join(t.replace('_', ' ') for t in m.techniques)}]"
    out.add(line)
    if m.reply:
        out.add(f"   {out.text(d.name(m.replied_by))}: {out.quote(m.reply)}")


def render(d: Debrief, fmt: str = "md") -> str:
    """The whole debrief; ``fmt`` is "md" or "text"."""
    out = _Out(md=fmt == "md")
    out.heading(1, f"Debrief: {out.text(d.title)}")
    facts = [f"Scenario {out.text(d.scenario_id)} v{out.text(d.scenario_version)}",
             f"trainee {out.text(d.trainee)}", f"seed {out.text(d.seed)}", f"{out.text(d.mode)} mode"]
    if d.recorded:
        facts.append(f"recorded {out.text(d.recorded)}")
    out.add(" · ".join(facts))
    for w in d.warnings:
        out.add()
        out.add(("> " if out.md else "") + f"Warning: {out.text(w)}")

    out.heading(2, "Outcome")
    status = f"{out.bold(out.text(d.outcome_title))}"
    if d.outcome:
        status += f" ({out.code(d.outcome)})"
    status += f" after {d.turns} turn{'s' if d.turns != 1 else ''}."
    if d.final_agitation is not None:
        status += f" Final agitation {d.final_agitation:.0f} ({band_of(d.final_agitation)})"
        status += f", rapport {d.final_rapport:.0f}." if d.final_rapport is not None else "."
    if d.reason:
        status += f" Ended: {out.text(d.reason)}."
    out.add(status)
    if d.unmet:
        out.add()
        intended = f" ({out.code(d.intended)})" if d.intended else ""
        out.add(f"Not a good ending{intended}: it needed")
        out.add()
        for need in d.unmet:
            out.add(f"- {out.text(need)}")
    if d.teaching_points:
        out.add()
        out.add("Teaching points:")
        out.add()
        for p in d.teaching_points:
            out.add(f"- {out.text(p)}")

    if d.notes:
        out.heading(2, "Instructor notes")
        for n in sorted(d.notes, key=lambda n: n.turn):
            said = d.said.get(n.turn)
            about = f" (“{out.text(said)}”)" if said else (" (the opening)" if n.turn == 0 else "")
            out.add(f"- Turn {n.turn}{about}, {out.bold(n.tag_label)} — {out.text(n.text)} "
                    f"— {out.text(n.author)}, {out.text(n.time[:10])}")
    if d.objectives:
        out.heading(2, "Objectives")
        for text, met in d.objectives:
            if met is None:
                out.add(f"- {out.text(text)}")
            elif met:
                out.add(f"- ✓ {out.text(text)}")
            else:
                out.add(f"- ✗ {out.text(text)} — not reached before the call ended (turn {d.ended_turn})")
    if d.variant:
        out.heading(2, "This call")
        for v in d.variant:
            described = f": {out.text(v.description)}" if v.description else ""
            out.add(f"- {out.text(v.id)} = {out.code(out.text(v.option))}{described}")
    if d.topics:
        out.heading(2, "What you asked")
        for t in d.topics:
            fact = f" — {out.text(t.fact)}" if t.fact else ""
            who = f" {out.text(d.name(t.person))} on" if t.person else ""
            out.add(f"- Turn {t.turn},{who} {out.text(t.title)}: {out.text(t.answer)}{fact}")

    out.heading(2, "Scores")
    if d.report is None or not d.report.rubrics:
        out.add(f"Not scored: {out.text(d.score_error or 'no rubrics.')}")
    else:
        if out.md:
            out.add("| Rubric | Score | Result |")
            out.add("| --- | ---: | --- |")
            for r in d.report.rubrics:
                result = "PASS" if r.passed else "FAIL"
                out.add(f"| {out.text(r.title)} | {_pct(r.percent)} | {result} (pass mark {r.pass_mark:g}%) |")
        else:
            width = max(len(r.title) for r in d.report.rubrics) if d.report.rubrics else 0
            for r in d.report.rubrics:
                result = "PASS" if r.passed else "FAIL"
                out.add(f"{out.text(r.title):<{width}}  {_pct(r.percent):>6}  {result} (pass mark {r.pass_mark:g}%)")
        for r in d.report.rubrics:
            out.heading(3, f"{out.text(r.title)}: {_pct(r.percent)} {'PASS' if r.passed else 'FAIL'}")
            for c in r.criteria:
                _criterion(out, c)

    out.heading(2, "Agitation")
    values = [v for _, v in d.curve]
    if values:
        line = sparkline(values)
        out.add(f"{out.code(line)}  {values[0]:.0f} → {values[-1]:.0f}, peak {max(values):.0f} "
                f"(scale 0 calm to 100 crisis, one mark a turn from the opening)")
        out.add()
        out.add("By turn: " + ", ".join(f"{t}: {v:.0f}" for t, v in d.curve))
        if d.person_curves:
            out.add()
            out.add("The highest of anyone's, above; each person's:")
            out.add()
            for pid, curve in d.person_curves.items():
                mine = [v for _, v in curve]
                if mine:
                    out.add(f"- {out.text(d.name(pid))}: {out.code(sparkline(mine))}  {mine[0]:.0f} → {mine[-1]:.0f}, "
                            f"peak {max(mine):.0f}; by turn: " + ", ".join(f"{t}: {v:.0f}" for t, v in curve))
    else:
        out.add("No agitation recorded.")
    out.heading(3, "Largest rises")
    if d.rises:
        for i, m in enumerate(d.rises, 1):
            _moment(out, m, d, i)
    else:
        out.add("Agitation never rose after one of your turns.")
    out.heading(3, "Largest falls")
    if d.falls:
        for i, m in enumerate(d.falls, 1):
            _moment(out, m, d, i)
    else:
        out.add("Agitation never fell after one of your turns.")

    if d.dialogue:
        out.heading(2, "Dialogue")
        for spoken in d.dialogue:
            seen = f" *({out.text(spoken.nonverbal)})*" if out.md and spoken.nonverbal else (
                f" ({out.text(spoken.nonverbal)})" if spoken.nonverbal else "")
            who = out.text(d.speaker(spoken))
            if spoken.who == "subject":
                out.add(f"- {who}: {out.text(spoken.text)}{seen}")
            elif spoken.who == "trainee":
                used = f" — {', '.join(out.code(t) for t in spoken.techniques)}" if spoken.techniques else ""
                out.add(f"- {out.bold(f'Turn {spoken.turn}, {who}:')} {out.text(spoken.text)}{used}")
            elif spoken.who == "action":
                done = seen if d.several else ""  # a partner's task: what they did
                out.add(f"- {out.bold(f'Turn {spoken.turn}, {who}:')} {out.code(out.text(spoken.text))}{done}")
            elif spoken.who == "partner":
                out.add(f"- {who}: {out.text(spoken.text)}")
            else:
                out.add(f"- {out.bold(f'Turn {spoken.turn}:')} {out.text(spoken.text)}")

    out.heading(2, "Cues")
    if not d.cues:
        out.add("No cues were shown.")
    for cue in d.cues:
        tags = [out.text(x) for x in (cue.kind, d.name(cue.person) if cue.person else "") if x]
        kind = f" ({', '.join(tags)})" if tags else ""
        head = f"- {out.bold(out.text(cue.id))}{kind}, shown at turn {cue.shown_turn}: {out.quote(cue.text)}"
        out.add(head)
        if cue.recognised_turn is None:
            out.add("  - Not recognised.")
        else:
            how = f": {out.quote(cue.matched)}" if cue.matched else ""
            out.add(f"  - Recognised at turn {cue.recognised_turn} (after {cue.after_turns} "
                    f"turn{'s' if cue.after_turns != 1 else ''}){how}.")
        if cue.teaching:
            out.add(f"  - {out.text(cue.teaching)}")
    return "\n".join(out.lines).rstrip() + "\n"
