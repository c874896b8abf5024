"""PDF reader: the text of each page in reading order, its ruled tables, and its page furniture.

Text comes from PDFium (pypdfium2): each text run with its box, laid out into lines so
that the columns of an unruled table stay aligned (runs are placed at the column their
position gives, as a fixed-pitch rendering would). Pages are separated by a form feed
line. Ruled tables are found with pdfplumber's table geometry (the "lines" strategy,
re-done on tuples in ``ruling``), fed with ruling lines read from PDFium's path objects,
and their cells' text is PDFium's, taken from the runs already read (``cells``); the
project's research measured this at 8-13x the speed of pdfplumber with the same tables.
pdfplumber itself stays the oracle in the tests. Lines repeated at the top or bottom of
most pages (letterheads, "Page 2 of 5", protective markings) are recorded as furniture,
so they become blocks of their own instead of breaking paragraphs.
"""

from __future__ import annotations

import ctypes
import functools
import hashlib
import math
import operator
import re
import time
from dataclasses import dataclass, field, replace
from typing import Any

from foiparse.errors import (
    CorruptFileError,
    EmptyInputError,
    EncryptedPdfError,
    InputTooLargeError,
    MissingBackendError,
    NoTextLayerError,
    TooSlowError,
)
from foiparse.model import Document, OcrLine, ParseWarning, Source, Span, Table
from foiparse.options import DEFAULT, Options
from foiparse.readers import ocr, ruling
from foiparse.readers.cells import CellReader, unchecked
from foiparse.readers.cells import Span as RunSpan

MAX_CROSSINGS = 20_000  # ruling lines crossing more often than this are a pattern, not a table
MAX_RUNS = 4000  # more text runs than this on a page: read its text as PDFium gives it, without layout
MAX_COLUMNS = 1000  # a run is placed at this column at most: a line's padding is bounded whatever the page says
MAX_PAGE_SIDE = 14_400.0  # the largest page the PDF spec allows (200 inches): a larger box is laid out as this
OCR_DPI = 300.0  # pages without text are rendered at this resolution for OCR, or at their scan's own (200-400) ...
MAX_OCR_PIXELS = 40_000_000  # ... or lower, so that no page image holds more pixels than this (A4 at 300 dpi: 8.7M)
PAGE_BREAK = "\f"
_SLACK = 12.0  # points: a table this close to the page's right margin fills the page's width
_WIDE = 0.75  # ... and reaches this share of the page's width: cut off there, it may go on beside, on the next page
_FURNITURE_LINES = 3  # lines at the top and at the bottom of a page that may be furniture
_DIGITS = re.compile(r"\d+")
_LEFT = operator.attrgetter("left")


def read_pdf(data: bytes, name: str | None = None, options: Options = DEFAULT) -> Document:
    """Read a PDF (``options.max_pages`` and ``options.max_seconds`` bound it).

    Raises:
        EncryptedPdfError: the PDF needs a password (the empty one was tried).
        CorruptFileError: PDFium cannot open it (truncated, damaged, not a PDF).
        NoTextLayerError: it opens, but its pages hold no text (a scan).
        InputTooLargeError: more pages than ``max_pages``.
        TooSlowError: reading took longer than ``max_seconds``.
    """
    max_pages, max_seconds, mode = options.max_pages, options.max_seconds, options.ocr
    pdfium = _backend()
    started = time.process_time()  # CPU time: a process stopped (Ctrl-Z) or kept waiting by a busy machine is not slow
    pdf = _open(pdfium, data, name)
    try:
        count = len(pdf)
        if count == 0:
            raise CorruptFileError("corrupt PDF: it has no pages", path=name)
        if count > max_pages:
            raise InputTooLargeError(
                f"too many pages: {count:,}, over the limit of {max_pages:,}", path=name, size=count, limit=max_pages
            )
        pages: list[_Page] = []
        missing: MissingBackendError | None = None  # no OCR engine, for a page that needed one
        for number in range(count):
            if time.process_time() - started > max_seconds:
                raise TooSlowError(f"reading took over {max_seconds:g} s (at page {number + 1})", path=name)
            try:
                page = pdf[number]
            except pdfium.PdfiumError as exc:
                raise CorruptFileError(f"corrupt PDF: page {number + 1} cannot be loaded ({exc})", path=name) from None
            try:
                read = _read_page(page, number + 1) if mode != "always" else _Page(number + 1, [], [])
                # a page with little or no text is looked at for images only then: a text page costs nothing more
                sparse = mode == "auto" and not read.tables and sum(map(len, read.lines)) <= STAMP_CHARS
                dpi, cover = _scan(page) if mode == "always" or sparse else (None, 0.0)
                stamped = bool(read.lines) and cover >= SCAN_COVER  # a scan with a page number or label over it
                if mode == "always" or (sparse and dpi is not None and (not read.lines or stamped)):
                    try:
                        stamp = read.lines if stamped else []
                        read = _ocr_page(page, number + 1, ocr.engine(), dpi or OCR_DPI)
                        read.lines.extend(stamp)  # the text drawn over the image, after what the image says
                    except MissingBackendError as exc:
                        if mode == "always":
                            raise exc.with_path(name) from None
                        missing, read.unread = exc, exc.message
                pages.append(read)
            except pdfium.PdfiumError as exc:
                raise CorruptFileError(f"corrupt PDF: page {number + 1} cannot be read ({exc})", path=name) from None
            finally:
                page.close()  # PDFium holds every page's objects until closed
    finally:
        pdf.close()
    if not any(p.lines or p.tables for p in pages):
        if missing is not None:
            raise missing.with_path(name)
        raise NoTextLayerError(f"no text layer: the {count} page(s) hold no text{_NO_TEXT_WHY[mode]}", path=name)
    return _document(pages, data, name, count)


_NO_TEXT_WHY = {
    "never": " (a scanned letter? --ocr auto reads page images)",
    "auto": ", and OCR found none on their images",
    "always": ", and OCR found none on their images",
}


# A page whose text layer holds no more than this over an image covering most of it is a
# scan with something stamped on it (a page number, a Bates number, redaction labels), not
# a text page: its image is read. A letterhead image under a page of text is no scan.
STAMP_CHARS = 200
SCAN_COVER = 0.8  # of the page's area


def _scan(page: Any, most: int = 100) -> tuple[float | None, float]:
    """The resolution to render the page at for OCR, and how much of the page its largest image covers.

    The resolution is None when the page draws no image (shapes alone are no scan).
    A scan is read best at its own resolution: drawn at another, its pixels are
    resampled, which blurs a lone figure into another ("5" read as "o"). Scans under 200
    dpi are drawn at twice theirs, within 200-300; above 400, at 300. The largest of the
    page's first ``most`` images (in forms too) is taken as the scan.
    """
    import pypdfium2.raw as raw

    largest, dpi = -1.0, None
    for k, image in enumerate(page.get_objects(filter=(raw.FPDF_PAGEOBJ_IMAGE,), max_depth=4)):
        if k >= most:
            break
        left, bottom, right, top = image.get_bounds()
        area = abs((right - left) * (top - bottom))
        if area > largest:
            largest, dpi = area, float(image.get_metadata().horizontal_dpi)
    if dpi is None:
        return None, 0.0
    width, height = page.get_size()
    cover = largest / max(width * height, 1.0)
    if not dpi > 0 or dpi > 400:  # nan or unknown as well
        return OCR_DPI, cover
    return (dpi if dpi >= 200 else min(max(2 * dpi, 200.0), OCR_DPI)), cover


def _ocr_page(page: Any, number: int, engine: ocr.Engine, dpi: float = OCR_DPI) -> _Page:
    """A page read from its image: the engine's words as runs (points, top-left), laid out as a text page's are.

    The words of one line of the engine's share its top and bottom, so they group into one
    line; each laid-out line keeps its box and its words' mean confidence (``_Page.ocr``).
    """
    width, height = page.get_size()
    scale = min(dpi / 72.0, (MAX_OCR_PIXELS / max(width * height, 1.0)) ** 0.5)
    while math.ceil(width * scale) * math.ceil(height * scale) > MAX_OCR_PIXELS:  # PDFium rounds the sides up
        scale *= 0.99
    image = page.render(scale=scale, grayscale=True).to_pil()
    runs = []
    for word in engine.recognise(image):
        left, top, right, bottom = ((v / scale) for v in (word.straight or word.box))
        confidence = min(max(word.confidence, 0.0), 1.0)
        seen = (word.box[0] / scale, word.box[1] / scale, word.box[2] / scale, word.box[3] / scale)
        runs.append(_Run(left, top, right, bottom, word.text, True, True, confidence=confidence, seen=seen))
    seen_width, seen_height = image.width / scale, image.height / scale
    across, down = ocr.rulings(image)
    lines = ([_points(s, scale) for s in across], [_points(s, scale) for s in down])
    grids, runs = _scanned_tables(lines, runs)
    out = _layout(runs, grids, number, min(max(seen_width, seen_height), MAX_PAGE_SIDE))
    out.width = seen_width
    out.converter = engine.name
    return out


def _points(segment: ocr.Segment, scale: float) -> ruling.Line:
    return (segment[0] / scale, segment[1] / scale, segment[2] / scale, segment[3] / scale)


def _scanned_tables(lines: ruling.Lines, runs: list[_Run]) -> tuple[list[_Grid], list[_Run]]:
    """Tables ruled on a scanned page, their cells filled with the words recognised in them; the other words.

    The ruling lines found as pixels (``ocr.rulings``, in points, the skew turned back)
    go through the same geometry as a text PDF's drawn lines, and each word goes to the
    cell holding the middle of its straightened box. A cell's words are laid out as
    lines, top to bottom, as a text cell's are.
    """
    if not ruling.may_cross(lines):
        return [], runs
    found = ruling.tables(lines, MAX_CROSSINGS)
    if not found:
        return [], runs
    grids: list[_Grid] = []
    used: set[int] = set()
    for table_cells in found:
        shape = _shape_of(tuple(table_cells))
        rows = shape.rows
        if len(rows) < 2 or max(len(r) for r in rows) < 2:
            continue
        taken: list[list[list[_Run]]] = [[[] for _ in row] for row in rows]
        inside: set[int] = set()  # the words in this table's cells: no longer free text if it is kept
        for k, run in enumerate(runs):
            left, right = run.left, run.right
            x, y = (left + right) / 2, (run.top + run.bottom) / 2
            for r, row in enumerate(rows):
                c = next((c for c, cell in enumerate(row) if cell[0] <= x < cell[2] and cell[1] <= y < cell[3]), None)
                if c is not None:
                    inside.add(k)
                    kept = _off_rulings(run, (left, right), row[c])
                    if kept is not None:
                        taken[r][c].append(kept)
                    break
        raw = [
            ["\n".join(" ".join(r.text for r in line) for line in _group_lines(cell)) for cell in row] for row in taken
        ]
        grid = _grid(shape, raw)
        if grid is not None:
            grids.append(grid)
            used |= inside
    return grids, [run for k, run in enumerate(runs) if k not in used]


_RULE_MARKS = "|\"'_"  # what a ruling's last pixels (a corner left unpainted) are read as
_BY_RULING = 3.0  # points: a word's edge this near its cell's edge touches the ruling


def _off_rulings(run: _Run, ends: tuple[float, float], cell: _Cell) -> _Run | None:
    """The word without the marks a ruling beside it was read as ('"Type', '|'); None when nothing is left.

    Only at an end (``ends``: the word's left and right) that touches the cell's ruling: a
    cell's text stands clear of its lines.
    """
    text = run.text
    if ends[0] - cell[0] < _BY_RULING:
        text = text.lstrip(_RULE_MARKS)
    if cell[2] - ends[1] < _BY_RULING:
        text = text.rstrip(_RULE_MARKS)
    if not text:
        return None
    return run if text == run.text else replace(run, text=text)


def _backend() -> Any:
    try:
        import pypdfium2
    except ImportError as exc:  # pragma: no cover - pypdfium2 is a dependency
        raise MissingBackendError("reading PDF needs pypdfium2: pip install 'foiparse'") from exc
    return pypdfium2


def _open(pdfium: Any, data: bytes, name: str | None) -> Any:
    last: Exception | None = None
    for password in (None, ""):
        try:
            return pdfium.PdfDocument(data, password=password)
        except pdfium.PdfiumError as exc:
            last = exc
            if "password" not in str(exc).lower():
                break
    message = str(last)
    if "password" in message.lower():
        raise EncryptedPdfError("encrypted PDF: it needs a password (the empty one did not open it)", path=name)
    why = message.split("(", 1)[-1].rstrip(").")
    if why.endswith("Success"):  # PDFium failed without saying why: its page tree is missing or empty
        raise CorruptFileError("corrupt PDF: PDFium found no usable page tree in it", path=name)
    raise CorruptFileError(f"corrupt or truncated PDF: {why}", path=name)


@dataclass
class _Run:
    """A run of text on a page, in top-left coordinates (y grows downwards)."""

    left: float
    top: float
    right: float
    bottom: float
    text: str
    lead: bool = False  # the page's text has a space (or a line end) just before the run
    trail: bool = False  # ... and just after it
    soft: bool = False  # the space after the run is one PDFium made up from a gap between glyphs
    base: float | None = None  # the baseline, top-left coordinates; None where PDFium gives none
    confidence: float | None = None  # a word recognised by OCR: how sure the engine was, 0 to 1
    seen: tuple[float, float, float, float] | None = None  # ... and its box on the page image (not straightened)


@dataclass
class _Grid:
    """A ruled table on a page: its box and its rows of cell text."""

    top: float
    box: tuple[float, float, float, float]
    rows: list[list[str]]
    xs: list[float]  # the left edge of each column
    form: bool = False  # its cells frame paragraphs (a form's boxes): laid out as its rows, but no table
    row_spans: list[tuple[float, float]] = field(default_factory=list)  # each row's top and bottom, when known
    title: str | None = None  # the text of a cell spanning the grid's top row


@dataclass
class _Page:
    number: int
    lines: list[str]  # the page's lines, a table's rows among them
    tables: list[tuple[int, int, _Grid]]  # first and last line of each table
    dropped: int = 0  # text runs drawn wholly outside the page (its crop box), left out
    width: float = 612.0  # the page as seen (turned pages: their height)
    right: float = 0.0  # how far right the page's text and tables reach (its right margin, as printed)
    ocr: dict[int, tuple[tuple[float, float, float, float], float]] = field(default_factory=dict)  # line: box, conf.
    converter: str | None = None  # the OCR engine that read the page from its image
    unread: str | None = None  # a page image left unread: why (no OCR engine is installed)


def _read_page(page: Any, number: int) -> _Page:
    textpage = page.get_textpage()
    try:
        width, height = page.get_size()
        crop = page.get_cropbox()
        left0, bottom0 = crop[0], crop[1]
        rotation = page.get_rotation() % 360

        def to_view(x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
            """PDF user space to the page as seen: crop box origin, rotation, y downwards."""
            x0, x1 = x0 - left0, x1 - left0
            y0, y1 = y0 - bottom0, y1 - bottom0
            if rotation == 90:
                return (y0, x0, y1, x1)
            if rotation == 180:
                return (width - x1, y0, width - x0, y1)
            if rotation == 270:
                return (height - y1, width - x1, height - y0, width - x0)
            return (x0, height - y1, x1, height - y0)

        def to_user(x0: float, top: float, x1: float, bottom: float) -> tuple[float, float, float, float]:
            """The way back: a box on the page as seen to PDF user space, for asking PDFium its text."""
            if rotation == 90:
                box = (top, x0, bottom, x1)
            elif rotation == 180:
                box = (width - x1, top, width - x0, bottom)
            elif rotation == 270:
                box = (width - bottom, height - x1, width - top, height - x0)
            else:
                box = (x0, height - bottom, x1, height - top)
            return (box[0] + left0, box[1] + bottom0, box[2] + left0, box[3] + bottom0)

        runs: list[_Run] = []
        if textpage.count_rects() > MAX_RUNS:
            plain = textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n").split("\n")
            return _Page(number, [line.rstrip() for line in plain], [])
        # The page box as a square on the crop box's corner, as wide as its longer side:
        # a rotated page's box can come back turned, and the point is to drop text drawn
        # thousands of points away, not to trim the margins.
        side = max(abs(crop[2] - crop[0]), abs(crop[3] - crop[1]))
        square = (min(crop[0], crop[2]), min(crop[1], crop[3]))
        texts, dropped, reader = _run_texts(textpage, (*square, square[0] + side, square[1] + side))
        for box, raw_text, base in texts:
            soft = raw_text.endswith("\x00")
            text = raw_text.rstrip("\x00").replace("\r", " ").replace("\n", " ").replace("\x02", "-")
            stripped = text.strip()
            if stripped:
                a, t, b, u = to_view(*box)
                lead, trail = text[:1].isspace(), text[-1:].isspace()
                baseline = height - (base - bottom0) if base is not None and rotation == 0 else None
                # min() and max() of two as they pick (the first unless the second is less / greater)
                x0, y0, x1, y1 = b if b < a else a, u if u < t else t, b if b > a else a, u if u > t else t
                runs.append(_Run(x0, y0, x1, y1, stripped, lead, trail, soft, baseline))
        grids = _ruled_tables(page, reader, to_view, to_user)
    finally:
        textpage.close()
    page_out = _layout(runs, grids, number, min(max(width, height), MAX_PAGE_SIDE))
    page_out.dropped = dropped
    page_out.width = height if rotation in (90, 270) else width
    return page_out


def _outside(box: tuple[float, float, float, float], page: tuple[float, float, float, float]) -> bool:
    """A box (PDF user space) that does not touch the page's crop box at all."""
    left, bottom, right, top = box
    x0, y0, x1, y1 = page
    return right < x0 or left > x1 or top < y0 or bottom > y1


def _run_texts(
    textpage: Any, page_box: tuple[float, float, float, float]
) -> tuple[list[tuple[tuple[float, float, float, float], str, float | None]], int, CellReader]:
    """Each text run's box, its text, cut from the page's text at the run's first character, and its baseline.

    Asking PDFium for the text inside each box costs about 50 µs a run and can repeat
    glyphs of overlapping runs; the page's text in one call, cut where each run begins,
    costs a few µs a run and repeats nothing.

    Runs drawn wholly outside the page (``page_box``, its crop box) are left out and
    counted, and so are their characters wherever the page's text puts them: text no
    viewer shows is not the letter, and a run at x = 5e7 would pad every line to it.

    The runs, as cut, also give the text of ruled tables' cells (the third value).
    """
    import pypdfium2.raw as raw

    count = textpage.count_chars()
    full = textpage.get_text_range(0, count) if count else ""
    n_rects = textpage.count_rects()
    if n_rects > MAX_RUNS:  # finding each run's first character scans the page: too slow for this many
        return [], 0, CellReader(textpage, [], [], full, usable=False)
    pdfium = _Boxes(textpage)
    rect = pdfium.rect
    boxes = [rect(i) for i in range(n_rects)]
    x0, y0, x1, y1 = page_box
    away = [right < x0 or left > x1 or top < y0 or bottom > y1 for left, bottom, right, top in boxes]  # _outside
    kept: list[int] = []  # when characters are cut out: the index of each one left
    if any(away):  # rare: find the characters no viewer shows, to cut them out of the text
        boxes = [box for box, gone in zip(boxes, away, strict=True) if not gone]
        if len(full) == count:
            kept = [k for k in range(count) if not _off_page(pdfium, k, page_box)]
    starts = []
    at_pos, handle, char = raw.FPDFText_GetCharIndexAtPos, textpage.raw, pdfium.char
    # The probe without tolerance, its doubles made once and passed as they are (no argument conversion).
    at_point, probe_x, probe_y, no_slack = (
        unchecked("FPDFText_GetCharIndexAtPos"),
        *(ctypes.c_double() for _ in range(3)),
    )
    for box in boxes:
        left, bottom, right, top = box
        half = (top - bottom) / 2
        if half < 0.5:
            half = 0.5  # max(), as it picks
        middle = bottom + half
        x = left + 0.3
        x = right if right < x else x  # min(), as it picks
        probe_x.value, probe_y.value = x, middle
        start = at_point(handle, probe_x, probe_y, no_slack, no_slack)  # _char_at, inlined: see there
        if start < 0:
            start = at_pos(handle, x, middle, 0.5, half)
        if start < 0:  # the first glyph may be a thin space: further in
            for x in (left + 1.5, left + 3.0, (left + right) / 2):
                start = _char_at(at_pos, handle, min(x, right), middle, half)
                if start >= 0:
                    break
        # Step back from the character found to the run's first: a probe at the left edge can miss
        # (the first glyph a space with no height) and the one further in land mid-run; the
        # characters before it standing in the same box (as ``_inside``) are the run's too, or
        # they would be glued to the line above.
        if start > 0:
            low, high, middle_low, middle_high = left - 0.5, right + 0.5, bottom - 0.5, top + 0.5
            while start > 0:
                a, b, c, d = char(start - 1)
                if not (low <= a and c <= high and middle_low <= (b + d) / 2 <= middle_high):
                    break
                start -= 1
        starts.append(start)
    for i, start in enumerate(starts):
        if start < 0:  # no probe hit (gaps, glyphs with no height): look between the neighbours' first characters
            lo = max((s for s in starts[:i] if s >= 0), default=-1) + 1
            hi = min((s for s in starts[i + 1 :] if s >= 0), default=count)
            starts[i] = _scan_for_box(pdfium, lo, min(hi, lo + 2000), boxes[i])
    if kept:  # character indices to places in the text left after cutting
        where = {k: i for i, k in enumerate(kept)}
        starts = [where.get(s, -1) if s >= 0 else s for s in starts]
        full = "".join(full[k] for k in kept)
    found = sorted({s for s in starts if s >= 0})
    is_generated = unchecked("FPDFText_IsGenerated")
    ends = dict(zip(found, [*found[1:], len(full)], strict=True)) if found else {}
    out: list[tuple[tuple[float, float, float, float], str, float | None]] = []
    spans: list[RunSpan] = []
    doubtful: list[tuple[float, float, float, float]] = []  # runs whose characters the cut does not give
    length, baseline, handle = len(full), pdfium.baseline, textpage.raw
    for box, start in zip(boxes, starts, strict=True):
        if start < 0 or start >= length:
            doubtful.append(box)
            text = textpage.get_text_bounded(*box)  # no character found in the run: ask PDFium for its box
            if text.strip() and text.strip() not in full:
                out.append((box, text, None))  # else it is already in the run before it, cut from the page's text
        elif ends.get(start) is not None:
            end = ends.pop(start)  # a second run starting there repeats the first
            text = full[start:end]
            # A space PDFium made up from a gap between glyphs is marked "\x00": a soft boundary.
            last = start + len(text) - 1
            if text.endswith(" ") and is_generated(handle, kept[last] if kept else last) == 1:
                text = text.rstrip(" ") + "\x00"
            base = baseline(kept[start] if kept else start)
            out.append((box, text, base))
            spans.append(RunSpan(box, start, end, base))
        else:
            doubtful.append(box)
    usable = len(full) == count and not any(away)  # the text's characters are PDFium's, one for one
    return out, sum(away), CellReader(textpage, spans, doubtful, full, usable)


def _char_at(at_pos: Any, handle: Any, x: float, y: float, half: float) -> int:
    """``at_pos`` (PDFium's ``FPDFText_GetCharIndexAtPos``) at (x, y), tolerance half a point across, ``half`` up and down.

    PDFium answers with the first character (in the page's text) whose box holds the
    point, and only when none does, with the nearest within the tolerance. Asked with no
    tolerance it gives the same first character, skipping the tolerance's sums for every
    character it passes (half the time, on a page of text); the tolerance is asked for
    only when no box holds the point.
    """
    found: int = at_pos(handle, x, y, 0.0, 0.0)
    return found if found >= 0 else int(at_pos(handle, x, y, 0.5, half))


class _Boxes:
    """A text page's run and character boxes, asked through PDFium's C interface.

    pypdfium2's methods make four ctypes numbers for each answer; a page of tables asks
    thousands of times, so the numbers are made once here. Failures raise what those
    methods raise.
    """

    def __init__(self, textpage: Any) -> None:
        import pypdfium2.raw as raw

        self.raw = raw
        self.page = textpage.raw
        self._left, self._bottom, self._right, self._top = (ctypes.c_double() for _ in range(4))
        left, bottom, right, top = (ctypes.byref(n) for n in (self._left, self._bottom, self._right, self._top))
        self._rect_out, self._char_out, self._origin_out = (
            (left, top, right, bottom),
            (left, right, bottom, top),
            (left, bottom),
        )
        self._get_rect, self._get_char = unchecked("FPDFText_GetRect"), unchecked("FPDFText_GetCharBox")
        self._get_origin = unchecked("FPDFText_GetCharOrigin")

    def rect(self, index: int) -> tuple[float, float, float, float]:
        """Run ``index``'s box: left, bottom, right, top (as ``PdfTextPage.get_rect``)."""
        left, bottom, right, top = self._left, self._bottom, self._right, self._top
        if not self._get_rect(self.page, index, *self._rect_out):
            from pypdfium2 import PdfiumError

            raise PdfiumError(
                "Failed to get rectangle. (Make sure count_rects() was called with default params once "
                "before subsequent get_rect() calls.)"
            )
        return (left.value, bottom.value, right.value, top.value)

    def char(self, index: int) -> tuple[float, float, float, float]:
        """Character ``index``'s box: left, bottom, right, top (as ``PdfTextPage.get_charbox``)."""
        left, bottom, right, top = self._left, self._bottom, self._right, self._top
        if not self._get_char(self.page, index, *self._char_out):
            from pypdfium2 import PdfiumError

            raise PdfiumError("Failed to get charbox.")
        return (left.value, bottom.value, right.value, top.value)

    def baseline(self, index: int) -> float | None:
        """The y of a character's origin: where the letters of its line stand, whatever their size."""
        if not self._get_origin(self.page, index, *self._origin_out):
            return None
        return float(self._bottom.value)


def _off_page(boxes: _Boxes, index: int, page_box: tuple[float, float, float, float]) -> bool:
    """A character drawn outside the page; not a space or line break PDFium made up (those have no place)."""
    if boxes.raw.FPDFText_IsGenerated(boxes.page, index) == 1:
        return False
    return _outside(boxes.char(index), page_box)


def _inside(char: tuple[float, float, float, float], box: tuple[float, float, float, float]) -> bool:
    """A character's box stands in a run's box (a space's box has no height: its middle is enough)."""
    x0, y0, x1, y1 = char
    left, bottom, right, top = box
    return left - 0.5 <= x0 and x1 <= right + 0.5 and bottom - 0.5 <= (y0 + y1) / 2 <= top + 0.5


def _scan_for_box(boxes: _Boxes, lo: int, hi: int, box: tuple[float, float, float, float]) -> int:
    """The first character from ``lo`` that stands in ``box``, or -1.

    PDFium lists a page's runs in the order of its text, so a run no probe found begins
    after the run before it and before the run after it: a short scan, not the page.
    """
    for k in range(lo, hi):
        if _inside(boxes.char(k), box):
            return k
    return -1


def _layout(runs: list[_Run], grids: list[_Grid], number: int, width: float = 612.0) -> _Page:
    """Lines top to bottom: runs grouped by their vertical position, tables where they stand."""
    free = _outside_grids(runs, [g.box for g in grids]) if grids else runs
    if grids and free:
        labelled = [_labels_outside(g, free) for g in grids]
        grids = [g for g, _ in labelled]
        used = {id(r) for _, taken in labelled for r in taken}
        free = [r for r in free if id(r) not in used]
    pitch = _pitch(free or runs)
    # The left margin of the text on the page: a run hanging off its left edge moves no line.
    margin = min((r.left for r in free if r.left >= 0), default=0.0)
    items: list[tuple[float, _Grid | list[_Run]]] = [(g.top, g) for g in grids]
    for group in _group_lines(free):
        items.append((group[0].top, group))
    items.sort(key=lambda item: item[0])
    lines: list[str] = []
    tables: list[tuple[int, int, _Grid]] = []
    recognised: dict[int, tuple[tuple[float, float, float, float], float]] = {}  # the lines of OCR'd words
    last_bottom: float | None = None
    for _, item in items:
        if isinstance(item, _Grid):
            if lines and lines[-1]:
                lines.append("")  # a table stands apart from the paragraphs around it
            if item.title:
                lines.append(item.title)  # its title, from a cell across its top row: a line above it
            first = len(lines)
            lines.extend("\t".join(cell for cell in row).rstrip("\t") or " " for row in item.rows)
            tables.append((first, len(lines) - 1, item))
            lines.append("")
            last_bottom = item.box[3]
            continue
        top = min(r.top for r in item)
        bottom = max(r.bottom for r in item)
        if last_bottom is not None and lines and lines[-1] and top - last_bottom > 0.6 * (bottom - top):
            lines.append("")  # the space between paragraphs: a blank line, as the eye reads it
        if item[0].seen is not None:
            boxes = [r.seen or (r.left, r.top, r.right, r.bottom) for r in item]
            box = (
                min(b[0] for b in boxes),
                min(b[1] for b in boxes),
                max(b[2] for b in boxes),
                max(b[3] for b in boxes),
            )
            recognised[len(lines)] = (box, sum(r.confidence or 0.0 for r in item) / len(item))
        lines.append(_place(item, pitch, margin, width))
        last_bottom = bottom
    while lines and not lines[-1]:
        lines.pop()
    right = max([r.right for r in free] + [g.box[2] for g in grids], default=0.0)
    return _Page(number, lines, tables, right=right, ocr=recognised)


def _labels_outside(grid: _Grid, free: list[_Run]) -> tuple[_Grid, list[_Run]]:
    """A ruled grid of figures alone (a form's answer boxes), given the labels printed outside its rulings.

    Each row's label is the text to the grid's left at the row's height; the column heads
    are the text just above the grid, over its columns. Without labels for most rows the
    grid is left as it is.
    """
    if len(grid.row_spans) < 2 or any(cell and not _VALUE.match(cell) for row in grid.rows for cell in row):
        return grid, []
    labels: list[list[_Run]] = [[] for _ in grid.rows]
    for run in free:
        if run.right <= grid.box[0] + 2:
            mid = (run.top + run.bottom) / 2
            k = next((k for k, (top, bottom) in enumerate(grid.row_spans) if top <= mid <= bottom), None)
            if k is not None:
                labels[k].append(run)
    if 2 * sum(1 for found in labels if found) <= len(labels):
        return grid, []
    used = [run for found in labels for run in found]
    rows = [
        [" ".join(r.text for r in sorted(found, key=lambda r: r.left)), *row]
        for found, row in zip(labels, grid.rows, strict=True)
    ]
    height = grid.row_spans[0][1] - grid.row_spans[0][0]
    above = [
        r
        for r in free
        if grid.box[1] - 1.5 * height <= r.bottom <= grid.box[1] + 1
        and r.left >= grid.box[0] - 2
        and r.right <= grid.box[2] + 2
    ]
    top = grid.top
    if above:
        heads = [""] * len(grid.xs)
        for run in sorted(above, key=lambda r: r.left):
            c = max((c for c, x in enumerate(grid.xs) if x <= (run.left + run.right) / 2), default=0)
            heads[c] = " ".join(p for p in (heads[c], run.text) if p)
        rows.insert(0, ["", *heads])
        used += above
        top = min(r.top for r in above)
    left = min(r.left for r in used)
    box = (left, top, grid.box[2], grid.box[3])
    return _Grid(top=top, box=box, rows=rows, xs=[left, *grid.xs], title=grid.title), used


def _outside_grids(runs: list[_Run], boxes: list[tuple[float, float, float, float]]) -> list[_Run]:
    """The runs whose middle no box holds (a table's runs are in its cells): one loop, no call per run and box."""
    free = []
    for run in runs:
        cx, cy = (run.left + run.right) / 2, (run.top + run.bottom) / 2
        for x0, top, x1, bottom in boxes:
            if x0 <= cx <= x1 and top <= cy <= bottom:
                break
        else:
            free.append(run)
    return free


def _pitch(runs: list[_Run]) -> float:
    """The page's average character width: one column of the fixed-pitch layout."""
    chars = sum(len(r.text) for r in runs)
    width = sum(r.right - r.left for r in runs)
    return max(width / chars, 1.0) if chars else 5.0


def _group_lines(runs: list[_Run]) -> list[list[_Run]]:
    """Runs that share most of a line's height, or its baseline, left to right.

    A raised apostrophe or a small capital shares the line of the letters beside it by
    height; a comma, whose box is a sliver at the foot of the line, by its baseline.
    """
    out: list[list[_Run]] = []
    bands: list[tuple[float, float, float | None]] = []  # each line's tallest run: top, bottom, baseline
    for run in sorted(runs, key=lambda r: ((r.top + r.bottom) / 2, r.left)):
        run_top, run_bottom, run_base = run.top, run.bottom, run.base
        height = run_bottom - run_top
        for k in range(len(out) - 1, max(-1, len(out) - 4), -1):
            top, bottom, base = bands[k]
            # min() and max() of two as they pick (the first unless the second is less / greater)
            tall = bottom - top
            overlap = (run_bottom if run_bottom < bottom else bottom) - (run_top if run_top > top else top)
            same_base = base is not None and run_base is not None and abs(base - run_base) <= 0.15 * tall
            if same_base or overlap >= 0.5 * (tall if tall < height else height):
                out[k].append(run)
                if height > tall:
                    bands[k] = (run_top, run_bottom, run_base if run_base is not None else base)
                break
        else:
            out.append([run])
            bands.append((run_top, run_bottom, run_base))
    return [sorted(line, key=_LEFT) for line in out]


def _place(line: list[_Run], pitch: float, margin: float, width: float = 612.0) -> str:
    """The runs of one line at the columns their positions give, so aligned columns stay aligned.

    A column is never further right than the page is wide (``width``, in points), nor
    than ``MAX_COLUMNS``: the page box is the PDF's own say, and a page declared 5e7
    points wide would otherwise pad each line with millions of spaces. A run past the
    last column is still written, after the usual gap.
    """
    text = ""
    prev_right = 0.0
    prev_trail = prev_soft = False
    last_column = min(int(max(width, 0.0) / pitch) + 1, MAX_COLUMNS)
    for run in line:
        column = min(max(round((run.left - margin) / pitch), 0), last_column)
        if text and prev_right - run.left > 0.5 * (run.right - run.left):
            continue  # drawn over the run before it (text printed twice to look bold): said once
        if text:
            gap = run.left - prev_right
            if gap >= 1.5 * pitch:
                spaces = max(2, column - len(text))  # a column gap: keep the column
            elif prev_soft and gap < 0.15 * pitch:
                spaces = 0  # PDFium guessed a space where the glyphs nearly touch ("r eceived")
            elif not (prev_trail or prev_soft or run.lead):
                spaces = 0  # the page's text runs on: one word drawn in pieces ("acc" "ess")
            else:
                spaces = 1
            text += " " * spaces
        else:
            text = " " * max(0, column)
        text += run.text
        prev_right = run.right
        prev_trail, prev_soft = run.trail, run.soft
    return text.rstrip()


def _ruled_tables(page: Any, reader: CellReader, to_view: Any, to_user: Any) -> list[_Grid]:
    """Tables drawn with ruling lines: pdfplumber's geometry (see ``ruling``) over PDFium's path segments."""
    try:
        lines = ruling.edges(page, to_view)
    except (ValueError, OverflowError):
        return []  # path data PDFium cannot give us: no ruled tables on this page
    if not ruling.may_cross(lines):
        return []  # no two lines each way: no cell
    found = ruling.tables(lines, MAX_CROSSINGS)
    if found is None:
        return []  # graph paper, not a table: finding cells grows with the square of the crossings
    grids: list[_Grid] = []
    for table_cells in found:
        if len(table_cells) < 2:
            continue
        shape = _shape_of(tuple(table_cells))
        rows = shape.rows
        if len(rows) < 2 or max(len(r) for r in rows) < 2:
            continue
        raw = [[_cell_text(reader, cell, to_user) for cell in row] for row in rows]
        grid = _grid(shape, raw)
        if grid is not None:
            grids.append(grid)
    return grids


def _grid(shape: _Shape, raw: list[list[str]]) -> _Grid | None:
    """A ruled table from its cells' text (drawn or scanned alike): a cell across the top is its title.

    None when tidying leaves fewer than two columns.
    """
    rows, heights = shape.rows, shape.heights
    x0, top, x1, bottom = shape.box
    title = None
    if len(rows) >= 3 and raw[0][0] and rows[0][0][2] >= x1 - 1:  # one cell across the top: the table's title
        title, heights, raw = raw[0][0], heights[1:], raw[1:]
    texts, xs = _tidy(raw, list(shape.lefts))
    if not texts or max(len(r) for r in texts) < 2:
        return None
    spans = [height for height, cells in zip(heights, raw, strict=True) if any(cells)]
    return _Grid(
        top=top,
        box=(x0, top, x1, bottom),
        rows=texts,
        xs=xs,
        form=_form_box(texts),
        row_spans=spans if len(spans) == len(texts) else [],
        title=title,
    )


_FIGURE = re.compile(r"^[£$€]?\d[\d,.]*%?$")
_VALUE = re.compile(r"^(?:[£$€]?-?\d[\d,.]*%?|[<>]\s?\d+|\*+|-|–|n/?a)$", re.IGNORECASE)  # a count, or a suppressed one
_YEAR = re.compile(r"^(?:19|20)\d\d(?:\s?[/-]\s?(?:19|20)?\d\d)?$")
_FORM_LABEL = re.compile(r"^[^\W\d][\w '’/()-]{0,40}:")  # "Your request:", "Date received:" opening a cell
_PROSE_WORDS = 40  # a cell this long is a paragraph: the grid around it lays out a form, not figures


def _form_box(rows: list[list[str]]) -> bool:
    """A ruled grid that frames a letter's paragraphs (a request quoted in a box), not a table.

    A cell holds a paragraph, none of its rows under the first holds a figure, and its
    left cells open with a form's labels ("Your request: ...") or there are no more than two rows.
    """
    if len(rows) > 5 or not any(len(cell.split()) >= _PROSE_WORDS for row in rows for cell in row):
        return False
    if any(_VALUE.match(cell) for row in rows[1:] for cell in row[1:]):
        return False
    return len(rows) <= 2 or all(_FORM_LABEL.match(row[0]) for row in rows if row[0])


def _data_row(row: list[str] | tuple[str, ...]) -> bool:
    """A row of a label and figures: a form's or a header-less table's first row, not a header.

    Years are a header's words ("2022", "2023/24"), not figures.
    """
    cells = [cell for cell in row[1:] if cell]
    return bool(row[0]) and bool(cells) and all(_VALUE.match(c) and not _YEAR.match(c) for c in cells)


def _tidy(rows: list[list[str]], xs: list[float]) -> tuple[list[list[str]], list[float]]:
    """Undo what ruling lines do to a grid of text: split columns, and header cells broken into rows.

    * A column empty in every row is a sliver between two rulings: dropped.
    * A column with no header beside one with a header, never both filled in one row, is one
      column drawn as two (a cell spanning both in the header): joined.
    * Rows under the header with an empty first cell and no figures are the header's words
      wrapped inside its cells ("Brampton" / "War" / "Memorial"): joined into the header.

    ``xs`` (each column's left edge) follows the columns, so a table continued on the next
    page can be lined up with this one.
    """
    width = max((len(r) for r in rows), default=0)
    rows = [r + [""] * (width - len(r)) for r in rows]
    rows = [r for r in rows if any(r)]  # a ruled row left empty
    keep = [c for c in range(width) if any(r[c] for r in rows)]
    rows = [[r[c] for c in keep] for r in rows]
    xs = [xs[c] for c in keep]
    # A headless column filled in at most one row of a long table is text spilled over a
    # ruling: it joins the column beside it, so nothing is lost and the rows keep their labels.
    c = 0
    while len(rows) >= 5 and c < len(rows[0]) and len(rows[0]) > 2:
        filled = [k for k, r in enumerate(rows) if r[c]]
        if not rows[0][c] and len(filled) <= 1:
            other = c + 1 if c + 1 < len(rows[0]) else c - 1
            for k in filled:
                rows[k][other] = " ".join(p for p in (rows[k][c], rows[k][other]) if p)
            rows = [[*r[:c], *r[c + 1 :]] for r in rows]
            del xs[c]
            continue
        c += 1
    c = 0
    while rows and c + 1 < len(rows[0]):
        left, right = [r[c] for r in rows], [r[c + 1] for r in rows]
        lone = not rows[0][c] or not rows[0][c + 1]
        if lone and not any(a and b for a, b in zip(left, right, strict=True)):
            rows = [[*r[:c], r[c] or r[c + 1], *r[c + 2 :]] for r in rows]
            del xs[c + 1]
            continue
        c += 1
    while len(rows) > 2 and not rows[1][0] and not any(_FIGURE.match(cell) for cell in rows[1]):
        rows[0] = [" ".join(p for p in (a, b) if p) for a, b in zip(rows[0], rows[1], strict=True)]
        del rows[1]
    return rows, xs


_Cell = tuple[float, float, float, float]


@dataclass(frozen=True)
class _Shape:
    """A ruled table's cells laid out: what its text does not change."""

    rows: tuple[tuple[_Cell, ...], ...]  # see _rows_of
    lefts: tuple[float, ...]  # each column's left edge
    heights: tuple[tuple[float, float], ...]  # each row's top and bottom
    box: _Cell  # the table's box


def _shaped(cells: tuple[_Cell, ...]) -> _Shape:
    rows = _rows_of(cells)
    return _Shape(
        rows=tuple(tuple(row) for row in rows),
        lefts=tuple(min(row[c][0] for row in rows) for c in range(len(rows[0]))),
        heights=tuple((min(c[1] for c in row), max(c[3] for c in row)) for row in rows),
        box=(min(c[0] for c in cells), min(c[1] for c in cells), max(c[2] for c in cells), max(c[3] for c in cells)),
    )


# A table drawn again (the same grid on each page of an annex) is laid out once; tables of
# more cells than this are laid out afresh, so what is kept stays small.
_SHAPES_KEPT = 1000
_shapes_remembered = functools.lru_cache(maxsize=32)(_shaped)


def _shape_of(cells: tuple[_Cell, ...]) -> _Shape:
    return _shapes_remembered(cells) if len(cells) <= _SHAPES_KEPT else _shaped(cells)


def _rows_of(cells: tuple[_Cell, ...]) -> list[list[_Cell]]:
    """Cells grouped into rows by their top, each row left to right; columns aligned across rows."""
    xs = sorted({round(c[0], 1) for c in cells})
    rows: dict[float, dict[float, _Cell]] = {}
    for cell in cells:
        rows.setdefault(round(cell[1], 1), {})[round(cell[0], 1)] = cell
    out = []
    for top in sorted(rows):
        row = rows[top]
        out.append([row.get(x, (x, top, x, top)) for x in xs])
    return out


def _cell_text(reader: CellReader, cell: tuple[float, float, float, float], to_user: Any) -> str:
    """The text inside a cell (given in the page's view), as PDFium gives it for the box in user space."""
    x0, top, x1, bottom = cell
    if x1 - x0 < 0.5 or bottom - top < 0.5:
        return ""  # a gap left by a cell spanning columns
    inset = min(2.0, (bottom - top) / 4)  # keep out the descenders of the line above the rule
    return reader.text(to_user(x0 + inset, top + inset, x1 - inset, bottom - inset))


def _document(pages: list[_Page], data: bytes, name: str | None, count: int) -> Document:
    furniture_lines = _furniture(pages)
    pieces: list[str] = []
    size = 0
    tables: list[Table] = []
    furniture: list[Span] = []
    page_starts: list[int] = []
    prev_xs: list[float] = []
    prev_page = 0
    prev_wide: _Grid | None = None  # the last table, when it reaches the right margin: it may go on beside
    ocr_lines: list[OcrLine] = []
    for k, page in enumerate(pages):
        if k:
            pieces.append(PAGE_BREAK + "\n")
            size += 2
        page_starts.append(size)
        starts: list[int] = []
        for i, line in enumerate(page.lines):
            marked = (k, i) in furniture_lines
            if marked and i > 0:
                pieces.append("\n")  # a blank line before a footer keeps it out of the paragraph above
                size += 1
            starts.append(size)
            pieces.append(line + "\n")
            if i in page.ocr:
                box, confidence = page.ocr[i]
                span = (size + len(line) - len(line.lstrip()), size + len(line))
                ocr_lines.append(OcrLine(span, page.number, box, round(confidence, 4)))
            size += len(line) + 1
            if marked:
                furniture.append((size - len(line) - 1, size - 1))
                if i + 1 < len(page.lines):
                    pieces.append("\n")  # and a blank line after a header
                    size += 1
        for first, last, grid in page.tables:
            if grid.form:
                continue
            end = starts[last] + len(page.lines[last])
            prev = tables[-1] if tables and prev_page == page.number - 1 else None
            if prev is not None and first - bool(grid.title) <= _first_content(page, furniture_lines, k):
                joined = _joined(prev, prev_xs, prev_wide, grid, end, page.number)
                if joined is not None:
                    tables[-1] = joined
                    prev_page, prev_wide = page.number, None
                    continue
            title = grid.title or _heading_above(page, first, {i for kk, i in furniture_lines if kk == k})
            tables.append(_table(grid, (starts[first], end), page.number, title))
            prev_xs, prev_page = grid.xs, page.number
            prev_wide = grid if grid.box[2] >= max(page.right - _SLACK, _WIDE * page.width) else None
    text = "".join(pieces)
    if not text.strip():
        raise EmptyInputError("empty input: the PDF has no text", path=name)
    converter = next((page.converter for page in pages if page.converter and page.ocr), None)
    source = Source(
        name=name,
        format="pdf",
        sha256=hashlib.sha256(data).hexdigest(),
        bytes=len(data),
        pages=count,
        converter=converter,
    )
    dropped = sum(page.dropped for page in pages)
    warnings: tuple[ParseWarning, ...] = (
        (ParseWarning("text_off_page", f"{dropped:,} text run(s) drawn outside the page were left out"),)
        if dropped
        else ()
    )
    unread = [page for page in pages if page.unread]
    if unread:
        numbers = ", ".join(str(page.number) for page in unread)
        why = f"page(s) {numbers} hold no text but an image, left unread: {unread[0].unread}"
        warnings += (ParseWarning("ocr_unavailable", why),)
    return Document(
        text=text,
        source=source,
        tables=tuple(tables),
        warnings=warnings,
        page_starts=tuple(page_starts),
        furniture=tuple(furniture),
        ocr_lines=tuple(ocr_lines),
    )


def _table(grid: _Grid, span: Span, page: int, title: str | None = None) -> Table:
    """A ruled grid as a table: its first row is the header, unless it is a label and figures."""
    header: tuple[str, ...] = () if _headless(grid.rows) else tuple(grid.rows[0])
    rows = tuple(tuple(r) for r in grid.rows[1 if header else 0 :])
    return Table(title=title, columns=header, rows=rows, span=span, page=page, row_pages=(page,) * len(rows))


_MAX_TITLE = 80


def _heading_above(page: _Page, first: int, furniture: set[int]) -> str | None:
    """The line just above a table when it reads as its title ("Section B: Visits"), not as prose.

    A title is a short line standing alone. Not a sentence or its last line (it ends
    ``.`` ``,`` ``;`` ``:``, starts in lower case, or has a line of its paragraph above it),
    a running header, a line further up than the one blank line a table stands apart by,
    or another table's row.
    """
    i = first - 1
    if i >= 0 and not page.lines[i].strip():
        i -= 1
    if i < 0 or i in furniture or not page.lines[i].strip() or any(a <= i <= b for a, b, _ in page.tables):
        return None
    if i > 0 and page.lines[i - 1].strip() and i - 1 not in furniture:
        return None
    text = " ".join(page.lines[i].split())
    return text if len(text) <= _MAX_TITLE and text[-1] not in ".,;:" and not text[0].islower() else None


def _headless(rows: list[list[str]]) -> bool:
    """A grid whose first two rows are both data rows (a form's boxes, a continued table): no header."""
    return _data_row(rows[0]) and (len(rows) < 2 or _data_row(rows[1]))


def _joined(prev: Table, xs: list[float] | None, wide: _Grid | None, grid: _Grid, end: int, page: int) -> Table | None:
    """``prev`` with the grid at the top of the next page joined to it, or None if it is a table of its own.

    Two ways a table goes on over a page: beside itself, when it was too wide and the
    next page holds its further columns for the same row labels (``wide``: it reached
    the right margin); or below itself, its further rows in the same columns (``xs``,
    the columns' left edges), with its header repeated or not at all.
    """
    beside = _beside(prev, grid, end) if wide is not None else None
    if beside is not None:
        return beside
    lined_up = _line_up(grid.xs, xs) if xs else None
    if lined_up is None or (grid.rows[0] != list(prev.columns) and _own_header(grid.rows[0], prev, lined_up)):
        return None
    width = max(len(prev.columns), len(prev.rows[0]) if prev.rows else 0)
    more: list[tuple[str, ...]] = []
    for row in grid.rows:
        cells = [""] * width
        for c, cell in zip(lined_up, row, strict=True):
            cells[c] = cell
        if tuple(cells) != prev.columns:  # a header repeated on the new page
            more.append(tuple(cells))
    rows = prev.rows
    if more and rows and _broken(rows[-1], more[0]):
        rows = (*rows[:-1], tuple(" ".join(p for p in pair if p) for pair in zip(rows[-1], more.pop(0), strict=True)))
    return Table(
        prev.title,
        prev.columns,
        rows + tuple(more),
        (prev.span[0], end),
        prev.page,
        prev.row_pages + (page,) * len(more),
    )


def _broken(last: tuple[str, ...], first: tuple[str, ...]) -> bool:
    """The first row on the new page is the rest of the last row on the page before, cut by the page's end.

    Its label runs on in lower case ("action but evidential ...") and it holds no figure:
    the figures were in the row's first part.
    """
    return bool(first[0][:1].islower() and last[0]) and not any(c and _VALUE.match(c) for c in first[1:])


def _beside(prev: Table, grid: _Grid, end: int) -> Table | None:
    """A wide table's next slice of columns joined on the right, where its row labels repeat in order."""
    header = () if _headless(grid.rows) else tuple(grid.rows[0])
    body = grid.rows[1 if header else 0 :]
    if bool(header) != bool(prev.columns) or len(body) != len(prev.rows) or len(body) < 2:
        return None
    if header and _fold(header[0]) != _fold(prev.columns[0]) and header[0]:
        return None
    if not all(
        row and old and _fold(row[0]) == _fold(old[0]) and row[0] for row, old in zip(body, prev.rows, strict=True)
    ):
        return None
    columns = prev.columns + header[1:]
    rows = tuple(old + tuple(row[1:]) for old, row in zip(prev.rows, body, strict=True))
    return Table(prev.title, columns, rows, (prev.span[0], end), prev.page, prev.row_pages)


def _fold(label: str) -> str:
    return " ".join(label.casefold().split())


def _own_header(row: list[str], prev: Table, lined_up: list[int]) -> bool:
    """The first row on the new page is a header of a new table, not a row continuing ``prev``.

    Every cell beside its label is words, and one stands in a column where ``prev``
    holds figures ("Crew" over counts), or is a year unlike the year heading that column.
    """
    cells = [(c, cell) for c, cell in zip(lined_up, row, strict=True) if c and cell]
    if not cells or any(_VALUE.match(cell) and not _YEAR.match(cell) for _, cell in cells):
        return False
    for c, cell in cells:
        column = [r[c] for r in prev.rows if c < len(r) and r[c]]
        if _YEAR.match(cell):
            if c < len(prev.columns) and _YEAR.match(prev.columns[c]) and cell != prev.columns[c]:
                return True
        elif 2 * sum(1 for v in column if _VALUE.match(v)) > len(column):
            return True
    return False


def _furniture(pages: list[_Page]) -> set[tuple[int, int]]:
    """Lines at the top or bottom of most pages that repeat (numbers aside): headers and footers.

    Not the rows of an unruled table going on over the page ("Ward 34  16  0" is "Ward #  #  #"
    like the rows above it): a line whose shape recurs within a page, or in the page's body,
    is content.
    """
    if len(pages) < 2:
        return set()
    seen: dict[tuple[str, str], list[tuple[int, int]]] = {}
    windows: list[set[int]] = []
    for k, page in enumerate(pages):
        table_lines = {i for first, last, _ in page.tables for i in range(first, last + 1)}
        filled = [i for i, line in enumerate(page.lines) if line.strip() and i not in table_lines]
        top = [i for i in filled[:_FURNITURE_LINES] if not table_lines or i < min(table_lines)]
        bottom = [i for i in filled[-_FURNITURE_LINES:] if not table_lines or i > max(table_lines)]
        for end, indices in (("top", top), ("bottom", bottom)):
            for i in indices:
                key = _DIGITS.sub("#", " ".join(page.lines[i].split()))
                if len(key) <= 60:  # running heads are short; a repeated sentence of the letter is not one
                    seen.setdefault((end, key), []).append((k, i))
        windows.append({*top, *bottom, *table_lines})
    least = max(2, (len(pages) + 1) // 2)
    found = {key: where for key, where in seen.items() if len({k for k, _ in where}) >= least}
    shapes = {key for _, key in found}
    body: dict[str, int] = {}  # how often each found shape stands in the pages' other lines
    for k, page in enumerate(pages) if shapes else ():
        for i, line in enumerate(page.lines):
            if i not in windows[k] and line.strip() and len(line) <= 200:
                key = _DIGITS.sub("#", " ".join(line.split()))
                if key in shapes:
                    body[key] = body.get(key, 0) + 1
    marked: set[tuple[int, int]] = set()
    for (_, key), where in found.items():
        if len({k for k, _ in where}) == len(where) and body.get(key, 0) < 2:
            marked.update(where)
    return marked


def _line_up(xs: list[float], prev_xs: list[float], tolerance: float = 6.0) -> list[int] | None:
    """For each column, the column of the previous table at the same left edge; None if any has none."""
    out = []
    for x in xs:
        near = min(range(len(prev_xs)), key=lambda c: abs(prev_xs[c] - x), default=None)
        if near is None or abs(prev_xs[near] - x) > tolerance or near in out:
            return None
        out.append(near)
    return out


def _first_content(page: _Page, furniture: set[tuple[int, int]], k: int) -> int:
    """The first line of a page that is neither blank nor a running header."""
    return next((i for i, line in enumerate(page.lines) if line.strip() and (k, i) not in furniture), 0)
