"""How to read an input: one options object, taken by the pipeline and by every reader."""

from __future__ import annotations

from dataclasses import dataclass

from foiparse.errors import FoiparseError, UnsupportedFormatError
from foiparse.limits import MAX_BYTES, MAX_CHARS, MAX_HTML_DEPTH, MAX_HTML_ELEMENTS, MAX_PAGES, MAX_SECONDS
from foiparse.model import FORMATS

OCR_MODES = ("auto", "always", "never")


@dataclass(frozen=True, slots=True)
class Options:
    """How to read an input. ``format=None`` detects it from the bytes."""

    format: str | None = None
    max_bytes: int = MAX_BYTES
    max_pages: int = MAX_PAGES  # PDF pages
    max_seconds: float = MAX_SECONDS  # reading a PDF (the command line and batches bound any input)
    max_chars: int = MAX_CHARS  # characters of document text
    max_depth: int = MAX_HTML_DEPTH  # HTML elements nested inside each other
    max_elements: int = MAX_HTML_ELEMENTS  # HTML elements in a page
    min_confidence: float = 0.0  # totals less likely than this to be answers are left out of the output
    ocr: str = "auto"  # PDF pages read from their image: "auto" (pages without text), "always", "never"

    def __post_init__(self) -> None:
        if self.format is not None and self.format not in FORMATS:
            raise UnsupportedFormatError(f"unknown format {self.format!r}; choose one of {', '.join(FORMATS)}")
        if self.max_bytes <= 0:
            raise FoiparseError(f"max_bytes must be positive, not {self.max_bytes}")
        if min(self.max_pages, self.max_seconds, self.max_chars, self.max_depth, self.max_elements) <= 0:
            raise FoiparseError(
                "every limit (max_pages, max_seconds, max_chars, max_depth, max_elements) must be positive"
            )
        if self.ocr not in OCR_MODES:
            raise FoiparseError(f"unknown ocr mode {self.ocr!r}; choose one of {', '.join(OCR_MODES)}")
        if not 0.0 <= self.min_confidence <= 1.0:  # also refuses nan, which no comparison admits
            raise FoiparseError(f"min_confidence must be between 0 and 1, not {self.min_confidence}")


DEFAULT = Options()
