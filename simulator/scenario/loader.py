"""Load a scenario file: YAML with positions, model validation, then cross-references."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from simulator.datafiles import YamlDocument, read_yaml, validate_model, yaml_files
from simulator.problems import DataFileError, Problem, did_you_mean
from simulator.scenario.model import PERSON_TASKS, RESERVED_PERSON_IDS, Condition, Scenario

PathT = tuple[str | int, ...]


@dataclass(frozen=True)
class LoadedScenario:
    scenario: Scenario
    path: str
    content_hash: str
    document: YamlDocument


def iter_conditions(s: Scenario) -> Iterator[tuple[PathT, Condition]]:
    """Every condition in the scenario with the YAML path it sits at (nested ones too)."""

    def walk(path: PathT, cond: Condition) -> Iterator[tuple[PathT, Condition]]:
        yield path, cond
        for key in ("all", "any"):
            for i, sub in enumerate(getattr(cond, key) or []):
                yield from walk((*path, key, i), sub)
        if cond.not_ is not None:
            yield from walk((*path, "not"), cond.not_)

    for i, phase in enumerate(s.phases):
        for j, tr in enumerate(phase.transitions):
            yield from walk(("phases", i, "transitions", j, "when"), tr.when)
    for i, cue in enumerate(s.cues):
        yield from walk(("cues", i, "when"), cue.when)
    for i, person in enumerate(s.people):
        for j, cue in enumerate(person.cues):
            yield from walk(("people", i, "cues", j, "when"), cue.when)
        for j, topic in enumerate(person.topics):
            for k, answer in enumerate(topic.answers):
                if answer.when is not None:
                    yield from walk(("people", i, "topics", j, "answers", k, "when"), answer.when)
    if s.partner is not None:
        if s.partner.talks_over is not None:
            yield from walk(("partner", "talks_over"), s.partner.talks_over)
        for i, task in enumerate(s.partner.tasks):
            if task.when is not None:
                yield from walk(("partner", "tasks", i, "when"), task.when)
    for i, trig in enumerate(s.triggers):
        if trig.when is not None:
            yield from walk(("triggers", i, "when"), trig.when)
    for i, action in enumerate(s.actions):
        if action.when is not None:
            yield from walk(("actions", i, "when"), action.when)
    for i, rule in enumerate(s.outcomes):
        if rule.when is not None:
            yield from walk(("outcomes", i, "when"), rule.when)
    for i, topic in enumerate(s.topics):
        for j, answer in enumerate(topic.answers):
            if answer.when is not None:
                yield from walk(("topics", i, "answers", j, "when"), answer.when)
    for i, objective in enumerate(s.objectives):
        if not isinstance(objective, str):
            yield from walk(("objectives", i, "done"), objective.done)
    for i, req in enumerate(s.requirements):
        if req.applies is not None:
            yield from walk(("requirements", i, "applies"), req.applies)
        yield from walk(("requirements", i, "needs"), req.needs)
    for key in ("eases_when", "worsens_when"):
        if getattr(s.time, key) is not None:
            yield from walk(("time", key), getattr(s.time, key))


def _items(data: object, key: str) -> list[tuple[int, dict]]:
    seq = data.get(key) if isinstance(data, dict) else None
    return [(i, x) for i, x in enumerate(seq) if isinstance(x, dict)] if isinstance(seq, list) else []


def _raw_conditions(data: dict) -> Iterator[tuple[PathT, dict]]:
    """Every condition mapping in the raw file, so references are checked even when
    other parts of the file failed validation."""

    def walk(path: PathT, cond: object) -> Iterator[tuple[PathT, dict]]:
        if not isinstance(cond, dict):
            return
        yield path, cond
        for key in ("all", "any"):
            subs = cond.get(key)
            if isinstance(subs, list):
                for i, sub in enumerate(subs):
                    yield from walk((*path, key, i), sub)
        if "not" in cond:
            yield from walk((*path, "not"), cond["not"])

    for i, phase in _items(data, "phases"):
        for j, tr in _items(phase, "transitions"):
            yield from walk(("phases", i, "transitions", j, "when"), tr.get("when"))
    for section in ("cues", "triggers", "actions", "outcomes"):
        for i, item in _items(data, section):
            yield from walk((section, i, "when"), item.get("when"))
    for i, topic in _items(data, "topics"):
        for j, answer in _items(topic, "answers"):
            yield from walk(("topics", i, "answers", j, "when"), answer.get("when"))
    for i, person in _items(data, "people"):
        for j, cue in _items(person, "cues"):
            yield from walk(("people", i, "cues", j, "when"), cue.get("when"))
        for j, topic in _items(person, "topics"):
            for k, answer in _items(topic, "answers"):
                yield from walk(("people", i, "topics", j, "answers", k, "when"), answer.get("when"))
    partner = data.get("partner")
    if isinstance(partner, dict):
        yield from walk(("partner", "talks_over"), partner.get("talks_over"))
        for i, task in _items(partner, "tasks"):
            yield from walk(("partner", "tasks", i, "when"), task.get("when"))
    for i, req in _items(data, "requirements"):
        for key in ("applies", "needs"):
            yield from walk(("requirements", i, key), req.get(key))
    for i, objective in enumerate(data.get("objectives") or [] if isinstance(data.get("objectives"), list) else []):
        if isinstance(objective, dict):
            yield from walk(("objectives", i, "done"), objective.get("done"))
    time = data.get("time")
    if isinstance(time, dict):
        yield from walk(("time", "eases_when"), time.get("eases_when"))
        yield from walk(("time", "worsens_when"), time.get("worsens_when"))


def check_references(doc: YamlDocument) -> list[Problem]:
    """Names that must point at something defined elsewhere in the file (raw data)."""
    data = doc.data if isinstance(doc.data, dict) else {}
    problems: list[Problem] = []
    for section, what in (("phases", "phase"), ("cues", "cue"), ("triggers", "trigger"),
                          ("actions", "action"), ("outcomes", "outcome"), ("topics", "topic"),
                          ("requirements", "requirement"), ("variants", "variant")):
        seen: set = set()
        for i, item in _items(data, section):
            ident = item.get("id")
            if not isinstance(ident, str):
                continue  # a list or a mapping where an id belongs: the model reports its type
            if ident in seen:
                problems.append(doc.problem((section, i, "id"), "TD115", "Each id must be unique.",
                                            what=what, name=ident))
            seen.add(ident)
    phases = [p["id"] for _, p in _items(data, "phases") if isinstance(p.get("id"), str)]
    cues = [c["id"] for _, c in _items(data, "cues") if isinstance(c.get("id"), str)]
    cues += [c["id"] for _, p in _items(data, "people") for _, c in _items(p, "cues") if isinstance(c.get("id"), str)]
    variants = {v["id"]: [o["id"] for _, o in _items(v, "options") if isinstance(o.get("id"), str)]
                for _, v in _items(data, "variants") if isinstance(v.get("id"), str)}

    def check(path: PathT, name: object, kind: str, choices: list[str], code: str, **fields: object) -> None:
        if not isinstance(name, str) or name in choices:
            return
        hint = did_you_mean(name, choices) or (
            f"Known {kind}s: {', '.join(choices)}." if choices else f"No {kind}s are defined.")
        problems.append(doc.problem(path, code, hint, name=name, **fields))

    def check_variant(path: PathT, chosen: object) -> None:
        """A `variant:` condition or a walkthrough's pin: known dimensions and options."""
        if not isinstance(chosen, dict):
            return
        for dim, options in chosen.items():
            if dim not in variants:
                check((*path, dim), dim, "dimension", list(variants), "TD112", what="dimension")
                continue
            listed = options if isinstance(options, list) else [options]
            for k, option in enumerate(listed):
                where = (*path, dim, k) if isinstance(options, list) else (*path, dim)
                check(where, option, "option", variants[dim], "TD112", what="option")

    for i, phase in _items(data, "phases"):
        for j, tr in _items(phase, "transitions"):
            check(("phases", i, "transitions", j, "to"), tr.get("to"), "phase", phases, "TD110")
    for i, ov in _items(data, "effects"):
        names = ov.get("phases")
        for k, name in enumerate(names if isinstance(names, list) else []):
            check(("effects", i, "phases", k), name, "phase", phases, "TD110")
    for path, cond in _raw_conditions(data):
        names = cond.get("phase")
        for k, name in enumerate(names if isinstance(names, list) else []):
            check((*path, "phase", k), name, "phase", phases, "TD110")
        for key in ("cue_shown", "cue_recognised"):
            check((*path, key), cond.get(key), "cue", cues, "TD111")
        check_variant((*path, "variant"), cond.get("variant"))
    for i, wt in _items(data, "walkthroughs"):
        check_variant(("walkthroughs", i, "variant"), wt.get("variant"))
    for i, topic in _items(data, "topics"):
        check(("topics", i, "cue"), topic.get("cue"), "cue", cues, "TD111")
    for i, person in _items(data, "people"):
        for j, topic in _items(person, "topics"):
            check(("people", i, "topics", j, "cue"), topic.get("cue"), "cue", cues, "TD111")
    topics = [t["id"] for _, t in _items(data, "topics") if isinstance(t.get("id"), str)]
    topics += [t["id"] for _, p in _items(data, "people") for _, t in _items(p, "topics")
               if isinstance(t.get("id"), str)]
    for i, trigger in _items(data, "triggers"):
        check(("triggers", i, "answers"), trigger.get("answers"), "topic", topics, "TD113")
    for i, variant in _items(data, "variants"):
        seen_options: set = set()
        for j, option in _items(variant, "options"):
            ident = option.get("id")
            if not isinstance(ident, str):
                continue  # a list or a mapping where an id belongs: the model reports its type
            if ident in seen_options:
                problems.append(doc.problem(("variants", i, "options", j, "id"), "TD115", "Each id must be unique.",
                                            what="variant option", name=ident))
            seen_options.add(ident)
    problems += _check_people(doc, data, check)
    first = _items(data, "phases")[:1]
    if first and first[0][0] == 0 and first[0][1].get("outcome") is not None:
        problems.append(doc.problem(("phases", 0), "TD116", "Move the starting phase to the top of 'phases'."))
    return problems


def _check_people(doc: YamlDocument, data: dict, check: Callable[..., None]) -> list[Problem]:
    """A scene's people: ids unique and not reserved; topics and cues under a person, ids unique in the
    scene; every person named (conditions, walkthroughs' `@name`, `/talk-to`, `/partner`) exists; every
    partner task a walkthrough gives is offered."""
    problems: list[Problem] = []
    people = _items(data, "people")
    ids = [p["id"] for _, p in people if isinstance(p.get("id"), str)]
    names: dict[str, str] = {}  # a word of a name -> id (a word two people share names neither)
    for _, p in people:
        if isinstance(p.get("id"), str) and isinstance(p.get("name"), str):
            for word in re.findall(r"[a-z][a-z'-]*", p["name"].lower()):
                names[word] = p["id"] if word not in names else ""
    seen: dict[tuple[str, str], bool] = {}
    for i, p in people:
        ident = p.get("id")
        if isinstance(ident, str) and ident in RESERVED_PERSON_IDS:  # any other type is a TD102 already
            problems.append(doc.problem(("people", i, "id"), "TD118", "Choose another id, e.g. the person's surname.",
                                        detail=f"'{ident}' is a reserved word, not a person id "
                                               f"({', '.join(sorted(RESERVED_PERSON_IDS))})."))
        if ident in ids[:ids.index(ident)] if isinstance(ident, str) else False:
            problems.append(doc.problem(("people", i, "id"), "TD115", "Each id must be unique.", what="person",
                                        name=ident))
        for section, what in (("topics", "topic"), ("cues", "cue")):
            for j, item in _items(p, section):
                if not isinstance(item.get("id"), str):
                    continue
                if (section, item["id"]) in seen or item["id"] in [  # a list: an id of another type is a TD102
                        x.get("id") for _, x in _items(data, section)]:
                    problems.append(doc.problem(("people", i, section, j, "id"), "TD115",
                                                "A scene's topic and cue ids are unique across its people.",
                                                what=what, name=item["id"]))
                seen[(section, item["id"])] = True
    if people:
        for section in ("topics",):
            for i, _ in _items(data, section):
                problems.append(doc.problem((section, i), "TD118", "Move it under the person who answers it "
                                            "(people[n].topics).", detail="in a scene with several people a topic "
                                            "belongs to the person who answers it."))
    choices = [*ids, "everyone", "anyone"]
    for path, cond in _raw_conditions(data):
        if "person" in cond:
            check((*path, "person"), cond.get("person"), "person", choices, "TD114")
        if "addressed" in cond:
            check((*path, "addressed"), cond.get("addressed"), "person", ids, "TD114")
    for i, dim in _items(data, "variants"):
        for j, option in _items(dim, "options"):
            changed = option.get("people")
            for person in changed if isinstance(changed, dict) else {}:
                check(("variants", i, "options", j, "people", person), person, "person", ids, "TD114")
    partner = data.get("partner")
    tasks = [t.get("id") for _, t in _items(partner, "tasks")] if isinstance(partner, dict) else []
    for i, wt in _items(data, "walkthroughs"):
        replies = wt.get("replies")
        for k, reply in enumerate(replies if isinstance(replies, list) else []):
            if not isinstance(reply, str):
                continue
            where = ("walkthroughs", i, "replies", k)
            words = reply.split()
            named: str | None = None
            if reply.lstrip().startswith("@") and ids:
                named = reply.lstrip()[1:].split(maxsplit=1)[0].strip(",:") if len(reply.strip()) > 1 else ""
            elif words and words[0].lower() == "/talk-to" and ids:
                named = words[1] if len(words) > 1 else ""
            elif words and words[0].lower() == "/partner":
                task = words[1].lower() if len(words) > 1 else ""
                if task not in tasks:
                    problems.append(doc.problem(where, "TD117", f"Offered: {', '.join(map(str, tasks))}." if tasks
                                                else "Add `partner:` with `tasks:` to the scenario.", name=task))
                elif task in PERSON_TASKS:
                    named = words[2] if len(words) > 2 else ""
            if named is not None and named.lower() not in ids and not names.get(named.lower()):
                check(where, named, "person", ids, "TD114")
    return problems


def content_hash(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


#: scenarios already loaded, by path, modification time and size (``talkdown score`` over ten
#: thousand transcripts reads each scenario once, not once per transcript)
_LOADED: dict[tuple[str, str, int, int], LoadedScenario | DataFileError] = {}
_LOADED_MAX = 64


def load_scenario(path: str | Path) -> LoadedScenario:
    """Load and validate one scenario; raise DataFileError with every problem found.

    A file unchanged since it was last loaded (same path, modification time and size) is not
    read again; treat the result as read-only (``model_copy`` it to change it)."""
    try:
        st = Path(path).stat()
        # the path as given too: problems name it, and two links to one file are two names
        key: tuple[str, str, int, int] | None = (str(path), str(Path(path).resolve()), st.st_mtime_ns, st.st_size)
    except OSError:
        key = None  # read_yaml says why
    if key is not None and key in _LOADED:
        cached = _LOADED[key]
        if isinstance(cached, DataFileError):
            raise cached
        return cached
    try:
        loaded = _load_scenario(path)
    except DataFileError as exc:
        if key is not None:
            _remember(key, exc)
        raise
    if key is not None:
        _remember(key, loaded)
    return loaded


def _remember(key: tuple[str, str, int, int], value: LoadedScenario | DataFileError) -> None:
    if len(_LOADED) >= _LOADED_MAX:
        _LOADED.pop(next(iter(_LOADED)))
    _LOADED[key] = value


def _load_scenario(path: str | Path) -> LoadedScenario:
    doc = read_yaml(path)
    scenario, problems = validate_model(doc, Scenario)
    problems += check_references(doc)
    problems.sort(key=lambda p: (p.line or 0, p.column or 0))
    errors = [p for p in problems if p.severity == "error"]
    if errors or scenario is None:
        raise DataFileError(errors)
    return LoadedScenario(scenario=scenario, path=str(path), content_hash=content_hash(doc.text),
                          document=doc)


def scenario_files(paths: list[str | Path]) -> list[Path]:
    """Expand folders to the scenario files in them (sorted); keep files as given."""
    return yaml_files(paths)
