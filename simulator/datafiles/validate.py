"""Pydantic validation whose errors become Problems with file, line, key and hints."""

from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from simulator.datafiles.yamlfile import YamlDocument
from simulator.problems import Problem, did_you_mean

M = TypeVar("M", bound=BaseModel)
#: Problems listed from one validation at the most: a list of 100,000 wrong values is one mistake
#: that 100,000 paragraphs would bury (and take seconds to write); the rest are counted (TD107).
MAX_LISTED = 200


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The pydantic model that owns the field at ``loc`` (for 'did you mean')."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(part)
        if field is None:
            return None
        current = _inner_model(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    """Dig a BaseModel out of list[...] / dict[str, ...] / Optional[...] annotations."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _allowed(error: ErrorDetails) -> list[str]:
    """The values allowed, as pydantic lists them ("'a', 'b' or 'c'"; numbers unquoted: "1 or 2")."""
    expected = str((error.get("ctx") or {}).get("expected", ""))
    return re.findall(r"'([^']*)'", expected) or [v for v in re.split(r",\s*|\s+or\s+", expected) if v]


def _shown(got: object) -> str:
    """A value as an author would recognise it (no Python reprs of dates or bytes)."""
    if isinstance(got, (dict, list)):
        return type(got).__name__
    if isinstance(got, (date, datetime)):
        return f"the date {got.isoformat()}"
    if isinstance(got, (bytes, bytearray)):
        return "binary data (!!binary)"
    return repr(got)


def _expected(error: ErrorDetails) -> str:
    kind = error["type"]
    msg = error["msg"]
    got = error.get("input")
    shown = _shown(got)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    if kind.startswith("literal_error") or kind == "enum":
        allowed = _allowed(error)
        if len(allowed) <= 12:
            return f"{shown} is not allowed here; expected one of: {', '.join(allowed)}."
        return f"{shown} is not one of the {len(allowed)} allowed names."
    return f"{msg[0].lower() + msg[1:]} (got {shown})."


def validate_model(doc: YamlDocument, model: type[M], data: Any | None = None
                   ) -> tuple[M | None, list[Problem]]:
    """Validate ``doc.data`` against ``model``; return the object or every problem."""
    payload = doc.data if data is None else data
    problems: list[Problem] = list(doc.duplicates)
    if payload is None:
        empty = doc.problem((), "TD102", "Start from `talkdown new ID` or a shipped file.",
                            detail="the file is empty; it must hold a mapping of keys.")
        problems.append(dataclasses.replace(empty, line=empty.line or 1))
        return None, problems
    if not isinstance(payload, dict):
        problems.append(doc.problem((), "TD102", detail="the file must hold a mapping of keys "
                                    f"(got a {type(payload).__name__})."))
        return None, problems
    try:
        obj = model.model_validate(payload)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        for error in errors[:MAX_LISTED]:
            loc = _path(error)
            if error["type"] == "extra_forbidden":
                owner = _model_at(model, loc[:-1])
                choices = list(owner.model_fields) if owner else []
                hint = did_you_mean(loc[-1], choices)
                if not hint and choices:
                    hint = "Allowed keys here: " + ", ".join(choices) + "."
                problems.append(doc.problem(loc, "TD101", hint, name=loc[-1]))
            elif error["type"] == "missing":
                problems.append(doc.problem(loc, "TD103", detail=""))
            else:
                hint = None
                if error["type"].startswith("literal_error"):
                    hint = did_you_mean(error.get("input"), _allowed(error))
                problems.append(doc.problem(loc, "TD102", hint, detail=_expected(error)))
        if len(errors) > MAX_LISTED:
            problems.append(doc.problem(_path(errors[MAX_LISTED]), "TD107", count=f"{len(errors) - MAX_LISTED:,}"))
        return None, problems
    return obj, problems


def _path(error: ErrorDetails) -> tuple:
    """The YAML path of a pydantic error: its location without tagged-union and function names."""
    loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and "[" in p and p.endswith("]")))
    return tuple(p for p in loc if isinstance(p, int) or not p.startswith("function-"))
