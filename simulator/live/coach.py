"""Coach-mode feedback on one reply, the same in the app and in `talkdown run`: the
techniques detected (good or not) and the one most useful tip."""

from __future__ import annotations

from dataclasses import dataclass

from simulator.language import TECHNIQUES
from simulator.transcripts.events import Analysed
from simulator.vocabulary import REFLECTIONS

NOTHING_TIP = ("No technique detected. Try naming the feeling you hear (\"You sound scared\") "
               "or an open question (\"What's going on?\").")
REPEAT_TIP = "You have said nearly the same thing before; vary your words."


@dataclass(frozen=True)
class Mark:
    good: bool
    title: str
    quote: str
    """The words that show it, verbatim."""


def marks(analysis: Analysed) -> list[Mark]:
    return [Mark(good=TECHNIQUES[d.technique].polarity != "negative", title=TECHNIQUES[d.technique].title,
                 quote=d.text) for d in analysis.detections]


def tip(analysis: Analysed) -> str:
    """A negative move first, then repetition, then nothing found; after a reply of good moves only,
    the next listening move it did not make, never one it just made: a reflection after an open
    question ("Name the feeling you hear"), an open question after a reply that only told or asked
    closed ones; none once it gave back what they said."""
    detections = analysis.detections
    negative = [d for d in detections if TECHNIQUES[d.technique].polarity == "negative"]
    if negative:
        return TECHNIQUES[negative[0].technique].tip
    if analysis.repeated >= 1:
        return REPEAT_TIP
    if not detections:
        return NOTHING_TIP
    used = {d.technique for d in detections}
    if not used.isdisjoint(REFLECTIONS):
        return ""
    if "open_question" in used:
        return TECHNIQUES["emotion_label"].tip
    return TECHNIQUES["open_question"].tip
