"""Text someone typed or authored, made safe to show on a terminal: shown literally, never obeyed.

One place decides which characters a terminal could obey rather than show: the C0 and C1 control
characters (ESC and CSI begin escape sequences), DEL, and the Unicode line and paragraph separators;
and lone surrogates, which stand for the bytes of a file name that are not UTF-8 and cannot be
written to a terminal at all.
Every way text leaves Talkdown for a screen goes through one of these:

- :func:`printable`: the controls shown as visible escapes (``\\x1b``), for lines printed as they are
  and for HTML pages (which keep their line feeds and tabs);
- :func:`one_line`: the controls made spaces, for quotes inside a debrief (Markdown, plain text);
- :func:`json_text`: JSON with every control written as an escape (JSON escapes C0 itself; C1, DEL
  and the separators it would write raw), so ``talkdown run --json``, a transcript or an export
  shown with ``cat`` changes nothing on the terminal, and reads back to the same text.
"""

from __future__ import annotations

import json
import re
from typing import Any

#: the characters a terminal may obey instead of showing (C0, DEL, C1, U+2028, U+2029),
#: and lone surrogates (a file name's bytes that are not UTF-8), which no terminal can be sent
CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_CONTROLS_BUT_LINES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")  # a carriage return too
_RAW_IN_JSON = re.compile(r"[\x7f-\x9f\u2028\u2029\ud800-\udfff]")  # json.dumps escapes the rest itself


def printable(text: str, *, keep_lines: bool = False) -> str:
    """Control characters (escape sequences included) shown as visible escapes, not obeyed; a line
    feed or a tab is a space, or, with ``keep_lines``, kept."""
    return (_CONTROLS_BUT_LINES if keep_lines else CONTROLS).sub(_visible, text)


def _visible(m: re.Match[str]) -> str:
    ch = m.group()
    if ch in "\n\t":
        return " "
    return f"\\x{ord(ch):02x}" if ord(ch) < 256 else f"\\u{ord(ch):04x}"


def one_line(text: object) -> str:
    """Text on one line with no control characters (each is a space), trimmed."""
    return CONTROLS.sub(" ", str(text)).strip()


def json_text(data: Any, **options: Any) -> str:
    """``json.dumps(data, ensure_ascii=False, **options)`` with no control character written raw."""
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(data, ensure_ascii=False, **options))
