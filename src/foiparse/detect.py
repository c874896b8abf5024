"""Format detection by content: the bytes decide; the file name only appears in messages.

A ``.txt`` that is really a PDF, or a download saved without an extension, is read
for what it is. Kinds foiparse does not read get an error that names what they look
like, instead of a page of mojibake.
"""

from __future__ import annotations

import re

from foiparse.errors import CorruptFileError, UnsupportedFormatError
from foiparse.readers.text import BOMS, sniff_wide

# Magic numbers of formats people save FOI material as, but that we do not read.
_FOREIGN_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a ZIP archive (not a Word or OpenDocument text: a spreadsheet, or a folder zipped?)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE2 file that is not a Word document (an Excel .xls?)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
)

# Leading comments as one run from the first "<!--" to a "-->": the same strings as a repeat of
# lazy comments, which backtracks through every way of splitting a run of them (2^n tries).
_HTML_START = re.compile(
    rb"""\A(?:\xef\xbb\xbf)?\s*
        (?:<!--.*-->\s*)?
        (?:<\?xml[^>]*>\s*)?
        (?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])""",
    re.IGNORECASE | re.VERBOSE | re.DOTALL,
)
_HTML_TAGS = re.compile(rb"<(?:html|head|body|div|p|table|br|meta|title)[\s/>]", re.IGNORECASE)
_SNIFF = 2048
# C0 control codes that do not occur in text (tab, line feed, form feed, CR and ESC do).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def detect_format(data: bytes, name: str | None = None) -> str:
    """Return ``"pdf"``, ``"docx"``, ``"odt"``, ``"doc"``, ``"eml"``, ``"html"`` or ``"text"`` for these bytes.

    Raises:
        UnsupportedFormatError: for a recognised foreign format or binary data.
    """
    head = data[:_SNIFF]
    if _is_pdf(data, name):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        office = _office_zip(data, name)
        if office:
            return office
    # An OLE2 file is Word when its directory names a WordDocument stream. Writers put the
    # directory anywhere (LibreOffice: at the end), so the whole file is searched, a plain
    # byte search; a file named .doc whose directory was cut off goes to the Word reader,
    # whose error says it is damaged.
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") and (
        _WORD_STREAM in data or (name or "").lower().endswith((".doc", ".dot"))
    ):
        return "doc"
    if _EMAIL_START.match(head) and len(_EMAIL_MACHINE.findall(head)) >= 1:
        return "eml"
    for magic, what in _FOREIGN_MAGIC:
        if head.startswith(magic):
            raise UnsupportedFormatError(f"unsupported format: this is {what}", path=name, detected=what)
    if _HTML_START.match(head):
        return "html"
    if head.lstrip().startswith(b"<") and len(_HTML_TAGS.findall(head)) >= 2:
        return "html"
    if _looks_binary(head):
        raise UnsupportedFormatError(
            "unsupported format: binary data, not a text, HTML or PDF document",
            path=name,
            detected="binary",
        )
    return "text"


_WORD_STREAM = "WordDocument".encode("utf-16-le")  # the stream every legacy Word file holds
# An e-mail as saved from a mail program (.eml): header lines from the first byte, with at
# least one header only mail software writes. A letter pasted into a .txt that starts
# "From: ... Subject: ..." has none of those, and stays text.
_EMAIL_START = re.compile(rb"\A(?:[\w-]{2,40}:[^\r\n]*\r?\n(?:[ \t][^\r\n]*\r?\n)*){2,}", re.IGNORECASE)
_EMAIL_MACHINE = re.compile(
    rb"^(?:mime-version|received|message-id|return-path|content-type|delivered-to|x-mailer|dkim-signature):",
    re.IGNORECASE | re.MULTILINE,
)


# "12 0 obj", bounded: "\d+\s+\d+" tries every split of a long run of digits (quadratic).
_PDF_OBJECT = re.compile(rb"(?<!\d)\d{1,10}\s{1,5}\d{1,5}\s{1,5}obj\b")


# PDF syntax no letter writes: an object, its end, a stream after its dictionary, the
# cross-reference table, the trailer dictionary and the pointer to the table.
_PDF_STRUCTURE = re.compile(
    rb"(?<!\d)\d{1,10}\s{1,5}\d{1,5}\s{1,5}obj\b|\bendobj\b|>>\s{0,5}stream\r?\n|\bendstream\b"
    rb"|\bxref\s{1,5}\d{1,10}\s{1,5}\d|\btrailer\s{0,5}<<|\bstartxref\s{1,5}\d"
)
# The comment of four or more bytes over 127 that PDF writers put after the header to mark the file binary.
_BINARY_COMMENT = re.compile(rb"[\r\n]%[^\r\n]{0,8}[\x80-\xff]{4}")
_WORDS = re.compile(rb"[A-Za-z]{2,}[ \t]{1,4}[A-Za-z]{2,}")
_WORD = re.compile(rb"[A-Za-z]{3,}")
_HIGH_BYTES = bytes(range(128, 256))


def _is_pdf(data: bytes, name: str | None = None) -> bool:
    """The PDF header at the start, or within the first 1,024 bytes after junk, as readers allow.

    What comes before a late header must be binary or white space, or the header must be
    followed by PDF objects (a download saved with its HTTP headers): a letter that quotes
    "%PDF-1.4" is text, not a corrupt PDF. A header at the start (or after white space)
    makes a PDF unless what follows it is prose with no PDF structure in the first 64 KB:
    a letter that begins "%PDF-1.4 was the header of the file you sent" is text, while a
    truncated PDF (objects, a binary comment, binary bytes, or nothing after the header)
    is still a PDF, to be reported corrupt.
    """
    at = data.find(b"%PDF-", 0, 1024)
    if at < 0:
        return False
    before = data[:at]
    if before.strip() and len(before) == len(before.translate(None, _CONTROL_BYTES)):
        return _PDF_OBJECT.search(data, at, at + 65536) is not None
    if before.strip():  # binary junk before the header
        return True
    if _PDF_STRUCTURE.search(data, at, at + 65536) is not None:
        return True
    return not _prose(data[at + 5 : at + 4096], str(name or "").lower().endswith(".txt"))


def _prose(after: bytes, named_text: bool) -> bool:
    """Whether the bytes after a "%PDF-" header read as a letter's words rather than a PDF's start.

    No control codes, no binary comment, few bytes over 127, and words: two in a row, or
    for a file named ``.txt`` one of three letters (a note of "%PDF-1.4", a blank line, "12 files").
    """
    if len(after) != len(after.translate(None, _CONTROL_BYTES)) or _BINARY_COMMENT.search(after, 0, 1024):
        return False
    if 10 * (len(after) - len(after.translate(None, _HIGH_BYTES))) > len(after):
        return False
    return (_WORD if named_text else _WORDS).search(after) is not None


def _office_zip(data: bytes, name: str | None) -> str | None:
    """``docx`` or ``odt`` for an office document's ZIP, from the parts inside it; None otherwise."""
    import io
    import zipfile

    from foiparse.readers.docx import check_zip_members

    check_zip_members(data, name)  # before zipfile parses a directory of millions of entries
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "mimetype" in names:
                with archive.open("mimetype") as member:
                    kind = member.read(100)  # never more: a "mimetype" that inflates to gigabytes is a bomb
                if kind.strip() == b"application/vnd.oasis.opendocument.text":
                    return "odt"
    except zipfile.BadZipFile as exc:
        raise CorruptFileError(f"corrupt ZIP (a damaged Word or OpenDocument file?): {exc}", path=name) from None
    except Exception:  # encrypted members, unknown compression, broken deflate data: not ours to read
        return None
    return None


def _looks_binary(head: bytes) -> bool:
    """NUL bytes or C0 control codes outside text, unless the text is UTF-16/32."""
    if not head or head.startswith(tuple(mark for mark, _ in BOMS)):
        return False
    if head.count(0):
        return sniff_wide(head) is None  # NULs are text only in UTF-16/32 without a BOM
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > 0.05 * len(head)
