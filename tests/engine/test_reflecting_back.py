"""A reflection of what the subject said before their last line (a recruit who calls the paramedics,
then gives back what they said before it) is read as a reflection. Found in play of the knife scene:
"sacked on the spot in front of everyone with rent due friday, that's brutal" got no credit for the
paraphrase because an action turn came in between."""

from __future__ import annotations

from pathlib import Path

from simulator.engine import Session
from simulator.language import Analyzer
from simulator.scenario import load_scenario
from simulator.transcripts.events import Analysed, SubjectSaid

ROOT = Path(__file__).resolve().parents[2]
SACKED = "They let me go. Fenwick's, the warehouse. Three lates and you're out, on the spot, in front of everyone."


def test_a_paraphrase_of_their_line_before_last_is_a_paraphrase():
    analyzer = Analyzer()
    reply = "sacked on the spot in front of everyone with rent due friday, that's brutal."
    after_ems = "Die? No. No, I don't want to die."
    assert "paraphrase" not in analyzer.analyze(reply, after_ems).techniques
    assert "paraphrase" in analyzer.analyze(reply, after_ems, earlier=SACKED + " Rent's due Friday.").techniques


def test_a_word_or_two_shared_with_the_line_before_last_is_not_a_paraphrase():
    analyzer = Analyzer()
    earlier = "Wha'... who're you? Go 'way. 'M waiting for the... the bus. The 8:15."
    reply = "Let's get you back from the road, onto the bench. The buses are too close."
    assert "paraphrase" not in analyzer.analyze(reply, "Mm... sorry... so... tired...", earlier=earlier).techniques


def test_in_a_session_the_reflection_after_an_action_turn_counts():
    session = Session(load_scenario(ROOT / "scenarios" / "knife-self-harm-street.yaml"), seed=11)
    session.start()
    session.reply("/cover")
    said = [e.text for e in session.reply("hey mate, I'm Sam, police. what's happened tonight, Callum?")
            if isinstance(e, SubjectSaid)]
    assert any("Fenwick" in line and "Rent" in line for line in said)  # what the reflection will give back
    session.reply("/call-ems")  # he says something else in between
    [analysed] = [e for e in session.reply("sacked on the spot in front of everyone with rent due friday, "
                                           "that's brutal.") if isinstance(e, Analysed)]
    assert "paraphrase" in analysed.techniques
