"""Issue #13, second audit: HTML pages refused as nested too deep that lexbor builds flat (defect 20),
e-mail parts whose declared UTF-16/32 charset cannot be right (18b), text that begins "%PDF-" (18a)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES
from foiparse.detect import detect_format
from foiparse.errors import CorruptFileError, InputTooLargeError
from foiparse.readers import html as html_reader
from foiparse.readers.email import read_eml
from foiparse.readers.html import check_structure, read_html

DEPTH, ELEMENTS = 10_000, 500_000
LETTER = b"<html><body><p>Dear Sir, we hold 12 files.</p>"


class _Deepest(html_reader._TreeModel):
    """The pre-parse model, recording the deepest its stack of open elements went."""

    def __init__(self) -> None:
        self.deepest = 0
        super().__init__(10**9, 10**9, None)

    def push(self, tag: str, entry: html_reader._Entry | None = None, ns: str = "html") -> None:
        super().push(tag, entry, ns)
        self.deepest = max(self.deepest, len(self.stack))


def _model_depth(page: str) -> int:
    model = _Deepest()
    model.run(page)
    return model.deepest


def _lexbor_depth(page: str) -> int:
    """How deep lexbor nests the page's elements (html is 1)."""
    from selectolax.lexbor import LexborHTMLParser

    root = LexborHTMLParser(page).root
    assert root is not None
    deepest, stack = 0, [(root, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        child = node.child
        while child is not None:
            if not (child.tag or "-").startswith("-"):
                stack.append((child, depth + 1))
            child = child.next
    return deepest


# -- defect 20: start tags the tree builder closes or ignores -------------------------------------

_FLAT = [
    pytest.param("<button>b" * 12_000, id="a button ends the open button"),
    pytest.param("<form>d" * 12_000, id="a form inside a form is ignored"),
    pytest.param("<h1>a<h2>b" * 6_000, id="a heading ends the heading that is the current node"),
    pytest.param("<select>" + "<select>x" * 12_000, id="a select inside a select ends it"),
    pytest.param("<select><input>" * 12_000, id="an input ends the open select"),
    pytest.param("<ruby>" + "<rb>a<rt>b<rp>c" * 5_000, id="ruby annotations end each other inside a ruby"),
    pytest.param("<select>" + "<optgroup>a<option>b" * 6_000, id="optgroups end each other inside a select"),
    pytest.param("<option>x" * 12_000, id="an option ends the open option"),
]


@pytest.mark.parametrize("markup", _FLAT)
def test_markup_the_parser_builds_flat_is_not_refused_as_nested_too_deep(markup: str) -> None:
    page = LETTER.decode() + markup + "</body></html>"
    check_structure(page, DEPTH, ELEMENTS)
    assert "Dear Sir, we hold 12 files." in read_html(page.encode()).text


@pytest.mark.parametrize("markup", _FLAT)
def test_the_model_nests_them_as_lexbor_does(markup: str) -> None:
    page = LETTER.decode() + markup[: len(markup) // 40]
    assert _lexbor_depth(page) - 1 <= _model_depth(page) <= _lexbor_depth(page) + 1


# What the model once closed (or never opened) that lexbor keeps open: deeper than the limit,
# and each accepted, to cost the parser the square of its depth (80,000 <rt> took 26 s).
_DEEP = [
    pytest.param("<rt>", id="rt outside a ruby nests"),
    pytest.param("<rb>", id="rb outside a ruby nests"),
    pytest.param("<rp>", id="rp outside a ruby nests"),
    pytest.param("<rtc>", id="rtc outside a ruby nests"),
    pytest.param("<optgroup>", id="optgroup outside a select nests"),
    pytest.param("<span></body>", id="an end tag of body closes nothing"),
    pytest.param("<frameset><span></frameset>", id="a frameset end tag in a body closes nothing"),
    pytest.param("<image><span></image>", id="image is the void img"),
    pytest.param("<p><noscript><dt><font></dialog>", id="a dt looks for the open dt before the p is closed"),
    pytest.param("</optgroup><optgroup><b><dialog>", id="an optgroup re-creates the formatting elements"),
    pytest.param("<math></h1></article></main><aside><details><h2>", id="an HTML end tag inside MathML"),
    pytest.param("<rb><math><dialog></mtext><mtext>", id="an end tag's HTML rule closes only HTML elements"),
]


@pytest.mark.parametrize("markup", _DEEP)
def test_markup_the_parser_nests_deep_is_refused(markup: str) -> None:
    with pytest.raises(InputTooLargeError, match="nested too deep"):
        check_structure("<html><body>x" + markup * 12_000 + "x", DEPTH, ELEMENTS)


@pytest.mark.parametrize("markup", _DEEP)
def test_the_model_is_never_shallower_than_lexbor_there(markup: str) -> None:
    page = "<html><body>x" + markup * 150 + "x"
    assert _model_depth(page) >= _lexbor_depth(page) - 1


@pytest.mark.parametrize(
    "page",
    [
        pytest.param("<div><svg><g></div>x", id="an HTML end tag closes the SVG inside its element"),
        pytest.param("<svg><foreignObject></foreignObject><g>x", id="an SVG end tag closes its element"),
        pytest.param("<p><select><div>x<p>y</select>", id="a select bounds the scope of the p outside it"),
        pytest.param("<button><select><button>x", id="a button inside a select opens inside it"),
        pytest.param("<form><table><tr><td></form><form>x", id="a form end tag out of scope clears the pointer"),
        pytest.param("<div><form></div><form>x", id="the form pointer outlives the form it points to"),
        pytest.param("<b><h1></b><h2>x", id="a heading after the adoption agency"),
        pytest.param(
            "<table><caption><svg><caption><foreignObject><div></caption>x", id="an SVG caption is no caption"
        ),
    ],
)
def test_small_pages_nest_in_the_model_as_in_lexbor(page: str) -> None:
    assert _lexbor_depth(page) - 1 <= _model_depth(page) <= _lexbor_depth(page) + 1


_SOUP = (
    "b i a nobr font h1 h2 button select option optgroup form p div span dialog li dd dt ul rt rb ruby rtc "
    "svg math mi foreignObject desc g table td tr caption object input hr textarea xmp body html image "
    "frameset noscript em"
)


def test_random_repeated_markup_is_never_much_shallower_in_the_model() -> None:
    """A short random run of tags repeated 150 times: the model may over-count, never fall far behind."""
    import random

    tags = _SOUP.split()
    for seed in range(300):
        rng = random.Random(seed)
        snippet = "".join(
            f"<{tag}>" if r < 0.6 else f"</{tag}>" if r < 0.9 else "x"
            for tag, r in ((rng.choice(tags), rng.random()) for _ in range(rng.randint(1, 7)))
        )
        page = "<html><body>" + snippet * 150 + "x"
        assert _model_depth(page) >= _lexbor_depth(page) - 20, snippet


# -- defect 18b: an e-mail part labelled UTF-16 or UTF-32 whose bytes are not ---------------------


def _mail(content_type: str, body: bytes) -> bytes:
    return (
        b"From: foi@council.gov.uk\r\nTo: a@example.org\r\nSubject: re\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body
    )


@pytest.mark.parametrize("charset", ["utf-16", "utf-32", "UTF-16LE", "utf-32-be"])
@pytest.mark.parametrize("subtype", ["plain", "html"])
def test_a_part_labelled_wide_whose_bytes_are_ascii_reads_as_ascii_with_a_warning(charset: str, subtype: str) -> None:
    doc = read_eml(_mail(f"text/{subtype}; charset={charset}", b"Dear Sir, we hold 12 files.\r\n"))
    assert "Dear Sir, we hold 12 files." in doc.text
    assert "\ufffd" not in doc.text
    (warning,) = [w for w in doc.warnings if w.code == "charset_mislabelled"]
    assert f"charset={charset.lower()}" in warning.message and "utf-8" in warning.message


def test_a_part_its_charset_decodes_to_mostly_replacement_characters_is_read_by_its_bytes() -> None:
    body = "Dear Sir, we hold 12 files.\r\n".encode("utf-16-le")  # labelled UTF-32: every unit invalid
    doc = read_eml(_mail("text/plain; charset=utf-32", body))
    assert "Dear Sir, we hold 12 files." in doc.text
    assert [w.code for w in doc.warnings] == ["charset_mislabelled"]


@pytest.mark.parametrize(
    ("charset", "body"),
    [
        pytest.param("utf-16", "\ufeffDear Sir, we hold 12 files.\r\n".encode("utf-16-le"), id="utf-16 with a BOM"),
        pytest.param("utf-16-le", "Dear Sir, we hold 12 files.\r\n".encode("utf-16-le"), id="utf-16-le"),
        pytest.param("utf-32", "Dear Sir, we hold 12 files.\r\n".encode("utf-32"), id="utf-32 with a BOM"),
        pytest.param("utf-8", "Dear Sir, we hold 12 files at £4.\r\n".encode(), id="utf-8"),
        pytest.param("windows-1252", "Dear Sir, we hold 12 files at £4.\r\n".encode("cp1252"), id="windows-1252"),
    ],
)
def test_a_part_whose_charset_is_right_is_read_by_it_without_a_warning(charset: str, body: bytes) -> None:
    doc = read_eml(_mail(f"text/plain; charset={charset}", body))
    assert "Dear Sir, we hold 12 files" in doc.text
    assert not doc.warnings


# -- defect 18a: a text that begins with the PDF header -------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(
            b"%PDF-1.4 was the header of the file you sent; it did not open.\n\nDear Sir, we hold 12 files.\n",
            id="at the first byte",
        ),
        pytest.param(
            b"\n%PDF-1.4 was the header of the file you sent.\n\nDear Sir, we hold 12 files.\n",
            id="after a blank line",
        ),
        pytest.param(
            b"%PDF-1.7 is the version our scanner writes.\r\nDear Sir, the trailer of the letter follows.\r\n",
            id="with a PDF keyword in its prose",
        ),
    ],
)
def test_a_letter_that_begins_with_the_pdf_header_is_text(data: bytes) -> None:
    assert detect_format(data, "letter.txt") == "text"
    assert detect_format(data) == "text"


def test_a_note_named_txt_with_a_word_after_the_header_is_text() -> None:
    assert detect_format(b"%PDF-1.4\n\n12 files\n", "note.txt") == "text"


@pytest.mark.parametrize("name", ["reply.pdf", "reply.txt", None])
@pytest.mark.parametrize("cut", [9, 30, 60, 200, 3])
def test_a_truncated_pdf_is_still_a_pdf_whatever_it_is_named(name: str | None, cut: int) -> None:
    data = (FIXTURES / "pdf-ruled-table-letter.pdf").read_bytes()
    part = data[: len(data) // cut] if cut < 9 else data[:cut]
    assert detect_format(part, name) == "pdf"


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"%PDF-1.7\n" + bytes(range(256)) * 20, id="binary after the header"),
        pytest.param(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3 Generated by a scanner\n", id="a binary comment"),
        pytest.param(b"%PDF-1.4 words here\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", id="objects"),
        pytest.param(b"%PDF-1.4\n", id="the header alone"),
    ],
)
def test_what_a_pdf_writer_puts_after_the_header_keeps_it_a_pdf(data: bytes) -> None:
    assert detect_format(data, "x.pdf") == "pdf"


def test_the_letter_parses_and_a_truncated_pdf_is_still_corrupt(tmp_path: Path) -> None:
    from foiparse import parse

    letter = tmp_path / "letter.txt"
    letter.write_bytes(
        b"%PDF-1.4 was the header of the file you sent; it did not open.\n\nDear Sir, we hold 12 files.\n"
    )
    assert "Dear Sir, we hold 12 files." in parse(letter).text
    truncated = tmp_path / "reply.pdf"
    data = (FIXTURES / "pdf-ruled-table-letter.pdf").read_bytes()
    truncated.write_bytes(data[: len(data) // 3])
    with pytest.raises(CorruptFileError, match="corrupt or truncated PDF"):
        parse(truncated)
