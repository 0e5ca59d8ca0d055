"""Load rubric files: YAML with positions, model validation, then name checks.

Errors look exactly like scenario errors: file, line, column, dotted key, what was
expected and a "did you mean" when a name is close.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from pathlib import Path

from simulator.datafiles import YamlDocument, read_yaml, validate_model, yaml_files
from simulator.problems import DataFileError, Problem, did_you_mean
from simulator.scoring.groups import BUILTIN_GROUPS
from simulator.scoring.model import MEASURES, Rubric, RubricHead
from simulator.vocabulary import TECHNIQUE_IDS

#: Keys of a criterion that hold technique ids or group names.
NAME_KEYS = ("techniques", "numerator", "denominator", "denominator_except", "fewer", "engaged_by", "influence",
             "listening")


@dataclass(frozen=True)
class LoadedRubric:
    rubric: Rubric
    path: str
    content_hash: str
    groups: dict[str, frozenset[str]]
    """Every group name the rubric may use (built-in and its own), as technique ids."""

    @property
    def id(self) -> str:
        return self.rubric.id

    @property
    def version(self) -> int:
        return self.rubric.version

    def techniques(self, names: list[str]) -> frozenset[str]:
        """Technique ids named directly or through groups."""
        out: set[str] = set()
        for name in names:
            out |= self.groups.get(name, {name})
        return frozenset(out)


def _criterion_positions(doc: YamlDocument) -> dict[int, dict[tuple, tuple[int, int]]]:
    """The positions under each ``criteria[i]``, relative to it: one pass over the file's positions
    (a pass for each criterion took minutes for a rubric of thousands of criteria)."""
    out: dict[int, dict[tuple, tuple[int, int]]] = {}
    for path, position in doc.positions.items():
        if len(path) >= 2 and path[0] == "criteria" and isinstance(path[1], int):
            out.setdefault(path[1], {})[path[2:]] = position
    return out


def _rekey(problem: Problem, prefix: str) -> Problem:
    key = problem.key
    key = prefix + (key if key.startswith("[") or not key else "." + key)
    return dataclasses.replace(problem, key=key)


def _check_criterion(doc: YamlDocument, i: int, raw: object, positions: dict[tuple, tuple[int, int]]
                     ) -> list[Problem]:
    path = ("criteria", i)
    if not isinstance(raw, dict):
        return [doc.problem(path, "TD102",
                            detail=f"each criterion must be a mapping of keys (got {type(raw).__name__}).")]
    measure = raw.get("measure")
    allowed = ", ".join(MEASURES)
    if measure is None:
        problem = doc.problem(path, "TD103", detail=f"; expected one of: {allowed}")
        return [dataclasses.replace(problem, key=f"criteria[{i}].measure")]
    if not isinstance(measure, str):
        return [doc.problem((*path, "measure"), "TD102",
                            detail=f"'measure' must be one name (got {type(measure).__name__}); "
                                   f"expected one of: {allowed}.")]
    if measure not in MEASURES:
        hint = did_you_mean(measure, MEASURES) or "A rubric cannot define new measures."
        return [doc.problem((*path, "measure"), "TD140", hint, name=measure, allowed=allowed)]
    sub = YamlDocument(file=doc.file, text=doc.text, data=raw, positions=positions)
    _, problems = validate_model(sub, MEASURES[measure])
    return [_rekey(p, f"criteria[{i}]") for p in problems]


def _check_names(doc: YamlDocument, data: dict) -> list[Problem]:
    problems: list[Problem] = []
    raw_groups = data.get("groups")
    groups: dict = raw_groups if isinstance(raw_groups, dict) else {}
    named = {name for name in groups if isinstance(name, str)}  # another key is the model's TD102
    known = set(TECHNIQUE_IDS) | set(BUILTIN_GROUPS)

    def check(path: tuple, names: object, choices: set[str]) -> None:
        if not isinstance(names, list):
            return
        for k, name in enumerate(names):
            if not isinstance(name, str) or name in choices:
                continue
            hint = did_you_mean(name, sorted(choices)) or (
                "Use a technique id (e.g. paraphrase) or a group: " + ", ".join(sorted(
                    set(BUILTIN_GROUPS) | named)) + ".")
            problems.append(doc.problem((*path, k), "TD141", hint, name=name))

    for name, members in groups.items():
        if name in known:
            what = "technique" if name in TECHNIQUE_IDS else "built-in group"
            problems.append(doc.problem(("groups", name), "TD142", "Give the group another name.", name=name,
                                        what=what))
        check(("groups", name), members, known)
    usable = known | named
    seen: dict[str, int] = {}
    raw_criteria = data.get("criteria")
    criteria: list = raw_criteria if isinstance(raw_criteria, list) else []
    for i, crit in enumerate(criteria):
        if not isinstance(crit, dict):
            continue
        for key in NAME_KEYS:
            check(("criteria", i, key), crit.get(key), usable)
        services = crit.get("services")
        for k, service in enumerate(services if isinstance(services, list) else []):
            if isinstance(service, dict):
                check(("criteria", i, "services", k, "techniques"), service.get("techniques"), usable)
        ident = crit.get("id")
        if isinstance(ident, str):
            if ident in seen:
                problems.append(doc.problem(("criteria", i, "id"), "TD143",
                                            "Each id must be unique within the rubric.", name=ident,
                                            first=seen[ident]))
            else:
                seen[ident] = i
        partial = crit.get("partial")
        full = crit.get("outcomes")
        if isinstance(partial, dict) and isinstance(full, list):
            for outcome in set(partial) & {o for o in full if isinstance(o, str)}:  # others: a TD102 already
                problems.append(doc.problem(("criteria", i, "partial", outcome), "TD144",
                                            "Remove it from one of the two.", name=outcome))
    return problems


def content_hash(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _problems(doc: YamlDocument) -> tuple[Rubric | None, list[Problem]]:
    head, problems = validate_model(doc, RubricHead)
    data = doc.data if isinstance(doc.data, dict) else {}
    criteria = data.get("criteria")
    if isinstance(criteria, list):
        positions = _criterion_positions(doc)
        for i, raw in enumerate(criteria):
            problems += _check_criterion(doc, i, raw, positions.get(i, {}))
    if isinstance(doc.data, dict):
        problems += _check_names(doc, data)
    problems = list(dict.fromkeys(problems))  # the head and a criterion may both report one thing
    problems.sort(key=lambda p: (p.line or 0, p.column or 0))
    rubric = None
    if head is not None and not any(p.severity == "error" for p in problems):
        rubric = Rubric.model_validate(data)
    return rubric, problems


def load_rubric(path: str | Path) -> LoadedRubric:
    """Load and validate one rubric; raise DataFileError with every error found."""
    doc = read_yaml(path)
    rubric, problems = _problems(doc)
    errors = [p for p in problems if p.severity == "error"]
    if errors or rubric is None:
        raise DataFileError(errors or problems)
    groups = {name: frozenset(members) for name, members in BUILTIN_GROUPS.items()}
    for name, members in rubric.groups.items():
        groups[name] = frozenset(t for m in members for t in BUILTIN_GROUPS.get(m, (m,)))
    return LoadedRubric(rubric=rubric, path=str(path), content_hash=content_hash(doc.text), groups=groups)


def check_rubric_file(path: str | Path) -> list[Problem]:
    """Every problem (errors and warnings) in one rubric file, for `talkdown check`."""
    try:
        doc = read_yaml(path)
    except DataFileError as exc:
        return exc.problems
    return _problems(doc)[1]


def rubric_files(folder: str | Path) -> list[Path]:
    """The rubric files of a folder (or the one file given)."""
    return yaml_files([folder])


def load_rubrics(folder: str | Path) -> list[LoadedRubric]:
    """Every rubric in a folder (or one file), in file-name order.

    Raises DataFileError with the problems of every bad file, and when two files use
    the same rubric id or the folder holds none.
    """
    p = Path(folder)
    if not p.exists():
        raise DataFileError([Problem.of("TD120", file=str(p),
                                        hint="Set TALKDOWN_RUBRICS or run from the project folder.")])
    files = rubric_files(p)
    if not files:
        raise DataFileError([Problem.of("TD145", file=str(p))])
    loaded: list[LoadedRubric] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for f in files:
        try:
            rubric = load_rubric(f)
        except DataFileError as exc:
            problems += exc.problems
            continue
        if rubric.id in seen:
            problems.append(Problem.of("TD146", file=str(f), key="id", name=rubric.id, other=seen[rubric.id],
                                       hint="Each rubric needs its own id."))
            continue
        seen[rubric.id] = str(f)
        loaded.append(rubric)
    if problems:
        raise DataFileError(problems)
    return loaded
