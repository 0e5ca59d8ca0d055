"""The fixed names every layer shares (DESIGN 3.1, 3.2, 3.3, 3.4).

Technique ids with their polarity, agitation bands, outcome ids, action ids, modes and
file-format versions. Nothing else in the package lists them; this module imports
nothing of ours, so every layer may use it.
"""

from __future__ import annotations

from typing import Final, Literal, get_args

Polarity = Literal["positive", "negative", "neutral"]

PositiveTechnique = Literal[
    "introduction", "name_use", "open_question", "closed_question", "paraphrase",
    "emotion_label", "mirroring", "summary", "minimal_encourager", "effective_pause",
    "i_message", "affirmation", "reassurance", "offer_options", "explanation",
    "crisis_inquiry", "resource_referral", "polite_request",
]
#: Neutral in itself (advice before rapport costs: the engine's rule).
NeutralTechnique = Literal["advice"]
NegativeTechnique = Literal[
    "command", "threat", "dismissal", "argument", "insult", "interrogation", "jargon", "sarcasm",
    "false_promise", "presumption", "blaming_why", "yes_but", "minimising", "power_talk", "lecturing",
]
TechniqueId = Literal[PositiveTechnique, NeutralTechnique, NegativeTechnique]

POSITIVE_TECHNIQUES: Final[tuple[str, ...]] = get_args(PositiveTechnique)
NEUTRAL_TECHNIQUES: Final[tuple[str, ...]] = get_args(NeutralTechnique)
NEGATIVE_TECHNIQUES: Final[tuple[str, ...]] = get_args(NegativeTechnique)
#: Every technique id, positive first, then neutral, then negative.
TECHNIQUE_IDS: Final[tuple[str, ...]] = POSITIVE_TECHNIQUES + NEUTRAL_TECHNIQUES + NEGATIVE_TECHNIQUES
#: The sharper ids of language v2 (issue 10); sets labelled before them use the other ids only.
SHARPER_TECHNIQUES: Final[tuple[str, ...]] = (
    "polite_request", "false_promise", "presumption", "blaming_why", "yes_but", "minimising", "power_talk",
    "lecturing",
)
#: Sharper ids added after the natural-replies sets were labelled: a set scores them only if its
#: labels use them (their detections would otherwise count as errors nobody could have labelled).
LATER_TECHNIQUES: Final[tuple[str, ...]] = ("lecturing",)
#: Giving back what the person said or felt (MITI's reflections).
REFLECTIONS: Final[tuple[str, ...]] = ("paraphrase", "mirroring", "summary", "emotion_label")
POLARITY: Final[dict[str, Polarity]] = {
    **{t: "positive" for t in POSITIVE_TECHNIQUES},
    **{t: "neutral" for t in NEUTRAL_TECHNIQUES},
    **{t: "negative" for t in NEGATIVE_TECHNIQUES},
}

Band = Literal["calm", "tense", "agitated", "hostile", "crisis"]
#: Bands from calm to crisis.
BANDS: Final[tuple[Band, ...]] = get_args(Band)
#: The lowest agitation of each band.
BAND_FLOORS: Final[dict[Band, int]] = {"calm": 0, "tense": 20, "agitated": 45, "hostile": 70, "crisis": 90}


def band_of(agitation: float) -> Band:
    """The band an agitation value falls in."""
    for band in reversed(BANDS):
        if agitation >= BAND_FLOORS[band]:
            return band
    return "calm"


AuthoredOutcome = Literal["resolved", "referred", "escalated", "left"]
EngineOutcome = Literal["timed_out", "abandoned"]
Outcome = Literal[AuthoredOutcome, EngineOutcome]
#: Outcomes an author may attach to a phase, rule or action.
AUTHORED_OUTCOMES: Final[tuple[str, ...]] = get_args(AuthoredOutcome)
#: Every outcome id; the last two only the engine decides (out of turns, the recruit quit).
OUTCOMES: Final[tuple[str, ...]] = AUTHORED_OUTCOMES + get_args(EngineOutcome)
#: Outcomes that count as a good ending.
GOOD_OUTCOMES: Final[tuple[str, ...]] = ("resolved", "referred")

ActionId = Literal[
    "step-back", "cover", "sit", "lower-voice", "pause", "wait", "call-crisis-team",
    "call-backup", "call-ems", "remove-bystanders", "sirens-off", "end",
]
ACTIONS: Final[tuple[str, ...]] = get_args(ActionId)

#: Actions that call for help: they cost nothing by themselves (how help arrives may).
CALL_ACTIONS: Final[tuple[str, ...]] = ("call-crisis-team", "call-backup", "call-ems")
#: Actions that spend time: at a safe distance, time lets agitation ease.
TIME_ACTIONS: Final[tuple[str, ...]] = ("wait", "pause")

#: Feelings an emotion label can name (the language layer's families); a scenario marks
#: which the subject has, so a label can be right, generic or wrong.
Feeling = Literal["anger", "fear", "sadness", "confusion", "disrespect"]
FEELINGS: Final[tuple[str, ...]] = get_args(Feeling)

#: Why someone not addressed reacted (a scene with several people), as a coach line says it.
REACTIONS: Final[dict[str, str]] = {"sides": "you took a side against them",
                                    "hostility": "what you said to another frightened them",
                                    "one_voice": "two officers talked at once"}

#: How a subject answers a question about a topic.
AnswerKind = Literal["withheld", "evasive", "honest"]

Mode = Literal["coach", "assess"]
MODES: Final[tuple[str, ...]] = get_args(Mode)

#: The longest reply a trainee may send (characters): longer ones are refused with a notice.
MAX_REPLY_CHARS: Final = 2000
#: A session's seed is a signed 64-bit number (what `--seed`, walkthroughs and transcripts accept).
MIN_SEED: Final = -(2**63)
MAX_SEED: Final = 2**63 - 1

#: Format versions stamped in (or required of) each kind of file.
TRANSCRIPT_FORMAT: Final = 2
SCENARIO_FORMAT: Final = 1
RUBRIC_FORMAT: Final = 1
BANK_FORMAT: Final = 1
