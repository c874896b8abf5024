"""Plain-text reader: bytes to text, losing nothing.

The decoded text is the document text itself, so line endings, tabs and trailing
spaces all stay; a byte-order mark is recorded in ``source.bom`` and kept out of the
text, so ``render`` can put it back and the file round-trips byte for byte.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from foiparse.errors import DecodeError, EmptyInputError
from foiparse.model import Document, ParseWarning, Source

# Longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

# Tried, in order, when the detector has no answer: cp1252 is what most UK office
# systems wrote before UTF-8; latin-1 decodes any byte and always round-trips.
_FALLBACKS = ("cp1252", "latin-1")


def bom_for(encoding: str) -> bytes:
    """The byte-order mark that ``encoding`` writes, for putting a recorded BOM back."""
    return next((mark for mark, codec in _BOMS if codec == encoding), b"")


def read_text(data: bytes, name: str | None = None) -> Document:
    """Decode a plain-text response.

    Raises:
        EmptyInputError: no bytes, or only white space.
        DecodeError: the bytes are not text in any encoding that round-trips.
    """
    text, encoding, bom, guessed = decode(data, name)
    if not text.strip():
        raise EmptyInputError("empty input: the file has no text", path=name)
    warnings: tuple[ParseWarning, ...] = ()
    if guessed:
        warnings = (
            ParseWarning(
                code="encoding_guessed",
                message=f"not UTF-8; decoded as {encoding} (detected)",
            ),
        )
    source = Source(
        name=name,
        format="text",
        sha256=hashlib.sha256(data).hexdigest(),
        bytes=len(data),
        encoding=encoding,
        bom=bom,
    )
    return Document(text=text, source=source, warnings=warnings)


def decode(data: bytes, name: str | None = None) -> tuple[str, str, bool, bool]:
    """Return ``(text, encoding, had_bom, guessed)`` such that the text re-encodes to ``data``."""
    if not data:
        raise EmptyInputError("empty input: the file has no bytes", path=name)
    for mark, codec in _BOMS:
        if data.startswith(mark):
            try:
                return data[len(mark) :].decode(codec), codec, True, False
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    f"cannot decode as {codec} despite its byte-order mark "
                    f"(bad byte at offset {exc.start + len(mark)})",
                    path=name,
                    offset=exc.start + len(mark),
                ) from exc
    try:
        return data.decode("utf-8"), "utf-8", False, False
    except UnicodeDecodeError:
        pass
    for codec in _candidates(data):
        text = _round_trip(data, codec)
        if text is not None:
            return text, codec, False, True
    raise DecodeError("cannot decode the bytes as text", path=name)  # pragma: no cover


def _candidates(data: bytes) -> Iterator[str]:
    """Encodings to try, cheapest first; the detector runs only when the sniff fails."""
    for guess in (_sniff_utf16, _detect):
        codec = guess(data)
        if codec is not None:
            yield codec
    yield from _FALLBACKS


def _sniff_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM shows as NUL bytes in every other position."""
    head = data[:4096]
    if len(head) < 4 or len(data) % 2:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


# Single-byte Latin encodings a detector cannot reliably tell apart on short letters.
# Like the WHATWG Encoding Standard, read them as windows-1252 when that decodes.
_LATIN_FAMILY = frozenset(
    {"latin_1", "iso8859_15", "cp1250", "iso8859_2", "cp1254", "iso8859_9", "cp1257", "mac_roman", "cp1252"}
)


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:65536]).best()
    if best is None:
        return None
    encoding = str(best.encoding)
    if encoding in _LATIN_FAMILY and _round_trip(data, "cp1252") is not None:
        return "cp1252"
    return encoding


def _round_trip(data: bytes, codec: str) -> str | None:
    try:
        text = data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None
    try:
        if text.encode(codec) != data:
            return None
    except UnicodeEncodeError:
        return None
    return text
