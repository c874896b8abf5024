"""The text reader: every encoding decoded, nothing normalised, only FoiparseError raised."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from conftest import BROKEN, FIXTURES, load_script
from foiparse import parse
from foiparse.errors import DecodeError, EmptyInputError, FoiparseError, UnsupportedFormatError
from foiparse.readers import get_reader
from foiparse.readers.text import bom_for, decode, read_text

LETTER = "Dear Ms Smith,\r\n\r\nThe Council holds 1,234 records – costing £5 each.\t\n"


@pytest.mark.parametrize(
    ("data", "encoding", "bom"),
    [
        pytest.param(LETTER.encode("utf-8"), "utf-8", False, id="utf-8"),
        pytest.param(b"\xef\xbb\xbf" + LETTER.encode("utf-8"), "utf-8", True, id="utf-8-bom"),
        pytest.param(b"\xff\xfe" + LETTER.encode("utf-16-le"), "utf-16-le", True, id="utf-16-le-bom"),
        pytest.param(b"\xfe\xff" + LETTER.encode("utf-16-be"), "utf-16-be", True, id="utf-16-be-bom"),
        pytest.param(b"\xff\xfe\x00\x00" + LETTER.encode("utf-32-le"), "utf-32-le", True, id="utf-32-le-bom"),
        pytest.param(LETTER.encode("utf-16-le"), "utf-16-le", False, id="utf-16-le-no-bom"),
        pytest.param(LETTER.encode("utf-16-be"), "utf-16-be", False, id="utf-16-be-no-bom"),
        pytest.param(b"\x00\x00\xfe\xff" + LETTER.encode("utf-32-be"), "utf-32-be", True, id="utf-32-be-bom"),
        pytest.param(LETTER.encode("utf-32-le"), "utf-32-le", False, id="utf-32-le-no-bom"),
        pytest.param(LETTER.encode("utf-32-be"), "utf-32-be", False, id="utf-32-be-no-bom"),
        pytest.param(LETTER.encode("cp1252"), "cp1252", False, id="cp1252"),
    ],
)
def test_text_is_decoded_and_re_encodes_to_the_same_bytes(data: bytes, encoding: str, bom: bool) -> None:
    doc = read_text(data, "letter.txt")
    assert doc.text == LETTER
    assert (doc.source.encoding, doc.source.bom) == (encoding, bom)
    assert (bom_for(encoding) if bom else b"") + doc.text.encode(encoding) == data


def test_line_endings_tabs_and_trailing_spaces_are_kept() -> None:
    data = b"a  \r\n\tb\rc\n\n"
    assert read_text(data).text == data.decode()


@pytest.mark.parametrize(
    "text",
    ["Dear Ms Shah,\n\nWe spent £450 in 2023.\n", "Cost: £45\n", "£\n", "Café ‘quotes’ – dash\n"],
)
def test_short_legacy_text_is_read_as_windows_1252(text: str) -> None:
    # Charset detection guesses Japanese, UTF-16 or EBCDIC for such short inputs.
    doc = read_text(text.encode("cp1252"))
    assert (doc.text, doc.source.encoding) == (text, "cp1252")


def test_a_guessed_encoding_is_warned_about() -> None:
    doc = read_text(LETTER.encode("cp1252"))
    assert [w.code for w in doc.warnings] == ["encoding_guessed"]


def test_utf8_input_has_no_warning() -> None:
    assert read_text(LETTER.encode()).warnings == ()


def test_source_records_the_hash_and_size() -> None:
    doc = read_text(b"hello there\n", "x.txt")
    assert doc.source.bytes == 12
    assert doc.source.sha256 == hashlib.sha256(b"hello there\n").hexdigest()
    assert doc.source.name == "x.txt"


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", "\u00a0\n".encode()], ids=["empty", "white", "nbsp"])
def test_empty_input_is_an_empty_input_error(data: bytes) -> None:
    with pytest.raises(EmptyInputError):
        read_text(data, "empty.txt")


def test_a_bom_with_broken_content_is_a_decode_error() -> None:
    with pytest.raises(DecodeError) as info:
        decode(b"\xff\xfe\x00", "odd.txt")
    assert info.value.offset is not None


def test_latin1_fallback_never_loses_a_byte() -> None:
    data = bytes(range(0x80, 0x100)) * 3 + b"\nplain words here\n"
    text, encoding, _, guessed = decode(data)
    assert guessed
    assert text.encode(encoding) == data


def test_formats_without_a_reader_are_unsupported() -> None:
    with pytest.raises(UnsupportedFormatError, match="no reader for format 'xlsx'"):
        get_reader("xlsx")


@pytest.fixture(scope="module")
def broken_pdfs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("reportlab")
    make_pdfs = load_script(FIXTURES / "make_pdfs.py")
    folder = tmp_path_factory.mktemp("broken")
    make_pdfs.broken(folder)
    return folder


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_pdf_gives_its_own_error(broken_pdfs: Path, name: str) -> None:
    with pytest.raises(FoiparseError) as caught:
        parse(broken_pdfs / name)
    assert type(caught.value).__name__ == BROKEN[name]
    assert str(caught.value).startswith(str(broken_pdfs / name))
