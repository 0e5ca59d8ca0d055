"""Fixed vocabularies shared by scenario files, the engine and the tools.

Technique ids are owned by the language layer; scenarios refer to them by name, and
the loader checks the names against this list so a typo is caught at load time.
"""

from __future__ import annotations

BANDS: tuple[str, ...] = ("calm", "tense", "agitated", "hostile", "crisis")
BAND_FLOORS: dict[str, int] = {"calm": 0, "tense": 20, "agitated": 45, "hostile": 70, "crisis": 90}

OUTCOMES: tuple[str, ...] = ("resolved", "referred", "escalated", "left", "timed_out", "abandoned")
#: Outcomes an author may attach to a phase or condition (the rest the engine decides).
AUTHORED_OUTCOMES: tuple[str, ...] = ("resolved", "referred", "escalated", "left")

ACTIONS: tuple[str, ...] = (
    "step-back", "cover", "sit", "lower-voice", "pause", "wait", "call-crisis-team",
    "call-backup", "remove-bystanders", "sirens-off", "end",
)

TECHNIQUE_IDS: tuple[str, ...] = (
    "introduction", "name_use", "open_question", "closed_question", "paraphrase",
    "emotion_label", "mirroring", "summary", "minimal_encourager", "effective_pause",
    "i_message", "affirmation", "reassurance", "offer_options", "explanation",
    "crisis_inquiry", "resource_referral", "advice",
    "command", "threat", "dismissal", "argument", "insult", "interrogation", "jargon",
    "sarcasm",
)


def band_of(agitation: float) -> str:
    """The band an agitation value falls in (DESIGN 3.1)."""
    if agitation >= 90:
        return "crisis"
    if agitation >= 70:
        return "hostile"
    if agitation >= 45:
        return "agitated"
    if agitation >= 20:
        return "tense"
    return "calm"
