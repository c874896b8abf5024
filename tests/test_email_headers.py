"""E-mail headers whose length once cost quadratic time and memory in Python's header parser (issue #13, 11)."""

from __future__ import annotations

import subprocess
import sys
from email import headerregistry
from typing import Any

import pytest

from foiparse.errors import InputTooLargeError
from foiparse.readers.email import attachments_of, read_eml

LIMIT = 4096  # characters of one header value the structured parser may see


def _mail(headers: str, body: str = "Dear Sir, we hold 12 files.") -> bytes:
    head = "From: foi@council.gov.uk\r\nMIME-Version: 1.0\r\n" + headers
    return (head + "\r\n\r\n" + body).encode()


def _parts(*part_headers: str) -> bytes:
    body = "--BB\r\nContent-Type: text/plain\r\n\r\nDear Sir, see attached.\r\n"
    body += "".join(f"--BB\r\n{head}\r\n\r\nJVBERi0=\r\n" for head in part_headers) + "--BB--\r\n"
    return _mail("To: a@example.org\r\nSubject: FOI 1234\r\nContent-Type: multipart/mixed; boundary=BB", body)


def _parsed_lengths(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record the length of every header value handed to the structured header parser."""
    lengths: list[int] = []
    real = headerregistry.HeaderRegistry.__call__

    def call(self: headerregistry.HeaderRegistry, name: str, value: str) -> Any:
        lengths.append(len(value))
        return real(self, name, value)

    monkeypatch.setattr(headerregistry.HeaderRegistry, "__call__", call)
    return lengths


SHAPES = {
    "dotted To": _mail("To: " + " . " * 6000),
    "encoded words in To": _mail("To: " + "=?utf-8?Q?abc?=" * 1500),
    "comments in Content-Type": _mail("To: a@example.org\r\nContent-Type: text/plain; " + "section 40(2)" * 1500),
    "long Subject": _mail("To: a@example.org\r\nSubject: " + "section 40(2) " * 1500),
    "long Date": _mail("To: a@example.org\r\nDate: " + "Mon, " * 4000),
    "part's Content-Disposition": _parts(
        "Content-Type: application/pdf\r\nContent-Disposition: attachment; filename=a.pdf" + "; (x)" * 4000
    ),
    "part's RFC 2231 filename": _parts(
        "Content-Type: application/pdf\r\nContent-Disposition: attachment"
        + "".join(f"; filename*{i}*=utf-8''%41" for i in range(1000))
    ),
    "part's transfer encoding": _parts("Content-Type: application/pdf\r\nContent-Transfer-Encoding: " + " ;" * 5000),
}


@pytest.mark.parametrize("mail", SHAPES.values(), ids=SHAPES.keys())
def test_no_header_value_longer_than_the_limit_reaches_the_structured_parser(
    mail: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    lengths = _parsed_lengths(monkeypatch)
    read_eml(mail)
    attachments_of(mail)
    assert lengths, "the reader no longer goes through the header registry: this test must follow it"
    assert max(lengths) <= LIMIT


def test_a_memory_error_in_the_header_parser_is_raised_not_read_as_a_malformed_header(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = headerregistry.HeaderRegistry.__call__

    def call(self: headerregistry.HeaderRegistry, name: str, value: str) -> Any:
        if name.lower() == "to":
            raise MemoryError
        return real(self, name, value)

    monkeypatch.setattr(headerregistry.HeaderRegistry, "__call__", call)
    with pytest.raises(MemoryError):
        read_eml(_mail("To: a@example.org"))


def test_many_long_part_headers_are_refused_as_too_much_header_text() -> None:
    heads = [
        f"Content-Type: application/pdf\r\nContent-Disposition: attachment; x{i}=" + "40(2)" * 800 for i in range(64)
    ]
    with pytest.raises(InputTooLargeError, match="too much e-mail header text") as info:
        read_eml(_parts(*heads))
    assert info.value.size > info.value.limit


def test_a_thousand_attachments_with_long_names_are_still_read() -> None:
    name = "FOI-2024-0588 response - annex {:03} - Section 40(2) redacted.pdf"
    heads = [
        f'Content-Type: application/pdf; name="{name.format(i)}"\r\nContent-Disposition: attachment; '
        f'filename="{name.format(i)}"\r\nContent-Transfer-Encoding: base64'
        for i in range(990)
    ]
    mail = _parts(*heads)
    assert len(read_eml(mail).attachments) == 990
    names = [a.name for a in attachments_of(mail)]
    assert names[-1] == name.format(989)


def test_a_to_header_over_the_limit_is_shown_cut_at_an_address() -> None:
    addresses = ", ".join(f"person{i}@example.org" for i in range(400))  # 9.5 KB
    doc = read_eml(_mail("To: " + addresses + "\r\nDate: Mon, 6 Jan 2025 10:00:00 +0000"))
    line = next(line for line in doc.text.splitlines() if line.startswith("To: "))
    assert line.startswith("To: person0@example.org, person1@example.org")
    assert line.endswith(".org")
    assert LIMIT // 2 < len(line) <= LIMIT + 4
    assert "Date: Mon, 06 Jan 2025 10:00:00 +0000" in doc.text
    assert [(w.code, w.message.rsplit(": ", 1)[1]) for w in doc.warnings] == [("header_cut", "To")]


def test_a_mail_with_no_header_cut_has_no_warning() -> None:
    assert read_eml(_mail("To: someone@example.org")).warnings == ()


_UNDER_300_MB = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (300 << 20, 300 << 20))
from foiparse.readers.email import read_eml
mail = b"From: foi@council.gov.uk\\r\\nTo: " + b"=?utf-8?Q?abc?=" * 16000 + b"\\r\\n\\r\\nDear Sir"
print(read_eml(mail).text.splitlines()[1][:10])
"""


def test_a_to_header_of_16000_encoded_words_is_read_in_under_300_mb() -> None:
    done = subprocess.run([sys.executable, "-c", _UNDER_300_MB], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.startswith("To: abc")  # decoded by the parser, not the raw value it gave up on


def test_a_malformed_header_with_undecodable_bytes_is_read_with_replacement_characters() -> None:
    doc = read_eml(b"From: H\xc0rbury\x84District Council FOI Team <\r\n.\r\nf")
    assert doc.text.startswith("From: H\ufffdrbury\ufffdDistrict Council FOI Team <\n")
    doc.text.encode("utf-8")  # no lone surrogate left for the JSON writer to refuse
