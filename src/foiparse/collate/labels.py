"""Row labels and column headers in canonical form, so that wordings of one thing match.

"Number of incidents", "No. of Incidents*" and "INCIDENTS (1)" are one column of a
collated dataset. :func:`canonical` gives each label a key (equal keys: the same thing)
and the rules that changed the text on the way, so a report can say why two wordings
were joined. The steps, in order: footnote marks dropped, case folded, abbreviations
expanded ("No." -> number), punctuation to spaces ("&" -> and; "%", "£", "<" and ">"
become words, as they carry meaning; "65+" is "65 and over"), plurals singularised, a few
FOI synonyms joined, fillers dropped ("number of", "the", "to" between numbers), and the
words sorted, so "Devices lost or stolen" is "Lost or stolen devices". Sorting makes
"Over 65" and "65 and over" one key too. Only "Total" and its synonyms alone are a total:
"Total incidents" counts incidents, whatever the table does with it. The vocabulary is data (``data/collate_vocabulary.toml``),
kept short: a wrong entry merges figures that count different things. Steps that would
leave nothing (a label that is all filler: "Number of") are not applied, so a key is
never empty unless the label is. Whitespace alone is no rule.

Periods and values are not labels: collate asks :func:`foiparse.collate.periods.period_of`
first.
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

_VOCABULARY = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", "collate_vocabulary.toml")
_ROUNDS = 4  # passes until the key is stable: sorting can bring words together that form a phrase


@dataclass(frozen=True, slots=True)
class Label:
    """A label's canonical key and the rules that changed it, in the order they applied."""

    key: str  # equal keys name the same thing
    rules: tuple[str, ...]  # from "punctuation", "case", "abbreviation", "plural", "synonym", "filler", "word order"


def canonical(text: str) -> Label:
    """The canonical form of a row label or column header (see the module's docstring)."""
    return _canonical(text)


def is_total(label: Label) -> bool:
    """Whether the label names a total row or column: "Total", "Grand total", "All", "Overall", "Sum"."""
    return label.key == "total"


@functools.lru_cache(maxsize=65536)
def _canonical(text: str) -> Label:
    key, rules = _once(text)
    for _ in range(_ROUNDS):
        again, more = _once(key)
        if again == key:
            break
        key = again
        rules += tuple(r for r in more if r not in rules)
    return Label(key, rules)


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    abbreviations: re.Pattern[str]
    expansions: Mapping[str, str]
    irregular: Mapping[str, str]
    invariant: frozenset[str]
    synonyms: re.Pattern[str]
    synonym_of: Mapping[str, str]
    totals: frozenset[str]
    filler: re.Pattern[str]


def _phrases(words: list[str]) -> re.Pattern[str]:
    """Any of the phrases as whole words, longest first (so "total number of" before "of")."""
    ordered = sorted(words, key=lambda w: (-len(w), w))
    return re.compile(r"(?<!\S)(?:" + "|".join(re.escape(w) for w in ordered) + r")(?!\S)")


def build(raw: Mapping[str, Any]) -> _Vocabulary:
    """The vocabulary from the TOML's tables (a function of its own so tests can build variants)."""
    plain: dict[str, str] = raw["abbreviations"]
    dotted: dict[str, str] = raw["abbreviations_dotted"]
    words = "|".join(sorted(map(re.escape, plain), key=len, reverse=True))
    dots = "|".join(sorted(map(re.escape, dotted), key=len, reverse=True))
    pattern = re.compile(
        rf"(?<!\w)(?:(?P<dotted>{dots})(?:\.|\s+(?=of\b))|(?P<plain>{words})\b\.?|(?P<hash>#))",
    )
    synonym_of = {variant: target for target, variants in raw["synonyms"].items() for variant in variants}
    return _Vocabulary(
        abbreviations=pattern,
        expansions={**plain, **dotted},
        irregular=raw["plurals"]["irregular"],
        invariant=frozenset(raw["plurals"]["invariant"]),
        synonyms=_phrases(list(synonym_of)),
        synonym_of=synonym_of,
        totals=frozenset(raw["totals"]["words"]),
        filler=_phrases(raw["filler"]["phrases"]),
    )


@functools.cache
def vocabulary() -> _Vocabulary:
    """The packaged vocabulary, read once (tomllib imported here: parsing a letter never needs it)."""
    import tomllib

    with open(_VOCABULARY, "rb") as fh:
        return build(tomllib.load(fh))


_MARKS = re.compile(r"[*†‡§¹²³\u2070-\u2079]+|(?<=[^\W\d_])\s*[(\[]\d{1,2}[)\]]\s*$")
_SYMBOLS = {
    "&": " and ",
    "+": " plus ",
    "%": " percent ",
    "£": " pound ",
    "$": " dollar ",
    "€": " euro ",
    "≤": " at most ",
    "≥": " at least ",
    "<=": " at most ",
    ">=": " at least ",
    "<": " under ",
    ">": " over ",
}
_AND_OVER = re.compile(r"(?<=\d)\s*\+(?!\s*\d)")  # "65+" is "65 and over"; "1+1" stays a sum
_NUMBER_TO = re.compile(r"(?<=\d) to (?=\d)")  # "18 to 24" is "18-24"
_SYMBOL = re.compile("|".join(re.escape(s) for s in sorted(_SYMBOLS, key=len, reverse=True)))
_APOSTROPHE = re.compile(r"['’‘`]s\b|['’‘`]")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
_TOKEN = re.compile(r"\d+(?:\.\d+)*|[^\W\d_]+")
_SPACE = re.compile(r"\s+")
_PLAIN = re.compile(r"[a-z0-9]+(?: [a-z0-9]+)*")
_ASCII_WORDS = re.compile(r"[A-Za-z0-9]+(?: [A-Za-z0-9]+)*")


def _once(text: str) -> tuple[str, tuple[str, ...]]:
    """One pass of every step over ``text``: its key and the rules that changed it."""
    vocab = vocabulary()
    rules: list[str] = []

    def step(rule: str, before: str, after: str) -> str:
        if after != before and after.strip():
            if rule not in rules:
                rules.append(rule)
            return after
        return before

    words = _SPACE.sub(" ", text).strip()
    if not _ASCII_WORDS.fullmatch(words):  # a key, or a label of plain words, skips what cannot change it
        words = step("punctuation", words, _SPACE.sub(" ", _MARKS.sub(" ", words)).strip())
        if not words.isascii():
            words = unicodedata.normalize("NFKC", words)  # full-width letters, ligatures, odd spaces
    words = step("case", words, words.casefold())
    expanded = _SPACE.sub(" ", vocab.abbreviations.sub(_expand(vocab.expansions), words)).strip()
    words = step("abbreviation", words, expanded)
    if not _PLAIN.fullmatch(words):
        symbols = _SYMBOL.sub(lambda m: _SYMBOLS[m[0]], _AND_OVER.sub(" and over ", words))
        words = step("punctuation", words, " ".join(_TOKEN.findall(_THOUSANDS.sub("", _APOSTROPHE.sub("", symbols)))))
    words = step("plural", words, " ".join(_singular(t, vocab) for t in words.split(" ")))
    words = step("synonym", words, vocab.synonyms.sub(lambda m: vocab.synonym_of[m[0]], words))
    kept = _SPACE.sub(" ", vocab.filler.sub(" ", _NUMBER_TO.sub(" ", words))).strip()
    words = step("filler", words, kept)
    if all(t in vocab.totals for t in words.split(" ")):
        words = step("synonym", words, "total")
    words = step("word order", words, " ".join(sorted(words.split(" "))))
    return words, tuple(rules)


def _expand(expansions: Mapping[str, str]) -> Callable[[re.Match[str]], str]:
    def expand(found: re.Match[str]) -> str:
        if found["hash"]:
            return " number "
        return expansions[found["dotted"] or found["plain"]] + " "

    return expand


def _singular(word: str, vocab: _Vocabulary) -> str:
    """One word's singular by rule, with the vocabulary's irregular plurals and invariant words."""
    irregular = vocab.irregular.get(word)
    if irregular is not None:
        return irregular
    if len(word) <= 3 or word in vocab.invariant or not word.endswith("s") or word[0].isdigit():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes", "zzes")):
        return word[:-2]
    if word.endswith(("ss", "us", "is")):
        return word
    return word[:-1]
