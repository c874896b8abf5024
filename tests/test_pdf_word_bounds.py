"""Bounded cost and faithful text for hostile PDFs, Word files and extraction paths (issue #13)."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from conftest import ROOT, load_script
from foiparse import parse

# --- provisions: a citation holds at most a few parenthesised levels -------------------------


@pytest.mark.parametrize(
    ("text", "law", "head"),
    [
        ("We withhold the names under section 40{groups} of the Freedom of Information Act 2000.", "FOIA", "40(2)"),
        ("We withhold the names under s.40{spaced} of the FOIA.", "FOIA", "40(2)"),
        ("Patrol details are withheld under sections 31(1)(a) and {groups} of the FOIA.", "FOIA", "31(1)"),
        ("The records are exempt under 5 ILCS 140/7(1)(c){groups} of the Illinois FOIA.", "IL-FOIA", "7(1)(c)"),
    ],
    ids=["section", "spaced groups", "a sibling list", "ILCS"],
)
def test_a_citation_with_thousands_of_subsection_groups_is_read_as_a_few(text: str, law: str, head: str) -> None:
    letter = "Dear Sir,\n\n" + text.format(groups="(2)" * 3000, spaced=" (2)" * 3000) + "\n"
    response = parse(letter.encode(), name="t.txt")
    found = [e for e in response.exemptions if e.law == law]
    assert found, response.exemptions
    for exemption in found:
        assert exemption.provision.count("(") <= 4, exemption.provision[:80]
        assert len(exemption.cited_as) < 120


# --- lines: a page of empty lines costs a few line objects -----------------------------------


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_a_long_run_of_blank_lines_is_folded_and_the_lines_still_tile_the_text(newline: str) -> None:
    from foiparse.layout.lines import split_lines

    text = newline.join(["Dear Sir,", *([""] * 1000), "We hold 12 files.", " \t", "", "Yours,"]) + newline
    lines = split_lines(text)
    assert len(lines) < 12
    assert [line.text for line in lines if not line.blank] == ["Dear Sir,", "We hold 12 files.", "Yours,"]
    assert lines[0].start == 0 and lines[-1].stop == len(text)
    assert all(a.stop == b.start for a, b in itertools.pairwise(lines))
    assert all(text[line.start : line.end] == line.text for line in lines)
    assert all(text[line.end : line.stop].strip() == "" for line in lines)


def test_a_letter_of_millions_of_blank_lines_parses_with_its_words() -> None:
    letter = "Dear Sir,\n" + "\n\n" * 200_000 + "We hold 12 files about section 40(2) of the FOIA.\n"
    response = parse(letter.encode(), name="t.txt")
    assert any(e.provision == "40(2)" for e in response.exemptions)
    assert sum(1 for b in response.blocks if b.kind != "blank") <= 3


# --- Word: sizes counted while inflating, every text node read, .docm read as .docx -----------


def _docx(paragraphs: list[str]) -> bytes:
    import io

    from docx import Document

    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _rezip(data: bytes, change: Any) -> bytes:
    """The same package with ``change(name, bytes) -> bytes`` applied to each member."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, change(info.filename, src.read(info)))
    return out.getvalue()


def _lie_about_size(data: bytes, member: str, size: int) -> bytes:
    """Write ``size`` as ``member``'s unpacked size in its local header and the central directory."""
    import struct

    encoded = member.encode()
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature)
        while at != -1:
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            length = struct.unpack_from("<H", data, at + (26 if signature == b"PK\x03\x04" else 28))[0]
            if data[name_at : name_at + length] == encoded:
                data = data[: at + offset] + struct.pack("<I", size) + data[at + offset + 4 :]
            at = data.find(signature, at + 4)
    return data


def test_a_word_member_that_inflates_past_its_declared_size_is_too_large_not_out_of_memory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import foiparse.readers.docx as reader
    from foiparse.errors import InputTooLargeError

    monkeypatch.setattr(reader, "MAX_UNPACKED", 2_000_000)
    padding = "<!-- " + " " * 3_000_000 + " -->"
    bloated = _rezip(
        _docx(["Dear Sir,", "We hold 12 files."]),
        lambda name, body: (
            body.replace(b"<w:body>", padding.encode() + b"<w:body>", 1) if name == "word/document.xml" else body
        ),
    )
    lying = _lie_about_size(bloated, "word/document.xml", 1_000)
    with pytest.raises(InputTooLargeError, match="unpacked") as caught:
        reader.read_docx(lying, "lying.docx")
    assert caught.value.size > 2_000_000


def test_text_after_an_entity_reference_or_a_comment_inside_a_run_is_kept() -> None:
    from foiparse.readers.docx import read_docx

    def change(name: str, body: bytes) -> bytes:
        if name != "word/document.xml":
            return body
        body = body.replace(b"?>", b'?><!DOCTYPE w:document [<!ENTITY co "Council">]>', 1)
        body = body.replace(b"The authority", b"The &co; authority").replace(b"AT-T", b"AT<!-- note -->&amp;T")
        return body.replace(b"Both hold", b"Both <?pi x?>hold")

    data = _rezip(_docx(["The authority holds 5 files.", "AT-T holds 7 files.", "Both hold 12."]), change)
    text = read_docx(data, "entity.docx").text
    assert "authority holds 5 files." in text
    assert "AT&T holds 7 files." in text
    assert "Both hold 12." in text
    assert "Council" not in text  # the entity itself is never expanded


def test_a_macro_enabled_docm_is_read_like_a_docx_and_no_object_repr_reaches_a_message() -> None:
    from foiparse.errors import CorruptFileError
    from foiparse.readers.docx import read_docx

    main = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    macro = b"application/vnd.ms-word.document.macroEnabled.main+xml"
    docm = _rezip(
        _docx(["Dear Sir,", "We hold 12 files."]),
        lambda name, body: body.replace(main, macro) if name == "[Content_Types].xml" else body,
    )
    assert "We hold 12 files." in read_docx(docm, "letter.docm").text
    response = parse(docm, name="letter.docm")
    assert "We hold 12 files." in response.text
    odd = _rezip(
        _docx(["Dear Sir,"]),
        lambda name, body: body.replace(main, b"application/x-not-word") if name == "[Content_Types].xml" else body,
    )
    with pytest.raises(CorruptFileError) as caught:
        read_docx(odd, "odd.docx")
    assert " object at 0x" not in str(caught.value)


# --- PDF: text drawn outside the page is left out, and a line's padding is bounded -----------


_HOSTILE = load_script(ROOT / "fuzz" / "hostile.py")


def _pdf(content: bytes, page_extra: bytes = b"") -> bytes:
    """A one-page PDF (Helvetica as /F1) with this content stream, built by hand."""
    pdf: bytes = _HOSTILE.one_page_pdf(content, page_extra)
    return pdf


_LETTER = (
    b"BT /F1 11 Tf 72 770 Td (Dear Ms Okoro,) Tj ET "
    b"BT /F1 11 Tf 72 740 Td (The Council recorded 49 incidents in 2023.) Tj ET "
    b"BT /F1 11 Tf 72 726 Td (Of these, 12 were reported to the ICO.) Tj ET "
)
# A ruled 2 x 2 table with a figure in each row.
_TABLE = (
    b"0.5 w 72 600 m 372 600 l S 72 570 m 372 570 l S 72 540 m 372 540 l S "
    b"72 540 m 72 600 l S 222 540 m 222 600 l S 372 540 m 372 600 l S "
    b"BT /F1 10 Tf 80 580 Td (Year) Tj ET BT /F1 10 Tf 230 580 Td (Incidents) Tj ET "
    b"BT /F1 10 Tf 80 550 Td (2023) Tj ET BT /F1 10 Tf 230 550 Td (49) Tj ET "
)


@pytest.mark.parametrize(
    "stray",
    [
        b"BT /F1 11 Tf -3000 733 Td (far left) Tj ET ",
        b"BT /F1 11 Tf 50000000 733 Td (far right) Tj ET BT /F1 11 Tf -50000000 740 Td (far left) Tj ET ",
        b"BT /F1 11 Tf 72 -50000000 Td (far below) Tj ET BT /F1 11 Tf 72 50000000 Td (far above) Tj ET ",
        b"BT /F1 10 Tf 1 0 0 1 230 550 Tm 50000000 0 Td (in a cell's row) Tj ET ",
    ],
    ids=["at x -3000", "at x +-5e7", "at y +-5e7", "beside a ruled table"],
)
@pytest.mark.parametrize(
    "rotate", [b"", b" /Rotate 90", b" /CropBox [36 36 559 806]"], ids=["upright", "rotated", "cropped"]
)
def test_text_drawn_outside_the_page_is_left_out_and_counted(stray: bytes, rotate: bytes) -> None:
    from foiparse.readers.pdf import read_pdf

    clean = read_pdf(_pdf(_LETTER + _TABLE, rotate), "clean.pdf")
    hostile = read_pdf(_pdf(_LETTER + stray + _TABLE, rotate), "stray.pdf")
    assert hostile.text == clean.text
    assert [t.rows for t in hostile.tables] == [t.rows for t in clean.tables]
    assert len(hostile.text) < 2000
    assert [w.code for w in hostile.warnings] == ["text_off_page"]
    assert not clean.warnings


def test_a_line_is_never_padded_past_the_page_width() -> None:
    from foiparse.readers.pdf import _place, _Run

    runs = [_Run(-3000.0, 10, -2950.0, 20, "far"), _Run(72.0, 10, 300.0, 20, "The Council holds 12 files.")]
    line = _place(runs, 5.0, -3000.0, 595.0)
    assert len(line) <= 595 / 5.0 + len("far") + len("The Council holds 12 files.") + 2


def test_a_text_of_more_lines_than_the_limit_is_refused_as_it_is_split(monkeypatch: pytest.MonkeyPatch) -> None:
    import foiparse.layout.lines
    from foiparse.errors import InputTooLargeError

    monkeypatch.setattr(foiparse.layout.lines, "MAX_LINES", 1000)
    assert (
        len(foiparse.layout.lines.split_lines("Dear Sir,\n" + "\n" * 100_000 + "x\n" * 990)) < 1000
    )  # blank runs fold
    with pytest.raises(InputTooLargeError, match="too many lines"):
        foiparse.layout.lines.split_lines("x\n\n" * 600)


def test_a_long_run_hanging_off_the_left_edge_does_not_pad_the_other_lines() -> None:
    from foiparse.readers.pdf import read_pdf

    hanging = b"BT /F1 11 Tf -3000 700 Td (" + b"x" * 700 + b" tail) Tj ET "
    text = read_pdf(_pdf(_LETTER + hanging), "hanging.pdf").text
    assert "\nThe Council recorded 49 incidents in 2023.\n" in text


def _page_pdf(content: bytes, media_box: bytes) -> bytes:
    """A one-page PDF (Helvetica as /F1) with this content stream on a page of this media box."""
    pdf: bytes = _HOSTILE.one_page_pdf(content, media_box=media_box)
    return pdf


_COLUMNS = 1000  # the column a run is placed at, at most (README: limits)


def _far_lines(count: int, far: int) -> bytes:
    """A greeting, then ``count`` lines each with a one-word run drawn ``far`` points to its right."""
    return b"BT /F1 11 Tf 72 770 Td (Dear Ms Okoro,) Tj ET " + b"".join(
        b"BT /F1 11 Tf 72 %d Td (Line %d of the reply) Tj %d 0 Td (x) Tj ET " % (700 - 12 * i, i, far)
        for i in range(count)
    )


@pytest.mark.parametrize(
    ("media_box", "far", "count"),
    [
        (b"[0 0 50000000 842]", 40_000_000, 3),
        (b"[0 0 50000000 842]", 40_000_000, 40),
        (b"[-50000000 0 50000000 842]", 40_000_000, 3),
        (b"[0 0 14400 842]", 14_000, 3),
    ],
    ids=["5e7 wide", "5e7 wide, 40 lines", "1e8 wide from -5e7", "the spec's widest"],
)
def test_a_run_far_across_a_huge_declared_page_keeps_its_word_with_bounded_padding(
    media_box: bytes, far: int, count: int
) -> None:
    from foiparse.readers.pdf import read_pdf

    document = read_pdf(_page_pdf(_far_lines(count, far), media_box), "wide.pdf")
    lines = document.text.splitlines()
    assert lines[0] == "Dear Ms Okoro,"
    replies = [line for line in lines if line.startswith("Line ")]
    assert [line.split() for line in replies] == [[*f"Line {i} of the reply".split(), "x"] for i in range(count)]
    assert all(line.startswith(f"Line {i} of the reply  ") for i, line in enumerate(replies))
    assert max(len(line) for line in lines) <= _COLUMNS + len("x")
    assert not document.warnings  # the run is on the page it declares: kept, not dropped


def test_the_same_far_runs_on_a4_are_left_out_and_counted() -> None:
    from foiparse.readers.pdf import read_pdf

    document = read_pdf(_page_pdf(_far_lines(3, 40_000_000), b"[0 0 595 842]"), "a4.pdf")
    assert document.text.split("\n") == [
        "Dear Ms Okoro,",
        "",
        "Line 0 of the reply",
        "Line 1 of the reply",
        "Line 2 of the reply",
        "",
    ]
    assert [w.code for w in document.warnings] == ["text_off_page"]


def test_a_line_is_never_padded_past_the_column_ceiling_whatever_the_page_width() -> None:
    from foiparse.readers.pdf import _place, _Run

    runs = [_Run(72.0, 10, 180.0, 20, "Line 0 of the reply"), _Run(4e7, 10, 4e7 + 6, 20, "x", lead=True)]
    line = _place(runs, 5.0, 72.0, 5e7)
    assert line.startswith("Line 0 of the reply  ") and line.endswith(" x")
    assert len(line) <= _COLUMNS + 1


# --- Word: each ZIP member's bytes are read once, and a ZIP has at most so many members -------


def _padded_docx(hex_bytes: int) -> bytes:
    """A .docx (deflated) whose document.xml carries a comment of ``2 * hex_bytes`` hex digits: slow to inflate."""
    import random

    padding = b"<!-- " + random.Random(3).randbytes(hex_bytes).hex().encode() + b" -->"
    return _rezip(
        _docx(["Dear Sir,", "We hold 12 files."]),
        lambda name, body: body.replace(b"<w:body>", padding + b"<w:body>", 1) if name == "word/document.xml" else body,
    )


def _count_inflater_input(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record the bytes handed to the Word reader's inflaters (zipfile's own reading is not counted)."""
    import types
    import zlib

    import foiparse.readers.docx as reader

    fed: list[int] = []

    class Counting:
        def __init__(self, wbits: int) -> None:
            self._inflater = zlib.decompressobj(wbits)

        def __getattr__(self, name: str) -> Any:
            return getattr(self._inflater, name)

        def decompress(self, data: Any, max_length: int = 0) -> bytes:
            fed.append(len(data))
            return self._inflater.decompress(data, max_length)

    shim = types.SimpleNamespace(decompressobj=Counting, MAX_WBITS=zlib.MAX_WBITS, error=zlib.error)
    monkeypatch.setattr(reader, "zlib", shim)
    return fed


def test_a_large_word_part_is_not_copied_again_at_each_megabyte_it_inflates_to(monkeypatch: pytest.MonkeyPatch) -> None:
    from foiparse.readers.docx import read_docx

    data = _padded_docx(3_000_000)  # 6 MB of XML from about 3.3 MB of deflate
    fed = _count_inflater_input(monkeypatch)
    assert "We hold 12 files." in read_docx(data, "padded.docx").text
    assert sum(fed) <= len(data)


def _aliased(data: bytes, count: int, same_name: bool = False) -> bytes:
    """``data`` with ``count`` more ZIP directory entries for the bytes of its document.xml."""
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        m = archive.getinfo("word/document.xml")
    entry = (m.header_offset, m.compress_type, m.compress_size, m.file_size, m.CRC)
    names = [m.filename if same_name else f"p{i:06d}" for i in range(count)]
    aliased: bytes = _HOSTILE.zip_with_entries(data, [(name, *entry) for name in names])
    return aliased


def _nested(data: bytes, count: int) -> bytes:
    """``data`` with a stored part holding a whole deflated member of its own, named by ``count`` directory entries."""
    import io
    import struct
    import zipfile
    import zlib

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = archive.read("word/document.xml")
    packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    packed = packer.compress(body) + packer.flush()
    crc = zlib.crc32(body)
    inner = b"PK\x03\x04" + struct.pack("<5H3I2H", 20, 0, 8, 0, 0x21, crc, len(packed), len(body), 5, 0) + b"inner"
    inner += packed
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info))
        dst.writestr("word/media/blob.bin", inner, compress_type=zipfile.ZIP_STORED)
    rebuilt = out.getvalue()
    at = rebuilt.find(inner)
    entries = [(f"p{i:06d}", at, 8, len(packed), len(body), crc) for i in range(count)]
    nested: bytes = _HOSTILE.zip_with_entries(rebuilt, entries)
    return nested


@pytest.mark.parametrize(
    "build",
    [
        lambda data: _aliased(data, 300),
        lambda data: _aliased(data, 300, same_name=True),
        lambda data: _nested(data, 300),
    ],
    ids=["other names", "the same name", "a member hidden inside another"],
)
def test_zip_directory_entries_that_share_a_members_bytes_are_refused_before_any_is_inflated(
    build: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from foiparse.errors import CorruptFileError
    from foiparse.readers.docx import read_docx

    data = build(_padded_docx(300_000))
    fed = _count_inflater_input(monkeypatch)
    with pytest.raises(CorruptFileError, match="overlap"):
        read_docx(data, "aliased.docx")
    assert sum(fed) <= len(data)


def test_a_zip_member_said_to_run_past_the_end_of_the_file_is_corrupt() -> None:
    import io
    import zipfile

    from foiparse.errors import CorruptFileError
    from foiparse.readers.docx import read_docx

    data = _padded_docx(100_000)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        m = archive.getinfo("word/document.xml")
    past = _HOSTILE.zip_with_entries(data, [("p0", m.header_offset, 8, len(data) * 2, m.file_size, m.CRC)])
    with pytest.raises(CorruptFileError, match="past the end"):
        read_docx(past, "past.docx")


def test_a_word_file_of_more_zip_members_than_the_limit_is_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import zipfile

    import foiparse.readers.docx as reader
    from foiparse.errors import InputTooLargeError

    monkeypatch.setattr(reader, "MAX_MEMBERS", 40, raising=False)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_docx(["Dear Sir,"]))) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        for i in range(40):
            dst.writestr(f"word/extra/part{i}.xml", b"<x/>")
    with pytest.raises(InputTooLargeError, match="too many ZIP members") as caught:
        reader.read_docx(out.getvalue(), "many.docx")
    assert caught.value.limit == 40


# --- extraction: a long run of blanks on a labelled line is scanned once ----------------------


def test_label_value_pairs_on_a_line_are_split_where_they_were_before() -> None:
    from foiparse.extract import metadata

    line = "Date of response: " + " " * 50_000 + "x"
    steps = [m.end() for m in metadata._PAIRS.finditer(line)]
    assert steps == []
    assert [m.end() for m in metadata._PAIRS.finditer("Ref: X ·  Date: 1 May 2024 | Our ref: Y")] == [10, 29]
