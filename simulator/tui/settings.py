"""The app's remembered choices (trainee name, theme), kept in the user's config dir.

``TALKDOWN_CONFIG_DIR`` overrides the folder, so tests never touch the real one.
A missing or damaged file gives the defaults; it is never an error to start the app.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

FILE_NAME = "settings.json"


def config_dir() -> Path:
    env = os.environ.get("TALKDOWN_CONFIG_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "talkdown"


@dataclass
class Settings:
    trainee: str = ""
    theme: str = "textual-dark"

    @classmethod
    def load(cls, folder: Path | None = None) -> Settings:
        path = (folder or config_dir()) / FILE_NAME
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(raw, dict):
            return cls()
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in raw.items() if k in known and isinstance(v, str)})

    def save(self, folder: Path | None = None) -> bool:
        """Write the file atomically; False (and nothing changed) if the folder is not writable."""
        target = folder or config_dir()
        try:
            target.mkdir(parents=True, exist_ok=True)
            tmp = target / (FILE_NAME + ".tmp")
            tmp.write_text(json.dumps(asdict(self), indent=2) + "\n", encoding="utf-8")
            tmp.replace(target / FILE_NAME)
        except OSError:
            return False
        return True
