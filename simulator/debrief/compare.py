"""Two attempts side by side (``talkdown compare``, the app's Compare view): scores per rubric with
the change, both agitation curves, the dialogue aligned by the scenario's phases, the techniques
used and the cues recognised in each.

:func:`compare` is pure: it takes two :class:`Debrief` objects (see ``simulator.live.debriefs`` for
a saved session's) and returns a :class:`Comparison` that the renderers (``render_compare_md``
here, ``render_compare_html`` in ``simulator.debrief.html``) and the app only lay out.  Everything
is ordered deterministically.  :func:`finished_attempts` is the one function here that reads the
disk: a trainee's finished attempts at a scenario, oldest first.
"""

from __future__ import annotations

from collections import Counter, deque
from dataclasses import dataclass
from datetime import datetime
from itertools import zip_longest
from pathlib import Path

from simulator.debrief.build import Debrief, Line, PhaseVisit
from simulator.debrief.moments import sparkline
from simulator.debrief.render import md_text
from simulator.transcripts import TranscriptError, legacy_trainee_folder, open_transcript, safe_trainee_name
from simulator.transcripts.events import Ended
from simulator.transcripts.notes import Note
from simulator.vocabulary import POLARITY, band_of

#: Where a debrief has no phases (built without its events): all its lines in one.
WHOLE_CALL = PhaseVisit(0, "", "The whole call")
ATTEMPTS = ("Attempt 1", "Attempt 2")


def points(change: float | None) -> str:
    """A change in points or turns as shown: "+12", "-3.5", "0"; "" when there is none."""
    if change is None:
        return ""
    if not round(change, 1):
        return "0"
    text = f"{change:+.1f}"
    return text[:-2] if text.endswith(".0") else text


def _change(first: float | None, second: float | None) -> float | None:
    return None if first is None or second is None else round(second - first, 1)


@dataclass(frozen=True)
class RubricChange:
    """One rubric's score in each attempt (None where that attempt was not scored with it)."""

    id: str
    title: str
    first: float | None
    second: float | None
    passed_first: bool | None
    passed_second: bool | None

    @property
    def change(self) -> float | None:
        """Points gained (negative: lost), None when the rubric scored only one attempt."""
        return _change(self.first, self.second)


@dataclass(frozen=True)
class PhaseRow:
    """One phase of the scenario and what was said in it in each attempt (turns aligned by phase)."""

    id: str
    title: str
    description: str
    entered_first: int | None
    """The turn the first attempt first entered it (0: the opening), None if it never did."""
    entered_second: int | None
    first: tuple[Line, ...]
    second: tuple[Line, ...]

    def side_by_side(self) -> list[tuple[Line | None, Line | None]]:
        """The two attempts' lines paired in order (None where one has fewer): each phase starts
        with the subject's line and ends with the trainee's line that moved it on, so pairs align."""
        return list(zip_longest(self.first, self.second))


@dataclass(frozen=True)
class TechniqueUse:
    """How many of the trainee's replies showed a technique, in each attempt."""

    id: str
    name: str
    polarity: str
    """positive, neutral or negative (DESIGN 3.3)."""
    first: int
    second: int

    @property
    def change(self) -> int:
        return self.second - self.first


@dataclass(frozen=True)
class CueChange:
    """A cue and, in each attempt, when it was shown and recognised (None: not shown, not recognised)."""

    id: str
    kind: str
    text: str
    shown_first: int | None
    recognised_first: int | None
    shown_second: int | None
    recognised_second: int | None
    person: str = ""
    """Whose cue, by name (a scene with several people)."""


@dataclass
class Comparison:
    """Two attempts, ``first`` and ``second`` in the order given.  The rest of each attempt (outcome,
    turns, final agitation, curve, warnings) is on its :class:`Debrief`."""

    first: Debrief
    second: Debrief
    rubrics: list[RubricChange]
    phases: list[PhaseRow]
    techniques: list[TechniqueUse]
    cues: list[CueChange]

    @property
    def same_scenario(self) -> bool:
        return self.first.scenario_id == self.second.scenario_id

    @property
    def same_trainee(self) -> bool:
        return self.first.trainee == self.second.trainee

    @property
    def overall(self) -> tuple[float | None, float | None]:
        """Each attempt's overall score (the mean of its rubric percentages; None when not scored)."""
        return _overall(self.first), _overall(self.second)

    @property
    def overall_change(self) -> float | None:
        return _change(*self.overall)

    @property
    def turns_change(self) -> int:
        return self.second.turns - self.first.turns

    @property
    def agitation_change(self) -> float | None:
        """Final agitation, second minus first (negative: the second call ended calmer)."""
        return _change(self.first.final_agitation, self.second.final_agitation)

    @property
    def notices(self) -> list[str]:
        """What a reader must know before reading on: the attempts are not of one scenario or trainee."""
        out = []
        if not self.same_scenario:
            out.append(f"These attempts are at different scenarios ({self.first.scenario_id} and "
                       f"{self.second.scenario_id}): the scores compare, the phases and cues do not line up.")
        if not self.same_trainee:
            out.append(f"These attempts are by different trainees ({self.first.trainee} and {self.second.trainee}).")
        return out


def _overall(d: Debrief) -> float | None:
    overall = d.report.overall if d.report is not None else None
    return None if overall is None else round(overall, 1)


def compare(first: Debrief, second: Debrief) -> Comparison:
    """The two attempts side by side, in the order given."""
    return Comparison(first=first, second=second, rubrics=rubric_changes(first, second),
                      phases=phase_rows(first, second), techniques=technique_uses(first, second),
                      cues=cue_changes(first, second))


def rubric_changes(first: Debrief, second: Debrief) -> list[RubricChange]:
    """Every rubric either attempt was scored with: the first attempt's order, then the second's others."""
    a = {r.id: r for r in first.report.rubrics} if first.report is not None else {}
    b = {r.id: r for r in second.report.rubrics} if second.report is not None else {}
    out = []
    for rubric_id in dict.fromkeys([*a, *b]):
        ra, rb = a.get(rubric_id), b.get(rubric_id)
        title = ra.title if ra is not None else b[rubric_id].title
        out.append(RubricChange(rubric_id, title, ra.percent if ra else None, rb.percent if rb else None,
                                ra.passed if ra else None, rb.passed if rb else None))
    return out


def phase_of(line: Line, visits: list[PhaseVisit]) -> PhaseVisit:
    """The phase the call was in when ``line`` was said: the subject answers in the phase entered
    on that turn; the trainee spoke (or acted, or kept silent) in the one before."""
    current = visits[0] if visits else WHOLE_CALL
    for visit in visits[1:]:
        if visit.turn < line.turn or (line.who == "subject" and visit.turn == line.turn):
            current = visit
        else:
            break
    return current


def _lines_by_phase(d: Debrief) -> tuple[dict[str, list[Line]], dict[str, PhaseVisit]]:
    """The debrief's lines by phase id, and the first visit to each phase."""
    visits = d.phases or [WHOLE_CALL]
    first_visit: dict[str, PhaseVisit] = {}
    for v in visits:
        first_visit.setdefault(v.id, v)
    lines: dict[str, list[Line]] = {v.id: [] for v in visits}
    for line in d.dialogue:
        lines[phase_of(line, visits).id].append(line)
    return lines, first_visit


def phase_rows(first: Debrief, second: Debrief) -> list[PhaseRow]:
    """Every phase either attempt reached, in the order first reached (by turn; the first attempt
    first on a tie), with each attempt's lines in it."""
    lines_a, visits_a = _lines_by_phase(first)
    lines_b, visits_b = _lines_by_phase(second)
    order = [(v.turn, 0, i, pid) for i, (pid, v) in enumerate(visits_a.items())]
    order += [(v.turn, 1, i, pid) for i, (pid, v) in enumerate(visits_b.items()) if pid not in visits_a]
    rows = []
    for *_, pid in sorted(order):
        a, b = visits_a.get(pid), visits_b.get(pid)
        shown = a if a is not None else b
        assert shown is not None
        rows.append(PhaseRow(pid, shown.title, (a.description if a else "") or (b.description if b else ""),
                             a.turn if a else None, b.turn if b else None,
                             tuple(lines_a.get(pid, ())), tuple(lines_b.get(pid, ()))))
    return rows


def technique_counts(d: Debrief) -> Counter[str]:
    """How many of the trainee's replies showed each technique."""
    return Counter(t for line in d.dialogue if line.who == "trainee" for t in dict.fromkeys(line.techniques))


def technique_uses(first: Debrief, second: Debrief) -> list[TechniqueUse]:
    """Every technique either attempt used, the largest difference first (then by id)."""
    a, b = technique_counts(first), technique_counts(second)
    uses = [TechniqueUse(t, t.replace("_", " "), POLARITY.get(t, "neutral"), a[t], b[t]) for t in set(a) | set(b)]
    return sorted(uses, key=lambda u: (-abs(u.change), u.id))


def cue_changes(first: Debrief, second: Debrief) -> list[CueChange]:
    """Every cue either attempt was shown: the first attempt's in the order shown, then the second's others."""
    a = {c.id: c for c in first.cues}
    b = {c.id: c for c in second.cues}
    out = []
    for cue_id in dict.fromkeys([*a, *b]):
        ca, cb = a.get(cue_id), b.get(cue_id)
        shown = ca if ca is not None else b[cue_id]
        whose = (first if ca is not None else second).name(shown.person) if shown.person else ""
        out.append(CueChange(cue_id, shown.kind, shown.text, ca.shown_turn if ca else None,
                             ca.recognised_turn if ca else None, cb.shown_turn if cb else None,
                             cb.recognised_turn if cb else None, whose))
    return out


def in_time_order(first: Debrief, second: Debrief) -> tuple[Debrief, Debrief]:
    """The earlier attempt first, by the time each was recorded (as given when either has none)."""
    try:
        swap = datetime.fromisoformat(second.recorded) < datetime.fromisoformat(first.recorded)
    except (TypeError, ValueError):  # not recorded (or not a time): the order given
        swap = False
    return (second, first) if swap else (first, second)


def finished_attempts(transcripts: Path, trainee: str, scenario_id: str) -> tuple[list[Path], list[str]]:
    """The trainee's finished attempts at the scenario in the transcripts folder, oldest first (file
    names start with a UTC timestamp), and the reasons the files that could not be read were skipped."""
    folders = [transcripts / safe_trainee_name(trainee), transcripts / legacy_trainee_folder(trainee)]
    found: list[Path] = []
    skipped: list[str] = []
    for path in sorted({p for f in dict.fromkeys(folders) if f.is_dir() for p in f.glob("*.jsonl")},
                       key=lambda p: (p.name, str(p))):
        try:
            with open_transcript(path) as t:  # the header first: another scenario's file is not read on
                if t.header.trainee != trainee or t.header.scenario.id != scenario_id:
                    continue
                last = deque(t.events(), maxlen=1)
        except TranscriptError as exc:
            skipped.append(str(exc))
            continue
        if last and isinstance(last[0], Ended):
            found.append(path)
    return found, skipped


# ---- Markdown ----------------------------------------------------------------------------------------

def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x:.1f}%"


def _result(percent: float | None, passed: bool | None) -> str:
    if percent is None:
        return "not scored"
    return f"{_pct(percent)} {'PASS' if passed else 'FAIL'}"


def _agitation(x: float | None) -> str:
    return "—" if x is None else f"{x:.0f} ({band_of(x)})"


def _outcome(d: Debrief) -> str:
    return md_text(d.outcome_title) + (f" (`{d.outcome}`)" if d.outcome else "")


def _cue_cell(shown: int | None, recognised: int | None) -> str:
    if shown is None:
        return "not shown"
    seen = f"shown turn {shown}"
    return seen + (f", recognised turn {recognised}" if recognised is not None else ", not recognised")


def _md_line(line: Line | None, d: Debrief) -> str:
    if line is None:
        return ""
    who = md_text(d.speaker(line))
    if line.who == "subject":
        seen = f" *({md_text(line.nonverbal)})*" if line.nonverbal else ""
        return f"**{who}:** {md_text(line.text)}{seen}"
    if line.who == "trainee":
        used = f" — {', '.join(f'`{t}`' for t in line.techniques)}" if line.techniques else ""
        return f"**Turn {line.turn}, {who}:** {md_text(line.text)}{used}"
    if line.who == "action":
        return f"**Turn {line.turn}, you:** `{md_text(line.text)}`"
    if line.who == "partner":
        return f"**{who}:** {md_text(line.text)}"
    return f"**Turn {line.turn}:** {md_text(line.text)}"


def _table(out: list[str], head: list[str], rows: list[list[str]], numbers: int = 0) -> None:
    """A Markdown table; the last ``numbers`` columns aligned right."""
    out.append("| " + " | ".join(head) + " |")
    out.append("| " + " | ".join(["---"] * (len(head) - numbers) + ["---:"] * numbers) + " |")
    out.extend("| " + " | ".join(row) + " |" for row in rows)
    out.append("")


def _title(c: Comparison) -> str:
    a, b = c.first, c.second
    return md_text(a.title) if c.same_scenario else f"{md_text(a.title)} / {md_text(b.title)}"


def _turn(note: Note) -> int:
    return note.turn


def render_compare_md(c: Comparison) -> str:
    """The comparison as Markdown: tables side by side, the curves as sparklines, the dialogue by phase."""
    a, b = c.first, c.second
    out = [f"# Compare attempts: {_title(c)}", ""]
    for notice in c.notices:
        out += [f"> **{md_text(notice)}**", ""]
    for label, d in zip(ATTEMPTS, (a, b), strict=True):
        out += [f"> {label}, warning: {md_text(w)}" for w in d.warnings]
    if a.warnings or b.warnings:
        out.append("")
    overall_a, overall_b = c.overall
    _table(out, ["", *ATTEMPTS, "Change"], [
        ["Recorded", md_text(a.recorded or "—"), md_text(b.recorded or "—"), ""],
        ["Trainee", md_text(a.trainee), md_text(b.trainee), ""],
        ["Scenario", f"{md_text(a.scenario_id)} v{a.scenario_version}",
         f"{md_text(b.scenario_id)} v{b.scenario_version}", ""],
        ["Mode, seed", f"{md_text(a.mode)}, {a.seed}", f"{md_text(b.mode)}, {b.seed}", ""],
        ["Outcome", _outcome(a), _outcome(b), ""],
        ["Turns", str(a.turns), str(b.turns), points(c.turns_change)],
        ["Final agitation", _agitation(a.final_agitation), _agitation(b.final_agitation),
         points(c.agitation_change)],
        ["Overall score", _pct(overall_a), _pct(overall_b), points(c.overall_change)],
    ], numbers=1)

    out += ["## Scores", ""]
    if not c.rubrics:
        out += ["Neither attempt was scored.", ""]
    else:
        _table(out, ["Rubric", *ATTEMPTS, "Change"],
               [[md_text(r.title), _result(r.first, r.passed_first), _result(r.second, r.passed_second),
                 points(r.change)] for r in c.rubrics], numbers=1)

    out += ["## Agitation", ""]
    for label, d in zip(ATTEMPTS, (a, b), strict=True):
        values = [v for _, v in d.curve]
        if values:
            out.append(f"- {label}: `{sparkline(values)}` {values[0]:.0f} → {values[-1]:.0f}, "
                       f"peak {max(values):.0f}, {len(values) - 1} turns" + (" (the highest of anyone's)"
                                                                           if d.person_curves else ""))
            for pid, curve in d.person_curves.items():
                mine = [v for _, v in curve]
                if mine:
                    out.append(f"  - {md_text(d.name(pid))}: `{sparkline(mine)}` {mine[0]:.0f} → {mine[-1]:.0f}, "
                               f"peak {max(mine):.0f}")
        else:
            out.append(f"- {label}: no agitation recorded")
    out += ["", "Scale 0 calm to 100 crisis, one mark a turn from the opening.", ""]

    out += ["## Techniques", ""]
    if not c.techniques:
        out += ["No technique was detected in either attempt.", ""]
    else:
        _table(out, ["Technique", *ATTEMPTS, "Change"],
               [[f"{t.name} ({t.polarity})", str(t.first), str(t.second), points(t.change)] for t in c.techniques],
               numbers=3)
        out += ["Replies that showed each technique, the largest difference first.", ""]

    out += ["## Cues", ""]
    if not c.cues:
        out += ["No cues were shown in either attempt.", ""]
    else:
        _table(out, ["Cue", *ATTEMPTS],
               [[f"{md_text(q.id)}" + (f" ({', '.join(md_text(x) for x in (q.kind, q.person) if x)})"
                                        if q.kind or q.person else ""),
                 _cue_cell(q.shown_first, q.recognised_first), _cue_cell(q.shown_second, q.recognised_second)]
                for q in c.cues])

    out += ["## Instructor notes", ""]
    notes = [(label, d, n) for label, d in zip(ATTEMPTS, (a, b), strict=True) for n in sorted(d.notes, key=_turn)]
    if not notes:
        out += ["No notes on either attempt.", ""]
    for label, d, n in notes:
        said = d.said.get(n.turn)
        quoted = f" (“{md_text(said)}”)" if said else ""
        out.append(f"- {label}, turn {n.turn}{quoted}, **{md_text(n.tag_label)}**: {md_text(n.text)} "
                   f"— {md_text(n.author)}, {md_text(n.time[:10])}")
    if notes:
        out.append("")

    out += ["## Dialogue by phase", ""]
    for row in c.phases:
        out += [f"### {md_text(row.title)}", ""]
        if row.description:
            out += [md_text(row.description), ""]
        entered = [f"{label}: " + ("not reached" if turn is None else "from the opening" if turn == 0
                                   else f"entered at turn {turn}")
                   for label, turn in zip(ATTEMPTS, (row.entered_first, row.entered_second), strict=True)]
        out += ["; ".join(entered) + ".", ""]
        pairs = row.side_by_side()
        if pairs:
            _table(out, list(ATTEMPTS), [[_md_line(x, a), _md_line(y, b)]
                                         for x, y in pairs])
    return "\n".join(out).rstrip() + "\n"
