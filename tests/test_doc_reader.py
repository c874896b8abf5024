"""Word 97-2003 (.doc) read from its binary format, without LibreOffice (issue #18)."""

from __future__ import annotations

import contextlib
import os
import stat
import struct
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, golden_path, load_script
from foiparse import parse, to_json
from foiparse.errors import (
    CorruptFileError,
    EncryptedDocumentError,
    FoiparseError,
    InputTooLargeError,
    UnsupportedFormatError,
)
from foiparse.options import Options
from foiparse.readers import doc as doc_reader
from foiparse.readers.doc import read_word97
from foiparse.readers.docx import read_doc, read_docx, read_odt

COUNCIL = FIXTURES / "doc-council-letter.doc"
TABLE = FIXTURES / "doc-table-letter.doc"
DOCS = [COUNCIL, TABLE]


def _source_docx(path: Path, tmp_path: Path) -> bytes:
    """The .docx a .doc fixture was converted from (the table letter is remade by the fixture script)."""
    if path == COUNCIL:
        return (FIXTURES / "docx-council-letter.docx").read_bytes()
    made = tmp_path / "doc-table-letter.docx"
    load_script(FIXTURES / "make_office.py").table_letter_docx(made)
    return made.read_bytes()


@pytest.mark.parametrize("path", DOCS, ids=[p.name for p in DOCS])
def test_doc_fixture_reads_as_the_docx_it_was_made_from(path: Path, tmp_path: Path) -> None:
    ours = read_word97(path.read_bytes(), path.name)
    source = read_docx(_source_docx(path, tmp_path), path.name)
    assert ours.text == source.text
    assert ours.tables == source.tables
    assert ours.furniture == source.furniture


@pytest.mark.parametrize("path", DOCS, ids=[p.name for p in DOCS])
def test_doc_fixture_matches_its_golden_json(path: Path) -> None:
    assert to_json(parse(path, name=path.name)) == golden_path(path).read_bytes()


def test_merged_cells_are_repeated_where_they_reach() -> None:
    tables = read_word97(COUNCIL.read_bytes()).tables
    assert tables[1].columns == ("Ward", "Notices issued", "Notices issued")
    assert [row[0] for row in tables[1].rows] == ["Abbey", "Abbey"]


def test_a_paragraph_in_a_list_style_is_a_list_item_even_without_its_own_list_number() -> None:
    data = COUNCIL.read_bytes()
    word, _, _ = doc_reader._streams(data, None)
    assert word.count(b"\x0b\x46") == 1  # the one sprmPIlfo of the bullets' paragraph properties
    sector = word.find(b"\x0b\x46") // 512 * 512
    page = word[sector : sector + 512]
    plain = data.replace(page, page.replace(b"\x0b\x46", b"\x00\x46"))  # a property the reader does not know
    assert plain != data
    text = read_word97(plain).text
    assert "\u2022 figures are for the financial year ending 31 March;" in text
    assert "\u2022 notices later withdrawn are not included." in text


def test_an_empty_cell_stays_a_cell_and_does_not_end_its_row() -> None:
    (table,) = read_word97(TABLE.read_bytes()).tables
    assert table.rows == (("Q1", "112", "310,400"), ("Q2", "", "298,150"), ("Q3", "127", "344,020"))


def test_a_cell_of_two_paragraphs_opening_a_table_stays_one_cell() -> None:
    document = read_word97(TABLE.read_bytes())
    assert document.tables[0].columns == ("Quarter (2023/24)", "Households", "Cost (\u00a3)")
    assert "\n\nQuarter\n\n" not in document.text


def test_a_field_keeps_its_result_and_drops_its_code() -> None:
    document = read_word97(TABLE.read_bytes())
    footer = document.text[slice(*document.furniture[-1])]
    assert footer == "Page 1"
    assert "PAGE" not in document.text


def test_cp1252_punctuation_and_a_non_breaking_hyphen_come_through() -> None:
    text = read_word97(TABLE.read_bytes()).text
    assert "\u201cthe cost of temporary accommodation\u201d" in text
    assert "Council\u2019s spend was \u20ac-free" in text
    assert "year-on-year" in text


def test_an_8_bit_piece_reads_as_cp1252_with_the_formats_own_exceptions() -> None:
    word = b"\x93Fees\x94 \x85 \x80 \x8e" + "– é".encode("utf-16-le")
    pieces = [doc_reader._Piece(0, 12, 0, True), doc_reader._Piece(12, 15, 12, False)]
    chars = doc_reader._characters(word, pieces, 0, 15, None)
    # 0x80 and 0x8E are Latin-1 here, not cp1252's euro sign and Z-caron ([MS-DOC] 2.4.1)
    assert "".join(c for c, _ in chars) == "\u201cFees\u201d \u2026 \x80 \x8e\u2013 \u00e9"
    assert [at for _, at in chars][-4:] == [11, 12, 14, 16]


def test_a_doc_parses_without_libreoffice_and_says_no_converter(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    response = parse(COUNCIL.read_bytes(), name="letter.doc")
    assert response.source.format == "doc"
    assert response.source.converter is None
    assert response.reference is not None and response.reference.text == "FOI-2024-0733"
    assert [(e.law, e.provision) for e in response.exemptions] == [("FOIA", "40(2)")]


# --- the FIB and piece table, damaged on purpose -------------------------------------------------------


def _located(data: bytes) -> tuple[int, int, int]:
    """Where the WordDocument stream and the Clx sit in the file, and the stream's flags offset."""
    word, tables, _ = doc_reader._streams(data, None)
    fib = doc_reader._Fib.parse(word, None)
    table = tables[fib.which_table]
    assert table is not None
    fc, lcb = fib.fc_lcb[doc_reader._FC_CLX]
    word_at, clx_at = data.find(word[:512]), data.find(table[fc : fc + lcb])
    assert word_at >= 0 and clx_at >= 0
    return word_at, clx_at, lcb


def _patched(data: bytes, at: int, value: bytes) -> bytes:
    return data[:at] + value + data[at + len(value) :]


@pytest.mark.parametrize("keep", [0.9, 0.5, 0.1, 600 / 21504])
def test_a_truncated_doc_is_a_corrupt_file(keep: float) -> None:
    data = TABLE.read_bytes()
    with pytest.raises(CorruptFileError):
        read_word97(data[: int(len(data) * keep)])


def test_an_encrypted_doc_says_it_needs_a_password() -> None:
    data = TABLE.read_bytes()
    word_at, _, _ = _located(data)
    (flags,) = struct.unpack_from("<H", data, word_at + 0x0A)
    with pytest.raises(EncryptedDocumentError, match="password"):
        read_doc(_patched(data, word_at + 0x0A, struct.pack("<H", flags | 0x0100)))


def test_a_piece_pointing_outside_the_stream_is_a_corrupt_file() -> None:
    data = TABLE.read_bytes()
    _, clx_at, lcb = _located(data)
    count = (lcb - 5 - 4) // 12  # the Clx of LibreOffice's .doc is the piece table alone
    first_fc = clx_at + 5 + 4 * (count + 1) + 2
    with pytest.raises(CorruptFileError, match="outside the WordDocument stream"):
        read_word97(_patched(data, first_fc, struct.pack("<I", 0x3FFF0000)))


def test_a_piece_table_running_past_its_stream_is_a_corrupt_file() -> None:
    data = TABLE.read_bytes()
    _, clx_at, _ = _located(data)
    with pytest.raises(CorruptFileError, match="piece table"):
        read_word97(_patched(data, clx_at + 1, struct.pack("<I", 0x7FFFFFF0)))


@pytest.mark.parametrize("count", [-5, 0x7FFFFFFF, 1_000_000])
def test_a_wrong_character_count_is_a_corrupt_file(count: int) -> None:
    data = TABLE.read_bytes()
    word_at, _, _ = _located(data)
    ccp_text = word_at + 0x20 + 2 + 2 * 14 + 2 + 12  # csw, fibRgW (14 words), cslw, then the 4th long
    with pytest.raises(CorruptFileError, match=r"characters|character count"):
        read_word97(_patched(data, ccp_text, struct.pack("<i", count)))


def test_more_characters_than_the_limit_is_too_large() -> None:
    with pytest.raises(InputTooLargeError):
        read_word97(TABLE.read_bytes(), options=Options(max_chars=100))


def test_a_compound_file_without_a_word_stream_is_a_corrupt_doc() -> None:
    data = TABLE.read_bytes().replace("WordDocument".encode("utf-16-le"), "WordDocumenX".encode("utf-16-le"))
    with pytest.raises(CorruptFileError, match="no WordDocument stream"):
        read_word97(data)


_DATA = TABLE.read_bytes()
_WORD_AT, _CLX_AT, _CLX_LCB = _located(_DATA)
_HOT = st.one_of(  # the bytes that steer the reader: the FIB, the piece table, and anywhere at all
    st.integers(_WORD_AT, _WORD_AT + 0x200),
    st.integers(_CLX_AT, _CLX_AT + _CLX_LCB),
    st.integers(0, len(_DATA) - 1),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(flips=st.lists(st.tuples(_HOT, st.integers(0, 255)), min_size=1, max_size=8), cut=st.integers(0, len(_DATA)))
def test_flipped_or_truncated_doc_raises_only_foiparse_errors(flips: list[tuple[int, int]], cut: int) -> None:
    data = bytearray(_DATA)
    for at, value in flips:
        data[at] = value
    for variant in (bytes(data), bytes(data[:cut])):
        with contextlib.suppress(FoiparseError):  # anything else fails the test
            read_doc(variant, "fuzzed.doc")


# --- LibreOffice as the fallback, and what it is credited with --------------------------------------------


def _fake_office(tmp_path: Path, converted: Path) -> Path:
    """A ``soffice`` on PATH that "converts" any input by copying ``converted`` as input.docx."""
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "soffice"
    script.write_text(
        "#!/bin/sh\n"
        'while [ "$#" -gt 1 ]; do [ "$1" = --outdir ] && out="$2"; shift; done\n'
        f'cp "{converted}" "$out/input.docx"\n'
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return folder


def _word95(data: bytes) -> bytes:
    word_at, _, _ = _located(data)
    return _patched(data, word_at + 2, struct.pack("<H", 104))  # nFib of Word 95


def test_a_word95_doc_without_libreoffice_names_the_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    with pytest.raises(UnsupportedFormatError, match=r"Word 6/95.*install LibreOffice"):
        read_doc(_word95(TABLE.read_bytes()), "old.doc")


def test_a_word95_doc_goes_to_libreoffice_which_the_source_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(_fake_office(tmp_path, FIXTURES / "docx-council-letter.docx")) + os.pathsep + "/bin")
    document = read_doc(_word95(TABLE.read_bytes()), "old.doc")
    assert document.source.converter == "libreoffice"
    assert document.source.format == "doc"
    assert "FOI-2024-0733" in document.text


def test_an_odt_read_through_libreoffice_names_it_as_converter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(_fake_office(tmp_path, FIXTURES / "docx-council-letter.docx")) + os.pathsep + "/bin")
    document = read_odt((FIXTURES / "odt-council-letter.odt").read_bytes(), "letter.odt")
    assert document.source.converter == "libreoffice"
    assert document.source.format == "odt"


# --- what Word itself writes and LibreOffice does not ----------------------------------------------------


def _fib(clx_size: int, ccp_text: int) -> doc_reader._Fib:
    """A FIB whose Clx is the first ``clx_size`` bytes of the table stream."""
    pairs = [(0, 0)] * (doc_reader._FC_CLX + 1)
    pairs[doc_reader._FC_CLX] = (0, clx_size)
    return doc_reader._Fib(False, 0, ccp_text, 0, 0, tuple(pairs))


def _pcd(fc: int, compressed: bool) -> bytes:
    return struct.pack("<HIH", 0, fc * 2 | 0x40000000 if compressed else fc, 0)


def test_a_fast_saved_clx_reads_its_pieces_after_the_property_modifiers_before_them() -> None:
    word = "Dear Ms ".encode("cp1252") + "Łukasiewicz".encode("utf-16-le")
    plc = struct.pack("<3I", 0, 8, 19) + _pcd(0, True) + _pcd(8, False)
    prcs = b"\x01" + struct.pack("<h", 3) + b"\x35\x08\x01" + b"\x01" + struct.pack("<h", 0)  # bold, then none
    clx = prcs + b"\x02" + struct.pack("<I", len(plc)) + plc
    pieces = doc_reader._pieces(word, clx, _fib(len(clx), 19), None)
    assert "".join(c for c, _ in doc_reader._characters(word, pieces, 0, 19, None)) == "Dear Ms Łukasiewicz"


def _tdef_table(edges: list[int]) -> bytes:
    """A sprmTDefTable with these cell edges and blank cell descriptions."""
    body = bytes([len(edges) - 1]) + struct.pack(f"<{len(edges)}h", *edges) + bytes(20 * (len(edges) - 1))
    return struct.pack("<HH", 0xD608, len(body) + 1) + body


def test_a_row_end_whose_properties_word_moved_to_the_data_stream_still_ends_its_row() -> None:
    huge = b"\x17\x24\x01" + _tdef_table([0, 1000, 2000, 3000])  # sprmPFTtp and the row's three cells
    extra = b"\x00" * 6 + struct.pack("<h", len(huge)) + huge
    papx = struct.pack("<H", 0) + b"\x16\x24\x01" + struct.pack("<HI", 0x6646, 6)  # in a table; sprmPHugePapx
    paragraph = doc_reader._paragraph(0, 2, papx, extra)
    assert paragraph.row_end and paragraph.in_table
    assert paragraph.boundaries == (0, 1000, 2000, 3000)


def test_a_huge_papx_pointing_past_the_data_stream_is_ignored() -> None:
    papx = struct.pack("<H", 0) + struct.pack("<HI", 0x6646, 0x7FFFFFF0) + b"\x16\x24\x01"
    paragraph = doc_reader._paragraph(0, 2, papx, b"\x00" * 8)
    assert paragraph.in_table and not paragraph.row_end


def test_a_tab_change_too_long_for_its_size_byte_does_not_hide_the_properties_after_it() -> None:
    deleted, added = [720, 1440], [2160]
    tabs = bytes([255, len(deleted)]) + struct.pack("<4h", *deleted, *deleted)  # rgdxaDel, rgdxaClose
    tabs += bytes([len(added)]) + struct.pack("<h", *added) + b"\x00"  # rgdxaAdd, rgtbdAdd
    papx = struct.pack("<H", 0) + struct.pack("<H", 0xC615) + tabs + b"\x16\x24\x01"
    assert doc_reader._paragraph(0, 2, papx).in_table


def _with_run_deleted(data: bytes, text: str) -> bytes:
    """``data`` with the character run that holds exactly ``text`` marked as a tracked deletion."""
    word, tables, _ = doc_reader._streams(data, None)
    fib = doc_reader._Fib.parse(word, None)
    table = tables[fib.which_table]
    assert table is not None
    for page in doc_reader._fkp_pages(word, table, fib, doc_reader._FC_PLCF_BTE_CHPX):
        runs = page[511]
        fcs = struct.unpack_from(f"<{runs + 1}I", page, 0)
        for i in range(runs):
            if word[fcs[i] : fcs[i + 1]] == text.encode("utf-16-le"):
                free = (4 * (runs + 1) + runs + 1) & ~1  # the gap between the run offsets and the CHPXs
                assert page[free : free + 4] == bytes(4)
                new = bytearray(page)
                new[free : free + 4] = b"\x03\x00\x08\x01"  # a CHPX of one sprmCFRMarkDel, on
                new[4 * (runs + 1) + i] = free // 2
                at = data.find(page)
                return data[:at] + bytes(new) + data[at + 512 :]
    raise AssertionError(f"no run holds {text!r}")


def test_text_deleted_with_revision_marks_on_is_left_out() -> None:
    document = read_word97(_with_run_deleted(TABLE.read_bytes(), "298,150"))
    assert "298,150" not in document.text
    (table,) = document.tables
    assert table.rows == (("Q1", "112", "310,400"), ("Q2", "", ""), ("Q3", "127", "344,020"))


def test_a_footnote_is_read_after_the_body() -> None:
    data = TABLE.read_bytes()
    word_at, _, _ = _located(data)
    ccp_at = word_at + 0x20 + 2 + 2 * 14 + 2 + 12  # ccpText, then ccpFtn
    ccp_text, ccp_ftn = struct.unpack_from("<ii", data, ccp_at)
    assert ccp_ftn == 0
    note = len("Housing Options Service\r")  # the body's last paragraph becomes the footnote story
    document = read_word97(_patched(data, ccp_at, struct.pack("<ii", ccp_text - note, note)))
    body, footer = document.text.rsplit("\n\n", 1)
    assert body.endswith("Yours sincerely,\n\nHousing Options Service")
    assert footer == "Page 1\n"
