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

# Longest first: the UTF-32 LE mark starts with the UTF-16 LE one. Format detection
# uses the same table, so a BOM it lets through is one this reader decodes.
BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def bom_for(encoding: str) -> bytes:
    """The byte-order mark that ``encoding`` writes, for putting a recorded BOM back."""
    return next((mark for mark, codec in BOMS if codec == encoding), b"")


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
            ParseWarning(code="encoding_guessed", message=f"not UTF-8 and no byte-order mark; read as {encoding}"),
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
    for mark, codec in BOMS:
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
    wide = sniff_wide(data)
    if wide is not None:
        text = _round_trip(data, wide)
        if text is not None:
            return text, wide, False, True
    try:
        return data.decode("utf-8"), "utf-8", False, False
    except UnicodeDecodeError:
        pass
    for codec in _candidates(data):
        text = _round_trip(data, codec)
        if text is not None:
            return text, codec, False, True
    raise DecodeError("cannot decode the bytes as text", path=name)  # pragma: no cover


def sniff_wide(data: bytes) -> str | None:
    """UTF-16 or UTF-32 without a BOM, from where the NUL bytes of Latin text fall."""
    head = data[:4096]
    if len(head) < 4 or not head.count(0):
        return None
    counts = [head[i::4].count(0) for i in range(4)]
    quarter = len(head) // 4 or 1
    high = [c > 0.6 * quarter for c in counts]
    low = [c < 0.05 * quarter for c in counts]
    if len(data) % 4 == 0 and low[0] and all(high[1:]):
        return "utf-32-le"
    if len(data) % 4 == 0 and low[3] and all(high[:3]):
        return "utf-32-be"
    if len(data) % 2 == 0:
        even, odd = counts[0] + counts[2], counts[1] + counts[3]
        half = len(head) // 2 or 1
        if odd > 0.3 * half and even < 0.05 * half:
            return "utf-16-le"
        if even > 0.3 * half and odd < 0.05 * half:
            return "utf-16-be"
    return None


def _candidates(data: bytes) -> Iterator[str]:
    """Encodings to try for bytes that are not UTF-8, most likely first.

    Like the WHATWG Encoding Standard, unlabelled single-byte text is read as
    windows-1252 (what UK office systems wrote before UTF-8). A detector's guess of
    another encoding is trusted only for an encoding of its own script and on enough
    text: on a short letter, charset detection mistakes a "£" for Japanese or EBCDIC.
    """
    guess = _detect(data) if len(data) >= _DETECT_MIN else None
    if guess in _OTHER_SCRIPTS:
        yield guess
    yield "cp1252"
    if guess is not None:
        yield guess
    yield "latin-1"  # decodes any byte and always round-trips


# Encodings of other scripts a detector can tell from windows-1252 on enough text.
_OTHER_SCRIPTS = frozenset(
    {
        "cp1251",
        "koi8_r",
        "iso8859_5",
        "mac_cyrillic",
        "cp1253",
        "iso8859_7",
        "cp1255",
        "iso8859_8",
        "cp1256",
        "iso8859_6",
        "gb18030",
        "gb2312",
        "gbk",
        "big5",
        "big5hkscs",
        "shift_jis",
        "cp932",
        "euc_jp",
        "euc_kr",
        "cp949",
        "iso2022_jp",
        "cp874",
        "tis_620",
    }
)
_DETECT_MIN = 1024


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:65536]).best()
    return None if best is None else str(best.encoding)


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
