"""The one place the app meets scoring and the debrief exports.

Screens use the small views below; this module turns whatever ``simulator.scoring``
and ``simulator.debrief`` provide into them, so a change there is fixed here only.
When scoring is not installed (or no rubric loads) the views say so instead of failing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from simulator.tui.curve import key_moments


@dataclass(frozen=True)
class Evidence:
    turn: int
    text: str
    """The words that show it (verbatim from the trainee, or a description)."""
    note: str = ""
    label: str = ""
    """The technique, action, cue or outcome it is evidence of."""
    line: str = ""
    """Everything the trainee said or did on that turn."""


@dataclass
class CriterionView:
    id: str
    title: str
    percent: float | None
    """None when the criterion did not apply to this session."""
    weight: float = 1.0
    detail: str = ""
    coaching: str = ""
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def full(self) -> bool:
        return self.percent is not None and self.percent >= 99.95


@dataclass
class RubricView:
    id: str
    title: str
    percent: float
    pass_mark: float = 75.0
    criteria: list[CriterionView] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return self.percent >= self.pass_mark


@dataclass
class ScoreView:
    rubrics: list[RubricView] = field(default_factory=list)
    message: str = ""
    """Why there are no scores, when there are none."""
    warnings: list[str] = field(default_factory=list)

    @property
    def overall(self) -> float | None:
        if not self.rubrics:
            return None
        return sum(r.percent for r in self.rubrics) / len(self.rubrics)


def rubrics_dir(scenarios: Path | None = None) -> Path:
    """``TALKDOWN_RUBRICS``, else the ``rubrics`` folder beside the scenarios folder."""
    env = os.environ.get("TALKDOWN_RUBRICS")
    if env:
        return Path(env)
    if scenarios is not None:
        sibling = Path(scenarios).resolve().parent / "rubrics"
        if sibling.is_dir():
            return sibling
    return Path("rubrics")


_RUBRIC_CACHE: dict[str, tuple[list, str]] = {}


def _load_rubrics(folder: Path | None) -> tuple[list | None, str]:
    """The scoring package's rubrics from ``folder``, or (None, why not)."""
    try:
        from simulator.problems import DataFileError  # noqa: PLC0415
        from simulator.scoring import load_rubrics  # noqa: PLC0415 - scoring is optional for the app
    except ImportError:
        return None, "Rubric scoring is not installed in this version."
    folder = Path(folder or rubrics_dir())
    key = str(folder.resolve())
    if key not in _RUBRIC_CACHE:
        if not folder.is_dir():
            _RUBRIC_CACHE[key] = ([], f"No rubrics folder at '{folder}' (set TALKDOWN_RUBRICS).")
        else:
            try:
                _RUBRIC_CACHE[key] = (list(load_rubrics(folder)), "")
            except DataFileError as exc:
                first = exc.problems[0].format() if exc.problems else str(exc)
                _RUBRIC_CACHE[key] = ([], f"The rubrics in '{folder}' cannot be used: {first}")
            except OSError as exc:
                _RUBRIC_CACHE[key] = ([], f"The rubrics in '{folder}' cannot be read: {exc}")
    rubrics, why = _RUBRIC_CACHE[key]
    if not rubrics:
        return None, why or f"No rubrics found in '{folder}'."
    return rubrics, ""


def rubric_entries(folder: Path | None) -> tuple:
    """What the transcript header records about the rubrics in force ({id, version} each)."""
    rubrics, _ = _load_rubrics(folder)
    if not rubrics:
        return ()
    from simulator.scoring import rubric_header_entries  # noqa: PLC0415

    return tuple(rubric_header_entries(rubrics))


def score_events(events: list[dict], folder: Path | None = None) -> ScoreView:
    rubrics, why = _load_rubrics(folder)
    if rubrics is None:
        return ScoreView(message=why)
    from simulator.scoring import EventLogError, score_transcript  # noqa: PLC0415

    try:
        report = score_transcript(events, rubrics)
    except EventLogError as exc:
        return ScoreView(message=f"This session could not be scored: {exc}")
    return _view_of(report, events)


def overall_percent(events: list[dict], folder: Path | None = None) -> float | None:
    return score_events(events, folder).overall


def _said_by_turn(events: list[dict]) -> dict[int, str]:
    return {e["turn"]: e.get("text", "") for e in events if e.get("event") in ("analysis", "action")}


def _view_of(report, events: list[dict]) -> ScoreView:
    said = _said_by_turn(events)
    view = ScoreView(warnings=list(getattr(report, "warnings", [])))
    for r in report.rubrics:
        rv = RubricView(id=r.id, title=r.title, percent=float(r.percent), pass_mark=float(r.pass_mark))
        for c in r.criteria:
            evidence = []
            for ev in c.evidence:
                label = ev.name.replace("_", " ") if ev.name else ev.kind
                note = ev.note or ("" if ev.counted else "not counted")
                line = said.get(ev.turn, "")
                evidence.append(Evidence(turn=ev.turn, text=ev.text or line, note=note, label=label,
                                         line=line))
            detail = "; ".join(x for x in (f"observed: {c.observed}" if c.observed else "",
                                            f"target: {c.target}" if c.target else "", c.note) if x)
            rv.criteria.append(CriterionView(
                id=c.id, title=c.title, percent=None if c.score is None else 100 * c.score,
                weight=c.weight, detail=detail, coaching=c.coaching if not c.met else "",
                evidence=evidence))
        view.rubrics.append(rv)
    if not view.rubrics:
        view.message = "No rubric applied to this session."
    return view


# Markdown export ---------------------------------------------------------------------
def export_markdown(events: list[dict], transcript: Path, score: ScoreView,
                    folder: Path | None = None, scenario=None) -> Path:
    """Write the debrief next to the transcript (same name, ``.md``) and return its path."""
    target = transcript.with_suffix(".md")
    text = None
    rubrics, _ = _load_rubrics(folder)
    try:
        from simulator.debrief import debrief_for, render  # noqa: PLC0415 - optional for the app

        text = render(debrief_for(events, scenario=scenario, rubrics=rubrics or [],
                                  transcript=str(transcript)), "md")
    except ImportError:
        text = None
    if text is None:
        text = markdown_debrief(events, score)
    target.write_text(text, encoding="utf-8")
    return target


def _md_escape(text: str) -> str:
    out = []
    for ch in text.replace("\n", " "):
        if ch in "\\`*_[]<>#|":
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def markdown_debrief(events: list[dict], score: ScoreView) -> str:
    header = events[0] if events and events[0].get("event") == "started" else {}
    ended = next((e for e in reversed(events) if e.get("event") == "ended"), None)
    scenario = header.get("scenario", {})
    lines = [f"# Debrief: {_md_escape(scenario.get('title', '?'))}", ""]
    lines.append(f"- Trainee: {_md_escape(str(header.get('trainee', '')))}")
    lines.append(f"- Mode: {header.get('mode', '')}, seed {header.get('seed', '')}")
    if header.get("time"):
        lines.append(f"- Started: {header['time']}")
    if ended:
        lines.append(f"- Outcome: **{_md_escape(ended.get('title', ''))}** (`{ended['outcome']}`) "
                     f"after {ended.get('turn', 0)} turns")
    lines.append("")
    if ended and ended.get("teaching_points"):
        lines += ["## Teaching points", ""]
        lines += [f"- {_md_escape(p)}" for p in ended["teaching_points"]]
        lines.append("")
    lines += ["## Scores", ""]
    if not score.rubrics:
        lines += [score.message or "No scores.", ""]
    for r in score.rubrics:
        lines.append(f"### {_md_escape(r.title)}: {r.percent:.0f}% ({'pass' if r.passed else 'fail'}, "
                     f"pass mark {r.pass_mark:.0f}%)")
        lines.append("")
        for c in r.criteria:
            mark = "✓" if c.full else "✗"
            pct = "n/a" if c.percent is None else f"{c.percent:.0f}%"
            lines.append(f"- {mark} {_md_escape(c.title)}: {pct}")
            if c.detail:
                lines.append(f"  - {_md_escape(c.detail)}")
            if not c.full and c.coaching:
                lines.append(f"  - Coaching: {_md_escape(c.coaching)}")
            for ev in c.evidence:
                lines.append(f"  - Turn {ev.turn}: \"{_md_escape(ev.text)}\""
                             + (f" ({_md_escape(ev.note)})" if ev.note else ""))
        lines.append("")
    moments = key_moments(events)
    if moments:
        lines += ["## Key moments", ""]
        for m in moments:
            quote = f": \"{_md_escape(m.quote)}\"" if m.quote else ""
            lines.append(f"- Turn {m.turn}, {_md_escape(m.label)}{quote}")
        lines.append("")
    lines += ["## Transcript", ""]
    name = header.get("subject", {}).get("name", "Subject")
    for e in events:
        kind = e.get("event")
        if kind == "subject":
            lines.append(f"> **{_md_escape(name)}:** {_md_escape(e['text'])} *({_md_escape(e['nonverbal'])})*")
        elif kind in ("analysis", "action"):
            lines.append(f"> **You (turn {e['turn']}):** {_md_escape(e['text'])}")
        elif kind == "ended":
            lines.append(f"> **{_md_escape(name)}:** {_md_escape(e['line'])} *({_md_escape(e['nonverbal'])})*")
        else:
            continue
        lines.append(">")
    return "\n".join(lines).rstrip(">\n") + "\n"
