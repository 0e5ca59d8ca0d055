"""The API the engine is written against."""

from __future__ import annotations

import pytest

from simulator.language import (
    TECHNIQUES,
    Analysis,
    Analyzer,
    Detection,
    PhraseMatch,
    PhraseMatcher,
    TechniqueInfo,
    analyze,
    combine_effects,
    is_negated,
)
from simulator.vocabulary import TECHNIQUE_IDS

EXPECTED_IDS = [
    "introduction", "name_use", "open_question", "closed_question", "paraphrase", "emotion_label", "mirroring",
    "summary", "minimal_encourager", "effective_pause", "i_message", "affirmation", "reassurance", "offer_options",
    "explanation", "crisis_inquiry", "resource_referral", "polite_request", "advice", "command", "threat",
    "dismissal", "argument", "insult", "interrogation", "jargon", "sarcasm",
    # the sharper ids of language v2 (issue 10)
    "false_promise", "presumption", "blaming_why", "yes_but", "minimising", "power_talk",
    # scolding, found writing replies from play (issue 10, sixth batch)
    "lecturing"]


def test_technique_ids_are_exactly_the_design_list():
    assert list(TECHNIQUE_IDS) == EXPECTED_IDS
    assert set(TECHNIQUES) == set(EXPECTED_IDS)


def test_technique_info_fields_and_default_effects():
    info = TECHNIQUES["emotion_label"]
    assert isinstance(info, TechniqueInfo)
    assert (info.agitation, info.rapport) == (-6, 6)
    assert (TECHNIQUES["threat"].agitation, TECHNIQUES["threat"].rapport) == (15, -12)
    assert (TECHNIQUES["insult"].agitation, TECHNIQUES["insult"].rapport) == (18, -15)
    assert info.title == "emotion label"
    for tid in ("minimal_encourager", "closed_question", "name_use", "advice"):
        assert TECHNIQUES[tid].deescalating is False
    for tid, info in TECHNIQUES.items():
        assert info.id == tid
        assert info.polarity in ("positive", "negative", "neutral")
        assert info.tip and "\n" not in info.tip
        if info.polarity == "negative":
            assert info.agitation > 0 > info.rapport and not info.deescalating
        if info.polarity == "positive":
            assert info.agitation < 0 < info.rapport


def test_analysis_shape_and_to_dict():
    a = analyze("Hi, I'm Officer Diaz. What happened tonight?")
    assert isinstance(a, Analysis)
    assert all(isinstance(d, Detection) for d in a.detections)
    assert a.techniques == tuple(dict.fromkeys(d.technique for d in a.detections))
    d = a.to_dict()
    assert set(d) == {"techniques", "spans", "detections", "agitation_delta", "rapport_delta", "tone", "grounding"}
    assert d["grounding"] == {}  # no subject's line, nothing to be grounded in
    assert d["techniques"] == ["introduction", "open_question"]
    for _tid, spans in d["spans"].items():
        for s, e in spans:
            assert 0 <= s < e <= len(a.text)
    assert d["detections"][0] == {"technique": "introduction", "span": list(d["spans"]["introduction"][0]),
                                  "text": a.text[slice(*d["spans"]["introduction"][0])]}


def test_a_reflection_given_their_line_reports_how_grounded_it_is():
    line = "They took my dog to the pound and nobody will tell me where he is."
    own = analyze("So they took your dog to the pound and nobody will say where he is.", line)
    generic = analyze("It sounds like you've had a rough week.", line)
    assert own.grounding["paraphrase"] == 1.0
    assert generic.grounding and max(generic.grounding.values()) == 0.0
    assert analyze("You sound scared.", "I'm so scared.").grounding == {"emotion_label": 1.0}
    assert analyze("You sound angry.", "I'm so scared.").grounding == {"emotion_label": 0.0}


def test_agitation_delta_is_combine_effects_over_defaults_plus_tone():
    a = analyze("It sounds like you're scared. What happened?")
    agitation, rapport = combine_effects([(t, TECHNIQUES[t].agitation, TECHNIQUES[t].rapport)
                                          for t in a.techniques])
    assert a.rapport_delta == rapport
    assert a.agitation_delta == round(agitation + a.tone, 3)
    assert a.tone != 0 and abs(a.tone) <= 3


def test_analyzer_extra_phrases_extend_banks():
    plain = Analyzer()
    assert "reassurance" not in plain.analyze("The bus to Shelby leaves at six.").techniques
    ext = Analyzer(extra_phrases={"resource_referral": ["bus to Shelby"]})
    a = ext.analyze("The bus to Shelby leaves at six.")
    assert "resource_referral" in a.techniques
    assert a.detections[0].text == "bus to Shelby"


def test_analyzer_rejects_unknown_technique_id():
    with pytest.raises(ValueError, match="emotion_label"):
        Analyzer(extra_phrases={"emotion_lable": ["x"]})


def test_phrase_match_shape():
    m = PhraseMatcher(["put the bat down"]).search("Sir, please put that bat down now")
    assert isinstance(m, PhraseMatch)
    assert m.phrase == "put the bat down" and 88 <= m.score <= 100 and m.negated is False


def test_is_negated_exported():
    assert is_negated("I'm not going to arrest you", 17)
    assert not is_negated("I'm going to arrest you", 13)


def test_empty_and_whitespace_replies():
    assert analyze("").techniques == ("effective_pause",)
    assert analyze("   ").techniques == ("effective_pause",)
    assert analyze("...").techniques == ("effective_pause",)


def test_grounding_can_be_left_out_when_the_caller_measures_its_own():
    a = Analyzer().analyze("You sound scared.", "I'm so scared.", grounding=False)
    assert a.techniques == ("emotion_label",) and a.grounding == {}
