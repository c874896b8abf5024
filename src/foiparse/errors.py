"""The one exception tree of foiparse.

Every failure a user can act on is a subclass of :class:`FoiparseError`, so a caller
(or the CLI, or a batch) can catch them as one and still tell the causes apart. Each
carries the path it concerns and the evidence, so the message can name both.
"""

from __future__ import annotations


class FoiparseError(Exception):
    """Root of every error foiparse raises on purpose.

    ``exit_code`` is what the command line exits with when this is the one cause of
    failure (1 for several causes, or for an input that cannot be read at all).
    """

    exit_code = 1

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

    exit_code = 3

    def __init__(self, message: str, *, path: str | None = None, detected: str | None = None) -> None:
        super().__init__(message, path=path)
        self.detected = detected


class EmptyInputError(FoiparseError):
    """The input has no bytes, or nothing but white space."""

    exit_code = 4


class DecodeError(FoiparseError):
    """The bytes cannot be read as text in any encoding we trust."""

    exit_code = 5

    def __init__(self, message: str, *, path: str | None = None, offset: int | None = None) -> None:
        super().__init__(message, path=path)
        self.offset = offset


class InputTooLargeError(FoiparseError):
    """The input is over a configured size limit."""

    exit_code = 9

    def __init__(self, message: str, *, path: str | None = None, size: int = 0, limit: int = 0) -> None:
        super().__init__(message, path=path)
        self.size = size
        self.limit = limit


class CorruptFileError(FoiparseError):
    """The file claims a format but cannot be read as it: truncated, damaged, a broken cross-reference table."""

    exit_code = 8


class EncryptedPdfError(FoiparseError):
    """The PDF needs a password to open (the empty password was tried first)."""

    exit_code = 6


class EncryptedDocumentError(FoiparseError):
    """A Word document is encrypted: it needs a password to open, which foiparse does not take."""

    exit_code = 6  # the cause and the remedy of an encrypted PDF


class NoTextLayerError(FoiparseError):
    """The PDF opens but holds no text: a scanned letter, which needs OCR."""

    exit_code = 7


class TooSlowError(FoiparseError):
    """Reading the input took longer than its time limit."""

    exit_code = 10


class MissingBackendError(FoiparseError):
    """A library a format needs is not installed; the message names the install command."""

    exit_code = 12


class InvalidJsonError(FoiparseError):
    """A file given to ``render`` or ``validate`` is not JSON at all."""

    exit_code = 13


class SchemaValidationError(FoiparseError):
    """A JSON object does not follow foiparse's schema; ``json_path`` says where."""

    exit_code = 14

    def __init__(self, message: str, *, path: str | None = None, json_path: str = "$") -> None:
        super().__init__(message, path=path)
        self.json_path = json_path


class GroundingError(SchemaValidationError):
    """JSON that follows the schema but whose spans do not hold their evidence."""


__all__ = [
    "CorruptFileError",
    "DatabaseError",
    "DecodeError",
    "EmptyInputError",
    "EncryptedDocumentError",
    "EncryptedPdfError",
    "FoiparseError",
    "GroundingError",
    "InputTooLargeError",
    "InvalidJsonError",
    "MissingBackendError",
    "NoTextLayerError",
    "OutputIsInputError",
    "SchemaValidationError",
    "TooSlowError",
    "UnsupportedFormatError",
    "WorkerCrashedError",
    "WorkerStartError",
]


class OutputIsInputError(FoiparseError):
    """An output would be written over a file the command reads (an input, or the database).

    Checked before the output is opened: opening it for writing would already have
    emptied the input. ``output`` and ``input`` name the two spellings of the one file.
    """

    exit_code = 2  # a slip in the command line, found before anything was done

    def __init__(self, message: str, *, path: str | None = None, output: str = "", input: str = "") -> None:
        super().__init__(message, path=path)
        self.output = output
        self.input = input


class WorkerCrashedError(FoiparseError):
    """A batch worker died while parsing an input (out of memory, or a crash inside a parsing library)."""

    exit_code = 11

    def __init__(self, message: str, *, path: str | None = None, returncode: int | None = None) -> None:
        super().__init__(message, path=path)
        self.returncode = returncode


class WorkerStartError(WorkerCrashedError):
    """The system would not start a process to parse in (``ulimit -n``, ``ulimit -u``, memory): nothing was parsed."""


class DatabaseError(FoiparseError):
    """The batch database cannot be used: not SQLite, another program's, from a newer foiparse, or SQLite failed.

    Another program's file is refused before anything is written to it.
    """
