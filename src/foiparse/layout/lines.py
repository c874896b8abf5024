"""Lines and sentences with their offsets: the coordinates every extractor shares.

Offsets are indices into the document text, so whatever a stage finds can be reported
as a span without re-searching the text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from foiparse.errors import InputTooLargeError

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
# A run of blank lines is one end (a page of them is one match, not a million), matched by
# one character class: a repeated group would grow the regex engine's stack with the run.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]’”]*\s+(?=[\"'(\[‘“]?[A-Z0-9])|\n[ \t\n]*\n|\r\n[ \t\r\n]*\r\n")


class Line(NamedTuple):
    """One line: ``start``/``end`` bound its content, ``stop`` is after its line break.

    ``blank`` (white space only) is computed once, as every stage asks it. A run of
    more than :data:`BLANK_RUN` blank lines ends in one blank line whose ``stop`` is after
    the run's last break: no extractor tells four blank lines from a million, and a
    line object for each of them is most of the memory a page of empty lines costs.
    """

    start: int
    end: int
    stop: int
    text: str
    blank: bool

    @property
    def indent(self) -> int:
        """Leading white-space characters (a tab counts as one)."""
        return len(self.text) - len(self.text.lstrip())


BLANK_RUN = 3  # blank lines kept apart in a run (a table's title may sit two blank lines above it)
# Lines (runs of blank lines folded) one document may have. Each costs every stage an
# object or more: at a few characters a line, the 5 million characters MAX_CHARS allows
# would be millions of them and a gigabyte. A letter of 5 million characters has ~100,000.
MAX_LINES = 500_000


def split_lines(text: str) -> list[Line]:
    r"""Every line of ``text``; their ``start..stop`` ranges tile the text.

    Line breaks are ``\n``, ``\r\n`` and ``\r`` (not the other characters
    ``str.splitlines`` breaks on, which letters use inside lines). A long run of blank
    lines is folded into its :data:`BLANK_RUN`-th line (see :class:`Line`).

    Raises:
        InputTooLargeError: more than :data:`MAX_LINES` lines (checked as they are made).
    """
    lines: list[Line] = []
    run = 0  # blank lines in a row so far
    folded = -1  # where the open folded run of blank lines stops; -1: none open
    if "\r" not in text:  # the common case, several times faster than the regex
        pieces: Iterable[tuple[int, str]] = _lf_lines(text)
    else:
        pieces = ((m.start(), m.group()) for m in _LINE.finditer(text) if m.start() < m.end())
    for start, raw in pieces:
        body = raw.rstrip("\r\n")
        if "\n" in body:  # a folded run of blank lines from _lf_lines
            body = body[: body.index("\n")]
        if body and not body.isspace():
            run = 0
        else:
            run += 1
            if run > BLANK_RUN:
                folded = start + len(raw)
                continue
        if folded >= 0:
            lines[-1] = lines[-1]._replace(stop=folded)
            folded = -1
        lines.append(Line(start, start + len(body), start + len(raw), body, run > 0))
        if len(lines) > MAX_LINES:
            raise InputTooLargeError(
                f"too many lines: over {MAX_LINES:,} (blank lines in a row count as at most {BLANK_RUN + 1})",
                size=len(lines),
                limit=MAX_LINES,
            )
    if folded >= 0:
        lines[-1] = lines[-1]._replace(stop=folded)
    return lines


def _lf_lines(text: str) -> Iterator[tuple[int, str]]:
    r"""``(start, line with its \n)`` of a text whose only line break is ``\n``.

    Past the first few lines of a run of blank lines, the rest of the run comes as one
    piece, found by one regex step rather than a loop turn per line.
    """
    pos, size, run = 0, len(text), 0
    while pos < size:
        nl = text.find("\n", pos)
        stop = size if nl < 0 else nl + 1
        piece = text[pos:stop]
        yield pos, piece
        pos = stop
        run = run + 1 if piece.isspace() else 0
        if run >= BLANK_RUN and (rest := _BLANKS.match(text, pos)) is not None:
            yield pos, text[pos : rest.end()]
            pos = rest.end()


_BLANKS = re.compile(r"[ \t\n]*\n")  # blank lines, to the last break among them


class LineIndex:
    """Find the line holding an offset in O(log n)."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self._starts = [line.start for line in lines]

    def line_no(self, offset: int) -> int:
        """Index of the line that contains ``offset`` (the first line starts at 0)."""
        i = bisect.bisect_right(self._starts, offset) - 1
        return i if i > 0 else 0


class SentenceIndex:
    """The sentence around any span, from one scan of the text made on first use.

    A sentence ends at ``.``/``!``/``?`` before white space and a capital, or at a
    blank line; a line break inside a hard-wrapped paragraph does not end it. A
    sentence is taken to run at most 300 characters either side of the span.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None
        self._ends: list[int] = []

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        """``(left, right)`` of the sentence holding ``text[start:end]``."""
        if self._starts is None:
            self._starts = []
            for mark in _SENTENCE_END.finditer(self.text):
                self._starts.append(mark.start())
                self._ends.append(mark.end())
        i = bisect.bisect_right(self._ends, start) - 1
        left = self._ends[i] if i >= 0 and self._ends[i] >= start - 300 else max(0, start - 300)
        j = bisect.bisect_left(self._starts, end)
        right = (
            self._starts[j]
            if j < len(self._starts) and self._starts[j] <= end + 300
            else min(len(self.text), end + 300)
        )
        return left, max(right, end)


def strip_span(text: str, start: int, end: int, chars: str | None = None) -> tuple[int, int]:
    """Shrink ``start..end`` so the slice has no leading or trailing ``chars``."""
    while start < end and (text[start].isspace() if chars is None else text[start] in chars):
        start += 1
    while end > start and (text[end - 1].isspace() if chars is None else text[end - 1] in chars):
        end -= 1
    return start, end
