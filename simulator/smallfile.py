"""Small files a person points Talkdown at (the app's settings, a `run --script`), read whole and
safely: never waiting on a FIFO, never reading ``/dev/zero`` for ever, never past a size limit.
What is opened is checked, not what the name pointed to a moment before."""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path


class Unusable(ValueError):
    """The file is there but is not one to read; the message says why ("it is a folder")."""


def read_small_file(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them. OSError if it cannot be
    opened (FileNotFoundError if it is not there), :class:`Unusable` if it is not a regular file
    or is larger."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Unusable(f"it is {'a folder' if stat.S_ISDIR(info.st_mode) else 'not a regular file'}")
        data = b""
        while len(data) <= limit:
            chunk = os.read(fd, limit + 1 - len(data))
            if not chunk:
                break
            data += chunk
    finally:
        with contextlib.suppress(OSError):
            os.close(fd)
    if len(data) > limit:
        raise Unusable(f"it is larger than {limit:,} bytes")
    return data
