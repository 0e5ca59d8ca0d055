"""agitation_delta orders replies to the same moment; rank_eval measures it."""

from __future__ import annotations

import json

import pytest

from simulator.language import analyze
from simulator.language.rank_eval import DEV_SET, main, read_moments, score
from simulator.language.tone import TONE_LIMIT


def test_dev_ranking_set_is_well_formed_and_ranked():
    moments = read_moments(DEV_SET, "all")
    assert len(moments) >= 40
    assert all(len(m["replies"]) == 4 for _, m in moments)
    s = score(moments)
    assert s.accuracy >= 0.85 and s.tie_rate <= 0.05


def test_halves_split_by_line_number(tmp_path):
    path = tmp_path / "r.jsonl"
    rows = [{"moment": str(i), "context": "", "replies": ["Thank you for telling me.", "Shut up."]}
            for i in range(5)]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    assert [m["moment"] for _, m in read_moments(path, "odd")] == ["0", "2", "4"]
    assert [m["moment"] for _, m in read_moments(path, "even")] == ["1", "3"]
    assert score(read_moments(path, "all")).accuracy == 1.0


def test_ties_count_as_misses(tmp_path, capsys):
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps({"moment": "m", "replies": ["Okay.", "Okay."]}) + "\n", encoding="utf-8")
    s = score(read_moments(path, "all"))
    assert s.accuracy == 0.0 and s.tie_rate == 1.0
    assert main([str(path), "--half", "all"]) == 0
    assert "tie rate 1.000" in capsys.readouterr().out


def test_bad_line_is_named(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_text('{"replies": ["a"]}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=":1:"):
        read_moments(path, "odd")


@pytest.mark.parametrize("better,worse", [
    ("Sir, I'm asking you to step out of the vehicle, please.", "Step out of the vehicle!"),
    ("I'll check with the nurse how much longer it will be.", "Sit down."),
    ("Could you turn the music down a bit, please? The neighbours have work in the morning.",
     "Turn it down NOW!"),
    ("Kids run off all the time, she'll turn up.", "Maybe if you watched her she wouldn't run."),
    ("I understand you're angry. Put the shovel down and let's talk about the tree.", "Put the shovel down."),
])
def test_tone_breaks_ties_between_replies_alike_in_technique(better, worse):
    assert analyze(better).agitation_delta < analyze(worse).agitation_delta


@pytest.mark.parametrize("text", ["Please, please, thank you so much, I'm sorry, would you mind, if that's okay",
                                  "GET DOWN!!! GET DOWN NOW!!! YOUR FAULT!!! damn it"])
def test_tone_is_bounded(text):
    assert abs(analyze(text).tone) <= TONE_LIMIT


def test_tone_is_small_next_to_a_technique():
    # the politest threat still inflames more than the curtest question calms
    assert analyze("Please step back, or I will have to arrest you.").agitation_delta > 5
    assert analyze("What happened?").agitation_delta < 0
