"""Small closed word classes the sentence detectors use (not extendable data)."""

from __future__ import annotations

import re

from simulator.language.parse import AUX

WH = frozenset({"what", "how", "why", "where", "when", "who", "which", "whose", "whom"})
CLOSED_WH = frozenset({"where", "when", "who", "which", "whose", "whom"})
CLOSED_HOW = frozenset({"many", "much", "old", "long", "far", "often", "tall", "big", "soon", "late",
                        "early", "come"})
QUESTION_AUX = (AUX | frozenset({"does", "had", "shall", "did", "have", "has"})) - frozenset({"going", "need"})
SUBJECTS = frozenset({"i", "you", "we", "they", "he", "she", "it", "there", "that", "this", "anyone",
                      "anybody", "someone", "somebody", "everything", "everyone", "anything",
                      "something", "your", "my", "the", "y'all", "any", "nobody", "no", "his", "her",
                      "these", "those", "a", "an", "everybody", "all"})
#: discourse markers skipped before the first real word of a sentence
LEADS = frozenset({"okay", "so", "and", "but", "well", "all", "right", "now", "hey", "sir", "ma'am",
                   "yes", "no", "oh", "um", "uh", "then", "please", ",", "hi", "hello", "man", "buddy",
                   "friend", "bro", "dude", "just", "also", "mm", "mm-hmm", "uh-huh", "sure", "anyway",
                   "honestly", "seriously", "first", "-", "look", "listen", "alright", "again", "ok",
                   "son", "ma", "mate", "guys", "folks", "hmm", "wow", "ah", "plus", "besides", "real",
                   "quick", "yo", "hon", "honey", "sweetie", "dear", "ooh", ":", "pal", "boss", "chief",
                   "officer", "maybe", "perhaps", "actually", "really", "basically", "even"})
#: an embedded question follows these ("tell me what happened", "do you know who...")
EMBEDDING = frozenset({"know", "tell", "me", "wonder", "ask", "asking", "understand", "see", "sure",
                       "about", "idea", "explain", "remember", "describe", "think", "says", "said",
                       "is", "was", "that", "of", "to", "for", "from", "on", "in", "at", "by", "with",
                       "exactly", "matter", "care", "decide", "figure", "out", "show", "hear", "learn",
                       "find", "wondering", "curious", "mind", "notice", "guess", "imagine", "and",
                       "or", "but", "like", "depends", "regardless", "no", "clue", "sense", "are", "be",
                       "get", "got", "how", "matters", "knows", "unsure", "decided", "realize", "not",
                       "asked", "check", "checking", "whatever", "tells", "saw", "where", "when"})
CLOSED_WHAT = re.compile(
    r"^what (?:is|was|are|were) (?:your|his|her|their|the|that|this) (?:\w+ )?(?:name|number|address|"
    r"date of birth|birthday|age|plate|phone|license|color|colour|time|room|apartment|unit|street|"
    r"email|last name|first name|middle name)|^what (?:time|day|year|street|number|color|colour|school|"
    r"kind of \w+ (?:was|is|were|are|did)|type|car|room|floor|apartment|unit|size|model|make|grade|"
    r"hospital|pills|meds|medication|drugs|city|state|country|address)\b|"
    r"^what (?:did|have|do|were|was) (?:you|they|he|she) (?:take|taken|took|drink|drank|use|used|smoke|"
    r"smoked|wear|wearing|drive|driving|buy|steal|pay|owe|swallow|have to drink|eat|order)\b")
TAG_END = re.compile(r"(?:,|^) (?:okay|all right|alright|right|yes|yeah|fair|got it|understood|"
                     r"deal|cool|you know|ok|hear me|got me|capisce|sound good|good)\s*\?+$")
COMMAND_TAIL = re.compile(
    r"^(?:give|hand|pass|throw|toss|slide|show) (?:me|it|that|this|us|him|her|over)\b|"
    r"^\w+ (?:(?:your|the|that|this|those|these|it|him|her|them|my|his|a|everybody|everyone)\b ?)?(?:\w+ )?"
    r"(?:down|out|back|away|up|off|over here|over there|here|there|still|put|on the ground|on the floor|"
    r"behind|inside|outside|in the car|into the car|out of|where i can|where you are|against|toward me|"
    r"towards me|to me|with me|on your|now|right now|slowly|slow|in front|over|around|on the wall|"
    r"to the car|to the curb|on the curb|on the table|on the counter|on the hood|apart|quiet|calm|"
    r"your distance|it down|the door|at me|to me)\b")
