"""Word reader: a .docx letter as its author laid it out, and .odt / .doc through LibreOffice.

The body is read in document order with python-docx: paragraphs one per block (a
heading on its own, a list item marked "•"), text boxes right after the paragraph that
anchors them, and real Word tables written as tab-separated rows and handed over as
tables, merged cells repeated in every column and row they cover. Page headers and
footers are written once, above and below the body, and marked as furniture, so they
become blocks of their own. A .docx is a ZIP of XML: its size unpacked is checked
before anything is parsed, and python-docx's XML parser resolves no entities.

A legacy .doc is read from its own binary format (readers/doc.py); only what that
reader cannot read (a Word 6/95 file) and OpenDocument .odt files are converted to
.docx by LibreOffice (headless, in a temporary directory, under a time limit) when it
is installed, and the Source then says ``converter="libreoffice"``; when it is not, the
error names what to install.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import itertools
import os
import re
import shutil
import signal
import struct
import subprocess
import tempfile
import zipfile
import zlib
from typing import Any

from foiparse.errors import CorruptFileError, EmptyInputError, InputTooLargeError, TooSlowError, UnsupportedFormatError
from foiparse.limits import MAX_SECONDS
from foiparse.model import Document, Source, Span, Table
from foiparse.options import DEFAULT, Options
from foiparse.readers.grids import prose_grid

MAX_UNPACKED = 256 * 1024 * 1024  # bytes of XML and media inside the ZIP: more is a bomb, not a letter
MAX_MEMBERS = 10_000  # parts of one ZIP: Word writes tens; each one costs a directory entry parsed and a header read
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_LIST_STYLES = ("list", "bullet", "number")


def read_docx(
    data: bytes, name: str | None = None, options: Options = DEFAULT, *, source_format: str = "docx"
) -> Document:
    """Read a Word .docx.

    Raises:
        CorruptFileError: not a readable .docx (a damaged ZIP, missing parts, broken XML).
        InputTooLargeError: the ZIP unpacks to more than 256 MB.
        EmptyInputError: it holds no text.
    """
    docx = _backend()
    package = _as_word_document(data, name)
    try:
        word = docx.Document(io.BytesIO(package))
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml and package errors
        raise CorruptFileError(f"corrupt Word document: {_reason(exc)}", path=name) from None
    out = _Writer()
    try:
        headers, footers = _furniture_texts(word)
        for text in headers:
            out.furniture(text)
        _body(word, out)
        for text in footers:
            out.furniture(text)
    except (ValueError, KeyError, AttributeError, TypeError, IndexError) as exc:
        raise CorruptFileError(f"corrupt Word document: {_reason(exc)}", path=name) from None
    text = out.text()
    if not text.strip():
        raise EmptyInputError("empty input: the document has no text", path=name)
    source = Source(
        name=name,
        format=source_format,
        sha256=hashlib.sha256(data).hexdigest(),
        bytes=len(data),
        encoding=None,
        bom=False,
    )
    return Document(text=text, source=source, tables=tuple(out.tables), furniture=tuple(out.furniture_spans))


def read_converted(
    data: bytes, name: str | None = None, *, source_format: str = "odt", max_seconds: float = MAX_SECONDS
) -> Document:
    """Read a .odt or .doc by converting it to .docx with LibreOffice.

    Raises:
        UnsupportedFormatError: LibreOffice is not installed (the message says how to install it).
        TooSlowError: the conversion took longer than ``max_seconds``.
        CorruptFileError: LibreOffice could not convert it.
    """
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        raise UnsupportedFormatError(
            f"unsupported format: reading .{source_format} needs LibreOffice {_INSTALL_OFFICE}",
            path=name,
            detected=source_format,
        )
    with tempfile.TemporaryDirectory(prefix="foiparse-") as tmp:
        source = os.path.join(tmp, f"input.{source_format}")
        with open(source, "wb") as fh:
            fh.write(data)
        command = [
            office,
            f"-env:UserInstallation=file://{tmp}/profile",  # its own profile: no clash with a running office
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            tmp,
            source,
        ]
        # Its own session, so that on a timeout the whole of LibreOffice (a script and its
        # soffice.bin) is stopped, not just the script.
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tmp, start_new_session=True
        )
        try:
            process.wait(timeout=max_seconds)
        except BaseException as exc:  # the timeout, or an interrupt: stop it before the folder goes
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            if isinstance(exc, subprocess.TimeoutExpired):
                raise TooSlowError(f"LibreOffice took longer than {max_seconds:g} s to convert it", path=name) from None
            raise
        target = os.path.join(tmp, "input.docx")
        if not os.path.exists(target):
            raise CorruptFileError(f"corrupt .{source_format}: LibreOffice could not convert it", path=name)
        with open(target, "rb") as fh:
            converted = fh.read()
    document = read_docx(converted, name, source_format=source_format)
    original = Source(
        name=name,
        format=source_format,
        sha256=hashlib.sha256(data).hexdigest(),
        bytes=len(data),
        encoding=None,
        bom=False,
        converter="libreoffice",
    )
    return Document(text=document.text, source=original, tables=document.tables, furniture=document.furniture)


_INSTALL_OFFICE = "(Debian/Ubuntu: apt install libreoffice-writer-nogui; macOS: brew install --cask libreoffice)"


def read_odt(data: bytes, name: str | None = None, options: Options = DEFAULT) -> Document:
    """Read an OpenDocument text (.odt), through LibreOffice."""
    return read_converted(data, name, source_format="odt", max_seconds=options.max_seconds)


def read_doc(data: bytes, name: str | None = None, options: Options = DEFAULT) -> Document:
    """Read a legacy Word .doc from its binary format; a Word 6/95 file through LibreOffice.

    Raises:
        UnsupportedFormatError: a Word 6/95 file and LibreOffice is not installed.
        (and what ``read_word97`` and ``read_converted`` raise)
    """
    from foiparse.readers.doc import NeedsConverterError, read_word97

    try:
        return read_word97(data, name, options)
    except NeedsConverterError as exc:
        if not (shutil.which("soffice") or shutil.which("libreoffice")):
            raise UnsupportedFormatError(
                f"{exc.message}: install LibreOffice to read it {_INSTALL_OFFICE}", path=name, detected="doc"
            ) from None
    return read_converted(data, name, source_format="doc", max_seconds=options.max_seconds)


def _backend() -> Any:
    try:
        import docx
    except ImportError as exc:  # pragma: no cover - python-docx is a dependency
        from foiparse.errors import MissingBackendError

        raise MissingBackendError("reading Word documents needs python-docx: pip install 'foiparse'") from exc
    return docx


def _reason(exc: BaseException) -> str:
    """An exception as one short line, with no Python object's repr in it.

    python-docx names the stream it was given (``<_io.BytesIO object at 0x...>``),
    which tells the reader of the message nothing.
    """
    text = _OBJECT_REPR.sub("the document", " ".join(str(exc).split()))
    return f"{type(exc).__name__}: {text[:200]}" if text else type(exc).__name__


_OBJECT_REPR = re.compile(r"'?<[^<>]*\bobject at 0x[0-9a-fA-F]+>'?")

# The main part of a macro-enabled document (.docm) or a template (.dotx, .dotm): the same
# WordprocessingML as a .docx, which python-docx refuses only for its content type. The
# macros are never run: they are a part nobody reads.
_WORD_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_OTHER_MAINS = (
    b"application/vnd.ms-word.document.macroEnabled.main+xml",
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)


def _as_word_document(data: bytes, name: str | None) -> bytes:
    """The package python-docx is given: checked as it inflates, and a .docm's main part typed as a .docx's."""
    check_zip_members(data, name)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if not any(member.filename == "word/document.xml" for member in members):
                raise CorruptFileError("corrupt Word document: it has no word/document.xml", path=name)
            _check_unpacked(data, members, name)
            types = next((m for m in members if m.filename == "[Content_Types].xml"), None)
            if types is None:
                return data
            declared = archive.read(types)
            if not any(other in declared for other in _OTHER_MAINS):
                return data
            for other in _OTHER_MAINS:
                declared = declared.replace(other, _WORD_MAIN)
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as rebuilt:
                for member in members:
                    rebuilt.writestr(member.filename, declared if member is types else archive.read(member))
            return out.getvalue()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, ValueError, EOFError, zlib.error) as exc:
        raise CorruptFileError(f"corrupt Word document: not a readable ZIP ({_reason(exc)})", path=name) from None


def check_zip_members(data: bytes, name: str | None = None, limit: int | None = None) -> None:
    """Refuse a ZIP of more than ``limit`` (``MAX_MEMBERS``) members before its directory is parsed.

    Python's zipfile builds an object for every directory entry: 2 million entries of
    46 bytes (a 94 MB file) cost it 11 s and 900 MB. Every entry begins with the
    directory signature, so counting those (a fast scan of the bytes) bounds them.

    Raises:
        InputTooLargeError: more directory signatures than the limit.
    """
    limit = MAX_MEMBERS if limit is None else limit
    entries = data.count(b"PK\x01\x02")
    if entries > limit:
        raise InputTooLargeError(
            f"too many ZIP members: {entries:,} directory entries, over the limit of {limit:,}",
            path=name,
            size=entries,
            limit=limit,
        )


def _check_unpacked(data: bytes, members: list[zipfile.ZipInfo], name: str | None) -> None:
    """Inflate every member, counting the bytes it really gives, and stop at the limit.

    The ZIP directory's sizes are what the file says, not what it holds: a member that
    says 1 KB can inflate to gigabytes. Nothing inflated is kept. Members must not share
    bytes (see ``_data_starts``), so the deflate read in all is at most the file.
    """
    starts = _data_starts(data, members, name)
    total = sum(member.file_size for member in members)
    if total <= MAX_UNPACKED:
        total = 0
        for member, start in zip(members, starts, strict=True):
            real = _inflated_size(data, member, start, MAX_UNPACKED - total)
            if real != member.file_size and total + real <= MAX_UNPACKED:
                raise CorruptFileError(
                    f"corrupt Word document: {member.filename!r} unpacks to {real:,} bytes, "
                    f"not the {member.file_size:,} its ZIP directory says",
                    path=name,
                )
            total += real
            if total > MAX_UNPACKED:
                break
    if total > MAX_UNPACKED:
        raise InputTooLargeError(
            f"Word document too large unpacked: over {MAX_UNPACKED:,} bytes, the limit"
            f" ({total:,} bytes at least, whatever its ZIP directory says)",
            path=name,
            size=total,
            limit=MAX_UNPACKED,
        )


def _data_starts(data: bytes, members: list[zipfile.ZipInfo], name: str | None) -> list[int]:
    """Where each member's compressed bytes begin, once no two members share bytes.

    A directory may name one member's bytes thousands of times (or a member hidden
    inside another's), each entry inflating them anew: 2,000 entries over 5 MB cost
    seconds while counting nothing. A ZIP Word writes has each member's local header
    and bytes to itself, inside the file.

    Raises:
        CorruptFileError: members overlap, or one runs past the end of the file.
        zipfile.BadZipFile: a member has no local header where its directory entry says.
    """
    starts: list[int] = []
    for member in members:
        header = data[member.header_offset : member.header_offset + 30]
        if len(header) < 30 or header[:4] != b"PK\x03\x04":
            raise zipfile.BadZipFile(f"no local header for {member.filename!r}")
        name_length, extra_length = struct.unpack_from("<HH", header, 26)
        start = member.header_offset + 30 + name_length + extra_length
        if start + member.compress_size > len(data):
            raise CorruptFileError(
                f"corrupt Word document: ZIP member {member.filename!r} runs past the end of the file", path=name
            )
        starts.append(start)
    spans = sorted(
        (member.header_offset, start + member.compress_size, member.filename)
        for member, start in zip(members, starts, strict=True)
    )
    for (_, end, first), (begin, _, second) in itertools.pairwise(spans):
        if begin < end:
            raise CorruptFileError(
                f"corrupt Word document: ZIP members {first!r} and {second!r} overlap in the file (bytes named twice)",
                path=name,
            )
    return starts


_CHUNK = 1024 * 1024  # bytes of output at a time
_FEED = 64 * 1024  # bytes of input at a time: what is left of a slice is all that is copied again


def _inflated_size(data: bytes, member: zipfile.ZipInfo, start: int, budget: int) -> int:
    """The bytes ``member`` inflates to, counted in chunks; past ``budget``, a number over it.

    The deflate is fed in slices of a view of ``data``: handing zlib the whole member
    and then its ``unconsumed_tail`` at every megabyte of output copies the rest of the
    input each time (megabytes, hundreds of times).
    """
    if member.flag_bits & 1:
        raise zipfile.BadZipFile(f"{member.filename!r} is encrypted")
    if member.compress_type == zipfile.ZIP_STORED:
        return member.compress_size
    if member.compress_type != zipfile.ZIP_DEFLATED:
        raise NotImplementedError(f"{member.filename!r} is compressed with method {member.compress_type}")
    view = memoryview(data)[start : start + member.compress_size]
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    size = 0
    for at in range(0, len(view), _FEED):
        size += len(inflater.decompress(view[at : at + _FEED], _CHUNK))
        while inflater.unconsumed_tail and size <= budget:
            size += len(inflater.decompress(inflater.unconsumed_tail, _CHUNK))
        if size > budget or inflater.eof:
            break
    if size <= budget:
        size += len(inflater.flush())
    return size


class _Writer:
    """The document text, built block by block, with the spans of tables and furniture."""

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.size = 0
        self.tables: list[Table] = []
        self.furniture_spans: list[Span] = []

    def _emit(self, text: str) -> tuple[int, int]:
        if self.size:
            self.pieces.append("\n\n")
            self.size += 2
        start = self.size
        self.pieces.append(text)
        self.size += len(text)
        return start, self.size

    def block(self, text: str) -> None:
        text = text.strip()
        if text:
            self._emit(text)

    def furniture(self, text: str) -> None:
        text = text.strip()
        if text:
            self.furniture_spans.append(self._emit(text))

    def table(self, grid: list[list[str]]) -> None:
        grid = [row for row in grid if any(cell.strip() for cell in row)]
        if not grid:
            return
        width = max(len(row) for row in grid)
        if width < 2 or prose_grid(grid):
            for row in grid:  # one column, or sentences laid out in cells: the letter's text
                for cell in dict.fromkeys(c for c in row if c.strip()):
                    self.block(cell)
            return
        rows = [tuple(_cell(c) for c in row) + ("",) * (width - len(row)) for row in grid]
        start, end = self._emit("\n".join("\t".join(row).rstrip("\t") or " " for row in rows))
        head, body = rows[0], rows[1:]
        self.tables.append(Table(title=None, columns=head, rows=tuple(body), span=(start, end)))

    def text(self) -> str:
        return "".join(self.pieces) + ("\n" if self.pieces else "")


def _cell(text: str) -> str:
    return " ".join(text.split())


def _body(word: Any, out: _Writer) -> None:
    _blocks(word.element.body, out)


def _blocks(container: Any, out: _Writer) -> None:
    """Paragraphs and tables in document order, through content controls and custom XML."""
    for child in container.iterchildren():
        tag = child.tag
        if tag == f"{_W}p":
            out.block(_paragraph_text(child))
            for box in _text_boxes(child):
                out.block(box)
        elif tag == f"{_W}tbl":
            out.table(_grid(child))
        elif tag in (f"{_W}sdt", f"{_W}customXml", f"{_W}sdtContent"):
            _blocks(child, out)


_TEXT_TAGS = {f"{_W}t": None, f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}
_SKIP = {f"{_W}txbxContent", f"{_W}delText", f"{_W}instrText", f"{_W}pPr", f"{_W}rPr"}


def _runs_text(element: Any) -> str:
    """The text of a paragraph's runs, wherever they sit.

    Runs inside insertions, fields, links, content controls and smart tags all count;
    text boxes are left for blocks of their own, deleted text and field codes left out.
    """
    out: list[str] = []
    stack = [iter(element)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        tag = child.tag
        if tag in _SKIP or not isinstance(tag, str):
            continue
        if tag in _TEXT_TAGS:
            replacement = _TEXT_TAGS[tag]
            out.append(_node_text(child) if replacement is None else replacement)
            continue
        if tag == f"{_W}p":
            continue  # a paragraph inside (a text box's): read on its own
        stack.append(iter(child))
    return "".join(out)


def _node_text(element: Any) -> str:
    """All the text of a ``w:t``, not only what comes before its first child node.

    An entity the parser leaves unexpanded, a comment or a processing instruction inside
    the element holds the text after it as its tail; an entity is written as it stands
    in the file (``&name;``), never expanded.
    """
    pieces = [element.text or ""]
    for child in element:
        if type(child).__name__ == "_Entity":  # lxml's class for an entity left unexpanded
            pieces.append(child.text or "")
        pieces.append(child.tail or "")
    return "".join(pieces)


def _paragraph_text(p: Any) -> str:
    text = _runs_text(p)
    properties = p.find(f"{_W}pPr")
    style = ""
    numbered = False
    if properties is not None:
        style_element = properties.find(f"{_W}pStyle")
        style = (style_element.get(f"{_W}val") if style_element is not None else "") or ""
        numbered = properties.find(f"{_W}numPr") is not None
    if text.strip() and (numbered or style.lower().startswith(_LIST_STYLES)):
        return "• " + text.strip()
    return text


_MAX_SPAN = 64  # columns one cell may cover: a larger gridSpan is a broken file, not a table


def _grid(table: Any) -> list[list[str]]:
    """A Word table's rows, merged cells repeated where they reach (gridSpan across, vMerge down)."""
    rows: list[list[str]] = []
    for tr in table.iterchildren(f"{_W}tr"):
        row: list[str] = []
        for tc in tr.iterchildren(f"{_W}tc"):
            properties = tc.find(f"{_W}tcPr")
            span, continues = 1, False
            if properties is not None:
                grid_span = properties.find(f"{_W}gridSpan")
                if grid_span is not None:
                    try:
                        span = max(1, min(int(grid_span.get(f"{_W}val") or 1), _MAX_SPAN))
                    except ValueError:
                        span = 1
                merge = properties.find(f"{_W}vMerge")
                continues = merge is not None and (merge.get(f"{_W}val") or "continue") == "continue"
            if continues:
                above = rows[-1] if rows else []
                column = len(row)
                text = above[column] if column < len(above) else ""
            else:
                text = _cell_text(tc)
            row.extend([text] * span)
        rows.append(row)
    return rows


def _cell_text(tc: Any) -> str:
    """All the text in a cell: its paragraphs, and those of tables nested in it."""
    return " ".join(t for p in tc.iter(f"{_W}p") if (t := _runs_text(p).strip()))


def _text_boxes(element: Any) -> list[str]:
    """The paragraphs of text boxes anchored in a paragraph (the fallback copy of each left out)."""
    texts = []
    for box in element.iter(f"{_W}txbxContent"):
        if any(parent.tag == f"{_MC}Fallback" for parent in box.iterancestors()):
            continue  # the same box again, for programs that cannot draw the first
        for p in box.iter(f"{_W}p"):
            text = "".join(_node_text(t) for t in p.iter(f"{_W}t"))
            if text.strip():
                texts.append(text)
    return texts


def _furniture_texts(word: Any) -> tuple[list[str], list[str]]:
    """Each distinct page header and footer text of the document's sections."""
    headers: dict[str, None] = {}
    footers: dict[str, None] = {}
    for section in word.sections:
        parts = [(getattr(section, kind + "header"), headers) for kind in ("first_page_", "", "even_page_")] + [
            (getattr(section, kind + "footer"), footers) for kind in ("first_page_", "", "even_page_")
        ]
        for part, seen in parts:
            try:
                element = part._element
            except Exception:  # a section with no header part of its own
                continue
            if element is None:
                continue
            lines = []
            for child in element.iterchildren():
                if child.tag == f"{_W}p":
                    lines.append(_runs_text(child))
                elif child.tag == f"{_W}tbl":
                    lines.append(" ".join(cell for row in _grid(child) for cell in row if cell))
            text = "\n".join(line for line in lines if line.strip())
            if text.strip():
                seen.setdefault(text.strip())
    return list(headers), list(footers)
