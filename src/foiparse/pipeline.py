"""The one place the stages are chained: bytes -> format -> reader -> extraction."""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import replace
from typing import BinaryIO

from foiparse.detect import detect_format
from foiparse.errors import FoiparseError, InputTooLargeError
from foiparse.extract import extract
from foiparse.layout import lay_out
from foiparse.limits import MAX_BYTES as MAX_BYTES
from foiparse.limits import MAX_CHARS as MAX_CHARS
from foiparse.limits import MAX_HTML_DEPTH as MAX_HTML_DEPTH
from foiparse.limits import MAX_HTML_ELEMENTS as MAX_HTML_ELEMENTS
from foiparse.limits import MAX_PAGES as MAX_PAGES
from foiparse.limits import MAX_SECONDS as MAX_SECONDS
from foiparse.model import Document, FoiResponse
from foiparse.options import Options as Options
from foiparse.readers import get_reader

Source = str | os.PathLike[str] | bytes | bytearray | memoryview


def display_name(path: str) -> str:
    r"""A path as text that any output can carry, one text per path.

    Bytes that are not UTF-8 (and NUL) are written as ``\xff``, and a backslash as ``\\``,
    so a file literally named ``a\xffb`` and one with the byte 0xff are two names, as a
    batch database needs (one row per file).
    """
    escaped = path.replace("\\", "\\\\")  # first, so that no name can be written like another's escapes
    return escaped.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace").replace("\0", "\\x00")


def read_input(
    source: Source, name: str | None = None, limit: int | None = None, *, follow_links: bool = True
) -> tuple[bytes, str | None]:
    """The input's bytes and a name for messages; a path is read, bytes are taken as given.

    With ``limit``, a file is never read past ``limit + 1`` bytes, so an oversized or
    endless input (``/dev/zero``) costs no more memory than the limit. The file is
    opened first and checked after, so it cannot be swapped for a named pipe in between;
    ``follow_links=False`` refuses a path that has become a link since a batch listed it.
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source), None if name is None else display_name(name)
    path = os.fspath(source)
    label = display_name(name if name is not None else path)
    flags = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NONBLOCK", 0)  # a pipe must not wait
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
        with os.fdopen(fd, "rb") as fh:
            mode = os.fstat(fd).st_mode
            if stat.S_ISDIR(mode):
                raise IsADirectoryError(path)
            if stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):
                raise FoiparseError(
                    "not a regular file: a named pipe or socket (reading it could wait forever)", path=label
                )
            os.set_blocking(fd, True)
            size = os.fstat(fd).st_size
            if limit is not None and size > limit:
                raise _too_large(size, limit, label)
            return (fh.read() if limit is None else read_limited(fh, limit, size)), label
    except IsADirectoryError as exc:
        raise FoiparseError("is a directory, not a file", path=label) from exc
    except FileNotFoundError as exc:
        raise FoiparseError("no such file", path=label) from exc
    except PermissionError as exc:
        raise FoiparseError("permission denied", path=label) from exc
    except OSError as exc:
        if exc.errno == errno.ELOOP and not follow_links:
            raise FoiparseError("became a link after it was listed: not read", path=label) from exc
        raise FoiparseError(f"cannot read: {exc.strerror or exc}", path=label) from exc


_CHUNK = 1 << 20  # bytes read at a time from a stream whose size is not known


def read_limited(stream: BinaryIO, limit: int, size: int = 0) -> bytes:
    """At most ``limit + 1`` bytes of ``stream`` (one past the limit shows the input is over it).

    Python's ``read(n)`` reserves ``n`` bytes before it reads one, so ``read(limit + 1)``
    with a limit of gigabytes fails under a worker's memory cap whatever the input holds.
    This reserves what the stream holds: its ``size`` when known (a regular file), else a
    chunk at a time (a pipe, standard input, a device that reports no size).
    """
    chunks: list[bytes] = []
    total = 0
    want = min(size, limit) + 1 if size > 0 else _CHUNK
    while total <= limit:
        chunk = stream.read(min(want, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        want = _CHUNK
    return b"".join(chunks)


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
        reader = get_reader(fmt, label)
        document = reader(data, label, opts)
    except FoiparseError as exc:
        raise exc.with_path(label) from None
    if len(document.text) > opts.max_chars:
        size = len(document.text)
        raise InputTooLargeError(
            f"too much text: {size:,} characters, over the limit of {opts.max_chars:,}",
            path=label,
            size=size,
            limit=opts.max_chars,
        )
    return document


def parse(source: Source, options: Options | None = None, *, name: str | None = None) -> FoiResponse:
    """Parse one FOI response (a path or its bytes) into the output model.

    Raises:
        FoiparseError: (a subclass of it) when the input cannot be read as a response.
    """
    opts = options or Options()
    document = load_document(source, opts, name=name)
    response = extract(document, lay_out(document))
    if opts.min_confidence > 0.0:
        # Dropped after extraction: the outcome was judged on every figure, as without the option.
        kept = tuple(t for t in response.totals if t.confidence >= opts.min_confidence)
        if len(kept) < len(response.totals):
            response = replace(response, totals=kept)
    return response
