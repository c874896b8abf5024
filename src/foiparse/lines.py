"""Lines and sentences with their offsets: the coordinates every extractor shares.

Offsets are indices into the document text, so whatever a stage finds can be reported
as a span without re-searching the text.
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]’”]*\s+(?=[\"'(\[‘“]?[A-Z0-9])|\n[ \t]*\n|\r\n[ \t]*\r\n")


class Line(NamedTuple):
    """One line: ``start``/``end`` bound its content, ``stop`` is after its line break.

    ``blank`` (white space only) is computed once, as every stage asks it.
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


def split_lines(text: str) -> list[Line]:
    r"""Every line of ``text``; their ``start..stop`` ranges tile the text.

    Line breaks are ``\n``, ``\r\n`` and ``\r`` (not the other characters
    ``str.splitlines`` breaks on, which letters use inside lines).
    """
    if "\r" not in text:  # the common case, several times faster than the regex
        lines_lf: list[Line] = []
        pos, size = 0, len(text)
        for body in text.split("\n"):
            if pos >= size:
                break
            end = pos + len(body)
            stop = end + 1 if end < size else end
            lines_lf.append(Line(pos, end, stop, body, not body.strip()))
            pos = stop
        return lines_lf
    lines: list[Line] = []
    for match in _LINE.finditer(text):
        start, stop = match.span()
        if start == stop:
            break
        body = match.group().rstrip("\r\n")
        lines.append(Line(start, start + len(body), stop, body, not body.strip()))
    return lines


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
            marks = [m.span() for m in _SENTENCE_END.finditer(self.text)]
            self._starts = [s for s, _ in marks]
            self._ends = [e for _, e in marks]
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
