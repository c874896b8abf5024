"""Hostile HTML, e-mail and text that once cost a batch its timeout, its memory or a wrong answer (issue #13)."""

from __future__ import annotations

import pytest

from conftest import SEED
from foiparse.detect import detect_format
from foiparse.errors import FoiparseError, InputTooLargeError
from foiparse.readers import html as html_reader
from foiparse.readers.email import attachments_of, read_eml
from foiparse.readers.html import check_structure, read_html
from foiparse.readers.text import read_text

LETTER = SEED.read_text(encoding="utf-8")
DEPTH, ELEMENTS = 10_000, 500_000


def _elements(page: str) -> int:
    """How many elements lexbor builds for the page (the truth the pre-parse estimate must bound)."""
    from selectolax.lexbor import LexborHTMLParser

    root = LexborHTMLParser(page).root
    assert root is not None
    return sum(1 for _ in root.traverse(include_text=False))


# -- defect 10: formatting elements the parser re-creates in every later block ----------------


def _unclosed(tags: int, blocks: int) -> str:
    return "<html><body><p>" + "".join(f"<b id={i}>" for i in range(tags)) + "<p>x" * blocks


def test_unclosed_formatting_tags_re_created_in_every_block_are_too_many_elements() -> None:
    page = _unclosed(2000, 4000)  # 37 KB that lexbor turns into 8 million elements (2.9 GB)
    assert len(page) < 40_000
    with pytest.raises(InputTooLargeError, match="too many HTML elements"):
        check_structure(page, DEPTH, ELEMENTS)


def test_the_reader_refuses_them_before_the_parser_spends_the_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    def parser(*args: object) -> None:
        raise AssertionError("the page reached the parser")

    monkeypatch.setattr(html_reader, "LexborHTMLParser", parser)
    with pytest.raises(InputTooLargeError, match="too many HTML elements"):
        read_html(_unclosed(2000, 4000).encode())


@pytest.mark.parametrize(
    "page",
    [
        pytest.param(_unclosed(60, 300), id="p closes, text re-creates"),
        pytest.param("<body><div>" + "<i id=a>" * 3 + "<u class=x>" * 40 + "</div>" + "<div>y</div>" * 200, id="div"),
        pytest.param(
            "<body>" + "<div>" * 100 + "".join(f"<s title={i}>" for i in range(50)) + "</div>x" * 100, id="end"
        ),
        pytest.param("<body><li>" + "<em lang=x>" * 30 + "".join(f"<li>{i}" for i in range(300)), id="list items"),
        pytest.param("<table>" + "".join(f"<tr><td><b>{i}<td><i>{i}" for i in range(300)) + "</table>", id="cells"),
        pytest.param("<body>" + "<p><font face=Arial>Sloppy paragraph" * 500, id="sloppy word html"),
        pytest.param("<body>" + "<a href=x>link<p>para" * 300, id="unclosed links"),
    ],
)
def test_the_element_estimate_is_never_below_what_the_parser_builds_nor_far_above(page: str) -> None:
    built = _elements(page)
    estimate = check_structure(page, DEPTH, ELEMENTS)
    assert built <= estimate <= 2 * built + 50


def test_a_long_sloppy_page_is_not_refused_for_its_unclosed_font_tags() -> None:
    page = "<html><body>" + "<p><font face=Arial>An unclosed font in every paragraph." * 60_000
    assert check_structure(page, DEPTH, ELEMENTS) < ELEMENTS


@pytest.mark.parametrize(
    "markup",
    [
        pytest.param(("<span>" + "<div>" * 50 + "</span>") * 300, id="an inline end tag does not close blocks"),
        pytest.param(("<b>" + "<div>" * 50 + "</b>") * 300, id="a misnested formatting end tag"),
        pytest.param("<table><tr><td>" * 3500, id="tables nest three elements a level"),
        pytest.param(("<div><table>" + "</div>") * 6000, id="an end tag out of scope is ignored"),
        pytest.param("<li><blockquote>" * 6000, id="a list item inside a block is nested"),
    ],
)
def test_markup_nested_deeper_than_the_limit_is_refused_however_it_is_closed(markup: str) -> None:
    with pytest.raises(InputTooLargeError, match="nested too deep"):
        check_structure("<html><body>" + markup + "x", DEPTH, ELEMENTS)


# -- defect 11a: tables nested thousands deep ----------------------------------------------------


def test_nested_data_tables_are_walked_in_linear_time(monkeypatch: pytest.MonkeyPatch) -> None:
    expanded = [0]
    children = html_reader._children

    def counting(node: object) -> object:
        expanded[0] += 1
        return children(node)  # type: ignore[arg-type]

    monkeypatch.setattr(html_reader, "_children", counting)
    levels = 600
    page = "<table><tr><td>x</td><td>" * levels + "Deep text." + "</td></tr></table>" * levels
    doc = read_html(page.encode())
    assert "Deep text." in doc.text
    assert expanded[0] <= 250 * levels  # a bounded number of nodes read a level, not every node below it


def test_tables_nested_9000_deep_are_refused_as_nested_too_deep() -> None:
    page = "<table><tr><td>x</td><td>" * 9000 + "Deep" + "</td></tr></table>" * 9000
    with pytest.raises(InputTooLargeError, match="nested too deep"):
        read_html(page.encode())


# -- defect 20: scripts and other raw text are not markup ----------------------------------------


@pytest.mark.parametrize("tag", ["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"])
def test_comparisons_inside_raw_text_are_not_counted_as_tags(tag: str) -> None:
    body = "if (a<b && c<d) { n = n<i ? 1 : 0 }\n" * 15_000
    page = f"<html><head><{tag}>{body}</{tag.upper()}></head><body><p>Dear Sir, 12 cases.</p></body></html>"
    check_structure(page, DEPTH, ELEMENTS)
    assert "12 cases" in read_html(page.encode()).text


def test_a_comment_opener_inside_a_script_does_not_hide_the_markup_after_it() -> None:
    page = "<html><body><script>var s = '<!--';</script>" + "<div>" * 20_000 + "x"
    with pytest.raises(InputTooLargeError, match="nested too deep"):
        check_structure(page, DEPTH, ELEMENTS)


def test_plaintext_makes_the_rest_of_the_page_text() -> None:
    check_structure("<html><body><plaintext>" + "<div>" * 20_000, DEPTH, ELEMENTS)


# -- defect 11b and 18: charsets that are not text encodings, and UTF-16 labels -----------------


@pytest.mark.parametrize(
    "label", ["punycode", "idna", "undefined", "unicode_escape", "raw-unicode-escape", "utf-7", "rot13", "charmap"]
)
def test_a_page_declaring_a_codec_that_is_no_document_charset_is_read_as_utf8(label: str) -> None:
    page = f"<html><head><meta charset={label}></head><body><p>Fee \\u00a3 25 caf\u00e9-abcdefghij</p>".encode()
    doc = read_html(page)
    assert doc.source.encoding == "utf-8"
    assert "Fee \\u00a3 25 caf\u00e9-abcdefghij" in doc.text


@pytest.mark.parametrize("label", ["utf16", "u16", "unicodelittleunmarked", "utf-16le", "UTF-16BE", "utf32", "ucs-2"])
def test_a_page_labelled_utf16_without_a_bom_is_read_as_utf8_as_browsers_do(label: str) -> None:
    page = f"<html><head><meta charset={label}></head><body><p>Fee: 25 pounds</p></body></html>".encode()
    for padding in (b"", b" ", b"  ", b"   "):
        doc = read_html(page + padding)
        assert doc.text == "Fee: 25 pounds\n"
        assert doc.source.encoding == "utf-8"


def _mail(headers: str, body: bytes) -> bytes:
    head = "From: foi@council.gov.uk\r\nTo: a@example.org\r\nMIME-Version: 1.0\r\n" + headers
    return head.encode() + b"\r\n\r\n" + body


@pytest.mark.parametrize("label", ["punycode", "idna", "rot13", "undefined"])
def test_an_email_in_a_codec_that_is_no_text_charset_is_read_as_utf8(label: str) -> None:
    body = b"Dear Sir-abcdefghij " + "\u00a3".encode() + b"25"
    doc = read_eml(_mail(f"Subject: =?{label}?q?x-abcdefghij?=\r\nContent-Type: text/plain; charset={label}", body))
    assert "Dear Sir-abcdefghij \u00a325" in doc.text
    assert "Subject: x-abcdefghij" in doc.text


def test_an_attachment_name_in_a_codec_that_is_no_text_charset_is_kept_as_bytes() -> None:
    part = (
        "--BB\r\nContent-Type: application/pdf\r\n"
        "Content-Disposition: attachment; filename*=punycode''reply-abcdefghij.pdf\r\n\r\nJVBERi0=\r\n"
    )
    mail = _mail(
        "Subject: x\r\nContent-Type: multipart/mixed; boundary=BB", f"--BB\r\n\r\nDear Sir\r\n{part}--BB--".encode()
    )
    assert [a.name for a in attachments_of(mail)] == ["reply-abcdefghij.pdf"]


# -- defect 11c: thousands of attachments with one name ------------------------------------------


def _attachments_mail(count: int, names: list[str] | None = None) -> bytes:
    parts = ["--BB\r\nContent-Type: text/plain\r\n\r\nDear Sir, see attached.\r\n"]
    for i in range(count):
        name = names[i] if names else "reply.pdf"
        parts.append(
            f'--BB\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename="{name}"\r\n\r\n'
            "JVBERi0=\r\n"
        )
    body = "".join(parts) + "--BB--\r\n"
    return _mail("Subject: replies\r\nContent-Type: multipart/mixed; boundary=BB", body.encode())


def test_an_email_with_30000_parts_is_refused_before_it_is_parsed() -> None:
    with pytest.raises(InputTooLargeError, match="too many MIME parts") as info:
        read_eml(_attachments_mail(30_000))
    assert info.value.limit == 1000


def test_attachments_with_one_name_get_unique_names_in_order() -> None:
    names = ["reply.pdf", "reply.pdf", "2-reply.pdf", "reply.pdf", "a/b.pdf"]
    got = [a.name for a in attachments_of(_attachments_mail(len(names), names))]
    assert got == ["reply.pdf", "2-reply.pdf", "2-2-reply.pdf", "3-reply.pdf", "a_b.pdf"]


# -- defect 18: text detection ------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(LETTER.encode("utf-16-le") + b"\n", id="a stray byte at the end"),
        pytest.param(b"\n" + LETTER.encode("utf-16-le"), id="a stray byte at the start"),
        pytest.param(LETTER[:900].encode("utf-16-le") + b"\x0a" + LETTER[900:].encode("utf-16-le"), id="in the middle"),
        pytest.param(LETTER.encode("utf-16-be") + b"\r", id="big-endian"),
    ],
)
def test_utf16_without_a_bom_and_with_a_stray_byte_is_read_as_utf16_with_a_warning(data: bytes) -> None:
    assert detect_format(data, "letter.txt") == "text"
    doc = read_text(data)
    assert "\x00" not in doc.text
    assert LETTER[:800] in doc.text and LETTER[-800:] in doc.text
    assert doc.text.count("\ufffd") <= 2
    assert [w.code for w in doc.warnings] == ["encoding_repaired"]


def test_utf16_without_a_bom_that_round_trips_still_reads_without_a_repair() -> None:
    doc = read_text(LETTER.encode("utf-16-le"))
    assert doc.text == LETTER
    assert [w.code for w in doc.warnings] == ["encoding_guessed"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(b'Dear Sir,\nThe file you sent begins "%PDF-1.4" and is not a letter.\n', "text", id="quoted"),
        pytest.param(b"%PDF-1.4 is the version we use.\n", "text", id="at offset 0, prose after it"),
        pytest.param(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>", "pdf", id="at offset 0, an object after it"),
        pytest.param(b"\x00\x05\x07MacBinary junk\x01\x02%PDF-1.7\n1 0 obj", "pdf", id="after binary junk"),
        pytest.param(b"\r\n \t%PDF-1.4\n", "pdf", id="after white space"),
        pytest.param(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n1 0 obj\n<< >>\nendobj\n",
            "pdf",
            id="after saved HTTP headers, with objects",
        ),
    ],
)
def test_pdf_magic_counts_only_at_the_start_or_after_junk(data: bytes, expected: str) -> None:
    assert detect_format(data, "x.txt") == expected


# -- review of issue #13: markup the pre-parse model read differently from the tokenizer ---------

_ATTACK = "".join(f"<p><b id={i}>x" for i in range(2500))  # 1.9 million elements in lexbor


@pytest.mark.parametrize(
    "prefix",
    [
        pytest.param("<!-- note --!>", id="a comment ended by --!>"),
        pytest.param("<!-->", id="an empty comment <!-->"),
        pytest.param("<!--->", id="an empty comment <!--->"),
        pytest.param('<p title="<!--">', id="a comment opener in a quoted attribute"),
        pytest.param("<p title='<xmp>'>", id="a raw-text tag in a quoted attribute"),
        pytest.param("<p title=<script>", id="a raw-text tag in an unquoted attribute"),
        pytest.param("<svg><font><xmp><p>", id="a font without color, face or size stays in svg"),
        pytest.param("<svg><font title='size'><xmp><p>", id="a font whose attribute value says size"),
        pytest.param("<?x <!-- >", id="a processing instruction is a bogus comment to the next >"),
        pytest.param("</ x <!-- >", id="an end tag without a name is a bogus comment"),
        pytest.param("<!x <!-- >", id="a bogus comment"),
        pytest.param("<script>x</script ><!-- -->", id="a raw-text end tag with a space"),
    ],
)
def test_markup_after_a_prefix_the_tokenizer_reads_otherwise_is_still_counted(prefix: str) -> None:
    with pytest.raises(InputTooLargeError, match="too many HTML elements"):
        check_structure("<p>Reply</p>" + prefix + _ATTACK, DEPTH, ELEMENTS)


@pytest.mark.parametrize(
    "point",
    [
        "<svg><foreignObject>",
        "<svg><desc>",
        "<svg><title>",
        "<math><mi>",
        "<math><mtext>",
        '<math><annotation-xml encoding="text/html">',
    ],
)
def test_html_inside_an_integration_point_does_not_break_out_of_svg_or_mathml(point: str) -> None:
    with pytest.raises(InputTooLargeError, match="nested too deep"):
        check_structure((point + "<p>x") * 5000, DEPTH, ELEMENTS)


def test_a_parser_failure_is_a_foiparse_error_not_an_internal_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def parser(*args: object) -> None:
        raise RuntimeError("SelectolaxError: Can't parse HTML.")

    monkeypatch.setattr(html_reader, "LexborHTMLParser", parser)
    with pytest.raises(FoiparseError, match="cannot parse the HTML"):
        read_html(b"<p>Dear Sir</p>")


@pytest.mark.parametrize(
    "page",
    [
        pytest.param("<svg><font color=red><xmp><p>" + "<p>x" * 200, id="font with color breaks out"),
        pytest.param("<svg><foreignObject><xmp><p>x</xmp>" + "<div>y" * 200, id="raw text in foreignObject"),
        pytest.param("<svg><desc>" + "<p>x" * 300, id="p in desc"),
        pytest.param('<p title="<!--">' + "<i>x" * 300, id="quoted attribute"),
        pytest.param("<!-- a --!>" + "<u>x" * 300, id="--!> comment"),
        pytest.param("<body>" + "<path/>" * 300, id="path is not self-closing in HTML"),
    ],
)
def test_the_estimate_bounds_what_the_parser_builds_for_foreign_and_tricky_markup(page: str) -> None:
    built = _elements(page)
    estimate = check_structure(page, DEPTH, ELEMENTS)
    assert built <= estimate <= 2 * built + 50
