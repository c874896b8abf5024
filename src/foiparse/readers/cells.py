"""The text of a ruled table's cells, from the text runs the PDF reader already has.

PDFium's ``FPDFText_GetBoundedText`` walks every character of the page for each box it
is asked about: on a page of 300 cells that was half of reading a table-heavy PDF. Here
each cell takes the runs that lie in it (runs sorted by height on the page, so a cell
looks only at those level with it), their text cut from the page's text, and gives what
PDFium would give, character for character once white space is folded. PDFium is asked
only where a run's box crosses the cell's edge so far that some of its glyphs may lie
outside (a run drawn across a ruling line), or where the page's text cannot be matched
to its runs.

Why it gives the same text. PDFium's run boxes ("rects") are unions of the tight boxes of
one text object's characters, leaving out made-up characters (spaces, line breaks, all
with empty boxes) and characters less than 0.01 pt wide or high. A character is in a
cell's text when its box overlaps the cell's box with some area. So a run wholly inside
the cell (or overhanging it by less than 0.01 pt, less than any of its glyphs) gives all
of its characters, a run wholly outside gives none, and a run overhanging further has
its glyphs' boxes asked for one by one. What PDFium puts between two characters of a
cell (a space, a line break, or nothing) is worked out from the page's text between
them and the baselines of the lines the cell's text starts (see
:meth:`CellReader._joined`). Before a run is used, PDFium confirms that the characters
the reader cut for it make that run's box and nothing else (one text object).

What is assumed rather than asked: a run overhanging a cell's top or bottom by less than
a quarter point, its baseline inside, gives all its glyphs (no printed glyph is that thin:
the thinnest in the test corpus is 0.48 pt; descenders are what overhang); and a
character in no run (a glyph with no outline drawn under 10 pt) is where the run before
it in the text is. Zero-width characters (Unicode format characters) are not assumed: a
cell holding one is asked of PDFium.
"""

from __future__ import annotations

import bisect
import ctypes
import functools
import operator
import re
from typing import Any, NamedTuple

Box = tuple[float, float, float, float]  # PDF user space: left, bottom, right, top

_EDGE = 0.009  # a run overhanging a cell by less than this holds no glyph wholly outside (none is under 0.01 pt)
_THIN = 0.25  # ... nor, above or below it, by less than this: no printed glyph is so thin (the thinnest seen: 0.48 pt)
_CLEAR = 1e-3  # a run this far outside a cell is outside, whatever the rounding of the box to single precision
# Characters whose text PDFium gives differently (U+FFFE: a hyphen or a glyph without Unicode),
# that may have no width (format characters), or that are control characters.
_DOUBTFUL = re.compile(
    r"[\ufffe\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\x00-\x08\x0e-\x1f\x7f-\x9f]"
)
_ODD_SPACE = re.compile(r"[^\S ]")  # white space other than a plain space
_START = operator.itemgetter(1)  # a Span's start


@functools.cache
def unchecked(name: str) -> Any:
    """PDFium's function ``name``, called without ctypes converting each argument: half the cost of a call.

    pypdfium2 declares every function's argument types, so each call passes each argument
    through its type's check; a page of tables makes thousands of calls whose arguments
    are made by the reader itself (handles as pypdfium2 gives them, ``byref`` of ctypes
    numbers, Python ints for indices, ``ctypes.c_double`` for a double). Those go straight
    to the same C function, with the return type pypdfium2 declares. A Python float passed
    this way is refused (``ctypes.ArgumentError``), never misread.
    """
    import pypdfium2.raw as raw

    function = getattr(raw, name)
    address = ctypes.cast(function, ctypes.c_void_p).value
    if not address:  # pragma: no cover - pypdfium2 binds every function it declares
        raise ValueError(f"PDFium's {name} is not loaded")
    return ctypes.CFUNCTYPE(function.restype)(address)


class Span(NamedTuple):
    """A text run as the reader cut it from the page's text: its box and its characters.

    A named tuple rather than a frozen dataclass: one is made for every run of every page,
    and a tuple is made in half the time.
    """

    box: Box
    start: int  # index of its first character (the page's text and PDFium's character list agree)
    end: int  # where the next run's characters begin
    base: float | None  # the y of its first character's origin


class CellReader:
    """The text of cells on one page, given in PDF user space, as PDFium's bounded text gives it.

    ``spans`` are the runs the reader placed in the page's text, ``doubtful`` the boxes of
    runs it could not (their text was asked of PDFium or is another run's). ``text`` is the
    page's text, ``usable`` whether its characters are PDFium's one for one.
    """

    def __init__(self, textpage: Any, spans: list[Span], doubtful: list[Box], text: str, usable: bool) -> None:
        self._textpage = textpage
        self._text = text
        self._usable = usable and bool(spans)
        self._spans = sorted(spans, key=_START)
        self._doubtful = doubtful
        # Runs by the top of their box, for those that may reach a cell's height; runs much
        # taller than most (a text object over several lines) are looked at for every cell.
        self._boxes = boxes = [s.box for s in self._spans]
        each = [box[3] - box[1] for box in boxes]
        heights = sorted(each)
        tallest = min(heights[-1], 3 * heights[len(heights) // 2]) if heights else 0.0
        short = [k for k, height in enumerate(each) if height <= tallest]
        tops = [box[3] for box in boxes]
        short.sort(key=tops.__getitem__)
        self._tallest = tallest
        self._tops = [tops[k] for k in short]
        self._order = short
        self._tall = [k for k, height in enumerate(each) if not height <= tallest]  # the rest, in order
        # Whether PDFium confirms each run (see _confirm), run k at k + 1: out of range is confirmed.
        self._confirmed: list[bool | None] = [True, *[None] * len(self._spans), True]
        self._plain: list[str | None] = [None] * len(self._spans)  # each run's folded text, when it can stand alone
        self._buffers = [ctypes.c_double() for _ in range(4)]
        self._refs = [ctypes.byref(number) for number in self._buffers]
        self._handle = textpage.raw
        self._count_rects, self._get_rect = unchecked("FPDFText_CountRects"), unchecked("FPDFText_GetRect")
        self._get_charbox, self._get_origin = unchecked("FPDFText_GetCharBox"), unchecked("FPDFText_GetCharOrigin")
        self.asked = 0  # cells asked of PDFium (for the tests' curiosity)

    def text(self, box: Box) -> str:
        """The folded text in ``box``: what ``" ".join(get_text_bounded(*box).split())`` gives."""
        found = self._from_runs(box) if self._usable else None
        if found is None:
            self.asked += 1
            return " ".join(self._textpage.get_text_bounded(*box).replace("\x02", "-").split())
        return found

    def _from_runs(self, box: Box) -> str | None:
        """The cell's folded text from its runs, or None where only PDFium can say."""
        left, bottom, right, top = box
        if self._doubtful and not all(_apart(d, box) for d in self._doubtful):
            return None
        boxes, tops = self._boxes, self._tops
        first = bisect.bisect_right(tops, bottom - _CLEAR)
        last = bisect.bisect_left(tops, top + _CLEAR + self._tallest, first)
        inside: list[int] = []
        near = self._order[first:last]
        clear_left, clear_bottom, clear_right, clear_top = left - _CLEAR, bottom - _CLEAR, right + _CLEAR, top + _CLEAR
        for k in near + self._tall if self._tall else near:
            x0, y0, x1, y1 = boxes[k]
            if x1 <= clear_left or x0 >= clear_right or y1 <= clear_bottom or y0 >= clear_top:
                continue
            across = x1 - right if x1 - right > left - x0 else left - x0  # max(), as max() picks, without its call
            up = y1 - top if y1 - top > bottom - y0 else bottom - y0
            if across >= _EDGE or (up >= _EDGE and not (up < _THIN and _level(self._spans[k], box))):
                taken = self._glyphs_in(self._spans[k], box)
                if taken is None:
                    return None  # some of its glyphs are in the cell and some not: a run across a ruling line
                if not taken:
                    continue
            inside.append(k)
        if not inside:
            return ""
        if len(inside) == 1:
            alone = self._plain[inside[0]]
            if alone is None:
                alone = self._alone(inside[0])
            if alone:
                return alone
        inside.sort()
        if not all(self._confirmed_around(k) for k in inside):
            return None
        joined = self._joined(inside, box)
        return None if joined is None else " ".join(joined.split())

    def _alone(self, k: int) -> str:
        """The folded text of run ``k`` when it is a cell's only run and needs no further look ("" if it does)."""
        plain = self._plain[k]
        if plain is None:
            span = self._spans[k]
            piece = self._text[span.start : span.end]
            stripped = piece.strip()
            alone = bool(stripped) and not _DOUBTFUL.search(piece) and not _ODD_SPACE.search(stripped)  # _broken
            plain = " ".join(stripped.split()) if alone and self._confirmed_around(k) else ""
            self._plain[k] = plain
        return plain

    def _confirmed_around(self, k: int) -> bool:
        """Runs ``k - 1``, ``k`` and ``k + 1`` confirmed (see _confirm), in that order, asked only until one is not."""
        confirmed = self._confirmed
        for j in (k, k + 1, k + 2):  # run j - 1 is at j
            known = confirmed[j]
            if known is None:
                known = self._confirm(j - 1)
            if not known:
                return False
        return True

    def _confirm(self, k: int) -> bool:
        """PDFium agrees that run ``k``'s characters are one text object, with the run's box.

        Out of range (before the first run, after the last) is confirmed: there is nothing
        there to have taken another run's characters.
        """
        known = self._confirmed[k + 1]
        if known is None:
            span = self._spans[k]
            known = False
            if self._count_rects(self._handle, span.start, span.end - span.start) == 1:
                left, top, right, bottom = self._buffers
                if self._get_rect(self._handle, 0, *self._refs):
                    known = (left.value, bottom.value, right.value, top.value) == span.box
            self._confirmed[k + 1] = known
        return known

    def _glyphs_in(self, span: Span, box: Box) -> bool | None:
        """Whether a run overhanging the cell gives the cell its glyphs: all (True), none (False), or some (None)."""
        inside = outside = False
        single = _single(box)
        for k in range(span.start, span.end):
            if self._text[k].isspace():
                continue  # a space in or out of the box gives white space either way (see _joined)
            if _overlaps(self._charbox(k), single):
                inside = True
            else:
                outside = True
            if inside and outside:
                return None
        return inside

    def _charbox(self, index: int) -> Box:
        left, right, bottom, top = self._buffers
        if not self._get_charbox(self._handle, index, *self._refs):
            return (0.0, 0.0, 0.0, 0.0)
        return (left.value, bottom.value, right.value, top.value)

    def _joined(self, inside: list[int], box: Box) -> str | None:
        """The text of the runs ``inside`` (by position in the text), spaced as PDFium spaces it.

        Between two characters the cell shows, PDFium puts white space when one lies in the
        text between them, except that a line break it makes up (for a character it skips)
        is left out when the next character stands on the baseline PDFium last broke a line
        at. So where the character after a shown one is not a space, the next one shown must
        stand on a baseline no line of the cell's text started on, or PDFium is asked.
        """
        text = self._text
        bases: set[float] = {0.0}
        pieces: list[str] = []
        last = -1  # the index of the last character shown, for the gap after it
        prev = -2
        for k in inside:
            span = self._spans[k]
            piece = text[span.start : span.end]
            if _DOUBTFUL.search(piece) or _broken(piece):
                return None
            stripped = piece.lstrip()
            if not stripped:
                pieces.append(" ")
                continue
            first = span.start + len(piece) - len(stripped)
            y = span.base if first == span.start else self._origin_y(first)
            if y is None:
                return None
            gap = last >= 0 and (k != prev + 1 or first > last + 1)  # characters between the last shown and this
            if gap and text[last + 1] != " " and not self._break_shown(last + 1, box, y, bases):
                return None
            bases.add(y)
            if span.base is not None:
                bases.add(span.base)
            pieces.append(piece if k == prev + 1 else "\n" + piece)
            last = span.start + len(piece.rstrip()) - 1
            prev = k
        return "".join(pieces)

    def _break_shown(self, index: int, box: Box, y: float, bases: set[float]) -> bool:
        """PDFium puts white space after a character it shows when ``index``, the next, is not a space.

        Either ``index`` is in the cell (it is white space, shown), or it is skipped and
        PDFium breaks the line, which it does unless the next shown character stands on the
        baseline of the last break (one of ``bases``).
        """
        if _overlaps(self._charbox(index), _single(box)):
            return self._text[index].isspace()
        return y not in bases

    def _origin_y(self, index: int) -> float | None:
        y = self._buffers[1]
        if not self._get_origin(self._handle, index, *self._refs[:2]):
            return None
        return float(y.value)


def _broken(piece: str) -> bool:
    """A line break, tab or other space than " " inside one run's text (not at its ends): rare, left to PDFium."""
    return _ODD_SPACE.search(piece.strip()) is not None


def _apart(run: Box, cell: Box) -> bool:
    """No part of the run is within the cell, with room for rounding."""
    return (
        run[2] <= cell[0] - _CLEAR
        or run[0] >= cell[2] + _CLEAR
        or run[3] <= cell[1] - _CLEAR
        or run[1] >= cell[3] + _CLEAR
    )


def _level(span: Span, box: Box) -> bool:
    """The run's baseline is well inside the cell's height.

    A glyph with no outline (a space, an invisible character) is a sliver on the
    baseline; where the baseline is inside, such slivers are too, and a run overhanging
    the cell's top or bottom by less than a quarter point can only leave out a glyph
    thinner than that: none is, in print (descenders are what overhang).
    """
    return span.base is not None and box[1] + _CLEAR < span.base < box[3] - _THIN - _CLEAR


def _single(box: Box) -> Box:
    """The box as PDFium holds it, in single precision."""
    return (
        ctypes.c_float(box[0]).value,
        ctypes.c_float(box[1]).value,
        ctypes.c_float(box[2]).value,
        ctypes.c_float(box[3]).value,
    )


def _overlaps(char: Box, cell: Box) -> bool:
    """PDFium's test of a character for a box: their intersection has some area."""
    return max(char[0], cell[0]) < min(char[2], cell[2]) and max(char[1], cell[1]) < min(char[3], cell[3])
