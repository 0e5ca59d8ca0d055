"""Coach-mode feedback on one reply: the techniques detected and a one-line tip."""

from __future__ import annotations

from dataclasses import dataclass

from simulator.language import TECHNIQUES

NOTHING_TIP = ("No technique detected. Try naming the feeling you hear (\"You sound scared\") "
               "or an open question (\"What's going on?\").")
REPEAT_TIP = "You have said nearly the same thing before; vary your words."


@dataclass(frozen=True)
class Mark:
    good: bool
    title: str
    quote: str


def technique_marks(analysis: dict) -> list[Mark]:
    out = []
    for d in analysis.get("detections", []):
        info = TECHNIQUES.get(d["technique"])
        title = info.title if info else d["technique"].replace("_", " ")
        good = not (info and info.polarity == "negative")
        out.append(Mark(good=good, title=title, quote=d.get("text", "")))
    return out


def tip_for(analysis: dict) -> str:
    """The most useful single tip: a negative move first, then repetition, then the best positive."""
    detections = analysis.get("detections", [])
    negative = [d for d in detections if TECHNIQUES.get(d["technique"]) and
                TECHNIQUES[d["technique"]].polarity == "negative"]
    if negative:
        return TECHNIQUES[negative[0]["technique"]].tip
    if analysis.get("repeated", 0) >= 1:
        return REPEAT_TIP
    if not detections:
        return NOTHING_TIP
    first = TECHNIQUES.get(detections[0]["technique"])
    return first.tip if first else ""
