"""Bounded cost and faithful decoding in format detection, the text reader and the e-mail reader."""

from __future__ import annotations

from foiparse.detect import detect_format
from foiparse.readers.email import read_eml
from foiparse.readers.text import decode

LETTER = "Dear Ms Okoro,\nWe hold 12 files about the depot.\nYours sincerely\n"


def test_a_digit_run_longer_than_an_object_number_is_not_a_pdf_object() -> None:
    data = b"Dear Ms Okoro,\nThe file header was %PDF-" + b"7" * 40 + b" 0 obj\n"
    assert detect_format(data) == "text"


def test_a_download_with_http_headers_before_a_pdf_is_still_a_pdf() -> None:
    data = b"HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n1 0 obj\n<< >>\nendobj\n"
    assert detect_format(data) == "pdf"


def test_comments_before_an_html_start_tag_still_make_html() -> None:
    assert detect_format(b"<!-- a --> <!-- b -->\n<html><body><p>Dear Sir</p>") == "html"


def test_odd_length_big_endian_utf16_starting_with_a_non_latin_letter_keeps_its_byte_order() -> None:
    data = ("\u20ac" + LETTER).encode("utf-16-be") + b"\n"
    text, encoding, _, _ = decode(data)
    assert encoding == "utf-16-be"
    assert text.startswith("\u20acDear Ms Okoro,")
    assert text.endswith("Yours sincerely\n\ufffd")


def test_odd_length_little_endian_utf16_after_a_stray_byte_is_still_read_little_endian() -> None:
    data = b"\x07" + ("\u20ac" + LETTER).encode("utf-16-le")
    text, encoding, _, _ = decode(data)
    assert encoding == "utf-16-le"
    assert text == "\ufffd\u20ac" + LETTER


def _multipart(body_lines: bytes) -> bytes:
    return (
        b"From: foi@council.example\r\nTo: a@example.org\r\nSubject: FOI 1\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/plain\r\n\r\nDear Sir,\r\n" + body_lines + b"We hold 12 files.\r\n--b--\r\n"
    )


def test_body_lines_that_only_start_like_a_boundary_are_not_counted_as_parts() -> None:
    document = read_eml(_multipart(b"--bullet point\r\n" * 1200))
    assert "We hold 12 files." in document.text


def test_charset_words_in_a_message_body_are_left_as_written() -> None:
    document = read_eml(_multipart(b"The page said charset=punycode in its header.\r\n"))
    assert "charset=punycode" in document.text
