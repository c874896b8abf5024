"""OCR engines for page images: words (or lines) with their boxes in pixels and a confidence.

Each engine is one small class behind the same two calls (``recognise`` and ``name``), so
the PDF reader does not care which one read the page. Both are optional extras
(``foiparse[ocr]``: Tesseract, the default; ``foiparse[rapidocr]``); an engine is made
once per process and kept, since loading a model costs more than reading a page.
"""

from __future__ import annotations

import functools
import glob
import math
import os
import statistics
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from foiparse.errors import MissingBackendError

if TYPE_CHECKING:
    from PIL.Image import Image

Box = tuple[float, float, float, float]  # left, top, right, bottom

DEFAULT_ENGINE = "tesseract"
INSTALL = "pip install 'foiparse[ocr]'"
INSTALL_RAPIDOCR = "pip install 'foiparse[rapidocr]'"
TESSDATA_PACKAGE = "apt-get install tesseract-ocr-eng"
REREAD = 0.5  # a line Tesseract reads with a mean confidence under this is read again on its own
REREAD_MARGIN = 4  # pixels of paper round a line read again
REREAD_MOST = 10  # lines read again on a page, at most (a photograph's page is all unsure lines)
_TESSDATA_DIRS = (
    "/usr/share/tesseract-ocr/*/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
    "/usr/local/share/tesseract-ocr/*/tessdata",
    "/opt/homebrew/share/tessdata",
)


@dataclass(frozen=True, slots=True)
class Word:
    """A word (or a line, for engines that give no words) recognised on an image.

    ``box`` is where it stands on the image, in pixels. ``straight``, when the engine
    says, is where it would stand with the scan's skew turned back, as tall as its line:
    the reader lays words out by it, so the words of one line share one height.
    """

    text: str
    box: Box
    confidence: float  # 0 to 1
    straight: Box | None = None


class Engine(Protocol):
    """An OCR engine: an image in, its words out, top to bottom."""

    name: str

    def recognise(self, image: Image) -> list[Word]:
        """The words on ``image`` (boxes in its pixels), in the engine's reading order."""
        ...


class Tesseract:
    """Tesseract through tesserocr (its wheel bundles libtesseract; the language data comes from the system)."""

    name = "tesseract"

    def __init__(self) -> None:
        try:
            import tesserocr  # type: ignore[import-untyped,import-not-found,unused-ignore]
        except ImportError as exc:
            raise MissingBackendError(f"OCR with Tesseract needs tesserocr: {INSTALL}") from exc
        data = _tessdata()
        if data is None:
            raise MissingBackendError(
                f"OCR with Tesseract needs its English data: {TESSDATA_PACKAGE} (or set TESSDATA_PREFIX)"
            )
        self._tesserocr = tesserocr
        # One uniform block: the reader lays words out by their positions itself, and the
        # automatic page analysis drops lone figures in a table's column ("7" beside its label).
        self._api = tesserocr.PyTessBaseAPI(path=data, lang="eng", psm=tesserocr.PSM.SINGLE_BLOCK)
        # "!" is the classifier's usual misreading of a capital I ("FO! 24/311"), and a reply
        # to a request almost never exclaims: Tesseract picks its next best reading instead.
        self._api.SetVariable("tessedit_char_blacklist", "!")

    def recognise(self, image: Image) -> list[Word]:
        """Words, each with its box and its straightened box (see ``_with_lines``)."""
        from PIL import ImageOps

        api = self._api
        grey = ImageOps.autocontrast(image.convert("L"), cutoff=(0, 1))  # grey paper white (not speckles black)
        api.SetImage(without_rulings(grey))
        try:
            api.Recognize()
            slopes: list[float] = []  # each line's slope
            found = self._words(slopes)
            return _with_lines(self._reread(found, slopes, image.size), slopes, image.size)
        finally:
            api.Clear()

    def _words(self, slopes: list[float]) -> list[tuple[str, Box, float, int]]:
        """The words last recognised, each with its line's number in ``slopes`` (which it extends)."""
        tess = self._tesserocr
        found: list[tuple[str, Box, float, int]] = []
        word_level, line_level = tess.RIL.WORD, tess.RIL.TEXTLINE
        first = True
        for item in tess.iterate_level(self._api.GetIterator(), word_level):
            if item.IsAtBeginningOf(line_level) or first:
                first = False
                baseline = item.Baseline(line_level)
                (x1, y1), (x2, y2) = baseline if baseline else ((0, 0), (1, 0))
                slopes.append((y2 - y1) / (x2 - x1) if x2 != x1 else 0.0)
            try:
                text = (item.GetUTF8Text(word_level) or "").strip()
            except RuntimeError:  # tesserocr's "No text returned": an empty word
                continue
            box = item.BoundingBox(word_level)
            if text and box:
                left, top, right, bottom = (float(v) for v in box)
                confidence = item.Confidence(word_level) / 100.0
                found.append((text, (left, top, right, bottom), confidence, len(slopes) - 1))
        return found

    def _reread(
        self, found: list[tuple[str, Box, float, int]], slopes: list[float], size: tuple[int, int]
    ) -> list[tuple[str, Box, float, int]]:
        """The words, each line read with too little confidence read again on its own, if that reads better.

        Tesseract finds a page's lines once for its whole block, and now and then runs two
        close lines into one (a wrapped sentence and its last word, under a table, on the
        150 dpi ruled letter), read as noise at a confidence under ``REREAD``: alone, in its
        box, the two lines come apart and read right. The page stays as it is in the engine.
        """
        lines: dict[int, list[tuple[str, Box, float, int]]] = {}
        for word in found:
            lines.setdefault(word[3], []).append(word)
        better: dict[int, list[tuple[str, Box, float, int]]] = {}
        means = {k: statistics.fmean(w[2] for w in words) for k, words in lines.items()}
        for k in [k for k, mean in means.items() if mean < REREAD][:REREAD_MOST]:
            words, mean = lines[k], means[k]
            left = max(int(min(w[1][0] for w in words)) - REREAD_MARGIN, 0)
            top = max(int(min(w[1][1] for w in words)) - REREAD_MARGIN, 0)
            right = min(int(max(w[1][2] for w in words)) + REREAD_MARGIN, size[0])
            bottom = min(int(max(w[1][3] for w in words)) + REREAD_MARGIN, size[1])
            self._api.SetRectangle(left, top, right - left, bottom - top)
            self._api.Recognize()
            more: list[float] = []
            again = self._words(more)
            if again and statistics.fmean(w[2] for w in again) > mean:
                better[k] = [(text, box, conf, line + len(slopes)) for text, box, conf, line in again]
                slopes.extend(more)
        if not better:
            return found
        out: list[tuple[str, Box, float, int]] = []
        for k, words in lines.items():  # lines in reading order, as dicts keep it
            out.extend(better.get(k, words))
        return out


RULING = 60  # pixels: a straight dark run this long, across or down, is a ruling line, not a letter's stroke
INK = 160  # grey levels below this are ink
BESIDE = 4  # pixels: a line's paper is this far above and below it (or either side), past its blurred edge
CONTRAST = 50  # grey levels: a pixel this much darker than the paper both sides of it is a line's ink, if grey
HALO = 3  # pixels: a painted line's grey fringe, lighter than ink, this far either side of it is painted too
# pixels: the paper beside a thick line (a 2-3 pt border at 300 dpi), looked for where none is ``BESIDE`` away
THICK = (8, 12)
CORE = 2  # pixels: a thick line's ink goes on this far above and below its middle (5 pixels thick at least)
SLENDER = 8  # a thick line is at least this many times as long as the thickest line its paper allows


def without_rulings(image: Image) -> Image:
    """A greyscale page with its ruling lines painted over as paper.

    Tesseract reads a table's grid as characters ("|", "_", "—") and then loses the words
    between them: on the scanned ruled-table letters it found 64% of the words, and 99% with
    the lines painted out (``benchmarks/ocr_bench.py``). A run of a line's ink (``_line_ink``:
    darker than the paper either side of it, not darker than a level) at least ``RULING``
    pixels long, across or down, and the pixel beside it either way, becomes paper; so do
    the line's grey fringe out to ``HALO`` pixels (a thin line scanned at 150 dpi is a
    blur: its fringe left, Tesseract still misread the table) and where two lines cross. A
    thick line (a 2-3 pt border at 300 dpi) is found as ``_ruling_runs`` says, and painted whole.
    Whole rows at a time, no per-pixel Python. Without numpy (it is in the ``ocr`` extra)
    the page is left as it is.
    """
    try:
        import numpy as np
    except ImportError:  # pragma: no cover - numpy comes with the ocr extra
        return image
    from PIL import Image as PilImage

    pixels = np.asarray(image)
    across, down = _ruling_runs(pixels)
    lines = across | down
    if not lines.any():
        return image
    # Only the box round the lines is looked at again: a table is a small part of a page.
    rows, cols = np.flatnonzero(lines.any(axis=1)), np.flatnonzero(lines.any(axis=0))
    top, left = max(int(rows[0]) - HALO, 0), max(int(cols[0]) - HALO, 0)
    box = np.s_[top : int(rows[-1]) + HALO + 1, left : int(cols[-1]) + HALO + 1]
    across, down, lines, seen = across[box], down[box], lines[box], pixels[box]
    paint = lines.copy()  # the line's soft edge: one pixel more each way
    paint[1:, :] |= lines[:-1, :]
    paint[:-1, :] |= lines[1:, :]
    paint[:, 1:] |= lines[:, :-1]
    paint[:, :-1] |= lines[:, 1:]
    # A blurred line's grey fringe, wider than that, is paper too, but not ink beside it (a
    # letter's stroke); where two lines cross, all of it (a dot left there is read as a mark).
    near_across, near_down = across.copy(), down.copy()
    for step in range(1, HALO + 1):
        near_across[step:, :] |= across[:-step, :]
        near_across[:-step, :] |= across[step:, :]
        near_down[:, step:] |= down[:, :-step]
        near_down[:, :-step] |= down[:, step:]
    paint |= ((near_across | near_down) & (seen >= INK)) | (near_across & near_down)
    out = pixels.copy()
    out[box][paint] = 255
    return PilImage.fromarray(out)


Segment = tuple[float, float, float, float]  # x0, top, x1, bottom in pixels: a ruling line (top == bottom across)
MAX_RULING_RUNS = 20_000  # more dark runs than this in the rulings is a picture or a texture, not a table's grid


def rulings(image: Image) -> tuple[list[Segment], list[Segment]]:
    """The page's ruling lines as straight segments in pixels, across and down: one per line drawn.

    The pixels ``without_rulings`` paints out (on the same contrast the engine sees), each
    line's runs joined with those touching them into one line: a skewed line is a
    staircase of runs, each step touching the next. The page's skew (the lines' median
    slope) is turned back about its centre, as ``_with_lines`` turns the words' boxes, so
    a skewed grid's lines meet where they were drawn to, and the cells they make hold the
    words' straightened boxes. These go to the same table geometry as a text PDF's drawn
    lines (``ruling.tables``).
    """
    try:
        import numpy as np
    except ImportError:  # pragma: no cover - numpy comes with the ocr extra
        return [], []
    from PIL import Image as PilImage
    from PIL import ImageOps

    grey = ImageOps.autocontrast(image.convert("L"), cutoff=(0, 1))
    across, down, slope = _lines_and_slope(np.asarray(grey))
    if abs(slope) * max(image.size) >= 1:
        # A skewed line is a staircase whose steps may be shorter than a ruling's run (the
        # ends of a cell's wall lost): the lines are found again on the page turned straight.
        grey = grey.rotate(math.degrees(math.atan(slope)), resample=PilImage.Resampling.BILINEAR, fillcolor=255)
        across, down, slope = _lines_and_slope(np.asarray(grey))
    cx, cy = image.size[0] / 2, image.size[1] / 2

    def straight(x: float, y: float) -> tuple[float, float]:
        return x + slope * (y - cy), y - slope * (x - cx)

    out: tuple[list[Segment], list[Segment]] = ([], [])
    for x0, x1, middle, at, line_slope in across:
        (a, top), (b, bottom) = (straight(x, middle + line_slope * (x - at)) for x in (x0, x1))
        out[0].append((a, (top + bottom) / 2, b, (top + bottom) / 2))
    for y0, y1, middle, at, line_slope in down:
        (left, a), (right, b) = (straight(middle + line_slope * (y - at), y) for y in (y0, y1))
        out[1].append(((left + right) / 2, a, (left + right) / 2, b))
    return out


def _lines_and_slope(pixels: Any) -> tuple[list[_Line], list[_Line], float]:
    """The lines across and down (x and y swapped) on the page ``pixels``, and their median slope (0 without lines)."""
    import numpy as np

    across_mask, down_mask = _ruling_runs(pixels)
    across = _lines(across_mask)
    down = _lines(np.ascontiguousarray(down_mask.T))
    slopes = [line[4] for line in across] or [-line[4] for line in down]
    return across, down, statistics.median(slopes) if slopes else 0.0


_Line = tuple[float, float, float, float, float]  # first and past-last x, the middle's y and x, the slope


def _lines(mask: Any) -> list[_Line]:
    """The lines the horizontal runs of ``mask`` (2-D, bool) make, joined where they touch from row to row.

    Each as its ends (first and last pixel across, the last one's far side), its height at
    the middle of its pixels, where that middle is, and its slope (least squares).
    """
    import numpy as np

    inked = np.flatnonzero(mask.any(axis=1))  # the few rows a line crosses: the rest is not looked at again
    padded = np.zeros((len(inked), mask.shape[1] + 2), np.int8)
    padded[:, 1:-1] = mask[inked]
    steps = np.diff(padded, axis=1)
    at, starts = np.nonzero(steps == 1)
    ends = np.nonzero(steps == -1)[1] - 1  # the same order (row by row, left to right): the last pixel
    if len(at) > MAX_RULING_RUNS:
        return []
    rows = inked[at]
    runs = list(zip(rows.tolist(), starts.tolist(), ends.tolist(), strict=True))
    parent = list(range(len(runs)))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = k = parent[parent[k]]
        return k

    above: list[int] = []  # the runs of the row before
    here: list[int] = []
    row = -2
    for k, (y, x0, x1) in enumerate(runs):
        if y != row:
            above, here, row = (here if y == row + 1 else []), [], y
        for j in above:
            if runs[j][1] <= x1 + 1 and x0 <= runs[j][2] + 1:  # touching, corners too
                parent[root(j)] = root(k)
        here.append(k)
    sums: dict[int, list[float]] = {}  # per line: left, right, then sums over its pixels of 1, x, y, xx, xy
    for k, (y, x0, x1) in enumerate(runs):
        line = sums.setdefault(root(k), [x0, x1, 0.0, 0.0, 0.0, 0.0, 0.0])
        line[0], line[1] = min(line[0], x0), max(line[1], x1)
        n = x1 - x0 + 1
        sx = n * (x0 + x1) / 2
        sxx = (x1 * (x1 + 1) * (2 * x1 + 1) - (x0 - 1) * x0 * (2 * x0 - 1)) / 6
        line[2] += n
        line[3] += sx
        line[4] += n * y
        line[5] += sxx
        line[6] += sx * y
    out: list[_Line] = []
    for left, right, count, sum_x, sum_y, sum_xx, sum_xy in sums.values():
        mx, my = sum_x / count, sum_y / count
        spread = sum_xx / count - mx * mx
        out.append((float(left), right + 1.0, my, mx, (sum_xy / count - mx * my) / spread if spread > 0 else 0.0))
    return out


def _ruling_runs(pixels: Any) -> tuple[Any, Any]:
    """The pixels of the ruling lines across and down on the page ``pixels`` (2-D, uint8): two bool masks.

    Thin lines first (``_line_ink``, runs of ``RULING``); then thick ones, whose middle has
    no paper ``BESIDE`` away: each distance ``d`` of ``THICK`` finds lines up to ``2 * d - 1``
    thick, and their runs must be ``SLENDER`` times that long. A 2-3 pt border or a header's
    underline scanned at 300 dpi (8-12 pixels) is long and thin; a bold heading's letters run
    together into a bar as thick are short beside it (and broken by the gaps between letters).
    """
    import numpy as np

    ink = _line_ink(pixels)
    across = _long_runs(ink, RULING)
    down = _long_runs(np.ascontiguousarray(ink.T), RULING).T
    # A run of ink twice ``block`` long fills a block of the page's grid of that size: the rows
    # (columns) with a block all ink are the few a thick line may be on, one pass to find.
    height, width = pixels.shape
    block = min(_thick_length(d) for d in THICK) // 2
    dark = pixels < INK
    rows = dark[:, : width // block * block].reshape(height, -1, block).all(axis=2).any(axis=1)
    cols = dark[: height // block * block].reshape(-1, block, width).all(axis=1).any(axis=0)
    for d in THICK:
        _thick_runs(across, pixels, dark, rows, d)
        _thick_runs(down.T, pixels.T, dark.T, cols, d)
    return across, down


def _thick_length(d: int) -> int:
    """The shortest run of a thick line found with its paper ``d`` pixels away (up to ``2 * d - 1`` thick)."""
    return max(RULING, SLENDER * (2 * d - 1))


def _thick_runs(out: Any, pixels: Any, dark: Any, maybe: Any, d: int) -> None:
    """Adds to ``out`` the runs across of a thick line's ink: ``_line_ink``'s, with the paper ``d`` away.

    Only ink counts (darker than ``INK``, in ``dark``: a thick line's middle is dark even in a
    blurred scan; a grey shaded band is not), in runs ``_thick_length(d)`` long, and only the
    rows ``maybe`` says (bool, one per row) are looked at: on most pages none.
    """
    import numpy as np

    height, width = pixels.shape
    far, length = 2 * d, _thick_length(d)
    if height <= 2 * far or width <= 2 * far or width < length:
        return
    rows = np.flatnonzero(maybe[far:-far]) + far
    if not len(rows):
        return

    def level(at: Any) -> Any:  # the rows' grey levels, wide enough to add CONTRAST to
        return pixels[at].astype(np.int16)

    def down_at(shift: int) -> Any:  # a line down's ink (paper either side), on the rows ``shift`` below
        seen = level(rows + shift)
        thin = np.zeros(seen.shape, bool)
        thin[:, d:-d] = np.minimum(seen[:, : -2 * d], seen[:, 2 * d :]) >= seen[:, d:-d] + CONTRAST
        return thin & dark[rows + shift]

    ink = np.minimum(level(rows - d), level(rows + d)) >= level(rows) + CONTRAST  # paper above and below
    crossing = down_at(-far) | down_at(far)  # where a line down crosses it, or a letter stands on it
    crossing[:, far:-far] |= ink[:, : -2 * far] | ink[:, 2 * far :]
    ink |= crossing | down_at(0)
    ink &= dark[rows]
    runs = _long_runs(ink, length)
    # Its middle: ink ``CORE`` pixels above and below too. A thin line's blurred edge has paper
    # ``d`` away but no middle, and stays the thin line's (as ``_line_ink`` finds it).
    middle = _long_runs(runs & dark[rows - CORE] & dark[rows + CORE], length)
    if not middle.any():
        return
    found = np.zeros((height, width), bool)
    found[rows] = middle
    near = middle.copy()  # the line: its runs up to ``d`` rows from its middle
    for step in range(1, d + 1):
        near |= found[rows - step] | found[rows + step]
    out[rows] |= runs & near


def _line_ink(pixels: Any) -> Any:
    """Where a ruling line's ink may be on the page ``pixels`` (2-D, uint8): a bool mask, for runs across and down.

    Positive evidence of a thin line, not a darker threshold: a pixel ``CONTRAST`` darker
    than the paper ``BESIDE`` pixels above and below it (left and right of it, for a line
    down). A thin line scanned at 150 dpi is grey, lighter than ``INK``: it went unfound and
    unpainted, and the table came back as noise; a lighter threshold for the whole page
    takes letters' grey edges for ink. Nor is plain ink enough: a bold heading's letters
    run together into a dark bar as long as a ruling, and painting it out lost a letter.
    Where two lines cross, or a letter stands on a line, it has no paper beside it: there a
    pixel darker than paper with the other line's evidence ``2 * BESIDE`` pixels before or
    after it (the line or the letter's stroke going on) counts too.
    """
    import numpy as np

    height, width = pixels.shape
    d, far = BESIDE, 2 * BESIDE
    thin = np.zeros((height, width), bool)  # a line across (paper above and below)
    thin_down = np.zeros((height, width), bool)  # a line down (paper either side)
    if min(height, width) <= 2 * far:
        return thin
    raised = np.minimum(pixels, 255 - CONTRAST)  # each pixel's level plus CONTRAST, in uint8 ...
    raised += CONTRAST
    dim = pixels <= 255 - CONTRAST  # ... which is only right where this holds
    np.greater_equal(np.minimum(pixels[: -2 * d], pixels[2 * d :]), raised[d:-d], out=thin[d:-d])
    thin[d:-d] &= dim[d:-d]
    np.greater_equal(np.minimum(pixels[:, : -2 * d], pixels[:, 2 * d :]), raised[:, d:-d], out=thin_down[:, d:-d])
    thin_down[:, d:-d] &= dim[:, d:-d]
    ink = np.zeros((height, width), bool)  # crossings: the other line goes on before or after
    np.logical_or(thin_down[: -2 * far], thin_down[2 * far :], out=ink[far:-far])
    ink[:, far:-far] |= thin[:, : -2 * far]
    ink[:, far:-far] |= thin[:, 2 * far :]
    ink &= dim
    ink |= thin
    ink |= thin_down
    return ink


def _long_runs(dark: Any, length: int) -> Any:
    """The pixels of ``dark`` (2-D, bool) inside a horizontal run of at least ``length`` dark pixels."""
    import numpy as np

    height, width = dark.shape
    if width < length:
        return np.zeros_like(dark)
    starts = _windows(dark, length, np.logical_and)  # a run of ``length`` begins at each True
    # A pixel is covered when a run begins at most ``length - 1`` before it.
    padded = np.zeros((height, width + length - 1), bool)
    padded[:, length - 1 : length - 1 + starts.shape[1]] = starts
    return _windows(padded, length, np.logical_or)


def _windows(mask: Any, length: int, combine: Any) -> Any:
    """``combine`` (and, or) over each window of ``length`` along the rows: ``length - 1`` narrower.

    By doubling (windows of 1, 2, 4, ... then two overlapping ones): a few passes of whole
    rows, a sixth of the time of running sums.
    """
    acc, size = mask, 1
    while size * 2 <= length:
        acc = combine(acc[:, :-size], acc[:, size:])
        size *= 2
    n = mask.shape[1] - length + 1
    return acc[:, :n] if size == length else combine(acc[:, :n], acc[:, length - size : length - size + n])


def _with_lines(found: list[tuple[str, Box, float, int]], slopes: list[float], size: tuple[int, int]) -> list[Word]:
    """The words with their boxes straightened: the page's skew (its lines' median slope) turned back.

    A word's straight box spans its line's top and bottom, so the words of a line group as
    one; turned about the page's centre, so no box moves far. Without this, the left
    margin of a skewed scan drifts (lines indented by the skew) and a skewed line's box is
    taller than its letters (the space between paragraphs hidden).
    """
    slope = statistics.median(slopes) if slopes else 0.0
    cx, cy = size[0] / 2, size[1] / 2
    turned: list[Box] = []
    extents: dict[int, tuple[float, float]] = {}
    for _, (left, top, right, bottom), _, k in found:
        shift, lift = slope * ((top + bottom) / 2 - cy), slope * ((left + right) / 2 - cx)
        turned.append((left + shift, top - lift, right + shift, bottom - lift))
        low, high = extents.get(k, (top - lift, bottom - lift))
        extents[k] = (min(low, top - lift), max(high, bottom - lift))
    words = [
        Word(text, box, confidence, (straight[0], extents[k][0], straight[2], extents[k][1]))
        for (text, box, confidence, k), straight in zip(found, turned, strict=True)
    ]
    for i, word in enumerate(words[:-1]):
        after = found[i + 1]
        if word.text == "|" and after[3] == found[i][3] and after[0][:1].islower():
            words[i] = Word("I", word.box, word.confidence, word.straight)  # "| would like": the pronoun, as a bar
    return words


class RapidOcr:
    """RapidOCR on ONNX Runtime: its detection and recognition models ship inside the wheel. Gives lines, not words."""

    name = "rapidocr"

    def __init__(self) -> None:
        try:
            from rapidocr_onnxruntime import RapidOCR  # type: ignore[import-untyped,import-not-found,unused-ignore]
        except ImportError as exc:
            raise MissingBackendError(f"OCR with RapidOCR needs rapidocr-onnxruntime: {INSTALL_RAPIDOCR}") from exc
        self._engine: Any = RapidOCR()

    def recognise(self, image: Image) -> list[Word]:
        """Detected text boxes: a line, or a part of one standing apart (a table's cell)."""
        import numpy

        result, _ = self._engine(numpy.asarray(image.convert("RGB")))
        found: list[tuple[str, Box, float, int]] = []
        seen: list[Box] = []
        slopes: list[float] = []
        for corners, text, score in result or ():
            (x0, y0), (x1, y1), (x2, y2), (x3, y3) = (
                (float(x), float(y)) for x, y in corners
            )  # clockwise from top left
            if text.strip():
                slopes.append((y1 - y0) / (x1 - x0) if x1 != x0 else 0.0)
                # the box as tall as the text at its middle: a turned box's corners stand above and below it
                found.append(
                    (text.strip(), (min(x0, x3), (y0 + y1) / 2, max(x1, x2), (y2 + y3) / 2), float(score), len(found))
                )
                seen.append((min(x0, x1, x2, x3), min(y0, y1, y2, y3), max(x0, x1, x2, x3), max(y0, y1, y2, y3)))
        words = _with_lines(found, slopes, image.size)
        return [Word(w.text, box, w.confidence, w.straight) for w, box in zip(words, seen, strict=True)]


ENGINES: dict[str, type[Tesseract] | type[RapidOcr]] = {"tesseract": Tesseract, "rapidocr": RapidOcr}


def _tessdata() -> str | None:
    """The folder holding eng.traineddata: TESSDATA_PREFIX, else where Debian, Homebrew and source builds put it."""
    wanted = [os.environ["TESSDATA_PREFIX"]] if os.environ.get("TESSDATA_PREFIX") else []
    for pattern in _TESSDATA_DIRS:
        wanted.extend(sorted(glob.glob(pattern), reverse=True))  # the newest version first
    return next((d for d in wanted if os.path.isfile(os.path.join(d, "eng.traineddata"))), None)


def engine(name: str = DEFAULT_ENGINE) -> Engine:
    """The engine called ``name``, made once per process; another installed one when it is missing.

    Per process, not once: an engine made before a fork (its threads, Tesseract's page
    state) is not safe to use in the child, which gets its own.

    Raises:
        MissingBackendError: no engine is installed (the message names the install for ``name``).
    """
    return _engine(name, os.getpid())


@functools.cache
def _engine(name: str, pid: int) -> Engine:
    first: MissingBackendError | None = None
    for candidate in (name, *(n for n in ENGINES if n != name)):
        try:
            return ENGINES[candidate]()
        except MissingBackendError as exc:
            first = first or exc
    assert first is not None
    raise first


def forget() -> None:
    """Drop the engines made so far: the next call looks for what is installed again."""
    _engine.cache_clear()
