"""Phrase banks and lexicons: YAML data validated with pydantic, merged, then compiled once.

The package's own files live in ``banks/``; a scenario or a user file may add
phrases, patterns and emotion words with the same schema (unknown keys and
unknown technique ids are refused, with file and line).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from simulator.datafiles import read_yaml, validate_model
from simulator.datafiles.yamlfile import YamlDocument, parse_yaml, safe_data
from simulator.problems import DataFileError, Problem, did_you_mean
from simulator.vocabulary import BANK_FORMAT, TECHNIQUE_IDS

BANK_DIR = Path(__file__).parent / "banks"
MACRO_RE = re.compile(r"\{\{(\w+)\}\}")
_TWO_SPACES = re.compile(r" (?:,\?|\.\?)? (?![?*])")
"""An optional token between two literal spaces (" ,? "), or two spaces: without the token the text needs two
spaces in a row, and the canonical text joins words with one."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TechniqueSpec(_Strict):
    """One technique's title, default effect and coaching tip (its polarity is fixed
    in ``simulator.vocabulary``)."""

    title: str
    agitation: float = Field(ge=-100, le=100)
    rapport: float = Field(ge=-100, le=100)
    deescalating: bool
    tip: str


class TechniquesFile(_Strict):
    version: Literal[1] = BANK_FORMAT
    techniques: dict[str, TechniqueSpec]


class TechniqueBank(_Strict):
    """Literal phrases and regular expressions that show one technique."""

    phrases: list[str] = Field(default_factory=list)
    patterns: list[str] = Field(default_factory=list)
    #: drop matches inside a negation's scope (default true)
    negatable: bool | None = None


class BankFile(_Strict):
    """Schema shared by the package's bank files and user or scenario bank files."""

    version: Literal[1] = BANK_FORMAT
    macros: dict[str, str] = Field(default_factory=dict)
    techniques: dict[str, TechniqueBank] = Field(default_factory=dict)
    emotions: dict[str, list[str]] = Field(default_factory=dict)
    situation_words: list[str] = Field(default_factory=list)
    intensifiers: list[str] = Field(default_factory=list)
    encouragers: list[str] = Field(default_factory=list)
    imperative_verbs: list[str] = Field(default_factory=list)
    advice_verbs: list[str] = Field(default_factory=list)
    stopwords: list[str] = Field(default_factory=list)
    common_words: list[str] = Field(default_factory=list)


@dataclass
class Banks:
    """Every bank file merged: what the detectors are compiled from."""

    macros: dict[str, str] = field(default_factory=dict)
    phrases: dict[str, list[str]] = field(default_factory=dict)
    patterns: dict[str, list[str]] = field(default_factory=dict)
    negatable: dict[str, bool] = field(default_factory=dict)
    emotions: dict[str, list[str]] = field(default_factory=dict)
    situation_words: list[str] = field(default_factory=list)
    intensifiers: list[str] = field(default_factory=list)
    encouragers: list[str] = field(default_factory=list)
    imperative_verbs: list[str] = field(default_factory=list)
    advice_verbs: list[str] = field(default_factory=list)
    stopwords: list[str] = field(default_factory=list)
    common_words: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    def merge(self, other: BankFile, source: str) -> None:
        self.sources.append(source)
        self.macros.update(other.macros)
        for tid, bank in other.techniques.items():
            self.phrases.setdefault(tid, []).extend(bank.phrases)
            self.patterns.setdefault(tid, []).extend(bank.patterns)
            if bank.negatable is not None:
                self.negatable[tid] = bank.negatable
        for family, words in other.emotions.items():
            self.emotions.setdefault(family, []).extend(words)
        self.situation_words.extend(other.situation_words)
        self.intensifiers.extend(other.intensifiers)
        self.encouragers.extend(other.encouragers)
        self.imperative_verbs.extend(other.imperative_verbs)
        self.advice_verbs.extend(other.advice_verbs)
        self.stopwords.extend(other.stopwords)
        self.common_words.extend(other.common_words)

    def add_phrases(self, extra: dict[str, list[str]], source: str = "<extra phrases>") -> None:
        unknown = [t for t in extra if t not in TECHNIQUE_IDS]
        if unknown:
            hint = did_you_mean(unknown[0], TECHNIQUE_IDS)
            raise ValueError(f"unknown technique id '{unknown[0]}' in {source}."
                             + (f" {hint}" if hint else ""))
        for tid, phrases in extra.items():
            if isinstance(phrases, str) or not all(isinstance(p, str) for p in phrases):
                raise ValueError(f"phrases for '{tid}' in {source} must be a list of strings.")
            self.phrases.setdefault(tid, []).extend(phrases)

    def copy(self) -> Banks:
        return Banks(dict(self.macros), {k: list(v) for k, v in self.phrases.items()},
                     {k: list(v) for k, v in self.patterns.items()}, dict(self.negatable),
                     {k: list(v) for k, v in self.emotions.items()}, list(self.situation_words),
                     list(self.intensifiers), list(self.encouragers), list(self.imperative_verbs),
                     list(self.advice_verbs), list(self.stopwords), list(self.common_words),
                     list(self.sources))


def emotion_forms(word: str) -> set[str]:
    """A feeling word and its common forms (worried -> worrying, angry -> angrier)."""
    forms = {word}
    if " " in word:
        return forms
    if word.endswith("ied"):
        forms.add(word[:-3] + "ying")
    elif word.endswith("ated") or (word.endswith("ed") and len(word) > 4):
        forms.add(word[:-2] + "ing")
    if word.endswith("y") and len(word) > 3 and word[-2] not in "aeiou":
        forms.update({word[:-1] + "ier", word[:-1] + "iest"})
    elif len(word) <= 4 and word[-1] not in "aeiouy":
        if word[-2] in "aeiou" and word[-3:-2] not in ("a", "e", "i", "o", "u", ""):
            forms.update({word + word[-1] + "er", word + word[-1] + "est"})
        else:
            forms.update({word + "er", word + "est"})
    return forms


def _check_file(doc: YamlDocument, bank: BankFile) -> list[Problem]:
    problems: list[Problem] = []
    for tid in bank.techniques:
        if tid not in TECHNIQUE_IDS:
            hint = did_you_mean(tid, TECHNIQUE_IDS) or ("Known ids: " + ", ".join(TECHNIQUE_IDS) + ".")
            problems.append(doc.problem(("techniques", tid), "TD301", hint, name=tid))
    return problems


def _alternation(words) -> str:
    """One group matching any of ``words``, the longest first at a given place, written as a trie
    ("sad|sadder|saddest" -> "sad(?:de(?:r|st))?") so the regex engine follows the text down one
    branch instead of trying every word in turn: a lexicon of 600 words is as cheap as a few."""
    uniq = {w.strip().lower() for w in words if w and w.strip()}
    if not uniq:
        return "(?!x)x"
    trie: dict = {}
    for w in uniq:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return "(?:" + _trie_body(trie) + ")"


def _trie_body(node: dict) -> str:
    """The regex for the words below ``node``: its branches are disjoint (each starts with its own
    letter), and an optional tail is greedy, so the longer word is tried before the shorter."""
    ends = "" in node
    alts = [(" " if ch == " " else re.escape(ch)) + _trie_body(child)
            for ch, child in sorted(node.items()) if ch]
    if not alts:
        return ""
    if ends:
        return alts[0] + "?" if len(alts) == 1 and len(alts[0]) == 1 else "(?:" + "|".join(alts) + ")?"
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


def builtin_macros(banks: Banks) -> dict[str, str]:
    forms: set[str] = set()
    for words in banks.emotions.values():
        for w in words:
            forms |= emotion_forms(w.lower().strip())
    macros = dict(banks.macros)
    macros.setdefault("emotion", _alternation(forms))
    macros.setdefault("situation", _alternation(banks.situation_words))
    macros.setdefault("intensifier", _alternation(banks.intensifiers))
    return macros


def expand_macros(pattern: str, macros: dict[str, str]) -> str:
    for _ in range(5):
        if "{{" not in pattern:
            break
        pattern = MACRO_RE.sub(lambda m: macros[m.group(1)], pattern)
    return pattern


def _pattern_problems(doc: YamlDocument, bank: BankFile, base: Banks | None) -> list[Problem]:
    merged = base.copy() if base is not None else Banks()
    merged.merge(bank, doc.file)
    macros = builtin_macros(merged)
    problems: list[Problem] = []
    for tid, tb in bank.techniques.items():
        for i, pat in enumerate(tb.patterns):
            where = ("techniques", tid, "patterns", i)
            gap = _TWO_SPACES.search(pat)
            if gap:
                problems.append(doc.problem(where, "TD304", detail=repr(gap.group()),
                                            hint="Write an optional comma as '(?: ,)? ', not ' ,? '."))
            try:
                runaway = _runaway(expand_macros(pat, macros))
                if runaway is not None:
                    problems.append(doc.problem(where, "TD305", detail=runaway,
                                                hint="Repeat a word at most a few times, e.g. '(?:\\w+ ){0,3}', "
                                                     "instead of '(?:\\w+ ?)+'."))
            except KeyError as exc:
                problems.append(doc.problem(where, "TD303", "Known macros: " + ", ".join(sorted(macros)) + ".",
                                            name=exc.args[0]))
            except re.error as exc:
                problems.append(doc.problem(where, "TD302", detail=exc,
                                            hint="Escape ( ) [ ] ? * + with a backslash when you mean them literally."))
    return problems


def _runaway(pattern: str) -> str | None:
    """The part of a pattern that could take exponential time on some reply, or None. Compiles
    the pattern (re.error if it is not one). Python's regular expressions backtrack: a part
    repeated without bound that itself holds a part repeated without bound ("(a+)+", "(?:\\w+ ?)*")
    can be tried in exponentially many ways on a reply that almost matches, and would hang the
    session. None of the package's patterns has this shape; the check is of shape only (a pattern
    may still be slow in other ways; a reply is at most 2,000 characters)."""
    re.compile(pattern)
    try:
        from re import _constants as sre  # noqa: PLC0415  # the parse behind re.compile; CPython 3.11+
        from re import _parser  # noqa: PLC0415

        tree = _parser.parse(pattern)
    except (ImportError, AttributeError, re.error):  # another Python: no check of shape
        return None
    repeats = (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT))

    def parts(items) -> list:  # the sub-patterns directly inside these items
        inner = []
        for op, av in items:
            if op in repeats:
                inner.append(av[2])
            elif op == sre.SUBPATTERN:
                inner.append(av[-1])
            elif op == sre.BRANCH:
                inner.extend(av[1])
            elif op in (sre.ASSERT, sre.ASSERT_NOT):
                inner.append(av[1])
        return inner

    def unbounded(items) -> bool:
        return any(op in repeats and av[1] == sre.MAXREPEAT for op, av in items) or any(map(unbounded, parts(items)))

    def nested(items) -> bool:
        for op, av in items:
            # a possessive repeat (the third kind) never gives back what it took: not a runaway outside
            if op in repeats[:2] and av[1] == sre.MAXREPEAT and unbounded(av[2]):
                return True
        return any(map(nested, parts(items)))

    if nested(tree):
        return "a part repeated without limit holds a part repeated without limit"
    return None


def _with_hints(problems: list[Problem]) -> list[Problem]:
    """validate_model cannot see through dict-valued fields; add the 'did you mean' it misses."""
    out = []
    for p in problems:
        parts = p.key.split(".")
        if p.code == "TD101" and not p.hint and len(parts) == 3 and parts[0] == "techniques":
            choices = list(TechniqueBank.model_fields)
            hint = did_you_mean(parts[2], choices) or "Allowed keys here: " + ", ".join(choices) + "."
            p = dataclasses.replace(p, hint=hint)
        out.append(p)
    return out


def load_bank_document(doc: YamlDocument, base: Banks | None = None) -> BankFile:
    """Validate one parsed bank file (schema, technique ids, patterns against ``base``)."""
    bank, problems = validate_model(doc, BankFile)
    problems = _with_hints(problems)
    if bank is not None:
        problems += _check_file(doc, bank)
        if not problems:
            problems += _pattern_problems(doc, bank, base)
    if problems or bank is None:
        raise DataFileError(problems)
    return bank


def load_bank_file(path: str | Path, base: Banks | None = None) -> BankFile:
    """Read and validate one bank file; raises DataFileError with every problem."""
    return load_bank_document(read_yaml(path), base)


def load_bank_text(text: str, name: str = "<bank>", base: Banks | None = None) -> BankFile:
    return load_bank_document(parse_yaml(text, name), base)


PACKAGE_FILES = ("lexicon.yaml", "phrases.yaml")


def _load_package_file(path: Path) -> BankFile:
    """The package's own banks: schema-checked, quickly (tests check them fully)."""
    text = path.read_text(encoding="utf-8")
    doc = YamlDocument(file=str(path), text=text, data=safe_data(text))
    bank, problems = validate_model(doc, BankFile)
    if bank is not None:
        problems += _check_file(doc, bank)
    if problems or bank is None:
        raise DataFileError(problems)
    return bank


def check_package_banks() -> Banks:
    """Load the package's banks with every check (line numbers, patterns compile)."""
    banks = Banks()
    for name in PACKAGE_FILES:
        path = BANK_DIR / name
        banks.merge(load_bank_file(path, banks), str(path))
    return banks


@lru_cache(maxsize=1)
def default_banks() -> Banks:
    banks = Banks()
    for name in PACKAGE_FILES:
        path = BANK_DIR / name
        banks.merge(_load_package_file(path), str(path))
    return banks


def banks_with(files=(), extra_phrases: dict[str, list[str]] | None = None) -> Banks:
    """The default banks extended by user/scenario bank files and extra phrases."""
    banks = default_banks().copy()
    for f in files:
        banks.merge(load_bank_file(f, banks), str(f))
    if extra_phrases:
        banks.add_phrases(extra_phrases)
    return banks


@lru_cache(maxsize=1)
def technique_specs() -> dict[str, TechniqueSpec]:
    path = BANK_DIR / "techniques.yaml"
    doc = read_yaml(path)
    spec, problems = validate_model(doc, TechniquesFile)
    if spec is not None:
        missing = [t for t in TECHNIQUE_IDS if t not in spec.techniques]
        extra = [t for t in spec.techniques if t not in TECHNIQUE_IDS]
        for t in missing:
            problems.append(doc.problem(("techniques", t), "TD103", detail=""))
        for t in extra:
            problems.append(doc.problem(("techniques", t), "TD301", did_you_mean(t, TECHNIQUE_IDS), name=t))
    if problems or spec is None:
        raise DataFileError(problems)
    return {t: spec.techniques[t] for t in TECHNIQUE_IDS}
