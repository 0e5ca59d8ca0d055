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

from simulator.authoring.walkthroughs import play_script
from simulator.scenario import load_scenario, scenario_files

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
    "skilled-c": [
        "Hey. I'm Officer Ruiz, police. Just here to check on you. What's up?",
        "You look scared.",
        "Tell me what's going on.",
        "Sounds like a rough night.",
        "You're saying nobody's listening to you.",
        "You been drinking or taking anything? Hearing things?",
        "You thinking about hurting yourself?",
        "Ok. Thanks for telling me.",
        "Your call. We can talk here, or I can bring in someone from the crisis team.",
        "There's people who help with this. Counselors. Want me to call them?",
        "What would help right now?",
        "You're doing good. One step at a time.",
    ],
    "skilled-d": [
        "Good evening. My name is Officer Abernathy and I'm with the county sheriff's office. I'm here because a caller was concerned, and I'd like to hear from you what happened.",
        "I can see this has been a very upsetting evening for you, and I'd like to understand it properly. Could you walk me through it from the beginning?",
        "If I understand correctly, you feel that things have been building up for a long time and that nobody has taken you seriously.",
        "That must be incredibly frustrating and frightening at the same time.",
        "May I ask you something directly? Have you had any alcohol, drugs or medication today, and have you had any thoughts of harming yourself?",
        "Thank you for being so open with me. It takes courage to talk about this with a stranger in uniform.",
        "What I'd like to do next is make sure you're safe tonight, and then work out together what would help.",
        "There are a couple of ways we could go from here. You could speak with a counselor from the crisis team, or we could contact someone you trust. Which would you prefer?",
        "The crisis team are trained counselors, not police, and they can come to you. I'd be happy to arrange that.",
        "How are you feeling about that?",
        "You've handled a difficult situation with a lot of strength tonight.",
        "Let's take this one step at a time, together.",
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


SWAPS = {"i": "you", "me": "you", "my": "your", "mine": "yours", "i'm": "you're", "am": "are",
         "myself": "yourself", "you": "I", "your": "my", "you're": "I'm", "we": "you"}


def reflect(line: str) -> str:
    words = line.strip().rstrip("!?.").split()
    return " ".join(SWAPS.get(w.lower(), w) for w in words[:14])


def dynamic_skilled(turn: int, subject_said: str) -> str:
    """A skilled trainee who reflects the subject's own words back, as a program would."""
    plan = [
        lambda: "Hi, I'm Officer Grant with the police department. I came because someone was worried. Can you tell me what's going on?",
        lambda: f"It sounds like you're really upset. You're saying {reflect(subject_said)}.",
        lambda: "That sounds really hard. What has today been like for you?",
        lambda: f"So {reflect(subject_said)}. Did I get that right?",
        lambda: "I have to ask you directly: are you thinking about hurting yourself? Have you had any alcohol or drugs today?",
        lambda: f"You seem frightened and worn out. {reflect(subject_said)} - that's a lot to carry.",
        lambda: "What would help right now?",
        lambda: "You've got some choices here. We can keep talking here, or I can get someone from the crisis team to come and talk with you. What would you prefer?",
        lambda: f"I hear you. {reflect(subject_said)}. Thank you for telling me.",
        lambda: "There are counselors and advocates whose whole job is helping with this. Would you be willing to talk with one of them?",
        lambda: "What matters most to you right now?",
        lambda: "It sounds like you want this to be over and to feel safe. We can work on that together.",
    ]
    return plan[turn % len(plan)]()


def play_dynamic(loaded, trainee, seed: int, turns: int = 14):
    from simulator.engine import Session

    session = Session(loaded, seed=seed)
    events = session.start()
    said = ""
    for turn in range(turns):
        said = [e.text for e in events if e.event == "subject"][-1]
        events += session.reply(trainee(turn, said))
        if session.finished:
            break
    if not session.finished:
        events += session.abandon("script ended")
    return session, events


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
        outcomes, turns = Counter(), []
        for seed in seeds:
            session, _ = play_dynamic(loaded, dynamic_skilled, seed)
            outcomes[session.outcome] += 1
            turns.append(session.turn)
        print(f"  {'dynamic':12s} {dict(outcomes)} turns {turns}")


if __name__ == "__main__":
    main()
