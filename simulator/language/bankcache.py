"""What compiling the phrase banks costs, kept between runs: each pattern's gates and its compiled
regular expression.

Reading the banks' 800-odd patterns for their gates and compiling them takes about 0.6 s, at every
start of a command that reads replies; from this cache it takes about 15 ms. The cache is a file in
the cache folder (``TALKDOWN_CACHE_DIR``, by default ``~/.cache/talkdown``), named by a digest of
everything the result depends on: the patterns, the code that reads them (this module and
``compiled.py``) and the Python that compiled them. A missing, stale, unreadable or damaged file
is simply rebuilt; a folder that cannot be written leaves every run compiling as before. Nothing in
it is trusted beyond its checksum and its shape: a file that fails either is ignored.

A regular expression is stored as CPython's own compiled program (what ``re.compile`` hands to
``_sre.compile``), and rebuilt from it without parsing the pattern again. That is CPython's
internal interface, so it is used only where it is the one this module was written against, and
every failure falls back to ``re.compile``.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import sys
import tempfile
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from simulator.settings import Paths

try:    # CPython's regex compiler: parse and code generation in Python, the engine in C
    import _sre  # type: ignore[import-not-found]
    import re._compiler as _re_compiler  # type: ignore[import-not-found]
    import re._parser as _re_parser  # type: ignore[import-not-found]
except ImportError:     # pragma: no cover - other Pythons compile every pattern
    _sre = _re_compiler = _re_parser = None

#: bump when what is stored changes shape
FORMAT = 1
_CODE_FILES = ("bankcache.py", "compiled.py")
_KEEP = 4


def _usable() -> bool:
    return (_re_parser is not None and sys.implementation.name == "cpython"
            and sys.version_info[:2] in {(3, 11), (3, 12), (3, 13)})


def regex_program(pattern: str) -> tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]:
    """What ``re.compile(pattern)`` passes to ``_sre.compile``, as plain values."""
    parsed = _re_parser.parse(pattern, 0)
    code = [int(c) for c in _re_compiler._code(parsed, 0)]
    groupindex = {str(k): int(v) for k, v in parsed.state.groupdict.items()}
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return int(parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup)


def regex_from_program(pattern: str, program: Sequence[Any]) -> re.Pattern[str]:
    flags, code, groups, groupindex, indexgroup = program
    rx: re.Pattern[str] = _sre.compile(pattern, flags, code, groups, groupindex, indexgroup)
    return rx


@cache
def _code_digest() -> bytes:
    """The format, the Python and the code that builds what is stored: read once per process."""
    h = hashlib.sha256(f"{FORMAT}\0{sys.version}\0{getattr(_sre, 'MAGIC', '')}\0".encode())
    here = Path(__file__).parent
    for name in _CODE_FILES:
        h.update((here / name).read_bytes())
    return h.digest()


def _digest(parts: Sequence[str | bytes]) -> str:
    h = hashlib.sha256(_code_digest())
    for part in parts:
        h.update(part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def cache_folder() -> Path:
    return Paths().cache_dir


def _read(path: Path, digest: str) -> Any:
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    check, body = blob[:32], blob[32:]
    if hashlib.sha256(body).digest() != check:
        return None
    try:
        stored = marshal.loads(body)
    except (EOFError, ValueError, TypeError):
        return None
    if not (isinstance(stored, tuple) and len(stored) == 2 and stored[0] == digest):
        return None
    return stored[1]


def _write(path: Path, digest: str, value: Any) -> None:
    try:
        body = marshal.dumps((digest, value))
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".new-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(hashlib.sha256(body).digest() + body)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
        # banks edited, or other Pythons: keep the newest few of each kind
        kind = path.name.rsplit("-", 1)[0]
        for old in sorted(path.parent.glob(f"{kind}-*.bin"), key=lambda p: p.stat().st_mtime)[:-_KEEP]:
            old.unlink(missing_ok=True)
    except (OSError, ValueError):
        pass    # a cache that cannot be written: compile at every start, as without one


def remembered(name: str, parts: Sequence[str | bytes], build: Callable[[], Any], folder: Path | None = None) -> Any:
    """``build()``, a plain value (see ``marshal``) that depends on nothing but ``parts`` and the
    code in ``_CODE_FILES``: read from the cache when it holds it, else built and stored."""
    digest = _digest(parts)
    path = (folder if folder is not None else cache_folder()) / f"{name}-{digest[:24]}.bin"
    stored = _read(path, digest)
    if stored is not None:
        return stored
    value = build()
    _write(path, digest, value)
    return value


def compile_patterns(
    patterns: Sequence[tuple[str, str]],
    plan: Callable[[str], tuple[Any, ...]],
    folder: Path | None = None,
) -> list[tuple[re.Pattern[str], tuple[Any, ...]]]:
    """Each ``(full, gated)`` pattern compiled (``full``), with ``plan(gated)``: plain values
    (strings, tuples, frozensets, None) that depend on nothing but ``gated`` and the code in
    ``_CODE_FILES``. Read from the cache when it holds them, else computed and stored."""
    if not _usable():
        return [(re.compile(full), plan(gated)) for full, gated in patterns]

    def build() -> list[tuple[Any, ...]]:
        return [(regex_program(full), plan(gated)) for full, gated in patterns]

    try:
        stored = remembered("banks", [p for pair in patterns for p in pair], build, folder)
        if isinstance(stored, list) and len(stored) == len(patterns):
            return [(regex_from_program(full, program), tuple(planned))
                    for (full, _), (program, planned) in zip(patterns, stored, strict=True)]
    except re.error:
        raise
    except Exception:   # a damaged program (``_sre`` checks every one) or a moved interface
        pass
    return [(re.compile(full), plan(gated)) for full, gated in patterns]
