"""Scripted trainees that play a call the way a program plays `talkdown run --json`.

Each bot sees only what that stream shows: the `started` event (without the drawn
variant), the subject's lines with their body language, cues shown, notices. Some bots
reply to what they see; others ignore it. They are for checking that the role-player
rewards de-escalation practice and not a script:

- ``SkilledBot``: introduces itself, reflects the person's own words, names the feeling
  it hears, asks directly about every crisis cue it notices (voices, suicide and then
  plan and means, drink and drugs, blood sugar and swallowing, strangulation and
  weapons, the child), calls the service the cue calls for, then offers options.
  Tuned on: the scenarios were adjusted while watching it.
- ``PlainSkilledBot``: the same kind of officer written separately in other words and
  never tuned on. Its numbers are the honest ones.
- ``ScriptBot``: twelve textbook lines in a fixed order, whatever the subject says.
- ``CueBlindBot``: listens well (labels and reflections grounded in their words) but
  never asks about a crisis and never calls for help beyond a generic offer.
- ``MediocreBot``: polite closed questions, early advice, no labels, no crisis questions.
- ``LinesBot``: a fixed list (threatening, repeating, passive, insulting).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

FEELINGS = [
    (re.compile(r"\b(scared|afraid|terrified|frightened|fear|hunted|panic|watching|recording|they're coming|trembl\w*|"
                r"flinch\w*|breathing fast|backs? away|darting|cornered|shaking)\b", re.I), "scared"),
    (re.compile(r"\b(angry|furious|mad|sick of|fed up|blame|blamed|always me|my fault|not fair|unfair|yelling)\b",
                re.I), "angry"),
    (re.compile(r"\b(tired|exhausted|haven't slept|no sleep|can't sleep|worn out|so done)\b", re.I), "exhausted"),
    (re.compile(r"\b(confused|don't know|what's happening|dizzy|where am i|can't think|shaky|sweaty)\b", re.I),
     "confused"),
    (re.compile(r"\b(alone|nobody|no one|lonely|hopeless|disappear|wasn't here|not be here|give up|pointless)\b",
                re.I), "hopeless"),
    (re.compile(r"\b(embarrass|ashamed|humiliat|drunk)\b", re.I), "embarrassed"),
]
SWAPS = {"i": "you", "me": "you", "my": "your", "mine": "yours", "i'm": "you're", "am": "are", "myself": "yourself",
         "you": "I", "your": "my", "you're": "I'm", "we": "you", "i've": "you've", "i'd": "you'd", "i'll": "you'll"}


def feeling_in(line: str) -> str | None:
    for rx, word in FEELINGS:
        if rx.search(line):
            return word
    return None


def reflect(line: str, limit: int = 14) -> str:
    """Their words back with the pronouns swapped ("I haven't slept" -> "you haven't slept"),
    from the sentence that says most about them (not a question or an order)."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", line.strip()) if s and not s.rstrip().endswith("?")]
    about_them = [s for s in sentences if re.search(r"\b(I|I'm|I've|my|me|they|they're|he|she)\b", s)
                  and not re.match(r"\W*(?:you|thanks|thank you|okay|ok|fine)\b", s, re.I)]
    if not about_them:
        return ""
    clause = re.sub(r"\bI was\b", "you were", max(about_them, key=len))
    words = clause.strip().strip(".!?\"'").split()
    out = [SWAPS.get(w.lower().strip(",'\""), w.strip("\"")) for w in words[:limit]]
    # "you" after a verb is "me" ("I want to believe you" -> "you want to believe me")
    out = [("me" if w == "I" and i > 0 and out[i - 1].lower() not in ("and", "but", "so", "if", "that", "when")
            else w) for i, w in enumerate(out)]
    if out and out[0] not in ("I",):
        out[0] = out[0][:1].lower() + out[0][1:]
    return " ".join(out)


@dataclass
class Seen:
    """What a program sees of a session so far (the JSON stream's events)."""

    events: list[dict] = field(default_factory=list)

    @property
    def started(self) -> dict:
        return self.events[0]

    @property
    def last_line(self) -> str:
        said = [e["text"] for e in self.events if e["event"] == "subject"]
        return said[-1] if said else ""

    @property
    def last_nonverbal(self) -> str:
        said = [e.get("nonverbal", "") for e in self.events if e["event"] == "subject"]
        return said[-1] if said else ""

    @property
    def subject_lines(self) -> list[str]:
        return [e["text"] for e in self.events if e["event"] == "subject"]

    def cues(self) -> list[dict]:
        return [e for e in self.events if e["event"] == "cue_shown"]

    def offered(self, action: str) -> bool:
        return action in self.started.get("actions", [])


class Bot:
    name: str = "bot"

    def reply(self, seen: Seen, turn: int) -> str | None:  # pragma: no cover - interface
        raise NotImplementedError


class LinesBot(Bot):
    """Says its lines in order whatever happens."""

    def __init__(self, name: str, lines: list[str]) -> None:
        self.name = name
        self.lines = lines

    def reply(self, seen: Seen, turn: int) -> str | None:
        return self.lines[turn] if turn < len(self.lines) else None


#: What a crisis cue calls for: questions to ask in order, the service to call.
@dataclass
class CuePlan:
    questions: list[str]
    call: str | None = None


def cue_plan(cue: dict, officer: str = "a") -> CuePlan:
    """What a careful officer asks when they notice this cue (two wordings: a and b)."""
    kind, text = cue.get("kind", ""), cue.get("text", "").lower()
    a = officer == "a"
    if kind == "psychosis" or re.search(r"\b(?:voices|whisper\w*|listening to someone|not there)\b", text):
        return CuePlan(["Are you hearing voices right now? What are they telling you?" if a else
                        "Is someone talking to you that I can't hear? What do they say?"], "call-crisis-team")
    if kind == "suicidality" or re.search(r"wasn't here|disappear|\bend it\b|\bdie\b|\bpills\b|\bbridge\b", text):
        return CuePlan(["Are you thinking about killing yourself?" if a else
                        "When you say that, do you mean you're thinking of ending your life?",
                        "Have you thought about how you would do it?" if a else "Do you have a plan for how?",
                        "Do you have anything with you that you could use to hurt yourself?" if a else
                        "Is there something here you'd use, pills or anything like that?"], "call-crisis-team")
    if kind == "medical" or re.search(r"\b(?:sweat\w*|shak\w*|diabet\w*|sugar|pale|slurr?\w*)\b", text):
        return CuePlan(["Are you diabetic? When did you last eat anything?" if a else
                        "Do you have diabetes? Have you had any food today?",
                        "Can you swallow okay if I get you something sweet to drink?" if a else
                        "Are you able to swallow? I can get you juice."], "call-ems")
    if kind == "intoxication" or re.search(r"\b(?:alcohol|beer|wine|smell of|bottle)\b", text):
        return CuePlan(["Have you had anything to drink or taken anything today?" if a else
                        "How much have you had to drink tonight? Any drugs?"])
    if kind in ("domestic", "domestic-violence", "injury", "strangulation") or \
            re.search(r"\b(?:neck|throat|bruis\w*|marks?|red|injur\w*|blood)\b", text):
        injury = ["I can see marks on your wrist. What happened there?" if a else
                  "Those marks on your arm look sore. How did you get them?"] \
            if re.search(r"\b(?:wrist|arm|bruis\w*|marks)\b", text) else []
        return CuePlan([*injury, "Did he put his hands on your neck or choke you?" if a else
                        "Has he ever strangled you or grabbed you by the throat?",
                        "Are there any guns or weapons in the house?" if a else "Does he have access to a gun?"],
                       None)
    if re.search(r"\b(?:slept|sleep|exhausted|eyes open)\b", text):
        return CuePlan(["You look exhausted. When did you last get some sleep?" if a else
                        "You seem worn out. Have you been able to sleep at all?"])
    if kind == "child" or re.search(r"\b(?:child|son|daughter|kid|toy)\b|crying upstairs", text):
        return CuePlan(["Where is your son right now? Is he okay?" if a else "Can I see your son and check he's okay?"])
    if kind == "dependant":  # someone in their care nearby (only scenes use this kind so far)
        return CuePlan(["Who's that calling from inside? Are they okay?" if a else
                        "Is someone in there who needs you? Are they alright?"])
    return CuePlan([])


class SkilledBot(Bot):
    """A careful officer who answers what it hears and asks about every crisis it notices."""

    name = "skilled"
    wording = "a"

    INTRO = ("Hi, I'm Officer Grant with the police. Someone called because they were worried. "
             "I'm here to listen. What's going on?")
    OPEN = ["What happened before I got here?", "Help me understand what today has been like for you.",
            "What's the hardest part of this for you right now?", "Tell me more about that."]
    OPTIONS = ("We have a couple of options. You could talk with someone who helps with exactly this, or we can "
               "call someone you trust. What would you prefer?")
    REFERRAL = ("There are people whose whole job is helping with this: a crisis counselor or an advocate. "
                "Would you be willing to talk with them? I can call them now.")
    CLOSE = "Okay. I'll make that call now and stay here with you while we wait."
    ANSWER = "I'm right here, and I'll stay with you the whole time. Nobody is going to rush you."

    def __init__(self) -> None:
        self.queue: list[str] = []
        self.handled: set[str] = set()
        self.calls: list[str] = []
        self.called: set[str] = set()
        self.n_open = 0
        self.offered = 0
        self.last_kind = ""
        self.asked: set[str] = set()
        self.named = False
        self.reflected = 0
        self.labelled = False
        self.encouraged = 0

    def _notice(self, seen: Seen) -> None:
        for cue in seen.cues():
            if cue["id"] in self.handled:
                continue
            self.handled.add(cue["id"])
            plan = cue_plan(cue, self.wording)
            self.queue.extend(q for q in plan.questions if q not in self.asked and q not in self.queue)
            if plan.call and plan.call not in self.calls and plan.call not in self.called:
                self.calls.append(plan.call)

    def _follow_up(self, line: str) -> str | None:
        """Answers that call for a next question or an act."""
        low = line.lower()
        asked_suicide = any("kill" in q or "ending your life" in q for q in self.asked)
        asked_weapons = any("gun" in q or "weapon" in q for q in self.asked)
        mentions = re.search(r"\b(pills|tablets|paracetamol|gun|handgun|pistol|knife|rope)\b", low)
        denies = re.search(r"\b(no|none|nothing like that|don't have|never)\b", low) and not re.search(
            r"\b(has|keeps|got|have) (?:a|his|the|my) (gun|handgun|pistol)", low)
        if mentions and (asked_suicide or asked_weapons) and not denies and "means" not in self.handled:
            self.handled.add("means")
            return ("Thank you for telling me. Would you be willing to let me hold on to that for now, "
                    "so you're safe tonight?" if self.wording == "a" else
                    "I'm glad you told me. Can we put that somewhere safe, away from you, for tonight?")
        strangled = re.search(r"\b(neck|throat|choked|strangl\w*|grey|couldn't breathe)\b", low)
        if strangled and re.search(r"\b(yes|he did|both (his )?hands|against the)\b", low) \
                and "medical" not in self.handled:
            self.handled.add("medical")
            if self.wording == "a":
                return ("Thank you for telling me. Being choked can hurt you inside even when nothing shows. "
                        "I'd like the paramedics to check your throat tonight.")
            return ("I'm really glad you told me. That can do damage you can't see, so I want a medic to look at "
                    "your neck.")
        if re.search(r"haven't eaten|didn't eat|no food|skipped|since breakfast|since yesterday", low) \
                and "sugar" not in self.handled:
            self.handled.add("sugar")
            return "Let's get some sugar in you. Can you sip this juice for me?" if self.wording == "a" else \
                "Here, drink some of this orange juice, slowly. It'll help."
        return None

    def reply(self, seen: Seen, turn: int) -> str | None:
        if turn >= 26:
            return None
        if turn == 0:
            return self.INTRO
        self._notice(seen)
        line = seen.last_line
        urgent = self._follow_up(line)
        if urgent:
            return urgent
        if "call-ems" in self.calls and seen.offered("call-ems"):
            self.calls.remove("call-ems")
            self.called.add("call-ems")
            return "/call-ems"
        if turn == 2 and seen.offered("step-back"):
            return "/step-back"
        if self.queue and self.last_kind != "question":
            self.last_kind = "question"
            question = self.queue.pop(0)
            self.asked.add(question)
            echo = reflect(line, 10)
            feeling = feeling_in(line) or feeling_in(seen.last_nonverbal)
            if feeling and not self.labelled:  # name the feeling before the next question
                self.labelled = True
                return (f"You sound {feeling}. {question}" if self.wording == "a" else
                        f"I can tell you're {feeling}. {question}")
            if echo and turn % 2:  # give their words back before the next question
                return (f"So {echo}. {question}" if self.wording == "a" else f"Okay, {echo}. {question}")
            return question
        self.last_kind = "listen"
        feeling = feeling_in(line) or feeling_in(seen.last_nonverbal)
        echo = reflect(line, 10)
        name = seen.started.get("subject", {}).get("name", "")
        if feeling and (turn % 3 != 0 or not self.labelled) and name and not self.named:
            self.named = True
            self.labelled = True
            return (f"{name}, you sound really {feeling}." if self.wording == "a" else
                    f"That sounds {feeling}, {name}.")
        if feeling and (turn % 3 != 0 or not self.labelled):
            self.labelled = True
            if not echo:
                return f"You sound really {feeling}." if self.wording == "a" else f"That sounds {feeling}."
            return (f"You sound really {feeling}. {echo[:1].upper() + echo[1:]} - that's a lot."
                    if self.wording == "a" else f"That sounds {feeling}, {echo}.")
        if len(line.split()) > 14 and not line.rstrip().endswith("?") and self.encouraged < 1:
            self.encouraged += 1  # a long story: let them go on
            return "Mm-hm. Go on, I'm listening." if self.wording == "a" else "Okay... and then what?"
        if turn < 6 or self.queue:
            if echo and self.reflected < 2:  # two reflections for each question
                self.reflected += 1
                return f"So {reflect(line)}." if self.wording == "a" else f"It sounds like {reflect(line)}."
            self.reflected = 0
            question = self.OPEN[self.n_open % len(self.OPEN)]
            self.n_open += 1
            return question
        if self.calls:
            call = self.calls.pop(0)
            if seen.offered(call):
                self.called.add(call)
                return f"/{call}"
        if self.offered == 0:
            self.offered += 1
            return self.OPTIONS
        if self.offered == 1:
            self.offered += 1
            return self.REFERRAL
        if self.offered == 2:
            self.offered += 1
            if seen.offered("call-crisis-team") and "call-crisis-team" not in self.called:
                self.calls.insert(0, "call-crisis-team")  # say it, then do it
            return self.CLOSE
        if line.rstrip().endswith("?"):  # they asked something: answer it, don't ask back
            return self.ANSWER
        echo = reflect(line)
        return f"So {echo}." if echo else self.OPEN[turn % len(self.OPEN)]


class PlainSkilledBot(SkilledBot):
    """The same kind of officer in other words; never used while tuning scenarios."""

    name = "skilled-untuned"
    wording = "b"
    INTRO = "Hey there. My name's Sam, I'm a police officer. I just want to make sure you're alright. What happened?"
    OPEN = ["Walk me through what happened tonight.", "What's been going on the last few days?",
            "What worries you most right now?", "Say more about that?"]
    OPTIONS = "You've got some choices here, and it's your call. Do you want to talk here, or somewhere quieter?"
    REFERRAL = "I know people who help with this, and they're not police. Can I get one of them out here for you?"
    CLOSE = "Alright. I'm calling them now, and I'm not going anywhere."
    ANSWER = "Yeah, I'm staying. You're not on your own with this."


class CueBlindBot(SkilledBot):
    """Listens well and offers help, but never asks about a crisis or calls a service for one."""

    name = "cue-blind"

    def _notice(self, seen: Seen) -> None:
        return None

    def _follow_up(self, line: str) -> str | None:
        return None


class MediocreBot(Bot):
    """Polite and well meaning: closed questions, advice early, no labels, no crisis questions."""

    name = "mediocre"
    LINES = ["Hello, I'm with the police. Is everything okay here?", "Are you alright?",
             "Do you live around here?", "You should probably go home and get some rest.",
             "Is there someone you can call?", "Okay. Do you need anything?",
             "I think it would be best if you calmed down a bit and went home.", "Are you feeling better now?",
             "Can I help you with anything?", "You should try to get some sleep tonight.",
             "Is that okay with you?", "Alright, do you want me to call someone?",
             "Okay, take care of yourself.", "Are you sure you're okay?"]

    def reply(self, seen: Seen, turn: int) -> str | None:
        return self.LINES[turn] if turn < len(self.LINES) else None


SCRIPT = ["Hi, I'm Officer Jordan. I'm here to help.", "Can you tell me what's going on?",
          "It sounds like you're really upset.", "So what you're saying is that things have been really hard.",
          "I can see this is really difficult for you.", "Are you thinking about hurting yourself?",
          "What would help most right now?", "You're not in trouble. I just want to make sure you're safe.",
          "We have some options. What would you like to do?",
          "There are people who can help with this. Would you be willing to talk to them?",
          "Is there anyone I can call for you?", "Thank you for talking with me."]
THREATENING = ["Police! Calm down right now.", "Put your hands where I can see them and sit down.",
               "Stop yelling or you're going to jail.", "I'm not asking again. Do what I say.",
               "Last chance, turn around and put your hands behind your back.", "Get on the ground now!",
               "You're under arrest.", "Do it now or I'll make you."]
REPEATING = ["I understand how you feel, that must be really hard."] * 14
PASSIVE = ["ok", "I see", "ok", "I see", "okay", "I see"] * 4
INSULTING = ["I can hear that you're really upset.", "Shut up, you idiot.",
             "It sounds like this has been really hard for you.", "You're acting like a lunatic, just stop.",
             "I understand, you're scared.", "What the hell is wrong with you?", "That sounds frustrating.",
             "God, you're pathetic.", "I can see this is hard.", "Shut your mouth."] * 2

# Scenes with several people ---------------------------------------------------------------
#
# A scene's `started` event lists `people` (and the `partner` with the tasks offered). In a
# single-person call every wrapper below hands each turn to the bot it wraps, unchanged.

def people_in(seen: Seen) -> list[dict]:
    return list(seen.started.get("people") or [])


def first_name(person: dict) -> str:
    words = [w for w in person.get("name", "").split() if w.lower().strip(".") not in
             ("mr", "mrs", "ms", "miss", "dr", "mx", "sir", "madam")]
    return words[0] if words else person.get("id", "")


def person_view(seen: Seen, pid: str, name: str) -> Seen:
    """What one person has said and shown (their lines, their cues; the scene's own cues go to
    everyone), as if they were the only subject."""
    started = dict(seen.started)
    started["subject"] = {**started.get("subject", {}), "name": name}
    events = [started]
    for e in seen.events[1:]:
        who = e.get("person")
        theirs = who == pid or (e["event"] == "cue_shown" and who is None)
        if e["event"] in ("subject", "cue_shown") and theirs:
            events.append(e)
    return Seen(events)


def levels_now(seen: Seen) -> dict[str, dict]:
    """Everyone's levels after the last turn (from the last `subject` event that carries them)."""
    for e in reversed(seen.events):
        if e["event"] == "subject" and e.get("people"):
            return {p["id"]: p for p in e["people"]}
    return {}


def this_turn(seen: Seen) -> list[dict]:
    """The events since the recruit's last reply."""
    last = max((e.get("turn", 0) for e in seen.events[1:]), default=0)
    return [e for e in seen.events[1:] if e.get("turn", 0) == last]


_I_WORDS = re.compile(r"^(?:I|I'm|I've|I'd|I'll)\b")


def addressed_to(name: str, text: str) -> str:
    """The reply with their name in front ("Nadia, so you ..."), unless it already names them."""
    if text.startswith("/") or name.lower() in " ".join(text.lower().split()[:3]):
        return text
    first = text if _I_WORDS.match(text) else text[:1].lower() + text[1:]
    return f"{name}, {first}"


class SceneListener(Bot):
    """People-awareness for the listening bots (skilled, skilled-untuned, cue-blind). In a scene:
    one bot of the wrapped kind per person, each seeing only that person's lines and cues; the
    reply goes to the person who just spoke up, else stays with someone just asked a question,
    else moves on to the next person, by name. The partner is used sensibly: asked to stand back
    once they talk over the officer; asked to take one person aside when both are agitated, and
    to bring them back once the other has settled."""

    TAKE_ASIDE_AT = 62
    BRING_BACK_BELOW = 40

    def __init__(self, make: Callable[[], SkilledBot]) -> None:
        self.make = make
        self.single: SkilledBot = make()
        self.name = self.single.name
        self.bots: dict[str, SkilledBot] = {}
        self.turns: dict[str, int] = {}
        self.target: str | None = None
        self.aside: str | None = None
        self.aside_turn = 0
        self.took_aside = False
        self.told_wait = False

    def _intro(self, person: dict, index: int) -> str | None:
        """The officer's own introduction to the second and later people, shorter and in other
        words than the first (the same sentence twice reads as repeating)."""
        if index == 0:
            return None
        sentences = re.split(r"(?<=[.!?])\s+", self.single.INTRO)
        who = next((s for s in sentences if re.search(r"\b(?:police|officer)\b", s, re.I)), sentences[0])
        return f"{first_name(person)}, {who[:1].lower() + who[1:] if not _I_WORDS.match(who) else who} " \
               f"I want to hear your side as well. What's been going on?"

    def _partner_move(self, seen: Seen, people: list[dict], turn: int) -> str | None:
        partner = seen.started.get("partner") or {}
        tasks = partner.get("tasks") or []
        if not tasks:
            return None
        talked_over = any(e["event"] == "partner" and e.get("task") == "talk-over" for e in this_turn(seen))
        if talked_over and "wait" in tasks and not self.told_wait:
            self.told_wait = True
            return "/partner wait"
        levels = levels_now(seen)
        if self.aside is not None and "bring-back" in tasks:
            here = [p for p in people if p["id"] != self.aside]
            calm = all(levels.get(p["id"], {}).get("agitation", 100) < self.BRING_BACK_BELOW for p in here)
            if calm and turn - self.aside_turn >= 3:
                back, self.aside = self.aside, None
                return f"/partner bring-back {back}"
        if (not self.took_aside and self.aside is None and "take-aside" in tasks and len(people) == 2
                and all(levels.get(p["id"], {}).get("agitation", 0) >= self.TAKE_ASIDE_AT for p in people)):
            # the one not being talked to goes with the partner
            other = next(p["id"] for p in people if p["id"] != self.target)
            self.took_aside, self.aside, self.aside_turn = True, other, turn
            return f"/partner take-aside {other}"
        return None

    def _choose(self, seen: Seen, people: list[dict]) -> str:
        here = [p["id"] for p in people if p["id"] != self.aside]
        spoke_up = [e.get("person") for e in this_turn(seen) if e["event"] == "subject" and e.get("unprompted")]
        if spoke_up and spoke_up[-1] in here:
            return spoke_up[-1]
        if self.target in here and self.bots.get(self.target) is not None \
                and self.bots[self.target].last_kind == "question" and self.turns.get(self.target, 0) > 0:
            self.bots[self.target].last_kind = "answered"  # once: their answer gets a reply
            return self.target
        if self.target not in here:
            return here[0]
        return here[(here.index(self.target) + 1) % len(here)]

    def reply(self, seen: Seen, turn: int) -> str | None:
        people = people_in(seen)
        if not people:
            return self.single.reply(seen, turn)
        if turn >= 32:
            return None
        if turn == 0:
            self.target = people[0]["id"]
        else:
            move = self._partner_move(seen, people, turn)
            if move:
                return move
            self.target = self._choose(seen, people)
        index = next(i for i, p in enumerate(people) if p["id"] == self.target)
        person = people[index]
        bot = self.bots.setdefault(self.target, self.make())
        if self.target not in self.turns:
            bot.n_open = index  # each person gets their own questions, not the same words twice
        n = self.turns.get(self.target, 0)
        self.turns[self.target] = n + 1
        name = first_name(person)
        if n == 0 and (intro := self._intro(person, index)) is not None:
            return intro
        text = bot.reply(person_view(seen, self.target, name), n)
        if text is None:
            return None
        return addressed_to(name, text)


class SceneLines(Bot):
    """A fixed list in a scene that turns to each person in turn (@id), one line each."""

    def __init__(self, inner: Bot) -> None:
        self.inner = inner
        self.name = inner.name

    def reply(self, seen: Seen, turn: int) -> str | None:
        text = self.inner.reply(seen, turn)
        people = people_in(seen)
        if text is None or not people or text.startswith("/"):
            return text
        return f"@{people[turn % len(people)]['id']} {text}"


BOTS: dict[str, Callable[[], Bot]] = {
    "skilled": lambda: SceneListener(SkilledBot),
    "skilled-untuned": lambda: SceneListener(PlainSkilledBot),
    "script": lambda: LinesBot("script", SCRIPT),  # a memorised script: never turns to anyone
    "cue-blind": lambda: SceneListener(CueBlindBot),
    "mediocre": lambda: SceneLines(MediocreBot()),
    "threatening": lambda: LinesBot("threatening", THREATENING),
    "repeating": lambda: LinesBot("repeating", REPEATING),
    "passive": lambda: LinesBot("passive", PASSIVE),
    "insulting": lambda: LinesBot("insulting", INSULTING),  # insults whoever is addressed
}
