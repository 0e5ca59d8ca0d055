"""The one list of fixed names: what each layer checks files and events against."""

from __future__ import annotations

import pytest

from simulator import vocabulary as v


@pytest.mark.parametrize("agitation,band", [(0, "calm"), (19.9, "calm"), (20, "tense"), (44.9, "tense"),
                                            (45, "agitated"), (69.9, "agitated"), (70, "hostile"),
                                            (89.9, "hostile"), (90, "crisis"), (100, "crisis")])
def test_band_of_uses_the_design_floors(agitation, band):
    assert v.band_of(agitation) == band


def test_every_technique_has_one_polarity_and_advice_is_neutral():
    assert set(v.POLARITY) == set(v.TECHNIQUE_IDS)
    assert len(v.TECHNIQUE_IDS) == len(set(v.TECHNIQUE_IDS)) == 34
    assert v.POLARITY["advice"] == "neutral"
    assert {t for t, p in v.POLARITY.items() if p == "negative"} == set(v.NEGATIVE_TECHNIQUES)


def test_engine_outcomes_are_not_authored():
    assert set(v.AUTHORED_OUTCOMES) | {"timed_out", "abandoned"} == set(v.OUTCOMES)
    assert not {"timed_out", "abandoned"} & set(v.AUTHORED_OUTCOMES)
    assert set(v.GOOD_OUTCOMES) <= set(v.AUTHORED_OUTCOMES)


def test_the_language_layer_describes_exactly_the_vocabulary():
    from simulator.language import TECHNIQUES

    assert tuple(TECHNIQUES) == v.TECHNIQUE_IDS
    assert all(TECHNIQUES[t].polarity == v.POLARITY[t] for t in v.TECHNIQUE_IDS)
