"""Format detection by content, not by name."""

from __future__ import annotations

import pytest

from foiparse.detect import detect_format
from foiparse.errors import CorruptFileError, UnsupportedFormatError


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(b"%PDF-1.7\n...", "pdf", id="pdf"),
        pytest.param(b"\r\n%PDF-1.4", "pdf", id="pdf-after-junk"),
        pytest.param(b"<!DOCTYPE html><html><body>x</body></html>", "html", id="doctype"),
        pytest.param(b"\xef\xbb\xbf  <html lang='en'>", "html", id="bom-html"),
        pytest.param(b"<!-- saved --><HTML><BODY>", "html", id="comment-first"),
        pytest.param(b"<div><p>Dear Sir</p><p>Yours</p></div>", "html", id="fragment"),
        pytest.param(b"Dear Sir,\nYou asked <for> things.\n", "text", id="text-with-angle-brackets"),
        pytest.param("Freedom of Information – £450\n".encode(), "text", id="utf8-text"),
        pytest.param("Dear Sir\n".encode("utf-16-le"), "text", id="utf16-no-bom"),
        pytest.param(b"\xff\xfeD\x00e\x00", "text", id="utf16-bom"),
        pytest.param(b"\x00\x00\xfe\xff" + "Dear Sir\n".encode("utf-32-be"), "text", id="utf32-be-bom"),
        pytest.param("Dear Sir, thank you\n".encode("utf-32-le"), "text", id="utf32-no-bom"),
    ],
)
def test_format_is_detected_from_the_bytes(data: bytes, expected: str) -> None:
    assert detect_format(data, "x.txt") == expected


def test_a_broken_zip_is_corrupt_and_named() -> None:
    with pytest.raises(CorruptFileError, match="corrupt ZIP") as info:
        detect_format(b"PK\x03\x04rest", "letter.docx")
    assert info.value.path == "letter.docx"


def _zip(members: dict[str, str]) -> bytes:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("data", "what"),
    [
        pytest.param(_zip({"xl/workbook.xml": "<workbook/>"}), "ZIP archive", id="xlsx"),
        pytest.param(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE2", id="doc"),
        pytest.param(b"\x89PNG\r\n\x1a\n", "PNG", id="png"),
        pytest.param(b"\x00\x01\x02\x03\x04binary\x00\x00\xff" * 20, "binary", id="junk"),
        pytest.param(bytes(range(1, 32)) * 10, "binary", id="control-codes"),
    ],
)
def test_foreign_formats_are_named_in_the_error(data: bytes, what: str) -> None:
    with pytest.raises(UnsupportedFormatError, match=what) as info:
        detect_format(data, "mystery.txt")
    assert info.value.path == "mystery.txt"
