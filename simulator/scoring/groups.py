"""Technique groups every rubric can name in place of a technique id."""

from __future__ import annotations

from simulator.vocabulary import NEGATIVE_TECHNIQUES, NEUTRAL_TECHNIQUES, POSITIVE_TECHNIQUES, REFLECTIONS

BUILTIN_GROUPS: dict[str, tuple[str, ...]] = {
    # MITI-style reflections: the officer gives back what the person said or felt.
    "reflections": REFLECTIONS,
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
    # Everything that is not negative (advice included).
    "positive": POSITIVE_TECHNIQUES + NEUTRAL_TECHNIQUES,
    "negative": NEGATIVE_TECHNIQUES,
}
