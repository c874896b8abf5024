"""Fuzz each reader, and the extraction behind it, with a time budget (hypothesis).

    python fuzz/fuzz_readers.py --reader text|html|pdf|docx|eml|all --minutes 30 [--out DIR] [--seed N]
    python fuzz/fuzz_readers.py --reader eml --replay FILE        # run one saved input again
    python fuzz/fuzz_readers.py --reader eml --minimize FILE      # shrink it, keeping its failure

Inputs are random bytes and mutations of our own fixtures of that format. Every format
gets bytes flipped, inserted, deleted and truncated, pieces of two fixtures spliced, and
tokens that matter to it planted (``obj``/``stream``/``xref`` for PDF, tags, comments and
spans for HTML, NULs, BOMs and line ends for text). The Word fixtures are unzipped and
the XML inside mutated at tag boundaries (elements cut, duplicated, renamed and nested,
hostile attribute values, entity references, a DOCTYPE, another encoding; members
dropped, doubled and renamed), then zipped again and sometimes damaged as bytes. The
e-mail fixtures get hostile charsets, transfer encodings and boundaries, multiparts
nested deep, RFC 2047 encoded words, huge and folded header lines, extra parts
(HTML, forwarded messages, RFC 2231 file names) and other line ends.

Each input goes through ``foiparse.parse`` with that format (reader and extraction). The
acceptable outcomes are a ``FoiparseError`` subclass, or a response whose every span
slices back to its evidence (``check_grounding``) and whose JSON validates against the
schema, all within ``--hang`` seconds of CPU time. Anything else is a finding: the smallest input
seen for each distinct failure (exception type and the foiparse line it came from, or the
property broken) is written to ``--out`` with its traceback, and the run exits 1. The
process's memory is capped (``--max-memory``), so a runaway input is a MemoryError
finding rather than a machine out of memory; the input being parsed is kept in
``--out`` until it returns, so one that kills the process outright is not lost.

Legacy ``.doc`` and ``.odt`` are read through LibreOffice (a process per input, seconds
each); they are not fuzzed here.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import re
import signal
import sys
import time
import traceback
import warnings
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis import strategies as st

from foiparse import Options, parse
from foiparse.errors import FoiparseError
from foiparse.grounding import check_grounding
from foiparse.isolate import cap_memory
from foiparse.schema import validate
from foiparse.serialize import to_dict, to_json

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SUFFIXES = {"text": ".txt", "html": ".html", "pdf": ".pdf", "docx": ".docx", "eml": ".eml"}
TOKENS = {
    "text": [
        b"\x00",
        b"\r",
        b"\r\n",
        b"\xef\xbb\xbf",
        b"\xff\xfe",
        b"Dear Sir,\n",
        b"section 40(2)",
        b"\t",
        b"1,234",
        b"\xe2\x80\xa8",
    ],
    "html": [
        b"<table>",
        b"</table>",
        b"<tr><td colspan=9999 rowspan=9999>",
        b"<!--",
        b"-->",
        b"<script>",
        b"&#x0;",
        b"<div>" * 50,
        b'<meta charset="utf-16">',
        b"<br>",
        b"<dl><dt>Q</dt><dd>",
    ],
    "pdf": [
        b"obj",
        b"endobj",
        b"stream\n",
        b"endstream",
        b"/Length 99999999",
        b"xref",
        b"trailer",
        b"<<",
        b">>",
        b"/Rotate 90",
        b"9999 0 R",
        b"%%EOF",
    ],
    "docx": [b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06", b"\xff\xff\xff\xff", b"\x00\x00\x00\x00", b"\x08\x00"],
    "eml": [
        b"\n--",
        b"=\n",
        b"=FF",
        b"\r\n.\r\n",
        b"\nbegin 644 reply.txt\n",
        b"\nContent-Type: multipart/mixed; boundary=x\n\n--x\n",
        b"\x00",
        b"\r",
        b"\xff\xfe",
        b"section 40(2)",
        b"\n\n",
    ],
}

Op = tuple[int, int, int, bytes]  # (kind, position, value, token): the shape of every mutation


def _mutate(data: bytes, ops: list[Op], other: bytes) -> bytes:
    """Byte-level damage: flips, planted tokens, cuts, truncation, splices of another input."""
    out = bytearray(data)
    for kind, position, value, token in ops:
        at = position % (len(out) + 1)
        if kind == 0 and out:
            out[at % len(out)] = value  # flip a byte
        elif kind == 1:
            out[at:at] = token  # plant a token
        elif kind == 2:
            del out[at : at + value]  # cut a piece
        elif kind == 3:
            out = out[:at]  # truncate
        elif kind == 4:
            start = position % (len(other) + 1)
            out[at:at] = other[start : start + value * 16]  # splice in a piece of another input
    return bytes(out)


# --- Word: the XML inside the ZIP ---------------------------------------------------------

DOCX_TOKENS = [
    b"<w:p><w:r><w:t>section 40(2)</w:t></w:r></w:p>",
    b'<w:r><w:t xml:space="preserve"> a &amp; b &#x2028; c </w:t></w:r>',
    b'<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="99999999"/><w:vMerge/></w:tcPr>'
    b"<w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
    b'<w:tcPr><w:vMerge w:val="continue"/></w:tcPr>',
    b'<w:tcPr><w:gridSpan w:val="-1"/></w:tcPr>',
    b"<w:tr><w:tc><w:p/></w:tc></w:tr>",
    b"<w:sdt><w:sdtContent><w:p><w:r><w:t>control</w:t></w:r></w:p></w:sdtContent></w:sdt>",
    b"<w:ins><w:r><w:t>inserted</w:t></w:r></w:ins>",
    b"<w:del><w:r><w:delText>deleted</w:delText></w:r></w:del>",
    b'<w:fldSimple w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>',
    b"<w:r><w:instrText>HYPERLINK</w:instrText></w:r>",
    b"<w:r><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>box</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></w:r>",
    b'<mc:AlternateContent><mc:Choice Requires="wps"><w:r><w:t>choice</w:t></w:r></mc:Choice>'
    b"<mc:Fallback><w:r><w:t>fallback</w:t></w:r></mc:Fallback></mc:AlternateContent>",
    b"<w:customXml><w:p><w:r><w:t>custom</w:t></w:r></w:p></w:customXml>",
    b'<w:pPr><w:pStyle w:val="ListBullet"/><w:numPr/></w:pPr>',
    b'<w:sectPr><w:headerReference w:type="first" r:id="rId999"/></w:sectPr>',
    b"<w:tab/>",
    b"<w:br/>",
    b"<w:cr/>",
    b"<w:noBreakHyphen/>",
    b"&amp;",
    b"&#0;",
    b"&#xD800;",
    b"&lt;",
    b"&undeclared;",
    b"&#x10FFFF;",
    b"<!-- comment -->",
    b"<![CDATA[cdata]]>",
    b"<?pi x?>",
    b"\x00",
    b"\xff\xfe",
    b"</w:body>",
    b"<w:body>",
    b"<w:p>",
    b"</w:p>",
    b"<w:tbl>",
    b"</w:tbl>",
    b"<w:t>" + b"x" * 10_000 + b"</w:t>",
]
DOCX_ATTRIBUTES = [
    b"",
    b"-1",
    b"0",
    b"99999999999999999999",
    b"abc",
    b"continue",
    b"restart",
    b"1e9",
    b"&#0;",
    b"x" * 1000,
]
DOCX_TAGS = [b"w:p", b"w:tbl", b"w:tr", b"w:tc", b"w:r", b"w:t", b"w:sdt", b"w:body", b"w:document", b"w:hdr", b"x:y"]
DOCX_DOCTYPE = b'<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
DOCX_ENCODINGS = [b"UTF-16", b"ISO-8859-1", b"punycode", b"ascii", b"x-unknown", b"utf-32"]
DOCX_NEST = (b"<w:tbl><w:tr><w:tc>", b"<w:p/></w:tc></w:tr></w:tbl>")
_TAG_START = re.compile(rb"<(?=[A-Za-z/])")
_ATTRIBUTE = re.compile(rb'="([^"]*)"')
_TAG_NAME = re.compile(rb"<(/?)([A-Za-z][\w.:-]*)")
_XML_DECL = re.compile(rb"^<\?xml[^>]*\?>")


@dataclass(frozen=True)
class Package:
    """A Word fixture unzipped once: its members' names and bytes, in ZIP order."""

    members: tuple[tuple[str, bytes], ...]


def unzip(data: bytes) -> Package:
    """A fixture's members (fixtures are trusted: small, and valid ZIPs)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return Package(tuple((info.filename, archive.read(info)) for info in archive.infolist()))


def _nth(pattern: re.Pattern[bytes], xml: bytes, n: int) -> re.Match[bytes] | None:
    matches = list(pattern.finditer(xml))
    return matches[n % len(matches)] if matches else None


def _boundary(xml: bytes, n: int) -> int:
    """The position of a tag's '<', so planted XML lands between tags more often than not."""
    found = _nth(_TAG_START, xml, n)
    return found.start() if found else n % (len(xml) + 1)


def _mutate_xml(xml: bytes, kind: int, position: int, value: int, token: bytes) -> bytes:
    """One XML-aware change to a member (``kind`` 0-9)."""
    if kind == 0 and xml:
        at = position % len(xml)
        return xml[:at] + bytes([value]) + xml[at + 1 :]
    if kind == 1:  # plant a Word XML snippet at a tag boundary
        at = _boundary(xml, position)
        return xml[:at] + token + xml[at:]
    if kind in (2, 3):  # cut or duplicate the run of XML between two tag boundaries
        start = _boundary(xml, position)
        end = _boundary(xml, position + 1 + value % 8)
        start, end = min(start, end), max(start, end)
        piece = xml[start:end]
        return xml[:start] + xml[end:] if kind == 2 else xml[:end] + piece * (1 + value % 3) + xml[end:]
    if kind == 4:  # a hostile attribute value
        found = _nth(_ATTRIBUTE, xml, position)
        if found is None:
            return xml
        hostile = DOCX_ATTRIBUTES[value % len(DOCX_ATTRIBUTES)]
        return xml[: found.start(1)] + hostile + xml[found.end(1) :]
    if kind == 5:  # nest a stretch in tables inside tables
        start = _boundary(xml, position)
        end = max(start, _boundary(xml, position + 1))
        depth = 1 + value % 40 if value < 250 else 500 * (value - 249)
        opening, closing = DOCX_NEST
        return xml[:start] + opening * depth + xml[start:end] + closing * depth + xml[end:]
    if kind == 6:
        return xml[: position % (len(xml) + 1)]
    if kind == 7:  # rename a tag (its end tag is left as it was)
        found = _nth(_TAG_NAME, xml, position)
        if found is None:
            return xml
        return xml[: found.start(2)] + DOCX_TAGS[value % len(DOCX_TAGS)] + xml[found.end(2) :]
    if kind == 8:  # a DOCTYPE with entities, and a reference to them
        at = _boundary(xml, position)
        xml = xml[:at] + b"&b;" + xml[at:]
        declaration = _XML_DECL.match(xml)
        head = declaration.end() if declaration else 0
        return xml[:head] + DOCX_DOCTYPE + xml[head:]
    if kind == 9:  # the XML declaration names another encoding
        encoding = DOCX_ENCODINGS[value % len(DOCX_ENCODINGS)]
        return re.sub(rb"encoding=['\"][^'\"]*['\"]", b'encoding="' + encoding + b'"', xml, count=1)
    return xml


def _mutate_docx(
    package: Package, xml_ops: list[Op], zip_ops: list[tuple[int, int, int]], byte_ops: list[Op], deflate: bool
) -> bytes:
    """Mutate the XML of the package's members, change the member list, zip, then damage bytes."""
    members = list(package.members)
    names = [name for name, _ in members]
    for kind, position, value, token in xml_ops:
        # Five times in eight the document body, else any part (styles, numbering, headers, relationships).
        in_body = position % 8 < 5 and "word/document.xml" in names
        index = names.index("word/document.xml") if in_body else position // 8 % len(members)
        name, xml = members[index]
        members[index] = (name, _mutate_xml(xml, kind % 10, position // 64, value, token))
    for kind, position, value in zip_ops:
        if not members:
            break
        index = position % len(members)
        name, body = members[index]
        if kind == 0:
            del members[index]  # a part missing
        elif kind == 1:
            members.insert(index, (name, body))  # the same name twice
        elif kind == 2:
            members[index] = (name + ("/" if value % 2 else ".bak"), body)  # a part renamed
        elif kind == 3:
            other = members[value % len(members)]
            members[index], members[value % len(members)] = (name, other[1]), (other[0], body)  # parts swapped
        elif kind == 4:
            members.append((f"word/media/extra{value}.bin", bytes([value]) * (value * 64)))
    out = io.BytesIO()
    compression = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
    with (
        warnings.catch_warnings(),
        zipfile.ZipFile(out, "w", compression, compresslevel=1 if deflate else None) as archive,
    ):
        warnings.simplefilter("ignore", UserWarning)  # zipfile warns of a duplicate name: the point of the mutation
        for name, body in members:
            info = zipfile.ZipInfo(name, date_time=(2024, 5, 14, 0, 0, 0))
            info.compress_type = compression
            archive.writestr(info, body)
    data = out.getvalue()
    return _mutate(data, byte_ops, data) if byte_ops else data


# --- E-mail: headers, MIME structure and bodies ------------------------------------------

EML_CHARSETS = [
    b"utf-8",
    b"us-ascii",
    b"iso-8859-1",
    b"windows-1252",
    b"utf-16",
    b"utf-16le",
    b"utf-32",
    b"utf-7",
    b"punycode",
    b"idna",
    b"undefined",
    b"unicode-escape",
    b"rot13",
    b"base64",
    b"zlib",
    b"hex",
    b"uu",
    b"x-unknown",
    b"",
    b'"',
    b"utf-8'en'",
    b"cp65001",
    b"unicodelittleunmarked",
    b"gb18030",
    b"iso-2022-jp",
    b"shift_jis",
    b"x" * 300,
]
EML_ENCODINGS = [
    b"base64",
    b"quoted-printable",
    b"7bit",
    b"8bit",
    b"binary",
    b"x-uuencode",
    b"uuencode",
    b"bogus",
    b"",
    b"BASE64",
    b"base64; x=1",
    b"quoted-printable quoted-printable",
]
EML_BOUNDARIES = [b"", b"x", b"-" * 80, b"a" * 200, b"===", b"quoted boundary", b"b;c", b" ", b"--", b"\xff\xfe"]
EML_WORDS = [
    b"=?utf-8?B?SGFyYnVyeSBDb3VuY2lsIMKjIMOp?=",
    b"=?utf-8?Q?Freedom_of_Information_request_FOI-2024-0588?=",
    b"=?iso-8859-1?q?=A3100?=",
    b"=?punycode?Q?bcher-kva?=",
    b"=?idna?B?eG4tLWJjaGVyLWt2YQ==?=",
    b"=?utf-16?B?2D3eAA==?=",
    b"=?utf-16le?B?AND/?=",
    b"=?x-unknown?Q?a?=",
    b"=?undefined?Q?a?=",
    b"=?zlib?Q?a?=",
    b"=?utf-8?B?not base64!?=",
    b"=?utf-8?Q?=FF=FE=00?=",
    b"=?utf-8*en?Q?a?=",
    b"=?utf-8?X?a?=",
    b"=?" * 200,
    b"=?utf-8?B?" + b"QUFB" * 5000 + b"?=",
    b"=?utf-8?Q?" + b"=E2=82=AC" * 2000 + b"?=",
    b"=?utf-8?Q?a?= =?utf-8?Q?b?=" * 300,
]
EML_HEADERS = [b"Subject", b"From", b"To", b"Date", b"X-Junk", b"Content-Type", b"Message-ID", b"Cc", b"Reply-To"]
EML_PARTS = [
    b'Content-Type: text/html; charset="utf-8"\n\n<html><body><p>Dear Ms Okoro,</p>'
    b"<table><tr><td>2022</td><td>21</td></tr></table></body></html>\n",
    b"Content-Type: message/rfc822\n\nFrom: FOI <foi@harbury.gov.uk>\nSubject: FW: request\n\n"
    b"Forwarded text, section 40(2).\n",
    b"Content-Type: application/pdf\nContent-Disposition: attachment; filename*=utf-8''%E2%82%AC%00.pdf\n"
    b"Content-Transfer-Encoding: base64\n\nJVBERi0xLjQK\n",
    b'Content-Type: application/octet-stream\nContent-Disposition: attachment; filename*0="a"; '
    b'filename*1="b.docx"\nContent-Transfer-Encoding: base64\n\n!!!!not base64\n',
    b"Content-Type: text/plain; charset=utf-16\nContent-Transfer-Encoding: base64\n\n//5EAGUAYQByAA==\n",
    b"Content-Type: multipart/alternative\n\nno boundary here\n",
    b"\nA part with no headers at all.\n",
    b'Content-Type: text/plain\nContent-Disposition: attachment; filename="=?utf-8?B?cmVwbHkuZW1s?="\n\nx\n',
    b'Content-Type: image/png; name="' + b"n" * 5000 + b'.png"\nContent-Transfer-Encoding: base64\n\niVBORw0K\n',
]
_CHARSET = re.compile(rb"charset=\"?([^\";\r\n]*)\"?", re.IGNORECASE)
_ENCODING = re.compile(rb"^Content-Transfer-Encoding:[ \t]*([^\r\n]*)", re.IGNORECASE | re.MULTILINE)
_BOUNDARY_PARAM = re.compile(rb"boundary=\"?([^\";\r\n]*)\"?", re.IGNORECASE)
_HEADER_LINE = re.compile(rb"^[A-Za-z-]+:[^\r\n]*", re.MULTILINE)
_CONTENT_HEADERS = re.compile(rb"^content-", re.IGNORECASE)


def _split_message(message: bytes) -> tuple[bytes, bytes]:
    """A message's header block and its body (no blank line: all header)."""
    for blank in (b"\r\n\r\n", b"\n\n"):
        at = message.find(blank)
        if at >= 0:
            return message[:at], message[at + len(blank) :]
    return message, b""


def _nest(message: bytes, depth: int, forward: bool) -> bytes:
    """The message's content wrapped in ``depth`` multiparts (or forwarded message parts)."""
    head, body = _split_message(message)
    lines = head.split(b"\n")
    content = [line for line in lines if _CONTENT_HEADERS.match(line)]
    rest = [line for line in lines if not _CONTENT_HEADERS.match(line)]
    inner = b"\n".join(content) + b"\n\n" + body
    for level in range(depth):
        boundary = b"nest-%d" % level
        if forward:
            inner = b"Content-Type: message/rfc822\n\nSubject: FW " + str(level).encode() + b"\n" + inner
        inner = (
            b'Content-Type: multipart/mixed; boundary="'
            + boundary
            + b'"\n\n--'
            + boundary
            + b"\n"
            + inner
            + b"\n--"
            + boundary
            + b"--\n"
        )
    return b"\n".join(rest) + b"\n" + inner


def _mutate_eml_once(message: bytes, kind: int, position: int, value: int, token: bytes) -> bytes:
    """One MIME-aware change to a message (``kind`` 0-10)."""
    if kind == 0:  # a hostile charset
        found = _nth(_CHARSET, message, position)
        charset = EML_CHARSETS[value % len(EML_CHARSETS)]
        if found is None:
            return message.replace(b"Content-Type: text/plain", b"Content-Type: text/plain; charset=" + charset, 1)
        return message[: found.start(1)] + charset + message[found.end(1) :]
    if kind == 1:  # a hostile Content-Transfer-Encoding
        found = _nth(_ENCODING, message, position)
        encoding = EML_ENCODINGS[value % len(EML_ENCODINGS)]
        if found is None:
            head, body = _split_message(message)
            return head + b"\nContent-Transfer-Encoding: " + encoding + b"\n\n" + body
        return message[: found.start(1)] + encoding + message[found.end(1) :]
    if kind == 2:  # a boundary changed in the header, in the delimiters, or both
        found = _nth(_BOUNDARY_PARAM, message, position)
        if found is None:
            return message
        old, new = found.group(1), EML_BOUNDARIES[value % len(EML_BOUNDARIES)]
        if value % 3 != 1:
            message = message[: found.start(1)] + new + message[found.end(1) :]
        if value % 3 != 0 and old:
            message = message.replace(b"--" + old, b"--" + new)
        return message
    if kind == 3:  # nested multiparts, or forwarded messages inside each other
        depth = 1 + value % 12 if value < 240 else 100 * (value - 239)
        return _nest(message, depth, forward=position % 3 == 0)
    if kind == 4:  # an RFC 2047 encoded word in a header
        found = _nth(_HEADER_LINE, message, position)
        word = EML_WORDS[value % len(EML_WORDS)]
        if found is None:
            return b"Subject: " + word + b"\n" + message
        at = found.start() + min(found.end() - found.start(), message.find(b":", found.start()) - found.start() + 2)
        return message[:at] + word + b" " + message[at:]
    if kind == 5:  # a huge header line, folded or not
        name = EML_HEADERS[position % len(EML_HEADERS)]
        piece = token.replace(b"\n", b" ") or b"x"
        size = value * 40 if value < 192 else (value - 191) * 4000  # mostly long, now and then up to 256 KB
        value_bytes = piece * (1 + size // len(piece))
        if position % 2:
            value_bytes = b"\n ".join(value_bytes[i : i + 76] for i in range(0, len(value_bytes), 76))
        return name + b": " + value_bytes + b"\n" + message
    if kind == 6:  # another part after the first delimiter of a multipart (made one if there is none)
        found = _nth(_BOUNDARY_PARAM, message, position)
        if found is None or not found.group(1):
            message, boundary = _nest(message, 1, forward=False), b"nest-0"
        else:
            boundary = found.group(1)
        delimiter = b"\n--" + boundary + b"\n"
        at = message.find(delimiter)
        if at < 0:
            return message
        part = EML_PARTS[value % len(EML_PARTS)]
        return message[: at + len(delimiter)] + part + delimiter[1:] + message[at + len(delimiter) :]
    if kind == 7:  # a header line deleted, doubled, or broken
        found = _nth(_HEADER_LINE, message, position)
        if found is None:
            return message
        line = found.group()
        replacement = [b"", line + b"\n" + line, line.replace(b":", b"", 1), b" " + line, line + b"\x00", line + b"\r"]
        return message[: found.start()] + replacement[value % len(replacement)] + message[found.end() :]
    if kind == 8:  # other line ends
        ends = [b"\r\n", b"\r", b"\n\n", b"\r\r\n"]
        return message.replace(b"\n", ends[value % len(ends)])
    if kind == 9:  # damage to the bytes of the body only
        head, body = _split_message(message)
        return head + b"\n\n" + _mutate(body, [(value % 5, position, value, token)], message)
    if kind == 10:  # damage anywhere
        return _mutate(message, [(value % 5, position, value, token)], message)
    return message


def _mutate_eml(message: bytes, ops: list[Op]) -> bytes:
    """Apply the MIME-aware changes in turn."""
    for kind, position, value, token in ops:
        message = _mutate_eml_once(message, kind % 11, position, value, token)
        if len(message) > 4 << 20:  # keep inputs of a size the reader's limits are about
            message = message[: 4 << 20]
    return message


# --- the strategies -----------------------------------------------------------------------


def seeds(reader: str) -> list[bytes]:
    """The fixtures of a format: the starting points of mutation."""
    return [p.read_bytes() for p in sorted(FIXTURES.glob(f"*{SUFFIXES[reader]}"))]


def inputs(reader: str) -> st.SearchStrategy[bytes]:
    """Random bytes, byte mutations of the fixtures and, for Word and e-mail, structural mutations."""
    fixtures = seeds(reader)
    tokens = TOKENS[reader]
    op = st.tuples(st.integers(0, 4), st.integers(0, 1 << 20), st.integers(0, 255), st.sampled_from(tokens))
    raw = st.one_of(
        st.binary(max_size=4096),
        st.builds(_mutate, st.sampled_from(fixtures), st.lists(op, max_size=12), st.sampled_from(fixtures)),
    )
    if reader == "docx":
        xml_op = st.tuples(
            st.integers(0, 9), st.integers(0, 1 << 20), st.integers(0, 255), st.sampled_from(DOCX_TOKENS)
        )
        zip_op = st.tuples(st.integers(0, 4), st.integers(0, 1 << 20), st.integers(0, 255))
        structured = st.builds(
            _mutate_docx,
            st.sampled_from([unzip(data) for data in fixtures]),
            st.lists(xml_op, max_size=8),
            st.lists(zip_op, max_size=2),
            st.tuples(st.integers(0, 7), st.lists(op, min_size=1, max_size=3)).map(
                lambda pick: pick[1] if pick[0] == 0 else []  # raw damage to one ZIP in eight
            ),
            st.booleans(),
        )
        return st.integers(0, 4).flatmap(lambda n: raw if n == 0 else structured)
    if reader == "eml":
        eml_op = st.tuples(
            st.integers(0, 10),
            st.integers(0, 1 << 20),
            st.integers(0, 255),
            st.sampled_from(tokens + EML_WORDS[:4] + EML_CHARSETS[:4]),
        )
        structured = st.builds(_mutate_eml, st.sampled_from(fixtures), st.lists(eml_op, min_size=1, max_size=8))
        return st.integers(0, 4).flatmap(lambda n: raw if n == 0 else structured)
    return raw


# --- running one input --------------------------------------------------------------------


class Hang(BaseException):
    """An input that ran past the per-input limit (a BaseException, so no reader's ``except Exception`` hides it)."""


@contextmanager
def _limit(seconds: float) -> Iterator[None]:
    def fire(signum: int, frame: Any) -> None:
        raise Hang(f"over {seconds:g} s of CPU")

    # CPU time, not wall time: on a loaded machine a slow clock is not a slow parser. It fires
    # again every second, as an exception raised while a gc callback runs is ignored.
    previous = signal.signal(signal.SIGPROF, fire)
    signal.setitimer(signal.ITIMER_PROF, seconds, 1.0)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


@dataclass(frozen=True)
class Finding:
    """What went wrong with one input: a signature that tells distinct failures apart, and the evidence."""

    signature: str
    summary: str
    detail: str


def _where(exc: BaseException) -> str:
    """The deepest foiparse line the exception passed through, and the line that raised it."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "foiparse" in f.filename and "fuzz_readers" not in f.filename]
    parts = []
    if ours:
        parts.append(f"{Path(ours[-1].filename).name}:{ours[-1].name}:{ours[-1].lineno}")
    if frames and (not ours or frames[-1] is not ours[-1]):
        parts.append(f"{Path(frames[-1].filename).name}:{frames[-1].name}")
    return " < ".join(parts) or "?"


def _crash(stage: str, exc: BaseException) -> Finding:
    detail = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    signature = f"{stage}:{type(exc).__name__}@{_where(exc)}"
    return Finding(signature, f"{signature}: {str(exc)[:200]}", detail)


def _property(name: str, exc: FoiparseError) -> Finding:
    where = re.sub(r"\[\d+\]", "[*]", str(getattr(exc, "json_path", None) or ""))
    signature = f"{name}:{where}"
    return Finding(signature, f"{signature}: {str(exc)[:200]}", f"{name} broken: {exc}\n")


def check(reader: str, data: bytes, hang: float = 20.0) -> Finding | None:
    """Parse one input as ``reader`` and check the response; a Finding, or None when all is well."""
    options = Options(format=reader, max_seconds=max(hang / 2, 0.1))
    started = time.process_time()
    try:
        with _limit(hang):
            try:
                response = parse(data, options, name=f"fuzz{SUFFIXES[reader]}")
            except FoiparseError:
                response = None
            except Exception as exc:  # RecursionError and MemoryError included
                return _crash("parse", exc)
            if response is not None:
                try:
                    check_grounding(response)
                except FoiparseError as exc:
                    return _property("grounding", exc)
                try:
                    validate(to_dict(response))
                except FoiparseError as exc:
                    return _property("schema", exc)
                try:
                    to_json(response)
                except Exception as exc:
                    return _crash("to_json", exc)
    except Hang as exc:
        return _crash("hang", exc)
    except Exception as exc:  # to_dict or validate raising something else
        return _crash("check", exc)
    elapsed = time.process_time() - started
    if elapsed > hang:
        return Finding("slow", f"slow: {elapsed:.1f} s of CPU, over {hang:g} s", f"took {elapsed:.1f} s of CPU\n")
    return None


# --- the run ------------------------------------------------------------------------------


@dataclass
class Tally:
    """One reader's counts, and the smallest input seen for each distinct failure."""

    reader: str
    tried: int = 0
    failures: int = 0
    distinct: dict[str, tuple[Finding, bytes, int]] = field(default_factory=dict)
    seconds: float = 0.0

    def line(self) -> str:
        """The summary line a report can quote."""
        rate = self.tried / self.seconds if self.seconds else 0.0
        return (
            f"{self.reader}: {self.tried:,} inputs in {self.seconds / 60:.1f} min ({rate:,.1f}/s), "
            f"{self.failures} failures, {len(self.distinct)} distinct"
        )


def _save(out: Path, tally: Tally, finding: Finding, data: bytes) -> None:
    """Keep the smallest input per signature: its bytes, and a note with the traceback and the replay command."""
    known = tally.distinct.get(finding.signature)
    count = (known[2] if known else 0) + 1
    smallest = known is None or len(data) < len(known[1])
    if smallest:
        tally.distinct[finding.signature] = (finding, data, count)
    else:
        assert known is not None
        tally.distinct[finding.signature] = (known[0], known[1], count)
    if not smallest:
        return
    name = f"{tally.reader}-{hashlib.sha256(finding.signature.encode()).hexdigest()[:12]}"
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{name}{SUFFIXES[tally.reader]}"
    path.write_bytes(data)
    note = (
        f"signature: {finding.signature}\nsize: {len(data):,} bytes\n"
        f"replay: python fuzz/fuzz_readers.py --reader {tally.reader} --replay {path}\n\n{finding.detail[:20_000]}"
    )
    (out / f"{name}.txt").write_text(note, encoding="utf-8")


def run(reader: str, minutes: float, out: Path, seed: int | None, hang: float) -> Tally:
    """Fuzz one reader for ``minutes``; its tally."""
    tally = Tally(reader)
    strategy = inputs(reader)
    started = time.monotonic()
    deadline = started + minutes * 60
    pending = out / f"{reader}-in-progress{SUFFIXES[reader]}"  # survives only a crash of the whole process
    out.mkdir(parents=True, exist_ok=True)
    base = seed if seed is not None else int.from_bytes(os.urandom(4), "big")
    print(f"{reader}: seed {base}", file=sys.stderr, flush=True)

    def one(data: bytes) -> None:
        if time.monotonic() > deadline:
            return
        tally.tried += 1
        pending.write_bytes(data)
        finding = check(reader, data, hang)
        if finding is not None:
            tally.failures += 1
            if finding.signature not in tally.distinct:
                print(f"FAILURE {finding.summary}", file=sys.stderr, flush=True)
            _save(out, tally, finding, data)

    rounds = 0
    reported = started
    while time.monotonic() < deadline:
        test = settings(
            max_examples=200,
            deadline=None,
            database=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )(hypothesis_seed(base + rounds)(given(strategy)(one)))
        try:
            test()
        except Exception as exc:  # a bug of the fuzzer's own (a mutator): recorded, and the run goes on
            tally.failures += 1
            _save(out, tally, _crash("fuzzer", exc), b"")
        rounds += 1
        if time.monotonic() - reported > 60:
            reported = time.monotonic()
            tally.seconds = reported - started
            print(tally.line(), file=sys.stderr, flush=True)
    pending.unlink(missing_ok=True)
    tally.seconds = time.monotonic() - started
    return tally


def _same(data: bytes) -> bytes:
    return data


def _document_xml(data: bytes) -> tuple[bytes, Callable[[bytes], bytes]]:
    """A Word input's body XML, and how to put a changed one back (the input itself when it is no ZIP)."""
    try:
        package = unzip(data)
    except (zipfile.BadZipFile, ValueError, EOFError, KeyError, OSError):
        return data, _same
    members = dict(package.members)
    if "word/document.xml" not in members:
        return data, _same

    def pack(xml: bytes) -> bytes:
        changed = tuple((n, xml if n == "word/document.xml" else b) for n, b in package.members)
        return _mutate_docx(Package(changed), [], [], [], deflate=False)

    return members["word/document.xml"], pack


def minimize(reader: str, data: bytes, hang: float, budget: float = 120.0) -> tuple[bytes, Finding | None]:
    """Shrink an input while it keeps failing the same way (delta debugging on bytes; for a ZIP, on its body XML)."""
    finding = check(reader, data, hang)
    if finding is None:
        return data, None
    target = finding.signature
    pack: Callable[[bytes], bytes] = _same
    body = data
    if reader == "docx":
        body, pack = _document_xml(data)
        if (again := check(reader, pack(body), hang)) is None or again.signature != target:
            body, pack = data, _same
    deadline = time.monotonic() + budget
    chunks = 2
    while len(body) > 1 and time.monotonic() < deadline:
        size = max(1, len(body) // chunks)
        for start in range(0, len(body), size):
            candidate = body[:start] + body[start + size :]
            result = check(reader, pack(candidate), hang)
            if result is not None and result.signature == target:
                body = candidate
                chunks = max(chunks - 1, 2)
                break
        else:
            if size == 1:
                break
            chunks = min(chunks * 2, len(body))
    return pack(body), finding


def main(argv: list[str] | None = None) -> int:
    """Fuzz readers for a while; exit 1 if any input raised anything but a FoiparseError, hung or broke a property."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reader", choices=[*SUFFIXES, "all"], required=True)
    parser.add_argument("--minutes", type=float, default=30.0, help="time budget, split across readers by 'all'")
    parser.add_argument("--out", type=Path, default=Path("fuzz-failures"), help="where failing inputs go")
    parser.add_argument("--seed", type=int, default=None, help="hypothesis seed of the first round (default random)")
    parser.add_argument("--hang", type=float, default=20.0, help="CPU seconds one input may take (default 20)")
    parser.add_argument("--max-memory", type=int, default=2048, help="MB of address space (0: no cap; default 2048)")
    parser.add_argument("--replay", type=Path, help="check one saved input and print the outcome")
    parser.add_argument("--minimize", type=Path, help="shrink a saved input, keeping its failure (writes FILE.min)")
    args = parser.parse_args(argv)
    cap_memory(args.max_memory)
    if args.replay or args.minimize:
        if args.reader == "all":
            parser.error("--replay and --minimize need one --reader")
        path: Path = args.replay or args.minimize
        data = path.read_bytes()
        if args.minimize:
            data, finding = minimize(args.reader, data, args.hang)
            if finding is not None:
                path.with_name(path.name + ".min").write_bytes(data)
                print(f"{len(data):,} bytes in {path.name}.min", file=sys.stderr)
        finding = check(args.reader, data, args.hang)
        if finding is None:
            print(f"{path}: ok (a response that holds, or a FoiparseError)")
            return 0
        print(finding.detail, file=sys.stderr)
        print(f"{path}: {finding.summary}")
        return 1
    readers = list(SUFFIXES) if args.reader == "all" else [args.reader]
    tallies = []
    for reader in readers:
        tally = run(reader, args.minutes / len(readers), args.out, args.seed, args.hang)
        tallies.append(tally)
        print(tally.line(), flush=True)
    for tally in tallies:
        for signature, (_, data, count) in tally.distinct.items():
            print(f"  {tally.reader}: {count} x {signature} (smallest {len(data):,} bytes)")
    if len(tallies) > 1:
        print(
            f"all: {sum(t.tried for t in tallies):,} inputs, {sum(t.failures for t in tallies)} failures, "
            f"{sum(len(t.distinct) for t in tallies)} distinct"
        )
    return 1 if any(t.failures for t in tallies) else 0


if __name__ == "__main__":
    sys.exit(main())
