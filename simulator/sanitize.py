"""Text someone typed or authored, made safe to show on a terminal: shown literally, never obeyed."""

from __future__ import annotations

import unicodedata


def printable(text: str) -> str:
    """Control characters (escape sequences included) shown as visible escapes, not obeyed."""
    out = []
    for ch in text:
        if ch in "\n\t":
            out.append(" ")
        elif unicodedata.category(ch) == "Cc" or ch in "\u2028\u2029":
            out.append(f"\\x{ord(ch):02x}" if ord(ch) < 256 else f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "".join(out)
