"""The fixed names rubrics may use: technique ids, built-in technique groups, outcomes.

Technique ids are the language layer's (DESIGN 3.3); they are listed here so that a
rubric file is checked without running the language layer. A test keeps the two
lists in step.
"""

from __future__ import annotations

POSITIVE_TECHNIQUES: tuple[str, ...] = (
    "introduction", "name_use", "open_question", "closed_question", "paraphrase",
    "emotion_label", "mirroring", "summary", "minimal_encourager", "effective_pause",
    "i_message", "affirmation", "reassurance", "offer_options", "explanation",
    "crisis_inquiry", "resource_referral", "advice",
)
NEGATIVE_TECHNIQUES: tuple[str, ...] = (
    "command", "threat", "dismissal", "argument", "insult", "interrogation", "jargon",
    "sarcasm",
)
TECHNIQUE_IDS: tuple[str, ...] = POSITIVE_TECHNIQUES + NEGATIVE_TECHNIQUES

OUTCOMES: tuple[str, ...] = ("resolved", "referred", "escalated", "left", "timed_out", "abandoned")

ACTIONS: tuple[str, ...] = (
    "step-back", "cover", "sit", "lower-voice", "pause", "wait", "call-crisis-team",
    "call-backup", "remove-bystanders", "sirens-off", "end",
)

#: Groups every rubric can name in place of a technique id.
BUILTIN_GROUPS: dict[str, tuple[str, ...]] = {
    # MITI-style reflections: the officer gives back what the person said or felt.
    "reflections": ("paraphrase", "mirroring", "summary", "emotion_label"),
    "questions": ("open_question", "closed_question"),
    # The FBI Behavioral Change Stairway's active-listening skills.
    "listening": ("emotion_label", "paraphrase", "mirroring", "summary", "open_question",
                  "minimal_encourager", "effective_pause", "i_message"),
    # Moves that show the officer is really taking part in the conversation. Minimal
    # encouragers, pauses and closed questions alone do not: "ok" ten times is not
    # engagement, so a passive officer earns no credit for what they did not do.
    "engaged": ("introduction", "open_question", "paraphrase", "emotion_label", "mirroring",
                "summary", "i_message", "affirmation", "reassurance", "offer_options",
                "explanation", "crisis_inquiry", "resource_referral"),
    "positive": POSITIVE_TECHNIQUES,
    "negative": NEGATIVE_TECHNIQUES,
}

BANDS: tuple[tuple[str, int], ...] = (
    ("crisis", 90), ("hostile", 70), ("agitated", 45), ("tense", 20), ("calm", 0))


def band_of(agitation: float) -> str:
    for name, floor in BANDS:
        if agitation >= floor:
            return name
    return "calm"
