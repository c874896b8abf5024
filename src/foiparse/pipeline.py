"""The one place the stages are chained: bytes -> format -> reader -> extraction."""

from __future__ import annotations

import os
from dataclasses import dataclass

from foiparse.detect import detect_format
from foiparse.errors import FoiparseError, InputTooLargeError, UnsupportedFormatError
from foiparse.extract import extract
from foiparse.limits import MAX_BYTES as MAX_BYTES
from foiparse.limits import MAX_PAGES as MAX_PAGES
from foiparse.limits import MAX_SECONDS as MAX_SECONDS
from foiparse.model import FORMATS, Document, FoiResponse
from foiparse.readers import get_reader

Source = str | os.PathLike[str] | bytes | bytearray | memoryview


@dataclass(frozen=True, slots=True)
class Options:
    """How to read an input. ``format=None`` detects it from the bytes."""

    format: str | None = None
    max_bytes: int = MAX_BYTES
    max_pages: int = MAX_PAGES  # PDF pages
    max_seconds: float = MAX_SECONDS  # reading a PDF

    def __post_init__(self) -> None:
        if self.format is not None and self.format not in FORMATS:
            raise UnsupportedFormatError(f"unknown format {self.format!r}; choose one of {', '.join(FORMATS)}")
        if self.max_bytes <= 0:
            raise FoiparseError(f"max_bytes must be positive, not {self.max_bytes}")
        if self.max_pages <= 0 or self.max_seconds <= 0:
            raise FoiparseError("max_pages and max_seconds must be positive")


def read_input(source: Source, name: str | None = None, limit: int | None = None) -> tuple[bytes, str | None]:
    """The input's bytes and a name for messages; a path is read, bytes are taken as given.

    With ``limit``, a file is never read past ``limit + 1`` bytes, so an oversized or
    endless input (``/dev/zero``) costs no more memory than the limit.
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source), name
    path = os.fspath(source)
    label = name if name is not None else path
    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if limit is not None and size > limit:
                raise _too_large(size, limit, label)
            return fh.read(-1 if limit is None else limit + 1), label
    except IsADirectoryError as exc:
        raise FoiparseError("is a directory, not a file", path=label) from exc
    except FileNotFoundError as exc:
        raise FoiparseError("no such file", path=label) from exc
    except PermissionError as exc:
        raise FoiparseError("permission denied", path=label) from exc
    except OSError as exc:
        raise FoiparseError(f"cannot read: {exc.strerror or exc}", path=label) from exc


def _too_large(size: int, limit: int, label: str | None) -> InputTooLargeError:
    return InputTooLargeError(
        f"input too large: {size:,} bytes, over the limit of {limit:,}", path=label, size=size, limit=limit
    )


def load_document(source: Source, options: Options | None = None, *, name: str | None = None) -> Document:
    """Read and decode an input without extracting anything (for debugging and tests)."""
    opts = options or Options()
    data, label = read_input(source, name, opts.max_bytes)
    if len(data) > opts.max_bytes:
        raise _too_large(len(data), opts.max_bytes, label)
    try:
        fmt = opts.format or detect_format(data, label)
        if fmt == "pdf":
            return get_reader(fmt, label)(data, label, max_pages=opts.max_pages, max_seconds=opts.max_seconds)
        return get_reader(fmt, label)(data, label)
    except FoiparseError as exc:
        raise exc.with_path(label) from None


def parse(source: Source, options: Options | None = None, *, name: str | None = None) -> FoiResponse:
    """Parse one FOI response (a path or its bytes) into the output model.

    Raises:
        FoiparseError: (a subclass of it) when the input cannot be read as a response.
    """
    return extract(load_document(source, options, name=name))
