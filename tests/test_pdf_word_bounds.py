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
    from foiparse.lines import split_lines

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
    import foiparse.lines
    from foiparse.errors import InputTooLargeError

    monkeypatch.setattr(foiparse.lines, "MAX_LINES", 1000)
    assert len(foiparse.lines.split_lines("Dear Sir,\n" + "\n" * 100_000 + "x\n" * 990)) < 1000  # blank runs fold
    with pytest.raises(InputTooLargeError, match="too many lines"):
        foiparse.lines.split_lines("x\n\n" * 600)


def test_a_long_run_hanging_off_the_left_edge_does_not_pad_the_other_lines() -> None:
    from foiparse.readers.pdf import read_pdf

    hanging = b"BT /F1 11 Tf -3000 700 Td (" + b"x" * 700 + b" tail) Tj ET "
    text = read_pdf(_pdf(_LETTER + hanging), "hanging.pdf").text
    assert "\nThe Council recorded 49 incidents in 2023.\n" in text
