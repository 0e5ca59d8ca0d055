"""Every problem Talkdown reports about a file, in one catalogue (Yarn Spinner's rule).

Each code has a severity, a message template and a one-line description. Producers
name a code and fill in the template's fields; nothing else types a message for a
code. ``docs/scenario-format.md``, ``docs/rubric-format.md`` and ``docs/events.md``
list the codes of their files and a test keeps them equal to this catalogue;
``talkdown codes`` prints it. This module imports nothing of ours.
"""

from __future__ import annotations

import difflib
import string
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz

Severity = Literal["error", "warning"]
Family = Literal["file", "scenario", "rubric", "bank", "transcript"]


@dataclass(frozen=True)
class Code:
    code: str
    severity: Severity
    family: Family
    """Which files it is about: ``file`` codes apply to every authored YAML file."""
    template: str
    """The message, with ``{field}`` placeholders the producer fills in."""
    description: str
    """One line for the documentation tables."""

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(name for _, name, _, _ in string.Formatter().parse(self.template) if name)

    def message(self, **fields: object) -> str:
        missing = set(self.fields) - set(fields)
        if missing:
            raise TypeError(f"{self.code} needs {', '.join(sorted(missing))}")
        return self.template.format(**fields)


_CODES = (
    # Any authored YAML file (scenarios, rubrics, phrase banks).
    Code("TD100", "error", "file", "this is not valid YAML: {detail}.",
         "not valid YAML (or a tag `safe_load` refuses)"),
    Code("TD101", "error", "file", "unknown key '{name}'.", 'unknown key (with "did you mean")'),
    Code("TD102", "error", "file", "{detail}", "wrong type or value"),
    Code("TD103", "error", "file", "this key is required but missing{detail}.", "required key missing"),
    Code("TD104", "error", "file", "the key '{name}' appears twice in the same mapping (first on line {first}); "
         "YAML keeps only the last one.", "the same key twice in one mapping"),
    Code("TD105", "error", "file", "{detail}; an authored file needs at most {limit}.",
         "beyond a size limit (nesting depth, aliases, their expansion): refused before it is read"),
    Code("TD106", "error", "file", "the alias '*{name}' refers to the node it is inside, which would never "
         "end.", "an alias inside its own anchor (a cycle)"),
    Code("TD107", "error", "file", "{count} more problems like the ones above are not listed; fix those first.",
         "more than 200 problems from one file's keys: the rest are counted, not listed"),
    Code("TD120", "error", "file", "no such file or folder.", "file or folder missing"),
    Code("TD122", "error", "file", "no scenario or rubric files (*.yaml) here.", "nothing to check in a folder"),
    Code("TD121", "error", "file", "cannot be read: {detail}.", "file unreadable (permissions, encoding)"),
    # Scenario files.
    Code("TD110", "error", "scenario", "there is no phase called '{name}'.",
         "reference to a phase that does not exist"),
    Code("TD111", "error", "scenario", "there is no cue called '{name}'.", "reference to a cue that does not exist"),
    Code("TD112", "error", "scenario", "there is no variant {what} called '{name}'.",
         "reference to a variant dimension or option that does not exist"),
    Code("TD113", "error", "scenario", "there is no topic called '{name}'.",
         "reference to a topic that does not exist"),
    Code("TD114", "error", "scenario", "there is no person called '{name}' in this scene.",
         "reference to a person that does not exist (a condition's `person` or `addressed`, a walkthrough's "
         "`@name`, `/talk-to` or `/partner` task)"),
    Code("TD115", "error", "scenario", "the {what} id '{name}' is used twice.", "an id used twice"),
    Code("TD116", "error", "scenario", "the first phase is where the session starts, so it cannot end the "
         "session.", "the first phase ends the session"),
    Code("TD117", "error", "scenario", "the partner is not offered the task '{name}' in 'partner.tasks'.",
         "a walkthrough gives the partner a task the scene does not offer (or there is no partner)"),
    Code("TD118", "error", "scenario", "{detail}",
         "something a scene with several people needs: a topic or cue under a person, a person id that is not a "
         "reserved word, a person named in a partner task that names one"),
    Code("TD201", "warning", "scenario", "no transition leads to the phase '{name}'.",
         "no transition reaches this phase"),
    Code("TD202", "warning", "scenario", "no path leads to a 'resolved' or 'referred' outcome: the recruit "
         "cannot succeed.", "no path to a `resolved` or `referred` outcome"),
    Code("TD203", "warning", "scenario", "this cue needs the phase '{name}', which is never reached, so it can "
         "never be shown.", "a cue can never be shown"),
    Code("TD204", "warning", "scenario", "this condition needs the phase '{name}', which is never reached, so "
         "it can never hold.", "a condition needs a phase that is never reached"),
    Code("TD205", "warning", "scenario", "the line '{text}' appears {count} times in the same list.",
         "the same line twice in one list"),
    Code("TD206", "warning", "scenario", "the phase '{name}' has no way out: once there, only the turn limit "
         "or an outcome condition can end the session.", "a phase with no way out"),
    Code("TD207", "warning", "scenario", "{low} is not below {high}: this can never hold.",
         "a condition's range is empty (an `_at_least` not below its `_below`)"),
    Code("TD208", "warning", "scenario", "the action '{name}' is not offered in 'actions', so this can never "
         "hold.", "a condition needs an action the scenario does not offer"),
    Code("TD209", "warning", "scenario", "'{text}' reads like narration, not speech.",
         "a line the subject would say reads like narration (put it under `narration`)"),
    Code("TD210", "warning", "scenario", "nothing sets the flag '{name}', so this can never {what}.",
         "a condition tests a flag that nothing sets"),
    Code("TD211", "warning", "scenario", "every answer of the topic '{name}' has a `when`; when none holds, the "
         "subject answers with a band line.", "a topic with no answer for every state"),
    Code("TD213", "warning", "scenario", "no rubric has a criterion '{name}', so this weight is never used.",
         "a scoring weight for a criterion no rubric has"),
    Code("TD214", "warning", "scenario", "a TODO is left here: '{text}'.",
         "a TODO left in the file (from `talkdown new`)"),
    Code("TD212", "warning", "scenario", "the variant option '{name}' changes nothing: no condition, flag, start "
         "state or personality depends on it.", "a variant option that changes nothing"),
    # Rubric files.
    Code("TD140", "error", "rubric", "{name!r} is not a known measure; expected one of: {allowed}.",
         "unknown `measure` (a rubric cannot define new ones)"),
    Code("TD141", "error", "rubric", "there is no technique or group called '{name}'.",
         "no technique or group by that name"),
    Code("TD142", "error", "rubric", "the group name '{name}' is already a {what}.",
         "a group named like a technique or built-in group"),
    Code("TD143", "error", "rubric", "the criterion id '{name}' is used twice (first in criteria[{first}]).",
         "a criterion id used twice in one rubric"),
    Code("TD144", "warning", "rubric", "'{name}' already earns full marks (it is in 'outcomes'); this part "
         "credit is never used.", "part credit for an outcome that already earns full marks"),
    Code("TD145", "error", "rubric", "no rubric files (*.yaml) in this folder.",
         "no rubric files in the rubrics folder"),
    Code("TD146", "error", "rubric", "the rubric id '{name}' is also used by {other}.",
         "two rubric files with the same id"),
    # Phrase banks (the language layer's data, a scenario's `language`, `analyze --banks`).
    Code("TD301", "error", "bank", "unknown technique id '{name}'.", "unknown technique id"),
    Code("TD302", "error", "bank", "this is not a valid regular expression: {detail}.",
         "a pattern that is not a valid regular expression"),
    Code("TD303", "error", "bank", "unknown macro {{{{{name}}}}}.", "a pattern uses an unknown macro"),
    Code("TD304", "error", "bank", "this pattern needs two spaces in a row ({detail}), which the text it reads never "
         "has (words are joined by one space).", "a pattern that needs two spaces in a row, so it never matches"),
    Code("TD305", "error", "bank", "this pattern could take exponential time on some replies: {detail}.",
         "a pattern that could take exponential time (a repeat inside a repeat)"),
    # Transcripts and event logs.
    Code("TD401", "error", "transcript", "no such transcript.", "transcript missing"),
    Code("TD402", "error", "transcript", "cannot be read: {detail}.", "transcript unreadable"),
    Code("TD403", "error", "transcript", "line {number} is not a JSON object ({detail}).",
         "a line (not the last) that is not a JSON object"),
    Code("TD404", "error", "transcript", "unknown event '{name}'; this version knows: {known}.",
         "an event kind this version does not know"),
    Code("TD405", "error", "transcript", "{detail}", "an event with a missing or wrong field"),
    Code("TD406", "error", "transcript", "a transcript must start with a 'started' event.",
         "the first event is not `started`"),
    Code("TD407", "warning", "transcript", "the last line was cut short (the session was interrupted) and "
         "was skipped.", "the last line is incomplete (a crash mid-write); it is skipped"),
    Code("TD408", "error", "transcript", "transcript format {found} is newer than this version reads "
         "({supported}).", "a transcript written by a newer version"),
    Code("TD409", "error", "transcript", "no transcripts (*.jsonl) here.", "no transcripts in a folder"),
    Code("TD410", "error", "transcript", "the transcript cannot be saved: {detail}.",
         "a session's transcript could not be written (disk full, quota, I/O error); the file keeps every complete "
         "turn before it"),
    Code("TD411", "error", "transcript", "transcripts cannot be saved in this folder: {detail}.",
         "the transcripts folder is a file, read-only or not writable: the session does not start"),
    Code("TD412", "error", "transcript", "line {number} is longer than {limit} bytes, so it is not an event.",
         "a line too long to be an event (refused before it is read)"),
)

CATALOGUE: dict[str, Code] = {c.code: c for c in _CODES}


def codes_of(*families: Family) -> list[Code]:
    return sorted((c for c in _CODES if c.family in families), key=lambda c: c.code)


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or suspicious) in a file.

    ``line`` and ``column`` are 1-based and only set when the parser really knows
    them; a made-up number is worse than none.
    """

    file: str
    key: str
    message: str
    code: str
    line: int | None = None
    column: int | None = None
    hint: str | None = None
    severity: Severity = "error"

    @classmethod
    def of(cls, code: str, *, file: str, key: str = "", line: int | None = None, column: int | None = None,
           hint: str | None = None, **fields: object) -> Problem:
        """The problem ``code`` of the catalogue, its template filled with ``fields``."""
        entry = CATALOGUE[code]
        return cls(file=file, key=key, message=entry.message(**fields), code=code, line=line, column=column,
                   hint=hint, severity=entry.severity)

    def where(self) -> str:
        spot = self.file
        if self.line is not None:
            spot += f":{self.line}"
            if self.column is not None:
                spot += f":{self.column}"
        return spot

    def format(self) -> str:
        """One paragraph: where, which key, what was expected, and a hint."""
        key = f" at '{self.key}'" if self.key else ""
        text = f"{self.where()}: {self.severity} {self.code}{key}: {self.message}"
        if self.hint:
            text += f" {self.hint}"
        return text

    def to_dict(self) -> dict:
        return {"file": self.file, "line": self.line, "column": self.column, "key": self.key,
                "code": self.code, "severity": self.severity, "message": self.message, "hint": self.hint}


class DataFileError(Exception):
    """A file cannot be used; carries every problem found in it."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(p.format() for p in problems))

    @property
    def first(self) -> Problem:
        return self.problems[0]


def did_you_mean(name: object, choices: Iterable[str]) -> str | None:
    """'Did you mean ...?' for a near name, or None."""
    if not isinstance(name, str):
        return None
    # rapidfuzz's ratio (from the longest common subsequence) is never below difflib's (from matching
    # blocks), so the few choices it keeps hold every one difflib would pick: the same answer, without
    # difflib's cost on every choice (a file of 50,000 unknown keys asks 50,000 times)
    candidates = [c for c in choices if fuzz.ratio(name, c, processor=None) >= 59.99]
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6) if candidates else []
    return f"Did you mean '{close[0]}'?" if close else None


def markdown_table(*families: Family) -> str:
    """The documentation table of the codes of ``families`` (the docs hold exactly this)."""
    rows = ["| code | severity | meaning |", "| --- | --- | --- |"]
    rows += [f"| {c.code} | {c.severity} | {c.description} |" for c in codes_of(*families)]
    return "\n".join(rows) + "\n"
