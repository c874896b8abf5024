"""Plain-text reader: bytes to text, losing nothing.

The decoded text is the document text itself, so line endings, tabs and trailing
spaces all stay; a byte-order mark is recorded in ``source.bom`` and kept out of the
text, so ``render`` can put it back and the file round-trips byte for byte.
"""

from __future__ import annotations

import codecs
import hashlib
import itertools
import re
from collections.abc import Iterator

from foiparse.errors import DecodeError, EmptyInputError
from foiparse.model import Document, ParseWarning, Source
from foiparse.options import DEFAULT, Options

# Longest first: the UTF-32 LE mark starts with the UTF-16 LE one. Format detection
# uses the same table, so a BOM it lets through is one this reader decodes.
BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


# Python codecs that are text encodings a document can be written in. The registry also
# holds codecs that are not (base64, zlib, rot13), Python's own (unicode_escape,
# undefined), ones for host names (punycode, quadratic in the length, and idna), and
# UTF-7, which browsers refuse: a charset label naming one of those is ignored.
_DOCUMENT_CODECS = re.compile(
    r"ascii|utf-8(-sig)?|utf-(16|32)(-[bl]e)?|iso8859-\d+|cp\d+|mac-[a-z0-9]+|koi8-[rtu]|kz1048|ptcp154|hp-roman8"
    r"|tis-620|big5(hkscs)?|gb2312|gbk|gb18030|hz|shift-jis(-?2004|x0213)?|euc-(jp|kr|jis-2004|jisx0213)"
    r"|iso2022-(jp(-[0-9a-z]+)?|kr)|johab"
)


def document_codec(label: str) -> str | None:
    """The Python codec a declared charset names, if it is one documents are written in; else None."""
    try:
        name = codecs.lookup(label.strip()).name
    except (LookupError, ValueError, TypeError):
        return None
    return name if _DOCUMENT_CODECS.fullmatch(name.replace("_", "-")) else None


def bom_for(encoding: str) -> bytes:
    """The byte-order mark that ``encoding`` writes, for putting a recorded BOM back."""
    return next((mark for mark, codec in BOMS if codec == encoding), b"")


def read_text(data: bytes, name: str | None = None, options: Options = DEFAULT) -> Document:
    """Decode a plain-text response.

    Raises:
        EmptyInputError: no bytes, or only white space.
        DecodeError: the bytes are not text in any encoding that round-trips.
    """
    text, encoding, bom, guessed = decode(data, name)
    if not text.strip():
        raise EmptyInputError("empty input: the file has no text", path=name)
    warnings: tuple[ParseWarning, ...] = ()
    if guessed and encoding in _WIDE and text.encode(encoding, "surrogatepass") != data:
        warnings = (
            ParseWarning(
                code="encoding_repaired",
                message=f"{encoding} without a byte-order mark, with stray bytes; each read as U+FFFD",
            ),
        )
    elif guessed:
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
        wide_text, wide = _decode_wide(data, wide)
        return wide_text, wide, False, True
    try:
        return data.decode("utf-8"), "utf-8", False, False
    except UnicodeDecodeError:
        pass
    for codec in _candidates(data):
        text = _round_trip(data, codec)
        if text is not None:
            return text, codec, False, True
    raise DecodeError("cannot decode the bytes as text", path=name)  # pragma: no cover


_WIDE = {"utf-16-le": (2, 0), "utf-16-be": (2, 1), "utf-32-le": (4, 0), "utf-32-be": (4, 3)}  # unit, text byte
_BLOCK = 256  # bytes sniffed at a time


def sniff_wide(data: bytes) -> str | None:
    """UTF-16 or UTF-32 without a BOM, from where the NUL bytes of Latin text fall.

    Judged block by block over the first 4 KB, whatever alignment each block has, so a
    stray byte (an odd length, a byte lost or added in transit) does not hide it: most
    blocks that hold NULs must hold them as one encoding puts them. The first such
    block gives the byte order.
    """
    head = data[:4096]
    if len(head) < 4 or not head.count(0):
        return None
    kinds: list[str] = []
    blocks = 0
    for start in range(0, len(head) - 3, _BLOCK):
        block = head[start : start + _BLOCK]
        if block.count(0) < len(block) // 8:
            continue  # too few NULs to say (markup, digits, another script)
        blocks += 1
        kind = _block_codec(block)
        if kind is not None:
            kinds.append(kind)
    if not kinds:
        return None
    family = max(("utf-16", "utf-32"), key=lambda f: sum(k.startswith(f) for k in kinds))
    if sum(k.startswith(family) for k in kinds) * 4 < blocks * 3:
        return None
    return next(k for k in kinds if k.startswith(family))


def _block_codec(block: bytes) -> str | None:
    """The wide encoding whose NULs this block shows, the byte order read from its (aligned) start."""
    for unit in (4, 2):
        size = len(block) - len(block) % unit
        if size < unit * 2:
            continue
        counts = [block[i:size:unit].count(0) for i in range(unit)]
        per = size // unit
        quiet = [i for i in range(unit) if counts[i] < 0.1 * per]
        if len(quiet) == 1 and all(counts[i] > 0.5 * per for i in range(unit) if i != quiet[0]):
            # The text byte first is little-endian, last big-endian; elsewhere a stray byte
            # moved it, and the decoder realigns.
            return f"utf-{unit * 8}-{'be' if quiet[0] == unit - 1 else 'le'}"
    return None


def _decode_wide(data: bytes, codec: str) -> tuple[str, str]:
    """``(text, codec)`` for UTF-16/32 without a BOM, stray bytes (which shift the alignment) as U+FFFD.

    Each block's alignment is where its NULs fall; where it changes, the cut is put
    at the byte that makes the fewest NULs out of place on either side. Never
    NUL-interleaved text: misaligned UTF-16 would still decode, as the wrong characters.
    """
    if codec == "utf-16-be" and len(data) % 2:
        return _likelier(_decode_aligned(data, "utf-16-be"), _decode_aligned(data, "utf-16-le"), data)
    return _decode_aligned(data, codec)


def _likelier(big: tuple[str, str], little: tuple[str, str], data: bytes) -> tuple[str, str]:
    """Big-endian, or little-endian after a stray first byte: their NULs fall alike, so the text decides.

    Read in the wrong order, each character outside Latin-1 takes a neighbour's byte and
    leaves its own as a stray Latin-1 one (U+20AC before "D" reads as U+00AC), and the
    stray byte at the other end is read with a text byte: the reading with fewer
    characters outside ASCII wins; on a tie, big-endian Latin text starts with a NUL.
    """
    cost = [len(text) - len(text.encode("ascii", "ignore")) for text, _ in (big, little)]
    if cost[0] != cost[1]:
        return big if cost[0] < cost[1] else little
    return big if data[0] == 0 else little


def _decode_aligned(data: bytes, codec: str) -> tuple[str, str]:
    unit, text_at = _WIDE[codec]
    shifts: list[tuple[int, int]] = []  # (block start, shift) where the alignment is clear
    for start in range(0, len(data), _BLOCK):
        shift = _shift(data[start : start + _BLOCK], start, unit, text_at)
        if shift is not None and (not shifts or shifts[-1][1] != shift):
            shifts.append((start, shift))
    if not shifts:
        shifts = [(0, 0)]
    if len(shifts) == 1 and shifts[0][1] == 0:
        text = _round_trip(data, codec)
        if text is not None:
            return text, codec
    pieces: list[str] = []
    pos = shifts[0][1] if shifts[0][0] == 0 else 0
    if pos:
        pieces.append("\ufffd")
    for (_, old), (start, new) in itertools.pairwise(shifts):
        cut = _best_cut(data, max(pos, start - _BLOCK), min(len(data), start + _BLOCK), old, new, unit, text_at)
        pieces.append(_decode_run(data[pos:cut], codec, unit))
        pos = cut
    pieces.append(_decode_run(data[pos:], codec, unit))
    return "".join(pieces), codec


def _shift(block: bytes, start: int, unit: int, text_at: int) -> int | None:
    """Where units begin (0 to unit - 1, absolute) in this block, by where its NULs are not; None if unclear."""
    size = len(block) - len(block) % unit
    if size < unit * 4 or block.count(0) < size // (2 * unit):
        return None
    counts = [block[i:size:unit].count(0) for i in range(unit)]
    quiet = min(range(unit), key=lambda i: counts[i])
    if counts[quiet] > 0.1 * (size // unit):
        return None
    return (start + quiet - text_at) % unit


def _best_cut(data: bytes, lo: int, hi: int, old: int, new: int, unit: int, text_at: int) -> int:
    """The offset in ``[lo, hi)`` to switch from alignment ``old`` to ``new`` with the fewest NULs misplaced."""
    best, best_cost = lo, -1
    # cost(cut) = NULs on text bytes before the cut (old alignment) + after it (new alignment)
    after = sum(1 for i in range(lo, hi) if data[i] == 0 and (i - new) % unit == text_at)
    before = 0
    for cut in range(lo, hi + 1):
        if (cut - new) % unit == 0 and (best_cost < 0 or before + after < best_cost):
            best, best_cost = cut, before + after
        if cut < hi and data[cut] == 0:
            before += (cut - old) % unit == text_at
            after -= (cut - new) % unit == text_at
    return best


def _decode_run(chunk: bytes, codec: str, unit: int) -> str:
    """A run of one alignment; bytes left over at its end (the stray ones) become one U+FFFD."""
    whole = len(chunk) - len(chunk) % unit
    text = chunk[:whole].decode(codec, errors="replace")
    return text + "\ufffd" if whole < len(chunk) else text


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
