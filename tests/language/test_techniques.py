"""Each technique on replies in several registers, and a few look-alikes that are not it."""

from __future__ import annotations

import pytest

from simulator.language import analyze

POSITIVE = {
    "introduction": [
        "Hi, I'm Officer Diaz with the city police.",
        "My name is Sam, I work with the county crisis team.",
        "Good evening sir, this is Deputy Harris. We got a call about some shouting.",
        "I'm here because your neighbour was worried about you.",
        "The reason I'm here is a neighbour called about the noise.",
    ],
    "name_use": [
        "Mike, what's going on tonight?",
        "I hear you, Maria.",
        "Mr. Jones, can we talk for a minute?",
    ],
    "open_question": [
        "What happened tonight?",
        "Tell me what happened.",
        "Walk me through it.",
        "Help me understand what's going on.",
        "How are you feeling right now?",
        "Can you tell me more about that?",
        "what's going on with you",
    ],
    "closed_question": [
        "Are you hurt?",
        "Do you live here?",
        "Is there anyone I can call for you?",
        "You okay?",
        "did he hit you",
    ],
    "emotion_label": [
        "You seem really upset.",
        "That must be so frustrating.",
        "I can see you're scared.",
        "Sounds like you're pretty overwhelmed right now.",
        "It sounds like you feel betrayed by your brother.",
        "You look exhausted.",
        "I can tell this is really hard for you.",
        "that sounds terrifying",
        "You sound frustated.",
    ],
    "minimal_encourager": ["Mm-hmm.", "Okay.", "Go on.", "I see.", "Uh huh"],
    "effective_pause": ["...", "(pause)", "Take your time.", "No rush, I'm not going anywhere."],
    "i_message": [
        "I'm worried about you.",
        "I feel nervous when you hold the knife like that.",
        "It concerns me that you haven't eaten in days.",
        "I'd feel a lot better if we could both sit down.",
    ],
    "affirmation": [
        "Thank you for telling me that.",
        "You did the right thing by calling.",
        "That took a lot of courage.",
        "You're clearly a good dad.",
        "I really appreciate you talking to me.",
    ],
    "reassurance": [
        "You're not in trouble.",
        "I'm not going to hurt you.",
        "We're going to figure this out together.",
        "I'm here to help you.",
        "You're safe now.",
        "You're safe with me right now.",
    ],
    "offer_options": [
        "Would you rather talk here or inside?",
        "You can sit down if you want.",
        "It's your choice.",
        "We could call your sister, or I can drive you to the clinic.",
        "How about we grab some water?",
    ],
    "explanation": [
        "Here's what's going to happen next: the paramedics will check you over.",
        "I'm asking because I want to make sure you're safe.",
        "I'm asking because I need to know if anyone else is hurt.",
        "In a minute I'm going to call the crisis team so they can talk with you.",
    ],
    "crisis_inquiry": [
        "Are you thinking about killing yourself?",
        "Are you hearing voices right now?",
        "Have you taken anything tonight?",
        "Are you on any medication?",
        "Are you diabetic?",
        "do u want to hurt yourself",
    ],
    "resource_referral": [
        "There's a crisis line you can call any time, it's 988.",
        "I can get you in touch with a counselor.",
        "Would you like me to call the mobile crisis team?",
        "There's a shelter on Fifth Street with a bed tonight.",
    ],
    "advice": [
        "You should talk to your doctor about that.",
        "Maybe you could call your sister tonight.",
        "Have you tried talking to your landlord?",
        "It might help to take a deep breath.",
        "If I were you I'd get some sleep.",
    ],
    "command": [
        "Put the knife down.",
        "Get on the ground!",
        "You need to calm down right now.",
        "Why don't you just sit down?",
        "Step back.",
        "I need you to show me your hands.",
        "Shut up.",
    ],
    "threat": [
        "If you don't put it down I will tase you.",
        "You're going to jail tonight.",
        "This is your last warning.",
        "Keep it up and I'll arrest you.",
        "Don't make me come over there.",
        "ur gonna go 2 jail",
    ],
    "dismissal": [
        "Calm down.",
        "Relax, it's not a big deal.",
        "You're overreacting.",
        "You don't need to get so worked up.",
        "Just get over it.",
    ],
    "argument": [
        "That's not what happened.",
        "Nobody is following you.",
        "The voices aren't real.",
        "You're making that up.",
        "Your wife is right, you shouldn't have been drinking.",
    ],
    "insult": [
        "Shut up, you idiot.",
        "Are you stupid?",
        "What the hell is wrong with you?",
        "Screw you.",
        "You're a pathetic drunk.",
    ],
    "interrogation": [
        "Where were you? Who were you with? What did you take?",
        "What's your name? Where do you live? Why are you out here?",
    ],
    "jargon": [
        "You're being detained for disorderly conduct.",
        "We have a 10-16 in progress.",
        "You need to comply with my lawful order.",
        "The complainant says you were trespassing.",
    ],
    "sarcasm": [
        "Oh great, just what I needed tonight.",
        "Yeah, right.",
        "Sure you did.",
        "Boo hoo, poor baby.",
        "Thanks a lot for nothing.",
    ],
}

NEGATIVE = {
    "threat": ["I'm not going to arrest you.", "Nobody's taking you to jail tonight.",
               "I don't want anyone to go to jail."],
    "insult": ["I'm not saying you're crazy.", "You're not stupid.", "I don't think you're an idiot."],
    "open_question": ["Why don't you just calm down?", "What a mess."],
    "emotion_label": ["I'm angry too.", "Are you okay?", "You are used to this."],
    "command": ["Take your time.", "Tell me what happened.", "Let me help you.", "Listen, I get it."],
    "name_use": ["Okay, what happened?", "Look, I hear you.", "Sir, are you okay?"],
    "dismissal": ["I can see you're calm now.", "It's okay to be upset."],
    "interrogation": ["What happened? Are you hurt?"],
    "argument": ["That must be hard."],
    "sarcasm": ["Thanks for talking to me.", "Great, thank you for sitting down."],
}


@pytest.mark.parametrize("technique,text", [(t, x) for t, xs in POSITIVE.items() for x in xs])
def test_detects(technique, text):
    assert technique in analyze(text).techniques, analyze(text).to_dict()


@pytest.mark.parametrize("technique,text", [(t, x) for t, xs in NEGATIVE.items() for x in xs])
def test_does_not_detect(technique, text):
    assert technique not in analyze(text).techniques, analyze(text).to_dict()


@pytest.mark.parametrize("technique,text,context", [
    ("mirroring", "They took your dog?", "They took my dog!"),
    ("mirroring", "Nobody listens?", "I've been saying it for weeks and nobody listens."),
    ("paraphrase", "So your landlord changed the locks and you have nowhere to sleep tonight.",
     "My landlord changed the locks on me and I've got nowhere to sleep tonight."),
    ("paraphrase", "You've been trying to get help for your son and nobody will listen.",
     "I called the hospital three times about my boy and they won't do anything."),
    ("paraphrase", "So what I'm hearing is the job is the last straw.",
     "I lost the job today and that's it, I'm done."),
    ("summary", "Let me make sure I have this right: you lost your job, your girlfriend left, and "
                "now the landlord wants you out. Is that right?",
     "I lost my job last week. Then my girlfriend left me. And now the landlord says I have to be "
     "out by Friday."),
])
def test_against_context(technique, text, context):
    assert technique in analyze(text, context).techniques, analyze(text, context).to_dict()


def test_no_paraphrase_without_overlap():
    a = analyze("Put your hands where I can see them.", "They took my dog!")
    assert "paraphrase" not in a.techniques and "mirroring" not in a.techniques


def test_sentence_by_sentence():
    a = analyze("I'm not going to arrest you. But if you swing that bat again, you're going to jail.")
    assert "threat" in a.techniques and "reassurance" in a.techniques


@pytest.mark.parametrize("text", [
    "So everybody tells you it's not real.",
    "So everybody thinks you're making it up.",
    "It sounds like people keep telling you it's all in your head.",
    "You've been told it's all in your head.",
])
def test_giving_back_what_others_tell_them_is_not_an_argument(text):
    a = analyze(text)
    assert not {"argument", "dismissal"} & set(a.techniques)
    assert "paraphrase" in a.techniques


@pytest.mark.parametrize("text", ["It's not real, Marcus.", "I think you're making it up.",
                                  "Your sister says it's all in your head."])
def test_saying_it_yourself_still_is(text):
    assert {"argument", "dismissal"} & set(analyze(text).techniques)


def test_a_label_of_confusion_is_not_an_argument():
    assert set(analyze("I can tell you're confused. Are you able to swallow?").techniques) == {
        "emotion_label", "closed_question"}
    assert "argument" in analyze("You're confused, that's not what happened.").techniques
