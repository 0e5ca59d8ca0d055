"""YAML read with ``safe_load`` semantics, keeping the line and column of every key."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from simulator.problems import DataFileError, Problem

Path_ = tuple[str | int, ...]


@dataclass
class YamlDocument:
    """Parsed data plus where each path (tuple of keys and indices) starts."""

    file: str
    text: str
    data: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    duplicates: list[Problem] = field(default_factory=list)

    def position(self, path: Path_) -> tuple[int | None, int | None]:
        """Line and column (1-based) of ``path``, or of its nearest known parent."""
        path = tuple(path)
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (None, None))

    def problem(self, path: Path_, code: str, hint: str | None = None, **fields: object) -> Problem:
        """The catalogue's problem ``code`` at ``path``, its template filled with ``fields``."""
        line, column = self.position(path)
        return Problem.of(code, file=self.file, key=dotted(path), line=line, column=column, hint=hint, **fields)


def dotted(path: Path_) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _walk(node: yaml.Node, path: Path_, doc: YamlDocument) -> None:
    mark = node.start_mark
    doc.positions.setdefault(path, (mark.line + 1, mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            kmark = key_node.start_mark
            if key in seen:
                doc.duplicates.append(Problem.of(
                    "TD104", file=doc.file, key=dotted((*path, key)), name=key, first=seen[key],
                    line=kmark.line + 1, column=kmark.column + 1, hint="Remove or rename one of them."))
            else:
                seen[key] = kmark.line + 1
            doc.positions[(*path, key)] = (kmark.line + 1, kmark.column + 1)
            _walk(value_node, (*path, key), doc)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, (*path, i), doc)


def yaml_files(paths: list[str | Path], *, recursive: bool = False) -> list[Path]:
    """Files as given, and the *.yaml / *.yml files in folders (sorted; under them too if
    ``recursive``)."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = p.rglob("*") if recursive else p.glob("*")
            out.extend(sorted(q for q in found if q.suffix in (".yaml", ".yml")))
        else:
            out.append(p)
    return out


def read_yaml(path: str | Path, display: str | None = None) -> YamlDocument:
    """Read one YAML file; raise DataFileError (never a traceback) when it cannot be parsed."""
    file = display or str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataFileError([Problem.of("TD120", file=file)]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError([Problem.of("TD121", file=file, detail=exc)]) from None
    return parse_yaml(text, file)


def parse_yaml(text: str, file: str) -> YamlDocument:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        context = getattr(exc, "context", None)
        detail = f"{problem} ({context})" if context else problem
        raise DataFileError([Problem.of(
            "TD100", file=file, detail=detail,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
            hint="Check the indentation and quoting near that line.")]) from None
    doc = YamlDocument(file=file, text=text, data=data)
    if node is not None:
        _walk(node, (), doc)
    return doc
