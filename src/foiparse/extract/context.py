"""What every extractor reads: the text, its lines and blocks, and what was found so far.

Extractors run in a fixed order (see ``extract.extract``); later ones consult the
spans earlier ones claimed, so a reference number is not also a total, and a section
quoted in the request is not an exemption.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from foiparse.extract.dates import FoundDate, find_dates
from foiparse.extract.starts import WordStarts
from foiparse.layout.lines import Line, LineIndex, SentenceIndex, split_lines
from foiparse.layout.segment import SALUTATION
from foiparse.model import Block, Link, Message, ParseWarning, Span, Table

_DIGITS = re.compile(r"\d+")
_ORIGINAL = re.compile(
    r"^[ \t>]*(?:-{2,}[ \t]*(?:Original|Forwarded)[ \t]+Message[ \t]*-{2,}|On[ \t].{6,120}[ \t]wrote:[ \t]*$)", re.I
)
_HEADER = re.compile(r"^[ \t>]*From:[ \t]", re.I)
_RULE = re.compile(r"[-_=*]{5,}")
_SIGNED = re.compile(
    r"(?:yours[ \t]+(?:sincerely|faithfully|truly)|(?:kind|best|warm|many)[ \t]+(?:regards|thanks)|regards)\b", re.I
)
_EMAIL_FIELDS = re.compile(r"\b(?:Sent|Subject):", re.I)  # a memo has From/To/Date too; an e-mail these


def working_text(text: str) -> str:
    r"""The text with every line break made ``\\n``, keeping each offset where it was.

    ``\\r\\n`` becomes `` \\n`` and a lone ``\\r`` becomes ``\\n``, so patterns need to
    know only one kind of line break; evidence is still sliced from the document text.
    """
    if "\r" not in text:
        return text
    return text.replace("\r\n", " \n").replace("\r", "\n")


@dataclass
class Context:
    """The document under extraction; extractors add to what is claimed, the laws and the request.

    ``text`` is the working text (:func:`working_text`): the same length as the document
    text, so every offset found in it is an offset into the document.
    """

    text: str
    blocks: tuple[Block, ...]
    tables: tuple[Table, ...]
    lines: list[Line] = field(default_factory=list)
    laws: tuple[str, ...] = ()
    request_spans: tuple[Span, ...] = ()
    warnings: list[ParseWarning] = field(default_factory=list)  # extractors' soft problems
    messages: tuple[Message, ...] = ()  # a correspondence thread's messages, from the reader
    status: str | None = None  # the request's status as its page states it
    # A pattern's matches over a range, for extractors that read the same blocks twice. Keyed by the
    # pattern's id: hashing a compiled pattern hashes its whole program, microseconds for a long one.
    matches: dict[tuple[int, int, int], list[re.Match[str]]] = field(default_factory=dict)
    links: tuple[Link, ...] = ()  # hyperlinks of a page, with the spans of their text

    def __post_init__(self) -> None:
        if not self.lines:
            self.lines = split_lines(self.text)
        self.index = LineIndex(self.lines)
        self._block_starts = [b.span[0] for b in self.blocks]
        self._claimed = bytearray(len(self.text))  # 1 where a character is explained
        self._sentences = SentenceIndex(self.text)
        # Runs of digits outside tables, found once: dates, figures, citations and
        # reference numbers all start from them; a table's cells are the table's.
        table_spans = [b.span for b in self.blocks if b.kind == "table"]
        self.digit_runs: list[tuple[int, int]] = []
        self.outside_tables: list[tuple[int, int]] = []  # the text between tables
        lo = 0
        for a, b in [*table_spans, (len(self.text), len(self.text))]:
            self.digit_runs.extend(m.span() for m in _DIGITS.finditer(self.text, lo, a))
            self.outside_tables.append((lo, a))
            lo = b
        self.lower = self.text.lower()
        self._has: dict[str, bool] = {}
        self._prose_lower: str | None = None
        # Offsets into the lower-cased copy are offsets into the text only when the lengths agree.
        self._lower = self.lower if len(self.lower) == len(self.text) else None

    @functools.cached_property
    def words(self) -> WordStarts:
        """Where each word begins, by its first letters: long phrase patterns are tried only there."""
        return WordStarts(self.text)

    @functools.cached_property
    def digit_lines(self) -> frozenset[int]:
        """Lines holding a digit (asked only by extractors hunting reference numbers)."""
        return frozenset(self.index.line_no(s) for s, _ in self.digit_runs)

    @functools.cached_property
    def history_start(self) -> int:
        """Where the quoted history of an e-mail thread begins (the text's end when there is none).

        Below "-----Original Message-----" or a "From: / Sent:" header block lie the
        earlier messages: the requester's request, an acknowledgement. Their figures
        are not the response's. A header block at the very top is the reply's own.
        """
        candidates = self.lines_with(("from:", "original message", "forwarded message", "wrote:"))
        if not candidates:
            return len(self.text)
        # Prose before it: a header block above the first sentence is the reply's own (or a memo's).
        prose = next(
            (line.start for line in self.lines if line.text.rstrip().endswith((".", "?", "!"))), len(self.text)
        )
        for i in candidates:
            line = self.lines[i]
            if line.start < prose:
                continue
            if _ORIGINAL.match(line.text):
                following = next((x.text for x in self.lines[i + 1 : i + 4] if not x.blank), "")
                if "wrote:" not in line.text.lower() or following.lstrip().startswith(">"):
                    return line.start  # "On 3 May you wrote:" quotes the request unless ">" lines follow
            if _HEADER.match(line.text):
                following = " ".join(x.text for x in self.lines[i + 1 : i + 5])
                if _EMAIL_FIELDS.search(following):
                    return line.start
        return len(self.text)

    def quoted_in(self, start: int, end: int) -> int:
        """Where quoted earlier correspondence begins inside one message ``start..end`` (``end`` if nowhere).

        A reply in a thread often quotes the message it answers below a rule line and a
        fresh salutation, or below an e-mail header block.
        """
        first = self.index.line_no(start)
        last = self.index.line_no(max(start, end - 1))
        seen_content = signed = False
        for i in range(first + 1, last + 1):
            line = self.lines[i]
            if line.blank:
                continue
            body = line.text.strip()
            if seen_content and (_ORIGINAL.match(line.text) or _HEADER.match(line.text)):
                return line.start
            if signed and _RULE.fullmatch(body):  # below the reply's sign-off: the message it answers
                following = next((x.text for x in self.lines[i + 1 : last + 1] if not x.blank), "")
                if SALUTATION.match(following):
                    return line.start
            seen_content = seen_content or len(body) > 30
            signed = signed or (seen_content and _SIGNED.match(body) is not None)
        return end

    def has(self, *words: str) -> bool:
        """Whether any of ``words`` (lower case) occurs anywhere: a guard before a costly pattern.

        Each word's answer is kept: extractors ask about the same words again and again.
        """
        seen = self._has
        if self._prose_lower is None:  # the lower-cased text between tables: what the guards guard
            self._prose_lower = "\n".join(self.lower[lo:hi] for lo, hi in self.outside_tables)
        for word in words:
            hit = seen.get(word)
            if hit is None:
                hit = seen[word] = word in self._prose_lower
            if hit:
                return True
        return False

    def lines_with(self, words: tuple[str, ...], *, digits: bool = False) -> list[int]:
        """Line numbers outside tables holding any of ``words`` (lower case), and a digit if asked.

        A cheap filter run before a costly pattern: ``str.find`` over the whole text
        is far faster than a regex scan of every line. A table's cells are the table's:
        no caller looks for a date, a reference or a law among them.
        """
        found: set[int] = set()
        if self._lower is None:
            found = {
                i
                for i, line in enumerate(self.lines)
                if any(w in line.text.lower() for w in words) and self.kind_at(line.start) != "table"
            }
        else:
            for lo, hi in self.outside_tables:
                for word in words:
                    at = self._lower.find(word, lo, hi)
                    while at != -1:
                        number = self.index.line_no(at)
                        found.add(number)
                        at = self._lower.find(word, self.lines[number].stop, hi)  # the rest of the line adds nothing
        if digits:
            found &= self.digit_lines
        return sorted(found)

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        """The bounds of the sentence holding ``start..end`` (see :class:`SentenceIndex`)."""
        return self._sentences.bounds(start, end)

    def block_text(self, block: Block) -> str:
        """A block's text as extractors see it (line breaks normalised, see ``working_text``)."""
        return self.text[block.span[0] : block.span[1]]

    def matches_on(
        self, pattern: re.Pattern[str], lines: Iterable[int], *, into_next: bool = False
    ) -> list[re.Match[str]]:
        """Matches of ``pattern`` that start on ``lines``, in order.

        With ``into_next`` a match may run on into the following line, as a name
        hard-wrapped over a line break does.
        """
        return list(self.iter_matches_on(pattern, lines, into_next=into_next))

    def iter_matches_on(
        self, pattern: re.Pattern[str], lines: Iterable[int], *, into_next: bool = False
    ) -> Iterator[re.Match[str]]:
        """:meth:`matches_on`, one at a time: a caller that needs only the first stops early."""
        last = len(self.lines) - 1
        for i in sorted(set(lines)):
            line = self.lines[i]
            stop = self.lines[min(i + 1, last)].end if into_next else line.end
            for m in pattern.finditer(self.text, line.start, stop):
                if m.start() < line.stop:
                    yield m

    @functools.cached_property
    def dates(self) -> list[FoundDate]:
        """Every date, and every day-and-month without a year (``iso`` None): neither is a figure.

        Found on first use, which comes after the laws are known: a US letter's
        "03/04/2024" is the 4th of March.
        """
        us = any(law.startswith(("US-", "IL-", "NY-")) for law in self.laws)  # American laws: month first
        return find_dates(self.text, partial=True, runs=self.digit_runs, month_first=us)

    @functools.cached_property
    def _date_starts(self) -> list[int]:
        return [d.start for d in self.dates]

    def dates_between(self, start: int, end: int) -> list[FoundDate]:
        """The dates that lie wholly inside ``start..end``."""
        i = bisect.bisect_left(self._date_starts, start)
        out = []
        while i < len(self.dates) and self.dates[i].start < end:
            if self.dates[i].end <= end:
                out.append(self.dates[i])
            i += 1
        return out

    def block_at(self, offset: int) -> Block | None:
        """The block holding ``offset`` (None past the end)."""
        i = bisect.bisect_right(self._block_starts, offset) - 1
        if i < 0:
            return None
        block = self.blocks[i]
        return block if block.span[0] <= offset < block.span[1] else None

    def kind_at(self, offset: int) -> str:
        """The kind of block at ``offset``."""
        block = self.block_at(offset)
        return block.kind if block else "blank"

    def in_request(self, start: int, end: int) -> bool:
        """Whether ``start..end`` lies inside the quoted request."""
        return any(a <= start and end <= b for a, b in self.request_spans)

    def is_claimed(self, start: int, end: int) -> bool:
        """Whether an earlier extractor already explained any of these characters."""
        return self._claimed.find(1, start, end) != -1

    def claim(self, span: Span) -> None:
        """Record that ``span`` is explained (a reference, a date, a citation)."""
        a, b = span
        self._claimed[a:b] = b"\x01" * (b - a)
