"""Where Talkdown finds and keeps its files, resolved once: command-line flags, then
``TALKDOWN_*`` environment variables, then defaults.

Every command and the app take a :class:`Paths`; nothing else reads the environment.  A plain
class on purpose: the app reads it before its first frame, and a settings library would cost
more to import than the rest of the start-up.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

#: each path, the variable that sets it, and what it is for
FIELDS: dict[str, tuple[str, str]] = {
    "scenarios": ("TALKDOWN_SCENARIOS", "Scenario files."),
    "rubrics": ("TALKDOWN_RUBRICS", "Rubric files; by default the ``rubrics`` folder beside the scenarios folder "
                                    "when there is one, else ``rubrics``."),
    "transcripts": ("TALKDOWN_TRANSCRIPTS", "Where sessions are saved."),
    "config_dir": ("TALKDOWN_CONFIG_DIR", "Remembered choices such as the trainee name; by default "
                                          "``$XDG_CONFIG_HOME/talkdown`` or ``~/.config/talkdown``."),
    "cache_dir": ("TALKDOWN_CACHE_DIR", "Scores remembered between runs and the compiled phrase banks, safe to "
                                        "delete; by default "
                                        "``$XDG_CACHE_HOME/talkdown`` or ``~/.cache/talkdown``."),
}


def _default_config_dir() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "talkdown"


def use_cache_dir(path: str | Path) -> None:
    """Keep this process's caches in ``path`` (the ``--cache-dir`` flag), down to the compiled
    phrase banks, which are built far below any command's options."""
    os.environ["TALKDOWN_CACHE_DIR"] = str(path)


def _default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "talkdown"


class Paths:
    """The folders of scenarios, rubrics and transcripts, and the config and cache folders.

    ``Paths(**given)``: what is given, else the ``TALKDOWN_*`` variable, else the default.
    Immutable; equal when every path is.
    """

    __slots__ = ("_explicit", "cache_dir", "config_dir", "rubrics", "scenarios", "transcripts")
    _explicit: frozenset[str]
    scenarios: Path
    rubrics: Path
    transcripts: Path
    config_dir: Path
    cache_dir: Path

    def __init__(self, **given: str | Path) -> None:
        unknown = set(given) - set(FIELDS)
        if unknown:
            raise TypeError(f"unknown paths: {', '.join(sorted(unknown))}")
        values: dict[str, Path] = {}
        for name, (variable, _) in FIELDS.items():
            if name in given:
                values[name] = Path(given[name])
            elif os.environ.get(variable):
                values[name] = Path(os.environ[variable])
        explicit = frozenset(values)
        values.setdefault("scenarios", Path("scenarios"))
        values.setdefault("transcripts", Path("transcripts"))
        if "rubrics" not in values:
            scenarios = values["scenarios"]
            folder = scenarios if scenarios.name not in ("", "..") else scenarios.resolve()
            sibling = folder.parent / "rubrics"
            values["rubrics"] = sibling if sibling.is_dir() else Path("rubrics")
        values.setdefault("config_dir", _default_config_dir())
        values.setdefault("cache_dir", _default_cache_dir())
        for name, value in values.items():
            object.__setattr__(self, name, value)
        object.__setattr__(self, "_explicit", explicit)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Paths are immutable: use .but(...)")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Paths) and all(getattr(self, n) == getattr(other, n) for n in FIELDS)

    def __hash__(self) -> int:
        return hash(tuple(getattr(self, n) for n in FIELDS))

    def __repr__(self) -> str:
        return "Paths(" + ", ".join(f"{n}={getattr(self, n)!r}" for n in FIELDS) + ")"

    @classmethod
    def resolve(cls, **flags: str | Path | None) -> Paths:
        """Flags that were given (not None) win over the environment, which wins over defaults."""
        given: dict[str, Any] = {k: Path(v) for k, v in flags.items() if v is not None}
        return cls(**given)

    def but(self, **flags: str | Path | None) -> Paths:
        """These paths with some flags of one command applied (None: keep)."""
        given: dict[str, Any] = {k: Path(v) for k, v in flags.items() if v is not None}
        if not given:
            return self
        explicit = {k: getattr(self, k) for k in self._explicit}
        return type(self)(**{**explicit, **given})


#: The Learning Record Store the app and `talkdown sync` send xAPI statements to (issue 14).
LRS_FIELDS: dict[str, tuple[str, str]] = {
    "url": ("TALKDOWN_LRS_URL", "The LRS's xAPI endpoint (``https://lrs.example/xAPI/``); none: nothing is sent."),
    "key": ("TALKDOWN_LRS_KEY", "The LRS's HTTP Basic user (key)."),
    "secret": ("TALKDOWN_LRS_SECRET", "Its password (secret)."),
    "home_page": ("TALKDOWN_XAPI_HOME_PAGE", "The home page of the trainees' accounts in xAPI statements."),
}


class LrsSettings:
    """Where statements go and as whom: given values, else the ``TALKDOWN_*`` variables, else None."""

    __slots__ = tuple(LRS_FIELDS)
    url: str | None
    key: str | None
    secret: str | None
    home_page: str | None

    def __init__(self, **given: str | None) -> None:
        unknown = set(given) - set(LRS_FIELDS)
        if unknown:
            raise TypeError(f"unknown LRS settings: {', '.join(sorted(unknown))}")
        for name, (variable, _) in LRS_FIELDS.items():
            value = given.get(name)
            setattr(self, name, value if value is not None else (os.environ.get(variable) or None))

    def __repr__(self) -> str:
        shown = {n: ("***" if n == "secret" and getattr(self, n) else getattr(self, n)) for n in LRS_FIELDS}
        return "LrsSettings(" + ", ".join(f"{n}={v!r}" for n, v in shown.items()) + ")"
