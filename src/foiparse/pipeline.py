"""The one place the stages are chained: bytes -> format -> reader -> extraction."""

from __future__ import annotations

import os
from dataclasses import dataclass

from foiparse.detect import detect_format
from foiparse.errors import FoiparseError, InputTooLargeError, UnsupportedFormatError
from foiparse.extract import extract
from foiparse.model import FORMATS, Document, FoiResponse
from foiparse.readers import get_reader

Source = str | os.PathLike[str] | bytes


@dataclass(frozen=True, slots=True)
class Options:
    """How to read an input. ``format=None`` detects it from the bytes."""

    format: str | None = None
    max_bytes: int = 100 * 1024 * 1024

    def __post_init__(self) -> None:
        if self.format is not None and self.format not in FORMATS:
            raise UnsupportedFormatError(f"unknown format {self.format!r}; choose one of {', '.join(FORMATS)}")
        if self.max_bytes <= 0:
            raise ValueError("max_bytes must be positive")


def read_input(source: Source, name: str | None = None) -> tuple[bytes, str | None]:
    """The input's bytes and a name for messages; a path is read, bytes are taken as given."""
    if isinstance(source, bytes):
        return source, name
    path = os.fspath(source)
    label = name if name is not None else path
    try:
        with open(path, "rb") as fh:
            return fh.read(), label
    except IsADirectoryError as exc:
        raise FoiparseError("is a directory, not a file", path=label) from exc
    except FileNotFoundError as exc:
        raise FoiparseError("no such file", path=label) from exc
    except PermissionError as exc:
        raise FoiparseError("permission denied", path=label) from exc
    except OSError as exc:
        raise FoiparseError(f"cannot read: {exc.strerror or exc}", path=label) from exc


def load_document(source: Source, options: Options | None = None, *, name: str | None = None) -> Document:
    """Read and decode an input without extracting anything (for debugging and tests)."""
    opts = options or Options()
    data, label = read_input(source, name)
    if len(data) > opts.max_bytes:
        raise InputTooLargeError(
            f"input too large: {len(data):,} bytes, over the limit of {opts.max_bytes:,}",
            path=label,
            size=len(data),
            limit=opts.max_bytes,
        )
    try:
        fmt = opts.format or detect_format(data, label)
        return get_reader(fmt, label)(data, label)
    except FoiparseError as exc:
        raise exc.with_path(label) from None


def parse(source: Source, options: Options | None = None, *, name: str | None = None) -> FoiResponse:
    """Parse one FOI response (a path or its bytes) into the output model.

    Raises:
        FoiparseError: (a subclass of it) when the input cannot be read as a response.
    """
    return extract(load_document(source, options, name=name))
