"""Phrase patterns tried only where a match can begin: the same matches as scanning every character."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import foiparse.extract.outcome as outcome
import foiparse.extract.request as request
from foiparse.extract import starts
from foiparse.extract.starts import WordStarts, finditer, finditer_each, openings_anywhere, search, starts_of

PHRASES = [
    *sorted(
        (name, value)
        for name, value in vars(outcome).items()
        if isinstance(value, re.Pattern) and len(value.pattern) > 80
    ),
    ("request._FRAMED", request._FRAMED()),
    ("request.CUE", request.CUE),
]


@pytest.mark.parametrize(
    ("pattern", "words", "others"),
    [
        (r"\bplease find", {"ple"}, set()),
        (r"\b(?:we|they) do not hold", {"we ", "the"}, set()),
        (r"\b(?:is|are)[ \t]+not[ \t]+held", {"is ", "is\t", "are"}, set()),
        (r"\bno(?:t|ne)?\b", {"no", "not", "non"}, set()),
        (r"(?:£|\$)\d+ held", set(), {"£", "$"}),  # a digit class is wide: the opening ends before it
        (r"\b(?:nil|£0)\b", {"nil"}, {"£0"}),
        (r"\b(?i:Nil)", {"nil"}, set()),
        (r"\b(?<!you )held", {"hel"}, set()),
        (r"\ba\d*:", {"a", "a:"}, set()),  # where a repeat may be taken, the opening ends there
        (r"held", set(), {"hel"}),  # it may begin inside a word ("withheld"): looked for anywhere
        (r"(?:\bwe )?held", {"we "}, {"hel"}),
        (r"\Bheld", set(), {"hel"}),
        (r"(?=(?:foi|eir)\b)\w+ request", set(), {"foi", "eir"}),  # a look-ahead where it begins opens it
        (r"\b(?:£|\$)?\d+ held", set(), {"£", "$"}),  # and any word that starts with a digit (below)
    ],
)
def test_openings_are_read_from_the_pattern(pattern: str, words: set[str], others: set[str]) -> None:
    found = starts_of(re.compile(pattern, re.I))
    assert found is not None
    assert found.words == words
    if not others:
        assert found.others is None
        return
    assert found.others is not None
    for opening in others:  # each is found wherever it stands, and nothing else is
        assert [m.start() for m in found.others.finditer(f"xx{opening.upper()} {opening}")] == [2, 3 + len(opening)]
    assert found.others.search("xx yy zz") is None


@pytest.mark.parametrize(
    ("pattern", "digits", "capitals"),
    [
        (r"\b\d+ held", True, False),
        (r"(?<![\w.,])\d+ were", True, False),  # not after a word character: at a word's start
        (r"(?-i:\b[A-Z]\w+) held", False, True),
        (r"\b[A-Z]\w+ held", False, False),  # folded, [A-Z] is any letter: no index lists that
        (r"(?<![.,])\d+ were", False, False),  # after a letter too: not at a word's start
    ],
)
def test_a_word_starting_with_a_digit_or_a_capital_is_an_opening(pattern: str, digits: bool, capitals: bool) -> None:
    found = starts_of(re.compile(pattern, re.I))
    if not digits and not capitals:
        assert found is None
        return
    assert found is not None
    assert (found.digits, found.capitals) == (digits, capitals)


@pytest.mark.parametrize(
    "text",
    [
        "In 2023, 14 requests were received and 3 were refused.",  # a figure that opens the answer
        "Leicester City Council received 45 requests; the NHS employed 12 staff.",  # a name in capitals
        "x14 were received; 14 were received",
    ],
)
def test_answer_figures_opening_with_a_digit_or_a_name_are_found_as_by_scanning(text: str) -> None:
    pattern = outcome.ANSWER_FIGURE
    expected = [m.span() for m in pattern.finditer(text)]
    assert expected  # each text holds one: the case is one re itself matches
    assert [m.span() for m in finditer(pattern, WordStarts(text), 0, len(text))] == expected


@pytest.mark.parametrize(
    "pattern",
    [
        r"\b\w+ held",  # begins with any word at all
        r"x*",  # may match nothing
        r"\s+not held",  # begins at any space
        r"(?a)\bheld",  # ASCII word boundaries are not the index's
        r"\Ba",  # inside a word, on one letter: nearly everywhere
    ],
)
def test_a_pattern_without_bounded_openings_is_scanned_as_usual(pattern: str) -> None:
    assert starts_of(re.compile(pattern, re.I)) is None


_VOCABULARY = [
    "your",
    "request",
    "FOI",
    "xfoi",
    "eir",
    "which",
    "sought",
    "asked",
    ":",
    '"',
    "we",
    "do",
    "not",
    "hold",
    "held",
    "withheld",
    "is",
    "are",
    "please",
    "find",
    "attached",
    "enclosed",
    "the",
    "information",
    "exempt",
    "section",
    "40(2)",
    "refused",
    "nil",
    "£0",
    "Nil",
    "NOT",
    "HELD",
    "Kelvin",
    "\u212aeep",  # KELVIN SIGN: matches "k" case-insensitively
    "ſection",  # LONG S: matches "s" case-insensitively
    "İs",
    "naïve",
    "1.",
    "A1:",
    "Answer:",
    "-",
    "(",
    "'",
    "’",
    "\xa0",
    "neither",
    "confirm",
    "nor",
    "deny",
    "published",
    "website",
    "released",
    "a",
    "copy",
    "you",
    "2,400",
    "14",
    "x14",
    "Council",
    "The",
    "there",
    "were",
]
_SEPARATORS = [" ", " ", " ", "\n", "\t", "  ", ". ", ", ", "\n\n", ""]

texts = st.lists(st.tuples(st.sampled_from(_VOCABULARY), st.sampled_from(_SEPARATORS)), max_size=60).map(
    lambda parts: "".join(w + s for w, s in parts)
)


@settings(max_examples=300, deadline=None)
@given(text=texts, data=st.data())
def test_matches_are_those_of_scanning_every_character(text: str, data: st.DataObject) -> None:
    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    words = WordStarts(text)
    for name, pattern in PHRASES:
        expected = [m.span() for m in pattern.finditer(text, lo, hi)]
        assert [m.span() for m in finditer(pattern, words, lo, hi)] == expected, name
        first = pattern.search(text, lo, hi)
        got = search(pattern, words, lo, hi)
        assert (got.span() if got else None) == (first.span() if first else None), name


@settings(max_examples=200, deadline=None)
@given(text=texts, data=st.data())
def test_matches_over_many_ranges_are_those_of_scanning_each(text: str, data: st.DataObject) -> None:
    """The places a pattern may begin are worked out once for the document and cut to each range asked for."""
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=8)))
    ranges = [(a, b) for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    ranges += data.draw(st.lists(st.tuples(st.integers(0, len(text)), st.integers(0, len(text))), max_size=3))
    words = WordStarts(text)
    for name, pattern in [*PHRASES, ("a figure", re.compile(r"(?:£|\$)\d+|\b\d+ held|(?-i:\b[A-Z]\w+) held", re.I))]:
        expected = [[m.span() for m in pattern.finditer(text, lo, hi)] for lo, hi in ranges]
        assert [[m.span() for m in found] for found in finditer_each(pattern, words, ranges)] == expected, name
        # asked again, one range at a time, after the document's places were worked out for all of them
        assert [[m.span() for m in finditer(pattern, words, lo, hi)] for lo, hi in ranges] == expected, name


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet="aZ1٣_ .\n-é", max_size=40))
def test_words_listed_by_their_first_character_are_those_after_a_word_boundary(text: str) -> None:
    """A digit or a capital A-Z that no word character stands before: where ``\\b\\d`` and ``\\b[A-Z]`` find one."""
    words = WordStarts(text)
    assert words.beginning_with("digit") == [m.start() for m in re.finditer(r"\b\d", text)]
    assert words.beginning_with("capital") == [m.start() for m in re.finditer(r"\b[A-Z]", text)]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"(?:you|your)\s+request", {"you"}),
        (r"i\s+note|in\s+summary", {"i", "in"}),  # a wide class ends the opening
        (r"(?:the\s+)?request", {"the", "req"}),
        (r"\bplease find", {"ple"}),
        (r"x*", None),  # it may match nothing
        (r"\d+ held", None),  # it may begin with any digit
    ],
)
def test_a_patterns_openings_wherever_it_begins(pattern: str, expected: set[str] | None) -> None:
    found = openings_anywhere(re.compile(pattern, re.I))
    assert found == (frozenset(expected) if expected is not None else None)


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        (r"\bwe do not keep\b", "Sadly we do not \u212aeep it."),  # KELVIN SIGN is "k" to IGNORECASE
        (r"\bstored\b", "It is not ſtored."),  # and LONG S is "s"
        (r"\bnot held\b", "It is NOT HELD here."),
    ],
)
def test_a_word_whose_letters_are_not_plain_ascii_is_still_tried(pattern: str, text: str) -> None:
    compiled = re.compile(pattern, re.I)
    assert starts_of(compiled) is not None
    expected = [m.span() for m in compiled.finditer(text)]
    assert expected  # the case is one re itself matches
    assert [m.span() for m in finditer(compiled, WordStarts(text), 0, len(text))] == expected


def test_the_outcome_phrases_are_bounded() -> None:
    """The point of the index: the costliest phrase patterns must not fall back to scanning."""
    for name in ("RELEASED", "NOT_HELD", "REFUSED", "NCND", "PUBLISHED", "GIVEN", "NIL", "PENDING"):
        assert starts_of(getattr(outcome, name)) is not None, name


def test_openings_read_back_from_the_cache_are_those_worked_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    worked_out = {name: starts.anywhere_of(pattern) for name, pattern in PHRASES}
    for _, pattern in PHRASES:
        starts.openings(pattern)
        starts.openings_anywhere(pattern)
    cache = tmp_path / "openings.bin"
    assert starts.write_cache(str(cache)) >= 2 * len(PHRASES)
    monkeypatch.setattr(starts, "cache_path", lambda: str(cache))
    monkeypatch.setattr(starts, "_saved", None)
    monkeypatch.setattr(starts, "_OPENINGS", {})
    monkeypatch.setattr(starts, "_ANYWHERE", {})
    monkeypatch.setattr(starts, "starts_of", _never)
    monkeypatch.setattr(starts, "anywhere_of", _never)
    for name, pattern in PHRASES:
        assert _normal(starts.openings(pattern)) == _as_worked_out(pattern), name
        assert starts.openings_anywhere(pattern) == worked_out[name], name


@pytest.mark.parametrize("content", [b"", b"not marshal", b"\x00" * 40])
def test_a_damaged_or_foreign_cache_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: bytes) -> None:
    cache = tmp_path / "openings.bin"
    cache.write_bytes(content)
    monkeypatch.setattr(starts, "cache_path", lambda: str(cache))
    monkeypatch.setattr(starts, "_saved", None)
    monkeypatch.setattr(starts, "_OPENINGS", {})
    name, pattern = PHRASES[0]
    assert _normal(starts.openings(pattern)) == _as_worked_out(pattern), name


def _never(pattern: re.Pattern[str]) -> starts.Starts | None:
    raise AssertionError(f"worked out again: {pattern.pattern[:40]}")


def _as_worked_out(pattern: re.Pattern[str]) -> tuple[frozenset[str], str] | None:
    return _normal(starts_of(pattern))


def _normal(found: starts.Starts | None) -> tuple[frozenset[str], str] | None:
    return None if found is None else (found.words, found.others.pattern if found.others else "")


def test_the_cache_stamp_does_not_depend_on_where_the_code_lives() -> None:
    """A copied or moved tree keeps its openings cache; only a change of what the code does voids it."""
    import hashlib
    import inspect

    source = inspect.getsource(starts._class)
    digests = []
    for filename in ("/one/place/starts.py", "/another/starts.py", "/changed/starts.py"):
        text = source if filename != "/changed/starts.py" else source.replace("_SMALL_SET", "_SMALL_SET + 1")
        namespace: dict[str, object] = {}
        exec(compile(text, filename, "exec"), vars(starts) | namespace, namespace)
        digest = hashlib.sha256()
        starts._digest_code(digest, namespace["_class"].__code__)  # type: ignore[attr-defined]
        digests.append(digest.hexdigest())
    assert digests[0] == digests[1] != digests[2]


_ECHO_WORDS = ["how", "many", "staff", "were", "employed", "in", "2019", "Staff", "HOW", "naïve", "x_y", "_", "2,400"]
_ECHO_SEPARATORS = [" ", "\n", ", ", " - ", "_", "", "\t", "(", ")"]
echo_texts = st.lists(st.tuples(st.sampled_from(_ECHO_WORDS), st.sampled_from(_ECHO_SEPARATORS)), max_size=40).map(
    lambda parts: "".join(w + s for w, s in parts)
)


@settings(max_examples=300, deadline=None)
@given(text=echo_texts, line=echo_texts, data=st.data())
@example(text="how many how many how many", line="how many how", data=None)  # overlapping repeats
@example(text="staff employed in_2019 and staff employed in 2019", line="employed in", data=None)  # a word's "_"
@example(text="x_staff were employed", line="staff were", data=None)
@example(text="howmany staff, how many staff", line="how many staff", data=None)  # words run together
@example(text="how manystaff", line="how many", data=None)
def test_a_requests_words_are_found_repeated_where_a_pattern_of_them_would_match(
    text: str, line: str, data: st.DataObject | None
) -> None:
    """outcome._repeated gives the spans of the pattern it replaced, which compiled one regex per request line."""
    words = re.findall(r"[^\W_]+", line)
    if not words:
        return
    lo = data.draw(st.integers(0, len(text))) if data else 0
    hi = data.draw(st.integers(lo, len(text))) if data else len(text)
    pattern = re.compile(r"\b" + r"[\W_]+".join(re.escape(w) for w in words) + r"\b")
    expected, at = [], lo
    while (m := pattern.search(text, at, hi)) is not None:
        expected.append(m.span())
        at = m.end()
    assert outcome._repeated(text, words, lo, hi) == expected
