"""Format detection by content: the bytes decide; the file name only appears in messages.

A ``.txt`` that is really a PDF, or a download saved without an extension, is read
for what it is. Kinds foiparse does not read get an error that names what they look
like, instead of a page of mojibake.
"""

from __future__ import annotations

import re

from foiparse.errors import UnsupportedFormatError
from foiparse.readers.text import BOMS, sniff_wide

# Magic numbers of formats people save FOI material as, but that we do not read.
_FOREIGN_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a ZIP container (a Word .docx, .xlsx or .odt file?)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE2 file (a legacy Word .doc or Excel .xls?)"),
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

_HTML_START = re.compile(
    rb"""\A(?:\xef\xbb\xbf)?\s*
        (?:<!--.*?-->\s*)*
        (?:<\?xml[^>]*>\s*)?
        (?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])""",
    re.IGNORECASE | re.VERBOSE | re.DOTALL,
)
_HTML_TAGS = re.compile(rb"<(?:html|head|body|div|p|table|br|meta|title)[\s/>]", re.IGNORECASE)
_SNIFF = 2048
# C0 control codes that do not occur in text (tab, line feed, form feed, CR and ESC do).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def detect_format(data: bytes, name: str | None = None) -> str:
    """Return ``"pdf"``, ``"html"`` or ``"text"`` for these bytes.

    Raises:
        UnsupportedFormatError: for a recognised foreign format or binary data.
    """
    head = data[:_SNIFF]
    if b"%PDF-" in data[:1024]:
        return "pdf"
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


def _looks_binary(head: bytes) -> bool:
    """NUL bytes or C0 control codes outside text, unless the text is UTF-16/32."""
    if not head or head.startswith(tuple(mark for mark, _ in BOMS)):
        return False
    if head.count(0):
        return sniff_wide(head) is None  # NULs are text only in UTF-16/32 without a BOM
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > 0.05 * len(head)
