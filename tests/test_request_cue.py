"""A cue heading told apart by its first letters: the same lines as matching the cue everywhere."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from foiparse.extract import request
from foiparse.extract.request import CUE, _cue_inline, _cue_line, _cue_openings


def _cue_line_by_matching(line: str) -> bool:
    """``_cue_line`` as it read before its first-letters check: the cue matched on every line."""
    core = line.strip().rstrip(" \t:-–")
    if not core:
        return False
    if CUE.fullmatch(core) is not None:
        return True
    tail = core[-60:]
    dated = request._DATED.search(tail)
    return dated is not None and CUE.fullmatch(core[: len(core) - len(tail) + dated.start()]) is not None


_WORDS = [
    "Your",
    "your",
    "YOUR",
    "request",
    "Request",
    "You",
    "asked",
    "I",
    "note",
    "you",
    "seek",
    "access",
    "to",
    "the",
    "following",
    "information",
    "In",
    "summary",
    "email",
    "of",
    "3",
    "May",
    "2024",
    "Received",
    "9/4/2024",
    "Dear",
    "Sir",
    "İn",
    "\u212aeep",
    "thank",
    "we",
    "What",
    "requested",
    "details",
    ":",
    "-",
    "–",
    "",
]
lines = st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from([" ", "  ", "\t", ", ", ""])), max_size=10).map(
    lambda parts: "".join(w + s for w, s in parts)
)


@settings(max_examples=500, deadline=None)
@given(line=lines)
@example(line="Your request received 9/4/2024:")
@example(line="I note you seek access to the following information:")
@example(line="In your email of 3 May, you asked for the following:")
@example(line="  What you asked for –")
@example(line="İn summary you asked")  # a capital that folds to "i" but does not lower-case to it alone
def test_a_cue_line_is_the_same_whether_or_not_its_first_letters_are_checked(line: str) -> None:
    assert _cue_line(line) == _cue_line_by_matching(line)
    colon = line.find(":")
    inline = None
    if colon > 0 and CUE.fullmatch(line[:colon].strip()) is not None and line[colon + 1 :].strip():
        rest = line[colon + 1 :]
        inline = colon + 1 + len(rest) - len(rest.lstrip(" \t"))
    assert _cue_inline(line) == inline


@pytest.mark.parametrize("line", ["Dear Sir", "Thank you for your email", "  - 14 were received"])
def test_a_line_opening_as_no_cue_does_is_passed_over_on_its_first_letters(line: str) -> None:
    assert _cue_openings() is not None
    assert not request._may_open_cue(line.strip())
