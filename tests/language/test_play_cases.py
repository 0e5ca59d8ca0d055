"""Replies written from play, the way recruits type them (fragments, typos, a caring sentence
with one hard one), before the detectors were changed for them: each poor reply is read as what
it is and raises agitation; the kind replies that share its words are not mistaken for it.
These cases are tuned on (see tests/data/CHECK_SETS.md for the sets nobody tuned on)."""

from __future__ import annotations

import pytest

from simulator.language import analyze

CONTEXT = "Leave me alone! You don't understand, none of you do!"


def _raises_as(result, shows: str) -> None:
    """The reply is read as ``shows`` and raises agitation."""
    assert shows in result.techniques, result.techniques
    assert result.agitation_delta > 0, result.techniques


def _reads_as(result, shows: str | None, not_shown: str | None) -> None:
    """The reply shows ``shows`` (if given) and not ``not_shown`` (if given)."""
    if shows:
        assert shows in result.techniques, result.techniques
    if not_shown:
        assert not_shown not in result.techniques, result.techniques

#: (reply, a technique it must show, techniques it must not show)
POOR = [
    ("you're embarassing yourself in front of everyone", "insult", {"emotion_label"}),
    ("you're making a fool of yourself", "insult", set()),
    ("honestly this is a waste of police time", "dismissal", set()),
    ("i'm not your friend, i'm here to do a job", "power_talk", set()),
    ("whats your DOB and do you have ID on you", "closed_question", {"open_question"}),
    ("You don't look sick to me, you look drunk.", "argument", set()),
    ("If you'd just listened to your wife none of this would be happening.", "blaming_why", set()),
    ("you've got two choices: walk out with me or get carried out", "threat", set()),
    ("Seriously? You called us for this?", "dismissal", set()),
    ("He's not worth crying over, trust me", "dismissal", set()),
    ("Nobody's going to listen to you if you keep screaming like that.", "dismissal", set()),
    ("quit acting like a baby", "insult", set()),
]

#: kind replies that share the poor ones' words: none of the poor readings, and they calm
GOOD = [
    ("hey, I'm not here to waste your time, I just want to make sure you're ok", {"dismissal"}),
    ("you're not embarrassing yourself, honestly, lots of people have nights like this", {"insult"}),
    ("it's not a waste of time to talk this through, take as long as you need", {"dismissal"}),
    ("you look really tired. when did you last eat something?", {"argument"}),
    ("You called us because you were worried about him, and that was the right thing to do.", {"dismissal"}),
    ("sounds like you've had people treat you like a child all day, that's not fair", {"insult"}),
    ("It sounds frustrating that people keep assuming you're drunk.", {"argument", "insult"}),
    ("you're embarrassed, I get it. It happens to everyone.", {"insult"}),
]


@pytest.mark.parametrize(("reply", "shows", "not_shown"), POOR, ids=[r for r, _, _ in POOR])
def test_a_poor_reply_is_read_as_what_it_is_and_raises_agitation(reply, shows, not_shown):
    result = analyze(reply, CONTEXT)
    assert shows in result.techniques
    assert not (not_shown & set(result.techniques))
    if shows != "closed_question":  # a plain request for ID is not a provocation, only not an open question
        assert result.agitation_delta > 0


@pytest.mark.parametrize(("reply", "not_shown"), GOOD, ids=[r for r, _ in GOOD])
def test_a_kind_reply_with_the_same_words_is_not_mistaken_and_calms(reply, not_shown):
    result = analyze(reply, CONTEXT)
    assert not (not_shown & set(result.techniques)), result.techniques
    assert result.agitation_delta < 0


@pytest.mark.parametrize(("reply", "kind"), [
    ("how many did you take", "closed_question"),
    ("how long have you been out here", "closed_question"),
    ("how much did you drink tonight", "closed_question"),
    ("how long it takes is up to you", None),
])
def test_a_how_many_question_typed_without_its_question_mark_is_still_asked(reply, kind):
    questions = {"open_question", "closed_question"} & set(analyze(reply).techniques)
    assert questions == ({kind} if kind else set())


@pytest.mark.parametrize(("reply", "insult"), [
    ("what, are you deaf?", True),
    ("are you fucking deaf", True),
    ("I'm sorry, are you deaf?", False),
    ("oh, you're deaf. sorry. ill write on your pad", False),
    ("are you deaf or hard of hearing?", False),
])
def test_asking_whether_someone_is_deaf_is_an_insult_only_when_it_sneers(reply, insult):
    """Found writing the deaf-driver scene: the sincere question is how an officer checks."""
    assert ("insult" in analyze(reply).techniques) is insult


@pytest.mark.parametrize(("reply", "shows", "not_shown"), [
    ("can you put it down please", "polite_request", "command"),
    ("could you put the knife down for me, please?", "polite_request", "command"),
    ("how about you put the knife down on the road for me", "polite_request", "command"),
    ("I'm just gonna stay over here, ok? I'm not coming any closer.", "explanation", "command"),
    ("will you shut up please", "command", "polite_request"),
    ("get over here, ok?", "command", "polite_request"),
])
def test_a_request_or_the_officers_own_plan_is_not_an_order(reply, shows, not_shown):
    """Found writing the knife scene: a recruit asks for the knife, and says where they will stay."""
    techniques = analyze(reply).techniques
    assert shows in techniques and not_shown not in techniques


@pytest.mark.parametrize(("reply", "question"), [
    ("have a good night", False),
    ("have a safe drive home", False),
    ("have you had anything to drink", True),
    ("have a drink tonight?", True),
])
def test_a_goodbye_is_not_a_question(reply, question):
    """Found writing the deaf-driver scene: 'have a good night' drew an off-topic answer."""
    asked = {"open_question", "closed_question"} & set(analyze(reply).techniques)
    assert bool(asked) is question


#: found writing the veteran and autistic-teen scenes: (reply, a technique it must not show, one it must)
VETERAN = [
    ("it's been 14 years and it still hurts", "threat", None),
    ("I'll go and tell Jen you're okay, and that you're sorry about today.", "threat", None),
    ("Luis was in the truck you should have been in.", "argument", None),
    ("Luis was in the truck you should have been in.", "advice", None),
    ("have you thought about how you'd do it", "advice", "closed_question"),
    ("It's 988, then press 1.", "jargon", None),
    ("I know what you went through.", None, "presumption"),
    ("would you come back from the edge a bit for me", "command", "polite_request"),
]


@pytest.mark.parametrize(("reply", "not_shown", "shows"), VETERAN, ids=[f"{r} ({n or s})" for r, n, s in VETERAN])
def test_what_the_scene_authors_typed_is_read_as_they_meant_it(reply, not_shown, shows):
    techniques = analyze(reply).techniques
    assert not_shown is None or not_shown not in techniques, techniques
    assert shows is None or shows in techniques, techniques


@pytest.mark.parametrize(("reply", "shows"), [
    ("Do that again and it will hurt", "threat"),
    ("keep it up and you'll get hurt", "threat"),
    ("You're gonna be sorry", "threat"),
    ("you should have called us", "argument"),
    ("You're in violation of section 415.", "jargon"),
    ("can you sit down.", "command"),
])
def test_the_hard_forms_next_to_them_are_still_read_as_hard(reply, shows):
    assert shows in analyze(reply).techniques


@pytest.mark.parametrize(("reply", "shows"), [
    ("Alright. You been drinking too? I can smell it.", "argument"),
    ("you've had a few yourself by the smell of it", "argument"),
    ("frank passed away love, dont you remember?", "argument"),
    ("Ma'am, those are finger marks. I'm not an idiot. Who did that?", "argument"),
    ("shes prob just busy. dont worry about it", "dismissal"),
])
def test_an_accusation_a_correction_or_a_brush_off_raises_agitation(reply, shows):
    """Rows of the natural dev set (tuned on) that calmed the subject in the language layer."""
    result = analyze(reply)
    assert shows in result.techniques and result.agitation_delta > 0


@pytest.mark.parametrize("reply", [
    "Don't worry, we'll find her.", "Don't worry about that, I'll call her.", "don't you remember me from last week?",
    "I can smell smoke, is something burning?",
])
def test_the_kind_forms_of_the_same_words_still_calm(reply):
    result = analyze(reply)
    assert not {"argument", "dismissal"} & set(result.techniques) and result.agitation_delta < 0


#: written by the lead as an impatient or cold officer would type, before the detectors were changed
#: for them (26 of 40 such lines raised agitation; these 14 did not); tuned on from then on
COLD = [
    "It's the law, I don't make the rules.", "Nobody's buying that story.", "That's your problem, not mine.",
    "Yeah yeah, everyone's got a sob story.", "Let's not make this harder than it needs to be.",
    "You're not the victim here.", "Do you even know what you're saying?", "You're lucky I'm being this patient.",
    "you done?", "ok and? what do you want me to do about it", "We're not doing this again tonight.",
    "I've been doing this 20 years, I know when someone's lying.", "Are you finished?",
    "Why can't you just be normal for five minutes?",
]


@pytest.mark.parametrize("reply", COLD)
def test_a_cold_or_impatient_reply_raises_agitation(reply):
    result = analyze(reply, "I just want somebody to listen to me for once!")
    assert result.agitation_delta > 0, result.techniques


@pytest.mark.parametrize("reply", [
    "What do you want me to do to help?", "Are you done with your call? Take your time.",
    "I know when someone's scared, and that's ok.", "We're not in a hurry, take all the time you need.",
    "You're not in trouble here.", "Let's make this as easy as we can for you.",
])
def test_the_warm_replies_that_share_their_words_calm(reply):
    assert analyze(reply, "I just want somebody to listen to me for once!").agitation_delta < 0


@pytest.mark.parametrize(("reply", "context", "paraphrase"), [
    ("It sounds like it's your birthday.", "It's my birthday, man. I didn't know it was that loud.", True),
    ("sounds like it was the bass keeping you up", "The bass has been coming through the wall since eleven.", True),
    ("It sounds like it is cold out.", "It's my birthday, man. I didn't know it was that loud.", False),
])
def test_a_frame_about_the_situation_restates_their_words(reply, context, paraphrase):
    """Found writing the noise-complaint scene: 'it sounds like it's ...' was heard as nothing."""
    restates = {"paraphrase", "mirroring", "summary"} & set(analyze(reply, context).techniques)
    assert bool(restates) is paraphrase


#: written by the lead as a rude or rank-pulling officer would type, before the detectors were changed
#: for them (42 of 50 such lines raised agitation; these did not); tuned on from then on
RANK = [
    ("Dude, seriously, get it together.", "dismissal"),
    ("Cut the attitude.", "dismissal"),
    ("If you'd just listened in the first place we wouldn't be here.", "blaming_why"),
    ("You're not in any position to make demands.", "power_talk"),
    ("Nope. Not happening.", "power_talk"),
    ("I'll decide what happens here.", "power_talk"),
    ("Is that really worth all this fuss?", "minimising"),
    ("I'm trying to help you but you're making it really hard.", "blaming_why"),
]


@pytest.mark.parametrize(("reply", "shows"), RANK, ids=[r for r, _ in RANK])
def test_pulling_rank_or_blaming_raises_agitation(reply, shows):
    result = analyze(reply, "I just want somebody to listen to me for once!")
    _raises_as(result, shows)


@pytest.mark.parametrize("reply", [
    "You're not in a position to drive tonight, so let's sort you a ride.",
    "We'll decide together what happens next, ok?",
    "Was it worth the call? Absolutely, you did the right thing.",
    "It's not happening again tonight, I'll make sure of that patrol.",
])
def test_the_kind_forms_of_rank_words_do_not_pull_rank(reply):
    result = analyze(reply, "I just want somebody to listen to me for once!")
    assert not {"power_talk", "minimising", "blaming_why"} & set(result.techniques), result.techniques


#: a second batch, typed as a curt British or sarcastic officer would, before the detectors were changed
#: for them (26 of 40 such lines raised agitation; these did not); tuned on from then on
CURT = [
    ("Under the Mental Health Act I have the power to detain you, so you can make this easy or hard.", "threat"),
    ("We can stand here all night if you like, I get paid either way.", "sarcasm"),
    ("Look at the state of you.", "insult"),
    ("Tell it to someone who cares.", "dismissal"),
    ("I'm not interested in excuses, I'm interested in the knife.", "dismissal"),
    ("Oh here we go again.", "sarcasm"),
    ("Honestly, mate, you're a grown adult, act like one.", "dismissal"),
    ("This is exactly why nobody takes you seriously.", "insult"),
    ("Pack it in, the pair of you.", "command"),
    ("Don't be daft, nobody's coming to get you.", "dismissal"),
    ("You're not special, everyone gets stopped.", "dismissal"),
    ("I'm counting to three.", "threat"),
    ("We both know how this ends.", "threat"),
    ("Is this how you talk to your mother?", "sarcasm"),
]


@pytest.mark.parametrize(("reply", "shows"), CURT, ids=[r for r, _ in CURT])
def test_a_curt_or_sarcastic_reply_raises_agitation(reply, shows):
    result = analyze(reply, "I just want somebody to listen to me for once!")
    assert shows in result.techniques
    assert "offer_options" not in result.techniques       # "easy or hard" is no choice
    assert result.agitation_delta > 0, result.techniques


@pytest.mark.parametrize("reply", [
    "Don't be daft, you're no bother at all.",
    "You know how this goes, the nurse sees you first, then the doctor.",
    "We can stay here all night if you need, I'm not going anywhere.",
    "You're not the only one who's felt like this.",
    "Here we go, the ambulance is here now.",
    "Let's make this as easy as we can for you.",
])
def test_the_warm_forms_of_curt_words_are_not_curt(reply):
    result = analyze(reply, "I just want somebody to listen to me for once!")
    assert not {"threat", "dismissal", "sarcasm", "insult", "command"} & set(result.techniques), result.techniques


#: a third batch, longer and procedural, typed as an officer who explains at the trainee rather than
#: to them, before the detectors were changed (19 of 25 raised agitation; these did not); tuned on since
PROCEDURAL = [
    ("We received a call about a disturbance. Whether or not you think it was necessary is beside the point. "
     "I need names and dates of birth from both of you.", "dismissal"),
    ("Your mental health isn't really a police matter, you'd need to speak to your GP about that on Monday.",
     "dismissal"),
    ("Ma'am, I don't have time to go through all that right now. Just yes or no, did he hit you?", "power_talk"),
    ("Honestly, you should be grateful it was us who turned up and not someone less patient.", "power_talk"),
    ("I'm going to be straight with you, if you don't come down on your own, we'll have to bring you down "
     "ourselves.", "threat"),
    ("There's no point getting upset about it now, what's done is done.", "dismissal"),
    ("Son, I was dealing with people like you before you were born.", "insult"),
]


@pytest.mark.parametrize(("reply", "shows"), PROCEDURAL, ids=[r[:60] for r, _ in PROCEDURAL])
def test_procedure_said_at_them_raises_agitation(reply, shows):
    result = analyze(reply, "I just want somebody to listen to me for once!")
    assert shows in result.techniques
    assert "open_question" not in result.techniques       # "what's done is done" asks nothing
    assert result.agitation_delta > 0, result.techniques


@pytest.mark.parametrize("reply", [
    "Is it a yes or no? Take your time, either's fine.",
    "It's not your fault, and what you did next is beside the point tonight.",
    "No point worrying about the car now, we'll sort it tomorrow together.",
    "I've met people like you who got through this.",
])
def test_the_kind_forms_of_procedural_words_still_calm(reply):
    assert analyze(reply, "I just want somebody to listen to me for once!").agitation_delta < 0


#: a fourth batch, platitudes and brush-offs to someone who has just said what went wrong, before the
#: detectors were changed (8 of 20 raised agitation); tuned on since
PLATITUDES = [
    "It'll all be fine, trust me.", "Everything happens for a reason.",
    "Anyway, back to the matter at hand, where's the car?",
    "OK whatever, what's your address?", "Let's not get into all that.", "You'll laugh about this tomorrow.",
    "Try not to think about it.", "You're overthinking it.", "I'm sure she didn't mean it like that.",
    "Have you been taking your meds? Because it doesn't sound like it.", "That's life, unfortunately.",
    "You're not the first and you won't be the last.",
]


@pytest.mark.parametrize("reply", PLATITUDES)
def test_a_platitude_or_brush_off_raises_agitation(reply):
    result = analyze(reply, "My girlfriend left me and I lost my job the same week.")
    assert result.agitation_delta > 0, result.techniques


@pytest.mark.parametrize("reply", [
    "Let's not worry about that right now, first let's get you warm.",
    "You're safe now, at least for tonight, and I'm staying.",
    "It'll be okay. I'm right here.", "Right, back to you: what happened after she left?",
    "You're not the first person to feel like this, and there's help for it.",
])
def test_the_kind_forms_of_platitude_words_calm(reply):
    assert analyze(reply, "My girlfriend left me and I lost my job the same week.").agitation_delta < 0


@pytest.mark.parametrize(("reply", "shows"), [
    ("Yeah right.", "sarcasm"), ("yeah, right.", "sarcasm"),
    ("so are you done?", "dismissal"), ("so, are you done?", "dismissal"),
])
def test_a_pattern_written_with_an_optional_comma_matches_without_it(reply, shows):
    """' ,? ' in a bank pattern needed two spaces when the comma was missing, so the plain typed form
    (no comma) never matched; found writing the fourth batch."""
    assert shows in analyze(reply).techniques


@pytest.mark.parametrize(("reply", "context"), [
    ("Marcus, you told me you haven't been able to sleep since Thursday and the voices don't stop.",
     "I haven't slept since Thursday. Every time I close my eyes they start again."),
    ("Raj, he keeps walking in and taking things and you want him charged this time.",
     "Third time this month! He walks in, takes what he wants, and you lot do nothing. I want him charged."),
])
def test_a_name_before_a_restatement_does_not_hide_it(reply, context):
    """Found finishing the shoplifter scene: a restatement opened by their name was read as the name
    only; and 'and you want him charged' restates what they want, it threatens nobody."""
    techniques = analyze(reply, context).techniques
    assert "paraphrase" in techniques
    assert "threat" not in techniques


#: found by the knife scene's author typing as a British recruit would (tuned on since)
@pytest.mark.parametrize(("reply", "shows", "not_shown"), [
    ("take as long as you need", "reassurance", set()),
    ("hiya, I'm PC Dawson", "introduction", {"jargon"}),
    ("you're doing really well talking to me", "affirmation", {"paraphrase"}),
    ("they're just down the road", "explanation", {"emotion_label"}),
    ("you'll find someone else", "minimising", set()),
    ("you'll get another job easy", "minimising", {"command"}),
    ("could you pop the knife down on the road", "polite_request", {"closed_question"}),
    ("who keeps phoning you", "open_question", set()),
])
def test_what_a_british_recruit_types_is_read_as_meant(reply, shows, not_shown):
    techniques = set(analyze(reply, "She ended it. Then they let me go at work, in front of everyone.").techniques)
    assert shows in techniques
    assert not techniques & not_shown


@pytest.mark.parametrize(("reply", "shows"), [
    ("you seem down today", "emotion_label"), ("you're down on yourself", "emotion_label"),
    ("who knows", None), ("who cares", None),
])
def test_the_neighbours_of_those_readings_keep_theirs(reply, shows):
    techniques = analyze(reply).techniques
    assert (shows in techniques) if shows else "open_question" not in techniques


#: a fifth batch, typed the way a young officer texts (u, ur, rn, dropped g's, no apostrophes), before
#: the detectors were changed (16 of 25 such lines raised agitation); tuned on since
TEXTED = [
    "seriously?? over a parking spot??", "nobody wants to hear it man", "do u even hear urself rn",
    "ok and? wat do u want me to do", "cmon man dont be like that", "ur not helping urself here",
    "jeez just answer the q", "if u dont stop im takin u in", "yeah yeah everyones got a story",
    "ur embarassing urself",
]


@pytest.mark.parametrize("reply", TEXTED)
def test_a_curt_reply_typed_like_a_text_raises_agitation(reply):
    result = analyze(reply, "He took my spot and then he called ME names!")
    assert result.agitation_delta > 0, result.techniques


@pytest.mark.parametrize(("reply", "canonical"), [
    ("if u dont stop im takin u in", "if you do not stop i am taking you in"),
    ("cmon, ur not helpin urself", "come on , you are not helping yourself"),
    ("nothin's gonna happen to u", "nothing is going to happen to you"),
])
def test_texting_spellings_are_read_as_the_words_they_stand_for(reply, canonical):
    from simulator.language.text import canonicalize
    assert canonicalize(reply).text == canonical


@pytest.mark.parametrize("reply", [
    "I'm not here to lecture, nobody wants to hear that tonight.",
    "Don't be like that with yourself, you did your best.",
    "yeah, that sounds exhausting", "Can you hear me okay?",
])
def test_the_kind_forms_of_texted_words_are_not_curt(reply):
    assert analyze(reply, "He took my spot and then he called ME names!").agitation_delta < 0


#: found by the scene author making the shoplifter and mother-son scenes fair (tuned on since)
@pytest.mark.parametrize(("reply", "shows", "not_shown"), [
    ("You've heard it all before and nothing ever happens.", "paraphrase", {"dismissal"}),
    ("I've heard it all before, mate.", "dismissal", set()),
    ("Right. That must of been terrifying", "emotion_label", set()),
    ("Hi there, PC Wright, police. What's gone on?", "introduction", {"jargon"}),
])
def test_what_the_fairness_pass_found_is_read_as_meant(reply, shows, not_shown):
    context = "Third time this month. I've heard it all before, and nothing ever happens."
    techniques = set(analyze(reply, context).techniques)
    assert shows in techniques
    assert not techniques & not_shown


#: a sixth batch, scolding and moralising, typed before the detectors were changed (5 of 20 such
#: lines raised agitation); the new id `lecturing` came from it; tuned on since
SCOLDING = [
    ("You know drinking isn't going to solve anything, right?", "lecturing"),
    ("Think about your kids for a second.", "lecturing"),
    ("Do you realise how this looks?", "lecturing"),
    ("You really shouldn't be out here at this time of night.", "lecturing"),
    ("This is no way to behave in public.", "lecturing"),
    ("At your age you should know better.", "lecturing"),
    ("That's not how adults sort out their problems.", "lecturing"),
    ("People are trying to sleep, you know.", "lecturing"),
    ("You've got to take some responsibility here.", "lecturing"),
    ("Well, whose fault is that?", "lecturing"),
    ("You made your bed.", "lecturing"),
    ("Maybe if you'd taken your meds this wouldn't have happened.", "lecturing"),
    ("Let's be honest, you started this.", "lecturing"),
    ("That's enough of the self-pity.", "lecturing"),
    ("How many times do we have to come out here?", "lecturing"),
    ("You're lucky it was only the police they called.", "power_talk"),
]


@pytest.mark.parametrize(("reply", "shows"), SCOLDING, ids=[r for r, _ in SCOLDING])
def test_scolding_is_lecturing_and_raises_agitation(reply, shows):
    result = analyze(reply, "Everyone's against me tonight, my missus, the neighbours, now you lot.")
    _raises_as(result, shows)


@pytest.mark.parametrize("reply", [
    "You shouldn't have had to deal with this on your own.", "You shouldn't have to put up with that.",
    "I know you didn't start this.", "You're not to blame for how you feel.",
    "It's not your fault, and feeling this way isn't self-pity.",
    "Your kids are safe, think about that for a second, you did that.",
])
def test_the_kind_forms_of_scolding_words_are_not_lecturing(reply):
    result = analyze(reply, "Everyone's against me tonight, my missus, the neighbours, now you lot.")
    assert not {"lecturing", "argument", "blaming_why"} & set(result.techniques), result.techniques
    assert result.agitation_delta < 1


#: a seventh batch, typed before the detectors were changed (13 of 42 such lines did not raise
#: agitation): telling someone in crisis what they feel or want, comparing with the officer's own
#: life, guilt, arguing with what they see, cutting them off, provoking; tuned on since
CRISIS_CONTEXT = "I can't do this anymore. Nobody would even notice if I was gone."
PSYCH_CONTEXT = "They put something in my water. The men in the van have been following me all week."
ANGRY_CONTEXT = "He started it! Why is it always me getting hassled?"
INVALIDATING = [
    (CRISIS_CONTEXT, "You don't really want to die, come on.", "argument"),
    (CRISIS_CONTEXT, "ur not gonna jump, come on.", "argument"),
    (CRISIS_CONTEXT, "When my dad died I just got on with it.", "minimising"),
    (CRISIS_CONTEXT, "I've had worse weeks than this mate, trust me.", "minimising"),
    (CRISIS_CONTEXT, "Think how selfish that would be to your family.", "lecturing"),
    (CRISIS_CONTEXT, "Your mum would be gutted to hear you talk like this.", "lecturing"),
    (CRISIS_CONTEXT, "Plenty of people have it way worse than you.", "minimising"),
    (CRISIS_CONTEXT, "I hear you, I really do, and I know tonight feels like too much, but honestly you're being "
                     "a bit dramatic.", "yes_but"),
    (PSYCH_CONTEXT, "Are you off your meds again?", "lecturing"),
    (PSYCH_CONTEXT, "There's no van, nobody's following you.", "argument"),
    (PSYCH_CONTEXT, "Okay, I get that you're scared and I want to help, but there is nobody in that van and you "
                    "need to accept that.", "argument"),
    (ANGRY_CONTEXT, "Let me stop you right there.", "dismissal"),
    (ANGRY_CONTEXT, "I don't need the whole life story.", "dismissal"),
    (ANGRY_CONTEXT, "Did I ask you?", "dismissal"),
    (ANGRY_CONTEXT, "Go on then, try it.", "threat"),
    (ANGRY_CONTEXT, "I'm only going to say this once.", "threat"),
    (ANGRY_CONTEXT, "He's right, you know, you did start it.", "lecturing"),
]


@pytest.mark.parametrize(("context", "reply", "shows"), INVALIDATING, ids=[r for _, r, _ in INVALIDATING])
def test_invalidating_comparing_guilt_or_provoking_raises_agitation(context, reply, shows):
    result = analyze(reply, context)
    _raises_as(result, shows)


@pytest.mark.parametrize(("context", "reply"), [
    (CRISIS_CONTEXT, "You don't have to pull yourself together for me, just talk."),
    (CRISIS_CONTEXT, "There's every reason to be upset after a week like that."),
    (CRISIS_CONTEXT, "When my dad died I couldn't get out of bed for a month. How are you getting through it?"),
    (CRISIS_CONTEXT, "Your family sound like they matter to you. Tell me about them?"),
    (PSYCH_CONTEXT, "I can't see the van from here, but I believe you're scared. What have you noticed?"),
    (PSYCH_CONTEXT, "Are you on any medication at the moment, anything that helps?"),
    (PSYCH_CONTEXT, "So you've been off your meds since the pharmacy shut, and the voices got louder."),
    (ANGRY_CONTEXT, "I don't care who started it as much as making sure nobody gets hurt, okay?"),
    (ANGRY_CONTEXT, "Go on then, tell me what happened from the start."),
])
def test_the_kind_forms_of_those_words_calm(context, reply):
    result = analyze(reply, context)
    assert not {"argument", "minimising", "lecturing", "dismissal", "threat"} & set(result.techniques), \
        result.techniques
    assert result.agitation_delta < 0


@pytest.mark.parametrize("reply", [
    "It sounds like things have got really bad, bad enough that you're thinking about dying. Is that right?",
    "You're thinking about ending it. Have I got that right?",
    "so ur thinking about killing yourself. am I right?",
])
def test_a_statement_checked_with_is_that_right_asks_about_it(reply):
    result = analyze(reply, CRISIS_CONTEXT)
    assert "crisis_inquiry" in result.techniques
    assert result.agitation_delta < 0


def test_a_crisis_word_in_a_statement_not_checked_is_not_asked():
    assert "crisis_inquiry" not in analyze("I was thinking about dying my hair. Anyway.", CRISIS_CONTEXT).techniques


@pytest.mark.parametrize(("reply", "shows"), [
    ("that's just the ambulance for your arm, nobody's jumping you. I've told them to kill the sirens and wait up "
     "the road", {"explanation", "reassurance"}),
    ("I asked them to turn the sirens off and wait down the road.", {"explanation"}),
    ("nobody's jumping you.", {"reassurance"}),
])
def test_saying_what_the_sirens_are_and_what_the_officer_did_about_them_explains(reply, shows):
    """Missed in play of the knife scene (issue 15's closing note): read as no technique at all."""
    result = analyze(reply, "Who called them? Who are they? Stay back, all of you!")
    assert shows <= set(result.techniques), result.techniques
    assert result.agitation_delta < 0


@pytest.mark.parametrize(("reply", "not_shown"), [
    # seen in the recorded sessions when the seventh batch was re-recorded: a feared future is not an order,
    # where the officer stays is not an order, and giving back someone's mixed feelings is not arguing
    ("You don't want to die, but you're scared one day you'll listen to them.", {"command", "argument"}),
    ("Okay, Dean, my name's Lee. I'm staying over here. Nobody's rushing you.", {"command"}),
    ("I'll wait out of the way, you take your time.", {"command"}),
])
def test_what_the_officer_does_or_they_fear_is_not_an_order(reply, not_shown):
    result = analyze(reply, "Yeah, I think about it. If I wasn't here they'd have nothing to record.")
    assert not not_shown & set(result.techniques), result.techniques
    assert result.agitation_delta < 0


@pytest.mark.parametrize("reply", ["Over here!", "You will listen to me.", "Hey, out of the car."])
def test_the_orders_beside_them_are_still_orders(reply):
    assert "command" in analyze(reply, "Leave me alone!").techniques


#: an eighth batch, typed before the detectors were changed (15 of 36 such lines did not raise
#: agitation): belittling someone with dementia, autism or deafness, talking about them as if absent,
#: exasperation, procedure fired at them, a condition used as a lever, a reply shouted in capitals;
#: tuned on since
PSYCH = "The aliens told me the water's poisoned. I'm not going with you."
DEMENTIA = "Where's Margaret? She'll be worried. I need to get home to Margaret."
WAITED = "I've been waiting three hours for you lot! Three hours!"
TEEN = "Whatever. I'm not going home. You can't make me."
BELITTLING = [
    (PSYCH, "Oh yeah, and did the aliens tell you the lottery numbers too?", "sarcasm"),
    (PSYCH, "Right, if you don't come voluntarily we'll section you. Simple as that.", "threat"),
    (PSYCH, "He's clearly off his head, call it in.", "insult"),
    (DEMENTIA, "Margaret's dead, love. She died years ago, remember?", "argument"),
    (DEMENTIA, "You can't go home, you don't even know where home is.", "insult"),
    (DEMENTIA, "I've told you three times already.", "dismissal"),
    ("(signs, points at ears, shakes head)", "Just speak up, I can't understand you.", "command"),
    (TEEN, "Do your parents even know you're out here?", "lecturing"),
    (WAITED, "Well, we're here now, aren't we?", "dismissal"),
    (WAITED, "Three hours is nothing, some people wait all night.", "minimising"),
    (WAITED, "Name, date of birth, address.", "power_talk"),
    (WAITED, "Ugh. Fine. What now?", "dismissal"),
    (WAITED, "That's disgusting behaviour.", "insult"),
    (WAITED, "I'm not going to stand here and be shouted at.", "dismissal"),
    (WAITED, "This will only take a second if you just cooperate.", "power_talk"),
]


@pytest.mark.parametrize(("context", "reply", "shows"), BELITTLING, ids=[r for _, r, _ in BELITTLING])
def test_belittling_exasperation_or_procedure_fired_at_them_raises_agitation(context, reply, shows):
    result = analyze(reply, context)
    _raises_as(result, shows)


def test_a_reply_shouted_in_capitals_raises_agitation_whatever_its_words():
    shouted = analyze("HELLO? CAN YOU HEAR ME?", "(signs, points at ears, shakes head)")
    said = analyze("Hello? Can you hear me?", "(signs, points at ears, shakes head)")
    assert shouted.techniques == said.techniques
    assert shouted.agitation_delta > 0 > said.agitation_delta


@pytest.mark.parametrize(("context", "reply"), [
    (PSYCH, "That sounds frightening, thinking the water's been poisoned. What made you think that?"),
    (PSYCH, "If you don't want to go to hospital, we won't make you."),
    (DEMENTIA, "Margaret sounds really important to you. Tell me about her?"),
    (DEMENTIA, "Do you remember what happened earlier?"),
    ("(signs, points at ears, shakes head)", "Can you speak up a little for me? I didn't catch that."),
    (WAITED, "Three hours is a long time to wait, I'm sorry. Tell me what's happened."),
    (WAITED, "I'm here now. What happened?"),
    (WAITED, "Some people wait hours, and that's not okay. I'm sorry."),
    ("He spat at me.", "That's disgusting, what he did to you."),
    ("He spat at me.", "He's clearly scared, let's give him some space."),
    (TEEN, "Fair enough. What's made home somewhere you don't want to be?"),
])
def test_the_kind_forms_of_those_words_still_calm(context, reply):
    result = analyze(reply, context)
    assert not {"argument", "insult", "dismissal", "minimising", "power_talk", "threat", "sarcasm",
                "lecturing"} & set(result.techniques), result.techniques
    assert result.agitation_delta < 0


def test_who_will_do_what_next_is_an_explanation_not_a_summary_of_them():
    """Found in play of the dementia scene: the officer's plan read as a summary of what she had said."""
    result = analyze("course I'll stay with you. these two are going to get you warm and take you back to Rowan "
                     "House, and I'll walk with you to the ambulance. is that ok?", "You'll stay with me? That's good.")
    assert "explanation" in result.techniques and "summary" not in result.techniques
    assert "summary" in analyze("So you waited all night, nobody came, your phone died, and then the bus never "
                                "showed up either, and now you are here.", "I've been out here all night.").techniques


#: a ninth batch: good replies typed the way recruits talk, before the detectors were changed (30 of
#: 32 lowered agitation; two were read wrongly, and three more read as nothing); tuned on since
LEFT_WITH_NOTHING = "What's the point. I've lost the job, she's taken the kids. There's nothing left."


@pytest.mark.parametrize(("context", "reply", "shows"), [
    ("Please don't take me to hospital, they'll lock me up again, please.",
     "It sounds like last time was really frightening for you.", "emotion_label"),
    ("Just leave me alone. Nobody cares anyway.", "Nobody cares, that's a horrible feeling. Who's let you down?",
     "emotion_label"),
    (LEFT_WITH_NOTHING, "I can hear how much the kids mean to you.", "emotion_label"),
    (LEFT_WITH_NOTHING, "Sounds like everything's come at once and you're on your own with it.", "paraphrase"),
])
def test_a_good_reply_typed_plainly_is_read_as_one_and_calms(context, reply, shows):
    result = analyze(reply, context)
    assert shows in result.techniques
    assert not {"dismissal", "argument", "insult"} & set(result.techniques), result.techniques
    assert result.agitation_delta < 0


@pytest.mark.parametrize(("context", "reply"), [
    ("Nobody cares anyway.", "Calm down, nobody cares."),
    ("x", "Sounds like it's time for you to go home."),
])
def test_their_words_thrown_back_or_a_direction_in_a_frame_are_not_reflections(context, reply):
    result = analyze(reply, context)
    assert not {"mirroring", "paraphrase", "emotion_label"} & set(result.techniques), result.techniques


#: a tenth batch, typed before the detectors were changed (10 of 20 such lines did not raise
#: agitation; now 19 do, "Mate. Seriously. Breathe." left): advice and blame at someone defending a
#: partner, sleep offered to someone who wants to die, defensiveness, a fear argued away; tuned on since
DEFENDING = "He didn't mean it. He's just stressed with work. Please don't arrest him."
NOT_HEARD = "You're not listening! Nobody ever listens to me!"
AFRAID = "They're outside, I can hear them. They're going to get in."
ADVISED = [
    (DEFENDING, "You should just leave him, honestly.", "lecturing"),
    (DEFENDING, "Why do you stay with someone like that?", "blaming_why"),
    (DEFENDING, "He obviously did mean it, look at your face.", "argument"),
    ("I just want to sleep and not wake up. Everyone would be better off.", "Have you tried just getting some sleep?",
     "minimising"),
    (NOT_HEARD, "I am listening. I've been listening for ten minutes.", "dismissal"),
    (NOT_HEARD, "Nobody listens because you're screaming.", "dismissal"),
    (NOT_HEARD, "I'm just doing my job here, don't make my night harder.", "power_talk"),
    (AFRAID, "There's nobody out there, I checked.", "argument"),
    (AFRAID, "It's probably just cats.", "minimising"),
]


@pytest.mark.parametrize(("context", "reply", "shows"), ADVISED, ids=[r for _, r, _ in ADVISED])
def test_advice_blame_defensiveness_or_a_fear_argued_away_raises_agitation(context, reply, shows):
    result = analyze(reply, context)
    _raises_as(result, shows)


@pytest.mark.parametrize(("context", "reply"), [
    (DEFENDING, "You don't want him arrested. Can you tell me what happened tonight?"),
    ("x", "Why do you think he stays?"),
    ("x", "He did mean it when he said sorry, I think."),
    (NOT_HEARD, "I've been here for ten minutes and I'm staying as long as you need."),
    (NOT_HEARD, "I'm just doing my job, and part of it is making sure you're safe."),
    (AFRAID, "There was nobody outside when I checked, but I believe you heard something. What did it sound like?"),
    (AFRAID, "It's probably just the wind, but let's check together."),
    (AFRAID, "My partner's checking outside right now. You're not on your own."),
])
def test_the_kind_forms_of_those_words_are_not_read_as_them(context, reply):
    result = analyze(reply, context)
    assert not {"lecturing", "blaming_why", "argument", "minimising", "dismissal", "power_talk"} & \
        set(result.techniques), result.techniques
    assert result.agitation_delta < 0


#: an eleventh batch, typed before the detectors were changed (18 of 40 poor lines did not raise
#: agitation and one kind line raised it; now 38 and none: "Just take a sleeping pill or something."
#: and "Blow in the tube and we'll see how many you've had." are left): impatience, a veiled
#: threat, tears and their reality waved away, disbelief, shaming by family, a put-down; tuned on since
SHOUTING = "This is the third time you lot have come round! Harassment, that's what this is!"
WEEPING = "I can't do this anymore, everything's falling apart, my wife left and took the kids."
HEARING = "They're watching me through the vents. I can hear them talking about me."
SHAKING = "Please, I didn't mean to, he just came at me, I grabbed the first thing."
WIDOWED = "She was all I had. Forty years. And now the house is so quiet."
DRINKING = "I've only had a couple, why are you even here, I didn't do anything."
SLEEPLESS = "I haven't slept in three days, I just need everyone to leave me alone."
WAVED_AWAY = [
    (SHOUTING, "We don't have all day, mate.", "power_talk"),
    (SHOUTING, "Can we speed this up? I've got other calls.", "power_talk"),
    (SHOUTING, "State your business.", "power_talk"),
    (WIDOWED, "Right, so is there anyone else we can call or not?", "power_talk"),
    (SHOUTING, "You don't want to find out what happens next.", "threat"),
    (SHOUTING, "This can go one of two ways, your call.", "threat"),
    (SHAKING, "You'd better start talking.", "threat"),
    (SHAKING, "Explain that to the judge.", "dismissal"),
    (WEEPING, "Save the tears, I need facts.", "dismissal"),
    (SHOUTING, "Harassment? Don't flatter yourself.", "dismissal"),
    (HEARING, "Are you hearing things again?", "dismissal"),
    (HEARING, "Is this real or is it in your head?", "dismissal"),
    (SHAKING, "I don't believe a word of that.", "argument"),
    (SHOUTING, "Who do you think you are?", "insult"),
    (WEEPING, "Sweetheart, let the grown-ups sort this out.", "insult"),
    (DRINKING, "What would your mother think if she saw you like this?", "lecturing"),
    (SHOUTING, "Use your words, not your fists.", "lecturing"),
    (DRINKING, "What did you think would happen?", "blaming_why"),
    (WIDOWED, "Everyone dies eventually, love.", "minimising"),
]


@pytest.mark.parametrize(("context", "reply", "shows"), WAVED_AWAY, ids=[r for _, r, _ in WAVED_AWAY])
def test_impatience_veiled_threats_disbelief_and_put_downs_raise_agitation(context, reply, shows):
    result = analyze(reply, context)
    _raises_as(result, shows)


@pytest.mark.parametrize(("context", "reply", "shows"), [
    (SHAKING, "It was probably really scary.", "emotion_label"),
    (SLEEPLESS, "Take a breath with me. In... and out.", None),
    (WIDOWED, "What would your mum want for you right now?", "open_question"),
    (HEARING, "So you've been hearing things all week and nobody believes you.", "paraphrase"),
    (SHAKING, "I don't believe you'd hurt anyone on purpose.", "reassurance"),
    (SLEEPLESS, "We've got all night, there's no rush.", "effective_pause"),
])
def test_the_kind_forms_of_impatient_or_disbelieving_words_calm(context, reply, shows):
    result = analyze(reply, context)
    if shows:
        assert shows in result.techniques
    assert not {"command", "power_talk", "threat", "dismissal", "argument", "insult", "lecturing", "blaming_why",
                "minimising"} & set(result.techniques), result.techniques
    assert result.agitation_delta < 0


#: a twelfth batch, typed before the detectors were changed (20 of 24 poor lines did not raise
#: agitation, several read as paraphrases for sharing their words; now 23 raise, "Found it on the
#: floor. Right." left: "Right." is also how people say go on): drink or drugs assumed, their
#: courage doubted, their children or home held over them, flippant advice, disbelief, a widow told
#: her husband is dead; tuned on since
SITTING = "Leave me alone, I'm just sitting here, I'm not hurting anyone."
HIT = "She hit me with the remote. I didn't hit her back, I swear."
PUSHED = "He pushed me into the wall, but I don't want him arrested, he's the kids' dad."
LOUD = "They've had music on till three every night this week, I can't take it anymore."
RANG = "I only rang because I was frightened, I didn't want all this."
FOUND = "I found it on the floor, honest, it's the first time I've ever been in trouble."
HOME = "I need to get home, my husband will be waiting for his tea, and the children need collecting from school."
ASSUMED = [
    (SITTING, "What are you on?", "insult"),
    (SITTING, "You high right now or what?", "insult"),
    (SITTING, "Been drinking, have we?", "sarcasm"),
    (SITTING, "Nobody wants you sitting here, that's the problem.", "insult"),
    (HIT, "A big lad like you, scared of her?", "insult"),
    (HIT, "You couldn't just walk away?", "blaming_why"),
    (HIT, "You let her do that to you?", "blaming_why"),
    (HIT, "No wonder she's angry with you.", "lecturing"),
    (PUSHED, "Social services will have a field day with this.", "threat"),
    (PUSHED, "You'll lose those kids if this carries on.", "threat"),
    (PUSHED, "If he behaves, nobody has to get arrested. Simple.", "threat"),
    (LOUD, "Maybe try being nicer to them then.", "lecturing"),
    (LOUD, "Get some earplugs, problem solved.", "sarcasm"),
    (LOUD, "You'll have to learn to live with it.", "minimising"),
    (RANG, "You called us, so this is what happens.", "power_talk"),
    (FOUND, "First time, is it? Sure.", "sarcasm"),
    (FOUND, "Funny how it's always the first time.", "sarcasm"),
    (HOME, "Your husband's been dead ten years, love.", "argument"),
    (HOME, "You don't live there anymore, you live in a home.", "argument"),
]


@pytest.mark.parametrize(("context", "reply", "shows"), ASSUMED, ids=[r for _, r, _ in ASSUMED])
def test_assuming_doubting_holding_over_or_correcting_them_raises_agitation(context, reply, shows):
    result = analyze(reply, context)
    assert shows in result.techniques
    assert not {"paraphrase", "mirroring"} & set(result.techniques), result.techniques
    assert result.agitation_delta > 0, result.techniques


@pytest.mark.parametrize(("context", "reply"), [
    (SITTING, "Have you had anything to drink or taken anything today? It'll help the paramedics look after you."),
    ("I stopped my pills. The pharmacy said my coverage ran out.", "What were you on? Do you have any left at home?"),
    (HIT, "That sounds really frightening, and you didn't hit back. That took a lot."),
    (PUSHED, "It sounds like you want the kids to keep their dad, and you want to be safe too."),
    (LOUD, "Every night this week, that would wear anyone down."),
    (RANG, "You did the right thing ringing. Being frightened is a good reason to call."),
    (HOME, "Tell me about your husband. What's his name?"),
    (HOME, "You want to get home to look after everyone. Let's get you warm first and we'll sort it out together."),
    (FOUND, "Okay. Walk me through how you found it."),
    (SITTING, "You're not in trouble. Is there somewhere warmer you'd rather sit?"),
])
def test_asking_about_drink_their_family_or_what_happened_kindly_calms(context, reply):
    result = analyze(reply, context)
    assert not {"insult", "sarcasm", "blaming_why", "lecturing", "threat", "minimising", "power_talk",
                "argument", "dismissal"} & set(result.techniques), result.techniques
    assert result.agitation_delta < 0


@pytest.mark.parametrize("reply", ["no problem, I'm just down the drive.", "I'm down by the car if you need me."])
def test_where_the_officer_is_is_not_how_they_feel(reply):
    """Found in play of the veteran scene: "I'm just down the drive" read as an I-message (feeling
    down), and the subject answered "You'd actually worry about me?"."""
    assert "i_message" not in analyze(reply).techniques
    assert "i_message" in analyze("I'm really down about all this, honestly.").techniques


@pytest.mark.parametrize(("reply", "shows"), [
    ("that's your little one crying? you must be shattered, being woken up again and again.", "emotion_label"),
    ("two hours to get him down and now he's up again. no wonder you're at the end of your tether.", "emotion_label"),
    ("you look knackered, mate.", "emotion_label"),
    ("would you be up for turning it off and moving folks inside for tonight?", "polite_request"),
    ("so music off for tonight, and if you both want, there's a free mediation service that can help.",
     "offer_options"),
])
def test_plain_british_labels_requests_and_offers_are_read(reply, shows):
    """Found in play of the noise scene: "shattered" and "at the end of your tether" named no
    feeling, "would you be up for" was only a closed question, and "if you both want" offered nothing
    (the debrief then said no emotion was named and nothing they wanted shaped the plan)."""
    result = analyze(reply)
    assert shows in result.techniques
    assert result.agitation_delta < 0
    assert "emotion_label" not in analyze("The window was shattered.").techniques


#: a thirteenth batch, typed before the detectors were changed (11 of 20 poor lines did not raise
#: agitation; now 19 do, "We can stand here all night if you want." left: said patiently it is kind):
#: feelings waved off, the officer's view pressed on them, weariness, their account doubted,
#: paternalism; tuned on since
ASKED_AGAIN = "You lot never listen. I've told you three times what happened and you keep asking the same thing."
PRESSED = [
    ("Let's not get emotional here.", "dismissal"),
    ("Are we done here?", "dismissal"),
    ("Typical.", "dismissal"),
    ("You need to understand where I'm coming from.", "lecturing"),
    ("It's for your own good.", "lecturing"),
    ("You're only hurting yourself.", "lecturing"),
    ("You brought the police here, not me.", "lecturing"),
    ("I've had enough of this.", "power_talk"),
    ("You'll thank me later.", "power_talk"),
    ("Trust me, I know what's best for you.", "power_talk"),
    ("Your story keeps changing.", "argument"),
]


@pytest.mark.parametrize(("reply", "shows"), PRESSED, ids=[r for r, _ in PRESSED])
def test_feelings_waved_off_weariness_doubt_and_paternalism_raise_agitation(reply, shows):
    result = analyze(reply, ASKED_AGAIN)
    assert shows in result.techniques
    assert "paraphrase" not in result.techniques
    assert result.agitation_delta > 0, result.techniques


@pytest.mark.parametrize("reply", [
    "I'm not going to rush you, we can take this at your pace.",
    "I want to understand what happened, in your own words.",
    "Three times, and you're still being asked. That's maddening.",
    "You're right, you've told us. Let me read back what I've got so you don't have to say it again.",
    "Let's not get into the details right now, let's just get you warm.",
    "It's good for you to have someone with you tonight.",
])
def test_patience_and_owning_the_repetition_calm(reply):
    result = analyze(reply, ASKED_AGAIN)
    assert not {"dismissal", "lecturing", "power_talk", "argument"} & set(result.techniques), result.techniques
    assert result.agitation_delta < 0


#: rows of the tuned sets (natural/dev.jsonl, the odd half of ranking_check.jsonl) whose poor reply did
#: not raise agitation, read one by one, each with a form of my own beside it
@pytest.mark.parametrize(("reply", "shows"), [
    ("You couldn't handle that yourself?", "blaming_why"),
    ("You couldn't fight back on your own?", "blaming_why"),
    ("Or learn how to settle her.", "lecturing"),
    ("Maybe learn to look after him then.", "lecturing"),
    ("If he behaves, we won't have to. Where is he?", "threat"),
    ("I'd stay put if I were you.", "threat"),
    ("I wouldn't do that if I were you.", "threat"),
    ("Sometimes that works better than calling us.", "dismissal"),
])
def test_doubt_scolding_and_veiled_warnings_from_the_tuned_sets_raise_agitation(reply, shows):
    result = analyze(reply)
    _raises_as(result, shows)


@pytest.mark.parametrize("reply", [
    "You'll learn how to settle her, it takes time.",
    "I'd get some sleep if I were you.",
])
def test_their_kind_forms_are_not_read_as_them(reply):
    result = analyze(reply)
    assert not {"lecturing", "threat"} & set(result.techniques), result.techniques


#: a fourteenth batch, typed before the detectors changed: a negated subject ("no one", "nobody",
#: "no judge") carries its negation into what they say or think of the person, never into a label
#: the speaker pins on them ("a drunk like you")
@pytest.mark.parametrize("reply", [
    "No one is saying you're crazy.",
    "nobody here thinks your a liar ok",
    "No one's calling you a thief, I just need to sort out what happened.",
    "nobody thinks you're a bad mum for this",
    "Nobody is accusing you of being a junkie.",
    "no one here is gonna call you a nutter, alright",
    "I'm not saying you're crazy.",
])
def test_what_no_one_says_of_them_is_not_an_insult(reply):
    result = analyze(reply, CONTEXT)
    assert not {"insult", "argument"} & set(result.techniques), result.techniques
    assert result.agitation_delta < 0.5, result.techniques


@pytest.mark.parametrize("reply", [
    "No judge is gonna believe a drunk like you.",
    "Nobody wants to deal with a drunk like you.",
    "No cop is gonna listen to an idiot like you.",
    "nobody's got time for a junkie like you",
    "I'm not wasting my night on a loser like you.",
    "no one would ever hire a nutjob like you",
])
def test_a_label_pinned_on_them_stays_an_insult_whatever_is_negated(reply):
    result = analyze(reply, CONTEXT)
    assert "insult" in result.techniques, result.techniques
    assert result.agitation_delta > 0, result.techniques


#: typed from play: replies that do nothing for the person and name no technique (small talk, the
#: officer's own story, procedure, a shrug); before, their length alone counted as explaining
@pytest.mark.parametrize("reply", [
    "we all have bad days mate, I had a rubbish one myself honestly",
    "my cousin went through the exact same thing and he just got on with it",
    "ok ok we heard you the first time",
    "look there's a process for this and it takes as long as it takes",
    "kids will be kids, they'll grow out of it soon enough",
    "I was in the army too, different unit, we had a laugh most days",
])
def test_talk_that_does_nothing_for_them_does_not_calm(reply):
    result = analyze(reply, CONTEXT)
    assert result.agitation_delta > 0, result.techniques


@pytest.mark.parametrize(("short", "long"), [
    ("I'm here to help.", "I'm here to help, and I'll stay as long as you want to talk this through with me."),
    ("What happened tonight?", "What happened tonight, from the start, in your own words? Take your time with it."),
])
def test_a_reply_that_engages_is_still_gentler_the_more_it_explains(short, long):
    a, b = analyze(short, CONTEXT), analyze(long, CONTEXT)
    assert set(a.techniques) <= set(b.techniques)
    assert b.agitation_delta < a.agitation_delta < 0


#: a label denied of the person reassures them; a label the speaker denies of themself does not
@pytest.mark.parametrize(("reply", "reassures"), [
    ("you're not stupid for calling us", True),
    ("Nobody is accusing you of being a junkie.", True),
    ("you're not being dramatic, this is a lot", True),
    ("look I'm not an idiot, you know", False),
    ("He's not a liar, he's my brother.", False),
])
def test_a_label_denied_of_them_reassures(reply, reassures):
    result = analyze(reply, CONTEXT)
    assert ("reassurance" in result.techniques) is reassures, result.techniques
    assert "insult" not in result.techniques


#: a fifteenth batch, my own forms of what the outsider set A showed (typed before the detectors
#: changed): laughing at them, shutting a topic down, disbelief, correcting a confused person's
#: reality, arguing with voices, a blaming "what did you expect", clipped orders, "rules are rules"
@pytest.mark.parametrize(("reply", "shows"), [
    ("lol ok buddy, sure they are", "sarcasm"),
    ("haha nice try mate", "sarcasm"),
    ("let's not go there, ok? so where do you work", "dismissal"),
    ("can we talk about something else please", "dismissal"),
    ("come on, seriously? it was in your sleeve", "dismissal"),
    ("Your wife passed away years ago, Frank.", "argument"),
    ("that shop closed decades ago love", "argument"),
    ("the voices aren't real mate, it's just in your head", "argument"),
    ("well what did you expect, turning up drunk", "blaming_why"),
    ("need you out of here in five", "command"),
    ("gonna need your ID first", "command"),
    ("rules are rules, I don't make them", "dismissal"),
    ("the law is the law, sorry", "dismissal"),
])
def test_laughing_shutting_down_and_correcting_raise_agitation(reply, shows):
    result = analyze(reply, CONTEXT)
    _raises_as(result, shows)


@pytest.mark.parametrize(("reply", "shows", "not_shown"), [
    ("honestly that would freak anyone out. I'm staying over here", None, "insult"),
    ("it freaked me out too the first time", None, "insult"),
    ("no, you're not in any trouble at all, you rang us for help", "reassurance", "argument"),
    ("nah you're not crazy, it's been a brutal week", "reassurance", "argument"),
    ("this is kind of a lot to take in, I know", None, "affirmation"),
    ("let me tell you exactly what happens next, so there are no surprises", "explanation", None),
    ("sit with me a minute, tell me what happened", None, "command"),
    ("have a seat for a sec if you like, no rush", None, "command"),
    ("tell me as much or as little as you want", "offer_options", None),
    ("I'm Priya by the way, I work with the crisis team", "introduction", None),
])
def test_the_kind_forms_are_read_as_kind(reply, shows, not_shown):
    result = analyze(reply, CONTEXT)
    _reads_as(result, shows, not_shown)
    assert result.agitation_delta < 0, result.techniques


@pytest.mark.parametrize(("reply", "shows", "not_shown"), [
    ("the factory shut like twenty years ago, Doris", "argument", None),
    ("to be fair this is more of a civil thing, you'd want the council for that", "dismissal", None),
    ("let me tell you exactly what we're gonna do next", "explanation", None),
    ("sit down with me a sec, you're alright", None, "command"),
    ("So you'd like to sit a minute and have someone ring your sister.", None, "polite_request"),
])
def test_more_of_the_outsider_forms(reply, shows, not_shown):
    result = analyze(reply, CONTEXT)
    _reads_as(result, shows, not_shown)


#: a sixteenth batch, my own forms of what the tuned half of outsider set C showed, typed before the
#: detectors changed: telling them it's "just" tiredness, bargaining ("you cooperate and..."),
#: sugary brush-offs ("off we pop"), "at your age", promising a stranger's recovery, "if you've done
#: nothing wrong...", "you're not supposed to", "why are you crying then", "lol" at the end
@pytest.mark.parametrize(("reply", "shows"), [
    ("you're just overtired mate, things always look worse at night", "minimising"),
    ("a good night's sleep and it'll all look different, trust me", "minimising"),
    ("you play nice and this'll be over quick. you don't and it won't", "power_talk"),
    ("the sooner you stop shouting the sooner you go home", "power_talk"),
    ("right, off we pop then, in the car", "dismissal"),
    ("come on, there's a good lad", "dismissal"),
    ("it happens at your age, don't worry about it", "dismissal"),
    ("she's gonna be absolutely fine, the ambulance is nearly here", "false_promise"),
    ("I promise you it'll all be fine, I'll make sure of it", "false_promise"),
    ("if you've done nothing wrong you've got nothing to worry about", "dismissal"),
    ("you're not supposed to chase them yourself you know", "lecturing"),
    ("why are you shaking then", "blaming_why"),
    ("sounds like a lot of excuses to me", "argument"),
    ("sure you only had two lol", "sarcasm"),
    ("can we stick to the facts please", "dismissal"),
])
def test_just_tired_bargains_sugar_and_guarantees_raise_agitation(reply, shows):
    result = analyze(reply, CONTEXT)
    _raises_as(result, shows)


@pytest.mark.parametrize(("reply", "shows", "not_shown"), [
    ("I'll let you know the second I hear anything from the hospital", "explanation", None),
    ("you're blaming yourself. you also got him help, and that mattered", "emotion_label", None),
    ("show me where you think the boundary is, I want to get it right", None, "command"),
    ("the order stands tonight. but if you've got concerns I'll help you raise them properly", None, "yes_but"),
])
def test_the_kind_forms_of_the_sixteenth_batch(reply, shows, not_shown):
    result = analyze(reply, CONTEXT)
    _reads_as(result, shows, not_shown)
    assert result.agitation_delta < 0, result.techniques


#: typed before the rule: asked how it will turn out ("Is she going to die?"), an answer that says
#: it will be fine promises what no officer knows; an honest answer does not
@pytest.mark.parametrize(("context", "reply", "promises"), [
    ("Is she going to die? Tell me she's not going to die!", "nah she'll be fine, don't you worry", True),
    ("Are they gonna take my kids off me?", "no, that's not going to happen, I promise you", True),
    ("Will I lose my job over this?", "you'll be grand, honestly, nobody's losing their job", True),
    ("What if he doesn't wake up?", "he's going to be okay, the medics are brilliant", True),
    ("Is she going to die? Tell me she's not going to die!",
     "I don't know yet. They're working on her right now and I'll tell you the moment I hear.", False),
    ("Will I lose my job over this?",
     "I can't say what your boss will do. What I can do is write down exactly what happened.", False),
    ("I don't know why I'm so upset, it's just a car.", "it's going to be okay, it's a lot to take in", False),
])
def test_telling_them_how_it_will_turn_out_is_a_promise(context, reply, promises):
    result = analyze(reply, context)
    assert ("false_promise" in result.techniques) is promises, result.techniques
    if promises:
        assert result.agitation_delta > 0, result.techniques


def test_what_the_officer_decides_tonight_is_no_false_promise():
    result = analyze("Nobody's taking them off you tonight. I'm right here.", "Are they going to take my kids?")
    assert "false_promise" not in result.techniques and "reassurance" in result.techniques


#: from my own play (dementia-night-wander, seed 5), typed before the fix: the officer's own plan
#: for them is explained, not a summary of them; "it might help us..." is the officer's purpose, not
#: advice to them
@pytest.mark.parametrize(("reply", "shows", "not_shown"), [
    ("you're frozen, so I'm going to get an ambulance crew to come and warm you up, they're kind, no sirens.",
     "explanation", "summary"),
    ("can I have a look at what it says? it might help us get you home", None, "advice"),
    ("I'll get someone to bring you a blanket and a cup of tea, you're soaked through, love, and shaking.",
     "explanation", "summary"),
])
def test_the_officers_plan_and_purpose_are_not_a_recap_or_advice(reply, shows, not_shown):
    result = analyze(reply, "I'm perished. I can't feel my feet.")
    _reads_as(result, shows, not_shown)


#: from my own scripted play (noise-complaint-neighbours, seed 4), typed before the fix
def test_not_here_to_get_anyone_in_trouble_and_wanting_to_hear_it():
    result = analyze("I'm not here to get anyone in trouble, I just want to hear what's been happening.",
                     "Three hours! Three hours of that thumping through my wall!")
    assert {"reassurance", "open_question"} <= set(result.techniques), result.techniques
    assert result.agitation_delta < 0


#: from my own play in the app (autistic-teen-transit, seed 2), typed before the fix
@pytest.mark.parametrize("reply", ["ok. no touching. I won't touch you.", "I'm not gonna grab you, ok",
                                   "I won't come any closer. I'm staying here."])
def test_promising_not_to_touch_reassures(reply):
    result = analyze(reply, "Too loud. Too loud. ...Don't touch. Don't touch.")
    assert "reassurance" in result.techniques, result.techniques
    assert result.agitation_delta < 0


#: helping talk outside the police, typed before the detectors changed (9 of 18 misread): suggestions
#: framed as what helps, normalising, taking it a step at a time, pride in what they did
@pytest.mark.parametrize(("context", "reply", "shows"), [
    ("I can't stop thinking about it.", "maybe writing it down before bed would help get it out of your head",
     "advice"),
    ("I don't know what to do about my mum.", "one thing that helps some people is setting a small goal for each day",
     "advice"),
    ("I'm worried.", "we'll take it one step at a time", "reassurance"),
    ("I'm worried.", "there's no right or wrong way to feel about it", "reassurance"),
    ("I feel stupid.", "it's a really common reaction, honestly", "reassurance"),
    ("I've stayed sober 3 weeks.", "three weeks is a big deal, you should be proud", "affirmation"),
    ("I've been trying.", "it says a lot about you that you keep going", "affirmation"),
])
def test_helping_talk_outside_the_police_is_read(context, reply, shows):
    result = analyze(reply, context)
    assert shows in result.techniques, result.techniques


#: from my own play in the app (deaf-driver-traffic-stop, seed 3), typed before the fix: what the
#: officer will write for a driver they are letting go is a kindness, not a threat; writing someone up,
#: a ticket or a citation still is
@pytest.mark.parametrize(("reply", "shows", "not_shown"), [
    ("that makes sense. here's what happens next: i'll write you a fix-it notice for the light, no fine, "
     "and you can go. ok?", "explanation", "threat"),
    ("I'll write you a note with the number for the repair place", None, "threat"),
    ("ok i'm gonna write you down the address of the garage, its open tomorrow", None, "threat"),
    ("I'll write you a warning this time and you're free to go", None, "threat"),
])
def test_writing_something_for_them_is_not_a_threat(reply, shows, not_shown):
    result = analyze(reply, "Oh. My light? I didn't know. I'll fix it tomorrow.")
    _reads_as(result, shows, not_shown)


@pytest.mark.parametrize("reply", ["If you don't move the car I'll write you a ticket.",
                                   "Keep talking and I'm gonna write you up.",
                                   "I will write you a citation for every light on this car."])
def test_writing_them_up_is_still_a_threat(reply):
    _raises_as(analyze(reply, "This is harassment. I know my rights."), "threat")
