"""The app's remembered choices (trainee name, theme), kept in the config folder.

A missing or damaged file gives the defaults; it is never an error to start the app.
A damaged or hostile one (not JSON, nested past any sense, a FIFO, ``/dev/zero``, a
folder) is also reported, so the app can say why the defaults are in use.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from simulator.smallfile import Unusable, read_small_file

FILE_NAME = "settings.json"
MAX_BYTES = 64_000


@dataclass
class Preferences:
    trainee: str = ""
    theme: str = "textual-dark"
    instructor: str = ""
    """The name the last note was signed with."""

    @classmethod
    def load(cls, folder: Path) -> Preferences:
        return cls.read(folder)[0]

    @classmethod
    def read(cls, folder: Path) -> tuple[Preferences, str | None]:
        """The preferences, and why the file (or part of it) was not used, if it was not."""
        path = folder / FILE_NAME
        try:
            text = read_small_file(path, MAX_BYTES).decode("utf-8")
        except UnicodeDecodeError:
            return cls(), _ignored(path, "it is not UTF-8 text")
        except FileNotFoundError:
            return cls(), None  # first start: nothing to say
        except Unusable as exc:
            return cls(), _ignored(path, str(exc))
        except OSError as exc:
            return cls(), _ignored(path, f"it cannot be read ({exc.strerror or exc})")
        try:
            raw = json.loads(text)
        except RecursionError:
            return cls(), _ignored(path, "it is nested too deeply")
        except ValueError:
            return cls(), _ignored(path, "it is not valid JSON")
        if not isinstance(raw, dict):
            return cls(), _ignored(path, "it does not hold a JSON object")
        known = {f.name for f in fields(cls)}
        # a remembered name is shown on screen: one with control characters is not remembered
        usable = {k: v for k, v in raw.items()
                  if k in known and isinstance(v, str) and len(v) <= 200 and v.isprintable()}
        refused = sorted(k for k in known if k in raw and k not in usable)
        problem = None
        if refused:
            problem = (f"Some settings in '{path}' were not used: {', '.join(refused)} "
                       f"(not a short line of printable text). The defaults are used for "
                       f"{'it' if len(refused) == 1 else 'them'}.")
        return cls(**usable), problem

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


def _ignored(path: Path, why: str) -> str:
    return f"The settings file '{path}' was not used: {why}. The app starts with the default settings."
