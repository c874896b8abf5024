"""OCR engines for page images: words (or lines) with their boxes in pixels and a confidence.

Each engine is one small class behind the same two calls (``recognise`` and ``name``), so
the PDF reader does not care which one read the page. Both are optional extras
(``foiparse[ocr]``: Tesseract, the default; ``foiparse[rapidocr]``); an engine is made
once per process and kept, since loading a model costs more than reading a page.
"""

from __future__ import annotations

import functools
import glob
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

        tess = self._tesserocr
        api = self._api
        grey = ImageOps.autocontrast(image.convert("L"), cutoff=(0, 1))  # grey paper white (not speckles black)
        api.SetImage(without_rulings(grey))
        try:
            api.Recognize()
            found: list[tuple[str, Box, float, int]] = []
            slopes: list[float] = []  # each line's slope
            word_level, line_level = tess.RIL.WORD, tess.RIL.TEXTLINE
            for item in tess.iterate_level(api.GetIterator(), word_level):
                if item.IsAtBeginningOf(line_level) or not slopes:
                    baseline = item.Baseline(line_level)
                    (x1, y1), (x2, y2) = baseline if baseline else ((0, 0), (1, 0))
                    slopes.append((y2 - y1) / (x2 - x1) if x2 != x1 else 0.0)
                text = (item.GetUTF8Text(word_level) or "").strip()
                box = item.BoundingBox(word_level)
                if text and box:
                    left, top, right, bottom = (float(v) for v in box)
                    confidence = item.Confidence(word_level) / 100.0
                    found.append((text, (left, top, right, bottom), confidence, len(slopes) - 1))
            return _with_lines(found, slopes, image.size)
        finally:
            api.Clear()


RULING = 60  # pixels: a straight dark run this long, across or down, is a ruling line, not a letter's stroke
INK = 160  # grey levels below this are ink


def without_rulings(image: Image) -> Image:
    """A greyscale page with its ruling lines painted over as paper.

    Tesseract reads a table's grid as characters ("|", "_", "—") and then loses the words
    between them: on the scanned ruled-table letters it found 64% of the words, and 99% with
    the lines painted out (``benchmarks/ocr_bench.py``). A run of ink at least ``RULING``
    pixels long, across or down, and the pixel beside it either way, becomes paper. Each
    direction is two running sums over the page, no per-pixel Python. Without numpy (it is
    in the ``ocr`` extra) the page is left as it is.
    """
    try:
        import numpy as np
    except ImportError:  # pragma: no cover - numpy comes with the ocr extra
        return image
    from PIL import Image as PilImage

    pixels = np.asarray(image)
    dark = pixels < INK
    lines = _long_runs(dark, RULING) | _long_runs(dark.T, RULING).T
    if not lines.any():
        return image
    grown = lines.copy()  # the line's soft edge: one pixel more each way
    grown[1:, :] |= lines[:-1, :]
    grown[:-1, :] |= lines[1:, :]
    grown[:, 1:] |= lines[:, :-1]
    grown[:, :-1] |= lines[:, 1:]
    return PilImage.fromarray(np.where(grown, np.uint8(255), pixels))


def _long_runs(dark: Any, length: int) -> Any:
    """The pixels of ``dark`` (2-D, bool) inside a horizontal run of at least ``length`` dark pixels."""
    import numpy as np

    height, width = dark.shape
    if width < length:
        return np.zeros_like(dark)
    sums = np.zeros((height, width + 1), np.int32)
    np.cumsum(dark, axis=1, dtype=np.int32, out=sums[:, 1:])
    full = (sums[:, length:] - sums[:, :-length]) == length  # a run of ``length`` begins at each True
    # A pixel is covered when a full run begins at most ``length - 1`` before it: pad the starts
    # with ``length - 1`` empty places on both sides and sum a window of ``length`` of them.
    padded = np.zeros((height, full.shape[1] + 2 * (length - 1) + 1), np.int32)
    np.cumsum(full, axis=1, dtype=np.int32, out=padded[:, length : length + full.shape[1]])
    padded[:, length + full.shape[1] :] = padded[:, length + full.shape[1] - 1 : length + full.shape[1]]
    return (padded[:, length : length + width] - padded[:, :width]) > 0


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
