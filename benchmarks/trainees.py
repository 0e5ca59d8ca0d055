"""Scripted trainee styles for checking that the dynamics reward de-escalation practice.

Not tests of exact numbers: `python benchmarks/trainees.py` prints the outcome of
each style on every shipped scenario and several seeds, for tuning and for notes.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from simulator.engine.walkthrough import play_script  # noqa: E402
from simulator.scenario import load_scenario, scenario_files  # noqa: E402

STYLES: dict[str, list[str]] = {
    "skilled-a": [
        "Hello, my name is Officer Park, I'm with the police department. I'm here because someone was worried about you. How are you doing?",
        "You look really upset. What's been going on?",
        "That sounds really frightening. Tell me more about what's happening.",
        "So if I'm hearing you right, you feel like nobody is listening to you and things have been piling up.",
        "Are you hearing voices or seeing things that other people don't? Have you had anything to drink or taken anything today?",
        "Are you having any thoughts of hurting yourself or ending your life?",
        "Thank you for being honest with me. That takes a lot.",
        "It sounds like you're exhausted and scared and you just want this to stop.",
        "We have a couple of options. You could talk with a counselor from the crisis team, or we could call someone you trust. What would you like to do?",
        "There's a crisis line and a team of counselors who help people with exactly this. I can get them here for you.",
        "What would help you feel safer right now?",
        "You've done really well talking with me. We can take this one step at a time.",
    ],
    "skilled-b": [
        "Hi there, I'm Officer Chen from the police. I just want to make sure you're okay. What's happening?",
        "I can see you're frustrated. Help me understand what happened.",
        "Sounds like you feel nobody takes you seriously.",
        "Have you been drinking tonight, or are you on any medication?",
        "Are you safe right now? Has anyone hurt you, or are you thinking of hurting yourself?",
        "So what I'm hearing is you've been dealing with this alone for a while and it's exhausting.",
        "That makes sense. Anyone would be upset.",
        "Would you rather talk here or somewhere a bit quieter? It's your choice.",
        "There are people who can help, like an advocate or the crisis team. Would you be willing to talk with them?",
        "What do you think would help most tonight?",
        "I'm glad you talked with me. Let's figure out the next step together.",
        "You could call someone you trust, or I can connect you with the counselor. What feels right?",
    ],
    "threatening": [
        "Police! Calm down right now.",
        "Put your hands where I can see them and sit down.",
        "Stop yelling or you're going to jail.",
        "I'm not asking again. Do what I say.",
        "Last chance, turn around and put your hands behind your back.",
        "Get on the ground now!",
        "You're under arrest.",
        "Do it now or I'll make you.",
    ],
    "repeater": ["I understand how you feel, that must be really hard."] * 14,
    "passive": ["ok", "I see", "ok", "I see", "okay", "I see"] * 4,
    "alternating": [
        "I can hear that you're really upset.",
        "Shut up, you idiot.",
        "It sounds like this has been really hard for you.",
        "You're acting like a lunatic, just stop.",
        "I understand, you're scared.",
        "What the hell is wrong with you?",
        "That sounds frustrating.",
        "God, you're pathetic.",
        "I can see this is hard.",
        "Shut your mouth.",
    ] * 2,
}


def main() -> None:
    seeds = [1, 2, 3, 4, 5]
    for path in scenario_files([ROOT / "scenarios"]):
        loaded = load_scenario(path)
        print(f"== {loaded.scenario.id}")
        for style, replies in STYLES.items():
            outcomes = Counter()
            turns = []
            for seed in seeds:
                session, _ = play_script(loaded, replies, seed)
                outcomes[session.outcome] += 1
                turns.append(session.turn)
            print(f"  {style:12s} {dict(outcomes)} turns {turns}")


if __name__ == "__main__":
    main()
