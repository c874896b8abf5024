"""The fuzzer (fuzz/fuzz_readers.py): a short, seeded run of its Word and e-mail mutators, and its checks."""

from __future__ import annotations

import dataclasses
import email
import email.policy
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from conftest import FIXTURES, ROOT, load_script
from foiparse import FoiResponse, parse

FUZZ = load_script(ROOT / "fuzz" / "fuzz_readers.py")
SMOKE = settings(max_examples=25, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
DOCX = FIXTURES / "docx-council-letter.docx"
EML = FIXTURES / "eml-reply-with-attachment.eml"


@SMOKE
@given(FUZZ.inputs("docx"))
def test_mutated_word_documents_give_a_grounded_response_or_a_foiparse_error(data: bytes) -> None:
    finding = FUZZ.check("docx", data, 5.0)
    assert finding is None, finding.summary + "\n" + finding.detail


@SMOKE
@given(FUZZ.inputs("eml"))
def test_mutated_emails_give_a_grounded_response_or_a_foiparse_error(data: bytes) -> None:
    finding = FUZZ.check("eml", data, 5.0)
    assert finding is None, finding.summary + "\n" + finding.detail


def test_the_word_mutator_plants_xml_in_the_body_and_zips_it_again() -> None:
    package = FUZZ.unzip(DOCX.read_bytes())
    token = b"<w:p><w:r><w:t>planted</w:t></w:r></w:p>"
    before_first_paragraph = 2 * 64  # the third tag of the body XML; five in eight positions pick the body
    data = FUZZ._mutate_docx(package, [(1, before_first_paragraph, 0, token)], [], [], True)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert token in archive.read("word/document.xml")
    assert "planted" in parse(data, FUZZ.Options(format="docx")).text


def test_the_word_mutator_can_name_a_part_twice() -> None:
    package = FUZZ.unzip(DOCX.read_bytes())
    data = FUZZ._mutate_docx(package, [], [(1, 0, 0)], [], False)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
    assert len(names) == len(set(names)) + 1


def test_the_mail_mutator_nests_multiparts_as_deep_as_asked() -> None:
    data = FUZZ._mutate_eml(EML.read_bytes(), [(3, 1, 9, b"")])
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert sum(part.is_multipart() for part in message.walk()) == 1 + 10


def test_the_mail_mutator_sets_a_hostile_charset() -> None:
    data = FUZZ._mutate_eml(EML.read_bytes(), [(0, 0, FUZZ.EML_CHARSETS.index(b"punycode"), b"")])
    assert b'charset="punycode"' in data


def test_the_fixtures_themselves_are_no_finding() -> None:
    assert FUZZ.check("docx", DOCX.read_bytes()) is None
    assert FUZZ.check("eml", EML.read_bytes()) is None


def test_an_unexpected_exception_is_a_finding_named_by_type_and_place(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> FoiResponse:
        raise KeyError("boom")

    monkeypatch.setattr(FUZZ, "parse", broken)
    finding = FUZZ.check("text", b"Dear Sir")
    assert finding is not None
    assert finding.signature.startswith("parse:KeyError@")
    assert "boom" in finding.detail


def test_a_span_that_does_not_slice_back_is_a_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    good = parse(FIXTURES / "leicester-data-breaches-2019.txt")
    assert good.authority is not None
    bad = dataclasses.replace(good, authority=dataclasses.replace(good.authority, span=(0, 3)))
    monkeypatch.setattr(FUZZ, "parse", lambda *args, **kwargs: bad)
    finding = FUZZ.check("text", b"")
    assert finding is not None
    assert finding.signature == "grounding:$.authority.span"


def test_json_that_breaks_the_schema_is_a_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(FUZZ, "to_dict", lambda response: {"schema_version": "nonsense"})
    finding = FUZZ.check("text", (FIXTURES / "leicester-data-breaches-2019.txt").read_bytes())
    assert finding is not None
    assert finding.signature.startswith("schema:")


def test_only_the_smallest_input_of_a_failure_is_kept_and_every_one_counted(tmp_path: Path) -> None:
    tally = FUZZ.Tally("eml")
    finding = FUZZ.Finding("parse:KeyError@x", "parse:KeyError@x: boom", "traceback")
    for data in (b"a longer input", b"short", b"the longest input of all"):
        FUZZ._save(tmp_path, tally, finding, data)
    assert tally.distinct["parse:KeyError@x"][1:] == (b"short", 3)
    assert [p.read_bytes() for p in tmp_path.glob("*.eml")] == [b"short"]
    (note,) = tmp_path.glob("*.txt")
    assert "--replay" in note.read_text() and "traceback" in note.read_text()


def test_all_splits_the_minutes_across_every_reader_and_prints_a_line_each(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    calls: list[tuple[str, float]] = []

    def fake(reader: str, minutes: float, out: Path, seed: int | None, hang: float) -> Any:
        calls.append((reader, minutes))
        return FUZZ.Tally(reader, tried=10, seconds=2.0)

    monkeypatch.setattr(FUZZ, "run", fake)
    assert FUZZ.main(["--reader", "all", "--minutes", "10", "--max-memory", "0"]) == 0
    assert calls == [(reader, 2.0) for reader in ("text", "html", "pdf", "docx", "eml")]
    lines = capsys.readouterr().out.splitlines()
    assert "docx: 10 inputs in 0.0 min (5.0/s), 0 failures, 0 distinct" in lines
    assert lines[-1] == "all: 50 inputs, 0 failures, 0 distinct"


def test_replay_exits_1_for_a_finding_and_0_for_a_fixture(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert FUZZ.main(["--reader", "eml", "--replay", str(EML), "--max-memory", "0"]) == 0
    monkeypatch.setattr(FUZZ, "to_json", lambda response: b"\xff".decode())
    assert FUZZ.main(["--reader", "eml", "--replay", str(EML), "--max-memory", "0"]) == 1
    assert "to_json:UnicodeDecodeError" in capsys.readouterr().out


def test_the_mail_mutator_adds_a_part_even_where_the_first_boundary_is_empty() -> None:
    message = b"X-Junk: boundary=\n" + EML.read_bytes()  # an empty boundary= ahead of the real one
    data = FUZZ._mutate_eml(message, [(6, 0, 0, b"")])
    assert FUZZ.EML_PARTS[0] in data


def test_minimize_keeps_only_what_the_failure_needs(monkeypatch: pytest.MonkeyPatch) -> None:
    def fake(reader: str, data: bytes, hang: float = 20.0) -> Any:
        return FUZZ.Finding("parse:KeyError@x", "", "") if b"BAD" in data else None

    monkeypatch.setattr(FUZZ, "check", fake)
    smaller, finding = FUZZ.minimize("text", b"Dear Sir, BAD letter follows", 1.0)
    assert (smaller, finding is not None) == (b"BAD", True)
