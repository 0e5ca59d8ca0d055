"""Where Talkdown finds and keeps its files, resolved once: command-line flags, then
``TALKDOWN_*`` environment variables, then defaults.

Every command and the app take a :class:`Paths`; nothing else reads the environment.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_config_dir() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "talkdown"


def _default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "talkdown"


class Paths(BaseSettings):
    """The folders of scenarios, rubrics and transcripts, and the config folder."""

    model_config = SettingsConfigDict(env_prefix="TALKDOWN_", frozen=True, extra="forbid",
                                      use_attribute_docstrings=True)

    scenarios: Path = Path("scenarios")
    """Scenario files (``TALKDOWN_SCENARIOS``)."""
    rubrics: Path = Path()
    """Rubric files (``TALKDOWN_RUBRICS``); by default the ``rubrics`` folder beside the
    scenarios folder when there is one, else ``rubrics``."""
    transcripts: Path = Path("transcripts")
    """Where sessions are saved (``TALKDOWN_TRANSCRIPTS``)."""
    config_dir: Path = Path()
    """Remembered choices such as the trainee name (``TALKDOWN_CONFIG_DIR``); by default
    ``$XDG_CONFIG_HOME/talkdown`` or ``~/.config/talkdown``."""
    cache_dir: Path = Path()
    """Scores remembered between runs (``TALKDOWN_CACHE_DIR``); safe to delete. By default
    ``$XDG_CACHE_HOME/talkdown`` or ``~/.cache/talkdown``."""

    @model_validator(mode="after")
    def _derived_defaults(self) -> Paths:
        if "rubrics" not in self.model_fields_set:
            folder = self.scenarios if self.scenarios.name not in ("", "..") else self.scenarios.resolve()
            sibling = folder.parent / "rubrics"
            object.__setattr__(self, "rubrics", sibling if sibling.is_dir() else Path("rubrics"))
        if "config_dir" not in self.model_fields_set:
            object.__setattr__(self, "config_dir", _default_config_dir())
        if "cache_dir" not in self.model_fields_set:
            object.__setattr__(self, "cache_dir", _default_cache_dir())
        return self

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
        explicit = {k: getattr(self, k) for k in self.model_fields_set}
        return type(self)(**{**explicit, **given})
