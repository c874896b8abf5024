r"""Word 97-2003 reader: the text of a .doc from its own binary format, no LibreOffice.

A .doc is an OLE compound file (read with ``olefile``). Its WordDocument stream starts
with the FIB, which says which table stream (0Table or 1Table) holds the piece table and
how many characters each story has: the main text first, then footnotes, then headers
and footers. The piece table maps character positions to runs of bytes, each either
8-bit (cp1252 with [MS-DOC]'s exceptions) or UTF-16LE. In the text, ``\r`` ends a
paragraph, ``\x07`` ends a table cell (and a row), ``\x13 code \x14 result \x15`` is a
field whose result is kept and whose code is dropped.

Which cell mark ends a row is a paragraph property (``fTtp``): it is read from the
paragraph FKPs, and so are the row's cell boundaries and vertical merges, so that
merged cells are repeated where they reach, as the .docx reader does. Headers and
footers are told apart by the PlcfHdd and handed over as furniture, headers above the
body and footers below. What Word itself writes is read too: paragraph properties moved to
the Data stream (sprmPHugePapx, a row end with many cells), text deleted with revision
marks on (left out, as Word shows the document once the changes are accepted), and the
text box, footnote and endnote stories, read as paragraphs after the body.

Every count and offset read from the file is checked against the real length of the
stream it points into before anything is sliced or allocated. Word 6/95 files (an older
FIB) are not read here: ``NeedsConverterError`` tells the caller to use LibreOffice.
"""

from __future__ import annotations

import bisect
import hashlib
import io
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from foiparse.errors import (
    CorruptFileError,
    EmptyInputError,
    EncryptedDocumentError,
    InputTooLargeError,
    MissingBackendError,
    UnsupportedFormatError,
)
from foiparse.model import Document, Source
from foiparse.options import DEFAULT, Options
from foiparse.readers.docx import _LIST_STYLES, _Writer

_MIN_NFIB = 0x00C1  # Word 97; Word 6/95 files (nFib 101-105) have another layout
_FC_STSHF = 1
_FC_CLX = 33  # index of fcClx/lcbClx in FibRgFcLcb97
_FC_PLCF_HDD = 11
_FC_PLCF_BTE_CHPX = 12
_FC_PLCF_BTE_PAPX = 13
_MAX_PIECES = 1 << 20  # pieces in one piece table: Word writes a handful
_MAX_CELLS = 64  # cells in one row (TDefTable's itcMac is at most 63)
_SPRA_SIZES = (1, 1, 2, 4, 2, 2, -1, 3)  # a property modifier's operand size by its spra; -1: variable

# [MS-DOC] 2.4.1: the bytes of a compressed piece that are not Latin-1.
_COMPRESSED = {
    0x82: 0x201A, 0x83: 0x0192, 0x84: 0x201E, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021,
    0x88: 0x02C6, 0x89: 0x2030, 0x8A: 0x0160, 0x8B: 0x2039, 0x8C: 0x0152, 0x91: 0x2018,
    0x92: 0x2019, 0x93: 0x201C, 0x94: 0x201D, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014,
    0x98: 0x02DC, 0x99: 0x2122, 0x9A: 0x0161, 0x9B: 0x203A, 0x9C: 0x0153, 0x9F: 0x0178,
}  # fmt: skip
_COMPRESSED_TABLE = {byte: chr(code) for byte, code in _COMPRESSED.items()}

# Special characters of the text stream: what each becomes (None: dropped).
_CHARS = {
    "\x0b": "\n",  # line break
    "\x1e": "-",  # non-breaking hyphen
    "\x1f": None,  # optional hyphen
    "\x01": None,  # picture
    "\x08": None,  # drawn object
    "\x02": None,  # footnote reference
    "\x05": None,  # comment reference
    "\x0e": "\r",  # column break: a paragraph end
    "\x0c": "\r",  # page or section break
    "\xa0": "\xa0",
}


class NeedsConverterError(UnsupportedFormatError):
    """A .doc this reader does not read (Word 6/95): LibreOffice may."""


@dataclass(frozen=True, slots=True)
class _Piece:
    cp_start: int
    cp_end: int
    fc: int  # byte offset in the WordDocument stream
    compressed: bool


@dataclass(frozen=True, slots=True)
class _Paragraph:
    """A run of paragraph properties: FC range and what the table reader needs."""

    fc_start: int
    fc_end: int
    row_end: bool
    in_table: bool  # a paragraph inside a table cell (sprmPFInTable, or a table depth)
    listed: bool  # a list item (sprmPIlfo names a list)
    style: int  # the paragraph's style (istd)
    boundaries: tuple[int, ...]  # cell edges of the row (TDefTable's rgdxaCenter)
    merges: tuple[int, ...]  # per cell: 0 none, 1 restart of a vertical merge, 2 continued


def read_word97(data: bytes, name: str | None = None, options: Options = DEFAULT) -> Document:
    """Read a Word 97-2003 .doc from its binary format.

    Raises:
        CorruptFileError: not a readable compound file, or a FIB or piece table that points outside its stream.
        EncryptedDocumentError: the document is encrypted (it needs a password).
        NeedsConverterError: a Word 6/95 file, which only LibreOffice reads.
        InputTooLargeError: more text than ``options.max_chars``.
        EmptyInputError: it holds no text.
    """
    word, table, extra = _streams(data, name)
    fib = _Fib.parse(word, name)
    if fib.encrypted:
        raise EncryptedDocumentError(
            "encrypted Word document: it needs a password to open (save it without one and try again)", path=name
        )
    tstream = table[fib.which_table]
    if tstream is None:
        raise CorruptFileError(f"corrupt Word document: no {fib.which_table}Table stream", path=name)
    total = fib.ccp_text + fib.ccp_ftn + fib.ccp_hdd
    if total > len(word):  # every character takes a byte at least
        raise CorruptFileError(
            f"corrupt Word document: it says {total:,} characters, more than its {len(word):,}-byte stream holds",
            path=name,
        )
    if total > options.max_chars:
        raise InputTooLargeError(
            f"too much text: the document says {total:,} characters, over the limit of {options.max_chars:,}",
            path=name,
            size=total,
            limit=options.max_chars,
        )
    pieces = _pieces(word, tstream, fib, name)
    deleted = _deleted(word, tstream, fib)
    main = _struck(_characters(word, pieces, 0, fib.ccp_text, name), deleted)
    paragraphs = _paragraphs(word, tstream, fib, extra)
    lists = {istd for istd, style in _style_names(tstream, fib).items() if style.lower().startswith(_LIST_STYLES)}
    out = _Writer()
    headers, footers = _furniture(word, tstream, fib, pieces, deleted, name)
    for text in headers:
        out.furniture(text)
    _body(main, paragraphs, lists, out)
    for text in _notes(word, fib, pieces, deleted, options.max_chars - total, name):
        out.block(text)
    for text in footers:
        out.furniture(text)
    text = out.text()
    if not text.strip():
        raise EmptyInputError("empty input: the document has no text", path=name)
    source = Source(
        name=name,
        format="doc",
        sha256=hashlib.sha256(data).hexdigest(),
        bytes=len(data),
        encoding=None,
        bom=False,
    )
    return Document(text=text, source=source, tables=tuple(out.tables), furniture=tuple(out.furniture_spans))


def _backend() -> Any:
    try:
        import olefile
    except ImportError as exc:  # pragma: no cover - olefile is a dependency
        raise MissingBackendError("reading Word .doc files needs olefile: pip install 'foiparse'") from exc
    return olefile


def _streams(data: bytes, name: str | None) -> tuple[bytes, tuple[bytes | None, bytes | None], bytes]:
    """The WordDocument stream, the two table streams (None where missing) and the Data stream (empty if none)."""
    olefile = _backend()
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception as exc:  # olefile raises OSError, struct.error, IndexError, ... on damage
        raise CorruptFileError(
            f"corrupt Word document: not a readable compound file ({_reason(exc)})", path=name
        ) from None
    try:
        if not ole.exists("WordDocument"):
            raise CorruptFileError("corrupt Word document: it has no WordDocument stream", path=name)
        word = _read_stream(ole, "WordDocument")
        tables = tuple(_read_stream(ole, t) if ole.exists(t) else None for t in ("0Table", "1Table"))
        extra = _read_stream(ole, "Data") if ole.exists("Data") else b""
    except CorruptFileError:
        raise
    except Exception as exc:
        raise CorruptFileError(f"corrupt Word document: {_reason(exc)}", path=name) from None
    finally:
        ole.close()
    return word, (tables[0], tables[1]), extra


def _read_stream(ole: Any, stream: str) -> bytes:
    with ole.openstream(stream) as fh:
        return bytes(fh.read())


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split())[:200]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


@dataclass(frozen=True, slots=True)
class _Fib:
    encrypted: bool
    which_table: int
    ccp_text: int
    ccp_ftn: int
    ccp_hdd: int
    fc_lcb: tuple[tuple[int, int], ...]
    ccp_later: tuple[int, ...] = ()  # the stories after the headers: macros, comments, endnotes, text boxes, ...

    @classmethod
    def parse(cls, word: bytes, name: str | None) -> _Fib:
        if len(word) < 0x22:
            raise CorruptFileError("corrupt Word document: the WordDocument stream is too short for a FIB", path=name)
        ident, nfib = struct.unpack_from("<HH", word, 0)
        if ident != 0xA5EC:
            raise CorruptFileError(f"corrupt Word document: no FIB signature (0x{ident:04X})", path=name)
        (flags,) = struct.unpack_from("<H", word, 0x0A)
        if flags & 0x0100:  # fEncrypted (also set when only obfuscated: still needs the password)
            return cls(True, 0, 0, 0, 0, ())
        if nfib < _MIN_NFIB:
            raise NeedsConverterError(
                f"unsupported format: a Word 6/95 document (nFib {nfib}), which only LibreOffice reads",
                path=name,
                detected="doc",
            )
        at = 0x20
        (csw,) = struct.unpack_from("<H", word, at)
        at += 2 + 2 * csw
        if at + 2 > len(word):
            raise CorruptFileError("corrupt Word document: the FIB is cut short", path=name)
        (cslw,) = struct.unpack_from("<H", word, at)
        lw_at = at + 2
        at = lw_at + 4 * cslw
        if cslw < 11 or at + 2 > len(word):
            raise CorruptFileError("corrupt Word document: the FIB is cut short", path=name)
        ccp_text, ccp_ftn, ccp_hdd, *later = struct.unpack_from("<8i", word, lw_at + 12)
        (pairs,) = struct.unpack_from("<H", word, at)
        at += 2
        if pairs <= _FC_CLX or at + 8 * pairs > len(word):
            raise CorruptFileError("corrupt Word document: the FIB is cut short", path=name)
        fc_lcb = tuple(struct.unpack_from("<II", word, at + 8 * i) for i in range(pairs))
        for label, count in (("main text", ccp_text), ("footnotes", ccp_ftn), ("headers", ccp_hdd)):
            if count < 0:
                raise CorruptFileError(
                    f"corrupt Word document: a negative character count ({label}: {count})", path=name
                )
        return cls(False, (flags >> 9) & 1, ccp_text, ccp_ftn, ccp_hdd, fc_lcb, tuple(later))


def _pieces(word: bytes, table: bytes, fib: _Fib, name: str | None) -> list[_Piece]:
    """The piece table (PlcPcd inside the Clx), each piece checked to lie inside the WordDocument stream."""
    fc, lcb = fib.fc_lcb[_FC_CLX]
    if lcb == 0 or fc + lcb > len(table):
        raise CorruptFileError("corrupt Word document: the piece table lies outside the table stream", path=name)
    clx = table[fc : fc + lcb]
    at = 0
    while at < len(clx) and clx[at] == 0x01:  # Prc: property modifiers, skipped
        if at + 3 > len(clx):
            break
        (size,) = struct.unpack_from("<h", clx, at + 1)
        if size < 0:
            raise CorruptFileError("corrupt Word document: a negative size in the piece table", path=name)
        at += 3 + size
    if at + 5 > len(clx) or clx[at] != 0x02:
        raise CorruptFileError("corrupt Word document: no piece table in the Clx", path=name)
    (size,) = struct.unpack_from("<I", clx, at + 1)
    plc = clx[at + 5 : at + 5 + size]
    if size != len(plc) or size < 16 or (size - 4) % 12:
        raise CorruptFileError("corrupt Word document: the piece table's size does not fit its stream", path=name)
    count = (size - 4) // 12
    if count > _MAX_PIECES:
        raise CorruptFileError(f"corrupt Word document: {count:,} pieces in the piece table", path=name)
    cps = struct.unpack_from(f"<{count + 1}I", plc, 0)
    pieces = []
    for i in range(count):
        (raw,) = struct.unpack_from("<I", plc, 4 * (count + 1) + 8 * i + 2)
        start, end = cps[i], cps[i + 1]
        if end < start:
            raise CorruptFileError("corrupt Word document: the piece table's positions go backwards", path=name)
        compressed = bool(raw & 0x40000000)
        offset = (raw & 0x3FFFFFFF) // 2 if compressed else raw & 0x3FFFFFFF
        width = 1 if compressed else 2
        if offset + (end - start) * width > len(word):
            raise CorruptFileError("corrupt Word document: a piece points outside the WordDocument stream", path=name)
        pieces.append(_Piece(start, end, offset, compressed))
    return pieces


def _characters(word: bytes, pieces: list[_Piece], start: int, end: int, name: str | None) -> list[tuple[str, int]]:
    """Characters ``start`` to ``end`` (character positions) with each one's byte offset in the stream."""
    out: list[tuple[str, int]] = []
    for piece in pieces:
        lo, hi = max(start, piece.cp_start), min(end, piece.cp_end)
        if lo >= hi:
            continue
        width = 1 if piece.compressed else 2
        first = piece.fc + (lo - piece.cp_start) * width
        raw = word[first : first + (hi - lo) * width]
        if piece.compressed:
            text = raw.decode("latin-1").translate(_COMPRESSED_TABLE)
        else:
            text = raw.decode("utf-16-le", errors="replace")
        out.extend((char, first + i * width) for i, char in enumerate(text))
    if len(out) < end - start:
        raise CorruptFileError(
            f"corrupt Word document: the piece table covers {len(out):,} of the {end - start:,} characters it should",
            path=name,
        )
    return out


def _paragraphs(word: bytes, table: bytes, fib: _Fib, extra: bytes = b"") -> list[_Paragraph]:
    """Paragraph property runs from the PAPX FKPs; damaged pages are left out (tables then fall back).

    ``extra`` is the Data stream, where Word moves the properties of a paragraph too big for its
    FKP (a row end with many cells) and leaves a sprmPHugePapx pointing there.
    """
    out: list[_Paragraph] = []
    parsed: dict[bytes, _Paragraph] = {}  # paragraphs with the same properties share their parse
    for page in _fkp_pages(word, table, fib, _FC_PLCF_BTE_PAPX):
        runs = page[511]
        if 4 * (runs + 1) + 13 * runs > 511:
            continue
        fcs = struct.unpack_from(f"<{runs + 1}I", page, 0)
        for i in range(runs):
            offset = page[4 * (runs + 1) + 13 * i] * 2
            papx = _papx_sprms(page, offset) if offset else b""
            got = parsed.get(papx)
            if got is None:
                got = parsed[papx] = _paragraph(0, 0, papx, extra)
            out.append(
                _Paragraph(
                    fcs[i], fcs[i + 1], got.row_end, got.in_table, got.listed, got.style, got.boundaries, got.merges
                )
            )
    out.sort(key=lambda p: p.fc_start)
    return out


def _fkp_pages(word: bytes, table: bytes, fib: _Fib, index: int) -> list[bytes]:
    """The 512-byte FKP pages a PlcBte (of paragraph or character properties) names, each once."""
    fc, lcb = fib.fc_lcb[index] if len(fib.fc_lcb) > index else (0, 0)
    if lcb < 12 or fc + lcb > len(table) or (lcb - 4) % 8:
        return []
    count = (lcb - 4) // 8
    pages = struct.unpack_from(f"<{count}I", table, fc + 4 * (count + 1))
    out = []
    for pn in dict.fromkeys(p & 0x3FFFFF for p in pages):
        page = word[pn * 512 : pn * 512 + 512]
        if len(page) == 512:
            out.append(page)
    return out


def _deleted(word: bytes, table: bytes, fib: _Fib) -> list[tuple[int, int]]:
    """The byte ranges of text deleted with revision marks on (sprmCFRMarkDel), from the CHPX FKPs.

    Word keeps tracked deletions in the text stream and shows them struck through; the
    document as it reads leaves them out, as the .docx reader leaves out ``w:delText``.
    """
    out: list[tuple[int, int]] = []
    for page in _fkp_pages(word, table, fib, _FC_PLCF_BTE_CHPX):
        runs = page[511]
        if 4 * (runs + 1) + runs > 511:
            continue
        fcs = struct.unpack_from(f"<{runs + 1}I", page, 0)
        for i in range(runs):
            offset = page[4 * (runs + 1) + i] * 2
            if not offset or offset >= 511:
                continue
            grpprl = page[offset + 1 : min(offset + 1 + page[offset], 511)]
            if b"\x00\x08" not in grpprl:  # no sprmCFRMarkDel anywhere in it
                continue
            for sprm, at, _ in _sprms(grpprl):
                if sprm == 0x0800 and grpprl[at] in (1, 0x81):  # on, or the opposite of the style's (off)
                    out.append((fcs[i], fcs[i + 1]))
    return sorted(out)


def _struck(chars: list[tuple[str, int]], deleted: list[tuple[int, int]]) -> list[tuple[str, int]]:
    """The characters with deleted ones blanked (a NUL, which reads as nothing) so positions still hold."""
    if not deleted:
        return chars
    starts = [lo for lo, _ in deleted]
    out = []
    for char, fc in chars:
        i = bisect.bisect_right(starts, fc) - 1
        out.append(("\x00" if i >= 0 and fc < deleted[i][1] else char, fc))
    return out


def _papx_sprms(page: bytes, offset: int) -> bytes:
    if offset >= 511:
        return b""
    cb = page[offset]
    if cb:
        start, size = offset + 1, 2 * cb - 1
    else:
        if offset + 1 >= 511:
            return b""
        start, size = offset + 2, 2 * page[offset + 1]
    return page[start : min(start + size, 511)]


def _sprms(grpprl: bytes) -> Iterator[tuple[int, int, int]]:
    """Each property modifier of a grpprl: its code, where its operand starts, and the operand's size.

    The operand's size follows from the code's spra, or from its first byte; sprmTDefTable and
    sprmPChgTabs size themselves their own way ([MS-DOC] 2.6.1, 2.6.2). A modifier cut short
    ends the walk.
    """
    at = 0
    while at + 2 <= len(grpprl):
        (sprm,) = struct.unpack_from("<H", grpprl, at)
        at += 2
        size = _SPRA_SIZES[sprm >> 13]
        if size < 0:  # variable: the operand says how long it is
            if at >= len(grpprl):
                return
            if sprm == 0xD608:  # sprmTDefTable: a 2-byte size, one more than what follows it
                if at + 2 > len(grpprl):
                    return
                size = 1 + struct.unpack_from("<H", grpprl, at)[0]
            elif sprm == 0xC615 and grpprl[at] == 255:  # sprmPChgTabs too long for its size byte
                deleting = grpprl[at + 1] if at + 1 < len(grpprl) else 0
                added_at = at + 2 + 4 * deleting
                adding = grpprl[added_at] if added_at < len(grpprl) else 0
                size = 2 + 4 * deleting + 1 + 3 * adding
            else:
                size = 1 + grpprl[at]
        if at + size > len(grpprl):
            return
        yield sprm, at, size
        at += size


def _paragraph(fc_start: int, fc_end: int, papx: bytes, extra: bytes = b"") -> _Paragraph:
    style = struct.unpack_from("<H", papx, 0)[0] if len(papx) >= 2 else 0
    row_end = listed = in_table = False
    boundaries: tuple[int, ...] = ()
    merges: tuple[int, ...] = ()
    parts = [papx[2:]]
    for sprms in parts:  # the PAPX's own, then those of one sprmPHugePapx it holds
        for sprm, at, size in _sprms(sprms):
            if sprm == 0x6646 and len(parts) == 1:  # the rest of the properties are in the Data stream
                parts.append(_huge_papx(extra, struct.unpack_from("<I", sprms, at)[0]))
            elif sprm == 0xD608:
                boundaries, merges = _def_table(sprms[at + 2 : at + size])
            elif sprm in (0x2417, 0x244C) and sprms[at]:  # sprmPFTtp, sprmPFInnerTtp
                row_end = True
            elif sprm in (0x2416, 0x6649) and sprms[at]:  # sprmPFInTable, sprmPItap
                in_table = True
            elif sprm == 0x460B:  # sprmPIlfo: 0 is no list, 0xF801 an override of none
                listed = struct.unpack_from("<H", sprms, at)[0] not in (0, 0xF801)
    return _Paragraph(fc_start, fc_end, row_end, in_table, listed, style, boundaries, merges)


def _huge_papx(extra: bytes, offset: int) -> bytes:
    """The grpprl of a PrcData in the Data stream (empty where it does not fit there)."""
    if offset + 2 > len(extra):
        return b""
    (size,) = struct.unpack_from("<h", extra, offset)
    if size <= 0 or offset + 2 + size > len(extra):
        return b""
    return extra[offset + 2 : offset + 2 + size]


def _style_names(table: bytes, fib: _Fib) -> dict[int, str]:
    """Each style's name by its index (istd), from the stylesheet; what cannot be read is left out."""
    fc, lcb = fib.fc_lcb[_FC_STSHF]
    if lcb < 6 or fc + lcb > len(table):
        return {}
    sheet = table[fc : fc + lcb]
    (info,) = struct.unpack_from("<H", sheet, 0)
    if 2 + info > len(sheet) or info < 4:
        return {}
    count, base = struct.unpack_from("<HH", sheet, 2)
    names: dict[int, str] = {}
    at = 2 + info
    for istd in range(count):
        if at + 2 > len(sheet):
            break
        (size,) = struct.unpack_from("<H", sheet, at)
        std = sheet[at + 2 : at + 2 + size]
        at += 2 + size
        if size < base + 2 or len(std) < size:
            continue
        (chars,) = struct.unpack_from("<H", std, base)
        names[istd] = std[base + 2 : base + 2 + 2 * chars].decode("utf-16-le", errors="replace")
    return names


def _def_table(operand: bytes) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """A row's cell edges and vertical merges from a TDefTableOperand."""
    if not operand:
        return (), ()
    cells = min(operand[0], _MAX_CELLS)
    if 1 + 2 * (cells + 1) > len(operand):
        return (), ()
    edges = struct.unpack_from(f"<{cells + 1}h", operand, 1)
    at = 1 + 2 * (cells + 1)
    merges = []
    for i in range(cells):
        if at + 20 * (i + 1) > len(operand):
            merges.append(0)
            continue
        (flags,) = struct.unpack_from("<H", operand, at + 20 * i)
        merges.append(1 if flags & 0x40 else 2 if flags & 0x20 else 0)
    return edges, tuple(merges)


def _furniture(
    word: bytes,
    table: bytes,
    fib: _Fib,
    pieces: list[_Piece],
    deleted: list[tuple[int, int]],
    name: str | None,
) -> tuple[list[str], list[str]]:
    """Each distinct header and footer text: the PlcfHdd's stories after the six separators."""
    if not fib.ccp_hdd:
        return [], []
    start = fib.ccp_text + fib.ccp_ftn
    chars = _struck(_characters(word, pieces, start, start + fib.ccp_hdd, name), deleted)
    text = "".join(c for c, _ in chars)
    fc, lcb = fib.fc_lcb[_FC_PLCF_HDD]
    headers: dict[str, None] = {}
    footers: dict[str, None] = {}
    if lcb < 8 or fc + lcb > len(table):
        whole = _plain(text)
        if whole:
            headers.setdefault(whole)
        return list(headers), list(footers)
    cps = struct.unpack_from(f"<{lcb // 4}I", table, fc)
    sections: list[list[str]] = []
    for story in range(6, len(cps) - 2):  # the last position is a guard after the final story's mark
        if (story - 6) % 6 == 0:
            sections.append([""] * 6)
        lo, hi = cps[story], cps[story + 1]
        if lo < hi <= len(text):
            sections[-1][(story - 6) % 6] = _plain(text[lo:hi])
    for stories in sections:
        for index, seen in ((4, headers), (1, headers), (0, headers), (5, footers), (3, footers), (2, footers)):
            if stories[index]:
                seen.setdefault(stories[index])
    return list(headers), list(footers)


def _notes(
    word: bytes, fib: _Fib, pieces: list[_Piece], deleted: list[tuple[int, int]], room: int, name: str | None
) -> list[str]:
    """The paragraphs of the main text's text boxes, then of its footnotes and endnotes, read after the body.

    Their anchors are drawing objects and reference marks in the body; the text itself lives in
    stories of its own after the headers (text boxes, footnotes, endnotes: [MS-DOC] 2.3), which
    are read here as plain paragraphs. A story that the pieces do not cover, or that would take the
    text over ``room`` more characters, is left out, not fatal.
    """
    if len(fib.ccp_later) < 4:
        return []
    _, ccp_atn, ccp_edn, ccp_txbx = (max(0, count) for count in fib.ccp_later[:4])
    start_atn = fib.ccp_text + fib.ccp_ftn + fib.ccp_hdd
    start_edn = start_atn + ccp_atn
    start_txbx = start_edn + ccp_edn
    stories = ((start_txbx, ccp_txbx), (fib.ccp_text, fib.ccp_ftn), (start_edn, ccp_edn))
    out: list[str] = []
    for start, count in stories:
        if not count or start + count > len(word) or count > room:
            continue
        room -= count
        try:
            chars = _struck(_characters(word, pieces, start, start + count, name), deleted)
        except CorruptFileError:
            continue
        out.extend(line for line in _plain("".join(c for c, _ in chars)).split("\n") if line)
    return out


def _plain(text: str) -> str:
    """A story's text: fields resolved, paragraphs as lines."""
    lines = "".join(_resolve([(c, 0) for c in text])).replace("\x07", "\r").split("\r")
    return "\n".join(line.strip() for line in lines if line.strip())


def _resolve(chars: list[tuple[str, int]]) -> list[str]:
    """The characters as they read: field codes dropped (results kept), special characters mapped."""
    out: list[str] = []
    fields: list[bool] = []  # for each open field: whether its result has begun
    for char, _ in chars:
        if char == "\x13":
            fields.append(False)
            out.append("")
            continue
        if char == "\x14":
            if fields:
                fields[-1] = True
            out.append("")
            continue
        if char == "\x15":
            if fields:
                fields.pop()
            out.append("")
            continue
        if not all(fields):
            out.append("")
            continue
        mapped = _CHARS.get(char, char)
        if mapped is None or (mapped < " " and mapped not in "\t\n\r\x07"):
            mapped = ""
        out.append(mapped)
    return out


def _body(chars: list[tuple[str, int]], paragraphs: list[_Paragraph], lists: set[int], out: _Writer) -> None:
    """Paragraphs as blocks and runs of cells as tables, in document order."""
    shown = _resolve(chars)
    starts = [p.fc_start for p in paragraphs]

    def props(fc: int) -> _Paragraph | None:
        i = bisect.bisect_right(starts, fc) - 1
        if i >= 0 and paragraphs[i].fc_start <= fc < paragraphs[i].fc_end:
            return paragraphs[i]
        return None

    text: list[str] = []
    cells: list[str] = []
    rows: list[tuple[list[str], _Paragraph | None]] = []
    previous_cell = False
    for (_, fc), char in zip(chars, shown, strict=True):
        if char == "\x07":
            para = props(fc)
            row_end = para.row_end if para is not None else previous_cell and not "".join(text).strip()
            if row_end:
                rows.append((cells, para))
                cells = []
            else:
                cells.append(" ".join("".join(text).split()))
            text = []
            previous_cell = True
            continue
        if char == "\r":
            para = props(fc)
            # without paragraph properties, a paragraph right after a cell mark is taken to be in the table
            inside = para.in_table if para is not None else bool(cells) or bool(rows and previous_cell)
            previous_cell = False
            if inside:
                text.append(" ")  # one paragraph of a cell of several
                continue
            if cells:  # cells with no row end: a row all the same
                rows.append((cells, None))
                cells = []
            if rows:
                out.table(_grid(rows))
                rows = []
            line = "".join(text)
            listed = para is not None and (para.listed or para.style in lists)
            out.block("• " + line.strip() if listed and line.strip() else line)
            text = []
            continue
        text.append(char)
        if char:
            previous_cell = False
    if cells:
        rows.append((cells, None))
    if rows:
        out.table(_grid(rows))
    out.block("".join(text))


def _grid(rows: list[tuple[list[str], _Paragraph | None]]) -> list[list[str]]:
    """Rows of cells, a cell spanning several columns repeated in each, a vertically merged one down its rows."""
    edges = sorted({edge for _, para in rows if para is not None for edge in para.boundaries})
    grid: list[list[str]] = []
    for cells, para in rows:
        row: list[str] = []
        bounds = para.boundaries if para is not None and len(para.boundaries) == len(cells) + 1 else ()
        for i, text in enumerate(cells):
            span = 1
            if bounds:
                span = max(1, bisect.bisect_left(edges, bounds[i + 1]) - bisect.bisect_left(edges, bounds[i]))
            merge = para.merges[i] if para is not None and i < len(para.merges) else 0
            if merge == 2 and grid and len(row) < len(grid[-1]):
                text = grid[-1][len(row)]
            row.extend([text] * min(span, _MAX_CELLS))
        grid.append(row)
    return grid
