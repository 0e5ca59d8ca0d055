"""Progress and cohort reports (issue 13, point 4), from scored sessions.

Each attempt is a transcript's score as `talkdown score --json` gives it (the trainee's lines
replayed and scored).  Per trainee and scenario: attempts, the first, best and latest score per
rubric, whether it was ever passed, the trend; per cohort: the criteria and cues most often
missed, and the scenarios each trainee has not passed yet; the files that could not be counted
(unreadable, foreign, or a session with no ending), each with its reason.  Markdown for reading, a
printable HTML page with a trend chart per trainee (:mod:`simulator.debrief.html`), CSV for
spreadsheets (columns in ``CSV_COLUMNS``, documented in docs/report.md).

An attempt passes when every rubric reaches its own pass mark (75% unless a rubric says
otherwise); the report says which marks it used.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from simulator.debrief.render import md_text

#: the pass mark when rubrics do not say (docs/rubric-format.md) and the chart's line when they disagree
DEFAULT_PASS_MARK = 75.0


@dataclass(frozen=True)
class Attempt:
    path: str
    trainee: str
    scenario: str
    recorded: str
    """UTC, ISO 8601 ("" when the transcript does not say)."""
    outcome: str | None
    passed: bool
    percent: dict[str, float]
    """Per rubric id."""
    missed: tuple[tuple[str, str], ...]
    """(rubric title, criterion title) of each criterion that applied and was not met."""
    applied: tuple[tuple[str, str], ...]
    cues: tuple[tuple[str, bool], ...]
    """(cue id, recognised) of each cue shown."""
    pass_marks: dict[str, float] = field(default_factory=dict)
    """Per rubric id, the mark it was scored against."""

    @property
    def overall(self) -> float | None:
        """The mean of the rubric percentages (as `talkdown score` gives it; None without rubrics)."""
        return sum(self.percent.values()) / len(self.percent) if self.percent else None


@dataclass(frozen=True)
class Skipped:
    """A file under the folders that is not counted as an attempt, and why."""

    path: str
    reason: str


def attempt_of(report: dict) -> Attempt:
    """One attempt from a score as `talkdown score --json` prints it."""
    rubrics = report.get("rubrics") or []
    applied = tuple((r["title"], c["title"]) for r in rubrics for c in r["criteria"] if c.get("applicable"))
    missed = tuple((r["title"], c["title"]) for r in rubrics for c in r["criteria"]
                   if c.get("applicable") and not c.get("met"))
    cues = tuple((c["id"], c.get("recognised_turn") is not None) for c in report.get("cues") or [])
    return Attempt(path=str(report.get("transcript") or ""), trainee=str(report.get("trainee") or ""),
                   scenario=str((report.get("scenario") or {}).get("id") or ""),
                   recorded=str(report.get("recorded") or ""), outcome=report.get("outcome"),
                   passed=bool(rubrics) and all(r["passed"] for r in rubrics),
                   percent={r["id"]: float(r["percent"]) for r in rubrics}, missed=missed, applied=applied,
                   cues=cues, pass_marks={r["id"]: float(r.get("pass_mark", DEFAULT_PASS_MARK)) for r in rubrics})


@dataclass
class Progress:
    """One trainee on one scenario."""

    trainee: str
    scenario: str
    attempts: list[Attempt] = field(default_factory=list)

    @property
    def passed_ever(self) -> bool:
        return any(a.passed for a in self.attempts)

    @property
    def pass_rate(self) -> float:
        return sum(a.passed for a in self.attempts) / len(self.attempts)

    def rubric(self, rubric_id: str) -> tuple[float | None, float | None, float | None]:
        """First, best and latest percent."""
        values = [a.percent[rubric_id] for a in self.attempts if rubric_id in a.percent]
        if not values:
            return None, None, None
        return values[0], max(values), values[-1]

    @property
    def rubric_ids(self) -> list[str]:
        return sorted({r for a in self.attempts for r in a.percent})


@dataclass
class Report:
    progress: list[Progress]
    missed: list[tuple[str, str, int, int]]
    """(rubric, criterion, times missed, times it applied), most missed first."""
    cues: list[tuple[str, int, int]]
    """(cue, times not recognised, times shown), most missed first."""
    not_passed: dict[str, list[str]]
    """Per trainee, the scenarios (of the library) not passed yet."""
    attempts: int
    skipped: list[Skipped] = field(default_factory=list)
    """Files not counted, by path."""
    pass_marks: dict[str, float] = field(default_factory=dict)
    """Per rubric id, its pass mark."""

    @property
    def pass_mark(self) -> float:
        """The one mark every rubric uses (the chart's reference line); 75 when they differ."""
        marks = set(self.pass_marks.values())
        return marks.pop() if len(marks) == 1 else DEFAULT_PASS_MARK

    @property
    def pass_mark_text(self) -> str:
        """Which marks an attempt was held to, in a sentence."""
        marks = self.pass_marks
        if not marks:
            return (f"An attempt passes when every rubric reaches its pass mark ({DEFAULT_PASS_MARK:g}% unless it "
                    f"says otherwise).")
        if len(set(marks.values())) == 1:
            return (f"Pass mark: {self.pass_mark:g}% in every rubric ({', '.join(sorted(marks))}); an attempt "
                    f"passes when each rubric reaches it.")
        listed = ", ".join(f"{r} {m:g}%" for r, m in sorted(marks.items()))
        return f"Pass marks: {listed}; an attempt passes when each rubric reaches its own mark."


def build_report(attempts: Iterable[Attempt], library: Sequence[str] = (), skipped: Iterable[Skipped] = (),
                 pass_marks: dict[str, float] | None = None) -> Report:
    """Attempts in time order per trainee and scenario; ``library``: every scenario id offered;
    ``skipped``: the files not counted; ``pass_marks``: per rubric (default: the attempts' own)."""
    attempts = list(attempts)
    if pass_marks is None:
        pass_marks = {r: m for a in attempts for r, m in a.pass_marks.items()}
    ordered = sorted(attempts, key=lambda a: (a.recorded, a.path))
    by_pair: dict[tuple[str, str], Progress] = {}
    missed: dict[tuple[str, str], int] = defaultdict(int)
    applied: dict[tuple[str, str], int] = defaultdict(int)
    cue_missed: dict[str, int] = defaultdict(int)
    cue_shown: dict[str, int] = defaultdict(int)
    for a in ordered:
        by_pair.setdefault((a.trainee, a.scenario), Progress(a.trainee, a.scenario)).attempts.append(a)
        for key in a.applied:
            applied[key] += 1
        for key in a.missed:
            missed[key] += 1
        for cue, recognised in a.cues:
            cue_shown[cue] += 1
            cue_missed[cue] += not recognised
    progress = sorted(by_pair.values(), key=lambda p: (p.trainee.lower(), p.trainee, p.scenario))
    trainees = sorted({p.trainee for p in progress}, key=lambda t: (t.lower(), t))
    offered = sorted(set(library) | {p.scenario for p in progress})
    not_passed = {t: [s for s in offered if not (by_pair.get((t, s)) and by_pair[(t, s)].passed_ever)]
                  for t in trainees}
    return Report(progress=progress,
                  missed=sorted(((r, c, missed[(r, c)], n) for (r, c), n in applied.items() if missed[(r, c)]),
                                key=lambda x: (-x[2] / x[3], -x[3], x[0], x[1])),
                  cues=sorted(((c, cue_missed[c], n) for c, n in cue_shown.items() if cue_missed[c]),
                              key=lambda x: (-x[1] / x[2], -x[2], x[0])),
                  not_passed=not_passed, attempts=sum(len(p.attempts) for p in progress),
                  skipped=sorted(set(skipped), key=lambda k: (k.path, k.reason)),
                  pass_marks=dict(sorted(pass_marks.items())))


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}%"


def render_markdown(report: Report) -> str:
    out = [f"# Progress report\n\n{report.attempts} scored attempt{'s' if report.attempts != 1 else ''}, "
           f"{len(report.not_passed)} trainee{'s' if len(report.not_passed) != 1 else ''}. {report.pass_mark_text}\n"]
    current = None
    for p in report.progress:
        if p.trainee != current:
            current = p.trainee
            out.append(f"\n## {md_text(p.trainee)}\n")
            out.append("| Scenario | Attempts | Passed | Rubric | First | Best | Latest | Trend |")
            out.append("| --- | ---: | --- | --- | ---: | ---: | ---: | ---: |")
        for i, rubric in enumerate(p.rubric_ids):
            first, best, latest = p.rubric(rubric)
            trend = "—" if first is None or latest is None or len(p.attempts) < 2 else f"{latest - first:+.0f}"
            lead = (f"| {md_text(p.scenario)} | {len(p.attempts)} | {'yes' if p.passed_ever else 'not yet'} "
                    f"({p.pass_rate:.0%} of attempts) |") if i == 0 else "| | | |"
            out.append(f"{lead} {md_text(rubric)} | {_pct(first)} | {_pct(best)} | {_pct(latest)} | {trend} |")
    out.append("\n## Cohort\n")
    out.append("### Criteria most often missed\n")
    if report.missed:
        out.append("| Rubric | Criterion | Missed | Rate |")
        out.append("| --- | --- | ---: | ---: |")
        out += [f"| {md_text(r)} | {md_text(c)} | {m} of {n} | {m / n:.0%} |" for r, c, m, n in report.missed[:15]]
    else:
        out.append("None missed.")
    out.append("\n### Cues most often missed\n")
    if report.cues:
        out.append("| Cue | Not recognised | Rate |")
        out.append("| --- | ---: | ---: |")
        out += [f"| {md_text(c)} | {m} of {n} | {m / n:.0%} |" for c, m, n in report.cues]
    else:
        out.append("Every cue shown was recognised.")
    out.append("\n### Not passed yet\n")
    for trainee, scenarios in report.not_passed.items():
        listed = ", ".join(md_text(s) for s in scenarios) if scenarios else "every scenario passed"
        out.append(f"- {md_text(trainee)}: {listed}")
    if report.skipped:
        n = len(report.skipped)
        out.append(f"\n## Skipped\n\n{n} file{'s' if n != 1 else ''} not counted.\n")
        out.append("| File | Reason |")
        out.append("| --- | --- |")
        out += [f"| {md_text(k.path)} | {md_text(k.reason)} |" for k in report.skipped]
    return "\n".join(out) + "\n"


#: one row per trainee, scenario and rubric
CSV_COLUMNS = ("trainee", "scenario", "rubric", "attempts", "passed_ever", "pass_rate", "first_percent",
               "best_percent", "latest_percent", "trend", "first_recorded", "latest_recorded")


def render_csv(report: Report) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for p in report.progress:
        for rubric in p.rubric_ids:
            first, best, latest = p.rubric(rubric)
            trend = "" if first is None or latest is None or len(p.attempts) < 2 else f"{latest - first:.1f}"
            writer.writerow([spreadsheet_cell(p.trainee), spreadsheet_cell(p.scenario), rubric, len(p.attempts),
                             "yes" if p.passed_ever else "no", f"{p.pass_rate:.2f}",
                             "" if first is None else f"{first:.1f}", "" if best is None else f"{best:.1f}",
                             "" if latest is None else f"{latest:.1f}", trend,
                             p.attempts[0].recorded, p.attempts[-1].recorded])
    return buffer.getvalue()


def spreadsheet_cell(text: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
