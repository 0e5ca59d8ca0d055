"""YAML read with ``safe_load`` semantics, keeping the line and column of every key."""

from __future__ import annotations

import codecs
import re
import stat
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


def _not_text(raw: bytes, exc: UnicodeDecodeError) -> tuple[str, int | None]:
    """Why the bytes are not text we read, and the line where it shows (None: the whole file):
    UTF-16 or UTF-32 without a byte-order mark (every other byte, or three in four, zero), or the
    first byte that is not UTF-8."""
    head = raw[:400]
    zeros = head.count(0)
    if len(head) >= 8 and zeros >= len(head) // 2:
        kind = "UTF-32" if zeros >= len(head) * 2 // 3 else "UTF-16"
        return f"it looks like {kind} without a byte-order mark, not UTF-8", None
    return f"byte {exc.start + 1} (0x{raw[exc.start]:02x}) is not UTF-8", raw.count(b"\n", 0, exc.start) + 1


def read_yaml(path: str | Path, display: str | None = None) -> YamlDocument:
    """Read one YAML file; raise DataFileError (never a traceback) when it cannot be parsed."""
    file = display or str(path)
    try:
        st = Path(path).stat()
        if not stat.S_ISREG(st.st_mode):  # a FIFO would hang, /dev/zero would never end
            raise DataFileError([Problem.of("TD121", file=file, detail="it is not a regular file",
                                            hint="Give the path of a .yaml file.")])
        if st.st_size > MAX_FILE_BYTES:
            raise DataFileError([Problem.of("TD105", file=file, detail=f"{st.st_size:,} bytes",
                                            limit=f"{MAX_FILE_BYTES:,} bytes")])
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise DataFileError([Problem.of("TD120", file=file)]) from None
    except OSError as exc:
        raise DataFileError([Problem.of("TD121", file=file, detail=exc)]) from None
    # UTF-8 (with or without a byte-order mark) or UTF-16 with its mark; anything else gets a hint
    encoding = ("utf-16" if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
                else "utf-8-sig")
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        detail, line = _not_text(raw, exc)
        raise DataFileError([Problem.of(
            "TD121", file=file, line=line, detail=detail,
            hint="Save the file as UTF-8 (any editor's \"Save with encoding\" does it).")]) from None
    return parse_yaml(text, file)


#: the safe loader, in C (libyaml) when available: the same documents, about ten times faster
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_data(text: str) -> Any:
    """``yaml.safe_load(text)``, in C when libyaml is installed: for the package's own files, which
    need no positions and no limits."""
    loader = SAFE_LOADER(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()

#: what an authored file may hold: deep nesting and alias bombs are refused before they are built
MAX_FILE_BYTES = 5_000_000
_LONG_NUMBER = re.compile(r"^[-+]?[0-9_]{100,}(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?$")
MAX_DEPTH = 64
MAX_ALIASES = 500
MAX_EXPANDED_NODES = 200_000


def check_limits(text: str, file: str) -> None:
    """Walk the YAML event stream (iteratively, so no recursion) and refuse a document nested
    deeper than MAX_DEPTH, an alias inside its own anchor, or aliases that would expand past
    MAX_EXPANDED_NODES (a 342-byte "billion laughs" file), each with its line."""
    open_anchors: list[str | None] = []  # the anchor of each open collection, innermost last
    size: dict[str, int] = {}  # an anchor's node count, aliases expanded
    counts: list[int] = [0]  # nodes so far in each open collection
    aliases = 0
    total = 0

    def refuse(code: str, event: yaml.Event, **fields: object) -> None:
        mark = event.start_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
        raise DataFileError([Problem.of(code, file=file, line=line, column=column, **fields)])  # type: ignore[arg-type]

    try:
        for event in yaml.parse(text, Loader=SAFE_LOADER):
            if isinstance(event, yaml.AliasEvent):
                aliases += 1
                if event.anchor in open_anchors:
                    refuse("TD106", event, name=event.anchor)
                if aliases > MAX_ALIASES:
                    refuse("TD105", event, detail=f"more than {MAX_ALIASES} aliases", limit=MAX_ALIASES)
                grown = size.get(event.anchor or "", 1)
                counts[-1] += grown
                total += grown
            elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                if len(open_anchors) >= MAX_DEPTH:
                    refuse("TD105", event, detail=f"nested more than {MAX_DEPTH} levels deep", limit=MAX_DEPTH)
                open_anchors.append(event.anchor)
                counts.append(1)
                total += 1
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                anchor = open_anchors.pop()
                inner = counts.pop()
                counts[-1] += inner
                if anchor is not None:
                    size[anchor] = inner
            elif isinstance(event, yaml.ScalarEvent):
                if event.implicit[0] and _LONG_NUMBER.match(event.value):  # plain, untagged
                    refuse("TD105", event, detail=f"a number of {len(event.value):,} digits", limit="100 digits")
                counts[-1] += 1
                total += 1
                if event.anchor is not None:
                    size[event.anchor] = 1
            if total > MAX_EXPANDED_NODES:
                refuse("TD105", event, detail=f"more than {MAX_EXPANDED_NODES:,} values once its aliases are "
                       "expanded", limit=f"{MAX_EXPANDED_NODES:,}")
    except yaml.YAMLError:
        return  # parse_yaml reports it with its line


def _unconstructable(loader: Any, root: Any) -> yaml.YAMLError:
    """A positioned YAML error for the first scalar the safe constructor cannot build."""
    loader.constructed_objects, loader.recursive_objects, loader.state_generators = {}, {}, []  # after the failure
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            try:
                loader.construct_object(node)
            except yaml.YAMLError:
                continue
            except Exception:
                shown = repr(node.value) if len(node.value) <= 40 else repr(node.value[:37]) + "..."
                tag = node.tag.replace("tag:yaml.org,2002:", "!!")
                return yaml.MarkedYAMLError(problem=f"the value {shown} is not a valid {tag}; remove the tag or "
                                            "correct the value", problem_mark=node.start_mark)
        elif isinstance(node, yaml.MappingNode):
            stack.extend(n for pair in reversed(node.value) for n in reversed(pair))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
    return yaml.MarkedYAMLError(problem="a tagged value cannot be read", problem_mark=root.start_mark)


def parse_yaml(text: str, file: str) -> YamlDocument:
    check_limits(text, file)
    try:
        # one pass: compose the nodes (they keep every position) and build the data from them
        # with the safe constructor - what yaml.safe_load does, in C when libyaml is installed
        loader = SAFE_LOADER(text)
        try:
            node = loader.get_single_node()
            try:
                data = loader.construct_document(node) if node is not None else None
            except yaml.YAMLError:
                raise
            except Exception:
                # a core tag on a value it cannot hold (`!!int 12x`, `!!bool maybe`, `!!timestamp x`):
                # PyYAML's safe constructor raises a plain Python error, without a position; find the node
                raise _unconstructable(loader, node) from None
        finally:
            loader.dispose()
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (a control character)
        where = exc.position if isinstance(exc.position, int) else 0
        line = text.count("\n", 0, where) + 1
        ch = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
        raise DataFileError([Problem.of(
            "TD100", file=file, line=line, column=where - text.rfind("\n", 0, where),
            detail=f"the character U+{ch:04X} is not allowed in a YAML file (it is a control character)",
            hint="Delete it; an editor that shows invisible characters finds it.")]) from None
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
