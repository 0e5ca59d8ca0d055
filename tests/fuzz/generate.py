"""A seeded generator of malformed variants of every shipped scenario and rubric and of real
transcripts (issue 12, point 6).

``case(seed, index)`` depends on nothing but its two arguments and the shipped files, so one
failure among thousands is rebuilt alone, byte for byte. Cases from SWEEP_BASE on are the sweep:
one wrong type or huge value at every distinct key path of every shipped scenario and rubric, and
at every key of every event kind of the transcripts. Pure Python (PyYAML and json only),
and nothing of Talkdown is imported: the generator does not know what the readers accept.

Mutations: truncation at a byte or a line, byte flips, a wrong type or a huge value at a key path
(chosen evenly among the file's distinct key paths, list indices folded), keys renamed, removed,
added or made non-strings, a list grown to thousands of items, deep nesting, anchors and aliases
(shared, undefined, cyclic, merge keys, alias bombs), tags (Python object tags, unknown tags,
badly typed core tags), encodings (UTF-16 and UTF-32 with and without a mark, latin-1, NUL
bytes, CR and CRLF line ends), lines deleted, repeated or reordered, huge files, and special
files (FIFO, directory, symlink loop, symlink to /dev/zero, dangling symlink). Transcripts get
the same by event and key, plus events that are missing, repeated, reordered or unknown, NaN and
huge numbers, and long lines.
"""

from __future__ import annotations

import codecs
import json
import math
import os
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
KINDS = ("scenario", "rubric", "transcript")
KIND_WEIGHTS = (4, 3, 4)
SPECIAL_FILES = ("fifo", "directory", "symlink-loop", "dev-zero", "dangling-symlink")

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

Path_ = tuple[Any, ...]


@dataclass(frozen=True)
class Case:
    """One malformed file: its bytes (or a special file), what it was made from and how."""

    seed: int
    index: int
    kind: str
    source: str
    """The shipped file it was made from, relative to the project."""
    mutation: str
    """What was done to it, in a few words (for the report)."""
    data: bytes = b""
    special: str | None = None
    """One of SPECIAL_FILES instead of bytes."""

    @property
    def name(self) -> str:
        return f"{self.kind}-{self.seed}-{self.index}"

    @property
    def suffix(self) -> str:
        return ".jsonl" if self.kind == "transcript" else ".yaml"

    def write(self, folder: Path) -> Path:
        """Make the file under ``folder``: ``<kind>s/<name>/<name><suffix>``, alone in its own folder
        (rubrics under a folder called ``rubrics``, where ``talkdown check`` expects them)."""
        home = folder / f"{self.kind}s" / self.name
        home.mkdir(parents=True, exist_ok=True)
        path = home / (self.name + self.suffix)
        if self.special is None:
            path.write_bytes(self.data)
        elif self.special == "fifo":
            os.mkfifo(path)
        elif self.special == "directory":
            path.mkdir()
        elif self.special == "symlink-loop":
            os.symlink(path.name, path)
        elif self.special == "dev-zero":
            os.symlink("/dev/zero", path)
        elif self.special == "dangling-symlink":
            os.symlink(home / "nowhere", path)
        else:  # pragma: no cover
            raise ValueError(self.special)
        return path


def special_files_supported() -> bool:
    return hasattr(os, "mkfifo") and hasattr(os, "symlink") and Path("/dev/zero").exists()


# Sources ------------------------------------------------------------------------------------------


@cache
def sources(kind: str) -> tuple[str, ...]:
    """The files each kind is made from: every shipped scenario and rubric; transcripts played on
    every shipped scenario (the format-1 ones and an even spread of the recorded replays)."""
    if kind == "scenario":
        files = sorted((ROOT / "scenarios").glob("*.yaml"))
    elif kind == "rubric":
        files = sorted((ROOT / "rubrics").glob("*.yaml"))
    else:
        replays = sorted((ROOT / "tests" / "data" / "replay" / "transcripts").rglob("*.jsonl"))
        files = sorted((ROOT / "tests" / "data" / "format1").glob("*.jsonl")) + replays[:: max(1, len(replays) // 12)]
    return tuple(str(f.relative_to(ROOT)) for f in files)


@cache
def raw(source: str) -> bytes:
    return (ROOT / source).read_bytes()


@cache
def yaml_tree(source: str) -> Any:
    return yaml.load(raw(source), Loader=_LOADER)  # the safe loader


@cache
def json_lines(source: str) -> tuple[str, ...]:
    return tuple(raw(source).decode("utf-8").splitlines())


def _node_paths(tree: Any, path: Path_ = ()) -> list[Path_]:
    """Every node's path (the root's too), mapping keys and list indices."""
    out = [path]
    if isinstance(tree, dict):
        for k, v in tree.items():
            out += _node_paths(v, (*path, k))
    elif isinstance(tree, list):
        for i, v in enumerate(tree):
            out += _node_paths(v, (*path, i))
    return out


def _grouped(paths: list[Path_]) -> tuple[tuple[Path_, ...], ...]:
    """Concrete paths grouped by their key path (list indices folded), groups in a fixed order."""
    groups: dict[Path_, list[Path_]] = {}
    for p in paths:
        groups.setdefault(tuple("*" if isinstance(x, int) else x for x in p), []).append(p)
    return tuple(tuple(groups[k]) for k in sorted(groups, key=repr))


@cache
def yaml_key_paths(source: str) -> tuple[tuple[Path_, ...], ...]:
    return _grouped(_node_paths(yaml_tree(source)))


def key_path_count(source: str) -> int:
    """How many distinct key paths a shipped YAML file has (a wrong type reaches each evenly)."""
    return len(yaml_key_paths(source))


def _pick_path(rng: random.Random, groups: tuple[tuple[Path_, ...], ...]) -> Path_:
    return rng.choice(rng.choice(groups))


def _get(tree: Any, path: Path_) -> Any:
    for part in path:
        tree = tree[part]
    return tree


def _replaced(tree: Any, path: Path_, value: Any) -> Any:
    """A copy of ``tree`` (copied along ``path`` only) with the node at ``path`` replaced."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    copy: Any = dict(tree) if isinstance(tree, dict) else list(tree)
    copy[head] = _replaced(tree[head], rest, value)
    return copy


def _edit_mapping(tree: Any, path: Path_, edit: Callable[[dict], dict]) -> Any:
    if not path:
        return edit(dict(tree))
    return _replaced(tree, path, edit(dict(_get(tree, path))))


# Values -------------------------------------------------------------------------------------------

#: Wrong types and huge values, for YAML (``date`` and ``bytes`` become !!timestamp and !!binary).
YAML_VALUES: tuple[tuple[str, Any], ...] = (
    ("an empty list", []), ("a list", [1, "two", None]), ("an empty mapping", {}),
    ("a mapping", {"x": 1, "y": [2]}), ("0", 0), ("-1", -1), ("1", 1), ("10**18", 10**18),
    ("a 60-digit int", 10**59), ("a 99-digit int", 10**98), ("a 101-digit int", 10**100), ("0.5", 0.5),
    ("1e308", 1e308), ("-1e308", -1e308), ("nan", math.nan), ("inf", math.inf), ("-inf", -math.inf),
    ("null", None), ("true", True), ("false", False), ("an empty string", ""), ("a 300-char string", "x" * 300),
    ("a 100 kB string", "word " * 20_000), ("a 1 MB string", "y" * 1_000_000),
    ("control characters", "\x00\x07\x1b[31mred\x1b[0m\u202eevil\u200b"), ("emoji", "\U0001f600" * 50),
    ("a date", date(2001, 12, 14)), ("bytes", b"\x00\xff\xfe"), ("a list of 100,000", [0] * 100_000),
    ("a mapping of 20,000 keys", {f"k{i}": i for i in range(20_000)}), ("a string that looks like a number", "12"),
    ("a string with a newline", "line one\nline two"), ("a path", "../../../etc/passwd"),
)

#: The same for JSON lines (strings are what the line holds after the value).
JSON_VALUES: tuple[tuple[str, str], ...] = (
    ("an empty list", "[]"), ("a list", '[1, "two", null]'), ("an empty object", "{}"),
    ("an object", '{"x": 1, "y": [2]}'), ("0", "0"), ("-1", "-1"), ("1", "1"), ("2**63", str(2**63)),
    ("10**18", str(10**18)), ("a 400-digit int", "9" * 400), ("a 5,000-digit int", "7" * 5000), ("0.5", "0.5"),
    ("1e308", "1e308"), ("1e400", "1e400"), ("-1e400", "-1e400"), ("NaN", "NaN"), ("Infinity", "Infinity"),
    ("-Infinity", "-Infinity"), ("null", "null"), ("true", "true"), ("false", "false"), ("an empty string", '""'),
    ("a 300-char string", json.dumps("x" * 300)), ("a 1 MB string", json.dumps("y" * 1_000_000)),
    ("control characters", json.dumps("\x00\x07\x1b[31mred\x1b[0m\u202eevil")),
    ("a lone surrogate", '"\\ud800"'), ("a number as a string", '"12"'),
    ("a list of 100,000", "[" + ",".join(["0"] * 100_000) + "]"), ("a span of huge ints", f"[0, {10**30}]"),
    ("a negative span", "[5, -3]"), ("a backward span", "[9, 2]"),
)

#: YAML text that replaces a node (flow style, one line).
TAGS = (
    '!!python/object/apply:os.system ["echo pwned"]', "!!python/name:os.system", "!!python/tuple [1, 2]",
    '!!python/object:__main__.Thing {a: 1}', "!unknown x", "!<tag:example.com,2024:thing> x", "!!binary aGVsbG8=",
    "!!binary not*base64", "!!timestamp 2001-12-14", "!!timestamp not-a-date", "!!timestamp 2001-13-45",
    "!!set {a, b}", "!!omap [a: 1, b: 2]", "!!omap [a, b]", "!!pairs [a: 1]", '!!int "12x"', "!!int 0x",
    '!!float "abc"', "!!float 1e9999", "!!bool maybe", '!!null "x"', "!!str [a, b]", "!!map [a]", "!!seq {a: 1}",
    "!!merge x", "!!value x", "!!yaml x", "!!int 99999999999999999999999999999999999999999",
    "!!float .nan", "!!int 0b102", "!!int 0o9", "!!int 1_000", "!!int ''",
)


# Mutations of YAML files ---------------------------------------------------------------------------

Mutated = tuple[str, bytes] | tuple[str, None, str]
"""(what was done, bytes) or (what was done, None, special file)."""


def _dump(tree: Any) -> str:
    return yaml.dump(tree, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=100)


def _token_at(rng: random.Random, source: str, snippet: str, what: str) -> tuple[str, bytes]:
    """The tree with one node replaced by ``snippet`` (YAML text, one line)."""
    path = _pick_path(rng, yaml_key_paths(source))
    token = "FUZZTOKEN0"
    text = _dump(_replaced(yaml_tree(source), path, token)).replace(token, snippet, 1)
    return f"{what} at {_dotted(path)}", text.encode("utf-8")


def _dotted(path: Path_) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".") or "(root)"


def y_truncate(rng: random.Random, source: str) -> Mutated:
    data = raw(source)
    if rng.random() < 0.5:
        cut = rng.randrange(len(data))
        return f"truncated at byte {cut}", data[:cut]
    starts = [0] + [i + 1 for i, b in enumerate(data) if b == 0x0A]
    cut = rng.choice(starts)
    return f"truncated at the line starting at byte {cut}", data[:cut]


FLIP_BYTES = b"\x00\xff\x80\xc3\xe2:-[]{}&*!|>%@`\"'\t\n\r#?,\\"


def _flip(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    out = bytearray(data)
    n = rng.choice((1, 1, 2, 4, 16, 64))
    for _ in range(n):
        i = rng.randrange(len(out))
        out[i] = rng.choice(FLIP_BYTES) if rng.random() < 0.6 else out[i] ^ (1 << rng.randrange(8))
    return f"{n} byte{'s' if n > 1 else ''} flipped", bytes(out)


def y_flip(rng: random.Random, source: str) -> Mutated:
    return _flip(rng, raw(source))


def y_wrong_type(rng: random.Random, source: str) -> Mutated:
    path = _pick_path(rng, yaml_key_paths(source))
    what, value = rng.choice(YAML_VALUES)
    return f"{what} at {_dotted(path)}", _dump(_replaced(yaml_tree(source), path, value)).encode("utf-8")


def _mappings(source: str) -> tuple[tuple[Path_, ...], ...]:
    tree = yaml_tree(source)
    return tuple(g for g in yaml_key_paths(source) if isinstance(_get(tree, g[0]), dict))


def y_keys(rng: random.Random, source: str) -> Mutated:
    """A mapping with a key removed, added, renamed, made a non-string, or duplicated."""
    tree = yaml_tree(source)
    path = _pick_path(rng, _mappings(source))
    mapping = _get(tree, path)
    keys = list(mapping)
    choice = rng.randrange(5) if keys else 1
    if choice == 0:
        gone = rng.choice(keys)
        return (f"key {gone!r} removed at {_dotted(path)}",
                _dump(_edit_mapping(tree, path, lambda m: {k: v for k, v in m.items() if k != gone})).encode())
    if choice == 1:
        extra = rng.choice(["extra", "Id", "phases ", "", "ünïcödé", "x" * 2000])
        return (f"key {extra[:20]!r} added at {_dotted(path)}",
                _dump(_edit_mapping(tree, path, lambda m: {**m, extra: 1})).encode())
    key = rng.choice(keys)
    if choice == 2:
        new: Any = rng.choice([1, None, True, 1.5, 10**30, date(2020, 1, 1)])
        return (f"key {key!r} made {new!r} at {_dotted(path)}",
                _dump(_edit_mapping(tree, path, lambda m: {(new if k == key else k): v for k, v in m.items()}))
                .encode())
    if choice == 3:
        renamed = key[:-1] if isinstance(key, str) and len(key) > 1 else f"{key}x"
        return (f"key {key!r} renamed {renamed!r} at {_dotted(path)}",
                _dump(_edit_mapping(tree, path, lambda m: {(renamed if k == key else k): v for k, v in m.items()}))
                .encode())
    # a complex key (a list), which safe_load cannot hash, or the same key twice
    token = "FUZZTOKEN0"
    text = _dump(_edit_mapping(tree, path, lambda m: {**m, token: 1}))
    line = next(ln for ln in text.splitlines() if token in ln)
    indent = line[: len(line) - len(line.lstrip())]
    if rng.random() < 0.5:
        text = text.replace(line, f"{indent}? [a, b]\n{indent}: 1", 1)
        return f"a list as a key at {_dotted(path)}", text.encode()
    text = text.replace(line, f"{indent}{key}: 1\n{indent}{key}: [2]", 1)
    return f"key {key!r} twice at {_dotted(path)}", text.encode()


def _lists(source: str) -> tuple[tuple[Path_, ...], ...]:
    tree = yaml_tree(source)
    return tuple(g for g in yaml_key_paths(source) if isinstance(_get(tree, g[0]), list) and _get(tree, g[0]))


def y_scale(rng: random.Random, source: str) -> Mutated:
    """A list's items repeated to thousands (ids made distinct): big but within the size limits, so
    every check runs on it; a pass over the file per item would take minutes."""
    tree = yaml_tree(source)
    path = _pick_path(rng, _lists(source))
    items = _get(tree, path)
    per_item = max(1, len(_node_paths(items)) // len(items))
    count = min(rng.choice((1000, 5000, 20_000)), 150_000 // per_item)

    def renamed(item: Any, k: int) -> Any:
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            return {**item, "id": f"{item['id']}-{k}"}
        return item

    grown = [renamed(items[k % len(items)], k) for k in range(count)]
    return f"{_dotted(path)} grown to {count:,} items", _dump(_replaced(tree, path, grown)).encode("utf-8")


def y_deep(rng: random.Random, source: str) -> Mutated:
    depth = rng.choice((10, 63, 64, 65, 200, 5000, 100_000))
    style = rng.choice(("list", "map", "mixed", "block"))
    if style == "block":  # indentation, the other way to nest
        lines = "".join("  " * i + "-\n" for i in range(min(depth, 2000))) + "  " * min(depth, 2000) + "- x\n"
        return f"{depth} levels of block lists at the end", raw(source) + b"\ndeep:\n" + lines.encode()
    if style == "list":
        snippet = "[" * depth + "]" * depth
    elif style == "map":
        snippet = "{a: " * depth + "1" + "}" * depth
    else:
        snippet = "[{a: " * (depth // 2) + "1" + "}]" * (depth // 2)
    return _token_at(rng, source, snippet, f"{depth} levels of {style} nesting")


def _bomb(levels: int, fan: int) -> str:
    lines = [f"b0: &b0 [{', '.join(['lol'] * fan)}]"]
    for i in range(1, levels):
        lines.append(f"b{i}: &b{i} [{', '.join([f'*b{i - 1}'] * fan)}]")
    return "\n".join(lines) + "\n"


def y_alias(rng: random.Random, source: str) -> Mutated:
    tree = yaml_tree(source)
    choice = rng.randrange(6)
    if choice == 0:  # one node shared by two keys (the dumper writes an anchor and an alias)
        groups = yaml_key_paths(source)
        a, b = _pick_path(rng, groups), _pick_path(rng, groups)
        if a[: len(b)] == b or b[: len(a)] == a:
            return f"{_dotted(a)} shared with itself", _dump(tree).encode()
        return f"{_dotted(a)} aliased at {_dotted(b)}", _dump(_replaced(tree, b, _get(tree, a))).encode()
    if choice == 1:
        return _token_at(rng, source, "*nowhere", "an undefined alias")
    if choice == 2:
        return _token_at(rng, source, rng.choice(("&s [*s]", "&m {a: *m}", "&q [1, [2, *q]]")), "a cyclic alias")
    if choice == 3:
        return _token_at(rng, source, rng.choice(("{<<: 5}", "{<<: [1, 2]}", "{<<: {a: 1}, a: 2}", "{<<: *none}")),
                         "a bad merge key")
    levels, fan = rng.choice(((3, 9), (5, 9), (9, 9), (6, 10), (2, 400), (1, 600)))
    bomb = _bomb(levels, fan)
    if choice == 4:
        return f"an alias bomb ({fan}^{levels}) before the file", (bomb + _dump(tree)).encode()
    text = bomb + _dump(_replaced(tree, _pick_path(rng, yaml_key_paths(source)), "FUZZTOKEN0"))
    return f"an alias bomb ({fan}^{levels}) used in the file", text.replace("FUZZTOKEN0", f"*b{levels - 1}").encode()


def y_tag(rng: random.Random, source: str) -> Mutated:
    return _token_at(rng, source, rng.choice(TAGS), "a tag")


def _recode(rng: random.Random, text: str) -> tuple[str, bytes]:
    choice = rng.randrange(11)
    if choice == 0:
        return "UTF-16 with its mark", text.encode("utf-16")
    if choice == 1:
        return "UTF-16-LE without a mark", text.encode("utf-16-le")
    if choice == 2:
        return "UTF-16-BE without a mark", text.encode("utf-16-be")
    if choice == 3:
        return "UTF-32 with its mark", text.encode("utf-32")
    if choice == 4:
        accented = text.replace("e", "é", 3)
        return "latin-1 with accents", accented.encode("latin-1", "replace")
    if choice == 5:
        return "UTF-8 with a mark", codecs.BOM_UTF8 + text.encode("utf-8")
    if choice == 6:
        return "CRLF line ends", text.replace("\n", "\r\n").encode("utf-8")
    if choice == 7:
        return "CR line ends", text.replace("\n", "\r").encode("utf-8")
    if choice == 8:
        data = bytearray(text.encode("utf-8"))
        for _ in range(3):
            data.insert(rng.randrange(len(data) + 1), 0)
        return "NUL bytes", bytes(data)
    if choice == 9:
        data = bytearray(text.encode("utf-8"))
        i = rng.randrange(len(data) + 1)
        data[i:i] = rng.choice((b"\xff\xfe", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xe2\x80"))
        return "invalid UTF-8", bytes(data)
    return "UTF-16 mark on UTF-8 bytes", codecs.BOM_UTF16_LE + text.encode("utf-8")


def y_encoding(rng: random.Random, source: str) -> Mutated:
    return _recode(rng, raw(source).decode("utf-8"))


def _lines_op(rng: random.Random, lines: list[bytes]) -> tuple[str, list[bytes]]:
    i, j = sorted(rng.randrange(len(lines)) for _ in range(2))
    choice = rng.randrange(6)
    if choice == 0:
        return f"lines {i + 1}-{j + 1} deleted", lines[:i] + lines[j + 1:]
    if choice == 1:
        return f"lines {i + 1}-{j + 1} repeated", lines[: j + 1] + lines[i: j + 1] + lines[j + 1:]
    if choice == 2:
        out = list(lines)
        out[i], out[j] = out[j], out[i]
        return f"lines {i + 1} and {j + 1} swapped", out
    if choice == 3:
        out = list(lines)
        out[i] = rng.choice((b" ", b"\t", b"   ", b"- ", b"? ", b"# ")) + out[i]
        return f"line {i + 1} indented", out
    if choice == 4:
        out = list(lines[i: j + 1])
        rng.shuffle(out)
        return f"lines {i + 1}-{j + 1} shuffled", lines[:i] + out + lines[j + 1:]
    out = list(lines)
    out[i] = out[i].lstrip()
    return f"line {i + 1} dedented", out


def y_lines(rng: random.Random, source: str) -> Mutated:
    what, lines = _lines_op(rng, raw(source).split(b"\n"))
    return what, b"\n".join(lines)


def y_huge(rng: random.Random, source: str) -> Mutated:
    choice = rng.randrange(4)
    if choice == 0:
        return "padded past 5 MB with a comment", raw(source) + b"\n#" + b"x" * 5_000_000 + b"\n"
    if choice == 1:
        return "50,000 unknown keys", raw(source) + "".join(f"k{i}: {i}\n" for i in range(50_000)).encode()
    if choice == 2:
        return "a 4 MB plain scalar line", raw(source) + b"\nhuge: " + b"z" * 4_000_000 + b"\n"
    return "one 2 MB line of flow list", raw(source) + b"\nflow: [" + b"1," * 1_000_000 + b"1]\n"


def y_whole(rng: random.Random, source: str) -> Mutated:
    """Files that are not one mapping: empty, a scalar, several documents, only comments."""
    text = raw(source).decode("utf-8")
    return rng.choice((
        ("empty", b""), ("only whitespace", b"  \n\n\t\n"), ("only a comment", b"# nothing\n"),
        ("a scalar", b"hello\n"), ("a list", b"- a\n- b\n"), ("null", b"~\n"),
        ("two documents", (text + "---\n" + text).encode()),
        ("a document end marker", b"...\n" + text.encode()), ("a directive", b"%YAML 9.9\n---\n" + text.encode()),
        ("a %TAG directive", b"%TAG ! tag:evil.com,2000:\n---\n" + text.encode()),
        ("a flow mapping never closed", b"{a: 1, b: [2, 3\n"), ("a single tab", b"\t"),
        ("a key with no value", b"id:\n"), ("a NUL byte", b"\x00"), ("a lone byte-order mark", codecs.BOM_UTF8),
    ))


def special(rng: random.Random, source: str) -> Mutated:
    kind = rng.choice(SPECIAL_FILES)
    return f"a {kind}", None, kind


YAML_MUTATIONS: tuple[tuple[Callable[[random.Random, str], Mutated], int], ...] = (
    (y_truncate, 4), (y_flip, 4), (y_wrong_type, 10), (y_keys, 4), (y_scale, 2), (y_deep, 2), (y_alias, 3), (y_tag, 3),
    (y_encoding, 2), (y_lines, 3), (y_huge, 2), (y_whole, 2), (special, 2),
)


# Mutations of transcripts -------------------------------------------------------------------------


def _event_paths(event: Any) -> tuple[tuple[Path_, ...], ...]:
    return _grouped(_node_paths(event))


def _line_index(rng: random.Random, lines: tuple[str, ...]) -> int:
    r = rng.random()
    if r < 0.3:
        return 0  # the header holds most keys
    if r < 0.4:
        return len(lines) - 1  # the ending
    return rng.randrange(len(lines))


def _join(lines: list[str]) -> bytes:
    return "".join(line + "\n" for line in lines).encode("utf-8")


def _json_replaced(event: Any, path: Path_, value_json: str) -> str:
    token = "FUZZTOKEN0"
    return json.dumps(_replaced(event, path, token), ensure_ascii=False).replace(f'"{token}"', value_json, 1)


def t_truncate(rng: random.Random, source: str) -> Mutated:
    data = raw(source)
    last = data.rstrip(b"\n").rfind(b"\n") + 1
    if rng.random() < 0.5:
        cut = rng.randrange(last, len(data))
        return f"truncated in the last line at byte {cut}", data[:cut]
    cut = rng.randrange(len(data))
    return f"truncated at byte {cut}", data[:cut]


def t_flip(rng: random.Random, source: str) -> Mutated:
    return _flip(rng, raw(source))


def t_wrong_type(rng: random.Random, source: str) -> Mutated:
    lines = list(json_lines(source))
    n = _line_index(rng, json_lines(source))
    event = json.loads(lines[n])
    path = _pick_path(rng, _event_paths(event))
    what, value = rng.choice(JSON_VALUES)
    lines[n] = _json_replaced(event, path, value)
    return f"{what} at line {n + 1} {_dotted(path)}", _join(lines)


def t_huge_number(rng: random.Random, source: str) -> Mutated:
    """A number key (turn, seed, max_turns, agitation, a span...) set to an extreme."""
    lines = list(json_lines(source))
    candidates = []
    for n, line in enumerate(lines):
        event = json.loads(line)
        candidates += [(n, p) for p in _node_paths(event)
                       if isinstance(_get(event, p), (int, float)) and not isinstance(_get(event, p), bool)]
    n, path = rng.choice(candidates)
    value = rng.choice(("-1", "1e308", "NaN", "Infinity", str(2**63), str(10**18), "9" * 400, "-0", "1e-320",
                        "100.0000001", "101", "4294967296"))
    lines[n] = _json_replaced(json.loads(lines[n]), path, value)
    return f"{value[:12]} at line {n + 1} {_dotted(path)}", _join(lines)


def t_keys(rng: random.Random, source: str) -> Mutated:
    lines = list(json_lines(source))
    n = _line_index(rng, json_lines(source))
    event = json.loads(lines[n])
    objects = [g for g in _event_paths(event) if isinstance(_get(event, g[0]), dict)]
    path = _pick_path(rng, tuple(objects))
    keys = list(_get(event, path))
    choice = rng.randrange(4) if keys else 1
    if choice == 0:
        gone = rng.choice(keys)
        lines[n] = json.dumps(_edit_mapping(event, path, lambda m: {k: v for k, v in m.items() if k != gone}))
        what = f"key {gone!r} removed"
    elif choice == 1:
        extra = rng.choice(("extra", "Event", "", "x" * 5000))
        lines[n] = json.dumps(_edit_mapping(event, path, lambda m: {**m, extra: 1}))
        what = f"key {extra[:20]!r} added"
    elif choice == 2:
        key = rng.choice(keys)
        lines[n] = json.dumps(_edit_mapping(event, path, lambda m: {(k + "_" if k == key else k): v
                                                                    for k, v in m.items()}))
        what = f"key {key!r} renamed"
    else:
        key = rng.choice(keys)
        text = json.dumps(_get(event, path)[key])
        inner = json.dumps(_get(event, path))[1:-1]
        lines[n] = json.dumps(event).replace(inner, inner + f", {json.dumps(key)}: {text}", 1)
        what = f"key {key!r} twice"
    return f"{what} at line {n + 1} {_dotted(path)}", _join(lines)


def t_events(rng: random.Random, source: str) -> Mutated:
    """Events missing, repeated, reordered, unknown or not objects."""
    lines = list(json_lines(source))
    choice = rng.randrange(9)
    if choice == 0:
        return "the started line removed", _join(lines[1:])
    if choice == 1:
        return "the ended line removed", _join(lines[:-1])
    if choice == 2:
        return "the started line twice", _join([lines[0], *lines])
    if choice == 3:
        return "the events reversed", _join(lines[::-1])
    if choice == 4:
        n = rng.randrange(1, len(lines))
        kind = rng.choice(('"future_event"', "null", "1", '["started"]', '""', '"Started"', '"started"'))
        event = json.loads(lines[n])
        event["event"] = "FUZZTOKEN0"
        lines[n] = json.dumps(event).replace('"FUZZTOKEN0"', kind)
        return f"event kind {kind} at line {n + 1}", _join(lines)
    if choice == 5:
        n = rng.randrange(len(lines) + 1)
        junk = rng.choice(("[]", "1", "null", '"text"', "{}", "{", "}", "tru", '{"event": "started"}', "\x00",
                           "\ufeff{}", "// comment", "NaN", '{"a": 1} {"b": 2}'))
        return f"{junk!r} inserted at line {n + 1}", _join([*lines[:n], junk, *lines[n:]])
    if choice == 6:
        what, out = _lines_op(rng, [line.encode() for line in lines])
        return what, b"".join(line + b"\n" for line in out)
    if choice == 7:
        body = lines[1:-1] * rng.choice((20, 200))
        return f"the middle repeated ({len(body)} events)", _join([lines[0], *body, lines[-1]])
    return "only the started line", _join(lines[:1])


def t_deep(rng: random.Random, source: str) -> Mutated:
    lines = list(json_lines(source))
    n = _line_index(rng, json_lines(source))
    event = json.loads(lines[n])
    path = _pick_path(rng, _event_paths(event))
    depth = rng.choice((100, 1000, 10_000, 100_000, 1_000_000))
    lines[n] = _json_replaced(event, path, "[" * depth + "]" * depth)
    return f"{depth} levels of nesting at line {n + 1} {_dotted(path)}", _join(lines)


def t_long_line(rng: random.Random, source: str) -> Mutated:
    lines = list(json_lines(source))
    n = rng.randrange(len(lines))
    size = rng.choice((100_000, 2_000_000, 20_000_000))
    choice = rng.randrange(3)
    if choice == 0:
        lines[n] = lines[n][:-1] + " " * size + "}"
        return f"{size:,} spaces inside line {n + 1}", _join(lines)
    if choice == 1:
        event = json.loads(lines[n])
        key = next((k for k, v in event.items() if isinstance(v, str) and k != "event"), "text")
        lines[n] = _json_replaced(event, (key,), json.dumps("w " * (size // 2)))
        return f"a {size:,}-character {key} at line {n + 1}", _join(lines)
    lines.insert(n, "x" * size)
    return f"a {size:,}-character junk line at line {n + 1}", _join(lines)


def t_encoding(rng: random.Random, source: str) -> Mutated:
    return _recode(rng, raw(source).decode("utf-8"))


def t_whole(rng: random.Random, source: str) -> Mutated:
    return rng.choice((
        ("empty", b""), ("one newline", b"\n"), ("blank lines", b"\n\n  \n"),
        ("a YAML file", raw(sources("rubric")[0])),
        ("one JSON array of the events", ("[" + ",".join(json_lines(source)) + "]").encode()),
        ("the events on one line", " ".join(json_lines(source)).encode()), ("binary", bytes(range(256)) * 4),
    ))


TRANSCRIPT_MUTATIONS: tuple[tuple[Callable[[random.Random, str], Mutated], int], ...] = (
    (t_truncate, 4), (t_flip, 4), (t_wrong_type, 10), (t_huge_number, 4), (t_keys, 4), (t_events, 4),
    (t_deep, 2), (t_long_line, 2), (t_encoding, 2), (t_whole, 2), (special, 2),
)


# Cases ---------------------------------------------------------------------------------------------


def plan(seed: int, index: int) -> tuple[random.Random, str, str, Callable[[random.Random, str], Mutated]]:
    """What case ``index`` is made of (cheap: nothing is built yet): its random stream, kind,
    source and mutation."""
    rng = random.Random(f"talkdown-fuzz:{seed}:{index}")
    kind = rng.choices(KINDS, KIND_WEIGHTS)[0]
    source = rng.choice(sources(kind))
    table = TRANSCRIPT_MUTATIONS if kind == "transcript" else YAML_MUTATIONS
    if not special_files_supported():
        table = tuple(m for m in table if m[0] is not special)
    mutate = rng.choices([m for m, _ in table], [w for _, w in table])[0]
    return rng, kind, source, mutate


def family(mutate: Callable[[random.Random, str], Mutated]) -> str:
    return mutate.__name__.split("_", 1)[-1] if mutate is not special else "special"


#: Case numbers from here on are the sweep: a wrong type at every key path, one case each.
SWEEP_BASE = 1_000_000_000


@cache
def _sweep_plan() -> tuple[tuple[str, str, int, tuple[Path_, ...]], ...]:
    """(kind, source, line, paths) for every distinct key path of every shipped scenario and rubric
    (line -1), and every distinct key path of each event kind in the transcripts (its first line)."""
    out: list[tuple[str, str, int, tuple[Path_, ...]]] = []
    for kind in ("scenario", "rubric"):
        for source in sources(kind):
            out += [(kind, source, -1, group) for group in yaml_key_paths(source)]
    seen: set[tuple[Any, ...]] = set()
    for source in sources("transcript"):
        for n, line in enumerate(json_lines(source)):
            event = json.loads(line)
            for group in _event_paths(event):
                key = (event.get("event"), *("*" if isinstance(x, int) else x for x in group[0]))
                if key not in seen:
                    seen.add(key)
                    out.append(("transcript", source, n, group))
    return tuple(out)


def sweep_size() -> int:
    """How many sweep cases there are (case numbers SWEEP_BASE to SWEEP_BASE + sweep_size() - 1)."""
    return len(_sweep_plan())


def _sweep_case(seed: int, index: int) -> Case:
    kind, source, n, group = _sweep_plan()[index - SWEEP_BASE]
    rng = random.Random(f"talkdown-fuzz-sweep:{seed}:{index}")
    path = rng.choice(group)
    if kind == "transcript":
        what, value = rng.choice(JSON_VALUES)
        lines = list(json_lines(source))
        lines[n] = _json_replaced(json.loads(lines[n]), path, value)
        return Case(seed, index, kind, source, f"sweep: {what} at line {n + 1} {_dotted(path)}", data=_join(lines))
    what, value = rng.choice(YAML_VALUES)
    data = _dump(_replaced(yaml_tree(source), path, value)).encode("utf-8")
    return Case(seed, index, kind, source, f"sweep: {what} at {_dotted(path)}", data=data)


def case(seed: int, index: int) -> Case:
    """Case ``index`` of the run seeded ``seed``: the same bytes every time, whatever else ran."""
    if index >= SWEEP_BASE:
        return _sweep_case(seed, index)
    rng, kind, source, mutate = plan(seed, index)
    made = mutate(rng, source)
    if len(made) == 3:
        return Case(seed, index, kind, source, f"{family(mutate)}: {made[0]}", special=made[2])
    return Case(seed, index, kind, source, f"{family(mutate)}: {made[0]}", data=made[1])


def cases(seed: int, count: int, start: int = 0) -> list[Case]:
    return [case(seed, i) for i in range(start, start + count)]


def sweep_indices() -> range:
    return range(SWEEP_BASE, SWEEP_BASE + sweep_size())
