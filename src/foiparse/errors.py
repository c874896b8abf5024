"""The one exception tree of foiparse.

Every failure a user can act on is a subclass of :class:`FoiparseError`, so a caller
(or the CLI, or a batch) can catch them as one and still tell the causes apart. Each
carries the path it concerns and the evidence, so the message can name both.
"""

from __future__ import annotations


class FoiparseError(Exception):
    """Root of every error foiparse raises on purpose (the command line exits 1 on any)."""

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message

    def with_path(self, path: str | None) -> FoiparseError:
        """Attach the input's name once it is known (readers work on bytes)."""
        if self.path is None:
            self.path = path
        return self


class UnsupportedFormatError(FoiparseError):
    """The input is of a kind foiparse does not read (yet), or binary junk."""

    def __init__(self, message: str, *, path: str | None = None, detected: str | None = None) -> None:
        super().__init__(message, path=path)
        self.detected = detected


class EmptyInputError(FoiparseError):
    """The input has no bytes, or nothing but white space."""


class DecodeError(FoiparseError):
    """The bytes cannot be read as text in any encoding we trust."""

    def __init__(self, message: str, *, path: str | None = None, offset: int | None = None) -> None:
        super().__init__(message, path=path)
        self.offset = offset


class InputTooLargeError(FoiparseError):
    """The input is over a configured size limit."""

    def __init__(self, message: str, *, path: str | None = None, size: int = 0, limit: int = 0) -> None:
        super().__init__(message, path=path)
        self.size = size
        self.limit = limit


class CorruptFileError(FoiparseError):
    """The file claims a format but cannot be read as it: truncated, damaged, a broken cross-reference table."""


class EncryptedPdfError(FoiparseError):
    """The PDF needs a password to open (the empty password was tried first)."""


class NoTextLayerError(FoiparseError):
    """The PDF opens but holds no text: a scanned letter, which needs OCR."""


class TooSlowError(FoiparseError):
    """Reading the input took longer than its time limit."""


class MissingBackendError(FoiparseError):
    """A library a format needs is not installed; the message names the install command."""


class InvalidJsonError(FoiparseError):
    """A file given to ``render`` or ``validate`` is not JSON at all."""


class SchemaValidationError(FoiparseError):
    """A JSON object does not follow foiparse's schema; ``json_path`` says where."""

    def __init__(self, message: str, *, path: str | None = None, json_path: str = "$") -> None:
        super().__init__(message, path=path)
        self.json_path = json_path


class GroundingError(SchemaValidationError):
    """JSON that follows the schema but whose spans do not hold their evidence."""


__all__ = [
    "CorruptFileError",
    "DecodeError",
    "EmptyInputError",
    "EncryptedPdfError",
    "FoiparseError",
    "GroundingError",
    "InputTooLargeError",
    "InvalidJsonError",
    "MissingBackendError",
    "NoTextLayerError",
    "SchemaValidationError",
    "TooSlowError",
    "UnsupportedFormatError",
]


class WorkerCrashedError(FoiparseError):
    """A batch worker died while parsing an input (out of memory, or a crash inside a parsing library)."""

    def __init__(self, message: str, *, path: str | None = None, returncode: int | None = None) -> None:
        super().__init__(message, path=path)
        self.returncode = returncode
