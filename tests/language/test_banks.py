"""Phrase banks are data: validated, with file and line, and extendable."""

from __future__ import annotations

import pytest

from simulator.language import Analyzer
from simulator.language.banks import BANK_DIR, default_banks, load_bank_file
from simulator.problems import DataFileError


def test_package_banks_load_and_cover_every_technique():
    banks = default_banks()
    from simulator.vocabulary import TECHNIQUE_IDS
    for name in ("techniques.yaml", "phrases.yaml", "lexicon.yaml"):
        assert (BANK_DIR / name).exists()
    covered = set(banks.patterns)
    # the rest are found by the sentence and context detectors (yes_but: by the clause, moves.py)
    assert set(TECHNIQUE_IDS) - covered <= {"closed_question", "mirroring", "minimal_encourager",
                                           "interrogation", "yes_but"}


def test_package_banks_pass_every_check():
    from simulator.language.banks import check_package_banks
    banks = check_package_banks()      # raises DataFileError with file and line otherwise
    assert banks.patterns["threat"] == default_banks().patterns["threat"]


def test_emotion_lexicon_has_hundreds_of_words():
    assert sum(len(v) for v in default_banks().emotions.values()) >= 300


def test_unknown_key_is_refused_with_line(tmp_path):
    f = tmp_path / "bank.yaml"
    f.write_text("version: 1\ntechniques:\n  threat:\n    phrase: [x]\n")
    with pytest.raises(DataFileError) as err:
        load_bank_file(f)
    p = err.value.problems[0]
    assert p.code == "TD101" and p.line == 4 and "phrases" in (p.hint or "")


def test_unknown_technique_is_refused_with_hint(tmp_path):
    f = tmp_path / "bank.yaml"
    f.write_text("techniques:\n  emotion_lable:\n    phrases: [you seem upset]\n")
    with pytest.raises(DataFileError) as err:
        load_bank_file(f)
    p = err.value.problems[0]
    assert p.code == "TD301" and p.line == 2 and "emotion_label" in p.hint


def test_bad_regex_and_unknown_macro_are_refused(tmp_path):
    f = tmp_path / "bank.yaml"
    f.write_text("techniques:\n  threat:\n    patterns:\n      - 'you (will'\n      - '{{nope}} jail'\n")
    with pytest.raises(DataFileError) as err:
        load_bank_file(f, default_banks())
    codes = sorted(p.code for p in err.value.problems)
    assert codes == ["TD302", "TD303"]
    assert {p.line for p in err.value.problems} == {4, 5}


def test_user_bank_file_extends_detection(tmp_path):
    f = tmp_path / "bank.yaml"
    f.write_text("techniques:\n  jargon:\n    phrases: [signal seven]\n"
                 "emotions:\n  local: [salty]\n")
    a = Analyzer(bank_files=[f])
    assert "jargon" in a.analyze("We have a signal seven here.").techniques
    assert "emotion_label" in a.analyze("You seem pretty salty.").techniques
    assert "jargon" not in Analyzer().analyze("We have a signal seven here.").techniques


def test_extra_phrases_are_fuzzy_and_negation_aware():
    a = Analyzer(extra_phrases={"threat": ["call your probation officer"]})
    assert "threat" in a.analyze("I'll call your probaton officer").techniques
    assert "threat" not in a.analyze("I won't call your probation officer").techniques


def test_a_pattern_that_needs_two_spaces_is_refused(tmp_path):
    """The text a pattern reads joins words with one space: ' ,? ' can only match with its comma."""
    f = tmp_path / "bank.yaml"
    f.write_text("techniques:\n  sarcasm:\n    patterns:\n      - 'yes ,? right'\n      - 'yes(?: ,)? right'\n"
                 "      - 'oh ,? ?really'\n")
    with pytest.raises(DataFileError) as err:
        load_bank_file(f, default_banks())
    assert [(p.code, p.line) for p in err.value.problems] == [("TD304", 4)]
    assert "(?: ,)? " in err.value.problems[0].hint


def test_a_pattern_that_could_take_exponential_time_is_refused_at_its_line(tmp_path):
    """'(a+)+$' on thirty a's and a '!' backtracked for minutes: `analyze --banks` never answered.
    A repeat inside a repeat without limit is refused; a bounded repeat of words is not."""
    f = tmp_path / "bank.yaml"
    f.write_text("techniques:\n  emotion_label:\n    patterns:\n      - 'that must be (?:\\w+ ){0,3}hard'\n"
                 "      - '(a+)+$'\n      - 'you (?:\\w+ ?)* upset'\n      - '(?:really )*(?:so )+sad'\n"
                 "      - 'x(?:(?:y|z+)|w)*'\n")
    with pytest.raises(DataFileError) as err:
        load_bank_file(f, default_banks())
    assert [(p.code, p.line) for p in err.value.problems] == [("TD305", 5), ("TD305", 6), ("TD305", 8)]
    assert "(?:\\w+ ){0,3}" in err.value.problems[0].hint


def test_no_pattern_the_package_ships_repeats_a_repeat():
    from simulator.language.banks import _runaway, builtin_macros, expand_macros

    banks = default_banks()
    macros = builtin_macros(banks)
    patterns = [expand_macros(p, macros) for ps in banks.patterns.values() for p in ps]
    assert len(patterns) > 800
    assert [p for p in patterns if _runaway(p)] == []
