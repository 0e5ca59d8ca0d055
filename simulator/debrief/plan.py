"""A training plan from an agency's call data (issue 13, point 6): which scenarios to drill, in
which order, for the whole cohort and for each trainee.

The agency gives its calls for service counted by call type (a CSV, ``call_type,count``, see
docs/plan.md); each scenario trains one call type (its ``tags.call_type``).  A scenario's priority
is the share of the agency's calls that are of its call type times the cohort's weakness on it:

    priority = share of calls × weakness
    weakness = share of the cohort's trainees who have not passed the scenario yet

where a trainee who never tried it counts as not passed (and with no results at all every
scenario is fully weak, so the order is the call data's).  Passing is the report's: an attempt
passes when every rubric reaches its pass mark.  A call type with no scenario is listed, never
fatal; a scenario whose call type the agency did not count has priority 0.  Each trainee drills
the scenarios they have not passed, in the cohort's priority order.  Everything is sorted, so the
same files give the same plan.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from simulator.debrief.render import md_text
from simulator.debrief.report import Attempt, build_report, spreadsheet_cell

#: the header of a calls file (docs/plan.md); other columns are ignored
CALL_TYPE, COUNT = "call_type", "count"
#: the plan as CSV, one row per scenario in drill order, then one per call type with no scenario
CSV_COLUMNS = ("rank", "scenario", "call_type", "calls", "call_share", "trainees", "passed", "weakness", "priority",
               "to_drill", "note")
NO_SCENARIO = "no scenario for this call type"
NOT_IN_CALLS = "call type not in the call data"


class CallsError(ValueError):
    """A calls file that cannot be used; the message is one paragraph naming the file, the line
    and the column."""


def call_type_key(text: str) -> str:
    """A call type as compared: case, surrounding spaces and the separator between words ignored
    ("Welfare Check", "welfare_check" and "welfare-check" are one type)."""
    return re.sub(r"[\s_-]+", "-", text.strip().casefold()).strip("-")


@dataclass(frozen=True)
class Calls:
    """An agency's calls for service per call type."""

    path: str
    counts: dict[str, int]
    """Per call type (as compared, see :func:`call_type_key`), the calls counted (summed when a
    type is on several lines)."""
    written: dict[str, str]
    """Per call type, as first written in the file."""

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def share(self, key: str) -> float:
        return self.counts.get(key, 0) / self.total


def read_calls(path: Path) -> Calls:
    """The calls file at ``path``; CallsError when it cannot be read or used."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CallsError(f"{path}: cannot read the call counts ({exc.strerror or exc}).") from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CallsError(f"{path}: not UTF-8 text (byte {exc.start + 1}); save the call counts as CSV in "
                         f"UTF-8.") from exc
    return parse_calls(text, str(path))


def _header(row: list[str], where: str) -> tuple[int, int]:
    names = [re.sub(r"[\s-]+", "_", cell.strip().casefold()) for cell in row]
    for wanted in (CALL_TYPE, COUNT):
        if wanted not in names:
            found = ", ".join(f"'{c.strip()}'" for c in row if c.strip()) or "nothing"
            raise CallsError(f"{where}: no '{wanted}' column in the header (found {found}). The first line "
                             f"must name the columns: {CALL_TYPE},{COUNT}.")
    return names.index(CALL_TYPE), names.index(COUNT)


def _count(cell: str, where: str) -> int:
    value = cell.strip().replace("_", "")
    if not value.isascii() or not value.isdigit():
        raise CallsError(f"{where} ({COUNT}): {cell.strip()!r} is not a whole number of calls. Write the number "
                         f"of calls of this type, 0 or more, digits only (e.g. 120).")
    return int(value)


def parse_calls(text: str, name: str) -> Calls:
    """Call counts from CSV text (``name``: the file, for messages). A line starting with ``#`` is a
    comment; blank lines are ignored; cells may have spaces around them."""
    counts: dict[str, int] = {}
    written: dict[str, str] = {}
    columns: tuple[int, int] | None = None
    reader = csv.reader(io.StringIO(text))
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row) or row[0].lstrip().startswith("#"):
                continue
            if columns is None:
                columns = _header(row, f"{name}, line {line}")
                continue
            for column, label in zip(columns, (CALL_TYPE, COUNT), strict=True):
                if column >= len(row) or not row[column].strip():
                    raise CallsError(f"{name}, line {line}, column {column + 1} ({label}): missing. Each line "
                                     f"after the header is a call type and its count, e.g. welfare-check,120.")
            raw_type = row[columns[0]].strip()
            key = call_type_key(raw_type)
            if not key:
                raise CallsError(f"{name}, line {line}, column {columns[0] + 1} ({CALL_TYPE}): "
                                 f"{raw_type!r} is not a call type name.")
            counts[key] = counts.get(key, 0) + _count(row[columns[1]], f"{name}, line {line}, column {columns[1] + 1}")
            written.setdefault(key, raw_type)
    except csv.Error as exc:
        raise CallsError(f"{name}, line {reader.line_num}: not readable as CSV ({exc}).") from exc
    if columns is None or not counts:
        raise CallsError(f"{name}: no call counts. The first line names the columns ({CALL_TYPE},{COUNT}), then one "
                         f"line per call type, e.g. welfare-check,120.")
    if not sum(counts.values()):
        raise CallsError(f"{name}: every count is 0; the plan weighs each scenario by how often its call type "
                         f"happens.")
    return Calls(path=name, counts=dict(sorted(counts.items())), written=written)


@dataclass(frozen=True)
class Offered:
    """A scenario of the library, as the plan needs it."""

    id: str
    call_type: str


@dataclass(frozen=True)
class Drill:
    """One scenario's place in the plan, with the numbers behind it."""

    rank: int
    scenario: str
    call_type: str
    calls: int
    share: float
    """Its call type's share of all the agency's calls, 0 to 1."""
    trainees: int
    passed: int
    """Trainees of the cohort who have passed it."""
    weakness: float
    priority: float
    to_drill: tuple[str, ...]
    """The trainees who have not passed it yet."""

    @property
    def note(self) -> str:
        return NOT_IN_CALLS if not self.calls else ""


@dataclass
class Plan:
    calls: Calls
    drills: list[Drill]
    """Every scenario of the library, highest priority first."""
    unknown: list[tuple[str, int, float]]
    """(call type as written, calls, share) of each call type with no scenario, most calls first."""
    per_trainee: dict[str, list[str]]
    """Per trainee, the scenarios not passed yet, in drill order."""
    attempts: int
    pass_mark_text: str


def build_plan(calls: Calls, library: Sequence[Offered], attempts: Iterable[Attempt],
               cohort: Iterable[str] = ()) -> Plan:
    """The plan for the trainees of ``attempts`` (and those named in ``cohort``, who may not have
    played yet) over the scenarios of ``library``."""
    report = build_report(attempts, [s.id for s in library])
    trainees = sorted(set(report.not_passed) | set(cohort), key=lambda t: (t.lower(), t))
    not_passed = {t: set(report.not_passed.get(t, [s.id for s in library])) for t in trainees}
    drills = []
    for s in library:
        key = call_type_key(s.call_type)
        to_drill = tuple(t for t in trainees if s.id in not_passed[t])
        weakness = len(to_drill) / len(trainees) if trainees else 1.0
        share = calls.share(key)
        drills.append(Drill(0, s.id, s.call_type, calls.counts.get(key, 0), share, len(trainees),
                            len(trainees) - len(to_drill), weakness, share * weakness, to_drill))
    drills.sort(key=lambda d: (-d.priority, -d.share, -d.weakness, d.scenario))
    drills = [replace(d, rank=i) for i, d in enumerate(drills, 1)]
    covered = {call_type_key(s.call_type) for s in library}
    unknown = sorted(((calls.written[k], n, calls.share(k)) for k, n in calls.counts.items() if k not in covered),
                     key=lambda u: (-u[1], call_type_key(u[0])))
    per_trainee = {t: [d.scenario for d in drills if t in d.to_drill] for t in trainees}
    return Plan(calls=calls, drills=drills, unknown=unknown, per_trainee=per_trainee, attempts=report.attempts,
                pass_mark_text=report.pass_mark_text)


def _percent(share: float) -> str:
    return f"{100 * share:.1f}%"


def render_markdown(plan: Plan) -> str:
    calls, n = plan.calls, len(plan.per_trainee)
    types = len(calls.counts)
    out = [f"# Training plan\n\nFrom {md_text(calls.path)}: {calls.total:,} call{'s' if calls.total != 1 else ''} "
           f"of {types} call type{'s' if types != 1 else ''}, {types - len(plan.unknown)} with a scenario. "
           f"Cohort: {n} trainee{'s' if n != 1 else ''}, {plan.attempts} scored attempt"
           f"{'s' if plan.attempts != 1 else ''}. {plan.pass_mark_text}\n",
           "## Drill order\n",
           "| # | Scenario | Call type | Calls | Share of calls | Passed by | Weakness | Priority |",
           "| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: |"]
    for d in plan.drills:
        passed = f"{d.passed} of {d.trainees}" if d.trainees else "no results"
        calls_cell = f"{d.calls:,}" if d.calls else f"0 ({NOT_IN_CALLS})"
        out.append(f"| {d.rank} | {md_text(d.scenario)} | {md_text(d.call_type)} | {calls_cell} | {_percent(d.share)} "
                   f"| {passed} | {d.weakness:.2f} | {d.priority:.3f} |")
    out.append("\nPriority = share of calls × weakness. Weakness = the share of the cohort who have not passed the "
               "scenario yet (a trainee who never tried it counts as not passed; with no results, 1).")
    out.append("\n## Per trainee\n")
    if plan.per_trainee:
        for trainee, scenarios in plan.per_trainee.items():
            listed = ", ".join(md_text(s) for s in scenarios) if scenarios else "every scenario passed"
            out.append(f"- {md_text(trainee)}: {listed}")
    else:
        out.append("No results yet: every trainee drills the scenarios in the order above.")
    if plan.unknown:
        out.append("\n## Call types with no scenario\n")
        out.append("| Call type | Calls | Share of calls | |")
        out.append("| --- | ---: | ---: | --- |")
        out += [f"| {md_text(t)} | {n:,} | {_percent(share)} | {NO_SCENARIO} |" for t, n, share in plan.unknown]
    return "\n".join(out) + "\n"


def render_csv(plan: Plan) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for d in plan.drills:
        writer.writerow([d.rank, spreadsheet_cell(d.scenario), spreadsheet_cell(d.call_type), d.calls,
                         f"{d.share:.4f}", d.trainees, d.passed, f"{d.weakness:.4f}", f"{d.priority:.4f}",
                         spreadsheet_cell("; ".join(d.to_drill)), d.note])
    for call_type, n, share in plan.unknown:
        writer.writerow(["", "", spreadsheet_cell(call_type), n, f"{share:.4f}", "", "", "", "", "", NO_SCENARIO])
    return buffer.getvalue()
