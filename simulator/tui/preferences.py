"""The app's remembered choices (trainee name, theme), kept in the config folder.

A missing or damaged file gives the defaults; it is never an error to start the app.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

FILE_NAME = "settings.json"
MAX_BYTES = 64_000


@dataclass
class Preferences:
    trainee: str = ""
    theme: str = "textual-dark"

    @classmethod
    def load(cls, folder: Path) -> Preferences:
        path = folder / FILE_NAME
        try:
            # a regular, small file only: a FIFO would hang the start, /dev/zero never end
            if not path.is_file() or path.stat().st_size > MAX_BYTES:
                return cls()
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):  # deep nesting is a RecursionError
            return cls()
        if not isinstance(raw, dict):
            return cls()
        known = {f.name for f in fields(cls)}
        # a remembered name is shown on screen: one with control characters is not remembered
        return cls(**{k: v for k, v in raw.items()
                      if k in known and isinstance(v, str) and len(v) <= 200 and v.isprintable()})

    def save(self, folder: Path) -> bool:
        """Write the file atomically; False (and nothing changed) if the folder is not writable."""
        try:
            folder.mkdir(parents=True, exist_ok=True)
            tmp = folder / (FILE_NAME + ".tmp")
            tmp.write_text(json.dumps(asdict(self), indent=2) + "\n", encoding="utf-8")
            tmp.replace(folder / FILE_NAME)
        except OSError:
            return False
        return True
