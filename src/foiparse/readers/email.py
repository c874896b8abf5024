"""E-mail reader (.eml): the authority's reply as the document, its attachments listed.

The document text is the message's From, To, Date and Subject lines, then its body (the
plain-text part, or the HTML part through the HTML reader), then a line per attachment
(name, type, size). So the extractors read the headers as they read any letter's: the
authority from From, the date from Date, the reference from Subject, each only where the
body says nothing better, and each grounded in the text. Quoted history below the reply
("-----Original Message-----", "On … wrote:", "> ") stays in the body, where segmentation
marks it as quoted rather than the reply. Attachments are not read here; a batch parses
each PDF or Word attachment as a document of its own, linked to the e-mail.
"""

from __future__ import annotations

import codecs
import email
import email.policy
import hashlib
import re
from collections import OrderedDict
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

from foiparse.errors import CorruptFileError, EmptyInputError, FoiparseError, InputTooLargeError
from foiparse.model import Attachment, Document, Link, ParseWarning, Source, Table
from foiparse.options import DEFAULT, Options
from foiparse.readers.text import BOMS, decode, document_codec, sniff_wide

_HEADERS = ("From", "To", "Date", "Subject")


@dataclass(frozen=True, slots=True)
class Attached:
    """An attachment's name, type and bytes."""

    name: str
    content_type: str
    data: bytes


def read_eml(data: bytes, name: str | None = None, options: Options = DEFAULT) -> Document:
    """Read an e-mail saved as .eml (RFC 5322 with MIME parts).

    Raises:
        CorruptFileError: no headers could be read.
        EmptyInputError: no body text and no attachments.
    """
    message = _message(data, name)
    head = "\n".join(f"{key}: {value}" for key in _HEADERS if (value := _header(message, key)))
    notes: list[ParseWarning] = []  # parts whose declared charset could not be right
    body, tables, links, part = _body(message, name, options, notes)
    others = [text for text in _other_texts(message, part, notes) if text.strip()]
    if others:  # a forwarded message, or a second text part: kept after the reply, not dropped
        body = body.rstrip("\n") + "\n\n" + "\n\n".join(f"-----\n{text.strip()}" for text in others) + "\n"
    attached = attachments(message)
    if not body.strip() and not attached:
        raise EmptyInputError("empty input: the e-mail has no text and no attachments", path=name)
    text = head + "\n\n" + body.strip("\n") + "\n"
    shift = len(head) + 2 + (len(body) - len(body.lstrip("\n")))
    listed: list[Attachment] = []
    if attached:
        text += "\nAttachments:\n"
        for item in attached:
            start = len(text)
            text += f"{item.name} ({item.content_type}, {len(item.data):,} bytes)\n"
            listed.append(
                Attachment(
                    name=item.name,
                    url=None,
                    span=(start, start + len(item.name)),
                    content_type=item.content_type,
                    size=len(item.data),
                )
            )
    source = Source(
        name=name, format="eml", sha256=hashlib.sha256(data).hexdigest(), bytes=len(data), encoding=None, bom=False
    )
    cut = message.policy.ledger.cut if isinstance(message.policy, _BoundedPolicy) else set()
    warnings = (
        (
            ParseWarning(
                "header_cut", f"headers longer than {MAX_HEADER_CHARS:,} characters were cut: {', '.join(sorted(cut))}"
            ),
        )
        if cut
        else ()
    ) + tuple(dict.fromkeys(notes))
    return Document(
        text=text,
        source=source,
        warnings=warnings,
        tables=tuple(Table(t.title, t.columns, t.rows, (t.span[0] + shift, t.span[1] + shift)) for t in tables),
        attachments=tuple(listed),
        links=tuple(Link((link.span[0] + shift, link.span[1] + shift), link.url) for link in links),
    )


MAX_PARTS = 1000  # MIME parts in one e-mail: Python's parser slows with their number (30,000 take minutes)
# Where a charset is named in mail headers: an encoded word, an RFC 2231 parameter, a charset parameter.
_CHARSET_LABEL = re.compile(
    rb"""(=\?)([^?\s*]{1,64})(?=[?*])|(\*=)([^'\s;"]{1,64})(?=')|(charset\s*=\s*"?)([^"\s;]{1,64})""", re.I
)
_BOUNDARY = re.compile(rb"""boundary\s*=\s*(?:"([^"\r\n]{1,200})"|([^\s;"]{1,200}))""", re.I)
# Python's structured header parser costs time and memory in the square of a header's length
# (60 KB of " . " in To: takes 7 s, 240 KB of encoded words 3.7 GB), and up to 15 µs a character
# of a short one. So no value longer than this reaches it (a real header is rarely over a few KB;
# a longer one is cut), and one e-mail's header parsing may cost at most MAX_HEADER_WORK units,
# n + n²/1,024 for each header of n characters parsed: a few seconds of the worst junk, while a
# reply with 1,000 attachments costs about 150,000.
MAX_HEADER_CHARS = 4096
MAX_HEADER_WORK = 400_000
_RECENT = 8  # headers parsed kept for the next look-up (the library reads a part's Content-Type over and over)
_LINESEP = re.compile(r"\n|\r")
_SURROGATE = re.compile("[\ud800-\udfff]")
# Never read as a malformed header or a broken file: out of memory, or a limit of ours.
_FATAL = (MemoryError, FoiparseError)


class _Ledger:
    """What one e-mail's headers have cost the parser so far, and the last few it parsed.

    Only a few are kept: a parsed header holds its parse tree, over a kilobyte a character.
    """

    __slots__ = ("cut", "name", "recent", "work")

    def __init__(self, name: str | None) -> None:
        self.name = name
        self.recent: OrderedDict[tuple[str, str], Any] = OrderedDict()
        self.work = 0
        self.cut: set[str] = set()  # the names of headers read cut, for the document's warning


class _BoundedPolicy(email.policy.EmailPolicy):
    """``email.policy.default`` with each header value cut to ``MAX_HEADER_CHARS`` before it is parsed.

    Every header the reader or the mail library reads, of the message and of each part
    (From, To, Date, Subject, Content-Type, Content-Disposition, the transfer encoding,
    RFC 2231 filenames), is parsed here, so this is the one place the cost is bounded.
    """

    ledger: _Ledger

    def __init__(self, ledger: _Ledger) -> None:
        super().__init__(message_factory=EmailMessage)
        object.__setattr__(self, "ledger", ledger)  # one per message: policies are immutable, the ledger is not

    def header_fetch_parse(self, name: str, value: str) -> Any:
        if hasattr(value, "name"):  # parsed already (a header set by the program)
            return value
        whole = "".join(_LINESEP.split(value))
        value = _cut(whole)
        key = (name.lower(), value)
        ledger = self.ledger
        if len(value) < len(whole):
            ledger.cut.add(name)
        if key in ledger.recent:
            ledger.recent.move_to_end(key)
            return ledger.recent[key]
        ledger.work += len(value) + len(value) ** 2 // 1024
        if ledger.work > MAX_HEADER_WORK:
            raise InputTooLargeError(
                f"too much e-mail header text to parse: over the limit of {MAX_HEADER_WORK:,} units "
                "(a header of n characters costs n + n²/1,024 each time it is parsed)",
                path=ledger.name,
                size=ledger.work,
                limit=MAX_HEADER_WORK,
            )
        header = ledger.recent[key] = self.header_factory(name, value)
        if len(ledger.recent) > _RECENT:
            ledger.recent.popitem(last=False)
        return header


def _cut(value: str) -> str:
    """The value, or its first ``MAX_HEADER_CHARS`` characters, ended at an address or parameter where one ends."""
    if len(value) <= MAX_HEADER_CHARS:
        return value
    end = max(value.rfind(",", 0, MAX_HEADER_CHARS), value.rfind(";", 0, MAX_HEADER_CHARS))
    return value[: end if end > MAX_HEADER_CHARS // 2 else MAX_HEADER_CHARS]


def _message(data: bytes, name: str | None) -> EmailMessage:
    starts = _part_starts(data, name)
    try:
        message = email.message_from_bytes(_safe_charsets(data, starts), policy=_BoundedPolicy(_Ledger(name)))
    except _FATAL:
        raise
    except Exception as exc:  # the parser is lenient; anything it still refuses is a broken file
        raise CorruptFileError(f"corrupt e-mail: {exc}", path=name) from None
    if not isinstance(message, EmailMessage) or not message.keys():
        raise CorruptFileError("corrupt e-mail: no headers", path=name)
    return message


# A line that starts "--": a boundary line if the rest, less "--" and blanks at its end, was declared.
_DASH_LINE = re.compile(rb"(?:^|(?<=\r))--([^\r\n]*)(?:\r\n|\r|\n)?", re.M)
_BLANK_LINE = re.compile(rb"^\r?$", re.M)
_EMBEDDED = re.compile(rb"^content-type[ \t]*:[ \t]*message/", re.I | re.M)


def _part_starts(data: bytes, name: str | None) -> list[int]:
    """Where each MIME part's headers begin; refuses over ``MAX_PARTS`` parts, before parsing.

    Counted as the parser finds them, in one pass over the lines that start with "--":
    each is looked up among the declared boundaries, never the message scanned once per
    boundary (999 boundaries over 10 MB took 7 s).
    """
    boundaries: set[bytes] = set()
    for match in _BOUNDARY.finditer(data):
        boundaries.add(match.group(1) or match.group(2))
        if len(boundaries) > MAX_PARTS:
            break
    count = len(boundaries)
    starts: list[int] = []
    if boundaries and count <= MAX_PARTS:
        for match in _DASH_LINE.finditer(data):
            rest = match.group(1).rstrip(b" \t")
            if rest in boundaries:
                starts.append(match.end())
            elif not (rest.endswith(b"--") and rest[:-2] in boundaries):
                continue
            count += 1
            if count > MAX_PARTS:
                break
    if count > MAX_PARTS:
        raise InputTooLargeError(
            f"too many MIME parts: over the limit of {MAX_PARTS:,}", path=name, size=count, limit=MAX_PARTS
        )
    return starts


def _header_blocks(data: bytes, starts: list[int]) -> list[tuple[int, int]]:
    """The spans of the message's header blocks: its own, each part's, and each embedded message's."""
    blocks: list[tuple[int, int]] = []
    for start, limit in zip([0, *starts], [*starts, len(data)], strict=True):
        while start < limit:
            blank = _BLANK_LINE.search(data, start, limit)
            end = limit if blank is None else blank.start()
            blocks.append((start, end))
            if blank is None or not _EMBEDDED.search(data, start, end):
                break
            start = blank.end() + 1  # a message/rfc822 part: the next block is that message's headers
    return blocks


def _safe_charsets(data: bytes, starts: list[int]) -> bytes:
    """The message with each charset that is no text encoding (punycode, idna, rot13...) relabelled UTF-8.

    Python's mail parser decodes headers, parameters and bodies in whatever codec their
    headers name; some are no text encoding at all and punycode costs the square of the
    length. Only header blocks are relabelled: body text stays as written.
    """

    def relabel(match: re.Match[bytes]) -> bytes:
        prefix = match.group(1) or match.group(3) or match.group(5)
        label = match.group(2) or match.group(4) or match.group(6)
        known = True
        try:
            codecs.lookup(label.decode("ascii"))
        except (LookupError, UnicodeDecodeError, ValueError):
            known = False  # an unknown label the parser itself reads as undecodable bytes
        if known and document_codec(label.decode("ascii")) is None:
            label = b"utf-8"
        return prefix + label

    pieces: list[bytes] = []
    done = 0
    for start, end in _header_blocks(data, starts):
        start = max(start, done)
        pieces += (data[done:start], _CHARSET_LABEL.sub(relabel, data[start:end]))
        done = max(done, end)
    pieces.append(data[done:])
    return b"".join(pieces)


def _header(message: EmailMessage, key: str) -> str:
    """A header's value on one line; a malformed one as written rather than an error."""
    try:
        value = message[key]
        text = "" if value is None else str(value)
    except _FATAL:
        raise
    except Exception:  # the header parser fails on some malformed addresses and dates
        text = " ".join(_raw_headers(message, key))
    # The raw value keeps undecodable bytes as lone surrogates, which no UTF-8 writer takes:
    # replaced, as the header parser replaces them.
    return " ".join(_SURROGATE.sub("\ufffd", text).split())


def _raw_headers(message: EmailMessage, key: str) -> list[str]:
    from email.header import decode_header, make_header

    values = [v for k, v in message.raw_items() if k.lower() == key.lower()]
    out = []
    for value in values:
        value = _cut(str(value))
        try:
            out.append(str(make_header(decode_header(value))))
        except _FATAL:
            raise
        except Exception:
            out.append(value)
    return out


def _body(
    message: EmailMessage, name: str | None, options: Options, notes: list[ParseWarning]
) -> tuple[str, tuple[Table, ...], tuple[Link, ...], Any]:
    try:
        part = message.get_body(preferencelist=("plain", "html"))
    except _FATAL:
        raise
    except Exception:
        part = None
    if part is None:
        return "", (), (), None
    content = _content(part, notes)
    if part.get_content_type() == "text/html":
        from foiparse.readers.html import read_html

        try:
            # Decoded already: a byte-order mark tells the HTML reader so, over the page's own <meta charset>.
            page = read_html(b"\xef\xbb\xbf" + content.encode("utf-8", "surrogatepass"), name, options)
        except EmptyInputError:
            return "", (), (), part
        return page.text, page.tables, page.links, part
    return content.replace("\r\n", "\n").replace("\r", "\n"), (), (), part


def _other_texts(message: EmailMessage, body: Any, notes: list[ParseWarning]) -> list[str]:
    """Text parts besides the body that are not attachments: a forwarded message's, for one."""
    texts = []
    for part in message.walk():
        if part is body or part.is_multipart() or part.get_content_maintype() != "text":
            continue
        if part.get_content_disposition() == "attachment" or part.get_filename():
            continue
        content = _content(part, notes)
        if part.get_content_type() == "text/html":
            from foiparse.readers.html import read_html

            try:
                content = read_html(b"\xef\xbb\xbf" + content.encode("utf-8", "surrogatepass")).text
            except MemoryError:
                raise
            except Exception:
                continue
        texts.append(content.replace("\r\n", "\n").replace("\r", "\n"))
    return texts


def _content(part: Any, notes: list[ParseWarning]) -> str:
    """A text part decoded by its declared charset, unless that cannot be right for its bytes.

    A part labelled UTF-16 or UTF-32 whose bytes have no byte-order mark and no NUL (as
    ASCII and Latin text in either always has: "Dear Sir" in UTF-16 is half NULs), one whose
    bytes are UTF-16 or UTF-32 by where their NULs fall while the label names a byte
    encoding, and one its label decodes to mostly U+FFFD, are decoded by what the bytes
    are, as a text file is (``readers.text.decode``), with a ``charset_mislabelled``
    warning. Reading the label as written gave CJK or U+FFFD and no warning.
    """
    try:
        text = str(part.get_content())
    except (LookupError, UnicodeError, ValueError):  # an unknown or lying charset: keep what decodes
        payload = part.get_payload(decode=True) or b""
        text = bytes(payload).decode("utf-8", "replace")
    try:
        payload = part.get_payload(decode=True)
        label = part.get_content_charset() or ""
    except _FATAL:
        raise
    except Exception:
        return text
    if not isinstance(payload, bytes) or not payload.strip():
        return text
    codec = document_codec(label) or ""
    wide = codec.startswith(("utf-16", "utf-32"))
    if wide and not payload.startswith(_BOM_MARKS) and b"\x00" not in payload:
        why = f"no byte-order mark and no NUL byte, so not {codec}"
    elif not wide and b"\x00" in payload[:4096] and sniff_wide(payload) is not None:
        why = "NUL bytes where UTF-16 or UTF-32 text has them"
    elif _mostly_replaced(text):
        why = f"{label or 'us-ascii'} decodes them to mostly U+FFFD"
    else:
        return text
    try:
        decoded, encoding, _, _ = decode(payload)
    except FoiparseError:
        return text
    if _mostly_replaced(decoded) and not wide:
        return text  # no better: binary bytes in a text part, left as the label reads them
    notes.append(
        ParseWarning(
            "charset_mislabelled",
            f"a {part.get_content_type()} part declared charset={label or '(none)'}, which cannot be right "
            f"for its bytes ({why}); read as {encoding}",
        )
    )
    return decoded


_BOM_MARKS = tuple(mark for mark, _ in BOMS)


def _mostly_replaced(text: str) -> bool:
    """Whether more than half of the text's visible characters are U+FFFD (a decode gone wrong)."""
    bad = text.count("\ufffd")
    return bad >= 4 and 2 * bad > len(text) - sum(map(str.isspace, text))


def attachments(message: EmailMessage) -> list[Attached]:
    """The message's attachments, in order (names made unique, so each can be a document of its own)."""
    out: list[Attached] = []
    seen: set[str] = set()
    tried: dict[str, int] = {}
    for part in message.walk():  # into forwarded messages and nested multiparts too
        if part.is_multipart():
            continue
        is_text = part.get_content_maintype() == "text"
        if part.get_content_disposition() != "attachment" and not part.get_filename() and is_text:
            continue  # a body, read as text
        try:
            payload = part.get_payload(decode=True)
        except _FATAL:
            raise
        except Exception:
            payload = None
        if not isinstance(payload, bytes):
            continue
        try:
            filename = part.get_filename()
        except _FATAL:
            raise
        except Exception:  # a malformed RFC 2231 name: the part stays, unnamed
            filename = None
        base = " ".join((filename or f"attachment-{len(out) + 1}").split()).replace("/", "_")
        name, n = base, tried.get(base, 1)
        while name in seen:  # from the last number tried for this name: linear, however many share it
            n += 1
            name = f"{n}-{base}"
        tried[base] = n
        seen.add(name)
        out.append(Attached(name, part.get_content_type(), payload))
    return out


def attachments_of(data: bytes) -> list[Attached]:
    """The attachments of an e-mail's bytes (for a batch to parse each as a document)."""
    return attachments(_message(data, None))
